//! The typed error of every VOD call, and the redaction that keeps credentials and the
//! gateway's echoed string to sign out of anything shown or logged.
//!
//! What lives here: [`Error`], [`ApiError`] (the gateway's `Code`/`Message`/`RequestId`/
//! `HostId` envelope plus the HTTP status), [`SignatureDiagnosis`], and the rules for
//! retryability. What does not: the HTTP plumbing (see `client`).

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::signature::percent_encode;

/// The marker after which the gateway echoes its own string to sign in a
/// `SignatureDoesNotMatch` message.
pub const SERVER_STRING_TO_SIGN_MARKER: &str = "server string to sign is:";

const REDACTED: &str = "[redacted]";

/// Any failure of a VOD call. `Display` is a plain English sentence that never contains
/// the AccessKeyId, the secret, the STS token or the gateway's echoed string to sign.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The gateway or the action answered with an error envelope.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// No complete answer within the configured timeout.
    #[error("The call to {action} timed out after {} seconds; VOD may or may not have carried it out.", fmt_secs(.after))]
    Timeout { action: String, after: Duration },
    /// The request could not be sent or the answer not received (DNS, TCP, TLS, reset).
    #[error("The VOD endpoint could not be reached for {action}: {detail}.")]
    Transport {
        action: String,
        /// True when the connection was never established, so VOD cannot have seen the call.
        connect: bool,
        detail: String,
    },
    /// An answer arrived but is not the JSON the action promises.
    #[error("The answer to {action} (HTTP {status}) could not be read: {detail}.")]
    Decode {
        action: String,
        status: u16,
        detail: String,
    },
    /// The client was configured with an unusable endpoint, region or timeout.
    #[error("The VOD client configuration is invalid: {0}.")]
    Config(String),
    /// Not sent: the account's budget for this action is used up for longer than the
    /// caller may wait (VOD's per-account limit, shared by everyone using the console).
    #[error("VOD's limit for {action} on this account is reached; try again in {} seconds.", fmt_secs(&round_up_secs(*.retry_after)))]
    Overloaded { action: String, retry_after: Duration },
}

/// Whole seconds, rounded up (at least 1): what a `Retry-After` header can carry.
pub fn round_up_secs(d: Duration) -> Duration {
    Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(Duration::from_secs(1))
}

fn fmt_secs(d: &Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", s as u64)
    } else {
        format!("{s:.1}")
    }
}

impl Error {
    /// The API error envelope, if VOD answered with one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// VOD's error `Code` (e.g. `InvalidVideo.NotFound`); branch on this, not on the message.
    pub fn code(&self) -> Option<&str> {
        self.as_api().map(|e| e.code())
    }

    /// VOD's (redacted) `Message`.
    pub fn message(&self) -> Option<&str> {
        self.as_api().map(|e| e.message())
    }

    /// The `RequestId` to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.as_api()
            .map(|e| e.request_id())
            .filter(|s| !s.is_empty())
    }

    /// The `HostId` (endpoint) that answered.
    pub fn host_id(&self) -> Option<&str> {
        self.as_api().map(|e| e.host_id()).filter(|s| !s.is_empty())
    }

    /// The HTTP status of the answer, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.http_status()),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The gateway's `x-acs-retry-after` hint, or when the budget expects room again.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Overloaded { retry_after, .. } => Some(*retry_after),
            _ => self.as_api().and_then(|e| e.retry_after()),
        }
    }

    /// For `SignatureDoesNotMatch`: whether the secret is wrong or the encoding differs.
    pub fn signature_diagnosis(&self) -> Option<&SignatureDiagnosis> {
        self.as_api().and_then(|e| e.signature_diagnosis())
    }

    /// Whether a fresh, re-signed attempt may succeed: transport errors and timeouts,
    /// HTTP 500/502/503/504, `InternalError`, `ServiceUnavailable`/`ServiceUnAvailable`
    /// and `Throttling*` (which the gateway sends with HTTP 400).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.is_retryable(),
            Error::Timeout { .. } | Error::Transport { .. } => true,
            Error::Decode { status, .. } => is_retryable_status(*status),
            // Waiting again at once would only queue behind the same line.
            Error::Config(_) | Error::Overloaded { .. } => false,
        }
    }

    /// Whether VOD certainly did not carry the call out, so that even a non-idempotent
    /// action (a create) may be repeated: the connection was never established, or the
    /// gateway throttled the call before the action ran.
    pub fn was_not_processed(&self) -> bool {
        match self {
            Error::Transport { connect, .. } => *connect,
            Error::Overloaded { .. } => true,
            Error::Api(e) => e.code().starts_with("Throttling"),
            _ => false,
        }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

fn is_retryable_status(status: u16) -> bool {
    matches!(status, 500 | 502 | 503 | 504)
}

/// The error envelope VOD answers with: `Code`, `Message`, `RequestId`, `HostId`
/// (and sometimes `Recommend`), plus the HTTP status and the retry hint.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    action: String,
    code: String,
    message: String,
    request_id: String,
    host_id: String,
    recommend: Option<String>,
    http_status: u16,
    retry_after: Option<Duration>,
    signature_diagnosis: Option<SignatureDiagnosis>,
}

