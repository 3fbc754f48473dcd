//! Times in the person's time zone.
//!
//! The zone comes from the browser (read once hydrated, when nobody has chosen yet), is
//! kept in a cookie and on the account, and can be changed in the preferences; without
//! either it is Asia/Shanghai for Chinese and UTC for English. The server renders times
//! in that zone with the time zone database (jiff); the browser computes the same offsets
//! with its own (`Intl`), so hydration shows the same text and a change of zone re-renders
//! every time on the page at once.

use leptos::prelude::*;

use crate::model::prefs::{format_wall, offset_label, parse_utc};

/// The zone's offset from UTC, in seconds, at `utc` (seconds since 1970); `None` for a
/// zone the time zone database does not know.
#[cfg(feature = "ssr")]
pub fn offset_seconds(zone: &str, utc: i64) -> Option<i32> {
    if !crate::model::prefs::is_time_zone_name(zone) {
        return None;
    }
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let at = jiff::Timestamp::from_second(utc).ok()?;
    Some(tz.to_offset(at).seconds())
}

#[cfg(feature = "hydrate")]
pub fn offset_seconds(zone: &str, utc: i64) -> Option<i32> {
    browser::offset_seconds(zone, utc)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn offset_seconds(_zone: &str, _utc: i64) -> Option<i32> {
    None
}

/// Whether the time zone database knows `zone`.
pub fn is_known_zone(zone: &str) -> bool {
    offset_seconds(zone, 0).is_some()
}

/// `2026-11-24 04:30` for `2026-11-23T20:30:00Z` in Asia/Shanghai; text that is not a
/// time comes back as it is.
pub fn local_text(rfc3339: &str, zone: &str) -> String {
    match parse_utc(rfc3339) {
        Some(t) => format_wall(t, offset_seconds(zone, t).unwrap_or(0)),
        None => rfc3339.to_string(),
    }
}

/// `Asia/Shanghai (UTC+08:00)`: the zone a time is shown in, for its tooltip.
pub fn zone_note(rfc3339: &str, zone: &str) -> String {
    let offset = parse_utc(rfc3339).and_then(|t| offset_seconds(zone, t)).unwrap_or(0);
    format!("{zone} ({})", offset_label(offset))
}

/// A time from VOD or the console's records, shown in the person's zone. The machine
/// readable instant stays in `datetime`; the zone is in the tooltip.
///
/// Hydration adopts the server's text as it is, so until this time is hydrated it shows
/// the zone the server rendered with; a zone read from the browser meanwhile (the page's
/// chunk may arrive after it) then replaces it.
#[component]
pub fn LocalTime(#[prop(into)] at: String) -> impl IntoView {
    let prefs = expect_context::<super::prefs::Prefs>();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let zone = move || if hydrated.get() { prefs.time_zone.get() } else { prefs.rendered_zone.get_value() };
    let (text_at, note_at) = (at.clone(), at.clone());
    let text = move || local_text(&text_at, &zone());
    let note = move || zone_note(&note_at, &zone());
    view! { <time datetime=at title=note translate="no">{text}</time> }
}

#[cfg(feature = "hydrate")]
pub mod browser {
    //! The browser's own time zone database, through `Intl.DateTimeFormat`.

    use std::cell::RefCell;

    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        /// One formatter per zone seen (`None`: the browser does not know the zone); a page
        /// shows one or two zones, so a list is enough.
        static FORMATTERS: RefCell<Vec<(String, Option<Intl::DateTimeFormat>)>> = const { RefCell::new(Vec::new()) };
    }

    fn formatter(zone: &str) -> Option<Intl::DateTimeFormat> {
        FORMATTERS.with(|cache| {
            if let Some((_, f)) = cache.borrow().iter().find(|(z, _)| z == zone) {
                return f.clone();
            }
            let made = (|| {
                let options = Object::new();
                let set = |k: &str, v: &str| Reflect::set(&options, &k.into(), &v.into()).ok();
                set("timeZone", zone)?;
                set("hourCycle", "h23")?;
                for field in ["year", "month", "day", "hour", "minute", "second"] {
                    set(field, "numeric")?;
                }
                let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
                let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
                let args = Array::of2(&JsValue::from_str("en-US"), &options);
                // An unknown zone throws a RangeError: caught here, not a panic.
                Reflect::construct(&ctor, &args).ok().map(|f| f.unchecked_into())
            })();
            cache.borrow_mut().push((zone.to_string(), made.clone()));
            made
        })
    }

    pub fn offset_seconds(zone: &str, utc: i64) -> Option<i32> {
        if !crate::model::prefs::is_time_zone_name(zone) {
            return None;
        }
        let parts = formatter(zone)?.format_to_parts(&Date::new(&JsValue::from_f64(utc as f64 * 1000.0)));
        let mut fields = [0i64; 6];
        for part in parts.iter() {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
            let slot = match kind.as_str() {
                "year" => 0,
                "month" => 1,
                "day" => 2,
                "hour" => 3,
                "minute" => 4,
                "second" => 5,
                _ => continue,
            };
            fields[slot] = value.parse().ok()?;
        }
        let [y, mo, d, h, mi, s] = fields;
        let wall = crate::model::prefs::parse_utc(&format!("{y:04}-{mo:02}-{d:02}T{:02}:{mi:02}:{s:02}Z", h % 24))?;
        i32::try_from(wall - utc).ok()
    }

    /// The zone the browser runs in (`Asia/Shanghai`), if it says.
    pub fn zone() -> Option<String> {
        let f = Intl::DateTimeFormat::new(&Array::new(), &Object::new());
        Reflect::get(&f.resolved_options(), &"timeZone".into()).ok()?.as_string()
    }

    /// Cookie `name` as this page sees it.
    pub fn cookie(name: &str) -> Option<String> {
        let all = Reflect::get(&leptos::prelude::document(), &"cookie".into()).ok()?.as_string()?;
        crate::model::prefs::cookie_value(&all, name).map(str::to_string)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_time_zone_database_gives_offsets_with_daylight_saving() {
        let summer = parse_utc("2026-07-01T12:00:00Z").unwrap();
        let winter = parse_utc("2026-12-01T12:00:00Z").unwrap();
        assert_eq!(offset_seconds("Asia/Shanghai", summer), Some(8 * 3600));
        assert_eq!(offset_seconds("Asia/Shanghai", winter), Some(8 * 3600));
        assert_eq!(offset_seconds("America/New_York", summer), Some(-4 * 3600));
        assert_eq!(offset_seconds("America/New_York", winter), Some(-5 * 3600));
        assert_eq!(offset_seconds("Asia/Kolkata", winter), Some(5 * 3600 + 1800));
        assert_eq!(offset_seconds("UTC", winter), Some(0));
        assert_eq!(offset_seconds("Mars/Olympus_Mons", winter), None);
        assert_eq!(offset_seconds("../../etc/passwd", winter), None);
        assert!(is_known_zone("Europe/Berlin"));
        assert!(!is_known_zone("Europe/Atlantis"));
    }

    #[test]
    fn times_read_in_the_chosen_zone() {
        assert_eq!(local_text("2026-11-23T20:30:00Z", "Asia/Shanghai"), "2026-11-24 04:30");
        assert_eq!(local_text("2026-11-23T20:30:00.123Z", "America/Los_Angeles"), "2026-11-23 12:30");
        assert_eq!(local_text("2026-11-23T20:30:00Z", "UTC"), "2026-11-23 20:30");
        assert_eq!(local_text("not a time", "UTC"), "not a time");
        assert_eq!(zone_note("2026-07-01T00:00:00Z", "Europe/Berlin"), "Europe/Berlin (UTC+02:00)");
    }
}
