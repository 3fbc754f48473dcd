//! Built assets on the wire: pre-compressed copies chosen by Accept-Encoding, content-
//! hashed names cached for a year, pages compressed on the fly and never cached.

use std::sync::Arc;

use axum::body::Body;
use http::{header, Request};

use app::model::EndpointKind;
use app::ssr::{AppState, Settings, VodConnection};
use server::{build_router, SecurityConfig};

use crate::common::send;

const WASM: &str = "vod-console.0123456789abcdef.wasm";
const BUNDLE: &str = "fedcba9876543210";

async fn site() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    // Distinct bodies, so the test sees which copy was sent.
    std::fs::write(pkg.join(WASM), b"raw wasm bytes").unwrap();
    std::fs::write(pkg.join(format!("{WASM}.br")), b"brotli copy").unwrap();
    std::fs::write(pkg.join(format!("{WASM}.gz")), b"gzip copy").unwrap();
    std::fs::write(pkg.join("unhashed.js"), b"console.log(1)").unwrap();
    // The script bundle: js, main wasm and chunks in a directory named by their hash.
    let bundle = pkg.join(BUNDLE);
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(bundle.join("chunk_14.wasm"), b"raw chunk").unwrap();
    std::fs::write(bundle.join("chunk_14.wasm.br"), b"brotli chunk").unwrap();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("vod-console")
        .site_root(dir.path().display().to_string())
        .site_pkg_dir("pkg")
        .build();
    let client = vod::Client::new(vod::Credentials::new("id", "secret"), vod::ClientConfig::with_endpoint("http://127.0.0.1:9", "cn-shanghai")).unwrap();
    let state = AppState {
        leptos_options: options,
        db: app::ssr::db::open_in_memory().await.unwrap(),
        vod: VodConnection::new(client, EndpointKind::LocalEmulator),
        settings: Arc::new(Settings::default()),
        throttle: Arc::default(),
        media: Arc::default(),
    };
    let security = SecurityConfig { media_sources: String::new(), connect_sources: String::new() };
    (build_router(state, security), dir)
}

fn get(path: &str, accept_encoding: &str) -> Request<Body> {
    Request::get(path).header(header::HOST, "console.test").header(header::ACCEPT_ENCODING, accept_encoding).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn assets_go_pre_compressed_by_accept_encoding_and_hashed_ones_are_immutable() {
    let (router, _dir) = site().await;
    let path = format!("/pkg/{WASM}");
    for (accept, encoding, body) in
        [("br, gzip", Some("br"), "brotli copy"), ("gzip", Some("gzip"), "gzip copy"), ("identity", None, "raw wasm bytes")]
    {
        let r = send(&router, get(&path, accept)).await;
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(r.headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(r.body, body, "{accept}");
        assert_eq!(r.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(r.headers[header::VARY].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"));
    }
    // Everything in the bundle directory is named by the directory's hash.
    let r = send(&router, get(&format!("/pkg/{BUNDLE}/chunk_14.wasm"), "br, gzip")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "brotli chunk");
    assert_eq!(r.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    // A file without a content hash in its name is revalidated.
    let r = send(&router, get("/pkg/unhashed.js", "gzip")).await;
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn pages_are_compressed_on_the_fly_and_never_cached() {
    let (router, _dir) = site().await;
    let r = send(&router, get("/login", "gzip")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");
    let plain = send(&router, get("/login", "identity")).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert!(plain.body.contains("<html"));
}
