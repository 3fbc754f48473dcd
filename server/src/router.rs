//! `build_router(state)`: the whole HTTP surface of the console — Leptos pages, server
//! functions, static files — behind sessions and the security layer. Tests call it with
//! their own state and drive it with `oneshot`.

use std::sync::{Arc, OnceLock};

use axum::Router;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::ssr::session_store::SqliteSessionStore;
use app::ssr::auth::RequestMemo;
use app::ssr::AppState;
use app::{shell, App};

use crate::security::{self, SecurityConfig};

pub const SESSION_COOKIE: &str = "vod_console_session";
/// The cookie's name when it is `Secure`: the `__Host-` prefix makes browsers refuse it
/// unless it is Secure, host-only and for path `/`, so no sibling subdomain or plain-HTTP
/// page can plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-vod_console_session";

pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_SESSION_COOKIE } else { SESSION_COOKIE }
}

/// The page routes, listed once per process. Leptos lists them by rendering the app with
/// resource loading switched off for the whole process, so listing them again while
/// pages render (a second router built in the same process, as tests do) would leave
/// those pages' resources pending for good.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build_router(state: AppState, security: SecurityConfig) -> Router {
    let routes = route_list();
    let settings = Arc::clone(&state.settings);
    let idle = time::Duration::try_from(settings.idle_timeout).unwrap_or(time::Duration::minutes(30));
    let sessions = SessionManagerLayer::new(SqliteSessionStore::new(state.db.clone(), settings.clock.clone()))
        .with_name(session_cookie_name(settings.secure_cookie))
        .with_http_only(true)
        .with_secure(settings.secure_cookie)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        // Every signed-in request pushes the idle deadline forward.
        .with_always_save(true)
        .with_expiry(Expiry::OnInactivity(idle));

    // All of `pkg/`: the stylesheet and the current bundle directory `pkg/<hash>/`.
    let pkg_dir = std::path::Path::new(state.leptos_options.site_root.as_ref()).join("pkg");
    Router::new()
        // A fresh memo per request: reads made while rendering a page are shared by every
        // resource of that request that asks for the same thing (`Ctx::once`).
        .leptos_routes_with_context(&state, routes, || leptos::prelude::provide_context(RequestMemo::default()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .merge(app::ssr::export::routes())
        .merge(app::ssr::plain::routes())
        .merge(app::ssr::ops::routes())
        // Built assets, sent as the Brotli or gzip copy made at build time when the
        // browser accepts it.
        .nest_service("/pkg", ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(sessions)
        // Pages and server-function answers, compressed on the fly (assets that arrive
        // pre-compressed are left alone). See the README on why this is safe here.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(security, security::layer))
        // Served over HTTPS (the Secure cookie says so): browsers keep to HTTPS for a year.
        .layer(tower::util::option_layer(settings.secure_cookie.then(|| {
            tower_http::set_header::SetResponseHeaderLayer::overriding(
                http::header::STRICT_TRANSPORT_SECURITY,
                http::HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            )
        })))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::extract::Request| {
            // Path only: query strings may carry search terms, never log them.
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
        }))
        .with_state(state)
}
