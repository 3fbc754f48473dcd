//! Usage and playback statistics: DescribeVodStorageData, DescribeVodTranscodeData,
//! DescribeVodAIData, DescribeVodDomainUsageData, DescribeVodDomainTrafficData,
//! DescribeVodDomainBpsData, DescribePlayTopVideos, DescribePlayUserAvg,
//! DescribePlayUserTotal, DescribePlayVideoStatis and DescribeVodUserDomains.
//!
//! Nothing here is stored. Every value is a pure function of the action, the series, the
//! start of its time slot and the domain (or video), built from the demo account (its
//! media library, its transcode groups, its domains in [`demo::DOMAINS`]): a range asked
//! in pieces and stitched gives exactly the points one call gives, and a past slot keeps
//! its value. The shapes are an account's: a daily cycle (evening peak in UTC+8, office
//! hours for processing), a weekly one (weekends higher for playback and CDN, lower for
//! processing), slow growth, and an occasional hash-chosen burst.
//!
//! Time: points are aligned to their interval, days to UTC+8 midnight (16:00Z, as the
//! seed's daily samples are); a call answers the slots that meet [StartTime, EndTime) and
//! have begun by the emulator's clock ([`Backend::now`]), so no point lies in the future.
//! The slot in progress carries its whole value: a slot's value never depends on when it
//! is asked. Finer slots are the unit: a day's transcode seconds or CDN bytes are the sum
//! of its hours or five-minute slots.
//! Playback statistics count UTC+8 days, each published at 09:00 UTC+8 the next day; a
//! day not published yet is left out (the seed names no error for it).
//!
//! Which code a refusal carries follows each action's error table in the seed; the
//! actions of one family share their rules (see `docs/emulator-actions.md`).

use serde_json::{json, Value};

use super::{rules, ActionRequest, Backend};
use crate::demo::{self, DemoDomain, DOMAINS, NO_TRANSCODE_GROUP, STORAGE_LOCATIONS};
use crate::error::ApiError;
use crate::store::Video;

const FIVE_MINUTES: i64 = 300;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const UTC8: i64 = 8 * HOUR;
/// [`demo::ANCHOR`] in unix seconds (a test checks they agree).
const ANCHOR: i64 = 1_793_491_200;
/// The account's first upload: the demo library spreads its media over the two years
/// before the anchor, and there is no usage before it.
const ACCOUNT_START: i64 = ANCHOR - 730 * DAY;
/// The application the demo media belong to.
const DEFAULT_APP: &str = "app-1000000";
const REGIONS: &[&str] = &["cn-shanghai", "cn-beijing", "eu-central-1", "ap-southeast-1"];
const PLATFORMS: [&str; 4] = ["Android", "iOS", "HTML5", "Flash"];

fn refuse(code: &str, message: &str) -> ApiError {
    ApiError::new(400, code, message)
}

// ---------------------------------------------------------------------------------------
// Deterministic signals

/// SplitMix64's finaliser: the emulator's one source of deterministic variation.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A series of one subject (a domain, a video, a storage location): hashed once, then
/// mixed with each slot, the only source of variation.
#[derive(Debug, Clone, Copy)]
struct Key(u64);

