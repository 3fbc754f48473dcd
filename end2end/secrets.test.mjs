// Secret hygiene: with known VOD credentials configured, neither the AccessKey secret
// nor the AccessKeyId may appear in any HTML page, any server-function response, the
// built wasm/js/css, or the server's log — including when VOD rejects the signature
// (whose error echoes the AccessKeyId) and with the most verbose logging.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { startConsole, startEmulator, launchBrowser, signIn, ROOT } from "./harness.mjs";

const ACCESS_KEY_ID = "LTAI5tHygieneCheckKeyId7Q";
const SECRET = "HygieneCheckSecretValue9f3Kq2Zx";
const PASSWORD = "hygiene-admin-password";
const ADMIN = { CONSOLE_ADMIN_PASSWORD: PASSWORD, RUST_LOG: "trace" };

let emulator, good, wrongSecret, browser;

before(async () => {
  emulator = await startEmulator({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET });
  const vod = { VOD_ACCESS_KEY_ID: ACCESS_KEY_ID, VOD_ENDPOINT: emulator.url, ...ADMIN };
  good = await startConsole({ ...vod, VOD_ACCESS_KEY_SECRET: SECRET });
  wrongSecret = await startConsole({ ...vod, VOD_ACCESS_KEY_SECRET: SECRET + "-wrong" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await good?.stop();
  await wrongSecret?.stop();
  emulator?.stop();
});

function assertClean(where, text) {
  assert.ok(!text.includes(SECRET), `the AccessKey secret appears in ${where}`);
  assert.ok(!text.includes(ACCESS_KEY_ID), `the AccessKeyId appears in ${where}`);
}

/** Signs in and visits every page, recording every response body the browser receives. */
async function crawl(server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", async (res) => {
    try { bodies.push([res.url(), await res.text()]); } catch {}
  });
  await signIn(page, server.url, "admin", PASSWORD);
  await page.waitForSelector("[data-testid=section-cards]");
  for (const path of ["/", "/media", "/categories", "/templates", "/watermarks", "/audit", "/usage", "/activity", "/users", "/media/upload", "/nope"]) {
    await page.goto(server.url + path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto(server.url + "/");
  const state = await page.waitForSelector("[data-testid=vod-status] [data-state]");
  const result = { bodies, state: await state.getAttribute("data-state"), title: await state.getAttribute("title") };
  // Server functions called directly, as any client could.
  for (const fn of ["session/info", "session/vod-status", "users/list", "upload/choices"]) {
    const r = await page.evaluate(async (u) => (await fetch(u, { method: "POST" })).text(), `/api/${fn}`);
    bodies.push([fn, r]);
  }
  await context.close();
  return result;
}

test("no credential in pages, server-function responses or logs (working credentials)", async () => {
  const { bodies, state } = await crawl(good).catch((e) => { console.log(good.log().split("\n").filter((l) => !/TRACE|DEBUG/.test(l)).slice(-40).join("\n")); throw e; });
  assert.equal(state, "ok", "the console reaches VOD with these credentials");
  assert.ok(bodies.length > 20, `only ${bodies.length} responses seen`);
  for (const [url, body] of bodies) assertClean(url, body);
  assertClean("the console log", good.log());
});

test("no credential when VOD rejects the signature, and the person is told why", async () => {
  const { bodies, state, title } = await crawl(wrongSecret);
  assert.equal(state, "error");
  assert.match(title, /AccessKey secret is wrong/);
  for (const [url, body] of bodies) assertClean(url, body);
  assertClean("the console log", wrongSecret.log());
  assert.match(wrongSecret.log(), /SignatureDoesNotMatch/, "the failure itself is logged");
});

test("no credential in the built wasm, js and css", () => {
  // Every built file: the stylesheet, the js, the main wasm and each lazily loaded chunk
  // (their .br/.gz copies compress the same bytes).
  const pkg = join(ROOT, "target/site/pkg");
  const files = readdirSync(pkg, { recursive: true })
    .filter((f) => statSync(join(pkg, f)).isFile() && !/\.(br|gz)$/.test(f));
  assert.ok(files.filter((f) => f.endsWith(".wasm")).length > 1, "the main wasm and its chunks");
  for (const f of files) assertClean(f, readFileSync(join(pkg, f)).toString("latin1"));
});
