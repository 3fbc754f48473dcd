// The console shell in a real browser: sign in with the printed password, move between
// sections by client-side routing (proof of hydration), sign out, and be sent back to
// the login page; then the same sign-in with JavaScript disabled.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startConsole, launchBrowser, signIn, ROOT } from "./harness.mjs";

let consoleServer, browser;

before(async () => {
  consoleServer = await startConsole();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

test("the first start prints an admin password", () => {
  assert.match(consoleServer.password ?? "", /^[A-Za-z0-9]{20}$/);
  assert.match(consoleServer.log(), /local emulator/);
});

test("sign in, navigate client-side, use a hydrated control, sign out", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=section-cards]");
  assert.equal(new URL(page.url()).pathname, "/");
  await page.waitForFunction(() => !!window.__leptos_hydrated || document.querySelector("[data-testid=user-menu]"));
  const badge = await page.textContent("[data-testid=endpoint-badge]");
  assert.match(badge, /local emulator/);

  // Client-side routing: a marker on window survives only if no full page load happens.
  await page.waitForSelector("html[data-hydrated]"); // the page's handlers are attached
  await page.evaluate(() => { window.__noReload = "still here"; });
  await page.click("nav >> text=Categories");
  await page.waitForURL("**/categories");
  await page.waitForSelector("h1:has-text('Categories')");
  await page.click("nav >> text=Media");
  await page.waitForURL("**/media");
  assert.equal(await page.evaluate(() => window.__noReload), "still here", "navigation reloaded the page");
  assert.equal(await page.getAttribute("nav a[href='/media']", "aria-current"), "page");

  // A hydrated control: the user menu toggles without any request.
  const menu = page.locator("[data-testid=user-menu]");
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  await menu.click();
  assert.equal(await menu.getAttribute("aria-expanded"), "true");

  if (process.env.SCREENSHOT) {
    mkdirSync(join(ROOT, "docs"), { recursive: true });
    await page.goto(`${consoleServer.url}/`);
    await page.waitForSelector("[data-testid=section-cards]");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(ROOT, "docs/screenshot.png") });
    await page.locator("[data-testid=user-menu]").click();
  }

  await page.click("[data-testid=sign-out]");
  await page.waitForURL("**/login**");
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForURL("**/login?next=/media");
  assert.ok(await page.isVisible("[data-testid=login-form]"));
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], "browser errors");
  await context.close();
});

test("wrong password shows the generic message", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, consoleServer.url, "admin", "definitely-not-it");
  const msg = await page.textContent("[data-testid=form-error]");
  assert.equal(msg.trim(), "The user name or password is incorrect.");
  await context.close();
});

test("sign in and out with JavaScript disabled", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${consoleServer.url}/users`);
  await page.waitForURL("**/login?next=/users");
  await page.fill("#username", "admin");
  await page.fill("#password", "wrong-password-here");
  await page.click("[data-testid=sign-in]");
  await page.waitForSelector("[data-testid=form-error]");
  assert.equal((await page.textContent("[data-testid=form-error]")).trim(), "The user name or password is incorrect.");

  await page.fill("#username", "admin");
  await page.fill("#password", consoleServer.password);
  await page.click("[data-testid=sign-in]");
  await page.waitForURL("**/users");
  await page.waitForSelector("[data-testid=users-table]");
  assert.match(await page.textContent("[data-testid=users-table]"), /admin/);

  // The user menu is a <details> element: it opens without JavaScript.
  await page.click("[data-testid=user-menu]");
  await page.click("[data-testid=sign-out]");
  await page.waitForURL("**/login**");
  // The sign-in form is back: the sign-out answer has been loaded, the session is gone.
  await page.waitForSelector("#username");
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForURL("**/login?next=/media");
  await context.close();
});
