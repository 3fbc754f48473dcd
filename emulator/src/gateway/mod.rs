//! The HTTP entry point of the emulator: every check a VOD API call meets before the
//! business logic runs, in the real gateway's order (see `GATEWAY.md` in the API notes),
//! the envelopes, QPS limits and fault injection; plus `spawn` for the binary, the
//! console's embedded instance and tests.
//!
//! Routes: `/` (API calls, GET or POST, v1 or V3 signed), `GET /__emulator/health`,
//! `GET|POST /__emulator/faults` and `POST /__emulator/clock` (only with
//! `enable_admin`), and the media/upload routes
//! from `assets`. Business semantics live in `actions`, not here.

pub mod auth;
pub mod envelope;
pub mod faults;
pub mod qps_table;
pub mod throttle;
pub mod vod_actions;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::actions::{self, ActionRequest, Backend};
use crate::config::EmulatorConfig;
use crate::error::{ApiError, StartError};
use auth::{NonceCache, TimestampError, V3_ALGORITHM};
use envelope::Format;
pub use faults::{ErrorFault, FaultConfig};
use throttle::RateLimiter;

/// The only API version this service speaks.
pub const API_VERSION: &str = "2017-03-21";

/// Shared state of one emulator instance. Cheap to clone.
#[derive(Clone)]
pub struct GatewayState {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Backend,
    access_key_id: String,
    access_key_secret: String,
    inactive_access_key_ids: Vec<String>,
    enable_admin: bool,
    throttle: bool,
    faults: RwLock<FaultConfig>,
    nonces: Mutex<NonceCache>,
    limiter: Mutex<RateLimiter>,
    /// What the per-second limits count by: `None` is the monotonic clock; tests freeze
    /// it and move it by hand, so a burst is one instant however slow the machine.
    gateway_clock: Mutex<Option<Instant>>,
    /// Flips to `true` on shutdown; hung requests wait for it.
    shutdown: watch::Receiver<bool>,
    shutdown_tx: watch::Sender<bool>,
    /// `http://ADDR` once bound; media URLs fall back to it when a call has no Host.
    bound_base_url: std::sync::OnceLock<String>,
    /// Authenticated calls per action, for tests that count a client's upstream calls.
    calls: Mutex<std::collections::HashMap<String, u64>>,
}

impl GatewayState {
    /// State around an opened backend. The configuration's listen address and data
    /// dir are not used here (see [`spawn`]).
    pub fn new(config: &EmulatorConfig, backend: Backend) -> Self {
        let (shutdown_tx, shutdown) = watch::channel(false);
        Self {
            inner: Arc::new(Inner {
                backend,
                access_key_id: config.access_key_id.clone(),
                access_key_secret: config.access_key_secret.clone(),
                inactive_access_key_ids: config.inactive_access_key_ids.clone(),
                enable_admin: config.enable_admin,
                throttle: config.throttle,
                faults: RwLock::new(config.faults.clone()),
                nonces: Mutex::new(NonceCache::new(auth::NONCE_WINDOW)),
                limiter: Mutex::new(RateLimiter::new()),
                gateway_clock: Mutex::new(None),
                shutdown,
                shutdown_tx,
                bound_base_url: std::sync::OnceLock::new(),
                calls: Mutex::default(),
            }),
        }
    }

    /// Opens the backend under `config.data_dir` and builds the state.
    pub async fn open(config: &EmulatorConfig) -> Result<Self, StartError> {
        let backend = Backend::open_with(&config.data_dir, config.reset, config.extras())
            .await
            .map_err(|e| StartError::Backend(e.to_string()))?;
        Ok(Self::new(config, backend))
    }

    pub fn backend(&self) -> &Backend {
        &self.inner.backend
    }

    /// How many authenticated calls of `action` arrived (throttled and failed ones
    /// included: they reached the gateway past the signature check).
    pub fn calls(&self, action: &str) -> u64 {
        self.inner.calls.lock().expect("calls lock").get(action).copied().unwrap_or(0)
    }

    pub fn faults(&self) -> FaultConfig {
        self.inner.faults.read().expect("fault lock").clone()
    }

    pub fn set_faults(&self, faults: FaultConfig) {
        *self.inner.faults.write().expect("fault lock") = faults;
    }

