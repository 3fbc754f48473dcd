//! Sign in, sign out, and what the console shell needs to render.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
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

/// Where to go after signing in: only a path on this origin, else `/`.
///
/// Browsers drop tabs and newlines from a URL and read `\` as `/`, so `/\t/evil.example`
/// or `/\evil.example` would leave the site: any control character, whitespace or
/// backslash is refused outright, and the path may not start with `//` before or after
/// percent-decoding (`/%2F/evil.example`, `/%09/evil.example`). What is returned is plain
/// printable ASCII (anything else percent-encoded), so it is always a valid `Location`.
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(checked_next).unwrap_or_else(|| "/".to_string())
}

fn checked_next(next: &str) -> Option<String> {
    fn refused(c: char) -> bool {
        c.is_control() || c.is_whitespace() || c == '\\'
    }
    if !next.starts_with('/') || next.chars().any(refused) {
        return None;
    }
    // Decode until nothing changes (an attacker may encode twice), checking each form.
    let mut form = next.to_string();
    for _ in 0..4 {
        if form.starts_with("//") || form.chars().any(refused) || form.to_ascii_lowercase().starts_with("/api/") {
            return None;
        }
        let decoded = crate::model::percent_decode(&form);
        if decoded == form {
            break;
        }
        form = decoded;
    }
    let mut out = String::with_capacity(next.len());
    for c in next.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_kept_inside_the_console() {
        assert_eq!(safe_next(Some("/media?q=a")), "/media?q=a");
        assert_eq!(safe_next(Some("/media?q=%E8%A7%86%E9%A2%91")), "/media?q=%E8%A7%86%E9%A2%91");
        assert_eq!(safe_next(Some("/media?q=视频")), "/media?q=%E8%A7%86%E9%A2%91");
        assert_eq!(safe_next(Some("/categories#x")), "/categories#x");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn known_open_redirect_bypasses_go_home() {
        for bad in [
            "//evil.example",
            "https://evil.example",
            "HTTPS://evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "evil.example",
            "/\\evil.example",
            "\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/\t/evil.example",
            "/%09/evil.example",
            "/\n/evil.example",
            "/%0A/evil.example",
            "/%0d%0a/evil.example",
            "/\r\n/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%252F/evil.example",
            "/%25252F/evil.example",
            "/ /evil.example",
            "/%20/evil.example",
            "/\u{3000}/evil.example",
            "/%0A",
            "/api/auth/logout",
            "/API/auth/logout",
            "/%61pi/auth/logout",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
    }

    #[test]
    fn the_result_is_always_a_valid_location_header() {
        for next in ["/媒体?x=ü", "/%ZZ", "/%", "/a%2", "/\u{7f}", "/?q=\"quoted\""] {
            let out = safe_next(Some(next));
            assert!(out.bytes().all(|b| (0x21..0x7f).contains(&b)), "{next:?} -> {out:?}");
        }
    }
}

/// Whether the configured VOD answers with these credentials: one cheap signed call
/// (GetCategories, one item). Returns the round-trip time in milliseconds.
#[server(prefix = "/api", endpoint = "session/vod-status")]
pub async fn get_vod_status() -> Result<u64, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::GetCategories>()).await?.ctx;
    let started = std::time::Instant::now();
    // Always a real round trip, never the read cache.
    crate::ssr::categories::probe(&ctx.vod().fresh(true))
        .await
        .map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))?;
    Ok(started.elapsed().as_millis() as u64)
}
