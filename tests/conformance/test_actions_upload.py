"""Upload actions as both official SDKs see them, and the emulator's own upload target:
credentials (Base64 JSON), a single PUT, a resumable multipart upload, URL pull jobs."""

from __future__ import annotations

import json
import time
import urllib.parse

import pytest

from action_helpers import b64json, both, both_fail, http, ids


def wait_status(v1_client, video_id: str, status: str, timeout: float = 15.0) -> dict:
    from conftest import v1_request

    deadline = time.monotonic() + timeout
    while True:
        video = v1_client.call(v1_request("GetVideoInfo", VideoId=video_id))["Video"]
        if video["Status"] == status or time.monotonic() > deadline:
            return video
        time.sleep(0.3)


def target(body: dict) -> tuple[str, dict]:
    """(object URL, headers) for an UploadAddress/UploadAuth pair."""
    address, auth = b64json(body["UploadAddress"]), b64json(body["UploadAuth"])
    assert set(auth) >= {"AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}
    url = f"{address['Endpoint']}/{address['Bucket']}/{address['FileName']}"
    return url, {"x-oss-security-token": auth["SecurityToken"]}


@pytest.mark.conformance("CreateUploadVideo")
def test_create_upload_video_and_put(v1_client, tea_client, emulator):
    params = {"Title": "上传测试 upload", "FileName": "holiday.mp4", "Tags": "upload,test", "FileSize": 1000}
    body, model = both(v1_client, tea_client, "CreateUploadVideo", params, raw=False)
    assert model.video_id and model.upload_auth
    address = b64json(body["UploadAddress"])
    assert address["Endpoint"] == f"{emulator.base_url}/upload" and address["FileName"].endswith(".mp4")
    assert wait_status(v1_client, body["VideoId"], "Uploading", 0)["Status"] == "Uploading"
    url, headers = target(body)
    clip = http("GET", f"{emulator.base_url}/media/source/{body['VideoId']}/x.mp4")[2]
    assert http("PUT", url, clip)[0] == 403  # no token
    assert http("PUT", url, clip, {"x-oss-security-token": "wrong"})[0] == 403
    status, _, _ = http("PUT", url, clip, headers)
    assert status == 200
    assert wait_status(v1_client, body["VideoId"], "Transcoding", 0)["Status"] in ("Transcoding", "Normal")
    video = wait_status(v1_client, body["VideoId"], "Normal")
    assert video["Status"] == "Normal" and video["Size"] == len(clip)
    both_fail(v1_client, tea_client, "CreateUploadVideo", "InvalidFileName.Extension",
              {"Title": "t", "FileName": "notes.txt"}, 400)
    both_fail(v1_client, tea_client, "CreateUploadVideo", "IllegalCharacters",
              {"Title": "\U0001F3AC", "FileName": "a.mp4"}, 400)
    both_fail(v1_client, tea_client, "CreateUploadVideo", "LengthExceededMax",
              {"Title": "t" * 129, "FileName": "a.mp4"}, 400)


def test_multipart_upload_can_resume(v1_client, tea_client):
    from conftest import v1_request

    body = v1_client.call(v1_request("CreateUploadVideo", Title="multipart", FileName="big.mp4"))
    url, headers = target(body)
    data = bytes(range(256)) * 20_000  # 5 MB: parts bigger than axum's default body limit
    parts = [data[:3_000_000], data[3_000_000:4_000_000], data[4_000_000:]]
    assert http("PUT", f"{url}?partNumber=1&uploadId=u", parts[0], headers)[0] == 200
    assert http("PUT", f"{url}?partNumber=3&uploadId=u", parts[2], headers)[0] == 200
    # After an interruption the client asks which parts arrived, then sends the rest.
    status, _, listing = http("GET", f"{url}?uploadId=u", headers=headers)
    assert status == 200 and b"<PartNumber>1</PartNumber>" in listing and b"<PartNumber>2</PartNumber>" not in listing
    assert http("POST", f"{url}?uploadId=u", b"", headers)[0] == 400  # part 2 missing
    assert http("PUT", f"{url}?partNumber=2&uploadId=u", parts[1], headers)[0] == 200
    assert http("POST", f"{url}?uploadId=u", b"", headers)[0] == 200
    video = wait_status(v1_client, body["VideoId"], "Normal")
    assert video["Size"] == len(data)


@pytest.mark.conformance("RefreshUploadVideo")
def test_refresh_upload_video(v1_client, tea_client):
    from conftest import v1_request

    created = v1_client.call(v1_request("CreateUploadVideo", Title="refresh", FileName="r.mov"))
    body, model = both(v1_client, tea_client, "RefreshUploadVideo", {"VideoId": created["VideoId"]}, raw=False)
    assert body["VideoId"] == created["VideoId"]
    assert b64json(body["UploadAddress"])["FileName"] == b64json(created["UploadAddress"])["FileName"]
    assert b64json(body["UploadAuth"])["SecurityToken"] != b64json(created["UploadAuth"])["SecurityToken"]
    both_fail(v1_client, tea_client, "RefreshUploadVideo", "InvalidVideo.NotFound", {"VideoId": "0" * 32}, 404)


@pytest.mark.conformance("CreateUploadImage")
def test_create_upload_image_and_put(v1_client, tea_client):
    from conftest import v1_request

    params = {"ImageType": "default", "ImageExt": "png", "Title": "poster"}
    body, model = both(v1_client, tea_client, "CreateUploadImage", params, raw=False)
    assert model.image_id and body["ImageURL"].endswith(".png")
    url, headers = target(body)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (64).to_bytes(4, "big") + (32).to_bytes(4, "big")
           + b"\x08\x02\x00\x00\x00" + b"\x00" * 40)
    assert http("PUT", url, png, headers)[0] == 200
    info = v1_client.call(v1_request("GetImageInfo", ImageId=body["ImageId"]))["ImageInfo"]
    assert info["Status"] == "Normal" and info["Mezzanine"]["Width"] == 64 and info["Mezzanine"]["Height"] == 32
    status, headers, data = http("GET", body["ImageURL"])
    assert status == 200 and headers["content-type"] == "image/png" and data == png
    both_fail(v1_client, tea_client, "CreateUploadImage", "InvalidParameter", {"ImageType": "poster"}, 400)


