//! The usage page's model, shared by the server and the browser: the range a person
//! asks for (a preset, local days, or a zoomed window, all in the URL), how each family
//! of Describe* actions must be asked for it (their maximum span, history and
//! granularity), the series the charts draw, and human units.
//!
//! VOD's limits, from the API reference: storage, transcode and AI usage answer at most
//! 31 days per call, hourly up to 7 days and daily beyond; CDN traffic and bandwidth keep
//! 90 days, at 300 s below 3 days, 3600 s up to 31 days, 86400 s beyond; playback
//! statistics are whole days (UTC+8), at most 180 per call, and a day is ready at 09:00
//! UTC+8 the next day.

use serde::{Deserialize, Serialize};

use crate::i18n::*;
use crate::model::prefs::{civil_from_days, days_from_civil, parse_utc};

pub const HOUR: i64 = 3600;
pub const DAY: i64 = 86_400;
/// China Standard Time, in which playback days are counted and published.
pub const UTC8: i64 = 8 * HOUR;
/// The longest range the page draws (the playback statistics' span per call).
pub const MAX_SPAN: i64 = 180 * DAY;
/// VOD's usage data starts here (2018-01-01).
pub const EARLIEST: i64 = 1_514_764_800;
/// Storage, transcode and AI usage: at most this much per call.
pub const USAGE_CALL_SPAN: i64 = 31 * DAY;
/// Hourly points up to this span, daily beyond.
pub const HOURLY_UP_TO: i64 = 7 * DAY;
/// CDN traffic and bandwidth are kept this long.
pub const CDN_HISTORY: i64 = 90 * DAY;
/// Playback statistics: days per call.
pub const PLAY_CALL_DAYS: i64 = 180;
/// One video's playback: this far back.
pub const VIDEO_HISTORY: i64 = 730 * DAY;
/// The day's top videos shown.
pub const TOP_VIDEOS: i64 = 20;

/// The actions the page reads; any one of them opens it (each chart checks its own).
pub const PAGE_PERMISSIONS: [crate::model::Permission; 5] = [
    crate::vod_permission!(DescribeVodStorageData),
    crate::vod_permission!(DescribeVodTranscodeData),
    crate::vod_permission!(DescribeVodDomainTrafficData),
    crate::vod_permission!(DescribeVodAIData),
    crate::vod_permission!(DescribePlayUserTotal),
];

/// A range preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    Day,
    Week,
    Month,
    Quarter,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Day, Preset::Week, Preset::Month, Preset::Quarter];

    pub fn key(self) -> &'static str {
        match self {
            Preset::Day => "24h",
            Preset::Week => "7d",
            Preset::Month => "30d",
            Preset::Quarter => "90d",
        }
    }

    pub fn parse(s: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.key() == s)
    }

    pub fn span(self) -> i64 {
        match self {
            Preset::Day => DAY,
            Preset::Week => 7 * DAY,
            Preset::Month => 30 * DAY,
            Preset::Quarter => 90 * DAY,
        }
    }

    pub fn label(self, locale: Locale) -> String {
        match self {
            Preset::Day => td_string!(locale, usage.range.day).to_string(),
            Preset::Week => td_string!(locale, usage.range.week).to_string(),
            Preset::Month => td_string!(locale, usage.range.month).to_string(),
            Preset::Quarter => td_string!(locale, usage.range.quarter).to_string(),
        }
    }
}

/// What the URL asks for. Every field is text as typed, checked by [`UsageQuery::window`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageQuery {
    /// A preset key (`24h`, `7d`, `30d`, `90d`); the default when nothing else is given.
    #[serde(default)]
    pub range: String,
    /// Custom range: first and last local day, `2026-11-01`.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// A zoomed window, UTC `2026-11-01T08:00:00Z` (dragging across a chart sets it).
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    /// The CDN charts' domain; empty for all domains together.
    #[serde(default)]
    pub domain: String,
    /// Draw the previous period of the same length as a second series.
    #[serde(default)]
    pub compare: bool,
    /// The day of the top-videos table, `2026-11-30` (UTC+8); the newest ready day when empty.
    #[serde(default)]
    pub day: String,
    /// One video's daily playback (from its page).
    #[serde(default)]
    pub video: String,
    /// Read VOD again instead of the console's short-lived cache.
    #[serde(default)]
    pub fresh: bool,
}

/// Why a range cannot be drawn (the field it came from and what is wrong).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeProblem {
    NotADate(&'static str),
    EndBeforeStart,
    TooLong,
    TooEarly,
    InTheFuture,
    UnknownPreset,
    BadDay,
}

impl RangeProblem {
    pub fn field(self) -> &'static str {
        match self {
            RangeProblem::NotADate(f) => f,
            RangeProblem::EndBeforeStart | RangeProblem::InTheFuture => "to",
            RangeProblem::TooLong | RangeProblem::TooEarly => "from",
            RangeProblem::UnknownPreset => "range",
            RangeProblem::BadDay => "day",
        }
    }

    pub fn text(self, locale: Locale) -> String {
        match self {
            RangeProblem::NotADate(f) => td_string!(locale, usage.problem.not_a_date, field = f).to_string(),
            RangeProblem::EndBeforeStart => td_string!(locale, usage.problem.end_before_start).to_string(),
            RangeProblem::TooLong => td_string!(locale, usage.problem.too_long, days = MAX_SPAN / DAY).to_string(),
            RangeProblem::TooEarly => td_string!(locale, usage.problem.too_early).to_string(),
            RangeProblem::InTheFuture => td_string!(locale, usage.problem.in_the_future).to_string(),
            RangeProblem::UnknownPreset => td_string!(locale, usage.problem.unknown_preset).to_string(),
            RangeProblem::BadDay => td_string!(locale, usage.problem.bad_day).to_string(),
        }
    }
}

