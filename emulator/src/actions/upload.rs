//! Uploads: CreateUploadVideo, RefreshUploadVideo, CreateUploadImage (credentials
//! for the emulator's own OSS-like target, see `crate::assets`), UploadMediaByURL
//! and GetURLUploadInfos (URL pull jobs), and [`settle`], which applies automatic
//! status changes when they fall due.
//!
//! URL pulls never leave the machine. A loopback URL on the emulator's own address or
//! on an allowed `host:port` (`--pull-allow`) is really fetched (plain HTTP) and fails
//! if the fetch fails; any other URL, other loopback ports included, is simulated (so a
//! pull cannot be used to probe the machine's ports): the job succeeds unless the URL's path contains `fail`
//! or `404`. A job walks PENDING → DOWNLOADING → DOWNLOAD_SUCCESS → UPLOADING →
//! SUCCESS over about four seconds (or ends in DOWNLOAD_FAIL); on success its video
//! goes through Transcoding to Normal a few seconds later, or straight to Normal in the
//! no-transcode group (see `template`).

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::category;
use super::media::find_video;
use super::render;
use super::template;
use super::rules::{self, check_tags, check_text, iso, DESCRIPTION_MAX_BYTES, TITLE_MAX_BYTES};
use super::{ActionRequest, Backend};
use crate::demo;
use crate::error::ApiError;
use crate::store::{self, Image, TemplateGroup, UploadTarget, UrlJob, Video};

/// Upload credentials last 3000 s, as in VOD.
pub const CREDENTIAL_TTL: i64 = 3000;
/// How long a URL pull job takes from PENDING to its final status.
pub const PULL_MS: i64 = 4_000;
/// How long the Transcoding step after an upload takes.
pub const TRANSCODE_MS: i64 = 3_000;
pub const URL_BATCH_MAX: usize = 20;
pub const INFO_BATCH_MAX: usize = 10;

pub const VIDEO_EXTENSIONS: &[&str] = &[
    "3gp", "asf", "avi", "dat", "dv", "flv", "f4v", "gif", "m2t", "m3u8", "m4v", "mj2", "mjpeg",
    "mkv", "mov", "mp4", "mpe", "mpg", "mpeg", "mts", "ogg", "qt", "rm", "rmvb", "swf", "ts",
    "vob", "wmv", "webm",
];
pub const AUDIO_EXTENSIONS: &[&str] = &[
    "aac", "ac3", "acm", "amr", "ape", "caf", "flac", "m4a", "mp3", "ra", "wav", "wma",
];
pub const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "heic", "webp"];

fn extension(name: &str) -> Option<String> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let (_, ext) = file.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    (!ext.is_empty()).then_some(ext)
}

fn is_media_ext(ext: &str) -> bool {
    VIDEO_EXTENSIONS.contains(&ext) || AUDIO_EXTENSIONS.contains(&ext)
}

fn bucket() -> String {
    demo::STORAGE_LOCATIONS[0]
        .split('.')
        .next()
        .unwrap_or("outin-emulator")
        .to_string()
}

fn storage_location(req: &ActionRequest) -> Result<String, ApiError> {
    match req.param("StorageLocation") {
        None => Ok(demo::STORAGE_LOCATIONS[0].to_string()),
        Some(l) if demo::STORAGE_LOCATIONS.contains(&l) => Ok(l.to_string()),
        Some(_) => Err(ApiError::new(
            404,
            "InvalidStorage.NotFound",
            "The StorageLocation does not exist.",
        )),
    }
}

fn check_user_data(req: &ActionRequest) -> Result<Option<String>, ApiError> {
    match req.param("UserData") {
        None => Ok(None),
        Some(u) => match serde_json::from_str::<Value>(u) {
            Ok(Value::Object(_)) => Ok(Some(u.to_string())),
            _ => Err(ApiError::invalid("UserData", "It must be a JSON object.")),
        },
    }
}

