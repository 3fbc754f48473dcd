//! Who is calling, and may they? `require_permission(Permission::of::<vod::api::DeleteImage>())` is the first
//! line of every server function: 401 when not signed in, 403 when the role does not
//! hold the permission. Also the sign-in and sign-out logic.
//!
//! Everything a server function needs from the request (state, session, headers,
//! response options) is captured synchronously in a [`Ctx`] *before* the first
//! `.await`: during server rendering a server function runs inside a resource future,
//! where the reactive context is not guaranteed to be reachable after a suspension.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::ConnectInfo;
use http::request::Parts;
use http::{header, HeaderName, HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tower_sessions::Session;

use crate::error::AppError;
use crate::model::roles::Permission;
use crate::model::CurrentUser;
use crate::ssr::accounts::{self, internal, Account};
use crate::ssr::session_store::USER_ID_KEY;
use crate::ssr::state::AppState;

/// Session key: unix time of sign-in in milliseconds, for the absolute timeout.
const LOGIN_AT_KEY: &str = "login_at";


/// The request as a server function sees it.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    parts: Option<Parts>,
    response: Option<ResponseOptions>,
    memo: Option<RequestMemo>,
    /// Whom VOD calls are made for (the signed-in user), once known.
    caller: Option<std::sync::Arc<str>>,
    /// The age of cached VOD answers this server function was served.
    freshness: std::sync::Arc<vod::Freshness>,
}

/// A caller that passed `require_permission`, with the request context for the rest of
/// the server function.
pub struct Authorized {
    pub user: CurrentUser,
    pub ctx: Ctx,
}

impl Ctx {
    /// Captures the request context. Call before the first `.await`.
    ///
    /// Fails (never panics) when the reactive owner is gone: while a page is rendered on
    /// the server, Leptos may replace a suspended part of the view, and a resource
    /// started by the replaced part can first run after its owner was disposed. Nobody
    /// reads that resource's result.
    pub fn get() -> Result<Ctx, AppError> {
        let Some(state) = use_context::<AppState>() else {
            // Either a server function started after its request's render was dropped, or
            // a live render lost its request context: neither should happen, so it shows.
            tracing::warn!("no request context: a server function ran outside its request's render");
            MISSING_CONTEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Err(AppError::Internal);
        };
        Ok(Ctx {
            state,
            parts: use_context::<Parts>(),
            response: use_context::<ResponseOptions>(),
            memo: use_context::<RequestMemo>(),
            caller: None,
            freshness: Default::default(),
        })
    }

    /// The VOD client for this request: calls draw on the account's budget as a person
    /// waiting for a page (taking turns with other people), and cached answers are
    /// recorded for [`Ctx::cached_age`].
    pub fn vod(&self) -> vod::Client {
        let who = self.caller.clone().unwrap_or_else(|| std::sync::Arc::from(""));
        self.state.vod.client.for_caller(vod::Caller::interactive(who)).observed(self.freshness.clone())
    }

    /// The VOD client for bulk work started by this request (a category walk, a bulk
    /// edit, an export): it uses what pages leave of each action's budget.
    pub fn vod_background(&self, job: &str) -> vod::Client {
        let who = self.caller.as_deref().unwrap_or("");
        self.state.vod.client.for_caller(vod::Caller::background(format!("{job}:{who}"))).observed(self.freshness.clone())
    }

    /// The language this request is answered in (cookie, else `Accept-Language`).
    pub fn locale(&self) -> crate::i18n::Locale {
        self.parts.as_ref().map(|p| crate::ssr::prefs::locale_of(&p.headers)).unwrap_or_default()
    }

    /// The time zone times and date filters are read in (cookie, else the language's).
    pub fn time_zone(&self) -> String {
        match &self.parts {
            Some(p) => crate::ssr::prefs::time_zone_of(&p.headers),
            None => crate::model::prefs::default_time_zone(Default::default()).to_string(),
        }
    }

