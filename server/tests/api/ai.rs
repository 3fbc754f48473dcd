//! AI moderation on the review pages over HTTP against a real emulator: jobs submitted
//! for several videos with a result each (an unknown video fails alone), followed to
//! their verdict; moderation templates checked before VOD, added, changed, made the
//! default (which VOD then refuses to delete) and deleted; and who may do what.

use app::model::Role;
use serde_json::Value;

use crate::common::{message, ok, VodHarness};

fn template_form(name: &str, items: &[&str], ranges: &[&str], extra: &str) -> String {
    let mut form = format!("form[name]={}&form[auto_block]=no{extra}", crate::common::enc(name));
    for (i, item) in items.iter().enumerate() {
        form.push_str(&format!("&form[items][{i}]={item}"));
    }
    for (i, range) in ranges.iter().enumerate() {
        form.push_str(&format!("&form[ranges][{}]={range}", i + 1));
    }
    form
}

fn template<'a>(o: &'a Value, name: &str) -> &'a Value {
    o["templates"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no {name} in {o}"))
}

#[tokio::test]
async fn jobs_are_submitted_per_video_and_followed_to_their_verdict() {
    let h = VodHarness::start().await;
    let ann = h.sign_in_as("ann", Role::Auditor).await;
    let list: vod::api::GetVideoListResponse =
        h.client.call(&vod::api::GetVideoList { status: Some("Normal".into()), page_size: Some(5), ..Default::default() }).await.unwrap();
    let ids: Vec<String> = list.video_list.iter().take(3).map(|v| v.video_id.clone()).collect();
    let text = format!("{}\n{}, {}  {}", ids[0], ids[1], "0".repeat(32), ids[2]);
    let report = ok(&h.call("/api/audit/ai/submit", &format!("ids={}", crate::common::enc(&text)), &ann).await);
    let items = report["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items.iter().filter(|i| i["outcome"] == "done").count(), 3);
    assert_eq!(items.iter().find(|i| i["id"] == "0".repeat(32).as_str()).unwrap()["outcome"], "not_found");
    assert_eq!(h.emulator.state().calls("SubmitAIMediaAuditJob"), 4);
    let o = ok(&h.call("/api/audit/ai", "", &ann).await);
    let jobs = o["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 3, "the refused one has no job");
    assert!(jobs.iter().all(|j| matches!(j["status"].as_str(), Some("init" | "processing"))), "{jobs:?}");
    h.emulator.state().backend().advance_clock(60);
    let o = ok(&h.call("/api/audit/ai", "", &ann).await);
    assert!(o["jobs"].as_array().unwrap().iter().all(|j| j["status"] == "success" && j["suggestion"].is_string()), "{o}");
    let log = h.activity().await;
    assert!(log.iter().any(|e| e.action == "vod:SubmitAIMediaAuditJob" && e.outcome == "partial" && e.items.len() == 4), "{log:?}");

    // Nothing listed, or too many, is refused before VOD.
    assert_eq!(h.call("/api/audit/ai/submit", "ids=%20", &ann).await.json()["Invalid"]["field"], "ids");
    let many: Vec<String> = (0..101).map(|i| format!("{i:032x}")).collect();
    let r = h.call("/api/audit/ai/submit", &format!("ids={}", many.join(",")), &ann).await;
    assert!(message(&r).contains("100"), "{}", message(&r));
    // Viewers may not submit.
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    assert_eq!(h.call("/api/audit/ai/submit", &format!("ids={}", ids[0]), &viewer).await.status, 403);
}

#[tokio::test]
async fn templates_are_checked_saved_defaulted_and_deleted() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    // Checked before VOD: a name, something to look for, somewhere to look.
    let r = h.call("/api/audit/ai/template/save", &template_form("", &["porn"], &["video"], ""), &conf).await;
    assert_eq!(r.json()["Invalid"]["field"], "name");
    let r = h.call("/api/audit/ai/template/save", &template_form("无项目", &[], &["video"], ""), &conf).await;
    assert_eq!(r.json()["Invalid"]["field"], "items");
    assert_eq!(h.emulator.state().calls("AddAITemplate"), 0);

    let id = ok(&h.call("/api/audit/ai/template/save", &template_form("只查广告", &["ad"], &["video", "text-title"], ""), &conf).await);
    let id = id.as_str().unwrap().to_string();
    let o = ok(&h.call("/api/audit/ai", "", &conf).await);
    let t = template(&o, "只查广告");
    assert_eq!((t["items"].clone(), t["ranges"].clone(), t["is_default"].clone()), (serde_json::json!(["ad"]), serde_json::json!(["video", "text-title"]), Value::Bool(false)));
    ok(&h.call("/api/audit/ai/template/save", &template_form("广告台标检查", &["ad", "logo"], &["video"], &format!("&form[id]={id}")), &conf).await);
    ok(&h.call("/api/audit/ai/template/default", &format!("id={id}"), &conf).await);
    let o = ok(&h.call("/api/audit/ai", "", &conf).await);
    assert_eq!(template(&o, "广告台标检查")["is_default"], true);
    // VOD refuses to delete the default: a sentence, and the log says so.
    let r = h.call("/api/audit/ai/template/delete", &format!("id={id}"), &conf).await;
    assert_eq!(r.status, 502, "{}", r.body);
    assert!(message(&r).contains("default"), "{}", message(&r));
    let system = template(&o, "VOD-AIMediaAudit-System")["id"].as_str().unwrap().to_string();
    ok(&h.call("/api/audit/ai/template/default", &format!("id={system}"), &conf).await);
    ok(&h.call("/api/audit/ai/template/delete", &format!("id={id}"), &conf).await);
    let o = ok(&h.call("/api/audit/ai", "", &conf).await);
    assert!(!o["templates"].as_array().unwrap().iter().any(|t| t["id"] == id.as_str()));
    let log = h.activity().await;
    assert!(log.iter().any(|e| e.action == "vod:DeleteAITemplate" && e.outcome == "failed" && e.request_id.is_some()));
    assert!(log.iter().any(|e| e.action == "vod:AddAITemplate" && e.request_id.is_some()));
    // Auditors read the templates but do not change them.
    let ann = h.sign_in_as("ann", Role::Auditor).await;
    ok(&h.call("/api/audit/ai", "", &ann).await);
    assert_eq!(h.call("/api/audit/ai/template/default", &format!("id={id}"), &ann).await.status, 403);
}