/// A time window, seconds since 1970, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start: i64,
    pub end: i64,
}

impl Window {
    pub fn span(self) -> i64 {
        self.end - self.start
    }

    /// The window of the same length just before this one.
    pub fn previous(self) -> Window {
        Window { start: self.start - self.span(), end: self.start }
    }

    /// Splits into as few pieces of at most `max` as possible, of near-equal length and
    /// cut on multiples of `align` (so every piece keeps the granularity of the whole:
    /// a 33-day range becomes two of 16-17 days, not 31 days and 2 hourly days).
    pub fn split(self, max: i64, align: i64) -> Vec<Window> {
        let n = ((self.span() + max - 1) / max).max(1);
        let mut out = Vec::with_capacity(n as usize);
        let mut start = self.start;
        for i in 1..=n {
            let end = if i == n { self.end } else { floor(self.start + self.span() * i / n, align).max(start + align) };
            if end > start {
                out.push(Window { start, end: end.min(self.end) });
            }
            start = end;
        }
        out
    }
}

pub fn floor(t: i64, step: i64) -> i64 {
    t.div_euclid(step) * step
}

pub fn ceil(t: i64, step: i64) -> i64 {
    -floor(-t, step)
}

/// `2026-11-01T08:00:00Z`: how VOD takes and gives times.
pub fn utc_text(t: i64) -> String {
    let (days, secs) = (t.div_euclid(DAY), t.rem_euclid(DAY));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// `2026-11-01` of the day containing `t`, `offset` seconds east of UTC.
pub fn day_text(t: i64, offset: i64) -> String {
    let (y, m, d) = civil_from_days((t + offset).div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The start (UTC) of a `2026-11-01` day `offset` seconds east of UTC.
pub fn day_start(day: &str, offset: i64) -> Option<i64> {
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    parse_utc(&format!("{day}T00:00:00Z")).map(|t| t - offset)
}

/// A playback day as VOD writes it (`20261130`, UTC+8) to the UTC start of that day.
pub fn play_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..].parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d) * DAY - UTC8)
}

impl UsageQuery {
    /// Reads the URL's parameters.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> UsageQuery {
        let text = |k: &str| get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        UsageQuery {
            range: text("range"),
            from: text("from"),
            to: text("to"),
            start: text("start"),
            end: text("end"),
            domain: text("domain"),
            compare: matches!(text("compare").as_str(), "1" | "on" | "true"),
            day: text("day"),
            video: text("video"),
            fresh: text("fresh") == "1",
        }
    }

    /// The URL's parameters, without empty ones and without `fresh`.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for (k, v) in [
            ("range", &self.range),
            ("from", &self.from),
            ("to", &self.to),
            ("start", &self.start),
            ("end", &self.end),
            ("domain", &self.domain),
            ("day", &self.day),
            ("video", &self.video),
        ] {
            if !v.is_empty() {
                out.push((k, v.clone()));
            }
        }
        if self.compare {
            out.push(("compare", "1".into()));
        }
        out
    }

    /// `/usage?...` for this query.
    pub fn href(&self) -> String {
        let pairs = self.pairs();
        if pairs.is_empty() {
            return "/usage".into();
        }
        let refs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (*k, v.clone())).collect();
        format!("/usage?{}", crate::model::query::encode(&refs))
    }

    /// The same query with a preset range (custom days and zoom dropped).
    pub fn with_preset(&self, p: Preset) -> UsageQuery {
        UsageQuery { range: p.key().into(), from: String::new(), to: String::new(), start: String::new(), end: String::new(), ..self.clone() }
    }

    /// The same query zoomed to `w` (dragging across a chart).
    pub fn zoomed(&self, w: Window) -> UsageQuery {
        UsageQuery {
            range: String::new(),
            from: String::new(),
            to: String::new(),
            start: utc_text(w.start),
            end: utc_text(w.end),
            ..self.clone()
        }
    }

    pub fn toggled_compare(&self) -> UsageQuery {
        UsageQuery { compare: !self.compare, ..self.clone() }
    }

    /// The preset in use, if any (the default is seven days).
    pub fn preset(&self) -> Option<Preset> {
        if !self.start.is_empty() || !self.end.is_empty() || !self.from.is_empty() || !self.to.is_empty() {
            return None;
        }
        Some(Preset::parse(&self.range).unwrap_or(Preset::Week))
    }

    /// The window to draw at `now`, for a person `offset_at(t)` seconds east of UTC.
    /// Presets end at the next whole hour, so everyone opening the page within the same
    /// hour asks VOD the same question (and shares one cached answer).
    pub fn window(&self, now: i64, offset_at: impl Fn(i64) -> i64) -> Result<Window, RangeProblem> {
        let latest = ceil(now, HOUR);
        let w = if !self.start.is_empty() || !self.end.is_empty() {
            let start = parse_utc(&self.start).ok_or(RangeProblem::NotADate("start"))?;
            let end = parse_utc(&self.end).ok_or(RangeProblem::NotADate("end"))?;
            Window { start, end }
        } else if !self.from.is_empty() || !self.to.is_empty() {
            let from = local_midnight(&self.from, &offset_at).ok_or(RangeProblem::NotADate("from"))?;
            let to = local_midnight(&self.to, &offset_at).ok_or(RangeProblem::NotADate("to"))?;
            Window { start: from, end: to + DAY }
        } else {
            if !self.range.is_empty() && Preset::parse(&self.range).is_none() {
                return Err(RangeProblem::UnknownPreset);
            }
            let span = self.preset().map(Preset::span).unwrap_or(7 * DAY);
            Window { start: latest - span, end: latest }
        };
        if w.end <= w.start {
            return Err(RangeProblem::EndBeforeStart);
        }
        if w.start >= latest {
            return Err(RangeProblem::InTheFuture);
        }
        if w.start < EARLIEST {
            return Err(RangeProblem::TooEarly);
        }
        let w = Window { start: w.start, end: w.end.min(latest) };
        if w.span() > MAX_SPAN {
            return Err(RangeProblem::TooLong);
        }
        // Less than an hour says nothing: widen a narrow zoom around its middle.
        if w.span() < HOUR {
            let mid = (w.start + w.end) / 2;
            return Ok(Window { start: mid - HOUR / 2, end: mid + HOUR / 2 });
        }
        Ok(w)
    }

    /// The top-videos day asked for, checked (`None`: the newest ready day).
    pub fn top_day(&self) -> Result<Option<i64>, RangeProblem> {
        if self.day.is_empty() {
            return Ok(None);
        }
        day_start(&self.day, UTC8).map(Some).ok_or(RangeProblem::BadDay)
    }
}

