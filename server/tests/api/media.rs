//! The media library's server functions against a real emulator over a real socket:
//! listing and filters, edits with VOD's byte rules, bulk edits in batches of 20, the
//! undoable delete queue with per-item outcomes, image lookups, permissions and the
//! activity log.

use std::time::Duration;

use app::model::Role;
use app::ssr::Settings;
use crate::common::VodHarness;
use serde_json::Value;

fn short_undo() -> Settings {
    Settings { undo_window: Duration::from_millis(400), ..Settings::default() }
}

async fn ids(h: &VodHarness, cookie: &str, query: &str, n: usize) -> Vec<String> {
    let r = h.call("/api/media/list", query, cookie).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let rows = r.json()["listing"]["rows"].as_array().unwrap().clone();
    rows.iter().take(n).map(|row| row["id"].as_str().unwrap().to_string()).collect()
}

fn form_ids(ids: &[String]) -> String {
    ids.iter().enumerate().map(|(i, id)| format!("ids[{i}]={id}")).collect::<Vec<_>>().join("&")
}

async fn wait_done(h: &VodHarness, cookie: &str, job: i64) -> Value {
    for _ in 0..100 {
        let r = h.call("/api/media/delete-status", &format!("job={job}"), cookie).await;
        assert!(r.status.is_success(), "{} {}", r.status, r.body);
        let v = r.json();
        if v["state"] == "done" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("delete job {job} did not finish");
}

#[tokio::test]
async fn the_list_searches_filters_and_pages_with_the_query() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vera", Role::Viewer).await;

    let r = h.call("/api/media/list", "query[tab]=videos&query[q]=&query[status]=&query[cate]=&query[from]=&query[to]=&query[storage]=&query[asc]=false&query[size]=20&query[page]=1&query[scroll]=", &viewer).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let v = r.json();
    assert_eq!(v["listing"]["rows"].as_array().unwrap().len(), 20);
    assert!(v["listing"]["total"].as_u64().unwrap() >= 300, "{}", v["listing"]["total"]);
    assert!(v["categories"].as_array().unwrap().len() >= 40, "the filter lists the whole tree");
    let first_title = v["listing"]["rows"][0]["title"].as_str().unwrap().to_string();

    // Status filter: every row matches.
    let normal = h.call("/api/media/list", &base_query("videos", "status", "Normal"), &viewer).await.json();
    assert!(normal["listing"]["rows"].as_array().unwrap().iter().all(|r| r["status"] == "Normal"));
    assert!(normal["listing"]["total"].as_u64().unwrap() < v["listing"]["total"].as_u64().unwrap());

    // Search by a word of a title finds that item.
    let word: String = first_title.chars().take(4).collect();
    let found = h.call("/api/media/list", &base_query("videos", "q", &urlencode(&word)), &viewer).await.json();
    assert!(found["listing"]["rows"].as_array().unwrap().iter().any(|r| r["title"] == first_title.as_str()), "{word}");

    // Images and attached media are their own tabs.
    let images = h.call("/api/media/list", &base_query("images", "q", ""), &viewer).await.json();
    assert!(images["listing"]["rows"][0]["url"].as_str().unwrap().starts_with("http"));

    // A bad filter names the field.
    let bad = h.call("/api/media/list", &base_query("images", "status", "Transcoding"), &viewer).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("status"), "{}", bad.body);
}

fn urlencode(s: &str) -> String {
    app::model::query::encode_component(s)
}

/// A full `query[...]` form with one field set.
fn base_query(tab: &str, field: &str, value: &str) -> String {
    let mut pairs = vec![
        ("tab", tab.to_string()),
        ("q", String::new()),
        ("status", String::new()),
        ("cate", String::new()),
        ("from", String::new()),
        ("to", String::new()),
        ("storage", String::new()),
        ("asc", "false".into()),
        ("size", "20".into()),
        ("page", "1".into()),
        ("scroll", String::new()),
    ];
    for p in &mut pairs {
        if p.0 == field {
            p.1 = value.to_string();
        }
    }
    pairs.iter().map(|(k, v)| format!("query[{k}]={v}")).collect::<Vec<_>>().join("&")
}