impl ApiError {
    /// Builds an API error by hand (for callers' tests of their error mapping). The
    /// message is stripped of any echoed string to sign.
    pub fn new(
        action: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
        request_id: impl Into<String>,
        http_status: u16,
    ) -> Self {
        Self {
            action: action.into(),
            code: code.into(),
            message: strip_string_to_sign(&message.into()),
            request_id: request_id.into(),
            host_id: String::new(),
            recommend: None,
            http_status,
            retry_after: None,
            signature_diagnosis: None,
        }
    }

    pub fn with_host_id(mut self, host_id: impl Into<String>) -> Self {
        self.host_id = host_id.into();
        self
    }

    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        self.retry_after = Some(retry_after);
        self
    }

    /// The action that failed, e.g. `GetVideoInfo`.
    pub fn action(&self) -> &str {
        &self.action
    }
    /// VOD's error code, e.g. `InvalidVideo.NotFound`.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// VOD's English message, redacted.
    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn request_id(&self) -> &str {
        &self.request_id
    }
    pub fn host_id(&self) -> &str {
        &self.host_id
    }
    /// The diagnosis link some gateway errors carry.
    pub fn recommend(&self) -> Option<&str> {
        self.recommend.as_deref()
    }
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
    pub fn signature_diagnosis(&self) -> Option<&SignatureDiagnosis> {
        self.signature_diagnosis.as_ref()
    }

    pub fn is_retryable(&self) -> bool {
        is_retryable_status(self.http_status)
            || matches!(
                self.code.as_str(),
                "InternalError" | "ServiceUnavailable" | "ServiceUnAvailable"
            )
            || self.code.starts_with("Throttling")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.trim().trim_end_matches('.');
        write!(
            f,
            "VOD rejected {} with {} (HTTP {})",
            self.action, self.code, self.http_status
        )?;
        if !message.is_empty() {
            write!(f, ": {message}")?;
        }
        write!(f, ".")?;
        if let Some(d) = &self.signature_diagnosis {
            write!(f, " {d}")?;
        }
        if !self.request_id.is_empty() {
            write!(f, " Request ID: {}.", self.request_id)?;
        }
        Ok(())
    }
}

/// What a `SignatureDoesNotMatch` means, found by comparing the gateway's echoed string to
/// sign with the one this client signed (as the official SDKs do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureDiagnosis {
    /// Both sides signed the same string, so the HMAC key differs: the AccessKey secret is wrong.
    WrongSecret,
    /// The strings differ: the request reached the gateway encoded differently from what
    /// was signed (a client or proxy encoding bug). Lists the names of the parameters whose
    /// values differ, or `HTTP method` when the method differs; never their values.
    EncodingMismatch { differing: Vec<String> },
    /// The gateway did not echo its string to sign.
    NoEcho,
}

