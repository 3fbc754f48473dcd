//! Typed, signed client for Alibaba Cloud ApsaraVideo VOD (API version 2017-03-21).
//!
//! This crate never depends on Leptos, and its client (feature `client`, on by default)
//! is never compiled to wasm: credentials live only on the server. The UI talks to it
//! through server functions. Without `client` the crate is the modules the browser build
//! shares with the server and the emulator: [`spec`] (every action's limit and kind),
//! [`text`] (VOD's rules for free text), [`watermark`] (the fields and ranges of a
//! watermark's configuration, and where VOD draws a mark), `transcode` (template rules)
//! and [`audit`] (review security IPs and AI template configurations).
//!
//! ```no_run
//! # async fn demo() -> Result<(), vod::Error> {
//! let client = vod::Client::new(
//!     vod::Credentials::new("LTAI...", "secret"),
//!     vod::ClientConfig::for_region("cn-shanghai"),
//! )?;
//! let page: vod::api::GetVideoListResponse = client
//!     .call(&vod::api::GetVideoList { status: Some("Normal".into()), page_no: Some(1), page_size: Some(20), ..Default::default() })
//!     .await?;
//! for video in &page.video_list { println!("{} {}", video.video_id, video.title); }
//! # Ok(()) }
//! ```
//!
//! Errors: every call returns [`Error`]. Branch on [`Error::code`] (VOD's `Code`), show
//! [`Error::request_id`] to people who will talk to support, and use
//! [`Error::is_retryable`]. `Display` is a plain English sentence that never contains the
//! AccessKeyId, the secret, the STS token or the gateway's echoed string to sign; on
//! `SignatureDoesNotMatch`, [`Error::signature_diagnosis`] tells a wrong secret from an
//! encoding problem.
//!
//! Retries: [`Client::call_with_retry`] re-signs every attempt (a replayed request would
//! get `SignatureNonceUsed`) and never repeats a create after an uncertain failure unless
//! asked to, because VOD creates are not idempotent.
//!
//! Adding an action: its row in [`spec::ACTIONS`] (limit, read-only, cache lifetime), its
//! request declared with [`action!`] and a `...Response` struct; see `api` and
//! `docs/adding-an-action.md`.
//!
//! Modules: `signature` (the pure v1 signer, shared with the emulator), `client`
//! (HTTP, retries), `error` (typed errors and redaction), `api` (typed requests and
//! responses), `de` (tolerant JSON helpers for the wire types).

// Without the `client` feature: the action table, VOD's text rules, its watermark and
// transcode template rules only (what the browser build of the console uses).
pub mod audit;
pub mod spec;
pub mod text;
pub mod transcode;
pub mod watermark;

#[cfg(feature = "client")]
pub mod action;
#[cfg(feature = "client")]
pub mod api;
#[cfg(feature = "client")]
pub mod batch;
#[cfg(feature = "client")]
pub mod budget;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod config;
#[cfg(feature = "client")]
pub mod credentials;
#[cfg(feature = "client")]
pub mod de;
#[cfg(feature = "client")]
pub mod error;
#[cfg(feature = "client")]
pub mod metrics;
#[cfg(feature = "client")]
mod reads;
#[cfg(feature = "client")]
pub mod signature;

#[cfg(feature = "client")]
pub use action::{Action, Params};
#[cfg(feature = "client")]
pub use budget::{Budget, Caller, LocalBudget, Permit, Priority};
#[cfg(feature = "client")]
pub use client::{Client, Freshness, RetryPolicy, SignedRequest, API_VERSION};
#[cfg(feature = "client")]
pub use config::{ClientConfig, Clock, NonceSource, SystemClock, UuidNonce};
#[cfg(feature = "client")]
pub use credentials::Credentials;
#[cfg(feature = "client")]
pub use error::{ApiError, Error, SignatureDiagnosis};
