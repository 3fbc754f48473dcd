//! Upload page server functions: what can be chosen at upload (categories), URL pull
//! (UploadMediaByURL, polled with GetURLUploadInfos), and upload credentials for the
//! browser's own file upload (CreateUploadVideo, RefreshUploadVideo, CreateUploadImage).
//!
//! Also the input rules both sides apply (URL list, file names, template group IDs), so
//! the form can point at the exact line before anything is sent. The work itself lives
//! in `ssr::upload`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::bulk::BulkReport;
#[cfg(feature = "ssr")]
use crate::model::vod_text;

/// UploadMediaByURL takes at most this many URLs per call.
pub const URLS_PER_CALL: usize = 20;
/// One submission of the pull form takes at most this many URLs (split into calls).
pub const MAX_URLS: usize = 100;
/// GetURLUploadInfos takes at most this many job IDs per call.
pub const JOBS_PER_STATUS_CALL: usize = 10;
/// One status poll asks about at most this many jobs.
pub const MAX_STATUS_JOBS: usize = MAX_URLS;
/// The built-in "no transcoding" template group.
pub const NO_TRANSCODE_GROUP: &str = "VOD_NO_TRANSCODE";

/// Audio and video extensions VOD accepts for upload (the upload overview's list).
pub const MEDIA_EXTENSIONS: &[&str] = &[
    "3gp", "asf", "avi", "dat", "dv", "flv", "f4v", "gif", "m2t", "m3u8", "m4v", "mj2", "mjpeg", "mkv", "mov",
    "mp4", "mpe", "mpg", "mpeg", "mts", "ogg", "qt", "rm", "rmvb", "swf", "ts", "vob", "wmv", "webm", "aac", "ac3",
    "acm", "amr", "ape", "caf", "flac", "m4a", "mp3", "ra", "wav", "wma",
];
/// Image extensions CreateUploadImage accepts.
pub const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "heic", "webp"];

/// A category that media can be uploaded into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub id: i64,
    /// The path from the top: "Sports / Football".
    pub label: String,
}

/// What the upload forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadChoices {
    pub categories: Vec<CategoryChoice>,
    /// Set when the category tree could not be read; uploads still work without one.
    pub categories_error: Option<String>,
    /// The transcode template groups; `None` when the person may not list them.
    pub template_groups: Option<Vec<TemplateGroupChoice>>,
    /// Set when the groups could not be read; the forms then take a typed ID.
    pub template_groups_error: Option<String>,
}

/// A transcode template group an upload can name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateGroupChoice {
    pub id: String,
    pub name: String,
    /// The account default: what an upload that names no group gets.
    pub is_default: bool,
}

/// One submitted URL and what VOD said about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullJob {
    pub url: String,
    /// Set when VOD accepted the URL.
    pub job_id: Option<String>,
}

/// The answer to a pull submission: one line per URL, in input order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullSubmission {
    pub jobs: Vec<PullJob>,
    /// How many UploadMediaByURL calls were made.
    pub calls: usize,
    /// Per-URL outcome of the submission itself (accepted or refused, code, RequestId).
    pub report: BulkReport,
}

/// The state of one pull job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullJobState {
    pub job_id: String,
    pub url: String,
    pub media_id: String,
    /// VOD's status word (PENDING, DOWNLOADING, ..., SUCCESS), or NOT_FOUND.
    pub status: String,
    pub error_code: String,
    pub error_message: String,
    pub file_size: Option<i64>,
}

impl PullJobState {
    /// Nothing more will happen to this job.
    pub fn is_final(&self) -> bool {
        matches!(self.status.as_str(), "SUCCESS" | "UPLOAD_SUCCESS" | "DOWNLOAD_FAIL" | "UPLOAD_FAIL" | "NOT_FOUND")
    }

    pub fn failed(&self) -> bool {
        matches!(self.status.as_str(), "DOWNLOAD_FAIL" | "UPLOAD_FAIL" | "NOT_FOUND")
    }

