//! The templates page over HTTP against a real emulator: the overview with each group's
//! renditions and videos, a group from a preset, a rendition edited with its diff in the
//! activity log, VOD's rules refused before any call with the field and the limit, a
//! stale edit refused (the group changed at VOD since it was opened), the 20-rendition
//! limit, locked groups, default switching, deletes, snapshot templates, transcoding
//! submitted and followed to the end, and the page with JavaScript off.

use app::model::Role;
use serde_json::Value;

use crate::common::{enc, message, ok, VodHarness};

fn rendition(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("form[{k}]={}", enc(v))).collect::<Vec<_>>().join("&")
}

async fn group(h: &VodHarness, cookie: &str, id: &str) -> Value {
    ok(&h.call("/api/templates/group", &format!("id={id}&fresh=true"), cookie).await)
}

/// A rendition of a group as the editor holds it, with one field changed, as form pairs.
fn edited(r: &Value, field: &str, value: &str) -> String {
    let mut pairs = Vec::new();
    for (k, v) in r.as_object().unwrap() {
        match v {
            Value::String(s) if k != "base" => pairs.push(format!("form[{k}]={}", enc(if k == field { value } else { s }))),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pairs.push(format!("form[{k}][{i}]={}", enc(item.as_str().unwrap_or_default())));
                }
            }
            _ => {}
        }
    }
    pairs.join("&")
}

#[tokio::test]
async fn the_overview_counts_renditions_and_videos_per_group() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let o = ok(&h.call("/api/templates/overview", "fresh=true", &viewer).await);
    let groups = o["groups"].as_array().unwrap();
    assert_eq!(groups[0]["is_default"], true, "the default first");
    let hls = groups.iter().find(|g| g["name"].as_str().unwrap().contains("HLS")).unwrap();
    assert_eq!(hls["templates"], 3);
    let videos: u64 = groups.iter().map(|g| g["videos"].as_u64().unwrap()).sum();
    assert_eq!(videos, o["videos_counted"].as_u64().unwrap(), "every counted video is in one group");
    assert!(videos > 0);
    assert!(!o["snapshots"].as_array().unwrap().is_empty());
    // A viewer changes nothing.
    let r = h.call("/api/templates/create-group", "name=x&preset=hls3", &viewer).await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn a_preset_group_is_edited_with_its_diff_and_a_stale_edit_is_refused() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let made = ok(&h.call("/api/templates/create-group", "name=%E7%9B%B4%E6%92%AD%20HLS&preset=hls3", &conf).await);
    let id = made["group_id"].as_str().unwrap().to_string();
    let g = group(&h, &conf, &id).await;
    let renditions = g["templates"].as_array().unwrap();
    assert_eq!(renditions.len(), 3);
    assert_eq!(renditions[1]["format"], "m3u8");
    let stamp = g["stamp"].as_str().unwrap().to_string();
    let r720 = renditions[1].clone();
    let tid = r720["id"].as_str().unwrap().to_string();

    // An invalid bitrate: refused before VOD, naming the field and the limit.
    let bad = format!("group_id={id}&stamp={stamp}&{}", edited(&r720, "video_bitrate", "90000"));
    let r = h.call("/api/templates/save-rendition", &bad, &conf).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.json()["Invalid"]["field"], "Video.Bitrate");
    let m = message(&r);
    assert!(m.contains("10") && m.contains("50000"), "{m}");

    // A good edit: the diff is answered and logged, the rest of the template kept.
    let good = format!("group_id={id}&stamp={stamp}&{}", edited(&r720, "video_bitrate", "1800"));
    let saved = ok(&h.call("/api/templates/save-rendition", &good, &conf).await);
    assert_eq!(saved["changes"], serde_json::json!([{ "field": "Video.Bitrate", "was": "1500", "now": "1800" }]));
    let after = group(&h, &conf, &id).await;
    let t = after["templates"].as_array().unwrap().iter().find(|t| t["id"] == tid.as_str()).unwrap().clone();
    assert_eq!((t["video_bitrate"].as_str(), t["segment"].as_str(), t["width"].as_str()), (Some("1800"), Some("6"), Some("1280")));
    let log = h.activity().await;
    assert_eq!(log[0].action, "vod:UpdateTranscodeTemplateGroup");
    assert!(log[0].detail.as_deref().unwrap().contains("Video.Bitrate 1500 → 1800"), "{:?}", log[0].detail);
    assert!(log[0].request_id.is_some());

    // The old stamp is stale now: a second configurator's save with it is refused, and nothing is sent.
    let other = h.sign_in_as("co2", Role::Configurator).await;
    let stale = format!("group_id={id}&stamp={stamp}&{}", edited(&r720, "video_bitrate", "2500"));
    let r = h.call("/api/templates/save-rendition", &stale, &other).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.json()["Invalid"]["field"], "stamp");
    let t = group(&h, &conf, &id).await["templates"].as_array().unwrap().iter().find(|t| t["id"] == tid.as_str()).unwrap().clone();
    assert_eq!(t["video_bitrate"], "1800", "the first save stands");
    // A change made at VOD directly (another tool) is caught the same way.
    let fresh_stamp = group(&h, &conf, &id).await["stamp"].as_str().unwrap().to_string();
    h.client
        .call(&vod::api::UpdateTranscodeTemplateGroup { transcode_template_group_id: id.clone(), name: Some("改名".into()), ..Default::default() })
        .await
        .unwrap();
    let r = h.call("/api/templates/rename-group", &format!("group_id={id}&stamp={fresh_stamp}&name=x"), &conf).await;
    assert_eq!(r.json()["Invalid"]["field"], "stamp");

    // Add a rendition, then delete one; the definition of an existing one cannot change.
    let g = group(&h, &conf, &id).await;
    let stamp = g["stamp"].as_str().unwrap().to_string();
    let add = rendition(&[("name", "HLS 360p"), ("definition", "LD"), ("format", "m3u8"), ("video_codec", "H.264"), ("video_bitrate", "500"),
        ("height", "360"), ("audio_codec", "AAC"), ("audio_bitrate", "64"), ("segment", "6"), ("watermark_ids][0", "USER_DEFAULT_WATERMARK")]);
    let saved = ok(&h.call("/api/templates/save-rendition", &format!("group_id={id}&stamp={stamp}&{add}"), &conf).await);
    assert!(saved["changes"].as_array().unwrap().iter().any(|c| c["field"] == "WatermarkIds" && c["now"] == "USER_DEFAULT_WATERMARK"));
    let g = group(&h, &conf, &id).await;
    assert_eq!(g["templates"].as_array().unwrap().len(), 4);
    let stamp = g["stamp"].as_str().unwrap().to_string();
    ok(&h.call("/api/templates/delete-rendition", &format!("group_id={id}&stamp={stamp}&template_id={tid}"), &conf).await);
    let g = group(&h, &conf, &id).await;
    assert_eq!(g["templates"].as_array().unwrap().len(), 3);
    assert!(!g["templates"].as_array().unwrap().iter().any(|t| t["id"] == tid.as_str()));
}

