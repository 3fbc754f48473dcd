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
    assert!(matches!(e, vod::Error::Api(_)), "{e:?}");
    assert_eq!(e.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(e.http_status(), Some(400));
    assert!(!e.is_retryable());
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
    assert_eq!(e.http_status(), Some(404));
    assert!(!e.is_retryable());
    assert!(!format!("{e} {e:?}").contains("LTAI5tSomeoneElse"));
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
    assert_refused(
        &e,
        "Throttling.User",
        400,
        "Request was denied due to user flow throttling.",
    );
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

// ---------------------------------------------------------------------------------------
// The gateway's negative cases, as tests/conformance/test_gateway.py runs them with the
// official SDKs, with the codes and statuses of GATEWAY.md.

/// The checks every refusal must pass: a typed API error with the exact code, status and
/// message, a RequestId, the right retry classification, and no credential in any rendering.
fn assert_refused(e: &vod::Error, code: &str, status: u16, message: &str) {
    assert!(matches!(e, vod::Error::Api(_)), "not an API error: {e:?}");
    assert_eq!(e.code(), Some(code), "{e}");
    assert_eq!(e.http_status(), Some(status), "{e}");
    assert_eq!(e.message(), Some(message), "{e}");
    assert!(e.request_id().is_some(), "{e}");
    assert_eq!(e.is_retryable(), code.starts_with("Throttling"), "{e}");
    assert_eq!(e.was_not_processed(), code.starts_with("Throttling"), "{e}");
    assert_no_credentials(e);
}

fn assert_no_credentials(e: &vod::Error) {
    let text = format!("{e} {e:?}");
    assert!(
        !text.contains(DEMO_ACCESS_KEY_ID) && !text.contains(DEMO_ACCESS_KEY_SECRET),
        "{text}"
    );
}

/// A client with the demo credentials whose clock runs `minutes` off the real one.
fn skewed_client(base_url: &str, minutes: i64) -> Client {
    let config = ClientConfig::with_endpoint(base_url, "cn-shanghai")
        .timeout(Duration::from_secs(5))
        .clock(move || time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes));
    Client::new(
        Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET),
        config,
    )
    .unwrap()
}

/// A nonce source that always answers the same nonce.
struct FixedNonce(String);

impl vod::NonceSource for FixedNonce {
    fn nonce(&self) -> String {
        self.0.clone()
    }
}

fn fixed_nonce_client(base_url: &str, id: &str, nonce: &str) -> Client {
    let config = ClientConfig::with_endpoint(base_url, "cn-shanghai")
        .timeout(Duration::from_secs(5))
        .nonce_source(FixedNonce(nonce.to_string()));
    Client::new(Credentials::new(id, DEMO_ACCESS_KEY_SECRET), config).unwrap()
}

/// `YYYY-MM-DDThh:mm:ssZ`, the shape the gateway accepts.
fn gateway_timestamp(t: time::OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Signs a GetCategories call by hand with `vod::signature`, the common parameters
/// replaced by `overrides`, sends it as the client does (POST, everything in the query
/// string) and returns the HTTP status and the JSON envelope. For requests the typed
/// client never builds (a malformed Timestamp, another API version).
async fn send_signed_by_hand(
    base_url: &str,
    overrides: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let timestamp = gateway_timestamp(time::OffsetDateTime::now_utc());
    let nonce = uuid::Uuid::new_v4().to_string();
    let mut params: Vec<(&str, &str)> = vec![
        ("Action", "GetCategories"),
        ("Format", "JSON"),
        ("Version", vod::API_VERSION),
        ("AccessKeyId", DEMO_ACCESS_KEY_ID),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("Timestamp", &timestamp),
        ("SignatureNonce", &nonce),
    ];
    for (name, value) in overrides {
        match params.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => params.push((name, value)),
        }
    }
    let signature = vod::signature::sign(DEMO_ACCESS_KEY_SECRET, "POST", params.iter().copied());
    let url = format!(
        "{base_url}/?{}&Signature={}",
        vod::signature::canonical_query(params.iter().copied()),
        vod::signature::percent_encode(&signature)
    );
    let response = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body("")
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    let envelope = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    (status, envelope)
}