fn check_cate(req: &ActionRequest, cats: &render::Categories) -> Result<Option<i64>, ApiError> {
    let c = rules::int_param(req, "CateId")?;
    if let Some(id) = c {
        if !category::exists(cats, id) {
            return Err(category::not_found());
        }
    }
    Ok(c)
}

fn check_reference(req: &ActionRequest, all: &[Video]) -> Result<Option<String>, ApiError> {
    match req.param("ReferenceId") {
        None => Ok(None),
        Some(r) => {
            let ok = (6..=64).contains(&r.len())
                && r.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(ApiError::invalid(
                    "ReferenceId",
                    "It must be 6-64 letters, digits, hyphens or underscores.",
                ));
            }
            if all.iter().any(|v| v.reference_id.as_deref() == Some(r)) {
                return Err(ApiError::invalid(
                    "ReferenceId",
                    "It is already used by another media asset.",
                ));
            }
            Ok(Some(r.to_string()))
        }
    }
}

/// Issues (or renews) the credentials for one object and returns
/// `(UploadAddress, UploadAuth)`, both Base64-encoded JSON as VOD hands them out.
async fn issue(
    b: &Backend,
    req: &ActionRequest,
    object: &str,
    media_kind: &str,
    media_id: &str,
) -> Result<(String, String), ApiError> {
    let now = b.now();
    let target = UploadTarget {
        object: object.to_string(),
        bucket: bucket(),
        media_kind: media_kind.to_string(),
        media_id: media_id.to_string(),
        access_key_id: format!("STS.{}", &rules::new_id()[..24]),
        access_key_secret: rules::new_id(),
        security_token: format!("CAIS{}{}", rules::new_id(), rules::new_id()),
        expires_at: now + CREDENTIAL_TTL,
        created_at: now,
        completed: false,
    };
    store::put(&b.pool, &target).await?;
    let address = json!({
        "Endpoint": format!("{}/upload", req.base_url),
        "Bucket": target.bucket,
        "FileName": target.object,
    });
    let auth = json!({
        "AccessKeyId": target.access_key_id,
        "AccessKeySecret": target.access_key_secret,
        "SecurityToken": target.security_token,
        "Expiration": CREDENTIAL_TTL.to_string(),
        "ExpireUTCTime": iso(target.expires_at),
        "Region": "cn-shanghai",
    });
    Ok((
        rules::base64(address.to_string().as_bytes()),
        rules::base64(auth.to_string().as_bytes()),
    ))
}

fn object_key(prefix: &str, id: &str, ext: &str) -> String {
    format!("{prefix}/{}-{}/{id}.{ext}", &id[..8], &id[24..])
}

