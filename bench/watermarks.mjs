// The watermarks page against an emulator with LATENCY ms on every VOD call and its QPS
// limits on; the console against it. Measures, COUNT times each (median, p90), and counts
// the VOD calls each step made (from the emulator's log):
//
//   ssr       GET /watermarks?edit=<the logo>&fresh=1: the list, the templates using each
//             mark (every template group read) and the covers to preview on
//   preview   browser: a changed offset typed into the editor to the preview redrawn
//             (no VOD call: the geometry runs in the page)
//   save      an update of the logo's offset (the mark re-read fresh, then UpdateWatermark)
//
// The bound of a step is the round trips that must follow one another: two for the page
// (the groups are listed before they are read, in parallel), two for a save.
//
//   bench/watermarks.sh                   (builds the release console first)
//   LATENCY=50 COUNT=10 node bench/watermarks.mjs   (after scripts/build.sh --release)
import { BIN_DIR, COUNT, DEMO_KEY, LATENCY, PASSWORD, fmt, median, p90, startEmulator } from "./pages.mjs";
import { launchBrowser, signIn, startConsole } from "../end2end/harness.mjs";

const emu = await startEmulator();
const server = await startConsole({
  CONSOLE_ADMIN_PASSWORD: PASSWORD, VOD_ENDPOINT: emu.url, VOD_ACCESS_KEY_ID: DEMO_KEY[0], VOD_ACCESS_KEY_SECRET: DEMO_KEY[1],
  RUST_LOG: "warn", CONSOLE_BIN_DIR: BIN_DIR,
});
const browser = await launchBrowser();
const results = [];
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", accept: "application/json" },
    body: new URLSearchParams({ username: "admin", password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  const headers = { cookie, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  const list = await (await fetch(`${server.url}/api/watermarks/list`, { method: "POST", headers, body: "fresh=true" })).json();
  const logo = list.marks.find((m) => m.is_default);

  const step = async (name, fn, bound) => {
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
  const timed = async (work) => { const t0 = performance.now(); await work(); return performance.now() - t0; };

  await step("ssr", () => timed(async () => {
    const html = await (await fetch(`${server.url}/watermarks?edit=${logo.id}&fresh=1`, { headers: { cookie, accept: "text/html" } })).text();
    if (!html.includes("data-testid=\"preview-mark\"")) throw new Error("no preview in the page");
  }), () => 2 * LATENCY);

  const page = await browser.newPage();
  await signIn(page, server.url, "admin", PASSWORD);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${server.url}/watermarks?edit=${logo.id}`);
  await page.waitForSelector("html[data-hydrated=Watermarks]");
  // In the page: set Dx, fire `input`, and wait for the mark to move (a frame at most).
  await step("preview", (i) => page.evaluate(async (dx) => {
    const input = document.querySelector("[data-testid=field-Dx]");
    const mark = () => document.querySelector("[data-testid=preview-mark]")?.dataset.x;
    const before = mark();
    const t0 = performance.now();
    input.value = String(dx);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    while (mark() === before) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, 20 + (i % 2) * 10), () => 0);

  await step("save", (i) => timed(async () => {
    const dx = 16 + (i % 2) * 8;
    const body = new URLSearchParams({ "form[id]": logo.id, "form[kind]": "Image", "form[name]": logo.name, "form[width]": "0.12",
      "form[height]": "0.06", "form[refer_pos]": "TopRight", "form[dx]": String(dx), "form[dy]": "16" });
    const r = await fetch(`${server.url}/api/watermarks/save`, { method: "POST", headers, body });
    if (!r.ok) throw new Error(await r.text());
  }), () => 2 * LATENCY);

  console.log(`machine   ${(await import("node:os")).cpus().length} cores; latency ${LATENCY} ms on every VOD call; QPS limits on; ` +
    `${COUNT} runs per step after 1 warm-up`);
  console.log(`${"step".padEnd(9)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)} ${"bound ms".padStart(9)}  VOD calls per run`);
  for (const r of results) {
    console.log(`${r.name.padEnd(9)} ${r.median.toFixed(1).padStart(10)} ${r.p90.toFixed(1).padStart(8)} ${r.bound.toFixed(0).padStart(9)}  ${fmt(r.calls)}`);
  }
} finally {
  await browser.close();
  await server.stop();
  emu.stop();
}
