"""Differential test of the console's v1 signer against the official SDK signers.

Thousands of random parameter maps (seeded, so a failure reproduces) are signed by
`vod/examples/sign_stdin.rs` (our `vod::signature`) and by two independent official
implementations:

- aliyun-python-sdk-core: the RPC composer (`aliyunsdkcore.auth.composer.
  rpc_signature_composer`) for the string to sign, `aliyunsdkcore.auth.algorithm.sha_hmac1`
  for the signature;
- the Tea SDK (`alibabacloud_tea_openapi`, the openapi util that `alibabacloud-vod20170321`
  uses): `Utils.get_rpcsignature`.

The string to sign and the signature must be identical for every map. The maps mix
UTF-8 (CJK, emoji, accents, control characters), spaces, `*~+/%&=`, empty and long values
and random key names, besides realistic VOD requests.

The Rust program comes from `VOD_SIGN_BIN`, else `target/debug/examples/sign_stdin`, else
it is built with `cargo build -q -p vod --example sign_stdin`.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import uuid
from pathlib import Path

import pytest

from aliyunsdkcore.auth.algorithm import sha_hmac1
from aliyunsdkcore.auth.composer import rpc_signature_composer
from alibabacloud_tea_openapi.utils import Utils as TeaUtils

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED = 20170321
CASES = 3600

# The composer's helper is module-private (a double-underscore name, not mangled at module
# level); it is the exact function the SDK signs with.
compose_string_to_sign = getattr(rpc_signature_composer, "__compose_string_to_sign")


def sign_binary() -> list[str]:
    env = os.environ.get("VOD_SIGN_BIN")
    if env:
        return [env]
    prebuilt = REPO_ROOT / "target" / "debug" / "examples" / "sign_stdin"
    if not prebuilt.exists():
        subprocess.run(
            ["cargo", "build", "-q", "-p", "vod", "--example", "sign_stdin"],
            cwd=REPO_ROOT,
            check=True,
        )
    return [str(prebuilt)]


def run_rust(inputs: list[dict]) -> list[dict]:
    payload = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in inputs)
    proc = subprocess.run(
        sign_binary(),
        input=payload.encode("utf-8"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=300,
        check=True,
    )
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(inputs), proc.stderr.decode("utf-8", "replace")
    return [json.loads(line) for line in lines]


# ---- random inputs -------------------------------------------------------------------

ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
RESERVED = " *~+/%&=-_.!'()[]{}:;,?@#$^|\\\"<>`"
CONTROL = "\t\n\r\x01\x7f"


def rand_char(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return rng.choice(ASCII)
    if r < 0.65:
        return rng.choice(RESERVED)
    if r < 0.80:
        return chr(rng.randint(0x4E00, 0x9FFF))  # CJK
    if r < 0.88:
        return chr(rng.randint(0x1F300, 0x1FAFF))  # emoji (4-byte UTF-8)
    if r < 0.94:
        return chr(rng.randint(0x00A0, 0x024F))  # Latin-1 and Latin Extended
    if r < 0.97:
        return chr(rng.choice([0x3000, 0xFF0C, 0x2028, 0xFEFF, 0xE000, 0xFFFD]))
    return rng.choice(CONTROL)


def rand_text(rng: random.Random, max_len: int) -> str:
    return "".join(rand_char(rng) for _ in range(rng.randint(0, max_len)))


def rand_value(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.10:
        return ""
    if r < 0.15:
        return rand_text(rng, 2000)  # long
    if r < 0.25:
        return " " * rng.randint(1, 3) + rand_text(rng, 8) + " "
    if r < 0.35:
        return rng.choice(["*", "~", "+", "/", "%", "&", "=", "%20", "%2F", "a+b=c&d", "100%", "~~**"])
    return rand_text(rng, 40)


def rand_key(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.55:
        return "".join(rng.choice(ASCII) for _ in range(rng.randint(1, 20)))
    if r < 0.70:
        return rng.choice(["Action", "VideoId", "Title", "Tags", "a", "A", "a.b", "a_b", "a-b", "a~b", "Z"])
    return rand_text(rng, 12) or "k"


def realistic(rng: random.Random) -> dict:
    params = {
        "AccessKeyId": "LTAI" + "".join(rng.choice(ASCII) for _ in range(16)),
        "Action": rng.choice(["GetVideoList", "UpdateVideoInfo", "SearchMedia", "DeleteImage", "AddCategory"]),
        "Format": "JSON",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "SignatureVersion": "1.0",
        "Timestamp": "20%02d-%02d-%02dT%02d:%02d:%02dZ"
        % (rng.randint(17, 30), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)),
        "Version": "2017-03-21",
    }
    if rng.random() < 0.5:
        params["Title"] = rand_text(rng, 60)
        params["Tags"] = ",".join(rand_text(rng, 8) for _ in range(rng.randint(0, 5)))
        params["UserData"] = json.dumps({"Extend": {"k": rand_text(rng, 10)}}, ensure_ascii=False)
    else:
        params["Match"] = "Title in ('%s') and CreationTime = ('2018-01-01T00:00:00Z','2018-01-31T00:00:00Z')" % rand_text(rng, 10)
        params["ImageURLs"] = ",".join("https://img.example.com/a%20b/" + rand_text(rng, 6) + ".png" for _ in range(3))
    if rng.random() < 0.2:
        params["SignatureType"] = ""
        params["SecurityToken"] = "CAIS" + rand_text(rng, 30)
    return params


def make_cases() -> list[dict]:
    rng = random.Random(SEED)
    cases = []
    for i in range(CASES):
        if i % 4 == 0:
            params = realistic(rng)
        else:
            params = {rand_key(rng): rand_value(rng) for _ in range(rng.randint(0, 14))}
        secret_kind = rng.random()
        if secret_kind < 0.8:
            secret = "".join(rng.choice(ASCII) for _ in range(30))
        elif secret_kind < 0.9:
            secret = ""
        else:
            secret = rand_text(rng, 20)
        cases.append({"method": rng.choice(["GET", "POST"]), "secret": secret, "params": params})
    return cases


@pytest.fixture(scope="module")
def signed() -> list[tuple[dict, dict]]:
    cases = make_cases()
    return list(zip(cases, run_rust(cases)))


def report(mismatches: list[str]) -> str:
    return "%d mismatches, first: %s" % (len(mismatches), "\n".join(mismatches[:5]))


# ---- tests ---------------------------------------------------------------------------


def test_enough_varied_cases(signed):
    assert len(signed) >= 3000
    all_text = "".join(k + v for case, _ in signed for k, v in case["params"].items())
    for needle in ["*", "~", "+", "/", "%", "&", "=", " "]:
        assert needle in all_text
    assert any(0x4E00 <= ord(c) <= 0x9FFF for c in all_text), "CJK"
    assert any(ord(c) >= 0x1F300 for c in all_text), "emoji"
    assert any(v == "" for case, _ in signed for v in case["params"].values()), "empty values"
    assert any(len(v) > 1000 for case, _ in signed for v in case["params"].values()), "long values"
    assert any(not case["params"] for case, _ in signed), "an empty map"


def test_string_to_sign_and_signature_match_aliyunsdkcore(signed):
    mismatches = []
    for case, ours in signed:
        sts = compose_string_to_sign(case["method"], dict(case["params"]))
        sig = sha_hmac1.get_sign_string(sts, case["secret"] + "&")
        if ours.get("string_to_sign") != sts or ours.get("signature") != sig:
            mismatches.append(f"{case!r}\n  sdk:  {sts} {sig}\n  ours: {ours}")
    assert not mismatches, report(mismatches)


def test_signature_matches_the_tea_sdk(signed):
    mismatches = []
    for case, ours in signed:
        sig = TeaUtils.get_rpcsignature(dict(case["params"]), case["method"], case["secret"])
        if ours.get("signature") != sig:
            mismatches.append(f"{case!r}\n  tea:  {sig}\n  ours: {ours}")
    assert not mismatches, report(mismatches)


@pytest.mark.parametrize(
    "method,secret,params,expected",
    [
        (
            "GET",
            "testAccessKeySecret",
            {
                "AccessKeyId": "testAccessKeyId",
                "Action": "GetVideoPlayAuth",
                "Format": "JSON",
                "SignatureMethod": "HMAC-SHA1",
                "SignatureNonce": "8f8a035d-6496-4268-afd4-67c22837e38d",
                "SignatureVersion": "1.0",
                "Timestamp": "2017-10-10T12:02:54Z",
                "Version": "2017-03-21",
                "VideoId": "5aed81b74ba84920be578cdfe004af4b",
            },
            "Ibgh7y8Vp47LBuAsf5Xhi1SvDss=",
        ),
        ("GET", "secret", {"query": "test", "body": "test"}, "XlUyV4sXjOuX5FnjUz9IF9tm5rU="),
    ],
)
def test_published_vectors_agree_across_all_three(method, secret, params, expected):
    ours = run_rust([{"method": method, "secret": secret, "params": params}])[0]
    sdk_sts = compose_string_to_sign(method, dict(params))
    assert ours["string_to_sign"] == sdk_sts
    assert ours["signature"] == expected
    assert sha_hmac1.get_sign_string(sdk_sts, secret + "&") == expected
    assert TeaUtils.get_rpcsignature(dict(params), method, secret) == expected
