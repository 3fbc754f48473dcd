//! Operations endpoints: `/healthz` (liveness, no sign-in) and `/metrics` (Prometheus
//! text: VOD calls, errors and latency per action and code, the call budget's queues and
//! waits, cache hits and coalesced reads). `/metrics` on the console's own address needs
//! an admin's session; `CONSOLE_METRICS_LISTEN` serves it without sign-in on a separate
//! address, for a scraper on a private network.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::request::Parts;
use http::{header, HeaderValue, StatusCode};

use crate::model::roles;
use crate::ssr::auth::Ctx;
use crate::ssr::export::error_response;
use crate::ssr::AppState;

/// `/healthz` and the signed-in `/metrics`, merged into the console's router.
pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics_signed_in))
}

/// `/healthz` and `/metrics` without sign-in, for the separate metrics address.
pub fn open_routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics_open))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn metrics_signed_in(State(state): State<AppState>, parts: Parts) -> Response {
    let ctx = Ctx::from_parts(state.clone(), parts);
    if let Err(e) = ctx.require_permission(roles::CONSOLE_USERS).await {
        return error_response(e, crate::i18n::Locale::en);
    }
    metrics_open(State(state)).await
}

async fn metrics_open(State(state): State<AppState>) -> Response {
    let mut response = (StatusCode::OK, state.vod.client.metrics_text()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    response
}
