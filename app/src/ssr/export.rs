//! CSV downloads. Plain GET routes (a download must be a link that works with JavaScript
//! off), behind the same session and permission checks as the server functions; the
//! query string is the page's own filter, so "export" exports what is on screen.

use axum::extract::{Query, State};
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::AppError;
use crate::model::activity::ActivityFilter;
use crate::model::roles;
use crate::ssr::auth::Ctx;
use crate::ssr::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/export/activity.csv", get(activity_csv))
}

/// A CSV attachment named `<stem>-<UTC date>.csv`. UTF-8 with a byte-order mark so
/// spreadsheet programs show CJK titles correctly.
pub fn csv_response(stem: &str, body: String) -> Response {
    let date = crate::ssr::accounts::now_rfc3339()[..10].to_string();
    let mut response = (StatusCode::OK, format!("\u{feff}{body}")).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{stem}-{date}.csv\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// The error as plain text with its status (the browser shows it in place of a file).
pub fn error_response(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, err.to_string()).into_response()
}

async fn activity_csv(State(state): State<AppState>, Query(filter): Query<ActivityFilter>, parts: Parts) -> Response {
    let ctx = Ctx::from_parts(state, parts);
    if let Err(e) = ctx.require_permission(roles::CONSOLE_ACTIVITY).await {
        return error_response(e);
    }
    if let Err((field, message)) = filter.validate() {
        return error_response(AppError::invalid(field, message));
    }
    match crate::ssr::activity::csv(&ctx.state.db, &filter).await {
        Ok(body) => csv_response("activity", body),
        Err(e) => error_response(crate::ssr::accounts::internal(e)),
    }
}