impl Key {
    fn new(series: &str, subject: &str) -> Key {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in series.bytes().chain([0xff]).chain(subject.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Key(mix(h))
    }

    fn at(self, slot: i64) -> u64 {
        mix(self.0 ^ mix(slot as u64 ^ 0x9E37_79B9_7F4A_7C15))
    }
}

fn hash(series: &str, subject: &str, slot: i64) -> u64 {
    Key::new(series, subject).at(slot)
}

/// The `i`-th independent value drawn from one hash.
fn nth(h: u64, i: u64) -> u64 {
    mix(h ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Uniform in [0, 1).
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// 1 ± `spread`.
fn jitter(h: u64, spread: f64) -> f64 {
    1.0 + spread * (2.0 * unit(h) - 1.0)
}

/// The start of the slot of `step` seconds holding `t`: days (and longer) begin at
/// UTC+8 midnight, shorter slots at multiples of their length.
fn align(t: i64, step: i64) -> i64 {
    if step % DAY == 0 {
        (t + UTC8).div_euclid(step) * step - UTC8
    } else {
        t.div_euclid(step) * step
    }
}

/// The slots of `step` seconds that meet [start, end) and have begun by `now`.
fn slots(start: i64, end: i64, step: i64, now: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut t = align(start, step);
    while t < end && t <= now {
        out.push(t);
        t += step;
    }
    out
}

fn hour_utc8(t: i64) -> usize {
    ((t + UTC8).rem_euclid(DAY) / HOUR) as usize
}

/// 0 is Sunday (1970-01-01 was a Thursday).
fn weekday_utc8(t: i64) -> i64 {
    ((t + UTC8).div_euclid(DAY) + 4).rem_euclid(7)
}

/// `yyyyMMdd` of the UTC+8 day starting at `day`.
fn date_label(day: i64) -> String {
    rules::iso(day + UTC8)[..10].replace('-', "")
}

/// How busy the account is: nothing before its first upload, rising to 1 at the demo
/// anchor, then 25 % more a year.
fn activity(t: i64) -> f64 {
    if t < ACCOUNT_START {
        0.0
    } else if t <= ANCHOR {
        0.35 + 0.65 * (t - ACCOUNT_START) as f64 / (ANCHOR - ACCOUNT_START) as f64
    } else {
        1.0 + 0.25 * (t - ANCHOR) as f64 / (365 * DAY) as f64
    }
}

/// Viewing by hour of the day (UTC+8): a night low, a lunch bump, the evening peak.
const VIEWING: [f64; 24] = [
    0.55, 0.38, 0.26, 0.18, 0.14, 0.13, 0.17, 0.28, 0.45, 0.58, 0.66, 0.72, 0.80, 0.78, 0.74, 0.74, 0.78, 0.86, 0.98, 1.15,
    1.30, 1.38, 1.25, 0.88,
];
/// Uploads and processing by hour of the day (UTC+8): office hours.
const WORKING: [f64; 24] = [
    0.15, 0.12, 0.10, 0.10, 0.10, 0.12, 0.20, 0.35, 0.70, 1.10, 1.35, 1.40, 1.10, 1.20, 1.45, 1.50, 1.40, 1.20, 0.90, 0.60,
    0.45, 0.35, 0.28, 0.20,
];

/// [`VIEWING`] at the middle of the five minutes from `t`, between the hours' values.
fn viewing_at(t: i64) -> f64 {
    let seconds = (t + FIVE_MINUTES / 2 + UTC8).rem_euclid(DAY);
    let (hour, within) = ((seconds / HOUR) as usize, (seconds % HOUR) as f64 / HOUR as f64);
    VIEWING[hour] * (1.0 - within) + VIEWING[(hour + 1) % 24] * within
}

fn weekly_viewing(t: i64) -> f64 {
    match weekday_utc8(t) {
        0 | 6 => 1.22,
        5 => 1.08,
        _ => 1.0,
    }
}

fn weekly_working(t: i64) -> f64 {
    match weekday_utc8(t) {
        0 | 6 => 0.45,
        _ => 1.0,
    }
}

/// About one day in 25 a series bursts (a video goes viral, a batch is reprocessed):
/// 1.8-3.2 times its level for 2-4 hours from `first_hour` + 0..4 (UTC+8).
fn burst(key: Key, t: i64, first_hour: u64) -> f64 {
    let day = align(t, DAY);
    let h = key.at(day);
    if unit(h) >= 0.04 {
        return 1.0;
    }
    let from = first_hour + (h >> 8) % 5;
    let hours = 2 + (h >> 16) % 3;
    let hour = hour_utc8(t) as u64;
    if (from..from + hours).contains(&hour) {
        1.8 + 1.4 * unit(mix(h))
    } else {
        1.0
    }
}

// ---------------------------------------------------------------------------------------
// The demo library: what storage, transcode and AI usage and the playback totals derive from

/// The bucket and region of a storage location (`outin-….oss-cn-shanghai.aliyuncs.com`).
fn bucket_and_region(location: &str) -> (&str, &str) {
    let (bucket, rest) = location.split_once(".oss-").unwrap_or((location, ""));
    (bucket, rest.strip_suffix(".aliyuncs.com").unwrap_or(rest))
}

struct Stored {
    created: i64,
    bytes: f64,
    location: usize,
}

/// A medium that plays: its series, creation time and duration (seconds).
struct Playable {
    plays: Key,
    /// How much more than others it is watched (a few are watched far more than the rest).
    weight: f64,
    created: i64,
    duration: f64,
}

impl Playable {
    fn of(v: &Video) -> Playable {
        Playable {
            plays: Key::new("plays", &v.video_id),
            weight: 60.0 * (1.0 - unit(hash("popularity", &v.video_id, 0))).powi(4) + 0.3,
            created: v.creation_time,
            duration: v.duration,
        }
    }
}

/// The demo data set's media (not the store's: past usage does not change when a medium
/// is uploaded or deleted today).
struct Library {
    stored: Vec<Stored>,
    playable: Vec<Playable>,
    /// Each storage location's share of the media (transcode and AI usage are split so).
    location_share: Vec<f64>,
    /// Each location's storage outbound traffic series.
    out_keys: Vec<Key>,
}

impl Library {
    fn demo() -> Library {
        let cats = demo::build_categories(ANCHOR);
        let videos = demo::build_videos(ANCHOR, &cats);
        let location = |v: &Video| STORAGE_LOCATIONS.iter().position(|l| *l == v.storage_location).unwrap_or(0);
        let stored = videos
            .iter()
            .filter(|v| v.size > 0)
            .map(|v| Stored {
                created: v.creation_time,
                // The source plus its renditions in a group that transcodes.
                bytes: v.size as f64 * if v.template_group_id == NO_TRANSCODE_GROUP { 1.0 } else { 1.65 },
                location: location(v),
            })
            .collect();
        let playable = videos
            .iter()
            .filter(|v| v.status == "Normal")
            .map(Playable::of)
            .collect();
        let mut location_share = vec![0.0; STORAGE_LOCATIONS.len()];
        for v in &videos {
            location_share[location(v)] += 1.0 / videos.len() as f64;
        }
        let out_keys = STORAGE_LOCATIONS.iter().map(|l| Key::new("storage-out", l)).collect();
        Library { stored, playable, location_share, out_keys }
    }

    /// Bytes in each storage location at `t`: every medium uploaded by then and, past the
    /// anchor, the last half year's pace continued.
    fn stored_at(&self, t: i64) -> Vec<f64> {
        let mut bytes = vec![0.0; STORAGE_LOCATIONS.len()];
        let mut recent = vec![0.0; STORAGE_LOCATIONS.len()];
        for m in &self.stored {
            if m.created <= t {
                bytes[m.location] += m.bytes;
            }
            if m.created > ANCHOR - 180 * DAY && m.created <= ANCHOR {
                recent[m.location] += m.bytes;
            }
        }
        if t > ANCHOR {
            for (b, r) in bytes.iter_mut().zip(&recent) {
                *b += r * (t - ANCHOR) as f64 / (180 * DAY) as f64;
            }
        }
        bytes
    }
}

// ---------------------------------------------------------------------------------------
// Storage, transcode and AI usage

/// StartTime and EndTime of the storage, transcode, AI and domain usage actions.
fn usage_times(req: &ActionRequest) -> Result<(i64, i64), ApiError> {
    let start = rules::required(req, "StartTime")?;
    let end = rules::required(req, "EndTime")?;
    let start = rules::parse_iso(start).ok_or_else(|| refuse("InvalidParameterStartTime", "Invalid Parameter StartTime."))?;
    let end = rules::parse_iso(end).ok_or_else(|| refuse("InvalidParameterEndTime", "Invalid Parameter EndTime."))?;
    if end <= start {
        return Err(refuse("InvalidParameterEndTime", "Invalid Parameter EndTime. It must be later than StartTime."));
    }
    if end - start > 31 * DAY {
        return Err(refuse("InvalidTimeRange", "StartTime and EndTime range should less than 1 month."));
    }
    Ok((start, end))
}

/// `hour` up to 7 days, `day` beyond (or the `Interval` asked, for transcode).
fn usage_step(req: &ActionRequest, span: i64, with_interval: bool) -> Result<i64, ApiError> {
    match req.param("Interval").filter(|_| with_interval) {
        Some("hour") => Ok(HOUR),
        Some("day") => Ok(DAY),
        Some(_) => Err(ApiError::invalid("Interval", "Valid values: hour, day.")),
        None if span <= 7 * DAY => Ok(HOUR),
        None => Ok(DAY),
    }
}

fn interval_name(step: i64) -> &'static str {
    if step == HOUR {
        "hour"
    } else {
        "day"
    }
}

fn comma_list(v: &str) -> Vec<&str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The storage locations a request covers: `Region`, `Storage` (bucket names or whole
/// locations) and `AppId` narrow them; a location left out contributes nothing.
fn scope(req: &ActionRequest, with_storage: bool, with_app: bool) -> Result<Vec<bool>, ApiError> {
    let regions = req.param("Region").map(comma_list);
    if let Some(bad) = regions.iter().flatten().find(|r| !REGIONS.contains(r)) {
        return Err(refuse("InvalidParameterRegion", &format!("Invalid Parameter Region: {bad}.")));
    }
    let buckets = req.param("Storage").filter(|_| with_storage).map(comma_list);
    if with_storage {
        if let Some(t) = req.param("StorageType") {
            if t != "OSS" {
                return Err(ApiError::invalid("StorageType", "Valid values: OSS."));
            }
        }
    }
    let app_ok = !with_app || req.param("AppId").is_none_or(|a| a == DEFAULT_APP);
    Ok(STORAGE_LOCATIONS
        .iter()
        .map(|l| {
            let (bucket, region) = bucket_and_region(l);
            app_ok
                && regions.as_ref().is_none_or(|rs| rs.contains(&region))
                && buckets.as_ref().is_none_or(|bs| bs.contains(&bucket) || bs.contains(l))
        })
        .collect())
}

pub async fn describe_vod_storage_data(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (start, end) = usage_times(req)?;
    let step = usage_step(req, end - start, false)?;
    let scope = scope(req, true, true)?;
    let lib = Library::demo();
    let items: Vec<Value> = slots(start, end, step, b.now())
        .into_iter()
        .map(|t| {
            let at_end = lib.stored_at(t + step);
            let used: f64 = at_end.iter().zip(&scope).filter(|(_, s)| **s).map(|(b, _)| b.round()).sum();
            let out: u64 = (t..t + step).step_by(HOUR as usize).map(|h| storage_out_hour(&lib, &scope, h)).sum();
            json!({ "TimeStamp": rules::iso(t), "StorageUtilization": (used as u64).to_string(), "NetworkOut": out.to_string() })
        })
        .collect();
    Ok(json!({ "DataInterval": interval_name(step), "StorageData": { "StorageDataItem": items } }))
}

/// Bytes read straight from storage (not through the CDN) in the hour from `h`: a small
/// share of what is stored, with the viewing cycle.
fn storage_out_hour(lib: &Library, scope: &[bool], h: i64) -> u64 {
    let stored = lib.stored_at(h);
    (0..STORAGE_LOCATIONS.len())
        .filter(|i| scope[*i])
        .map(|i| {
            let bytes = stored[i] * 0.0008 * VIEWING[hour_utc8(h)] * weekly_viewing(h) * jitter(lib.out_keys[i].at(h), 0.25);
            bytes.round() as u64
        })
        .sum()
}

/// Transcoded seconds per specification, per source second: the demo groups' mix (5 in
/// 10 videos in Standard HLS LD/SD/HD, 2 in Mobile MP4 LD/SD, 1 in Archive 4K HD/2K/4K,
/// 2 not transcoded), audio one medium in 25, remuxing for packaging.
const SPECIFICATIONS: &[(&str, f64)] = &[
    ("H264.LD", 0.7),
    ("H264.SD", 0.7),
    ("H264.HD", 0.6),
    ("H264.2K", 0.1),
    ("H264.4K", 0.1),
    ("Audio", 0.04),
    ("Segmentation", 0.1),
];
/// AI seconds per source second: every upload is moderated, some fingerprinted and tagged.
const AI_TYPES: &[(&str, f64)] = &[("AIVideoCensor", 0.55), ("AIVideoFPShot", 0.2), ("AIVideoTag", 0.3)];
/// Source seconds processed in an hour at activity 1 (about six hours of new media a day).
const SOURCE_SECONDS_PER_HOUR: f64 = 900.0;

/// Seconds of one name processed in the hour from `h`, over the locations in `scope`
/// (`keys`: the name's series per location). The bursts are per family (`kind`): a
/// batch reprocesses every specification at once.
fn processed_hour(lib: &Library, scope: &[bool], kind: Key, keys: &[Key], share: f64, h: i64) -> u64 {
    let base = SOURCE_SECONDS_PER_HOUR * activity(h) * WORKING[hour_utc8(h)] * weekly_working(h) * burst(kind, h, 9);
    (0..STORAGE_LOCATIONS.len())
        .filter(|i| scope[*i])
        .map(|i| (base * share * lib.location_share[i] * jitter(keys[i].at(h), 0.3)).round() as u64)
        .sum()
}

/// `{TimeStamp, Data: {DataItem: [{Name, Value}]}}` per slot: the names with usage in
/// it, and for transcode the `All` total the seed's sample carries.
fn breakdown(
    lib: &Library,
    scope: &[bool],
    kind: &str,
    names: &[(&str, f64)],
    starts: Vec<i64>,
    step: i64,
    with_all: bool,
) -> Vec<Value> {
    let kind = Key::new(kind, "");
    let keys: Vec<Vec<Key>> = names.iter().map(|(name, _)| STORAGE_LOCATIONS.iter().map(|l| Key::new(name, l)).collect()).collect();
    starts
        .into_iter()
        .map(|t| {
            let mut items = Vec::new();
            let mut all = 0;
            for ((name, share), keys) in names.iter().zip(&keys) {
                let v: u64 = (t..t + step).step_by(HOUR as usize).map(|h| processed_hour(lib, scope, kind, keys, *share, h)).sum();
                all += v;
                if v > 0 {
                    items.push(json!({ "Name": name, "Value": v.to_string() }));
                }
            }
            if with_all {
                items.push(json!({ "Name": "All", "Value": all.to_string() }));
            }
            json!({ "TimeStamp": rules::iso(t), "Data": { "DataItem": items } })
        })
        .collect()
}

/// The entries of `table` named in the comma-separated `param` (all when left out).
fn chosen<'a>(table: &'a [(&'a str, f64)], param: Option<&str>) -> Vec<(&'a str, f64)> {
    match param.map(comma_list) {
        None => table.to_vec(),
        Some(names) => table.iter().filter(|(n, _)| names.contains(n)).copied().collect(),
    }
}

pub async fn describe_vod_transcode_data(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (start, end) = usage_times(req)?;
    let step = usage_step(req, end - start, true)?;
    let scope = scope(req, true, true)?;
    let lib = Library::demo();
    let names = chosen(SPECIFICATIONS, req.param("Specification"));
    let items = breakdown(&lib, &scope, "transcode", &names, slots(start, end, step, b.now()), step, true);
    Ok(json!({ "DataInterval": interval_name(step), "TranscodeData": { "TranscodeDataItem": items } }))
}

pub async fn describe_vod_ai_data(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (start, end) = usage_times(req)?;
    if let Some(bad) = req.param("AIType").map(comma_list).iter().flatten().find(|t| !AI_TYPES.iter().any(|(n, _)| n == *t)) {
        return Err(ApiError::invalid("AIType", &format!("{bad} is not one of AIVideoCensor, AIVideoFPShot, AIVideoTag.")));
    }
    let step = usage_step(req, end - start, false)?;
    let scope = scope(req, false, false)?;
    let lib = Library::demo();
    let names = chosen(AI_TYPES, req.param("AIType"));
    let items = breakdown(&lib, &scope, "ai", &names, slots(start, end, step, b.now()), step, false);
    Ok(json!({ "DataInterval": interval_name(step), "AIData": { "AIDataItem": items } }))
}

// ---------------------------------------------------------------------------------------
// CDN

/// Bytes the whole account serves in five minutes at activity 1 and the viewing peak
/// (about 1.2 TB a day, four times the demo library).
const CDN_BYTES_PER_FIVE_MINUTES: f64 = 6.0e9;

/// CDN bytes of one slot, split by where they went and how.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Cdn {
    domestic: u64,
    overseas: u64,
    https_domestic: u64,
    https_overseas: u64,
}

impl Cdn {
    fn add(&mut self, o: Cdn) {
        self.domestic += o.domestic;
        self.overseas += o.overseas;
        self.https_domestic += o.https_domestic;
        self.https_overseas += o.https_overseas;
    }
}

fn created(d: &DemoDomain) -> i64 {
    ANCHOR - d.created_days_before * DAY
}

/// A domain with its CDN series.
struct DomainSeries {
    domain: &'static DemoDomain,
    volume: Key,
    /// Per hour: the share outside the mainland and over HTTPS.
    shares: Key,
    burst: Key,
}

impl DomainSeries {
    fn new(domain: &'static DemoDomain) -> DomainSeries {
        DomainSeries {
            domain,
            volume: Key::new("cdn", domain.name),
            shares: Key::new("cdn-shares", domain.name),
            burst: Key::new("cdn-burst", domain.name),
        }
    }
}

/// What a domain served in the five minutes from `t` (nothing while it is not online).
fn cdn_five_minutes(s: &DomainSeries, t: i64) -> Cdn {
    let d = s.domain;
    if d.status != "online" || t < created(d) {
        return Cdn::default();
    }
    let bytes = CDN_BYTES_PER_FIVE_MINUTES
        * d.traffic_share
        * activity(t)
        * viewing_at(t)
        * weekly_viewing(t)
        * jitter(s.volume.at(t), 0.15)
        * burst(s.burst, t, 18);
    let hour = s.shares.at(t.div_euclid(HOUR));
    let overseas_share = 0.04 + 0.06 * unit(nth(hour, 0));
    let https_share = if d.https { 0.55 + 0.3 * unit(nth(hour, 1)) } else { 0.0 };
    let domestic = (bytes * (1.0 - overseas_share)).round() as u64;
    let overseas = (bytes * overseas_share).round() as u64;
    Cdn {
        domestic,
        overseas,
        https_domestic: (domestic as f64 * https_share).round() as u64,
        https_overseas: (overseas as f64 * https_share).round() as u64,
    }
}

/// The domains' bytes in the `step` seconds from `t`: the sum of their five-minute slots.
fn cdn_interval(domains: &[DomainSeries], t: i64, step: i64) -> Cdn {
    let mut sum = Cdn::default();
    for slot in (t..t + step).step_by(FIVE_MINUTES as usize) {
        for d in domains {
            sum.add(cdn_five_minutes(d, slot));
        }
    }
    sum
}

/// The domains of `DomainName` (at most `max`), or every online one merged when it is
/// left out; returns them with the name to echo.
fn domains_param(req: &ActionRequest, max: usize) -> Result<(String, Vec<DomainSeries>), ApiError> {
    let Some(names) = req.param("DomainName") else {
        return Ok((String::new(), DOMAINS.iter().filter(|d| d.status == "online").map(DomainSeries::new).collect()));
    };
    let names = rules::split_list(names);
    if names.len() > max {
        return Err(ApiError::invalid("DomainName", &format!("At most {max} domains.")));
    }
    let mut out = Vec::new();
    for name in &names {
        let d = DOMAINS
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| ApiError::new(404, "InvalidDomain.NotFound", "The domain provided does not belong to you."))?;
        match d.status {
            "online" => out.push(DomainSeries::new(d)),
            "offline" => return Err(ApiError::new(404, "InvalidDomain.Offline", "The domain provided is offline.")),
            "configuring" | "checking" => {
                return Err(ApiError::new(403, "ServiceBusy", "The specified Domain is configuring, please retry later."))
            }
            _ => return Err(ApiError::new(500, "InvalidDomain.Configure_failed", "Failed to configure the provided domain.")),
        }
    }
    Ok((names.join(","), out))
}

/// The window and interval of DescribeVodDomainTrafficData / BpsData: both times or
/// neither (the last 24 hours), at most 90 days and within the last 90; the interval by
/// span (under 3 days 300 s, under 31 days 3600 s, else 86400 s), an `Interval` the span
/// does not support falling back to it, as the seed says.
fn cdn_window(req: &ActionRequest, now: i64) -> Result<(i64, i64, i64), ApiError> {
    let (start, end) = match (req.param("StartTime"), req.param("EndTime")) {
        (None, None) => (now - DAY, now),
        (Some(s), Some(e)) => (
            rules::parse_iso(s).ok_or_else(|| refuse("InvalidStartTime.Malformed", "Specified start time is malformed."))?,
            rules::parse_iso(e).ok_or_else(|| refuse("InvalidEndTime.Malformed", "Specified end time is malformed."))?,
        ),
        _ => return Err(refuse("MissingParameter", "StartTime and EndTime can not be single.")),
    };
    if end <= start {
        return Err(refuse("InvalidEndTime.Mismatch", "Specified end time does not match the specified start time."));
    }
    if end - start > 90 * DAY || start < now - 90 * DAY {
        return Err(refuse(
            "InvalidStartTime.ValueNotSupported",
            "The specified value of parameter StartTime is not supported.",
        ));
    }
    let span = end - start;
    let supported: &[i64] = if span < 3 * DAY {
        &[300, 3600, 86_400]
    } else if span < 31 * DAY {
        &[3600, 86_400]
    } else {
        &[86_400]
    };
    let step = req
        .param("Interval")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|i| supported.contains(i))
        .unwrap_or(supported[0]);
    Ok((start, end, step))
}

/// An ISP or location filter keeps a share of the traffic (the seed: only the total is
/// reported then). Every name has its own share; the filters multiply.
fn filter_share(req: &ActionRequest) -> Option<f64> {
    let names: Vec<String> =
        ["IspNameEn", "LocationNameEn"].iter().filter_map(|p| req.param(p)).map(str::to_ascii_lowercase).collect();
    (!names.is_empty()).then(|| names.iter().map(|n| 0.04 + 0.36 * unit(hash("cdn-filter", n, 0))).product())
}

/// One `DataModule`: bytes as they are, or bit/s over the interval. The parts are
/// rounded, then added up, so mainland + outside mainland is the total.
fn cdn_module(t: i64, c: Cdn, step: i64, bits_per_second: bool, filter: Option<f64>) -> (Value, u64) {
    let scale = |bytes: u64| if bits_per_second { (bytes as f64 * 8.0 / step as f64).round() as u64 } else { bytes };
    let (domestic, overseas) = (scale(c.domestic), scale(c.overseas));
    let (https_domestic, https_overseas) = (scale(c.https_domestic), scale(c.https_overseas));
    let total = domestic + overseas;
    if let Some(share) = filter {
        let v = (total as f64 * share).round() as u64;
        let module = json!({
            "TimeStamp": rules::iso(t), "Value": v.to_string(), "DomesticValue": "", "OverseasValue": "",
            "HttpsValue": "", "HttpsDomesticValue": "", "HttpsOverseasValue": "",
        });
        return (module, v);
    }
    let module = json!({
        "TimeStamp": rules::iso(t),
        "Value": total.to_string(),
        "DomesticValue": domestic.to_string(),
        "OverseasValue": overseas.to_string(),
        "HttpsValue": (https_domestic + https_overseas).to_string(),
        "HttpsDomesticValue": https_domestic.to_string(),
        "HttpsOverseasValue": https_overseas.to_string(),
    });
    (module, total)
}

fn cdn_series(req: &ActionRequest, now: i64, bits_per_second: bool) -> Result<(Value, u64), ApiError> {
    let (domain_name, domains) = domains_param(req, 500)?;
    let (start, end, step) = cdn_window(req, now)?;
    let filter = filter_share(req);
    let mut total = 0;
    let modules: Vec<Value> = slots(start, end, step, now)
        .into_iter()
        .map(|t| {
            let (m, v) = cdn_module(t, cdn_interval(&domains, t, step), step, bits_per_second, filter);
            total += v;
            m
        })
        .collect();
    let wrapper = if bits_per_second { "BpsDataPerInterval" } else { "TrafficDataPerInterval" };
    let body = json!({
        "DomainName": domain_name,
        "StartTime": rules::iso(start),
        "EndTime": rules::iso(end),
        "DataInterval": step.to_string(),
        wrapper: { "DataModule": modules },
    });
    Ok((body, total))
}

pub async fn describe_vod_domain_traffic_data(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (mut body, total) = cdn_series(req, b.now(), false)?;
    body["TotalTraffic"] = json!(total.to_string());
    Ok(body)
}

pub async fn describe_vod_domain_bps_data(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (mut body, _) = cdn_series(req, b.now(), true)?;
    body["IspNameEn"] = json!(req.param("IspNameEn").unwrap_or(""));
    body["LocationNameEn"] = json!(req.param("LocationNameEn").unwrap_or(""));
    Ok(body)
}

/// The billing view of CDN usage: one area's bandwidth or traffic per interval.
///
/// The seed gives `Value`'s unit as bit/s for both fields, which cannot be right for
/// `traf`; the emulator answers bytes per interval for `traf` (as
/// DescribeVodDomainTrafficData does) and the average bit/s over the interval for `bps`.
pub async fn describe_vod_domain_usage_data(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let now = b.now();
    let (start, end) = usage_times(req)?;
    let field = rules::required(req, "Field")?;
    if !["bps", "traf"].contains(&field) {
        return Err(refuse("InvalidParameterField", "Invalid Parameter Field."));
    }
    let area = req.param("Area").unwrap_or("CN");
    if !["CN", "OverSeas"].contains(&area) {
        return Err(refuse("InvalidParameterArea", "Invalid Parameter Area."));
    }
    let kind = req.param("Type").unwrap_or("all");
    if !["static", "dynamic", "all"].contains(&kind) {
        return Err(ApiError::invalid("Type", "Valid values: static, dynamic, all."));
    }
    let span = end - start;
    // Up to a day at 300 s (the seed's sample), up to 3 days hourly, daily beyond; a
    // forced 300 s allows 3 days within the last 6 months, 3600/86400 the last year.
    let (step, look_back) = match req.param("Interval") {
        None if span < DAY => (FIVE_MINUTES, 365 * DAY),
        None if span <= 3 * DAY => (HOUR, 365 * DAY),
        None => (DAY, 365 * DAY),
        Some("300") if span > 3 * DAY => {
            return Err(refuse("InvalidTimeRange", "StartTime and EndTime range should less than 3 days with Interval 300."))
        }
        Some("300") => (FIVE_MINUTES, 183 * DAY),
        Some("3600") => (HOUR, 365 * DAY),
        Some("86400") => (DAY, 365 * DAY),
        Some(_) => return Err(refuse("InvalidParameterInterval", "Invalid Parameter Interval.")),
    };
    if start < now - look_back {
        return Err(refuse("InvalidParameterStartTime", "Invalid Parameter StartTime. It is older than the data kept."));
    }
    let (domain_name, domains) = domains_param(req, 100)?;
    let modules: Vec<Value> = slots(start, end, step, now)
        .into_iter()
        .map(|t| {
            // VOD's CDN delivers static content: a dynamic-only query has none.
            let c = if kind == "dynamic" { Cdn::default() } else { cdn_interval(&domains, t, step) };
            let bytes = if area == "CN" { c.domestic } else { c.overseas };
            let value = if field == "bps" { (bytes as f64 * 8.0 / step as f64).round() as u64 } else { bytes };
            json!({ "TimeStamp": rules::iso(t), "Value": value.to_string() })
        })
        .collect();
    Ok(json!({
        "DomainName": domain_name,
        "StartTime": rules::iso(start),
        "EndTime": rules::iso(end),
        "Area": area,
        "Type": kind,
        "DataInterval": step.to_string(),
        "UsageDataPerInterval": { "DataModule": modules },
    }))
}

/// The account's accelerated domains, filtered and paged as the seed describes.
pub async fn describe_vod_user_domains(_b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let not_supported = |name: &str| {
        refuse(&format!("Invalid{name}.ValueNotSupported"), &format!("The specified value of parameter {name} is not supported."))
    };
    let number = |name: &str, default: i64, max: i64| match req.param(name) {
        None => Ok(default),
        Some(v) => v.trim().parse::<i64>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| not_supported(name)),
    };
    let page_number = number("PageNumber", 1, i64::MAX)?;
    let page_size = number("PageSize", 20, 50)?;
    let status = req.param("DomainStatus");
    const STATUSES: &[&str] = &["online", "offline", "configuring", "configure_failed", "checking", "check_failed"];
    if status.is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(not_supported("DomainStatus"));
    }
    let search = req.param("DomainSearchType").unwrap_or("fuzzy_match");
    if !["fuzzy_match", "pre_match", "suf_match", "full_match"].contains(&search) {
        return Err(not_supported("DomainSearchType"));
    }
    let name = req.param("DomainName").map(str::to_ascii_lowercase);
    if let Some(n) = &name {
        if n.len() > 253 || !n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*' | '_')) {
            return Err(refuse("InvalidDomainName.Malformed", "The specific value of parameter DomainName is malformed."));
        }
    }
    // The demo domains carry no tags: a tag filter matches none of them.
    let tagged = req.params.keys().any(|k| k.starts_with("Tag.") && req.param(k).is_some());
    let matching: Vec<&DemoDomain> = DOMAINS
        .iter()
        .filter(|_| !tagged)
        .filter(|d| status.is_none_or(|s| d.status == s))
        .filter(|d| {
            name.as_deref().is_none_or(|n| match search {
                "pre_match" => d.name.starts_with(n),
                "suf_match" => d.name.ends_with(n),
                "full_match" => d.name == n,
                _ => d.name.contains(n),
            })
        })
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(usize::try_from((page_number - 1).saturating_mul(page_size)).unwrap_or(usize::MAX))
        .take(page_size as usize)
        .map(|d| {
            let sources: Vec<Value> = d
                .origins
                .iter()
                .map(|o| json!({ "Type": o.kind, "Content": o.content, "Port": o.port, "Priority": o.priority }))
                .collect();
            json!({
                "DomainName": d.name,
                "Cname": d.cname,
                "DomainStatus": d.status,
                "Description": d.description,
                "GmtCreated": rules::iso(created(d)),
                "GmtModified": rules::iso(ANCHOR - d.modified_days_before * DAY),
                "SslProtocol": if d.https { "on" } else { "off" },
                "Sandbox": "normal",
                "Sources": { "Source": sources },
            })
        })
        .collect();
    Ok(json!({
        "PageNumber": page_number,
        "PageSize": page_size,
        "TotalCount": matching.len(),
        "Domains": { "PageData": page },
    }))
}

