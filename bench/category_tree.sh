#!/usr/bin/env bash
# Category tree with hundreds of nodes (bench/category_tree.mjs): builds the release
# console and emulator, then times the server-rendered first screen, expanding a node
# with 100 children and one with 5, and the delete preview of a 601-node branch, in
# Debian's Chromium against an emulator with LATENCY ms on every call.
#
#   bench/category_tree.sh                        # 50 ms, 10 runs per step, 601 extra categories
#   LATENCY=0 COUNT=5 EXTRA=2001 bench/category_tree.sh
#   SKIP_BUILD=1 bench/category_tree.sh           # reuse target/release and target/site
#
# Record results in docs/benchmarks.md ("Category tree").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/setup.sh
    scripts/build.sh --release
fi
CONSOLE_BIN_DIR="$PWD/target/release" node bench/category_tree.mjs
