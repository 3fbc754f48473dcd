//! Typed, signed client for Alibaba Cloud ApsaraVideo VOD (API version 2017-03-21).
//!
//! This crate never depends on Leptos and is never compiled to wasm: credentials live
//! only on the server. The UI talks to it through server functions.
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
//! Modules: `signature` (the pure v1 signer, shared with the emulator), `client`
//! (HTTP, retries), `error` (typed errors and redaction), `api` (typed requests and
//! responses), `de` (tolerant JSON helpers for the wire types).

pub mod action;
pub mod api;
pub mod client;
pub mod config;
pub mod credentials;
pub mod de;
pub mod error;
pub mod signature;

pub use action::{Action, Params};
pub use client::{Client, RetryPolicy, SignedRequest, API_VERSION};
pub use config::{ClientConfig, Clock, NonceSource, SystemClock, UuidNonce};
pub use credentials::Credentials;
pub use error::{ApiError, Error, SignatureDiagnosis};