#[tokio::test]
async fn edits_follow_vod_byte_rules_and_are_logged() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let viewer = h.sign_in_as("vera", Role::Viewer).await;
    let id = ids(&h, &editor, &base_query("videos", "status", "Normal"), 1).await.remove(0);

    let title = "新标题 &=+*~/% 测试";
    let form = format!("tab=videos&id={id}&title={}&description=d&tags=a,%E6%A0%87%E7%AD%BE&cate=&cover_url=", urlencode(title));
    let r = h.call("/api/media/update", &form, &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let detail = h.call("/api/media/video", &format!("id={id}"), &viewer).await.json();
    assert_eq!(detail["title"], title);
    assert_eq!(detail["tags"], "a,标签");
    assert!(!detail["streams"].as_array().unwrap().is_empty(), "a Normal video has streams: {detail}");

    // 43 CJK characters = 129 bytes: refused before VOD is called, naming the limit.
    let long = "视".repeat(43);
    let r = h.call("/api/media/update", &format!("tab=videos&id={id}&title={}&description=&tags=", urlencode(&long)), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("129 bytes") && r.body.contains("128"), "{}", r.body);
    let r = h.call("/api/media/update", &format!("tab=videos&id={id}&title={}&description=&tags=", urlencode("hi 🚀")), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("emoji"), "{}", r.body);
    let tags17 = (0..17).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
    let r = h.call("/api/media/update", &format!("tab=videos&id={id}&title=x&description=&tags={tags17}"), &editor).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("17 tags"), "{}", r.body);

    // Viewers cannot edit: refused on the server.
    let r = h.call("/api/media/update", &format!("tab=videos&id={id}&title=x&description=&tags="), &viewer).await;
    assert_eq!(r.status, 403, "{}", r.body);

    let log = h.activity().await;
    assert_eq!(log.len(), 1, "only the successful edit is logged: {log:?}");
    assert_eq!(log[0].action, "vod:UpdateVideoInfo");
    assert_eq!(log[0].targets, vec![id]);
    assert!(log[0].request_id.is_some());
}

#[tokio::test]
async fn bulk_edit_moves_25_videos_in_two_calls_with_per_item_results() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let list = h.call("/api/media/list", &base_query("videos", "size", "50"), &editor).await.json();
    let cate = list["categories"][0]["id"].as_i64().unwrap();
    let mut chosen: Vec<String> = list["listing"]["rows"].as_array().unwrap().iter().take(24).map(|r| r["id"].as_str().unwrap().to_string()).collect();
    chosen.push("0000000000000000000000000000dead".into());
    let form = format!("tab=videos&{}&cate={cate}&tags=bulk,%E6%89%B9%E9%87%8F&replace_tags=false", form_ids(&chosen));
    let r = h.call("/api/media/bulk-edit", &form, &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let items = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 25);
    // The emulator, like VOD, refuses edits of some videos (e.g. under review): those
    // are reported as forbidden, the rest as updated.
    let done = items.iter().filter(|i| i["outcome"] == "done").count();
    let forbidden = items.iter().filter(|i| i["outcome"] == "forbidden").count();
    assert_eq!(done + forbidden, 24, "{items:?}");
    assert!(done >= 20);
    assert_eq!(items[24]["outcome"], "not_found");
    let request_ids: std::collections::BTreeSet<&str> = items[..24].iter().map(|i| i["request_id"].as_str().unwrap()).collect();
    assert_eq!(request_ids.len(), 2, "20 per call: two UpdateVideoInfos calls");

    let updated = items.iter().position(|i| i["outcome"] == "done").unwrap();
    let detail = h.call("/api/media/video", &format!("id={}", chosen[updated]), &editor).await.json();
    assert_eq!(detail["cate_id"], cate);
    assert!(detail["tags"].as_str().unwrap().ends_with("bulk,批量"), "existing tags kept, new ones added: {}", detail["tags"]);
    let log = h.activity().await;
    assert_eq!(log[0].outcome, "partial");
    assert_eq!(log[0].items.len(), 25);
}

