//! The `vod-console` server: configuration, state assembly, the router and its
//! security layer. `main.rs` only parses the configuration and calls [`run`].
#![recursion_limit = "256"]

pub mod config;
pub mod router;
pub mod security;
pub mod telemetry;

use std::sync::Arc;

use app::model::EndpointKind;
use app::ssr::{AppState, Settings, VodConnection};
use leptos::config::LeptosOptions;

pub use config::Config;
pub use router::build_router;
pub use security::SecurityConfig;

/// Everything `main` starts: state, the security configuration, and (when there are no
/// credentials) the embedded emulator, which must live as long as the server.
pub struct Assembled {
    pub state: AppState,
    pub security: SecurityConfig,
    pub emulator: Option<emulator::RunningEmulator>,
    /// The generated first admin password, to print once.
    pub admin_password: Option<String>,
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    // `scripts/build.sh` puts the js, the wasm and its lazily loaded chunks in a directory
    // named by their content hash, `pkg/<hash>/`, and lists it in `hash.txt` (with the
    // stylesheet's hashed name). Without that file (a build by other means) they are in
    // `pkg/` itself.
    let hash_file = std::path::absolute(config.site_root.join("hash.txt")).unwrap_or_else(|_| config.site_root.join("hash.txt"));
    let bundle = std::fs::read_to_string(&hash_file)
        .ok()
        .and_then(|hashes| hashes.lines().find_map(|l| l.trim().strip_prefix("bundle:")).map(|h| h.trim().to_string()));
    let pkg_dir = match bundle {
        Some(hash) => format!("pkg/{hash}"),
        None => "pkg".to_string(),
    };
    LeptosOptions::builder()
        .output_name("vod-console")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir(pkg_dir)
        .site_addr(config.listen)
        .env(leptos::config::Env::PROD)
        .hash_file(std::sync::Arc::<str>::from(hash_file.display().to_string()))
        .build()
}

fn is_loopback_url(url: &str) -> bool {
    let host = url.split("://").nth(1).unwrap_or(url).split(['/', ':']).next().unwrap_or("");
    host == "127.0.0.1" || host == "localhost" || host == "[::1]"
}

pub async fn assemble(config: &Config, settings: Settings) -> Result<Assembled, Box<dyn std::error::Error>> {
    let db = app::ssr::db::open(&config.data_dir).await?;
    let admin_password = app::ssr::accounts::ensure_admin(&db, config.admin_password.as_deref())
        .await
        .map_err(|e| format!("cannot create the first admin: {e}"))?;

    // One budget and one read cache for every call of this AccessKey.
    let tune = |c: vod::ClientConfig| {
        let budget: Arc<dyn vod::Budget> =
            if config.vod_budget { Arc::new(vod::LocalBudget::default()) } else { Arc::new(vod::budget::Unlimited) };
        c.budget(budget)
            .queue_deadline(std::time::Duration::from_millis(config.vod_queue_deadline_ms))
            .read_cache(config.read_cache)
    };
    let (vod, emulator, security) = if config.has_credentials() {
        let mut credentials = vod::Credentials::new(
            config.access_key_id.clone().unwrap_or_default(),
            config.access_key_secret.clone().unwrap_or_default(),
        );
        if let Some(token) = config.security_token.clone().filter(|t| !t.is_empty()) {
            credentials = credentials.with_security_token(token);
        }
        let client_config = match &config.endpoint {
            Some(url) => vod::ClientConfig::with_endpoint(url, &config.region),
            None => vod::ClientConfig::for_region(&config.region),
        };
        let client = vod::Client::new(credentials, tune(client_config))?;
        let local = config.endpoint.as_deref().is_some_and(is_loopback_url);
        let origin = config.endpoint.clone().unwrap_or_default();
        let security = if local {
            SecurityConfig { media_sources: origin.clone(), connect_sources: origin }
        } else {
            SecurityConfig { media_sources: "https:".into(), connect_sources: "https:".into() }
        };
        let kind = if local { EndpointKind::LocalEmulator } else { EndpointKind::AlibabaCloud };
        (VodConnection::new(client, kind), None, security)
    } else {
        let mut emulator_config = emulator::EmulatorConfig::new(config.data_dir.join("emulator"));
        emulator_config.pull_allow = config.emulator_pull_allow.clone();
        let running = emulator::spawn(emulator_config).await?;
        let base = running.base_url();
        let client = vod::Client::new(
            vod::Credentials::new(emulator::config::DEMO_ACCESS_KEY_ID, emulator::config::DEMO_ACCESS_KEY_SECRET),
            tune(vod::ClientConfig::with_endpoint(&base, &config.region)),
        )?;
        let security = SecurityConfig { media_sources: base.clone(), connect_sources: base };
        (VodConnection::new(client, EndpointKind::LocalEmulator), Some(running), security)
    };

    let state = AppState {
        leptos_options: leptos_options(config),
        db,
        vod,
        settings: Arc::new(Settings {
            secure_cookie: config.secure_cookie,
            trusted_proxies: config.trusted_proxies.clone(),
            undo_window: std::time::Duration::from_secs(config.undo_seconds),
            decision_window: std::time::Duration::from_secs(config.decision_seconds),
            ..settings
        }),
        throttle: Arc::default(),
        media: Arc::default(),
    };
    // Deletes queued before a restart run (or are closed) as if the console had not stopped.
    app::ssr::delete_queue::resume(&state).await?;
    // Review decisions likewise: pending ones are sent when due.
    app::ssr::audit::resume(&state).await?;
    Ok(Assembled { state, security, emulator, admin_password })
}
