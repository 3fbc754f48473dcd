//! Server side of display preferences: the language a request is answered in, the
//! cookies that carry a choice, and the choice stored on the account.

use http::{header, HeaderMap, HeaderValue};
use leptos_i18n::Locale as _;
use leptos_axum::ResponseOptions;
use sqlx::SqlitePool;

use crate::i18n::Locale;
use crate::model::prefs::{
    cookie_value, default_time_zone, locale_from_accept_language, parse_locale, Theme, COOKIE_MAX_AGE, LANG_COOKIE, THEME_COOKIE,
    TZ_COOKIE,
};
use crate::ui::time::is_known_zone;

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

/// The time zone to show times in: the zone cookie (chosen, or read from the browser),
/// else the language's default.
pub fn time_zone_of(headers: &HeaderMap) -> String {
    match cookie(headers, TZ_COOKIE).filter(|z| is_known_zone(z)) {
        Some(zone) => zone.to_string(),
        None => default_time_zone(locale_of(headers)).to_string(),
    }
}

/// The zone's offset from UTC at an instant (0 for a zone the database does not know).
pub fn offset_at(zone: &str) -> impl Fn(i64) -> i32 + Copy + '_ {
    move |utc| crate::ui::time::offset_seconds(zone, utc).unwrap_or(0)
}

/// Cookie `name` of a request (across its `Cookie` headers).
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|c| cookie_value(c, name))
}

/// The language of the request being served (in a server function or a render).
pub fn current_locale() -> Locale {
    leptos::prelude::use_context::<http::request::Parts>().map(|p| locale_of(&p.headers)).unwrap_or_default()
}

/// A person's display preferences, each `None` until chosen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    pub locale: Option<Locale>,
    pub theme: Option<Theme>,
    pub time_zone: Option<String>,
}

/// Adds `Set-Cookie` for each preference given to the response.
pub fn set_cookies(response: &ResponseOptions, prefs: &Stored) {
    let Stored { locale, theme, time_zone } = prefs;
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
    if let Some(z) = time_zone.as_deref().filter(|z| is_known_zone(z)) {
        set(TZ_COOKIE, z);
    }
}

/// The preferences stored on an account.
pub async fn stored(db: &SqlitePool, user_id: i64) -> Result<Stored, sqlx::Error> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT lang, theme, tz FROM users WHERE id = ?").bind(user_id).fetch_optional(db).await?;
    let (lang, theme, tz) = row.unwrap_or_default();
    Ok(Stored {
        locale: lang.as_deref().and_then(parse_locale),
        theme: theme.as_deref().and_then(Theme::parse),
        time_zone: tz.filter(|z| is_known_zone(z)),
    })
}

/// Stores the preferences given (`None` leaves one as it was).
pub async fn store(db: &SqlitePool, user_id: i64, prefs: &Stored) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET lang = COALESCE(?, lang), theme = COALESCE(?, theme), tz = COALESCE(?, tz) WHERE id = ?")
        .bind(prefs.locale.map(|l| l.as_str()))
        .bind(prefs.theme.map(Theme::as_str))
        .bind(prefs.time_zone.as_deref())
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}
