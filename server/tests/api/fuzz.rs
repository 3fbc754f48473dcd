//! Random and boundary input to every server function, against the emulator: no panic,
//! no server error, and every refusal of input names the field.
//!
//! The endpoints and their argument names are read from `app/src/api/*.rs` (every
//! `#[server(.., endpoint = "..")] pub async fn name(args)`), so a server function added
//! later is fuzzed without being listed here. Values are drawn from a seeded generator
//! (`FUZZ_SEED` to vary it, `FUZZ_CASES` per endpoint): boundary numbers, empty, huge,
//! control characters, non-UTF-8 escapes, markup, paths, CJK and emoji, VOD-shaped IDs,
//! nested and indexed field forms, and raw garbage bodies.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use app::model::Role;

use crate::common::VodHarness;

struct Endpoint {
    path: String,
    /// (name, type as written)
    args: Vec<(String, String)>,
}

fn endpoints() -> Vec<Endpoint> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("#[server(prefix").skip(1) {
            let Some(endpoint) = part.split("endpoint = \"").nth(1).and_then(|r| r.split('"').next()) else { continue };
            let Some(sig) = part.split("pub async fn ").nth(1) else { continue };
            let mut sig = sig.to_string();
            // Drop argument attributes such as #[server(default)] before reading the list.
            while let Some(start) = sig.find("#[") {
                let end = start + sig[start..].find(']').unwrap();
                sig.replace_range(start..=end, "");
            }
            let Some(open) = sig.find('(') else { continue };
            let Some(arrow) = sig.find("->") else { continue };
            let Some(close) = sig[..arrow].rfind(')') else { continue };
            let list = sig[open + 1..close].to_string();
            let mut args = Vec::new();
            let mut depth = 0;
            let mut current = String::new();
            for c in list.chars().chain(std::iter::once(',')) {
                match c {
                    '<' => depth += 1,
                    '>' => depth -= 1,
                    ',' if depth == 0 => {
                        if let Some((name, ty)) = current.split_once(':') {
                            args.push((name.trim().to_string(), ty.trim().to_string()));
                        }
                        current.clear();
                        continue;
                    }
                    _ => {}
                }
                current.push(c);
            }
            out.push(Endpoint { path: format!("/api/{endpoint}"), args });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Numbers at the edges of the integer types a form field may be read into.
const NUMBERS: &[&str] = &[
    "0", "-1", "1", "255", "256", "65535", "65536", "2147483647", "2147483648", "4294967295", "4294967296",
    "9223372036854775807", "-9223372036854775808", "18446744073709551615", "85899346", "100000000",
];

/// Every boundary value in every single position, the other arguments left out: each
/// argument (each field of a struct argument, each element of a list) on its own.
fn boundary_forms(ep: &Endpoint) -> Vec<String> {
    let values = NUMBERS.iter().copied().chain(["", " ", "\u{0}", "%", "视频🎬", "true"]).map(enc);
    let mut forms = Vec::new();
    for v in values {
        for (name, ty) in &ep.args {
            let primitive = ["String", "i64", "u64", "u32", "bool", "Option<"].iter().any(|p| ty.starts_with(p));
            if ty.starts_with("Vec<") {
                forms.push(format!("{name}[0]={v}"));
            } else if primitive {
                forms.push(format!("{name}={v}"));
            } else {
                forms.extend(STRUCT_FIELDS.iter().map(|f| format!("{name}[{f}]={v}")));
            }
        }
    }
    forms
}

fn value(rng: &mut StdRng) -> String {
    const POOL: &[&str] = &[
        "", " ", "0", "-1", "1", "255", "65535", "4294967295", "2147483648", "-9223372036854775808", "9223372036854775807", "18446744073709551616",
        "99999999999999999999999", "1e308", "NaN", "-0", "true", "false", "null", "undefined", "\u{0}", "\t\r\n",
        "视频标题", "🎬🚀", "\u{202e}evil", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
        "//evil.example", "http://127.0.0.1:1/x.mp4", "https://cdn.example.com/a.mp4\nhttps://b.example/b.mp4",
        "videos", "images", "attached", "Videos", "video", "admin", "editor", "viewer", "root", "All", "CoverSnapshot",
        "0000000000000000000000000000dead", "fffffffffffffffffffffffffffffff", "VOD_NO_TRANSCODE", "a,b,c", ",,,",
    ];
    match rng.gen_range(0..10) {
        8 | 9 => NUMBERS[rng.gen_range(0..NUMBERS.len())].to_string(),
        0 => "x".repeat(rng.gen_range(100..20_000)),
        1 => "视".repeat(rng.gen_range(10..2_000)),
        2 => (0..rng.gen_range(1..40)).map(|_| rng.gen_range(0x20u8..0x7f) as char).collect(),
        3 => rng.gen::<i64>().to_string(),
        _ => POOL[rng.gen_range(0..POOL.len())].to_string(),
    }
}

/// Field names of the console's query and filter structs, and one they do not have.
const STRUCT_FIELDS: &[&str] =
    &["tab", "q", "page", "size", "status", "cate", "from", "to", "asc", "scroll", "storage", "action", "user", "target", "outcome", "zzz"];

/// One form body for `ep`: each argument present, missing, repeated, indexed or nested.
fn form(ep: &Endpoint, rng: &mut StdRng) -> String {
    if rng.gen_ratio(1, 12) {
        // Garbage: not a form at all.
        let raw: Vec<u8> = (0..rng.gen_range(0..300)).map(|_| rng.gen()).collect();
        return String::from_utf8_lossy(&raw).into_owned();
    }
    let mut pairs = Vec::new();
    for (name, ty) in &ep.args {
        let primitive = ["String", "i64", "u64", "u32", "bool", "Vec<", "Option<"].iter().any(|p| ty.starts_with(p));
        if !primitive && rng.gen_ratio(3, 5) {
            // A struct argument: several of its fields (and some it does not have).
            for _ in 0..rng.gen_range(1..6) {
                let field = STRUCT_FIELDS[rng.gen_range(0..STRUCT_FIELDS.len())];
                pairs.push(format!("{name}[{field}]={}", enc(&value(rng))));
            }
            continue;
        }
        match rng.gen_range(0..8) {
            0 => {} // missing
            1 => {
                for i in 0..rng.gen_range(0..5) {
                    pairs.push(format!("{name}[{i}]={}", enc(&value(rng))));
                }
            }
            2 => {
                let field = STRUCT_FIELDS[rng.gen_range(0..STRUCT_FIELDS.len())];
                pairs.push(format!("{name}[{field}]={}", enc(&value(rng))));
            }
            3 => {
                pairs.push(format!("{name}={}", enc(&value(rng))));
                pairs.push(format!("{name}={}", enc(&value(rng))));
            }
            4 if ty.starts_with("Vec<") => {
                for i in 0..rng.gen_range(0..300) {
                    pairs.push(format!("{name}[{i}]={}", enc(&value(rng))));
                }
            }
            5 => pairs.push(format!("{}={}", enc(&value(rng)), enc(&value(rng)))),
            _ => pairs.push(format!("{name}={}", enc(&value(rng)))),
        }
    }
    if rng.gen_ratio(1, 10) {
        pairs.push("%ZZ=%&&=&==".into());
    }
    pairs.join("&")
}

#[tokio::test]
async fn every_server_function_survives_random_and_boundary_input() {
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261204);
    let cases: usize = std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(80);
    let mut rng = StdRng::seed_from_u64(seed);
    let h = VodHarness::start().await;
    let admin = h.sign_in_as("fuzz-admin", Role::Admin).await;
    let endpoints = endpoints();
    assert!(endpoints.len() >= 35, "found only {} server functions", endpoints.len());
    let mut ran = 0;
    for ep in &endpoints {
        // Signing out would end the fuzzing session; it has its own tests.
        if ep.path == "/api/auth/logout" {
            continue;
        }
        let boundaries = boundary_forms(ep);
        for body in boundaries.into_iter().chain((0..cases).map(|_| form(ep, &mut rng))) {
            let r = h.call(&ep.path, &body, &admin).await;
            ran += 1;
            let status = r.status.as_u16();
            // A VOD refusal of a well-formed call (502) is VOD's answer, not a server
            // error; anything else 5xx is.
            let vod_refusal = status == 502 && r.body.contains("\"Vod\"");
            assert!(status < 500 || vod_refusal, "{} with {body:?}: {status} {}", ep.path, r.body);
            if status == 400 {
                let err: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{}: not JSON: {}", ep.path, r.body));
                let named = err["Invalid"]["field"].as_str().is_some_and(|f| !f.is_empty())
                    || err.get("BadCredentials").is_some()
                    || err.as_str() == Some("BadCredentials");
                assert!(named, "{} with {body:?}: a refusal that names no field: {}", ep.path, r.body);
            }
        }
        // The session still works after each endpoint's cases (nothing signed it out).
        assert_eq!(h.call("/api/session/info", "", &admin).await.status, 200, "after {}", ep.path);
    }
    println!("fuzz: {ran} cases over {} server functions (seed {seed})", endpoints.len() - 1);
}

