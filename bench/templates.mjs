// The templates page against an emulator with LATENCY ms on every VOD call and its QPS
// limits on; the console against it. Measures, COUNT times each (median, p90), and counts
// the VOD calls each step made (from the emulator's log):
//
//   ssr       GET /templates?group=<the default>&fresh=1: every group with its renditions
//             (each group read), the videos per group (the newest listed, then read for
//             their group), the snapshot templates, and the opened group with the
//             watermarks its renditions may stamp
//   diff      browser: a bitrate typed into the rendition editor to the diff showing it
//             (no VOD call: the rules and the diff run in the page)
//   save      a rendition's bitrate saved (the group re-read fresh for the stale check,
//             then UpdateTranscodeTemplateGroup)
//
// The bound of a step is the round trips that must follow one another: two for the page
// (groups listed, then read; videos listed, then read), two for a save.
//
//   bench/templates.sh                   (builds the release console first)
//   LATENCY=50 COUNT=10 node bench/templates.mjs   (after scripts/build.sh --release)
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
  const api = async (path, body) => {
    const r = await fetch(`${server.url}/api/templates/${path}`, { method: "POST", headers, body });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const overview = await api("overview", "fresh=true");
  const group = overview.groups.find((g) => g.is_default);

  const step = stepper(emu, results);

  await step("ssr", () => timed(async () => {
    const html = await (await fetch(`${server.url}/templates?group=${group.id}&fresh=1`, { headers: { cookie, accept: "text/html" } })).text();
    if (!html.includes("data-testid=\"rendition-table\"")) throw new Error("no renditions in the page");
  }), () => 2 * LATENCY);

  const detail = await api("group", `id=${group.id}&fresh=true`);
  const rendition = detail.templates[0];
  const page = await browser.newPage();
  await signIn(page, server.url, "admin", PASSWORD);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${server.url}/templates?group=${group.id}&edit=${rendition.id}`);
  await page.waitForSelector("html[data-hydrated=Templates]");
  await page.waitForSelector("[data-testid=field-video_bitrate]");
  // In the page: type a bitrate, fire `input`, and wait for the diff to show it.
  await step("diff", (i) => page.evaluate(async (kbps) => {
    const input = document.querySelector("[data-testid=field-video_bitrate]");
    const shown = () => document.querySelector("[data-testid=diff-row][data-field='Video.Bitrate']")?.textContent.includes(String(kbps));
    const t0 = performance.now();
    input.value = String(kbps);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    while (!shown()) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, 2000 + i), () => 0);

  await step("save", async (i) => {
    const { stamp, templates } = await api("group", `id=${group.id}&fresh=true`);
    const form = { ...templates[0], video_bitrate: String(1400 + (i % 2) * 100) };
    const body = new URLSearchParams({ group_id: group.id, stamp });
    for (const [k, v] of Object.entries(form)) {
      if (typeof v === "string" && k !== "base") body.append(`form[${k}]`, v);
      if (Array.isArray(v)) v.forEach((x, j) => body.append(`form[${k}][${j}]`, x));
    }
    await new Promise((r) => setTimeout(r, 300)); // the read above in its own window
    return timed(() => api("save-rendition", body));
  }, () => 2 * LATENCY);

  await report(results);
} finally {
  await browser.close();
  await server.stop();
  emu.stop();
}
