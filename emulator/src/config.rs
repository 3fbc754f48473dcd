//! Emulator configuration shared by the `vod-emulator` binary and the console's
//! embedded instance: [`EmulatorConfig`] (what `spawn` takes) and [`EmulatorArgs`] (the
//! binary's command line, every option also readable from the environment).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::gateway::{ErrorFault, FaultConfig};

/// Documented demo credentials: the emulator accepts these unless told otherwise.
pub const DEMO_ACCESS_KEY_ID: &str = "LTAI5tEmulatorDemoKey";
pub const DEMO_ACCESS_KEY_SECRET: &str = "EmulatorDemoSecretNotForProduction";

#[derive(Clone)]
pub struct EmulatorConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub access_key_id: String,
    pub access_key_secret: String,
    /// Rebuild the demo data set from scratch on start.
    pub reset: bool,
    /// Fault injection: off unless set (see `gateway::faults`).
    pub faults: crate::gateway::FaultConfig,
    /// Serve `/__emulator/faults` (run-time fault injection). Off: that path is a 404.
    pub enable_admin: bool,
    /// Enforce the per-action QPS limits (`Throttling.User`). Off for benchmarks.
    pub throttle: bool,
    /// AccessKeyIds that exist but are disabled (`InvalidAccessKeyId.Inactive`).
    pub inactive_access_key_ids: Vec<String>,
    /// Extra generated images added when the data set is built (fresh or `reset`).
    pub extra_images: usize,
    /// Extra generated videos and audios added when the data set is built.
    pub extra_videos: usize,
    /// Extra generated categories (one wide branch) added when the data set is built.
    pub extra_categories: usize,
    /// Loopback `host:port` pairs a URL pull really fetches from, besides the emulator's
    /// own address (its demo files). Any other URL is simulated, so an editor cannot use
    /// a pull to probe the machine's ports.
    pub pull_allow: Vec<String>,
}

impl EmulatorConfig {
    /// Loopback on a free port, demo credentials, no faults, limits on, admin off.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.into(),
            access_key_id: DEMO_ACCESS_KEY_ID.to_string(),
            access_key_secret: DEMO_ACCESS_KEY_SECRET.to_string(),
            reset: false,
            faults: FaultConfig::default(),
            enable_admin: false,
            throttle: true,
            inactive_access_key_ids: Vec::new(),
            extra_images: 0,
            extra_videos: 0,
            extra_categories: 0,
            pull_allow: Vec::new(),
        }
    }

    /// The extra media to add on top of the demo data set.
    pub fn extras(&self) -> crate::demo::Extras {
        crate::demo::Extras {
            images: self.extra_images,
            videos: self.extra_videos,
            categories: self.extra_categories,
        }
    }
}

impl std::fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("reset", &self.reset)
            .field("faults", &self.faults)
            .field("enable_admin", &self.enable_admin)
            .field("throttle", &self.throttle)
            .field("inactive_access_key_ids", &self.inactive_access_key_ids)
            .field("extra_images", &self.extra_images)
            .field("extra_videos", &self.extra_videos)
            .field("extra_categories", &self.extra_categories)
            .finish()
    }
}

/// A local ApsaraVideo VOD service (API 2017-03-21) for development and tests: it
/// checks signatures (v1 HMAC-SHA1 and V3 ACS3-HMAC-SHA256) like the real gateway and
/// serves an API subset over a persistent demo data set.
#[derive(Debug, Clone, clap::Parser)]
#[command(name = "vod-emulator", version)]
pub struct EmulatorArgs {
    /// Address to listen on (loopback only is recommended; port 0 picks a free port).
    #[arg(long, env = "VOD_EMULATOR_LISTEN", default_value = "127.0.0.1:9000")]
    pub listen: SocketAddr,

    /// Directory holding the SQLite database and generated media.
    #[arg(long, env = "VOD_EMULATOR_DATA_DIR", default_value = "data/emulator")]
    pub data_dir: PathBuf,

    /// Delete the stored state and rebuild the demo data set on start.
    #[arg(long, env = "VOD_EMULATOR_RESET")]
    pub reset: bool,

    /// The only AccessKeyId the emulator accepts (default: the documented demo key).
    #[arg(long, env = "VOD_EMULATOR_ACCESS_KEY_ID", default_value = DEMO_ACCESS_KEY_ID)]
    pub access_key_id: String,

    /// The secret of that AccessKey (default: the documented demo secret). Never logged.
    #[arg(long, env = "VOD_EMULATOR_ACCESS_KEY_SECRET", default_value = DEMO_ACCESS_KEY_SECRET, hide_default_value = true, hide_env_values = true)]
    pub access_key_secret: String,

