// The console by keyboard alone, in a real browser: search the media library, open a
// video, edit and save it without the mouse, with focus visible at every step; `?` lists
// the page's shortcuts in a dialog that keeps focus inside and gives it back when closed;
// the delete confirmation does the same. And times shown in the browser's time zone.
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

async function signedIn(options = {}) {
  const context = await browser.newContext({ locale: "en-US", ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await page.waitForSelector("[data-testid=user-menu]");
  await context.addCookies([{ name: "i18n_pref_locale", value: "en", url: consoleServer.url }]);
  return { context, page, errors };
}

/** What has focus: enough to tell where the keyboard is. */
const active = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const style = e ? getComputedStyle(e) : null;
  return {
    tag: e?.tagName.toLowerCase(),
    id: e?.id,
    testid: e?.dataset?.testid,
    href: e?.getAttribute("href"),
    inSheet: !!e?.closest("[data-testid=shortcuts-sheet]"),
    inDialog: !!e?.closest("[data-testid=delete-dialog]"),
    // Focus is visible: the browser matches :focus-visible and the style draws something.
    visible: !!e && e.matches(":focus-visible") && (style.outlineStyle !== "none" || style.boxShadow !== "none"),
  };
});

/** Presses Tab until `wanted(focus)` holds (at most `max` times); returns the focus. */
async function tabTo(page, wanted, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focus = await active(page);
    if (wanted(focus)) return focus;
  }
  throw new Error(`Tab never reached the wanted control; last: ${JSON.stringify(await active(page))}`);
}

test("keyboard only: search, open a video, edit its title and save", async () => {
  const { context, page, errors } = await signedIn();
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForSelector("html[data-hydrated=Media]");
  const firstTitle = await page.textContent("[data-testid=media-title]");
  const word = [...firstTitle].slice(0, 3).join("");

  // `/` goes to the search field; typing and Enter search.
  await page.keyboard.press("/");
  assert.equal((await active(page)).id, "mf-q");
  await page.keyboard.type(word);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => new URL(u).searchParams.get("q") === word);
  await page.waitForSelector("[data-testid=media-row]");

  // Tab to the first result's title and open it.
  const link = await tabTo(page, (f) => f.tag === "a" && f.testid === "media-title");
  assert.ok(link.visible, "the focused link shows a focus ring");
  assert.match(link.href, /^\/media\/video\//);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => new URL(u).pathname === link.href.split("?")[0]);
  await page.waitForSelector("html[data-hydrated=VideoDetail]");

  // Tab to the title field, replace the title, Tab to Save, Enter.
  const field = await tabTo(page, (f) => f.id === "edit-title");
  assert.ok(field.visible);
  const newTitle = `键盘 ${Date.now() % 100000}`;
  await page.keyboard.press("Control+A");
  await page.keyboard.type(newTitle);
  const save = await tabTo(page, (f) => f.testid === "save-edit");
  assert.ok(save.visible);
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=edit-form] .form-ok");
  await page.reload();
  assert.equal((await page.textContent("[data-testid=video-title]")).trim(), newTitle);
  assert.deepEqual(errors, []);
  await context.close();
});

