// Category tree with hundreds of nodes: a separate emulator with one extra wide branch
// (`--extra-categories`, default 601: a top-level category, 100 volumes under it, 5 parts
// under each) and extra media spread over it, every call delayed by LATENCY ms, QPS
// limits on; the console against it. Measures, COUNT times each (median, p90), and
// counts the VOD calls each step made (from the emulator's log):
//
//   ssr        GET /categories, server-rendered first screen (both trees' top levels)
//   first      browser: navigation start to the top level shown with its media counts
//   expand     browser: open the 100-volume node (ArrowRight) to 100 rows with counts
//   expand-3   browser: open one volume to its 5 parts with counts
//   preview    the delete preview of the whole branch (walks 601 nodes, counts media)
//
// The bound of a step is what its VOD calls cost at the least: the round trips that
// must follow one another (LATENCY each) plus the spacing of each action's calls at its
// QPS limit (50/s for GetCategories and SearchMedia). The browser's first screen also
// loads and starts the wasm bundle, so it has no bound.
//
//   bench/category_tree.sh                  (builds the release console first)
//   LATENCY=50 COUNT=10 EXTRA=601 node bench/category_tree.mjs   (after scripts/build.sh --release)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, launchBrowser, signIn, startConsole, ROOT } from "../end2end/harness.mjs";

const LATENCY = Number(process.env.LATENCY ?? 50);
const COUNT = Number(process.env.COUNT ?? 10);
const EXTRA = Number(process.env.EXTRA ?? 601);
const BIN_DIR = process.env.CONSOLE_BIN_DIR ?? join(ROOT, "target/release");
const PASSWORD = `bench-${Date.now()}-password`;
const DEMO_KEY = ["LTAI5tEmulatorDemoKey", "EmulatorDemoSecretNotForProduction"];

