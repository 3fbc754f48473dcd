// Watermarks in a real browser against the embedded emulator: an image watermark made
// by uploading a PNG from the browser, moved to the bottom-right with offsets while the
// preview follows as the fields are typed (and a broken field is named at once), saved
// and made the default; and a text watermark added with JavaScript off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startConsole, launchBrowser, signIn, signInPlain } from "./harness.mjs";

let consoleServer, browser, dir;

before(async () => {
  consoleServer = await startConsole();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "vod-watermark-e2e-"));
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A real PNG: `w`×`h`, one colour. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0xe0)]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0))]);
}

/** Where the preview draws the mark: rounded pixels on the output frame. */
async function placed(page) {
  return page.evaluate(() => {
    const g = document.querySelector("[data-testid=watermark-preview] [data-testid=preview-mark]");
    return g && { x: +g.dataset.x, y: +g.dataset.y, w: +g.dataset.w, h: +g.dataset.h };
  });
}

test("an uploaded PNG becomes a watermark, moved with the preview following, saved and made the default", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${consoleServer.url}/watermarks`);
  await page.waitForSelector("html[data-hydrated=Watermarks]");
  const before = await page.locator("[data-testid=watermark-row]").count();

  // Client-side navigation to the editor.
  await page.click("[data-testid=new-image]");
  await page.waitForSelector("[data-testid=watermark-editor] [data-testid=watermark-file]:not([disabled])");
  const file = join(dir, "brand.png");
  writeFileSync(file, png(120, 40));
  await page.setInputFiles("[data-testid=watermark-file]", file);
  await page.waitForFunction(() => /Uploaded brand\.png/.test(document.querySelector("[data-testid=upload-status]")?.textContent ?? ""));
  // The preview now shows the uploaded file.
  const href = await page.getAttribute("[data-testid=preview-mark] image", "href");
  assert.match(href, /\/watermark\/.*\.png$/);
  assert.equal((await page.request.get(href)).status(), 200);

  await page.fill("[data-testid=field-Name]", "上传台标Brand");
  // The new mark starts 12 % × 6 % of a 1280×720 frame, 16 px in from the top right.
  assert.deepEqual(await placed(page), { x: 1110, y: 16, w: 154, h: 43 });

  // A broken field is named as it is typed, and the preview says why it stopped.
  await page.fill("[data-testid=field-Dx]", "4");
  await page.waitForSelector("[data-testid=field-error]");
  assert.match(await page.textContent("[data-testid=field-error]"), /8 to 4096/);
  assert.equal(await page.getAttribute("[data-testid=field-Dx]", "aria-invalid"), "true");
  assert.equal(await placed(page), null);

  // Bottom-right with offsets: the mark moves as the fields change.
  await page.fill("[data-testid=field-Dx]", "32");
  await page.check("[data-testid=corner-BottomRight]");
  await page.fill("[data-testid=field-Dy]", "24");
  await page.waitForFunction(() => document.querySelector("[data-testid=preview-mark]")?.dataset.y === "653");
  // x = 1280 − 32 − 153.6, y = 720 − 24 − 43.2.
  assert.deepEqual(await placed(page), { x: 1094, y: 653, w: 154, h: 43 });
  assert.match(await page.textContent("[data-testid=preview-words]"), /154×43 px, 1094 px from the left and 653 px from the top/);
  // A smaller output: the shares scale, the offsets in pixels do not.
  await page.selectOption("[data-testid=preview-resolution]", "640x360");
  await page.waitForFunction(() => document.querySelector("[data-testid=preview-mark]")?.dataset.w === "77");
  assert.deepEqual(await placed(page), { x: 531, y: 314, w: 77, h: 22 });

  // Save: the editor now edits the saved watermark, and the list has it.
  await page.click("[data-testid=save-watermark]");
  await page.waitForURL(/\/watermarks\?edit=[0-9a-f]+&saved=1/);
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=watermark-row]").length === n, before + 1);
  const row = page.locator("[data-testid=watermark-row]", { hasText: "上传台标Brand" });
  assert.equal(await row.getAttribute("data-default"), "false");
  await page.waitForFunction(() => document.querySelector("#wm-editor-title")?.textContent === "Editing “上传台标Brand”");

  // Make it the default, after reading what that changes.
  await row.locator("[data-testid=set-default] summary").click();
  assert.match(await row.locator("[data-testid=set-default]").textContent(), /USER_DEFAULT_WATERMARK/);
  await row.locator("[data-testid=confirm-default]").click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=watermark-row]")].some((r) => r.dataset.default === "true" && r.textContent.includes("上传台标Brand")));
  const defaults = await page.locator("[data-testid=watermark-row][data-default=true]").count();
  assert.equal(defaults, 1, "one default");
  // It now stamps the three templates that name USER_DEFAULT_WATERMARK.
  const newDefault = page.locator("[data-testid=watermark-row][data-default=true]");
  assert.match(await newDefault.locator("[data-testid=used-by]").textContent(), /^3 templates$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("with JavaScript off, a text watermark is added through the plain form", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInPlain(page, consoleServer.url, "admin", consoleServer.password);
  await page.goto(`${consoleServer.url}/watermarks?new=Text`);
  await page.fill("[data-testid=field-Name]", "夜间Night");
  await page.fill("[data-testid=field-Content]", "夜间 Night");
  // A size out of range comes back named, with what was typed still there.
  await page.fill("[data-testid=field-FontSize]", "200");
  await Promise.all([page.waitForURL(/__err=/), page.click("[data-testid=save-watermark]")]);
  assert.match(await page.textContent("[data-testid=form-error]"), /Font size \(px\): a whole number from 5 to 119/);
  assert.equal(await page.inputValue("[data-testid=field-Content]"), "夜间 Night");
  await page.fill("[data-testid=field-FontSize]", "28");
  await Promise.all([page.waitForURL(/saved=1/), page.click("[data-testid=save-watermark]")]);
  assert.equal(await page.textContent("#wm-editor-title"), "Editing “夜间Night”");
  assert.equal(await page.locator("[data-testid=watermark-row]", { hasText: "夜间Night" }).count(), 1);
  await context.close();
});
