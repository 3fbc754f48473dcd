#!/usr/bin/env bash
# The templates page (bench/templates.mjs): builds the release console and emulator,
# then times the server-rendered page with every group and an opened one, the diff shown
# after a typed change in Debian's Chromium, and a rendition saved, against an emulator
# with LATENCY ms on every call.
#
#   bench/templates.sh                      # 50 ms, 10 runs per step
#   LATENCY=0 COUNT=5 bench/templates.sh
#   SKIP_BUILD=1 bench/templates.sh         # reuse target/release and target/site
#
# Record results in docs/benchmarks.md ("Templates page").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/setup.sh
    scripts/build.sh --release
fi
CONSOLE_BIN_DIR="$PWD/target/release" node bench/templates.mjs