fn local_midnight(day: &str, offset_at: &impl Fn(i64) -> i64) -> Option<i64> {
    let guess = day_start(day, 0)?;
    let first = guess - offset_at(guess);
    Some(guess - offset_at(first))
}

// ---------------------------------------------------------------------------------------
// How each family is asked

/// Storage, transcode and AI usage: `hour` up to 7 days, `day` beyond, per VOD.
pub fn usage_step(span: i64) -> i64 {
    if span <= HOURLY_UP_TO { HOUR } else { DAY }
}

/// CDN traffic and bandwidth: VOD's default interval for the span, in seconds.
pub fn cdn_step(span: i64) -> i64 {
    if span < 3 * DAY {
        300
    } else if span < 31 * DAY {
        HOUR
    } else {
        DAY
    }
}

/// The storage/transcode/AI calls for `w`: aligned to the granularity, split at 31 days.
pub fn usage_calls(w: Window) -> (i64, Vec<Window>) {
    let step = usage_step(w.span());
    let aligned = Window { start: floor(w.start, step), end: ceil(w.end, step) };
    // A range that alignment pushed over seven days keeps hourly points.
    let aligned = if step == HOUR && aligned.span() > HOURLY_UP_TO { Window { end: aligned.start + HOURLY_UP_TO, ..aligned } } else { aligned };
    (step, aligned.split(USAGE_CALL_SPAN, step))
}

/// The CDN window: clamped to the 90 days VOD keeps (`true` when clamped).
pub fn cdn_window(w: Window, now: i64) -> Option<(Window, bool)> {
    let oldest = ceil(now - CDN_HISTORY, HOUR);
    if w.end <= oldest {
        return None;
    }
    let start = w.start.max(oldest);
    let step = cdn_step(w.end - start);
    let clamped = Window { start: ceil(start, step.min(HOUR)), end: w.end };
    Some((clamped, start != w.start))
}

/// The newest playback day VOD has published at `now` (its UTC start): yesterday (UTC+8)
/// from 09:00 UTC+8, the day before until then.
pub fn newest_play_day(now: i64) -> i64 {
    let today = floor(now + UTC8, DAY) - UTC8;
    let ready_at = today + 9 * HOUR;
    if now >= ready_at { today - DAY } else { today - 2 * DAY }
}

/// When the next playback day is published (UTC seconds): the coming 09:00 UTC+8.
pub fn next_play_update(now: i64) -> i64 {
    let today = floor(now + UTC8, DAY) - UTC8;
    let ready_at = today + 9 * HOUR;
    if now >= ready_at { ready_at + DAY } else { ready_at }
}

