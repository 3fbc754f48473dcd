//! Sign in, sign out, and what the console shell needs to render.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ShellInfo;

/// Who is signed in and which VOD the console talks to. Readable while signed out (the
/// login page shows the endpoint badge too); carries no credentials.
#[server(prefix = "/api", endpoint = "session/info")]
pub async fn get_shell_info() -> Result<ShellInfo, AppError> {
    let ctx = crate::ssr::auth::Ctx::get()?;
    let user = ctx.once("shell-user".into(), async { ctx.current_user().await }).await?;
    Ok(ShellInfo { user, endpoint: ctx.state.vod.info.clone() })
}

/// Signs in. `next` is where to go afterwards (a path inside the console). A plain form
/// post is redirected there; the hydrated app loads it itself, as a full page load, so
/// the whole frame is rendered for the signed-in user.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(username: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let ctx = crate::ssr::auth::Ctx::get()?;
    ctx.sign_in(&username, &password).await?;
    if ctx.is_plain_form() {
        ctx.redirect(&safe_next(next.as_deref()));
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    let ctx = crate::ssr::auth::Ctx::get()?;
    ctx.sign_out().await?;
    ctx.redirect("/login");
    Ok(())
}

/// Only same-site absolute paths: an open redirect after sign-in would be a phishing aid.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.starts_with("/api/") => {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_kept_inside_the_console() {
        assert_eq!(safe_next(Some("/media?q=a")), "/media?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/api/auth/logout")), "/");
        assert_eq!(safe_next(None), "/");
    }
}

/// Whether the configured VOD answers with these credentials: one cheap signed call
/// (GetCategories, one item). Returns the round-trip time in milliseconds.
#[server(prefix = "/api", endpoint = "session/vod-status")]
pub async fn get_vod_status() -> Result<u64, AppError> {
    let ctx = crate::ssr::require_permission("vod:GetCategories").await?.ctx;
    let started = std::time::Instant::now();
    // Always a real round trip, never the read cache.
    ctx.vod()
        .fresh(true)
        .call(&vod::api::GetCategories { page_size: Some(1), ..Default::default() })
        .await
        .map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))?;
    Ok(started.elapsed().as_millis() as u64)
}