    /// An AccessKeyId the emulator knows but treats as disabled, answering
    /// `InvalidAccessKeyId.Inactive` (repeatable; comma-separated in the environment).
    #[arg(
        long = "inactive-access-key-id",
        env = "VOD_EMULATOR_INACTIVE_ACCESS_KEY_IDS",
        value_delimiter = ','
    )]
    pub inactive_access_key_ids: Vec<String>,

    /// Serve the admin endpoints: `GET|POST /__emulator/faults` (fault injection at run
    /// time) and `POST /__emulator/clock` (advance the business clock).
    #[arg(long, env = "VOD_EMULATOR_ENABLE_ADMIN")]
    pub enable_admin: bool,

    /// Do not enforce the per-action QPS limits (for benchmarks).
    #[arg(long, env = "VOD_EMULATOR_NO_THROTTLE")]
    pub no_throttle: bool,

    /// Add this many generated images (deterministic IDs and titles, the demo's mix of
    /// ImageTypes) to the demo data set. Only when the data set is built: a fresh data
    /// directory or `--reset`.
    #[arg(long, env = "VOD_EMULATOR_EXTRA_IMAGES", default_value_t = 0)]
    pub extra_images: usize,

    /// Add this many generated videos and audios (deterministic IDs and titles, the
    /// demo's mix of statuses) to the demo data set. Only when the data set is built.
    #[arg(long, env = "VOD_EMULATOR_EXTRA_VIDEOS", default_value_t = 0)]
    pub extra_videos: usize,

    /// Add one wide branch of this many generated categories: a top-level category,
    /// up to 100 children under it, the rest spread over those children as a third
    /// level (at most 10,101). Extra videos and images are spread over it too. Only
    /// when the data set is built.
    #[arg(long, env = "VOD_EMULATOR_EXTRA_CATEGORIES", default_value_t = 0)]
    pub extra_categories: usize,

    /// A loopback `host:port` that URL pulls really fetch from (repeatable;
    /// comma-separated in the environment). The emulator's own address is always
    /// allowed; other URLs are simulated.
    #[arg(long = "pull-allow", env = "VOD_EMULATOR_PULL_ALLOW", value_delimiter = ',')]
    pub pull_allow: Vec<String>,

    /// Fault: add this many milliseconds to every API response.
    #[arg(long, env = "VOD_EMULATOR_FAULT_LATENCY_MS", default_value_t = 0)]
    pub fault_latency_ms: u64,

    /// Fault: `Action:Milliseconds`, added to calls to that action on top of
    /// `--fault-latency-ms` (`*` = every action; repeatable; comma-separated in the
    /// environment).
    #[arg(long = "fault-action-latency", env = "VOD_EMULATOR_FAULT_ACTION_LATENCY", value_delimiter = ',', value_parser = crate::gateway::faults::parse_action_latency)]
    pub fault_action_latency: Vec<(String, u64)>,

    /// Fault: `Action:Code:Rate`, e.g. `GetVideoList:InternalError:0.5` (`*` = every
    /// action; repeatable; comma-separated in the environment).
    #[arg(long = "fault-error", env = "VOD_EMULATOR_FAULT_ERRORS", value_delimiter = ',', value_parser = ErrorFault::parse)]
    pub fault_errors: Vec<ErrorFault>,

    /// Fault: answer every call to this action with `Throttling.User` (repeatable).
    #[arg(
        long = "fault-throttle",
        env = "VOD_EMULATOR_FAULT_THROTTLE",
        value_delimiter = ','
    )]
    pub fault_throttle: Vec<String>,

    /// Fault: never answer calls to this action (repeatable; `*` = every action).
    #[arg(
        long = "fault-hang",
        env = "VOD_EMULATOR_FAULT_HANG",
        value_delimiter = ','
    )]
    pub fault_hang: Vec<String>,

    /// Print the actions this emulator serves, one a line (`Name read` or `Name write`),
    /// and exit without starting.
    #[arg(long)]
    pub list_actions: bool,
}

impl EmulatorArgs {
    /// What `--list-actions` prints: every served action and whether it only reads.
    pub fn action_listing() -> String {
        crate::actions::SERVED
            .iter()
            .map(|s| format!("{} {}\n", s.name, if s.read_only { "read" } else { "write" }))
            .collect()
    }
}

impl EmulatorArgs {
    pub fn into_config(self) -> EmulatorConfig {
        EmulatorConfig {
            listen: self.listen,
            data_dir: self.data_dir,
            access_key_id: self.access_key_id,
            access_key_secret: self.access_key_secret,
            reset: self.reset,
            faults: FaultConfig {
                latency_ms: self.fault_latency_ms,
                action_latency_ms: self.fault_action_latency.into_iter().collect(),
                errors: self.fault_errors,
                throttle: self.fault_throttle,
                hang: self.fault_hang,
                status_overrides: Default::default(),
            },
            enable_admin: self.enable_admin,
            throttle: !self.no_throttle,
            inactive_access_key_ids: self.inactive_access_key_ids,
            pull_allow: self.pull_allow,
            extra_images: self.extra_images,
            extra_videos: self.extra_videos,
            extra_categories: self.extra_categories,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn flags_build_the_config() {
        let args = EmulatorArgs::try_parse_from([
            "vod-emulator",
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
            "/tmp/x",
            "--fault-error",
            "GetVideoList:InternalError:0.5",
            "--fault-throttle",
            "GetCategories",
            "--no-throttle",
            "--extra-images",
            "2000",
            "--extra-videos",
            "6000",
            "--extra-categories",
            "600",
        ])
        .unwrap();
        let config = args.into_config();
        assert_eq!((config.extra_images, config.extra_videos, config.extra_categories), (2000, 6000, 600));
        assert_eq!(config.faults.errors.len(), 1);
        assert_eq!(config.faults.throttle, vec!["GetCategories".to_string()]);
        assert!(!config.throttle);
        assert!(!format!("{config:?}").contains(DEMO_ACCESS_KEY_SECRET));
        assert!(
            EmulatorArgs::try_parse_from(["vod-emulator", "--fault-error", "nonsense"]).is_err()
        );
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        EmulatorArgs::command().debug_assert();
    }
}
