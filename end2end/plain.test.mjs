// With JavaScript off, in Chromium: the category tree's plain forms (add, rename, a
// cascading delete with the name typed), media ticked in the library deleted after a
// confirmation page and then undone, and a URL pull followed on its own page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startConsole, launchBrowser, signInPlain } from "./harness.mjs";

let consoleServer, browser;

before(async () => {
  consoleServer = await startConsole();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

async function plainPage() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInPlain(page, consoleServer.url, "admin", consoleServer.password);
  return { context, page };
}

test("categories: add, open, rename and a cascading delete, with plain forms", async () => {
  const { context, page } = await plainPage();
  await page.goto(`${consoleServer.url}/categories`);
  await Promise.all([page.waitForURL("**/categories/manage"), page.click("[data-testid=plain-categories-link]")]);
  await page.fill("[data-testid=plain-new-name]", "无脚本 Plain");
  await Promise.all([page.waitForLoadState("load"), page.click("[data-testid=plain-add]")]);
  const row = page.locator("[data-testid=plain-category]", { has: page.locator('input[value="无脚本 Plain"]') });
  assert.equal(await row.count(), 1);
  await Promise.all([page.waitForURL(/parent=/), row.locator("text=Open").click()]);
  assert.match(await page.textContent("[data-testid=plain-level]"), /Inside “无脚本 Plain”/);
  await page.fill("[data-testid=plain-new-name]", "Child");
  await Promise.all([page.waitForLoadState("load"), page.click("[data-testid=plain-add]")]);
  const child = page.locator("[data-testid=plain-category]").first();
  await child.locator("input[name=name]").fill("子分类 Child");
  await Promise.all([page.waitForLoadState("load"), child.locator("button[type=submit]").click()]);
  assert.equal(await page.locator('input[value="子分类 Child"]').count(), 1);

  await Promise.all([page.waitForURL((u) => !u.search.includes("parent=")), page.click("text=Up one level")]);
  const top = page.locator("[data-testid=plain-category]", { has: page.locator('input[value="无脚本 Plain"]') });
  await Promise.all([page.waitForURL(/delete=/), top.locator("text=Delete").click()]);
  assert.match(await page.textContent("[data-testid=plain-delete]"), /1 sub-category/);
  await page.fill("#plain-confirm", "无脚本 Plain");
  await Promise.all([page.waitForURL((u) => !u.search.includes("delete=")), page.click("[data-testid=plain-confirm-delete]")]);
  assert.equal(await page.locator('input[value="无脚本 Plain"]').count(), 0);
  await context.close();
});

test("media: ticked rows deleted after a confirmation page, then undone", async () => {
  const { context, page } = await plainPage();
  await page.goto(`${consoleServer.url}/media?tab=images`);
  const boxes = page.locator("[data-testid=row-select]");
  const first = await boxes.nth(0).getAttribute("value");
  const third = await boxes.nth(2).getAttribute("value");
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  await Promise.all([page.waitForURL(/\/media\/delete\?/), page.click("#nojs-delete button[type=submit]")]);
  assert.match(await page.textContent("[data-testid=plain-delete-confirm]"), /Delete 2 images\?/);
  const listed = await page.locator("[data-testid=plain-delete-confirm] code").allTextContents();
  assert.deepEqual(listed, [first, third]);
  await Promise.all([page.waitForURL(/job=/), page.click("[data-testid=plain-confirm-delete]")]);
  assert.equal(await page.getAttribute("[data-testid=plain-job]", "data-state"), "pending");
  await Promise.all([page.waitForLoadState("load"), page.click("[data-testid=plain-undo]")]);
  assert.equal(await page.getAttribute("[data-testid=plain-job]", "data-state"), "cancelled");
  await context.close();
});

test("upload: a URL pull followed on its own page", async () => {
  const { context, page } = await plainPage();
  await page.goto(`${consoleServer.url}/media/upload`);
  await page.fill("#pull-urls", "https://media.example.com/plain-a.mp4\nhttps://media.example.com/plain-b.mp4");
  await Promise.all([page.waitForURL(/\/media\/upload\/jobs\?/), page.click("[data-testid=pull-form] button[type=submit]")]);
  assert.equal(await page.locator("[data-testid=plain-pull-job]").count(), 2);
  await Promise.all([page.waitForLoadState("load"), page.click("[data-testid=plain-refresh]")]);
  assert.equal(await page.locator("[data-testid=plain-pull-job]").count(), 2);
  await context.close();
});
