//! Who is calling, and may they? `require_permission("vod:DeleteImage")` is the first
//! line of every server function: 401 when not signed in, 403 when the role does not
//! hold the permission. Also the sign-in and sign-out logic the auth server functions
//! call.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::ConnectInfo;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::error::AppError;
use crate::model::CurrentUser;
use crate::ssr::accounts::{self, internal, Account};
use crate::ssr::session_store::USER_ID_KEY;
use crate::ssr::state::AppState;

fn now_millis() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// Session key: unix time of sign-in in milliseconds, for the absolute timeout.
const LOGIN_AT_KEY: &str = "login_at";

/// Sets the HTTP status of the current server-function response to match `err`.
pub fn respond(err: AppError) -> AppError {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.set_status(http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
    err
}

pub fn state() -> AppState {
    expect_context::<AppState>()
}

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(internal)
}

/// The signed-in account, or `None`. Ends the session when it is past its absolute
/// lifetime or the account was disabled.
pub async fn current_account() -> Result<Option<Account>, AppError> {
    let state = state();
    let session = session().await?;
    let Some(uid) = session.get::<i64>(USER_ID_KEY).await.map_err(internal)? else {
        return Ok(None);
    };
    let login_at = session.get::<i64>(LOGIN_AT_KEY).await.map_err(internal)?.unwrap_or(0);
    let age_ms = now_millis() - login_at;
    if age_ms < 0 || age_ms as u128 >= state.settings.absolute_timeout.as_millis() {
        session.flush().await.map_err(internal)?;
        return Ok(None);
    }
    match accounts::find_by_id(&state.db, uid).await.map_err(internal)? {
        Some(account) if !account.disabled => Ok(Some(account)),
        _ => {
            session.flush().await.map_err(internal)?;
            Ok(None)
        }
    }
}

pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(current_account().await?.map(|a| CurrentUser { username: a.username, role: a.role }))
}

/// 401 unless signed in.
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or_else(|| respond(AppError::Unauthorized))
}

/// 401 unless signed in, 403 unless the role holds `permission`.
pub async fn require_permission(permission: &str) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if user.can(permission) {
        Ok(user)
    } else {
        tracing::warn!(user = %user.username, permission, "permission denied");
        Err(respond(AppError::Forbidden { permission: permission.to_string() }))
    }
}

/// The client's address for throttling (the socket peer; the console is meant to be
/// reached directly or through a proxy that the operator configures in front).
async fn client_address() -> String {
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_string(),
    }
}

/// Checks the credentials, throttles failures, and on success cycles the session id
/// and stores the user in it.
pub async fn sign_in(username: &str, password: &str) -> Result<CurrentUser, AppError> {
    let state = state();
    let settings = &state.settings;
    let address = client_address().await;
    let username = username.trim();
    if username.is_empty() {
        return Err(respond(AppError::invalid("username", "Enter your user name.")));
    }
    if password.is_empty() {
        return Err(respond(AppError::invalid("password", "Enter your password.")));
    }
    state
        .throttle
        .check(
            username,
            &address,
            settings.max_failures_per_account,
            settings.max_failures_per_ip,
            settings.throttle_window,
            Instant::now(),
        )
        .map_err(|b| {
            tracing::warn!(%address, "sign-in throttled");
            respond(AppError::Throttled(b.message()))
        })?;

    let found = accounts::find_for_login(&state.db, username).await.map_err(internal)?;
    let verified = match &found {
        Some((_, hash)) => accounts::verify_password(password, hash),
        None => {
            accounts::verify_password(password, accounts::decoy_hash());
            false
        }
    };
    let account = match found {
        Some((account, _)) if verified && !account.disabled => account,
        _ => {
            state.throttle.record_failure(username, &address, Instant::now());
            tracing::info!(%address, "sign-in failed");
            return Err(respond(AppError::BadCredentials));
        }
    };
    state.throttle.record_success(username);

    let session = session().await?;
    // A new id at sign-in: a session id planted before sign-in is worthless after it.
    session.cycle_id().await.map_err(internal)?;
    session.insert(USER_ID_KEY, account.id).await.map_err(internal)?;
    session.insert(LOGIN_AT_KEY, now_millis()).await.map_err(internal)?;
    accounts::touch_last_login(&state.db, account.id).await.map_err(internal)?;
    tracing::info!(user = %account.username, "signed in");
    Ok(CurrentUser { username: account.username, role: account.role })
}

pub async fn sign_out() -> Result<(), AppError> {
    let session = session().await?;
    session.flush().await.map_err(internal)?;
    Ok(())
}
