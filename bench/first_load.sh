#!/usr/bin/env bash
# Bytes on the wire and time to interactive per page, in Chromium, cold and warm (see
# bench/first_load.mjs). Builds the release console first unless SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != 1 ]; then scripts/build.sh --release; fi
node scripts/size-check.mjs || true
CONSOLE_BIN_DIR="$PWD/target/release" node bench/first_load.mjs
