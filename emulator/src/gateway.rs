//! (to be written) HTTP entry point: gateway checks, envelopes, QPS, fault injection.
use std::net::SocketAddr;

#[derive(Clone, Debug, Default)]
pub struct FaultConfig {}

pub struct RunningEmulator {
    pub addr: SocketAddr,
}

pub fn router() -> axum::Router {
    axum::Router::new()
}

pub async fn spawn(config: crate::EmulatorConfig) -> std::io::Result<RunningEmulator> {
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    Ok(RunningEmulator { addr })
}
