//! `AppState`: one value, built by the server (or a test), handed to every route and
//! server function. No global singletons: tests build their own.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;

use crate::model::{EndpointInfo, EndpointKind};
use crate::ssr::throttle::LoginThrottle;

/// Session and sign-in policy. Tests shorten the durations.
#[derive(Clone, Debug)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute_timeout: Duration,
    /// Failed sign-ins of one account name from one address before further attempts
    /// from there wait `throttle_delay`, doubling with each failure (at most
    /// `throttle_window`).
    pub max_failures_per_account: usize,
    /// Failed sign-ins allowed per client address within `throttle_window`.
    pub max_failures_per_ip: usize,
    pub throttle_window: Duration,
    pub throttle_delay: Duration,
    /// Peers (reverse proxies) whose `X-Forwarded-For` names the client address. Empty:
    /// the socket peer is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Mark the session cookie `Secure` (behind HTTPS): it is then named `__Host-…`
    /// and responses carry `Strict-Transport-Security`.
    pub secure_cookie: bool,
    /// How long a confirmed delete waits, cancellable, before it is sent to VOD.
    pub undo_window: Duration,
}

impl Settings {
    pub fn throttle_limits(&self) -> crate::ssr::throttle::Limits {
        crate::ssr::throttle::Limits {
            per_pair: self.max_failures_per_account,
            per_address: self.max_failures_per_ip,
            window: self.throttle_window,
            base_delay: self.throttle_delay,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_timeout: Duration::from_secs(12 * 60 * 60),
            max_failures_per_account: 5,
            max_failures_per_ip: 20,
            throttle_window: Duration::from_secs(15 * 60),
            throttle_delay: Duration::from_secs(30),
            trusted_proxies: Vec::new(),
            secure_cookie: false,
            undo_window: Duration::from_secs(30),
        }
    }
}

/// The VOD service the console talks to: the signed client and what the badge shows.
#[derive(Clone)]
pub struct VodConnection {
    pub client: vod::Client,
    pub info: EndpointInfo,
}

impl VodConnection {
    pub fn new(client: vod::Client, kind: EndpointKind) -> Self {
        let host = client
            .endpoint()
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let info = EndpointInfo { kind, region: client.region().to_string(), host };
        VodConnection { client, info }
    }
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: SqlitePool,
    pub vod: VodConnection,
    pub settings: Arc<Settings>,
    pub throttle: Arc<LoginThrottle>,
    /// Media library caches (the category list for filters and pickers).
    pub media: Arc<crate::ssr::media::MediaRuntime>,
}
