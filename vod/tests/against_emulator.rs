//! Every typed action against the local VOD emulator (`emulator::spawn`), over HTTP with
//! real signatures: the emulator verifies them with the same rules as the gateway and
//! answers with the real JSON nesting, so this proves the request names and the response
//! shapes end to end.

use std::time::Duration;

use emulator::config::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET};
use emulator::{EmulatorConfig, RunningEmulator};
use vod::api::*;
use vod::signature::percent_decode;
use vod::{Client, ClientConfig, Credentials, RetryPolicy, SignatureDiagnosis};

struct Env {
    _emulator: RunningEmulator,
    _dir: tempfile::TempDir,
    client: Client,
    base_url: String,
}

async fn start(configure: impl FnOnce(&mut EmulatorConfig)) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let mut config = EmulatorConfig::new(dir.path());
    config.reset = true;
    config.throttle = false;
    configure(&mut config);
    let emulator = emulator::spawn(config).await.unwrap();
    let base_url = emulator.base_url();
    let client = client_for(&base_url, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET);
    Env {
        _emulator: emulator,
        _dir: dir,
        client,
        base_url,
    }
}

fn client_for(base_url: &str, id: &str, secret: &str) -> Client {
    let config =
        ClientConfig::with_endpoint(base_url, "cn-shanghai").timeout(Duration::from_secs(5));
    Client::new(Credentials::new(id, secret), config).unwrap()
}

async fn first_normal_video(c: &Client) -> Video {
    let list = c
        .call(&GetVideoList {
            status: Some("Normal".into()),
            page_no: Some(1),
            page_size: Some(20),
            ..Default::default()
        })
        .await
        .unwrap();
    list.video_list
        .into_iter()
        .next()
        .expect("the demo data has Normal videos")
}

