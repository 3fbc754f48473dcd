// The category tree in a real browser against the emulator: build a 3-level branch with
// the keyboard alone, see the 4th level refused with a sentence, rename with CJK
// characters, preview and perform a cascading delete; and the server-rendered tree
// with JavaScript off.
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

const TREE = "[data-testid=category-tree-default]";

/** What the focused element is: role, level, name, or the test id of a field. */
async function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute("role"),
      level: el?.getAttribute("aria-level"),
      name: el?.querySelector("[data-testid=category-name]")?.textContent ?? null,
      testid: el?.dataset?.testid ?? null,
      value: el?.value ?? null,
    };
  });
}

async function waitForField(page) {
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === "category-name-input");
}

async function waitForNode(page, name) {
  await page.waitForFunction(
    (n) => document.activeElement?.querySelector?.("[data-testid=category-name]")?.textContent === n,
    name,
  );
}

test("keyboard: a 3-level branch, the 4th level refused, a CJK rename, a cascading delete", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${consoleServer.url}/categories`);
  await page.waitForSelector(`${TREE} [role=treeitem]`);
  // Media counts arrive only once the page is hydrated.
  await page.waitForFunction(
    (sel) => /\d+ media/.test(document.querySelector(`${sel} [data-testid=category-count]`)?.textContent ?? ""),
    TREE,
  );
  assert.equal(await page.locator(`${TREE} [role=tree]`).count(), 1);
  assert.equal(await page.locator(`${TREE} [role=treeitem][tabindex="0"]`).count(), 1, "one tab stop");

  // Tab into the tree.
  for (let i = 0; i < 40 && (await active(page)).role !== "treeitem"; i++) await page.keyboard.press("Tab");
  assert.equal((await active(page)).role, "treeitem");
  assert.equal((await active(page)).name, "新闻资讯 News");

  // ArrowRight opens (children load), again moves into the first child; ArrowLeft goes back.
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-expanded") === "true");
  await page.keyboard.press("ArrowRight");
  await waitForNode(page, "国内 Domestic");
  assert.equal((await active(page)).level, "2");
  await page.keyboard.press("ArrowLeft");
  await waitForNode(page, "新闻资讯 News");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-expanded") === "false");

  // End, then Enter: a sibling at the top level.
  await page.keyboard.press("End");
  await waitForNode(page, "产品演示 Product demos");
  await page.keyboard.press("Enter");
  await waitForField(page);
  await page.keyboard.type("E2E 分支 A");
  await page.keyboard.press("Enter");
  await waitForNode(page, "E2E 分支 A");
  assert.equal((await active(page)).level, "1");

  // Alt+Enter twice: two levels below it.
  await page.keyboard.press("Alt+Enter");
  await waitForField(page);
  await page.keyboard.type("Level two");
  await page.keyboard.press("Enter");
  await waitForNode(page, "Level two");
  assert.equal((await active(page)).level, "2");
  await page.keyboard.press("Alt+Enter");
  await waitForField(page);
  await page.keyboard.type("Level three");
  await page.keyboard.press("Enter");
  await waitForNode(page, "Level three");
  assert.equal((await active(page)).level, "3");

  // A fourth level is refused before anything is sent.
  await page.keyboard.press("Alt+Enter");
  const refusal = page.locator(`${TREE} [data-testid=tree-message] [role=alert]`);
  await refusal.waitFor();
  const text = await refusal.textContent();
  assert.match(text, /“Level three” is at level 3/);
  assert.match(text, /3 levels/);
  assert.equal(await page.locator(`${TREE} [data-testid=category-draft]`).count(), 0);
  assert.equal((await active(page)).name, "Level three");

  // F2: a name over 64 bytes is refused and kept; then a CJK name is saved.
  await page.keyboard.press("F2");
  await waitForField(page);
  assert.equal((await active(page)).value, "Level three");
  await page.keyboard.press("Control+A");
  const tooLong = "类".repeat(22);
  await page.keyboard.type(tooLong);
  await page.keyboard.press("Enter");
  const fieldError = page.locator(`${TREE} [data-testid=category-name-error]`);
  await page.waitForFunction((sel) => /66 bytes/.test(document.querySelector(sel)?.textContent ?? ""), `${TREE} [data-testid=category-name-error]`);
  assert.match(await fieldError.textContent(), /at most 64 bytes/);
  assert.equal((await active(page)).value, tooLong, "the typed text stays in the field");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("第三级分类");
  await page.keyboard.press("Enter");
  await waitForNode(page, "第三级分类");

  // Up the branch: ← goes to the parent, ← closes it, ← goes to its parent.
  await page.keyboard.press("ArrowLeft");
  await waitForNode(page, "Level two");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await waitForNode(page, "E2E 分支 A");

  // Delete: the preview names what cascades, and the name must be typed.
  await page.keyboard.press("Delete");
  const preview = page.locator(`${TREE} [data-testid=delete-preview]`);
  await preview.waitFor();
  assert.equal(
    await preview.textContent(),
    "2 sub-categories are deleted with it; no media lose their category.",
  );
  assert.deepEqual(await page.locator(`${TREE} [data-testid=delete-descendants] li`).allTextContents(), ["Level two", "第三级分类"]);
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === "delete-confirm");
  assert.equal(await page.locator(`${TREE} [data-testid=delete-perform]`).isDisabled(), true);
  await page.keyboard.type("E2E 分支");
  await page.keyboard.press("Enter"); // not the name yet: nothing happens
  assert.equal(await page.locator(`${TREE} [data-testid=delete-dialog]`).count(), 1);
  await page.keyboard.type(" A");
  await page.keyboard.press("Enter");
  await page.locator(`${TREE} [data-testid=delete-dialog]`).waitFor({ state: "detached" });
  assert.match(await page.textContent(`${TREE} [data-testid=tree-message]`), /Deleted “E2E 分支 A”/);
  assert.equal(await page.locator(`${TREE} [data-testid=category-name]`, { hasText: "E2E 分支 A" }).count(), 0);
  await waitForNode(page, "产品演示 Product demos");

  // A demo category with media: the preview counts the whole subtree's media; Esc cancels.
  await page.keyboard.press("Home");
  await waitForNode(page, "新闻资讯 News");
  await page.keyboard.press("Delete");
  await preview.waitFor();
  assert.match(await preview.textContent(), /^7 sub-categories are deleted with it; \d+ media items lose their category/);
  await page.keyboard.press("Escape");
  await page.locator(`${TREE} [data-testid=delete-dialog]`).waitFor({ state: "detached" });
  await waitForNode(page, "新闻资讯 News");

  // The media library link of a node carries its ID.
  const href = await page.getAttribute(`${TREE} [data-testid=open-media]`, "href");
  assert.match(href, /^\/media\?cate=\d+$/);

  // Every change is in the activity log.
  await page.goto(`${consoleServer.url}/activity?action=Category`);
  const actions = await page.locator("[data-testid=activity-row] td:nth-child(3) code").allTextContents();
  for (const a of ["vod:AddCategory", "vod:UpdateCategory", "vod:DeleteCategory"]) assert.ok(actions.includes(a), `${a} in ${actions}`);
  assert.equal(actions.filter((a) => a === "vod:AddCategory").length, 3);

  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], "browser errors");
  await context.close();
});

test("JavaScript off: the top level of both trees is server-rendered", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${consoleServer.url}/categories`);
  assert.equal(await page.locator("[role=tree]").count(), 2);
  const names = await page.locator("[data-testid=category-tree-default] [data-testid=category-name]").allTextContents();
  assert.equal(names.length, 6);
  assert.equal(names[0], "新闻资讯 News");
  assert.equal(await page.locator("[data-testid=category-tree-material] [role=treeitem]").count(), 3);
  assert.equal(await page.getAttribute("[data-testid=category-tree-default] [role=treeitem]", "aria-expanded"), "false");
  assert.match(await page.getAttribute("[data-testid=category-tree-default] [data-testid=category-count]", "href"), /^\/media\?cate=\d+$/);
  await context.close();
});
