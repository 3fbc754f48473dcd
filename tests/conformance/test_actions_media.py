"""Media library actions as both official SDKs see them: videos, playback, search.

Every action is called with the v1 SDK and the Tea SDK; the JSON must survive the Tea
model's from_map/to_map round trip without losing a key. Batch actions are also called
with one ID too many.
"""

from __future__ import annotations

import json

import pytest

from action_helpers import any_of, both, both_fail, http, ids


NO_TRANSCODE = "VOD_NO_TRANSCODE"


@pytest.fixture(scope="module")
def demo(emulator):
    """Demo videos by status, found through the v1 SDK's GetVideoList."""
    from conftest import V1Client, v1_request

    client = V1Client(emulator)
    by_status: dict[str, list[dict]] = {}
    for page in range(1, 5):
        body = client.call(v1_request("GetVideoList", PageNo=page, PageSize=100))
        for v in body["VideoList"]["Video"]:
            by_status.setdefault(v["Status"], []).append(v)
    return by_status


@pytest.fixture(scope="module")
def groups(emulator) -> dict[str, str]:
    """Template group IDs by a word of their name ("Standard", "Mobile", "Archive", ...)."""
    from conftest import V1Client, v1_request

    listed = V1Client(emulator).call(v1_request("ListTranscodeTemplateGroup"))["TranscodeTemplateGroupList"]
    return {g["Name"].split()[1]: g["TranscodeTemplateGroupId"] for g in listed}


@pytest.fixture(scope="module")
def normal_by_group(emulator, demo) -> dict[str, list[dict]]:
    """Normal demo videos (GetVideoInfos, which names the group) by TemplateGroupId."""
    from conftest import V1Client, v1_request

    client = V1Client(emulator)
    ids_ = [v["VideoId"] for v in demo["Normal"]]
    out: dict[str, list[dict]] = {}
    for start in range(0, len(ids_), 20):
        body = client.call(v1_request("GetVideoInfos", VideoIds=",".join(ids_[start:start + 20])))
        for v in body["VideoList"]:
            out.setdefault(v["TemplateGroupId"], []).append(v)
    return out


@pytest.mark.conformance("GetVideoList")
def test_get_video_list(v1_client, tea_client, demo):
    body, model = both(v1_client, tea_client, "GetVideoList", {"PageSize": 20, "Status": "Normal,Blocked"})
    assert body["Total"] > 0
    videos = body["VideoList"]["Video"]
    assert len(videos) == 20 and {v["Status"] for v in videos} <= {"Normal", "Blocked"}
    assert model.video_list.video[0].video_id == videos[0]["VideoId"]
    assert isinstance(videos[0]["Snapshots"]["Snapshot"], list)
    both_fail(v1_client, tea_client, "GetVideoList", "VideoListExceededMax", {"PageNo": 51, "PageSize": 100}, 400)
    refs = ",".join(f"ref-{i:04d}" for i in range(21))
    both_fail(v1_client, tea_client, "GetVideoList", "ReferenceIdsExceededMax", {"ReferenceIds": refs}, 400)


@pytest.mark.conformance("GetVideoInfo")
def test_get_video_info(v1_client, tea_client, demo):
    video = demo["Normal"][0]
    body, model = both(v1_client, tea_client, "GetVideoInfo", {"VideoId": video["VideoId"]})
    assert body["Video"]["Title"] == video["Title"]
    assert model.video.snapshots.snapshot == body["Video"]["Snapshots"]["Snapshot"]
    assert body["Video"]["CoverURL"].startswith("http://127.0.0.1:")
    both_fail(v1_client, tea_client, "GetVideoInfo", "InvalidVideo.NotFound", {"VideoId": "0" * 32}, 404)


@pytest.mark.conformance("GetVideoInfos")
def test_get_video_infos(v1_client, tea_client, demo):
    wanted = [v["VideoId"] for v in demo["Normal"][:3]] + ["f" * 32]
    body, model = both(v1_client, tea_client, "GetVideoInfos", {"VideoIds": ",".join(wanted)})
    assert [v["VideoId"] for v in body["VideoList"]] == wanted[:3]
    assert body["NonExistVideoIds"] == ["f" * 32]
    assert model.non_exist_video_ids == ["f" * 32]
    both_fail(v1_client, tea_client, "GetVideoInfos", "VideoIdsExceededMax", {"VideoIds": ids(21)}, 400)


@pytest.mark.conformance("UpdateVideoInfo")
def test_update_video_info(v1_client, tea_client, demo):
    video = demo["Normal"][1]
    both(v1_client, tea_client, "UpdateVideoInfo", {"VideoId": video["VideoId"], "Title": "标题 updated", "Tags": "a,b"},
         raw=False)
    body, _ = both(v1_client, tea_client, "GetVideoInfo", {"VideoId": video["VideoId"]}, raw=False)
    assert body["Video"]["Title"] == "标题 updated" and body["Video"]["Tags"] == "a,b"
    both_fail(v1_client, tea_client, "UpdateVideoInfo", "LengthExceededMax",
              {"VideoId": video["VideoId"], "Title": "视" * 43}, 400)
    both_fail(v1_client, tea_client, "UpdateVideoInfo", "IllegalCharacters",
              {"VideoId": video["VideoId"], "Title": "party \U0001F389"}, 400)
    both_fail(v1_client, tea_client, "UpdateVideoInfo", "TagsExceededMax",
              {"VideoId": video["VideoId"], "Tags": ",".join(f"t{i}" for i in range(17))}, 400)


