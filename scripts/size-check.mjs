// The first-load budget, checked on the built files (bytes, not time): what a browser
// downloads, Brotli-compressed, to show and hydrate each page on a first visit.
//
//   node scripts/size-check.mjs [target/site]      prints a table; exits 1 over budget
//
// First load of a page = the stylesheet + the js + the main wasm + the chunk loader (the
// js imports it) + the pack of every module the page's lazy route needs (one file per
// route, see scripts/pack-chunks.mjs; the modules themselves are listed in the split
// manifest). "Each single chunk" is a page's own module, the largest thing one page adds. Sign-in is in the
// main wasm. Budgets: each page's first load <= 300 KB and the chunks it needs beyond
// the main module <= 120 KB (unless PAGES below gives the page its own ceiling), each
// single chunk <= 120 KB, and every page but sign-in lazy.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const LARGEST_CHUNK_BUDGET = 120 * 1024;
const CEILING_SLACK = 1.02;

const site = process.argv[2] ?? "target/site";
const hashes = Object.fromEntries(
  readFileSync(join(site, "hash.txt"), "utf8")
    .split("\n")
    .filter((l) => l.includes(":"))
    .map((l) => l.split(":").map((s) => s.trim())),
);
const pkg = join(site, "pkg");
const bundle = join(pkg, hashes.bundle);
const br = (path) => {
  if (!existsSync(`${path}.br`)) throw new Error(`missing ${path}.br: run scripts/build.sh`);
  return statSync(`${path}.br`).size;
};

const css = br(join(pkg, `vod-console.${hashes.css}.css`));
const js = br(join(bundle, "vod-console.js"));
const wasm = br(join(bundle, "vod-console.wasm"));
const loader = br(join(bundle, "__wasm_split.______________________.js"));
const manifest = JSON.parse(readFileSync(join(bundle, "chunks.json"), "utf8"));
const shell = css + js + wasm + loader; // the js imports the loader statically

// Route path -> lazy route type (app/src/pages/mod.rs names the split `__<snake>_view_<n>`)
// and, for pages over the default budget, their own ceiling: the measured size (last
// measured 2026-12-05, with both languages and time zones). A page may exceed its
// measured ceiling by CEILING_SLACK (2 %): two clean builds of the same commit on different
// machines differ by up to 0.4 KB (wasm-opt and Brotli), and a ratchet that tight fails
// on noise; growth beyond 2 % is still noticed. The main module with the stylesheet and
// scripts (framework, router, shell, sign-in, the i18n runtime and both languages'
// catalogues) is 285.5 KB, leaving 14 KB for a page under the 300 KB default; see
// docs/benchmarks.md ("First load: one chunk per page"). A page added later gets the
// default budget.
const PAGES = {
  // The overview's tiles: media counts, the storage trend, yesterday, the latest changes.
  "/": ["home", { first: 330 }],
  // The plain delete form for a browser without scripts (the boxes' `form` and `name`): 1.9 KB.
  "/media": ["media", { first: 434, chunks: 152 }],
  // Each new lazy page cuts the code it shares with these into more, smaller modules
  // (`/media` needs 198); they arrive as one pack, compressed together.
  "/media/video/:id": ["video_detail", { first: 414, chunks: 131 }],
  "/media/image/:id": ["image_detail", { first: 392, chunks: 110 }],
  "/media/attached/:id": ["attached_detail", { first: 392, chunks: 110 }],
  "/media/upload": ["upload", { first: 400, chunks: 118 }],
  "/categories": ["categories", { first: 372 }],
  // The rendition editor (25 checked fields, the diff) and the groups: the largest own
  // module; the snapshot and jobs routes load apart.
  "/templates": ["templates", { first: 424, chunks: 142 }],
  // Snapshot templates with the animated-image form (+20 KB); the jobs with a task's
  // output files (+22 KB: each new resource type brings its own serde and hydration code).
  "/templates/snapshots": ["template_snapshots", { first: 367 }],
  "/templates/jobs": ["transcode_jobs", { first: 375 }],
  "/watermarks": ["watermarks", { first: 424, chunks: 142 }],
  // The queue, the decision record and the security IPs (one module, three tabs).
  "/audit": ["audit", { first: 366 }],
  // AI moderation: submissions with their results, the jobs, the template editor.
  "/audit/ai": ["audit_ai", { first: 366 }],
  // The reviewer screen: the player, the timeline, the keyboard decisions, the frames
  // paged on their own.
  "/audit/review/:id": ["audit_review", { first: 394 }],
  // Nine charts with hover, keys and zoom, the range bar, top videos.
  "/usage": ["usage", { first: 385 }],
  "/activity": ["activity", { first: 337 }],
  "/users": ["users", { first: 325 }],
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [["/login", shell, 0, {}]];
const failures = [];
for (const [path, [name, ceiling = {}]] of Object.entries(PAGES)) {
  const key = Object.keys(manifest).find((k) => k.startsWith(`__${name}_view_`));
  if (!key) {
    failures.push(`${path}: no lazy chunk (is the page declared in lazy_pages!?)`);
    continue;
  }
  // The page's modules arrive as one pack (scripts/pack-chunks.mjs).
  const chunks = br(join(bundle, `pack_${key}.bin`));
  rows.push([path, shell + chunks, chunks, ceiling]);
}
const largest = Math.max(
  ...Object.values(manifest).flat().filter((c) => c.startsWith("split_")).map((c) => br(join(bundle, `${c}.wasm`))),
);

console.log(`stylesheet ${kb(css)}, js ${kb(js)}, main wasm ${kb(wasm)}, chunk loader ${kb(loader)} (Brotli)`);
console.log("page                   first load    page chunks   budget");
for (const [path, total, chunks, ceiling] of rows) {
  const first = ceiling.first ? Math.round(ceiling.first * 1024 * CEILING_SLACK) : 300 * 1024;
  const own = ceiling.chunks ? Math.round(ceiling.chunks * 1024 * CEILING_SLACK) : 120 * 1024;
  console.log(`${path.padEnd(22)} ${kb(total).padStart(10)}  ${kb(chunks).padStart(13)}   ${kb(first)} / ${kb(own)}`);
  if (total > first) failures.push(`${path}: first load ${kb(total)} > ${kb(first)}`);
  if (chunks > own) failures.push(`${path}: page chunks ${kb(chunks)} > ${kb(own)}`);
}
console.log(`largest single chunk: ${kb(largest)} (budget ${kb(LARGEST_CHUNK_BUDGET)})`);
if (largest > LARGEST_CHUNK_BUDGET) failures.push(`a page's own chunk is ${kb(largest)} > ${kb(LARGEST_CHUNK_BUDGET)}`);
if (failures.length) {
  console.error(`over budget:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("within budget");
