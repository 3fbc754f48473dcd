"""Watermark actions as both official SDKs see them."""

from __future__ import annotations

import json
import urllib.request

import pytest

from action_helpers import both


@pytest.mark.conformance("ListWatermark")
def test_watermarks_listed_with_their_config_and_file(v1_client, tea_client):
    body, model = both(v1_client, tea_client, "ListWatermark", {})
    marks = body["WatermarkInfos"]
    assert isinstance(marks, list) and len(marks) >= 2
    assert [m.watermark_id for m in model.watermark_infos] == [m["WatermarkId"] for m in marks]
    assert sum(m["IsDefault"] == "Default" for m in marks) == 1
    assert {m["Type"] for m in marks} == {"Image", "Text"}
    for m in marks:
        config = json.loads(m["WatermarkConfig"])  # a JSON string, not an object
        if m["Type"] == "Image":
            assert config["ReferPos"] in ("TopLeft", "TopRight", "BottomLeft", "BottomRight")
            with urllib.request.urlopen(m["FileUrl"]) as reply:  # the file is served
                assert reply.status == 200
        else:
            assert config["Content"] and m["FileUrl"] == ""
    # `both` made five calls (ListWatermark allows 10/s): one more for another application.
    from conftest import v1_request

    assert v1_client.call(v1_request("ListWatermark", AppId="app-2000000"))["WatermarkInfos"] == []
