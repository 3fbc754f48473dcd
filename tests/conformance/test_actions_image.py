"""Images, video snapshots and attached media as both official SDKs see them."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from action_helpers import both, both_fail, http, ids


@pytest.fixture(scope="module")
def images(emulator):
    from conftest import V1Client, v1_request

    body = V1Client(emulator).call(v1_request("SearchMedia", SearchType="image", PageSize=100))
    return [m["Image"] for m in body["MediaList"]]


@pytest.fixture(scope="module")
def attached(emulator):
    from conftest import V1Client, v1_request

    body = V1Client(emulator).call(v1_request("SearchMedia", SearchType="attached", PageSize=100))
    return [m["AttachedMedia"] for m in body["MediaList"]]


@pytest.mark.conformance("GetImageInfo")
def test_get_image_info(v1_client, tea_client, images):
    image = images[0]
    body, model = both(v1_client, tea_client, "GetImageInfo", {"ImageId": image["ImageId"]})
    info = body["ImageInfo"]
    assert info["ImageId"] == image["ImageId"] and info["Mezzanine"]["Width"] > 0
    assert model.image_info.mezzanine.file_url == info["Mezzanine"]["FileURL"]
    status, headers, data = http("GET", info["URL"])
    assert status == 200 and headers["content-type"] == "image/svg+xml" and b"<svg" in data
    both_fail(v1_client, tea_client, "GetImageInfo", "NoSuchResource", {"ImageId": "0" * 32}, 404)


@pytest.mark.conformance("GetImageInfos")
def test_get_image_infos(v1_client, tea_client, images):
    wanted = [i["ImageId"] for i in images[:3]]
    body, model = both(v1_client, tea_client, "GetImageInfos", {"ImageIds": ",".join(wanted + ["f" * 32])})
    assert [i["ImageId"] for i in body["ImageInfo"]] == wanted
    assert body["NonExistImageIds"] == ["f" * 32]
    assert model.non_exist_image_ids == ["f" * 32]
    types = set()
    for start in range(0, len(images), 20):
        chunk = ",".join(i["ImageId"] for i in images[start:start + 20])
        body, _ = both(v1_client, tea_client, "GetImageInfos", {"ImageIds": chunk}, raw=False)
        types |= {i["ImageType"] for i in body["ImageInfo"]}
    # The SDK's ImageType enum (GetImageInfo(s)): default and cover. Watermarks are
    # attached media.
    assert types == {"default", "cover"}
    both_fail(v1_client, tea_client, "GetImageInfos", "ImageIdsExceededMax", {"ImageIds": ids(21)}, 400)


@pytest.mark.conformance("UpdateImageInfos")
def test_update_image_infos(v1_client, tea_client, images):
    image = images[3]
    content = json.dumps([{"ImageId": image["ImageId"], "Title": "新标题", "Tags": "x,y"},
                          {"ImageId": "0" * 32, "Title": "missing"}])
    body, model = both(v1_client, tea_client, "UpdateImageInfos", {"UpdateContent": content}, raw=False)
    assert body["NonExistImageIds"]["ImageId"] == ["0" * 32]
    assert model.non_exist_image_ids.image_id == ["0" * 32]
    body, _ = both(v1_client, tea_client, "GetImageInfo", {"ImageId": image["ImageId"]}, raw=False)
    assert body["ImageInfo"]["Title"] == "新标题"
    too_many = json.dumps([{"ImageId": image["ImageId"], "Title": f"t{i}"} for i in range(21)])
    both_fail(v1_client, tea_client, "UpdateImageInfos", "CountExceededMax", {"UpdateContent": too_many}, 400)
    both_fail(v1_client, tea_client, "UpdateImageInfos", "IllegalCharacters",
              {"UpdateContent": json.dumps([{"ImageId": image["ImageId"], "Title": "\U0001F600"}])}, 400)


@pytest.mark.conformance("DeleteImage")
def test_delete_image_by_id_and_url(v1_client, tea_client, images):
    a, b, c = images[10], images[11], images[12]
    both(v1_client, tea_client, "DeleteImage", {"DeleteImageType": "ImageId", "ImageIds": a["ImageId"]},
         tea_params={"DeleteImageType": "ImageId", "ImageIds": b["ImageId"]}, raw=False)
    both_fail(v1_client, tea_client, "GetImageInfo", "NoSuchResource", {"ImageId": a["ImageId"]})
    both_fail(v1_client, tea_client, "GetImageInfo", "NoSuchResource", {"ImageId": b["ImageId"]})
    encoded = urllib.parse.quote(c["URL"], safe="")
    both(v1_client, tea_client, "DeleteImage", {"DeleteImageType": "ImageURL", "ImageURLs": encoded},
         tea_params={"DeleteImageType": "ImageURL", "ImageURLs": urllib.parse.quote(images[13]["URL"], safe="")},
         raw=False)
    both_fail(v1_client, tea_client, "GetImageInfo", "NoSuchResource", {"ImageId": c["ImageId"]})
    both_fail(v1_client, tea_client, "DeleteImage", "ImageIdsExceededMax",
              {"DeleteImageType": "ImageId", "ImageIds": ids(21)}, 400)
    urls = ",".join(urllib.parse.quote(f"http://127.0.0.1/media/images/{i:032x}.png", safe="") for i in range(21))
    both_fail(v1_client, tea_client, "DeleteImage", "ImageURLsExceededMax",
              {"DeleteImageType": "ImageURL", "ImageURLs": urls}, 400)
    both_fail(v1_client, tea_client, "DeleteImage", "NoSuchResource",
              {"DeleteImageType": "ImageId", "ImageIds": "0" * 32}, 404)


def test_delete_image_by_video(v1_client, tea_client):
    from conftest import v1_request

    videos = v1_client.call(v1_request("GetVideoList", Status="Normal", PageSize=30))["VideoList"]["Video"]
    first, second = videos[20]["VideoId"], videos[21]["VideoId"]
    both(v1_client, tea_client, "DeleteImage",
         {"DeleteImageType": "VideoId", "VideoId": first, "ImageType": "NormalSnapshot"},
         tea_params={"DeleteImageType": "VideoId", "VideoId": second, "ImageType": "All"}, raw=False)
    body, _ = both(v1_client, tea_client, "ListSnapshots", {"VideoId": first, "SnapshotType": "NormalSnapshot"})
    assert body["MediaSnapshot"]["Total"] == 0
    body, _ = both(v1_client, tea_client, "GetVideoInfo", {"VideoId": second})
    assert "CoverURL" not in body["Video"] and body["Video"]["Snapshots"]["Snapshot"] == []
    both_fail(v1_client, tea_client, "DeleteImage", "MissingParameter",
              {"DeleteImageType": "VideoId", "VideoId": first}, 400)


@pytest.mark.conformance("GetAttachedMediaInfo")
def test_get_attached_media_info(v1_client, tea_client, attached):
    wanted = [a["MediaId"] for a in attached[:3]]
    body, model = both(v1_client, tea_client, "GetAttachedMediaInfo", {"MediaIds": ",".join(wanted + ["f" * 32])})
    assert [a["MediaId"] for a in body["AttachedMediaList"]] == wanted
    assert body["NonExistMediaIds"] == ["f" * 32]
    assert model.attached_media_list[0].type in ("watermark", "subtitle", "material")
    status, _, _ = http("GET", body["AttachedMediaList"][0]["URL"])
    assert status == 200
    both_fail(v1_client, tea_client, "GetAttachedMediaInfo", "ExceededMax", {"MediaIds": ids(21)}, 400)


@pytest.mark.conformance("UpdateAttachedMediaInfos")
def test_update_attached_media_infos(v1_client, tea_client, attached):
    content = json.dumps([{"MediaId": attached[4]["MediaId"], "Title": "renamed", "Tags": "logo"},
                          {"MediaId": "0" * 32, "Title": "x"}])
    body, model = both(v1_client, tea_client, "UpdateAttachedMediaInfos", {"UpdateContent": content}, raw=False)
    assert body["NonExistMediaIds"] == ["0" * 32]
    too_many = json.dumps([{"MediaId": attached[4]["MediaId"], "Title": f"t{i}"} for i in range(21)])
    both_fail(v1_client, tea_client, "UpdateAttachedMediaInfos", "CountExceededMax", {"UpdateContent": too_many}, 400)


@pytest.mark.conformance("DeleteAttachedMedia")
def test_delete_attached_media(v1_client, tea_client, attached):
    body, model = both(v1_client, tea_client, "DeleteAttachedMedia",
                       {"MediaIds": f"{attached[-1]['MediaId']},{'0' * 32}"},
                       tea_params={"MediaIds": attached[-2]["MediaId"]}, raw=False)
    assert body["NonExistMediaIds"] == ["0" * 32]
    assert model.non_exist_media_ids in ([], None)
    both_fail(v1_client, tea_client, "DeleteAttachedMedia", "ExceededMax", {"MediaIds": ids(21)}, 400)
