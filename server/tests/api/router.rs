//! Router tests: `oneshot` requests against the real `build_router` with an in-memory
//! database — sign-in, session rotation, timeouts, throttling, 401/403, CSRF, headers.

use std::time::Duration;

use app::ssr::{AppState, Settings};
use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};

use crate::common::{console, send, Reply};

const ADMIN_PASSWORD: &str = "admin-password-for-tests";

struct Harness {
    router: Router,
    state: AppState,
}

async fn harness(settings: Settings) -> Harness {
    let db = app::ssr::db::open_in_memory().await.unwrap();
    app::ssr::accounts::ensure_admin(&db, Some(ADMIN_PASSWORD)).await.unwrap();
    harness_on(db, settings)
}

/// A router over an existing database, as a (re)started server would build it.
fn harness_on(db: sqlx::SqlitePool, settings: Settings) -> Harness {
    let client = vod::Client::new(
        vod::Credentials::new("test-id", "test-secret"),
        vod::ClientConfig::with_endpoint("http://127.0.0.1:9", "cn-shanghai"),
    )
    .unwrap();
    let (router, state) = console(db, client, "http://127.0.0.1:9", settings);
    Harness { router, state }
}

impl Harness {
    async fn send(&self, req: Request<Body>) -> Reply {
        send(&self.router, req).await
    }

    /// A same-origin server-function call as the hydrated app makes it.
    async fn call(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::HOST, "console.test")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_string())).unwrap()).await
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::HOST, "console.test").header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    async fn login(&self, user: &str, password: &str, cookie: Option<&str>) -> Reply {
        self.call("/api/auth/login", &format!("username={user}&password={password}"), cookie).await
    }

    async fn login_cookie(&self, user: &str, password: &str) -> String {
        let r = self.login(user, password, None).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "sign-in failed: {} {}", r.status, r.body);
        r.session_cookie().expect("session cookie")
    }
}

#[tokio::test]
async fn sign_in_sets_a_session_and_shell_info_names_the_user() {
    let h = harness(Settings::default()).await;
    let cookie = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let info = h.call("/api/session/info", "", Some(&cookie)).await;
    assert_eq!(info.status, StatusCode::OK);
    assert!(info.body.contains("\"username\":\"admin\""), "{}", info.body);
    assert!(info.body.contains("\"role\":\"admin\""));
    assert!(info.body.contains("LocalEmulator"));
    let anon = h.call("/api/session/info", "", None).await;
    assert!(anon.body.contains("\"user\":null"), "{}", anon.body);
}

