#!/usr/bin/env bash
# Installs, idempotently, everything a fresh machine of this kind lacks to build,
# run and test VOD Console. Only package registries are used (Debian, crates.io,
# npm, PyPI). Each step is skipped when what it installs is already present, so a
# warm run costs a few seconds.
#
#   scripts/setup.sh          toolchain for building, running and testing
#   scripts/setup.sh --dev    also cargo-leptos, for `cargo leptos watch`
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
CARGO_LEPTOS_VERSION=0.3.11
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

apt_packages=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy rustfmt-web
              chromium chromium-driver pkg-config
              # CJK glyphs for the end-to-end browser (Chinese pages); users rely on their system fonts.
              fonts-wqy-microhei)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "apt: all packages present"
fi

# Node.js 18 or later runs the build tools and the end-to-end tests (node:test, fetch);
# python3 with venv runs the conformance suite. Debian's packages where they are missing.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null; then
  log "apt: installing nodejs and npm (found Node ${node_major})"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$node_major" -lt 18 ]; then
    echo "setup: Node.js 18 or later is needed (found ${node_major}); install it and run again" >&2
    exit 1
  fi
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  log "apt: installing python3-venv"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null \
    || { echo "setup: python3 with the venv module is needed for the conformance suite" >&2; exit 1; }
fi

# Debian's 1.96 toolchain, linked as a rustup toolchain so rust-toolchain.toml selects it.
if ! rustup toolchain list | grep -q '^debian-web'; then
  log "rustup: linking Debian's rustc-web as toolchain debian-web"
  rustup toolchain link debian-web /usr
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails for this version (a pinned dependency left the registry).
  cargo +debian-web install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
else
  log "cargo: wasm-bindgen-cli $WASM_BINDGEN_VERSION present"
fi

if [ "${1:-}" = "--dev" ]; then
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    log "cargo: installing cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads)"
    cargo +debian-web install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
fi

if [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
   || [ package.json -nt node_modules/.setup-stamp ]; then
  log "npm: installing tailwindcss, binaryen, playwright-core"
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.setup-stamp
else
  log "npm: packages present"
fi

if [ ! -x .venv/bin/python ] || [ tests/conformance/requirements.txt -nt .venv/.setup-stamp ]; then
  log "pip: creating .venv with the official Alibaba Cloud SDKs"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/conformance/requirements.txt
  touch .venv/.setup-stamp
else
  log "pip: .venv present"
fi
log "done"