#[tokio::test]
async fn limits_locks_defaults_and_deletes_hold() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let id = ok(&h.call("/api/templates/create-group", "name=many&preset=mp4x3", &conf).await)["group_id"].as_str().unwrap().to_string();
    // Up to 20 renditions; the 21st is refused before VOD with the limit.
    for i in 3..20 {
        let stamp = group(&h, &conf, &id).await["stamp"].as_str().unwrap().to_string();
        let add = rendition(&[("name", &format!("r{i}")), ("definition", "SD"), ("format", "mp4"), ("video_codec", "H.264"),
            ("audio_codec", "AAC"), ("audio_bitrate", "64")]);
        ok(&h.call("/api/templates/save-rendition", &format!("group_id={id}&stamp={stamp}&{add}"), &conf).await);
    }
    let g = group(&h, &conf, &id).await;
    assert_eq!(g["templates"].as_array().unwrap().len(), 20);
    let stamp = g["stamp"].as_str().unwrap().to_string();
    let add = rendition(&[("name", "r20"), ("definition", "SD"), ("format", "mp4"), ("video_codec", "H.264"), ("audio_codec", "AAC"), ("audio_bitrate", "64")]);
    let r = h.call("/api/templates/save-rendition", &format!("group_id={id}&stamp={stamp}&{add}"), &conf).await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("20"), "{}", message(&r));

    // Locked at VOD: every edit is refused with the reason.
    h.client
        .call(&vod::api::UpdateTranscodeTemplateGroup { transcode_template_group_id: id.clone(), locked: Some("Enabled".into()), ..Default::default() })
        .await
        .unwrap();
    let g = group(&h, &conf, &id).await;
    assert_eq!(g["row"]["locked"], true);
    let stamp = g["stamp"].as_str().unwrap().to_string();
    let r = h.call("/api/templates/rename-group", &format!("group_id={id}&stamp={stamp}&name=x"), &conf).await;
    assert_eq!(r.status, 400);
    assert!(message(&r).contains("locked"), "{}", message(&r));
    let page = h.get(&format!("/templates?group={id}"), &conf).await.body;
    assert!(page.contains("data-testid=\"locked-note\""), "the page says why");
    h.client
        .call(&vod::api::UpdateTranscodeTemplateGroup { transcode_template_group_id: id.clone(), locked: Some("Disabled".into()), ..Default::default() })
        .await
        .unwrap();

    // Default switching: the new default cannot be deleted; the old one then can.
    let o = ok(&h.call("/api/templates/overview", "fresh=true", &conf).await);
    let old_default = o["groups"].as_array().unwrap().iter().find(|g| g["is_default"] == true).unwrap()["id"].as_str().unwrap().to_string();
    ok(&h.call("/api/templates/set-default", &format!("group_id={id}"), &conf).await);
    let o = ok(&h.call("/api/templates/overview", "fresh=true", &conf).await);
    let defaults: Vec<&Value> = o["groups"].as_array().unwrap().iter().filter(|g| g["is_default"] == true).collect();
    assert_eq!((defaults.len(), defaults[0]["id"].as_str()), (1, Some(id.as_str())));
    let r = h.call("/api/templates/delete-group", &format!("group_id={id}&confirm=many"), &conf).await;
    assert_eq!(r.status, 400);
    // The whole group goes only with its name typed.
    ok(&h.call("/api/templates/set-default", &format!("group_id={old_default}"), &conf).await);
    let r = h.call("/api/templates/delete-group", &format!("group_id={id}&confirm=wrong"), &conf).await;
    assert_eq!(r.json()["Invalid"]["field"], "confirm");
    ok(&h.call("/api/templates/delete-group", &format!("group_id={id}&confirm=many"), &conf).await);
    let gone = h.call("/api/templates/group", &format!("id={id}&fresh=true"), &conf).await;
    assert_eq!(gone.json()["Vod"]["code"], "InvalidTranscodeTemplateGroup.NotFound", "{}", gone.body);
    let log = h.activity().await;
    assert!(log[0].detail.as_deref().unwrap().contains("20 renditions"), "{:?}", log[0].detail);
}