    /// How far along the job is, 0-100, from its status.
    pub fn percent(&self) -> u32 {
        match self.status.as_str() {
            "PENDING" => 5,
            "PROCESSING" => 15,
            "DOWNLOADING" => 30,
            "DOWNLOAD_SUCCESS" => 55,
            "UPLOADING" => 75,
            _ => 100,
        }
    }
}

/// Where and how the browser uploads one file: the decoded UploadAddress and UploadAuth.
/// The credential is a temporary STS token scoped by VOD to this one object; it is
/// meant for the browser (VOD's own upload SDKs work the same way). The console's own
/// AccessKey never appears here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadTicket {
    /// VideoId or ImageId.
    pub media_id: String,
    /// `video` or `image`.
    pub kind: String,
    /// Storage endpoint, e.g. `https://oss-cn-shanghai.aliyuncs.com`.
    pub endpoint: String,
    pub bucket: String,
    /// Object key inside the bucket.
    pub object: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    /// Seconds the credential is valid from now.
    pub expires_in: i64,
    pub request_id: String,
}

/// What VOD says about a browser upload (GetUploadDetails).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadProgress {
    pub media_id: String,
    /// The video's status (Uploading, Transcoding, Normal, ...).
    pub status: String,
    /// Uploading, UploadSucc or UploadFail.
    pub upload_status: String,
    pub upload_size: i64,
    pub file_size: i64,
}

/// Checks the pasted URL list (one per line; blank lines are ignored) and returns it.
/// Messages name the line and the rule.
pub fn parse_urls(text: &str) -> Result<Vec<String>, String> {
    let urls: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if urls.is_empty() {
        return Err("Enter at least one URL, one per line.".into());
    }
    if urls.len() > MAX_URLS {
        return Err(format!(
            "{} URLs given; one submission takes at most {MAX_URLS} (sent as calls of {URLS_PER_CALL}).",
            urls.len()
        ));
    }
    let mut out: Vec<String> = Vec::with_capacity(urls.len());
    for (i, url) in urls.iter().enumerate() {
        let n = i + 1;
        check_url(url).map_err(|why| format!("URL {n} {why}"))?;
        if let Some(first) = out.iter().position(|u| u == url) {
            return Err(format!("URL {n} repeats URL {}.", first + 1));
        }
        out.push(url.to_string());
    }
    Ok(out)
}

/// "45 URLs become 3 calls of at most 20" — shown before and after sending.
pub fn calls_note(count: usize) -> String {
    let calls = count.div_ceil(URLS_PER_CALL).max(1);
    if calls == 1 {
        format!("{count} URL{} in one call.", if count == 1 { "" } else { "s" })
    } else {
        format!("At most {URLS_PER_CALL} URLs are sent per call; {count} URLs become {calls} calls.")
    }
}

fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
        .ok_or_else(|| "is not an http(s) URL.".to_string())?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("contains a space or a control character.".into());
    }
    if url.len() > 2048 {
        return Err(format!("is {} characters long; at most 2048 are accepted.", url.len()));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.ends_with('@') {
        return Err("has no host name.".into());
    }
    let path = &rest[host.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    match extension(path) {
        None => Err("has no file extension (such as .mp4); VOD needs one to know the format.".into()),
        Some(ext) if !MEDIA_EXTENSIONS.contains(&ext.as_str()) => {
            Err(format!("ends in .{ext}, which is not an audio or video format VOD accepts."))
        }
        Some(_) => Ok(()),
    }
}

/// The lowercase extension of the last path segment or file name.
pub fn extension(name: &str) -> Option<String> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// Which kind of upload a file name makes: `video` (audio too), `image`, or a message.
pub fn file_kind(file_name: &str) -> Result<&'static str, String> {
    match extension(file_name) {
        None => Err(format!("\"{file_name}\" has no extension; VOD needs one (such as .mp4).")),
        // A .gif could be either; from a computer it is almost always a picture.
        Some(e) if IMAGE_EXTENSIONS.contains(&e.as_str()) => Ok("image"),
        Some(e) if MEDIA_EXTENSIONS.contains(&e.as_str()) => Ok("video"),
        Some(e) => Err(format!(".{e} files are not accepted; upload audio, video or png/jpg/gif/heic/webp images.")),
    }
}

