//! Display preferences: language, theme and time zone.

use leptos::prelude::*;

use crate::error::AppError;

/// Sets the language (`en`, `zh`), the theme (`system`, `light`, `dark`) and, when given,
/// the time zone (an IANA name): in cookies, and on the account when signed in. A plain
/// form post (JavaScript off) is sent back to the page it came from, now in the chosen
/// language.
#[server(prefix = "/api", endpoint = "prefs/set")]
pub async fn set_preferences(lang: String, theme: String, tz: Option<String>, back: Option<String>) -> Result<(), AppError> {
    use crate::model::prefs::{parse_locale, Theme};
    let ctx = crate::ssr::auth::Ctx::get()?;
    let locale = ctx.locale();
    let Some(new_locale) = parse_locale(&lang) else {
        let msg = crate::i18n::td_string!(locale, shell.bad_language).to_string();
        return Err(ctx.respond(AppError::invalid("lang", msg)));
    };
    let Some(new_theme) = Theme::parse(&theme) else {
        let msg = crate::i18n::td_string!(locale, shell.bad_theme).to_string();
        return Err(ctx.respond(AppError::invalid("theme", msg)));
    };
    let time_zone = match tz.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        Some(zone) => Some(known_zone(&ctx, zone)?),
        None => None,
    };
    let prefs = crate::ssr::prefs::Stored { locale: Some(new_locale), theme: Some(new_theme), time_zone };
    save(&ctx, &prefs).await?;
    if ctx.is_plain_form() {
        ctx.redirect(&crate::api::auth::safe_next(back.as_deref()));
    }
    Ok(())
}

/// Sets the time zone times are shown in (the browser's, read once when nobody has
/// chosen one): in a cookie, and on the account when signed in.
#[server(prefix = "/api", endpoint = "prefs/time-zone")]
pub async fn set_time_zone(tz: String) -> Result<(), AppError> {
    let ctx = crate::ssr::auth::Ctx::get()?;
    let zone = known_zone(&ctx, tz.trim())?;
    save(&ctx, &crate::ssr::prefs::Stored { time_zone: Some(zone), ..Default::default() }).await
}

#[cfg(feature = "ssr")]
fn known_zone(ctx: &crate::ssr::auth::Ctx, zone: &str) -> Result<String, AppError> {
    if crate::ui::time::is_known_zone(zone) {
        return Ok(zone.to_string());
    }
    let msg = crate::i18n::td_string!(ctx.locale(), shell.bad_time_zone, name = zone).to_string();
    Err(ctx.respond(AppError::invalid("tz", msg)))
}

#[cfg(feature = "ssr")]
async fn save(ctx: &crate::ssr::auth::Ctx, prefs: &crate::ssr::prefs::Stored) -> Result<(), AppError> {
    if let Some(account) = ctx.current_account().await? {
        crate::ssr::prefs::store(&ctx.state.db, account.id, prefs).await.map_err(crate::ssr::accounts::internal)?;
    }
    if let Some(response) = ctx.response() {
        crate::ssr::prefs::set_cookies(response, prefs);
    }
    Ok(())
}
