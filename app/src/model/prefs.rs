//! A person's display preferences: language and colour theme. Both live in cookies (so
//! the sign-in page and the first byte of every page follow them) and, once signed in,
//! on the account (so they follow the person to another browser).

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// leptos_i18n's cookie: the server renders in this language and the browser keeps it.
pub const LANG_COOKIE: &str = "i18n_pref_locale";
pub const THEME_COOKIE: &str = "vod_console_theme";
/// The time zone times are shown in (an IANA name such as `Asia/Shanghai`).
pub const TZ_COOKIE: &str = "vod_console_tz";
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

/// A time zone name as the IANA database spells them (`Asia/Shanghai`, `UTC`,
/// `America/Argentina/Buenos_Aires`, `Etc/GMT-8`): checked for shape here; whether the
/// zone exists is the time zone database's to say.
pub fn is_time_zone_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
        && !s.contains("//")
}

/// Where times are shown for someone who has not chosen (and whose browser has not said):
/// China Standard Time for Chinese, UTC otherwise.
pub fn default_time_zone(locale: Locale) -> &'static str {
    match locale {
        Locale::zh => "Asia/Shanghai",
        Locale::en => "UTC",
    }
}

/// Time zones offered in the preferences (any other IANA name may be typed).
pub const COMMON_TIME_ZONES: &[&str] = &[
    "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul",
    "Asia/Kolkata", "Asia/Dubai", "Asia/Jakarta", "Australia/Sydney", "Europe/London", "Europe/Berlin",
    "Europe/Paris", "Europe/Moscow", "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Sao_Paulo", "UTC",
];

/// Seconds since 1970 of an RFC 3339 time as VOD and the console write them
/// (`2026-11-23T13:19:19Z`, with optional fraction, `Z` or `±hh:mm`, or no zone for UTC).
pub fn parse_utc(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok())?
    };
    if b.len() < 16 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b' ') || b[13] != b':' {
        return None;
    }
    let (y, mo, d, h, mi) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    let mut rest = &s[16..];
    let mut sec = 0;
    if let Some(r) = rest.strip_prefix(':') {
        sec = num(17..19)?;
        rest = r.get(2..)?;
    }
    if let Some(r) = rest.strip_prefix('.') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        // `get`, not indexing: the text is data, and a multi-byte character there must
        // make it "not a time", not a panic.
        z if (z.starts_with('+') || z.starts_with('-')) && z.len() == 6 && z.get(3..4) == Some(":") => {
            let hh: i64 = z.get(1..3)?.parse().ok()?;
            let mm: i64 = z.get(4..6)?.parse().ok()?;
            let o = hh * 3600 + mm * 60;
            if z.starts_with('-') { -o } else { o }
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// `2026-11-23 21:19`: the wall-clock time `offset` seconds east of UTC.
pub fn format_wall(utc: i64, offset: i32) -> String {
    let t = utc + i64::from(offset);
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", secs / 3600, secs / 60 % 60)
}

/// `UTC+08:00`, `UTC-04:00`, `UTC`.
pub fn offset_label(offset: i32) -> String {
    if offset == 0 {
        return "UTC".into();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 3600, a / 60 % 60)
}

/// The UTC instant of local midnight (`end`: the last second) of `date` (`2026-11-01`),
/// given the zone's offset at about that time.
pub fn local_day_bound(date: &str, end: bool, offset_at: impl Fn(i64) -> i32) -> Option<String> {
    let midnight = parse_utc(&format!("{date}T00:00:00Z"))?;
    let wall = if end { midnight + 86_399 } else { midnight };
    // The offset at the wall time read as UTC is right except within hours of a change.
    let utc = wall - i64::from(offset_at(wall));
    let utc = wall - i64::from(offset_at(utc));
    let (days, secs) = (utc.div_euclid(86_400), utc.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    Some(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
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

    #[test]
    fn times_parse_from_what_vod_and_the_console_write() {
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_utc("2026-11-23T13:19:19.637Z"), Some(1_795_439_959));
        assert_eq!(parse_utc("2026-11-23T13:19:19Z"), parse_utc("2026-11-23T21:19:19+08:00"));
        assert_eq!(parse_utc("2026-11-23 13:19:19"), parse_utc("2026-11-23T13:19:19Z"));
        assert_eq!(parse_utc("2026-11-23T13:19Z"), Some(1_795_439_940));
        assert_eq!(parse_utc("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in ["", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T13:19:19+0800", "x026-11-23T13:19:19Z", "2026-11-23T13:19:19+0é00", "2026-11-23T13:19:19+é:00", "2026-11-23T1é:19:19Z"] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }

    #[test]
    fn wall_times_follow_the_offset_across_days_and_years() {
        let t = parse_utc("2026-11-23T20:30:00Z").unwrap();
        assert_eq!(format_wall(t, 0), "2026-11-23 20:30");
        assert_eq!(format_wall(t, 8 * 3600), "2026-11-24 04:30");
        assert_eq!(format_wall(t, -5 * 3600), "2026-11-23 15:30");
        assert_eq!(format_wall(parse_utc("2026-12-31T18:00:00Z").unwrap(), 8 * 3600), "2027-01-01 02:00");
        assert_eq!(format_wall(parse_utc("2024-03-01T01:00:00Z").unwrap(), -2 * 3600), "2024-02-29 23:00");
        assert_eq!(format_wall(t, 5 * 3600 + 45 * 60), "2026-11-24 02:15");
        assert_eq!(offset_label(8 * 3600), "UTC+08:00");
        assert_eq!(offset_label(-(3 * 3600 + 30 * 60)), "UTC-03:30");
        assert_eq!(offset_label(0), "UTC");
    }

    #[test]
    fn a_local_day_is_bounded_in_utc() {
        let shanghai = |_| 8 * 3600;
        assert_eq!(local_day_bound("2026-11-01", false, shanghai).as_deref(), Some("2026-10-31T16:00:00Z"));
        assert_eq!(local_day_bound("2026-11-01", true, shanghai).as_deref(), Some("2026-11-01T15:59:59Z"));
        assert_eq!(local_day_bound("2026-11-01", false, |_| 0).as_deref(), Some("2026-11-01T00:00:00Z"));
        // New York changes from UTC-4 to UTC-5 at 06:00 UTC on 2026-11-01.
        let change = parse_utc("2026-11-01T06:00:00Z").unwrap();
        let new_york = move |t: i64| if t < change { -4 * 3600 } else { -5 * 3600 };
        assert_eq!(local_day_bound("2026-11-01", false, new_york).as_deref(), Some("2026-11-01T04:00:00Z"));
        assert_eq!(local_day_bound("2026-11-01", true, new_york).as_deref(), Some("2026-11-02T04:59:59Z"));
        assert_eq!(local_day_bound("2026-1-1", false, shanghai), None);
    }

    #[test]
    fn time_zone_names_are_checked_for_shape() {
        for ok in ["Asia/Shanghai", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT-8", "America/Port-au-Prince"] {
            assert!(is_time_zone_name(ok), "{ok}");
        }
        for bad in ["", "/etc/passwd", "Asia//Shanghai", "Asia/Shang hai", "Asia/Shanghai;x=1", "a".repeat(65).as_str(), "../x"] {
            assert!(!is_time_zone_name(bad), "{bad}");
        }
        assert_eq!(default_time_zone(Locale::zh), "Asia/Shanghai");
        assert_eq!(default_time_zone(Locale::en), "UTC");
    }
}
