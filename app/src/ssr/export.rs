//! CSV downloads. Plain GET routes (a download must be a link that works with JavaScript
//! off), behind the same session and permission checks as the server functions; the
//! query string is the page's own filter, so "export" exports what is on screen.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use axum::extract::{Query, RawQuery, State};
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
    Router::new().route("/export/activity.csv", get(activity_csv)).route("/export/media.csv", get(media_csv))
        .route("/export/usage.csv", get(usage_csv))
        .route("/export/audit-decisions.csv", get(audit_csv))
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
pub fn error_response(err: AppError, locale: crate::i18n::Locale) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, err.localized_with_detail(locale)).into_response()
}

async fn activity_csv(State(state): State<AppState>, Query(filter): Query<ActivityFilter>, parts: Parts) -> Response {
    let ctx = Ctx::from_parts(state, parts);
    let locale = ctx.locale();
    if let Err(e) = ctx.require_permission(roles::CONSOLE_ACTIVITY).await {
        return error_response(e, locale);
    }
    if let Err((field, message)) = filter.validate(locale) {
        return error_response(AppError::invalid(field, message), locale);
    }
    match crate::ssr::activity::csv(&ctx.state.db, &filter, locale, &ctx.time_zone()).await {
        Ok(body) => csv_response("activity", body),
        Err(e) => error_response(crate::ssr::accounts::internal(e), locale),
    }
}

/// The review decision record (every decision made in the console, newest first).
async fn audit_csv(State(state): State<AppState>, parts: Parts) -> Response {
    let ctx = Ctx::from_parts(state, parts);
    let locale = ctx.locale();
    if let Err(e) = ctx.require_permission(Permission::of::<vod::api::GetAuditHistory>()).await {
        return error_response(e, locale);
    }
    match crate::ssr::audit::record(&ctx.state.db, None, 100_000).await {
        Ok(rows) => csv_response("audit-decisions", crate::ssr::audit::record_csv(&rows)),
        Err(e) => error_response(crate::ssr::accounts::internal(e), locale),
    }
}

/// At most this many rows per media export (the list's own filters narrow it).
pub const MEDIA_EXPORT_LIMIT: usize = 10_000;

async fn media_csv(State(state): State<AppState>, RawQuery(raw): RawQuery, parts: Parts) -> Response {
    let ctx = Ctx::from_parts(state, parts);
    let locale = ctx.locale();
    if let Err(e) = ctx.require_permission(Permission::of::<vod::api::SearchMedia>()).await {
        return error_response(e, locale);
    }
    let query = crate::model::media::MediaQuery::from_query_string(raw.as_deref().unwrap_or(""));
    let query = crate::model::media::MediaQuery { page: 1, scroll: String::new(), ..query };
    if let Err((field, message)) = query.validate(locale) {
        return error_response(AppError::invalid(field, message), locale);
    }
    let rows = match crate::ssr::media::list_all(&ctx.vod_background("export"), &query, MEDIA_EXPORT_LIMIT, &ctx.time_zone()).await {
        Ok(rows) => rows,
        Err(e) => return error_response(crate::ssr::vod_errors::app_error_in(e, locale), locale),
    };
    use crate::ssr::csv::row;
    use crate::i18n::td_string;
    let mut body = row(&[
        td_string!(locale, common.csv.id),
        td_string!(locale, common.csv.title),
        td_string!(locale, common.csv.status),
        td_string!(locale, common.csv.category_id),
        td_string!(locale, common.csv.category),
        td_string!(locale, common.csv.tags),
        td_string!(locale, common.csv.duration),
        td_string!(locale, common.csv.size),
        td_string!(locale, common.csv.created),
        td_string!(locale, common.csv.storage),
        td_string!(locale, common.csv.url),
    ]);
    for r in rows {
        body.push_str(&row(&[
            &r.id,
            &r.title,
            &r.status,
            &r.cate_id.map(|c| c.to_string()).unwrap_or_default(),
            &r.cate_name,
            &r.tags,
            &r.duration.map(|d| format!("{d:.3}")).unwrap_or_default(),
            &r.size.map(|s| s.to_string()).unwrap_or_default(),
            &r.created,
            &r.storage,
            r.url.as_deref().unwrap_or(""),
        ]));
    }
    csv_response(&format!("media-{}", query.tab.slug()), body)
}

/// One usage chart, for the window and domain of the page (`chart=<key>` plus the page's
/// own query): the points in VOD's units, times in UTC and in the person's zone.
async fn usage_csv(State(state): State<AppState>, Query(q): Query<std::collections::HashMap<String, String>>, parts: Parts) -> Response {
    let ctx = Ctx::from_parts(state, parts);
    let locale = ctx.locale();
    let user = match ctx.require_user().await {
        Ok(u) => u,
        Err(e) => return error_response(e, locale),
    };
    let Some(chart) = q.get("chart").and_then(|c| crate::model::usage::ChartId::parse(c)) else {
        return error_response(AppError::invalid("chart", crate::i18n::td_string!(locale, usage.problem.unknown_chart).to_string()), locale);
    };
    let query = crate::model::usage::UsageQuery::from_params(|k| q.get(k).cloned());
    match crate::ssr::usage::csv(&ctx.vod(), &user, &query, chart, &ctx.time_zone(), locale).await {
        Ok(body) => csv_response(&format!("usage-{}", chart.key()), body),
        Err(e) => error_response(e, locale),
    }
}
