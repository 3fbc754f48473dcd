//! The usage page and the overview over HTTP against a real emulator: every chart read
//! for a range, long ranges split to VOD's spans and stitched without gaps, the
//! previous period on the same times, bad ranges refused with the field, ten people
//! making one upstream call per question, a chart's CSV, the server-drawn SVG, and the
//! overview's tiles per role.

use app::model::Role;
use serde_json::Value;

use crate::common::{ok, VodHarness};

async fn view(h: &VodHarness, cookie: &str, query: &str) -> Value {
    ok(&h.call("/api/usage/view", query, cookie).await)
}

fn chart<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["charts"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no {id} chart in {v}"))
}

/// A series' points as the console sends them (compact on the wire), read back.
fn points(series: &Value) -> Vec<app::model::usage::Point> {
    serde_json::from_value::<app::model::usage::Series>(series.clone()).unwrap_or_else(|e| panic!("{e}: {series}")).points
}

fn times(series: &Value) -> Vec<i64> {
    points(series).iter().map(|p| p.t).collect()
}

#[tokio::test]
async fn a_week_reads_every_chart_the_person_may_see() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let v = view(&h, &viewer, "query[range]=7d").await;
    let w = &v["window"];
    assert_eq!(w["end"].as_i64().unwrap() - w["start"].as_i64().unwrap(), 7 * 86_400);
    for id in ["Storage", "StorageTraffic", "Transcode", "CdnTraffic", "CdnBandwidth", "Ai", "Plays", "Viewers", "PlayTime"] {
        let c = chart(&v, id);
        assert_eq!(c["error"], Value::Null, "{id}: {c}");
        let series = c["series"].as_array().unwrap();
        assert!(!series.is_empty() && series.iter().all(|s| !points(s).is_empty()), "{id}: {c}");
    }
    // Hourly up to seven days, as VOD answers; every point inside the window.
    let storage = chart(&v, "Storage");
    assert_eq!(storage["step"], 3600);
    let t = times(&storage["series"][0]);
    assert!(t.windows(2).all(|p| p[1] - p[0] == 3600), "hourly without gaps");
    assert!(t.iter().all(|t| *t >= w["start"].as_i64().unwrap() && *t < w["end"].as_i64().unwrap()));
    // CDN: the split adds up to the total.
    let cdn = chart(&v, "CdnTraffic");
    let total: f64 = points(&cdn["series"][0]).iter().map(|p| p.v).sum();
    assert!(total > 0.0);
    // The day's top videos are the library's own.
    let top = &v["top"]["rows"];
    let id = top[0]["video_id"].as_str().expect("a top video");
    let info = h.client.call(&vod::api::GetVideoInfo { video_id: id.into(), ..Default::default() }).await.unwrap();
    assert_eq!(info.video.title, top[0]["title"].as_str().unwrap());
    assert!(!v["domains"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn long_ranges_are_split_to_vods_spans_and_stitched() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let v = view(&h, &viewer, "query[range]=90d").await;
    let storage = chart(&v, "Storage");
    assert_eq!(storage["step"], 86_400);
    assert_eq!(storage["calls"], 3, "90 days in calls of at most 31");
    let t = times(&storage["series"][0]);
    assert!(t.len() >= 90, "{} days", t.len());
    assert!(t.windows(2).all(|p| p[1] - p[0] == 86_400), "daily, no gap or overlap where the calls meet");
    // Each piece answered exactly what one call for the same days answers.
    let first = t[0];
    let one = h
        .client
        .call(&vod::api::DescribeVodStorageData {
            start_time: app::model::usage::utc_text(first),
            end_time: app::model::usage::utc_text(first + 20 * 86_400),
            ..Default::default()
        })
        .await
        .unwrap();
    for (item, point) in one.storage_data.iter().zip(points(&storage["series"][0])) {
        assert_eq!(item.storage_utilization.parse::<f64>().unwrap(), point.v);
    }
    // CDN answers 90 days in one call, daily.
    assert_eq!(chart(&v, "CdnTraffic")["step"], 86_400);
}

#[tokio::test]
async fn compare_draws_the_previous_period_on_the_same_times() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let v = view(&h, &viewer, "query[range]=7d&query[compare]=true").await;
    for id in ["Storage", "CdnTraffic", "Plays"] {
        let c = chart(&v, id);
        let now = times(&c["series"][0]);
        let before = times(&c["previous"][0]);
        assert!(!before.is_empty(), "{id}: {c}");
        assert!(before.iter().all(|t| now.contains(t)), "{id}: shifted onto this period's times");
    }
}

