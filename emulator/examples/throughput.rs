//! Load generator for the emulator: N concurrent workers send freshly signed v1 calls
//! (new Timestamp and SignatureNonce each, as the SDKs do) for a fixed duration, then
//! print requests/s and latency percentiles. Run by `bench/emulator_throughput.sh`
//! against a release build started with `--no-throttle`.
//!
//! ```text
//! throughput --url http://127.0.0.1:19000 --action GetVideoList --concurrency 32 --duration 10
//! ```

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use emulator::config::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET};

struct Options {
    url: String,
    action: String,
    concurrency: usize,
    duration: Duration,
    access_key_id: String,
    access_key_secret: String,
    params: Vec<(String, String)>,
}

fn usage() -> ! {
    eprintln!(
        "usage: throughput [--url URL] [--action ACTION] [--concurrency N] [--duration SECONDS]\n\
         \x20                 [--access-key-id ID] [--access-key-secret SECRET] [--param Name=Value]..."
    );
    std::process::exit(2)
}

fn parse_args() -> Options {
    let mut o = Options {
        url: "http://127.0.0.1:19000".into(),
        action: "GetVideoList".into(),
        concurrency: 32,
        duration: Duration::from_secs(10),
        access_key_id: DEMO_ACCESS_KEY_ID.into(),
        access_key_secret: DEMO_ACCESS_KEY_SECRET.into(),
        params: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--url" => o.url = value(),
            "--action" => o.action = value(),
            "--concurrency" => o.concurrency = value().parse().unwrap_or_else(|_| usage()),
            "--duration" => {
                o.duration = Duration::from_secs_f64(value().parse().unwrap_or_else(|_| usage()))
            }
            "--access-key-id" => o.access_key_id = value(),
            "--access-key-secret" => o.access_key_secret = value(),
            "--param" => {
                let v = value();
                let (k, v) = v.split_once('=').unwrap_or_else(|| usage());
                o.params.push((k.into(), v.into()));
            }
            _ => usage(),
        }
    }
    o
}

fn timestamp() -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::now_utc().format(&f).expect("formats")
}

/// The full signed query string for one call.
fn signed_query(o: &Options) -> String {
    let mut params: BTreeMap<String, String> = o.params.iter().cloned().collect();
    for (k, v) in [
        ("Action", o.action.clone()),
        ("Version", "2017-03-21".into()),
        ("Format", "JSON".into()),
        ("AccessKeyId", o.access_key_id.clone()),
        ("SignatureMethod", "HMAC-SHA1".into()),
        ("SignatureVersion", "1.0".into()),
        ("SignatureNonce", uuid::Uuid::new_v4().to_string()),
        ("Timestamp", timestamp()),
    ] {
        params.insert(k.into(), v);
    }
    let signature = vod::signature::sign(
        &o.access_key_secret,
        "POST",
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    params.insert("Signature".into(), signature);
    params
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                vod::signature::percent_encode(k),
                vod::signature::percent_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[derive(Default)]
struct WorkerResult {
    latencies_us: Vec<u64>,
    statuses: BTreeMap<u16, u64>,
    transport_errors: u64,
}

#[tokio::main]
async fn main() {
    let o = std::sync::Arc::new(parse_args());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(o.concurrency)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");

    // One warm-up call: fail fast on a wrong URL or credentials.
    let warm = client
        .post(format!("{}/?{}", o.url, signed_query(&o)))
        .send()
        .await;
    match warm {
        Ok(r) if r.status().is_success() => {}
        Ok(r) => {
            let status = r.status();
            eprintln!(
                "warm-up call failed: {status} {}",
                r.text().await.unwrap_or_default()
            );
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("warm-up call failed: {e}");
            std::process::exit(1);
        }
    }

    let started = Instant::now();
    let deadline = started + o.duration;
    let workers: Vec<_> = (0..o.concurrency)
        .map(|_| {
            let o = o.clone();
            let client = client.clone();
            tokio::spawn(async move {
                let mut r = WorkerResult::default();
                while Instant::now() < deadline {
                    let url = format!("{}/?{}", o.url, signed_query(&o));
                    let t = Instant::now();
                    match client.post(url).send().await {
                        Ok(resp) => {
                            let status = resp.status().as_u16();
                            let _ = resp.bytes().await;
                            r.latencies_us.push(t.elapsed().as_micros() as u64);
                            *r.statuses.entry(status).or_default() += 1;
                        }
                        Err(_) => r.transport_errors += 1,
                    }
                }
                r
            })
        })
        .collect();

    let mut latencies = Vec::new();
    let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
    let mut transport_errors = 0;
    for w in workers {
        let r = w.await.expect("worker");
        latencies.extend(r.latencies_us);
        for (s, n) in r.statuses {
            *statuses.entry(s).or_default() += n;
        }
        transport_errors += r.transport_errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i] as f64 / 1000.0
    };
    let total = latencies.len();
    println!("action        {}", o.action);
    println!("concurrency   {}", o.concurrency);
    println!("duration      {elapsed:.1} s");
    println!(
        "requests      {total} ({} transport errors)",
        transport_errors
    );
    println!("statuses      {statuses:?}");
    println!("throughput    {:.0} requests/s", total as f64 / elapsed);
    println!(
        "latency (ms)  p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    if statuses.keys().any(|s| *s != 200) || transport_errors > 0 {
        std::process::exit(1);
    }
}
