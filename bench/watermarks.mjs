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
import { BIN_DIR, DEMO_KEY, LATENCY, PASSWORD, apiHeaders, report, startEmulator, stepper, timed } from "./pages.mjs";
import { launchBrowser, signIn, startConsole } from "../end2end/harness.mjs";

const emu = await startEmulator();
const server = await startConsole({
  CONSOLE_ADMIN_PASSWORD: PASSWORD, VOD_ENDPOINT: emu.url, VOD_ACCESS_KEY_ID: DEMO_KEY[0], VOD_ACCESS_KEY_SECRET: DEMO_KEY[1],
  RUST_LOG: "warn", CONSOLE_BIN_DIR: BIN_DIR,
});
const browser = await launchBrowser();
const results = [];
try {
  const { cookie, headers } = await apiHeaders(server);
  const list = await (await fetch(`${server.url}/api/watermarks/list`, { method: "POST", headers, body: "fresh=true" })).json();
  const logo = list.marks.find((m) => m.is_default);

  const step = stepper(emu, results);

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

  await report(results);
} finally {
  await browser.close();
  await server.stop();
  emu.stop();
}
