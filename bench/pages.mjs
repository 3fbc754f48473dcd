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