impl fmt::Display for SignatureDiagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureDiagnosis::WrongSecret => write!(
                f,
                "The gateway signed exactly the same request text as this client, so the AccessKey secret is wrong."
            ),
            SignatureDiagnosis::EncodingMismatch { differing } if differing.is_empty() => write!(
                f,
                "The gateway signed different request text than this client, which points to a request encoding bug rather than a wrong secret."
            ),
            SignatureDiagnosis::EncodingMismatch { differing } => write!(
                f,
                "The gateway signed different request text than this client (differing: {}), which points to a request encoding bug rather than a wrong secret.",
                differing.join(", ")
            ),
            SignatureDiagnosis::NoEcho => write!(
                f,
                "The gateway did not say what it signed, so a wrong secret cannot be told from an encoding problem."
            ),
        }
    }
}

/// Splits a `SignatureDoesNotMatch` message into the human part and the echoed string to sign.
pub fn split_string_to_sign(message: &str) -> (&str, Option<&str>) {
    match message.find(SERVER_STRING_TO_SIGN_MARKER) {
        Some(i) => (
            &message[..i],
            Some(message[i + SERVER_STRING_TO_SIGN_MARKER.len()..].trim()),
        ),
        None => (message, None),
    }
}

/// Replaces the echoed string to sign (which holds the AccessKeyId and every parameter).
pub fn strip_string_to_sign(message: &str) -> String {
    match split_string_to_sign(message) {
        (head, Some(_)) => format!("{head}{SERVER_STRING_TO_SIGN_MARKER} {REDACTED}"),
        (head, None) => head.to_string(),
    }
}

/// Compares the gateway's echo with our own string to sign.
pub fn diagnose_signature(ours: &str, echo: Option<&str>) -> SignatureDiagnosis {
    let Some(echo) = echo.filter(|e| !e.is_empty()) else {
        return SignatureDiagnosis::NoEcho;
    };
    if echo == ours {
        return SignatureDiagnosis::WrongSecret;
    }
    let (our_method, our_params) = parse_string_to_sign(ours);
    let (their_method, their_params) = parse_string_to_sign(echo);
    let mut differing = Vec::new();
    if our_method != their_method {
        differing.push("HTTP method".to_string());
    }
    let names: std::collections::BTreeSet<&String> =
        our_params.keys().chain(their_params.keys()).collect();
    for name in names {
        if our_params.get(name) != their_params.get(name) {
            differing.push(name.clone());
        }
    }
    SignatureDiagnosis::EncodingMismatch { differing }
}

/// `METHOD&%2F&enc(canonical)` → (method, name → encoded value), names decoded.
fn parse_string_to_sign(s: &str) -> (String, BTreeMap<String, String>) {
    let mut parts = s.splitn(3, '&');
    let method = parts.next().unwrap_or_default().to_string();
    let _path = parts.next();
    let canonical = percent_decode_lossy(parts.next().unwrap_or_default());
    let mut map = BTreeMap::new();
    for pair in canonical.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        map.insert(percent_decode_lossy(k), v.to_string());
    }
    (method, map)
}

pub(crate) fn percent_decode_lossy(s: &str) -> String {
    crate::signature::percent_decode(s)
}

/// Scrubs credential values (raw, percent-encoded once and twice) from text.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    needles: Vec<String>,
}

impl Redactor {
    pub(crate) fn new<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut needles = Vec::new();
        for v in values {
            if v.len() < 3 {
                continue;
            }
            let once = percent_encode(v);
            let twice = percent_encode(&once);
            needles.push(v.to_string());
            needles.push(once);
            needles.push(twice);
        }
        // Longest first, so a longer encoded form is replaced before its raw prefix.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        needles.dedup();
        Self { needles }
    }

    pub(crate) fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for n in &self.needles {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), REDACTED);
            }
        }
        out
    }
}

/// The JSON error envelope as it arrives (lenient: any scalar is taken as text).
#[derive(serde::Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct ErrorEnvelope {
    #[serde(deserialize_with = "crate::de::string")]
    pub code: String,
    #[serde(deserialize_with = "crate::de::string")]
    pub message: String,
    #[serde(deserialize_with = "crate::de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "crate::de::string")]
    pub host_id: String,
    #[serde(deserialize_with = "crate::de::string")]
    pub recommend: String,
}