    /// Stops the clock the per-second limits count by: every call counts at the same
    /// instant until [`GatewayState::advance_gateway_clock`] moves it.
    pub fn freeze_gateway_clock(&self) {
        let mut clock = self.inner.gateway_clock.lock().expect("gateway clock lock");
        clock.get_or_insert_with(Instant::now);
    }

    /// Moves the frozen gateway clock forward (freezing it first if it runs).
    pub fn advance_gateway_clock(&self, by: Duration) {
        let mut clock = self.inner.gateway_clock.lock().expect("gateway clock lock");
        let at = clock.get_or_insert_with(Instant::now);
        *at += by;
    }

    /// Releases hung requests; the server stops accepting once its task sees it too.
    fn trigger_shutdown(&self) {
        let _ = self.inner.shutdown_tx.send(true);
    }
}

impl Inner {
    /// Now, by the clock the per-second limits count by.
    fn gateway_now(&self) -> Instant {
        self.gateway_clock.lock().expect("gateway clock lock").unwrap_or_else(Instant::now)
    }
}

/// The emulator's router (API, health, admin when enabled, media/upload routes).
pub fn router(state: GatewayState) -> Router {
    let mut api = Router::new()
        .route("/", any(api_call))
        .route("/__emulator/health", get(health));
    if state.inner.enable_admin {
        api = api
            .route("/__emulator/faults", get(get_faults).post(post_faults))
            .route("/__emulator/clock", post(post_clock));
    }
    let assets = crate::assets::routes(state.inner.backend.clone());
    api.with_state(state).merge(assets)
}

/// A running emulator. Dropping it stops the server (without waiting); call
/// [`RunningEmulator::shutdown`] to wait for the server task to end.
pub struct RunningEmulator {
    pub addr: SocketAddr,
    state: GatewayState,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl RunningEmulator {
    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn state(&self) -> &GatewayState {
        &self.state
    }

    /// Stops accepting, releases hung requests, waits for open requests to finish.
    pub async fn shutdown(mut self) {
        self.state.trigger_shutdown();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        self.state.trigger_shutdown();
    }
}

/// Opens the data dir, binds `config.listen` (port 0 allowed) and serves in a tokio task.
pub async fn spawn(config: EmulatorConfig) -> Result<RunningEmulator, StartError> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind {
        addr: config.listen,
        source,
    })?;
    let state = GatewayState::open(&config).await?;
    let _ = state.inner.bound_base_url.set(format!("http://{addr}"));
    // URL pulls fetch for real only from here (the demo files) and the configured list.
    state.backend().allow_pull(&addr.ip().to_string(), addr.port());
    for entry in &config.pull_allow {
        match entry.rsplit_once(':').and_then(|(h, p)| Some((h, p.parse::<u16>().ok()?))) {
            Some((host, port)) => state.backend().allow_pull(host.trim_matches(['[', ']']), port),
            None => tracing::warn!(entry = %entry, "pull-allow entries are host:port; ignored"),
        }
    }
    let app = router(state.clone());
    let mut stop = state.inner.shutdown.clone();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|s| *s).await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "emulator server failed");
        }
    });
    tracing::info!(%addr, access_key_id = %config.access_key_id, admin = config.enable_admin,
        throttle = config.throttle, faults = ?config.faults, "vod emulator listening");
    Ok(RunningEmulator {
        addr,
        state,
        task: Some(task),
    })
}

async fn health() -> Response {
    (StatusCode::OK, Json(serde_json::json!({"status": "ok"}))).into_response()
}

async fn get_faults(State(state): State<GatewayState>) -> Response {
    Json(state.faults()).into_response()
}

async fn post_faults(State(state): State<GatewayState>, body: Bytes) -> Response {
    let faults: FaultConfig = if body.iter().all(u8::is_ascii_whitespace) {
        FaultConfig::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(f) => f,
            Err(e) => {
                return (
                    StatusCode::BAD_REQUEST,
                    format!("invalid fault config: {e}\n"),
                )
                    .into_response()
            }
        }
    };
    if let Err(e) = faults.validate() {
        return (
            StatusCode::BAD_REQUEST,
            format!("invalid fault config: {e}\n"),
        )
            .into_response();
    }
    tracing::info!(?faults, "fault injection changed");
    state.set_faults(faults.clone());
    Json(faults).into_response()
}

