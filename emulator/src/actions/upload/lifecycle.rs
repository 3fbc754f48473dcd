//! How uploads and URL pull jobs move through their statuses over time.
//!
//! A new video starts as `Uploading`; when its source has arrived (an upload completes
//! or a pull job succeeds) it goes to `Transcoding` and, [`TRANSCODE_MS`] later, to
//! `Normal`, or to `Normal` at once in the no-transcode group. Changes that fall due
//! later are recorded as `pending:` keys and applied by [`settle`], which runs before
//! each action, so state is always current without background timers. A pull job's
//! status is derived from the time since it was created ([`job_status`]).
//! GetUploadDetails reports where uploads are.

use serde_json::{json, Value};

use super::AUDIO_EXTENSIONS;
use crate::actions::rules::{self, iso};
use crate::actions::template;
use crate::actions::{ActionRequest, Backend};
use crate::demo;
use crate::error::ApiError;
use crate::store::{self, Image, UploadTarget, UrlJob, Video};

/// How long a URL pull job takes from PENDING to its final status.
pub const PULL_MS: i64 = 4_000;
/// How long the Transcoding step after an upload takes.
pub const TRANSCODE_MS: i64 = 3_000;

/// A new video record in `Uploading` status, in `template_group`.
#[allow(clippy::too_many_arguments)]
pub(super) fn new_video(
    b: &Backend,
    id: &str,
    title: &str,
    file_name: &str,
    ext: &str,
    location: String,
    cate_id: Option<i64>,
    app_id: &str,
    template_group: String,
) -> Video {
    let now = b.now();
    let audio = AUDIO_EXTENSIONS.contains(&ext);
    Video {
        video_id: id.to_string(),
        title: title.to_string(),
        description: String::new(),
        tags: String::new(),
        cate_id,
        status: "Uploading".into(),
        media_type: if audio {
            "audio".into()
        } else {
            "video".into()
        },
        duration: 0.0,
        size: 0,
        creation_time: now,
        modification_time: now,
        storage_location: location,
        app_id: app_id.to_string(),
        reference_id: None,
        custom_cover_url: None,
        user_data: None,
        transcode_mode: template::transcode_mode(&template_group).into(),
        template_group_id: template_group,
        download_switch: "on".into(),
        storage_class: "Standard".into(),
        media_source: "general".into(),
        preprocess_status: "UnPreprocess".into(),
        audit_status: "Normal".into(),
        file_name: file_name
            .rsplit('/')
            .next()
            .unwrap_or(file_name)
            .to_string(),
        width: if audio { 0 } else { 1280 },
        height: if audio { 0 } else { 720 },
        fps: if audio { 0.0 } else { 25.0 },
        bitrate: if audio { 128.0 } else { 1200.0 },
        hue: (u32::from_str_radix(&id[..6], 16).unwrap_or(0)) % 360,
        snapshots: Vec::new(),
        source_path: None,
        pending: None,
        declared_size: None,
        upload_source: Some("WebSDK".into()),
    }
}

/// Called by the upload target once all bytes of `target` are stored in `file`
/// (relative to the objects dir): a video goes to Transcoding and then Normal (Normal at
/// once without transcoding), an image or attached file becomes Normal.
pub async fn complete_upload(
    b: &Backend,
    target: &UploadTarget,
    file: &str,
    size: i64,
) -> Result<(), ApiError> {
    let _guard = b.lock().await;
    let mut t = target.clone();
    t.completed = true;
    store::put(&b.pool, &t).await?;
    let now = b.now();
    match t.media_kind.as_str() {
        "video" => {
            let Some(mut v) = store::get::<Video>(&b.pool, &t.media_id).await? else {
                return Ok(());
            };
            v.source_path = Some(file.to_string());
            v.size = size;
            v.duration = if size > 0 {
                ((size as f64) / (v.bitrate * 125.0)).max(1.0)
            } else {
                0.0
            };
            v.modification_time = now;
            uploaded(b, &mut v).await?;
            store::put(&b.pool, &v).await?;
        }
        "attached" => {
            let Some(mut a) = store::get::<crate::store::Attached>(&b.pool, &t.media_id).await? else {
                return Ok(());
            };
            a.source_path = Some(file.to_string());
            a.file_size = size;
            a.status = "Normal".into();
            a.modification_time = now;
            store::put(&b.pool, &a).await?;
        }
        _ => {
            let Some(mut img) = store::get::<Image>(&b.pool, &t.media_id).await? else {
                return Ok(());
            };
            img.source_path = Some(file.to_string());
            img.file_size = size;
            img.status = "Normal".into();
            img.modification_time = now;
            if let Ok(bytes) = tokio::fs::read(b.objects_dir().join(file)).await {
                if let Some((w, h)) = image_size(&bytes) {
                    img.width = w;
                    img.height = h;
                }
            }
            store::put(&b.pool, &img).await?;
        }
    }
    Ok(())
}