    /// The response being built (absent in plain axum handlers).
    pub fn response(&self) -> Option<&ResponseOptions> {
        self.response.as_ref()
    }

    /// Whole seconds since the oldest cached VOD answer this request was served, or
    /// `None` when everything came straight from VOD.
    pub fn cached_age(&self) -> Option<u64> {
        self.freshness.oldest_cached().map(|d| d.as_secs())
    }

    /// The context of a plain axum handler (CSV downloads), which has no Leptos
    /// reactive context: the state and the request parts are passed in.
    pub fn from_parts(state: AppState, parts: Parts) -> Ctx {
        Ctx { state, parts: Some(parts), response: None, memo: None, caller: None, freshness: Default::default() }
    }

    /// Runs `work` once per request and `key`; later callers in the same request share
    /// the first result. During server rendering Leptos can start a page's resources a
    /// second time (it re-walks suspended views), and without this each start would
    /// call VOD again. Only for reads: `key` must name everything the result depends on.
    pub async fn once<T, F>(&self, key: String, work: F) -> T
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = T>,
    {
        match &self.memo {
            Some(memo) => memo.cell::<T>(key).get_or_init(|| work).await.clone(),
            None => work.await,
        }
    }

    fn session(&self) -> Result<Session, AppError> {
        self.parts
            .as_ref()
            .and_then(|p| p.extensions.get::<Session>().cloned())
            .ok_or_else(|| internal("no session layer in front of the server function"))
    }