/// A new video record in `Uploading` status, in `template_group`.
#[allow(clippy::too_many_arguments)]
fn new_video(
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

pub async fn create_upload_video(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let title = rules::required(req, "Title")?;
    check_text("Title", title, TITLE_MAX_BYTES)?;
    let file_name = rules::required(req, "FileName")?;
    let ext = extension(file_name)
        .filter(|e| is_media_ext(e))
        .ok_or_else(|| {
            ApiError::new(
                400,
                "InvalidFileName.Extension",
                "The FileName’s extension is illegal.",
            )
        })?;
    let description = req.param("Description").unwrap_or("");
    check_text("Description", description, DESCRIPTION_MAX_BYTES)?;
    let tags = req
        .param("Tags")
        .map(check_tags)
        .transpose()?
        .unwrap_or_default();
    let cats = category::load(b).await?;
    let cate_id = check_cate(req, &cats)?;
    let location = storage_location(req)?;
    let user_data = check_user_data(req)?;
    if let Some(size) = rules::int_param(req, "FileSize")? {
        if size < 0 {
            return Err(ApiError::invalid("FileSize", "It must not be negative."));
        }
    }
    let all = store::load_all::<Video>(&b.pool).await?;
    let reference = check_reference(req, &all)?;
    let groups = b.all::<TemplateGroup>().await?;
    let template_group = template::group_for(&groups, req.param("TemplateGroupId"), None)?;
    let id = rules::new_id();
    let mut v = new_video(
        b,
        &id,
        title,
        file_name,
        &ext,
        location,
        cate_id,
        req.param("AppId").unwrap_or("app-1000000"),
        template_group,
    );
    v.description = description.to_string();
    v.tags = tags;
    v.user_data = user_data;
    v.reference_id = reference;
    v.custom_cover_url = req.param("CoverURL").map(str::to_string);
    v.declared_size = rules::int_param(req, "FileSize")?;
    store::put(&b.pool, &v).await?;
    let (address, auth) = issue(b, req, &object_key("sv", &id, &ext), "video", &id).await?;
    Ok(json!({ "VideoId": id, "UploadAddress": address, "UploadAuth": auth }))
}

pub async fn refresh_upload_video(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let v = find_video(b, req).await?;
    let existing = store::load_all::<UploadTarget>(&b.pool)
        .await?
        .into_iter()
        .filter(|t| t.media_id == v.video_id)
        .max_by_key(|t| t.created_at);
    let ext = extension(&v.file_name).unwrap_or_else(|| "mp4".into());
    let object = existing
        .map(|t| t.object)
        .unwrap_or_else(|| object_key("sv", &v.video_id, &ext));
    let (address, auth) = issue(b, req, &object, "video", &v.video_id).await?;
    Ok(json!({ "VideoId": v.video_id, "UploadAddress": address, "UploadAuth": auth }))
}

pub async fn create_upload_image(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let image_type = rules::required(req, "ImageType")?;
    if !matches!(image_type, "default" | "cover") {
        return Err(ApiError::invalid(
            "ImageType",
            "Valid values: default, cover.",
        ));
    }
    let ext = rules::enum_param(req, "ImageExt", IMAGE_EXTENSIONS, "png")?.to_string();
    let title = req.param("Title").unwrap_or("");
    check_text("Title", title, TITLE_MAX_BYTES)?;
    let description = req.param("Description").unwrap_or("");
    check_text("Description", description, DESCRIPTION_MAX_BYTES)?;
    let tags = req
        .param("Tags")
        .map(check_tags)
        .transpose()?
        .unwrap_or_default();
    let cats = category::load(b).await?;
    let cate_id = check_cate(req, &cats)?;
    let location = storage_location(req)?;
    let user_data = check_user_data(req)?;
    let id = rules::new_id();
    let now = b.now();
    let original = req
        .param("OriginalFileName")
        .map(str::to_string)
        .unwrap_or_else(|| format!("{id}.{ext}"));
    let img = Image {
        image_id: id.clone(),
        title: if title.is_empty() {
            original.clone()
        } else {
            title.to_string()
        },
        description: description.to_string(),
        tags,
        cate_id,
        image_type: image_type.to_string(),
        status: "Uploading".into(),
        creation_time: now,
        modification_time: now,
        storage_location: location,
        app_id: req.param("AppId").unwrap_or("app-1000000").to_string(),
        ext: ext.clone(),
        width: 0,
        height: 0,
        file_size: 0,
        original_file_name: original,
        hue: (u32::from_str_radix(&id[..6], 16).unwrap_or(0)) % 360,
        source_path: None,
        user_data,
    };
    store::put(&b.pool, &img).await?;
    let object = object_key("image/default", &id, &ext);
    let (address, auth) = issue(b, req, &object, "image", &id).await?;
    Ok(json!({
        "ImageId": id,
        "ImageURL": render::image_url(&req.base_url, &img),
        "FileURL": format!("{}/upload/{}/{}", req.base_url, bucket(), object),
        "UploadAddress": address,
        "UploadAuth": auth,
    }))
}

/// Called by the upload target once all bytes of `target` are stored in `file`
/// (relative to the objects dir): a video goes to Transcoding and then Normal (Normal at
/// once without transcoding), an image becomes Normal.
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

/// Applies every automatic change that is due: finished transcodes, finished pulls.
/// Runs before each action (under the backend lock) so that state is always current
/// without background tasks.
/// Whether [`settle`] has anything to do now.
pub async fn anything_due(b: &Backend) -> Result<bool, ApiError> {
    let now = b.now_ms();
    Ok(store::meta_with_prefix(&b.pool, "pending:")
        .await?
        .iter()
        .any(|(_, due)| due.parse::<i64>().unwrap_or(0) <= now))
}

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

fn is_loopback(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

/// Splits `http(s)://host[:port]/path` into (scheme, host, port, path).
pub fn split_url(url: &str) -> Option<(String, String, u16, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.rsplit('@').next()?;
    if authority.is_empty() {
        return None;
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    // `[v6]:port`, `[v6]`, `host:port` or `host`.
    let (host, port) = if let Some(close) = authority.strip_prefix('[').and_then(|a| a.find(']')) {
        let host = &authority[..close + 2];
        match &authority[close + 2..] {
            "" => (host.to_string(), default_port),
            rest => (
                host.to_string(),
                rest.strip_prefix(':')?.parse::<u16>().ok()?,
            ),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p.parse::<u16>().ok()?),
            None => (authority.to_string(), default_port),
        }
    };
    Some((scheme, host.to_ascii_lowercase(), port, path.to_string()))
}

/// A plain HTTP/1.0 GET over loopback: (status, body).
async fn fetch_loopback(host: &str, port: u16, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let addr = if host == "localhost" {
        "127.0.0.1"
    } else {
        host.trim_matches(['[', ']'])
    };
    let mut stream = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        tokio::net::TcpStream::connect((addr, port)),
    )
    .await
    .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timeout"))??;
    let request = format!("GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\nUser-Agent: vod-emulator-pull\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut buf = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        stream.read_to_end(&mut buf),
    )
    .await
    .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "read timeout"))??;
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("bad response"))?;
    let head = String::from_utf8_lossy(&buf[..split]);
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, buf[split + 4..].to_vec()))
}

