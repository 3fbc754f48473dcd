// Shared by the page benchmarks: an emulator with LATENCY ms on every VOD call and its
// QPS limits on (its log counts the calls each step made), and the statistics printed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT } from "../end2end/harness.mjs";

export const LATENCY = Number(process.env.LATENCY ?? 50);
export const COUNT = Number(process.env.COUNT ?? 10);
export const BIN_DIR = process.env.CONSOLE_BIN_DIR ?? join(ROOT, "target/release");
export const PASSWORD = `bench-${Date.now()}-password`;
export const DEMO_KEY = ["LTAI5tEmulatorDemoKey", "EmulatorDemoSecretNotForProduction"];

export async function startEmulator() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "vod-page-bench-"));
  const child = spawn(join(BIN_DIR, "vod-emulator"), [
    "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir, "--reset", "--fault-latency-ms", String(LATENCY),
  ], { env: { ...process.env, NO_COLOR: "1", RUST_LOG: "info" }, stdio: ["ignore", "pipe", "pipe"] });
  const emu = { url: `http://127.0.0.1:${port}`, log: "" };
  child.stdout.on("data", (d) => { emu.log += d; });
  child.stderr.on("data", (d) => { emu.log += d; });
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${emu.url}/__emulator/health`)).ok) break; } catch {}
    if (i > 600) throw new Error(`emulator did not start:\n${emu.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  emu.stop = () => { child.kill("SIGTERM"); rmSync(dataDir, { recursive: true, force: true }); };
  emu.calls = (mark) => {
    const counts = {};
    for (const m of emu.log.slice(mark).matchAll(/api call(?: refused)? action=(\S+)/g)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
    return counts;
  };
  return emu;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
export const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round(0.9 * (xs.length - 1)))];
export const fmt = (c) => Object.entries(c).sort().map(([a, n]) => `${a} ${n}`).join(", ") || "none";


/** Signs `admin` in over HTTP; the headers a same-origin server-function call carries. */
export async function apiHeaders(server) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", accept: "application/json" },
    body: new URLSearchParams({ username: "admin", password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  return { cookie, headers: { cookie, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", accept: "application/json" } };
}

/** A step runner: each step runs COUNT times after a warm-up, each in a fresh QPS window,
 *  and records its median, p90, the VOD calls of a run and its bound into `results`. */
export function stepper(emu, results) {
  return async (name, fn, bound) => {
    const times = [];
    let calls = {};
    for (let i = 0; i < COUNT + 1; i++) {
      await new Promise((r) => setTimeout(r, 1100)); // a fresh QPS window for every run
      const mark = emu.log.length;
      const ms = await fn(i);
      await new Promise((r) => setTimeout(r, 300)); // late log lines
      if (i === 0) continue; // warm-up
      times.push(ms);
      calls = emu.calls(mark);
    }
    results.push({ name, median: median(times), p90: p90(times), calls, bound: bound(calls) });
    console.error(`${name}: median ${median(times).toFixed(1)} ms, calls ${fmt(calls)}`);
  };
}

export const timed = async (work) => { const t0 = performance.now(); await work(); return performance.now() - t0; };

/** The results table. */
export async function report(results) {
  console.log(`machine   ${(await import("node:os")).cpus().length} cores; latency ${LATENCY} ms on every VOD call; QPS limits on; ` +
    `${COUNT} runs per step after 1 warm-up`);
  console.log(`${"step".padEnd(9)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)} ${"bound ms".padStart(9)}  VOD calls per run`);
  for (const r of results) {
    console.log(`${r.name.padEnd(9)} ${r.median.toFixed(1).padStart(10)} ${r.p90.toFixed(1).padStart(8)} ${r.bound.toFixed(0).padStart(9)}  ${fmt(r.calls)}`);
  }
}
