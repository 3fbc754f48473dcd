//! The gateway over a real socket: signed v1 and V3 calls, each check's code, status
//! and message, envelopes, QPS limits, the admin endpoint and fault injection.

use std::collections::BTreeMap;
use std::time::Duration;

use emulator::config::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET};
use emulator::gateway::auth;
use emulator::{EmulatorConfig, FaultConfig, RunningEmulator};
use serde_json::Value;
use time::OffsetDateTime;

/// An action every build of the emulator implements, cheap to call.
const CHEAP_ACTION: &str = "GetCategories";

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vod-emulator-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn start_with(f: impl FnOnce(&mut EmulatorConfig)) -> RunningEmulator {
    let mut config = EmulatorConfig::new(temp_dir());
    config.reset = true;
    f(&mut config);
    emulator::spawn(config).await.expect("emulator starts")
}

async fn start() -> RunningEmulator {
    start_with(|_| {}).await
}

fn now_timestamp(offset_secs: i64) -> String {
    let t = OffsetDateTime::now_utc() + time::Duration::seconds(offset_secs);
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.format(&f).unwrap()
}

/// A v1 request under construction: common parameters filled in like the SDKs do.
struct V1 {
    method: &'static str,
    params: BTreeMap<String, String>,
    secret: String,
    /// Put the parameters in a form body instead of the query string.
    form: bool,
}

impl V1 {
    fn new(action: &str) -> Self {
        let mut params = BTreeMap::new();
        for (k, v) in [
            ("Action", action.to_string()),
            ("Version", "2017-03-21".to_string()),
            ("AccessKeyId", DEMO_ACCESS_KEY_ID.to_string()),
            ("SignatureMethod", "HMAC-SHA1".to_string()),
            ("SignatureVersion", "1.0".to_string()),
            ("SignatureNonce", uuid::Uuid::new_v4().to_string()),
            ("Timestamp", now_timestamp(0)),
            ("SignatureType", String::new()),
            ("Format", "JSON".to_string()),
        ] {
            params.insert(k.to_string(), v);
        }
        Self {
            method: "POST",
            params,
            secret: DEMO_ACCESS_KEY_SECRET.to_string(),
            form: false,
        }
    }

    fn set(mut self, k: &str, v: &str) -> Self {
        self.params.insert(k.to_string(), v.to_string());
        self
    }

    fn remove(mut self, k: &str) -> Self {
        self.params.remove(k);
        self
    }

    fn secret(mut self, s: &str) -> Self {
        self.secret = s.to_string();
        self
    }

    fn method(mut self, m: &'static str) -> Self {
        self.method = m;
        self
    }

    fn form(mut self) -> Self {
        self.form = true;
        self
    }

