"""Snapshot templates as both official SDKs see them."""

from __future__ import annotations

import json

import pytest

from action_helpers import both, both_fail

SPRITE = {"SnapshotType": "SpriteSnapshot", "SnapshotConfig": {
    "FrameType": "normal", "Count": 20, "Interval": 1, "SpecifiedOffsetTime": 0,
    "SpriteSnapshotConfig": {"CellWidth": 120, "CellHeight": 68, "Columns": 10, "Lines": 2}}}


@pytest.mark.conformance("ListVodTemplate", "GetVodTemplate")
def test_snapshot_templates_listed_and_read(v1_client, tea_client):
    body, model = both(v1_client, tea_client, "ListVodTemplate", {"TemplateType": "Snapshot"})
    listed = body["VodTemplateInfoList"]
    assert len(listed) >= 2 and [t.vod_template_id for t in model.vod_template_info_list] == [t["VodTemplateId"] for t in listed]
    assert sum(t["IsDefault"] == "Default" for t in listed) == 1
    first = listed[0]
    body, model = both(v1_client, tea_client, "GetVodTemplate", {"VodTemplateId": first["VodTemplateId"]})
    info = body["VodTemplateInfo"]
    # The same template, without AppId (GetVodTemplate's answer has none).
    assert info == {k: v for k, v in first.items() if k != "AppId"} and model.vod_template_info.name == first["Name"]
    assert json.loads(info["TemplateConfig"])["SnapshotConfig"]["FrameType"] in ("intra", "normal")
    both_fail(v1_client, tea_client, "GetVodTemplate", "InvalidVodTemplate.NotFound", {"VodTemplateId": "0" * 32}, 404)


@pytest.mark.conformance("AddVodTemplate", "UpdateVodTemplate", "DeleteVodTemplate")
def test_a_snapshot_template_added_changed_and_deleted(paced):
    from conftest import v1_request

    v1, tea, next_second = paced
    params = {"Name": "雪碧图 v1", "TemplateType": "Snapshot", "TemplateConfig": json.dumps(SPRITE)}
    body, model = both(v1, tea, "AddVodTemplate", params, tea_params=dict(params, Name="雪碧图 tea"), raw=False)
    mine, theirs = body["VodTemplateId"], model.vod_template_id
    assert mine and theirs and mine != theirs

    changed = dict(SPRITE)
    changed["SnapshotConfig"] = dict(SPRITE["SnapshotConfig"], Count=40)
    body, model = both(v1, tea, "UpdateVodTemplate", {"VodTemplateId": mine, "TemplateConfig": json.dumps(changed)},
                       tea_params={"VodTemplateId": theirs, "Name": "改名"}, raw=False)
    assert body["VodTemplateId"] == mine and model.vod_template_id == theirs
    got = v1.call(v1_request("GetVodTemplate", VodTemplateId=mine))["VodTemplateInfo"]
    assert json.loads(got["TemplateConfig"])["SnapshotConfig"]["Count"] == 40
    assert v1.call(v1_request("GetVodTemplate", VodTemplateId=theirs))["VodTemplateInfo"]["Name"] == "改名"

    bad = dict(SPRITE)
    bad["SnapshotConfig"] = dict(SPRITE["SnapshotConfig"], SpriteSnapshotConfig={"Columns": 0, "Lines": 2})
    messages = both_fail(v1, tea, "AddVodTemplate", "InvalidParameter",
                         {"Name": "bad", "TemplateType": "Snapshot", "TemplateConfig": json.dumps(bad)}, 400)
    assert all("SpriteSnapshotConfig.Columns" in m for m in messages)

    next_second()
    body, model = both(v1, tea, "DeleteVodTemplate", {"VodTemplateId": mine}, tea_params={"VodTemplateId": theirs}, raw=False)
    assert body["VodTemplateId"] == mine
    both_fail(v1, tea, "DeleteVodTemplate", "InvalidVodTemplate.NotFound", {"VodTemplateId": mine}, 404)


GIF = {"Video": {"Width": "320", "Height": "180", "Fps": "10"}, "Container": {"Format": "gif"},
       "Clip": {"TimeSpan": {"Seek": "00:00:02", "Duration": "3"}}, "SetDefaultCover": "false"}


@pytest.mark.conformance("ListVodTemplate", "AddVodTemplate", "UpdateVodTemplate", "GetVodTemplate", "DeleteVodTemplate")
def test_an_animated_image_template_has_rules_of_its_own(paced):
    v1, tea, next_second = paced
    body, model = both(v1, tea, "ListVodTemplate", {"TemplateType": "DynamicImage"})
    assert [t["TemplateType"] for t in body["VodTemplateInfoList"]] == ["DynamicImage"] * len(body["VodTemplateInfoList"]) != []
    assert [t.vod_template_id for t in model.vod_template_info_list] == [t["VodTemplateId"] for t in body["VodTemplateInfoList"]]

    params = {"Name": "动图 v1", "TemplateType": "DynamicImage", "TemplateConfig": json.dumps(GIF)}
    body, model = both(v1, tea, "AddVodTemplate", params, tea_params=dict(params, Name="动图 tea"), raw=False)
    mine, theirs = body["VodTemplateId"], model.vod_template_id
    webp = dict(GIF, Container={"Format": "webp"}, Video=dict(GIF["Video"], Fps="15"))
    both(v1, tea, "UpdateVodTemplate", {"VodTemplateId": mine, "TemplateConfig": json.dumps(webp)},
         tea_params={"VodTemplateId": theirs, "TemplateConfig": json.dumps(webp)}, raw=False)
    body, model = both(v1, tea, "GetVodTemplate", {"VodTemplateId": mine}, tea_params={"VodTemplateId": theirs})
    for got in (body["VodTemplateInfo"], model.vod_template_info.to_map()):
        assert got["TemplateType"] == "DynamicImage"
        config = json.loads(got["TemplateConfig"])
        assert config["Container"]["Format"] == "webp" and config["Video"]["Fps"] == "15"

    # An animated image at 75 fps, one 64 px wide, and a snapshot configuration in its place.
    for bad, field in [(dict(GIF, Video=dict(GIF["Video"], Fps="75")), "Video.Fps"),
                       (dict(GIF, Video=dict(GIF["Video"], Width="64")), "Video.Width"),
                       (SPRITE, "Video.Width")]:
        messages = both_fail(v1, tea, "AddVodTemplate", "InvalidParameter",
                             {"Name": "bad", "TemplateType": "DynamicImage", "TemplateConfig": json.dumps(bad)}, 400)
        assert all(f"TemplateConfig.{field}" in m for m in messages), messages
        next_second()

    both(v1, tea, "DeleteVodTemplate", {"VodTemplateId": mine}, tea_params={"VodTemplateId": theirs}, raw=False)
