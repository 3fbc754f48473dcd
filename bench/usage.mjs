// The usage page and the overview against an emulator with LATENCY ms on every VOD call
// and its QPS limits on; the console against it. Measures, COUNT times each (median,
// p90), and counts the VOD calls each step made (from the emulator's log):
//
//   usage      GET /usage?range=7d&fresh=1: nine charts (storage, its traffic, transcode,
//              CDN traffic and bandwidth, AI, plays, viewers, play time), the domains and
//              the day's top videos, every read fanned out at once
//   usage90    GET /usage?range=90d&compare=1&fresh=1: the same over 90 days with the
//              previous period (storage, transcode and AI split into calls of 31 days)
//   overview   GET /?fresh=1: media counts by status, storage over 30 days, yesterday's
//              plays and traffic, the latest changes
//   cached     GET / again: every read answered by the console's cache
//   cachedu    GET /usage?range=7d again, from the cache
//
// Bounds: a page whose reads are all independent should take about one upstream call:
// 1.3 × LATENCY (the target) for the fresh pages, 20 ms for cached reloads.
//
//   bench/usage.sh                   (builds the release console first)
//   LATENCY=50 COUNT=10 node bench/usage.mjs   (after scripts/build.sh --release)
import { BIN_DIR, DEMO_KEY, LATENCY, PASSWORD, apiHeaders, report, startEmulator, stepper, timed } from "./pages.mjs";
import { startConsole } from "../end2end/harness.mjs";

const emu = await startEmulator();
const server = await startConsole({
  CONSOLE_ADMIN_PASSWORD: PASSWORD, VOD_ENDPOINT: emu.url, VOD_ACCESS_KEY_ID: DEMO_KEY[0], VOD_ACCESS_KEY_SECRET: DEMO_KEY[1],
  RUST_LOG: "warn", CONSOLE_BIN_DIR: BIN_DIR,
});
const results = [];
try {
  const { cookie } = await apiHeaders(server);
  // The HTML's size per render: a page whose data were written more than once (built
  // twice during the render) shows as a spread.
  const sizes = new Map();
  const page = (path, mark) => timed(async () => {
    // What Chromium asks for: the page comes Brotli-compressed (quality 4), as a browser gets it.
    const r = await fetch(`${server.url}${path}`, { headers: { cookie, accept: "text/html", "accept-encoding": "gzip, deflate, br, zstd" } });
    const html = await r.text();
    if (!r.ok || !html.includes(mark)) throw new Error(`${path}: ${r.status}, no ${mark}`);
    sizes.set(path, [...(sizes.get(path) ?? []), html.length]);
  });
  const step = stepper(emu, results);
  await step("usage", () => page("/usage?range=7d&fresh=1", "data-testid=\"chart-svg\""), () => 1.3 * LATENCY);
  await step("usage90", () => page("/usage?range=90d&compare=1&fresh=1", "data-testid=\"chart-svg\""), () => 1.3 * LATENCY);
  await step("overview", () => page("/?fresh=1", "data-testid=\"tile-storage\""), () => 1.3 * LATENCY);
  await step("cached", () => page("/", "data-testid=\"tile-storage\""), () => 20);
  await step("cachedu", () => page("/usage?range=7d", "data-testid=\"chart-svg\""), () => 20);
  await report(results);
  for (const [path, list] of sizes) {
    console.log(`html ${path}: ${Math.min(...list)}..${Math.max(...list)} chars over ${list.length} renders`);
  }
} finally {
  await server.stop();
  emu.stop();
}