#[tokio::test]
async fn deletes_wait_for_the_undo_window_and_report_every_item() {
    let h = VodHarness::start_full(|_| {}, short_undo()).await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let viewer = h.sign_in_as("vera", Role::Viewer).await;
    let mut chosen = ids(&h, &editor, &base_query("videos", "size", "50"), 23).await;

    // Viewers cannot delete, whatever the UI shows.
    let r = h.call("/api/media/delete", &format!("tab=videos&{}", form_ids(&chosen)), &viewer).await;
    assert_eq!(r.status, 403, "{}", r.body);

    // Queue, then undo within the window: nothing reaches VOD.
    let job = h.call("/api/media/delete", &format!("tab=videos&{}", form_ids(&chosen)), &editor).await;
    assert!(job.status.is_success(), "{} {}", job.status, job.body);
    let job = job.json();
    assert_eq!(job["state"], "pending");
    let id = job["id"].as_i64().unwrap();
    let undone = h.call("/api/media/undo-delete", &format!("job={id}"), &editor).await;
    assert!(undone.status.is_success(), "{}", undone.body);
    assert_eq!(undone.json()["state"], "cancelled");
    // Proof by order, not by waiting: deletes run when their window ends, in order, so once
    // a delete queued after the undone one has run, the undone one's window is over too,
    // and the one DeleteVideo call VOD saw is the later job's.
    let later = h.call("/api/media/delete", "tab=videos&ids[0]=0000000000000000000000000000f00d", &editor).await;
    assert!(later.status.is_success(), "{}", later.body);
    wait_done(&h, &editor, later.json()["id"].as_i64().unwrap()).await;
    assert_eq!(h.emulator.state().calls("DeleteVideo"), 1, "the undone delete never reached VOD");
    assert_eq!(h.call("/api/media/video", &format!("id={}", chosen[0]), &editor).await.status, 200, "the video is still there");
    // Someone else cannot see or undo another person's delete.
    assert_eq!(h.call("/api/media/delete-status", &format!("job={id}"), &viewer).await.status, 404);

    // For real, with two IDs that do not exist.
    chosen.push("0000000000000000000000000000dead".into());
    chosen.push("0000000000000000000000000000beef".into());
    let job = h.call("/api/media/delete", &format!("tab=videos&{}", form_ids(&chosen)), &editor).await.json();
    let done = wait_done(&h, &editor, job["id"].as_i64().unwrap()).await;
    let items = done["report"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    assert_eq!(items.iter().filter(|i| i["outcome"] == "done").count(), 23);
    assert_eq!(items.iter().filter(|i| i["outcome"] == "not_found").count(), 2);
    assert!(items.iter().all(|i| i["request_id"].as_str().is_some_and(|r| !r.is_empty())));
    assert_eq!(h.call("/api/media/video", &format!("id={}", chosen[0]), &editor).await.status, 502, "gone from VOD");
    // Too late to undo now.
    let late = h.call("/api/media/undo-delete", &format!("job={}", job["id"]), &editor).await;
    assert_eq!(late.status, 400);
    assert!(late.body.contains("Too late"), "{}", late.body);

    let log = h.activity().await;
    assert_eq!(log[0].action, "vod:DeleteVideo");
    assert_eq!(log[0].outcome, "partial");
    assert_eq!((log[1].action.as_str(), log[1].targets.as_slice()), ("vod:DeleteVideo", &["0000000000000000000000000000f00d".to_string()][..]));
    assert_eq!(log[2].action, "console:UndoDelete");
}

#[tokio::test]
async fn images_are_looked_up_and_deleted_in_all_three_modes() {
    let h = VodHarness::start_full(|_| {}, short_undo()).await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let list = h.call("/api/media/list", &base_query("images", "size", "10"), &editor).await.json();
    let rows = list["listing"]["rows"].as_array().unwrap().clone();
    let image_ids: Vec<String> = rows.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();

    // GetImageInfos surfaces unknown IDs.
    let lookup = h.call("/api/media/image-lookup", &format!("ids={},{},nosuchimage0000", image_ids[0], image_ids[1]), &editor).await;
    assert!(lookup.status.is_success(), "{}", lookup.body);
    let lookup = lookup.json();
    assert_eq!(lookup["found"].as_array().unwrap().len(), 2);
    assert_eq!(lookup["missing"], serde_json::json!(["nosuchimage0000"]));

    // By ID, with one missing: per-item outcomes from the GetImageInfos pre-check.
    let chosen = vec![image_ids[0].clone(), image_ids[1].clone(), "nosuchimage0000".to_string()];
    let job = h.call("/api/media/delete", &format!("tab=images&{}", form_ids(&chosen)), &editor).await.json();
    let done = wait_done(&h, &editor, job["id"].as_i64().unwrap()).await;
    let outcomes: Vec<&str> = done["report"]["items"].as_array().unwrap().iter().map(|i| i["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, vec!["done", "done", "not_found"]);
    assert_eq!(h.call("/api/media/image", &format!("id={}", image_ids[0]), &editor).await.status, 404);

    // By URL.
    let url = rows[2]["url"].as_str().unwrap();
    let job = h.call("/api/media/delete-image-urls", &format!("urls={}", urlencode(url)), &editor).await;
    assert!(job.status.is_success(), "{}", job.body);
    let done = wait_done(&h, &editor, job.json()["id"].as_i64().unwrap()).await;
    assert_eq!(done["report"]["items"][0]["outcome"], "done");
    assert_eq!(h.call("/api/media/image", &format!("id={}", image_ids[2]), &editor).await.status, 404);
    let bad = h.call("/api/media/delete-image-urls", "urls=ftp%3A%2F%2Fx", &editor).await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("Line 1"), "{}", bad.body);

    // By video and image type: the video's normal snapshots go.
    let video = ids(&h, &editor, &base_query("videos", "status", "Normal"), 1).await.remove(0);
    let before = h.call("/api/media/video", &format!("id={video}"), &editor).await.json();
    assert!(!before["snapshots"].as_array().unwrap().is_empty());
    let job = h.call("/api/media/delete-video-images", &format!("video_id={video}&image_types[0]=NormalSnapshot"), &editor).await;
    assert!(job.status.is_success(), "{}", job.body);
    let done = wait_done(&h, &editor, job.json()["id"].as_i64().unwrap()).await;
    assert_eq!(done["report"]["items"][0]["outcome"], "done", "{done}");
    let bad = h.call("/api/media/delete-video-images", &format!("video_id={video}&image_types[0]=Poster"), &editor).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn the_media_csv_exports_the_filtered_list() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vera", Role::Viewer).await;
    let r = h.get("/export/media.csv?status=Normal", &viewer).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let lines: Vec<&str> = r.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines.len() > 20, "every page, not just the first: {}", lines.len());
    assert!(lines[1..].iter().all(|l| l.contains(",Normal,")), "{}", lines[1]);
    assert_eq!(h.get("/export/media.csv?status=Bogus", &viewer).await.status, 400);
    assert_eq!(h.get("/export/media.csv", "").await.status, 401);
}

#[tokio::test]
async fn more_than_5000_results_are_reached_with_the_scroll_token() {
    let h = VodHarness::start_with(|cfg| cfg.extra_videos = 5_600).await;
    let viewer = h.sign_in_as("vera", Role::Viewer).await;
    let page = |n: u32, scroll: &str| {
        base_query("videos", "size", "100").replace("query[page]=1", &format!("query[page]={n}")).replace("query[scroll]=", &format!("query[scroll]={scroll}"))
    };
    let p50 = h.call("/api/media/list", &page(50, ""), &viewer).await;
    assert!(p50.status.is_success(), "{}", p50.body);
    let p50 = p50.json();
    let total = p50["listing"]["total"].as_u64().unwrap();
    assert!(total > 5_100, "{total}");
    let token = p50["listing"]["scroll_token"].as_str().expect("a ScrollToken").to_string();

    // Page 51 (records 5,001-5,100) is refused without the token, with the field named...
    let refused = h.call("/api/media/list", &page(51, ""), &viewer).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("page"), "{}", refused.body);
    // ...and served with it.
    let p51 = h.call("/api/media/list", &page(51, &token), &viewer).await;
    assert!(p51.status.is_success(), "{}", p51.body);
    let rows51 = p51.json()["listing"]["rows"].as_array().unwrap().clone();
    assert_eq!(rows51.len(), 100);
    let ids50: Vec<&str> = p50["listing"]["rows"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rows51.iter().all(|r| !ids50.contains(&r["id"].as_str().unwrap())), "page 51 continues, not repeats");
}

