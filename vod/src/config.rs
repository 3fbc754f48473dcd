//! Where and how the client talks to VOD: endpoint, region, timeouts, and the injected
//! clock and nonce source (so tests can pin the signed `Timestamp`/`SignatureNonce`).
//! Credentials are not here; see [`crate::Credentials`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use crate::budget::{Budget, LocalBudget};

/// The timeouts every official Alibaba Cloud SDK uses.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Source of the signed `Timestamp`. The gateway rejects timestamps more than 15 minutes
/// away from its own clock, so production code uses [`SystemClock`].
pub trait Clock: Send + Sync + 'static {
    fn now_utc(&self) -> OffsetDateTime;
}

/// Source of the signed `SignatureNonce`. It must be unique per attempt: the gateway
/// rejects a nonce it has seen in the last ~30 minutes (`SignatureNonceUsed`).
pub trait NonceSource: Send + Sync + 'static {
    fn nonce(&self) -> String;
}

/// The operating system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_utc(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// Random UUID v4 nonces, as the official SDKs send.
#[derive(Debug, Clone, Copy, Default)]
pub struct UuidNonce;

impl NonceSource for UuidNonce {
    fn nonce(&self) -> String {
        uuid::Uuid::new_v4().to_string()
    }
}

impl<F> Clock for F
where
    F: Fn() -> OffsetDateTime + Send + Sync + 'static,
{
    fn now_utc(&self) -> OffsetDateTime {
        self()
    }
}

/// Client configuration. Build it with [`ClientConfig::for_region`] (the public endpoint
/// `https://vod.{region}.aliyuncs.com`) or [`ClientConfig::with_endpoint`] (any URL, plain
/// HTTP allowed, for the local emulator), then adjust with the builder methods.
#[derive(Clone)]
pub struct ClientConfig {
    pub(crate) endpoint: String,
    pub(crate) region: String,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) nonce_source: Arc<dyn NonceSource>,
    pub(crate) budget: Arc<dyn Budget>,
    pub(crate) queue_deadline: Duration,
    pub(crate) read_cache: bool,
}

/// How long a call may wait for a budget token before it is refused as overloaded.
pub const DEFAULT_QUEUE_DEADLINE: Duration = Duration::from_secs(5);

impl ClientConfig {
    /// The public VOD endpoint of a region, e.g. `cn-shanghai` → `https://vod.cn-shanghai.aliyuncs.com`.
    pub fn for_region(region: impl Into<String>) -> Self {
        let region = region.into();
        let endpoint = format!("https://vod.{region}.aliyuncs.com");
        Self::with_endpoint(endpoint, region)
    }

    /// An explicit endpoint URL (`http://` or `https://`, no query string), e.g. the
    /// emulator at `http://127.0.0.1:9000`. The region is still recorded for callers that
    /// show it or pick region-bound actions.
    pub fn with_endpoint(endpoint: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into().trim_end_matches('/').to_string(),
            region: region.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: format!("vod-console/{}", env!("CARGO_PKG_VERSION")),
            clock: Arc::new(SystemClock),
            nonce_source: Arc::new(UuidNonce),
            budget: Arc::new(LocalBudget::default()),
            queue_deadline: DEFAULT_QUEUE_DEADLINE,
            read_cache: false,
        }
    }

    /// The account's call budget (default: a [`LocalBudget`] of this client's own; give
    /// every client of one AccessKey the same one).
    pub fn budget(mut self, budget: Arc<dyn Budget>) -> Self {
        self.budget = budget;
        self
    }

    /// How long a call may wait for a budget token (default 5 s).
    pub fn queue_deadline(mut self, deadline: Duration) -> Self {
        self.queue_deadline = deadline;
        self
    }

    /// Coalesce identical reads in flight and cache reads for their action's lifetime
    /// (default off: a library user sees every call go out).
    pub fn read_cache(mut self, on: bool) -> Self {
        self.read_cache = on;
        self
    }

    /// TCP/TLS connect timeout (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Read timeout and overall per-attempt timeout (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Replaces the clock that produces the signed `Timestamp` (tests).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Replaces the source of `SignatureNonce` values (tests).
    pub fn nonce_source(mut self, source: impl NonceSource) -> Self {
        self.nonce_source = Arc::new(source);
        self
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn get_connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    pub fn get_timeout(&self) -> Duration {
        self.timeout
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let rest = self
            .endpoint
            .strip_prefix("https://")
            .or_else(|| self.endpoint.strip_prefix("http://"))
            .ok_or_else(|| "the endpoint must start with http:// or https://".to_string())?;
        if rest.is_empty() {
            return Err("the endpoint has no host".into());
        }
        if rest.contains(['?', '#']) {
            return Err("the endpoint must not carry a query string or fragment".into());
        }
        if self.region.trim().is_empty() {
            return Err("the region is empty".into());
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err("timeouts must be greater than zero".into());
        }
        Ok(())
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` in UTC, the only format the gateway accepts.
pub(crate) fn format_timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn region_endpoint() {
        let c = ClientConfig::for_region("cn-shanghai");
        assert_eq!(c.endpoint(), "https://vod.cn-shanghai.aliyuncs.com");
        assert_eq!(c.region(), "cn-shanghai");
        assert_eq!(c.get_timeout(), Duration::from_secs(10));
        assert_eq!(c.get_connect_timeout(), Duration::from_secs(5));
        assert!(c.validate().is_ok());
    }

    #[test]
    fn explicit_endpoint_validation() {
        assert!(
            ClientConfig::with_endpoint("http://127.0.0.1:9000/", "cn-shanghai")
                .validate()
                .is_ok()
        );
        assert_eq!(
            ClientConfig::with_endpoint("http://127.0.0.1:9000/", "x").endpoint(),
            "http://127.0.0.1:9000"
        );
        assert!(ClientConfig::with_endpoint("ftp://x", "cn-shanghai")
            .validate()
            .is_err());
        assert!(ClientConfig::with_endpoint("http://x?a=b", "cn-shanghai")
            .validate()
            .is_err());
        assert!(ClientConfig::with_endpoint("http://x", " ")
            .validate()
            .is_err());
        assert!(ClientConfig::with_endpoint("http://x", "r")
            .timeout(Duration::ZERO)
            .validate()
            .is_err());
    }

    #[test]
    fn timestamp_format_is_zero_padded_utc() {
        assert_eq!(
            format_timestamp(datetime!(2017-03-29 12:00:00 UTC)),
            "2017-03-29T12:00:00Z"
        );
        assert_eq!(
            format_timestamp(datetime!(2017-03-30 04:05:06 +08:00)),
            "2017-03-29T20:05:06Z"
        );
    }
}
