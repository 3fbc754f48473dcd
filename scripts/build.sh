#!/usr/bin/env bash
# Builds the console: the hydrating wasm bundle (wasm-bindgen + wasm-opt), the Tailwind
# stylesheet, the static files, and the server binaries. Plain cargo, the same steps
# `cargo leptos build --release` performs, without its 15-minute install.
#
#   scripts/build.sh            release wasm + debug server (what the tests use)
#   scripts/build.sh --release  release wasm + release server
#   scripts/build.sh --site     release wasm, stylesheet and static files only (the tests
#                               build the server binaries with their own feature set)
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE_FLAG=""; SERVER_DIR=debug; SERVER=yes
if [ "${1:-}" = "--release" ]; then PROFILE_FLAG="--release"; SERVER_DIR=release; fi
if [ "${1:-}" = "--site" ]; then SERVER=no; fi
SITE=target/site
PKG=$SITE/pkg
log() { printf '\033[1;34m[build]\033[0m %s\n' "$*"; }
# A clean pkg directory: built files carry their content hash in their names, and
# yesterday's names must not linger.
rm -rf "$PKG"
mkdir -p "$PKG"

log "wasm: frontend (profile wasm-release, std rebuilt for wasm32)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
WASM=target/wasm32-unknown-unknown/wasm-release/frontend.wasm

# The js, the wasm and its chunks reference each other by name, so they are built into a
# staging directory and then moved, together, to a directory named by their content hash.
STAGE=$PKG/staging
SPLIT_DIR=target/wasm-split
rm -rf "$SPLIT_DIR"; mkdir -p "$STAGE" "$SPLIT_DIR"

log "wasm-split: one chunk per lazy route (tools/wasm-split)"
cargo build --quiet --release --manifest-path tools/wasm-split/Cargo.toml --target-dir target/tools
target/tools/release/wasm-split "$WASM" "$STAGE" "$SPLIT_DIR/frontend_split.wasm" ./vod-console.js >/dev/null
# Which chunks each lazy route needs: the server preloads them with the page (its own
# name, so that Leptos's variant of the same, which misses the first render, stays off).
mv "$STAGE/__wasm_split_manifest.json" "$STAGE/chunks.json"

log "wasm-bindgen"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-name vod-console --out-dir "$STAGE" "$SPLIT_DIR/frontend_split.wasm"
# Leptos's hydration script loads <output-name>.wasm.
mv "$STAGE/vod-console_bg.wasm" "$STAGE/vod-console.wasm"

log "wasm-opt -Oz (the main module and every chunk)"
# The custom sections naming the compiler and the target's features (about 200 bytes)
# are dropped: no browser reads them, and a page that needs 50 chunks would fetch them 50
# times.
# Hundreds of small modules: one wasm-opt per core at a time, the largest first.
opt_one() {
  node_modules/.bin/wasm-opt -Oz --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$1" -o "$1.opt" 2> >(grep -v 'unknown name subsection' >&2)
  mv "$1.opt" "$1"
}
export -f opt_one
ls -S "$STAGE"/*.wasm | tr '\n' '\0' | xargs -0 -n1 -P "$(nproc)" bash -c 'set -euo pipefail; opt_one "$0"'

log "packs: one download of every module a page needs (scripts/pack-chunks.mjs)"
node scripts/pack-chunks.mjs "$STAGE"

log "tailwind"
node_modules/.bin/tailwindcss --input style/tailwind.css --output "$PKG/vod-console.css" --minify 2>&1 | grep -v '^$' || true

log "static files"
cp -r public/. "$SITE/"

log "content-hashed names and pre-compressed copies (Brotli, gzip)"
# A file's URL changes exactly when its content does, so the server can let browsers keep
# it for a year (Cache-Control: immutable): the stylesheet is named by its own hash, the
# script bundle lives in pkg/<hash of all its files>/. The server reads both from
# $SITE/hash.txt.
hash_of() { sha256sum "$1" | cut -c1-16; }
CSS_HASH=$(hash_of "$PKG/vod-console.css")
mv "$PKG/vod-console.css" "$PKG/vod-console.$CSS_HASH.css"
BUNDLE_HASH=$(cd "$STAGE" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
mv "$STAGE" "$PKG/$BUNDLE_HASH"
printf 'bundle: %s\ncss: %s\n' "$BUNDLE_HASH" "$CSS_HASH" > "$SITE/hash.txt"
node scripts/compress.mjs "$PKG" "$PKG/$BUNDLE_HASH" "$SITE" | tail -1

if [ "$SERVER" = yes ]; then
  log "server: vod-console, vod-emulator ($SERVER_DIR)"
  cargo build $PROFILE_FLAG -p server --bin vod-console -p emulator --bin vod-emulator
fi

ls -l "$PKG" "$PKG/$BUNDLE_HASH"
