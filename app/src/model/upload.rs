//! Uploads in the console's words: what can be chosen at upload (categories, template
//! groups), URL pull jobs and their states, upload credentials and progress, and the
//! input rules the form and the server both apply (URL list, file names and kinds,
//! template group IDs), so the form can point at the exact line before anything is sent.

use serde::{Deserialize, Serialize};

use crate::i18n::{td_string, Locale};
use crate::model::bulk::BulkReport;

/// UploadMediaByURL takes at most this many URLs per call.
pub const URLS_PER_CALL: usize = 20;
/// One submission of the pull form takes at most this many URLs (split into calls).
pub const MAX_URLS: usize = 100;
/// The longest URL accepted, in bytes.
pub const MAX_URL_LEN: usize = 2048;
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
/// Messages (in `locale`) name the line and the rule.
pub fn parse_urls(locale: Locale, text: &str) -> Result<Vec<String>, String> {
    let urls: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if urls.is_empty() {
        return Err(td_string!(locale, upload.urls.empty).to_string());
    }
    if urls.len() > MAX_URLS {
        return Err(td_string!(locale, upload.urls.over_limit, count = urls.len(), max = MAX_URLS, per_call = URLS_PER_CALL)
            .to_string());
    }
    let mut out: Vec<String> = Vec::with_capacity(urls.len());
    for (i, url) in urls.iter().enumerate() {
        let n = i + 1;
        check_url(locale, n, url)?;
        if let Some(first) = out.iter().position(|u| u == url) {
            return Err(td_string!(locale, upload.urls.repeats, n, first = first + 1).to_string());
        }
        out.push(url.to_string());
    }
    Ok(out)
}

/// "45 URLs become 3 calls of at most 20" — shown before and after sending.
pub fn calls_note(locale: Locale, count: usize) -> String {
    let calls = count.div_ceil(URLS_PER_CALL).max(1);
    if calls == 1 {
        if count == 1 {
            td_string!(locale, upload.calls.one_url).to_string()
        } else {
            td_string!(locale, upload.calls.single, count).to_string()
        }
    } else {
        td_string!(locale, upload.calls.many, per_call = URLS_PER_CALL, count, calls).to_string()
    }
}

