// Upload in a real browser against the console's embedded emulator: a URL pull whose
// jobs the emulator really runs (it fetches loopback URLs from a small server started
// here) until the table says every one ended, with a progress bar that moves; a bad URL
// list named line by line; and a file uploaded straight from the browser to the storage
// target in parts, interrupted by a dropped connection, then resumed after a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startConsole, launchBrowser, signIn } from "./harness.mjs";

let consoleServer, browser, mediaServer, mediaUrl, dir;

before(async () => {
  // The pull source: any path ending in .mp4 is 300 kB of bytes, /missing* is a 404.
  mediaServer = http.createServer((req, res) => {
    if (req.url.startsWith("/missing")) {
      res.statusCode = 404;
      res.end("not here");
      return;
    }
    res.setHeader("content-type", "video/mp4");
    res.end(Buffer.alloc(300_000, 7));
  });
  await new Promise((ok) => mediaServer.listen(0, "127.0.0.1", ok));
  mediaUrl = `http://127.0.0.1:${mediaServer.address().port}`;
  // The embedded emulator fetches pulls for real only from allowed loopback addresses.
  consoleServer = await startConsole({ CONSOLE_EMULATOR_PULL_ALLOW: `127.0.0.1:${mediaServer.address().port}` });
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "vod-upload-e2e-"));
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
  mediaServer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A signed-in page on the upload page, hydrated, collecting browser errors. */
