//! Upload work on the server: read the category tree for the forms, send URL pulls in
//! calls of 20 and report each URL's fate, poll pull jobs 10 per call, and turn VOD's
//! Base64 `UploadAddress` / `UploadAuth` into an [`UploadTicket`] for the browser.
//!
//! Nothing here checks permissions or validates form input: the server functions in
//! `api::upload` do that first. These functions take the `vod::Client` so tests can call
//! them against the emulator directly.

use base64::Engine as _;
use serde_json::Value;
use sqlx::SqlitePool;
use vod::api::{
    CreateUploadImage, CreateUploadVideo, GetURLUploadInfos, GetUploadDetails, ListTranscodeTemplateGroup,
    RefreshUploadVideo, UploadMediaByURL, UploadMetadata,
};
use vod::batch::{chunks, run_bounded};
use vod::{Client, RetryPolicy};

use crate::model::upload::{
    CategoryChoice, PullJob, PullJobState, PullSubmission, TemplateGroupChoice, UploadChoices, UploadProgress, UploadTicket,
    JOBS_PER_STATUS_CALL, URLS_PER_CALL,
};
use crate::i18n::{td_string, Locale};
use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::model::roles::Permission;
use crate::model::vod_text;

/// The category tree has at most three levels; the forms list at most this many.
const MAX_CATEGORIES: usize = 300;

