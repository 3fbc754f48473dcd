// Transcode templates in a real browser against the embedded emulator: a group created
// from a preset, a rendition edited with an invalid bitrate (named at once, saving
// refused) and then a good one saved after the diff shows it, the group made the
// default, and a transcoding submitted and watched until it reaches 100 %.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startConsole, launchBrowser, signIn } from "./harness.mjs";

let consoleServer, browser;

before(async () => {
  consoleServer = await startConsole();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

test("a preset group is edited with its diff, made the default, and transcodes a video to 100 %", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${consoleServer.url}/media`);
  const videoHref = await page.getAttribute("a[href^='/media/video/']", "href");
  const videoId = videoHref.split("/").pop();

  await page.goto(`${consoleServer.url}/templates`);
  await page.waitForSelector("html[data-hydrated=Templates]");
  const groupsBefore = await page.locator("[data-testid=group-row]").count();

  // A group from the HLS preset.
  await page.click("[data-testid=create-group] summary");
  await page.fill("[data-testid=new-group-name]", "直播回看 Replay");
  await page.check("[data-testid=preset-hls3]");
  await page.click("[data-testid=create-group-submit]");
  await page.waitForURL(/\/templates\?group=[0-9a-f]+&created=1/);
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=group-row]").length === n, groupsBefore + 1);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=rendition-row]").length === 3);
  const groupId = new URL(page.url()).searchParams.get("group");

  // Edit the 720p rendition: an invalid bitrate is named as it is typed.
  await page.locator("[data-testid=rendition-row]", { hasText: "HLS 720p" }).locator("[data-testid=edit-rendition]").click();
  await page.waitForSelector("[data-testid=rendition-editor]");
  assert.equal(await page.inputValue("[data-testid=field-video_bitrate]"), "1500");
  await page.fill("[data-testid=field-video_bitrate]", "60000");
  await page.waitForSelector("[data-testid=field-error]");
  assert.match(await page.textContent("[data-testid=field-error]"), /10 to 50000/);
  assert.equal(await page.getAttribute("[data-testid=field-video_bitrate]", "aria-invalid"), "true");
  assert.ok(await page.isDisabled("[data-testid=save-rendition]"), "an invalid rendition cannot be saved");

  // A good one: the diff says exactly what will change.
  await page.fill("[data-testid=field-video_bitrate]", "1800");
  await page.selectOption("[data-testid=field-mark-0]", "USER_DEFAULT_WATERMARK");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=diff-row]").length === 2);
  const bitrate = page.locator("[data-testid=diff-row][data-field='Video.Bitrate']");
  assert.match(await bitrate.textContent(), /1500.*1800/);
  await page.click("[data-testid=save-rendition]");
  await page.waitForURL(/saved=1/);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=rendition-row]")].some((r) => r.textContent.includes("1800 Kbps")));

  // Make it the default, after reading what that changes.
  const row = page.locator(`[data-testid=group-row][data-id='${groupId}']`);
  await row.locator("[data-testid=set-default] summary").click();
  assert.match(await row.locator("[data-testid=set-default]").textContent(), /Every upload that names no template group will be transcoded with this group/);
  await row.locator("[data-testid=confirm-default]").click();
  await page.waitForFunction((id) => document.querySelector(`[data-testid=group-row][data-id='${id}']`)?.dataset.default === "true", groupId);
  assert.equal(await page.locator("[data-testid=group-row][data-default=true]").count(), 1);

  // Transcode a video with it and watch the progress reach 100 %.
  await page.click("nav a[href='/templates/jobs']");
  await page.waitForSelector("[data-testid=job-videos]");
  await page.fill("[data-testid=job-videos]", videoId);
  await page.waitForFunction((id) => document.querySelector("[data-testid=job-group]")?.value === id, groupId);
  await page.click("[data-testid=submit-jobs]");
  await page.waitForSelector("[data-testid=submit-results]");
  assert.match(await page.textContent("[data-testid=submit-results]"), /1 of 1 videos started transcoding/);
  await page.waitForSelector(`[data-testid=job-video][data-video='${videoId}']`);
  const progress = async () => Number(await page.getAttribute(`[data-testid=job-video][data-video='${videoId}']`, "data-progress"));
  const seen = new Set([await progress()]);
  await page.waitForFunction((id) => {
    const v = document.querySelector(`[data-testid=job-video][data-video='${id}']`);
    return v?.dataset.status === "CompleteAllSucc" && v.dataset.progress === "100";
  }, videoId, { timeout: 30000, polling: 200 });
  seen.add(await progress());
  assert.ok(seen.has(100) && seen.size > 1, `progress moved: ${[...seen]}`);
  assert.equal(await page.locator(`[data-testid=job-video][data-video='${videoId}'] [data-testid=job-row][data-status=TranscodeSuccess]`).count(), 3);

  // The task's output files: one per rendition, each with its size.
  await page.click(`[data-testid=job-video][data-video='${videoId}'] [data-testid=task-link]`);
  await page.waitForSelector("[data-testid=task-panel] [data-testid=task-jobs]");
  assert.match(page.url(), /[?&]task=/);
  const sizes = await page.$$eval("[data-testid=task-job]", (rows) => rows.map((r) => Number(r.dataset.size)));
  assert.equal(sizes.length, 3);
  assert.ok(sizes.every((n) => n > 0), `sizes ${sizes}`);
  assert.equal(await page.getAttribute("[data-testid=task-status]", "data-status"), "CompleteAllSucc");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an animated-image template is refused at 75 fps, then saved", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("html[data-hydrated=Home]");
  await page.goto(`${consoleServer.url}/templates/snapshots`);
  await page.waitForSelector("html[data-hydrated]");
  await page.click("[data-testid=new-animated]");
  await page.waitForSelector("[data-testid=snapshot-editor] [data-testid=snap-fps]");
  await page.fill("[data-testid=snap-name]", "动图 e2e");
  await page.fill("[data-testid=snap-fps]", "75");
  await page.waitForSelector("[data-testid=snapshot-problem]");
  assert.match(await page.textContent("[data-testid=snapshot-problem]"), /60/);
  assert.equal(await page.getAttribute("[data-testid=snap-fps]", "aria-invalid"), "true");
  await page.fill("[data-testid=snap-fps]", "12");
  await page.selectOption("[data-testid=snap-format]", "webp");
  await page.waitForFunction(() => !document.querySelector("[data-testid=snapshot-problem]"));
  await page.click("[data-testid=save-snapshot]");
  await page.waitForSelector("[data-testid=snapshot-row]:has-text('动图 e2e')");
  const row = page.locator("[data-testid=snapshot-row]", { hasText: "动图 e2e" });
  assert.match(await row.textContent(), /webp 320×180/);
  assert.deepEqual(errors, []);
  await context.close();
});