pub async fn upload_media_by_url(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let raw = rules::required(req, "UploadURLs")?;
    let urls = rules::split_list(raw);
    if urls.len() > URL_BATCH_MAX {
        return Err(rules::batch_exceeded("UploadURLs"));
    }
    let invalid = || {
        ApiError::new(
            400,
            "InvalidParameter.UploadURLs",
            "The specified parameter UploadURLs is not valid.",
        )
    };
    let metadata: Vec<Value> = match req.param("UploadMetadatas") {
        None => Vec::new(),
        Some(m) => match serde_json::from_str::<Value>(m) {
            Ok(Value::Array(a)) => a,
            _ => {
                return Err(ApiError::invalid(
                    "UploadMetadatas",
                    "It must be a JSON array.",
                ))
            }
        },
    };
    let cats = category::load(b).await?;
    let location = storage_location(req)?;
    let user_data = check_user_data(req)?;
    let groups = b.all::<TemplateGroup>().await?;
    let template_group = template::group_for(&groups, req.param("TemplateGroupId"), None)?;
    if let Some(session) = req.param("SessionId") {
        if session.len() > 50
            || !session
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(ApiError::invalid(
                "SessionId",
                "It must be at most 50 letters, digits, hyphens or underscores.",
            ));
        }
        let key = format!("session:{session}");
        if let Some(at) = store::get_meta(&b.pool, &key).await? {
            if b.now() - at.parse::<i64>().unwrap_or(0) < 600 {
                return Err(ApiError::invalid(
                    "SessionId",
                    "The same SessionId was used within the last 10 minutes.",
                ));
            }
        }
        store::set_meta(&b.pool, &key, &b.now().to_string()).await?;
    }
    // Validate every URL and its metadata before creating anything.
    struct Plan {
        raw: String,
        url: String,
        ext: String,
        title: String,
        description: String,
        tags: String,
        cate_id: Option<i64>,
        cover: Option<String>,
        template_group: String,
    }
    let mut plans = Vec::new();
    for raw in &urls {
        let url = rules::percent_decode(raw);
        let meta = metadata.iter().find(|m| {
            m.get("SourceURL")
                .and_then(Value::as_str)
                .is_some_and(|s| s == url || s == raw.as_str())
        });
        let field = |k: &str| {
            meta.and_then(|m| m.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        split_url(&url).ok_or_else(invalid)?;
        let ext = field("FileExtension")
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .or_else(|| extension(url.split(['?', '#']).next().unwrap_or("")))
            .filter(|e| is_media_ext(e))
            .ok_or_else(invalid)?;
        let file = url
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        let title = field("Title").unwrap_or_else(|| file.clone());
        check_text("Title", &title, TITLE_MAX_BYTES)?;
        let description = field("Description").unwrap_or_default();
        check_text("Description", &description, DESCRIPTION_MAX_BYTES)?;
        let tags = field("Tags")
            .map(|t| check_tags(&t))
            .transpose()?
            .unwrap_or_default();
        let cate_id = match meta.and_then(|m| m.get("CateId")) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) if s.is_empty() => None,
            Some(Value::String(s)) => Some(
                s.parse()
                    .map_err(|_| ApiError::invalid("CateId", "It must be an integer."))?,
            ),
            Some(_) => return Err(ApiError::invalid("CateId", "It must be an integer.")),
        };
        if let Some(c) = cate_id {
            if !category::exists(&cats, c) {
                return Err(category::not_found());
            }
        }
        let template_group = template::group_for(&groups, field("TemplateGroupId").as_deref(), Some(&template_group))?;
        plans.push(Plan {
            template_group,
            raw: raw.clone(),
            url,
            ext,
            title,
            description,
            tags,
            cate_id,
            cover: field("CoverURL"),
        });
    }
    let now_ms = b.now_ms();
    let mut jobs = Vec::new();
    for p in plans {
        let media_id = rules::new_id();
        let file_name = format!("{media_id}.{}", p.ext);
        let mut v = new_video(
            b,
            &media_id,
            &p.title,
            &file_name,
            &p.ext,
            location.clone(),
            p.cate_id,
            req.param("AppId").unwrap_or("app-1000000"),
            p.template_group,
        );
        v.description = p.description;
        v.tags = p.tags;
        v.custom_cover_url = p.cover;
        v.user_data = user_data.clone();
        v.upload_source = Some("URL".into());
        store::put(&b.pool, &v).await?;
        let (_, host, port, path) = split_url(&p.url).ok_or_else(invalid)?;
        let lower = path.to_ascii_lowercase();
        let mut job = UrlJob {
            job_id: rules::new_id(),
            upload_url: p.url.clone(),
            media_id: media_id.clone(),
            created_ms: now_ms,
            done_ms: now_ms + PULL_MS,
            outcome: "SUCCESS".into(),
            error_code: String::new(),
            error_message: String::new(),
            file_size: 0,
            user_data: user_data.clone().unwrap_or_default(),
            applied: false,
        };
        if is_loopback(&host) && b.may_fetch(host.trim_matches(['[', ']']), port) {
            job.outcome = "FETCHING".into();
            spawn_fetch(b.clone(), job.job_id.clone(), host, port, path);
        } else if lower.contains("fail") || lower.contains("404") {
            // A failed download ends sooner than a full pull.
            job.done_ms = now_ms + PULL_MS / 2;
            job.outcome = "DOWNLOAD_FAIL".into();
            job.error_code = "DownloadFailed".into();
            job.error_message =
                "Failed to download the file from the URL: HTTP 404 Not Found.".into();
        } else {
            // Deterministic simulated size from the URL.
            job.file_size = 1_000_000
                + (p.url
                    .bytes()
                    .fold(0u64, |h, c| h.wrapping_mul(31).wrapping_add(c as u64))
                    % 50_000_000) as i64;
        }
        store::put(&b.pool, &job).await?;
        store::set_meta(
            &b.pool,
            &format!("pending:job:{}", job.job_id),
            &job.done_ms.to_string(),
        )
        .await?;
        jobs.push(json!({ "JobId": job.job_id, "SourceURL": p.raw }));
    }
    Ok(json!({ "UploadJobs": jobs }))
}

