//! Benchmark of the console's bulk delete (`app::ssr::media_delete::delete`) against a
//! running `vod-emulator` started with `--extra-images N`. Driven by
//! `bench/bulk_delete.sh`; see docs/benchmarks.md ("Bulk delete of 2,000 images").
//!
//! ```text
//! bulk_delete_bench ids   --count 2000                       # the N extra image IDs, one a line
//! bulk_delete_bench run   --endpoint http://127.0.0.1:9000 --count 2000
//! ```
//!
//! `run` checks that the emulator holds the demo images plus the N extra ones
//! (SearchMedia), times one call of `media_delete::delete(.., MediaKind::Image, ..)` over
//! the N extra IDs, checks every item came back `Done` and that only the demo images are
//! left, and prints `key value` lines (the script adds the gateway's own counts from the
//! emulator log). Exit status 1 when any item was not deleted.

use std::collections::BTreeMap;
use std::time::Instant;

use app::model::bulk::Outcome;
use app::model::media::MediaKind;
use app::ssr::media_delete::delete;
use emulator::config::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET};

/// The IDs `vod-emulator --extra-images count` creates (the demo generator is
/// deterministic).
fn extra_image_ids(count: usize) -> Vec<String> {
    let anchor = emulator::actions::rules::parse_iso(emulator::demo::ANCHOR).expect("anchor");
    let cats = emulator::demo::build_categories(anchor);
    emulator::demo::build_extra_images(anchor, &cats, count).into_iter().map(|i| i.image_id).collect()
}

fn demo_image_count() -> usize {
    let anchor = emulator::actions::rules::parse_iso(emulator::demo::ANCHOR).expect("anchor");
    emulator::demo::build_images(anchor, &emulator::demo::build_categories(anchor)).len()
}

async fn image_total(client: &vod::Client) -> i64 {
    let request = vod::api::SearchMedia {
        search_type: Some("image".into()),
        page_size: Some(1),
        ..Default::default()
    };
    let r = client.call_with_retry(&request, vod::RetryPolicy::default()).await.expect("SearchMedia");
    r.total.unwrap_or(-1)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = arg(&args, "--count").and_then(|c| c.parse().ok()).unwrap_or(2000);
    match args.first().map(String::as_str) {
        Some("ids") => {
            for id in extra_image_ids(count) {
                println!("{id}");
            }
            std::process::ExitCode::SUCCESS
        }
        Some("run") => run(&arg(&args, "--endpoint").expect("--endpoint URL"), count).await,
        _ => {
            eprintln!("usage: bulk_delete_bench ids --count N | run --endpoint URL --count N");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run(endpoint: &str, count: usize) -> std::process::ExitCode {
    let client = vod::Client::new(
        vod::Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET),
        vod::ClientConfig::with_endpoint(endpoint, "cn-shanghai"),
    )
    .expect("client");
    let ids = extra_image_ids(count);
    let demo = demo_image_count() as i64;
    let before = image_total(&client).await;
    println!("images_before {before}");
    if before != demo + count as i64 {
        eprintln!("expected {} images (demo {demo} + extra {count}); start the emulator with --reset --extra-images {count}", demo + count as i64);
        return std::process::ExitCode::FAILURE;
    }

    let started = Instant::now();
    let report = delete(&client, MediaKind::Image, &ids).await;
    let seconds = started.elapsed().as_secs_f64();

    let done = report.count(Outcome::Done);
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for item in report.items.iter().filter(|i| i.outcome != Outcome::Done) {
        *codes.entry(item.code.clone().unwrap_or_else(|| format!("{:?}", item.outcome))).or_default() += 1;
    }
    let throttled_items = report.items.iter().filter(|i| i.code.as_deref().is_some_and(|c| c.starts_with("Throttling"))).count();
    // Every DeleteImage call answers one RequestId for its whole batch.
    let mut request_ids: Vec<&str> = report.items.iter().filter_map(|i| i.request_id.as_deref()).collect();
    request_ids.sort_unstable();
    request_ids.dedup();
    let after = image_total(&client).await;

    println!("items {}", report.items.len());
    println!("done {done}");
    println!("not_done {}", report.items.len() - done);
    println!("not_done_codes {codes:?}");
    println!("throttled_items {throttled_items}");
    println!("delete_calls_answered {}", request_ids.len());
    println!("images_after {after}");
    println!("seconds {seconds:.3}");
    let ok = done == count && report.items.len() == count && after == demo;
    println!("all_deleted {ok}");
    if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
