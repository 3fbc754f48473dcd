// Browser file upload throughput against the console's embedded emulator: signs in,
// uploads one file through /media/upload (signed 1 MiB multipart PUTs from Chromium to
// the emulator's storage target) and times the click on "Upload" to "Done".
//
//   node bench/browser_upload.mjs [MiB]     (default 64; needs scripts/build.sh first)
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startConsole, launchBrowser, signIn } from "../end2end/harness.mjs";

const mib = Number(process.argv[2] ?? 64);
const dir = mkdtempSync(join(tmpdir(), "vod-upload-bench-"));
const path = join(dir, "bench.mp4");
writeFileSync(path, Buffer.alloc(mib * 1024 * 1024, 5));
const server = await startConsole();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await signIn(page, server.url, "admin", server.password);
  await page.waitForSelector("[data-testid=section-cards]");
  await page.goto(`${server.url}/media/upload`);
  await page.waitForSelector("[data-testid=upload-start]:not([disabled])");
  await page.setInputFiles("#upload-file", path);
  const t0 = performance.now();
  await page.click("[data-testid=upload-start]");
  await page.waitForSelector("[data-testid=upload-done]", { timeout: 600_000 });
  const s = (performance.now() - t0) / 1000;
  console.log(`${mib} MiB in ${s.toFixed(2)} s: ${(mib / s).toFixed(1)} MiB/s, ${(mib / s).toFixed(1)} parts/s`);
  console.log(await page.textContent("[data-testid=upload-status]"));
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