/// `POST /__emulator/clock {"advance_seconds": N}`: moves the business clock forward
/// (uploads and URL pull jobs complete with time). Gateway checks keep the wall clock.
async fn post_clock(State(state): State<GatewayState>, body: Bytes) -> Response {
    /// `{"advance_seconds": N}` moves the business clock; `{"gateway": "freeze"}` stops
    /// the clock the QPS limits count by and `{"gateway_advance_ms": N}` moves it.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Request {
        advance_seconds: Option<i64>,
        gateway: Option<String>,
        gateway_advance_ms: Option<u64>,
    }
    let invalid = |why: String| (StatusCode::BAD_REQUEST, format!("invalid clock request: {why}\n")).into_response();
    let request = match serde_json::from_slice::<Request>(&body) {
        Ok(r) => r,
        Err(e) => return invalid(e.to_string()),
    };
    match request {
        Request { advance_seconds: Some(n), gateway: None, gateway_advance_ms: None } if n >= 0 => {
            state.backend().advance_clock(n);
            tracing::info!(advance_seconds = n, "business clock advanced");
            Json(serde_json::json!({"now": state.backend().now()})).into_response()
        }
        Request { advance_seconds: None, gateway: Some(g), gateway_advance_ms: None } if g == "freeze" => {
            state.freeze_gateway_clock();
            tracing::info!("gateway clock frozen");
            Json(serde_json::json!({"gateway": "frozen"})).into_response()
        }
        Request { advance_seconds: None, gateway: None, gateway_advance_ms: Some(ms) } => {
            state.advance_gateway_clock(Duration::from_millis(ms));
            tracing::info!(ms, "gateway clock advanced");
            Json(serde_json::json!({"gateway": "frozen"})).into_response()
        }
        _ => invalid("give one of advance_seconds (at least 0), gateway: \"freeze\" or gateway_advance_ms".into()),
    }
}

/// One API call as the gateway sees it, after decoding.
struct Call {
    method: String,
    path: String,
    /// Decoded query string pairs, in order.
    query: Vec<(String, String)>,
    /// Query plus form body pairs: what v1 signs.
    all: Vec<(String, String)>,
    params: BTreeMap<String, String>,
    headers: HeaderMap,
    body: Bytes,
    /// The V3 Authorization header, when the call is V3-signed.
    v3: Option<auth::V3Authorization>,
    /// The TCP peer (absent when the router is driven without a socket).
    peer: Option<std::net::SocketAddr>,
}

impl Call {
    fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// V3 is told by its Authorization header alone: the v1 SDK also sends
    /// `x-acs-action`/`x-acs-version` headers with its query-string signature.
    fn is_v3(&self) -> bool {
        self.v3.is_some()
    }

    fn action(&self) -> Option<&str> {
        if self.is_v3() {
            self.header("x-acs-action").or_else(|| self.param("Action"))
        } else {
            self.param("Action")
        }
    }

    fn version(&self) -> Option<&str> {
        if self.is_v3() {
            self.header("x-acs-version")
                .or_else(|| self.param("Version"))
        } else {
            self.param("Version")
        }
    }

    /// `Format` wins; otherwise V3 callers (who send `Accept: application/json`) get
    /// JSON and everyone else the documented default, XML.
    fn format(&self) -> Format {
        match self.param("Format").map(str::to_ascii_uppercase).as_deref() {
            Some("JSON") => Format::Json,
            Some("XML") => Format::Xml,
            _ if self.is_v3() => Format::Json,
            _ => Format::Xml,
        }
    }
}

fn decode_pairs(input: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(input)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
        .unwrap_or(false)
}

async fn api_call(
    State(state): State<GatewayState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    let peer = extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    let request_id = envelope::new_request_id();
    let query = decode_pairs(uri.query().unwrap_or_default().as_bytes());
    let mut all = query.clone();
    if is_form(&headers) {
        all.extend(decode_pairs(&body));
    }
    let mut params = BTreeMap::new();
    for (k, v) in &all {
        params.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let v3 = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(auth::parse_v3_authorization);
    let call = Call {
        method: method.as_str().to_string(),
        path: uri.path().to_string(),
        query,
        all,
        params,
        headers,
        body,
        v3,
        peer,
    };
    let format = call.format();
    let action = call.action().unwrap_or_default().to_string();

    let faults = state.faults();
    let latency = faults.latency_for(&action);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if !action.is_empty() && faults.hangs(&action) {
        tracing::info!(%action, %request_id, "fault: hanging the response");
        let mut stop = state.inner.shutdown.clone();
        let _ = stop.wait_for(|s| *s).await;
        return (StatusCode::SERVICE_UNAVAILABLE, "emulator shutting down\n").into_response();
    }

    let result = handle(&state, &call, &action, &faults).await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(fields) => {
            tracing::info!(%action, %request_id, status = 200, elapsed_ms, "api call");
            envelope::respond(
                200,
                envelope::success_body(&action, &request_id, fields, format),
                format,
                &request_id,
            )
        }
        Err(Refusal {
            mut error,
            retry_after,
        }) => {
            error.status = faults.status_for(&error);
            tracing::info!(action = %action, %request_id, status = error.status, code = %error.code, elapsed_ms, "api call refused");
            let mut response = envelope::respond(
                error.status,
                envelope::error_body(&error, &request_id, format),
                format,
                &request_id,
            );
            if let Some(wait) = retry_after {
                let ms = wait.as_millis().max(1).to_string();
                if let Ok(v) = HeaderValue::from_str(&ms) {
                    response.headers_mut().insert("x-acs-retry-after", v);
                }
            }
            response
        }
    }
}