// ---------------------------------------------------------------------------------------
// Playback statistics

/// One medium's (or the account's) plays of one day.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Plays {
    vv: u64,
    uv: u64,
    /// Milliseconds.
    ms: u64,
}

/// A medium's plays on the UTC+8 day from `day`: its popularity, more in its first
/// weeks, the weekly cycle, and now and then a viral day.
fn video_plays(m: &Playable, day: i64) -> Plays {
    if m.created >= day + DAY {
        return Plays::default();
    }
    let h = m.plays.at(day);
    let age = (day - m.created).max(0) as f64 / DAY as f64;
    let fresh = 1.0 + 5.0 * (-age / 6.0).exp();
    let viral = if unit(nth(h, 0)) < 0.03 { 2.5 + 2.0 * unit(nth(h, 1)) } else { 1.0 };
    let noon = day + 12 * HOUR;
    let expected = 6.0 * m.weight * fresh * activity(noon) * weekly_viewing(noon) * jitter(nth(h, 2), 0.35) * viral;
    let vv = (expected + unit(nth(h, 3))).floor() as u64;
    if vv == 0 {
        return Plays::default();
    }
    let rewatch = 1.15 + 1.2 * unit(nth(h, 4));
    let uv = ((vv as f64 / rewatch).round() as u64).clamp(1, vv);
    // Most plays stop well before the end: a fifth of the video on average.
    let watched = 0.06 + 0.28 * unit(nth(h, 5));
    Plays { vv, uv, ms: (vv as f64 * m.duration.max(1.0) * watched * 1000.0).round() as u64 }
}