async function startEmulator() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "vod-tree-bench-"));
  const child = spawn(join(BIN_DIR, "vod-emulator"), [
    "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir, "--reset",
    "--extra-categories", String(EXTRA), "--extra-videos", "3000",
    "--fault-latency-ms", String(LATENCY),
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
  /** VOD calls by action since `mark` (a log offset). */
  emu.calls = (mark) => {
    const counts = {};
    for (const m of emu.log.slice(mark).matchAll(/api call(?: refused)? action=(\S+)/g)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
    return counts;
  };
  return emu;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round(0.9 * (xs.length - 1)))];
const fmt = (c) => Object.entries(c).sort().map(([a, n]) => `${a} ${n}`).join(", ") || "none";
const total = (c) => Object.values(c).reduce((a, b) => a + b, 0);

const emu = await startEmulator();
const server = await startConsole({
  CONSOLE_ADMIN_PASSWORD: PASSWORD, VOD_ENDPOINT: emu.url, VOD_ACCESS_KEY_ID: DEMO_KEY[0], VOD_ACCESS_KEY_SECRET: DEMO_KEY[1],
  RUST_LOG: "warn", CONSOLE_BIN_DIR: BIN_DIR,
});
const browser = await launchBrowser();
const results = [];
try {
  // A signed-in cookie for the plain HTTP steps.
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", accept: "application/json" },
    body: new URLSearchParams({ username: "admin", password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  const headers = { cookie, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", accept: "application/json" };

  // `fn(begin)` prepares, calls `begin()` where the timed part starts (the VOD calls are
  // counted from there too), and resolves when it ends.
  const step = async (name, fn, bound) => {
    const times = [];
    let calls = {};
    for (let i = 0; i < COUNT + 1; i++) {
      let t0 = 0, mark = 0;
      const begin = async () => {
        await new Promise((r) => setTimeout(r, 1100)); // a fresh QPS window for every run
        mark = emu.log.length;
        t0 = performance.now();
      };
      await fn(begin);
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 300)); // late log lines
      if (i === 0) continue; // warm-up
      times.push(ms);
      calls = emu.calls(mark);
    }
    results.push({ name, median: median(times), p90: p90(times), calls, bound: bound(calls) });
    console.error(`${name}: median ${median(times).toFixed(0)} ms, calls ${fmt(calls)}`);
  };
  // Calls of one action at its 50/s limit: the first at once, one every 20 ms after it.
  const paced = (n) => Math.max(0, (n ?? 0) - 1) * 20;
  // Counting media for up to 100 categories: one SearchMedia round per type in parallel,
  // then (small totals) the further pages of hits, all paced.
  // Further pages wait for their type's first page, but not for the pacing after it.
  const counting = (c) => (c.SearchMedia ? Math.max(paced(c.SearchMedia), LATENCY + paced(c.SearchMedia - 4)) + LATENCY : 0);

  await step("ssr", async (begin) => {
    await begin();
    const r = await fetch(`${server.url}/categories`, { headers: { cookie, accept: "text/html" } });
    const html = await r.text();
    if (!html.includes("大型归档 Large archive")) throw new Error("the wide branch is not on the first screen");
  }, (c) => paced(c.GetCategories) + LATENCY);

  const page = await browser.newPage();
  await signIn(page, server.url, "admin", PASSWORD);
  await page.waitForSelector("[data-testid=section-cards]");
  const TREE = "[data-testid=category-tree-default]";
  const countsShown = (level, n) => page.waitForFunction(([sel, level, n]) => {
    const rows = [...document.querySelectorAll(`${sel} [data-testid=category-node][data-level="${level}"]`)];
    return rows.length >= n && rows.every((r) => /\d+ media/.test(r.querySelector("[data-testid=category-count]")?.textContent ?? ""));
  }, [TREE, level, n], { timeout: 120_000, polling: 10 });
  const wide = async () => page.getAttribute(`${TREE} [data-testid=category-node]:has-text("大型归档 Large archive")`, "data-id");

  await step("first", async (begin) => {
    await begin();
    await page.goto(`${server.url}/categories`);
    await countsShown(1, 7);
  }, () => NaN);

  // Focus the node (not timed), then open it with the keyboard (timed).
  const focus = (id) => page.click(`${TREE} [data-testid=category-node][data-id="${id}"] [data-testid=category-name]`);
  const open = async (id) => {
    await focus(id);
    await page.keyboard.press("ArrowRight");
  };
  // Opening a node: its children (GetCategories), then their media counts.
  const expandBound = (c) => LATENCY + counting(c);
  await step("expand", async (begin) => {
    await page.goto(`${server.url}/categories`);
    await countsShown(1, 7);
    const id = await wide();
    await focus(id);
    await begin();
    await page.keyboard.press("ArrowRight");
    await countsShown(2, 100);
  }, expandBound);

  await step("expand-3", async (begin) => {
    await page.goto(`${server.url}/categories`);
    await countsShown(1, 7);
    await open(await wide());
    await countsShown(2, 100);
    const volume = await page.getAttribute(`${TREE} [data-testid=category-node][data-level="2"]:has-text("Volume 050")`, "data-id");
    await focus(volume);
    await begin();
    await page.keyboard.press("ArrowRight");
    await countsShown(3, 5);
  }, expandBound);

  const wideId = await wide();
  // Reading the node, then the walk at GetCategories' limit, then one round of counting
  // for the last IDs the walk finds.
  await step("preview", async (begin) => {
    await begin();
    const r = await fetch(`${server.url}/api/categories/delete-preview`, { method: "POST", headers, body: `cate_id=${wideId}` });
    const body = await r.json();
    if (!r.ok) throw new Error(JSON.stringify(body));
  }, (c) => LATENCY + paced(c.GetCategories - 1) + LATENCY + LATENCY);

  console.log(`machine        ${(await import("node:os")).cpus().length} cores; latency ${LATENCY} ms on every VOD call; QPS limits on; ` +
    `${EXTRA} extra categories; ${COUNT} runs per step after 1 warm-up`);
  console.log(`${"step".padEnd(10)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)} ${"bound ms".padStart(9)} ${"ratio".padStart(6)}  VOD calls per run`);
  for (const r of results) {
    const bound = Number.isNaN(r.bound) ? "—" : r.bound.toFixed(0);
    const ratio = Number.isNaN(r.bound) ? "—" : (r.median / r.bound).toFixed(2);
    console.log(`${r.name.padEnd(10)} ${r.median.toFixed(0).padStart(10)} ${r.p90.toFixed(0).padStart(8)} ${bound.padStart(9)} ` +
      `${ratio.padStart(6)}  ${total(r.calls)} (${fmt(r.calls)})`);
  }
} finally {
  await browser.close();
  await server.stop();
  emu.stop();
}
