#!/usr/bin/env bash
# The watermarks page (bench/watermarks.mjs): builds the release console and emulator,
# then times the server-rendered page with the templates using each mark, the preview
# redrawn after a typed change in Debian's Chromium, and a save, against an emulator
# with LATENCY ms on every call.
#
#   bench/watermarks.sh                      # 50 ms, 10 runs per step
#   LATENCY=0 COUNT=5 bench/watermarks.sh
#   SKIP_BUILD=1 bench/watermarks.sh         # reuse target/release and target/site
#
# Record results in docs/benchmarks.md ("Watermarks page").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/setup.sh
    scripts/build.sh --release
fi
CONSOLE_BIN_DIR="$PWD/target/release" node bench/watermarks.mjs
