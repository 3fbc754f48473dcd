#!/usr/bin/env bash
# The review pages (bench/audit.mjs): builds the release console and emulator, then
# times the server-rendered reviewer screen (every AI read fanned out) and the queue
# against an emulator with LATENCY ms on every call.
#
#   bench/audit.sh                      # 50 ms, 10 runs per step
#   LATENCY=0 COUNT=5 bench/audit.sh
#   SKIP_BUILD=1 bench/audit.sh         # reuse target/release and target/site
#
# Record results in docs/benchmarks.md ("Review pages").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/setup.sh
    scripts/build.sh --release
fi
CONSOLE_BIN_DIR="$PWD/target/release" node bench/audit.mjs
