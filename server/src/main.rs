#![recursion_limit = "256"]
use std::net::SocketAddr;

use server::{assemble, build_router, telemetry, Config};

/// Stack per worker thread. A page's server render is a deep chain of nested futures; in
/// a debug build the usage page with its nine charts needs more than tokio's 2 MiB.
const WORKER_STACK: usize = 8 * 1024 * 1024;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK)
        .build()
        .expect("the async runtime starts");
    runtime.block_on(serve());
}

async fn serve() {
    let (config, warnings) = match Config::load() {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("vod-console: {e}");
            std::process::exit(2);
        }
    };
    telemetry::init();
    for warning in warnings {
        tracing::warn!("{warning}");
    }
    if let Err(e) = run(config).await {
        tracing::error!("{e}");
        std::process::exit(1);
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let assembled = assemble(&config, Default::default()).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let info = &assembled.state.vod.info;
    tracing::info!(endpoint = %info.host, region = %info.region, kind = info.kind.label(), "VOD endpoint");
    // One write, so whoever reads the output sees the whole block at once.
    let mut banner = format!(
        "VOD Console is running at http://{addr}/\n  VOD: {} ({}, region {})\n",
        info.kind.label(),
        info.host,
        info.region
    );
    if let Some(password) = &assembled.admin_password {
        banner.push_str(&format!(
            "  First sign-in: user `admin`, password `{password}`\n  (shown only this once; change it on the Users page or set CONSOLE_ADMIN_PASSWORD)\n"
        ));
    }
    if let Some(metrics_addr) = config.metrics_listen {
        let metrics_listener = tokio::net::TcpListener::bind(metrics_addr).await?;
        let metrics = app::ssr::ops::open_routes().with_state(assembled.state.clone());
        banner.push_str(&format!("  Metrics: http://{}/metrics (no sign-in)\n", metrics_listener.local_addr()?));
        tokio::spawn(async move {
            if let Err(e) = axum::serve(metrics_listener, metrics).await {
                tracing::error!("metrics listener stopped: {e}");
            }
        });
    }
    banner.push_str("  Press Ctrl+C to stop.\n");
    print!("{banner}");
    let app = build_router(assembled.state.clone(), assembled.security.clone());
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    drop(assembled);
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async { tokio::signal::ctrl_c().await.ok() };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