/// `<=1m:74.3%;>1<=5m:22.8%;…`: how long plays lasted, for a mean of `mean_minutes`.
/// A `bounce` share stops within the first minute (half a minute on average); the rest
/// last an exponential time making up the mean. Within the seed's buckets, up to 30
/// minutes; empty buckets are left out.
fn play_range(mean_minutes: f64, bounce: f64) -> String {
    const BUCKETS: [(&str, f64); 5] = [("<=1m", 1.0), (">1<=5m", 5.0), (">5<=10m", 10.0), (">10<=15m", 15.0), (">15<=30m", 30.0)];
    let rest = ((mean_minutes - 0.5 * bounce) / (1.0 - bounce)).max(0.05);
    let cdf = |x: f64| bounce * x.min(1.0) + (1.0 - bounce) * (1.0 - (-x / rest).exp());
    let mut lower = 0.0;
    let mut tenths: Vec<i64> = BUCKETS
        .iter()
        .map(|(_, upper)| {
            let share = (cdf(*upper) - cdf(lower)) / cdf(30.0);
            lower = *upper;
            (share * 1000.0).round() as i64
        })
        .collect();
    let largest = (0..tenths.len()).max_by_key(|i| tenths[*i]).unwrap_or(0);
    tenths[largest] += 1000 - tenths.iter().sum::<i64>();
    BUCKETS
        .iter()
        .zip(&tenths)
        .filter(|(_, t)| **t > 0)
        .map(|((label, _), t)| format!("{label}:{}.{}%", t / 10, t % 10))
        .collect::<Vec<_>>()
        .join(";")
}

/// The share of a day's plays (of a video, or of the account for `""`) that stop
/// within the first minute.
fn bounce(id: &str, day: i64) -> f64 {
    0.3 + 0.25 * unit(hash("bounce", id, day))
}

/// The account's day: plays and viewers per player platform (Flash all but gone),
/// play time, over the demo library.
struct AccountDay {
    vv: [u64; 4],
    uv: [u64; 4],
    ms: u64,
}

impl AccountDay {
    fn of(lib: &Library, day: i64) -> AccountDay {
        let mut sum = Plays::default();
        for m in &lib.playable {
            let p = video_plays(m, day);
            sum.vv += p.vv;
            sum.uv += p.uv;
            sum.ms += p.ms;
        }
        // One viewer watches several videos: the account counts them once.
        let viewers = ((sum.uv as f64 * 0.62).round() as u64).min(sum.vv);
        let android = 0.40 + 0.08 * unit(hash("android", "", day));
        let ios = 0.28 + 0.06 * unit(hash("ios", "", day));
        let flash_h = hash("flash", "", day);
        let flash = if unit(flash_h) < 0.08 { (1 + (flash_h >> 8) % 3).min(sum.vv) } else { 0 };
        let split = |total: u64, flash: u64| {
            let a = (total as f64 * android).round() as u64;
            let i = ((total as f64 * ios).round() as u64).min(total - a);
            let f = flash.min(total - a - i);
            [a, i, total - a - i - f, f]
        };
        let vv = split(sum.vv, flash);
        let mut uv = split(viewers, flash.min(1));
        for (u, v) in uv.iter_mut().zip(vv) {
            *u = (*u).min(v);
        }
        AccountDay { vv, uv, ms: sum.ms }
    }

    fn plays(&self) -> u64 {
        self.vv.iter().sum()
    }

    fn viewers(&self) -> u64 {
        self.uv.iter().sum()
    }
}