@pytest.mark.conformance("CreateUploadAttachedMedia")
def test_create_upload_attached_media_for_a_watermark_file(v1_client, tea_client):
    from conftest import v1_request

    params = {"BusinessType": "watermark", "MediaExt": "png", "Title": "台标 logo", "FileSize": "60"}
    body, model = both(v1_client, tea_client, "CreateUploadAttachedMedia", params, raw=False)
    assert model.media_id and model.file_url and model.media_url and model.upload_address and model.upload_auth
    assert "/watermark/" in body["FileURL"] and body["FileURL"].endswith(".png")
    url, headers = target(body)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (120).to_bytes(4, "big") + (40).to_bytes(4, "big")
           + b"\x08\x06\x00\x00\x00" + b"\x00" * 35)
    # Not readable before it is uploaded; readable without a token after (AddWatermark's FileUrl).
    assert http("GET", body["FileURL"])[0] == 403
    assert http("PUT", url, png, headers)[0] == 200
    status, got_headers, data = http("GET", body["FileURL"])
    assert status == 200 and got_headers["content-type"] == "image/png" and data == png
    info = v1_client.call(v1_request("GetAttachedMediaInfo", MediaIds=body["MediaId"]))["AttachedMediaList"][0]
    assert info["Status"] == "Normal" and info["Title"] == "台标 logo"
    # The uploaded file is the watermark's file.
    mark = v1_client.call(v1_request("AddWatermark", Name="上传台标", Type="Image", FileUrl=body["FileURL"],
                                     WatermarkConfig='{"Dx":"8","Dy":"8","Width":"0.1","Height":"0.05","ReferPos":"TopLeft"}'))
    assert mark["WatermarkInfo"]["FileUrl"] == body["FileURL"]
    both_fail(v1_client, tea_client, "CreateUploadAttachedMedia", "InvalidParameter",
              {"BusinessType": "watermark", "MediaExt": "jpg"}, 400)
    both_fail(v1_client, tea_client, "CreateUploadAttachedMedia", "InvalidParameter",
              {"BusinessType": "poster", "MediaExt": "png"}, 400)


