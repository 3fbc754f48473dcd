#!/usr/bin/env bash
# Emulator throughput: builds the release emulator and load generator, starts the
# emulator on loopback with the QPS limits off (--no-throttle), drives one action with
# N concurrent signed v1 calls for a fixed time, prints requests/s and latency
# percentiles, and stops the emulator.
#
#   bench/emulator_throughput.sh                      # GetVideoList, 32 workers, 10 s
#   ACTION=GetCategories CONCURRENCY=64 DURATION=20 bench/emulator_throughput.sh
#   PARAMS="PageSize=100" bench/emulator_throughput.sh
#
# Record results in docs/benchmarks.md ("Emulator throughput").
set -euo pipefail

cd "$(dirname "$0")/.."
ACTION="${ACTION:-GetVideoList}"
CONCURRENCY="${CONCURRENCY:-32}"
DURATION="${DURATION:-10}"
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
PARAMS="${PARAMS:-}"

cargo build --release -p emulator --bin vod-emulator --example throughput

DATA_DIR="$(mktemp -d -t vod-emulator-bench.XXXXXX)"
LOG="$DATA_DIR/emulator.log"
RUST_LOG="${RUST_LOG:-warn}" target/release/vod-emulator \
    --listen "127.0.0.1:$PORT" --data-dir "$DATA_DIR" --reset --no-throttle >"$LOG" 2>&1 &
EMULATOR_PID=$!
cleanup() {
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

for _ in $(seq 1 200); do
    if curl -fsS "http://127.0.0.1:$PORT/__emulator/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$LOG"; exit 1; fi
    sleep 0.05
done

param_args=()
for p in $PARAMS; do param_args+=(--param "$p"); done

echo "machine       $(nproc) cores, $(uname -sr)"
target/release/examples/throughput --url "http://127.0.0.1:$PORT" --action "$ACTION" \
    --concurrency "$CONCURRENCY" --duration "$DURATION" "${param_args[@]}"
