//! Server side of display preferences: the language a request is answered in, the
//! cookies that carry a choice, and the choice stored on the account.

use http::{header, HeaderMap, HeaderValue};
use leptos_i18n::Locale as _;
use leptos_axum::ResponseOptions;
use sqlx::SqlitePool;

use crate::i18n::Locale;
use crate::model::prefs::{cookie_value, locale_from_accept_language, parse_locale, Theme, COOKIE_MAX_AGE, LANG_COOKIE, THEME_COOKIE};

/// The language to answer in: the language cookie (a choice made in the console), else
/// the best match for `Accept-Language`, else English.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    if let Some(l) = cookie(headers, LANG_COOKIE).and_then(parse_locale) {
        return l;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(locale_from_accept_language)
        .unwrap_or_default()
}

/// The theme cookie's value (the system's when unset).
pub fn theme_of(headers: &HeaderMap) -> Theme {
    cookie(headers, THEME_COOKIE).and_then(Theme::parse).unwrap_or_default()
}

/// Cookie `name` of a request (across its `Cookie` headers).
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|c| cookie_value(c, name))
}

/// The language of the request being served (in a server function or a render).
pub fn current_locale() -> Locale {
    leptos::prelude::use_context::<http::request::Parts>().map(|p| locale_of(&p.headers)).unwrap_or_default()
}

/// Adds `Set-Cookie` for the language and the theme to the response.
pub fn set_cookies(response: &ResponseOptions, locale: Option<Locale>, theme: Option<Theme>) {
    let set = |name: &str, value: &str| {
        let cookie = format!("{name}={value}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.append_header(header::SET_COOKIE, v);
        }
    };
    if let Some(l) = locale {
        set(LANG_COOKIE, l.as_str());
    }
    if let Some(t) = theme {
        set(THEME_COOKIE, t.as_str());
    }
}

/// The language and theme stored on an account (`None` where it never chose).
pub async fn stored(db: &SqlitePool, user_id: i64) -> Result<(Option<Locale>, Option<Theme>), sqlx::Error> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT lang, theme FROM users WHERE id = ?").bind(user_id).fetch_optional(db).await?;
    let (lang, theme) = row.unwrap_or_default();
    Ok((lang.as_deref().and_then(parse_locale), theme.as_deref().and_then(Theme::parse)))
}

pub async fn store(db: &SqlitePool, user_id: i64, locale: Locale, theme: Theme) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET lang = ?, theme = ? WHERE id = ?")
        .bind(locale.as_str())
        .bind(theme.as_str())
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}