@pytest.mark.conformance("UploadMediaByURL", "GetURLUploadInfos")
def test_upload_media_by_url_and_get_url_upload_infos(v1_client, tea_client, emulator):
    from conftest import v1_request

    good = urllib.parse.quote("https://media.example.com/films/trailer.mp4", safe="")
    bad = urllib.parse.quote("https://media.example.com/404/missing.mp4", safe="")
    normal = v1_client.call(v1_request("GetVideoList", Status="Normal", PageSize=1))["VideoList"]["Video"][0]
    local_url = f"{emulator.base_url}/media/source/{normal['VideoId']}/clip.mp4"
    local = urllib.parse.quote(local_url, safe="")
    body, model = both(v1_client, tea_client, "UploadMediaByURL", {"UploadURLs": f"{good},{bad},{local}"},
                       tea_params={"UploadURLs": urllib.parse.quote("https://media.example.com/b.mov", safe="")},
                       raw=False)
    jobs = body["UploadJobs"]
    assert len(jobs) == 3 and model.upload_jobs[0].job_id
    job_ids = ",".join(j["JobId"] for j in jobs)
    info, info_model = both(v1_client, tea_client, "GetURLUploadInfos", {"JobIds": job_ids})
    assert info["URLUploadInfoList"][0]["Status"] in ("PENDING", "DOWNLOADING")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        info = v1_client.call(v1_request("GetURLUploadInfos", JobIds=job_ids + "," + "0" * 32))
        states = [i["Status"] for i in info["URLUploadInfoList"]]
        if states == ["SUCCESS", "DOWNLOAD_FAIL", "SUCCESS"]:
            break
        time.sleep(0.3)
    assert states == ["SUCCESS", "DOWNLOAD_FAIL", "SUCCESS"], states
    assert info["NonExists"] == ["0" * 32]
    failed = info["URLUploadInfoList"][1]
    assert failed["ErrorCode"] and failed["ErrorMessage"] and failed["CompleteTime"]
    pulled = info["URLUploadInfoList"][2]
    assert int(pulled["FileSize"]) > 1000
    video = wait_status(v1_client, pulled["MediaId"], "Normal")
    assert video["Status"] == "Normal" and video["Size"] == int(pulled["FileSize"])
    body, _ = both(v1_client, tea_client, "GetURLUploadInfos", {"UploadURLs": good})
    assert body["URLUploadInfoList"][0]["JobId"] == jobs[0]["JobId"]
    too_many = ",".join(urllib.parse.quote(f"https://e.com/{i}.mp4", safe="") for i in range(21))
    both_fail(v1_client, tea_client, "UploadMediaByURL", "UploadURLsExceededMax", {"UploadURLs": too_many}, 400)
    both_fail(v1_client, tea_client, "UploadMediaByURL", "InvalidParameter.UploadURLs",
              {"UploadURLs": urllib.parse.quote("ftp://e.com/a.mp4", safe="")}, 400)
    both_fail(v1_client, tea_client, "GetURLUploadInfos", "JobIdsExceededMax", {"JobIds": ids(11)}, 400)
    urls = ",".join(urllib.parse.quote(f"https://e.com/{i}.mp4", safe="") for i in range(11))
    both_fail(v1_client, tea_client, "GetURLUploadInfos", "UploadURLsExceededMax", {"UploadURLs": urls}, 400)
    # Leave the shared emulator quiet: every media this test created reaches its final status.
    tea_job = v1_client.call(v1_request("GetURLUploadInfos", JobIds=model.upload_jobs[0].job_id))
    for item in [info["URLUploadInfoList"][0], *tea_job["URLUploadInfoList"]]:
        assert wait_status(v1_client, item["MediaId"], "Normal")["Status"] == "Normal"


@pytest.mark.conformance("GetUploadDetails")
def test_get_upload_details(v1_client, tea_client):
    from conftest import v1_request

    created = v1_client.call(v1_request("CreateUploadVideo", Title="details", FileName="d.mp4", FileSize=80_000))
    url, headers = target(created)
    assert http("PUT", f"{url}?partNumber=1", b"\0" * 20_000, headers)[0] == 200
    normal = v1_client.call(v1_request("GetVideoList", Status="Normal", PageSize=1))["VideoList"]["Video"][0]
    body, model = both(v1_client, tea_client, "GetUploadDetails",
                       {"MediaIds": f"{created['VideoId']},{normal['VideoId']},{'0' * 32}"})
    first, second = body["UploadDetails"]
    assert (first["UploadSize"], first["FileSize"], first["UploadRatio"]) == (20_000, 80_000, 0.25)
    assert first["UploadStatus"] == "Uploading" and second["UploadStatus"] == "UploadSucc"
    assert body["NonExistMediaIds"] == ["0" * 32]
    assert model.upload_details[0].upload_ratio == 0.25
    both_fail(v1_client, tea_client, "GetUploadDetails", "LimitExceeded.MediaIds", {"MediaIds": ids(21)}, 400)