/// Width and height from a PNG, GIF or JPEG header.
pub fn image_size(b: &[u8]) -> Option<(i64, i64)> {
    if b.len() >= 24 && b.starts_with(b"\x89PNG") {
        let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
        let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
        return Some((w as i64, h as i64));
    }
    if b.len() >= 10 && b.starts_with(b"GIF8") {
        return Some((
            u16::from_le_bytes([b[6], b[7]]) as i64,
            u16::from_le_bytes([b[8], b[9]]) as i64,
        ));
    }
    if b.len() > 4 && b[0] == 0xFF && b[1] == 0xD8 {
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
            if (0xC0..=0xC3).contains(&marker) {
                let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as i64;
                let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as i64;
                return Some((w, h));
            }
            i += 2 + len;
        }
    }
    None
}

/// The status a video takes when its source has arrived: `Transcoding` (then `Normal`
/// after [`TRANSCODE_MS`]) in a group that transcodes, `Normal` at once in the
/// no-transcode group.
async fn uploaded(b: &Backend, v: &mut Video) -> Result<(), ApiError> {
    if template::transcodes(&v.template_group_id) {
        v.status = "Transcoding".into();
        if v.media_type == "video" {
            v.snapshots = demo::snapshots_for("Transcoding", 0);
        }
        crate::actions::transcode::record_upload_task(b, &v.video_id, &v.template_group_id, TRANSCODE_MS).await?;
        schedule(b, v, TRANSCODE_MS, "Normal").await
    } else {
        v.status = "Normal".into();
        became_normal(v);
        Ok(())
    }
}

/// The snapshots a video has once it is `Normal`.
fn became_normal(v: &mut Video) {
    if v.media_type == "video" && v.snapshots.len() <= 1 {
        v.snapshots = demo::snapshots_for("Normal", 4);
    }
    if v.media_type == "audio" && v.snapshots.is_empty() {
        v.snapshots = demo::snapshots_for("Transcoding", 0);
    }
}

/// Records an automatic status change for `v` due in `after_ms`.
async fn schedule(b: &Backend, v: &mut Video, after_ms: i64, status: &str) -> Result<(), ApiError> {
    let due = b.now_ms() + after_ms;
    v.pending = Some((due, status.to_string()));
    store::set_meta(
        &b.pool,
        &format!("pending:video:{}", v.video_id),
        &due.to_string(),
    )
    .await?;
    Ok(())
}

/// Whether [`settle`] has anything to do now.
pub async fn anything_due(b: &Backend) -> Result<bool, ApiError> {
    let now = b.now_ms();
    Ok(store::meta_with_prefix(&b.pool, "pending:")
        .await?
        .iter()
        .any(|(_, due)| due.parse::<i64>().unwrap_or(0) <= now))
}

/// Applies every automatic change that is due: finished transcodes, finished pulls.
/// Runs before each action (under the backend lock) so that state is always current
/// without background tasks.
pub async fn settle(b: &Backend) -> Result<(), ApiError> {
    let now = b.now_ms();
    for (key, due) in store::meta_with_prefix(&b.pool, "pending:").await? {
        if due.parse::<i64>().unwrap_or(0) > now {
            continue;
        }
        if let Some(id) = key.strip_prefix("pending:video:") {
            if let Some(mut v) = store::get::<Video>(&b.pool, id).await? {
                if let Some((_, status)) = v.pending.take() {
                    v.status = status;
                    if v.status == "Normal" {
                        became_normal(&mut v);
                    }
                    v.modification_time = now / 1000;
                    store::put(&b.pool, &v).await?;
                }
            }
            store::delete_meta(&b.pool, &key).await?;
        } else if let Some(id) = key.strip_prefix("pending:job:") {
            if let Some(mut job) = store::get::<UrlJob>(&b.pool, id).await? {
                if job.outcome == "FETCHING" {
                    // The loopback fetch has not finished yet; look again later.
                    continue;
                }
                if !job.applied {
                    finish_job(b, &job).await?;
                    job.applied = true;
                    store::put(&b.pool, &job).await?;
                }
            }
            store::delete_meta(&b.pool, &key).await?;
        }
    }
    Ok(())
}

async fn finish_job(b: &Backend, job: &UrlJob) -> Result<(), ApiError> {
    let Some(mut v) = store::get::<Video>(&b.pool, &job.media_id).await? else {
        return Ok(());
    };
    let now = b.now();
    v.modification_time = now;
    if job.outcome == "SUCCESS" {
        v.size = job.file_size;
        v.duration = ((job.file_size as f64) / (v.bitrate * 125.0)).max(1.0);
        let stored = format!("{}.pull", job.media_id);
        if b.objects_dir().join(&stored).exists() {
            v.source_path = Some(stored);
        }
        uploaded(b, &mut v).await?;
    } else {
        v.status = "UploadFail".into();
    }
    store::put(&b.pool, &v).await?;
    Ok(())
}

