//! Many people on one VOD account: simulated users, each with its own session, open the
//! console's pages against a running console (itself talking to a `vod-emulator` with
//! QPS limits on), while one bulk delete of N images runs in the background. Driven by
//! `bench/load.sh`; see docs/benchmarks.md ("Many users, one account").
//!
//! ```text
//! load_bench --base http://127.0.0.1:3000 --password PW --users 200 --seconds 60 --bulk 2000
//! ```
//!
//! Each user loops: think 0.5–1.5 s, then open `/media` (70 %: half the first page, half a
//! search from a fixed list of 50 queries), a video's detail page (20 %) or `/categories`
//! (10 %). Prints `key value` lines: latency percentiles per page, responses by status,
//! and the bulk delete's time. Request loops are bounded by `--seconds` and stop by
//! themselves; only the loopback console is contacted.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<f64>>,
    statuses: BTreeMap<(&'static str, u16), u64>,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http client")
}

async fn sign_in(client: &reqwest::Client, base: &str, password: &str) -> String {
    let r = client
        .post(format!("{base}/api/auth/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(format!("username=admin&password={password}"))
        .send()
        .await
        .expect("sign-in request");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("vod_console_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string());
    match cookie {
        Some(c) => c,
        None => panic!("sign-in failed: HTTP {}", r.status()),
    }
}

/// A same-origin server-function call, as the hydrated app makes it; its JSON answer.
async fn call(client: &reqwest::Client, base: &str, path: &str, cookie: &str, form: String) -> serde_json::Value {
    client
        .post(format!("{base}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .json()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = arg(&args, "--base").expect("--base URL");
    let password = arg(&args, "--password").expect("--password");
    let users: usize = arg(&args, "--users").and_then(|v| v.parse().ok()).unwrap_or(200);
    let seconds: u64 = arg(&args, "--seconds").and_then(|v| v.parse().ok()).unwrap_or(60);
    let bulk: usize = arg(&args, "--bulk").and_then(|v| v.parse().ok()).unwrap_or(2000);

    let anchor = emulator::actions::rules::parse_iso(emulator::demo::ANCHOR).expect("anchor");
    let cats = emulator::demo::build_categories(anchor);
    let videos = emulator::demo::build_videos(anchor, &cats);
    let video_ids: Vec<String> = videos.iter().take(40).map(|v| v.video_id.clone()).collect();
    // 50 search terms: words of the demo titles (Chinese and English), first come first.
    let mut queries: Vec<String> = Vec::new();
    'titles: for v in &videos {
        for word in v.title.split_whitespace() {
            let word: String = word.chars().take(4).collect();
            if word.chars().count() >= 2 && !queries.contains(&word) {
                queries.push(word);
            }
            if queries.len() == 50 {
                break 'titles;
            }
        }
    }
    let extra_images: Vec<String> =
        emulator::demo::build_extra_images(anchor, &cats, bulk).into_iter().map(|i| i.image_id).collect();

    let client = http();
    let signed_in = Instant::now();
    let mut cookies = Vec::with_capacity(users);
    for _ in 0..users {
        cookies.push(sign_in(&client, &base, &password).await);
    }
    println!("users {users}");
    println!("sign_in_seconds {:.1}", signed_in.elapsed().as_secs_f64());
    println!("queries {}", queries.len());

    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (n, cookie) in cookies.into_iter().enumerate() {
        let (base, tally, video_ids, queries) = (base.clone(), tally.clone(), video_ids.clone(), queries.clone());
        tasks.push(tokio::spawn(async move {
            let client = http();
            let mut rng = rand::rngs::StdRng::seed_from_u64(n as u64);
            loop {
                let think = Duration::from_millis(rng.gen_range(500..1500));
                if Instant::now() + think >= deadline {
                    break;
                }
                tokio::time::sleep(think).await;
                let roll: f64 = rng.gen();
                let (page, path) = if roll < 0.35 {
                    ("media_first", "/media".to_string())
                } else if roll < 0.70 {
                    let q = &queries[rng.gen_range(0..queries.len())];
                    ("media_search", format!("/media?q={}", app::model::query::encode_component(q)))
                } else if roll < 0.90 {
                    ("video_detail", format!("/media/video/{}", video_ids[rng.gen_range(0..video_ids.len())]))
                } else {
                    ("categories", "/categories".to_string())
                };
                let t = Instant::now();
                let status = match client.get(format!("{base}{path}")).header("cookie", &cookie).send().await {
                    Ok(r) => {
                        let s = r.status().as_u16();
                        let _ = r.bytes().await;
                        s
                    }
                    Err(_) => 0,
                };
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                let mut tally = tally.lock().unwrap();
                tally.latencies.entry(page).or_default().push(ms);
                *tally.statuses.entry((page, status)).or_default() += 1;
            }
        }));
    }

    // The background bulk delete starts a few seconds in, while pages are served.
    tokio::time::sleep(Duration::from_secs(5.min(seconds / 4))).await;
    let bulk_cookie = sign_in(&client, &base, &password).await;
    let form: String = std::iter::once("tab=images".to_string())
        .chain(extra_images.iter().enumerate().map(|(i, id)| format!("ids[{i}]={id}")))
        .collect::<Vec<_>>()
        .join("&");
    let bulk_started = Instant::now();
    let job = call(&client, &base, "/api/media/delete", &bulk_cookie, form).await;
    let job_id = job["id"].as_i64().unwrap_or_else(|| panic!("no job: {job}"));
    let mut bulk_seconds = f64::NAN;
    let mut bulk_done = 0usize;
    while Instant::now() < deadline + Duration::from_secs(60) {
        let status = call(&client, &base, "/api/media/delete-status", &bulk_cookie, format!("job={job_id}")).await;
        if status["state"] == "done" {
            bulk_seconds = bulk_started.elapsed().as_secs_f64();
            bulk_done = status["report"]["items"]
                .as_array()
                .map(|items| items.iter().filter(|i| i["outcome"] == "done").count())
                .unwrap_or(0);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed().as_secs_f64();

    let tally = tally.lock().unwrap();
    let mut total = 0u64;
    let mut fivexx_other = 0u64;
    for ((page, status), n) in &tally.statuses {
        println!("status {page} {status} {n}");
        total += n;
        if *status >= 500 && *status != 503 || *status == 0 {
            fivexx_other += n;
        }
    }
    for (page, lat) in &tally.latencies {
        let mut sorted = lat.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "latency_ms {page} n={} p50={:.0} p95={:.0} p99={:.0} max={:.0}",
            sorted.len(),
            percentile(&sorted, 0.50),
            percentile(&sorted, 0.95),
            percentile(&sorted, 0.99),
            sorted.last().copied().unwrap_or(0.0)
        );
    }
    let responses_503: u64 = tally.statuses.iter().filter(|((_, s), _)| *s == 503).map(|(_, n)| n).sum();
    println!("requests {total}");
    println!("requests_per_second {:.1}", total as f64 / elapsed);
    println!("responses_503 {responses_503}");
    println!("responses_5xx_other {fivexx_other}");
    println!("bulk_items {}", extra_images.len());
    println!("bulk_done {bulk_done}");
    println!("bulk_seconds {bulk_seconds:.3}");
}
