//! Upload server functions against the emulator over a real socket: URL pulls split into
//! calls of 20 with a result per URL, job polling until every job ends, input limits,
//! partial failures, permissions and the activity log; and the browser's upload
//! protocol (signed multipart PUTs with the issued credential, a renewed credential, a
//! resume from the listed parts) run against the emulator's storage target.

use std::time::{Duration, Instant};

use app::components::uploader::{object_url, parse_list_parts, parse_upload_id, signature, string_to_sign};
use app::model::Role;
use crate::common::VodHarness;
use serde_json::Value;

fn form(pairs: &[(&str, &str)]) -> String {
    let owned: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
    app::model::query::encode(&owned)
}

fn pull_form(urls: &[String], category: &str, template_group: &str) -> String {
    form(&[("urls", &urls.join("\n")), ("category", category), ("template_group", template_group)])
}

fn ids_form(ids: &[String]) -> String {
    ids.iter().enumerate().map(|(i, id)| format!("job_ids[{i}]={id}")).collect::<Vec<_>>().join("&")
}

/// Makes `rate` of the emulator's answers to `action` an `InternalError`.
fn internal_errors(h: &VodHarness, action: &str, rate: f64) {
    h.emulator.state().set_faults(emulator::gateway::FaultConfig {
        errors: vec![emulator::gateway::ErrorFault {
            action: action.into(),
            code: "InternalError".into(),
            rate,
            status: None,
            message: None,
        }],
        ..Default::default()
    });
}

