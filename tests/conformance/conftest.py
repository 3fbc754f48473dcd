"""Shared fixtures for the conformance suite.

The suite judges the emulator with the official Alibaba Cloud SDKs: if both the classic
v1 SDK (aliyunsdkcore + aliyunsdkvod, HMAC-SHA1) and the current Tea SDK
(alibabacloud_vod20170321, ACS3-HMAC-SHA256 by default) accept its answers, the console's
own client can be tested against it with confidence.

What lives here:
- `emulator`: one `vod-emulator` process per session (binary from `VOD_EMULATOR_BIN`,
  default `target/debug/vod-emulator`), on a free loopback port, with a temporary data
  dir and the admin endpoint enabled (fault injection in tests).
- `start_emulator`: a factory for tests that need their own process (extra flags).
- `v1_client` / `make_v1_client`: a `V1Client` around `AcsClient` pointed at the emulator.
- `tea_client` / `make_tea_client`: the Tea SDK `Client` with its default (V3) signing.
- `assert_round_trip`: `from_map` -> `to_map` on a response body, asserting no key is lost.
- `faults`: set fault injection through the admin endpoint; cleared after the test.
- `emulator.advance_clock(seconds)`: move the business clock (asynchronous jobs finish).

Per-action tests (test_actions_<page>.py) use these fixtures; gateway tests live in
test_gateway*.py.

Coverage by construction: `served_actions()` is what `vod-emulator --list-actions`
prints (the emulator's own dispatch declaration). A per-action test declares the
actions it is the conformance case of with `@pytest.mark.conformance("Action", ...)`;
test_coverage.py fails for a served action without one, and the test itself fails
unless it really called each of them through both SDKs (`action_helpers.both`).
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# The documented demo credentials (emulator/src/config.rs).
DEMO_ACCESS_KEY_ID = "LTAI5tEmulatorDemoKey"
DEMO_ACCESS_KEY_SECRET = "EmulatorDemoSecretNotForProduction"
REGION_ID = "cn-shanghai"


def emulator_binary() -> Path:
    path = Path(os.environ.get("VOD_EMULATOR_BIN", REPO_ROOT / "target" / "debug" / "vod-emulator"))
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


@functools.lru_cache(maxsize=None)
def served_actions() -> dict[str, bool]:
    """The actions the emulator serves, with whether each only reads (`--list-actions`)."""
    binary = emulator_binary()
    if not binary.exists():
        raise RuntimeError(f"{binary} not found: run `cargo build -p emulator` or set VOD_EMULATOR_BIN")
    out = subprocess.run([str(binary), "--list-actions"], capture_output=True, text=True, check=True).stdout
    served: dict[str, bool] = {}
    for line in out.splitlines():
        name, kind = line.split()
        assert kind in ("read", "write"), line
        served[name] = kind == "read"
    assert served, "the emulator lists no action"
    return served


# Actions `action_helpers.both` has called through both SDKs during the current test.
BOTH_CALLS: set[str] = set()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "conformance(*actions): this test is the conformance case of these served actions "
        "and must call each through both SDKs",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(autouse=True)
def _conformance_case_calls_both_sdks(request):
    """A test marked `conformance(...)` must call each of its actions with both SDKs."""
    marker = request.node.get_closest_marker("conformance")
    BOTH_CALLS.clear()
    yield
    if marker is None:
        return
    report = getattr(request.node, "report_call", None)
    if report is None or not report.passed:
        return
    unknown = [a for a in marker.args if a not in served_actions()]
    assert not unknown, f"marked as the case of actions the emulator does not serve: {unknown}"
    missing = [a for a in marker.args if a not in BOTH_CALLS]
    assert not missing, f"marked conformance case never called through both SDKs: {missing}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Emulator:
    """A running `vod-emulator` process."""

    host: str
    port: int
    access_key_id: str
    access_key_secret: str
    data_dir: Path
    process: subprocess.Popen
    log_path: Path
    admin: bool = True

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def endpoint(self) -> str:
        """`host:port`, as the Tea SDK's `Config.endpoint` wants it."""
        return f"{self.host}:{self.port}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def http(self, method: str, path: str, body: Optional[dict] = None, timeout: float = 5.0):
        """Plain HTTP call to the emulator (admin/health endpoints). Returns (status, text)."""
        data = None
        headers = {}
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def set_faults(self, faults: dict) -> None:
        status, text = self.http("POST", "/__emulator/faults", faults)
        assert status == 200, f"setting faults failed: {status} {text}"

    def clear_faults(self) -> None:
        self.set_faults({})

    def advance_clock(self, seconds: int) -> None:
        """Moves the emulator's business clock forward (uploads, URL pull jobs finish)."""
        status, text = self.http("POST", "/__emulator/clock", {"advance_seconds": seconds})
        assert status == 200, f"advancing the clock failed: {status} {text}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _wait_healthy(emu: Emulator, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if emu.process.poll() is not None:
            raise RuntimeError(f"vod-emulator exited with {emu.process.returncode}:\n{emu.log()}")
        try:
            status, _ = emu.http("GET", "/__emulator/health", timeout=1.0)
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.05)
    emu.stop()
    raise RuntimeError(f"vod-emulator did not become healthy within {timeout}s:\n{emu.log()}")


