//! The client over a real socket, against a small gateway stand-in on 127.0.0.1 that
//! verifies the v1 signature with `vod::signature` and answers like the VOD gateway.

use std::collections::{BTreeMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::json;
use vod::api::*;
use vod::{Client, ClientConfig, Credentials, Error, RetryPolicy, SignatureDiagnosis};

const AK: &str = "LTAI5tTestAccessKey";
const SECRET: &str = "server-side-secret";

#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    path: String,
    content_type: String,
    body: Vec<u8>,
    params: BTreeMap<String, String>,
    signature_ok: bool,
}

type Behaviour = dyn Fn(usize, &Seen) -> Response + Send + Sync;

#[derive(Clone)]
struct Gateway {
    seen: Arc<Mutex<Vec<Seen>>>,
    behaviour: Arc<Behaviour>,
    /// What the gateway does to the parameters before it signs them (an "encoding bug").
    tamper: Option<fn(&mut BTreeMap<String, String>)>,
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

async fn handle(
    State(gw): State<Gateway>,
    method: Method,
    uri: Uri,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut params = BTreeMap::new();
    for pair in q.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        params.insert(decode(k), decode(v));
    }
    let signature = params.remove("Signature").unwrap_or_default();
    let mut signed = params.clone();
    if let Some(t) = gw.tamper {
        t(&mut signed);
    }
    let pairs: Vec<(&str, &str)> = signed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let string_to_sign = vod::signature::string_to_sign(method.as_str(), pairs.iter().copied());
    let signature_ok = vod::signature::sign_string(SECRET, &string_to_sign) == signature;
    let seen = Seen {
        method,
        path: uri.path().to_string(),
        content_type: headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        body: body.to_vec(),
        params,
        signature_ok,
    };
    let n = {
        let mut all = gw.seen.lock().unwrap();
        all.push(seen.clone());
        all.len()
    };
    if !signature_ok {
        return error(
            400,
            "SignatureDoesNotMatch",
            &format!("Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"),
        );
    }
    (gw.behaviour)(n, &seen)
}

