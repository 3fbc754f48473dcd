#!/usr/bin/env bash
# The usage page and the overview (bench/usage.mjs): builds the release console and
# emulator, then times the server-rendered usage page (7 and 90 days), the overview, and
# both reloaded from the console's cache, against an emulator with LATENCY ms on every
# call.
#
#   bench/usage.sh                      # 50 ms, 10 runs per step
#   LATENCY=0 COUNT=5 bench/usage.sh
#   SKIP_BUILD=1 bench/usage.sh         # reuse target/release and target/site
#
# Record results in docs/benchmarks.md ("Usage page and overview").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/setup.sh
    scripts/build.sh --release
fi
CONSOLE_BIN_DIR="$PWD/target/release" node bench/usage.mjs