/// A template group ID is the built-in `VOD_NO_TRANSCODE` or 32 hexadecimal characters;
/// empty means the account's default group.
pub fn check_template_group(id: &str) -> Result<Option<String>, String> {
    let id = id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    if id == NO_TRANSCODE_GROUP || (id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())) {
        Ok(Some(id.to_string()))
    } else {
        Err(format!(
            "\"{id}\" is not a template group ID: use {NO_TRANSCODE_GROUP} or a 32-character group ID (the form lists the account's groups)."
        ))
    }
}

/// The category field of the forms: empty for none, otherwise a category ID.
pub fn parse_category(value: &str) -> Result<Option<i64>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>().ok().filter(|id| *id > 0).map(Some).ok_or_else(|| format!("\"{v}\" is not a category ID."))
}

#[server(prefix = "/api", endpoint = "upload/choices")]
pub async fn get_upload_choices() -> Result<UploadChoices, AppError> {
    let crate::ssr::auth::Authorized { ctx, user } = crate::ssr::require_permission("vod:GetCategories").await?;
    Ok(crate::ssr::upload::choices(&ctx.vod(), user.can("vod:ListTranscodeTemplateGroup")).await)
}

/// Asks VOD to pull the URLs (one per line) into the library.
#[server(prefix = "/api", endpoint = "upload/pull")]
pub async fn pull_urls(urls: String, category: String, template_group: String) -> Result<PullSubmission, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission("vod:UploadMediaByURL").await?;
    let invalid = |field: &str, m: String| ctx.respond(AppError::invalid(field, m));
    let urls = parse_urls(&urls).map_err(|m| invalid("urls", m))?;
    let cate_id = parse_category(&category).map_err(|m| invalid("category", m))?;
    let template_group = check_template_group(&template_group).map_err(|m| invalid("template_group", m))?;
    let submission =
        crate::ssr::upload::pull(&ctx.vod(), &urls, cate_id, template_group.as_deref()).await;
    let detail = format!("{} URLs in {} calls", urls.len(), submission.calls);
    crate::ssr::activity::record_report(&ctx.state.db, &user.username, "vod:UploadMediaByURL", &submission.report, Some(&detail))
        .await;
    Ok(submission)
}

/// The current state of pull jobs (at most 100 per poll, asked 10 per call).
#[server(prefix = "/api", endpoint = "upload/pull-status")]
pub async fn pull_status(job_ids: Vec<String>) -> Result<Vec<PullJobState>, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission("vod:GetURLUploadInfos").await?;
    if job_ids.is_empty() || job_ids.len() > MAX_STATUS_JOBS {
        return Err(ctx.respond(AppError::invalid(
            "job_ids",
            format!("{} job IDs given; ask about 1 to {MAX_STATUS_JOBS} at a time.", job_ids.len()),
        )));
    }
    if let Some((i, _)) =
        job_ids.iter().enumerate().find(|(_, id)| id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err(ctx.respond(AppError::invalid("job_ids", format!("Job ID {} is not a VOD job ID.", i + 1))));
    }
    crate::ssr::upload::pull_status(&ctx.vod(), &job_ids)
        .await
        .map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

#[cfg(feature = "ssr")]
fn check_upload_text(ctx: &crate::ssr::auth::Ctx, title: &str) -> Result<(), AppError> {
    vod_text::check_title(title).map_err(|m| ctx.respond(AppError::invalid("title", m)))
}