@pytest.mark.conformance("UpdateVideoInfos")
def test_update_video_infos(v1_client, tea_client, demo):
    a, b = demo["Normal"][2]["VideoId"], demo["Normal"][3]["VideoId"]
    blocked = demo["Blocked"][-1]["VideoId"]
    content = json.dumps([{"VideoId": a, "Title": "batch one"}, {"VideoId": "0" * 32, "Title": "x"},
                          {"VideoId": blocked, "Title": "locked"}])
    body, model = both(v1_client, tea_client, "UpdateVideoInfos", {"UpdateContent": content}, raw=False)
    assert body["NonExistVideoIds"] == ["0" * 32]
    assert body["ForbiddenVideoIds"] == [blocked]
    assert model.non_exist_video_ids == ["0" * 32] and model.forbidden_video_ids == [blocked]
    too_many = json.dumps([{"VideoId": b, "Title": f"t{i}"} for i in range(21)])
    both_fail(v1_client, tea_client, "UpdateVideoInfos", "CountExceededMax", {"UpdateContent": too_many}, 400)


@pytest.mark.conformance("DeleteVideo")
def test_delete_video(v1_client, tea_client, demo):
    victims = demo["UploadFail"][:2]
    body, model = both(v1_client, tea_client, "DeleteVideo",
                       {"VideoIds": f"{victims[0]['VideoId']},{'e' * 32}"},
                       tea_params={"VideoIds": victims[1]["VideoId"]}, raw=False)
    assert body["NonExistVideoIds"] == ["e" * 32]
    both_fail(v1_client, tea_client, "GetVideoInfo", "InvalidVideo.NotFound", {"VideoId": victims[1]["VideoId"]})
    both_fail(v1_client, tea_client, "DeleteVideo", "VideoIdsExceededMax", {"VideoIds": ids(21)}, 400)


@pytest.mark.conformance("GetMezzanineInfo")
def test_get_mezzanine_info(v1_client, tea_client, demo):
    video = demo["Normal"][4]
    body, model = both(v1_client, tea_client, "GetMezzanineInfo",
                       {"VideoId": video["VideoId"], "AdditionType": "video,audio"})
    m = body["Mezzanine"]
    assert m["VideoId"] == video["VideoId"] and m["VideoStreamList"] and m["AudioStreamList"]
    assert model.mezzanine.file_url == m["FileURL"]
    status, headers, data = http("GET", m["FileURL"])
    assert status == 200 and data[4:8] == b"ftyp"
    both_fail(v1_client, tea_client, "GetMezzanineInfo", "InvalidFile.NotFound",
              {"VideoId": demo["Uploading"][0]["VideoId"]}, 404)


@pytest.mark.conformance("GetPlayInfo")
def test_get_play_info_and_clip(v1_client, tea_client, demo, groups, normal_by_group):
    # "Mobile MP4 (LD/SD)": MP4 streams of those definitions, never more than the source.
    video = next(v for v in normal_by_group[groups["Mobile"]] if v.get("Duration"))
    body, model = both(v1_client, tea_client, "GetPlayInfo", {"VideoId": video["VideoId"]})
    infos = body["PlayInfoList"]["PlayInfo"]
    assert len({i["Definition"] for i in infos}) == len(infos) >= 1
    assert {(i["Format"], i["Definition"]) for i in infos} <= {("mp4", "LD"), ("mp4", "SD")}
    assert model.play_info_list.play_info[0].play_url == infos[0]["PlayURL"]
    assert body["VideoBase"]["VideoId"] == video["VideoId"]
    url = infos[0]["PlayURL"]
    status, headers, data = http("GET", url)
    assert status == 200 and headers["content-type"] == "video/mp4" and headers["accept-ranges"] == "bytes"
    assert len(data) < 100_000 and data[4:8] == b"ftyp"
    status, headers, part = http("GET", url, headers={"Range": "bytes=100-199"})
    assert status == 206 and part == data[100:200]
    assert headers["content-range"] == f"bytes 100-199/{len(data)}"
    both_fail(v1_client, tea_client, "GetPlayInfo", "InvalidVideo.NoneStream",
              {"VideoId": video["VideoId"], "Formats": "m3u8"}, 404)
    # The account default, "Standard HLS (LD/SD/HD)": HLS streams only.
    hls = normal_by_group[groups["Standard"]][0]
    body, _ = both(v1_client, tea_client, "GetPlayInfo", {"VideoId": hls["VideoId"]})
    infos = body["PlayInfoList"]["PlayInfo"]
    assert infos and {i["Format"] for i in infos} == {"m3u8"}
    assert {i["Definition"] for i in infos} <= {"LD", "SD", "HD"}
    both_fail(v1_client, tea_client, "GetPlayInfo", "InvalidVideo.NoneStream",
              {"VideoId": hls["VideoId"], "Formats": "mp4"}, 404)
    for state in ("Checking", "Blocked", "Transcoding"):
        v1_msg, tea_msg = both_fail(v1_client, tea_client, "GetPlayInfo", "Forbidden.IllegalStatus",
                                    {"VideoId": demo[state][0]["VideoId"]}, 403)
        assert v1_msg.endswith(f"Current Status is {state}.")


