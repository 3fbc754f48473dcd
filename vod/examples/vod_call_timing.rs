//! Times N sequential signed calls of one VOD action against an endpoint (the emulator),
//! one keep-alive client, as the console's server makes them: the denominator of the
//! media list render benchmark (`bench/render_media.sh`).
//!
//! ```text
//! vod_call_timing --endpoint http://127.0.0.1:9000 --action SearchMedia \
//!     --param SearchType=video --param PageSize=20 --count 30 [--gap-ms 100] [--warmup 3]
//! ```
//!
//! Prints one `ms` line per call, then `median_ms` and `p90_ms`. `--gap-ms` pauses between
//! calls so that a run never meets the action's QPS limit.

use std::time::{Duration, Instant};

/// The emulator's documented demo key (see `emulator::config`).
const DEMO_ACCESS_KEY_ID: &str = "LTAI5tEmulatorDemoKey";
const DEMO_ACCESS_KEY_SECRET: &str = "EmulatorDemoSecretNotForProduction";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned());
    let endpoint = value("--endpoint").expect("--endpoint URL");
    let action = value("--action").unwrap_or_else(|| "SearchMedia".into());
    let count: usize = value("--count").and_then(|c| c.parse().ok()).unwrap_or(30);
    let warmup: usize = value("--warmup").and_then(|c| c.parse().ok()).unwrap_or(3);
    let gap = Duration::from_millis(value("--gap-ms").and_then(|c| c.parse().ok()).unwrap_or(100));
    let params: Vec<(String, String)> = args
        .windows(2)
        .filter(|w| w[0] == "--param")
        .filter_map(|w| w[1].split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect();

    let client = vod::Client::new(
        vod::Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET),
        vod::ClientConfig::with_endpoint(&endpoint, "cn-shanghai"),
    )
    .expect("client");
    let mut times = Vec::with_capacity(count);
    for i in 0..warmup + count {
        let call_params: Vec<(&str, String)> = params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let started = Instant::now();
        if let Err(e) = client.call_raw(&action, call_params).await {
            eprintln!("{action} failed: {e}");
            std::process::exit(1);
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if i >= warmup {
            println!("ms {ms:.2}");
            times.push(ms);
        }
        tokio::time::sleep(gap).await;
    }
    times.sort_by(f64::total_cmp);
    println!("median_ms {:.2}", percentile(&times, 50.0));
    println!("p90_ms {:.2}", percentile(&times, 90.0));
}