#[tokio::test]
async fn session_id_is_cycled_at_sign_in() {
    let h = harness(Settings::default()).await;
    // A session that exists before sign-in (e.g. planted by an attacker)...
    let pre = h.login("admin", "wrong-password-123", None).await;
    assert_eq!(pre.status, StatusCode::BAD_REQUEST);
    let first = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let second = h.login("admin", ADMIN_PASSWORD, Some(&first)).await.session_cookie().expect("new cookie");
    assert_ne!(first, second, "signing in again must issue a new session id");
    // ...and the old id no longer works.
    let old = h.call("/api/users/list", "", Some(&first)).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = h.call("/api/users/list", "", Some(&second)).await;
    assert_eq!(new.status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_user_and_wrong_password_get_the_same_answer() {
    let h = harness(Settings::default()).await;
    let unknown = h.login("nobody", "whatever-password", None).await;
    let wrong = h.login("admin", "whatever-password", None).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(unknown.body, wrong.body);
    assert!(unknown.body.contains("BadCredentials"));
}

/// A sign-in from `peer` (the socket address the server sees), with extra headers.
async fn login_from(h: &Harness, peer: &str, headers: &[(&str, &str)], user: &str, password: &str) -> Reply {
    let mut req = Request::post("/api/auth/login")
        .header(header::HOST, "console.test")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut req = req.body(Body::from(format!("username={user}&password={password}"))).unwrap();
    let addr: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    h.send(req).await
}

#[tokio::test]
async fn failed_sign_ins_slow_down_that_address_for_that_account_only() {
    let h = harness(Settings::default()).await;
    for _ in 0..5 {
        assert_eq!(login_from(&h, "203.0.113.9", &[], "admin", "not-the-password").await.status, StatusCode::BAD_REQUEST);
    }
    // The guessing address now waits, even with the right password...
    let blocked = login_from(&h, "203.0.113.9", &[], "admin", ADMIN_PASSWORD).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let err: app::error::AppError = serde_json::from_str(&blocked.body).unwrap();
    assert_eq!(err.to_string(), "Too many failed sign-in attempts for this account from your network address. Try again in 30 seconds.");
    assert_eq!(blocked.headers[header::RETRY_AFTER], "30");
    // ...while the administrator, from their own address, is not locked out.
    assert!(login_from(&h, "198.51.100.4", &[], "admin", ADMIN_PASSWORD).await.status.is_success());
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_address() {
    let h = harness(Settings { max_failures_per_ip: 3, ..Settings::default() }).await;
    for name in ["a", "b", "c"] {
        h.login(name, "not-the-password", None).await;
    }
    let blocked = h.login("admin", ADMIN_PASSWORD, None).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let err: app::error::AppError = serde_json::from_str(&blocked.body).unwrap();
    assert_eq!(err.to_string(), "Too many failed sign-in attempts from your network address. Try again in 15 minutes.");
}

/// Concurrent wrong passwords are counted as they start, not after the hash: of a burst
/// of 12 at once, at most 5 get their password checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_guesses_cannot_outrun_the_throttle() {
    let h = std::sync::Arc::new(harness(Settings::default()).await);
    let tries = (0..12).map(|i| {
        let h = h.clone();
        tokio::spawn(async move { login_from(&h, "192.0.2.77", &[], "admin", &format!("guess-{i}-password")).await.status })
    });
    let statuses: Vec<StatusCode> = futures_util::future::join_all(tries).await.into_iter().map(Result::unwrap).collect();
    let checked = statuses.iter().filter(|s| **s == StatusCode::BAD_REQUEST).count();
    let throttled = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, throttled), (5, 7), "{statuses:?}");
}

/// `X-Forwarded-For` names the client only when the peer is a configured proxy.
#[tokio::test]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    let proxy = "10.0.0.2";
    let h = harness(Settings { trusted_proxies: vec![proxy.parse().unwrap()], ..Settings::default() }).await;
    for _ in 0..5 {
        login_from(&h, proxy, &[("x-forwarded-for", "203.0.113.50")], "admin", "wrong-password").await;
    }
    // Through the proxy, the guesser is delayed; another client behind it is not.
    let guesser = login_from(&h, proxy, &[("x-forwarded-for", "203.0.113.50")], "admin", ADMIN_PASSWORD).await;
    assert_eq!(guesser.status, StatusCode::TOO_MANY_REQUESTS);
    let other = login_from(&h, proxy, &[("x-forwarded-for", "1.2.3.4, 203.0.113.60")], "admin", ADMIN_PASSWORD).await;
    assert!(other.status.is_success(), "{}", other.body);
    // A client that is not the proxy cannot choose its address with the header.
    let untrusted = harness(Settings::default()).await;
    for i in 0..5 {
        let spoof = format!("203.0.113.{i}");
        login_from(&untrusted, "192.0.2.9", &[("x-forwarded-for", spoof.as_str())], "admin", "wrong-password").await;
    }
    let r = login_from(&untrusted, "192.0.2.9", &[("x-forwarded-for", "198.51.100.1")], "admin", ADMIN_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

/// After signing in, `next` never leads off the site, and no `next` drops the connection.
#[tokio::test]
async fn next_after_sign_in_stays_on_the_site_and_never_panics() {
    let h = harness(Settings::default()).await;
    let cookie = h.login_cookie("admin", ADMIN_PASSWORD).await;
    for next in ["%2F%09%2Fevil.example", "%2F%0A", "%2F%5Cevil.example", "%2F%2F%2Fevil.example", "%2F%252F%2Fevil.example", "%2F%0D%0ASet-Cookie%3A%20x%3D1"] {
        let r = h.get(&format!("/login?next={next}"), Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::FOUND, "{next}: {}", r.body);
        assert_eq!(r.headers[header::LOCATION], "/", "{next}");
        // The same through the no-JavaScript form post.
        let form = h
            .send(
                Request::post("/api/auth/login")
                    .header(header::HOST, "console.test")
                    .header("sec-fetch-site", "same-origin")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "text/html")
                    .body(Body::from(format!("username=admin&password={ADMIN_PASSWORD}&next={next}")))
                    .unwrap(),
            )
            .await;
        assert_eq!(form.status, StatusCode::FOUND, "{next}");
        assert_eq!(form.headers[header::LOCATION], "/", "{next}");
    }
    let r = h.get("/login?next=%2Fmedia%3Fq%3D%E8%A7%86", Some(&cookie)).await;
    assert_eq!(r.headers[header::LOCATION], "/media?q=%E8%A7%86");
}