/// The UTC+8 day from `day` is published at 09:00 UTC+8 the next day.
fn published(day: i64, now: i64) -> bool {
    now >= day + DAY + 9 * HOUR
}

/// The published UTC+8 days from StartTime's to EndTime's (both included) of
/// DescribePlayUserAvg / UserTotal / VideoStatis: EndTime not after now, not before
/// StartTime, at most 180 days after it; `oldest` limits how far back StartTime may be.
fn play_days(req: &ActionRequest, now: i64, oldest: Option<i64>) -> Result<Vec<i64>, ApiError> {
    let start = rules::required(req, "StartTime")?;
    let end = rules::required(req, "EndTime")?;
    let start = rules::parse_iso(start).ok_or_else(|| refuse("InvalidStartTime.Malformed", "Specified StartTime is malformed."))?;
    let end = rules::parse_iso(end).ok_or_else(|| refuse("InvalidEndTime.Malformed", "Specified EndTime is malformed."))?;
    if end > now {
        return Err(refuse("InvalidEndTime.BeyondCurrent", "EndTime beyond current time."));
    }
    if end < start || end - start > 180 * DAY {
        return Err(refuse("InvalidEndTime.Mismatch", "StartTime or EndTime is mismatch."));
    }
    if oldest.is_some_and(|oldest| start < oldest) {
        return Err(refuse(
            "InvalidStartTime.ValueNotSupported",
            "The specified value of parameter StartTime is not supported: only the last 730 days are kept.",
        ));
    }
    let mut days = Vec::new();
    let mut day = align(start, DAY);
    while day <= align(end, DAY) && published(day, now) {
        days.push(day);
        day += DAY;
    }
    Ok(days)
}

pub async fn describe_play_user_total(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let days = play_days(req, b.now(), None)?;
    let lib = Library::demo();
    let per_platform = |counts: [u64; 4]| -> Value {
        PLATFORMS.iter().zip(counts).map(|(p, n)| (p.to_string(), json!(n.to_string()))).collect()
    };
    let totals: Vec<Value> = days
        .into_iter()
        .map(|day| (day, AccountDay::of(&lib, day)))
        .filter(|(_, a)| a.plays() > 0)
        .map(|(day, a)| {
            json!({
                "Date": date_label(day),
                "PlayDuration": a.ms.to_string(),
                "PlayRange": play_range(a.ms as f64 / a.plays() as f64 / 60_000.0, bounce("", day)),
                "VV": per_platform(a.vv),
                "UV": per_platform(a.uv),
            })
        })
        .collect();
    Ok(json!({ "UserPlayStatisTotals": { "UserPlayStatisTotal": totals } }))
}

pub async fn describe_play_user_avg(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let days = play_days(req, b.now(), None)?;
    let lib = Library::demo();
    let avgs: Vec<Value> = days
        .into_iter()
        .map(|day| (day, AccountDay::of(&lib, day)))
        .filter(|(_, a)| a.viewers() > 0)
        .map(|(day, a)| {
            let viewers = a.viewers() as f64;
            json!({
                "Date": date_label(day),
                "AvgPlayCount": format!("{:.1}", a.plays() as f64 / viewers),
                "AvgPlayDuration": format!("{:.1}", a.ms as f64 / viewers),
            })
        })
        .collect();
    Ok(json!({ "UserPlayStatisAvgs": { "UserPlayStatisAvg": avgs } }))
}

/// One video's days: the store's video (its title as it is now), plays by the same
/// function as the account's. An unknown video has no statistics (the seed names no
/// error for it), nor has one that does not play (only `Normal` media do).
pub async fn describe_play_video_statis(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let id = rules::required(req, "VideoId")?;
    let now = b.now();
    let days = play_days(req, now, Some(now - 730 * DAY))?;
    let videos = b.all::<Video>().await?;
    let details: Vec<Value> = match videos.iter().find(|v| v.video_id == id && v.status == "Normal") {
        None => Vec::new(),
        Some(v) => {
            let medium = Playable::of(v);
            days.into_iter()
                .map(|day| (day, video_plays(&medium, day)))
                .filter(|(_, p)| p.vv > 0)
                .map(|(day, p)| {
                    json!({
                        "Date": date_label(day),
                        "Title": v.title,
                        "VV": p.vv.to_string(),
                        "UV": p.uv.to_string(),
                        "PlayDuration": p.ms.to_string(),
                        "PlayRange": play_range(p.ms as f64 / p.vv as f64 / 60_000.0, bounce(&v.video_id, day)),
                    })
                })
                .collect()
        }
    };
    Ok(json!({ "VideoPlayStatisDetails": { "VideoPlayStatisDetail": details } }))
}