#[tokio::test]
async fn attached_media_are_read_and_edited() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let id = ids(&h, &editor, &base_query("attached", "q", ""), 1).await.remove(0);
    let title = "字幕 &=+*~/% v2";
    let r = h.call("/api/media/update", &format!("tab=attached&id={id}&title={}&description=&tags=sub", urlencode(title)), &editor).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let detail = h.call("/api/media/attached", &format!("id={id}"), &editor).await;
    assert!(detail.status.is_success(), "{}", detail.body);
    assert_eq!(detail.json()["title"], title);
    assert_eq!(h.call("/api/media/attached", "id=0000000000000000000000000000dead", &editor).await.status, 404);
    assert_eq!(h.activity().await[0].action, "vod:UpdateAttachedMediaInfos");
}

#[tokio::test]
async fn covers_image_edits_and_bulk_image_tags_reach_vod() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;

    // "Set as cover" from a snapshot.
    let video = ids(&h, &editor, &base_query("videos", "status", "Normal"), 1).await.remove(0);
    let detail = h.call("/api/media/video", &format!("id={video}"), &editor).await.json();
    let snapshot = detail["snapshots"].as_array().unwrap().last().unwrap().as_str().unwrap().to_string();
    let r = h.call("/api/media/set-cover", &format!("id={video}&cover_url={}", urlencode(&snapshot)), &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let detail = h.call("/api/media/video", &format!("id={video}"), &editor).await.json();
    assert_eq!(detail["cover_url"], snapshot.as_str());
    assert_eq!(h.call("/api/media/set-cover", &format!("id={video}&cover_url=javascript:alert(1)"), &editor).await.status, 400);

    // One image edited, then tags added to two images and a missing one in bulk.
    let images = ids(&h, &editor, &base_query("images", "size", "10"), 2).await;
    let r = h.call("/api/media/update", &format!("tab=images&id={}&title={}&description=&tags=poster", images[0], urlencode("海报 &=+")), &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let mut chosen = images.clone();
    chosen.push("nosuchimage0000".into());
    let r = h.call("/api/media/bulk-edit", &format!("tab=images&{}&tags=new&replace_tags=false", form_ids(&chosen)), &editor).await;
    assert!(r.status.is_success(), "{}", r.body);
    let outcomes: Vec<String> = r.json()["items"].as_array().unwrap().iter().map(|i| i["outcome"].as_str().unwrap().to_string()).collect();
    assert_eq!(outcomes, vec!["done", "done", "not_found"]);
    let first = h.call("/api/media/image", &format!("id={}", images[0]), &editor).await.json();
    assert_eq!(first["title"], "海报 &=+");
    assert_eq!(first["tags"], "poster,new", "added to the image's own tags");
}

/// A server-rendered page reads from VOD once per thing it shows: Leptos may start a
/// page's resources again while it re-walks suspended views, and the request memo makes
/// the second start share the first one's result. Latency keeps the first call in
/// flight while that happens.
#[tokio::test]
async fn a_rendered_page_calls_vod_once_per_read() {
    let h = VodHarness::start_with(|c| c.faults.latency_ms = 40).await;
    let ed = h.sign_in_as("edna", Role::Editor).await;
    let video = ids(&h, &ed, &base_query("videos", "status", "Normal"), 1).await.remove(0);
    let calls = |action: &str| h.emulator.state().calls(action);

    let before = calls("SearchMedia");
    for q in ["/media", "/media?q=Keynote", "/media?tab=images", "/media?sort=oldest&size=50"] {
        let page = h.get(q, &ed).await;
        assert!(page.status.is_success(), "{q}: {}", page.status);
        assert!(
            page.body.contains("data-testid=\"media-total\"") || page.body.contains("data-testid=\"media-empty\""),
            "{q}: no list rendered"
        );
    }
    assert_eq!(calls("SearchMedia") - before, 4, "one SearchMedia per rendered list page");

    let before = (calls("GetVideoInfo"), calls("GetPlayInfo"), calls("ListSnapshots"));
    for _ in 0..3 {
        let page = h.get(&format!("/media/video/{video}"), &ed).await;
        assert!(page.status.is_success(), "{}", page.status);
        assert!(page.body.contains(&video));
    }
    let after = (calls("GetVideoInfo"), calls("GetPlayInfo"), calls("ListSnapshots"));
    assert_eq!((after.0 - before.0, after.1 - before.1, after.2 - before.2), (3, 3, 3), "one of each per rendered detail page");
}

#[tokio::test]
async fn a_mistyped_tab_is_refused_and_never_read_as_videos() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let chosen = ids(&h, &editor, "query[tab]=videos&query[q]=&query[status]=&query[cate]=&query[from]=&query[to]=&query[storage]=&query[asc]=false&query[size]=20&query[page]=1&query[scroll]=", 2).await;
    let deletes_before = h.emulator.state().calls("DeleteVideo");
    for (path, form) in [
        ("/api/media/delete", format!("tab=video&{}", form_ids(&chosen))),
        ("/api/media/update", format!("tab=Videos&id={}&title=x&description=&tags=", chosen[0])),
        ("/api/media/bulk-edit", format!("tab=vidoes&{}&tags=a", form_ids(&chosen))),
    ] {
        let r = h.call(path, &form, &editor).await;
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert_eq!(r.json()["Invalid"]["field"], "tab", "{path}: {}", r.body);
    }
    let recent = h.call("/api/media/deletes", "", &editor).await.json();
    assert_eq!(recent.as_array().map(Vec::len), Some(0), "nothing was queued: {recent}");
    assert_eq!(h.emulator.state().calls("DeleteVideo"), deletes_before);
}

