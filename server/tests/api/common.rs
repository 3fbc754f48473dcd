//! A console wired to a real emulator over a real socket, for server-function tests:
//! `VodHarness::start()` spawns the emulator on a free loopback port with fresh demo
//! data, builds the router exactly as the server does, and signs people in by role.

use std::sync::Arc;

use app::model::{EndpointKind, Role};
use app::ssr::{AppState, Settings, VodConnection};
use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use server::{build_router, SecurityConfig};

pub const PASSWORD: &str = "password-for-tests-123";

pub struct VodHarness {
    pub router: Router,
    pub state: AppState,
    pub emulator: emulator::RunningEmulator,
    pub client: vod::Client,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(server::router::SESSION_COOKIE) || v.starts_with(server::router::SECURE_SESSION_COOKIE))
            .map(|v| v.split(';').next().unwrap().to_string())
    }
}

/// The console's router and state over `db`, talking to VOD at `vod_base`, built exactly
/// as the server builds them.
pub fn console(db: sqlx::SqlitePool, client: vod::Client, vod_base: &str, settings: Settings) -> (Router, AppState) {
    let state = AppState {
        leptos_options: leptos::config::LeptosOptions::builder().output_name("vod-console").build(),
        db,
        vod: VodConnection::new(client, EndpointKind::LocalEmulator),
        settings: Arc::new(settings),
        throttle: Arc::default(),
        media: Arc::default(),
    };
    let security = SecurityConfig { media_sources: vod_base.into(), connect_sources: vod_base.into() };
    (build_router(state.clone(), security), state)
}

/// One request through `router`, body read as text.
pub async fn send(router: &Router, req: Request<Body>) -> Reply {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
    Reply { status, headers, body }
}

impl VodHarness {
    pub async fn start() -> VodHarness {
        Self::start_with(|_| {}).await
    }

    /// Starts with a tweaked emulator configuration (faults, limits off, ...).
    pub async fn start_with(tweak: impl FnOnce(&mut emulator::EmulatorConfig)) -> VodHarness {
        Self::start_full(tweak, Settings::default()).await
    }

    /// Starts with a tweaked emulator and the given console settings (e.g. a short undo
    /// window).
    pub async fn start_full(tweak: impl FnOnce(&mut emulator::EmulatorConfig), settings: Settings) -> VodHarness {
        Self::start_tuned(tweak, settings, |c| c).await
    }

    /// Starts with a tweaked emulator, console settings and VOD client configuration
    /// (budget, read cache, deadline).
    pub async fn start_tuned(
        tweak: impl FnOnce(&mut emulator::EmulatorConfig),
        settings: Settings,
        client_tweak: impl FnOnce(vod::ClientConfig) -> vod::ClientConfig,
    ) -> VodHarness {
        let dir = tempfile::tempdir().unwrap();
        let mut config = emulator::EmulatorConfig::new(dir.path().join("emulator"));
        tweak(&mut config);
        let emulator = emulator::spawn(config).await.unwrap();
        let base = emulator.base_url();
        let client = vod::Client::new(
            vod::Credentials::new(emulator::config::DEMO_ACCESS_KEY_ID, emulator::config::DEMO_ACCESS_KEY_SECRET),
            client_tweak(vod::ClientConfig::with_endpoint(&base, "cn-shanghai")),
        )
        .unwrap();
        let db = app::ssr::db::open_in_memory().await.unwrap();
        let (router, state) = console(db, client.clone(), &base, settings);
        VodHarness { router, state, emulator, client, _dir: dir }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        send(&self.router, req).await
    }

    /// A same-origin server-function call as the hydrated app makes it (URL-encoded form).
    pub async fn call(&self, path: &str, form: &str, cookie: &str) -> Reply {
        let req = Request::post(path)
            .header(header::HOST, "console.test")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie);
        self.send(req.body(Body::from(form.to_string())).unwrap()).await
    }

    /// A page load as a browser makes it.
    pub async fn get(&self, path: &str, cookie: &str) -> Reply {
        let req = Request::get(path)
            .header(header::HOST, "console.test")
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie);
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Creates `username` with `role` and returns a signed-in session cookie.
    pub async fn sign_in_as(&self, username: &str, role: Role) -> String {
        app::ssr::accounts::create(&self.state.db, username, PASSWORD, role).await.unwrap();
        let r = self
            .send(
                Request::post("/api/auth/login")
                    .header(header::HOST, "console.test")
                    .header("sec-fetch-site", "same-origin")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .body(Body::from(format!("username={username}&password={PASSWORD}")))
                    .unwrap(),
            )
            .await;
        assert!(r.status.is_success(), "sign-in failed: {} {}", r.status, r.body);
        r.session_cookie().expect("session cookie")
    }

    /// The activity log entries, newest first.
    pub async fn activity(&self) -> Vec<app::model::activity::ActivityEntry> {
        app::ssr::activity::list(&self.state.db, &Default::default(), "UTC").await.unwrap().entries
    }
}

/// A value for a form body or a query string.
pub fn enc(s: &str) -> String {
    app::model::query::encode_component(s)
}

/// The JSON of a successful answer (fails the test with the answer otherwise).
pub fn ok(r: &Reply) -> serde_json::Value {
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    r.json()
}

/// The sentence of an `AppError` answer (either variant that carries one).
pub fn message(r: &Reply) -> String {
    let v = r.json();
    for variant in ["Invalid", "Vod"] {
        if let Some(m) = v[variant]["message"].as_str() {
            return m.to_string();
        }
    }
    panic!("no message in {}", r.body)
}