/// A crafted error in the sign-in page's URL cannot put words in the page.
#[tokio::test]
async fn the_sign_in_page_shows_only_its_own_messages() {
    use base64::Engine as _;
    let h = harness(Settings::default()).await;
    for err in [
        r#"{"NotFound":"Your account is suspended: call +1 555 0100"}"#,
        r#"{"Invalid":{"field":"username","message":"Your account is suspended: call +1 555 0100"}}"#,
        r#"{"Transport":"Your account is suspended: call +1 555 0100"}"#,
    ] {
        let encoded = base64::engine::general_purpose::URL_SAFE.encode(err);
        let page = h.get(&format!("/login?__path=%2Fapi%2Fauth%2Flogin&__err={encoded}"), None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("role=\"alert\""), "the page shows an error: {}", page.body);
        assert!(!page.body.contains("suspended"), "{err}: {}", page.body);
    }
}

/// Over HTTPS (`secure_cookie`), the session cookie is `__Host-` prefixed and every
/// response carries Strict-Transport-Security; over plain HTTP neither.
#[tokio::test]
async fn https_deployments_get_a_host_only_cookie_and_hsts() {
    let h = harness(Settings { secure_cookie: true, ..Settings::default() }).await;
    let r = h.login("admin", ADMIN_PASSWORD, None).await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-vod_console_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
    assert_eq!(r.headers[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000; includeSubDomains");
    let page = h.get("/login", None).await;
    assert!(page.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));

    let plain = harness(Settings::default()).await;
    let r = plain.login("admin", ADMIN_PASSWORD, None).await;
    assert!(r.headers[header::SET_COOKIE].to_str().unwrap().starts_with("vod_console_session="));
    assert!(!r.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}

#[tokio::test]
async fn unauthenticated_is_401_and_unauthorised_is_403() {
    let h = harness(Settings::default()).await;
    assert_eq!(h.call("/api/users/list", "", None).await.status, StatusCode::UNAUTHORIZED);
    app::ssr::accounts::create(&h.state.db, "viewer1", "viewer-password-1", app::model::Role::Viewer).await.unwrap();
    let viewer = h.login_cookie("viewer1", "viewer-password-1").await;
    let denied = h.call("/api/users/list", "", Some(&viewer)).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert!(denied.body.contains("console:users"), "{}", denied.body);
    let create = h.call("/api/users/create", "username=x1&password=long-enough-pass&role=admin", Some(&viewer)).await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    assert!(app::ssr::accounts::find_for_login(&h.state.db, "x1").await.unwrap().is_none());
}

#[tokio::test]
async fn admin_manages_users_and_disabling_ends_their_sessions() {
    let h = harness(Settings::default()).await;
    let admin = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let bad = h.call("/api/users/create", "username=bob&password=short&role=editor", Some(&admin)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("at least 12 characters"), "{}", bad.body);
    let ok = h.call("/api/users/create", "username=bob&password=bob-password-long&role=editor", Some(&admin)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let bob = h.login_cookie("bob", "bob-password-long").await;
    assert_eq!(h.call("/api/session/info", "", Some(&bob)).await.body.contains("\"bob\""), true);

    let off = h.call("/api/users/set-disabled", "username=bob&disabled=true", Some(&admin)).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert!(h.call("/api/session/info", "", Some(&bob)).await.body.contains("\"user\":null"));
    assert_eq!(h.login("bob", "bob-password-long", None).await.status, StatusCode::BAD_REQUEST);

    let self_off = h.call("/api/users/set-disabled", "username=admin&disabled=true", Some(&admin)).await;
    assert_eq!(self_off.status, StatusCode::BAD_REQUEST);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM activity WHERE username = 'admin'").fetch_one(&h.state.db).await.unwrap();
    assert_eq!(n, 2, "create and disable are in the activity log");
}

#[tokio::test]
async fn sign_out_flushes_the_session() {
    let h = harness(Settings::default()).await;
    let cookie = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let out = h.call("/api/auth/logout", "", Some(&cookie)).await;
    assert!(out.status.is_success() || out.status.is_redirection(), "{}", out.status);
    assert_eq!(h.call("/api/users/list", "", Some(&cookie)).await.status, StatusCode::UNAUTHORIZED);
}

/// A request that loaded the session before sign-out and finishes after it must not
/// write the session back (every signed-in request saves it to push the idle deadline).
#[tokio::test]
async fn a_request_in_flight_at_sign_out_does_not_undo_it() {
    let h = std::sync::Arc::new(crate::common::VodHarness::start_with(|c| c.faults.latency_ms = 600).await);
    // The slow call must have loaded the session before the sign-out; on a busy machine
    // it may start too late (it is then refused, proving nothing), so try a few times.
    let mut proved = 0;
    for attempt in 0..5 {
        let cookie = h.sign_in_as(&format!("eve{attempt}"), app::model::Role::Admin).await;
        let slow = tokio::spawn({
            let (h, cookie) = (h.clone(), cookie.clone());
            async move { h.call("/api/session/vod-status", "", &cookie).await }
        });
        tokio::time::sleep(Duration::from_millis(150)).await;
        let out = h.call("/api/auth/logout", "", &cookie).await;
        assert!(out.status.is_success() || out.status.is_redirection(), "{}", out.status);
        let slow = slow.await.unwrap();
        for c in std::iter::once(cookie).chain(slow.session_cookie()) {
            let info = h.call("/api/session/info", "", &c).await;
            assert!(info.body.contains("\"user\":null"), "signed in again with {c}: {}", info.body);
        }
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&h.state.db).await.unwrap();
        assert_eq!(n, 0, "the ended session was written back");
        if slow.status == StatusCode::OK {
            proved += 1;
            break;
        }
        assert_eq!(slow.status, StatusCode::UNAUTHORIZED, "{}", slow.body);
    }
    assert_eq!(proved, 1, "the slow call never began signed in");
    assert!(h.emulator.state().calls("GetCategories") >= 1);
}

#[tokio::test]
async fn the_session_store_never_recreates_a_deleted_session() {
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;
    let db = app::ssr::db::open_in_memory().await.unwrap();
    let store = app::ssr::session_store::SqliteSessionStore::new(db, Default::default());
    let mut record = Record {
        id: Id::default(),
        data: [("uid".to_string(), serde_json::json!(1))].into_iter().collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::minutes(5),
    };
    store.create(&mut record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_some());
    record.expiry_date += time::Duration::minutes(5);
    store.save(&record).await.unwrap();
    assert_eq!(store.load(&record.id).await.unwrap().unwrap().expiry_date.unix_timestamp(), record.expiry_date.unix_timestamp());
    store.delete(&record.id).await.unwrap();
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none(), "save brought a deleted session back");
}

/// The sessions' clock is moved forward instead of waited for: the timeouts are the
/// real 30 minutes and 12 hours.
#[tokio::test]
async fn idle_timeout_ends_the_session() {
    let clock = app::ssr::state::SessionClock::default();
    let settings = Settings { clock: clock.clone(), ..Settings::default() };
    let idle = settings.idle_timeout;
    let h = harness(settings).await;
    let cookie = h.login_cookie("admin", ADMIN_PASSWORD).await;
    assert_eq!(h.call("/api/users/list", "", Some(&cookie)).await.status, StatusCode::OK);
    clock.advance(idle - Duration::from_secs(60));
    assert_eq!(h.call("/api/users/list", "", Some(&cookie)).await.status, StatusCode::OK, "a minute before the idle timeout");
    clock.advance(idle + Duration::from_secs(1));
    assert_eq!(h.call("/api/users/list", "", Some(&cookie)).await.status, StatusCode::UNAUTHORIZED, "idle for longer than the timeout");
}

#[tokio::test]
async fn activity_extends_the_idle_timeout_but_not_the_absolute_one() {
    let clock = app::ssr::state::SessionClock::default();
    let (idle, absolute) = (Duration::from_secs(20 * 60), Duration::from_secs(30 * 60));
    let h = harness(Settings { idle_timeout: idle, absolute_timeout: absolute, clock: clock.clone(), ..Settings::default() }).await;
    let cookie = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let step = Duration::from_secs(12 * 60);
    for n in 1..=2 {
        clock.advance(step);
        // 24 minutes after sign-in is past the idle timeout: only activity kept it alive.
        assert_eq!(h.call("/api/users/list", "", Some(&cookie)).await.status, StatusCode::OK, "still active after {n} × 12 min");
    }
    clock.advance(step);
    // 12 minutes idle (under 20), but 36 minutes since sign-in (over 30).
    assert_eq!(h.call("/api/users/list", "", Some(&cookie)).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let h = harness(Settings::default()).await;
    let form = format!("username=admin&password={ADMIN_PASSWORD}");
    let send = |site: Option<&'static str>, origin: Option<&'static str>| {
        let mut req = Request::post("/api/auth/login")
            .header(header::HOST, "console.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        req.body(Body::from(form.clone())).unwrap()
    };
    for (site, origin) in [
        (Some("cross-site"), None),
        (Some("same-site"), Some("http://console.test")),
        (Some("none"), None),
        (None, Some("http://evil.test")),
        (None, None),
    ] {
        let r = h.send(send(site, origin)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "site {site:?} origin {origin:?}");
        assert!(r.session_cookie().is_none());
    }
    // Without Sec-Fetch-Site, a matching Origin is accepted.
    let ok = h.send(send(None, Some("http://console.test"))).await;
    assert_ne!(ok.status, StatusCode::FORBIDDEN);
    // Server functions refuse GET for state changes: they are registered POST-only.
    let get = h.get("/api/auth/logout", None).await;
    assert_ne!(get.status, StatusCode::OK);
}

#[tokio::test]
async fn protected_pages_redirect_to_login_and_pages_carry_security_headers() {
    let h = harness(Settings::default()).await;
    let r = h.get("/media?q=x", None).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/login?next=/media%3Fq%3Dx");

    let login = h.get("/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
    let csp = login.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().to_string();
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(login.body.contains(&format!("nonce=\"{nonce}\"")), "scripts carry the CSP nonce");
    assert_eq!(login.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(login.headers.get(header::REFERRER_POLICY).unwrap(), "same-origin");
    assert_eq!(login.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    // A new nonce for every response.
    let again = h.get("/login", None).await;
    assert_ne!(again.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap(), csp);

    let cookie = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let page = h.get("/media", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(page.body.contains("data-testid=\"endpoint-badge\""));
    assert!(page.body.contains("local emulator"));

    let missing = h.get("/no-such-page", Some(&cookie)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("This page does not exist."));
}

#[tokio::test]
async fn navigation_shows_only_permitted_sections() {
    let h = harness(Settings::default()).await;
    app::ssr::accounts::create(&h.state.db, "vera", "vera-password-1", app::model::Role::Viewer).await.unwrap();
    let viewer = h.login_cookie("vera", "vera-password-1").await;
    let page = h.get("/", Some(&viewer)).await;
    assert!(page.body.contains("href=\"/media\""), "{} {}", page.status, page.body);
    assert!(!page.body.contains("href=\"/users\""));
    assert!(!page.body.contains("href=\"/activity\""));
    let admin = h.login_cookie("admin", ADMIN_PASSWORD).await;
    let page = h.get("/", Some(&admin)).await;
    assert!(page.body.contains("href=\"/users\""));
}

#[tokio::test]
async fn a_restart_keeps_people_signed_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = app::ssr::db::open(dir.path()).await.unwrap();
    app::ssr::accounts::ensure_admin(&db, Some(ADMIN_PASSWORD)).await.unwrap();
    let cookie = harness_on(db.clone(), Settings::default()).login_cookie("admin", ADMIN_PASSWORD).await;
    db.close().await;

    // A new process: a new pool on the same files, a new router.
    let again = harness_on(app::ssr::db::open(dir.path()).await.unwrap(), Settings::default());
    let r = again.call("/api/users/list", "", Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("admin"));
}
