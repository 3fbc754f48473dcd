//! Unit tests of the business rules, calling `dispatch` on a backend in a temp dir.

use std::collections::BTreeMap;

use serde_json::Value;

use super::*;
use crate::store::{self, Category, Image, UploadTarget, Video};

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn backend() -> (Backend, TempDir) {
    let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", rules::new_id()));
    let b = Backend::open(&dir, false).await.expect("open backend");
    (b, TempDir(dir))
}

async fn call(b: &Backend, action: &str, params: &[(&str, &str)]) -> Result<Value, ApiError> {
    let req = ActionRequest {
        action: action.to_string(),
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        base_url: "http://127.0.0.1:9999".into(),
    };
    dispatch(b, &req).await
}

async fn ok(b: &Backend, action: &str, params: &[(&str, &str)]) -> Value {
    match call(b, action, params).await {
        Ok(v) => v,
        Err(e) => panic!("{action} failed: {e}"),
    }
}

async fn err(b: &Backend, action: &str, params: &[(&str, &str)]) -> ApiError {
    match call(b, action, params).await {
        Ok(v) => panic!("{action} should fail, got {v}"),
        Err(e) => e,
    }
}

async fn videos(b: &Backend) -> Vec<Video> {
    store::load_all::<Video>(&b.pool).await.unwrap()
}

async fn video_with_status(b: &Backend, status: &str) -> Video {
    videos(b)
        .await
        .into_iter()
        .find(|v| v.status == status && v.media_type == "video")
        .unwrap()
}