/// A new video record and the credential to upload its file from the browser.
#[server(prefix = "/api", endpoint = "upload/create-video")]
pub async fn create_upload_video(
    file_name: String,
    file_size: i64,
    title: String,
    category: String,
    template_group: String,
) -> Result<UploadTicket, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission("vod:CreateUploadVideo").await?;
    let invalid = |field: &str, m: String| ctx.respond(AppError::invalid(field, m));
    match file_kind(&file_name) {
        Ok("video") => {}
        Ok(_) => return Err(invalid("file_name", format!("\"{file_name}\" is an image; it is uploaded as an image."))),
        Err(m) => return Err(invalid("file_name", m)),
    }
    if file_name.len() > 255 || file_name.contains(['/', '\\']) {
        return Err(invalid("file_name", "The file name must be a plain name of at most 255 bytes.".into()));
    }
    if file_size <= 0 {
        return Err(invalid("file_size", "The file is empty.".into()));
    }
    let title = title.trim().to_string();
    check_upload_text(&ctx, &title)?;
    let cate_id = parse_category(&category).map_err(|m| invalid("category", m))?;
    let template_group = check_template_group(&template_group).map_err(|m| invalid("template_group", m))?;
    let request = vod::api::CreateUploadVideo {
        title,
        file_name: file_name.clone(),
        file_size: Some(file_size),
        cate_id,
        template_group_id: template_group,
        ..Default::default()
    };
    let result = crate::ssr::upload::create_video(&ctx.vod(), &request).await;
    crate::ssr::upload::record_ticket(&ctx.state.db, &user.username, "vod:CreateUploadVideo", &result, &file_name).await;
    result.map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

/// A fresh credential for a video whose upload is being resumed.
#[server(prefix = "/api", endpoint = "upload/refresh-video")]
pub async fn refresh_upload_video(video_id: String) -> Result<UploadTicket, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission("vod:RefreshUploadVideo").await?;
    if video_id.is_empty() || video_id.len() > 64 || !video_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ctx.respond(AppError::invalid("video_id", "This is not a VOD video ID.")));
    }
    // A fresh write credential only for an upload this person started here (admins: any).
    if user.role != crate::model::Role::Admin
        && !crate::ssr::upload::started_by(&ctx.state.db, &user.username, &video_id).await.map_err(crate::ssr::accounts::internal)?
    {
        crate::ssr::upload::record_refused_refresh(&ctx.state.db, &user.username, &video_id).await;
        return Err(ctx.respond(AppError::invalid(
            "video_id",
            "Only the person who started this upload in the console, or an admin, can resume it.",
        )));
    }
    let result = crate::ssr::upload::refresh_video(&ctx.vod(), &video_id).await;
    crate::ssr::upload::record_ticket(&ctx.state.db, &user.username, "vod:RefreshUploadVideo", &result, &video_id).await;
    result.map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

/// A new image record and the credential to upload its file from the browser.
#[server(prefix = "/api", endpoint = "upload/create-image")]
pub async fn create_upload_image(file_name: String, title: String, category: String) -> Result<UploadTicket, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission("vod:CreateUploadImage").await?;
    let invalid = |field: &str, m: String| ctx.respond(AppError::invalid(field, m));
    let ext = match file_kind(&file_name) {
        Ok("image") => extension(&file_name).unwrap_or_default(),
        Ok(_) => return Err(invalid("file_name", format!("\"{file_name}\" is audio or video, not an image."))),
        Err(m) => return Err(invalid("file_name", m)),
    };
    if file_name.len() > 255 || file_name.contains(['/', '\\']) {
        return Err(invalid("file_name", "The file name must be a plain name of at most 255 bytes.".into()));
    }
    let title = title.trim().to_string();
    check_upload_text(&ctx, &title)?;
    let cate_id = parse_category(&category).map_err(|m| invalid("category", m))?;
    let request = vod::api::CreateUploadImage {
        image_type: "default".into(),
        image_ext: Some(ext),
        title: Some(title),
        cate_id,
        original_file_name: Some(file_name.clone()),
        ..Default::default()
    };
    let result = crate::ssr::upload::create_image(&ctx.vod(), &request).await;
    crate::ssr::upload::record_ticket(&ctx.state.db, &user.username, "vod:CreateUploadImage", &result, &file_name).await;
    result.map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

