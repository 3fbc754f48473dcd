"""Transcoding tasks as both official SDKs see them: a manual transcoding submitted,
its progress moving with the emulator's clock, summarised, listed and read."""

from __future__ import annotations

import pytest

from action_helpers import both, both_fail


@pytest.fixture
def emu_clients(start_emulator):
    """An emulator of its own (its business clock is moved by these tests)."""
    from conftest import V1Client, tea_client_for

    emu = start_emulator()
    return emu, V1Client(emu), tea_client_for(emu)


def normal_video_and_default_group(v1) -> tuple[str, str]:
    from conftest import v1_request

    video = v1.call(v1_request("GetVideoList", Status="Normal", PageSize=1))["VideoList"]["Video"][0]["VideoId"]
    groups = v1.call(v1_request("ListTranscodeTemplateGroup"))["TranscodeTemplateGroupList"]
    group = next(g["TranscodeTemplateGroupId"] for g in groups if g["IsDefault"] == "Default")
    return video, group


@pytest.mark.conformance("SubmitTranscodeJobs", "GetTranscodeSummary", "ListTranscodeTask", "GetTranscodeTask")
def test_a_transcoding_submitted_followed_and_read(emu_clients):
    emu, v1, tea = emu_clients
    video, group = normal_video_and_default_group(v1)
    body, model = both(v1, tea, "SubmitTranscodeJobs", {"VideoId": video, "TemplateGroupId": group, "Priority": "8"}, raw=False)
    task = body["TranscodeTaskId"]
    jobs = body["TranscodeJobs"]["TranscodeJob"]
    assert len(jobs) == 3 and [j.job_id for j in model.transcode_jobs.transcode_job] != [j["JobId"] for j in jobs]

    body, model = both(v1, tea, "GetTranscodeSummary", {"VideoIds": f"{video},{'0' * 32}"})
    assert body["NonExistVideoIds"] == ["0" * 32]
    summary = body["TranscodeSummaryList"][0]
    assert summary["VideoId"] == video and summary["TranscodeStatus"] == "Processing"
    assert model.transcode_summary_list[0].transcode_job_info_summary_list[0].transcode_template_id

    status, text = emu.http("POST", "/__emulator/clock", {"advance_seconds": 30})
    assert status == 200, text
    body, model = both(v1, tea, "GetTranscodeTask", {"TranscodeTaskId": model_task_id(v1, video)})
    t = body["TranscodeTask"]
    assert t["TaskStatus"] == "CompleteAllSucc" and t["Trigger"] == "Manual"
    infos = t["TranscodeJobInfoList"]
    assert all(i["TranscodeJobStatus"] == "TranscodeSuccess" and i["TranscodeProgress"] == 100 for i in infos)
    assert int(infos[0]["OutputFile"]["Filesize"]) > 0 and infos[0]["Priority"] == "8"
    assert model.transcode_task.transcode_job_info_list[0].output_file.format

    body, _ = both(v1, tea, "GetTranscodeTask", {"JobIds": f"{jobs[0]['JobId']},nope"})
    assert body["NonExistJobIds"] == ["nope"] and len(body["TranscodeJobInfoList"]) == 1

    body, model = both(v1, tea, "ListTranscodeTask", {"VideoId": video, "PageSize": 50})
    listed = body["TranscodeTaskList"]
    assert task in [t["TranscodeTaskId"] for t in listed] and model.transcode_task_list[0].trigger == "Manual"

    both_fail(v1, tea, "GetTranscodeTask", "NoSuchResource", {"TranscodeTaskId": "0" * 32}, 404)
    both_fail(v1, tea, "SubmitTranscodeJobs", "NoSuchResource", {"VideoId": video, "TemplateGroupId": "0" * 32}, 404)


def model_task_id(v1, video: str) -> str:
    """The newest task of `video` (both SDKs submitted one)."""
    from conftest import v1_request

    return v1.call(v1_request("ListTranscodeTask", VideoId=video))["TranscodeTaskList"][0]["TranscodeTaskId"]


def test_only_finished_or_checking_videos_are_transcoded(emu_clients):
    from conftest import v1_request

    _, v1, tea = emu_clients
    _, group = normal_video_and_default_group(v1)
    uploading = v1.call(v1_request("CreateUploadVideo", Title="t", FileName="a.mp4"))["VideoId"]
    both_fail(v1, tea, "SubmitTranscodeJobs", "Forbidden.IllegalStatus", {"VideoId": uploading, "TemplateGroupId": group}, 400)
    both_fail(v1, tea, "SubmitTranscodeJobs", "InvalidVideo.NotFound", {"VideoId": "0" * 32, "TemplateGroupId": group}, 404)