@pytest.mark.conformance("ListTranscodeTemplateGroup")
def test_template_groups_listed_and_named_at_upload(v1_client, tea_client):
    body, model = both(v1_client, tea_client, "ListTranscodeTemplateGroup", {})
    groups = body["TranscodeTemplateGroupList"]
    assert isinstance(groups, list) and len(groups) >= 2
    assert len(model.transcode_template_group_list) == len(groups)
    assert [g.transcode_template_group_id for g in model.transcode_template_group_list] == \
        [g["TranscodeTemplateGroupId"] for g in groups]
    assert sum(g["IsDefault"] == "Default" for g in groups) == 1
    assert any(g["TranscodeTemplateGroupId"] == "VOD_NO_TRANSCODE" for g in groups)
    assert all(g["Locked"] in ("Enabled", "Disabled") and g["AppId"] == "app-1000000" for g in groups)
    chosen = next(g for g in groups if g["IsDefault"] == "NotDefault" and g["Locked"] == "Disabled")
    created, _ = both(v1_client, tea_client, "CreateUploadVideo",
                      {"Title": "grouped", "FileName": "g.mp4", "TemplateGroupId": chosen["TranscodeTemplateGroupId"]},
                      raw=False)
    from conftest import v1_request

    video = v1_client.call(v1_request("GetVideoInfo", VideoId=created["VideoId"]))["Video"]
    assert video["TemplateGroupId"] == chosen["TranscodeTemplateGroupId"]
    both_fail(v1_client, tea_client, "CreateUploadVideo", "InvalidTemplateGroupId.NotFound",
              {"Title": "x", "FileName": "x.mp4", "TemplateGroupId": "f" * 32}, 404)
    # Without a group, the account default: "Standard HLS", not VOD_NO_TRANSCODE.
    default = next(g for g in groups if g["IsDefault"] == "Default")
    assert default["TranscodeTemplateGroupId"] != "VOD_NO_TRANSCODE" and "Standard HLS" in default["Name"]
    plain = v1_client.call(v1_request("CreateUploadVideo", Title="plain", FileName="p.mp4"))
    video = v1_client.call(v1_request("GetVideoInfo", VideoId=plain["VideoId"]))["Video"]
    assert video["TemplateGroupId"] == default["TranscodeTemplateGroupId"]


@pytest.mark.conformance("CreateUploadVideo")
def test_an_upload_without_transcoding_plays_its_original_at_once(v1_client, tea_client, emulator):
    from conftest import v1_request

    params = {"Title": "no transcoding", "FileName": "raw.mp4", "TemplateGroupId": "VOD_NO_TRANSCODE"}
    body, _ = both(v1_client, tea_client, "CreateUploadVideo", params,
                   tea_params={**params, "FileName": "raw.mov"}, raw=False)
    clip = http("GET", f"{emulator.base_url}/media/source/{body['VideoId']}/x.mp4")[2]
    url, headers = target(body)
    assert http("PUT", url, clip, headers)[0] == 200
    # Never Transcoding: Normal as soon as the upload completes.
    video = v1_client.call(v1_request("GetVideoInfo", VideoId=body["VideoId"]))["Video"]
    assert video["Status"] == "Normal" and video["TemplateGroupId"] == "VOD_NO_TRANSCODE"
    found = v1_client.call(v1_request("SearchMedia", Match=f"VideoId = '{body['VideoId']}'"))["MediaList"]
    assert found[0]["Video"]["TranscodeMode"] == "NoTranscode"
    infos = v1_client.call(v1_request("GetPlayInfo", VideoId=body["VideoId"]))["PlayInfoList"]["PlayInfo"]
    assert [(i["Format"], i["Definition"]) for i in infos] == [("mp4", "OD")]
    status, _, data = http("GET", infos[0]["PlayURL"])
    assert status == 200 and data == clip


@pytest.mark.conformance("GetTranscodeTemplateGroup")
def test_a_template_group_read_with_its_templates(v1_client, tea_client):
    from conftest import v1_request

    groups = v1_client.call(v1_request("ListTranscodeTemplateGroup"))["TranscodeTemplateGroupList"]
    default = next(g for g in groups if g["IsDefault"] == "Default")
    body, model = both(v1_client, tea_client, "GetTranscodeTemplateGroup",
                       {"TranscodeTemplateGroupId": default["TranscodeTemplateGroupId"]})
    group = body["TranscodeTemplateGroup"]
    assert group["Name"] == default["Name"] and group["Locked"] == default["Locked"]
    templates = group["TranscodeTemplateList"]
    assert templates and len(model.transcode_template_group.transcode_template_list) == len(templates)
    for t, m in zip(templates, model.transcode_template_group.transcode_template_list):
        assert m.transcode_template_id == t["TranscodeTemplateId"] and m.definition == t["Definition"]
        assert m.watermark_ids == t["WatermarkIds"] and len(t["WatermarkIds"]) <= 4
        # Stream settings are JSON strings.
        assert json.loads(t["Container"])["Format"] and int(json.loads(t["Video"])["Width"]) > 0
    marks = {m["WatermarkId"] for m in v1_client.call(v1_request("ListWatermark"))["WatermarkInfos"]}
    used = {i for g in groups for t in v1_client.call(v1_request(
        "GetTranscodeTemplateGroup", TranscodeTemplateGroupId=g["TranscodeTemplateGroupId"]))
        ["TranscodeTemplateGroup"]["TranscodeTemplateList"] for i in t["WatermarkIds"]}
    assert "USER_DEFAULT_WATERMARK" in used and used & marks
    both_fail(v1_client, tea_client, "GetTranscodeTemplateGroup", "InvalidTranscodeTemplateGroup.NotFound",
              {"TranscodeTemplateGroupId": "0" * 32}, 404)