/// A queued delete whose author is disabled, or loses the permission, before it runs is
/// cancelled batch by batch: nothing reaches VOD, each item says why, and the activity
/// log has the refusal.
#[tokio::test]
async fn a_queued_delete_stops_when_its_author_may_no_longer_delete() {
    let h = VodHarness::start_full(|_| {}, short_undo()).await;
    h.sign_in_as("root", Role::Admin).await;
    for (name, revoke) in [("dora", "disable"), ("dirk", "demote")] {
        let author = h.sign_in_as(name, Role::Editor).await;
        let chosen = ids(&h, &author, &base_query("videos", "size", "50"), 3).await;
        let before = h.emulator.state().calls("DeleteVideo");
        let job = h.call("/api/media/delete", &format!("tab=videos&{}", form_ids(&chosen)), &author).await;
        assert!(job.status.is_success(), "{}", job.body);
        let id = job.json()["id"].as_i64().unwrap();
        match revoke {
            "disable" => app::ssr::accounts::set_disabled(&h.state.db, name, true).await.unwrap(),
            _ => app::ssr::accounts::set_role(&h.state.db, name, Role::Viewer).await.unwrap(),
        }
        let until = std::time::Instant::now() + Duration::from_secs(30);
        let job = loop {
            let job = app::ssr::delete_queue::get(&h.state.db, id, Duration::ZERO, Default::default()).await.unwrap().unwrap();
            if job.report.is_some() {
                break job;
            }
            assert!(std::time::Instant::now() < until, "{revoke}: the job never ended: {job:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let report = job.report.unwrap();
        assert_eq!(report.items.len(), 3, "{revoke}");
        for item in &report.items {
            assert_eq!(item.outcome, app::model::bulk::Outcome::Forbidden, "{revoke}: {item:?}");
            assert_eq!(item.message.as_deref(), Some("cancelled: the author may no longer delete"), "{revoke}");
        }
        assert_eq!(h.emulator.state().calls("DeleteVideo"), before, "{revoke}: nothing was sent to VOD");
        let log = h.activity().await;
        assert_eq!((log[0].username.as_str(), log[0].action.as_str()), (name, "vod:DeleteVideo"), "{revoke}");
        assert_eq!(log[0].outcome, "failed", "{revoke}");
    }
}
