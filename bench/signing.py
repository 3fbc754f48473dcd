#!/usr/bin/env python3
"""Signing throughput: the console's Rust v1 signer against the official Python SDK signers.

Signs the same N realistic VOD parameter maps (seeded) with
- `vod::signature` through `vod/examples/sign_stdin.rs --bench` (release build; it reads
  all maps first and times only the signing, string to sign + HMAC-SHA1 + Base64),
- aliyun-python-sdk-core (RPC composer + sha_hmac1), and
- the Tea SDK (`alibabacloud_tea_openapi.utils.Utils.get_rpcsignature`),
and prints the throughputs and the ratios. A sample is cross-checked first, so the
numbers compare identical work.

Run from the repository root with the conformance virtualenv:

    .venv/bin/python bench/signing.py [--count 20000] [--rounds 5]

The Rust program comes from --bin / VOD_SIGN_BENCH_BIN, else
target/release/examples/sign_stdin (built with `cargo build --release -p vod --example
sign_stdin` when missing).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import time
import uuid
from pathlib import Path

from aliyunsdkcore.auth.algorithm import sha_hmac1
from aliyunsdkcore.auth.composer import rpc_signature_composer
from alibabacloud_tea_openapi.utils import Utils as TeaUtils

REPO_ROOT = Path(__file__).resolve().parents[1]
compose_string_to_sign = getattr(rpc_signature_composer, "__compose_string_to_sign")
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def maps(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        params = {
            "AccessKeyId": "LTAI5t" + "".join(rng.choice(ALNUM) for _ in range(18)),
            "Action": rng.choice(["GetVideoList", "GetVideoInfo", "UpdateVideoInfo", "SearchMedia", "GetPlayInfo"]),
            "Format": "JSON",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "SignatureVersion": "1.0",
            "Timestamp": "2026-11-23T%02d:%02d:%02dZ" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)),
            "Version": "2017-03-21",
            "VideoId": "".join(rng.choice("0123456789abcdef") for _ in range(32)),
            "PageNo": str(rng.randint(1, 50)),
            "PageSize": "20",
        }
        if i % 3 == 0:
            params["Title"] = "视频标题 %d ~*+/ 🎬" % i
            params["Tags"] = "标签,tag two,%d" % i
        out.append({"method": "POST", "secret": "".join(rng.choice(ALNUM) for _ in range(30)), "params": params})
    return out


def rust_binary(explicit: str | None, build: bool) -> Path:
    path = Path(explicit or os.environ.get("VOD_SIGN_BENCH_BIN") or REPO_ROOT / "target/release/examples/sign_stdin")
    if not path.exists() and build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "vod", "--example", "sign_stdin"], cwd=REPO_ROOT, check=True)
    if not path.exists():
        raise SystemExit(f"{path} does not exist")
    return path


def run_rust(binary: Path, inputs: list[dict], args: list[str]) -> str:
    payload = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in inputs).encode("utf-8")
    proc = subprocess.run([str(binary), *args], input=payload, stdout=subprocess.PIPE, check=True)
    return proc.stdout.decode("utf-8")


def sdk_core(case: dict) -> str:
    sts = compose_string_to_sign(case["method"], case["params"])
    return sha_hmac1.get_sign_string(sts, case["secret"] + "&")


def sdk_tea(case: dict) -> str:
    return TeaUtils.get_rpcsignature(case["params"], case["method"], case["secret"])


def time_python(fn, inputs: list[dict], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for case in inputs:
            fn(case)
    return len(inputs) * rounds / (time.perf_counter() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20000, help="parameter maps (default 20000)")
    ap.add_argument("--rounds", type=int, default=5, help="passes over the maps (default 5)")
    ap.add_argument("--bin", help="path of the sign_stdin program (release build)")
    ap.add_argument("--no-build", action="store_true", help="do not build the Rust program when missing")
    args = ap.parse_args()

    inputs = maps(args.count)
    binary = rust_binary(args.bin, not args.no_build)

    # Same work: a sample must sign identically on all three.
    sample = inputs[:200]
    ours = [json.loads(line)["signature"] for line in run_rust(binary, sample, []).splitlines()]
    assert ours == [sdk_core(c) for c in sample] == [sdk_tea(c) for c in sample], "signers disagree"

    rust = json.loads(run_rust(binary, inputs, ["--bench", str(args.rounds)]))
    rust_rate = rust["per_second"]
    core_rate = time_python(sdk_core, inputs, args.rounds)
    tea_rate = time_python(sdk_tea, inputs, args.rounds)

    n = args.count * args.rounds
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    sizes = [len(c["params"]) for c in inputs]
    print(f"signatures per signer: {n} ({args.count} maps x {args.rounds} rounds, {min(sizes)}-{max(sizes)} parameters each)")
    print(f"{'signer':<44} {'signatures/s':>14} {'us/signature':>13}")
    for name, rate in [
        ("vod::signature (Rust, release)", rust_rate),
        ("aliyunsdkcore rpc composer + sha_hmac1", core_rate),
        ("Tea SDK Utils.get_rpcsignature", tea_rate),
    ]:
        print(f"{name:<44} {rate:>14,.0f} {1e6 / rate:>13.2f}")
    print(f"ratio Rust / aliyunsdkcore: {rust_rate / core_rate:.1f}x")
    print(f"ratio Rust / Tea SDK:       {rust_rate / tea_rate:.1f}x")


if __name__ == "__main__":
    main()
