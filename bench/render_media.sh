#!/usr/bin/env bash
# Media list render: how long the console's server takes to render /media pages when
# every VOD call takes at least LATENCY ms, divided by the time of one direct signed
# SearchMedia call with the same latency. A page whose upstream calls fan out in
# parallel costs about one call; calls made one after another cost one each.
#
# Builds the release console and emulator, starts `vod-emulator --fault-latency-ms
# LATENCY` (demo data, QPS limits on) and `vod-console` against it (VOD_ENDPOINT + the
# demo key), signs in, times COUNT renders of each page (bench/render_media.py), then
# COUNT direct SearchMedia calls with the console's list parameters
# (vod/examples/vod_call_timing.rs).
#
#   bench/render_media.sh                       # 50 ms, 30 renders of each page
#   LATENCY=100 COUNT=50 bench/render_media.sh
#   PAGES="/media /media?tab=attached" bench/render_media.sh
#   SKIP_BUILD=1 bench/render_media.sh           # reuse target/release and target/site as built
#
# Record results in docs/benchmarks.md ("Media list render").
set -euo pipefail

cd "$(dirname "$0")/.."
LATENCY="${LATENCY:-50}"
COUNT="${COUNT:-30}"
PAGES="${PAGES:-/media /media?tab=images /media?q=Keynote&status=Normal&sort=oldest&size=50}"
PASSWORD="bench-$(date +%s)-password"

if [ "${SKIP_BUILD:-}" != "1" ]; then
    scripts/build.sh --release
    cargo build --release -p vod --example vod_call_timing
fi

WORK="$(mktemp -d -t vod-render-bench.XXXXXX)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # URL PID LOG
    for _ in $(seq 1 600); do
        if curl -sS -o /dev/null "$1" 2>/dev/null; then return; fi
        if ! kill -0 "$2" 2>/dev/null; then cat "$3"; exit 1; fi
        sleep 0.1
    done
    echo "$1 did not come up"; cat "$3"; exit 1
}

EMU_PORT="$(free_port)"
EMU_LOG="$WORK/emulator.log"
NO_COLOR=1 RUST_LOG=info target/release/vod-emulator --listen "127.0.0.1:$EMU_PORT" \
    --data-dir "$WORK/emulator" --reset --fault-latency-ms "$LATENCY" >"$EMU_LOG" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$EMU_PORT/__emulator/health" "${PIDS[0]}" "$EMU_LOG"

CONSOLE_PORT="$(free_port)"
CONSOLE_LOG="$WORK/console.log"
CONSOLE_LISTEN="127.0.0.1:$CONSOLE_PORT" CONSOLE_DATA_DIR="$WORK/console" \
CONSOLE_SITE_ROOT=target/site CONSOLE_ADMIN_PASSWORD="$PASSWORD" RUST_LOG="${RUST_LOG:-warn}" \
VOD_ACCESS_KEY_ID=LTAI5tEmulatorDemoKey VOD_ACCESS_KEY_SECRET=EmulatorDemoSecretNotForProduction \
VOD_ENDPOINT="http://127.0.0.1:$EMU_PORT" target/release/vod-console >"$CONSOLE_LOG" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$CONSOLE_PORT/login" "${PIDS[1]}" "$CONSOLE_LOG"

echo "machine        $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "latency        ${LATENCY} ms on every emulator call; $COUNT timed requests each (after 3 warm-up), 100 ms apart"

# shellcheck disable=SC2086
.venv/bin/python bench/render_media.py --console "http://127.0.0.1:$CONSOLE_PORT" \
    --password "$PASSWORD" --emulator-log "$EMU_LOG" --count "$COUNT" $PAGES >"$WORK/render.out"

# The console's list call: SearchMedia, videos, newest first, page 1 of 20.
target/release/examples/vod_call_timing --endpoint "http://127.0.0.1:$EMU_PORT" --action SearchMedia \
    --param SearchType=video --param SortBy=CreationTime:Desc --param PageNo=1 --param PageSize=20 \
    --count "$COUNT" >"$WORK/direct.out"

python3 - "$WORK/render.out" "$WORK/direct.out" <<'EOF'
import sys
render = [l.rstrip("\n").split(" ", 1) for l in open(sys.argv[1])]
direct = dict(l.split() for l in open(sys.argv[2]) if not l.startswith("ms "))
d_med, d_p90 = float(direct["median_ms"]), float(direct["p90_ms"])
print(f"{'request':<58} {'median ms':>9} {'p90 ms':>8} {'ratio':>6}  upstream calls per render")
print(f"{'direct SearchMedia (vod::Client)':<58} {d_med:>9.2f} {d_p90:>8.2f} {1.0:>6.2f}")
pages, cur = [], None
for k, v in render:
    if k == "path":
        cur = {"path": v}; pages.append(cur)
    else:
        cur[k] = v
worst = 0.0
for p in pages:
    med = float(p["median_ms"])
    worst = max(worst, med / d_med)
    print(f"{'GET ' + p['path']:<58} {med:>9.2f} {float(p['p90_ms']):>8.2f} {med / d_med:>6.2f}  {p['calls_per_render']} ({p['html_bytes']} B)")
verdict = "met" if worst <= 1.2 else "missed"
if any(p["calls_per_render"] == "none" for p in pages):
    verdict = "not measured: a page made no VOD call (the media list is not rendered from VOD yet)"
print(f"summary: media list render / direct SearchMedia (median) = {worst:.2f} at worst over {len(pages)} pages "
      f"(direct {d_med:.1f} ms); target <= 1.2 {verdict}")
EOF