/// Fetches a loopback URL in the background and records the outcome on the job.
fn spawn_fetch(b: Backend, job_id: String, host: String, port: u16, path: String) {
    tokio::spawn(async move {
        let result = fetch_loopback(&host, port, &path).await;
        let _guard = b.lock().await;
        let Ok(Some(mut job)) = store::get::<UrlJob>(&b.pool, &job_id).await else {
            return;
        };
        match result {
            Ok((200..=299, body)) => {
                let stored = format!("{}.pull", job.media_id);
                if tokio::fs::write(b.objects_dir().join(&stored), &body)
                    .await
                    .is_ok()
                {
                    job.outcome = "SUCCESS".into();
                    job.file_size = body.len() as i64;
                } else {
                    job.outcome = "UPLOAD_FAIL".into();
                    job.error_code = "UploadFailed".into();
                    job.error_message = "Could not store the downloaded file.".into();
                }
            }
            Ok((status, _)) => {
                job.outcome = "DOWNLOAD_FAIL".into();
                job.error_code = "DownloadFailed".into();
                job.error_message =
                    format!("Failed to download the file from the URL: HTTP {status}.");
            }
            Err(e) => {
                job.outcome = "DOWNLOAD_FAIL".into();
                job.error_code = "DownloadFailed".into();
                job.error_message = format!("Failed to download the file from the URL: {e}.");
            }
        }
        let now = b.now_ms();
        let planned = if job.outcome == "SUCCESS" {
            PULL_MS
        } else {
            PULL_MS / 2
        };
        job.done_ms = (job.created_ms + planned).max(now);
        let _ = store::put(&b.pool, &job).await;
        let _ = store::set_meta(
            &b.pool,
            &format!("pending:job:{}", job.job_id),
            &job.done_ms.to_string(),
        )
        .await;
    });
}

