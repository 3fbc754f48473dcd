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
