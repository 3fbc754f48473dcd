//! The signed HTTP client: one pooled `reqwest` client behind an `Arc`, so [`Client`] is
//! cheap to clone into every request handler.
//!
//! Every attempt is a `POST /` with all parameters (common + action) signed and sent in
//! the query string and an empty form body, as the official SDKs do, with a fresh
//! `Timestamp` and `SignatureNonce`. Retrying ([`Client::call_with_retry`]) re-signs each
//! attempt; replaying a signed request would only earn `SignatureNonceUsed`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::action::Action;
use crate::budget::Caller;
use crate::config::{format_timestamp, ClientConfig};
use crate::credentials::Credentials;
use crate::error::{error_from_body, Error, ErrorContext, Redactor};
use crate::metrics::Metrics;
use crate::reads::{self, Cached, ReadCache};
use crate::signature::{canonical_query, percent_encode, sign_string, string_to_sign};
use crate::spec::{self, ActionSpec};

/// The API version every request names.
pub const API_VERSION: &str = "2017-03-21";
/// How long background work may wait for a budget token.
pub const BACKGROUND_QUEUE_DEADLINE: Duration = Duration::from_secs(600);
/// The header in which the gateway may ask for a pause (milliseconds) before a retry.
pub const RETRY_AFTER_HEADER: &str = "x-acs-retry-after";

/// A typed, signed VOD client. Clone it freely: clones share one connection pool, one
/// call budget, one read cache and one set of metrics.
///
/// Every attempt first takes a token from the account's budget ([`crate::budget`]), as
/// the caller set with [`Client::for_caller`] (a person by default). With
/// [`ClientConfig::read_cache`] on, reads are coalesced and cached ([`crate::spec`] gives
/// each action's lifetime) and changes clear what they affect.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    scope: Scope,
}

struct Inner {
    http: reqwest::Client,
    credentials: Credentials,
    config: ClientConfig,
    redactor: Redactor,
    reads: ReadCache,
    metrics: Metrics,
}

/// Who is calling through this clone, and how.
#[derive(Clone, Default)]
struct Scope {
    caller: Caller,
    /// Skip the cache (a reload): the answer is fetched and stored anew.
    fresh: bool,
    freshness: Option<Arc<Freshness>>,
}

/// Records the age of the oldest cached answer a caller was served, so that a page can
/// say how fresh its data is.
#[derive(Debug, Default)]
pub struct Freshness {
    /// Milliseconds + 1 of the oldest cached answer; 0 while none was served.
    oldest: AtomicU64,
}

impl Freshness {
    fn note(&self, age: Duration) {
        self.oldest.fetch_max((age.as_millis() as u64).saturating_add(1), Ordering::Relaxed);
    }

    /// The age of the oldest cached answer served, or `None` when every answer came
    /// straight from VOD.
    pub fn oldest_cached(&self) -> Option<Duration> {
        match self.oldest.load(Ordering::Relaxed) {
            0 => None,
            n => Some(Duration::from_millis(n - 1)),
        }
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("config", &self.inner.config)
            .finish()
    }
}

/// One attempt, signed and ready to send.
#[derive(Debug, Clone)]
pub struct SignedRequest {
    /// `{endpoint}/?{query with Signature}`. Contains the AccessKeyId: never log it.
    pub url: String,
    /// What was signed; compared with the gateway's echo on `SignatureDoesNotMatch`.
    pub string_to_sign: String,
}