def launch_emulator(
    *extra_args: str,
    access_key_id: str = DEMO_ACCESS_KEY_ID,
    access_key_secret: str = DEMO_ACCESS_KEY_SECRET,
    admin: bool = True,
    data_dir: Optional[Path] = None,
) -> Emulator:
    binary = emulator_binary()
    if not binary.exists():
        raise RuntimeError(f"{binary} not found: run `cargo build -p emulator` or set VOD_EMULATOR_BIN")
    data_dir = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="vod-emulator-"))
    port = free_port()
    args = [
        str(binary),
        "--listen", f"127.0.0.1:{port}",
        "--data-dir", str(data_dir),
        "--reset",
        *(["--enable-admin"] if admin else []),
        *extra_args,
    ]
    env = dict(os.environ)
    env["VOD_EMULATOR_ACCESS_KEY_ID"] = access_key_id
    env["VOD_EMULATOR_ACCESS_KEY_SECRET"] = access_key_secret
    env.setdefault("RUST_LOG", "info")
    log_path = data_dir / "emulator.log"
    log_file = open(log_path, "wb")
    process = subprocess.Popen(args, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=REPO_ROOT)
    log_file.close()
    emu = Emulator("127.0.0.1", port, access_key_id, access_key_secret, data_dir, process, log_path, admin)
    _wait_healthy(emu)
    return emu


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """One emulator for the whole session, admin endpoint enabled, demo data fresh."""
    emu = launch_emulator()
    try:
        yield emu
    finally:
        emu.stop()
        shutil.rmtree(emu.data_dir, ignore_errors=True)


@pytest.fixture
def start_emulator() -> Iterator[Callable[..., Emulator]]:
    """Factory for a dedicated emulator process (e.g. started with fault flags)."""
    started: list[Emulator] = []

    def start(*extra_args: str, **kwargs: Any) -> Emulator:
        emu = launch_emulator(*extra_args, **kwargs)
        started.append(emu)
        return emu

    yield start
    for emu in started:
        emu.stop()
        shutil.rmtree(emu.data_dir, ignore_errors=True)


@pytest.fixture
def paced(start_emulator):
    """An emulator of its own whose QPS clock moves only when told: `next_second()`
    starts a fresh one-second window, so calls to actions allowing 2-5 a second are never
    throttled by the machine's speed. Returns (v1 client, Tea client, next_second)."""
    emu = start_emulator()
    status, text = emu.http("POST", "/__emulator/clock", {"gateway": "freeze"})
    assert status == 200, text

    def next_second():
        status, text = emu.http("POST", "/__emulator/clock", {"gateway_advance_ms": 1000})
        assert status == 200, text

    return V1Client(emu), tea_client_for(emu), next_second


@pytest.fixture
def faults(emulator: Emulator) -> Iterator[Callable[[dict], None]]:
    """`faults({...})` sets fault injection on the session emulator; cleared afterwards."""
    yield emulator.set_faults
    emulator.clear_faults()


# --- v1 SDK (aliyunsdkcore + aliyunsdkvod) -------------------------------------------


