//! The review pages over HTTP against a real emulator: the queue with its AI verdicts,
//! counts and claims; the reviewer screen (every AI read, the refusal to play a video
//! under review until this server is a review security IP); decisions that wait out
//! their undo window, are undone or sent in CreateAudit batches of at most 20 with a
//! result each (one unknown video does not sink its batch); the decision record and its
//! CSV; the security IP form's checks; and who may do what.

use std::time::Duration;

use app::model::Role;
use serde_json::Value;

use crate::common::{enc, message, ok, VodHarness};

fn quick() -> app::ssr::Settings {
    app::ssr::Settings { decision_window: Duration::from_secs(1), ..Default::default() }
}

async fn queue(h: &VodHarness, cookie: &str, query: &str) -> Value {
    ok(&h.call("/api/audit/queue", query, cookie).await)
}

fn decide_form(video: &str, decision: &str, reason: &str) -> String {
    format!(
        "form[video_id]={video}&form[title]=t&form[decision]={decision}&form[reason_text]={}&form[ai_suggestion]=block&form[ai_label]=porn",
        enc(reason)
    )
}

/// Waits until decision `id` has left `pending` and `sending`.
async fn settled(h: &VodHarness, cookie: &str, id: i64) -> Value {
    for _ in 0..100 {
        let d = ok(&h.call("/api/audit/decision", &format!("id={id}"), cookie).await);
        if d["state"] != "pending" && d["state"] != "sending" {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("decision {id} never settled");
}

#[tokio::test]
async fn the_queue_lists_videos_under_review_with_verdicts_counts_and_claims() {
    let h = VodHarness::start().await;
    let ann = h.sign_in_as("ann", Role::Auditor).await;
    let q = queue(&h, &ann, "").await;
    let items = q["items"].as_array().unwrap();
    assert!(items.len() >= 3, "{q}");
    assert!(items.iter().all(|i| i["status"] == "Checking"));
    // By score: blocks first, then reviews.
    let ranks: Vec<u8> = items.iter().map(|i| match i["suggestion"].as_str().unwrap() { "block" => 3, "review" => 2, "pass" => 1, _ => 0 }).collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    assert!(ranks[0] == 3, "a video to block leads the queue");
    // Counts per label cover the whole queue; a filter keeps only that label.
    let counts: Vec<(String, u64)> = q["counts"].as_array().unwrap().iter().map(|c| (c[0].as_str().unwrap().to_string(), c[1].as_u64().unwrap())).collect();
    let (label, n) = counts.iter().find(|(_, n)| *n > 0).cloned().unwrap();
    let filtered = queue(&h, &ann, &format!("label={label}")).await;
    assert_eq!(filtered["items"].as_array().unwrap().len() as u64, n);
    assert_eq!(filtered["total"], q["total"]);
    // By upload: the longest waiting first.
    let by_upload = queue(&h, &ann, "sort=uploaded").await;
    let times: Vec<&str> = by_upload["items"].as_array().unwrap().iter().map(|i| i["created"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");

    // Opening a video claims it: another auditor sees who, and cannot decide on it.
    let first = items[0]["video_id"].as_str().unwrap().to_string();
    let screen = ok(&h.call("/api/audit/review", &format!("id={first}"), &ann).await);
    assert_eq!(screen["claimed_by"], Value::Null);
    let bob = h.sign_in_as("bob", Role::Auditor).await;
    let theirs = queue(&h, &bob, "").await;
    let row = theirs["items"].as_array().unwrap().iter().find(|i| i["video_id"] == first.as_str()).unwrap().clone();
    assert_eq!(row["claim"]["username"], "ann");
    let screen = ok(&h.call("/api/audit/review", &format!("id={first}"), &bob).await);
    assert_eq!(screen["claimed_by"]["username"], "ann");
    // Viewers see nothing here.
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    assert_eq!(h.call("/api/audit/queue", "", &viewer).await.status, 403);
}

#[tokio::test]
async fn the_reviewer_screen_reads_everything_and_plays_only_from_a_security_ip() {
    let h = VodHarness::start().await;
    let ann = h.sign_in_as("ann", Role::Auditor).await;
    let q = queue(&h, &ann, "").await;
    let flagged = q["items"].as_array().unwrap().iter().find(|i| i["suggestion"] == "block").unwrap()["video_id"].as_str().unwrap().to_string();
    let s = ok(&h.call("/api/audit/review", &format!("id={flagged}"), &ann).await);
    assert_eq!(s["ai"]["suggestion"], "block");
    assert!(!s["segments"].as_array().unwrap().is_empty(), "{s}");
    let f = ok(&h.call("/api/audit/frames", &format!("id={flagged}"), &ann).await);
    assert!(!f["frames"].as_array().unwrap().is_empty() && f["page"] == 1, "{f}");
    let starts: Vec<i64> = s["segments"].as_array().unwrap().iter().map(|x| x["start_ms"].as_i64().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "in playing order");
    // This server is not a review security IP: the video does not play, and the screen says why.
    assert_eq!(s["play"], Value::Null);
    assert_eq!(s["needs_security_ip"], true);
    assert!(s["play_refused"].as_str().unwrap().contains("security IP"));
    assert!(s["next_id"].is_string());

    // Flagged frames come 20 a page; a page past the last shows the last.
    let mut paged = None;
    for item in q["items"].as_array().unwrap().iter().filter(|i| i["suggestion"] != "pass") {
        let id = item["video_id"].as_str().unwrap();
        let f = ok(&h.call("/api/audit/frames", &format!("id={id}"), &ann).await);
        if f["total"].as_i64().unwrap() > 20 {
            paged = Some((id.to_string(), f));
            break;
        }
    }
    let (id, first) = paged.expect("a demo video with more than 20 flagged frames");
    let total = first["total"].as_i64().unwrap();
    let pages = first["pages"].as_i64().unwrap();
    assert_eq!(pages, (total + 19) / 20);
    assert_eq!(first["frames"].as_array().unwrap().len(), 20);
    let last = ok(&h.call("/api/audit/frames", &format!("id={id}&page=99"), &ann).await);
    assert_eq!(last["page"], pages);
    assert_eq!(last["frames"].as_array().unwrap().len() as i64, total - 20 * (pages - 1));
    let at = |p: &Value| p["frames"].as_array().unwrap().iter().map(|f| f["timestamp_ms"].as_i64().unwrap()).collect::<Vec<_>>();
    assert!(at(&first).last() < at(&last).first(), "later pages hold later frames");

    // An auditor may not change the security IPs; a configurator may.
    assert_eq!(h.call("/api/audit/security-ips/save", "group=Default&ips=127.0.0.1&mode=Append", &ann).await.status, 403);
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let r = h.call("/api/audit/security-ips/save", "group=Default&ips=10.0.0.0%2F33&mode=Append", &conf).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["Invalid"]["field"], "ips");
    assert!(message(&r).contains("10.0.0.0/33"), "{}", message(&r));
    let many: Vec<String> = (0..99).map(|i| format!("10.1.{}.{}", i / 200, i % 200)).collect();
    let r = h.call("/api/audit/security-ips/save", &format!("group=Default&ips={}&mode=Append", enc(&many.join(","))), &conf).await;
    assert_eq!(r.status, 400, "two demo addresses and 99 more are over 100");
    assert!(message(&r).contains("100"), "{}", message(&r));
    ok(&h.call("/api/audit/security-ips/save", "group=Default&ips=127.0.0.1&mode=Append", &conf).await);
    let groups = ok(&h.call("/api/audit/security-ips", "", &conf).await);
    assert!(groups["groups"][0]["ips"].as_array().unwrap().iter().any(|ip| ip == "127.0.0.1"));
    let s = ok(&h.call("/api/audit/review", &format!("id={flagged}"), &ann).await);
    assert!(s["play"][0].as_str().unwrap().starts_with("http"), "{s}");
    let log = h.activity().await;
    assert!(log.iter().any(|e| e.action == "vod:SetAuditSecurityIp" && e.request_id.is_some()));
}

#[tokio::test]
async fn a_decision_waits_can_be_undone_then_is_sent_and_recorded() {
    let h = VodHarness::start_full(|_| {}, quick()).await;
    let ann = h.sign_in_as("ann", Role::Auditor).await;
    let q = queue(&h, &ann, "").await;
    let video = q["items"][0]["video_id"].as_str().unwrap().to_string();

    // A block needs a reason.
    let r = h.call("/api/audit/decide", &decide_form(&video, "Blocked", ""), &ann).await;
    assert_eq!(r.json()["Invalid"]["field"], "reason");

    let d = ok(&h.call("/api/audit/decide", &decide_form(&video, "Normal", ""), &ann).await);
    assert_eq!(d["state"], "pending");
    // Pending: out of the queue.
    let q2 = queue(&h, &ann, "").await;
    assert!(!q2["items"].as_array().unwrap().iter().any(|i| i["video_id"] == video.as_str()));
    // Someone else cannot undo it; its author can.
    let bob = h.sign_in_as("bob", Role::Auditor).await;
    assert_eq!(ok(&h.call("/api/audit/undo", &format!("id={}", d["id"]), &bob).await), false);
    assert_eq!(ok(&h.call("/api/audit/undo", &format!("id={}", d["id"]), &ann).await), true);
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let undone = ok(&h.call("/api/audit/decision", &format!("id={}", d["id"]), &ann).await);
    assert_eq!(undone["state"], "undone", "nothing reached VOD");
    assert_eq!(h.emulator.state().calls("CreateAudit"), 0);

    let d = ok(&h.call("/api/audit/decide", &decide_form(&video, "Blocked", "画面含广告"), &ann).await);
    let sent = settled(&h, &ann, d["id"].as_i64().unwrap()).await;
    assert_eq!(sent["state"], "sent", "{sent}");
    assert!(sent["request_id"].is_string());
    let s = ok(&h.call("/api/audit/review", &format!("id={video}"), &ann).await);
    assert_eq!(s["status"], "Blocked");
    assert_eq!(s["history"][0]["reason"], "画面含广告");
    assert_eq!(s["record"][0]["ai_suggestion"], "block", "the AI's word at the time is kept");
    assert_eq!(s["record"].as_array().unwrap().len(), 2, "the undone one stays in the record");
    let log = h.activity().await;
    assert!(log.iter().any(|e| e.action == "vod:CreateAudit" && e.outcome == "ok" && !e.items.is_empty()), "{log:?}");
    // The record as CSV.
    let csv = h.get("/export/audit-decisions.csv", &ann).await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("画面含广告") && csv.body.contains(",sent,"), "{}", csv.body);
}

#[tokio::test]
async fn decisions_due_together_go_in_batches_of_twenty_and_an_unknown_video_fails_alone() {
    let h = VodHarness::start_full(|_| {}, app::ssr::Settings { decision_window: Duration::from_secs(2), ..Default::default() }).await;
    let ann = h.sign_in_as("ann", Role::Auditor).await;
    let list: vod::api::GetVideoListResponse =
        h.client.call(&vod::api::GetVideoList { status: Some("Normal".into()), page_size: Some(30), ..Default::default() }).await.unwrap();
    let mut ids: Vec<String> = list.video_list.iter().take(23).map(|v| v.video_id.clone()).collect();
    ids.insert(7, "0".repeat(32));
    let mut decided = Vec::new();
    for id in &ids {
        decided.push(ok(&h.call("/api/audit/decide", &decide_form(id, "Normal", ""), &ann).await)["id"].as_i64().unwrap());
    }
    let mut states = Vec::new();
    for id in &decided {
        states.push(settled(&h, &ann, *id).await);
    }
    let failed: Vec<&Value> = states.iter().filter(|s| s["state"] == "failed").collect();
    assert_eq!(failed.len(), 1, "{states:?}");
    assert_eq!(failed[0]["video_id"], "0".repeat(32));
    assert!(failed[0]["error"].as_str().unwrap().contains("does not exist"), "{}", failed[0]);
    assert_eq!(states.iter().filter(|s| s["state"] == "sent").count(), 23);
    // 24 decisions: at least two calls (20 at most each), plus one resent batch.
    let calls = h.emulator.state().calls("CreateAudit");
    assert!((3..=6).contains(&calls), "{calls} CreateAudit calls");
}
