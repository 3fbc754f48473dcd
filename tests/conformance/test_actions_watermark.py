"""Watermark actions as both official SDKs see them."""

from __future__ import annotations

import json
import urllib.request

import pytest
from alibabacloud_vod20170321 import models as vod_models

from action_helpers import both, both_fail


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


IMAGE_CONFIG = json.dumps({"Dx": "16", "Dy": "0.05", "Width": "0.12", "Height": "48", "ReferPos": "BottomRight",
                           "Timeline": {"Start": "0", "Duration": "ToEND"}})
LOGO_URL = "https://outin-demo.oss-cn-shanghai.aliyuncs.com/watermark/logo.png"


@pytest.mark.conformance("AddWatermark", "GetWatermark", "UpdateWatermark", "DeleteWatermark")
def test_an_image_watermark_added_read_changed_and_deleted(paced):
    v1, tea, next_second = paced
    params = {"Name": "新台标", "Type": "Image", "WatermarkConfig": IMAGE_CONFIG, "FileUrl": LOGO_URL}
    body, model = both(v1, tea, "AddWatermark", params, raw=False)
    info = body["WatermarkInfo"]
    assert info["Name"] == "新台标" and info["Type"] == "Image" and info["IsDefault"] == "NotDefault"
    assert info["FileUrl"] == LOGO_URL and json.loads(info["WatermarkConfig"])["ReferPos"] == "BottomRight"
    assert model.watermark_info.name == "新台标"
    # A second one, for the Tea SDK's delete below.
    tea_id = tea.add_watermark(vod_models.AddWatermarkRequest(
        name="第二个", type="Text", watermark_config=json.dumps({"Content": "水印"}))).body.watermark_info.watermark_id

    got, got_model = both(v1, tea, "GetWatermark", {"WatermarkId": info["WatermarkId"]})
    assert got["WatermarkInfo"]["WatermarkId"] == got_model.watermark_info.watermark_id == info["WatermarkId"]
    assert got["WatermarkInfo"]["AppId"] == "app-1000000"

    next_second()
    moved = IMAGE_CONFIG.replace("BottomRight", "TopLeft")
    body, model = both(v1, tea, "UpdateWatermark", {"WatermarkId": info["WatermarkId"], "WatermarkConfig": moved}, raw=False)
    assert json.loads(body["WatermarkInfo"]["WatermarkConfig"])["ReferPos"] == "TopLeft"
    assert body["WatermarkInfo"]["Name"] == "新台标"  # left out: kept
    next_second()
    both_fail(v1, tea, "UpdateWatermark", "InvalidParameter",
              {"WatermarkId": info["WatermarkId"], "WatermarkConfig": IMAGE_CONFIG.replace('"16"', '"7"')}, 400)
    next_second()
    both_fail(v1, tea, "AddWatermark", "InvalidParameter",
              {"Name": "字", "Type": "Text", "WatermarkConfig": json.dumps({"Content": "x", "FontSize": 120})}, 400)
    both_fail(v1, tea, "AddWatermark", "MissingParameter", {"Name": "图", "Type": "Image", "WatermarkConfig": IMAGE_CONFIG}, 400)

    body, _ = both(v1, tea, "DeleteWatermark", {"WatermarkId": info["WatermarkId"]},
                   tea_params={"WatermarkId": tea_id}, raw=False)
    assert set(body) == {"RequestId"}
    next_second()
    both_fail(v1, tea, "GetWatermark", "NoSuchResource", {"WatermarkId": info["WatermarkId"]}, 404)


@pytest.mark.conformance("SetDefaultWatermark")
def test_setting_the_default_moves_it_and_the_default_cannot_be_deleted(paced):
    from action_helpers import both_fail
    from conftest import v1_request

    v1, tea, next_second = paced
    marks = v1.call(v1_request("ListWatermark"))["WatermarkInfos"]
    old = next(m["WatermarkId"] for m in marks if m["IsDefault"] == "Default")
    other = next(m["WatermarkId"] for m in marks if m["IsDefault"] != "Default")
    both_fail(v1, tea, "DeleteWatermark", "Forbidden", {"WatermarkId": old}, 403)

    body, _ = both(v1, tea, "SetDefaultWatermark", {"WatermarkId": other}, raw=False)
    assert set(body) == {"RequestId"}
    marks = v1.call(v1_request("ListWatermark"))["WatermarkInfos"]
    assert [m["WatermarkId"] for m in marks if m["IsDefault"] == "Default"] == [other]
    next_second()
    both_fail(v1, tea, "SetDefaultWatermark", "NoSuchResource", {"WatermarkId": "0" * 32}, 404)