/// What the upload forms offer: the category tree and, when `template_groups` is set
/// (the person may list them), the transcode template groups. Both are read at once.
/// Why a list could not be read is said in `locale`.
pub async fn choices(client: &Client, template_groups: bool, locale: Locale) -> UploadChoices {
    let groups = async {
        if template_groups {
            template_group_choices(client, locale).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let ((categories, categories_error), groups) = tokio::join!(category_choices(client, locale), groups);
    let (template_groups, template_groups_error) = match groups {
        Ok(g) => (g, None),
        Err(e) => (None, Some(e)),
    };
    UploadChoices { categories, categories_error, template_groups, template_groups_error }
}

/// The account's transcode template groups, the default first, then by name.
pub async fn template_group_choices(client: &Client, locale: Locale) -> Result<Vec<TemplateGroupChoice>, String> {
    let r = client
        .call_with_retry(&ListTranscodeTemplateGroup::default(), RetryPolicy::default())
        .await
        .map_err(|e| crate::ssr::vod_errors::app_error(e).localized_with_detail(locale))?;
    let mut groups: Vec<TemplateGroupChoice> = r
        .transcode_template_group_list
        .into_iter()
        .filter(|g| !g.transcode_template_group_id.is_empty())
        .map(|g| TemplateGroupChoice {
            is_default: g.is_default(),
            name: if g.name.trim().is_empty() { g.transcode_template_group_id.clone() } else { g.name },
            id: g.transcode_template_group_id,
        })
        .collect();
    groups.sort_by(|a, b| b.is_default.cmp(&a.is_default).then_with(|| a.name.cmp(&b.name)));
    Ok(groups)
}

/// Every category of the `default` tree (at most [`MAX_CATEGORIES`]), labelled with its
/// path and sorted by it; and why the walk stopped early, if it did.
async fn category_choices(client: &Client, locale: Locale) -> (Vec<CategoryChoice>, Option<String>) {
    let walked = crate::ssr::categories::walk(client, crate::model::category::CategoryType::Default, None, MAX_CATEGORIES, |_| {}).await;
    let mut out: Vec<CategoryChoice> = walked.found.into_iter().map(|p| CategoryChoice { id: p.node.id, label: p.path }).collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    let stopped = walked.error.map(|e| crate::ssr::vod_errors::app_error(e).localized_with_detail(locale));
    (out, stopped)
}

/// A title VOD accepts, from the URL's file name: emoji dropped, at most 128 bytes.
fn title_from_url(locale: Locale, url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let mut title = String::new();
    for c in file.chars().filter(|c| !vod_text::is_illegal_char(*c)) {
        if title.len() + c.len_utf8() > vod_text::TITLE_MAX_BYTES {
            break;
        }
        title.push(c);
    }
    if title.trim().is_empty() {
        td_string!(locale, upload.server.url_title).to_string()
    } else {
        title
    }
}

/// Percent-decodes `%XX` sequences (VOD echoes `SourceURL` as it was sent, encoded).
fn percent_decode(s: &str) -> String {
    crate::model::percent_decode(s)
}

/// Sends `urls` to UploadMediaByURL in calls of 20, one after another, and reports
/// every URL: accepted with its JobId, or refused with VOD's code and RequestId. A call
/// that fails does not stop the others. Messages (and the titles made up from URLs) are
/// in `locale`.
pub async fn pull(
    client: &Client,
    urls: &[String],
    cate_id: Option<i64>,
    template_group: Option<&str>,
    locale: Locale,
) -> PullSubmission {
    let batches = chunks(urls, URLS_PER_CALL);
    let calls = batches.len();
    // UploadMediaByURL has a daily quota, not a per-second one: calls go one at a time.
    let results = run_bounded(batches, 1, |batch: Vec<String>| async move {
        let request = UploadMediaByURL {
            upload_metadatas: match cate_id {
                Some(id) => batch
                    .iter()
                    .map(|u| UploadMetadata {
                        source_url: u.clone(),
                        title: title_from_url(locale, u),
                        cate_id: Some(id),
                        ..Default::default()
                    })
                    .collect(),
                None => Vec::new(),
            },
            upload_urls: batch.clone(),
            template_group_id: template_group.map(str::to_string),
            ..Default::default()
        };
        let result = client.call_with_retry(&request, RetryPolicy::default()).await;
        (batch, result)
    })
    .await;

    let mut jobs = Vec::with_capacity(urls.len());
    let mut report = BulkReport::new("accepted");
    for (batch, result) in results {
        match result {
            Ok(r) => {
                for (i, url) in batch.iter().enumerate() {
                    let job = r
                        .upload_jobs
                        .iter()
                        .find(|j| j.source_url == *url || percent_decode(&j.source_url) == *url)
                        .or_else(|| (r.upload_jobs.len() == batch.len()).then(|| &r.upload_jobs[i]));
                    let request_id = Some(r.request_id.clone()).filter(|s| !s.is_empty());
                    match job {
                        Some(j) => {
                            let mut item = ItemResult::done(j.job_id.clone(), request_id);
                            item.label = Some(url.clone());
                            report.items.push(item);
                            jobs.push(PullJob { url: url.clone(), job_id: Some(j.job_id.clone()) });
                        }
                        None => {
                            let mut item = ItemResult::with(
                                url.clone(),
                                Outcome::Failed,
                                None,
                                Some(td_string!(locale, upload.server.no_job).to_string()),
                                request_id,
                            );
                            item.label = Some(url.clone());
                            report.items.push(item);
                            jobs.push(PullJob { url: url.clone(), job_id: None });
                        }
                    }
                }
            }
            Err(e) => {
                let code = e.code().map(str::to_string);
                let request_id = e.request_id().map(str::to_string);
                let message = crate::ssr::vod_errors::app_error(e).localized(locale);
                let outcome = match code.as_deref() {
                    Some(c) if c.starts_with("Forbidden") => Outcome::Forbidden,
                    _ => Outcome::Failed,
                };
                for url in batch {
                    let mut item =
                        ItemResult::with(url.clone(), outcome, code.clone(), Some(message.clone()), request_id.clone());
                    item.label = Some(url.clone());
                    report.items.push(item);
                    jobs.push(PullJob { url, job_id: None });
                }
            }
        }
    }
    PullSubmission { jobs, calls, report }
}

/// The state of each job, in the order asked; unknown jobs come back as `NOT_FOUND` (with
/// a message in `locale`).
pub async fn pull_status(client: &Client, job_ids: &[String], locale: Locale) -> Result<Vec<PullJobState>, vod::Error> {
    let results = run_bounded(chunks(job_ids, JOBS_PER_STATUS_CALL), 4, |batch: Vec<String>| async move {
        client.call_with_retry(&GetURLUploadInfos { job_ids: batch, upload_urls: Vec::new() }, RetryPolicy::default()).await
    })
    .await;
    let mut infos = Vec::new();
    for r in results {
        infos.extend(r?.url_upload_info_list);
    }
    Ok(job_ids
        .iter()
        .map(|id| match infos.iter().find(|i| i.job_id == *id) {
            Some(i) => PullJobState {
                job_id: id.clone(),
                url: i.upload_url.clone(),
                media_id: i.media_id.clone(),
                status: i.status.clone(),
                error_code: i.error_code.clone(),
                error_message: i.error_message.clone(),
                file_size: i.file_size,
            },
            None => PullJobState {
                job_id: id.clone(),
                url: String::new(),
                media_id: String::new(),
                status: "NOT_FOUND".into(),
                error_code: String::new(),
                error_message: td_string!(locale, upload.server.unknown_job).to_string(),
                file_size: None,
            },
        })
        .collect())
}

/// GetUploadDetails for one video; `None` when VOD does not know it.
pub async fn details(client: &Client, video_id: &str) -> Result<Option<UploadProgress>, vod::Error> {
    let request = GetUploadDetails { media_ids: vec![video_id.to_string()], media_type: Some("video".into()) };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    Ok(r.upload_details.into_iter().find(|d| d.media_id == video_id).map(|d| UploadProgress {
        media_id: d.media_id,
        status: d.status,
        upload_status: d.upload_status,
        upload_size: d.upload_size.unwrap_or(0),
        file_size: d.file_size.unwrap_or(0),
    }))
}

fn decode_json(action: &str, field: &str, b64: &str) -> Result<Value, vod::Error> {
    let bad = |detail: String| vod::Error::Decode { action: action.to_string(), status: 200, detail };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| bad(format!("{field} is not Base64")))?;
    serde_json::from_slice::<Value>(&bytes).map_err(|_| bad(format!("{field} is not JSON")))
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Decodes VOD's `UploadAddress` (`Endpoint`, `Bucket`, `FileName`) and `UploadAuth`
/// (`AccessKeyId`, `AccessKeySecret`, `SecurityToken`, `Expiration`).
pub fn ticket(
    action: &str,
    kind: &str,
    media_id: &str,
    address: &str,
    auth: &str,
    request_id: &str,
) -> Result<UploadTicket, vod::Error> {
    let a = decode_json(action, "UploadAddress", address)?;
    let c = decode_json(action, "UploadAuth", auth)?;
    let t = UploadTicket {
        media_id: media_id.to_string(),
        kind: kind.to_string(),
        endpoint: text(&a, "Endpoint").trim_end_matches('/').to_string(),
        bucket: text(&a, "Bucket"),
        object: text(&a, "FileName"),
        access_key_id: text(&c, "AccessKeyId"),
        access_key_secret: text(&c, "AccessKeySecret"),
        security_token: text(&c, "SecurityToken"),
        expires_in: text(&c, "Expiration").parse().unwrap_or(3000),
        request_id: request_id.to_string(),
    };
    if t.endpoint.is_empty() || t.bucket.is_empty() || t.object.is_empty() || t.security_token.is_empty() {
        return Err(vod::Error::Decode {
            action: action.to_string(),
            status: 200,
            detail: "the upload address or credential is incomplete".into(),
        });
    }
    Ok(t)
}

/// A new video record (CreateUploadVideo) and its upload credential.
pub async fn create_video(
    client: &Client,
    title: String,
    file_name: &str,
    file_size: i64,
    cate_id: Option<i64>,
    template_group_id: Option<String>,
) -> Result<UploadTicket, vod::Error> {
    let request = CreateUploadVideo {
        title,
        file_name: file_name.to_string(),
        file_size: Some(file_size),
        cate_id,
        template_group_id,
        ..Default::default()
    };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    ticket("CreateUploadVideo", "video", &r.video_id, &r.upload_address, &r.upload_auth, &r.request_id)
}

pub async fn refresh_video(client: &Client, video_id: &str) -> Result<UploadTicket, vod::Error> {
    let request = RefreshUploadVideo { video_id: video_id.to_string(), reference_id: None };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    let id = if r.video_id.is_empty() { video_id } else { &r.video_id };
    ticket("RefreshUploadVideo", "video", id, &r.upload_address, &r.upload_auth, &r.request_id)
}

/// A new image record (CreateUploadImage, type `default`) and its upload credential.
pub async fn create_image(client: &Client, title: String, file_name: &str, ext: String, cate_id: Option<i64>) -> Result<UploadTicket, vod::Error> {
    let request = CreateUploadImage {
        image_type: "default".into(),
        image_ext: Some(ext),
        title: Some(title),
        cate_id,
        original_file_name: Some(file_name.to_string()),
        ..Default::default()
    };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    ticket("CreateUploadImage", "image", &r.image_id, &r.upload_address, &r.upload_auth, &r.request_id)
}

/// Whether `username` started the upload of `video_id` through this console (the
/// activity log holds every successful CreateUploadVideo with the new video's ID).
pub async fn started_by(pool: &SqlitePool, username: &str, video_id: &str) -> Result<bool, sqlx::Error> {
    let targets = serde_json::to_string(&[video_id]).unwrap_or_default();
    let row = sqlx::query(
        "SELECT 1 FROM activity WHERE username = ? AND action = 'vod:CreateUploadVideo' AND outcome = 'ok' AND targets = ? LIMIT 1",
    )
    .bind(username)
    .bind(targets)
    .fetch_optional(pool)
    .await?;
    Ok(row.is_some())
}

/// A refused request for another person's upload credential, in the activity log.
pub async fn record_refused_refresh(pool: &SqlitePool, username: &str, video_id: &str) {
    tracing::warn!(user = %username, "upload credential refused: not this person's upload");
    crate::ssr::activity::change(username, Permission::of::<vod::api::RefreshUploadVideo>())
        .target(video_id)
        .failed()
        .detail("refused: the upload was started by someone else")
        .record(pool)
        .await;
}

/// Writes one credential request to the activity log: the media ID on success, the
/// file name (or video ID) and VOD's code on failure. Never the credential.
pub async fn record_ticket(
    pool: &SqlitePool,
    username: &str,
    action: Permission,
    result: &Result<UploadTicket, vod::Error>,
    subject: &str,
) {
    let line = crate::ssr::activity::change(username, action);
    let line = match result {
        Ok(t) => line.target(t.media_id.clone()).request_id(Some(&t.request_id)).detail(subject),
        Err(e) => line.target(subject).failed().request_id(e.request_id()).detail(format!("{subject}: {}", e.code().unwrap_or("error"))),
    };
    line.record(pool).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(v: &Value) -> String {
        base64::engine::general_purpose::STANDARD.encode(v.to_string())
    }

    #[test]
    fn ticket_decodes_address_and_auth() {
        let address = b64(&serde_json::json!({"Endpoint": "https://oss-cn-shanghai.aliyuncs.com/", "Bucket": "outin-1", "FileName": "sv/a/b.mp4"}));
        let auth = b64(&serde_json::json!({"AccessKeyId": "STS.x", "AccessKeySecret": "s", "SecurityToken": "CAIS", "Expiration": "3000"}));
        let t = ticket("CreateUploadVideo", "video", "v1", &address, &auth, "R").unwrap();
        assert_eq!(t.endpoint, "https://oss-cn-shanghai.aliyuncs.com");
        assert_eq!((t.bucket.as_str(), t.object.as_str(), t.expires_in), ("outin-1", "sv/a/b.mp4", 3000));
        assert!(ticket("CreateUploadVideo", "video", "v1", "%%", &auth, "R").is_err());
        let empty = b64(&serde_json::json!({}));
        assert!(ticket("CreateUploadVideo", "video", "v1", &empty, &auth, "R").is_err());
    }

    #[test]
    fn titles_from_urls_are_acceptable_to_vod() {
        assert_eq!(title_from_url(Locale::en, "http://a.example/dir/clip.mp4?x=1"), "clip.mp4");
        assert_eq!(title_from_url(Locale::en, "http://a.example/🚀.mp4"), ".mp4");
        assert_eq!(title_from_url(Locale::en, "http://a.example/🚀"), "URL upload");
        assert_eq!(title_from_url(Locale::zh, "http://a.example/"), "URL 上传");
        let long = format!("http://a.example/{}.mp4", "视".repeat(60));
        assert!(vod_text::check_title(Locale::en, &title_from_url(Locale::en, &long)).is_ok());
        assert_eq!(percent_decode("http%3A%2F%2Fa%2Fb.mp4"), "http://a/b.mp4");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
