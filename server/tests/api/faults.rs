//! VOD failing under the console: 5xx answers, throttling in the middle of a batch, and a
//! call that never answers. The person gets a sentence with VOD's code and RequestId (or
//! the timeout said as such), nothing they typed is lost (the same call succeeds once VOD
//! is back), and nothing that must not be repeated is sent twice.

use std::time::Duration;

use app::model::Role;
use emulator::gateway::faults::{ErrorFault, FaultConfig};
use serde_json::Value;

use crate::common::VodHarness;

fn failing(action: &str, code: &str) -> FaultConfig {
    FaultConfig {
        errors: vec![ErrorFault { action: action.into(), code: code.into(), rate: 1.0, status: None, message: None }],
        ..Default::default()
    }
}

const LIST: &str = "query[tab]=videos&query[q]=&query[status]=Normal&query[cate]=&query[from]=&query[to]=&query[storage]=&query[asc]=false&query[size]=20&query[page]=1&query[scroll]=&query[fresh]=true";

/// The error a server function answered: (code, RequestId, sentence).
fn vod_error(body: &str) -> (String, String, String) {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    let text = v.to_string();
    let find = |key: &str| -> String {
        fn walk(v: &Value, key: &str) -> Option<String> {
            match v {
                Value::Object(m) => m.get(key).and_then(|x| x.as_str().map(str::to_string)).or_else(|| m.values().find_map(|x| walk(x, key))),
                Value::Array(a) => a.iter().find_map(|x| walk(x, key)),
                _ => None,
            }
        }
        walk(&v, key).unwrap_or_else(|| panic!("no {key} in {text}"))
    };
    (find("code"), find("request_id"), find("message"))
}

#[tokio::test]
async fn vod_errors_reach_the_person_with_code_and_request_id_and_writes_are_not_repeated() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let list = h.call("/api/media/list", LIST, &editor).await;
    assert!(list.status.is_success(), "{}", list.body);
    let video = list.json()["listing"]["rows"][0]["id"].as_str().unwrap().to_string();
    let state = h.emulator.state();

    // The list, against a failing SearchMedia.
    state.set_faults(failing("SearchMedia", "InternalError"));
    let r = h.call("/api/media/list", LIST, &editor).await;
    assert_eq!(r.status, 502, "{}", r.body);
    let (code, request_id, message) = vod_error(&r.body);
    assert_eq!(code, "InternalError");
    assert!(!request_id.is_empty() && !message.is_empty(), "{}", r.body);

    // An edit against a failing UpdateVideoInfo: refused with the code; once VOD is back,
    // the same form goes through.
    state.set_faults(failing("UpdateVideoInfo", "ServiceUnavailable"));
    let edit = format!("tab=videos&id={video}&title=%E6%95%85%E9%9A%9C%E5%90%8E&description=&tags=");
    let r = h.call("/api/media/update", &edit, &editor).await;
    assert_eq!(r.status, 502, "{}", r.body);
    assert_eq!(vod_error(&r.body).0, "ServiceUnavailable");
    state.set_faults(FaultConfig::default());
    let r = h.call("/api/media/update", &edit, &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let info = h.client.call(&vod::api::GetVideoInfo { video_id: video.clone(), ..Default::default() }).await.unwrap();
    assert_eq!(info.video.title, "故障后");

    // A create that fails is not retried blindly: AddCategory has no idempotency token,
    // so exactly one call reached VOD.
    state.set_faults(failing("AddCategory", "InternalError"));
    let before = state.calls("AddCategory");
    let r = h.call("/api/categories/add", "cate_type=default&name=%E6%95%85%E9%9A%9C", &editor).await;
    assert_eq!(r.status, 502, "{}", r.body);
    assert_eq!(vod_error(&r.body).0, "InternalError");
    assert_eq!(state.calls("AddCategory") - before, 1, "the failed create was sent more than once");
    state.set_faults(FaultConfig::default());
}

#[tokio::test]
async fn throttled_batches_of_a_bulk_delete_are_reported_per_item_and_delete_nothing() {
    let h = VodHarness::start_full(|_| {}, app::ssr::state::Settings { undo_window: Duration::from_millis(100), ..Default::default() }).await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let list = h.call("/api/media/list", &LIST.replace("query[size]=20", "query[size]=50"), &editor).await.json();
    let ids: Vec<String> = list["listing"]["rows"].as_array().unwrap().iter().take(45).map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 45);
    let state = h.emulator.state();
    // Every DeleteVideo call is throttled: the job's batches of 20 each end with a code.
    state.set_faults(FaultConfig { throttle: vec!["DeleteVideo".into()], ..Default::default() });
    let form: Vec<String> = ids.iter().enumerate().map(|(i, id)| format!("ids[{i}]={id}")).collect();
    let job = h.call("/api/media/delete", &format!("tab=videos&{}", form.join("&")), &editor).await;
    assert!(job.status.is_success(), "{}", job.body);
    let id = job.json()["id"].as_i64().unwrap();
    let until = std::time::Instant::now() + Duration::from_secs(60);
    let done = loop {
        let s = h.call("/api/media/delete-status", &format!("job={id}"), &editor).await.json();
        if s["state"] == "done" {
            break s;
        }
        assert!(std::time::Instant::now() < until, "the delete never ended: {s}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let items = done["report"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 45, "every item has an outcome");
    for item in items {
        assert_eq!(item["outcome"], "failed", "{item}");
        assert_eq!(item["code"], "Throttling.User", "{item}");
        assert!(item["message"].as_str().is_some_and(|m| !m.is_empty()), "{item}");
    }
    // Nothing was deleted, and the failed items can be retried once VOD lets them through.
    state.set_faults(FaultConfig::default());
    let r = h.call("/api/media/video", &format!("id={}", ids[0]), &editor).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
async fn a_call_that_never_answers_ends_in_a_sentence_about_the_timeout() {
    let h = VodHarness::start_tuned(|_| {}, Default::default(), |c| c.timeout(Duration::from_secs(2))).await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    h.emulator.state().set_faults(FaultConfig { hang: vec!["SearchMedia".into()], ..Default::default() });
    let r = h.call("/api/media/list", LIST, &editor).await;
    assert!(matches!(r.status.as_u16(), 502 | 504), "{} {}", r.status, r.body);
    assert!(r.body.contains("SearchMedia timed out after 2 seconds"), "{}", r.body);
    // In the person's language.
    let r = h.call("/api/media/list", LIST, &format!("{editor}; i18n_pref_locale=zh")).await;
    assert!(r.body.contains("调用 SearchMedia 在 2 秒后超时"), "{}", r.body);
}