/// An error answer, with the wait a throttled caller should observe.
struct Refusal {
    error: ApiError,
    retry_after: Option<Duration>,
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Self {
            error,
            retry_after: None,
        }
    }
}

fn missing(name: &str) -> ApiError {
    ApiError::missing(name)
}

/// The gateway checks in order, then the action.
async fn handle(
    state: &GatewayState,
    call: &Call,
    action: &str,
    faults: &FaultConfig,
) -> Result<serde_json::Value, Refusal> {
    let inner = &state.inner;

    // 1. Action.
    if action.is_empty() {
        return Err(missing("Action").into());
    }
    // A name VOD does not have; a real action the emulator does not serve goes through
    // every check first (step 11).
    if !vod_actions::is_vod_action(action) {
        return Err(ApiError::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        )
        .into());
    }

    // 2. Version.
    if let Some(version) = call.version() {
        if version != API_VERSION {
            return Err(ApiError::new(
                400,
                "InvalidVersion",
                "Specified parameter Version is not valid.",
            )
            .into());
        }
    }

    // 3-8. Common parameters, timestamp, signature method, AccessKeyId, signature.
    let (access_key_id, nonce) = if call.is_v3() {
        authenticate_v3(inner, call)?
    } else {
        authenticate_v1(inner, call)?
    };

    // 9. Nonce replay.
    let fresh = inner.nonces.lock().expect("nonce lock").check_and_insert(
        &access_key_id,
        &nonce,
        Instant::now(),
    );
    if !fresh {
        return Err(ApiError::new(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        )
        .into());
    }
    *inner
        .calls
        .lock()
        .expect("calls lock")
        .entry(action.to_string())
        .or_default() += 1;

    // 10. QPS.
    let throttled = if faults.forces_throttling(action) {
        Some(Duration::from_secs(1))
    } else if inner.throttle {
        inner
            .limiter
            .lock()
            .expect("limiter lock")
            .admit(&access_key_id, action, inner.gateway_now())
            .err()
    } else {
        None
    };
    if let Some(wait) = throttled {
        return Err(Refusal {
            error: ApiError::new(
                400,
                "Throttling.User",
                "Request was denied due to user flow throttling.",
            ),
            retry_after: Some(wait),
        });
    }

    // 11. A real action the emulator does not serve (yet).
    if !actions::is_known(action) {
        return Err(actions::not_served(action).into());
    }

    // 12. Injected failures stand in for a failing backend.
    if let Some(error) = faults.draw_error(action) {
        return Err(error.into());
    }

    // Media URLs point where the caller reached us (the console may use another name
    // for the host than the bind address).
    let base_url = call
        .header("host")
        .filter(|h| !h.is_empty())
        .map(|h| format!("http://{h}"))
        .or_else(|| inner.bound_base_url.get().cloned())
        .unwrap_or_else(|| "http://127.0.0.1".to_string());
    let request = ActionRequest {
        action: action.to_string(),
        params: call.params.clone(),
        base_url,
        client_ip: call.peer.map(|p| p.ip()),
    };
    actions::dispatch(&inner.backend, &request)
        .await
        .map_err(Refusal::from)
}

fn timestamp_error(e: TimestampError) -> ApiError {
    match e {
        TimestampError::Format => ApiError::new(
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted.",
        ),
        TimestampError::Expired => ApiError::new(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ),
    }
}