fn ids(n: usize) -> String {
    (0..n)
        .map(|i| format!("{i:032x}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[tokio::test]
async fn demo_data_is_large_varied_and_deterministic() {
    let (b, _d) = backend().await;
    let all = videos(&b).await;
    assert!(all.len() >= 300);
    for status in [
        "Normal",
        "Checking",
        "Blocked",
        "Transcoding",
        "UploadFail",
        "TranscodeFail",
        "Uploading",
    ] {
        assert!(all.iter().any(|v| v.status == status), "no {status} video");
    }
    let normal = all.iter().filter(|v| v.status == "Normal").count();
    assert!(normal * 2 > all.len(), "mostly Normal");
    assert!(all.iter().any(|v| v.media_type == "audio"));
    let titles: std::collections::HashSet<&str> = all.iter().map(|v| v.title.as_str()).collect();
    assert_eq!(
        titles.len(),
        all.len(),
        "titles are unique (series get episode numbers)"
    );
    let span = all.iter().map(|v| v.creation_time).max().unwrap()
        - all.iter().map(|v| v.creation_time).min().unwrap();
    assert!(
        span > 600 * 86_400,
        "creation times spread over about two years"
    );
    let cats = store::load_all::<Category>(&b.pool).await.unwrap();
    let default = cats.iter().filter(|c| c.cate_type == "default").count();
    assert!((35..=45).contains(&default), "{default} default categories");
    assert!(cats
        .iter()
        .any(|c| c.cate_type == "default" && c.level == 2));
    assert!(cats.iter().any(|c| c.cate_type == "material"));
    let images = store::load_all::<Image>(&b.pool).await.unwrap();
    for ty in ["default", "cover"] {
        assert!(images.iter().any(|i| i.image_type == ty), "no {ty} image");
    }
    // The SDK's ImageType enum has default and cover only; watermarks are attached media.
    assert!(images.iter().all(|i| matches!(i.image_type.as_str(), "default" | "cover")));
    // A second backend builds exactly the same set.
    let (b2, _d2) = backend().await;
    let mut a: Vec<String> = all
        .iter()
        .map(|v| format!("{}{}", v.video_id, v.title))
        .collect();
    let mut c: Vec<String> = videos(&b2)
        .await
        .iter()
        .map(|v| format!("{}{}", v.video_id, v.title))
        .collect();
    a.sort();
    c.sort();
    assert_eq!(a, c);
}

#[tokio::test]
async fn state_survives_reopen_and_reset_restores_demo() {
    let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", rules::new_id()));
    let _guard = TempDir(dir.clone());
    let b = Backend::open(&dir, false).await.unwrap();
    let v = video_with_status(&b, "Normal").await;
    ok(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", &v.video_id), ("Title", "Renamed")],
    )
    .await;
    b.pool.close().await;
    let b = Backend::open(&dir, false).await.unwrap();
    let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
    assert_eq!(got["Video"]["Title"], "Renamed");
    b.pool.close().await;
    let b = Backend::open(&dir, true).await.unwrap();
    let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
    assert_eq!(got["Video"]["Title"].as_str(), Some(v.title.as_str()));
}

#[tokio::test]
async fn extra_media_are_seeded_in_bulk_and_only_on_build() {
    let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", rules::new_id()));
    let _guard = TempDir(dir.clone());
    let extras = crate::demo::Extras {
        images: 2_000,
        videos: 6_000,
        categories: 0,
    };
    let b = Backend::open_with(&dir, false, extras).await.unwrap();
    assert_eq!(videos(&b).await.len(), 6_320);
    let got = ok(&b, "SearchMedia", &[("SearchType", "image"), ("PageSize", "100")]).await;
    assert_eq!(got["Total"], 2_054);
    let got = ok(&b, "GetVideoList", &[("PageSize", "100")]).await;
    assert!(got["Total"].as_u64().unwrap() > 5_000, "{}", got["Total"]);
    let extra = crate::demo::build_extra_images(
        rules::parse_iso(crate::demo::ANCHOR).unwrap(),
        &store::load_all::<Category>(&b.pool).await.unwrap(),
        1,
    );
    let got = ok(&b, "GetImageInfo", &[("ImageId", &extra[0].image_id)]).await;
    assert_eq!(got["ImageInfo"]["Title"].as_str(), Some(extra[0].title.as_str()));
    b.pool.close().await;
    // Reopening keeps the state; the extras are not added twice.
    let b = Backend::open_with(&dir, false, extras).await.unwrap();
    assert_eq!(videos(&b).await.len(), 6_320);
    b.pool.close().await;
    // A reset without extras is the plain demo set again.
    let b = Backend::open(&dir, true).await.unwrap();
    assert_eq!(videos(&b).await.len(), crate::demo::VIDEO_COUNT);
    let got = ok(&b, "SearchMedia", &[("SearchType", "image")]).await;
    assert_eq!(got["Total"], 54);
}

#[tokio::test]
async fn batches_are_limited_and_report_missing_ids() {
    let (b, _d) = backend().await;
    let e = err(&b, "GetVideoInfos", &[("VideoIds", &ids(21))]).await;
    assert_eq!((e.code.as_str(), e.status), ("VideoIdsExceededMax", 400));
    let e = err(&b, "DeleteVideo", &[("VideoIds", &ids(21))]).await;
    assert_eq!(e.code, "VideoIdsExceededMax");
    let e = err(&b, "GetImageInfos", &[("ImageIds", &ids(21))]).await;
    assert_eq!(e.code, "ImageIdsExceededMax");
    let e = err(
        &b,
        "DeleteImage",
        &[("DeleteImageType", "ImageId"), ("ImageIds", &ids(21))],
    )
    .await;
    assert_eq!(e.code, "ImageIdsExceededMax");
    let e = err(&b, "GetAttachedMediaInfo", &[("MediaIds", &ids(21))]).await;
    assert_eq!(e.code, "ExceededMax");
    let e = err(&b, "GetURLUploadInfos", &[("JobIds", &ids(11))]).await;
    assert_eq!(e.code, "JobIdsExceededMax");
    let twenty_one: Vec<String> = (0..21)
        .map(|i| format!("{{\"VideoId\":\"{i:032x}\"}}"))
        .collect();
    let e = err(
        &b,
        "UpdateVideoInfos",
        &[("UpdateContent", &format!("[{}]", twenty_one.join(",")))],
    )
    .await;
    assert_eq!(e.code, "CountExceededMax");

    let v = video_with_status(&b, "Normal").await;
    let got = ok(
        &b,
        "GetVideoInfos",
        &[("VideoIds", &format!("{},{}", v.video_id, "f".repeat(32)))],
    )
    .await;
    assert_eq!(got["VideoList"].as_array().unwrap().len(), 1);
    assert_eq!(got["NonExistVideoIds"][0], "f".repeat(32));
    assert!(got["VideoList"][0]["Snapshots"].is_array());
    let got = ok(
        &b,
        "DeleteVideo",
        &[("VideoIds", &format!("{},{}", v.video_id, "e".repeat(32)))],
    )
    .await;
    assert_eq!(got["NonExistVideoIds"][0], "e".repeat(32));
    let e = err(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
    assert_eq!((e.code.as_str(), e.status), ("InvalidVideo.NotFound", 404));
}

#[tokio::test]
async fn text_limits_are_utf8_bytes_and_emoji_are_rejected() {
    let (b, _d) = backend().await;
    let v = video_with_status(&b, "Normal").await;
    let id = v.video_id.as_str();
    let e = err(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Title", &"a".repeat(129))],
    )
    .await;
    assert_eq!(e.code, "LengthExceededMax");
    assert_eq!(
        e.message,
        "The specified Title length has exceeded 128 bytes."
    );
    // 43 CJK characters are 129 bytes; 42 are 126.
    let e = err(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Title", &"视".repeat(43))],
    )
    .await;
    assert_eq!(e.code, "LengthExceededMax");
    ok(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Title", &"视".repeat(42))],
    )
    .await;
    let e = err(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Description", &"d".repeat(1025))],
    )
    .await;
    assert_eq!(e.code, "LengthExceededMax");
    let e = err(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Title", "Party 🎉")],
    )
    .await;
    assert_eq!((e.code.as_str(), e.status), ("IllegalCharacters", 400));
    let tags: Vec<String> = (0..17).map(|i| format!("t{i}")).collect();
    let e = err(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Tags", &tags.join(","))],
    )
    .await;
    assert_eq!(e.code, "TagsExceededMax");
    let e = err(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Tags", &"x".repeat(33))],
    )
    .await;
    assert_eq!(e.code, "LengthExceededMax");
    ok(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", id), ("Tags", &tags[..16].join(","))],
    )
    .await;
    let e = err(&b, "AddCategory", &[("CateName", &"名".repeat(22))]).await;
    assert_eq!(e.code, "LengthExceededMax");
    let e = err(
        &b,
        "CreateUploadVideo",
        &[("Title", "🎬"), ("FileName", "a.mp4")],
    )
    .await;
    assert_eq!(e.code, "IllegalCharacters");
    let e = err(
        &b,
        "CreateUploadVideo",
        &[("Title", "ok"), ("FileName", "a.txt")],
    )
    .await;
    assert_eq!(e.code, "InvalidFileName.Extension");
    // One bad entry rejects the whole batch; unknown IDs come back on HTTP 200.
    let content = format!(
        "[{{\"VideoId\":\"{id}\",\"Title\":\"new\"}},{{\"VideoId\":\"{}\",\"Title\":\"x\"}}]",
        "0".repeat(32)
    );
    let got = ok(&b, "UpdateVideoInfos", &[("UpdateContent", &content)]).await;
    assert_eq!(got["NonExistVideoIds"][0], "0".repeat(32));
    let content = format!(
        "[{{\"VideoId\":\"{id}\",\"Title\":\"ok\"}},{{\"VideoId\":\"{id}\",\"Title\":\"😀\"}}]"
    );
    assert_eq!(
        err(&b, "UpdateVideoInfos", &[("UpdateContent", &content)])
            .await
            .code,
        "IllegalCharacters"
    );
    let got = ok(&b, "GetVideoInfo", &[("VideoId", id)]).await;
    assert_eq!(got["Video"]["Title"], "new");
}

#[tokio::test]
async fn category_depth_children_and_cascade() {
    let (b, _d) = backend().await;
    let top = ok(&b, "AddCategory", &[("CateName", "Top")]).await["Category"].clone();
    assert_eq!(top["Level"], 0);
    assert_eq!(top["ParentId"], -1);
    let top_id = top["CateId"].to_string();
    let mid = ok(
        &b,
        "AddCategory",
        &[("CateName", "Mid"), ("ParentId", &top_id)],
    )
    .await["Category"]
        .clone();
    let mid_id = mid["CateId"].to_string();
    let leaf = ok(
        &b,
        "AddCategory",
        &[("CateName", "Leaf"), ("ParentId", &mid_id)],
    )
    .await["Category"]
        .clone();
    assert_eq!(leaf["Level"], 2);
    let leaf_id = leaf["CateId"].to_string();
    let e = err(
        &b,
        "AddCategory",
        &[("CateName", "Too deep"), ("ParentId", &leaf_id)],
    )
    .await;
    assert_eq!((e.code.as_str(), e.status), ("LevelExceededMax", 400));
    let e = err(&b, "AddCategory", &[("CateName", "x"), ("ParentId", "42")]).await;
    assert_eq!((e.code.as_str(), e.status), ("InvalidCateId.NotFound", 404));

    // Material: the top level is built in, one level below it.
    let cats = store::load_all::<Category>(&b.pool).await.unwrap();
    let root = cats
        .iter()
        .find(|c| c.cate_type == "material" && c.level == 0)
        .unwrap();
    let e = err(
        &b,
        "AddCategory",
        &[("CateName", "m"), ("Type", "material")],
    )
    .await;
    assert_eq!(e.code, "MissingParameter");
    let m1 = ok(
        &b,
        "AddCategory",
        &[
            ("CateName", "m1"),
            ("Type", "material"),
            ("ParentId", &root.cate_id.to_string()),
        ],
    )
    .await;
    assert_eq!(m1["Category"]["Level"], 1);
    assert_eq!(m1["Category"]["Type"], "material");
    let e = err(
        &b,
        "AddCategory",
        &[
            ("CateName", "m2"),
            ("ParentId", &m1["Category"]["CateId"].to_string()),
        ],
    )
    .await;
    assert_eq!(e.code, "LevelExceededMax");

    for i in 0..99 {
        ok(
            &b,
            "AddCategory",
            &[("CateName", &format!("c{i}")), ("ParentId", &mid_id)],
        )
        .await;
    }
    let e = err(
        &b,
        "AddCategory",
        &[("CateName", "one too many"), ("ParentId", &mid_id)],
    )
    .await;
    assert_eq!(e.code, "SubTotalExceededMax");
    let got = ok(
        &b,
        "GetCategories",
        &[("CateId", &mid_id), ("PageSize", "100")],
    )
    .await;
    assert_eq!(got["SubTotal"], 100);
    assert_eq!(
        got["SubCategories"]["Category"].as_array().unwrap().len(),
        100
    );
    assert_eq!(got["Category"]["CateName"], "Mid");

    // Put a video and an image into the leaf, then delete the top: everything goes.
    let v = video_with_status(&b, "Normal").await;
    ok(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", &v.video_id), ("CateId", &leaf_id)],
    )
    .await;
    let img = store::load_all::<Image>(&b.pool).await.unwrap().remove(0);
    let content = format!(
        "[{{\"ImageId\":\"{}\",\"CateId\":{leaf_id}}}]",
        img.image_id
    );
    ok(&b, "UpdateImageInfos", &[("UpdateContent", &content)]).await;
    assert_eq!(
        ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await["Video"]["CateName"],
        "Leaf"
    );
    ok(&b, "DeleteCategory", &[("CateId", &top_id)]).await;
    for id in [&top_id, &mid_id, &leaf_id] {
        assert_eq!(
            err(&b, "GetCategories", &[("CateId", id)]).await.code,
            "InvalidCateId.NotFound"
        );
    }
    let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
    assert!(got["Video"].get("CateId").is_none());
    let got = ok(&b, "GetImageInfo", &[("ImageId", &img.image_id)]).await;
    assert!(got["ImageInfo"].get("CateId").is_none());
    assert_eq!(
        err(&b, "DeleteCategory", &[("CateId", &top_id)]).await.code,
        "InvalidCateId.NotFound"
    );
    ok(
        &b,
        "UpdateCategory",
        &[
            ("CateId", &m1["Category"]["CateId"].to_string()),
            ("CateName", "renamed"),
        ],
    )
    .await;
}

#[tokio::test]
async fn play_info_only_for_normal_videos() {
    let (b, _d) = backend().await;
    for status in ["Checking", "Blocked", "Transcoding", "UploadFail"] {
        let v = video_with_status(&b, status).await;
        let e = err(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
        assert_eq!(
            (e.code.as_str(), e.status),
            ("Forbidden.IllegalStatus", 403)
        );
        assert!(
            e.message.ends_with(&format!("Current Status is {status}.")),
            "{}",
            e.message
        );
    }
    // A Normal video of the "Mobile MP4 (LD/SD)" group, big enough for both outputs.
    let mobile = store::load_all::<crate::store::TemplateGroup>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name.contains("Mobile"))
        .unwrap()
        .group_id;
    let v = videos(&b)
        .await
        .into_iter()
        .find(|v| v.status == "Normal" && v.media_type == "video" && v.template_group_id == mobile && v.height >= 720)
        .expect("a Normal video in the Mobile group");
    let got = ok(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
    let infos = got["PlayInfoList"]["PlayInfo"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> =
        infos.iter().map(|i| (i["Format"].as_str().unwrap(), i["Definition"].as_str().unwrap())).collect();
    assert_eq!(pairs, [("mp4", "LD"), ("mp4", "SD")]);
    assert!(!infos.is_empty());
    assert!(infos[0]["PlayURL"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:9999/media/play/"));
    assert_eq!(got["VideoBase"]["VideoId"], v.video_id.as_str());
    let e = err(
        &b,
        "GetPlayInfo",
        &[("VideoId", &v.video_id), ("Formats", "m3u8")],
    )
    .await;
    assert_eq!(
        (e.code.as_str(), e.status),
        ("InvalidVideo.NoneStream", 404)
    );
    let got = ok(
        &b,
        "GetPlayInfo",
        &[("VideoId", &v.video_id), ("Definition", "SD")],
    )
    .await;
    assert_eq!(got["PlayInfoList"]["PlayInfo"].as_array().unwrap().len(), 1);
    let e = err(&b, "GetPlayInfo", &[("VideoId", &"0".repeat(32))]).await;
    assert_eq!(e.code, "InvalidVideo.NotFound");
    let auth = ok(&b, "GetVideoPlayAuth", &[("VideoId", &v.video_id)]).await;
    assert!(auth["PlayAuth"].as_str().unwrap().len() > 20);
    let e = err(
        &b,
        "GetVideoPlayAuth",
        &[("VideoId", &v.video_id), ("AuthInfoTimeout", "99")],
    )
    .await;
    assert_eq!(e.code, "InvalidParameter");
    let uploading = video_with_status(&b, "Uploading").await;
    let e = err(&b, "GetMezzanineInfo", &[("VideoId", &uploading.video_id)]).await;
    assert_eq!(e.code, "InvalidFile.NotFound");
    let m = ok(
        &b,
        "GetMezzanineInfo",
        &[("VideoId", &v.video_id), ("AdditionType", "video,audio")],
    )
    .await;
    assert!(m["Mezzanine"]["VideoStreamList"].is_array());
    let e = err(&b, "ListSnapshots", &[("VideoId", &uploading.video_id)]).await;
    assert_eq!(
        (e.code.as_str(), e.status),
        ("Forbidden.IllegalStatus", 400)
    );
    let s = ok(
        &b,
        "ListSnapshots",
        &[("VideoId", &v.video_id), ("SnapshotType", "NormalSnapshot")],
    )
    .await;
    assert!(s["MediaSnapshot"]["Total"].as_u64().unwrap() >= 3);
    assert!(s["MediaSnapshot"]["Snapshots"]["Snapshot"][0]["Url"].is_string());
}

#[tokio::test]
async fn video_list_paging_and_filters() {
    let (b, _d) = backend().await;
    let got = ok(&b, "GetVideoList", &[]).await;
    assert_eq!(got["VideoList"]["Video"].as_array().unwrap().len(), 10);
    let total = got["Total"].as_u64().unwrap();
    assert!(total >= 300);
    let list = got["VideoList"]["Video"].as_array().unwrap();
    assert!(
        list[0]["CreationTime"].as_str() >= list[1]["CreationTime"].as_str(),
        "newest first"
    );
    let e = err(&b, "GetVideoList", &[("PageNo", "51"), ("PageSize", "100")]).await;
    assert_eq!(e.code, "VideoListExceededMax");
    ok(&b, "GetVideoList", &[("PageNo", "50"), ("PageSize", "100")]).await;
    assert_eq!(
        err(&b, "GetVideoList", &[("PageSize", "101")]).await.code,
        "InvalidParameter"
    );
    let got = ok(
        &b,
        "GetVideoList",
        &[("Status", "Blocked,Checking"), ("PageSize", "100")],
    )
    .await;
    for v in got["VideoList"]["Video"].as_array().unwrap() {
        assert!(matches!(v["Status"].as_str(), Some("Blocked" | "Checking")));
    }
    assert_eq!(
        err(&b, "GetVideoList", &[("Status", "Sleeping")])
            .await
            .code,
        "InvalidParameter"
    );
    let got = ok(
        &b,
        "GetVideoList",
        &[
            ("StartTime", "2026-01-01T00:00:00Z"),
            ("EndTime", "2026-02-01T00:00:00Z"),
            ("PageSize", "100"),
        ],
    )
    .await;
    let n = got["Total"].as_u64().unwrap();
    assert!(n > 0 && n < total);
}

#[tokio::test]
async fn search_media_match_sort_and_scroll() {
    let (b, _d) = backend().await;
    let all = ok(&b, "SearchMedia", &[]).await;
    let total = all["Total"].as_u64().unwrap();
    assert!(total >= 280);
    assert_eq!(all["MediaList"][0]["MediaType"], "video");
    assert!(all["ScrollToken"].is_string());
    let got = ok(
        &b,
        "SearchMedia",
        &[
            ("Match", "Title in ('马拉松','Keynote')"),
            ("PageSize", "100"),
        ],
    )
    .await;
    assert!(got["Total"].as_u64().unwrap() > 0);
    for m in got["MediaList"].as_array().unwrap() {
        let t = m["Video"]["Title"].as_str().unwrap();
        assert!(t.contains("马拉松") || t.contains("Keynote"), "{t}");
    }
    let got = ok(
        &b,
        "SearchMedia",
        &[
            ("Match", "Status in ('Blocked') and Title = 'a'"),
            ("PageSize", "100"),
        ],
    )
    .await;
    for m in got["MediaList"].as_array().unwrap() {
        assert_eq!(m["Video"]["Status"], "Blocked");
    }
    let got = ok(
        &b,
        "SearchMedia",
        &[
            (
                "Match",
                "CreationTime = ('2026-01-01T00:00:00Z','2026-03-01T00:00:00Z')",
            ),
            ("SortBy", "CreationTime:Asc"),
            ("PageSize", "100"),
        ],
    )
    .await;
    let list = got["MediaList"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list[0]["CreationTime"].as_str() <= list[list.len() - 1]["CreationTime"].as_str());
    assert!(list
        .iter()
        .all(|m| m["CreationTime"].as_str().unwrap().starts_with("2026-0")));
    let cate = videos(&b)
        .await
        .into_iter()
        .find_map(|v| v.cate_id)
        .unwrap();
    let got = ok(
        &b,
        "SearchMedia",
        &[("Match", &format!("CateId = {cate}")), ("PageSize", "100")],
    )
    .await;
    assert!(got["MediaList"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["Video"]["CateId"] == cate));
    let e = err(&b, "SearchMedia", &[("Match", "Title in ('a'")]).await;
    assert_eq!((e.code.as_str(), e.status), ("ErrorMatchSyntax", 400));
    assert_eq!(
        err(&b, "SearchMedia", &[("Match", "Colour = 'red'")])
            .await
            .code,
        "ErrorMatchSyntax"
    );
    let got = ok(
        &b,
        "SearchMedia",
        &[("SearchType", "image"), ("Match", "Title = 'Banner'")],
    )
    .await;
    assert!(got["MediaList"][0]["Image"]["URL"].is_string());
    let got = ok(&b, "SearchMedia", &[("SearchType", "attached")]).await;
    assert!(got["MediaList"][0]["AttachedMedia"]["BusinessType"].is_string());
    let got = ok(&b, "SearchMedia", &[("SearchType", "audio")]).await;
    assert!(got["MediaList"][0]["Audio"]["AudioId"].is_string());
    let got = ok(&b, "SearchMedia", &[("Fields", "Title")]).await;
    let video = got["MediaList"][0]["Video"].as_object().unwrap();
    assert!(
        video.contains_key("Title") && video.contains_key("VideoId") && !video.contains_key("Size")
    );
    // Plain paging stops at 5,000 records; a ScrollToken goes further, within 1,200.
    assert_eq!(
        err(&b, "SearchMedia", &[("PageNo", "51"), ("PageSize", "100")])
            .await
            .code,
        "InvalidParameter"
    );
    let token = all["ScrollToken"].as_str().unwrap();
    let e = err(
        &b,
        "SearchMedia",
        &[
            ("ScrollToken", token),
            ("SortBy", "CreationTime:Desc,CreationTime:Asc"),
        ],
    )
    .await;
    assert_eq!(e.code, "SortByExceededMax");
    // SortBy takes the documented values only: CreationTime:Desc and CreationTime:Asc.
    for bad in ["ModificationTime:Desc", "ModificationTime:Asc", "CreationTime", "creationtime:desc", "CreationTime:Up"] {
        let e = err(&b, "SearchMedia", &[("SortBy", bad)]).await;
        assert_eq!((e.code.as_str(), e.status), ("InvalidParameter", 400), "{bad}");
        assert!(e.message.contains("CreationTime:Desc, CreationTime:Asc"), "{}", e.message);
    }
    let two = ok(&b, "SearchMedia", &[("SortBy", "CreationTime:Asc,CreationTime:Desc")]).await;
    assert!(two["MediaList"][0]["CreationTime"].as_str() <= two["MediaList"][1]["CreationTime"].as_str());
    let page2 = ok(
        &b,
        "SearchMedia",
        &[("ScrollToken", token), ("PageNo", "2")],
    )
    .await;
    assert_eq!(
        page2["MediaList"][0],
        all["MediaList"]
            .as_array()
            .unwrap()
            .get(10)
            .cloned()
            .unwrap_or(page2["MediaList"][0].clone())
    );
    assert_eq!(
        err(
            &b,
            "SearchMedia",
            &[("ScrollToken", "0123456789abcdef0123456789abcdef")]
        )
        .await
        .code,
        "InvalidScrollToken.Expired"
    );
}

#[tokio::test]
async fn delete_image_in_all_three_modes() {
    let (b, _d) = backend().await;
    let images = store::load_all::<Image>(&b.pool).await.unwrap();
    let (a, c) = (&images[0], &images[1]);
    ok(
        &b,
        "DeleteImage",
        &[("DeleteImageType", "ImageId"), ("ImageIds", &a.image_id)],
    )
    .await;
    assert_eq!(
        err(&b, "GetImageInfo", &[("ImageId", &a.image_id)])
            .await
            .code,
        "NoSuchResource"
    );
    let url = ok(&b, "GetImageInfo", &[("ImageId", &c.image_id)]).await["ImageInfo"]["URL"]
        .as_str()
        .unwrap()
        .to_string();
    let encoded = url.replace(':', "%3A").replace('/', "%2F");
    ok(
        &b,
        "DeleteImage",
        &[("DeleteImageType", "ImageURL"), ("ImageURLs", &encoded)],
    )
    .await;
    let got = ok(
        &b,
        "GetImageInfos",
        &[(
            "ImageIds",
            &format!("{},{}", c.image_id, images[2].image_id),
        )],
    )
    .await;
    assert_eq!(got["NonExistImageIds"][0], c.image_id.as_str());
    assert_eq!(got["ImageInfo"].as_array().unwrap().len(), 1);

    let v = video_with_status(&b, "Normal").await;
    let snaps = ok(
        &b,
        "ListSnapshots",
        &[("VideoId", &v.video_id), ("SnapshotType", "NormalSnapshot")],
    )
    .await;
    let first = snaps["MediaSnapshot"]["Snapshots"]["Snapshot"][0]["Url"]
        .as_str()
        .unwrap()
        .to_string();
    let before = snaps["MediaSnapshot"]["Total"].as_u64().unwrap();
    ok(
        &b,
        "DeleteImage",
        &[("DeleteImageType", "ImageURL"), ("ImageURLs", &first)],
    )
    .await;
    let snaps = ok(
        &b,
        "ListSnapshots",
        &[("VideoId", &v.video_id), ("SnapshotType", "NormalSnapshot")],
    )
    .await;
    assert_eq!(
        snaps["MediaSnapshot"]["Total"].as_u64().unwrap(),
        before - 1
    );
    ok(
        &b,
        "DeleteImage",
        &[
            ("DeleteImageType", "VideoId"),
            ("VideoId", &v.video_id),
            ("ImageType", "CoverSnapshot"),
        ],
    )
    .await;
    let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
    assert!(got["Video"].get("CoverURL").is_none());
    ok(
        &b,
        "DeleteImage",
        &[
            ("DeleteImageType", "VideoId"),
            ("VideoId", &v.video_id),
            ("ImageType", "All"),
        ],
    )
    .await;
    let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
    assert_eq!(
        got["Video"]["Snapshots"]["Snapshot"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let e = err(
        &b,
        "DeleteImage",
        &[
            ("DeleteImageType", "VideoId"),
            ("VideoId", &v.video_id),
            ("ImageType", "All,CoverSnapshot"),
        ],
    )
    .await;
    assert_eq!(e.code, "InvalidParameter");
    assert_eq!(
        err(
            &b,
            "DeleteImage",
            &[("DeleteImageType", "VideoId"), ("VideoId", &v.video_id)]
        )
        .await
        .code,
        "MissingParameter"
    );
    assert_eq!(
        err(
            &b,
            "DeleteImage",
            &[
                ("DeleteImageType", "ImageId"),
                ("ImageIds", &"0".repeat(32))
            ]
        )
        .await
        .code,
        "NoSuchResource"
    );
}

#[tokio::test]
async fn upload_credentials_and_completion() {
    let (b, _d) = backend().await;
    let got = ok(
        &b,
        "CreateUploadVideo",
        &[
            ("Title", "新视频 upload"),
            ("FileName", "clip.mp4"),
            ("Tags", "a,b"),
        ],
    )
    .await;
    let id = got["VideoId"].as_str().unwrap().to_string();
    assert!(got["UploadAddress"].as_str().unwrap().len() > 20 && got["UploadAuth"].is_string());
    assert_eq!(
        ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await["Video"]["Status"],
        "Uploading"
    );
    let target = store::load_all::<UploadTarget>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.media_id == id)
        .unwrap();
    std::fs::write(b.objects_dir().join("t.mp4"), crate::assets::CLIP_MP4).unwrap();
    upload::complete_upload(&b, &target, "t.mp4", crate::assets::CLIP_MP4.len() as i64)
        .await
        .unwrap();
    assert_eq!(
        ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await["Video"]["Status"],
        "Transcoding"
    );
    b.advance_clock(5);
    let got = ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await;
    assert_eq!(got["Video"]["Status"], "Normal");
    assert!(got["Video"]["CoverURL"].is_string());
    ok(&b, "GetPlayInfo", &[("VideoId", &id)]).await;
    let refreshed = ok(&b, "RefreshUploadVideo", &[("VideoId", &id)]).await;
    assert_eq!(refreshed["VideoId"], id.as_str());

    let img = ok(
        &b,
        "CreateUploadImage",
        &[("ImageType", "default"), ("ImageExt", "png")],
    )
    .await;
    assert!(img["ImageURL"].as_str().unwrap().ends_with(".png"));
    assert_eq!(
        err(&b, "CreateUploadImage", &[("ImageType", "poster")])
            .await
            .code,
        "InvalidParameter"
    );
}

#[tokio::test]
async fn url_pull_jobs_progress_and_fail_deterministically() {
    let (b, _d) = backend().await;
    let urls: Vec<String> = (0..21)
        .map(|i| format!("https%3A%2F%2Fexample.com%2Fv{i}.mp4"))
        .collect();
    assert_eq!(
        err(&b, "UploadMediaByURL", &[("UploadURLs", &urls.join(","))])
            .await
            .code,
        "UploadURLsExceededMax"
    );
    assert_eq!(
        err(
            &b,
            "UploadMediaByURL",
            &[("UploadURLs", "https%3A%2F%2Fexample.com%2Fnoext")]
        )
        .await
        .code,
        "InvalidParameter.UploadURLs"
    );
    let good = "https%3A%2F%2Fexample.com%2Fmovies%2Ftrailer.mp4";
    let bad = "https%3A%2F%2Fexample.com%2F404%2Fmissing.mp4";
    let got = ok(
        &b,
        "UploadMediaByURL",
        &[("UploadURLs", &format!("{good},{bad}"))],
    )
    .await;
    let jobs = got["UploadJobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 2);
    let job_ids = format!(
        "{},{}",
        jobs[0]["JobId"].as_str().unwrap(),
        jobs[1]["JobId"].as_str().unwrap()
    );
    let info = ok(&b, "GetURLUploadInfos", &[("JobIds", &job_ids)]).await;
    assert_eq!(info["URLUploadInfoList"][0]["Status"], "PENDING");
    b.advance_clock(5);
    let info = ok(
        &b,
        "GetURLUploadInfos",
        &[("JobIds", &format!("{job_ids},{}", "0".repeat(32)))],
    )
    .await;
    let list = info["URLUploadInfoList"].as_array().unwrap();
    assert_eq!(list[0]["Status"], "SUCCESS");
    assert_eq!(list[1]["Status"], "DOWNLOAD_FAIL");
    assert!(list[1]["ErrorCode"].is_string());
    assert_eq!(info["NonExists"][0], "0".repeat(32));
    let media = list[0]["MediaId"].as_str().unwrap();
    assert_eq!(
        ok(&b, "GetVideoInfo", &[("VideoId", media)]).await["Video"]["Status"],
        "Transcoding"
    );
    b.advance_clock(5);
    assert_eq!(
        ok(&b, "GetVideoInfo", &[("VideoId", media)]).await["Video"]["Status"],
        "Normal"
    );
    let failed = list[1]["MediaId"].as_str().unwrap();
    assert_eq!(
        ok(&b, "GetVideoInfo", &[("VideoId", failed)]).await["Video"]["Status"],
        "UploadFail"
    );
    let by_url = ok(&b, "GetURLUploadInfos", &[("UploadURLs", good)]).await;
    assert_eq!(by_url["URLUploadInfoList"][0]["JobId"], jobs[0]["JobId"]);
}

#[tokio::test]
async fn attached_media_batch() {
    let (b, _d) = backend().await;
    let all = store::load_all::<crate::store::Attached>(&b.pool)
        .await
        .unwrap();
    let ids = format!("{},{}", all[0].media_id, "0".repeat(32));
    let got = ok(&b, "GetAttachedMediaInfo", &[("MediaIds", &ids)]).await;
    assert_eq!(got["AttachedMediaList"].as_array().unwrap().len(), 1);
    assert_eq!(got["NonExistMediaIds"][0], "0".repeat(32));
    let content = format!(
        "[{{\"MediaId\":\"{}\",\"Title\":\"new title\"}}]",
        all[0].media_id
    );
    ok(
        &b,
        "UpdateAttachedMediaInfos",
        &[("UpdateContent", &content)],
    )
    .await;
    let got = ok(&b, "DeleteAttachedMedia", &[("MediaIds", &ids)]).await;
    assert_eq!(got["NonExistMediaIds"][0], "0".repeat(32));
}

#[test]
fn match_parser_handles_the_protocol_forms() {
    use search::{parse_match, Cond, Expr};
    let e = parse_match(
        "Title in ('a','b') and CreationTime = ('2018-01-01T00:00:00Z','2018-01-31T00:00:00Z')",
    )
    .unwrap();
    let Expr::And(l, r) = e else { panic!("and") };
    assert_eq!(
        *l,
        Expr::Test {
            field: "Title".into(),
            cond: Cond::In(vec!["a".into(), "b".into()])
        }
    );
    assert!(matches!(
        *r,
        Expr::Test {
            cond: Cond::Range {
                lo_incl: false,
                hi_incl: false,
                ..
            },
            ..
        }
    ));
    assert!(parse_match("(Title = 'a' or Description = 'b') and Status in ('Normal')").is_ok());
    assert!(parse_match("Size = [100,]").is_ok());
    assert!(parse_match("Title in （'全角','括号'）").is_ok());
    assert!(parse_match("Title = ").is_err());
    assert!(parse_match("and").is_err());
}

#[test]
fn rules_helpers() {
    assert!(rules::check_text("Title", "普通标题", 128).is_ok());
    assert_eq!(
        rules::check_text("Title", "a😀", 128).unwrap_err().code,
        "IllegalCharacters"
    );
    assert_eq!(
        rules::check_text("Title", "☀", 128).unwrap_err().code,
        "IllegalCharacters"
    );
    assert_eq!(rules::base64(b"hello"), "aGVsbG8=");
    assert_eq!(rules::percent_decode("a%2Fb%3A"), "a/b:");
    assert_eq!(rules::iso(0), "1970-01-01T00:00:00Z");
    assert_eq!(
        rules::parse_iso("2017-03-29T12:00:00Z"),
        Some(1_490_788_800)
    );
    assert_eq!(
        crate::assets::parse_range("bytes=0-99", 1000),
        Some((0, 99))
    );
    assert_eq!(
        crate::assets::parse_range("bytes=-100", 1000),
        Some((900, 999))
    );
    assert_eq!(crate::assets::parse_range("bytes=2000-", 1000), None);
    assert_eq!(
        image::parse_media_url("http://h:1/media/snapshots/abc/NormalSnapshot/2.jpg?auth_key=1"),
        Some(image::UrlTarget::Snapshot {
            video_id: "abc".into(),
            kind: "NormalSnapshot".into(),
            index: 2
        })
    );
}

#[tokio::test]
async fn scroll_tokens_expire_and_allow_deep_paging() {
    let (b, _d) = backend().await;
    let first = ok(&b, "SearchMedia", &[("PageSize", "100")]).await;
    let token = first["ScrollToken"].as_str().unwrap().to_string();
    // Within 1,200 records of the token's position: fine; further: refused.
    ok(
        &b,
        "SearchMedia",
        &[
            ("ScrollToken", &token),
            ("PageNo", "3"),
            ("PageSize", "100"),
        ],
    )
    .await;
    let e = err(
        &b,
        "SearchMedia",
        &[
            ("ScrollToken", &token),
            ("PageNo", "14"),
            ("PageSize", "100"),
        ],
    )
    .await;
    assert_eq!(e.code, "InvalidParameter");
    b.advance_clock(31 * 60);
    let e = err(
        &b,
        "SearchMedia",
        &[
            ("ScrollToken", &token),
            ("PageNo", "2"),
            ("PageSize", "100"),
        ],
    )
    .await;
    assert_eq!(
        (e.code.as_str(), e.status),
        ("InvalidScrollToken.Expired", 400)
    );
    // Issuing a new token prunes the expired one.
    ok(&b, "SearchMedia", &[]).await;
    assert!(store::get_meta(&b.pool, &format!("scroll:{token}"))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn upload_details_report_progress() {
    let (b, _d) = backend().await;
    let created = ok(
        &b,
        "CreateUploadVideo",
        &[
            ("Title", "progress"),
            ("FileName", "p.mp4"),
            ("FileSize", "1000"),
        ],
    )
    .await;
    let id = created["VideoId"].as_str().unwrap().to_string();
    let target = store::load_all::<UploadTarget>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.media_id == id)
        .unwrap();
    let parts = crate::assets::parts_dir(&b, &target.object);
    std::fs::create_dir_all(&parts).unwrap();
    std::fs::write(parts.join("1"), vec![0u8; 250]).unwrap();
    let normal = video_with_status(&b, "Normal").await;
    let got = ok(
        &b,
        "GetUploadDetails",
        &[(
            "MediaIds",
            &format!("{id},{},{}", normal.video_id, "0".repeat(32)),
        )],
    )
    .await;
    let d = &got["UploadDetails"][0];
    assert_eq!(
        (d["UploadSize"].as_i64(), d["FileSize"].as_i64()),
        (Some(250), Some(1000))
    );
    assert_eq!(d["UploadRatio"].as_f64(), Some(0.25));
    assert_eq!(d["UploadStatus"], "Uploading");
    assert_eq!(got["UploadDetails"][1]["UploadStatus"], "UploadSucc");
    assert_eq!(got["NonExistMediaIds"][0], "0".repeat(32));
    let e = err(&b, "GetUploadDetails", &[("MediaIds", &ids(21))]).await;
    assert_eq!(e.code, "LimitExceeded.MediaIds");
}

#[test]
fn pull_urls_are_split_and_loopback_is_recognised() {
    assert_eq!(
        upload::split_url("http://127.0.0.1:8080/a/b.mp4?x=1"),
        Some((
            "http".into(),
            "127.0.0.1".into(),
            8080,
            "/a/b.mp4?x=1".into()
        ))
    );
    assert_eq!(
        upload::split_url("https://Example.com/v.mp4").map(|u| (u.1, u.2)),
        Some(("example.com".into(), 443))
    );
    assert_eq!(
        upload::split_url("http://[::1]:9000/v.mp4").map(|u| (u.1, u.2)),
        Some(("[::1]".into(), 9000))
    );
    assert_eq!(
        upload::split_url("http://[::1]/v.mp4").map(|u| (u.1, u.2)),
        Some(("[::1]".into(), 80))
    );
    assert_eq!(upload::split_url("ftp://e.com/a.mp4"), None);
    assert_eq!(upload::split_url("http://e.com:port/a.mp4"), None);
}

#[tokio::test]
async fn batch_edits_of_blocked_videos_are_forbidden() {
    let (b, _d) = backend().await;
    let blocked = video_with_status(&b, "Blocked").await;
    let normal = video_with_status(&b, "Normal").await;
    let content = format!(
        "[{{\"VideoId\":\"{}\",\"Title\":\"x\"}},{{\"VideoId\":\"{}\",\"Title\":\"y\"}}]",
        blocked.video_id, normal.video_id
    );
    let got = ok(&b, "UpdateVideoInfos", &[("UpdateContent", &content)]).await;
    assert_eq!(got["ForbiddenVideoIds"][0], blocked.video_id.as_str());
    let info = ok(&b, "GetVideoInfo", &[("VideoId", &blocked.video_id)]).await;
    assert_eq!(
        info["Video"]["Title"].as_str(),
        Some(blocked.title.as_str())
    );
    let info = ok(&b, "GetVideoInfo", &[("VideoId", &normal.video_id)]).await;
    assert_eq!(info["Video"]["Title"], "y");
}

#[test]
fn url_jobs_walk_through_the_documented_statuses() {
    let job = |outcome: &str, span: i64| crate::store::UrlJob {
        job_id: "j".into(),
        upload_url: "https://e.com/a.mp4".into(),
        media_id: "m".into(),
        created_ms: 0,
        done_ms: span,
        outcome: outcome.into(),
        error_code: String::new(),
        error_message: String::new(),
        file_size: 0,
        user_data: String::new(),
        applied: false,
    };
    let ok = job("SUCCESS", upload::PULL_MS);
    let seen: Vec<&str> = [0, 1_000, 2_000, 3_000, 4_000]
        .iter()
        .map(|t| upload::job_status(&ok, *t))
        .collect();
    assert_eq!(
        seen,
        [
            "PENDING",
            "DOWNLOADING",
            "DOWNLOAD_SUCCESS",
            "UPLOADING",
            "SUCCESS"
        ]
    );
    let failed = job("DOWNLOAD_FAIL", upload::PULL_MS / 2);
    let seen: Vec<&str> = [0, 1_500, 2_000]
        .iter()
        .map(|t| upload::job_status(&failed, *t))
        .collect();
    assert_eq!(seen, ["PENDING", "DOWNLOADING", "DOWNLOAD_FAIL"]);
    let fetching = job("FETCHING", upload::PULL_MS);
    assert_eq!(upload::job_status(&fetching, 60_000), "DOWNLOADING");
}

#[tokio::test]
async fn listings_follow_every_write_and_parallel_reads_agree() {
    let (b, _d) = backend().await;
    let first = ok(&b, "GetVideoList", &[("PageSize", "100")]).await;
    let v = &first["VideoList"]["Video"][0];
    let id = v["VideoId"].as_str().unwrap().to_string();
    ok(
        &b,
        "UpdateVideoInfo",
        &[("VideoId", &id), ("Title", "renamed")],
    )
    .await;
    let list = ok(&b, "GetVideoList", &[("PageSize", "100")]).await;
    assert_eq!(list["VideoList"]["Video"][0]["Title"], "renamed");
    let searched = ok(&b, "SearchMedia", &[("Match", "Title = 'renamed'")]).await;
    assert_eq!(searched["MediaList"][0]["MediaId"], id.as_str());

    ok(&b, "DeleteVideo", &[("VideoIds", &id)]).await;
    let after = ok(&b, "GetVideoList", &[("PageSize", "100")]).await;
    assert_eq!(after["Total"], first["Total"].as_i64().unwrap() - 1);
    assert_ne!(after["VideoList"]["Video"][0]["VideoId"], id.as_str());

    let added = ok(&b, "AddCategory", &[("CateName", "fresh")]).await;
    let cate_id = added["Category"]["CateId"].as_i64().unwrap();
    let cats = ok(&b, "GetCategories", &[("PageSize", "100")]).await;
    assert!(cats["SubCategories"]["Category"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["CateId"].as_i64() == Some(cate_id)));

    // A status change that falls due is visible to the next listing.
    let got = ok(
        &b,
        "CreateUploadVideo",
        &[("Title", "due"), ("FileName", "d.mp4")],
    )
    .await;
    let new_id = got["VideoId"].as_str().unwrap().to_string();
    let target = store::load_all::<UploadTarget>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.media_id == new_id)
        .unwrap();
    std::fs::write(b.objects_dir().join("d.mp4"), crate::assets::CLIP_MP4).unwrap();
    upload::complete_upload(&b, &target, "d.mp4", crate::assets::CLIP_MP4.len() as i64)
        .await
        .unwrap();
    let listed = |v: &Value| {
        v["VideoList"]["Video"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["VideoId"] == new_id.as_str())
    };
    let transcoding = ok(
        &b,
        "GetVideoList",
        &[("Status", "Transcoding"), ("PageSize", "100")],
    )
    .await;
    assert!(listed(&transcoding));
    b.advance_clock(5);
    let normal = ok(
        &b,
        "GetVideoList",
        &[("Status", "Normal"), ("PageSize", "100")],
    )
    .await;
    assert!(listed(&normal));

    let serial = ok(&b, "GetVideoList", &[("PageSize", "50"), ("PageNo", "2")]).await;
    let parallel = futures_join(&b).await;
    for got in parallel {
        assert_eq!(got, serial);
    }
}

async fn futures_join(b: &Backend) -> Vec<Value> {
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let b = b.clone();
        tasks.push(tokio::spawn(async move {
            ok(&b, "GetVideoList", &[("PageSize", "50"), ("PageNo", "2")]).await
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

#[tokio::test]
async fn template_groups_are_listed_and_uploads_must_name_an_existing_one() {
    let (b, _d) = backend().await;
    let got = ok(&b, "ListTranscodeTemplateGroup", &[]).await;
    let list = got["TranscodeTemplateGroupList"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    let defaults: Vec<&Value> = list.iter().filter(|g| g["IsDefault"] == "Default").collect();
    assert_eq!(defaults.len(), 1, "exactly one default group");
    let default_id = defaults[0]["TranscodeTemplateGroupId"].as_str().unwrap().to_string();
    assert_eq!(default_id.len(), 32);
    let built_in = list
        .iter()
        .find(|g| g["TranscodeTemplateGroupId"] == crate::demo::NO_TRANSCODE_GROUP)
        .expect("the no-transcode group is listed");
    assert_eq!(built_in["Locked"], "Enabled");
    for g in list {
        assert_eq!(g["AppId"], "app-1000000");
        assert!(rules::parse_iso(g["CreationTime"].as_str().unwrap()).is_some());
    }
    // Another application has none of the default application's groups.
    let other = ok(&b, "ListTranscodeTemplateGroup", &[("AppId", "app-2000000")]).await;
    assert_eq!(other["TranscodeTemplateGroupList"].as_array().unwrap().len(), 0);

    // An upload without a group gets the account default; a named group must exist.
    let mobile = list
        .iter()
        .find(|g| g["Name"].as_str().unwrap().contains("Mobile"))
        .unwrap()["TranscodeTemplateGroupId"]
        .as_str()
        .unwrap()
        .to_string();
    let plain = ok(&b, "CreateUploadVideo", &[("Title", "t"), ("FileName", "a.mp4")]).await;
    let chosen = ok(
        &b,
        "CreateUploadVideo",
        &[("Title", "t"), ("FileName", "a.mp4"), ("TemplateGroupId", &mobile)],
    )
    .await;
    for (upload, group) in [(plain, &default_id), (chosen, &mobile)] {
        let info = ok(&b, "GetVideoInfo", &[("VideoId", upload["VideoId"].as_str().unwrap())]).await;
        assert_eq!(info["Video"]["TemplateGroupId"], group.as_str());
    }
    let unknown = "0123456789abcdef0123456789abcdef";
    let e = err(
        &b,
        "CreateUploadVideo",
        &[("Title", "t"), ("FileName", "a.mp4"), ("TemplateGroupId", unknown)],
    )
    .await;
    assert_eq!((e.status, e.code.as_str()), (404, "InvalidTemplateGroupId.NotFound"));

    // URL pulls: the top-level group, overridden per URL by the upload metadata.
    let e = err(
        &b,
        "UploadMediaByURL",
        &[("UploadURLs", "https://example.com/a.mp4"), ("TemplateGroupId", unknown)],
    )
    .await;
    assert_eq!(e.code, "InvalidTemplateGroupId.NotFound");
    let meta = format!(
        r#"[{{"SourceURL":"https://example.com/b.mp4","TemplateGroupId":"{}"}}]"#,
        crate::demo::NO_TRANSCODE_GROUP
    );
    let pulled = ok(
        &b,
        "UploadMediaByURL",
        &[
            ("UploadURLs", "https://example.com/a.mp4,https://example.com/b.mp4"),
            ("TemplateGroupId", &mobile),
            ("UploadMetadatas", &meta),
        ],
    )
    .await;
    assert_eq!(pulled["UploadJobs"].as_array().unwrap().len(), 2);
    let pulled_groups: Vec<(String, String)> = videos(&b)
        .await
        .into_iter()
        .filter(|v| v.upload_source.as_deref() == Some("URL"))
        .map(|v| (v.title, v.template_group_id))
        .collect();
    assert!(pulled_groups.contains(&("a.mp4".into(), mobile.clone())), "{pulled_groups:?}");
    assert!(pulled_groups.contains(&("b.mp4".into(), crate::demo::NO_TRANSCODE_GROUP.into())), "{pulled_groups:?}");
}

#[tokio::test]
async fn a_data_set_built_before_template_groups_gets_them_on_open() {
    let (b, d) = backend().await;
    sqlx::query("DELETE FROM template_groups").execute(&b.pool).await.unwrap();
    b.pool.close().await;
    let b = Backend::open(&d.0, false).await.unwrap();
    let got = ok(&b, "ListTranscodeTemplateGroup", &[]).await;
    assert_eq!(got["TranscodeTemplateGroupList"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn an_extra_wide_branch_of_categories_holds_media_and_pages_like_any_other() {
    let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", rules::new_id()));
    let _guard = TempDir(dir.clone());
    let extras = crate::demo::Extras { images: 0, videos: 2_000, categories: 601 };
    let b = Backend::open_with(&dir, false, extras).await.unwrap();
    let cats = store::load_all::<Category>(&b.pool).await.unwrap();
    let top = cats.iter().find(|c| c.cate_name == "大型归档 Large archive").unwrap();
    assert_eq!((top.level, top.parent_id), (0, -1));
    // 100 volumes, listed 100 per page at most; each volume has 5 parts.
    let first = ok(&b, "GetCategories", &[("CateId", &top.cate_id.to_string()), ("PageSize", "60")]).await;
    assert_eq!(first["SubTotal"], 100);
    assert_eq!(first["SubCategories"]["Category"].as_array().unwrap().len(), 60);
    let volume = &first["SubCategories"]["Category"][0];
    assert_eq!(volume["SubTotal"], 5);
    let parts = ok(&b, "GetCategories", &[("CateId", &volume["CateId"].to_string()), ("PageSize", "100")]).await;
    assert!(parts["SubCategories"]["Category"].as_array().unwrap().iter().all(|c| c["Level"] == 2));
    // Some of the extra media are in the branch.
    let branch: Vec<String> = cats.iter().filter(|c| c.cate_id >= top.cate_id).map(|c| c.cate_id.to_string()).collect();
    assert_eq!(branch.len(), 601);
    let matched = ok(
        &b,
        "SearchMedia",
        &[("Match", &format!("CateId in ({})", branch[..100].join(","))), ("PageSize", "1")],
    )
    .await;
    assert!(matched["Total"].as_u64().unwrap() > 0, "{matched}");
    // New categories continue after the branch.
    let added = ok(&b, "AddCategory", &[("CateName", "after")]).await;
    assert_eq!(added["Category"]["CateId"], top.cate_id + 601);
    // A branch larger than the limits allow is cut at 1 + 100 + 100 x 100.
    let huge = crate::demo::build_extra_categories(0, 1, 20_000);
    assert_eq!(huge.len(), crate::demo::MAX_EXTRA_CATEGORIES);
    assert!(huge.iter().filter(|c| c.level == 2).all(|c| huge.iter().filter(|s| s.parent_id == c.parent_id).count() <= 100));
}

/// The demo groups by name fragment.
async fn group_id(b: &Backend, name: &str) -> String {
    store::load_all::<crate::store::TemplateGroup>(&b.pool)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name.contains(name) || g.group_id == name)
        .unwrap()
        .group_id
}

/// (Format, Definition) of each stream GetPlayInfo returns for `video_id`.
async fn play_pairs(b: &Backend, video_id: &str) -> Vec<(String, String)> {
    let got = ok(b, "GetPlayInfo", &[("VideoId", video_id)]).await;
    got["PlayInfoList"]["PlayInfo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["Format"].as_str().unwrap().to_string(), i["Definition"].as_str().unwrap().to_string()))
        .collect()
}

fn ext(v: &Video) -> &str {
    v.file_name.rsplit_once('.').map_or("", |(_, e)| e)
}

#[tokio::test]
async fn demo_videos_are_spread_over_the_groups_and_play_what_their_group_makes() {
    let (b, _d) = backend().await;
    let no_transcode = crate::demo::NO_TRANSCODE_GROUP.to_string();
    let standard = group_id(&b, "Standard HLS").await;
    let mobile = group_id(&b, "Mobile").await;
    let archive = group_id(&b, "Archive").await;
    let all = videos(&b).await;
    for g in [&no_transcode, &standard, &mobile, &archive] {
        let n = all.iter().filter(|v| &v.template_group_id == g).count();
        assert!(n >= 20, "{n} demo videos in {g}");
    }
    for v in &all {
        let transcoded = v.template_group_id != no_transcode;
        assert_eq!(v.transcode_mode, if transcoded { "FastTranscode" } else { "NoTranscode" }, "{}", v.video_id);
        if matches!(v.status.as_str(), "Transcoding" | "TranscodeFail") {
            assert!(transcoded, "{} is {} without transcoding", v.video_id, v.status);
        }
    }
    let normal = |group: &str, pred: &dyn Fn(&Video) -> bool| {
        all.iter()
            .find(|v| v.status == "Normal" && v.template_group_id == group && pred(v))
            .unwrap_or_else(|| panic!("no Normal demo video in {group}"))
            .clone()
    };

    // No transcoding: the original file, when its format plays as it is; else stored only.
    for format in ["mp4", "flv"] {
        let v = normal(&no_transcode, &|v| ext(v) == format);
        assert_eq!(play_pairs(&b, &v.video_id).await, [(format.to_string(), "OD".to_string())], "{format}");
        let got = ok(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
        let od = &got["PlayInfoList"]["PlayInfo"][0];
        assert_eq!(od["Size"], v.size);
        assert!(od.get("JobId").is_none(), "no transcoding job behind the original: {od}");
        assert!(od["PlayURL"].as_str().unwrap().contains(&format!("/od.{format}?")));
    }
    for format in ["mov", "mkv"] {
        let v = normal(&no_transcode, &|v| ext(v) == format);
        let e = err(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
        assert_eq!((e.code.as_str(), e.status), ("InvalidVideo.NoneStream", 404), "{format}");
    }

    // Transcoding groups: their outputs up to the source size, at least the smallest.
    let v = normal(&standard, &|v| v.media_type == "video" && v.height >= 1080);
    let pairs = play_pairs(&b, &v.video_id).await;
    assert_eq!(pairs, [("m3u8", "LD"), ("m3u8", "SD"), ("m3u8", "HD")].map(|(f, d)| (f.to_string(), d.to_string())));
    let v = normal(&standard, &|v| v.media_type == "video" && v.height < 720);
    assert_eq!(play_pairs(&b, &v.video_id).await, [("m3u8".to_string(), "LD".to_string())]);
    let e = err(&b, "GetPlayInfo", &[("VideoId", &v.video_id), ("Formats", "mp4")]).await;
    assert_eq!(e.code, "InvalidVideo.NoneStream");
    let v = normal(&archive, &|v| v.media_type == "video");
    let pairs = play_pairs(&b, &v.video_id).await;
    assert!(!pairs.is_empty() && pairs.iter().all(|(f, d)| f == "mp4" && ["HD", "2K", "4K"].contains(&d.as_str())), "{pairs:?}");
    // Audio that is transcoded plays as MP3 (the seed's Format for audio only).
    let audio = all
        .iter()
        .find(|v| v.status == "Normal" && v.media_type == "audio" && v.template_group_id != no_transcode)
        .expect("a transcoded demo audio");
    assert_eq!(
        play_pairs(&b, &audio.video_id).await,
        [("mp3", "SQ"), ("mp3", "HQ")].map(|(f, d)| (f.to_string(), d.to_string()))
    );
}

#[tokio::test]
async fn uploads_follow_their_group_transcoded_or_not() {
    let (b, _d) = backend().await;
    let standard = group_id(&b, "Standard HLS").await;
    let complete = |id: String| {
        let b = b.clone();
        async move {
            let target = store::load_all::<UploadTarget>(&b.pool)
                .await
                .unwrap()
                .into_iter()
                .find(|t| t.media_id == id)
                .unwrap();
            let file = format!("{id}.mp4");
            std::fs::write(b.objects_dir().join(&file), crate::assets::CLIP_MP4).unwrap();
            upload::complete_upload(&b, &target, &file, crate::assets::CLIP_MP4.len() as i64).await.unwrap();
        }
    };
    let status = |id: String| {
        let b = b.clone();
        async move { ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await["Video"].clone() }
    };

    // Without a group: the account default, "Standard HLS", which transcodes.
    let plain = ok(&b, "CreateUploadVideo", &[("Title", "t"), ("FileName", "a.mp4")]).await;
    let plain = plain["VideoId"].as_str().unwrap().to_string();
    let stored = |id: String| {
        let b = b.clone();
        async move { store::get::<Video>(&b.pool, &id).await.unwrap().unwrap() }
    };
    let v = stored(plain.clone()).await;
    assert_eq!((v.template_group_id.as_str(), v.transcode_mode.as_str()), (standard.as_str(), "FastTranscode"));
    complete(plain.clone()).await;
    assert_eq!(status(plain.clone()).await["Status"], "Transcoding");
    b.advance_clock(5);
    assert_eq!(status(plain.clone()).await["Status"], "Normal");
    assert!(play_pairs(&b, &plain).await.iter().all(|(f, _)| f == "m3u8"));

    // VOD_NO_TRANSCODE: never transcoded, playable at once, the original only.
    let raw = ok(
        &b,
        "CreateUploadVideo",
        &[("Title", "t"), ("FileName", "b.mp4"), ("TemplateGroupId", crate::demo::NO_TRANSCODE_GROUP)],
    )
    .await;
    let raw = raw["VideoId"].as_str().unwrap().to_string();
    assert_eq!(stored(raw.clone()).await.transcode_mode, "NoTranscode");
    complete(raw.clone()).await;
    let info = status(raw.clone()).await;
    assert_eq!(info["Status"], "Normal");
    assert_eq!(play_pairs(&b, &raw).await, [("mp4".to_string(), "OD".to_string())]);
    // Nothing is pending for it: it stays Normal.
    b.advance_clock(5);
    assert_eq!(status(raw).await["Status"], "Normal");
}

#[tokio::test]
async fn a_data_set_with_groups_stored_before_outputs_gets_them_on_open() {
    let (b, d) = backend().await;
    let mut groups = store::load_all::<crate::store::TemplateGroup>(&b.pool).await.unwrap();
    for g in &mut groups {
        g.outputs.clear();
    }
    store::put_many(&b.pool, &groups).await.unwrap();
    b.pool.close().await;
    let b = Backend::open(&d.0, false).await.unwrap();
    let groups = store::load_all::<crate::store::TemplateGroup>(&b.pool).await.unwrap();
    assert_eq!(groups.iter().filter(|g| !g.outputs.is_empty()).count(), 3);
}

#[tokio::test]
async fn the_list_the_read_only_set_and_the_dispatch_agree() {
    let (b, _d) = backend().await;
    let mut names: Vec<&str> = ACTIONS.to_vec();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ACTIONS.len(), "no action is declared twice");
    assert_eq!(SERVED.iter().map(|s| s.name).collect::<Vec<_>>(), ACTIONS);
    for served in SERVED {
        // The read-only set is the client's table's.
        assert_eq!(served.read_only, vod::spec::find(served.name).unwrap().read_only, "{}", served.name);
        assert_eq!(is_read_only(served.name), served.read_only);
        assert!(is_known(served.name));
        // Every listed action reaches a handler: whatever it answers without parameters,
        // it is not the answer to an action without one.
        if let Err(e) = call(&b, served.name, &[]).await {
            assert_ne!(e.code, "Emulator.ActionNotImplemented", "{}", served.name);
        }
    }
    // And nothing else does.
    for name in ["GetTranscodeTemplateGroup", "NoSuchAction"] {
        assert!(!is_known(name) && !is_read_only(name));
        let e = err(&b, name, &[]).await;
        assert_eq!((e.code.as_str(), e.status), ("Emulator.ActionNotImplemented", 501), "{name}");
    }
}