pub(crate) struct ErrorContext<'a> {
    pub action: &'a str,
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub our_string_to_sign: &'a str,
    pub redactor: &'a Redactor,
}

/// Turns an error answer (status ≥ 400, or any unreadable answer) into an [`Error`].
pub(crate) fn error_from_body(ctx: &ErrorContext<'_>, body: &[u8]) -> Error {
    let envelope: Option<ErrorEnvelope> = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .filter(|v| v.is_object())
        .and_then(|v| serde_json::from_value(v).ok())
        .or_else(|| parse_xml_error(body));
    let Some(env) = envelope.filter(|e| !e.code.is_empty()) else {
        return Error::Decode {
            action: ctx.action.to_string(),
            status: ctx.status,
            detail: "the body is not a VOD error envelope".to_string(),
        };
    };
    let code = env.code;
    let raw_message = env.message;
    let (_, echo) = split_string_to_sign(&raw_message);
    let signature_diagnosis =
        (code == "SignatureDoesNotMatch").then(|| diagnose_signature(ctx.our_string_to_sign, echo));
    let r = ctx.redactor;
    Error::Api(Box::new(ApiError {
        action: ctx.action.to_string(),
        code: r.redact(&code),
        message: r.redact(&strip_string_to_sign(&raw_message)),
        request_id: r.redact(&env.request_id),
        host_id: r.redact(&env.host_id),
        recommend: Some(env.recommend)
            .filter(|s| !s.is_empty())
            .map(|s| r.redact(&s)),
        http_status: ctx.status,
        retry_after: ctx.retry_after,
        signature_diagnosis,
    }))
}

/// The `<Error>` XML envelope, for a gateway that ignores `Format=JSON` on early errors.
fn parse_xml_error(body: &[u8]) -> Option<ErrorEnvelope> {
    let text = std::str::from_utf8(body).ok()?;
    if !text.contains("<Code>") {
        return None;
    }
    let tag = |name: &str| -> Option<String> {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&close)? + start;
        Some(xml_unescape(&text[start..end]))
    };
    Some(ErrorEnvelope {
        code: tag("Code").unwrap_or_default(),
        message: tag("Message").unwrap_or_default(),
        request_id: tag("RequestId").unwrap_or_default(),
        host_id: tag("HostId").unwrap_or_default(),
        recommend: tag("Recommend").unwrap_or_default(),
    })
}

fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::string_to_sign;

    fn ctx<'a>(ours: &'a str, r: &'a Redactor, status: u16) -> ErrorContext<'a> {
        ErrorContext {
            action: "GetVideoInfo",
            status,
            retry_after: None,
            our_string_to_sign: ours,
            redactor: r,
        }
    }

    #[test]
    fn parses_the_documented_json_envelope() {
        let body = br#"{"RequestId":"8906582E-6722-409A-A6C4-0E7863B733A5","HostId":"vod.cn-shanghai.aliyuncs.com","Code":"UnsupportedOperation","Message":"The specified action is not supported."}"#;
        let r = Redactor::default();
        let e = error_from_body(&ctx("", &r, 400), body);
        assert_eq!(e.code(), Some("UnsupportedOperation"));
        assert_eq!(e.message(), Some("The specified action is not supported."));
        assert_eq!(e.request_id(), Some("8906582E-6722-409A-A6C4-0E7863B733A5"));
        assert_eq!(e.host_id(), Some("vod.cn-shanghai.aliyuncs.com"));
        assert_eq!(e.http_status(), Some(400));
        assert!(!e.is_retryable());
        assert_eq!(
            e.to_string(),
            "VOD rejected GetVideoInfo with UnsupportedOperation (HTTP 400): The specified action is not supported. Request ID: 8906582E-6722-409A-A6C4-0E7863B733A5."
        );
    }

    #[test]
    fn envelope_with_odd_types_and_a_recommend_link() {
        let body = br#"{"RequestId":12345,"Code":"Forbidden.RAM","Message":"User not authorized.","Recommend":"https://next.api.aliyun.com/troubleshoot?q=Forbidden.RAM","AccessDeniedDetail":{"PolicyType":"x"}}"#;
        let e = error_from_body(&ctx("", &Redactor::default(), 403), body);
        assert_eq!(e.code(), Some("Forbidden.RAM"));
        assert_eq!(e.request_id(), Some("12345"));
        assert_eq!(
            e.as_api().unwrap().recommend(),
            Some("https://next.api.aliyun.com/troubleshoot?q=Forbidden.RAM")
        );
        assert_eq!(e.host_id(), None);
    }

    #[test]
    fn parses_the_documented_xml_envelope() {
        let body = b"<Error><RequestId>8906582E</RequestId><HostId>vod.cn-shanghai.aliyuncs.com</HostId><Code>InvalidVideo.NotFound</Code><Message>The video does not exist.</Message></Error>";
        let e = error_from_body(&ctx("", &Redactor::default(), 404), body);
        assert_eq!(e.code(), Some("InvalidVideo.NotFound"));
        assert_eq!(e.request_id(), Some("8906582E"));
    }

    #[test]
    fn unreadable_bodies_are_decode_errors_that_keep_the_status() {
        let e = error_from_body(
            &ctx("", &Redactor::default(), 502),
            b"<html>Bad gateway</html>",
        );
        assert!(matches!(e, Error::Decode { status: 502, .. }));
        assert!(e.is_retryable());
        let e = error_from_body(&ctx("", &Redactor::default(), 404), b"not found");
        assert!(!e.is_retryable());
    }

    #[test]
    fn retryable_codes_and_statuses() {
        let api = |code: &str, status| Error::from(ApiError::new("A", code, "m", "r", status));
        assert!(api("InternalError", 500).is_retryable());
        assert!(api("ServiceUnavailable", 503).is_retryable());
        assert!(api("ServiceUnAvailable", 503).is_retryable());
        assert!(api("Throttling.User", 400).is_retryable());
        assert!(api("Throttling", 503).is_retryable());
        assert!(api("Anything", 502).is_retryable());
        assert!(api("Anything", 504).is_retryable());
        assert!(!api("InvalidParameter", 400).is_retryable());
        assert!(!api("Forbidden", 403).is_retryable());
        assert!(!api("SignatureNonceUsed", 400).is_retryable());
        assert!(api("Throttling.User", 400).was_not_processed());
        assert!(!api("InternalError", 500).was_not_processed());
        let t = Error::Timeout {
            action: "A".into(),
            after: Duration::from_millis(1500),
        };
        assert!(t.is_retryable());
        assert!(!t.was_not_processed());
        assert_eq!(
            t.to_string(),
            "The call to A timed out after 1.5 seconds; VOD may or may not have carried it out."
        );
        let c = Error::Transport {
            action: "A".into(),
            connect: true,
            detail: "connection refused".into(),
        };
        assert!(c.is_retryable() && c.was_not_processed());
        assert!(!Error::Config("x".into()).is_retryable());
    }

    fn stsign(ak: &str, sig_method_value: &str) -> String {
        string_to_sign(
            "POST",
            [
                ("AccessKeyId", ak),
                ("Action", "GetVideoInfo"),
                ("SignatureMethod", sig_method_value),
                ("VideoId", "abc 123"),
            ],
        )
    }

    #[test]
    fn signature_mismatch_with_identical_echo_means_wrong_secret_and_is_redacted() {
        let ak = "LTAI5tSecretishKeyId";
        let ours = stsign(ak, "HMAC-SHA1");
        let body = serde_json::json!({
            "RequestId": "REQ-1",
            "HostId": "vod.cn-shanghai.aliyuncs.com",
            "Code": "SignatureDoesNotMatch",
            "Message": format!("Specified signature is not matched with our calculation. server string to sign is:{ours}"),
        })
        .to_string();
        let r = Redactor::new([ak, "the-secret"]);
        let e = error_from_body(&ctx(&ours, &r, 400), body.as_bytes());
        assert_eq!(
            e.signature_diagnosis(),
            Some(&SignatureDiagnosis::WrongSecret)
        );
        for text in [
            e.to_string(),
            format!("{e:?}"),
            e.message().unwrap().to_string(),
        ] {
            assert!(!text.contains(ak), "{text}");
            assert!(!text.contains("LTAI5t"), "{text}");
            assert!(!text.contains("GetVideoInfo%26"), "echo leaked: {text}");
            assert!(!text.contains("VideoId"), "echo leaked: {text}");
        }
        assert!(e.to_string().contains("AccessKey secret is wrong"));
        assert_eq!(
            e.message(),
            Some("Specified signature is not matched with our calculation. server string to sign is: [redacted]")
        );
    }

    #[test]
    fn signature_mismatch_with_different_echo_means_encoding_bug() {
        let ak = "LTAI5tSecretishKeyId";
        let ours = stsign(ak, "HMAC-SHA1");
        let theirs = string_to_sign(
            "POST",
            [
                ("AccessKeyId", ak),
                ("Action", "GetVideoInfo"),
                ("SignatureMethod", "HMAC-SHA1"),
                ("VideoId", "abc+123"),
            ],
        );
        let message = format!("Specified signature is not matched with our calculation. server string to sign is:{theirs}");
        let body = serde_json::json!({"RequestId": "R", "Code": "SignatureDoesNotMatch", "Message": message}).to_string();
        let r = Redactor::new([ak]);
        let e = error_from_body(&ctx(&ours, &r, 400), body.as_bytes());
        assert_eq!(
            e.signature_diagnosis(),
            Some(&SignatureDiagnosis::EncodingMismatch {
                differing: vec!["VideoId".to_string()]
            })
        );
        let text = e.to_string();
        assert!(text.contains("encoding bug"), "{text}");
        assert!(text.contains("differing: VideoId"), "{text}");
        assert!(!text.contains("abc"), "values must not leak: {text}");
        assert!(!text.contains(ak));

        let get = string_to_sign("GET", [("AccessKeyId", ak)]);
        let post = string_to_sign("POST", [("AccessKeyId", ak)]);
        assert_eq!(
            diagnose_signature(&post, Some(&get)),
            SignatureDiagnosis::EncodingMismatch {
                differing: vec!["HTTP method".to_string()]
            }
        );
    }

    #[test]
    fn signature_mismatch_without_echo() {
        let body = br#"{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation."}"#;
        let e = error_from_body(&ctx("POST&%2F&x", &Redactor::default(), 400), body);
        assert_eq!(e.signature_diagnosis(), Some(&SignatureDiagnosis::NoEcho));
    }

    #[test]
    fn credentials_are_scrubbed_from_any_message_in_raw_and_encoded_forms() {
        let r = Redactor::new(["key/id+1", "s3cr3t=="]);
        let text = r.redact("a key/id+1 b key%2Fid%2B1 c key%252Fid%252B1 d s3cr3t==");
        assert_eq!(text, "a [redacted] b [redacted] c [redacted] d [redacted]");
        let body = br#"{"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key key/id+1 is not found.","RequestId":"R"}"#;
        let e = error_from_body(&ctx("", &r, 404), body);
        assert_eq!(
            e.message(),
            Some("Specified access key [redacted] is not found.")
        );
    }

    #[test]
    fn hand_built_errors_strip_the_echo_too() {
        let e = ApiError::new(
            "A",
            "SignatureDoesNotMatch",
            "x server string to sign is:POST&%2F&AccessKeyId%3Dabc",
            "R",
            400,
        );
        assert!(!e.message().contains("AccessKeyId"));
    }

    #[test]
    fn errors_travel_across_threads_and_into_boxed_errors() {
        fn assert_traits<T: Send + Sync + 'static + std::error::Error>() {}
        assert_traits::<Error>();
        let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(Error::Config("x".into()));
        assert!(boxed.to_string().contains("configuration"));
    }

    #[test]
    fn percent_decoding_is_lossy_but_total() {
        assert_eq!(percent_decode_lossy("a%20b%zz%"), "a b%zz%");
        assert_eq!(percent_decode_lossy("%E8%A7%86"), "视");
    }
}
