//! Tests of the backend (opening, reopening, resetting, the demo data set it builds),
//! of `dispatch` and the served-action table, and of rules that span several actions.
//! Each action module's own tests sit at its end; the shared helpers are in
//! `test_support`.

use serde_json::Value;

use super::test_support::*;
use super::*;
use crate::store::{self, Category, Image, UploadTarget};

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
async fn a_data_set_built_before_template_groups_gets_them_on_open() {
    let (b, d) = backend().await;
    sqlx::query("DELETE FROM template_groups").execute(&b.pool).await.unwrap();
    b.pool.close().await;
    let b = Backend::open(&d.0, false).await.unwrap();
    let got = ok(&b, "ListTranscodeTemplateGroup", &[]).await;
    assert_eq!(got["TranscodeTemplateGroupList"].as_array().unwrap().len(), 4);
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
    // And nothing else does (every action of the client's table is served).
    for name in ["NoSuchAction"] {
        assert!(!is_known(name) && !is_read_only(name));
        let e = err(&b, name, &[]).await;
        assert_eq!((e.code.as_str(), e.status), ("Emulator.ActionNotImplemented", 501), "{name}");
    }
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
