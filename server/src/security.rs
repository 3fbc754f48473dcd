//! Request-level protections for every route:
//! - CSRF: a request that can change state (anything but GET/HEAD/OPTIONS) is refused
//!   unless the browser says it is same-origin (`Sec-Fetch-Site`), or, from a browser
//!   that does not send that header, its `Origin` matches the host.
//! - Headers: a CSP with a per-response nonce that still allows hydration
//!   (`'wasm-unsafe-eval'`), `frame-ancestors 'none'`, `nosniff`, a Referrer-Policy,
//!   and `Cache-Control: no-store` on everything but static assets.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use http::{header, HeaderValue, Method, StatusCode};
use rand::RngCore;

use app::ssr::CspNonce;

/// Origins (besides the console's own) that pages may load media from or upload to:
/// the embedded emulator's address, or `https:` for Alibaba Cloud's CDN and OSS.
#[derive(Clone, Debug)]
pub struct SecurityConfig {
    pub media_sources: String,
    pub connect_sources: String,
}

pub fn is_same_origin_request(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    let (Some(origin), Some(host)) = (headers.get(header::ORIGIN), headers.get(header::HOST)) else {
        return false;
    };
    let (Ok(origin), Ok(host)) = (origin.to_str(), host.to_str()) else {
        return false;
    };
    origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host)
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn content_security_policy(nonce: &str, config: &SecurityConfig) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob: {m}; media-src 'self' blob: {m}; connect-src 'self' {c}; \
         font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        m = config.media_sources,
        c = config.connect_sources,
    )
}

/// `Some(true)` for a built asset named by its content hash (the stylesheet
/// `/pkg/name.<16 hex>.css`, or anything in a bundle directory `/pkg/<16 hex>/`),
/// `Some(false)` for another static file, `None` for pages and API answers.
pub fn static_asset(path: &str) -> Option<bool> {
    if let Some(file) = path.strip_prefix("/pkg/") {
        let is_hash = |part: &str| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit());
        let (dir, name) = file.rsplit_once('/').unwrap_or(("", file));
        let hashed = dir.split('/').any(is_hash) || name.split('.').any(is_hash);
        return Some(hashed);
    }
    (path == "/favicon.svg").then_some(false)
}

pub async fn layer(State(config): State<SecurityConfig>, mut req: Request, next: Next) -> Response {
    if changes_state(req.method()) && !is_same_origin_request(&req) {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response();
    }
    let static_asset = static_asset(req.uri().path());
    let nonce = new_nonce();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res: Response<Body> = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_security_policy(&nonce, &config)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Same-origin referrers only: the no-JavaScript form flow needs them, nobody else does.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    let cache = match static_asset {
        // Named by their content: a changed file has a new name, so keep it for a year.
        Some(true) => "public, max-age=31536000, immutable",
        Some(false) => "no-cache",
        None => "no-store",
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if static_asset.is_some() && !h.contains_key(header::VARY) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}