#[tokio::test]
async fn snapshot_templates_are_added_edited_and_deleted() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let bad = "form[name]=%E5%B0%81%E9%9D%A2&form[snapshot_type]=SpriteSnapshot&form[frame_type]=intra&form[count]=10&form[interval]=1&form[offset]=0";
    let r = h.call("/api/templates/save-snapshot", bad, &conf).await;
    assert_eq!(r.json()["Invalid"]["field"], "SpriteSnapshotConfig.Columns");
    let good = format!("{bad}&form[columns]=5&form[lines]=2");
    let id = ok(&h.call("/api/templates/save-snapshot", &good, &conf).await).as_str().unwrap().to_string();
    let got = h.client.call(&vod::api::GetVodTemplate { vod_template_id: id.clone() }).await.unwrap().vod_template_info;
    let config: Value = serde_json::from_str(&got.template_config).unwrap();
    assert_eq!(config["SnapshotConfig"]["SpriteSnapshotConfig"]["Columns"], 5);
    let edit = format!("form[id]={id}&{}", good.replace("form[count]=10", "form[count]=20"));
    ok(&h.call("/api/templates/save-snapshot", &edit, &conf).await);
    assert!(h.activity().await[0].detail.as_deref().unwrap().contains("Count 10 → 20"));
    ok(&h.call("/api/templates/delete-snapshot", &format!("id={id}"), &conf).await);
    assert!(h.client.call(&vod::api::GetVodTemplate { vod_template_id: id }).await.is_err());
}

