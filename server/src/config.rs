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
    /// password is generated and printed once. Prefer the environment or
    /// `--admin-password-file`: a command-line flag is visible to every local user.
    #[arg(long, env = "CONSOLE_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// A file holding the first admin's password (a trailing newline is ignored).
    #[arg(long, env = "CONSOLE_ADMIN_PASSWORD_FILE", conflicts_with = "admin_password")]
    pub admin_password_file: Option<PathBuf>,

    /// The console is served over HTTPS (set this for every HTTPS deployment): the
    /// session cookie is Secure and named `__Host-…`, and responses carry
    /// Strict-Transport-Security.
    #[arg(long, env = "CONSOLE_SECURE_COOKIE", default_value_t = false)]
    pub secure_cookie: bool,

    /// Embedded emulator only: loopback `host:port` pairs its URL pulls really fetch
    /// from (comma-separated), besides its own demo files; other URLs are simulated.
    #[arg(long = "emulator-pull-allow", env = "CONSOLE_EMULATOR_PULL_ALLOW", value_delimiter = ',')]
    pub emulator_pull_allow: Vec<String>,

    /// Reverse proxies (IP addresses, comma-separated) whose `X-Forwarded-For` header
    /// names the client, for sign-in throttling. Off by default: without it the socket
    /// peer is the client, and `X-Forwarded-For` is ignored.
    #[arg(long = "trusted-proxy", env = "CONSOLE_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Seconds a confirmed delete waits, and can be undone, before it is sent to VOD.
    #[arg(long, env = "CONSOLE_UNDO_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub undo_seconds: u64,

    /// Seconds a review decision waits, and can be undone, before it is sent to VOD.
    #[arg(long, env = "CONSOLE_DECISION_SECONDS", default_value_t = 8, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub decision_seconds: u64,

    /// AccessKey ID for Alibaba Cloud VOD. Without it (and the secret) the console runs
    /// against its embedded local emulator.
    #[arg(long, env = "VOD_ACCESS_KEY_ID", hide_env_values = true)]
    pub access_key_id: Option<String>,

    /// AccessKey secret for Alibaba Cloud VOD. Never logged or sent to the browser.
    /// Prefer the environment or `--access-key-secret-file`: a command-line flag is
    /// visible to every local user in the process list.
    #[arg(long, env = "VOD_ACCESS_KEY_SECRET", hide_env_values = true)]
    pub access_key_secret: Option<String>,

    /// A file holding the AccessKey secret (a trailing newline is ignored), e.g. a
    /// mounted secret.
    #[arg(long, env = "VOD_ACCESS_KEY_SECRET_FILE", conflicts_with = "access_key_secret")]
    pub access_key_secret_file: Option<PathBuf>,

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
    /// Parses the command line and environment, reads secret files, and returns warnings
    /// to log (a secret given as a command-line flag).
    pub fn load() -> Result<(Config, Vec<String>), String> {
        use clap::{parser::ValueSource, CommandFactory, FromArgMatches};
        let matches = Config::command().get_matches();
        let mut config = Config::from_arg_matches(&matches).map_err(|e| e.to_string())?;
        let mut warnings = Vec::new();
        for (id, flag, instead) in [
            ("access_key_secret", "--access-key-secret", "VOD_ACCESS_KEY_SECRET or VOD_ACCESS_KEY_SECRET_FILE"),
            ("admin_password", "--admin-password", "CONSOLE_ADMIN_PASSWORD or CONSOLE_ADMIN_PASSWORD_FILE"),
        ] {
            if matches.value_source(id) == Some(ValueSource::CommandLine) {
                warnings.push(format!(
                    "{flag} was given on the command line, where every local user can read it in the process list; use {instead}"
                ));
            }
        }
        config.read_secret_files()?;
        Ok((config, warnings))
    }

    /// Replaces `*_file` options by the secrets they point to.
    pub fn read_secret_files(&mut self) -> Result<(), String> {
        fn read(path: &std::path::Path, what: &str) -> Result<String, String> {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the {what} file {}: {e}", path.display()))?;
            let secret = text.trim_end_matches(['\n', '\r']).to_string();
            if secret.is_empty() {
                return Err(format!("the {what} file {} is empty", path.display()));
            }
            Ok(secret)
        }
        if let Some(path) = self.access_key_secret_file.take() {
            self.access_key_secret = Some(read(&path, "AccessKey secret")?);
        }
        if let Some(path) = self.admin_password_file.take() {
            self.admin_password = Some(read(&path, "admin password")?);
        }
        Ok(())
    }

    pub fn has_credentials(&self) -> bool {
        self.access_key_id.as_deref().is_some_and(|s| !s.is_empty())
            && self.access_key_secret.as_deref().is_some_and(|s| !s.is_empty())
    }
}
