// Console accounts and the activity log with JavaScript off: every form is a plain form
// that posts (or, for the filter, gets) and comes back to the page with the result.
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

async function signInWithoutScripts(username, password) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
  const page = await context.newPage();
  await signInPlain(page, consoleServer.url, username, password);
  return { context, page };
}

/** Submits the form holding `selector` and waits for the page it comes back to. */
async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const row = (page, name) => page.locator("[data-testid=users-table] tr", { has: page.locator(`th:has-text("${name}")`) });

test("JavaScript off: create an account, change its role, reset its password, disable it", async () => {
  const { context, page } = await signInWithoutScripts("admin", consoleServer.password);
  await page.goto(`${consoleServer.url}/users`);

  // Create.
  await page.fill("#new-username", "dora");
  await page.fill("#new-password", "first-password-1");
  await page.selectOption("#new-role", "viewer");
  await submit(page, "section[aria-labelledby=new-user] button[type=submit]");
  assert.equal(new URL(page.url()).pathname, "/users");
  assert.equal(await row(page, "dora").count(), 1, "the new account is listed");

  // Change the role.
  await row(page, "dora").locator("select[name=role]").selectOption("editor");
  await submit(page, `${await rowSelector(page, "dora")} td:nth-of-type(1) button[type=submit]`);
  assert.equal(await row(page, "dora").locator("select[name=role]").inputValue(), "editor");

  // Reset the password: the new one signs in, the old one no longer does.
  await row(page, "dora").locator("input[name=password]").fill("second-password-2");
  await submit(page, `${await rowSelector(page, "dora")} td:nth-of-type(4) button[type=submit]`);
  const fresh = await browser.newContext({ javaScriptEnabled: false });
  const check = await fresh.newPage();
  const signIn = async (password) => {
    await check.goto(`${consoleServer.url}/login`);
    await check.fill("#username", "dora");
    await check.fill("#password", password);
    await Promise.all([check.waitForNavigation(), check.click("[data-testid=sign-in]")]);
    return new URL(check.url()).pathname;
  };
  assert.equal(await signIn("first-password-1"), "/login", "the old password is refused");
  assert.notEqual(await signIn("second-password-2"), "/login", "the new password signs in");
  await fresh.close();

  // Disable.
  await submit(page, `${await rowSelector(page, "dora")} td:nth-of-type(5) button[type=submit]`);
  assert.match(await row(page, "dora").textContent(), /disabled.*Enable/);

  // The activity log's filter is a plain GET form too.
  await page.goto(`${consoleServer.url}/activity`);
  await page.fill("#af-action", "CreateUser");
  await submit(page, "[data-testid=activity-filter] button[type=submit]");
  assert.equal(new URL(page.url()).searchParams.get("action"), "CreateUser");
  const rows = await page.$$eval("[data-testid=activity-row]", (r) => r.map((x) => x.textContent));
  assert.ok(rows.length === 1 && /dora/.test(rows[0]), rows.join(" | "));
  await context.close();
});

/** A CSS selector for the row of `name` (forms are found inside it). */
async function rowSelector(page, name) {
  const index = await page.$$eval("[data-testid=users-table] tbody tr", (trs, name) =>
    trs.findIndex((tr) => tr.querySelector("th")?.textContent.includes(name)), name);
  assert.ok(index >= 0, `no row for ${name}`);
  return `[data-testid=users-table] tbody tr:nth-child(${index + 1})`;
}
