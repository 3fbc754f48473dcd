"""Gateway behaviour as the official SDKs see it.

Every negative case runs with both SDKs: the classic v1 SDK (aliyunsdkcore, HMAC-SHA1
query signature) and the current Tea SDK (ACS3-HMAC-SHA256 by default, and its
`signature_algorithm='v2'` mode, which is the v1 RPC signature again). Where an SDK
post-processes an error (the v1 SDK turns `SignatureDoesNotMatch` into
`InvalidAccessKeySecret` when the server's echoed string to sign equals its own), the
test asserts what the SDK reports, which is what a console built on it would show.
"""

from __future__ import annotations

import concurrent.futures
import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from aliyunsdkcore.acs_exception.exceptions import ClientException as V1ClientException
from aliyunsdkcore.acs_exception.exceptions import ServerException as V1ServerException
from aliyunsdkcore.request import CommonRequest
from aliyunsdkcore.utils import parameter_helper
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_tea_openapi import utils as tea_utils
from alibabacloud_tea_openapi import utils_models as tea_util_models
from alibabacloud_vod20170321 import models as vod_models
from darabonba.runtime import RuntimeOptions

from conftest import V1Client, tea_client_for, v1_request

# A cheap implemented action and its published QPS limit (GetCategories: 50/s).
ACTION = "GetCategories"
# The implemented action with the lowest limit (DeleteCategory: 10/s).
LOW_LIMIT_ACTION, LOW_LIMIT = "DeleteCategory", 10


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def tea_call(client, action: str = ACTION, version: str = "2017-03-21", query: dict | None = None,
             runtime: RuntimeOptions | None = None):
    """A raw RPC call through the Tea SDK's generic `call_api` (same path its typed methods take)."""
    params = tea_util_models.Params(
        action=action, version=version, protocol="HTTPS", pathname="/", method="POST",
        auth_type="AK", style="RPC", req_body_type="formData", body_type="json",
    )
    request = tea_util_models.OpenApiRequest(query=query or {})
    return client.call_api(params, request, runtime or RuntimeOptions())


def v1_error(call) -> V1ServerException:
    with pytest.raises(V1ServerException) as info:
        call()
    return info.value


def tea_error(call) -> tea_exceptions.AlibabaCloudException:
    with pytest.raises(tea_exceptions.AlibabaCloudException) as info:
        call()
    return info.value


def v1_common(action: str = ACTION, version: str = "2017-03-21") -> CommonRequest:
    request = CommonRequest(version=version, action_name=action)
    request.set_method("POST")
    return request


# --- success paths -----------------------------------------------------------------------


def test_both_sdks_succeed(v1_client, tea_client, make_tea_client, assert_round_trip):
    body = v1_client.call(v1_request(ACTION))
    assert body["RequestId"] == body["RequestId"].upper() and len(body["RequestId"]) == 36
    assert "HostId" not in body
    assert_round_trip(ACTION, body)

    response = tea_client.get_categories(vod_models.GetCategoriesRequest())
    assert response.status_code == 200
    assert response.body.request_id
    assert response.body.sub_total == body["SubTotal"]

    v2 = make_tea_client(signature_algorithm="v2")
    assert v2.get_categories(vod_models.GetCategoriesRequest()).body.sub_total == body["SubTotal"]


def test_v1_get_with_parameters_in_the_query(v1_client):
    request = v1_request(ACTION)
    request.set_method("GET")
    assert v1_client.call(request)["RequestId"]


# --- wrong secret ----------------------------------------------------------------------------


def test_wrong_secret_v1_sdk_reports_invalid_access_key_secret(make_v1_client):
    client = make_v1_client(access_key_secret="not-the-secret")
    request = v1_request(ACTION)
    err = v1_error(lambda: client.call(request))
    # The SDK compared the server's echo with its own string to sign and found them equal.
    assert err.get_error_code() == "InvalidAccessKeySecret"
    assert err.get_http_status() == 400
    assert err.get_request_id()
    # The SDK sends `SignatureType=` (empty); it was signed on both sides.
    assert "SignatureType%3D%26" in request.string_to_sign