fn error(status: u16, code: &str, message: &str) -> Response {
    let body = json!({
        "RequestId": "0E5B4A2C-0000-4000-8000-000000000001",
        "HostId": "vod.cn-shanghai.aliyuncs.com",
        "Code": code,
        "Message": message,
    });
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn ok(body: serde_json::Value) -> Response {
    (
        StatusCode::OK,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

struct Running {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

async fn gateway_with(
    tamper: Option<fn(&mut BTreeMap<String, String>)>,
    behaviour: impl Fn(usize, &Seen) -> Response + Send + Sync + 'static,
) -> Running {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let gw = Gateway {
        seen: seen.clone(),
        behaviour: Arc::new(behaviour),
        tamper,
    };
    let app = Router::new().fallback(handle).with_state(gw);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Running { addr, seen }
}

async fn gateway(behaviour: impl Fn(usize, &Seen) -> Response + Send + Sync + 'static) -> Running {
    gateway_with(None, behaviour).await
}

fn client(addr: SocketAddr, secret: &str) -> Client {
    let config = ClientConfig::with_endpoint(format!("http://{addr}"), "cn-shanghai")
        .timeout(Duration::from_millis(800));
    Client::new(Credentials::new(AK, secret), config).unwrap()
}

fn video_list_body() -> serde_json::Value {
    json!({
        "RequestId": "R1",
        "Total": 1,
        "VideoList": {"Video": [{"VideoId": "v1", "Title": "片名", "Status": "Normal", "CateId": 3,
            "Snapshots": {"Snapshot": ["http://s/1.jpg"]}}]}
    })
}

fn fast_retries(n: u32) -> RetryPolicy {
    RetryPolicy::attempts(n)
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(40))
        .jitter(false)
}

#[tokio::test]
async fn posts_the_signed_parameters_in_the_query_with_an_empty_form_body() {
    let gw = gateway(|_, _| ok(video_list_body())).await;
    let c = client(gw.addr, SECRET);
    assert_eq!(c.endpoint(), format!("http://{}", gw.addr));
    assert_eq!(c.region(), "cn-shanghai");
    let req = GetVideoList {
        status: Some("Normal".into()),
        page_no: Some(1),
        page_size: Some(20),
        ..Default::default()
    };
    let resp: GetVideoListResponse = c.call(&req).await.unwrap();
    assert_eq!(resp.total, Some(1));
    assert_eq!(resp.video_list[0].title, "片名");
    assert_eq!(resp.video_list[0].snapshots, vec!["http://s/1.jpg"]);

    let seen = gw.seen.lock().unwrap()[0].clone();
    assert_eq!(seen.method, Method::POST);
    assert_eq!(seen.path, "/");
    assert!(seen.body.is_empty());
    assert_eq!(seen.content_type, "application/x-www-form-urlencoded");
    assert!(seen.signature_ok);
    let p = &seen.params;
    assert_eq!(p["Action"], "GetVideoList");
    assert_eq!(p["Format"], "JSON");
    assert_eq!(p["Version"], "2017-03-21");
    assert_eq!(p["AccessKeyId"], AK);
    assert_eq!(p["SignatureMethod"], "HMAC-SHA1");
    assert_eq!(p["SignatureVersion"], "1.0");
    assert_eq!(p["Status"], "Normal");
    assert_eq!(p["PageNo"], "1");
    assert_eq!(p["PageSize"], "20");
    assert!(!p.contains_key("CateId"));
    let ts = &p["Timestamp"];
    assert_eq!(ts.len(), 20, "{ts}");
    assert!(ts.ends_with('Z') && &ts[10..11] == "T", "{ts}");
    let nonce = uuid::Uuid::parse_str(&p["SignatureNonce"]).unwrap();
    assert_eq!(nonce.get_version_num(), 4);
}

#[tokio::test]
async fn unicode_and_reserved_characters_survive_the_round_trip() {
    let gw = gateway(|_, _| ok(json!({"RequestId": "R"}))).await;
    let c = client(gw.addr, SECRET);
    let req = UpdateVideoInfo {
        video_id: "v1".into(),
        title: Some("视频 *~+/%&= 🎬".into()),
        tags: Some(vec!["a b".into(), "标签".into()]),
        ..Default::default()
    };
    c.call(&req).await.unwrap();
    let seen = gw.seen.lock().unwrap()[0].clone();
    assert!(seen.signature_ok);
    assert_eq!(seen.params["Title"], "视频 *~+/%&= 🎬");
    assert_eq!(seen.params["Tags"], "a b,标签");
}

#[tokio::test]
async fn sts_token_is_sent_and_signed() {
    let gw = gateway(|_, _| ok(json!({"RequestId": "R"}))).await;
    let config = ClientConfig::with_endpoint(format!("http://{}", gw.addr), "cn-shanghai");
    let c = Client::new(
        Credentials::new(AK, SECRET).with_security_token("CAIS+token/=="),
        config,
    )
    .unwrap();
    c.call(&DeleteCategory { cate_id: 9 }).await.unwrap();
    let seen = gw.seen.lock().unwrap()[0].clone();
    assert!(seen.signature_ok);
    assert_eq!(seen.params["SecurityToken"], "CAIS+token/==");
}

#[tokio::test]
async fn wrong_secret_is_diagnosed_and_nothing_sensitive_leaks() {
    let gw = gateway(|_, _| ok(json!({"RequestId": "R"}))).await;
    let c = client(gw.addr, "not-the-secret");
    let e = c
        .call(&GetVideoInfo::new("v-private-id"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(e.http_status(), Some(400));
    assert_eq!(
        e.signature_diagnosis(),
        Some(&SignatureDiagnosis::WrongSecret)
    );
    assert_eq!(e.request_id(), Some("0E5B4A2C-0000-4000-8000-000000000001"));
    assert_eq!(e.host_id(), Some("vod.cn-shanghai.aliyuncs.com"));
    assert!(!e.is_retryable());
    for text in [
        e.to_string(),
        format!("{e:?}"),
        e.message().unwrap().to_string(),
    ] {
        assert!(!text.contains(AK), "{text}");
        assert!(!text.contains("not-the-secret"), "{text}");
        assert!(!text.contains("v-private-id"), "echo leaked: {text}");
        assert!(!text.contains("SignatureNonce"), "echo leaked: {text}");
    }
    assert!(e.to_string().contains("AccessKey secret is wrong"), "{e}");
}

#[tokio::test]
async fn a_gateway_that_signs_different_text_is_diagnosed_as_an_encoding_bug() {
    fn plus_to_space(p: &mut BTreeMap<String, String>) {
        if let Some(t) = p.get_mut("Title") {
            *t = t.replace('+', " ");
        }
    }
    let gw = gateway_with(Some(plus_to_space), |_, _| ok(json!({"RequestId": "R"}))).await;
    let c = client(gw.addr, SECRET);
    let req = UpdateVideoInfo {
        video_id: "v".into(),
        title: Some("a+b".into()),
        ..Default::default()
    };
    let e = c.call(&req).await.unwrap_err();
    assert_eq!(
        e.signature_diagnosis(),
        Some(&SignatureDiagnosis::EncodingMismatch {
            differing: vec!["Title".to_string()]
        })
    );
    let text = e.to_string();
    assert!(
        text.contains("encoding bug") && text.contains("Title"),
        "{text}"
    );
    assert!(
        !text.contains("a+b") && !text.contains("a b") && !text.contains(AK),
        "{text}"
    );
}

#[tokio::test]
async fn api_errors_are_mapped_with_code_message_and_status() {
    let gw = gateway(|_, _| error(404, "InvalidVideo.NotFound", "The video does not exist.")).await;
    let c = client(gw.addr, SECRET);
    let e = c
        .call_with_retry(&GetVideoInfo::new("v"), fast_retries(3))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("InvalidVideo.NotFound"));
    assert_eq!(e.message(), Some("The video does not exist."));
    assert_eq!(e.http_status(), Some(404));
    assert!(!e.is_retryable());
    assert_eq!(
        gw.seen.lock().unwrap().len(),
        1,
        "a non-retryable error is not retried"
    );
    assert_eq!(
        e.to_string(),
        "VOD rejected GetVideoInfo with InvalidVideo.NotFound (HTTP 404): The video does not exist. Request ID: 0E5B4A2C-0000-4000-8000-000000000001."
    );
}

#[tokio::test]
async fn retries_re_sign_every_attempt_with_a_fresh_nonce() {
    let gw = gateway(|n, _| {
        if n < 3 {
            error(
                503,
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.",
            )
        } else {
            ok(video_list_body())
        }
    })
    .await;
    let c = client(gw.addr, SECRET);
    let resp = c
        .call_with_retry(&GetVideoList::default(), fast_retries(3))
        .await
        .unwrap();
    assert_eq!(resp.video_list.len(), 1);
    let seen = gw.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|s| s.signature_ok));
    let nonces: HashSet<_> = seen
        .iter()
        .map(|s| s.params["SignatureNonce"].clone())
        .collect();
    assert_eq!(nonces.len(), 3, "each attempt carries its own nonce");
}

#[tokio::test]
async fn retries_stop_after_max_attempts() {
    let gw = gateway(|_, _| {
        error(
            500,
            "InternalError",
            "The request processing has failed due to some unknown error.",
        )
    })
    .await;
    let c = client(gw.addr, SECRET);
    let e = c
        .call_with_retry(&GetVideoList::default(), fast_retries(4))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("InternalError"));
    assert!(e.is_retryable());
    assert_eq!(gw.seen.lock().unwrap().len(), 4);
}

#[tokio::test]
async fn throttling_is_retryable_despite_http_400_and_retry_after_is_honoured() {
    let gw = gateway(|n, _| {
        if n == 1 {
            let mut r = error(
                400,
                "Throttling.User",
                "Request was denied due to user flow throttling.",
            );
            r.headers_mut()
                .insert("x-acs-retry-after", "60".parse().unwrap());
            r
        } else {
            ok(json!({"RequestId": "R"}))
        }
    })
    .await;
    let c = client(gw.addr, SECRET);
    // A base delay of 30 s would time the test out: the 60 ms hint must win.
    let policy = RetryPolicy::attempts(2)
        .base_delay(Duration::from_secs(30))
        .max_delay(Duration::from_secs(30))
        .jitter(false);
    let started = Instant::now();
    c.call_with_retry(&DeleteCategory { cate_id: 1 }, policy)
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(60) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    assert_eq!(gw.seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn the_retry_after_hint_is_exposed_on_the_error() {
    let gw = gateway(|_, _| {
        let mut r = error(503, "ServiceUnavailable", "busy");
        r.headers_mut()
            .insert("x-acs-retry-after", "1500".parse().unwrap());
        r
    })
    .await;
    let e = client(gw.addr, SECRET)
        .call(&GetCategories::default())
        .await
        .unwrap_err();
    assert_eq!(e.retry_after(), Some(Duration::from_millis(1500)));
}

#[tokio::test]
async fn creates_are_not_retried_after_an_uncertain_failure() {
    let gw = gateway(|_, _| error(500, "InternalError", "unknown")).await;
    let c = client(gw.addr, SECRET);
    let req = AddCategory {
        cate_name: "n".into(),
        ..Default::default()
    };
    let e = c.call_with_retry(&req, fast_retries(3)).await.unwrap_err();
    assert_eq!(e.code(), Some("InternalError"));
    assert_eq!(
        gw.seen.lock().unwrap().len(),
        1,
        "a create must not be blindly repeated"
    );

    // ... unless the caller opts in,
    let gw = gateway(|_, _| error(500, "InternalError", "unknown")).await;
    let c = client(gw.addr, SECRET);
    let _ = c
        .call_with_retry(&req, fast_retries(3).retry_non_idempotent(true))
        .await
        .unwrap_err();
    assert_eq!(gw.seen.lock().unwrap().len(), 3);

    // ... or the gateway throttled the call before it ran.
    let gw = gateway(|n, _| {
        if n == 1 {
            error(400, "Throttling.User", "Request was denied due to user flow throttling.")
        } else {
            ok(json!({"RequestId": "R", "Category": {"CateId": 42, "CateName": "n", "Level": 0, "Type": "default"}}))
        }
    })
    .await;
    let c = client(gw.addr, SECRET);
    let resp = c.call_with_retry(&req, fast_retries(3)).await.unwrap();
    assert_eq!(resp.category.cate_id, Some(42));
    assert_eq!(gw.seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_hung_gateway_times_out() {
    let gw = gateway(|_, _| ok(json!({}))).await;
    // A second server that accepts the request but never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(30)).await;
        "late"
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    drop(gw);
    let config = ClientConfig::with_endpoint(format!("http://{addr}"), "cn-shanghai")
        .timeout(Duration::from_millis(300));
    let c = Client::new(Credentials::new(AK, SECRET), config).unwrap();
    let started = Instant::now();
    let e = c.call(&GetCategories::default()).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    assert!(e.is_retryable());
    assert!(!e.was_not_processed());
    assert!(
        e.to_string()
            .starts_with("The call to GetCategories timed out"),
        "{e}"
    );
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_connect_error_without_the_url() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config = ClientConfig::with_endpoint(format!("http://127.0.0.1:{port}"), "cn-shanghai");
    let c = Client::new(Credentials::new(AK, SECRET), config).unwrap();
    let e = c.call(&GetCategories::default()).await.unwrap_err();
    assert!(matches!(e, Error::Transport { connect: true, .. }), "{e:?}");
    assert!(e.is_retryable() && e.was_not_processed());
    let text = format!("{e} {e:?}");
    assert!(!text.contains(AK) && !text.contains("Signature"), "{text}");
    assert!(
        !text.contains("127.0.0.1") && !text.contains("http://"),
        "no URL: {text}"
    );
    assert!(
        text.starts_with("The VOD endpoint could not be reached for GetCategories: "),
        "{text}"
    );
}

#[tokio::test]
async fn unreadable_answers_are_decode_errors() {
    let gw = gateway(|n, _| match n {
        1 => (StatusCode::BAD_GATEWAY, "<html>bad gateway</html>").into_response(),
        2 => (StatusCode::OK, "not json").into_response(),
        _ => ok(json!({"RequestId": "R", "VideoList": "", "Total": "x"})),
    })
    .await;
    let c = client(gw.addr, SECRET);
    let e = c.call(&GetVideoList::default()).await.unwrap_err();
    assert!(matches!(e, Error::Decode { status: 502, .. }), "{e:?}");
    assert!(e.is_retryable());
    let e = c.call(&GetVideoList::default()).await.unwrap_err();
    assert!(matches!(e, Error::Decode { status: 200, .. }), "{e:?}");
    assert!(!e.is_retryable());
    // Tolerance: an empty-string list and a non-numeric total do not fail the call.
    let r = c.call(&GetVideoList::default()).await.unwrap();
    assert_eq!(r.total, None);
}

#[tokio::test]
async fn the_injected_clock_and_nonce_are_what_gets_signed() {
    struct Fixed;
    impl vod::NonceSource for Fixed {
        fn nonce(&self) -> String {
            "fixed-nonce".into()
        }
    }
    let gw = gateway(|_, _| ok(json!({"RequestId": "R"}))).await;
    let config = ClientConfig::with_endpoint(format!("http://{}", gw.addr), "cn-shanghai")
        .clock(|| time::macros::datetime!(2026-01-02 03:04:05 UTC))
        .nonce_source(Fixed);
    let c = Client::new(Credentials::new(AK, SECRET), config).unwrap();
    c.call(&DeleteCategory { cate_id: 1 }).await.unwrap();
    let seen = gw.seen.lock().unwrap()[0].clone();
    assert_eq!(seen.params["Timestamp"], "2026-01-02T03:04:05Z");
    assert_eq!(seen.params["SignatureNonce"], "fixed-nonce");
    assert!(seen.signature_ok);
}

#[tokio::test]
async fn clients_are_cheap_clones_sharing_one_pool() {
    let gw = gateway(|_, _| ok(json!({"RequestId": "R"}))).await;
    let c = client(gw.addr, SECRET);
    let mut tasks = Vec::new();
    for i in 0..8 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            c.call(&DeleteCategory { cate_id: i }).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let seen = gw.seen.lock().unwrap();
    assert_eq!(seen.len(), 8);
    assert_eq!(
        seen.iter()
            .map(|s| s.params["SignatureNonce"].clone())
            .collect::<HashSet<_>>()
            .len(),
        8
    );
}
