//! URL pulls: UploadMediaByURL and GetURLUploadInfos.
//!
//! URL pulls never leave the machine. A loopback URL on the emulator's own address or
//! on an allowed `host:port` (`--pull-allow`) is really fetched (plain HTTP) and fails
//! if the fetch fails; any other URL, other loopback ports included, is simulated (so a
//! pull cannot be used to probe the machine's ports): the job succeeds unless the URL's
//! path contains `fail` or `404`. A job walks PENDING → DOWNLOADING → DOWNLOAD_SUCCESS →
//! UPLOADING → SUCCESS over about four seconds (or ends in DOWNLOAD_FAIL); on success its
//! video goes through Transcoding to Normal a few seconds later, or straight to Normal in
//! the no-transcode group (see `template` and `lifecycle`).

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::lifecycle::{job_status, new_video, PULL_MS};
use super::{check_user_data, extension, is_media_ext, storage_location};
use crate::actions::category;
use crate::actions::rules::{self, check_tags, check_text, iso, DESCRIPTION_MAX_BYTES, TITLE_MAX_BYTES};
use crate::actions::template;
use crate::actions::{ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, TemplateGroup, UrlJob};

pub const URL_BATCH_MAX: usize = 20;
pub const INFO_BATCH_MAX: usize = 10;


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

#[cfg(test)]
mod tests {
    use super::split_url;
    use crate::actions::test_support::*;

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

    #[test]
    fn pull_urls_are_split_and_loopback_is_recognised() {
        assert_eq!(
            split_url("http://127.0.0.1:8080/a/b.mp4?x=1"),
            Some((
                "http".into(),
                "127.0.0.1".into(),
                8080,
                "/a/b.mp4?x=1".into()
            ))
        );
        assert_eq!(
            split_url("https://Example.com/v.mp4").map(|u| (u.1, u.2)),
            Some(("example.com".into(), 443))
        );
        assert_eq!(
            split_url("http://[::1]:9000/v.mp4").map(|u| (u.1, u.2)),
            Some(("[::1]".into(), 9000))
        );
        assert_eq!(
            split_url("http://[::1]/v.mp4").map(|u| (u.1, u.2)),
            Some(("[::1]".into(), 80))
        );
        assert_eq!(split_url("ftp://e.com/a.mp4"), None);
        assert_eq!(split_url("http://e.com:port/a.mp4"), None);
    }
}
