//! Display preferences: language and theme.

use leptos::prelude::*;

use crate::error::AppError;

/// Sets the language (`en`, `zh`) and the theme (`system`, `light`, `dark`): in cookies,
/// and on the account when signed in. A plain form post (JavaScript off) is sent back to
/// the page it came from, now in the chosen language.
#[server(prefix = "/api", endpoint = "prefs/set")]
pub async fn set_preferences(lang: String, theme: String, back: Option<String>) -> Result<(), AppError> {
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
    if let Some(account) = ctx.current_account().await? {
        crate::ssr::prefs::store(&ctx.state.db, account.id, new_locale, new_theme)
            .await
            .map_err(crate::ssr::accounts::internal)?;
    }
    if let Some(response) = ctx.response() {
        crate::ssr::prefs::set_cookies(response, Some(new_locale), Some(new_theme));
    }
    if ctx.is_plain_form() {
        ctx.redirect(&crate::api::auth::safe_next(back.as_deref()));
    }
    Ok(())
}
