// Chinese and English, light and dark, in a real browser: the first visit follows the
// browser's language, the switch in the user menu changes the page at once without a
// reload and survives one, the theme is right from the first paint, and axe-core finds
// no WCAG 2.1 AA violation on any page, in both languages, hydrated and with JavaScript
// off, in light and dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startConsole, launchBrowser, signIn, signInPlain, ROOT } from "./harness.mjs";

const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const PAGES = ["/", "/media", "/media?tab=images", "/media?tab=attached", "/media/upload", "/categories", "/templates",
  "/watermarks", "/watermarks?new=Image", "/watermarks?new=Text", "/templates?new=1", "/templates/snapshots",
  "/templates/snapshots?snapshot=new", "/templates/snapshots?snapshot=new-animated", "/templates/jobs", "/audit", "/audit?sort=uploaded&label=ad", "/audit/record", "/audit/security", "/audit/ai", "/audit/ai?edit=a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2", "/usage", "/usage?range=30d&compare=1", "/activity", "/users"];

/** Pages whose address holds an ID: a template group, its rendition editor (an existing
 *  rendition and a new one), a reviewer screen, found by following the pages' links. */
async function linkedPages(page) {
  await page.goto(`${consoleServer.url}/templates`);
  const group = await page.getAttribute("a[href^='/templates?group=']", "href");
  await page.goto(`${consoleServer.url}${group}`);
  const edit = await page.getAttribute("[data-testid=rendition-row] a[href*='edit=']", "href");
  await page.goto(`${consoleServer.url}/audit`);
  const review = await page.getAttribute("[data-testid=queue-row] a", "href");
  // The review screen on its second page of flagged frames (the pager on both sides).
  return [group, edit, `${group}&edit=new`, review, `${review}?frames=2`];
}

/** The pages of plain forms (server-rendered only, never hydrated). */
const PLAIN = ["/categories/manage", "/categories/manage?type=material", "/media/delete?tab=images&ids%5B0%5D=0000",
  "/media/upload/jobs?refused=1"];

let consoleServer, browser;

