// Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every built
// asset in the given directories, for the server to send pre-compressed (chosen by the
// request's Accept-Encoding). Node's own zlib: nothing to install.
//
//   node scripts/compress.mjs target/site/pkg target/site
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(js|wasm|bin|css|svg|json|txt|html)$/;
let before = 0;
let br = 0;
let gz = 0;
for (const dir of process.argv.slice(2)) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || !COMPRESSIBLE.test(name)) continue;
    const data = readFileSync(path);
    const b = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: /\.(wasm|bin)$/.test(name) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const g = gzipSync(data, { level: 9 });
    writeFileSync(`${path}.br`, b);
    writeFileSync(`${path}.gz`, g);
    before += data.length;
    br += b.length;
    gz += g.length;
    console.log(`${name}: ${data.length} B, brotli ${b.length} B, gzip ${g.length} B`);
  }
}
console.log(`total: ${before} B, brotli ${br} B, gzip ${gz} B`);