/// The status a job shows at `now_ms`.
pub fn job_status(job: &UrlJob, now_ms: i64) -> &str {
    let elapsed = now_ms - job.created_ms;
    if job.outcome == "FETCHING" {
        return if elapsed < PULL_MS / 5 {
            "PENDING"
        } else {
            "DOWNLOADING"
        };
    }
    let span = (job.done_ms - job.created_ms).max(1);
    let succeeded = job.outcome == "SUCCESS";
    if elapsed >= span {
        return if succeeded { "SUCCESS" } else { &job.outcome };
    }
    match (succeeded, elapsed * 10 / span) {
        (false, 0..=4) => "PENDING",
        (false, _) => "DOWNLOADING",
        (true, 0 | 1) => "PENDING",
        (true, 2 | 3) => "DOWNLOADING",
        (true, 4 | 5) => "DOWNLOAD_SUCCESS",
        (true, _) => "UPLOADING",
    }
}

/// GetUploadDetails: upload progress of up to 20 audio/video files, including
/// multipart uploads still in flight (bytes of the parts received so far).
pub async fn get_upload_details(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let ids = rules::split_list(rules::required(req, "MediaIds")?);
    if ids.len() > 20 {
        return Err(ApiError::new(
            400,
            "LimitExceeded.MediaIds",
            "The MediaIds exceeded maximum.",
        ));
    }
    rules::enum_param(req, "MediaType", &["video"], "video")?;
    let targets = store::load_all::<UploadTarget>(&b.pool).await?;
    let mut details = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        let Some(v) = store::get::<Video>(&b.pool, &id).await? else {
            missing.push(id);
            continue;
        };
        let mut uploaded = if v.source_path.is_some() || v.status != "Uploading" {
            v.size
        } else {
            0
        };
        if v.status == "Uploading" {
            if let Some(t) = targets
                .iter()
                .filter(|t| t.media_id == v.video_id)
                .max_by_key(|t| t.created_at)
            {
                uploaded = crate::assets::list_parts(b, &t.object)
                    .await
                    .iter()
                    .map(|(_, n)| *n as i64)
                    .sum();
            }
        }
        let file_size = v.declared_size.unwrap_or(v.size).max(uploaded);
        let ratio = if file_size > 0 {
            uploaded as f64 / file_size as f64
        } else {
            0.0
        };
        let upload_status = match v.status.as_str() {
            "Uploading" => "Uploading",
            "UploadFail" => "UploadFail",
            _ => "UploadSucc",
        };
        let mut d = json!({
            "MediaId": v.video_id,
            "Title": v.title,
            "FileSize": file_size,
            "UploadSize": uploaded,
            "UploadRatio": (ratio * 1000.0).round() / 1000.0,
            "UploadStatus": upload_status,
            "Status": v.status,
            "UploadSource": v.upload_source.clone().unwrap_or_else(|| "WebSDK".into()),
            "UploadIP": "127.0.0.1",
            "DeviceModel": "Chrome",
            "CreationTime": iso(v.creation_time),
            "ModificationTime": iso(v.modification_time),
        });
        if upload_status == "UploadSucc" {
            d["CompletionTime"] = json!(iso(v.modification_time.max(v.creation_time)));
        }
        details.push(d);
    }
    Ok(json!({
        "UploadDetails": details,
        "NonExistMediaIds": missing,
        "ForbiddenMediaIds": Vec::<String>::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::{complete_upload, job_status, PULL_MS};
    use crate::actions::test_support::*;
    use crate::store::{self, Video};

    #[tokio::test]
    async fn uploads_follow_their_group_transcoded_or_not() {
        let (b, _d) = backend().await;
        let standard = group_id(&b, "Standard HLS").await;
        let complete = |id: String| {
            let b = b.clone();
            async move {
                let target = upload_target(&b, &id).await;
                let file = format!("{id}.mp4");
                std::fs::write(b.objects_dir().join(&file), crate::assets::CLIP_MP4).unwrap();
                complete_upload(&b, &target, &file, crate::assets::CLIP_MP4.len() as i64).await.unwrap();
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
        let ok = job("SUCCESS", PULL_MS);
        let seen: Vec<&str> = [0, 1_000, 2_000, 3_000, 4_000]
            .iter()
            .map(|t| job_status(&ok, *t))
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
        let failed = job("DOWNLOAD_FAIL", PULL_MS / 2);
        let seen: Vec<&str> = [0, 1_500, 2_000]
            .iter()
            .map(|t| job_status(&failed, *t))
            .collect();
        assert_eq!(seen, ["PENDING", "DOWNLOADING", "DOWNLOAD_FAIL"]);
        let fetching = job("FETCHING", PULL_MS);
        assert_eq!(job_status(&fetching, 60_000), "DOWNLOADING");
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
        let target = upload_target(&b, &id).await;
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
}
