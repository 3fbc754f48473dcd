"""Editing transcode template groups as both official SDKs see them."""

from __future__ import annotations

import json

import pytest

from action_helpers import both, both_fail


def template(name: str, definition: str, fmt: str) -> dict:
    return {"TemplateName": name, "Definition": definition,
            "Video": {"Codec": "H.264", "Bitrate": "900", "Width": "960", "Height": "540"},
            "Audio": {"Codec": "AAC", "Bitrate": "96"}, "Container": {"Format": fmt},
            "WatermarkIds": ["USER_DEFAULT_WATERMARK"]}


def templates_of(v1, group_id: str) -> list[dict]:
    from conftest import v1_request

    got = v1.call(v1_request("GetTranscodeTemplateGroup", TranscodeTemplateGroupId=group_id))
    return got["TranscodeTemplateGroup"]["TranscodeTemplateList"]


@pytest.mark.conformance("AddTranscodeTemplateGroup", "UpdateTranscodeTemplateGroup",
                         "DeleteTranscodeTemplateGroup", "SetDefaultTranscodeTemplateGroup")
def test_a_group_added_edited_made_default_and_deleted(paced):
    from conftest import v1_request

    v1, tea, next_second = paced
    one = json.dumps([template("mp4 540p", "SD", "mp4")])
    body, model = both(v1, tea, "AddTranscodeTemplateGroup", {"Name": "新分组 v1", "TranscodeTemplateList": one},
                       tea_params={"Name": "新分组 tea", "TranscodeTemplateList": one}, raw=False)
    group = body["TranscodeTemplateGroupId"]
    tea_group = model.transcode_template_group_id
    assert group and tea_group and group != tea_group
    first = templates_of(v1, group)[0]
    assert json.loads(first["Container"])["Format"] == "mp4" and first["WatermarkIds"] == ["USER_DEFAULT_WATERMARK"]

    next_second()
    change = json.dumps([{"TranscodeTemplateId": first["TranscodeTemplateId"], "TemplateName": "renamed"}])
    body, model = both(v1, tea, "UpdateTranscodeTemplateGroup",
                       {"TranscodeTemplateGroupId": group, "Name": "改名", "TranscodeTemplateList": change},
                       tea_params={"TranscodeTemplateGroupId": tea_group, "Locked": "Enabled"}, raw=False)
    assert body["TranscodeTemplateGroupId"] == group and model.transcode_template_group_id == tea_group
    assert templates_of(v1, group)[0]["TemplateName"] == "renamed"
    # The Tea call locked its group: edits are refused until it is unlocked.
    both_fail(v1, tea, "UpdateTranscodeTemplateGroup", "Forbidden.LockedTemplateGroup",
              {"TranscodeTemplateGroupId": tea_group, "Name": "x"}, 403)

    next_second()
    body, model = both(v1, tea, "SetDefaultTranscodeTemplateGroup", {"TranscodeTemplateGroupId": group},
                       tea_params={"TranscodeTemplateGroupId": group}, raw=False)
    listed = v1.call(v1_request("ListTranscodeTemplateGroup"))["TranscodeTemplateGroupList"]
    assert [g["TranscodeTemplateGroupId"] for g in listed if g["IsDefault"] == "Default"] == [group]
    both_fail(v1, tea, "DeleteTranscodeTemplateGroup", "Forbidden.DefaultTemplateGroup",
              {"TranscodeTemplateGroupId": group, "ForceDelGroup": "true"}, 403)

    next_second()
    unknown = "0123456789abcdef0123456789abcdef"
    ids = json.dumps([first["TranscodeTemplateId"], unknown])
    v1.call(v1_request("UpdateTranscodeTemplateGroup", TranscodeTemplateGroupId=tea_group, Locked="Disabled"))
    body, model = both(v1, tea, "DeleteTranscodeTemplateGroup", {"TranscodeTemplateGroupId": group, "TranscodeTemplateIds": ids},
                       tea_params={"TranscodeTemplateGroupId": tea_group, "ForceDelGroup": "true"}, raw=False)
    assert body["NonExistTranscodeTemplateIds"] == [unknown]
    assert templates_of(v1, group) == []
    next_second()
    both_fail(v1, tea, "GetTranscodeTemplateGroup", "InvalidTranscodeTemplateGroup.NotFound",
              {"TranscodeTemplateGroupId": tea_group}, 404)


def test_vod_s_limits_on_groups_and_templates(paced):
    from conftest import v1_request

    v1, tea, next_second = paced
    too_many_marks = [dict(template("x", "SD", "mp4"), WatermarkIds=["a", "b", "c", "d", "e"])]
    both_fail(v1, tea, "AddTranscodeTemplateGroup", "WatermarkExceededMax",
              {"Name": "marks", "TranscodeTemplateList": json.dumps(too_many_marks)}, 400)
    next_second()
    both_fail(v1, tea, "AddTranscodeTemplateGroup", "Forbidden.SpecialTemplateGroup",
              {"TranscodeTemplateGroupId": "VOD_NO_TRANSCODE", "TranscodeTemplateList": json.dumps([template("x", "SD", "mp4")])}, 403)
    have = len(v1.call(v1_request("ListTranscodeTemplateGroup"))["TranscodeTemplateGroupList"])
    for i in range(have, 20):
        if i % 4 == 0:
            next_second()
        v1.call(v1_request("AddTranscodeTemplateGroup", Name=f"g{i}"))
    next_second()
    both_fail(v1, tea, "AddTranscodeTemplateGroup", "TrasncodeTemplateGroupExceededMax", {"Name": "one too many"}, 400)