    /// The client's address for throttling: the socket peer, or, when the peer is a
    /// configured trusted proxy, the nearest address in `X-Forwarded-For` that is not one
    /// of those proxies.
    fn client_address(&self) -> String {
        let Some(parts) = self.parts.as_ref() else { return "unknown".to_string() };
        let Some(peer) = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip()) else {
            return "unknown".to_string();
        };
        client_address(peer, &parts.headers, &self.state.settings.trusted_proxies).to_string()
    }

    /// The request's headers (absent without a request).
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        self.parts.as_ref().map(|p| &p.headers)
    }

    /// The page a request came from (`Referer`), when the browser said.
    pub fn referer(&self) -> Option<String> {
        self.parts.as_ref()?.headers.get(header::REFERER)?.to_str().ok().map(str::to_string)
    }

    /// The page a plain form came from, as a path and query, without the query
    /// parameter `key` (and without a previous error carried in the URL).
    pub fn referer_without(&self, key: &str) -> Option<String> {
        let referer = self.referer()?;
        let after_host = referer.splitn(4, '/').nth(3).map(|rest| format!("/{rest}")).unwrap_or_else(|| "/".into());
        let (path, query) = after_host.split_once('?').unwrap_or((after_host.as_str(), ""));
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| {
                let name = p.split('=').next().unwrap_or("");
                name != key && name != "__path" && name != "__err"
            })
            .collect();
        Some(if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) })
    }

    /// Whether this is a plain HTML form submission (JavaScript off) rather than a call
    /// from the hydrated app.
    pub fn is_plain_form(&self) -> bool {
        self.parts.as_ref().is_some_and(|p| {
            p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
        })
    }

    /// A plain form *submission* (a POST from a page with JavaScript off), as opposed to
    /// a page being rendered.
    fn is_plain_form_post(&self) -> bool {
        self.is_plain_form() && self.parts.as_ref().is_some_and(|p| p.method == http::Method::POST)
    }

    /// Sets the HTTP status of the response to match `err`. A plain form submission is
    /// left alone: it must stay a 302 back to the form, which then shows the error
    /// carried in the URL. A page render keeps its 200 and shows the error in place,
    /// except when VOD's budget is exhausted: that page answers 503 with `Retry-After`.
    pub fn respond(&self, err: AppError) -> AppError {
        // A page rendered with a failed read answers with the error's status too, except
        // for statuses a page shows in its own way (sign-in, permissions, bad input).
        let page_status = matches!(err, AppError::Busy { .. });
        if !self.is_plain_form_post() && (page_status || !self.is_plain_form()) {
            if let Some(options) = &self.response {
                options.set_status(StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
                if let Some(secs) = err.retry_after_secs() {
                    options.insert_header(header::RETRY_AFTER, HeaderValue::from(secs));
                }
            }
        }
        err
    }

    /// Sends the browser to `path`: a 302 for a plain form, the server-function redirect
    /// header for the hydrated app.
    pub fn redirect(&self, path: &str) {
        let Some(options) = &self.response else { return };
        if let Ok(location) = HeaderValue::from_str(path) {
            options.insert_header(header::LOCATION, location);
        }
        if self.is_plain_form() {
            options.set_status(StatusCode::FOUND);
        } else {
            options.insert_header(
                HeaderName::from_static(leptos::server_fn::redirect::REDIRECT_HEADER),
                HeaderValue::from_static(""),
            );
        }
    }

    /// The signed-in account, or `None`. Ends the session when it is past its absolute
    /// lifetime or the account was disabled.
    pub async fn current_account(&self) -> Result<Option<Account>, AppError> {
        let session = self.session()?;
        let Some(uid) = session.get::<i64>(USER_ID_KEY).await.map_err(internal)? else {
            return Ok(None);
        };
        let login_at = session.get::<i64>(LOGIN_AT_KEY).await.map_err(internal)?.unwrap_or(0);
        let age_ms = self.state.settings.clock.now_millis() - login_at;
        if age_ms < 0 || age_ms as u128 >= self.state.settings.absolute_timeout.as_millis() {
            session.flush().await.map_err(internal)?;
            return Ok(None);
        }
        match accounts::find_by_id(&self.state.db, uid).await.map_err(internal)? {
            Some(account) if !account.disabled => Ok(Some(account)),
            _ => {
                session.flush().await.map_err(internal)?;
                Ok(None)
            }
        }
    }

    pub async fn current_user(&self) -> Result<Option<CurrentUser>, AppError> {
        Ok(self.current_account().await?.map(|a| CurrentUser { username: a.username, role: a.role }))
    }

    pub async fn require_user(&self) -> Result<CurrentUser, AppError> {
        self.current_user().await?.ok_or_else(|| self.respond(AppError::Unauthorized))
    }

    pub async fn require_permission(&self, permission: Permission) -> Result<CurrentUser, AppError> {
        let user = self.require_user().await?;
        if user.can(permission) {
            Ok(user)
        } else {
            tracing::warn!(user = %user.username, %permission, "permission denied");
            Err(self.respond(AppError::Forbidden { permission: permission.to_string() }))
        }
    }

    /// Checks the credentials, throttles failures, and on success cycles the session id
    /// and stores the user in it.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<CurrentUser, AppError> {
        let state = &self.state;
        let settings = &state.settings;
        let address = self.client_address();
        let username = username.trim();
        if username.is_empty() {
            return Err(self.respond(AppError::invalid("username", "Enter your user name.")));
        }
        if password.is_empty() {
            return Err(self.respond(AppError::invalid("password", "Enter your password.")));
        }
        let attempt = state.throttle.begin(username, &address, settings.throttle_limits(), Instant::now()).map_err(|b| {
            tracing::warn!(%address, "sign-in throttled");
            self.respond(AppError::Throttled { address_wide: b.is_address(), retry_after_secs: (b.retry_after().as_millis().div_ceil(1000) as u64).max(1) })
        })?;

        let found = accounts::find_for_login(&state.db, username).await.map_err(internal)?;
        // argon2 on the blocking pool, a few at a time: a burst of sign-ins must not
        // occupy the threads that render pages.
        let _permit = state.throttle.hashing.acquire().await.map_err(internal)?;
        let password = password.to_string();
        let hash = found.as_ref().map(|(_, hash)| hash.clone());
        let verified = tokio::task::spawn_blocking(move || match hash {
            Some(hash) => accounts::verify_password(&password, &hash),
            None => {
                accounts::verify_password(&password, accounts::decoy_hash());
                false
            }
        })
        .await
        .map_err(internal)?;
        drop(_permit);
        let account = match found {
            Some((account, _)) if verified && !account.disabled => account,
            _ => {
                tracing::info!(%address, "sign-in failed");
                return Err(self.respond(AppError::BadCredentials));
            }
        };
        state.throttle.succeeded(attempt);

        let session = self.session()?;
        // A new id at sign-in: a session id planted before sign-in is worthless after it.
        session.cycle_id().await.map_err(internal)?;
        session.insert(USER_ID_KEY, account.id).await.map_err(internal)?;
        session.insert(LOGIN_AT_KEY, state.settings.clock.now_millis()).await.map_err(internal)?;
        accounts::touch_last_login(&state.db, account.id).await.map_err(internal)?;
        // The language, theme and time zone chosen on the account follow the person to
        // this browser.
        let prefs = crate::ssr::prefs::stored(&state.db, account.id).await.map_err(internal)?;
        if let Some(response) = &self.response {
            crate::ssr::prefs::set_cookies(response, &prefs);
        }
        tracing::info!(user = %account.username, "signed in");
        Ok(CurrentUser { username: account.username, role: account.role })
    }

    pub async fn sign_out(&self) -> Result<(), AppError> {
        self.session()?.flush().await.map_err(internal)
    }
}

