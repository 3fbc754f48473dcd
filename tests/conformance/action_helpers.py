"""Helpers for the per-action conformance tests (test_actions_*.py).

`both()` calls one action with the classic v1 SDK and with the Tea SDK's typed client
method (V3 signing), checks both accept the answer, and round-trips the raw JSON
through the Tea SDK's `<Action>ResponseBody` model so that no key is lost; for every
read action it also checks that the XML answer carries the same document as the JSON
one (`assert_xml_matches_json`). `both_fail()` asserts that both SDKs report the same
error code.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from typing import Any, Optional

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException as V1ServerException
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_tea_openapi import utils_models as tea_util_models
from alibabacloud_vod20170321 import models as vod_models
from darabonba.runtime import RuntimeOptions

from conftest import BOTH_CALLS, assert_round_trip, served_actions, v1_request


def tea_method(client, action: str):
    """The typed Tea client method for `action` (`GetURLUploadInfos` -> `get_urlupload_infos`)."""
    wanted = action.lower()
    for name in dir(client):
        if name.replace("_", "") == wanted and callable(getattr(client, name)):
            return getattr(client, name)
    raise AttributeError(f"no Tea client method for {action}")


def tea_request(action: str, params: dict):
    return getattr(vod_models, f"{action}Request")().from_map(dict(params))


def tea_raw(client, action: str, params: dict) -> dict:
    """The raw JSON body through the Tea SDK's generic `call_api` (same signing path)."""
    p = tea_util_models.Params(
        action=action, version="2017-03-21", protocol="HTTP", pathname="/", method="POST",
        auth_type="AK", style="RPC", req_body_type="formData", body_type="json",
    )
    query = {k: str(v) for k, v in params.items()}
    return client.call_api(p, tea_util_models.OpenApiRequest(query=query), RuntimeOptions())["body"]


def both(v1_client, tea_client, action: str, params: Optional[dict] = None,
         tea_params: Optional[dict] = None, raw: bool = True):
    """Calls `action` with both SDKs. Returns (v1 JSON body, Tea response body model).

    `tea_params` lets a mutating call use different IDs for the second SDK; `raw`
    additionally fetches the raw JSON through the Tea client (read-only actions) and
    round-trips it too.
    """
    params = dict(params or {})
    tea_params = dict(params if tea_params is None else tea_params)
    body = v1_client.call(v1_request(action, **params))
    assert "RequestId" in body
    assert_round_trip(action, body)
    response = tea_method(tea_client, action)(tea_request(action, tea_params))
    assert response.status_code == 200
    assert response.body.request_id
    if raw:
        assert_round_trip(action, tea_raw(tea_client, action, tea_params))
    if served_actions().get(action):
        assert_xml_matches_json(v1_client, action, params)
    BOTH_CALLS.add(action)
    return body, response.body


# --- XML and JSON carry the same document --------------------------------------------

_EMPTY = (None, [], {}, "")
# New on every call.
_PER_CALL = ("RequestId", "ScrollToken")


def normalise_json(value):
    """JSON as its XML rendering reads back: scalars as text, empty values absent (an
    empty string or an empty wrapper is an empty element, which reads back as None)."""
    if isinstance(value, dict):
        items = ((k, normalise_json(v)) for k, v in value.items())
        return {k: v for k, v in items if v not in _EMPTY}
    if isinstance(value, list):
        return [normalise_json(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return None
    return str(value)


def normalise_xml(value):
    if isinstance(value, dict):
        items = ((k, normalise_xml(v)) for k, v in value.items())
        return {k: v for k, v in items if v not in _EMPTY}
    if isinstance(value, list):
        return [normalise_xml(v) for v in value]
    return value


def tree_differences(xml_value, json_value, path="") -> list[str]:
    """Where a parsed XML document and a JSON one differ (after normalising both)."""
    if isinstance(json_value, list):
        items = xml_value if isinstance(xml_value, list) else [xml_value]
        if len(items) != len(json_value):
            return [f"{path}: {len(items)} XML elements, {len(json_value)} JSON items"]
        return [d for i, (a, b) in enumerate(zip(items, json_value)) for d in tree_differences(a, b, f"{path}[{i}]")]
    if isinstance(json_value, dict):
        if not isinstance(xml_value, dict):
            return [f"{path}: XML {xml_value!r} is not an object"]
        diffs = [f"{path}.{k}: only in XML" for k in xml_value if k not in json_value]
        for k, v in json_value.items():
            diffs += [f"{path}.{k}: only in JSON"] if k not in xml_value else tree_differences(xml_value[k], v, f"{path}.{k}")
        return diffs
    return [] if xml_value == json_value else [f"{path}: XML {xml_value!r} != JSON {json_value!r}"]


def xml_and_json(v1_client, action: str, params: dict) -> tuple[Any, Any]:
    """The same call answered in XML (the default format) and in JSON, normalised."""
    from darabonba.utils.xml import XML

    request = v1_request(action, **params)  # the v1 SDK sends no Format unless asked
    status, _, xml_body, _ = v1_client.raw(request)
    assert status == 200, xml_body
    xml_doc = normalise_xml(XML.parse_xml(xml_body.decode(), None)[f"{action}Response"])
    request = v1_request(action, **params)
    request.set_accept_format("JSON")
    status, _, json_body, _ = v1_client.raw(request)
    assert status == 200, json_body
    json_doc = normalise_json(json.loads(json_body))
    for key in _PER_CALL:
        xml_doc.pop(key, None), json_doc.pop(key, None)
    return xml_doc, json_doc


def assert_xml_matches_json(v1_client, action: str, params: dict) -> None:
    """A read action answers the same document in XML and JSON. The pair is asked up to
    three times: an answer may change between two calls (a signed URL's expiry second,
    a pull job's progress), a rendering difference never goes away."""
    for _ in range(3):
        diffs = tree_differences(*xml_and_json(v1_client, action, params))
        if not diffs:
            return
    raise AssertionError(f"{action}: XML and JSON differ: {diffs}")


def both_fail(v1_client, tea_client, action: str, code: str, params: dict,
              status: Optional[int] = None) -> tuple[str, str]:
    """Both SDKs must report `code`; returns the two messages."""
    with pytest.raises(V1ServerException) as v1:
        v1_client.call(v1_request(action, **params))
    assert v1.value.get_error_code() == code, v1.value
    if status is not None:
        assert v1.value.get_http_status() == status
    with pytest.raises(tea_exceptions.AlibabaCloudException) as tea:
        tea_method(tea_client, action)(tea_request(action, params))
    assert tea.value.code == code, tea.value
    return v1.value.get_error_msg(), tea.value.message


def ids(n: int) -> str:
    return ",".join(f"{i:032x}" for i in range(n))


def b64json(s: str) -> dict:
    return json.loads(base64.b64decode(s))


def http(method: str, url: str, data: Optional[bytes] = None, headers: Optional[dict] = None,
         timeout: float = 10.0) -> tuple[int, dict, bytes]:
    """Plain HTTP: (status, headers with lower-case names, body) without raising on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def any_of(items: list[Any], pred) -> Any:
    for item in items:
        if pred(item):
            return item
    raise AssertionError("no matching item")
