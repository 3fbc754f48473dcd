//! A local ApsaraVideo VOD service that the official SDKs cannot tell from the real
//! gateway: signature checks (v1 and V3), gateway errors, QPS limits, XML/JSON
//! envelopes, and a persistent API subset with deterministic demo data.
//!
//! Layout:
//! - `gateway`: the HTTP entry point for API calls; every check a request meets before
//!   the business logic runs, the envelopes, RequestId/HostId, fault injection.
//! - `actions`: the business semantics of each implemented action (`dispatch`).
//! - `store`, `demo`: SQLite persistence and the demo data set.
//! - `assets`: generated covers/snapshots/images, the playable clip, the upload target.
//!
//! The gateway and the actions meet at one seam: [`actions::dispatch`] takes an
//! authenticated, already-throttled [`actions::ActionRequest`] and returns the response
//! fields (without `RequestId`) or an [`error::ApiError`].

pub mod actions;
pub mod assets;
pub mod config;
pub mod demo;
pub mod error;
pub mod gateway;
pub mod store;

pub use config::EmulatorConfig;
pub use error::{ApiError, StartError};
pub use gateway::{router, spawn, FaultConfig, GatewayState, RunningEmulator};
