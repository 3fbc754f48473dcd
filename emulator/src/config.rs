//! Emulator configuration shared by the `vod-emulator` binary and the console's
//! embedded instance.

use std::net::SocketAddr;
use std::path::PathBuf;

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
}

impl std::fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("reset", &self.reset)
            .finish()
    }
}