#[tokio::test]
async fn media_reads() {
    let env = start(|_| {}).await;
    let c = &env.client;

    let list = c
        .call(&GetVideoList {
            status: Some("Normal".into()),
            page_no: Some(1),
            page_size: Some(20),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!list.request_id.is_empty());
    assert!(list.total.unwrap() > 0);
    assert!(!list.video_list.is_empty() && list.video_list.len() <= 20);
    assert!(list.video_list.iter().all(|v| v.status == "Normal"));
    let video = list.video_list[0].clone();
    assert_eq!(video.video_id.len(), 32);

    let info = c.call(&GetVideoInfo::new(&video.video_id)).await.unwrap();
    assert_eq!(info.video.video_id, video.video_id);
    assert_eq!(info.video.title, video.title);

    let infos = c
        .call(&GetVideoInfos {
            video_ids: vec![video.video_id.clone(), "0".repeat(32)],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(infos.video_list.len(), 1);
    assert_eq!(infos.non_exist_video_ids, vec!["0".repeat(32)]);

    let found = c
        .call(&SearchMedia {
            page_size: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(found.total.unwrap() > 0);
    assert!(!found.media_list.is_empty());
    assert!(found
        .media_list
        .iter()
        .all(|m| m.media_type == "video" && m.video.is_some()));

    let mezz = c
        .call(&GetMezzanineInfo {
            video_id: video.video_id.clone(),
            addition_type: Some("video,audio".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(mezz.mezzanine.video_id, video.video_id);
    assert!(!mezz.mezzanine.file_url.is_empty());

    let play = c.call(&GetPlayInfo::new(&video.video_id)).await.unwrap();
    assert_eq!(play.video_base.video_id, video.video_id);
    assert!(!play.play_info_list.is_empty());
    assert!(play.play_info_list.iter().all(|p| !p.play_url.is_empty()));

    let snaps = c
        .call(&ListSnapshots {
            video_id: video.video_id.clone(),
            snapshot_type: Some("CoverSnapshot".into()),
            ..Default::default()
        })
        .await;
    match snaps {
        Ok(s) => assert!(
            s.media_snapshot.total.unwrap_or(0) as usize >= s.media_snapshot.snapshots.len()
        ),
        Err(e) => assert_eq!(e.code(), Some("NoSuchResource"), "{e}"),
    }

    let missing = c
        .call(&GetVideoInfo::new("f".repeat(32)))
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Some("InvalidVideo.NotFound"));
    assert_eq!(missing.http_status(), Some(404));
    assert!(missing.request_id().is_some());
}

#[tokio::test]
async fn media_writes() {
    let env = start(|_| {}).await;
    let c = &env.client;
    let list = c
        .call(&GetVideoList {
            // Blocked videos are reported as forbidden by batch edits; use editable ones.
            status: Some("Normal".into()),
            page_size: Some(3),
            ..Default::default()
        })
        .await
        .unwrap();
    let ids: Vec<String> = list.video_list.iter().map(|v| v.video_id.clone()).collect();
    assert_eq!(ids.len(), 3);

    c.call(&UpdateVideoInfo {
        video_id: ids[0].clone(),
        title: Some("新标题 New title".into()),
        tags: Some(vec!["rust".into(), "控制台".into()]),
        description: Some("desc".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let v = c.call(&GetVideoInfo::new(&ids[0])).await.unwrap().video;
    assert_eq!(v.title, "新标题 New title");
    assert_eq!(v.tags, "rust,控制台");
    assert_eq!(v.description, "desc");

    let missing = "e".repeat(32);
    let r = c
        .call(&UpdateVideoInfos {
            update_content: vec![
                VideoUpdate {
                    video_id: ids[1].clone(),
                    title: Some("Batch one".into()),
                    ..Default::default()
                },
                VideoUpdate {
                    video_id: missing.clone(),
                    title: Some("Nobody".into()),
                    ..Default::default()
                },
            ],
        })
        .await
        .unwrap();
    assert_eq!(r.non_exist_video_ids, vec![missing.clone()]);
    assert_eq!(
        c.call(&GetVideoInfo::new(&ids[1]))
            .await
            .unwrap()
            .video
            .title,
        "Batch one"
    );

    let r = c
        .call(&DeleteVideo {
            video_ids: vec![ids[2].clone(), missing.clone()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(r.non_exist_video_ids, vec![missing]);
    let e = c.call(&GetVideoInfo::new(&ids[2])).await.unwrap_err();
    assert_eq!(e.code(), Some("InvalidVideo.NotFound"));
}

#[tokio::test]
async fn images() {
    let env = start(|_| {}).await;
    let c = &env.client;
    let found = c
        .call(&SearchMedia {
            search_type: Some("image".into()),
            page_size: Some(10),
            ..Default::default()
        })
        .await
        .unwrap();
    let images: Vec<Image> = found
        .media_list
        .into_iter()
        .filter_map(|m| m.image)
        .collect();
    assert!(images.len() >= 3, "the demo data has images");
    let id = images[0].image_id.clone();

    let info = c.call(&GetImageInfo::new(&id)).await.unwrap();
    assert_eq!(info.image_info.image_id, id);
    assert!(!info.image_info.url.is_empty());

    let infos = c
        .call(&GetImageInfos {
            image_ids: vec![id.clone(), images[1].image_id.clone(), "d".repeat(32)],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(infos.image_info.len(), 2);
    assert_eq!(infos.non_exist_image_ids, vec!["d".repeat(32)]);

    let r = c
        .call(&UpdateImageInfos {
            update_content: vec![
                ImageUpdate {
                    image_id: id.clone(),
                    title: Some("图片 Image".into()),
                    tags: Some(vec!["a".into()]),
                    ..Default::default()
                },
                ImageUpdate {
                    image_id: "c".repeat(32),
                    title: Some("x".into()),
                    ..Default::default()
                },
            ],
        })
        .await
        .unwrap();
    assert_eq!(r.non_exist_image_ids, vec!["c".repeat(32)]);
    assert_eq!(
        c.call(&GetImageInfo::new(&id))
            .await
            .unwrap()
            .image_info
            .title,
        "图片 Image"
    );

    // By ID.
    c.call(&DeleteImage::ImageIds(vec![id.clone()]))
        .await
        .unwrap();
    assert!(c.call(&GetImageInfo::new(&id)).await.is_err());

    // By URL: the URL that GetImageInfo hands out.
    let by_url = images[2].image_id.clone();
    let url = c
        .call(&GetImageInfo::new(&by_url))
        .await
        .unwrap()
        .image_info
        .url;
    c.call(&DeleteImage::ImageUrls(vec![url])).await.unwrap();
    assert!(c.call(&GetImageInfo::new(&by_url)).await.is_err());

    // A video's images, by kind and all of them.
    let video = first_normal_video(c).await;
    c.call(&DeleteImage::VideoImages {
        video_id: video.video_id.clone(),
        image_type: VideoImageSelection::Only(vec![VideoImageType::SpriteSnapshot]),
    })
    .await
    .unwrap();
    c.call(&DeleteImage::VideoImages {
        video_id: video.video_id,
        image_type: VideoImageSelection::All,
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn categories() {
    let env = start(|_| {}).await;
    let c = &env.client;
    let top = c
        .call(&GetCategories {
            page_size: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(top.sub_total.unwrap() > 0);
    assert!(!top.sub_categories.is_empty());
    assert!(top.sub_categories.iter().all(|cat| cat.level == Some(0)));

    let parent = top.sub_categories[0].cate_id.unwrap();
    let added = c
        .call(&AddCategory {
            cate_name: "新分类 New".into(),
            parent_id: Some(parent),
            ..Default::default()
        })
        .await
        .unwrap();
    let id = added.category.cate_id.expect("a new category ID");
    assert_eq!(added.category.parent_id, Some(parent));
    assert_eq!(added.category.level, Some(1));

    c.call(&UpdateCategory {
        cate_id: id,
        cate_name: "改名 Renamed".into(),
    })
    .await
    .unwrap();
    let node = c
        .call(&GetCategories {
            cate_id: Some(id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(node.category.cate_name, "改名 Renamed");
    assert_eq!(node.sub_total, Some(0));

    let children = c
        .call(&GetCategories {
            cate_id: Some(parent),
            page_size: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(children
        .sub_categories
        .iter()
        .any(|cat| cat.cate_id == Some(id)));

    c.call(&DeleteCategory { cate_id: id }).await.unwrap();
    let e = c
        .call(&GetCategories {
            cate_id: Some(id),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("InvalidCateId.NotFound"));
}

#[tokio::test]
async fn uploads() {
    let env = start(|_| {}).await;
    let c = &env.client;
    let v = c
        .call(&CreateUploadVideo {
            title: "上传 Upload".into(),
            file_name: "clip.mp4".into(),
            file_size: Some(1024),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(v.video_id.len(), 32);
    assert!(!v.upload_address.is_empty() && !v.upload_auth.is_empty());
    let info = c.call(&GetVideoInfo::new(&v.video_id)).await.unwrap();
    assert_eq!(info.video.title, "上传 Upload");

    let i = c
        .call(&CreateUploadImage {
            image_ext: Some("jpg".into()),
            title: Some("cover".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!i.image_id.is_empty() && !i.image_url.is_empty());

    let source = "https://media.example.com/a b/视频,1.mp4".to_string();
    let pulled = c
        .call(&UploadMediaByURL {
            upload_urls: vec![source.clone()],
            upload_metadatas: vec![UploadMetadata {
                source_url: source.clone(),
                title: "Pulled".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(pulled.upload_jobs.len(), 1);
    // VOD echoes the URL as it was sent (URL-encoded); compare decoded.
    assert_eq!(percent_decode(&pulled.upload_jobs[0].source_url), source);
    let job = pulled.upload_jobs[0].job_id.clone();

    let infos = c
        .call(&GetURLUploadInfos {
            job_ids: vec![job.clone(), "nojob".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(infos.url_upload_info_list.len(), 1);
    assert_eq!(infos.url_upload_info_list[0].job_id, job);
    assert_eq!(
        percent_decode(&infos.url_upload_info_list[0].upload_url),
        source
    );
    assert_eq!(infos.non_exists, vec!["nojob"]);

    let by_url = c
        .call(&GetURLUploadInfos {
            upload_urls: vec![source.clone()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_url.url_upload_info_list[0].job_id, job);

    let refreshed = c
        .call(&RefreshUploadVideo {
            video_id: v.video_id.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(refreshed.video_id, v.video_id);
    assert!(!refreshed.upload_auth.is_empty());

    let details = c
        .call(&GetUploadDetails {
            media_ids: vec![v.video_id.clone(), "b".repeat(32)],
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(details
        .upload_details
        .iter()
        .all(|d| d.media_id == v.video_id));
    assert_eq!(details.non_exist_media_ids, vec!["b".repeat(32)]);
}

#[tokio::test]
async fn play_credentials_and_attached_media() {
    let env = start(|_| {}).await;
    let c = &env.client;
    let video = first_normal_video(c).await;
    let auth = c
        .call(&GetVideoPlayAuth {
            auth_info_timeout: Some(300),
            ..GetVideoPlayAuth::new(&video.video_id)
        })
        .await
        .unwrap();
    assert!(!auth.play_auth.is_empty());
    assert_eq!(auth.video_meta.video_id, video.video_id);
    assert_eq!(auth.video_meta.title, video.title);

    let found = c
        .call(&SearchMedia {
            search_type: Some("attached".into()),
            page_size: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    let attached: Vec<AttachedMedia> = found
        .media_list
        .into_iter()
        .filter_map(|m| m.attached_media)
        .collect();
    assert!(!attached.is_empty(), "the demo data has attached media");
    let id = attached[0].media_id.clone();

    let info = c
        .call(&GetAttachedMediaInfo {
            media_ids: vec![id.clone(), "a".repeat(32)],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(info.attached_media_list.len(), 1);
    assert_eq!(info.attached_media_list[0].media_id, id);
    assert_eq!(info.non_exist_media_ids, vec!["a".repeat(32)]);

    let r = c
        .call(&UpdateAttachedMediaInfos {
            update_content: vec![AttachedMediaUpdate {
                media_id: id.clone(),
                title: Some("水印 Watermark".into()),
                ..Default::default()
            }],
        })
        .await
        .unwrap();
    assert!(r.non_exist_media_ids.is_empty());
    let info = c
        .call(&GetAttachedMediaInfo {
            media_ids: vec![id.clone()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(info.attached_media_list[0].title, "水印 Watermark");

    let r = c
        .call(&DeleteAttachedMedia {
            media_ids: vec![id.clone()],
        })
        .await
        .unwrap();
    assert!(r.non_exist_media_ids.is_empty());
    let info = c
        .call(&GetAttachedMediaInfo {
            media_ids: vec![id.clone()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(info.non_exist_media_ids, vec![id]);
}

#[tokio::test]
async fn credentials_errors_are_typed_and_diagnosed() {
    let env = start(|_| {}).await;
    let wrong = client_for(&env.base_url, DEMO_ACCESS_KEY_ID, "not-the-secret");
    let e = wrong.call(&GetCategories::default()).await.unwrap_err();
    assert_eq!(e.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(
        e.signature_diagnosis(),
        Some(&SignatureDiagnosis::WrongSecret)
    );
    let text = format!("{e} {e:?}");
    assert!(
        !text.contains(DEMO_ACCESS_KEY_ID) && !text.contains("not-the-secret"),
        "{text}"
    );

    let unknown = client_for(&env.base_url, "LTAI5tSomeoneElse", DEMO_ACCESS_KEY_SECRET);
    let e = unknown.call(&GetCategories::default()).await.unwrap_err();
    assert_eq!(e.code(), Some("InvalidAccessKeyId.NotFound"));
    assert!(!e.to_string().contains("LTAI5tSomeoneElse"));
}

#[tokio::test]
async fn throttling_and_hangs_map_to_retryable_errors() {
    let env = start(|c| {
        c.faults.throttle = vec!["GetCategories".into()];
        c.faults.hang = vec!["GetVideoList".into()];
    })
    .await;
    let e = env
        .client
        .call_with_retry(
            &GetCategories::default(),
            RetryPolicy::attempts(2)
                .base_delay(Duration::from_millis(10))
                .jitter(false),
        )
        .await
        .unwrap_err();
    assert!(e.code().unwrap().starts_with("Throttling"), "{e}");
    assert!(e.is_retryable() && e.was_not_processed());

    let quick = Client::new(
        Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET),
        ClientConfig::with_endpoint(&env.base_url, "cn-shanghai")
            .timeout(Duration::from_millis(300)),
    )
    .unwrap();
    let e = quick.call(&GetVideoList::default()).await.unwrap_err();
    assert!(matches!(e, vod::Error::Timeout { .. }), "{e:?}");
}