    fn signed_query(&self) -> String {
        let signature = vod::signature::sign(
            &self.secret,
            self.method,
            self.params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        let mut pairs: Vec<(String, String)> = self.params.clone().into_iter().collect();
        pairs.push(("Signature".into(), signature));
        pairs
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    vod::signature::percent_encode(k),
                    vod::signature::percent_encode(v)
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    async fn send(&self, emu: &RunningEmulator) -> reqwest::Response {
        self.send_to(&emu.base_url()).await
    }

    async fn send_to(&self, base_url: &str) -> reqwest::Response {
        let client = reqwest::Client::new();
        let query = self.signed_query();
        let method = reqwest::Method::from_bytes(self.method.as_bytes()).unwrap();
        let request = if self.form {
            client
                .request(method, format!("{base_url}/"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(query)
        } else {
            client.request(method, format!("{base_url}/?{query}"))
        };
        request.send().await.unwrap()
    }

    async fn json(&self, emu: &RunningEmulator) -> (u16, Value) {
        self.json_to(&emu.base_url()).await
    }

    async fn json_to(&self, base_url: &str) -> (u16, Value) {
        let resp = self.send_to(base_url).await;
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")),
        )
    }
}

fn assert_error(status: u16, body: &Value, want_status: u16, code: &str) {
    assert_eq!(body["Code"], code, "{body}");
    assert_eq!(status, want_status, "{body}");
    let rid = body["RequestId"].as_str().unwrap();
    assert_eq!(rid.len(), 36);
    assert_eq!(rid, rid.to_uppercase());
    assert_eq!(body["HostId"], "vod.cn-shanghai.aliyuncs.com");
    assert!(body["Recommend"].as_str().unwrap().contains(code));
}

#[tokio::test]
async fn v1_post_query_get_and_form_body_are_accepted() {
    let emu = start().await;
    for req in [
        V1::new(CHEAP_ACTION),
        V1::new(CHEAP_ACTION).method("GET"),
        V1::new(CHEAP_ACTION).form(),
    ] {
        let (status, body) = req.json(&emu).await;
        assert_eq!(status, 200, "{body}");
        let rid = body["RequestId"].as_str().unwrap();
        assert_eq!(rid, rid.to_uppercase());
        assert!(body.get("HostId").is_none());
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn checks_in_order_with_codes_statuses_and_messages() {
    let emu = start().await;

    // Unknown action comes first, even with a broken signature.
    let (s, b) = V1::new("NoSuchAction").secret("wrong").json(&emu).await;
    assert_error(s, &b, 404, "InvalidAction.NotFound");
    assert_eq!(
        b["Message"],
        "Specified api is not found, please check your url and method."
    );

    let (s, b) = V1::new(CHEAP_ACTION)
        .set("Version", "2014-05-26")
        .secret("wrong")
        .json(&emu)
        .await;
    assert_error(s, &b, 400, "InvalidVersion");
    assert_eq!(b["Message"], "Specified parameter Version is not valid.");

    let (s, b) = V1::new(CHEAP_ACTION)
        .remove("SignatureNonce")
        .json(&emu)
        .await;
    assert_error(s, &b, 400, "MissingParameter");
    assert_eq!(
        b["Message"],
        "The input parameter \"SignatureNonce\" that is mandatory for processing this request is not supplied."
    );

    let (s, b) = V1::new(CHEAP_ACTION)
        .set("Timestamp", "2017-3-29T12:00:00Z")
        .secret("wrong")
        .json(&emu)
        .await;
    assert_error(s, &b, 400, "InvalidTimeStamp.Format");
    assert_eq!(
        b["Message"],
        "Specified time stamp or date value is not well formatted."
    );

    for offset in [-16 * 60, 16 * 60] {
        let (s, b) = V1::new(CHEAP_ACTION)
            .set("Timestamp", &now_timestamp(offset))
            .json(&emu)
            .await;
        assert_error(s, &b, 400, "InvalidTimeStamp.Expired");
        assert_eq!(
            b["Message"],
            "Specified time stamp or date value is expired."
        );
    }
    for offset in [-14 * 60, 14 * 60] {
        let (s, b) = V1::new(CHEAP_ACTION)
            .set("Timestamp", &now_timestamp(offset))
            .json(&emu)
            .await;
        assert_eq!(s, 200, "{b}");
    }

    let (s, b) = V1::new(CHEAP_ACTION)
        .set("SignatureMethod", "HMAC-SHA256")
        .json(&emu)
        .await;
    assert_error(s, &b, 400, "InvalidSignatureMethod");

    let (s, b) = V1::new(CHEAP_ACTION)
        .set("AccessKeyId", "LTAI5tSomebodyElse")
        .json(&emu)
        .await;
    assert_error(s, &b, 404, "InvalidAccessKeyId.NotFound");
    assert_eq!(b["Message"], "Specified access key is not found.");
    emu.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_echoes_the_server_string_to_sign() {
    let emu = start().await;
    let req = V1::new(CHEAP_ACTION).secret("not-the-secret");
    let (s, b) = req.json(&emu).await;
    assert_error(s, &b, 400, "SignatureDoesNotMatch");
    let expected = vod::signature::string_to_sign(
        "POST",
        req.params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    assert_eq!(
        b["Message"].as_str().unwrap(),
        format!("Specified signature is not matched with our calculation. server string to sign is:{expected}")
    );
    // The empty SignatureType is part of what the server signed.
    assert!(expected.contains("SignatureType%3D%26"));
    emu.shutdown().await;
}

#[tokio::test]
async fn a_reused_nonce_is_refused() {
    let emu = start().await;
    let req = V1::new(CHEAP_ACTION);
    assert_eq!(req.json(&emu).await.0, 200);
    let (s, b) = req.json(&emu).await;
    assert_error(s, &b, 400, "SignatureNonceUsed");
    assert_eq!(b["Message"], "Specified signature nonce was used already.");
    emu.shutdown().await;
}

#[tokio::test]
async fn xml_is_the_default_format() {
    let emu = start().await;
    let resp = V1::new(CHEAP_ACTION).remove("Format").send(&emu).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/xml;charset=utf-8");
    let text = resp.text().await.unwrap();
    assert!(
        text.starts_with(
            "<?xml version='1.0' encoding='UTF-8'?><GetCategoriesResponse><RequestId>"
        ),
        "{text}"
    );

    let resp = V1::new(CHEAP_ACTION)
        .remove("Format")
        .secret("wrong")
        .send(&emu)
        .await;
    assert_eq!(resp.status(), 400);
    let text = resp.text().await.unwrap();
    assert!(text.contains("<Error><RequestId>"), "{text}");
    assert!(
        text.contains("<Code>SignatureDoesNotMatch</Code>"),
        "{text}"
    );
    assert!(
        text.contains("<HostId>vod.cn-shanghai.aliyuncs.com</HostId>"),
        "{text}"
    );
    emu.shutdown().await;
}

/// Signs like the Tea SDK's `get_authorization` (headers it sends, all of them signed).
fn v3_request(
    emu: &RunningEmulator,
    action: &str,
    query: &[(&str, &str)],
    secret: &str,
) -> reqwest::RequestBuilder {
    let host = emu.addr.to_string();
    let mut headers = reqwest::header::HeaderMap::new();
    let pairs = [
        ("host", host.clone()),
        ("x-acs-version", "2017-03-21".to_string()),
        ("x-acs-action", action.to_string()),
        ("x-acs-date", now_timestamp(0)),
        (
            "x-acs-signature-nonce",
            uuid::Uuid::new_v4().simple().to_string(),
        ),
        ("accept", "application/json".to_string()),
        ("x-acs-content-sha256", auth::sha256_hex(b"")),
    ];
    for (k, v) in &pairs {
        headers.insert(*k, v.parse().unwrap());
    }
    let mut names: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    names.sort();
    let signed_headers = names.join(";");
    let q: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let canonical = auth::v3_canonical_request(
        "POST",
        "/",
        &q,
        &headers,
        &signed_headers,
        &auth::sha256_hex(b""),
    );
    let signature = auth::v3_sign(secret, &auth::v3_string_to_sign(&canonical));
    let authorization =
        format!("ACS3-HMAC-SHA256 Credential={DEMO_ACCESS_KEY_ID},SignedHeaders={signed_headers},Signature={signature}");
    headers.insert("authorization", authorization.parse().unwrap());
    let qs = q
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                vod::signature::percent_encode(k),
                vod::signature::percent_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    reqwest::Client::new()
        .post(format!("{}/?{qs}", emu.base_url()))
        .headers(headers)
}

#[tokio::test]
async fn v3_signed_calls_answer_json() {
    let emu = start().await;
    let resp = v3_request(
        &emu,
        CHEAP_ACTION,
        &[("PageSize", "10"), ("PageNo", "1")],
        DEMO_ACCESS_KEY_SECRET,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"],
        "application/json;charset=utf-8"
    );

    let resp = v3_request(&emu, CHEAP_ACTION, &[("PageSize", "10")], "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["Code"], "SignatureDoesNotMatch");
    assert!(body["Message"]
        .as_str()
        .unwrap()
        .starts_with("Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n"));
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_qps_limit_is_throttling_user() {
    let emu = start().await;
    // GetCategories: 50/s per AccessKey. Fire 80 at once, at one instant of the
    // gateway's clock (however long the burst takes on a loaded machine).
    emu.state().freeze_gateway_clock();
    let results = burst(&emu, CHEAP_ACTION, 80).await;
    let throttled: Vec<&(u16, Value)> = results
        .iter()
        .filter(|(_, b)| b["Code"] == "Throttling.User")
        .collect();
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!((ok, throttled.len()), (50, 30), "exactly the limit is admitted");
    let (s, b) = throttled[0];
    assert_error(*s, b, 400, "Throttling.User");
    assert_eq!(
        b["Message"],
        "Request was denied due to user flow throttling."
    );
    // 999 ms later the window is still full; a second after the burst it is empty.
    emu.state().advance_gateway_clock(Duration::from_millis(999));
    assert_eq!(V1::new(CHEAP_ACTION).json(&emu).await.1["Code"], "Throttling.User");
    emu.state().advance_gateway_clock(Duration::from_millis(1));
    assert_eq!(V1::new(CHEAP_ACTION).json(&emu).await.0, 200);
    emu.shutdown().await;
}

#[tokio::test]
async fn no_throttle_disables_the_limits() {
    let emu = start_with(|c| c.throttle = false).await;
    assert!(burst(&emu, CHEAP_ACTION, 80)
        .await
        .iter()
        .all(|(s, _)| *s == 200));
    emu.shutdown().await;
}

/// Sends `n` fresh v1 calls to `action` at once.
async fn burst(emu: &RunningEmulator, action: &str, n: usize) -> Vec<(u16, Value)> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let req = V1::new(action);
            let base = emu.base_url();
            tokio::spawn(async move { req.json_to(&base).await })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

#[tokio::test]
async fn health_always_admin_only_when_enabled() {
    let emu = start().await;
    let client = reqwest::Client::new();
    let r = client
        .get(format!("{}/__emulator/health", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    emu.shutdown().await;

    let emu = start_with(|c| c.enable_admin = true).await;
    let url = format!("{}/__emulator/faults", emu.base_url());
    let r = client
        .post(&url)
        .body(r#"{"throttle":["GetCategories"]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (s, b) = V1::new(CHEAP_ACTION).json(&emu).await;
    assert_error(s, &b, 400, "Throttling.User");
    let r = client
        .post(&url)
        .body(r#"{"nonsense":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = client.post(&url).body("{}").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(V1::new(CHEAP_ACTION).json(&emu).await.0, 200);
    emu.shutdown().await;
}

#[tokio::test]
async fn fault_errors_latency_and_hangs() {
    let emu = start_with(|c| {
        c.faults = FaultConfig {
            errors: vec![emulator::gateway::ErrorFault::parse(
                "GetCategories:ServiceUnavailable:1",
            )
            .unwrap()],
            ..Default::default()
        }
    })
    .await;
    let (s, b) = V1::new(CHEAP_ACTION).json(&emu).await;
    assert_error(s, &b, 503, "ServiceUnavailable");
    // Gateway checks still come first.
    let (s, b) = V1::new(CHEAP_ACTION).secret("wrong").json(&emu).await;
    assert_error(s, &b, 400, "SignatureDoesNotMatch");

    emu.state().set_faults(FaultConfig {
        latency_ms: 300,
        ..Default::default()
    });
    let t = std::time::Instant::now();
    assert_eq!(V1::new(CHEAP_ACTION).json(&emu).await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    emu.state().set_faults(FaultConfig {
        hang: vec!["*".into()],
        ..Default::default()
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let err = client
        .post(format!(
            "{}/?{}",
            emu.base_url(),
            V1::new(CHEAP_ACTION).signed_query()
        ))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    // Shutdown releases the hung request instead of waiting for it forever.
    tokio::time::timeout(Duration::from_secs(10), emu.shutdown())
        .await
        .expect("shutdown finishes");
}

#[tokio::test]
async fn drop_stops_the_server() {
    let emu = start().await;
    let addr = emu.addr;
    drop(emu);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn v1_with_acs_headers_is_still_v1() {
    // aliyunsdkcore sends x-acs-action / x-acs-version headers with a v1 query signature.
    let emu = start().await;
    let req = V1::new(CHEAP_ACTION);
    let resp = reqwest::Client::new()
        .post(format!("{}/?{}", emu.base_url(), req.signed_query()))
        .header("x-acs-action", CHEAP_ACTION)
        .header("x-acs-version", "2017-03-21")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    emu.shutdown().await;
}

#[tokio::test]
async fn router_serves_oneshot_requests() {
    use tower::ServiceExt;
    let mut config = EmulatorConfig::new(temp_dir());
    config.reset = true;
    let state = emulator::GatewayState::open(&config).await.unwrap();
    let app = emulator::router(state);
    let response = app
        .clone()
        .oneshot(
            axum::http::Request::get("/__emulator/health")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let req = V1::new(CHEAP_ACTION).method("GET");
    let response = app
        .oneshot(
            axum::http::Request::get(format!("/?{}", req.signed_query()))
                .header("host", "127.0.0.1:9000")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert!(json["RequestId"].is_string());
}

#[tokio::test]
async fn missing_action_and_version() {
    let emu = start().await;
    let (s, b) = V1::new(CHEAP_ACTION).remove("Action").json(&emu).await;
    assert_error(s, &b, 400, "MissingParameter");
    let (s, b) = V1::new(CHEAP_ACTION).remove("Version").json(&emu).await;
    assert_error(s, &b, 400, "MissingParameter");
    assert!(b["Message"].as_str().unwrap().contains("\"Version\""));
    emu.shutdown().await;
}

#[tokio::test]
async fn v3_headers_that_carry_time_and_nonce_must_be_signed() {
    let emu = start().await;
    let host = emu.addr.to_string();
    let date = now_timestamp(0);
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("host", host.parse().unwrap());
    headers.insert("x-acs-version", "2017-03-21".parse().unwrap());
    headers.insert("x-acs-action", CHEAP_ACTION.parse().unwrap());
    headers.insert("x-acs-date", date.parse().unwrap());
    headers.insert("x-acs-signature-nonce", nonce.parse().unwrap());
    // Leaves out x-acs-date and x-acs-signature-nonce.
    let signed_headers = "host;x-acs-action;x-acs-version";
    let canonical = auth::v3_canonical_request(
        "POST",
        "/",
        &[],
        &headers,
        signed_headers,
        &auth::sha256_hex(b""),
    );
    let signature = auth::v3_sign(DEMO_ACCESS_KEY_SECRET, &auth::v3_string_to_sign(&canonical));
    headers.insert(
        "authorization",
        format!("ACS3-HMAC-SHA256 Credential={DEMO_ACCESS_KEY_ID},SignedHeaders={signed_headers},Signature={signature}")
            .parse()
            .unwrap(),
    );
    let resp = reqwest::Client::new()
        .post(format!("{}/", emu.base_url()))
        .headers(headers)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["Code"], "IncompleteSignature");
    emu.shutdown().await;
}

#[tokio::test]
async fn a_real_action_not_served_is_told_apart_from_a_misspelt_one() {
    let emu = start().await;
    // A real VOD action the emulator does not serve meets every gateway check first...
    let (s, b) = V1::new("SubmitSnapshotJob").secret("wrong").json(&emu).await;
    assert_error(s, &b, 400, "SignatureDoesNotMatch");
    // ...then answers 501 with a code of its own, naming the action.
    let (s, b) = V1::new("SubmitSnapshotJob").json(&emu).await;
    assert_error(s, &b, 501, "Emulator.ActionNotImplemented");
    assert!(b["Message"].as_str().unwrap().contains("SubmitSnapshotJob"), "{b}");
    // A misspelt one (case matters) is VOD's own InvalidAction.NotFound, before the signature.
    for name in ["SubmitSnapshotJobs", "submitsnapshotjob"] {
        let (s, b) = V1::new(name).secret("wrong").json(&emu).await;
        assert_error(s, &b, 404, "InvalidAction.NotFound");
    }
    emu.shutdown().await;
}