def test_wrong_secret_echo_is_exact(emulator):
    client = V1Client(emulator, access_key_secret="not-the-secret")
    request = v1_request(ACTION)
    request.set_accept_format("JSON")
    status, _, body, _ = client.raw(request)
    data = json.loads(body)
    assert status == 400
    assert data["Code"] == "SignatureDoesNotMatch"
    prefix = "Specified signature is not matched with our calculation. server string to sign is:"
    assert data["Message"] == prefix + request.string_to_sign


def test_wrong_secret_tea_sdk_v3(make_tea_client, monkeypatch):
    captured = {}
    original = tea_utils.Utils.get_authorization

    def spy(request, sign_type, payload, ak, secret):
        # The SDK's own string to sign, computed with its own helpers.
        query = tea_utils.get_canonical_query_string(request.query)
        headers, signed = tea_utils.get_canonicalized_headers(request.headers)
        canonical = f"{request.method}\n{request.pathname or '/'}\n{query}\n{headers}\n{signed}\n{payload}"
        digest = tea_utils.Utils.hex_encode(tea_utils.Utils.hash(canonical.encode("utf-8"), sign_type))
        captured["string_to_sign"] = f"{sign_type}\n{digest}"
        return original(request, sign_type, payload, ak, secret)

    monkeypatch.setattr(tea_utils.Utils, "get_authorization", staticmethod(spy))
    client = make_tea_client(access_key_secret="not-the-secret")
    err = tea_error(lambda: client.get_categories(vod_models.GetCategoriesRequest(cate_id=-1, page_size=10)))
    # The Tea SDK reports the gateway's code as is; it has no InvalidAccessKeySecret mapping.
    assert isinstance(err, tea_exceptions.ClientException)
    assert err.code == "SignatureDoesNotMatch"
    assert err.status_code == 400
    echoed = err.data["Message"].split("server string to sign is:", 1)[1]
    assert echoed == captured["string_to_sign"]


def test_wrong_secret_tea_sdk_v2_mode(make_tea_client):
    client = make_tea_client(access_key_secret="not-the-secret", signature_algorithm="v2")
    err = tea_error(lambda: client.get_categories(vod_models.GetCategoriesRequest()))
    assert err.code == "SignatureDoesNotMatch"
    assert "server string to sign is:POST&%2F&AccessKeyId%3D" in err.data["Message"]


# --- unknown AccessKeyId -------------------------------------------------------------------


