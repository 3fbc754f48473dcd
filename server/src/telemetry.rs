//! Logging: `RUST_LOG` filters (default `info`). Nothing secret is ever logged: request
//! logs carry the method, path and status, never query strings or bodies.

pub fn init() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