/// The playback days (UTC starts of UTC+8 days, inclusive) inside `w` that are
/// published, split into calls of at most 180 days; empty when none is ready.
pub fn play_calls(w: Window, now: i64) -> Vec<(i64, i64)> {
    let first = ceil(w.start + UTC8, DAY) - UTC8;
    let last = (floor(w.end - 1 + UTC8, DAY) - UTC8).min(newest_play_day(now));
    // A window shorter than a day still shows the day it falls in.
    let first = if first > last && w.span() < 2 * DAY { floor(w.start + UTC8, DAY) - UTC8 } else { first };
    if first > last {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        let end = (day + (PLAY_CALL_DAYS - 1) * DAY).min(last);
        out.push((day, end));
        day = end + DAY;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Series

/// The charts of the page, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChartId {
    Storage,
    StorageTraffic,
    Transcode,
    CdnTraffic,
    CdnBandwidth,
    Ai,
    Plays,
    Viewers,
    PlayTime,
    Video,
}

impl ChartId {
    pub const ALL: [ChartId; 10] = [
        ChartId::Storage,
        ChartId::StorageTraffic,
        ChartId::Transcode,
        ChartId::CdnTraffic,
        ChartId::CdnBandwidth,
        ChartId::Ai,
        ChartId::Plays,
        ChartId::Viewers,
        ChartId::PlayTime,
        ChartId::Video,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ChartId::Storage => "storage",
            ChartId::StorageTraffic => "storage-traffic",
            ChartId::Transcode => "transcode",
            ChartId::CdnTraffic => "cdn-traffic",
            ChartId::CdnBandwidth => "cdn-bandwidth",
            ChartId::Ai => "ai",
            ChartId::Plays => "plays",
            ChartId::Viewers => "viewers",
            ChartId::PlayTime => "play-time",
            ChartId::Video => "video",
        }
    }

    pub fn parse(s: &str) -> Option<ChartId> {
        ChartId::ALL.into_iter().find(|c| c.key() == s)
    }

    pub fn title(self, locale: Locale) -> String {
        match self {
            ChartId::Storage => td_string!(locale, usage.chart.storage).to_string(),
            ChartId::StorageTraffic => td_string!(locale, usage.chart.storage_traffic).to_string(),
            ChartId::Transcode => td_string!(locale, usage.chart.transcode).to_string(),
            ChartId::CdnTraffic => td_string!(locale, usage.chart.cdn_traffic).to_string(),
            ChartId::CdnBandwidth => td_string!(locale, usage.chart.cdn_bandwidth).to_string(),
            ChartId::Ai => td_string!(locale, usage.chart.ai).to_string(),
            ChartId::Plays => td_string!(locale, usage.chart.plays).to_string(),
            ChartId::Viewers => td_string!(locale, usage.chart.viewers).to_string(),
            ChartId::PlayTime => td_string!(locale, usage.chart.play_time).to_string(),
            ChartId::Video => td_string!(locale, usage.chart.video).to_string(),
        }
    }

    /// The unit its values are in.
    pub fn unit(self) -> Unit {
        match self {
            ChartId::Storage | ChartId::StorageTraffic | ChartId::CdnTraffic => Unit::Bytes,
            ChartId::CdnBandwidth => Unit::BitsPerSecond,
            ChartId::Transcode | ChartId::Ai => Unit::Seconds,
            ChartId::Plays | ChartId::Viewers | ChartId::Video => Unit::Count,
            ChartId::PlayTime => Unit::Millis,
        }
    }

    /// A level (storage used, bandwidth) or an amount per interval (traffic, plays).
    pub fn is_level(self) -> bool {
        matches!(self, ChartId::Storage | ChartId::CdnBandwidth | ChartId::PlayTime)
    }
}

/// One point: the start of its interval and its value (in the chart's base unit).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub t: i64,
    pub v: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// A name from VOD (`H264.HD`, `AIVideoCensor`) or one of the console's (`total`,
    /// `mainland`, `Android`), see [`series_label`].
    pub name: String,
    #[serde(with = "compact_points")]
    pub points: Vec<Point>,
}

/// Points as the page sends them for hydration: `{"t0":start,"d":step,"v":[...]}` when
/// they are evenly spaced (almost always), else `{"t":[first, deltas...],"v":[...]}`,
/// whole values without a fraction. A week of hourly storage was 36 bytes a point as
/// `{"t":...,"v":...}` objects, and is 13 now: the usage page's data went from 122 to
/// about 45 KB.
mod compact_points {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Point;

    /// A value, written without a fraction when it has none.
    struct Value(f64);

    impl Serialize for Value {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
                s.serialize_i64(self.0 as i64)
            } else {
                s.serialize_f64(self.0)
            }
        }
    }

    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            f64::deserialize(d).map(Value)
        }
    }

    #[derive(Serialize, Deserialize, Default)]
    #[serde(default)]
    struct Wire {
        #[serde(skip_serializing_if = "Option::is_none")]
        t0: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        d: Option<i64>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        t: Vec<i64>,
        v: Vec<Value>,
    }

    pub fn serialize<S: Serializer>(points: &[Point], s: S) -> Result<S::Ok, S::Error> {
        let deltas: Vec<i64> = points.windows(2).map(|w| w[1].t - w[0].t).collect();
        let even = deltas.windows(2).all(|w| w[0] == w[1]);
        let mut wire = Wire { v: points.iter().map(|p| Value(p.v)).collect(), ..Default::default() };
        if even {
            wire.t0 = points.first().map(|p| p.t);
            wire.d = deltas.first().copied();
        } else {
            wire.t = points.first().map(|p| p.t).into_iter().chain(deltas).collect();
        }
        wire.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Point>, D::Error> {
        let wire = Wire::deserialize(d)?;
        let times: Vec<i64> = match (wire.t0, wire.d) {
            (Some(t0), step) => (0..wire.v.len() as i64).map(|i| t0 + i * step.unwrap_or(0)).collect(),
            (None, _) => wire
                .t
                .iter()
                .scan(0i64, |at, delta| {
                    *at += delta;
                    Some(*at)
                })
                .collect(),
        };
        Ok(times.into_iter().zip(wire.v).map(|(t, Value(v))| Point { t, v }).collect())
    }
}

impl Series {
    pub fn total(&self) -> f64 {
        self.points.iter().map(|p| p.v).sum()
    }

    pub fn peak(&self) -> Option<Point> {
        self.points.iter().copied().max_by(|a, b| a.v.total_cmp(&b.v))
    }
}

/// A series' name as shown: the console's own names are translated, VOD's kept.
pub fn series_label(name: &str, locale: Locale) -> String {
    match name {
        "total" => td_string!(locale, usage.series.total).to_string(),
        "mainland" => td_string!(locale, usage.series.mainland).to_string(),
        "overseas" => td_string!(locale, usage.series.overseas).to_string(),
        "https" => td_string!(locale, usage.series.https).to_string(),
        "used" => td_string!(locale, usage.series.used).to_string(),
        "out" => td_string!(locale, usage.series.out).to_string(),
        "plays" => td_string!(locale, usage.series.plays).to_string(),
        "viewers" => td_string!(locale, usage.series.viewers).to_string(),
        "avg_time" => td_string!(locale, usage.series.avg_time).to_string(),
        "avg_plays" => td_string!(locale, usage.series.avg_plays).to_string(),
        "AIVideoCensor" => td_string!(locale, usage.series.censor).to_string(),
        "AIVideoFPShot" => td_string!(locale, usage.series.fingerprint).to_string(),
        "AIVideoTag" => td_string!(locale, usage.series.tagging).to_string(),
        other => other.to_string(),
    }
}