/// The day's most played media (of the store: IDs and titles the console can open), by
/// plays, at most 1,000; an unpublished day has none yet.
pub async fn describe_play_top_videos(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let biz_date = rules::required(req, "BizDate")?;
    let biz_date = rules::parse_iso(biz_date).ok_or_else(|| refuse("InvalidBizDate.Malformed", "Specified BizDate is malformed."))?;
    let now = b.now();
    if biz_date > now {
        // The seed's message for this code, as VOD words it.
        return Err(refuse("InvalidBizDate.BeyondCurrent", "EndTime beyond current time."));
    }
    let page_no = rules::page_no(req)?;
    let page_size = rules::page_size(req, 100, 1000)?;
    let day = align(biz_date, DAY);
    let videos = b.all::<Video>().await?;
    let mut top: Vec<(Plays, &Video)> = Vec::new();
    if published(day, now) {
        top = videos
            .iter()
            .filter(|v| v.status == "Normal")
            .map(|v| (video_plays(&Playable::of(v), day), v))
            .filter(|(p, _)| p.vv > 0)
            .collect();
        top.sort_by(|(a, va), (b, vb)| b.vv.cmp(&a.vv).then_with(|| va.video_id.cmp(&vb.video_id)));
        top.truncate(1000);
    }
    let rows: Vec<Value> = top
        .iter()
        .skip(usize::try_from((page_no - 1).saturating_mul(page_size)).unwrap_or(usize::MAX))
        .take(page_size as usize)
        .map(|(p, v)| {
            json!({
                "VideoId": v.video_id,
                "Title": v.title,
                "VV": p.vv.to_string(),
                "UV": p.uv.to_string(),
                "PlayDuration": p.ms.to_string(),
            })
        })
        .collect();
    Ok(json!({
        "PageNo": page_no,
        "PageSize": page_size,
        "TotalNum": top.len(),
        "TopPlayVideos": { "TopPlayVideoStatis": rows },
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::super::test_support::*;
    use super::*;

    fn at(t: i64) -> String {
        rules::iso(t)
    }

    fn times(list: &Value) -> Vec<i64> {
        list.as_array().unwrap().iter().map(|i| rules::parse_iso(i["TimeStamp"].as_str().unwrap()).unwrap()).collect()
    }

    fn num(v: &Value) -> u64 {
        v.as_str().unwrap().parse().unwrap()
    }

    /// Calls `action` over [from, to) and over [from, mid) and [mid, to), and checks the
    /// pieces stitched (each slot once) are the whole.
    async fn stitches(b: &Backend, action: &str, extra: &[(&str, &str)], list: &[&str], from: i64, mid: i64, to: i64) {
        let get = |s: i64, e: i64| {
            let mut p: Vec<(&str, String)> = vec![("StartTime", at(s)), ("EndTime", at(e))];
            p.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
            async move {
                let params: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let mut v = ok(b, action, &params).await;
                for key in list {
                    v = v[*key].take();
                }
                v.as_array().unwrap().clone()
            }
        };
        let whole = get(from, to).await;
        let mut stitched: Vec<Value> = get(from, mid).await;
        for item in get(mid, to).await {
            if !stitched.contains(&item) {
                stitched.push(item);
            }
        }
        assert!(!whole.is_empty(), "{action}");
        assert_eq!(stitched, whole, "{action}: two calls stitched differ from one");
    }

    #[test]
    fn the_anchor_constant_is_the_demo_anchor() {
        assert_eq!(Some(ANCHOR), rules::parse_iso(demo::ANCHOR));
        assert_eq!(date_label(rules::parse_iso("2026-11-30T16:00:00Z").unwrap()), "20261201");
        assert_eq!(weekday_utc8(rules::parse_iso("2026-12-05T20:00:00Z").unwrap()), 0, "a Sunday in UTC+8");
        assert_eq!(align(rules::parse_iso("2026-12-01T10:00:00Z").unwrap(), DAY), rules::parse_iso("2026-11-30T16:00:00Z").unwrap());
    }

    #[tokio::test]
    async fn a_range_asked_in_two_calls_is_the_range_asked_in_one() {
        let (b, _d) = backend().await;
        let today = align(b.now(), DAY);
        const STORAGE: &[&str] = &["StorageData", "StorageDataItem"];
        const TRANSCODE: &[&str] = &["TranscodeData", "TranscodeDataItem"];
        const AI: &[&str] = &["AIData", "AIDataItem"];
        const TRAFFIC: &[&str] = &["TrafficDataPerInterval", "DataModule"];
        const BPS: &[&str] = &["BpsDataPerInterval", "DataModule"];
        const USAGE: &[&str] = &["UsageDataPerInterval", "DataModule"];
        const PLAYS: &[&str] = &["UserPlayStatisTotals", "UserPlayStatisTotal"];
        let hourly = (today - 6 * DAY, today - 4 * DAY + 5 * HOUR, today - DAY);
        let daily = (today - 30 * DAY, today - 17 * DAY, today - DAY);
        /// (action, extra parameters, the list's path, (start, where it is cut, end)).
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str], (i64, i64, i64));
        let cases: &[Case] = &[
            // Hourly up to 7 days, daily beyond.
            ("DescribeVodStorageData", &[], STORAGE, hourly),
            ("DescribeVodStorageData", &[], STORAGE, daily),
            ("DescribeVodTranscodeData", &[("Interval", "hour")], TRANSCODE, hourly),
            ("DescribeVodTranscodeData", &[("Interval", "hour")], TRANSCODE, daily),
            ("DescribeVodTranscodeData", &[("Interval", "day")], TRANSCODE, (today - 20 * DAY, today - 9 * DAY, today)),
            ("DescribeVodAIData", &[], AI, hourly),
            ("DescribeVodAIData", &[], AI, daily),
            // Five-minute slots, split at an unaligned time: the slot it cuts is in both.
            ("DescribeVodDomainTrafficData", &[("Interval", "300")], TRAFFIC, (today - 2 * DAY, today - DAY - 7, today - DAY / 2)),
            ("DescribeVodDomainBpsData", &[("DomainName", "vod.demo-console.cn"), ("Interval", "86400")], BPS, (today - 40 * DAY, today - 33 * DAY, today - 2 * DAY)),
            ("DescribeVodDomainUsageData", &[("Field", "traf")], USAGE, (today - 3 * DAY, today - 2 * DAY, today - DAY)),
            // Whole days, both ends included: the day at the cut is in both.
            ("DescribePlayUserTotal", &[], PLAYS, (today - 60 * DAY, today - 30 * DAY, today - 3 * DAY)),
        ];
        for (action, extra, list, (from, mid, to)) in cases {
            stitches(&b, action, extra, list, *from, *mid, *to).await;
        }
    }

    #[tokio::test]
    async fn granularity_follows_the_span_and_the_interval_asked() {
        let (b, _d) = backend().await;
        let end = align(b.now(), HOUR) - DAY;
        let storage = |span: i64| {
            let b = &b;
            async move { ok(b, "DescribeVodStorageData", &[("StartTime", &at(end - span)), ("EndTime", &at(end))]).await }
        };
        let week = storage(7 * DAY).await;
        assert_eq!(week["DataInterval"], "hour");
        let t = times(&week["StorageData"]["StorageDataItem"]);
        assert_eq!(t.len(), 7 * 24);
        assert!(t.windows(2).all(|w| w[1] - w[0] == HOUR));
        let longer = storage(7 * DAY + HOUR).await;
        assert_eq!(longer["DataInterval"], "day");
        let t = times(&longer["StorageData"]["StorageDataItem"]);
        assert!(t.iter().all(|t| (t + UTC8) % DAY == 0), "days start at 00:00 UTC+8");
        // Storage grows slowly, in the hundreds of GB.
        let used: Vec<u64> = week["StorageData"]["StorageDataItem"].as_array().unwrap().iter().map(|i| num(&i["StorageUtilization"])).collect();
        assert!(used.windows(2).all(|w| w[1] >= w[0]));
        assert!((50_000_000_000..2_000_000_000_000).contains(&used[0]), "{}", used[0]);

        let r = ok(&b, "DescribeVodTranscodeData", &[("StartTime", &at(end - 2 * DAY)), ("EndTime", &at(end)), ("Interval", "day")]).await;
        assert_eq!(r["DataInterval"], "day");
        let item = &r["TranscodeData"]["TranscodeDataItem"][0]["Data"]["DataItem"];
        let items = item.as_array().unwrap();
        let all = items.iter().find(|i| i["Name"] == "All").unwrap();
        assert_eq!(num(&all["Value"]), items.iter().filter(|i| i["Name"] != "All").map(|i| num(&i["Value"])).sum::<u64>());
        let e = err(&b, "DescribeVodTranscodeData", &[("StartTime", &at(end - DAY)), ("EndTime", &at(end)), ("Interval", "week")]).await;
        assert_eq!(e.code, "InvalidParameter");

        // CDN: the default interval by span; an interval the span does not support falls back.
        let cdn = |span: i64, interval: Option<&'static str>| {
            let b = &b;
            async move {
                let (s, e) = (at(end - span), at(end));
                let mut p = vec![("StartTime", s.as_str()), ("EndTime", e.as_str())];
                p.extend(interval.map(|i| ("Interval", i)));
                ok(b, "DescribeVodDomainTrafficData", &p).await["DataInterval"].as_str().unwrap().to_string()
            }
        };
        assert_eq!(cdn(DAY, None).await, "300");
        assert_eq!(cdn(DAY, Some("3600")).await, "3600");
        assert_eq!(cdn(5 * DAY, None).await, "3600");
        assert_eq!(cdn(5 * DAY, Some("300")).await, "3600");
        assert_eq!(cdn(5 * DAY, Some("86400")).await, "86400");
        assert_eq!(cdn(40 * DAY, Some("3600")).await, "86400");
        assert_eq!(cdn(31 * DAY, None).await, "86400");

        let usage = |span: i64| {
            let b = &b;
            async move {
                let r = ok(b, "DescribeVodDomainUsageData", &[("StartTime", &at(end - span)), ("EndTime", &at(end)), ("Field", "bps")]).await;
                r["DataInterval"].as_str().unwrap().to_string()
            }
        };
        assert_eq!(usage(2 * HOUR).await, "300");
        assert_eq!(usage(2 * DAY).await, "3600");
        assert_eq!(usage(3 * DAY).await, "3600");
        assert_eq!(usage(5 * DAY).await, "86400");
    }

    #[tokio::test]
    async fn points_never_reach_past_now() {
        let (b, _d) = backend().await;
        let now = b.now();
        let r = ok(&b, "DescribeVodDomainBpsData", &[]).await;
        assert_eq!(r["DataInterval"], "300");
        let t = times(&r["BpsDataPerInterval"]["DataModule"]);
        assert!(*t.last().unwrap() <= now && t[0] <= now - DAY);
        assert!((288..=289).contains(&t.len()), "the last 24 hours: {}", t.len());
        // The hour in progress is there, the next one is not.
        let r = ok(&b, "DescribeVodStorageData", &[("StartTime", &at(now - DAY)), ("EndTime", &at(now + DAY))]).await;
        let t = times(&r["StorageData"]["StorageDataItem"]);
        assert_eq!(*t.last().unwrap(), align(now, HOUR));
    }

    #[tokio::test]
    async fn cdn_parts_add_up_and_bandwidth_is_traffic_over_time() {
        let (b, _d) = backend().await;
        let end = align(b.now(), HOUR) - 2 * DAY;
        let range = [("StartTime", at(end - 6 * HOUR)), ("EndTime", at(end)), ("Interval", "300".to_string())];
        let p: Vec<(&str, &str)> = range.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let traffic = ok(&b, "DescribeVodDomainTrafficData", &p).await;
        let bps = ok(&b, "DescribeVodDomainBpsData", &p).await;
        let tm = traffic["TrafficDataPerInterval"]["DataModule"].as_array().unwrap();
        let bm = bps["BpsDataPerInterval"]["DataModule"].as_array().unwrap();
        assert_eq!(tm.len(), 72);
        assert_eq!(num(&traffic["TotalTraffic"]), tm.iter().map(|m| num(&m["Value"])).sum::<u64>());
        for (t, b) in tm.iter().zip(bm) {
            for m in [t, b] {
                assert_eq!(num(&m["Value"]), num(&m["DomesticValue"]) + num(&m["OverseasValue"]));
                assert_eq!(num(&m["HttpsValue"]), num(&m["HttpsDomesticValue"]) + num(&m["HttpsOverseasValue"]));
                assert!(num(&m["HttpsValue"]) < num(&m["Value"]) && num(&m["HttpsValue"]) > 0);
            }
            let expected = num(&t["Value"]) as f64 * 8.0 / 300.0;
            assert!((num(&b["Value"]) as f64 - expected).abs() <= 2.0, "{b} vs {t}");
        }
        // Merged = the sum of the domains; only the HTTPS domain has HTTPS traffic.
        let one = |d: &'static str| {
            let mut p = p.clone();
            p.push(("DomainName", d));
            let b = &b;
            async move { ok(b, "DescribeVodDomainTrafficData", &p).await }
        };
        let (main, media) = (one("vod.demo-console.cn").await, one("media.demo-console.cn").await);
        assert_eq!(num(&main["TotalTraffic"]) + num(&media["TotalTraffic"]), num(&traffic["TotalTraffic"]));
        assert!(media["TrafficDataPerInterval"]["DataModule"].as_array().unwrap().iter().all(|m| m["HttpsValue"] == "0"));
        let both = one("vod.demo-console.cn,media.demo-console.cn").await;
        assert_eq!(both["TotalTraffic"], traffic["TotalTraffic"]);
        assert_eq!(both["DomainName"], "vod.demo-console.cn,media.demo-console.cn");
        // Traffic in bytes per interval, bandwidth in bit/s for the billing view.
        let usage = |field: &'static str, area: &'static str| {
            let mut p = p.clone();
            p.extend([("Field", field), ("Area", area)]);
            let b = &b;
            async move { ok(b, "DescribeVodDomainUsageData", &p).await["UsageDataPerInterval"]["DataModule"].clone() }
        };
        let (cn, overseas) = (usage("traf", "CN").await, usage("traf", "OverSeas").await);
        assert_eq!(num(&cn[0]["Value"]), num(&tm[0]["DomesticValue"]));
        assert_eq!(num(&overseas[0]["Value"]), num(&tm[0]["OverseasValue"]));
        assert_eq!(num(&usage("bps", "CN").await[0]["Value"]), num(&bm[0]["DomesticValue"]));
        // An ISP filter keeps a share of the total and no breakdown.
        let mut isp = p.clone();
        isp.push(("IspNameEn", "telecom"));
        let filtered = ok(&b, "DescribeVodDomainBpsData", &isp).await;
        let m = &filtered["BpsDataPerInterval"]["DataModule"][0];
        assert!(num(&m["Value"]) < num(&bm[0]["Value"]) && m["DomesticValue"] == "");
        assert_eq!(filtered["IspNameEn"], "telecom");
    }

    #[tokio::test]
    async fn times_and_spans_are_refused_with_each_familys_codes() {
        let (b, _d) = backend().await;
        let now = b.now();
        let (from, to) = (at(now - 2 * DAY), at(now - DAY));
        for action in ["DescribeVodStorageData", "DescribeVodTranscodeData", "DescribeVodAIData"] {
            assert_eq!(err(&b, action, &[("EndTime", &to)]).await.code, "MissingParameter");
            assert_eq!(err(&b, action, &[("StartTime", "2026-12-01"), ("EndTime", &to)]).await.code, "InvalidParameterStartTime");
            assert_eq!(err(&b, action, &[("StartTime", &from), ("EndTime", "yesterday")]).await.code, "InvalidParameterEndTime");
            assert_eq!(err(&b, action, &[("StartTime", &to), ("EndTime", &from)]).await.code, "InvalidParameterEndTime");
            let e32 = err(&b, action, &[("StartTime", &at(now - 33 * DAY)), ("EndTime", &at(now - DAY))]).await;
            assert_eq!((e32.code.as_str(), e32.status), ("InvalidTimeRange", 400));
            assert!(call(&b, action, &[("StartTime", &at(now - 32 * DAY)), ("EndTime", &at(now - DAY))]).await.is_ok());
            assert_eq!(err(&b, action, &[("StartTime", &from), ("EndTime", &to), ("Region", "cn-hangzhou")]).await.code, "InvalidParameterRegion");
        }
        assert_eq!(err(&b, "DescribeVodAIData", &[("StartTime", &from), ("EndTime", &to), ("AIType", "AIVideoCover")]).await.code, "InvalidParameter");
        // Filters: a region without media answers zeros.
        let r = ok(&b, "DescribeVodStorageData", &[("StartTime", &from), ("EndTime", &to), ("Region", "cn-beijing")]).await;
        assert!(r["StorageData"]["StorageDataItem"].as_array().unwrap().iter().all(|i| i["StorageUtilization"] == "0"));

        let usage = |extra: &[(&'static str, &'static str)]| {
            let mut p: Vec<(&str, String)> = vec![("StartTime", from.clone()), ("EndTime", to.clone()), ("Field", "bps".into())];
            for (k, v) in extra {
                p.retain(|(n, _)| n != k);
                p.push((k, v.to_string()));
            }
            let b = &b;
            async move {
                let params: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).filter(|(_, v)| !v.is_empty()).collect();
                call(b, "DescribeVodDomainUsageData", &params).await.unwrap_err()
            }
        };
        assert_eq!(usage(&[("Field", "")]).await.code, "MissingParameter");
        assert_eq!(usage(&[("Field", "qps")]).await.code, "InvalidParameterField");
        assert_eq!(usage(&[("Area", "EU")]).await.code, "InvalidParameterArea");
        assert_eq!(usage(&[("Interval", "600")]).await.code, "InvalidParameterInterval");
        let e = usage(&[("DomainName", "nope.example.com")]).await;
        assert_eq!((e.code.as_str(), e.status), ("InvalidDomain.NotFound", 404));
        let e = usage(&[("DomainName", "old.demo-console.cn")]).await;
        assert_eq!((e.code.as_str(), e.status), ("InvalidDomain.Offline", 404));

        for action in ["DescribeVodDomainTrafficData", "DescribeVodDomainBpsData"] {
            assert_eq!(err(&b, action, &[("StartTime", &from)]).await.code, "MissingParameter");
            assert_eq!(err(&b, action, &[("EndTime", &to)]).await.code, "MissingParameter");
            assert_eq!(err(&b, action, &[("StartTime", "2026/12/01 00:00"), ("EndTime", &to)]).await.code, "InvalidStartTime.Malformed");
            assert_eq!(err(&b, action, &[("StartTime", &from), ("EndTime", "2026-12-01T00:00Z")]).await.code, "InvalidEndTime.Malformed");
            assert_eq!(err(&b, action, &[("StartTime", &to), ("EndTime", &from)]).await.code, "InvalidEndTime.Mismatch");
            let old = err(&b, action, &[("StartTime", &at(now - 91 * DAY)), ("EndTime", &at(now - 89 * DAY))]).await;
            assert_eq!(old.code, "InvalidStartTime.ValueNotSupported");
            assert!(call(&b, action, &[("StartTime", &at(now - 89 * DAY)), ("EndTime", &at(now))]).await.is_ok());
            let e = err(&b, action, &[("DomainName", "old.demo-console.cn")]).await;
            assert_eq!((e.code.as_str(), e.status), ("InvalidDomain.Offline", 404));
            let e = err(&b, action, &[("DomainName", "vod.demo-console.cn,unknown.demo-console.cn")]).await;
            assert_eq!((e.code.as_str(), e.status), ("InvalidDomain.NotFound", 404));
        }

        for action in ["DescribePlayUserAvg", "DescribePlayUserTotal"] {
            assert_eq!(err(&b, action, &[("StartTime", "20261201"), ("EndTime", &to)]).await.code, "InvalidStartTime.Malformed");
            assert_eq!(err(&b, action, &[("StartTime", &from), ("EndTime", "20261201")]).await.code, "InvalidEndTime.Malformed");
            assert_eq!(err(&b, action, &[("StartTime", &from), ("EndTime", &at(now + HOUR))]).await.code, "InvalidEndTime.BeyondCurrent");
            assert_eq!(err(&b, action, &[("StartTime", &to), ("EndTime", &from)]).await.code, "InvalidEndTime.Mismatch");
            let long = err(&b, action, &[("StartTime", &at(now - 200 * DAY)), ("EndTime", &at(now - 19 * DAY))]).await;
            assert_eq!(long.code, "InvalidEndTime.Mismatch");
            assert!(call(&b, action, &[("StartTime", &at(now - 200 * DAY)), ("EndTime", &at(now - 20 * DAY))]).await.is_ok());
        }
        let video = video_with_status(&b, "Normal").await.video_id;
        let e = err(&b, "DescribePlayVideoStatis", &[("VideoId", &video), ("StartTime", &at(now - 731 * DAY)), ("EndTime", &at(now - 600 * DAY))]).await;
        assert_eq!(e.code, "InvalidStartTime.ValueNotSupported");
        assert_eq!(err(&b, "DescribePlayVideoStatis", &[("StartTime", &from), ("EndTime", &to)]).await.code, "MissingParameter");
        assert_eq!(err(&b, "DescribePlayTopVideos", &[("BizDate", "2026-12-01")]).await.code, "InvalidBizDate.Malformed");
        assert_eq!(err(&b, "DescribePlayTopVideos", &[("BizDate", &at(now + DAY))]).await.code, "InvalidBizDate.BeyondCurrent");
        assert_eq!(err(&b, "DescribePlayTopVideos", &[("BizDate", &from), ("PageSize", "1001")]).await.code, "InvalidParameter");
    }

    #[tokio::test]
    async fn a_playback_day_is_published_at_nine_the_next_morning_utc8() {
        let (b, _d) = backend().await;
        // Move the clock to 08:59 UTC+8 of the day after the next UTC+8 day.
        let day = align(b.now(), DAY) + DAY;
        b.advance_clock(day + DAY + 9 * HOUR - 60 - b.now());
        let one_day = [("StartTime", at(day)), ("EndTime", at(day))];
        let p: Vec<(&str, &str)> = one_day.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let list = |v: Value| v["UserPlayStatisTotals"]["UserPlayStatisTotal"].as_array().unwrap().len();
        assert_eq!(list(ok(&b, "DescribePlayUserTotal", &p).await), 0, "not published before 09:00");
        let top = ok(&b, "DescribePlayTopVideos", &[("BizDate", &at(day + 3 * HOUR))]).await;
        assert_eq!((top["TotalNum"].as_i64(), top["TopPlayVideos"]["TopPlayVideoStatis"].as_array().unwrap().len()), (Some(0), 0));
        // The day before is there; a range over both answers the published one.
        let both = [("StartTime", at(day - DAY)), ("EndTime", at(day))];
        let p2: Vec<(&str, &str)> = both.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = ok(&b, "DescribePlayUserTotal", &p2).await;
        assert_eq!(r["UserPlayStatisTotals"]["UserPlayStatisTotal"][0]["Date"], date_label(day - DAY));
        assert_eq!(list(r), 1);
        b.advance_clock(120);
        assert_eq!(list(ok(&b, "DescribePlayUserTotal", &p).await), 1, "published at 09:00");
        let top = ok(&b, "DescribePlayTopVideos", &[("BizDate", &at(day + 3 * HOUR))]).await;
        assert!(top["TotalNum"].as_i64().unwrap() > 50);
    }

    #[tokio::test]
    async fn top_videos_are_the_librarys_and_add_up_to_the_days_totals() {
        let (b, _d) = backend().await;
        let day = align(b.now(), DAY) - 3 * DAY;
        let top = ok(&b, "DescribePlayTopVideos", &[("BizDate", &at(day)), ("PageSize", "1000")]).await;
        let rows = top["TopPlayVideos"]["TopPlayVideoStatis"].as_array().unwrap();
        assert_eq!(top["TotalNum"].as_u64().unwrap() as usize, rows.len());
        assert_eq!((top["PageNo"].as_i64(), top["PageSize"].as_i64()), (Some(1), Some(1000)));
        let vv: Vec<u64> = rows.iter().map(|r| num(&r["VV"])).collect();
        assert!(vv.windows(2).all(|w| w[0] >= w[1]), "by plays");
        assert!(rows.iter().all(|r| num(&r["UV"]) <= num(&r["VV"]) && num(&r["UV"]) >= 1 && num(&r["PlayDuration"]) > 0));
        let store = videos(&b).await;
        for r in rows {
            let v = store.iter().find(|v| v.video_id == r["VideoId"].as_str().unwrap()).expect("a library video");
            assert_eq!((v.title.as_str(), v.status.as_str()), (r["Title"].as_str().unwrap(), "Normal"));
        }
        // The store is the demo library: the top list is every play of the day.
        let one = [("StartTime", at(day)), ("EndTime", at(day))];
        let p: Vec<(&str, &str)> = one.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let total = ok(&b, "DescribePlayUserTotal", &p).await;
        let t = &total["UserPlayStatisTotals"]["UserPlayStatisTotal"][0];
        let plays: u64 = PLATFORMS.iter().map(|p| num(&t["VV"][*p])).sum();
        assert_eq!(plays, vv.iter().sum::<u64>());
        assert_eq!(num(&t["PlayDuration"]), rows.iter().map(|r| num(&r["PlayDuration"])).sum::<u64>());
        assert!(PLATFORMS.iter().all(|p| num(&t["UV"][*p]) <= num(&t["VV"][*p])));
        assert!(num(&t["VV"]["Flash"]) <= 3 && num(&t["VV"]["Android"]) > num(&t["VV"]["HTML5"]) / 2);
        let shares: f64 = t["PlayRange"].as_str().unwrap().split(';').map(|s| s.rsplit_once(':').unwrap().1.trim_end_matches('%').parse::<f64>().unwrap()).sum();
        assert!((shares - 100.0).abs() < 0.01, "{}", t["PlayRange"]);
        // The averages are the totals over the viewers.
        let avg = ok(&b, "DescribePlayUserAvg", &p).await;
        let a = &avg["UserPlayStatisAvgs"]["UserPlayStatisAvg"][0];
        let viewers: u64 = PLATFORMS.iter().map(|p| num(&t["UV"][*p])).sum();
        assert_eq!(a["AvgPlayCount"].as_str().unwrap(), format!("{:.1}", plays as f64 / viewers as f64));
        assert_eq!(a["Date"], t["Date"]);

        // Paging.
        let page = ok(&b, "DescribePlayTopVideos", &[("BizDate", &at(day)), ("PageNo", "2"), ("PageSize", "10")]).await;
        let second = page["TopPlayVideos"]["TopPlayVideoStatis"].as_array().unwrap();
        assert_eq!(second.as_slice(), &rows[10..20]);
        assert_eq!(page["TotalNum"], top["TotalNum"]);
        let default = ok(&b, "DescribePlayTopVideos", &[("BizDate", &at(day))]).await;
        assert_eq!(default["PageSize"], 100);

        // One video's days carry its title; an unknown video has none.
        let id = rows[0]["VideoId"].as_str().unwrap();
        let week = [("VideoId", id.to_string()), ("StartTime", at(day - 6 * DAY)), ("EndTime", at(day))];
        let p: Vec<(&str, &str)> = week.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let detail = ok(&b, "DescribePlayVideoStatis", &p).await;
        let days = detail["VideoPlayStatisDetails"]["VideoPlayStatisDetail"].as_array().unwrap();
        assert!(!days.is_empty() && days.iter().all(|d| d["Title"] == rows[0]["Title"]));
        assert_eq!(days.last().unwrap()["VV"], rows[0]["VV"]);
        let none = ok(&b, "DescribePlayVideoStatis", &[("VideoId", &"0".repeat(32)), p[1], p[2]]).await;
        assert_eq!(none["VideoPlayStatisDetails"]["VideoPlayStatisDetail"].as_array().unwrap().len(), 0);
    }

    #[tokio::test]
    async fn user_domains_are_filtered_and_paged() {
        let (b, _d) = backend().await;
        let names = |v: &Value| -> Vec<String> {
            v["Domains"]["PageData"].as_array().unwrap().iter().map(|d| d["DomainName"].as_str().unwrap().to_string()).collect()
        };
        let all = ok(&b, "DescribeVodUserDomains", &[]).await;
        assert_eq!((all["TotalCount"].as_i64(), all["PageSize"].as_i64(), all["PageNumber"].as_i64()), (Some(3), Some(20), Some(1)));
        let main = &all["Domains"]["PageData"][0];
        assert_eq!((main["DomainName"].as_str(), main["SslProtocol"].as_str()), (Some("vod.demo-console.cn"), Some("on")));
        assert_eq!(main["Sources"]["Source"][0]["Type"], "oss");
        assert_eq!(main["Sources"]["Source"][0]["Port"], 443);
        let online = ok(&b, "DescribeVodUserDomains", &[("DomainStatus", "online")]).await;
        assert_eq!(names(&online), ["vod.demo-console.cn", "media.demo-console.cn"]);
        assert_eq!(names(&ok(&b, "DescribeVodUserDomains", &[("DomainName", "old")]).await), ["old.demo-console.cn"]);
        assert_eq!(names(&ok(&b, "DescribeVodUserDomains", &[("DomainName", "me"), ("DomainSearchType", "pre_match")]).await), ["media.demo-console.cn"]);
        assert_eq!(ok(&b, "DescribeVodUserDomains", &[("DomainName", "demo-console.cn"), ("DomainSearchType", "suf_match")]).await["TotalCount"], 3);
        assert_eq!(ok(&b, "DescribeVodUserDomains", &[("DomainName", "demo-console.cn"), ("DomainSearchType", "full_match")]).await["TotalCount"], 0);
        let page = ok(&b, "DescribeVodUserDomains", &[("PageSize", "2"), ("PageNumber", "2")]).await;
        assert_eq!((names(&page), page["TotalCount"].as_i64()), (vec!["old.demo-console.cn".to_string()], Some(3)));
        assert_eq!(ok(&b, "DescribeVodUserDomains", &[("Tag.1.Key", "env"), ("Tag.1.Value", "prod")]).await["TotalCount"], 0);
        for (param, value, code) in [
            ("PageSize", "51", "InvalidPageSize.ValueNotSupported"),
            ("PageSize", "0", "InvalidPageSize.ValueNotSupported"),
            ("PageNumber", "0", "InvalidPageNumber.ValueNotSupported"),
            ("PageNumber", "x", "InvalidPageNumber.ValueNotSupported"),
            ("DomainStatus", "deleted", "InvalidDomainStatus.ValueNotSupported"),
            ("DomainSearchType", "regex", "InvalidDomainSearchType.ValueNotSupported"),
            ("DomainName", "vod demo", "InvalidDomainName.Malformed"),
        ] {
            let e = err(&b, "DescribeVodUserDomains", &[(param, value)]).await;
            assert_eq!((e.code.as_str(), e.status), (code, 400), "{param}={value}");
        }
    }

    /// The console reads these answers with the typed client's response types.
    #[tokio::test]
    async fn the_typed_client_reads_every_answer() {
        use vod::api::*;
        fn read<T: serde::de::DeserializeOwned>(v: Value) -> T {
            serde_json::from_value(v).expect("the typed response reads the answer")
        }
        let (b, _d) = backend().await;
        let now = b.now();
        let day = align(now, DAY) - 3 * DAY;
        let (s, e) = (at(day - 2 * DAY), at(day));
        let range = [("StartTime", s.as_str()), ("EndTime", e.as_str())];
        let with = |extra: &[(&'static str, &'static str)]| -> Vec<(&str, &str)> { range.iter().chain(extra).copied().collect() };

        let r: DescribeVodStorageDataResponse = read(ok(&b, "DescribeVodStorageData", &range).await);
        assert_eq!((r.data_interval.as_str(), r.storage_data.len()), ("hour", 48));
        assert!(r.storage_data[0].storage_utilization.parse::<u64>().unwrap() > 0);
        let r: DescribeVodTranscodeDataResponse = read(ok(&b, "DescribeVodTranscodeData", &range).await);
        assert!(r.transcode_data[0].data.iter().any(|d| d.name == "H264.SD"));
        let r: DescribeVodAIDataResponse = read(ok(&b, "DescribeVodAIData", &range).await);
        assert!(!r.ai_data[0].data.is_empty());
        let r: DescribeVodDomainUsageDataResponse = read(ok(&b, "DescribeVodDomainUsageData", &with(&[("Field", "bps")])).await);
        assert_eq!((r.data_interval.as_str(), r.usage_data_per_interval.len()), ("3600", 48));
        let r: DescribeVodDomainTrafficDataResponse = read(ok(&b, "DescribeVodDomainTrafficData", &range).await);
        assert_eq!((r.data_interval.as_str(), r.traffic_data_per_interval.len()), ("300", 576));
        assert!(r.total_traffic.parse::<u64>().unwrap() > 0 && !r.traffic_data_per_interval[0].https_value.is_empty());
        let r: DescribeVodDomainBpsDataResponse = read(ok(&b, "DescribeVodDomainBpsData", &range).await);
        assert_eq!(r.bps_data_per_interval.len(), 576);
        let r: DescribeVodUserDomainsResponse = read(ok(&b, "DescribeVodUserDomains", &[]).await);
        assert_eq!((r.total_count, r.domains.len(), r.domains[1].sources.len()), (Some(3), 3, 2));
        assert_eq!(r.domains[0].sources[0].port, Some(443));
        let r: DescribePlayUserTotalResponse = read(ok(&b, "DescribePlayUserTotal", &range).await);
        assert_eq!(r.user_play_statis_totals.len(), 3);
        assert!(r.user_play_statis_totals[0].vv.android.parse::<u64>().unwrap() > 0 && r.user_play_statis_totals[0].uv.flash.parse::<u64>().is_ok());
        let r: DescribePlayUserAvgResponse = read(ok(&b, "DescribePlayUserAvg", &range).await);
        assert_eq!(r.user_play_statis_avgs.len(), 3);
        let r: DescribePlayTopVideosResponse = read(ok(&b, "DescribePlayTopVideos", &[("BizDate", e.as_str()), ("PageSize", "5")]).await);
        assert_eq!((r.page_no, r.page_size, r.top_play_videos.len()), (Some(1), Some(5), 5));
        assert!(r.total_num.unwrap() > 5 && !r.top_play_videos[0].title.is_empty());
        let id = r.top_play_videos[0].video_id.clone();
        let r: DescribePlayVideoStatisResponse = read(ok(&b, "DescribePlayVideoStatis", &[range[0], range[1], ("VideoId", &id)]).await);
        assert!(!r.video_play_statis_details.is_empty());
    }

    #[test]
    fn play_ranges_add_up_to_a_hundred_percent() {
        for (mean, bounce) in [(0.3, 0.3), (1.0, 0.5), (2.5, 0.4), (7.0, 0.3), (20.0, 0.55)] {
            let r = play_range(mean, bounce);
            let sum: f64 = r.split(';').map(|p| p.rsplit_once(':').unwrap().1.trim_end_matches('%').parse::<f64>().unwrap()).sum();
            assert!((sum - 100.0).abs() < 1e-9, "{mean}: {r}");
            assert!(r.starts_with("<=1m:"), "{r}");
        }
    }
}
