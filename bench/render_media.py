"""Times server renders of the console's media list pages: signs in, then GETs each path
N times (`Accept: text/html`, one keep-alive connection, like a browser's full page
load) and reports median/p90 per path, plus the upstream VOD calls each render made
(counted from the emulator's log). Driven by `bench/render_media.sh`.

    .venv/bin/python bench/render_media.py --console http://127.0.0.1:3000 \
        --password secret --emulator-log emu.log --count 30 /media '/media?tab=images'

Prints `path`, `median_ms`, `p90_ms`, `calls_per_render` lines per path.
"""

import argparse
import http.client
import re
import statistics
import sys
import time
import urllib.parse
from collections import Counter

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CALL = re.compile(r"api call(?: refused)? action=(\S+)")


def log_lines(path: str) -> list:
    with open(path, encoding="utf-8", errors="replace") as f:
        return [ANSI.sub("", line) for line in f]


def percentile(values: list, p: float) -> float:
    ordered = sorted(values)
    rank = round(p / 100 * (len(ordered) - 1))
    return ordered[min(rank, len(ordered) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--console", required=True)
    parser.add_argument("--username", default="admin")
    parser.add_argument("--password", required=True)
    parser.add_argument("--emulator-log", required=True)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--gap-ms", type=float, default=100,
                        help="pause between renders, so a run never meets a QPS limit")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.console)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    body = urllib.parse.urlencode({"username": args.username, "password": args.password})
    conn.request("POST", "/api/auth/login", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        "Accept": "application/json",
    })
    response = conn.getresponse()
    response.read()
    cookies = [v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"]
    if response.status >= 400 or not cookies:
        print(f"sign-in failed: {response.status} {response.reason}", file=sys.stderr)
        return 1
    headers = {"Accept": "text/html", "Cookie": "; ".join(cookies)}

    def get(path: str):
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        r = conn.getresponse()
        data = r.read()
        elapsed = (time.perf_counter() - started) * 1000
        if r.status != 200:
            raise SystemExit(f"GET {path}: {r.status} {r.reason} (location {r.getheader('location')})")
        return elapsed, data

    for path in args.paths:
        for _ in range(args.warmup):
            get(path)
            time.sleep(args.gap_ms / 1000)
        before = len(log_lines(args.emulator_log))
        times = []
        size = 0
        for _ in range(args.count):
            ms, data = get(path)
            size = len(data)
            times.append(ms)
            time.sleep(args.gap_ms / 1000)
        time.sleep(0.2)  # let the emulator flush its last log lines
        calls = Counter()
        for line in log_lines(args.emulator_log)[before:]:
            m = CALL.search(line)
            if m:
                calls[m.group(1)] += 1
        per_render = ", ".join(f"{a} {n / args.count:g}" for a, n in sorted(calls.items())) or "none"
        print(f"path {path}")
        print(f"html_bytes {size}")
        print(f"median_ms {statistics.median(times):.2f}")
        print(f"p90_ms {percentile(times, 90):.2f}")
        print(f"calls_per_render {per_render}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