/// VOD's view of a browser upload: bytes received and the video's status.
#[server(prefix = "/api", endpoint = "upload/details")]
pub async fn upload_details(video_id: String) -> Result<UploadProgress, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission("vod:GetUploadDetails").await?;
    if video_id.is_empty() || video_id.len() > 64 || !video_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ctx.respond(AppError::invalid("video_id", "This is not a VOD video ID.")));
    }
    match crate::ssr::upload::details(&ctx.vod(), &video_id).await {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(ctx.respond(AppError::NotFound(format!("VOD has no upload for video {video_id}.")))),
        Err(e) => Err(ctx.respond(crate::ssr::vod_errors::app_error(e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_list_names_the_line_and_the_rule() {
        assert_eq!(parse_urls("  \nhttp://a.example/x.mp4\n\nhttps://b.example/y.MOV?sig=1\n").unwrap().len(), 2);
        assert_eq!(parse_urls("").unwrap_err(), "Enter at least one URL, one per line.");
        let e = parse_urls("http://a.example/x.mp4\nhttp://b.example/y.mp4\nftp://c.example/z.mp4").unwrap_err();
        assert_eq!(e, "URL 3 is not an http(s) URL.");
        assert!(parse_urls("http://a.example/video").unwrap_err().starts_with("URL 1 has no file extension"));
        assert!(parse_urls("http://a.example/doc.pdf").unwrap_err().contains(".pdf"));
        assert!(parse_urls("http:///x.mp4").unwrap_err().contains("no host"));
        assert_eq!(parse_urls("http://a.example/x.mp4\nhttp://a.example/x.mp4").unwrap_err(), "URL 2 repeats URL 1.");
        let many: String = (0..101).map(|i| format!("http://a.example/{i}.mp4\n")).collect();
        assert!(parse_urls(&many).unwrap_err().starts_with("101 URLs given"));
        let hundred: String = (0..100).map(|i| format!("http://a.example/{i}.mp4\n")).collect();
        assert_eq!(parse_urls(&hundred).unwrap().len(), 100);
    }

    #[test]
    fn calls_note_counts_calls_of_twenty() {
        assert_eq!(calls_note(45), "At most 20 URLs are sent per call; 45 URLs become 3 calls.");
        assert_eq!(calls_note(20), "20 URLs in one call.");
        assert_eq!(calls_note(1), "1 URL in one call.");
    }

    #[test]
    fn file_kinds_template_groups_and_categories() {
        assert_eq!(file_kind("Clip.MP4"), Ok("video"));
        assert_eq!(file_kind("song.flac"), Ok("video"));
        assert_eq!(file_kind("logo.webp"), Ok("image"));
        assert_eq!(file_kind("anim.gif"), Ok("image"));
        assert!(file_kind("notes.txt").unwrap_err().contains(".txt"));
        assert!(file_kind("README").unwrap_err().contains("no extension"));
        assert_eq!(check_template_group(" "), Ok(None));
        assert_eq!(check_template_group("VOD_NO_TRANSCODE"), Ok(Some("VOD_NO_TRANSCODE".into())));
        assert!(check_template_group(&"a".repeat(32)).is_ok());
        assert!(check_template_group("abc").unwrap_err().contains("\"abc\""));
        assert_eq!(parse_category(""), Ok(None));
        assert_eq!(parse_category("1000"), Ok(Some(1000)));
        assert!(parse_category("-4").is_err() && parse_category("x").is_err());
    }

    #[test]
    fn pull_status_progress() {
        let s = |status: &str| PullJobState {
            job_id: "j".into(),
            url: "u".into(),
            media_id: String::new(),
            status: status.into(),
            error_code: String::new(),
            error_message: String::new(),
            file_size: None,
        };
        assert!(!s("DOWNLOADING").is_final());
        assert!(s("SUCCESS").is_final() && !s("SUCCESS").failed());
        assert!(s("DOWNLOAD_FAIL").is_final() && s("DOWNLOAD_FAIL").failed());
        assert!(s("PENDING").percent() < s("UPLOADING").percent());
    }
}