/// Points from several calls, in time order, each interval once.
pub fn stitch(pieces: impl IntoIterator<Item = Vec<Point>>) -> Vec<Point> {
    let mut all: Vec<Point> = pieces.into_iter().flatten().collect();
    all.sort_by_key(|p| p.t);
    all.dedup_by_key(|p| p.t);
    all
}

/// A value as VOD sends it: a number in a string, maybe empty.
pub fn parse_value(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `<=1m:74.3%;>1<=5m:22.8%`: the share of plays per play length.
pub fn parse_play_range(s: &str) -> Vec<(String, f64)> {
    s.split(';')
        .filter_map(|part| {
            let (label, pct) = part.rsplit_once(':')?;
            let pct = parse_value(pct.trim().trim_end_matches('%'))?;
            Some((label.trim().to_string(), pct))
        })
        .filter(|(l, _)| !l.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Units

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Bytes,
    BitsPerSecond,
    /// Shown in minutes (transcode and AI duration).
    Seconds,
    /// Shown in minutes (play time).
    Millis,
    Count,
}

/// A scale for a chart's axis: divide values by `div`, write `suffix`.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub div: f64,
    pub suffix: &'static str,
}

impl Unit {
    /// The scale that shows `max` with one to three digits before the point.
    pub fn scale(self, max: f64) -> Scale {
        let steps: &[(f64, &'static str)] = match self {
            Unit::Bytes => &[(1.0, "B"), (1024.0, "KB"), (1048576.0, "MB"), (1073741824.0, "GB"), (1099511627776.0, "TB"), (1125899906842624.0, "PB")],
            Unit::BitsPerSecond => &[(1.0, "bps"), (1e3, "Kbps"), (1e6, "Mbps"), (1e9, "Gbps"), (1e12, "Tbps")],
            Unit::Seconds => &[(60.0, "min"), (3600.0, "h")],
            Unit::Millis => &[(60_000.0, "min"), (3_600_000.0, "h")],
            Unit::Count => &[(1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B")],
        };
        // Durations stay in minutes up to 10,000 minutes (bills count minutes).
        let threshold = |div: f64| if matches!(self, Unit::Seconds | Unit::Millis) { div * 10_000.0 / 60.0 } else { div };
        let (div, suffix) = steps.iter().rev().find(|(d, _)| max.abs() >= threshold(*d)).copied().unwrap_or(steps[0]);
        Scale { div, suffix }
    }

    /// `12.3 GB`, `45.6 Mbps`, `120 min`, `1,234`.
    pub fn human(self, v: f64) -> String {
        let s = self.scale(v);
        format_scaled(v, &s)
    }
}

pub fn format_scaled(v: f64, s: &Scale) -> String {
    let x = v / s.div;
    let digits = if x == 0.0 || x.abs() >= 100.0 { 0 } else if x.abs() >= 10.0 { 1 } else { 2 };
    let num = group_thousands(&format!("{x:.digits$}"));
    if s.suffix.is_empty() { num } else { format!("{num} {}", s.suffix) }
}

fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map(|r| ("-", r)).unwrap_or(("", s));
    let (int, frac) = rest.split_once('.').map(|(i, f)| (i, Some(f))).unwrap_or((rest, None));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Round axis ticks from 0 to at least `max`: 1, 2 or 5 times a power of ten per step.
pub fn nice_ticks(max: f64, wanted: usize) -> Vec<f64> {
    if !(max > 0.0) {
        return vec![0.0, 1.0];
    }
    let rough = max / wanted.max(1) as f64;
    let pow = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * pow).find(|s| *s >= rough).unwrap_or(10.0 * pow);
    let n = (max / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Time ticks for the x axis: about `wanted` round instants (hours or days in the
/// person's zone) with their labels.
pub fn time_ticks(w: Window, wanted: usize, offset_at: impl Fn(i64) -> i64) -> Vec<(i64, String)> {
    let steps = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];
    let rough = w.span() / wanted.max(1) as i64;
    let step = steps.iter().copied().find(|s| *s >= rough).unwrap_or(30 * DAY);
    let off = offset_at(w.start);
    let mut t = ceil(w.start + off, step) - off;
    let mut out = Vec::new();
    while t <= w.end && out.len() < 40 {
        let o = offset_at(t);
        let local = t + o;
        let (_, m, d) = civil_from_days(local.div_euclid(DAY));
        let secs = local.rem_euclid(DAY);
        let label = if step < DAY {
            if secs == 0 { format!("{m:02}-{d:02}") } else { format!("{:02}:{:02}", secs / 3600, secs / 60 % 60) }
        } else {
            format!("{m:02}-{d:02}")
        };
        out.push((t, label));
        t += step;
    }
    out
}

// ---------------------------------------------------------------------------------------
// What the page shows

/// A chart's data as the server read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub id: ChartId,
    /// Seconds per point.
    pub step: i64,
    /// The window the points cover (clamped to what VOD keeps).
    pub window: Window,
    pub series: Vec<Series>,
    /// The previous period, shifted onto this one's times (when compare is on).
    pub previous: Vec<Series>,
    /// Sentences about what was clamped or is not ready.
    pub notes: Vec<String>,
    /// Upstream calls made for it.
    pub calls: usize,
    pub error: Option<crate::error::AppError>,
}

impl Chart {
    pub fn empty(id: ChartId, window: Window, step: i64) -> Chart {
        Chart { id, step, window, series: Vec::new(), previous: Vec::new(), notes: Vec::new(), calls: 0, error: None }
    }

    /// The largest value of any series (the axis' top).
    pub fn max(&self) -> f64 {
        self.series.iter().chain(&self.previous).flat_map(|s| s.points.iter().map(|p| p.v)).fold(0.0, f64::max)
    }

    /// CSV: one row per interval, a column per series (and per previous-period series),
    /// values in the base unit, times in UTC and in the person's zone.
    pub fn csv(&self, offset_at: impl Fn(i64) -> i64, locale: Locale) -> String {
        let mut times: Vec<i64> = self.series.iter().flat_map(|s| s.points.iter().map(|p| p.t)).collect();
        times.sort_unstable();
        times.dedup();
        let unit = match self.id.unit() {
            Unit::Bytes => "bytes",
            Unit::BitsPerSecond => "bit/s",
            Unit::Seconds => "seconds",
            Unit::Millis => "milliseconds",
            Unit::Count => "count",
        };
        let mut header = vec!["time_utc".to_string(), "time_local".to_string()];
        for s in &self.series {
            header.push(format!("{} ({unit})", series_label(&s.name, locale)));
        }
        for s in &self.previous {
            header.push(format!("{} ({unit}, {})", series_label(&s.name, locale), td_string!(locale, usage.previous)));
        }
        let mut out = String::new();
        out.push_str(&header.iter().map(|h| csv_cell(h)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
        for t in times {
            let mut row = vec![utc_text(t), crate::model::prefs::format_wall(t, offset_at(t) as i32)];
            for s in self.series.iter().chain(&self.previous) {
                row.push(s.points.iter().find(|p| p.t == t).map(|p| trim_float(p.v)).unwrap_or_default());
            }
            out.push_str(&row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        out
    }
}

fn trim_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

fn csv_cell(s: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheet programs.
    let s = if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.parse::<f64>().is_err()) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// A row of the day's top videos.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopVideo {
    pub video_id: String,
    pub title: String,
    pub plays: f64,
    pub viewers: f64,
    pub play_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopVideos {
    /// The day, `2026-11-30` (UTC+8).
    pub day: String,
    pub total: i64,
    pub rows: Vec<TopVideo>,
    pub error: Option<crate::error::AppError>,
}

/// The page: the window drawn, the charts this person may read, the domain picker,
/// the top videos, and how fresh playback data is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageView {
    pub query: UsageQuery,
    pub window: Window,
    pub charts: Vec<Chart>,
    /// Accelerated domains (for the picker); `None` when they could not be read.
    pub domains: Option<Vec<String>>,
    pub top: Option<TopVideos>,
    /// The newest published playback day, `2026-11-30`, and when the next one comes (UTC).
    pub play_ready_through: String,
    pub next_play_update: i64,
    /// The share of plays per play length on the newest day of the range.
    pub play_lengths: Vec<(String, f64)>,
    pub video_title: Option<String>,
    pub cached_age_secs: Option<u64>,
    /// Upstream calls made for the page (reads answered from cache count too).
    pub calls: usize,
}

// ---------------------------------------------------------------------------------------
// The overview page

/// A tile of the overview: `None` when the person may not read it, else what was read
/// or why it could not be.
pub type Tile<T> = Option<Result<T, crate::error::AppError>>;

/// Media counts by status, as GetVideoList totals them.
pub const DASHBOARD_STATUSES: [&str; 6] = ["Normal", "Checking", "Blocked", "Transcoding", "TranscodeFail", "UploadFail"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StorageTile {
    /// Bytes stored at the end of the 30 days.
    pub latest: f64,
    /// Daily storage over 30 days.
    pub trend: Vec<Point>,
    /// Percentage change over the 30 days.
    pub change_pct: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayTile {
    /// `2026-12-04` (UTC+8).
    pub day: String,
    pub plays: Option<f64>,
    pub viewers: Option<f64>,
    /// CDN bytes that day, all domains.
    pub traffic: Option<f64>,
}

/// "How is my VOD doing?": every read fanned out at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// `(status, count)` for [`DASHBOARD_STATUSES`].
    pub counts: Tile<Vec<(String, i64)>>,
    pub storage: Tile<StorageTile>,
    pub yesterday: Tile<DayTile>,
    pub activity: Tile<Vec<crate::model::activity::ActivityEntry>>,
    /// Upstream reads made (answers from the console's cache included).
    pub calls: usize,
    pub cached_age_secs: Option<u64>,
}

/// A small line of `points` in a `w` by `h` box, as an SVG path.
pub fn sparkline(points: &[Point], w: f64, h: f64) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return String::new() };
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.v), hi.max(p.v)));
    let span_t = (last.t - first.t).max(1) as f64;
    let span_v = if hi > lo { hi - lo } else { 1.0 };
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = (p.t - first.t) as f64 / span_t * w;
            let y = h - 2.0 - (p.v - lo) / span_v * (h - 4.0);
            format!("{}{x:.1},{y:.1}", if i == 0 { 'M' } else { 'L' })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_438_400; // 2026-12-05T02:40:00Z

    fn utc(s: &str) -> i64 {
        parse_utc(s).unwrap()
    }

    #[test]
    fn series_points_travel_compactly_and_come_back_the_same() {
        let even = Series { name: "used".into(), points: (0..3).map(|i| Point { t: NOW + i * 3600, v: 1.5e11 + i as f64 }).collect() };
        let json = serde_json::to_string(&even).unwrap();
        assert_eq!(json, format!(r#"{{"name":"used","points":{{"t0":{NOW},"d":3600,"v":[150000000000,150000000001,150000000002]}}}}"#));
        assert_eq!(serde_json::from_str::<Series>(&json).unwrap(), even);
        let uneven = Series { name: "x".into(), points: vec![Point { t: 10, v: 0.25 }, Point { t: 20, v: -3.0 }, Point { t: 50, v: 7.125 }] };
        let json = serde_json::to_string(&uneven).unwrap();
        assert_eq!(json, r#"{"name":"x","points":{"t":[10,10,30],"v":[0.25,-3,7.125]}}"#);
        assert_eq!(serde_json::from_str::<Series>(&json).unwrap(), uneven);
        for points in [vec![], vec![Point { t: 5, v: 1.0 }]] {
            let s = Series { name: "n".into(), points };
            assert_eq!(serde_json::from_str::<Series>(&serde_json::to_string(&s).unwrap()).unwrap(), s);
        }
    }

    #[test]
    fn presets_end_at_the_next_hour_and_default_to_a_week() {
        let w = UsageQuery::default().window(NOW, |_| 0).unwrap();
        assert_eq!(utc_text(w.end), "2026-12-05T03:00:00Z");
        assert_eq!(w.span(), 7 * DAY);
        let q = UsageQuery { range: "24h".into(), ..Default::default() };
        assert_eq!(q.window(NOW, |_| 0).unwrap().span(), DAY);
        let q = UsageQuery { range: "1y".into(), ..Default::default() };
        assert_eq!(q.window(NOW, |_| 0), Err(RangeProblem::UnknownPreset));
    }

    #[test]
    fn custom_days_are_read_in_the_persons_zone_and_checked() {
        let q = UsageQuery { from: "2026-11-01".into(), to: "2026-11-30".into(), ..Default::default() };
        let w = q.window(NOW, |_| UTC8).unwrap();
        assert_eq!((utc_text(w.start), utc_text(w.end)), ("2026-10-31T16:00:00Z".into(), "2026-11-30T16:00:00Z".into()));
        let backwards = UsageQuery { from: "2026-11-30".into(), to: "2026-11-01".into(), ..Default::default() };
        assert_eq!(backwards.window(NOW, |_| 0), Err(RangeProblem::EndBeforeStart));
        let long = UsageQuery { from: "2026-01-01".into(), to: "2026-11-30".into(), ..Default::default() };
        assert_eq!(long.window(NOW, |_| 0), Err(RangeProblem::TooLong));
        let typo = UsageQuery { from: "2026-11-1".into(), to: "2026-11-30".into(), ..Default::default() };
        assert_eq!(typo.window(NOW, |_| 0).unwrap_err().field(), "from");
        let future = UsageQuery { from: "2027-01-01".into(), to: "2027-01-02".into(), ..Default::default() };
        assert_eq!(future.window(NOW, |_| 0), Err(RangeProblem::InTheFuture));
        // A range ending in the future is cut at the next whole hour.
        let open = UsageQuery { from: "2026-12-01".into(), to: "2026-12-31".into(), ..Default::default() };
        assert_eq!(utc_text(open.window(NOW, |_| 0).unwrap().end), "2026-12-05T03:00:00Z");
    }

    #[test]
    fn a_zoom_round_trips_through_the_url() {
        let q = UsageQuery { range: "30d".into(), domain: "vod.example.com".into(), compare: true, ..Default::default() };
        let w = Window { start: utc("2026-11-20T06:00:00Z"), end: utc("2026-11-22T18:00:00Z") };
        let z = q.zoomed(w);
        let href = z.href();
        assert!(href.contains("start=2026-11-20T06%3A00%3A00Z") && href.contains("compare=1") && !href.contains("range="), "{href}");
        let pairs: Vec<(String, String)> = z.pairs().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let back = UsageQuery::from_params(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
        assert_eq!(back, z);
        assert_eq!(back.window(NOW, |_| 0).unwrap(), w);
        assert_eq!(back.preset(), None);
    }

    #[test]
    fn long_ranges_split_evenly_and_keep_their_granularity() {
        let w = Window { start: utc("2026-09-06T00:00:00Z"), end: utc("2026-12-05T00:00:00Z") };
        let (step, calls) = usage_calls(w);
        assert_eq!(step, DAY);
        assert_eq!(calls.len(), 3);
        assert!(calls.iter().all(|c| c.span() <= USAGE_CALL_SPAN && c.span() > HOURLY_UP_TO && c.start % DAY == 0));
        assert_eq!((calls[0].start, calls[2].end), (w.start, w.end));
        assert!(calls.windows(2).all(|p| p[0].end == p[1].start));
        // 33 days: two pieces of 16-17 days, not 31 days and an hourly tail.
        let w = Window { start: utc("2026-11-01T00:00:00Z"), end: utc("2026-12-04T00:00:00Z") };
        let (_, calls) = usage_calls(w);
        assert_eq!(calls.iter().map(|c| c.span() / DAY).collect::<Vec<_>>(), vec![16, 17]);
        // A week keeps hourly points in one call.
        let w = Window { start: utc("2026-11-28T03:00:00Z"), end: utc("2026-12-05T03:00:00Z") };
        assert_eq!(usage_calls(w), (HOUR, vec![w]));
    }

    #[test]
    fn cdn_ranges_follow_vods_history_and_intervals() {
        assert_eq!((cdn_step(DAY), cdn_step(7 * DAY), cdn_step(30 * DAY), cdn_step(31 * DAY)), (300, HOUR, HOUR, DAY));
        let w = Window { start: NOW - 120 * DAY, end: NOW };
        let (c, clamped) = cdn_window(w, NOW).unwrap();
        assert!(clamped && c.span() <= CDN_HISTORY);
        assert!(cdn_window(Window { start: NOW - 200 * DAY, end: NOW - 100 * DAY }, NOW).is_none());
        assert!(!cdn_window(Window { start: NOW - DAY, end: NOW }, NOW).unwrap().1);
    }

    #[test]
    fn playback_days_are_published_at_nine_in_china() {
        // 02:40 UTC is 10:40 UTC+8: yesterday (12-04) is out.
        assert_eq!(day_text(newest_play_day(NOW), UTC8), "2026-12-04");
        assert_eq!(utc_text(next_play_update(NOW)), "2026-12-06T01:00:00Z");
        // 00:30 UTC is 08:30 UTC+8: only 12-03 is out, 12-04 comes at 09:00.
        let early = utc("2026-12-05T00:30:00Z");
        assert_eq!(day_text(newest_play_day(early), UTC8), "2026-12-03");
        assert_eq!(utc_text(next_play_update(early)), "2026-12-05T01:00:00Z");
        let w = UsageQuery::default().window(NOW, |_| 0).unwrap();
        let calls = play_calls(w, NOW);
        assert_eq!(calls.len(), 1);
        assert_eq!((day_text(calls[0].0, UTC8), day_text(calls[0].1, UTC8)), ("2026-11-29".into(), "2026-12-04".into()));
        let w = Window { start: NOW - 180 * DAY, end: NOW };
        assert_eq!(play_calls(w, NOW).len(), 1);
        assert!(play_calls(Window { start: NOW - 3600, end: NOW }, NOW).is_empty());
    }

    #[test]
    fn strings_from_vod_become_numbers_and_units_read_as_people_expect() {
        assert_eq!(parse_value(" 1073741824 "), Some(1073741824.0));
        assert_eq!(parse_value(""), None);
        assert_eq!(parse_value("n/a"), None);
        assert_eq!(play_date("20261130").map(|t| utc_text(t)), Some("2026-11-29T16:00:00Z".into()));
        assert_eq!(play_date("2026113"), None);
        assert_eq!(parse_play_range("<=1m:74.3%;>1<=5m:22.8%;>5m:2.9%"), vec![("<=1m".into(), 74.3), (">1<=5m".into(), 22.8), (">5m".into(), 2.9)]);
        assert_eq!(Unit::Bytes.human(1.5 * 1073741824.0), "1.50 GB");
        assert_eq!(Unit::Bytes.human(123.0 * 1099511627776.0), "123 TB");
        assert_eq!(Unit::BitsPerSecond.human(45_600_000.0), "45.6 Mbps");
        assert_eq!(Unit::Seconds.human(7200.0), "120 min");
        assert_eq!(Unit::Seconds.human(60.0 * 20_000.0), "333 h");
        assert_eq!(Unit::Millis.human(90_000.0), "1.50 min");
        assert_eq!(Unit::Count.human(1234.0), "1.23 K");
        assert_eq!(Unit::Count.human(999.0), "999");
        assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
    }

    #[test]
    fn stitched_pieces_have_each_interval_once_in_order() {
        let a = vec![Point { t: 0, v: 1.0 }, Point { t: 10, v: 2.0 }];
        let b = vec![Point { t: 10, v: 2.0 }, Point { t: 20, v: 3.0 }];
        assert_eq!(stitch([b, a]).iter().map(|p| p.t).collect::<Vec<_>>(), vec![0, 10, 20]);
    }

    #[test]
    fn a_sparkline_spans_its_box() {
        let pts = [Point { t: 0, v: 5.0 }, Point { t: 50, v: 10.0 }, Point { t: 100, v: 7.5 }];
        assert_eq!(sparkline(&pts, 100.0, 20.0), "M0.0,18.0L50.0,2.0L100.0,10.0");
        assert_eq!(sparkline(&[], 100.0, 20.0), "");
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(93.0, 4), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 4), vec![0.0, 1.0]);
        let w = Window { start: utc("2026-11-28T03:00:00Z"), end: utc("2026-12-05T03:00:00Z") };
        let ticks = time_ticks(w, 7, |_| UTC8);
        assert!(ticks.len() >= 6 && ticks.iter().all(|(t, _)| (t + UTC8) % DAY == 0), "{ticks:?}");
        assert_eq!(ticks[0].1, "11-29");
    }

    #[test]
    fn csv_has_a_row_per_interval_and_no_formulas() {
        let mut c = Chart::empty(ChartId::CdnTraffic, Window { start: 0, end: 600 }, 300);
        c.series.push(Series { name: "total".into(), points: vec![Point { t: 0, v: 10.0 }, Point { t: 300, v: 2.5 }] });
        c.series.push(Series { name: "=cmd".into(), points: vec![Point { t: 0, v: 1.0 }] });
        let csv = c.csv(|_| UTC8, Locale::en);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "1970-01-01T00:00:00Z,1970-01-01 08:00,10,1");
        assert_eq!(lines[2], "1970-01-01T00:05:00Z,1970-01-01 08:05,2.5,");
        assert!(lines[0].contains("'=cmd (bytes)"), "{}", lines[0]);
    }
}
