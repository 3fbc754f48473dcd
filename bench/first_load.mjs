// Bytes on the wire per page, in Chromium: a cold first visit (empty cache) and a warm
// reload, split by kind (html, js, css, wasm, data), plus the time to interactive on
// each page: navigation start to the page's view hydrated (`<html data-hydrated>`, set
// by an effect of the page's lazy route once its chunk is loaded and its view hydrated).
// A separate emulator delays every VOD call by LATENCY ms (QPS limits on).
//
//   bench/first_load.sh                                (builds the release console first)
//   LATENCY=50 COUNT=5 CONSOLE_BIN_DIR=target/release node bench/first_load.mjs
//
// Transferred bytes are what Chromium reports per response (`encodedDataLength`: headers
// and the compressed body, 0 for a file taken from its cache). Pages are served by the
// release binary on loopback, so the times are the browser's own work (fetching from
// loopback, compiling the wasm, hydrating) plus the VOD latency, without a slow network.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, launchBrowser, startConsole, ROOT } from "../end2end/harness.mjs";

const LATENCY = Number(process.env.LATENCY ?? 50);
const COUNT = Number(process.env.COUNT ?? 5);
const BIN_DIR = process.env.CONSOLE_BIN_DIR ?? join(ROOT, "target/release");
const PASSWORD = `bench-${Date.now()}-password`;
const DEMO_KEY = ["LTAI5tEmulatorDemoKey", "EmulatorDemoSecretNotForProduction"];

async function startEmulator() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "vod-load-bench-"));
  const child = spawn(join(BIN_DIR, "vod-emulator"), [
    "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir, "--reset", "--fault-latency-ms", String(LATENCY),
  ], { env: { ...process.env, NO_COLOR: "1" }, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${url}/__emulator/health`)).ok) break; } catch {}
    if (i > 600) throw new Error("emulator did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => { child.kill("SIGTERM"); rmSync(dataDir, { recursive: true, force: true }); } };
}

function kindOf(url, mime) {
  const path = new URL(url).pathname;
  if (path.endsWith(".wasm") || path.endsWith(".bin")) return "wasm";
  if (path.endsWith(".js")) return "js";
  if (path.endsWith(".css")) return "css";
  if (path.startsWith("/api/")) return "data";
  if (mime?.includes("html")) return "html";
  return "other";
}

/** Loads `path` in `page` and returns bytes by kind, request count and ms to hydrated. */
async function load(page, url, route, reload) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const requests = new Map();
  const bytes = { html: 0, js: 0, css: 0, wasm: 0, data: 0, other: 0 };
  let count = 0;
  cdp.on("Network.responseReceived", (e) => requests.set(e.requestId, kindOf(e.response.url, e.response.mimeType)));
  cdp.on("Network.loadingFinished", (e) => {
    const kind = requests.get(e.requestId);
    if (kind) { bytes[kind] += e.encodedDataLength; count++; }
  });
  if (reload) await page.reload(); else await page.goto(url);
  await page.waitForSelector(`html[data-hydrated="${route}"]`, { state: "attached", timeout: 60_000 });
  const tti = await page.evaluate(() => performance.now());
  await page.waitForLoadState("networkidle");
  await cdp.detach();
  return { bytes, count, tti };
}

const PAGES = [
  ["/login", "Login", false],
  ["/media", "Media", true],
  ["/categories", "Categories", true],
  ["/media/video/{video}", "VideoDetail", true],
  ["/media/upload", "Upload", true],
  ["/users", "Users", true],
  ["/activity", "Activity", true],
  ["/templates", "Templates", true],
  ["/watermarks", "Watermarks", true],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)}`;

const emu = await startEmulator();
const server = await startConsole({
  CONSOLE_ADMIN_PASSWORD: PASSWORD, VOD_ENDPOINT: emu.url, VOD_ACCESS_KEY_ID: DEMO_KEY[0], VOD_ACCESS_KEY_SECRET: DEMO_KEY[1],
  RUST_LOG: "warn",
});
const browser = await launchBrowser();
try {
  const signIn = async (context) => {
    const r = await context.request.post(`${server.url}/api/auth/login`, {
      headers: { origin: server.url, accept: "application/json" },
      form: { username: "admin", password: PASSWORD },
    });
    if (!r.ok()) throw new Error(`sign-in failed: ${r.status()}`);
  };
  // A video to open.
  const probe = await browser.newContext();
  await signIn(probe);
  const list = await probe.request.post(`${server.url}/api/media/list`, {
    headers: { origin: server.url, accept: "application/json" },
    form: { "query[tab]": "videos", "query[q]": "", "query[status]": "", "query[cate]": "", "query[from]": "", "query[to]": "",
      "query[storage]": "", "query[asc]": "false", "query[size]": "20", "query[page]": "1", "query[scroll]": "" },
  });
  const video = (await list.json()).listing.rows[0].id;
  await probe.close();

  console.log(`first load in Chromium: LATENCY=${LATENCY} ms per VOD call, median of ${COUNT}; KB transferred (Brotli)`);
  console.log("page                  | cold: html  js  css  wasm  data | total | reqs | hydrated ms | warm: js+css+wasm | hydrated ms");
  for (const [template, route, signedIn] of PAGES) {
    const path = template.replace("{video}", video);
    const runs = [];
    for (let i = 0; i < COUNT; i++) {
      const context = await browser.newContext();
      if (signedIn) await signIn(context);
      const page = await context.newPage();
      const cold = await load(page, `${server.url}${path}`, route, false);
      const warm = await load(page, `${server.url}${path}`, route, true);
      runs.push({ cold, warm });
      await context.close();
    }
    const b = runs[0].cold.bytes;
    const total = b.html + b.js + b.css + b.wasm + b.data;
    const warmAssets = Math.max(...runs.map((r) => r.warm.bytes.js + r.warm.bytes.css + r.warm.bytes.wasm));
    console.log(
      `${template.padEnd(21)} | ${kb(b.html).padStart(10)} ${kb(b.js).padStart(4)} ${kb(b.css).padStart(4)} ${kb(b.wasm).padStart(6)} ${kb(b.data).padStart(5)} | ${kb(total).padStart(5)} | ${String(runs[0].cold.count).padStart(4)} | ${String(Math.round(median(runs.map((r) => r.cold.tti)))).padStart(11)} | ${String(warmAssets).padStart(17)} | ${String(Math.round(median(runs.map((r) => r.warm.tti)))).padStart(11)}`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
  emu.stop();
}
