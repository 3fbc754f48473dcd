//! Command-line and environment configuration. Every option is documented in
//! `vod-console --help` and in the README.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

#[derive(Parser, Clone)]
#[command(name = "vod-console", version, about = "A web console for Alibaba Cloud ApsaraVideo VOD")]
pub struct Config {
    /// Address the console listens on.
    #[arg(long, env = "CONSOLE_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Directory for the console's SQLite files (accounts, sessions, activity log) and,
    /// when no VOD credentials are set, the embedded emulator's data.
    #[arg(long, env = "CONSOLE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Directory with the built site (wasm, js, css, static files).
    #[arg(long, env = "CONSOLE_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Password for the `admin` account created on first start. When unset, a random
    /// password is generated and printed once.
    #[arg(long, env = "CONSOLE_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Mark the session cookie Secure (set this when the console is served over HTTPS).
    #[arg(long, env = "CONSOLE_SECURE_COOKIE", default_value_t = false)]
    pub secure_cookie: bool,

    /// Seconds a confirmed delete waits, and can be undone, before it is sent to VOD.
    #[arg(long, env = "CONSOLE_UNDO_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub undo_seconds: u64,

    /// AccessKey ID for Alibaba Cloud VOD. Without it (and the secret) the console runs
    /// against its embedded local emulator.
    #[arg(long, env = "VOD_ACCESS_KEY_ID", hide_env_values = true)]
    pub access_key_id: Option<String>,

    /// AccessKey secret for Alibaba Cloud VOD. Never logged or sent to the browser.
    #[arg(long, env = "VOD_ACCESS_KEY_SECRET", hide_env_values = true)]
    pub access_key_secret: Option<String>,

    /// Optional STS security token (with temporary credentials).
    #[arg(long, env = "VOD_SECURITY_TOKEN", hide_env_values = true)]
    pub security_token: Option<String>,

    /// VOD region; the endpoint is https://vod.<region>.aliyuncs.com.
    #[arg(long, env = "VOD_REGION", default_value = "cn-shanghai")]
    pub region: String,

    /// Overrides the VOD endpoint URL (e.g. http://127.0.0.1:9000 for a separately run
    /// emulator).
    #[arg(long, env = "VOD_ENDPOINT")]
    pub endpoint: Option<String>,

    /// Milliseconds a page's VOD call may wait for the account's per-action budget
    /// before the page answers 503 with Retry-After (background work waits longer).
    #[arg(long, env = "CONSOLE_VOD_QUEUE_DEADLINE_MS", default_value_t = 5000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub vod_queue_deadline_ms: u64,

    /// Share identical VOD reads in flight and cache reads for a few seconds (lists) to
    /// a minute (category trees, template groups); the console's own changes clear what
    /// they affect.
    #[arg(long, env = "CONSOLE_READ_CACHE", default_value_t = true, action = clap::ArgAction::Set)]
    pub read_cache: bool,

    /// Schedule VOD calls within each action's per-account limit (on by default). Off,
    /// calls go out at once and VOD's throttling answers are retried: only for
    /// comparing the two in benchmarks.
    #[arg(long, env = "CONSOLE_VOD_BUDGET", default_value_t = true, action = clap::ArgAction::Set, hide = true)]
    pub vod_budget: bool,

    /// A second address serving /metrics and /healthz without sign-in (for a Prometheus
    /// scraper). Unset: /metrics is served on the console's address to admins only.
    #[arg(long, env = "CONSOLE_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("site_root", &self.site_root)
            .field("credentials", &self.has_credentials())
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .finish()
    }
}

impl Config {
    pub fn has_credentials(&self) -> bool {
        self.access_key_id.as_deref().is_some_and(|s| !s.is_empty())
            && self.access_key_secret.as_deref().is_some_and(|s| !s.is_empty())
    }
}