def test_unknown_access_key_id(make_v1_client, make_tea_client):
    err = v1_error(lambda: make_v1_client(access_key_id="LTAI5tNobodyKnowsMe").call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidAccessKeyId.NotFound", 404)
    assert err.get_error_msg() == "Specified access key is not found."

    for mode in ({}, {"signature_algorithm": "v2"}):
        client = make_tea_client(access_key_id="LTAI5tNobodyKnowsMe", **mode)
        err = tea_error(lambda: client.get_categories(vod_models.GetCategoriesRequest()))
        assert (err.code, err.status_code) == ("InvalidAccessKeyId.NotFound", 404)


# --- timestamps ----------------------------------------------------------------------------


@pytest.mark.parametrize("offset_minutes", [-16, 16, -120, 24 * 60])
def test_expired_and_future_timestamps(offset_minutes, v1_client, tea_client, make_tea_client, monkeypatch):
    stamp = iso(datetime.now(timezone.utc) + timedelta(minutes=offset_minutes))
    monkeypatch.setattr(parameter_helper, "get_iso_8061_date", lambda: stamp)
    monkeypatch.setattr(tea_utils.Utils, "get_timestamp", staticmethod(lambda: stamp))

    err = v1_error(lambda: v1_client.call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidTimeStamp.Expired", 400)
    assert err.get_error_msg() == "Specified time stamp or date value is expired."

    for client in (tea_client, make_tea_client(signature_algorithm="v2")):
        err = tea_error(lambda: client.get_categories(vod_models.GetCategoriesRequest()))
        assert (err.code, err.status_code) == ("InvalidTimeStamp.Expired", 400)


@pytest.mark.parametrize("offset_minutes", [-14, 14])
def test_timestamps_within_fifteen_minutes_pass(offset_minutes, v1_client, tea_client, monkeypatch):
    stamp = iso(datetime.now(timezone.utc) + timedelta(minutes=offset_minutes))
    monkeypatch.setattr(parameter_helper, "get_iso_8061_date", lambda: stamp)
    monkeypatch.setattr(tea_utils.Utils, "get_timestamp", staticmethod(lambda: stamp))
    assert v1_client.call(v1_request(ACTION))["RequestId"]
    assert tea_client.get_categories(vod_models.GetCategoriesRequest()).status_code == 200


@pytest.mark.parametrize("stamp", ["2017-3-29T12:00:00Z", "2026-11-23 10:00:00", "2026-11-23T10:00:00.000Z", "now"])
def test_malformed_timestamp(stamp, v1_client, tea_client, monkeypatch):
    monkeypatch.setattr(parameter_helper, "get_iso_8061_date", lambda: stamp)
    monkeypatch.setattr(tea_utils.Utils, "get_timestamp", staticmethod(lambda: stamp))
    err = v1_error(lambda: v1_client.call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidTimeStamp.Format", 400)
    assert err.get_error_msg() == "Specified time stamp or date value is not well formatted."
    err = tea_error(lambda: tea_client.get_categories(vod_models.GetCategoriesRequest()))
    assert (err.code, err.status_code) == ("InvalidTimeStamp.Format", 400)


# --- nonce replay ----------------------------------------------------------------------------


def test_reused_nonce(v1_client, tea_client, make_tea_client, monkeypatch):
    nonce = uuid.uuid4().hex
    monkeypatch.setattr(parameter_helper, "get_uuid", lambda: nonce)
    assert v1_client.call(v1_request(ACTION))["RequestId"]
    err = v1_error(lambda: v1_client.call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("SignatureNonceUsed", 400)
    assert err.get_error_msg() == "Specified signature nonce was used already."

    for client in (tea_client, make_tea_client(signature_algorithm="v2")):
        tea_nonce = uuid.uuid4().hex
        monkeypatch.setattr(tea_utils.Utils, "get_nonce", staticmethod(lambda: tea_nonce))
        assert client.get_categories(vod_models.GetCategoriesRequest()).status_code == 200
        err = tea_error(lambda: client.get_categories(vod_models.GetCategoriesRequest()))
        assert (err.code, err.status_code) == ("SignatureNonceUsed", 400)


def test_a_nonce_is_per_access_key(emulator, v1_client, make_v1_client, monkeypatch):
    nonce = uuid.uuid4().hex
    monkeypatch.setattr(parameter_helper, "get_uuid", lambda: nonce)
    # A refused call with an unknown key does not burn the nonce for the real key.
    err = v1_error(lambda: make_v1_client(access_key_id="LTAI5tNobodyKnowsMe").call(v1_request(ACTION)))
    assert err.get_error_code() == "InvalidAccessKeyId.NotFound"
    assert v1_client.call(v1_request(ACTION))["RequestId"]


# --- action and version ----------------------------------------------------------------------


def test_unknown_action(v1_client, tea_client, make_tea_client):
    err = v1_error(lambda: v1_client.call(v1_common("NoSuchAction")))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidAction.NotFound", 404)
    assert err.get_error_msg() == "Specified api is not found, please check your url and method."
    for client in (tea_client, make_tea_client(signature_algorithm="v2")):
        err = tea_error(lambda: tea_call(client, "NoSuchAction"))
        assert (err.code, err.status_code) == ("InvalidAction.NotFound", 404)


def test_unknown_action_is_checked_before_the_signature(make_v1_client, make_tea_client):
    err = v1_error(lambda: make_v1_client(access_key_secret="wrong").call(v1_common("NoSuchAction")))
    assert err.get_error_code() == "InvalidAction.NotFound"
    err = tea_error(lambda: tea_call(make_tea_client(access_key_secret="wrong"), "NoSuchAction"))
    assert err.code == "InvalidAction.NotFound"


def test_wrong_version(v1_client, tea_client, make_tea_client):
    err = v1_error(lambda: v1_client.call(v1_common(ACTION, version="2014-05-26")))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidVersion", 400)
    assert err.get_error_msg() == "Specified parameter Version is not valid."
    for client in (tea_client, make_tea_client(signature_algorithm="v2")):
        err = tea_error(lambda: tea_call(client, ACTION, version="2014-05-26"))
        assert (err.code, err.status_code) == ("InvalidVersion", 400)


# --- formats -------------------------------------------------------------------------------


def test_xml_is_the_default_and_json_on_request(v1_client):
    request = v1_request(ACTION)  # the v1 SDK sends no Format unless asked
    status, headers, body, _ = v1_client.raw(request)
    assert status == 200
    assert headers["Content-Type"] == "text/xml;charset=utf-8"
    text = body.decode()
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?><GetCategoriesResponse><RequestId>")
    # Arrays are repeated elements under their wrapper.
    assert "<SubCategories><Category><CateId>" in text

    request = v1_request(ACTION)
    request.set_accept_format("JSON")
    status, headers, body, _ = v1_client.raw(request)
    assert status == 200 and headers["Content-Type"] == "application/json;charset=utf-8"
    assert json.loads(body)["SubCategories"]["Category"]


def test_xml_error_envelope(make_v1_client):
    client = make_v1_client(access_key_id="LTAI5tNobodyKnowsMe")
    status, _, body, _ = client.raw(v1_request(ACTION))
    text = body.decode()
    assert status == 404
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>")
    for part in ("<HostId>vod.cn-shanghai.aliyuncs.com</HostId>", "<Code>InvalidAccessKeyId.NotFound</Code>",
                 "<Message>Specified access key is not found.</Message>", "<Recommend>"):
        assert part in text


def test_tea_sdk_reads_xml_errors(make_tea_client):
    # The Tea SDK parses an XML error body when the content type says XML.
    client = make_tea_client(access_key_id="LTAI5tNobodyKnowsMe")
    err = tea_error(lambda: tea_call(client, ACTION, query={"Format": "XML"}))
    assert (err.code, err.status_code) == ("InvalidAccessKeyId.NotFound", 404)
    assert err.request_id and err.request_id == err.request_id.upper()


def test_json_error_envelope_fields(make_v1_client):
    client = make_v1_client(access_key_id="LTAI5tNobodyKnowsMe")
    request = v1_request(ACTION)
    request.set_accept_format("JSON")
    _, _, body, _ = client.raw(request)
    data = json.loads(body)
    assert set(data) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert data["HostId"] == "vod.cn-shanghai.aliyuncs.com"


# --- throttling ----------------------------------------------------------------------------


def burst(call, n: int) -> list:
    """Runs `call` n times at once; returns results or exceptions."""
    def run(_):
        try:
            return call()
        except Exception as e:  # noqa: BLE001 - collected for the assertions
            return e
    with concurrent.futures.ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def test_burst_over_the_qps_limit_is_throttled(start_emulator):
    emu = start_emulator()
    # One instant of the gateway's clock for the whole burst, however slow the machine.
    assert emu.http("POST", "/__emulator/clock", {"gateway": "freeze"})[0] == 200
    v1 = V1Client(emu)
    results = burst(lambda: v1.call(v1_request(LOW_LIMIT_ACTION, CateId=999999)), LOW_LIMIT + 10)
    throttled = [r for r in results if isinstance(r, V1ServerException) and r.get_error_code() == "Throttling.User"]
    admitted = [r for r in results if not (isinstance(r, V1ServerException) and r.get_error_code() == "Throttling.User")]
    assert (len(admitted), len(throttled)) == (LOW_LIMIT, 10), results
    assert throttled[0].get_http_status() == 400
    assert throttled[0].get_error_msg() == "Request was denied due to user flow throttling."

    # A second later (by the gateway's clock) the window is empty again.
    assert emu.http("POST", "/__emulator/clock", {"gateway_advance_ms": 1000})[0] == 200
    tea = tea_client_for(emu)
    results = burst(lambda: tea.delete_category(vod_models.DeleteCategoryRequest(cate_id=999999)), LOW_LIMIT + 10)
    throttled = [r for r in results if getattr(r, "code", None) == "Throttling.User"]
    assert throttled, results
    # The gateway says when to come back; the Tea SDK surfaces it as a ThrottlingException.
    assert isinstance(throttled[0], tea_exceptions.ThrottlingException)
    assert throttled[0].status_code == 400
    assert 0 < throttled[0].retry_after <= 1000


def test_limits_are_per_action(start_emulator):
    emu = start_emulator()
    v1 = V1Client(emu)
    burst(lambda: v1.call(v1_request(LOW_LIMIT_ACTION, CateId=999999)), LOW_LIMIT + 5)
    # Another action is not affected by DeleteCategory's window.
    assert v1.call(v1_request(ACTION))["RequestId"]


def test_no_throttle_flag(start_emulator):
    emu = start_emulator("--no-throttle")
    v1 = V1Client(emu)
    results = burst(lambda: v1.call(v1_request(LOW_LIMIT_ACTION, CateId=999999)), LOW_LIMIT + 10)
    assert not [r for r in results if getattr(r, "error_code", None) == "Throttling.User"
                or (isinstance(r, V1ServerException) and r.get_error_code() == "Throttling.User")]


# --- faults --------------------------------------------------------------------------------


def test_fault_error_rate_one(emulator, faults, v1_client, tea_client):
    faults({"errors": [{"action": ACTION, "code": "InternalError", "rate": 1.0}]})
    err = v1_error(lambda: v1_client.call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("InternalError", 500)
    err = tea_error(lambda: tea_client.get_categories(vod_models.GetCategoriesRequest()))
    assert isinstance(err, tea_exceptions.ServerException)
    assert (err.code, err.status_code) == ("InternalError", 500)
    # Other actions are untouched.
    assert v1_client.call(v1_request("GetVideoList"))["RequestId"]


def test_fault_error_rate_is_statistical(start_emulator):
    # An emulator of its own without QPS limits: forty calls in a row (on top of what
    # earlier tests just sent) are about the injected faults only, never throttled.
    emu = start_emulator("--no-throttle")
    emu.set_faults({"errors": [{"action": "*", "code": "ServiceUnavailable", "rate": 0.5}]})
    v1_client = V1Client(emu)
    outcomes = []
    for _ in range(40):
        try:
            v1_client.call(v1_request(ACTION))
            outcomes.append("ok")
        except V1ServerException as e:
            assert (e.get_error_code(), e.get_http_status()) == ("ServiceUnavailable", 503)
            outcomes.append("err")
    assert 4 <= outcomes.count("err") <= 36, outcomes


def test_fault_forced_throttling(emulator, faults, v1_client, tea_client):
    faults({"throttle": [ACTION]})
    err = v1_error(lambda: v1_client.call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("Throttling.User", 400)
    err = tea_error(lambda: tea_client.get_categories(vod_models.GetCategoriesRequest()))
    assert err.code == "Throttling.User"


def test_status_override_per_code(emulator, faults, v1_client, make_v1_client):
    # Where docs and observations disagree, a test can switch the status of a code.
    faults({"throttle": [ACTION], "status_overrides": {"Throttling.User": 503, "InvalidAccessKeyId.NotFound": 400}})
    err = v1_error(lambda: v1_client.call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("Throttling.User", 503)
    err = v1_error(lambda: make_v1_client(access_key_id="LTAI5tNobodyKnowsMe").call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidAccessKeyId.NotFound", 400)


def test_fault_latency(emulator, faults, v1_client):
    faults({"latency_ms": 400})
    started = time.monotonic()
    v1_client.call(v1_request(ACTION))
    assert time.monotonic() - started >= 0.4


def test_fault_latency_per_action(start_emulator):
    emu = start_emulator("--fault-action-latency", f"{ACTION}:1500", admin=False)
    client = V1Client(emu)
    started = time.monotonic()
    client.call(v1_request(ACTION))
    assert time.monotonic() - started >= 1.5
    # The other action is not delayed: sent together with the slow one, it ends first
    # (an order, not a time bound that a loaded machine can miss).
    finished = []

    def call(action):
        client.call(v1_request(action))
        finished.append(action)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        slow = pool.submit(call, ACTION)
        fast = pool.submit(call, "GetVideoList")
        slow.result(), fast.result()
    assert finished == ["GetVideoList", ACTION]


def test_fault_hang_exceeds_client_timeouts(emulator, faults, make_v1_client, make_tea_client):
    faults({"hang": [ACTION]})
    client = make_v1_client(timeout=1)
    started = time.monotonic()
    with pytest.raises(V1ClientException) as info:
        client.call(v1_request(ACTION))
    assert info.value.get_error_code() == "SDK.HttpError"
    assert "timed out" in info.value.get_error_msg().lower()
    assert time.monotonic() - started < 5

    tea = make_tea_client(read_timeout=1000)
    started = time.monotonic()
    with pytest.raises(Exception) as info:
        tea.get_categories(vod_models.GetCategoriesRequest())
    assert "timed out" in str(info.value).lower() or "timeout" in str(info.value).lower()
    assert time.monotonic() - started < 5


def test_faults_from_flags(start_emulator):
    emu = start_emulator("--fault-error", f"{ACTION}:ServiceUnavailable:1", admin=False)
    err = v1_error(lambda: V1Client(emu).call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("ServiceUnavailable", 503)
    # Gateway checks still run first.
    err = v1_error(lambda: V1Client(emu, access_key_secret="wrong").call(v1_request(ACTION)))
    assert err.get_error_code() == "InvalidAccessKeySecret"


def test_admin_endpoint_only_with_enable_admin(start_emulator, emulator):
    plain = start_emulator(admin=False)
    assert plain.http("POST", "/__emulator/faults", {"latency_ms": 1})[0] == 404
    assert plain.http("GET", "/__emulator/health")[0] == 200
    status, text = emulator.http("POST", "/__emulator/faults", {"latncy_ms": 1})
    assert status == 400
    status, text = emulator.http("GET", "/__emulator/faults")
    assert status == 200 and json.loads(text) == {"latency_ms": 0, "errors": [], "throttle": [], "hang": []}


# --- encoding, process behaviour -------------------------------------------------------------


@pytest.mark.parametrize("match", ['Title = "测试 a+b/c~*\'()!"', "Title in ('x y', 'z%20w')", "CateId = 1&x=2"])
def test_awkward_characters_are_signed_alike(match, v1_client, tea_client, make_tea_client):
    """Spaces, '+', '/', '%', '&', quotes and CJK survive both signatures. SearchMedia may
    refuse the expression itself; the gateway must not."""
    gateway_codes = {"SignatureDoesNotMatch", "InvalidAccessKeySecret", "MissingParameter"}
    try:
        v1_client.call(v1_request("SearchMedia", Match=match))
    except V1ServerException as e:
        assert e.get_error_code() not in gateway_codes, e
    for client in (tea_client, make_tea_client(signature_algorithm="v2")):
        try:
            client.search_media(vod_models.SearchMediaRequest(match=match))
        except tea_exceptions.AlibabaCloudException as e:
            assert e.code not in gateway_codes, e


def test_sigterm_stops_cleanly_and_the_secret_is_never_logged(start_emulator):
    secret = "AVerySecretValue-" + uuid.uuid4().hex
    emu = start_emulator(access_key_secret=secret)
    V1Client(emu).call(v1_request(ACTION))
    with pytest.raises(V1ServerException):
        V1Client(emu, access_key_secret="wrong").call(v1_request(ACTION))
    emu.process.terminate()
    assert emu.process.wait(timeout=10) == 0
    log = emu.log()
    assert "listening" in log
    assert secret not in log


def test_help_documents_every_option():
    import subprocess

    from conftest import emulator_binary

    text = subprocess.run([str(emulator_binary()), "--help"], capture_output=True, text=True, check=True).stdout
    for flag in ("--listen", "--data-dir", "--reset", "--access-key-id", "--access-key-secret", "--enable-admin",
                 "--inactive-access-key-id",
                 "--no-throttle", "--fault-latency-ms", "--fault-action-latency", "--fault-error", "--fault-throttle", "--fault-hang",
                 "--list-actions"):
        assert flag in text, flag
    assert "VOD_EMULATOR_ACCESS_KEY_ID" in text and "VOD_EMULATOR_ACCESS_KEY_SECRET" in text
    assert "EmulatorDemoSecretNotForProduction" not in text


def test_disabled_access_key(start_emulator):
    emu = start_emulator("--inactive-access-key-id", "LTAI5tDisabledKey", admin=False)
    err = v1_error(lambda: V1Client(emu, access_key_id="LTAI5tDisabledKey").call(v1_request(ACTION)))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidAccessKeyId.Inactive", 400)
    assert err.get_error_msg() == "Specified access key is disabled."
    err = tea_error(lambda: tea_client_for(emu, access_key_id="LTAI5tDisabledKey").get_categories(
        vod_models.GetCategoriesRequest()))
    assert (err.code, err.status_code) == ("InvalidAccessKeyId.Inactive", 400)


def test_clock_endpoint(start_emulator):
    emu = start_emulator()
    status, text = emu.http("POST", "/__emulator/clock", {"advance_seconds": 3600})
    assert status == 200 and json.loads(text)["now"] >= time.time() + 3590
    assert emu.http("POST", "/__emulator/clock", {"advance_seconds": -1})[0] == 400
    # Gateway timestamps still follow the wall clock.
    assert V1Client(emu).call(v1_request(ACTION))["RequestId"]
    plain = start_emulator(admin=False)
    assert plain.http("POST", "/__emulator/clock", {"advance_seconds": 1})[0] == 404


# XML and JSON carry the same document: `action_helpers.both` checks it for every read
# action the emulator serves (their conformance cases). Here: the check itself notices a
# difference, so that a passing check means something.


def test_the_xml_json_comparison_notices_a_difference(v1_client):
    from action_helpers import tree_differences, xml_and_json

    xml_doc, json_doc = xml_and_json(v1_client, "GetVideoList", {"PageSize": 3})
    assert xml_doc and not tree_differences(xml_doc, json_doc)
    video = json_doc["VideoList"]["Video"][0]
    for changed in (
        {**video, "Title": video["Title"] + "x"},
        {k: v for k, v in video.items() if k != "Title"},
        {**video, "Extra": "1"},
    ):
        other = {**json_doc, "VideoList": {"Video": [changed, *json_doc["VideoList"]["Video"][1:]]}}
        assert tree_differences(xml_doc, other)
    fewer = {**json_doc, "VideoList": {"Video": json_doc["VideoList"]["Video"][:2]}}
    assert tree_differences(xml_doc, fewer)


# --- an action VOD has that the emulator does not serve ------------------------------


def test_a_real_action_not_served_is_told_apart_from_a_misspelt_one(v1_client, tea_client, make_tea_client):
    from conftest import served_actions

    real = "SubmitSnapshotJob"
    assert real not in served_actions()
    # Both SDKs have it: a real VOD action.
    assert v1_request(real) is not None and hasattr(tea_client, "submit_snapshot_job")
    err = v1_error(lambda: v1_client.call(v1_common(real)))
    assert (err.get_error_code(), err.get_http_status()) == ("Emulator.ActionNotImplemented", 501)
    assert real in err.get_error_msg()
    for client in (tea_client, make_tea_client(signature_algorithm="v2")):
        err = tea_error(lambda: tea_call(client, real))
        assert (err.code, err.status_code) == ("Emulator.ActionNotImplemented", 501)
    # It passes the gateway's checks first: a wrong secret is still SignatureDoesNotMatch.
    err = tea_error(lambda: tea_call(make_tea_client(access_key_secret="wrong"), real))
    assert err.code == "SignatureDoesNotMatch"
    # A misspelt name stays VOD's InvalidAction.NotFound.
    err = v1_error(lambda: v1_client.call(v1_common(real + "s")))
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidAction.NotFound", 404)