/// Polls `upload/pull-status` until every job is final; returns the last answer.
async fn poll_until_final(h: &VodHarness, cookie: &str, ids: &[String]) -> Vec<Value> {
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let r = h.call("/api/upload/pull-status", &ids_form(ids), cookie).await;
        assert!(r.status.is_success(), "{} {}", r.status, r.body);
        let list = r.json().as_array().cloned().unwrap();
        assert_eq!(list.len(), ids.len());
        let done = list.iter().all(|s| {
            matches!(s["status"].as_str().unwrap(), "SUCCESS" | "UPLOAD_SUCCESS" | "DOWNLOAD_FAIL" | "UPLOAD_FAIL" | "NOT_FOUND")
        });
        if done {
            return list;
        }
        assert!(Instant::now() < until, "jobs did not finish: {list:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn a_normal_video(h: &VodHarness) -> String {
    let list = h.client.call(&vod::api::GetVideoList { page_size: Some(100), ..Default::default() }).await.unwrap();
    list.video_list.into_iter().find(|v| v.status == "Normal").unwrap().video_id
}

#[tokio::test]
async fn url_pull_in_calls_of_twenty_is_tracked_to_the_end_and_logged() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;

    // Input errors name the line and the limit, and nothing is sent.
    let three = vec!["http://a.example/a.mp4".to_string(), "http://a.example/b.mp4".into(), "ftp://a.example/c.mp4".into()];
    let r = h.call("/api/upload/pull", &pull_form(&three, "", ""), &editor).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("URL 3 is not an http(s) URL"), "{}", r.body);
    let many: Vec<String> = (0..101).map(|i| format!("http://a.example/{i}.mp4")).collect();
    let r = h.call("/api/upload/pull", &pull_form(&many, "", ""), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("101 URLs given") && r.body.contains("at most 100"), "{}", r.body);
    let r = h.call("/api/upload/pull", &pull_form(&three[..1], "", "fast"), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("template_group") && r.body.contains("\\\"fast\\\""), "{}", r.body);
    assert!(h.activity().await.is_empty(), "refused input is not a change");

    // The category list the form offers.
    let r = h.call("/api/upload/choices", "", &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let category = r.json()["categories"][0]["id"].as_i64().expect("the demo data has categories");

    // 45 URLs: 3 that fail to download, one fetched for real over loopback (the
    // emulator's own clip), the rest simulated.
    let clip = format!("{}/media/play/{}/ld.mp4", h.emulator.base_url(), a_normal_video(&h).await);
    let mut urls: Vec<String> = (0..44)
        .map(|i| if i % 15 == 7 { format!("http://cdn.example.com/fail-{i}.mp4") } else { format!("http://cdn.example.com/v{i}.mp4") })
        .collect();
    urls.push(clip.clone());
    let r = h.call("/api/upload/pull", &pull_form(&urls, &category.to_string(), "VOD_NO_TRANSCODE"), &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let sub = r.json();
    assert_eq!(sub["calls"], 3);
    let jobs = sub["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 45);
    for (job, url) in jobs.iter().zip(&urls) {
        assert_eq!(job["url"].as_str(), Some(url.as_str()));
        assert!(job["job_id"].as_str().is_some_and(|j| !j.is_empty()), "{job}");
    }
    let ids: Vec<String> = jobs.iter().map(|j| j["job_id"].as_str().unwrap().to_string()).collect();
    let items = sub["report"]["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["outcome"] == "done" && i["request_id"].as_str().is_some()));

    let entry = &h.activity().await[0];
    assert_eq!((entry.username.as_str(), entry.action.as_str(), entry.outcome.as_str()), ("ed", "vod:UploadMediaByURL", "ok"));
    assert_eq!(entry.targets, ids);
    assert_eq!(entry.detail.as_deref(), Some("45 URLs in 3 calls"));
    assert!(entry.request_id.is_some());
    assert_eq!(entry.items.len(), 45);
    assert_eq!(entry.items[44].label.as_deref(), Some(clip.as_str()));

    // Poll until every job is final: 3 failed downloads, 42 successes.
    let last = poll_until_final(&h, &editor, &ids).await;
    let failed: Vec<&Value> = last.iter().filter(|s| s["status"] == "DOWNLOAD_FAIL").collect();
    assert_eq!(failed.len(), 3, "{last:?}");
    assert!(failed.iter().all(|s| s["url"].as_str().unwrap().contains("fail-") && !s["error_code"].as_str().unwrap().is_empty()));
    assert_eq!(last.iter().filter(|s| s["status"] == "SUCCESS").count(), 42);
    let fetched = &last[44];
    assert_eq!(fetched["file_size"].as_i64(), Some(emulator::assets::CLIP_MP4.len() as i64), "{fetched}");
    // The category chosen at upload is on the new media.
    let media_id = fetched["media_id"].as_str().unwrap().to_string();
    let info = h.client.call(&vod::api::GetVideoInfo { video_id: media_id, ..Default::default() }).await.unwrap();
    assert_eq!(info.video.cate_id, Some(category));

    // Status limits.
    let too_many: Vec<String> = (0..101).map(|i| format!("job{i}")).collect();
    let r = h.call("/api/upload/pull-status", &ids_form(&too_many), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("101 job IDs"), "{}", r.body);
    let r = h.call("/api/upload/pull-status", &ids_form(&["../etc".to_string()]), &editor).await;
    assert_eq!(r.status, 400);
    let r = h.call("/api/upload/pull-status", &ids_form(&["0123456789abcdef0123456789abcdef".to_string()]), &editor).await;
    assert_eq!(r.json()[0]["status"], "NOT_FOUND");
}

#[tokio::test]
async fn a_failed_call_marks_its_own_twenty_urls_and_the_others_go_through() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    internal_errors(&h, "UploadMediaByURL", 0.5);
    // Half of the calls fail at random: keep submitting until one submission is partial
    // (each is with probability 3/4), checking every answer on the way.
    let mut saw_partial = false;
    for attempt in 0..12 {
        let urls: Vec<String> = (0..45).map(|i| format!("http://cdn.example.com/a{attempt}-{i}.mp4")).collect();
        let r = h.call("/api/upload/pull", &pull_form(&urls, "", ""), &editor).await;
        assert!(r.status.is_success(), "a failed call is a per-URL result, not a failed request: {}", r.body);
        let sub = r.json();
        let items = sub["report"]["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 45, "no URL is lost");
        for chunk in items.chunks(20) {
            let outcome = &chunk[0]["outcome"];
            assert!(chunk.iter().all(|i| &i["outcome"] == outcome), "one call, one outcome: {chunk:?}");
            if outcome == "failed" {
                for i in chunk {
                    assert_eq!(i["code"], "InternalError");
                    assert!(i["request_id"].as_str().is_some_and(|r| !r.is_empty()), "{i}");
                    assert!(i["id"].as_str().unwrap().starts_with("http://"), "a refused URL is named by itself");
                }
            }
        }
        let done = items.iter().filter(|i| i["outcome"] == "done").count();
        let expected = match done {
            0 => "failed",
            45 => "ok",
            _ => "partial",
        };
        assert_eq!(h.activity().await[0].outcome, expected);
        if expected == "partial" {
            saw_partial = true;
            break;
        }
    }
    assert!(saw_partial, "twelve submissions without a partial result");
}

#[tokio::test]
async fn viewers_cannot_upload_and_signed_out_callers_cannot_do_anything() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let pull = pull_form(&["http://a.example/a.mp4".to_string()], "", "");
    let video = form(&[("file_name", "a.mp4"), ("file_size", "10"), ("title", "A"), ("category", ""), ("template_group", "")]);
    let image = form(&[("file_name", "a.png"), ("title", "A"), ("category", "")]);
    for (path, body, permission) in [
        ("/api/upload/pull", pull.as_str(), "vod:UploadMediaByURL"),
        ("/api/upload/create-video", video.as_str(), "vod:CreateUploadVideo"),
        ("/api/upload/refresh-video", "video_id=abc", "vod:RefreshUploadVideo"),
        ("/api/upload/create-image", image.as_str(), "vod:CreateUploadImage"),
    ] {
        let r = h.call(path, body, &viewer).await;
        assert_eq!(r.status, 403, "{path}: {}", r.body);
        assert!(r.body.contains(permission), "{path}: {}", r.body);
        assert_eq!(h.call(path, body, "").await.status, 401, "{path}");
    }
    assert!(h.activity().await.is_empty());
    // Reading is allowed: the choices and job states.
    assert!(h.call("/api/upload/choices", "", &viewer).await.status.is_success());
    assert!(h.call("/api/upload/pull-status", "job_ids[0]=abc", &viewer).await.status.is_success());
    // The page itself tells a viewer it is not for them.
    let page = h.get("/media/upload", &viewer).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("vod:CreateUploadVideo") && !page.body.contains("upload-start"), "{}", page.body);
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let page = h.get("/media/upload", &editor).await;
    assert!(page.body.contains("data-testid=\"upload-start\"") && page.body.contains("pull-form"));
}

/// A request to the storage target signed the way the browser signs it.
pub(crate) async fn storage(
    http: &reqwest::Client,
    t: &Value,
    method: &str,
    query: &[(&str, Option<&str>)],
    body: Vec<u8>,
) -> (u16, String, Option<String>) {
    let s = |k: &str| t[k].as_str().unwrap().to_string();
    let date = "Thu, 23 Nov 2026 14:12:07 GMT";
    let token = s("security_token");
    let content_type = if body.is_empty() { "" } else { "application/octet-stream" };
    let to_sign = string_to_sign(
        method,
        "",
        content_type,
        date,
        &[("x-oss-date", date), ("x-oss-security-token", &token)],
        &s("bucket"),
        &s("object"),
        query,
    );
    let url = object_url(&s("endpoint"), &s("bucket"), &s("object"), query);
    let mut req = http
        .request(method.parse().unwrap(), url)
        .header("authorization", format!("OSS {}:{}", s("access_key_id"), signature(&s("access_key_secret"), &to_sign)))
        .header("x-oss-date", date)
        .header("x-oss-security-token", token);
    if !content_type.is_empty() {
        req = req.header("content-type", content_type);
    }
    let r = req.body(body).send().await.unwrap();
    let status = r.status().as_u16();
    let etag = r.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_string);
    (status, r.text().await.unwrap(), etag)
}

