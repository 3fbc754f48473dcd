//! Server-only glue: application state, the console database, sessions, accounts and
//! the permission check every server function calls first. Never compiled to wasm.

pub mod accounts;
pub mod activity;
pub mod ai;
pub mod audit;
pub mod auth;
pub mod categories;
pub mod chunks;
pub mod csv;
pub mod delete_queue;
pub mod export;
pub mod media;
pub mod media_delete;
pub mod ops;
pub mod plain;
pub mod prefs;
pub mod db;
pub mod session_store;
pub mod state;
pub mod templates;
pub mod throttle;
pub mod upload;
pub mod usage;
pub mod vod_errors;
pub mod watermarks;

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

/// Waits until polled by a real executor. Leptos's server renderer first "dry-resolves"
/// a view, polling each pending future once through `now_or_never` (a no-op waker) to
/// start resources early, then renders it; awaiting this keeps the rest of an async view
/// out of the dry run, so that what it builds (a nested route's page) is built once.
///
/// A no-op waker is told by its null data pointer (the futures crate's and std's both
/// have one; a task's waker points at its task). Comparing wakers with `will_wake` does
/// not work: it compares vtable addresses, and an optimised build may give the same
/// no-op vtable several addresses, so release builds saw a real executor in every dry
/// run and built pages two and three times.
pub async fn not_in_a_dry_run() {
    std::future::poll_fn(|cx| if is_dry_run(cx.waker()) { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }).await
}

fn is_dry_run(waker: &std::task::Waker) -> bool {
    waker.data().is_null()
}

#[cfg(test)]
mod dry_run_tests {
    use std::future::Future;

    use futures_util::FutureExt;

    #[tokio::test]
    async fn a_dry_run_waits_and_an_executor_goes_on() {
        assert_eq!(super::not_in_a_dry_run().now_or_never(), None, "polled with a no-op waker: pending");
        let mut fut = Box::pin(super::not_in_a_dry_run());
        let polled = std::future::poll_fn(|cx| std::task::Poll::Ready(fut.as_mut().poll(cx))).await;
        assert_eq!(polled, std::task::Poll::Ready(()), "polled by a task: ready");
        assert!(super::is_dry_run(std::task::Waker::noop()));
    }
}
