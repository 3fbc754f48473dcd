// Usage charts and the overview in a real browser against the embedded emulator: the
// overview's tiles, then the usage page hydrated: switch the range, read a value by
// hovering and by the arrow keys, zoom by dragging across a chart (the address keeps
// the window), compare with the previous period, download a chart's CSV and check its
// rows; and the same page with JavaScript off (server-drawn SVG, links and forms).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startConsole, launchBrowser, signIn, signInPlain } from "./harness.mjs";

let consoleServer, browser;

before(async () => {
  consoleServer = await startConsole();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

test("the overview, then a usage chart switched, hovered, zoomed, compared and downloaded", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  // The overview answers at a glance, each tile linking to its page.
  await page.waitForSelector("[data-testid=tile-media] [data-testid=media-counts]");
  const normal = await page.textContent("[data-testid=media-counts] dd[data-status=Normal]");
  assert.match(normal.trim(), /^\d+$/);
  assert.match(await page.textContent("[data-testid=storage-latest]"), /\d (GB|TB|MB)/);
  await page.waitForSelector("[data-testid=tile-yesterday] [data-testid=yesterday-plays]");
  await page.waitForSelector("[data-testid=tile-activity]");

  await page.goto(`${consoleServer.url}/usage`);
  await page.waitForSelector("html[data-hydrated=Usage]");
  await page.waitForSelector("[data-testid=chart-storage] [data-testid=chart-svg]");
  assert.equal(await page.getAttribute("[data-testid=preset-7d]", "aria-current"), "page");

  // Switch the range: client-side, the address says it.
  await page.click("[data-testid=preset-30d]");
  await page.waitForURL(/range=30d/);
  await page.waitForFunction(() => document.querySelector("[data-testid=preset-30d]")?.getAttribute("aria-current") === "page");

  // Hover shows the values under the pointer; the arrow keys walk the points.
  const svg = page.locator("[data-testid=chart-cdn-traffic] [data-testid=chart-svg]");
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.waitForSelector("[data-testid=chart-cdn-traffic] [data-testid=chart-tooltip]");
  const tip = await page.textContent("[data-testid=chart-cdn-traffic] [data-testid=chart-tooltip]");
  assert.match(tip, /Total: [\d.,]+ (B|KB|MB|GB|TB)/);
  await page.focus("[data-testid=chart-storage] [role=group]");
  await page.keyboard.press("End");
  await page.waitForSelector("[data-testid=chart-storage] [data-testid=chart-tooltip]");
  await svg.scrollIntoViewIfNeeded();
  Object.assign(box, await svg.boundingBox());

  // Drag across the chart: the page zooms to that window, at a finer granularity.
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.5, { steps: 5 });
  await page.waitForSelector("[data-testid=chart-cdn-traffic] [data-testid=zoom-selection]");
  await page.mouse.up();
  await page.waitForURL(/start=.*end=/);
  const url = new URL(page.url());
  const span = (Date.parse(url.searchParams.get("end")) - Date.parse(url.searchParams.get("start"))) / 3600e3;
  assert.ok(span > 24 && span < 5 * 24, `zoomed to about a tenth of 30 days: ${span} h`);
  assert.equal(url.searchParams.get("range"), null);
  await page.waitForSelector("[data-testid=reset-zoom]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=preset-30d]")?.getAttribute("aria-current"));

  // Compare with the previous period: a dashed second series.
  await page.click("[data-testid=compare]");
  await page.waitForURL(/compare=1/);
  await page.waitForSelector("[data-testid=chart-storage] path[stroke-dasharray]");
  assert.equal(await page.getAttribute("[data-testid=compare]", "data-on"), "true");
  assert.equal((await page.textContent("[data-testid=compare]")).trim(), "Stop comparing");

  // Download a chart's CSV: a header and a row per point of the zoomed window.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=chart-storage] [data-testid=chart-csv]")]);
  assert.match(download.suggestedFilename(), /^usage-storage-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  assert.match(csv[0], /^time_utc,time_local,Used \(bytes\),"Used \(bytes, previous period\)"$/);
  assert.ok(csv.length > 20, `${csv.length} rows`);
  for (const row of csv.slice(1)) assert.match(row, /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z,[^,]+,\d+,\d*$/);
  const first = Date.parse(csv[1].split(",")[0]);
  assert.ok(first >= Date.parse(url.searchParams.get("start")) - 3600e3, "the CSV is the zoomed window");
  await context.close();
});

test("the usage page works with JavaScript off", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInPlain(page, consoleServer.url, "admin", consoleServer.password);
  await page.goto(`${consoleServer.url}/usage?range=24h`);
  assert.ok(await page.locator("[data-testid=chart-svg] path").count() >= 9, "every chart drawn on the server");
  await page.fill("#usage-from", "2026-01-01");
  await page.fill("#usage-to", "2025-12-01");
  await Promise.all([page.waitForURL(/from=2026-01-01/), page.click("[data-testid=custom-range] button[type=submit]")]);
  assert.match(await page.textContent("main"), /ends before it starts/);
  await page.goto(`${consoleServer.url}/usage?range=7d`);
  await Promise.all([page.waitForURL(/compare=1/), page.click("[data-testid=compare]")]);
  assert.ok(await page.locator("[data-testid=chart-plays] path[stroke-dasharray]").count() >= 1);
  await context.close();
});