impl Client {
    /// Builds the client and its connection pool. Fails only on an invalid configuration.
    pub fn new(credentials: Credentials, config: ClientConfig) -> Result<Self, Error> {
        config.validate().map_err(Error::Config)?;
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.timeout)
            .timeout(config.timeout)
            .user_agent(config.user_agent.clone())
            .build()
            .map_err(|e| {
                Error::Config(format!(
                    "the HTTP client could not be built ({})",
                    e.without_url()
                ))
            })?;
        let redactor = Redactor::new(credentials.sensitive_values());
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                credentials,
                config,
                redactor,
                reads: ReadCache::default(),
                metrics: Metrics::default(),
            }),
            scope: Scope::default(),
        })
    }

    /// This client, drawing tokens as `caller` (a person's page, or a background job).
    pub fn for_caller(&self, caller: Caller) -> Client {
        Client { inner: self.inner.clone(), scope: Scope { caller, ..self.scope.clone() } }
    }

    /// This client, bypassing the read cache (a reload button).
    pub fn fresh(&self, fresh: bool) -> Client {
        Client { inner: self.inner.clone(), scope: Scope { fresh, ..self.scope.clone() } }
    }

    /// This client, recording into `freshness` the age of cached answers it is served.
    pub fn observed(&self, freshness: Arc<Freshness>) -> Client {
        Client { inner: self.inner.clone(), scope: Scope { freshness: Some(freshness), ..self.scope.clone() } }
    }

    /// The caller this clone draws tokens as.
    pub fn caller(&self) -> &Caller {
        &self.scope.caller
    }

    /// The client's counters.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Metrics and budget queues in the Prometheus text format.
    pub fn metrics_text(&self) -> String {
        self.inner.metrics.render(&self.inner.config.budget.stats())
    }

    /// The endpoint URL, e.g. `https://vod.cn-shanghai.aliyuncs.com`.
    pub fn endpoint(&self) -> &str {
        &self.inner.config.endpoint
    }

    /// The region, e.g. `cn-shanghai`.
    pub fn region(&self) -> &str {
        &self.inner.config.region
    }

    /// The configuration the client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// The AccessKeyId this client signs with.
    pub fn access_key_id(&self) -> &str {
        self.inner.credentials.access_key_id()
    }

    /// Calls one action once.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Response, Error> {
        self.call_typed::<A>(request.params(), RetryPolicy::none()).await
    }

    /// Calls one action, retrying retryable failures ([`Error::is_retryable`]) with a
    /// freshly signed attempt each time, honouring `x-acs-retry-after`, with capped
    /// exponential backoff.
    ///
    /// Creates are not idempotent (VOD has no client token): for an action whose
    /// [`Action::IDEMPOTENT`] is false, only failures that prove the call never ran
    /// ([`Error::was_not_processed`]: no connection, or throttled) are retried, unless
    /// the policy says [`RetryPolicy::retry_non_idempotent`].
    pub async fn call_with_retry<A: Action>(
        &self,
        request: &A,
        policy: RetryPolicy,
    ) -> Result<A::Response, Error> {
        self.call_typed::<A>(request.params(), policy).await
    }

    async fn call_typed<A: Action>(
        &self,
        params: Vec<(&'static str, String)>,
        policy: RetryPolicy,
    ) -> Result<A::Response, Error> {
        let spec = A::SPEC;
        let value = if spec.read_only && self.inner.config.read_cache {
            self.shared_read(spec, params, policy, A::IDEMPOTENT).await?
        } else {
            let result = self.send_with_retry(A::NAME, &params, &policy, A::IDEMPOTENT).await;
            if !spec.read_only {
                // Even a failed change may have been carried out (a timeout): forget what
                // it may have changed, unless it certainly never ran.
                if !matches!(&result, Err(e) if e.was_not_processed()) {
                    self.inner.reads.invalidate(spec.family, reads::kinds(A::NAME, &params));
                }
            }
            result?
        };
        self.decode(A::NAME, value)
    }

    /// A read through the cache and the table of reads in flight.
    async fn shared_read(
        &self,
        spec: &'static ActionSpec,
        params: Vec<(&'static str, String)>,
        policy: RetryPolicy,
        idempotent: bool,
    ) -> Result<Value, Error> {
        let reads = &self.inner.reads;
        let key = reads::key(spec.name, &params);
        if self.scope.fresh {
            // A reload: asked of VOD now, stored for the others.
            return self.spawn_read(spec, key, params, policy, idempotent, false).await;
        }
        if !spec.cache_ttl.is_zero() {
            match reads.get(&key, spec.cache_ttl) {
                Cached::Fresh(value, age) => {
                    self.inner.metrics.cache_hit(spec.name);
                    self.note_age(age);
                    return Ok(value);
                }
                Cached::Stale(value, age) => {
                    // Past its lifetime but within the grace period: served at once, and
                    // read again in the background (once, however many ask), so a page
                    // never waits for an expiry that many pages hit at the same moment.
                    self.inner.metrics.cache_hit(spec.name);
                    self.note_age(age);
                    let refresher = self.for_caller(Caller::background("cache-refresh"));
                    let (key2, params2, policy2) = (key.clone(), params, policy);
                    let _refreshing =
                        reads.join_or_start(&key, move || refresher.spawn_read(spec, key2, params2, policy2, idempotent, true));
                    return Ok(value);
                }
                Cached::Missing => {}
            }
        }
        let (read, joined) =
            reads.join_or_start(&key, || self.spawn_read(spec, key.clone(), params, policy, idempotent, true));
        if joined {
            self.inner.metrics.coalesced(spec.name);
        }
        read.await
    }

    fn note_age(&self, age: Duration) {
        if let Some(f) = &self.scope.freshness {
            f.note(age);
        }
    }

    /// Starts a read on its own task, so a caller that goes away (a closed tab) does not
    /// cancel it for the others waiting on it; the answer is stored in the cache. A read
    /// `registered` in the table of reads in flight removes itself when done.
    fn spawn_read(
        &self,
        spec: &'static ActionSpec,
        key: String,
        params: Vec<(&'static str, String)>,
        policy: RetryPolicy,
        idempotent: bool,
        registered: bool,
    ) -> reads::InFlight {
        let client = self.clone();
        let generation = self.inner.reads.generation(spec.family);
        let task = tokio::spawn(async move {
            let result = client.send_with_retry(spec.name, &params, &policy, idempotent).await;
            if let Ok(value) = &result {
                if !spec.cache_ttl.is_zero() {
                    let kinds = reads::kinds(spec.name, &params);
                    client.inner.reads.put(key.clone(), spec.family, kinds, generation, value.clone());
                }
            }
            if registered {
                client.inner.reads.finished(&key);
            }
            result
        });
        async move {
            task.await.unwrap_or_else(|e| {
                Err(Error::Transport { action: spec.name.to_string(), connect: false, detail: format!("the read task ended: {e}") })
            })
        }
        .boxed()
        .shared()
    }

    /// Sends `action`, retrying as `policy` allows; each attempt takes a budget token.
    async fn send_with_retry(
        &self,
        action: &str,
        params: &[(&str, String)],
        policy: &RetryPolicy,
        idempotent: bool,
    ) -> Result<Value, Error> {
        let mut attempt = 1u32;
        loop {
            match self.call_raw(action, params.to_vec()).await {
                Ok(value) => return Ok(value),
                Err(e) => {
                    let allowed = if idempotent || policy.retry_non_idempotent {
                        e.is_retryable()
                    } else {
                        e.was_not_processed() && !matches!(e, Error::Overloaded { .. })
                    };
                    if !allowed || attempt >= policy.max_attempts {
                        return Err(e);
                    }
                    let delay = policy.delay_before_retry(attempt, e.retry_after());
                    tracing::warn!(
                        action,
                        attempt,
                        code = e.code().unwrap_or(""),
                        request_id = e.request_id().unwrap_or(""),
                        delay_ms = delay.as_millis() as u64,
                        "VOD call failed; retrying with a freshly signed request"
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
            }
        }
    }

    /// Calls an action by name with hand-built parameters and returns the JSON answer
    /// (for actions that have no typed request yet).
    pub async fn call_raw(
        &self,
        action: &str,
        params: Vec<(&str, String)>,
    ) -> Result<Value, Error> {
        let config = &self.inner.config;
        // Nobody watches background work: it may wait as long as the line is.
        let deadline = match self.scope.caller.priority {
            crate::budget::Priority::Interactive => config.queue_deadline,
            crate::budget::Priority::Background => config.queue_deadline.max(BACKGROUND_QUEUE_DEADLINE),
        };
        let permit = match config.budget.acquire(action, spec::limit(action), &self.scope.caller, deadline).await {
            Ok(p) => p,
            Err(over) => {
                self.inner.metrics.overloaded(action);
                tracing::warn!(action, retry_after_ms = over.retry_after.as_millis() as u64, "VOD call budget exhausted for longer than the caller may wait");
                return Err(Error::Overloaded { action: over.action, retry_after: over.retry_after });
            }
        };
        let sent = tokio::time::Instant::now();
        let result = self.send_signed(action, &params).await;
        permit.answered();
        let outcome = match &result {
            Ok(_) => "OK",
            Err(Error::Api(e)) => e.code(),
            Err(Error::Timeout { .. }) => "Timeout",
            Err(Error::Transport { .. }) => "Transport",
            Err(Error::Decode { .. }) => "Decode",
            Err(_) => "Other",
        };
        self.inner.metrics.attempt(action, outcome, sent.elapsed());
        result
    }

    async fn send_signed(&self, action: &str, params: &[(&str, String)]) -> Result<Value, Error> {
        let signed = self.sign_request(action, params);
        let timeout = self.inner.config.timeout;
        let response = self
            .inner
            .http
            .post(&signed.url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body("")
            .send()
            .await
            .map_err(|e| self.transport_error(action, e, timeout))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_millis);
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(action, e, timeout))?;

        if (200..300).contains(&status) {
            if let Ok(value @ Value::Object(_)) = serde_json::from_slice::<Value>(&body) {
                let request_id = value
                    .get("RequestId")
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                tracing::debug!(action, status, request_id, "VOD call succeeded");
                return Ok(value);
            }
        }
        let ctx = ErrorContext {
            action,
            status,
            retry_after,
            our_string_to_sign: &signed.string_to_sign,
            redactor: &self.inner.redactor,
        };
        let error = match error_from_body(&ctx, &body) {
            Error::Decode { .. } if (200..300).contains(&status) => Error::Decode {
                action: action.to_string(),
                status,
                detail: "the body is not a JSON object".to_string(),
            },
            e => e,
        };
        tracing::debug!(action, status, error = %error, "VOD call failed");
        Err(error)
    }

    /// Signs one attempt: the common parameters with a fresh `Timestamp` and
    /// `SignatureNonce`, plus the action's own parameters.
    pub fn sign_request(&self, action: &str, params: &[(&str, String)]) -> SignedRequest {
        let config = &self.inner.config;
        let creds = &self.inner.credentials;
        let timestamp = format_timestamp(config.clock.now_utc());
        let nonce = config.nonce_source.nonce();
        let mut all: Vec<(&str, &str)> = vec![
            ("Action", action),
            ("Format", "JSON"),
            ("Version", API_VERSION),
            ("AccessKeyId", creds.access_key_id()),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", &timestamp),
            ("SignatureNonce", &nonce),
        ];
        if let Some(token) = creds.security_token() {
            all.push(("SecurityToken", token));
        }
        all.extend(params.iter().map(|(k, v)| (*k, v.as_str())));
        let string_to_sign = string_to_sign("POST", all.iter().copied());
        let signature = sign_string(creds.secret(), &string_to_sign);
        let query = canonical_query(all.iter().copied());
        let url = format!(
            "{}/?{}&Signature={}",
            config.endpoint,
            query,
            percent_encode(&signature)
        );
        SignedRequest {
            url,
            string_to_sign,
        }
    }

    fn decode<T: DeserializeOwned>(&self, action: &str, value: Value) -> Result<T, Error> {
        T::deserialize(value).map_err(|e| Error::Decode {
            action: action.to_string(),
            status: 200,
            detail: self.inner.redactor.redact(&e.to_string()),
        })
    }

    fn transport_error(&self, action: &str, e: reqwest::Error, timeout: Duration) -> Error {
        let e = e.without_url();
        if e.is_timeout() && !e.is_connect() {
            return Error::Timeout {
                action: action.to_string(),
                after: timeout,
            };
        }
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            detail.push_str(": ");
            detail.push_str(&s.to_string());
            source = s.source();
        }
        Error::Transport {
            action: action.to_string(),
            connect: e.is_connect(),
            detail: self.inner.redactor.redact(&detail),
        }
    }
}

/// How [`Client::call_with_retry`] retries.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 = no retry).
    pub max_attempts: u32,
    /// Backoff before the first retry; doubled for each further retry.
    pub base_delay: Duration,
    /// Cap of the exponential backoff.
    pub max_delay: Duration,
    /// Cap of a server-requested pause (`x-acs-retry-after`).
    pub max_retry_after: Duration,
    /// Randomise each backoff within [delay/2, delay] so that many clients do not retry in step.
    pub jitter: bool,
    /// Also retry uncertain failures of non-idempotent actions (creates). Off by default:
    /// a retried create after a timeout can leave a duplicate.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            jitter: true,
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A single attempt.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The default policy with `max_attempts` attempts in total.
    pub fn attempts(max_attempts: u32) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            ..Self::default()
        }
    }

    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    pub fn retry_non_idempotent(mut self, on: bool) -> Self {
        self.retry_non_idempotent = on;
        self
    }

    /// The pause before retry number `retry` (1 = the first retry).
    pub fn delay_before_retry(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(hint) = retry_after {
            return hint.min(self.max_retry_after);
        }
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1).min(31))
            .unwrap_or(u32::MAX);
        let delay = self.base_delay.saturating_mul(factor).min(self.max_delay);
        if self.jitter && !delay.is_zero() {
            let half = delay / 2;
            let spread = half.as_nanos() as u64;
            let r = (uuid::Uuid::new_v4().as_u128() as u64) % spread.max(1);
            half + Duration::from_nanos(r)
        } else {
            delay
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::sign;
    use time::macros::datetime;

    struct FixedNonce;
    impl crate::config::NonceSource for FixedNonce {
        fn nonce(&self) -> String {
            "8f8a035d-6496-4268-afd4-67c22837e38d".into()
        }
    }

    #[test]
    fn signed_url_carries_every_common_parameter_and_a_valid_signature() {
        let config = ClientConfig::with_endpoint("http://127.0.0.1:9000", "cn-shanghai")
            .clock(|| datetime!(2017-10-10 12:02:54 UTC))
            .nonce_source(FixedNonce);
        let client = Client::new(
            Credentials::new("testAccessKeyId", "testAccessKeySecret"),
            config,
        )
        .unwrap();
        let signed = client.sign_request(
            "GetVideoPlayAuth",
            &[("VideoId", "5aed81b74ba84920be578cdfe004af4b".into())],
        );
        assert_eq!(
            signed.url,
            "http://127.0.0.1:9000/?AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=8f8a035d-6496-4268-afd4-67c22837e38d&SignatureVersion=1.0&Timestamp=2017-10-10T12%3A02%3A54Z&Version=2017-03-21&VideoId=5aed81b74ba84920be578cdfe004af4b&Signature=".to_string()
                + &percent_encode(&sign(
                    "testAccessKeySecret",
                    "POST",
                    [
                        ("AccessKeyId", "testAccessKeyId"),
                        ("Action", "GetVideoPlayAuth"),
                        ("Format", "JSON"),
                        ("SignatureMethod", "HMAC-SHA1"),
                        ("SignatureNonce", "8f8a035d-6496-4268-afd4-67c22837e38d"),
                        ("SignatureVersion", "1.0"),
                        ("Timestamp", "2017-10-10T12:02:54Z"),
                        ("Version", "2017-03-21"),
                        ("VideoId", "5aed81b74ba84920be578cdfe004af4b"),
                    ]
                ))
        );
        assert!(signed
            .string_to_sign
            .starts_with("POST&%2F&AccessKeyId%3DtestAccessKeyId%26"));
    }

    #[test]
    fn security_token_is_signed_and_sent() {
        let client = Client::new(
            Credentials::new("id1", "s").with_security_token("tok+en/1"),
            ClientConfig::with_endpoint("http://127.0.0.1:1", "cn-shanghai"),
        )
        .unwrap();
        let signed = client.sign_request("GetCategories", &[]);
        assert!(signed.url.contains("&SecurityToken=tok%2Ben%2F1&"));
        assert!(signed
            .string_to_sign
            .contains("SecurityToken%3Dtok%252Ben%252F1"));
    }

    #[test]
    fn each_attempt_gets_a_fresh_nonce() {
        let client = Client::new(
            Credentials::new("id1", "s"),
            ClientConfig::for_region("cn-shanghai"),
        )
        .unwrap();
        let a = client.sign_request("GetCategories", &[]);
        let b = client.sign_request("GetCategories", &[]);
        assert_ne!(a.url, b.url);
        assert_eq!(client.endpoint(), "https://vod.cn-shanghai.aliyuncs.com");
        assert_eq!(client.region(), "cn-shanghai");
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let client = Client::new(
            Credentials::new("LTAIabcdefgh", "topsecret"),
            ClientConfig::for_region("cn-shanghai"),
        )
        .unwrap();
        let text = format!("{client:?}");
        assert!(
            !text.contains("topsecret") && !text.contains("LTAIabcdefgh"),
            "{text}"
        );
    }

    #[test]
    fn invalid_config_is_an_error() {
        let e = Client::new(
            Credentials::new("a", "b"),
            ClientConfig::with_endpoint("vod.example", "r"),
        )
        .unwrap_err();
        assert!(matches!(e, Error::Config(_)));
        assert!(e
            .to_string()
            .starts_with("The VOD client configuration is invalid"));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_honours_the_hint() {
        let p = RetryPolicy::attempts(5)
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350))
            .jitter(false);
        assert_eq!(p.delay_before_retry(1, None), Duration::from_millis(100));
        assert_eq!(p.delay_before_retry(2, None), Duration::from_millis(200));
        assert_eq!(p.delay_before_retry(3, None), Duration::from_millis(350));
        assert_eq!(p.delay_before_retry(40, None), Duration::from_millis(350));
        assert_eq!(
            p.delay_before_retry(1, Some(Duration::from_millis(1234))),
            Duration::from_millis(1234)
        );
        assert_eq!(
            p.delay_before_retry(1, Some(Duration::from_secs(3600))),
            Duration::from_secs(30)
        );
        let j = p.clone().jitter(true);
        for _ in 0..50 {
            let d = j.delay_before_retry(2, None);
            assert!(
                d >= Duration::from_millis(100) && d <= Duration::from_millis(200),
                "{d:?}"
            );
        }
        assert_eq!(RetryPolicy::none().max_attempts, 1);
        assert_eq!(RetryPolicy::attempts(0).max_attempts, 1);
    }
}
