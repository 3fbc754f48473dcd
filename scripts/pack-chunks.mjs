// One download per page: packs the wasm files each lazy route needs into one file and
// teaches the chunk loader to read them from it.
//
//   node scripts/pack-chunks.mjs <staging dir>
//
// wasm-split gives every group of code shared by the same set of pages its own module,
// so a page needs many of them (`/media` about 200, most under 2 KB). Compressed one by
// one, they lose what they have in common: Brotli over all of a page's files together is
// about 30 % smaller than the sum of the files compressed apart. So each route gets
// `pack_<route>.bin`, its files end to end, compressed as one (scripts/compress.mjs), and
// the loader (`__wasm_split.*.js`), when a route is loaded, fetches its pack once and
// instantiates each module from its slice. A module already loaded for another page is
// not instantiated again; a pack that fails to download falls back to the single files,
// which stay next to it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: pack-chunks.mjs <staging dir>");
  process.exit(2);
}
const LOADER = "__wasm_split.______________________.js";
const manifest = JSON.parse(readFileSync(join(dir, "chunks.json"), "utf8"));

// A pack: a 4-byte little-endian length, a JSON header `[[file, length], ...]`, then the
// files end to end. The header travels in the pack, so the loader carries no index.
for (const [route, modules] of Object.entries(manifest)) {
  const files = modules.map((m) => `${m}.wasm`);
  const parts = files.map((f) => readFileSync(join(dir, f)));
  const header = Buffer.from(JSON.stringify(files.map((f, i) => [f, parts[i].length])));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  writeFileSync(join(dir, `pack_${route}.bin`), Buffer.concat([size, header, ...parts]));
}
const routesPacked = new Set(Object.keys(manifest));

let js = readFileSync(join(dir, LOADER), "utf8");
const replaceOnce = (from, to) => {
  if (!js.includes(from)) throw new Error(`pack-chunks: the loader has changed shape (no ${JSON.stringify(from.slice(0, 60))})`);
  js = js.replace(from, to);
};

// The helpers, after the import line.
replaceOnce(
  'import { initSync } from "./vod-console.js";\n',
  `import { initSync } from "./vod-console.js";

// Packs opened so far (scripts/pack-chunks.mjs), each a promise of file -> bytes.
const packs = new Map();
function openPack(route) {
    if (packs.has(route)) return;
    const files = fetch(new URL("./pack_" + route + ".bin", import.meta.url))
        .then((r) => {
            if (!r.ok) throw new Error("pack " + route + ": " + r.status);
            return r.arrayBuffer();
        })
        .then((b) => {
            const size = new DataView(b).getUint32(0, true);
            const header = JSON.parse(new TextDecoder().decode(new Uint8Array(b, 4, size)));
            const out = new Map();
            let at = 4 + size;
            for (const [file, length] of header) {
                out.set(file, b.slice(at, at + length));
                at += length;
            }
            return out;
        });
    files.catch(() => packs.delete(route));
    packs.set(route, files);
}
async function wasmSource(file) {
    for (const files of [...packs.values()]) {
        const bytes = await files.then((f) => f.get(file), () => undefined);
        if (bytes) return new Response(bytes, { headers: { "content-type": "application/wasm" } });
    }
    return fetch(new URL("./" + file, import.meta.url));
}
`,
);
replaceOnce("function makeLoad(fetcher, deps) {\n    const loader = async () => {\n", "function makeLoad(fetcher, deps, pack) {\n    const loader = async () => {\n        if (pack) openPack(pack);\n");

// Every module fetch goes through the packs.
let fetches = 0;
js = js.replace(/fetch\(new URL\("\.\/([A-Za-z0-9_]+\.wasm)", import\.meta\.url\)\)/g, (_, file) => {
  fetches++;
  return `wasmSource("${file}")`;
});
// Each route's loader opens its pack before its dependencies start loading.
let routes = 0;
js = js.replace(/(export const __wasm_split_load_([A-Za-z0-9_]+) = wrapAsyncCb\(makeLoad\([\s\S]*?\])(\)\);)/g, (_, head, route, tail) => {
  routes++;
  if (!routesPacked.has(route)) throw new Error(`pack-chunks: no pack for ${route}`);
  return `${head}, ${JSON.stringify(route)}${tail}`;
});
if (routes !== routesPacked.size || fetches === 0) {
  throw new Error(`pack-chunks: ${routes} route loaders for ${routesPacked.size} packs, ${fetches} fetches rewritten`);
}
writeFileSync(join(dir, LOADER), js);
console.log(`packed ${routes} routes (${fetches} module fetches now read from the packs)`);
