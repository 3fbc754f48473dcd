//! `vod-emulator`: runs the local VOD service until SIGTERM or Ctrl-C.

use clap::Parser;
use emulator::config::EmulatorArgs;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = EmulatorArgs::parse();
    if args.list_actions {
        print!("{}", EmulatorArgs::action_listing());
        return std::process::ExitCode::SUCCESS;
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = args.into_config();
    let running = match emulator::spawn(config).await {
        Ok(running) => running,
        Err(e) => {
            tracing::error!(error = %e, "vod emulator failed to start");
            return std::process::ExitCode::FAILURE;
        }
    };
    tracing::info!(base_url = %running.base_url(), "ready");
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.shutdown().await;
    std::process::ExitCode::SUCCESS
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
