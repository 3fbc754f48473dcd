"""Review actions as both official SDKs see them: manual decisions and their history,
review security IPs (and what they do to playing a video under review), AI moderation
jobs from submission to their summary, frames, timeline and audio, and AI templates.

Each test has an emulator of its own whose QPS clock moves only when told (AI templates
allow 5 calls a second, and `both` makes up to five), and whose business clock the job
test moves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import pytest

from action_helpers import both, both_fail

AUDIT_CONFIG = json.dumps({"AuditItem": ["porn", "terrorism"], "AuditRange": ["video"],
                           "AuditContent": ["screen"], "AuditAutoBlock": "no"})


@dataclass
class Review:
    v1: object
    tea: object
    next_second: Callable[[], None]
    advance: Callable[[int], int]

    def videos(self, status: str) -> list[dict]:
        from conftest import v1_request

        body = self.v1.call(v1_request("GetVideoList", Status=status, PageSize=100))
        self.next_second()
        return body["VideoList"]["Video"]


@pytest.fixture
def review(start_emulator) -> Review:
    from conftest import V1Client, tea_client_for

    emu = start_emulator()
    status, text = emu.http("POST", "/__emulator/clock", {"gateway": "freeze"})
    assert status == 200, text

    def next_second():
        status, text = emu.http("POST", "/__emulator/clock", {"gateway_advance_ms": 1000})
        assert status == 200, text

    def advance(seconds: int) -> int:
        status, text = emu.http("POST", "/__emulator/clock", {"advance_seconds": seconds})
        assert status == 200, text
        return json.loads(text)["now"]

    return Review(V1Client(emu), tea_client_for(emu), next_second, advance)


@pytest.mark.conformance("CreateAudit", "GetAuditHistory")
def test_decisions_change_the_status_and_land_in_the_history(review: Review):
    v1, tea = review.v1, review.tea
    checking = review.videos("Checking")
    assert len(checking) >= 4
    a, b, c, d = (v["VideoId"] for v in checking[:4])
    content = json.dumps([{"VideoId": a, "Status": "Normal", "Comment": "看过了"},
                          {"VideoId": b, "Status": "Blocked", "Reason": "含广告"}], ensure_ascii=False)
    body, _ = both(v1, tea, "CreateAudit", {"AuditContent": content},
                   tea_params={"AuditContent": json.dumps([{"VideoId": c, "Status": "Blocked", "Reason": "违规"}])},
                   raw=False)
    assert set(body) == {"RequestId"}
    review.next_second()
    history, model = both(v1, tea, "GetAuditHistory", {"VideoId": b})
    assert history["Status"] == "Blocked" and history["Total"] == 1
    assert history["Histories"][0]["Reason"] == "含广告" and model.histories[0].status == "Blocked"
    statuses = {v["VideoId"]: v["Status"] for v in review.videos("Normal,Blocked")}
    assert (statuses[a], statuses[b], statuses[c]) == ("Normal", "Blocked", "Blocked")

    # One bad decision refuses the whole call, naming the video; nothing is applied.
    bad = json.dumps([{"VideoId": d, "Status": "Normal"}, {"VideoId": "0" * 32, "Status": "Normal"}])
    v1_msg, _ = both_fail(v1, tea, "CreateAudit", "InvalidVideo.NotFound", {"AuditContent": bad}, 404)
    assert v1_msg.endswith("0" * 32)
    assert d in {v["VideoId"] for v in review.videos("Checking")}
    review.next_second()
    too_many = json.dumps([{"VideoId": d, "Status": "Normal"}] * 21)
    both_fail(v1, tea, "CreateAudit", "AuditContentExceededMax", {"AuditContent": too_many}, 400)
    both_fail(v1, tea, "CreateAudit", "LengthExceededMax",
              {"AuditContent": json.dumps([{"VideoId": d, "Status": "Blocked", "Reason": "长" * 43}])}, 400)
    review.next_second()
    both_fail(v1, tea, "CreateAudit", "InvalidParameter", {"AuditContent": "not json"}, 400)


@pytest.mark.conformance("SetAuditSecurityIp", "ListAuditSecurityIp")
def test_security_ips_decide_who_plays_a_video_under_review(review: Review):
    from conftest import v1_request

    v1, tea = review.v1, review.tea
    listed, model = both(v1, tea, "ListAuditSecurityIp", {})
    assert [g["SecurityGroupName"] for g in listed["SecurityIpList"]] == ["Default"]
    assert model.security_ip_list[0].ips == listed["SecurityIpList"][0]["Ips"]
    video = review.videos("Checking")[0]["VideoId"]
    # This machine is not a review security IP: a video under review does not play.
    both_fail(v1, tea, "GetPlayInfo", "Forbidden.IllegalStatus", {"VideoId": video}, 403)

    body, _ = both(v1, tea, "SetAuditSecurityIp", {"Ips": "127.0.0.1,10.8.0.0/16", "SecurityGroupName": "desk"},
                   tea_params={"Ips": "10.9.0.0/16", "SecurityGroupName": "desk"}, raw=False)
    assert set(body) == {"RequestId"}
    review.next_second()
    desk, _ = both(v1, tea, "ListAuditSecurityIp", {"SecurityGroupName": "desk"})
    assert desk["SecurityIpList"][0]["Ips"] == "127.0.0.1,10.8.0.0/16,10.9.0.0/16"
    review.next_second()
    play = v1.call(v1_request("GetPlayInfo", VideoId=video))
    assert play["PlayInfoList"]["PlayInfo"]

    v1.call(v1_request("SetAuditSecurityIp", Ips="127.0.0.1", SecurityGroupName="desk", OperateMode="Delete"))
    both_fail(v1, tea, "GetPlayInfo", "Forbidden.IllegalStatus", {"VideoId": video}, 403)
    review.next_second()
    both_fail(v1, tea, "SetAuditSecurityIp", "IpsIsEmpty", {"Ips": " "}, 400)
    msg, _ = both_fail(v1, tea, "SetAuditSecurityIp", "InvalidParameter", {"Ips": "10.0.0.0/33"}, 400)
    assert "10.0.0.0/33" in msg
    many = ",".join(f"10.7.{i // 250}.{i % 250}" for i in range(101))
    both_fail(v1, tea, "SetAuditSecurityIp", "IpsExceededMax", {"Ips": many, "OperateMode": "Cover"}, 403)
    review.next_second()
    both_fail(v1, tea, "ListAuditSecurityIp", "SecurityIp.NotFound", {"SecurityGroupName": "nobody"}, 404)
    for i in range(8):
        v1.call(v1_request("SetAuditSecurityIp", Ips="10.1.1.1", SecurityGroupName=f"g{i}"))
    review.next_second()
    both_fail(v1, tea, "SetAuditSecurityIp", "SecurityIpGroupExceededMax", {"Ips": "10.1.1.1", "SecurityGroupName": "eleventh"}, 403)


@pytest.mark.conformance("SubmitAIMediaAuditJob", "GetAIMediaAuditJob", "GetMediaAuditResult",
                         "GetMediaAuditResultDetail", "GetMediaAuditResultTimeline",
                         "GetMediaAuditAudioResultDetail", "SubmitAIImageAuditJob")
def test_an_ai_moderation_from_submission_to_every_finding(review: Review):
    from conftest import v1_request

    v1, tea = review.v1, review.tea
    normal = review.videos("Normal")
    body, _ = both(v1, tea, "SubmitAIMediaAuditJob", {"MediaId": normal[1]["VideoId"]},
                   tea_params={"MediaId": normal[2]["VideoId"]}, raw=False)
    job = body["JobId"]
    assert body["MediaId"] == normal[1]["VideoId"]
    review.next_second()
    first, _ = both(v1, tea, "GetAIMediaAuditJob", {"JobId": job})
    assert first["MediaAuditJob"]["Status"] in ("init", "processing") and "Data" not in first["MediaAuditJob"]
    review.advance(60)
    review.next_second()
    done, model = both(v1, tea, "GetAIMediaAuditJob", {"JobId": job})
    assert done["MediaAuditJob"]["Status"] == "success" and model.media_audit_job.status == "success"
    data = done["MediaAuditJob"]["Data"]
    assert data["Suggestion"] in ("pass", "review", "block")

    # The queue's videos were moderated on arrival: find one with flagged frames.
    flagged = None
    for v in review.videos("Checking"):
        review.next_second()
        result = v1.call(v1_request("GetMediaAuditResult", MediaId=v["VideoId"]))["MediaAuditResult"]
        if result["Suggestion"] != "pass" and result["AbnormalModules"]:
            flagged = v["VideoId"]
            break
    assert flagged
    review.next_second()
    summary, model = both(v1, tea, "GetMediaAuditResult", {"MediaId": flagged})
    video_result = summary["MediaAuditResult"]["VideoResult"]
    assert {"PornResult", "TerrorismResult", "AdResult", "LogoResult", "LiveResult"} <= set(video_result)
    assert model.media_audit_result.suggestion == summary["MediaAuditResult"]["Suggestion"]
    review.next_second()
    timeline, _ = both(v1, tea, "GetMediaAuditResultTimeline", {"MediaId": flagged})
    marks = timeline["MediaAuditResultTimeline"]
    review.next_second()
    detail, model = both(v1, tea, "GetMediaAuditResultDetail", {"MediaId": flagged, "PageNo": 1})
    frames = detail["MediaAuditResultDetail"]
    assert frames["Total"] == len({m["Timestamp"] for ms in marks.values() for m in ms})
    assert len(frames["List"]) == min(20, frames["Total"])
    assert all(int(f["Timestamp"]) >= 0 and f["Url"].startswith("http") for f in frames["List"])
    review.next_second()
    audio, _ = both(v1, tea, "GetMediaAuditAudioResultDetail", {"MediaId": flagged})
    assert audio["MediaAuditAudioResultDetail"]["PageTotal"] == 1
    for segment in audio["MediaAuditAudioResultDetail"]["List"]:
        assert segment["EndTime"] > segment["StartTime"] and segment["Text"]
    review.next_second()
    both_fail(v1, tea, "GetMediaAuditResultDetail", "MissingParameter", {"MediaId": flagged}, 400)
    both_fail(v1, tea, "GetAIMediaAuditJob", "NoSuchResource", {"JobId": "f" * 32}, 404)
    both_fail(v1, tea, "SubmitAIMediaAuditJob", "InvalidParameter",
              {"MediaId": flagged, "MediaAuditConfiguration": "{\"Other\":1}"}, 400)

    images = v1.call(v1_request("SearchMedia", SearchType="image", PageSize=5))["MediaList"]
    review.next_second()
    image_id = images[0]["Image"]["ImageId"]
    body, _ = both(v1, tea, "SubmitAIImageAuditJob",
                   {"MediaId": image_id, "TemplateId": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"}, raw=False)
    assert body["JobId"]
    both_fail(v1, tea, "SubmitAIImageAuditJob", "MissingParameter", {"MediaId": image_id}, 400)


@pytest.mark.conformance("AddAITemplate", "GetAITemplate", "ListAITemplate", "UpdateAITemplate",
                         "SetDefaultAITemplate", "GetDefaultAITemplate", "DeleteAITemplate")
def test_ai_templates_validated_defaulted_and_protected(review: Review):
    v1, tea, next_second = review.v1, review.tea, review.next_second
    body, _ = both(v1, tea, "AddAITemplate",
                   {"TemplateName": "色情与暴恐", "TemplateType": "AIMediaAudit", "TemplateConfig": AUDIT_CONFIG},
                   tea_params={"TemplateName": "second", "TemplateType": "AIMediaAudit", "TemplateConfig": AUDIT_CONFIG},
                   raw=False)
    template = body["TemplateId"]
    next_second()
    got, model = both(v1, tea, "GetAITemplate", {"TemplateId": template})
    info = got["TemplateInfo"]
    assert info["TemplateName"] == "色情与暴恐" and info["Source"] == "Custom" and info["IsDefault"] == "NotDefault"
    assert json.loads(info["TemplateConfig"])["AuditItem"] == ["porn", "terrorism"]
    assert model.template_info.template_id == template
    next_second()
    listed, _ = both(v1, tea, "ListAITemplate", {"TemplateType": "AIMediaAudit"})
    assert template in {t["TemplateId"] for t in listed["TemplateInfoList"]}
    assert sum(t["IsDefault"] == "Default" for t in listed["TemplateInfoList"]) == 1
    next_second()
    changed = AUDIT_CONFIG.replace('"no"', '"yes"')
    body, _ = both(v1, tea, "UpdateAITemplate", {"TemplateId": template, "TemplateName": "改名", "TemplateConfig": changed}, raw=False)
    assert body["TemplateId"] == template
    next_second()
    msg, _ = both_fail(v1, tea, "UpdateAITemplate", "InvalidParameter",
                       {"TemplateId": template, "TemplateName": "x", "TemplateConfig": AUDIT_CONFIG.replace("porn", "nudity")}, 400)
    assert "AuditItem" in msg
    both_fail(v1, tea, "AddAITemplate", "InvalidParameter",
              {"TemplateName": "x", "TemplateType": "AIVideo", "TemplateConfig": AUDIT_CONFIG}, 400)
    next_second()
    body, _ = both(v1, tea, "SetDefaultAITemplate", {"TemplateId": template}, raw=False)
    next_second()
    default, _ = both(v1, tea, "GetDefaultAITemplate", {"TemplateType": "AIMediaAudit"})
    assert default["TemplateInfo"]["TemplateId"] == template and default["TemplateInfo"]["IsDefault"] == "Default"
    next_second()
    both_fail(v1, tea, "DeleteAITemplate", "Forbidden", {"TemplateId": template}, 403)
    both_fail(v1, tea, "GetDefaultAITemplate", "InvalidParameter", {"TemplateType": "AIImage"}, 400)
    next_second()
    both(v1, tea, "SetDefaultAITemplate", {"TemplateId": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"}, raw=False)
    next_second()
    body, _ = both(v1, tea, "DeleteAITemplate", {"TemplateId": template},
                   tea_params={"TemplateId": [t for t in listed["TemplateInfoList"] if t["TemplateName"] == "second"][0]["TemplateId"]},
                   raw=False)
    assert body["TemplateId"] == template
    next_second()
    both_fail(v1, tea, "GetAITemplate", "NoSuchResource", {"TemplateId": template}, 404)