before(async () => {
  consoleServer = await startConsole();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

/** A browser context in `locale`. `scripts: false` is the page as a browser without
 *  JavaScript shows it: the console's own scripts and wasm are refused, so nothing
 *  hydrates, while the test can still run axe in the page. */
async function newContext(locale, { scripts = true, ...options } = {}) {
  const context = await browser.newContext({ locale, bypassCSP: true, ...options });
  if (!scripts) await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  return context;
}

/** A signed-in context in `locale` (the browser's language) with the given options. */
async function signedIn(locale, options = {}) {
  const context = await newContext(locale, options);
  const page = await context.newPage();
  if (options.scripts === false || options.javaScriptEnabled === false) {
    // The plain form posts and comes back with a 302; the session cookie is set.
    await signInPlain(page, consoleServer.url, "admin", consoleServer.password);
  } else {
    await signIn(page, consoleServer.url, "admin", consoleServer.password);
    await page.waitForSelector("[data-testid=user-menu]");
  }
  // Signing in restores the account's last choice (another test may have switched it):
  // this context is in the browser's language and the system theme.
  await context.addCookies([
    { name: "i18n_pref_locale", value: locale.slice(0, 2), url: consoleServer.url },
    { name: "vod_console_theme", value: "system", url: consoleServer.url },
  ]);
  return { context, page };
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the current page: the violations. */
async function axe(page) {
  return page.evaluate(`(async () => {
    ${AXE}
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(0, 2).join(" ")) }));
  })()`);
}

test("the browser's language decides the first visit; the switch applies at once and sticks", async () => {
  const zh = await browser.newContext({ locale: "zh-CN" });
  const page = await zh.newPage();
  await page.goto(`${consoleServer.url}/login`);
  assert.equal(await page.getAttribute("html", "lang"), "zh");
  assert.match(await page.textContent("h1"), /视频点播控制台/);
  await zh.close();

  const { context, page: p } = await signedIn("en-US");
  await p.waitForSelector("html[data-hydrated]");
  assert.equal(await p.getAttribute("html", "lang"), "en");
  await p.evaluate(() => { window.__noReload = "still here"; });
  await p.click("[data-testid=user-menu]");
  await p.selectOption("[data-testid=lang-select]", "zh");
  // At once, hydrated: the navigation and <html lang> change without a page load.
  await p.waitForFunction(() => document.documentElement.lang === "zh");
  await p.waitForSelector("nav >> text=媒体库");
  assert.equal(await p.evaluate(() => window.__noReload), "still here", "the switch reloaded the page");
  // The choice is saved (cookie and account) and the next page load is Chinese from the server.
  await p.waitForFunction(() => document.cookie.includes("i18n_pref_locale=zh"));
  const html = await (await p.request.get(`${consoleServer.url}/media`)).text();
  assert.match(html, /<html[^>]* lang="zh"/);
  await p.reload();
  assert.equal(await p.getAttribute("html", "lang"), "zh");
  assert.ok(await p.isVisible("nav >> text=媒体库"));
  // Back to English for the other tests of this browser.
  await p.click("[data-testid=user-menu]");
  await p.selectOption("[data-testid=lang-select]", "en");
  await p.waitForFunction(() => document.documentElement.lang === "en");
  await context.close();
});

test("the theme switch applies at once and is rendered by the server on the next load", async () => {
  const { context, page } = await signedIn("en-US", { colorScheme: "light" });
  await page.waitForSelector("html[data-hydrated]");
  assert.equal(await page.getAttribute("html", "data-theme"), "system");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.click("[data-testid=user-menu]");
  await page.selectOption("[data-testid=theme-select]", "dark");
  await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  assert.notEqual(await bg(), light, "the dark theme changes the page");
  await page.waitForFunction(() => document.cookie.includes("vod_console_theme=dark"));
  // The server decides: no flash of the light theme on the next load.
  const html = await (await page.request.get(`${consoleServer.url}/`)).text();
  assert.match(html, /<html[^>]* data-theme="dark"/);
  // (The menu is still open.)
  await page.selectOption("[data-testid=theme-select]", "system");
  await page.waitForFunction(() => document.documentElement.dataset.theme === "system");
  await context.close();
});

test("the language switch works with JavaScript off (a form post back to the page)", async () => {
  const { context, page } = await signedIn("en-US", { javaScriptEnabled: false });
  await page.goto(`${consoleServer.url}/categories`);
  await page.click("[data-testid=user-menu]");
  await page.selectOption("[data-testid=lang-select]", "zh");
  await Promise.all([page.waitForURL("**/categories"), page.click("[data-testid=prefs-apply]")]);
  assert.equal(await page.getAttribute("html", "lang"), "zh");
  assert.ok(await page.isVisible("nav >> text=分类"));
  await page.click("[data-testid=user-menu]");
  await page.selectOption("[data-testid=lang-select]", "en");
  await Promise.all([page.waitForURL("**/categories"), page.click("[data-testid=prefs-apply]")]);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await context.close();
});

for (const locale of ["zh-CN", "en-US"]) {
  for (const scripts of [true, false]) {
    test(`axe: no WCAG 2.1 AA violations, ${locale}, JavaScript ${scripts ? "on" : "off"}`, async () => {
      const schemes = scripts ? ["light", "dark"] : ["light"];
      const failures = [];
      for (const colorScheme of schemes) {
        const { context, page } = await signedIn(locale, { scripts, colorScheme });
        const linked = await linkedPages(page);
        for (const path of [...PAGES, ...linked, ...PLAIN, "/no-such-page"]) {
          await page.goto(`${consoleServer.url}${path}`);
          if (scripts && path !== "/no-such-page" && !PLAIN.includes(path)) await page.waitForSelector("html[data-hydrated]");
          for (const v of await axe(page)) failures.push(`${colorScheme} ${path}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`);
        }
        await context.close();
      }
      // The sign-in page, signed out.
      const context = await newContext(locale, { scripts });
      const page = await context.newPage();
      await page.goto(`${consoleServer.url}/login`);
      for (const v of await axe(page)) failures.push(`/login: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`);
      await context.close();
      assert.deepEqual(failures, [], failures.join("\n"));
    });
  }
}
