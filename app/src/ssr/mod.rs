//! Server-only glue: application state, the console database, sessions, accounts and
//! the permission check every server function calls first. Never compiled to wasm.

pub mod accounts;
pub mod activity;
pub mod auth;
pub mod categories;
pub mod csv;
pub mod delete_queue;
pub mod export;
pub mod media;
pub mod media_delete;
pub mod ops;
pub mod db;
pub mod session_store;
pub mod state;
pub mod throttle;
pub mod upload;
pub mod vod_errors;

pub use auth::{require_permission, require_user};
pub use state::{AppState, Settings, VodConnection};

/// The per-response CSP nonce, put into the request extensions by the security
/// middleware and read by the shell so Leptos stamps it on every script it emits.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Makes the request's CSP nonce available to Leptos (call inside the shell).
pub fn provide_request_nonce() {
    use leptos::prelude::*;
    if let Some(parts) = use_context::<http::request::Parts>() {
        if let Some(CspNonce(n)) = parts.extensions.get::<CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(n.as_str()));
        }
    }
}