@pytest.mark.conformance("GetPlayInfo")
def test_without_transcoding_only_the_original_plays(v1_client, tea_client, normal_by_group):
    from conftest import v1_request

    played = stored_only = 0
    for video in normal_by_group[NO_TRANSCODE][:12]:
        file_name = v1_client.call(v1_request("GetMezzanineInfo", VideoId=video["VideoId"]))["Mezzanine"]["FileName"]
        ext = file_name.rsplit(".", 1)[-1].lower()
        if ext in ("mp4", "flv", "mp3", "m3u8", "webm"):
            body, _ = both(v1_client, tea_client, "GetPlayInfo", {"VideoId": video["VideoId"]})
            infos = body["PlayInfoList"]["PlayInfo"]
            assert [(i["Format"], i["Definition"]) for i in infos] == [(ext, "OD")], infos
            assert "JobId" not in infos[0]
            played += 1
        else:
            both_fail(v1_client, tea_client, "GetPlayInfo", "InvalidVideo.NoneStream", {"VideoId": video["VideoId"]}, 404)
            stored_only += 1
    assert played and stored_only, (played, stored_only)


@pytest.mark.conformance("GetVideoPlayAuth")
def test_get_video_play_auth(v1_client, tea_client, demo):
    video = demo["Normal"][6]
    body, model = both(v1_client, tea_client, "GetVideoPlayAuth", {"VideoId": video["VideoId"]})
    assert body["PlayAuth"] and body["VideoMeta"]["VideoId"] == video["VideoId"]
    both_fail(v1_client, tea_client, "GetVideoPlayAuth", "Forbidden.IllegalStatus",
              {"VideoId": demo["Blocked"][0]["VideoId"]}, 403)


@pytest.mark.conformance("ListSnapshots")
def test_list_snapshots(v1_client, tea_client, demo):
    video = demo["Normal"][7]
    body, model = both(v1_client, tea_client, "ListSnapshots",
                       {"VideoId": video["VideoId"], "SnapshotType": "NormalSnapshot"})
    snaps = body["MediaSnapshot"]["Snapshots"]["Snapshot"]
    assert body["MediaSnapshot"]["Total"] == len(snaps) >= 3
    assert model.media_snapshot.snapshots.snapshot[0].url == snaps[0]["Url"]
    status, headers, data = http("GET", snaps[0]["Url"])
    assert status == 200 and headers["content-type"] == "image/svg+xml" and b"<svg" in data
    both_fail(v1_client, tea_client, "ListSnapshots", "Forbidden.IllegalStatus",
              {"VideoId": demo["Uploading"][0]["VideoId"]}, 400)


@pytest.mark.conformance("SearchMedia")
def test_search_media(v1_client, tea_client, demo):
    body, model = both(v1_client, tea_client, "SearchMedia",
                       {"SearchType": "video", "Match": "Status in ('Normal','Blocked')",
                        "SortBy": "CreationTime:Desc", "PageSize": 20})
    assert body["Total"] > 20 and len(body["MediaList"]) == 20 and body["ScrollToken"]
    assert {m["Video"]["Status"] for m in body["MediaList"]} <= {"Normal", "Blocked"}
    assert model.media_list[0].video.video_id == body["MediaList"][0]["MediaId"]
    for search_type, key in (("image", "Image"), ("attached", "AttachedMedia"), ("audio", "Audio")):
        body, _ = both(v1_client, tea_client, "SearchMedia", {"SearchType": search_type, "PageSize": 5})
        assert body["MediaList"] and key in body["MediaList"][0]
    title = demo["Normal"][0]["Title"][:4]
    body, _ = both(v1_client, tea_client, "SearchMedia",
                   {"Match": f"Title = '{title}' and CreationTime = ('2024-01-01T00:00:00Z','2027-01-01T00:00:00Z')"})
    assert body["Total"] >= 1 and all(title.lower() in m["Video"]["Title"].lower() for m in body["MediaList"])
    both_fail(v1_client, tea_client, "SearchMedia", "ErrorMatchSyntax", {"Match": "Title in ('a'"}, 400)
    # SortBy: CreationTime:Desc or CreationTime:Asc, nothing else.
    body, _ = both(v1_client, tea_client, "SearchMedia", {"SortBy": "CreationTime:Asc", "PageSize": 5})
    times = [m["CreationTime"] for m in body["MediaList"]]
    assert times == sorted(times)
    for bad in ("ModificationTime:Desc", "CreationTime", "Title:Asc"):
        v1_msg, _ = both_fail(v1_client, tea_client, "SearchMedia", "InvalidParameter", {"SortBy": bad}, 400)
        assert "CreationTime:Desc, CreationTime:Asc" in v1_msg
