// The wasm split per page, in a real browser: a page's first visit loads the main module
// and that page's pack of modules (preloaded by the server) and nothing of other pages; hovering a
// navigation link fetches that page's chunk before the click; the click then navigates
// client-side; and a warm reload transfers no wasm, js or css at all.
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

/** Records every response of `page`: url, and bytes on the wire (CDP). */
async function record(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map();
  const seen = [];
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId);
    if (url) seen.push({ path: new URL(url).pathname, bytes: e.encodedDataLength });
  });
  return seen;
}

const hydrated = (page, route) => page.waitForSelector(`html[data-hydrated="${route}"]`, { state: "attached" });

test("a page loads its own chunks; hovering a link prefetches the next; a warm reload sends no code", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await signIn(page, consoleServer.url, "admin", consoleServer.password);
  await hydrated(page, "Home");

  const seen = await record(page);
  await page.goto(`${consoleServer.url}/categories`);
  await hydrated(page, "Categories");
  await page.waitForLoadState("networkidle");
  const wasm = seen.filter((r) => /\.(wasm|bin)$/.test(r.path)).map((r) => r.path);
  assert.ok(wasm.some((p) => /pack___categories_view_/.test(p)), `the categories pack: ${wasm}`);
  assert.ok(!wasm.some((p) => /(split|pack)___(users|media|upload)_view_/.test(p)), `no other page's modules: ${wasm}`);
  assert.ok(!wasm.some((p) => /(split___|chunk_)\d*.*\.wasm$/.test(p)), `the page's modules come in its pack, not one by one: ${wasm}`);

  // Hover: the users page's chunk arrives before any click.
  const before = seen.length;
  await page.hover("nav a[href='/users']");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /pack___users_view_/.test(e.name)));
  assert.ok(seen.slice(before).every((r) => !r.path.startsWith("/users")), "no page was loaded by the hover");

  // Click: client-side navigation (no document request), the page hydrated from its chunk.
  const documents = [];
  page.on("request", (r) => { if (r.resourceType() === "document") documents.push(r.url()); });
  await page.click("nav a[href='/users']");
  await page.waitForURL("**/users");
  await hydrated(page, "Users");
  await page.waitForSelector("[data-testid=users-table]");
  assert.deepEqual(documents, [], "navigated without a page load");

  // Warm reload: every js, css and wasm file comes from the cache.
  const warm = await record(page);
  await page.reload();
  await hydrated(page, "Users");
  await page.waitForLoadState("networkidle");
  const code = warm.filter((r) => /\.(js|css|wasm|bin)$/.test(r.path));
  assert.ok(code.length > 0, "the reload used code files");
  assert.deepEqual(code.filter((r) => r.bytes > 0), [], "no code bytes on a warm reload");
  assert.deepEqual(errors, []);
  await context.close();
});