async function uploadPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${consoleServer.url}/media/upload`);
  // The upload button is enabled once the page has hydrated.
  await page.waitForSelector("[data-testid=upload-start]:not([disabled])");
  return { context, page, errors };
}

test("URL upload runs to completion with progress", async () => {
  const { context, page, errors } = await uploadPage();
  const urls = [`${mediaUrl}/a.mp4`, `${mediaUrl}/b.mp4`, `${mediaUrl}/missing.mp4`];
  await page.fill("#pull-urls", urls.join("\n"));
  assert.equal(await page.textContent("[data-testid=pull-hint]"), "3 URLs in one call.");
  // The account's template groups are offered by name, the default first.
  const groups = await page.$$eval("#pull-template-group option", (os) => os.map((o) => [o.value, o.textContent]));
  assert.match(groups[0][1], /^Account default \(.+\)$/);
  assert.equal(groups[0][0], "");
  const mobile = groups.find(([, label]) => /Mobile/.test(label));
  assert.ok(mobile && /^[0-9a-f]{32}$/.test(mobile[0]), `groups offered: ${JSON.stringify(groups)}`);
  await page.selectOption("#pull-template-group", mobile[0]);
  await page.click("[data-testid=pull-submit]");
  await page.waitForSelector("[data-testid=pull-jobs]");

  // Watch the bar until the table says every job ended.
  const seen = new Set();
  const until = Date.now() + 30_000;
  for (;;) {
    seen.add(Number(await page.getAttribute("[data-testid=pull-progress]", "data-percent")));
    if ((await page.getAttribute("[data-testid=pull-jobs]", "data-done")) === "true") break;
    assert.ok(Date.now() < until, `the pull did not finish; progress seen: ${[...seen]}`);
    await page.waitForTimeout(150);
  }
  const rows = await page.$$eval("[data-testid=pull-row]", (trs) => trs.map((tr) => tr.getAttribute("data-status")));
  assert.deepEqual(rows, ["SUCCESS", "SUCCESS", "DOWNLOAD_FAIL"]);
  assert.equal(await page.getAttribute("[data-testid=pull-progress]", "data-percent"), "100");
  assert.ok([...seen].some((p) => p > 0 && p < 100), `no intermediate progress was shown: ${[...seen]}`);
  assert.equal(await page.textContent("[data-testid=pull-counts]"), "3 of 3 finished: 2 succeeded, 1 failed.");
  assert.match(await page.textContent("[data-testid=pull-row]:nth-child(3)"), /HTTP 404/);
  assert.match(await page.textContent("[data-testid=pull-summary]"), /3 accepted/);

  // A pulled video links to its page, which names the group chosen at upload.
  await page.click("[data-testid=pull-row]:nth-child(1) [data-testid=pull-media-link]");
  await page.waitForURL("**/media/video/**");
  await page.waitForSelector("text=Template group");
  assert.match(await page.textContent("main"), new RegExp(mobile[0]));

  // The submission is in the activity log, with a result per URL.
  await page.goto(`${consoleServer.url}/activity?action=UploadMediaByURL`);
  const row = await page.textContent("[data-testid=activity-row]");
  assert.match(row, /vod:UploadMediaByURL/);
  assert.match(row, /3 item results/);
  assert.deepEqual(errors, [], "browser errors");
  await context.close();
});

test("a bad URL list is named line by line and nothing typed is lost", async () => {
  const { context, page } = await uploadPage();
  const text = `${mediaUrl}/a.mp4\nnot-a-url.mp4`;
  await page.fill("#pull-urls", text);
  assert.equal(await page.textContent("[data-testid=pull-hint]"), "URL 2 is not an http(s) URL.");
  await page.click("[data-testid=pull-submit]");
  const error = await page.waitForSelector("[data-testid=form-error]");
  assert.match(await error.textContent(), /URL 2 is not an http\(s\) URL/);
  assert.equal(await page.inputValue("#pull-urls"), text);
  await context.close();
});

test("browser file upload shows progress and resumes after a reload", async () => {
  const { context, page, errors } = await uploadPage();
  const MIB = 1024 * 1024;
  const size = 5 * MIB + 1000; // 6 parts of 1 MiB, the last one short
  const path = join(dir, "holiday.mp4");
  writeFileSync(path, Buffer.alloc(size, 3));
  const other = join(dir, "other.mp4");
  writeFileSync(other, Buffer.alloc(1000, 4));

  // The connection "drops" whenever part 3 is sent.
  const dropPart3 = (route) =>
    route.request().method() === "PUT" ? route.abort("connectionreset") : route.continue();
  await page.route(/\/upload\/.*partNumber=3/, dropPart3);
  await page.setInputFiles("#upload-file", path);
  assert.equal(await page.inputValue("#upload-title"), "holiday");
  await page.selectOption("#upload-category", { index: 1 });
  await page.click("[data-testid=upload-start]");
  const error = await page.waitForSelector("[data-testid=upload-error]", { timeout: 30_000 });
  assert.match(await error.textContent(), /Part 3 of 6 could not be sent/);
  const stoppedAt = Number(await page.getAttribute("[data-testid=upload-progress]", "data-percent"));
  assert.equal(stoppedAt, Math.floor((2 * MIB * 100) / size), "two parts were sent");
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem("vod-console.upload.pending")));
  assert.equal(saved.file_name, "holiday.mp4");
  assert.deepEqual(saved.parts.map(([n]) => n), [1, 2]);
  assert.ok(!JSON.stringify(saved).includes("security_token") && !JSON.stringify(saved).includes("secret"),
    "the credential is not kept in the browser's storage");

  await page.unroute(/\/upload\/.*partNumber=3/, dropPart3);
  await page.reload();
  await page.waitForSelector("[data-testid=upload-start]:not([disabled])");
  const panel = await page.waitForSelector("[data-testid=upload-recovery]");
  assert.match(await panel.textContent(), /"holiday\.mp4" \(5\.2 MB\), 39% sent/);

  // Another file is refused, then the same file resumes from part 3.
  await page.setInputFiles("#resume-file", other);
  await page.click("[data-testid=upload-resume]");
  assert.match(await (await page.waitForSelector("[data-testid=upload-error]")).textContent(),
    /This is "other\.mp4"; the unfinished upload is "holiday\.mp4"/);
  const sentParts = [];
  page.on("request", (r) => {
    const m = /partNumber=(\d+)/.exec(r.url());
    if (m && r.method() === "PUT") sentParts.push(Number(m[1]));
  });
  await page.setInputFiles("#resume-file", path);
  await page.click("[data-testid=upload-resume]");
  const done = await page.waitForSelector("[data-testid=upload-done]", { timeout: 30_000 });
  assert.match(await done.getAttribute("data-media-id"), /^[0-9a-f]{32}$/);
  assert.deepEqual(sentParts, [3, 4, 5, 6], "only the missing parts were sent");
  assert.equal(await page.getAttribute("[data-testid=upload-progress]", "data-percent"), "100");
  assert.match(await page.textContent("[data-testid=upload-status]"), new RegExp(`VOD reports ${size} bytes received, status Transcoding`));
  assert.equal(await page.evaluate(() => localStorage.getItem("vod-console.upload.pending")), null);
  assert.equal(await page.$("[data-testid=upload-recovery]"), null);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET/.test(e)), [], "browser errors");
  await context.close();
});