/// Checks URL number `n` of the list.
fn check_url(locale: Locale, n: usize, url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://")) else {
        return Err(td_string!(locale, upload.urls.not_http, n).to_string());
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(td_string!(locale, upload.urls.whitespace, n).to_string());
    }
    if url.len() > MAX_URL_LEN {
        return Err(td_string!(locale, upload.urls.too_long, n, len = url.len(), max = MAX_URL_LEN).to_string());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.ends_with('@') {
        return Err(td_string!(locale, upload.urls.no_host, n).to_string());
    }
    let path = &rest[host.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    match extension(path) {
        None => Err(td_string!(locale, upload.urls.no_extension, n).to_string()),
        Some(ext) if !MEDIA_EXTENSIONS.contains(&ext.as_str()) => {
            Err(td_string!(locale, upload.urls.bad_extension, n, ext = ext.as_str()).to_string())
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
pub fn file_kind(locale: Locale, file_name: &str) -> Result<&'static str, String> {
    match extension(file_name) {
        None => Err(td_string!(locale, upload.files.no_extension, name = file_name).to_string()),
        // A .gif could be either; from a computer it is almost always a picture.
        Some(e) if IMAGE_EXTENSIONS.contains(&e.as_str()) => Ok("image"),
        Some(e) if MEDIA_EXTENSIONS.contains(&e.as_str()) => Ok("video"),
        Some(e) => Err(td_string!(locale, upload.files.not_accepted, ext = e.as_str()).to_string()),
    }
}

/// A template group ID is the built-in `VOD_NO_TRANSCODE` or 32 hexadecimal characters;
/// empty means the account's default group.
pub fn check_template_group(locale: Locale, id: &str) -> Result<Option<String>, String> {
    let id = id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    if id == NO_TRANSCODE_GROUP || (id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())) {
        Ok(Some(id.to_string()))
    } else {
        Err(td_string!(locale, upload.bad_template_group, id, none = NO_TRANSCODE_GROUP).to_string())
    }
}

/// The category field of the forms: empty for none, otherwise a category ID.
pub fn parse_category(locale: Locale, value: &str) -> Result<Option<i64>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or_else(|| td_string!(locale, upload.bad_category, value = v).to_string())
}

/// A file name is a plain name (no folders) of at most this many bytes.
pub const MAX_FILE_NAME_BYTES: usize = 255;

pub fn bad_file_name(locale: Locale, file_name: &str) -> String {
    td_string!(locale, upload.server.bad_file_name, max = MAX_FILE_NAME_BYTES, bytes = file_name.len()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_list_names_the_line_and_the_rule() {
        assert_eq!(parse_urls(Locale::en, "  \nhttp://a.example/x.mp4\n\nhttps://b.example/y.MOV?sig=1\n").unwrap().len(), 2);
        assert_eq!(parse_urls(Locale::en, "").unwrap_err(), "Enter at least one URL, one per line.");
        let e = parse_urls(Locale::en, "http://a.example/x.mp4\nhttp://b.example/y.mp4\nftp://c.example/z.mp4").unwrap_err();
        assert_eq!(e, "URL 3 is not an http(s) URL.");
        assert!(parse_urls(Locale::en, "http://a.example/video").unwrap_err().starts_with("URL 1 has no file extension"));
        assert!(parse_urls(Locale::en, "http://a.example/doc.pdf").unwrap_err().contains(".pdf"));
        assert!(parse_urls(Locale::en, "http:///x.mp4").unwrap_err().contains("no host"));
        assert_eq!(parse_urls(Locale::en, "http://a.example/x.mp4\nhttp://a.example/x.mp4").unwrap_err(), "URL 2 repeats URL 1.");
        let many: String = (0..101).map(|i| format!("http://a.example/{i}.mp4\n")).collect();
        assert!(parse_urls(Locale::en, &many).unwrap_err().starts_with("101 URLs given"));
        let hundred: String = (0..100).map(|i| format!("http://a.example/{i}.mp4\n")).collect();
        assert_eq!(parse_urls(Locale::en, &hundred).unwrap().len(), 100);
    }

    #[test]
    fn calls_note_counts_calls_of_twenty() {
        assert_eq!(calls_note(Locale::en, 45), "At most 20 URLs are sent per call; 45 URLs become 3 calls.");
        assert_eq!(calls_note(Locale::en, 20), "20 URLs in one call.");
        assert_eq!(calls_note(Locale::en, 1), "1 URL in one call.");
        assert_eq!(calls_note(Locale::zh, 45), "每次调用最多发送 20 个 URL；45 个 URL 将分 3 次调用发送。");
    }

    #[test]
    fn chinese_messages_name_the_line_and_the_limit() {
        assert_eq!(parse_urls(Locale::zh, "http://a.example/x.mp4\nftp://c.example/z.mp4").unwrap_err(), "第 2 个 URL 不是 http 或 https 地址。");
        let long = format!("http://a.example/{}.mp4", "a".repeat(2040));
        assert_eq!(parse_urls(Locale::zh, &long).unwrap_err(), "第 1 个 URL 最多 2048 个字符（当前 2061）。");
        assert_eq!(parse_category(Locale::zh, "x").unwrap_err(), "“x”不是分类 ID。");
    }

    #[test]
    fn file_kinds_template_groups_and_categories() {
        assert_eq!(file_kind(Locale::en, "Clip.MP4"), Ok("video"));
        assert_eq!(file_kind(Locale::en, "song.flac"), Ok("video"));
        assert_eq!(file_kind(Locale::en, "logo.webp"), Ok("image"));
        assert_eq!(file_kind(Locale::en, "anim.gif"), Ok("image"));
        assert!(file_kind(Locale::en, "notes.txt").unwrap_err().contains(".txt"));
        assert!(file_kind(Locale::en, "README").unwrap_err().contains("no extension"));
        assert_eq!(check_template_group(Locale::en, " "), Ok(None));
        assert_eq!(check_template_group(Locale::en, "VOD_NO_TRANSCODE"), Ok(Some("VOD_NO_TRANSCODE".into())));
        assert!(check_template_group(Locale::en, &"a".repeat(32)).is_ok());
        assert!(check_template_group(Locale::en, "abc").unwrap_err().contains("\"abc\""));
        assert_eq!(parse_category(Locale::en, ""), Ok(None));
        assert_eq!(parse_category(Locale::en, "1000"), Ok(Some(1000)));
        assert!(parse_category(Locale::en, "-4").is_err() && parse_category(Locale::en, "x").is_err());
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