class V1Client:
    """`AcsClient` pointed at the emulator over plain HTTP.

    `call(request)` sends an aliyunsdkvod request (POST, parameters in the query string,
    HMAC-SHA1 v1 signature, `Format=JSON`) and returns the decoded JSON body; server
    errors raise `aliyunsdkcore.acs_exception.exceptions.ServerException`.
    """

    def __init__(self, emu: Emulator, access_key_id: Optional[str] = None,
                 access_key_secret: Optional[str] = None, timeout: Optional[int] = None):
        from aliyunsdkcore.client import AcsClient

        self.emulator = emu
        self.acs = AcsClient(
            access_key_id or emu.access_key_id,
            access_key_secret or emu.access_key_secret,
            REGION_ID,
            auto_retry=False,
            port=emu.port,
            timeout=timeout,
        )

    def prepare(self, request):
        request.set_endpoint(self.emulator.host)
        request.set_protocol_type("http")
        return request

    def call(self, request) -> dict:
        body = self.acs.do_action_with_exception(self.prepare(request))
        return json.loads(body)

    def raw(self, request):
        """(status, headers, body bytes, exception) without raising; honours the request's Format."""
        self.prepare(request)
        request.add_header("Accept-Encoding", "identity")
        return self.acs._handle_single_request(
            self.emulator.host, request,
            self.acs._get_request_read_timeout(request),
            self.acs._get_request_connect_timeout(request), None,
        )


def v1_request(action: str, **params: Any):
    """A v1 request for `action` (class from aliyunsdkvod) with its own parameters set."""
    module = importlib.import_module(f"aliyunsdkvod.request.v20170321.{action}Request")
    request = getattr(module, f"{action}Request")()
    for name, value in params.items():
        setter = getattr(request, f"set_{name}")
        setter(value)
    return request


@pytest.fixture
def make_v1_client(emulator: Emulator) -> Callable[..., V1Client]:
    def make(**kwargs: Any) -> V1Client:
        return V1Client(emulator, **kwargs)

    return make


@pytest.fixture
def v1_client(emulator: Emulator) -> V1Client:
    return V1Client(emulator)


# --- Tea SDK (alibabacloud_vod20170321, V3 signing) -----------------------------------


def tea_client_for(emu: Emulator, access_key_id: Optional[str] = None,
                   access_key_secret: Optional[str] = None, **config: Any):
    from alibabacloud_tea_openapi.models import Config
    from alibabacloud_vod20170321.client import Client

    cfg = Config(
        access_key_id=access_key_id or emu.access_key_id,
        access_key_secret=access_key_secret or emu.access_key_secret,
        endpoint=emu.endpoint,
        protocol="http",
        region_id=REGION_ID,
        **config,
    )
    return Client(cfg)


@pytest.fixture
def make_tea_client(emulator: Emulator) -> Callable[..., Any]:
    """`make_tea_client(access_key_secret=..., signature_algorithm='v2', read_timeout=...)`."""

    def make(**kwargs: Any):
        return tea_client_for(emulator, **kwargs)

    return make


@pytest.fixture
def tea_client(emulator: Emulator):
    """The Tea SDK client with its default (ACS3-HMAC-SHA256) signing."""
    return tea_client_for(emulator)


# --- from_map -> to_map round trip ------------------------------------------------------


def _missing_keys(original: Any, round_tripped: Any, path: str = "") -> list[str]:
    missing: list[str] = []
    if isinstance(original, dict):
        if not isinstance(round_tripped, dict):
            return [path or "<root>"]
        for key, value in original.items():
            sub = f"{path}.{key}" if path else key
            if key not in round_tripped:
                missing.append(sub)
            else:
                missing.extend(_missing_keys(value, round_tripped[key], sub))
    elif isinstance(original, list):
        if not isinstance(round_tripped, list) or len(round_tripped) != len(original):
            return [path or "<root>"]
        for i, (a, b) in enumerate(zip(original, round_tripped)):
            missing.extend(_missing_keys(a, b, f"{path}[{i}]"))
    return missing


def response_body_class(action: str):
    models = importlib.import_module("alibabacloud_vod20170321.models")
    return getattr(models, f"{action}ResponseBody")


def assert_round_trip(action_or_class: Any, body: dict):
    """Loads `body` (a raw JSON response) into the Tea SDK's `<Action>ResponseBody` model
    and back; asserts that every key (recursively) survives. Returns the model."""
    cls = response_body_class(action_or_class) if isinstance(action_or_class, str) else action_or_class
    model = cls().from_map(body)
    back = model.to_map()
    missing = _missing_keys(body, back)
    assert not missing, f"{cls.__name__}: keys lost in from_map/to_map: {missing}"
    return model


@pytest.fixture(name="assert_round_trip")
def assert_round_trip_fixture() -> Callable[[Any, dict], Any]:
    return assert_round_trip
