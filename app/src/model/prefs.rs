//! A person's display preferences: language and colour theme. Both live in cookies (so
//! the sign-in page and the first byte of every page follow them) and, once signed in,
//! on the account (so they follow the person to another browser).

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// leptos_i18n's cookie: the server renders in this language and the browser keeps it.
pub const LANG_COOKIE: &str = "i18n_pref_locale";
pub const THEME_COOKIE: &str = "vod_console_theme";
/// A year, in seconds.
pub const COOKIE_MAX_AGE: i64 = 365 * 24 * 60 * 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follows the operating system (`prefers-color-scheme`).
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A language code as the switch and the cookie spell it (`en`, `zh`).
pub fn parse_locale(s: &str) -> Option<Locale> {
    use leptos_i18n::Locale as _;
    Locale::get_all().iter().copied().find(|l| l.as_str() == s)
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v.trim())
    })
}

/// The best of our languages for an `Accept-Language` header, by its `q` weights; `None`
/// when it names none of them.
pub fn locale_from_accept_language(header: &str) -> Option<Locale> {
    let mut ranges: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.split(';');
            let tag = bits.next()?.trim();
            let q = bits
                .find_map(|b| b.trim().strip_prefix("q="))
                .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                .unwrap_or(1.0);
            (!tag.is_empty() && q > 0.0).then_some((q, i, tag))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().find_map(|(_, _, tag)| {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        parse_locale(&primary)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_language_we_have() {
        assert_eq!(locale_from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Locale::zh));
        assert_eq!(locale_from_accept_language("en-US,en;q=0.9"), Some(Locale::en));
        assert_eq!(locale_from_accept_language("fr-FR, en;q=0.5, zh;q=0.7"), Some(Locale::zh));
        assert_eq!(locale_from_accept_language("zh-TW"), Some(Locale::zh));
        assert_eq!(locale_from_accept_language("de, fr;q=0.8"), None);
        assert_eq!(locale_from_accept_language("zh;q=0, en"), Some(Locale::en));
        assert_eq!(locale_from_accept_language(""), None);
    }

    #[test]
    fn cookies_and_themes_parse_strictly() {
        assert_eq!(cookie_value("a=1; i18n_pref_locale=zh; b=2", LANG_COOKIE), Some("zh"));
        assert_eq!(cookie_value("xi18n_pref_locale=zh", LANG_COOKIE), None);
        assert_eq!(parse_locale("zh"), Some(Locale::zh));
        assert_eq!(parse_locale("ZH"), None);
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("Dark"), None);
    }
}