#[tokio::test]
async fn browser_upload_protocol_with_a_renewed_credential_and_a_resume() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let http = reqwest::Client::new();
    const MIB: usize = 1024 * 1024;
    let file: Vec<u8> = (0..(2 * MIB + 12_345)).map(|i| (i % 251) as u8).collect();

    // Bad input is named.
    let video = |name: &str, title: &str, category: &str| {
        form(&[
            ("file_name", name),
            ("file_size", &file.len().to_string()),
            ("title", title),
            ("category", category),
            ("template_group", "VOD_NO_TRANSCODE"),
        ])
    };
    let r = h.call("/api/upload/create-video", &video("notes.txt", "Notes", ""), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains(".txt"), "{}", r.body);
    let r = h.call("/api/upload/create-video", &video("a.mp4", "launch 🚀", ""), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("emoji"), "{}", r.body);
    let r = h.call("/api/upload/create-video", &video("a.mp4", "A", "987654321"), &editor).await;
    assert_eq!(r.status, 502, "VOD refuses an unknown category: {}", r.body);
    assert!(r.body.contains("request_id"), "{}", r.body);
    assert_eq!(h.activity().await[0].outcome, "failed", "a refused create is logged with VOD's answer");

    let r = h.call("/api/upload/create-video", &video("holiday.mp4", "Holiday", ""), &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    for secret in [emulator::config::DEMO_ACCESS_KEY_SECRET, emulator::config::DEMO_ACCESS_KEY_ID] {
        assert!(!r.body.contains(secret), "the console's AccessKey reached the browser");
    }
    let first = r.json();
    let video_id = first["media_id"].as_str().unwrap().to_string();
    assert_eq!(first["kind"], "video");
    assert!(first["access_key_id"].as_str().unwrap().starts_with("STS."));

    // Multipart: initiate, two parts, then the page is "reloaded".
    let (status, body, _) = storage(&http, &first, "POST", &[("uploads", None)], Vec::new()).await;
    assert_eq!(status, 200, "{body}");
    let upload_id = parse_upload_id(&body).unwrap();
    let uid = Some(upload_id.as_str());
    for n in 1..=2 {
        let part = n.to_string();
        let chunk = file[(n - 1) * MIB..n * MIB].to_vec();
        let (status, body, etag) =
            storage(&http, &first, "PUT", &[("partNumber", Some(&part)), ("uploadId", uid)], chunk).await;
        assert_eq!(status, 200, "{body}");
        assert!(etag.is_some());
    }

    // Resume: a fresh credential replaces the old one, and the storage lists what arrived.
    let r = h.call("/api/upload/refresh-video", &format!("video_id={video_id}"), &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let second = r.json();
    assert_eq!((second["media_id"].as_str(), second["object"].as_str()), (Some(video_id.as_str()), first["object"].as_str()));
    assert_ne!(second["security_token"], first["security_token"]);
    let (status, body, _) =
        storage(&http, &first, "PUT", &[("partNumber", Some("3")), ("uploadId", uid)], file[2 * MIB..].to_vec()).await;
    assert_eq!(status, 403, "the replaced credential no longer works: {body}");
    let (status, body, _) = storage(&http, &second, "GET", &[("uploadId", uid)], Vec::new()).await;
    assert_eq!(status, 200, "{body}");
    let listed = parse_list_parts(&body);
    assert_eq!(listed.iter().map(|(n, _, size)| (*n, *size)).collect::<Vec<_>>(), vec![(1, MIB as u64), (2, MIB as u64)]);

    // Upload progress as VOD reports it mid-way.
    let r = h.call("/api/upload/details", &format!("video_id={video_id}"), &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    assert_eq!(r.json()["upload_size"].as_i64(), Some(2 * MIB as i64));
    assert_eq!(r.json()["upload_status"], "Uploading");

    let (status, body, _) =
        storage(&http, &second, "PUT", &[("partNumber", Some("3")), ("uploadId", uid)], file[2 * MIB..].to_vec()).await;
    assert_eq!(status, 200, "{body}");
    let (status, body, _) = storage(&http, &second, "POST", &[("uploadId", uid)], b"<CompleteMultipartUpload/>".to_vec()).await;
    assert_eq!(status, 200, "{body}");
    let r = h.call("/api/upload/details", &format!("video_id={video_id}"), &editor).await;
    let d = r.json();
    assert_eq!((d["upload_status"].as_str(), d["upload_size"].as_i64()), (Some("UploadSucc"), Some(file.len() as i64)));
    // Uploaded into VOD_NO_TRANSCODE: nothing to transcode, so it plays its original at once.
    assert_eq!(d["status"], "Normal");

    let log = h.activity().await;
    assert_eq!(log[0].action, "vod:RefreshUploadVideo");
    assert_eq!(log[1].action, "vod:CreateUploadVideo");
    for e in &log[..2] {
        assert_eq!((e.targets.as_slice(), e.outcome.as_str()), (std::slice::from_ref(&video_id), "ok"));
        assert!(e.request_id.is_some());
    }

    // An image goes up in one PUT.
    let r = h.call("/api/upload/create-image", &form(&[("file_name", "logo.gif"), ("title", "Logo"), ("category", "")]), &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let image = r.json();
    assert_eq!(image["kind"], "image");
    let (status, body, _) = storage(&http, &image, "PUT", &[], b"GIF89a\x10\x00\x08\x00".to_vec()).await;
    assert_eq!(status, 200, "{body}");
    let r = h.call("/api/upload/create-image", &form(&[("file_name", "clip.mp4"), ("title", "x"), ("category", "")]), &editor).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn the_forms_offer_the_account_s_template_groups_and_a_pull_uses_the_chosen_one() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let r = h.call("/api/upload/choices", "", &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let choices = r.json();
    assert!(choices["template_groups_error"].is_null(), "{choices}");
    let groups = choices["template_groups"].as_array().unwrap();
    let listed = h.client.call(&vod::api::ListTranscodeTemplateGroup::default()).await.unwrap().transcode_template_group_list;
    assert_eq!(groups.len(), listed.len());
    assert_eq!(groups[0]["is_default"], true, "the default comes first: {groups:?}");
    assert_eq!(groups.iter().filter(|g| g["is_default"] == true).count(), 1);
    let default_name = groups[0]["name"].as_str().unwrap();
    let mobile = groups.iter().find(|g| g["name"].as_str().unwrap().contains("Mobile")).unwrap()["id"].as_str().unwrap();

    // Both forms render a list, not a free-text field.
    let page = h.get("/media/upload", &editor).await;
    assert!(page.body.contains("<select id=\"pull-template-group\""), "{}", page.body);
    assert!(page.body.contains("<select id=\"upload-template-group\""));
    assert!(page.body.contains(&format!("Account default ({default_name})")));

    let url = "http://cdn.example.com/grouped.mp4".to_string();
    let r = h.call("/api/upload/pull", &pull_form(&[url], "", mobile), &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let job = r.json()["jobs"][0]["job_id"].as_str().unwrap().to_string();
    let last = poll_until_final(&h, &editor, &[job]).await;
    let media_id = last[0]["media_id"].as_str().unwrap().to_string();
    let info = h.client.call(&vod::api::GetVideoInfo { video_id: media_id, ..Default::default() }).await.unwrap();
    assert_eq!(info.video.template_group_id, mobile);

    // A group that does not exist is VOD's answer, named per URL; nothing is lost.
    let r = h.call("/api/upload/pull", &pull_form(&["http://cdn.example.com/x.mp4".into()], "", &"f".repeat(32)), &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let item = &r.json()["report"]["items"][0];
    assert_eq!(item["code"], "InvalidTemplateGroupId.NotFound", "{item}");

    // When the groups cannot be read, the forms take an ID by hand and say why.
    internal_errors(&h, "ListTranscodeTemplateGroup", 1.0);
    let choices = h.call("/api/upload/choices", "", &editor).await.json();
    assert!(choices["template_groups"].is_null() && !choices["categories"].as_array().unwrap().is_empty(), "{choices}");
    assert!(choices["template_groups_error"].as_str().unwrap().contains("InternalError"), "{choices}");
    let page = h.get("/media/upload", &editor).await;
    assert!(page.body.contains("<input id=\"pull-template-group\""), "{}", page.body);
    assert!(page.body.contains("The template groups could not be read"));
}

/// A request the console's own forms never send (a field missing, a number that is not
/// one) is the caller's mistake: 400 naming the field, not a server error.
#[tokio::test]
async fn unreadable_arguments_are_a_400_that_names_the_field() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let r = h.call("/api/upload/pull", "urls=http%3A%2F%2Fa.example%2Fa.mp4&template_group=", &editor).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("\"field\":\"category\""), "{}", r.body);
    let r = h
        .call("/api/upload/create-video", "file_name=a.mp4&file_size=lots&title=A&category=&template_group=", &editor)
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("could not be read"), "{}", r.body);
    assert!(h.activity().await.is_empty());
}

/// A fresh upload credential is handed out only for an upload the same person started
/// in the console (admins: any); a refusal names the field and is logged.
#[tokio::test]
async fn an_upload_credential_is_renewed_only_for_its_own_uploader() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let eve = h.sign_in_as("eve", Role::Editor).await;
    let admin = h.sign_in_as("ada", Role::Admin).await;
    let r = h.call("/api/upload/create-video", "file_name=a.mp4&file_size=1000&title=Mine&category=&template_group=", &ed).await;
    assert!(r.status.is_success(), "{}", r.body);
    let video_id = r.json()["media_id"].as_str().unwrap().to_string();

    // Someone else's upload, and a video that was never uploaded here: refused.
    let other = h.call("/api/upload/refresh-video", &format!("video_id={video_id}"), &eve).await;
    assert_eq!(other.status, 400, "{}", other.body);
    assert_eq!(other.json()["Invalid"]["field"], "video_id", "{}", other.body);
    assert!(!other.body.contains("AccessKeySecret"), "no credential in a refusal");
    let demo = a_normal_video(&h).await;
    assert_eq!(h.call("/api/upload/refresh-video", &format!("video_id={demo}"), &ed).await.status, 400);
    let log = h.activity().await;
    assert_eq!((log[0].username.as_str(), log[0].action.as_str(), log[0].outcome.as_str()), ("ed", "vod:RefreshUploadVideo", "failed"));
    assert_eq!((log[1].username.as_str(), log[1].outcome.as_str()), ("eve", "failed"));

    // The uploader and an admin get a credential.
    for who in [&ed, &admin] {
        let r = h.call("/api/upload/refresh-video", &format!("video_id={video_id}"), who).await;
        assert!(r.status.is_success(), "{}", r.body);
        assert_eq!(r.json()["media_id"], video_id.as_str());
    }
}

/// In emulator mode a URL pull fetches for real only from the emulator itself (its demo
/// files) and allowed addresses: any other loopback port is never connected to.
#[tokio::test]
async fn a_url_pull_cannot_probe_the_machine_s_ports() {
    let h = VodHarness::start().await;
    let ed = h.sign_in_as("ed", Role::Editor).await;
    let probe = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = probe.local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/secret.mp4");
    let r = h.call("/api/upload/pull", &pull_form(&[url], "", "VOD_NO_TRANSCODE"), &ed).await;
    assert!(r.status.is_success(), "{}", r.body);
    let job = r.json()["jobs"][0]["job_id"].as_str().unwrap().to_string();
    let last = poll_until_final(&h, &ed, &[job]).await;
    assert_eq!(last[0]["status"], "SUCCESS", "simulated, as for any other host: {last:?}");
    let accepted = tokio::time::timeout(Duration::from_millis(10), probe.accept()).await;
    assert!(accepted.is_err(), "the emulator connected to a port it was not allowed to fetch from");
}
