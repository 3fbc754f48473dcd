// The review pages against an emulator with LATENCY ms on every VOD call and its QPS
// limits on; the console against it. Measures, COUNT times each (median, p90), and
// counts the VOD calls each step made (from the emulator's log):
//
//   review   GET /audit/review/<id>?fresh=1: the reviewer screen rendered on the server
//            with every read fanned out at once (the video, its streams, the AI summary,
//            timeline, frames and audio, VOD's history, the queue for "next")
//   queue    GET /audit?fresh=1: the videos in Checking status and each one's AI summary
//
// Bound: the target, 1.2 × the slowest single upstream call (LATENCY plus the
// emulator's own time, which `single` measures as one GetMediaAuditResult call made
// through the console's API).
//
//   bench/audit.sh                   (builds the release console first)
//   LATENCY=50 COUNT=10 node bench/audit.mjs   (after scripts/build.sh --release)
import { BIN_DIR, DEMO_KEY, LATENCY, PASSWORD, apiHeaders, report, startEmulator, stepper, timed } from "./pages.mjs";
import { startConsole } from "../end2end/harness.mjs";

const emu = await startEmulator();
const server = await startConsole({
  CONSOLE_ADMIN_PASSWORD: PASSWORD, VOD_ENDPOINT: emu.url, VOD_ACCESS_KEY_ID: DEMO_KEY[0], VOD_ACCESS_KEY_SECRET: DEMO_KEY[1],
  RUST_LOG: "warn", CONSOLE_BIN_DIR: BIN_DIR,
});
const results = [];
try {
  const { cookie, headers } = await apiHeaders(server);
  const api = async (path, body) => {
    const r = await fetch(`${server.url}${path}`, { method: "POST", headers, body });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const queue = await api("/api/audit/queue", "fresh=true");
  const ids = queue.items.map((i) => i.video_id);
  if (!ids.length) throw new Error("nothing waits for review");
  const page = (path, mark) => timed(async () => {
    const r = await fetch(`${server.url}${path}`, { headers: { cookie, accept: "text/html" } });
    const html = await r.text();
    if (!r.ok || !html.includes(mark)) throw new Error(`${path}: ${r.status}, no ${mark}`);
  });
  const step = stepper(emu, results);
  // One upstream call through the same console (ListAuditSecurityIp, read fresh): the
  // slowest single call the screen waits for, measured the same way.
  let single = LATENCY;
  await step("single", async () => {
    const ms = await timed(() => api("/api/audit/security-ips", ""));
    single = Math.max(single, ms);
    return ms;
  }, () => 1.2 * LATENCY);
  await step("review", (i) => page(`/audit/review/${ids[i % ids.length]}?fresh=1`, "data-testid=\"review-title\""), () => 1.2 * single);
  await step("queue", () => page("/audit?fresh=1", "data-testid=\"audit-queue\""), () => 2.4 * single);
  await report(results);
} finally {
  await server.stop();
  emu.stop();
}
