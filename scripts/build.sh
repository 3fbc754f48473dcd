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
  -Zbuild-std=std,panic_abort
WASM=target/wasm32-unknown-unknown/wasm-release/frontend.wasm

log "wasm-bindgen"
wasm-bindgen --target web --no-typescript --out-name vod-console --out-dir "$PKG" "$WASM"

log "wasm-opt -Oz"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$PKG/vod-console_bg.wasm" -o "$PKG/vod-console_bg.wasm.opt"
# Leptos's hydration script loads <output-name>.wasm.
mv "$PKG/vod-console_bg.wasm.opt" "$PKG/vod-console.wasm"
rm -f "$PKG/vod-console_bg.wasm"

log "tailwind"
node_modules/.bin/tailwindcss --input style/tailwind.css --output "$PKG/vod-console.css" --minify 2>&1 | grep -v '^$' || true

log "static files"
cp -r public/. "$SITE/"

log "content-hashed names and pre-compressed copies (Brotli, gzip)"
# A file's name changes exactly when its content does, so the server can let browsers
# keep it for a year (Cache-Control: immutable). The server reads the names from
# $SITE/hash.txt (the format Leptos's HydrationScripts reads).
hash_of() { sha256sum "$1" | cut -c1-16; }
JS_HASH=$(hash_of "$PKG/vod-console.js")
WASM_HASH=$(hash_of "$PKG/vod-console.wasm")
CSS_HASH=$(hash_of "$PKG/vod-console.css")
mv "$PKG/vod-console.js" "$PKG/vod-console.$JS_HASH.js"
mv "$PKG/vod-console.wasm" "$PKG/vod-console.$WASM_HASH.wasm"
mv "$PKG/vod-console.css" "$PKG/vod-console.$CSS_HASH.css"
printf 'js: %s\nwasm: %s\ncss: %s\n' "$JS_HASH" "$WASM_HASH" "$CSS_HASH" > "$SITE/hash.txt"
node scripts/compress.mjs "$PKG" "$SITE" | tail -1

if [ "$SERVER" = yes ]; then
  log "server: vod-console, vod-emulator ($SERVER_DIR)"
  cargo build $PROFILE_FLAG -p server --bin vod-console -p emulator --bin vod-emulator
fi

ls -l "$PKG"
