// The media library in a real browser against the embedded emulator: search, filter,
// URL state, detail and playback, an edit with CJK and reserved characters (and VOD's
// byte limit shown as you type), a bulk delete of 25 that is undone, then a real one in
// which two items were already deleted elsewhere; and the JavaScript-off flow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startConsole, launchBrowser, signIn } from "./harness.mjs";

let consoleServer, browser;

before(async () => {
  consoleServer = await startConsole({ CONSOLE_UNDO_SECONDS: "4" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

/** Waits until the page's view is hydrated (its handlers attached): the app marks
 *  `<html data-hydrated>` from an effect of the page, which runs after hydration. */
async function hydrated(page) {
  await page.waitForSelector("html[data-hydrated]");
}

/** Queues a delete of `ids` through the API, as another tab would; returns the job id. */
const queueDelete = (page, ids) => page.evaluate(async (ids) => {
  const body = new URLSearchParams({ tab: "videos" });
  ids.forEach((id, i) => body.append(`ids[${i}]`, id));
  return (await (await fetch("/api/media/delete", { method: "POST", body, headers: { Accept: "application/json" } })).json()).id;
}, ids);

/** Polls the delete job until the server says it has run to its end; its status. */
async function jobDone(page, job) {
  const until = Date.now() + 30_000;
  for (;;) {
    const status = await page.evaluate(async (id) => {
      const r = await fetch("/api/media/delete-status", { method: "POST", body: new URLSearchParams({ job: id }), headers: { Accept: "application/json" } });
      return r.json();
    }, String(job));
    if (status.state === "done") return status;
    assert.ok(Date.now() < until, `delete job ${job} did not finish: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const rowIds = (page) => page.$$eval("[data-testid=media-row]", (rows) => rows.map((r) => r.dataset.id));

test("search, filter, detail, play, edit, bulk delete with undo and per-item results", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");

  // The first page arrives server-rendered with data.
  const html = await (await page.request.get(`${consoleServer.url}/media`)).text();
  assert.match(html, /data-testid="media-row"/);

  await page.goto(`${consoleServer.url}/media`);
  await hydrated(page);
  assert.equal((await rowIds(page)).length, 20);

  // Search by a word from a title: the URL carries it, every hit matches.
  const firstTitle = await page.textContent("[data-testid=media-title]");
  const word = [...firstTitle].slice(0, 3).join("");
  await page.fill("#mf-q", word);
  await page.click("[data-testid=media-search]");
  await page.waitForURL((u) => new URL(u).searchParams.get("q") === word);
  await page.waitForSelector("[data-testid=media-row]");
  const titles = await page.$$eval("[data-testid=media-title]", (a) => a.map((x) => x.textContent));
  assert.ok(titles.length > 0 && titles.some((t) => t.includes(word)), `${word}: ${titles}`);

  // Filter by status; reload and back keep the state in the URL.
  await page.goto(`${consoleServer.url}/media`);
  await hydrated(page);
  await page.selectOption("#mf-status", "Normal");
  await page.click("[data-testid=media-search]");
  await page.waitForURL(/status=Normal/);
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll("[data-testid=media-row] [data-testid=status-badge]")];
    return b.length > 0 && b.every((x) => x.textContent === "Normal");
  });
  let badges = await page.$$eval("[data-testid=media-row] [data-testid=status-badge]", (b) => b.map((x) => x.textContent));
  assert.ok(badges.length > 0 && badges.every((b) => b === "Normal"), badges.join());
  await page.reload();
  assert.equal(await page.inputValue("#mf-status"), "Normal");
  await page.click("[data-testid=next-page]");
  await page.waitForURL(/page=2/);
  await page.goBack();
  await page.waitForURL((u) => !u.href.includes("page=2"));

  // Open a Normal video, play it.
  await page.click("[data-testid=media-title]");
  await page.waitForSelector("[data-testid=video-title]");
  const playable = await page.evaluate(() => new Promise((ok) => {
    const v = document.querySelector("[data-testid=player]");
    if (!v) return ok("no player");
    if (v.readyState >= 1) return ok(v.duration > 0 ? "ok" : "no duration");
    v.addEventListener("loadedmetadata", () => ok(v.duration > 0 ? "ok" : "no duration"));
    v.addEventListener("error", () => ok(`error ${v.error?.code}`));
    v.load();
  }));
  assert.equal(playable, "ok");
  assert.ok((await page.$$("[data-testid=streams] tbody tr")).length > 0);

  // Edit: VOD's byte limit is shown while typing, then a CJK title with reserved characters.
  await hydrated(page);
  await page.fill("#edit-title", "视".repeat(43));
  await page.waitForFunction(() => document.querySelector("[data-testid=title-error]")?.textContent.includes("129 bytes"));
  assert.equal(await page.isDisabled("[data-testid=save-edit]"), true);
  const newTitle = `新标题 &=+*~/% 测试 ${Date.now() % 100000}`;
  await page.fill("#edit-title", newTitle);
  assert.equal(await page.isDisabled("[data-testid=save-edit]"), false);
  await page.click("[data-testid=save-edit]");
  await page.waitForSelector(".form-ok");
  await page.reload();
  assert.equal(await page.textContent("[data-testid=video-title]"), newTitle);

  // Bulk delete 25 and undo: nothing is deleted.
  await page.goto(`${consoleServer.url}/media?size=50`);
  await hydrated(page);
  const ids = (await rowIds(page)).slice(0, 25);
  for (const id of ids) await page.check(`[data-testid=media-row][data-id="${id}"] input[type=checkbox]`);
  assert.match(await page.textContent("[data-testid=selection-bar]"), /25 videos selected/);
  await page.click("[data-testid=bulk-delete]");
  const dialog = await page.textContent("[data-testid=delete-dialog]");
  assert.match(dialog, /cannot be undone at VOD/);
  assert.match(dialog, /CDN/);
  await page.click("[data-testid=confirm-delete]");
  await page.waitForSelector("[data-testid=pending-delete]");
  await page.click("[data-testid=undo-delete]");
  await page.waitForSelector("[data-testid=cancelled-delete]");
  // Proof by order rather than by waiting: the queue runs deletes when their undo window
  // ends, oldest first, so once a delete queued after the undone one has run, the undone
  // one's window is over too.
  const later = (await rowIds(page))[30];
  const laterJob = await jobDone(page, await queueDelete(page, [later]));
  assert.ok(laterJob?.report, JSON.stringify(laterJob));
  assert.deepEqual(laterJob.report.items.map((i) => [i.id, i.outcome]), [[later, "done"]]);
  await page.reload();
  await hydrated(page);
  const after = await rowIds(page);
  assert.ok(ids.every((id) => after.includes(id)), "an undone delete keeps every item");
  assert.ok(!after.includes(later), `the delete queued after it has run: ${later} in ${after}`);

  // Two of them are deleted elsewhere meanwhile; then the 25 are deleted for real.
  await hydrated(page);
  for (const id of ids) await page.check(`[data-testid=media-row][data-id="${id}"] input[type=checkbox]`);
  const gone = ids.slice(0, 2);
  await jobDone(page, await queueDelete(page, gone));
  await page.click("[data-testid=bulk-delete]");
  await page.click("[data-testid=confirm-delete]");
  // The page also lists the earlier one-video delete; this one is the delete of 25.
  const finished = page.locator("[data-testid=finished-delete]").filter({ has: page.locator("tbody tr:nth-child(25)") });
  await finished.locator("[data-testid=bulk-result]").waitFor({ timeout: 30_000 });
  const summary = await finished.locator("[data-testid=bulk-summary]").textContent();
  assert.match(summary, /23 deleted, 2 not found/);
  const notFound = await finished.locator("tr[data-outcome=not_found]").evaluateAll((r) => r.map((x) => x.dataset.id));
  assert.deepEqual(notFound.sort(), [...gone].sort());
  const requestIds = await finished.locator("tbody tr td:last-child code").evaluateAll((c) => c.map((x) => x.textContent));
  assert.ok(requestIds.every((r) => r.length > 0), "every item carries a RequestId");

  // The activity log has it, with per-item outcomes.
  await page.goto(`${consoleServer.url}/activity?action=DeleteVideo`);
  await page.waitForSelector("[data-testid=activity-row]");
  assert.match(await page.textContent("[data-testid=activity-table]"), /partial/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("JavaScript off: list, search and edit work as plain pages and forms", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${consoleServer.url}/media?tab=images`);
  assert.ok((await rowIds(page)).length > 0);
  await page.goto(`${consoleServer.url}/media`);
  const firstTitle = await page.textContent("[data-testid=media-title]");
  const word = [...firstTitle].slice(0, 3).join("");
  await page.fill("#mf-q", word);
  await page.click("[data-testid=media-search]");
  await page.waitForURL(/q=/);
  assert.ok((await rowIds(page)).length > 0);

  await page.click("[data-testid=media-title]");
  await page.waitForSelector("[data-testid=video-title]");
  const title = `无脚本 &=+*~/% ${Date.now() % 100000}`;
  await page.fill("#edit-title", title);
  await page.click("[data-testid=save-edit]");
  await page.waitForSelector("[data-testid=video-title]");
  assert.equal(await page.textContent("[data-testid=video-title]"), title);
  await context.close();
});