pub async fn get_url_upload_infos(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let job_ids = rules::id_batch(req, "JobIds", INFO_BATCH_MAX)?;
    let urls = if job_ids.is_none() {
        rules::id_batch(req, "UploadURLs", INFO_BATCH_MAX)?
    } else {
        None
    };
    if job_ids.is_none() && urls.is_none() {
        return Err(ApiError::missing("JobIds"));
    }
    let all = b.all::<UrlJob>().await?;
    let now = b.now_ms();
    let mut found: Vec<&UrlJob> = Vec::new();
    let mut missing = Vec::new();
    if let Some(ids) = job_ids {
        for id in ids {
            match all.iter().find(|j| j.job_id == id) {
                Some(j) => found.push(j),
                None => missing.push(id),
            }
        }
    } else {
        for raw in urls.unwrap_or_default() {
            let url = rules::percent_decode(&raw);
            match all
                .iter()
                .filter(|j| j.upload_url == url)
                .max_by_key(|j| j.created_ms)
            {
                Some(j) => found.push(j),
                None => missing.push(raw),
            }
        }
    }
    let list: Vec<Value> = found
        .into_iter()
        .map(|j| {
            let status = job_status(j, now);
            let mut m = json!({
                "JobId": j.job_id,
                "UploadURL": j.upload_url,
                "MediaId": j.media_id,
                "Status": status,
                "CreationTime": iso(j.created_ms / 1000),
                "FileSize": j.file_size.to_string(),
                "UserData": j.user_data,
            });
            if matches!(status, "SUCCESS" | "DOWNLOAD_FAIL" | "UPLOAD_FAIL") {
                m["CompleteTime"] = json!(iso(j.done_ms / 1000));
            }
            if !j.error_code.is_empty() && status != "SUCCESS" && status == j.outcome {
                m["ErrorCode"] = json!(j.error_code);
                m["ErrorMessage"] = json!(j.error_message);
            }
            m
        })
        .collect();
    Ok(json!({ "URLUploadInfoList": list, "NonExists": missing }))
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