#[tokio::test]
async fn transcoding_is_submitted_per_video_and_followed_to_the_end() {
    let h = VodHarness::start().await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let list = h.client.call(&vod::api::GetVideoList { status: Some("Normal".into()), page_size: Some(2), ..Default::default() }).await.unwrap();
    let ids: Vec<String> = list.video_list.iter().map(|v| v.video_id.clone()).collect();
    let o = ok(&h.call("/api/templates/overview", "", &editor).await);
    let hls = o["groups"].as_array().unwrap().iter().find(|g| g["name"].as_str().unwrap().contains("HLS")).unwrap()["id"].as_str().unwrap().to_string();
    let videos = format!("{}\n{}\nno-such-video", ids[0], ids[1]);
    let results = ok(&h.call("/api/templates/submit-jobs", &format!("videos={}&group_id={hls}", enc(&videos)), &editor).await);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results.iter().filter(|r| r["ok"] == true).count(), 2, "{results:?}");
    assert!(results[2]["detail"].as_str().unwrap().len() > 3, "the refusal is said");
    let log = h.activity().await;
    assert_eq!(log.iter().filter(|e| e.action == "vod:SubmitTranscodeJobs").count(), 3);

    // Progress moves and ends.
    let query = format!("videos={}", enc(&ids.join(",")));
    let first = ok(&h.call("/api/templates/jobs", &query, &editor).await);
    assert_eq!(first["videos"].as_array().unwrap().len(), 2);
    let mut done = false;
    // A manual job takes 2 s at the emulator; the third of three ends after 6 s.
    for _ in 0..80 {
        let v = ok(&h.call("/api/templates/jobs", &query, &editor).await);
        if v["videos"].as_array().unwrap().iter().all(|v| v["status"] == "CompleteAllSucc") {
            let jobs = v["videos"][0]["jobs"].as_array().unwrap();
            assert!(!jobs.is_empty() && jobs.iter().all(|j| j["progress"] == 100));
            assert_eq!(v["videos"][0]["trigger"], "Manual");
            // The task's jobs with what each produced.
            let task_id = v["videos"][0]["task_id"].as_str().unwrap();
            let t = ok(&h.call("/api/templates/task", &format!("task_id={task_id}"), &editor).await);
            assert_eq!(t["status"], "CompleteAllSucc");
            assert_eq!(t["video_id"], ids[0].as_str());
            assert_eq!(t["group_id"], hls.as_str());
            let out = t["jobs"].as_array().unwrap();
            assert_eq!(out.len(), jobs.len());
            for j in out {
                assert!(j["size"].as_i64().unwrap() > 0 && j["bitrate_kbps"].as_f64().unwrap() > 0.0, "{j}");
                assert!(j["duration_s"].as_f64().unwrap() > 0.0 && !j["resolution"].as_str().unwrap().is_empty(), "{j}");
                assert!(j["output_url"].as_str().unwrap().starts_with("http"), "{j}");
            }
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(done, "transcoding reaches 100%");
    // A task VOD does not know is said so, and an empty ID names the field.
    let r = h.call("/api/templates/task", "task_id=no-such-task", &editor).await;
    assert!(!r.status.is_success() && r.body.contains("NoSuchResource"), "{}", r.body);
    let r = h.call("/api/templates/task", "task_id=%20", &editor).await;
    assert_eq!(r.status.as_u16(), 400);
    assert!(r.body.contains("task_id"), "{}", r.body);
}

#[tokio::test]
async fn twenty_people_following_the_same_jobs_share_one_progress_read() {
    let h = VodHarness::start_tuned(|_| {}, app::ssr::Settings::default(), |c| c.read_cache(true)).await;
    let editor = h.sign_in_as("ed", Role::Editor).await;
    let list = h.client.call(&vod::api::GetVideoList { status: Some("Normal".into()), page_size: Some(2), ..Default::default() }).await.unwrap();
    let ids: Vec<String> = list.video_list.iter().map(|v| v.video_id.clone()).collect();
    let query = format!("videos={}", enc(&ids.join(",")));
    let state = h.emulator.state();
    let before = state.calls("GetTranscodeSummary");
    let polls = (0..20).map(|_| h.call("/api/templates/jobs", &query, &editor));
    for r in futures_util::future::join_all(polls).await {
        assert!(r.status.is_success(), "{}", r.body);
    }
    assert_eq!(state.calls("GetTranscodeSummary") - before, 1, "one upstream read for twenty watchers");
    // A second later the next poll reads again: progress is at most a second or two old.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    ok(&h.call("/api/templates/jobs", &query, &editor).await);
    assert_eq!(state.calls("GetTranscodeSummary") - before, 2);
}

#[tokio::test]
async fn the_page_works_with_javascript_off() {
    let h = VodHarness::start().await;
    let conf = h.sign_in_as("co", Role::Configurator).await;
    let page = h.get("/templates", &conf).await.body;
    assert!(page.contains("data-testid=\"group-table\"") && page.contains("data-testid=\"create-group\""));
    // A plain form post (Accept: text/html) creating a group redirects to it.
    let req = http::Request::post("/api/templates/create-group")
        .header(http::header::HOST, "console.test")
        .header("sec-fetch-site", "same-origin")
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(http::header::ACCEPT, "text/html")
        .header(http::header::COOKIE, &conf)
        .body(axum::body::Body::from("name=plain&preset=mp4x3"))
        .unwrap();
    let r = h.send(req).await;
    assert_eq!(r.status, 302, "{}", r.body);
    let location = r.headers.get(http::header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with("/templates?group="), "{location}");
    // The group page with a rendition under review: the diff is rendered on the server.
    let g = h.get(&location, &conf).await.body;
    let table = g.find("rendition-table").expect("the group lists its renditions");
    let start = table + g[table..].find("&amp;edit=").expect("renditions link to the editor") + 10;
    let tid = &g[start..start + g[start..].find('"').unwrap()];
    let review = format!("{location}&edit={tid}&review=1&form[id]={tid}&form[name]=MP4%20720p&form[definition]=HD&form[format]=mp4&form[video_codec]=H.264&form[video_bitrate]=99999");
    let body = h.get(&review, &conf).await.body;
    assert!(body.contains("data-testid=\"diff-row\""), "the diff is shown without JavaScript");
    assert!(body.contains("data-testid=\"field-error\""), "the broken field is marked");
    assert!(body.contains("data-testid=\"save-rendition\""), "saving is offered after the review");
}
