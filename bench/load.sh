#!/usr/bin/env bash
# Many people on one VOD account: USERS simulated users (each its own session) open the
# console's pages for DURATION seconds while a bulk delete of BULK images runs in the background.
# Release `vod-console` and `vod-emulator` (QPS limits on, LATENCY ms on every call), on
# loopback only. Reports, per page, p50/p95/p99 and responses by status; upstream calls
# per action and the number the gateway throttled (from the emulator's own log); and the
# bulk delete's time against its bound (BULK/20 DeleteImage calls at 50 QPS).
#
#   bench/load.sh                          # with the call budget (the console as shipped)
#   MODE=unbudgeted bench/load.sh          # budget and read cache off: calls go out at once
#   USERS=50 DURATION=20 bench/load.sh
#   SKIP_BUILD=1 bench/load.sh             # reuse target/release as built
#
# Record results in docs/benchmarks.md ("Many users, one account").
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${USERS:-200}"
DURATION="${DURATION:-60}"
BULK="${BULK:-2000}"
LATENCY="${LATENCY:-50}"
MODE="${MODE:-budgeted}"

if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/build.sh --site >/dev/null
    cargo build --release -p server --bin vod-console --example load_bench -p emulator --bin vod-emulator
fi

WORK="$(mktemp -d -t vod-load-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {
    for _ in $(seq 1 600); do
        if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
        sleep 0.05
    done
    echo "not up: $1"; cat "$WORK"/*.log; exit 1
}

EPORT="$(free_port)"
NO_COLOR=1 RUST_LOG=info target/release/vod-emulator --listen "127.0.0.1:$EPORT" --data-dir "$WORK/emulator" \
    --reset --extra-images "$BULK" --fault-latency-ms "$LATENCY" >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$EPORT/__emulator/health"

CPORT="$(free_port)"; MPORT="$(free_port)"
budget=true; cache=true
if [ "$MODE" = "unbudgeted" ]; then budget=false; cache=false; fi
NO_COLOR=1 RUST_LOG=warn CONSOLE_LISTEN="127.0.0.1:$CPORT" CONSOLE_DATA_DIR="$WORK/console" \
    CONSOLE_ADMIN_PASSWORD=load-bench-password CONSOLE_UNDO_SECONDS=0 CONSOLE_SITE_ROOT=target/site \
    CONSOLE_METRICS_LISTEN="127.0.0.1:$MPORT" CONSOLE_VOD_BUDGET=$budget CONSOLE_READ_CACHE=$cache \
    VOD_ENDPOINT="http://127.0.0.1:$EPORT" VOD_ACCESS_KEY_ID=LTAI5tEmulatorDemoKey \
    VOD_ACCESS_KEY_SECRET=EmulatorDemoSecretNotForProduction \
    target/release/vod-console >"$WORK/console.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$MPORT/healthz"

echo "machine    $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "run        mode=$MODE users=$USERS seconds=$DURATION bulk=$BULK latency=${LATENCY}ms"
target/release/examples/load_bench --base "http://127.0.0.1:$CPORT" --password load-bench-password \
    --users "$USERS" --seconds "$DURATION" --bulk "$BULK" | tee "$WORK/out.txt"

clean_log() { sed 's/\x1b\[[0-9;]*m//g' "$WORK/emulator.log"; }
echo "upstream calls answered by action (emulator log):"
clean_log | grep -o "api call action=[A-Za-z]*" | sort | uniq -c | sort -rn | sed 's/api call action=//' | sed 's/^/  /'
throttled=$(clean_log | grep "api call refused" | grep -c "code=Throttling" || true)
echo "throttled_upstream $throttled"
clean_log | grep "api call refused" | grep "code=Throttling" | grep -o "action=[A-Za-z]*" | sort | uniq -c | sed 's/^/  throttled /' || true
bulk_secs=$(awk '$1=="bulk_seconds"{print $2}' "$WORK/out.txt")
bound=$(python3 -c "print(f'{($BULK + 19) // 20 / 50:.2f}')")
echo "bulk_bound_seconds $bound"
python3 -c "print(f'bulk_ratio {float(\"$bulk_secs\") / $bound:.2f}')"
curl -fsS "http://127.0.0.1:$MPORT/metrics" > "$WORK/metrics.txt"
echo "console metrics (selected):"
grep -E '^vod_(cache_hits|coalesced_calls|budget_waits|overloaded)_total|^vod_budget_wait_seconds_total' "$WORK/metrics.txt" | grep -v ' 0$' | sed 's/^/  /' || true
