// Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every built
// asset in the given directories, for the server to send pre-compressed (chosen by the
// request's Accept-Encoding). Node's own zlib: nothing to install. The files are
// compressed on zlib's thread pool, several at a time (hundreds of page modules and
// packs; one after the other took minutes).
//
//   node scripts/compress.mjs target/site/pkg target/site
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gz9 = promisify(gzip);
const COMPRESSIBLE = /\.(js|wasm|bin|css|svg|json|txt|html)$/;

const files = [];
for (const dir of process.argv.slice(2)) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isFile() && COMPRESSIBLE.test(name)) files.push({ name, path });
  }
}

const results = await Promise.all(files.map(async ({ name, path }) => {
  const data = readFileSync(path);
  const [b, g] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: /\.(wasm|bin)$/.test(name) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    }),
    gz9(data, { level: 9 }),
  ]);
  writeFileSync(`${path}.br`, b);
  writeFileSync(`${path}.gz`, g);
  return { name, raw: data.length, br: b.length, gz: g.length };
}));

let before = 0;
let br = 0;
let gz = 0;
for (const r of results) {
  before += r.raw;
  br += r.br;
  gz += r.gz;
  console.log(`${r.name}: ${r.raw} B, brotli ${r.br} B, gzip ${r.gz} B`);
}
console.log(`total: ${before} B, brotli ${br} B, gzip ${gz} B`);