#[tokio::test]
async fn bad_ranges_are_refused_with_the_field_and_the_limit() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let r = h.call("/api/usage/view", "query[from]=2026-11-30&query[to]=2026-11-01", &viewer).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.json()["Invalid"]["field"], "to");
    let r = h.call("/api/usage/view", "query[from]=2025-01-01&query[to]=2025-12-31", &viewer).await;
    assert_eq!(r.json()["Invalid"]["field"], "from");
    assert!(r.json()["Invalid"]["message"].as_str().unwrap().contains("180"), "{}", r.body);
    let r = h.call("/api/usage/view", "query[range]=1y", &viewer).await;
    assert_eq!(r.json()["Invalid"]["field"], "range");
    let r = h.call("/api/usage/view", "query[from]=2026-11-3O&query[to]=2026-11-30", &viewer).await;
    assert_eq!(r.json()["Invalid"]["field"], "from");
}

#[tokio::test]
async fn ten_people_opening_the_page_make_one_upstream_call_per_question() {
    let h = VodHarness::start_tuned(|_| {}, app::ssr::Settings::default(), |c| c.read_cache(true)).await;
    let mut cookies = Vec::new();
    for i in 0..10 {
        cookies.push(h.sign_in_as(&format!("p{i}"), Role::Viewer).await);
    }
    let state = h.emulator.state();
    let actions = [
        "DescribeVodStorageData",
        "DescribeVodTranscodeData",
        "DescribeVodAIData",
        "DescribeVodDomainTrafficData",
        "DescribeVodDomainBpsData",
        "DescribePlayUserAvg",
        "DescribePlayTopVideos",
        "DescribeVodUserDomains",
    ];
    let before: Vec<u64> = actions.iter().map(|a| state.calls(a)).collect();
    let loads = cookies.iter().map(|c| h.call("/api/usage/view", "query[range]=7d", c));
    for r in futures_util::future::join_all(loads).await {
        assert!(r.status.is_success(), "{}", r.body);
    }
    for (a, b) in actions.iter().zip(before) {
        assert_eq!(state.calls(a) - b, 1, "{a}: ten pages, one upstream call");
    }
}

#[tokio::test]
async fn a_chart_downloads_as_csv_with_a_row_per_point() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let v = view(&h, &viewer, "query[range]=24h").await;
    let points = points(&chart(&v, "CdnBandwidth")["series"][0]).len();
    let r = h.get("/export/usage.csv?chart=cdn-bandwidth&range=24h", &viewer).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(r.headers["content-disposition"].to_str().unwrap().contains("usage-cdn-bandwidth"));
    let lines: Vec<&str> = r.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), points + 1, "a header and a row per point");
    assert!(lines[0].starts_with("time_utc,time_local,Total (bit/s)"), "{}", lines[0]);
    let r = h.get("/export/usage.csv?chart=nope&range=24h", &viewer).await;
    assert_eq!(r.status, 400);
    let r = h.get("/export/usage.csv?chart=storage&range=24h", "").await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn the_page_is_drawn_on_the_server() {
    let h = VodHarness::start().await;
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let r = h.get("/usage?range=7d&compare=1", &viewer).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(r#"data-testid="chart-svg""#), "charts are SVG in the HTML");
    assert!(r.body.matches("<path d=\"M").count() >= 9, "a path per series");
    assert!(r.body.contains("stroke-dasharray=\"5 4\""), "the previous period, dashed");
    assert!(r.body.contains(r#"data-testid="top-videos""#));
    assert!(r.body.contains("/export/usage.csv?chart=storage&amp;range=7d&amp;compare=1"), "CSV links keep the view");
}

#[tokio::test]
async fn the_overview_answers_how_vod_is_doing_per_role() {
    let h = VodHarness::start().await;
    let admin = h.sign_in_as("ad", Role::Admin).await;
    let d = ok(&h.call("/api/usage/dashboard", "", &admin).await);
    let counts = d["counts"]["Ok"].as_array().expect("counts");
    let normal = counts.iter().find(|c| c[0] == "Normal").unwrap()[1].as_i64().unwrap();
    let listed = h
        .client
        .call(&vod::api::GetVideoList { status: Some("Normal".into()), page_size: Some(1), ..Default::default() })
        .await
        .unwrap()
        .total
        .unwrap();
    assert_eq!(normal, listed);
    assert!(d["storage"]["Ok"]["latest"].as_f64().unwrap() > 0.0);
    assert!(d["storage"]["Ok"]["trend"].as_array().unwrap().len() >= 29);
    assert!(d["yesterday"]["Ok"]["plays"].as_f64().is_some());
    assert!(d["yesterday"]["Ok"]["traffic"].as_f64().unwrap() > 0.0);
    assert!(d["activity"]["Ok"].is_array());
    assert!(d["calls"].as_u64().unwrap() >= 8, "{d}");
    // A viewer does not read the activity log.
    let viewer = h.sign_in_as("vi", Role::Viewer).await;
    let d = ok(&h.call("/api/usage/dashboard", "", &viewer).await);
    assert_eq!(d["activity"], Value::Null);
    let page = h.get("/", &admin).await;
    assert!(page.body.contains(r#"data-testid="tile-storage""#) && page.body.contains(r#"data-testid="recent-changes""#) || page.body.contains("tile-activity"));
}
