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
    /// How long a review decision waits (and can be undone) before it is sent.
    pub decision_window: Duration,
    /// The clock sessions age by (the wall clock; tests move it forward).
    pub clock: SessionClock,
}

/// The wall clock plus an offset that only moves forward: sessions (idle and absolute
/// timeouts, stored expiry) age by it, so a test can show a session ending after 30
/// minutes without waiting for them.
#[derive(Clone, Debug, Default)]
pub struct SessionClock(Arc<std::sync::atomic::AtomicI64>);

impl SessionClock {
    /// Milliseconds since the Unix epoch, by this clock.
    pub fn now_millis(&self) -> i64 {
        let wall = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        wall + self.offset_millis()
    }

    /// How far this clock is ahead of the wall clock.
    pub fn offset_millis(&self) -> i64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as i64, std::sync::atomic::Ordering::SeqCst);
    }
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
            decision_window: Duration::from_secs(8),
            clock: SessionClock::default(),
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