/// How many times [`Ctx::get`] found no request context since the process started.
static MISSING_CONTEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many times a server function found no request context (logged at `warn` each
/// time): 0 in a healthy process.
pub fn missing_context_count() -> u64 {
    MISSING_CONTEXT.load(std::sync::atomic::Ordering::Relaxed)
}

/// The client's address: `peer`, unless `peer` is a trusted proxy, in which case the
/// right-most `X-Forwarded-For` entry that is not a trusted proxy (entries to its left
/// were written by the client and prove nothing).
pub fn client_address(peer: std::net::IpAddr, headers: &http::HeaderMap, trusted: &[std::net::IpAddr]) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    forwarded.into_iter().rev().find(|a| !trusted.contains(a)).unwrap_or(peer)
}

/// 401 unless signed in, 403 unless the role holds `permission`. The context is captured
/// when this is called, so it is safe as the first line of any server function.
pub fn require_permission(permission: Permission) -> impl std::future::Future<Output = Result<Authorized, AppError>> {
    let ctx = Ctx::get();
    async move {
        let mut ctx = ctx?;
        let user = ctx.require_permission(permission).await?;
        ctx.caller = Some(std::sync::Arc::from(user.username.as_str()));
        Ok(Authorized { user, ctx })
    }
}

/// 401 unless signed in.
pub fn require_user() -> impl std::future::Future<Output = Result<Authorized, AppError>> {
    let ctx = Ctx::get();
    async move {
        let mut ctx = ctx?;
        let user = ctx.require_user().await?;
        ctx.caller = Some(std::sync::Arc::from(user.username.as_str()));
        Ok(Authorized { user, ctx })
    }
}

/// Per-request results of reads, see [`Ctx::once`]. Provided fresh for every request by
/// the router's context function.
#[derive(Clone, Default)]
pub struct RequestMemo(std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, AnyCell>>>);

type AnyCell = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl RequestMemo {
    fn cell<T: Send + Sync + 'static>(&self, key: String) -> std::sync::Arc<tokio::sync::OnceCell<T>> {
        let mut map = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let key = format!("{}\u{0}{key}", std::any::type_name::<T>());
        let cell = map.entry(key).or_insert_with(|| std::sync::Arc::new(tokio::sync::OnceCell::<T>::new()));
        std::sync::Arc::clone(cell)
            .downcast::<tokio::sync::OnceCell<T>>()
            .expect("the key includes the type name, so the cell has this type")
    }
}
