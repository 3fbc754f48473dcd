// Shared end-to-end harness: starts the real `vod-console` (and, when asked, a separate
// `vod-emulator`) on free loopback ports with fresh data directories, and launches
// Debian's Chromium through playwright-core.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "..");
const BIN_DIR = process.env.CONSOLE_BIN_DIR ?? join(ROOT, "target/debug");

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    if (Date.now() > until) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts a process, collecting stdout+stderr; resolves when `ready(output)` is true. */
function startProcess(bin, args, env, ready, ms = 90_000) {
  const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const proc = { child, output: "" };
  const onData = (d) => { proc.output += d.toString(); };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${bin} did not start:\n${proc.output}`)), ms);
    const check = () => {
      if (ready(proc.output)) { clearTimeout(timer); child.stdout.off("data", check); child.stderr.off("data", check); ok(proc); }
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    child.on("exit", (code) => { clearTimeout(timer); fail(new Error(`${bin} exited with ${code}:\n${proc.output}`)); });
  });
}

export async function startEmulator({ accessKeyId, accessKeySecret } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "vod-emulator-"));
  const args = ["--listen", `127.0.0.1:${port}`, "--data-dir", dataDir];
  if (accessKeyId) args.push("--access-key-id", accessKeyId, "--access-key-secret", accessKeySecret);
  const proc = await startProcess(join(BIN_DIR, "vod-emulator"), args, {}, (out) => out.includes("ready"));
  const child = proc.child;
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__emulator/health`);
  return { url, port, dataDir, stop: () => { child?.kill("SIGTERM"); rmSync(dataDir, { recursive: true, force: true }); } };
}

/** Starts the console; returns its URL, the printed admin password and its log. */
export async function startConsole(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "vod-console-"));
  const proc = await startProcess(
    join(BIN_DIR, "vod-console"),
    [],
    { CONSOLE_LISTEN: `127.0.0.1:${port}`, CONSOLE_DATA_DIR: dataDir, CONSOLE_SITE_ROOT: join(ROOT, "target/site"), ...env },
    (out) => out.includes("Press Ctrl+C to stop."),
  );
  const password = /password `([^`]+)`/.exec(proc.output)?.[1];
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    password,
    log: () => proc.output,
    stop: async () => {
      const exited = new Promise((r) => proc.child.once("exit", r));
      proc.child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** Signs in through the login form as a plain form post (a browser without JavaScript):
 *  resolves once the 302 has brought the page back into the console. */
export async function signInPlain(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/login`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("[data-testid=sign-in]")]);
}

/** Signs in through the login form. */
export async function signIn(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/login`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("[data-testid=sign-in]");
}
