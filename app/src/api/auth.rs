//! Sign in, sign out, and what the console shell needs to render.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ShellInfo;

/// Who is signed in and which VOD the console talks to. Readable while signed out (the
/// login page shows the endpoint badge too); carries no credentials.
#[server(prefix = "/api", endpoint = "session/info")]
pub async fn get_shell_info() -> Result<ShellInfo, AppError> {
    let state = crate::ssr::auth::state();
    let user = crate::ssr::auth::current_user().await?;
    Ok(ShellInfo { user, endpoint: state.vod.info.clone() })
}

/// Signs in. `next` is where to go afterwards (a path inside the console).
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(username: String, password: String, next: Option<String>) -> Result<(), AppError> {
    crate::ssr::auth::sign_in(&username, &password).await?;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::ssr::auth::sign_out().await?;
    leptos_axum::redirect("/login");
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