/// The raw error envelope: exact code, status and message, an upper-case RequestId, and
/// nothing of the credentials.
fn assert_refused_envelope(
    (status, envelope): &(u16, serde_json::Value),
    code: &str,
    http: u16,
    message: &str,
) {
    assert_eq!(*status, http, "{envelope}");
    assert_eq!(envelope["Code"], code, "{envelope}");
    assert_eq!(envelope["Message"], message, "{envelope}");
    let request_id = envelope["RequestId"].as_str().unwrap_or_default();
    assert!(
        request_id.len() == 36 && request_id == request_id.to_uppercase(),
        "{envelope}"
    );
    let text = envelope.to_string();
    assert!(
        !text.contains(DEMO_ACCESS_KEY_ID) && !text.contains(DEMO_ACCESS_KEY_SECRET),
        "{text}"
    );
    // The crate's classification of the same envelope (its body parser is internal, so
    // the error is rebuilt from the fields the gateway sent).
    let e = vod::Error::from(vod::ApiError::new(
        "GetCategories",
        code,
        message,
        request_id,
        *status,
    ));
    assert!(!e.is_retryable() && !e.was_not_processed(), "{e}");
}

#[tokio::test]
async fn timestamps_more_than_fifteen_minutes_off_are_expired() {
    let env = start(|_| {}).await;
    // Past and future alike, as in the conformance suite.
    for minutes in [-16, 16, -120, 24 * 60] {
        let e = skewed_client(&env.base_url, minutes)
            .call(&GetCategories::default())
            .await
            .unwrap_err();
        assert_refused(
            &e,
            "InvalidTimeStamp.Expired",
            400,
            "Specified time stamp or date value is expired.",
        );
    }
}

#[tokio::test]
async fn timestamps_within_fifteen_minutes_are_accepted() {
    let env = start(|_| {}).await;
    for minutes in [-14, 14] {
        let r = skewed_client(&env.base_url, minutes)
            .call(&GetCategories::default())
            .await
            .unwrap_or_else(|e| panic!("{minutes} minutes off: {e}"));
        assert!(!r.request_id.is_empty());
    }
}

#[tokio::test]
async fn malformed_timestamps_are_refused_with_the_format_code() {
    let env = start(|_| {}).await;
    let now = time::OffsetDateTime::now_utc();
    let today = gateway_timestamp(now);
    let stamps = [
        "2017-3-29T12:00:00Z".to_string(),
        today.replace('T', " ").trim_end_matches('Z').to_string(),
        today.replace('Z', ".000Z"),
        today.replace('Z', "+00:00"),
        today.trim_end_matches('Z').to_string(),
        "now".to_string(),
    ];
    for stamp in &stamps {
        let answer = send_signed_by_hand(&env.base_url, &[("Timestamp", stamp)]).await;
        assert_refused_envelope(
            &answer,
            "InvalidTimeStamp.Format",
            400,
            "Specified time stamp or date value is not well formatted.",
        );
    }
    // The same request with a well-formed Timestamp passes: only the stamp was refused.
    let (status, envelope) = send_signed_by_hand(&env.base_url, &[]).await;
    assert_eq!(status, 200, "{envelope}");

    // The typed client formats every clock reading as YYYY-MM-DDThh:mm:ssZ, so it sends a
    // malformed Timestamp only from a clock before year 0 ("-001-..."); the answer must
    // still arrive as a typed error.
    let config = ClientConfig::with_endpoint(&env.base_url, "cn-shanghai")
        .timeout(Duration::from_secs(5))
        .clock(|| time::macros::datetime!(-0001-06-01 12:00:00 UTC));
    let broken_clock = Client::new(
        Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET),
        config,
    )
    .unwrap();
    let e = broken_clock
        .call(&GetCategories::default())
        .await
        .unwrap_err();
    assert_refused(
        &e,
        "InvalidTimeStamp.Format",
        400,
        "Specified time stamp or date value is not well formatted.",
    );
}

#[tokio::test]
async fn a_reused_nonce_is_refused() {
    let env = start(|_| {}).await;
    let nonce = uuid::Uuid::new_v4().to_string();
    let c = fixed_nonce_client(&env.base_url, DEMO_ACCESS_KEY_ID, &nonce);
    c.call(&GetCategories::default()).await.unwrap();
    let e = c.call(&GetCategories::default()).await.unwrap_err();
    assert_refused(
        &e,
        "SignatureNonceUsed",
        400,
        "Specified signature nonce was used already.",
    );
    // A retrying call re-signs, but with the same nonce every attempt is refused, and the
    // refusal is not retried.
    let e = c
        .call_with_retry(
            &GetCategories::default(),
            RetryPolicy::attempts(3)
                .base_delay(Duration::from_millis(10))
                .jitter(false),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("SignatureNonceUsed"), "{e}");
}

