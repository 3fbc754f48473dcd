// Review in a real browser against the embedded emulator: make this console's server a
// review security IP, open the queue, then review three videos by keyboard alone — jump
// to a flagged moment (J), block with a reason (B), approve (A), undo one (U), next video
// (N) — and see the decisions in VOD's history and in the console's record; and the
// same decision made with JavaScript off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startConsole, launchBrowser, signIn, signInPlain } from "./harness.mjs";

let consoleServer, browser;

before(async () => {
  // A short undo window keeps the test quick; the default is 8 s.
  consoleServer = await startConsole({ CONSOLE_DECISION_SECONDS: "3" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

test("three videos reviewed by keyboard alone: seek, block with a reason, approve, undo", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("html[data-hydrated=Home]");

  // Until this server is a review security IP, a video under review does not play.
  await page.goto(`${consoleServer.url}/audit`);
  await page.waitForSelector("html[data-hydrated=Audit]");
  await page.waitForSelector("[data-testid=audit-queue]");
  const rows = await page.locator("[data-testid=queue-row]").count();
  assert.ok(rows >= 3, `${rows} videos waiting`);
  assert.equal(await page.getAttribute("[data-testid=queue-row] >> nth=0 >> [data-testid=ai-suggestion]", "data-value"), "block");
  await page.click("[data-testid=queue-row] >> nth=0 >> a");
  await page.waitForSelector("html[data-hydrated=AuditReview]");
  await page.waitForSelector("[data-testid=play-refused] [data-testid=security-ip-link]");
  await page.click("[data-testid=security-ip-link]");
  await page.waitForSelector("[data-testid=ips-form]");
  await page.fill("#ips-list", "127.0.0.1");
  await page.click("[data-testid=ips-save]");
  await page.waitForSelector("[data-testid=ip-group] code:has-text('127.0.0.1')");

  // The queue again, sorted by AI score; start with the first video.
  await page.goto(`${consoleServer.url}/audit`);
  await page.waitForSelector("[data-testid=start-review]");
  await page.click("[data-testid=start-review]");
  await page.waitForSelector("[data-testid=review-player]");
  const first = new URL(page.url()).pathname;

  // J: the player moves to the first flagged moment.
  await page.waitForSelector("[data-testid=segment]");
  await page.keyboard.press("j");
  await page.waitForFunction(() => document.querySelector("[data-testid=segment-row][data-current=true]"));
  const at = await page.evaluate(() => document.getElementById("review-player").currentTime);
  const starts = await page.$$eval("[data-testid=segment]", (els) => els.map((e) => Number(e.dataset.start)));
  assert.equal(Math.round(at * 1000), Math.min(...starts), "J seeks to the earliest flagged moment");

  // Flagged frames come 20 a page: the next page arrives without moving the player.
  await page.click("[data-testid=frames-next]");
  await page.waitForSelector("[data-testid=frames][data-page='2']");
  assert.match(page.url(), /\?frames=2$/);
  assert.equal(await page.evaluate(() => document.getElementById("review-player").currentTime), at, "the player stays where it was");

  // B: the reason list takes focus; pick a reason by keyboard and send with Enter.
  await page.keyboard.press("b");
  await page.waitForFunction(() => document.activeElement?.id === "block-reason");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=pending-decision]");
  // N: the next video.
  await page.keyboard.press("n");
  await page.waitForURL((u) => u.pathname !== first);
  const second = new URL(page.url()).pathname;
  await page.waitForSelector("[data-testid=approve-form]");

  // A: approve, then U: take it back before it is sent.
  await page.keyboard.press("a");
  await page.waitForSelector("[data-testid=pending-decision]");
  await page.keyboard.press("u");
  await page.waitForSelector("[data-testid=approve-form]");
  await page.waitForSelector("[data-testid=record-row][data-state=undone]");
  // A again, for good this time.
  await page.keyboard.press("a");
  await page.waitForSelector("[data-testid=pending-decision]");

  // N, and the third video: approve.
  await page.keyboard.press("n");
  await page.waitForURL((u) => u.pathname !== second);
  const third = new URL(page.url()).pathname;
  assert.notEqual(third, first);
  await page.waitForSelector("[data-testid=approve-form]");
  await page.keyboard.press("a");
  await page.waitForSelector("[data-testid=pending-decision]");

  // After the undo window the decisions are at VOD: the first video's history says so.
  await page.waitForTimeout(4500);
  await page.goto(`${consoleServer.url}${first}`);
  await page.waitForSelector("[data-testid=history-row][data-status=Blocked]");
  await page.waitForSelector("[data-testid=record-row][data-state=sent][data-decision=Blocked]");
  await page.goto(`${consoleServer.url}${second}`);
  await page.waitForSelector("[data-testid=history-row][data-status=Normal]");

  // The console's record holds all four, the undone one included.
  await page.goto(`${consoleServer.url}/audit/record`);
  await page.waitForSelector("[data-testid=decision-record]");
  assert.equal(await page.locator("[data-testid=record-row][data-state=sent]").count(), 3);
  assert.equal(await page.locator("[data-testid=record-row][data-state=undone]").count(), 1);
  await context.close();
});

test("with JavaScript off, a block without a reason keeps what was typed, then blocks with one", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInPlain(page, consoleServer.url, "admin", consoleServer.password);
  await page.goto(`${consoleServer.url}/audit?sort=uploaded`);
  const href = await page.getAttribute("[data-testid=queue-row] >> nth=-1 >> a", "href");
  await page.goto(`${consoleServer.url}${href}`);
  await page.fill("#block-comment", "没有原因的备注");
  await page.click("[data-testid=block]");
  await page.waitForSelector("[data-testid=form-error]");
  assert.equal(await page.inputValue("#block-comment"), "没有原因的备注");
  await page.selectOption("#block-reason", "ad");
  await page.click("[data-testid=block]");
  await page.waitForSelector("[data-testid=pending-decision]");
  await page.click("[data-testid=undo]");
  await page.waitForSelector("[data-testid=record-row][data-state=undone]");
  await context.close();
});