/// Known and active, or the gateway's error for it.
fn check_access_key(inner: &Inner, access_key_id: &str) -> Result<(), ApiError> {
    if inner
        .inactive_access_key_ids
        .iter()
        .any(|k| k == access_key_id)
    {
        return Err(ApiError::new(
            400,
            "InvalidAccessKeyId.Inactive",
            "Specified access key is disabled.",
        ));
    }
    if access_key_id != inner.access_key_id {
        return Err(ApiError::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
    }
    Ok(())
}

fn signature_mismatch(server_string_to_sign: &str) -> ApiError {
    ApiError::new(
        400,
        "SignatureDoesNotMatch",
        format!("Specified signature is not matched with our calculation. server string to sign is:{server_string_to_sign}"),
    )
}

fn bad_signature_method() -> ApiError {
    ApiError::new(
        400,
        "InvalidSignatureMethod",
        "Specified signature method is not valid.",
    )
}

/// v1: the common parameters, then timestamp, method, key and HMAC-SHA1 signature.
/// Returns (AccessKeyId, nonce).
fn authenticate_v1(inner: &Inner, call: &Call) -> Result<(String, String), ApiError> {
    for name in [
        "Version",
        "AccessKeyId",
        "Signature",
        "SignatureMethod",
        "Timestamp",
        "SignatureVersion",
        "SignatureNonce",
    ] {
        if call.param(name).is_none_or(str::is_empty) {
            return Err(missing(name));
        }
    }
    let param = |name| call.param(name).unwrap_or_default();
    auth::check_timestamp(param("Timestamp"), OffsetDateTime::now_utc())
        .map_err(timestamp_error)?;
    if param("SignatureMethod") != "HMAC-SHA1" {
        return Err(bad_signature_method());
    }
    let access_key_id = param("AccessKeyId");
    check_access_key(inner, access_key_id)?;
    let string_to_sign = auth::v1_string_to_sign(&call.method, &call.all);
    let expected = vod::signature::sign_string(&inner.access_key_secret, &string_to_sign);
    if !auth::constant_time_eq(&expected, param("Signature")) {
        return Err(signature_mismatch(&string_to_sign));
    }
    Ok((
        access_key_id.to_string(),
        param("SignatureNonce").to_string(),
    ))
}

/// V3: the x-acs-* headers and Authorization, then timestamp, algorithm, key and the
/// ACS3-HMAC-SHA256 signature over the canonical request.
fn authenticate_v3(inner: &Inner, call: &Call) -> Result<(String, String), ApiError> {
    for name in ["x-acs-version", "x-acs-date", "x-acs-signature-nonce"] {
        if call.header(name).is_none_or(str::is_empty) {
            return Err(missing(name));
        }
    }
    let Some(authorization) = &call.v3 else {
        return Err(missing("Authorization"));
    };
    let date = call.header("x-acs-date").unwrap_or_default();
    auth::check_timestamp(date, OffsetDateTime::now_utc()).map_err(timestamp_error)?;
    if authorization.algorithm != V3_ALGORITHM {
        return Err(bad_signature_method());
    }
    check_access_key(inner, &authorization.access_key_id)?;
    // The headers that carry the action, time and nonce must be covered by the
    // signature, or a captured request could be replayed with new ones.
    let signed: Vec<String> = authorization
        .signed_headers
        .split(';')
        .map(str::to_ascii_lowercase)
        .collect();
    let required = [
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
    ];
    if let Some(unsigned) = required
        .iter()
        .find(|h| call.headers.contains_key(**h) && !signed.iter().any(|s| s == *h))
    {
        return Err(ApiError::new(
            400,
            "IncompleteSignature",
            format!("The request signature does not conform to Aliyun standards. Header {unsigned} must be signed."),
        ));
    }
    let canonical = auth::v3_canonical_request(
        &call.method,
        &call.path,
        &call.query,
        &call.headers,
        &authorization.signed_headers,
        &auth::sha256_hex(&call.body),
    );
    let string_to_sign = auth::v3_string_to_sign(&canonical);
    let expected = auth::v3_sign(&inner.access_key_secret, &string_to_sign);
    if !auth::constant_time_eq(&expected, &authorization.signature.to_ascii_lowercase()) {
        return Err(signature_mismatch(&string_to_sign));
    }
    let nonce = call.header("x-acs-signature-nonce").unwrap_or_default();
    Ok((authorization.access_key_id.clone(), nonce.to_string()))
}