#[tokio::test]
async fn a_nonce_is_used_per_access_key_and_only_by_admitted_calls() {
    let env = start(|_| {}).await;
    let nonce = uuid::Uuid::new_v4().to_string();
    // A call refused for its unknown key does not use up the nonce for the real key.
    let e = fixed_nonce_client(&env.base_url, "LTAI5tNobodyKnowsMe", &nonce)
        .call(&GetCategories::default())
        .await
        .unwrap_err();
    assert_refused(
        &e,
        "InvalidAccessKeyId.NotFound",
        404,
        "Specified access key is not found.",
    );
    assert!(!format!("{e} {e:?}").contains("LTAI5tNobodyKnowsMe"));
    fixed_nonce_client(&env.base_url, DEMO_ACCESS_KEY_ID, &nonce)
        .call(&GetCategories::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_unknown_action_is_not_found() {
    let env = start(|_| {}).await;
    let e = env
        .client
        .call_raw("NoSuchAction", vec![])
        .await
        .unwrap_err();
    assert_refused(
        &e,
        "InvalidAction.NotFound",
        404,
        "Specified api is not found, please check your url and method.",
    );
    // The action is checked before the signature: a wrong secret gets the same answer.
    let wrong = client_for(&env.base_url, DEMO_ACCESS_KEY_ID, "not-the-secret");
    let e = wrong.call_raw("NoSuchAction", vec![]).await.unwrap_err();
    assert_eq!(e.code(), Some("InvalidAction.NotFound"), "{e}");
    assert_eq!(e.http_status(), Some(404));
    assert!(!format!("{e} {e:?}").contains("not-the-secret"));
}

#[tokio::test]
async fn a_wrong_version_is_refused() {
    let env = start(|_| {}).await;
    // The typed client always names 2017-03-21, so this request is signed by hand.
    let answer = send_signed_by_hand(&env.base_url, &[("Version", "2014-05-26")]).await;
    assert_refused_envelope(
        &answer,
        "InvalidVersion",
        400,
        "Specified parameter Version is not valid.",
    );
}

#[tokio::test]
async fn batches_of_more_than_twenty_ids_are_refused() {
    let env = start(|_| {}).await;
    let c = &env.client;
    let ids = |n: usize| -> Vec<String> { (0..n).map(|i| format!("{i:032x}")).collect() };

    let e = c
        .call(&GetVideoInfos {
            video_ids: ids(21),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_refused(
        &e,
        "VideoIdsExceededMax",
        400,
        "The VideoIds exceeded maximum.",
    );

    let e = c.call(&DeleteImage::ImageIds(ids(21))).await.unwrap_err();
    assert_refused(
        &e,
        "ImageIdsExceededMax",
        400,
        "The ImageIds exceeded maximum.",
    );

    let e = c
        .call(&GetImageInfos {
            image_ids: ids(21),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_refused(
        &e,
        "ImageIdsExceededMax",
        400,
        "The ImageIds exceeded maximum.",
    );

    // Twenty is the limit, not one past it.
    let r = c
        .call(&GetVideoInfos {
            video_ids: ids(20),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(r.non_exist_video_ids.len(), 20);
    // DeleteImage refuses a batch in which nothing exists (NoSuchResource), so the
    // twenty hold one real image.
    let image = c
        .call(&SearchMedia {
            search_type: Some("image".into()),
            page_size: Some(1),
            ..Default::default()
        })
        .await
        .unwrap()
        .media_list
        .into_iter()
        .find_map(|m| m.image)
        .expect("the demo data has images");
    let mut twenty = ids(19);
    twenty.push(image.image_id.clone());
    let r = c.call(&DeleteImage::ImageIds(twenty)).await.unwrap();
    assert!(!r.request_id.is_empty());
    let e = c
        .call(&GetImageInfo::new(&image.image_id))
        .await
        .unwrap_err();
    assert_eq!(e.http_status(), Some(404), "{e}");
}