test("? lists the page's shortcuts in a dialog that traps focus and returns it", async () => {
  const { context, page, errors } = await signedIn();
  await page.goto(`${consoleServer.url}/categories`);
  await page.waitForSelector("html[data-hydrated=Categories]");
  const opener = await tabTo(page, (f) => f.tag === "a" && f.href === "/media");

  await page.keyboard.press("?");
  await page.waitForSelector("[data-testid=shortcuts-sheet]");
  const rows = await page.$$eval("[data-testid=shortcuts-sheet] [data-testid=shortcut]", (d) => d.map((x) => x.textContent));
  assert.ok(rows.includes("Rename") && rows.includes("Show this list"), rows.join(" | "));
  const keys = await page.$$eval("[data-testid=shortcuts-sheet] kbd", (k) => k.map((x) => x.textContent));
  assert.ok(keys.includes("F2") && keys.includes("?"), keys.join(" "));
  assert.ok((await active(page)).inSheet, "focus moved into the dialog");
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    assert.ok((await active(page)).inSheet, `Tab ${i + 1} stays in the dialog`);
  }
  await page.keyboard.press("Shift+Tab");
  assert.ok((await active(page)).inSheet, "Shift+Tab stays in the dialog");
  await page.keyboard.press("Escape");
  await page.waitForSelector("[data-testid=shortcuts-sheet]", { state: "detached" });
  const back = await active(page);
  assert.equal(back.href, opener.href, "focus returns to the link that had it");

  // The media page lists `/`; typed into a text field, `?` is just a character.
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForSelector("html[data-hydrated=Media]");
  await page.keyboard.press("/");
  await page.keyboard.type("?");
  assert.equal(await page.inputValue("#mf-q"), "?");
  assert.equal(await page.$("[data-testid=shortcuts-sheet]"), null);

  // The user menu's button opens the same list, in the chosen language.
  await context.addCookies([{ name: "i18n_pref_locale", value: "zh", url: consoleServer.url }]);
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForSelector("html[data-hydrated=Media]");
  await page.click("[data-testid=user-menu]");
  await page.click("[data-testid=shortcuts-button]");
  await page.waitForSelector("[data-testid=shortcuts-sheet]");
  assert.equal(await page.textContent("#shortcuts-title"), "键盘快捷键");
  const zhRows = await page.$$eval("[data-testid=shortcuts-sheet] [data-testid=shortcut]", (d) => d.map((x) => x.textContent));
  assert.ok(zhRows.includes("跳到搜索框"), zhRows.join(" | "));
  await page.click("[data-testid=shortcuts-close]");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the delete confirmation takes focus, keeps it, and gives it back on Escape", async () => {
  const { context, page, errors } = await signedIn();
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForSelector("html[data-hydrated=Media]");
  // Select the first row by keyboard: Tab to its checkbox, Space.
  await tabTo(page, (f) => f.tag === "input" && f.testid === "row-select");
  await page.keyboard.press("Space");
  await page.waitForSelector("[data-testid=bulk-delete]:not([disabled])");
  // Shift+Tab back up to the delete button.
  for (let i = 0; i < 40 && (await active(page)).testid !== "bulk-delete"; i++) await page.keyboard.press("Shift+Tab");
  assert.equal((await active(page)).testid, "bulk-delete");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=delete-dialog]");
  assert.equal((await active(page)).testid, "confirm-delete", "focus starts on the confirming button");
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    assert.ok((await active(page)).inDialog, `Tab ${i + 1} stays in the dialog`);
  }
  await page.keyboard.press("Escape");
  await page.waitForSelector("[data-testid=delete-dialog]", { state: "detached" });
  assert.equal((await active(page)).testid, "bulk-delete", "focus returns to the button that opened it");
  assert.deepEqual(errors, []);
  await context.close();
});

test("times follow the browser's time zone, on the page at once and from the server after", async () => {
  const { context, page, errors } = await signedIn({ timezoneId: "America/Los_Angeles" });
  // Another test's browser may have stored its own zone on the account: forget it here,
  // as a browser that never told one would.
  await context.clearCookies({ name: "vod_console_tz" });
  await page.goto(`${consoleServer.url}/media`);
  await page.waitForSelector("html[data-hydrated=Media]");
  const expected = (iso) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
  const first = () => page.$eval("time[datetime]", (t) => ({ at: t.getAttribute("datetime"), text: t.textContent, title: t.title }));
  await page.waitForFunction(() => document.cookie.includes("vod_console_tz="));
  await page.waitForFunction(() => (document.querySelector("time[datetime]")?.title ?? "").startsWith("America/Los_Angeles"));
  const shown = await first();
  assert.equal(shown.text, expected(shown.at), JSON.stringify(shown));
  const cookies = await context.cookies(consoleServer.url);
  assert.equal(cookies.find((c) => c.name === "vod_console_tz")?.value, "America/Los_Angeles");

  // The next page comes from the server already in that zone.
  const html = await (await page.request.get(`${consoleServer.url}/media`)).text();
  const m = /<time datetime="([^"]+)"[^>]*>([^<]+)</.exec(html);
  assert.ok(m, "a server-rendered time");
  assert.equal(m[2], expected(m[1]));
  assert.deepEqual(errors, []);
  await context.close();
});
