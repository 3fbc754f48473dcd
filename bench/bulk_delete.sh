#!/usr/bin/env bash
# Bulk delete of 2,000 images: the console's code path (app::ssr::media_delete::delete,
# 20 IDs per DeleteImage call paced within the 50-QPS limit) against the physical bound
# (100 calls at 50 QPS = 2 s) and against a one-call-per-image loop with the official
# Python SDK. Each run gets a fresh release `vod-emulator` (QPS limits on) seeded with
# `--extra-images COUNT`; the gateway's own log says how many calls it answered and how
# many it throttled.
#
#   bench/bulk_delete.sh                          # console at 0 and 50 ms latency, SDK loop at 0 ms
#   LATENCIES="0" SDK_LATENCIES="0 50" bench/bulk_delete.sh
#   COUNT=500 SDK_SLEEP=1 bench/bulk_delete.sh
#   SKIP_BUILD=1 bench/bulk_delete.sh            # reuse target/release as built
#
# Record results in docs/benchmarks.md ("Bulk delete of 2,000 images").
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT="${COUNT:-2000}"
LATENCIES="${LATENCIES:-0 50}"          # console runs, --fault-latency-ms of each
SDK_LATENCIES="${SDK_LATENCIES:-0}"     # Python SDK runs ("" to skip)
SDK_SLEEP="${SDK_SLEEP:-0.2}"           # the script's pause after a Throttling answer

if [ "${SKIP_BUILD:-}" != "1" ]; then
    cargo build --release -p emulator --bin vod-emulator -p server --example bulk_delete_bench
fi

WORK="$(mktemp -d -t vod-bulk-delete-bench.XXXXXX)"
EMULATOR_PID=""
stop_emulator() {
    if [ -n "$EMULATOR_PID" ]; then
        kill "$EMULATOR_PID" 2>/dev/null || true
        wait "$EMULATOR_PID" 2>/dev/null || true
        EMULATOR_PID=""
    fi
}
cleanup() { stop_emulator; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_emulator NAME LATENCY_MS: fresh data dir, limits on, COUNT extra images.
start_emulator() {
    PORT="$(free_port)"
    LOG="$WORK/$1.log"
    NO_COLOR=1 RUST_LOG=info target/release/vod-emulator --listen "127.0.0.1:$PORT" \
        --data-dir "$WORK/$1" --reset --extra-images "$COUNT" --fault-latency-ms "$2" \
        >"$LOG" 2>&1 &
    EMULATOR_PID=$!
    for _ in $(seq 1 400); do
        if curl -fsS "http://127.0.0.1:$PORT/__emulator/health" >/dev/null 2>&1; then return; fi
        if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$LOG"; exit 1; fi
        sleep 0.05
    done
    echo "emulator did not start"; cat "$LOG"; exit 1
}

# Gateway counts from the emulator log: answered ACTION calls, and those refused with Throttling.
answered() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -c "api call action=$2 " || true; }
throttled() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep "api call refused action=$2 " | grep -c "code=Throttling" || true; }
value() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

CALLS=$(( (COUNT + 19) / 20 ))
BOUND=$(python3 -c "print(f'{$CALLS / 50:.3f}')")
echo "machine         $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "images          $COUNT extra (plus the demo set), DeleteImage limit 50 QPS, bound $CALLS calls / 50 QPS = ${BOUND} s"

summary=()
declare -A CONSOLE_SECS
for latency in $LATENCIES; do
    start_emulator "console-$latency" "$latency"
    out="$WORK/console-$latency.out"
    target/release/examples/bulk_delete_bench run --endpoint "http://127.0.0.1:$PORT" --count "$COUNT" >"$out"
    stop_emulator
    secs="$(value seconds "$out")"
    ratio=$(python3 -c "print(f'{$secs / $BOUND:.3f}')")
    CONSOLE_SECS[$latency]="$secs"
    del_ok="$(answered "$LOG" DeleteImage)"; del_thr="$(throttled "$LOG" DeleteImage)"
    info_ok="$(answered "$LOG" GetImageInfos)"
    echo "console ${latency}ms   ${secs} s = ${ratio} x bound; items done $(value done "$out")/$COUNT (not done $(value not_done "$out")), DeleteImage answered $del_ok throttled $del_thr, GetImageInfos $info_ok, images left $(value images_after "$out")"
    summary+=("console ${latency}ms ${secs}s (${ratio}x bound, ${del_thr} throttled)")
done

if [ -n "$SDK_LATENCIES" ]; then
    target/release/examples/bulk_delete_bench ids --count "$COUNT" >"$WORK/ids.txt"
    for latency in $SDK_LATENCIES; do
        start_emulator "sdk-$latency" "$latency"
        out="$WORK/sdk-$latency.out"
        .venv/bin/python bench/bulk_delete_sdk.py --port "$PORT" --ids "$WORK/ids.txt" --sleep "$SDK_SLEEP" >"$out"
        stop_emulator
        secs="$(value seconds "$out")"
        del_ok="$(answered "$LOG" DeleteImage)"; del_thr="$(throttled "$LOG" DeleteImage)"
        echo "python sdk ${latency}ms ${secs} s; calls $(value calls "$out"), throttled $(value throttled "$out") (gateway: answered $del_ok, throttled $del_thr), errors $(value errors "$out")"
        line="python-sdk loop ${latency}ms ${secs}s (${del_thr} throttled)"
        if [ -n "${CONSOLE_SECS[$latency]:-}" ]; then
            line+=" -> console $(python3 -c "print(f'{$secs / ${CONSOLE_SECS[$latency]}:.1f}')")x faster"
        fi
        summary+=("$line")
    done
fi

printf -v joined '%s; ' "${summary[@]}"
echo "summary: bulk delete of $COUNT images: ${joined%; }"
