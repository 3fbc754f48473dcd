//! Usage on the server: every chart's Describe* calls for the window asked for, split
//! where VOD limits a call's span, fanned out together (the call budget paces them) and
//! stitched into series. Reads go through the client's shared cache (five minutes for
//! usage), so ten people opening the page make one upstream call per question; presets
//! end at a whole hour so that their questions are the same.

use futures_util::future::join_all;

use vod::api::{
    DescribePlayTopVideos, DescribePlayUserAvg, DescribePlayUserTotal, DescribePlayVideoStatis, DescribeVodAIData,
    DescribeVodDomainBpsData, DescribeVodDomainTrafficData, DescribeVodStorageData, DescribeVodTranscodeData,
    DescribeVodUserDomains, GetVideoInfo,
};
use vod::{Action, RetryPolicy};

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::usage::*;
use crate::model::{CurrentUser, Permission};

async fn read<A: Action>(client: &vod::Client, request: &A) -> Result<A::Response, vod::Error> {
    client.call_with_retry(request, RetryPolicy::default()).await
}

fn vod_error(err: vod::Error, locale: Locale) -> AppError {
    crate::ssr::vod_errors::app_error_with(err, locale, |code| match code {
        "InvalidTimeRange" | "InvalidStartTime.ValueNotSupported" => Some(td_string!(locale, usage.vod.span).to_string()),
        "InvalidDomain.NotFound" => Some(td_string!(locale, usage.vod.no_domain).to_string()),
        "InvalidDomain.Offline" => Some(td_string!(locale, usage.vod.domain_offline).to_string()),
        _ => None,
    })
}

/// The wall clock, seconds since 1970.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn points<T>(items: &[T], t: impl Fn(&T) -> Option<i64>, v: impl Fn(&T) -> Option<f64>) -> Vec<Point> {
    items.iter().filter_map(|i| Some(Point { t: t(i)?, v: v(i)? })).collect()
}

fn time_of(s: &str) -> Option<i64> {
    crate::model::prefs::parse_utc(s)
}

/// Adds `p` to the series named `name` (creating it), keeping first-seen order.
fn push(series: &mut Vec<Series>, name: &str, p: Point) {
    match series.iter_mut().find(|s| s.name == name) {
        Some(s) => s.points.push(p),
        None => series.push(Series { name: name.to_string(), points: vec![p] }),
    }
}

fn finish(mut series: Vec<Series>) -> Vec<Series> {
    for s in &mut series {
        s.points = stitch([std::mem::take(&mut s.points)]);
    }
    series
}

/// Moves the previous period's points onto this period's times.
fn shifted(series: Vec<Series>, by: i64) -> Vec<Series> {
    series
        .into_iter()
        .map(|s| Series { name: s.name, points: s.points.into_iter().map(|p| Point { t: p.t + by, v: p.v }).collect() })
        .collect()
}

/// What one family read for a window: the series of each of its charts.
type Read = Result<(Vec<Vec<Series>>, usize), vod::Error>;

async fn storage(client: &vod::Client, w: Window) -> Read {
    let (_, calls) = usage_calls(w);
    let n = calls.len();
    let answers = join_all(calls.into_iter().map(|c| async move {
        read(client, &DescribeVodStorageData { start_time: utc_text(c.start), end_time: utc_text(c.end), ..Default::default() }).await
    }))
    .await;
    let (mut used, mut out) = (Vec::new(), Vec::new());
    for a in answers {
        let a = a?;
        used.extend(points(&a.storage_data, |i| time_of(&i.time_stamp), |i| parse_value(&i.storage_utilization)));
        out.extend(points(&a.storage_data, |i| time_of(&i.time_stamp), |i| parse_value(&i.network_out)));
    }
    let one = |name: &str, p: Vec<Point>| vec![Series { name: name.into(), points: stitch([p]) }];
    Ok((vec![one("used", used), one("out", out)], n))
}

async fn breakdown<A, F>(client: &vod::Client, w: Window, make: F, items: fn(A::Response) -> Vec<vod::api::BreakdownItem>) -> Read
where
    A: Action,
    F: Fn(String, String) -> A,
{
    let (_, calls) = usage_calls(w);
    let n = calls.len();
    let make = &make;
    let answers = join_all(calls.into_iter().map(|c| async move { read(client, &make(utc_text(c.start), utc_text(c.end))).await })).await;
    let mut series = Vec::new();
    for a in answers {
        for item in items(a?) {
            let Some(t) = time_of(&item.time_stamp) else { continue };
            // VOD adds an `All` item, the sum of the others: the chart draws each.
            for d in item.data.into_iter().filter(|d| d.name != "All") {
                if let Some(v) = parse_value(&d.value) {
                    push(&mut series, &d.name, Point { t, v });
                }
            }
        }
    }
    Ok((vec![finish(series)], n))
}

async fn transcode(client: &vod::Client, w: Window) -> Read {
    let step = usage_step(w.span());
    let interval = if step == HOUR { "hour" } else { "day" };
    breakdown(
        client,
        w,
        move |start_time, end_time| DescribeVodTranscodeData { start_time, end_time, interval: Some(interval.into()), ..Default::default() },
        |r| r.transcode_data,
    )
    .await
}

async fn ai(client: &vod::Client, w: Window) -> Read {
    breakdown(client, w, |start_time, end_time| DescribeVodAIData { start_time, end_time, ..Default::default() }, |r| r.ai_data).await
}

async fn cdn(client: &vod::Client, w: Window, domain: &str) -> Read {
    let step = cdn_step(w.span()).to_string();
    let domain = (!domain.is_empty()).then(|| domain.to_string());
    let traffic = DescribeVodDomainTrafficData {
        domain_name: domain.clone(),
        start_time: Some(utc_text(w.start)),
        end_time: Some(utc_text(w.end)),
        interval: Some(step.clone()),
        ..Default::default()
    };
    let bps = DescribeVodDomainBpsData {
        domain_name: domain,
        start_time: Some(utc_text(w.start)),
        end_time: Some(utc_text(w.end)),
        interval: Some(step),
        ..Default::default()
    };
    let (traffic, bps) = tokio::join!(read(client, &traffic), read(client, &bps));
    let split = |modules: &[vod::api::CdnDataModule]| {
        let mut s = Vec::new();
        for m in modules {
            let Some(t) = time_of(&m.time_stamp) else { continue };
            for (name, v) in [("total", &m.value), ("mainland", &m.domestic_value), ("overseas", &m.overseas_value), ("https", &m.https_value)] {
                if let Some(v) = parse_value(v) {
                    push(&mut s, name, Point { t, v });
                }
            }
        }
        finish(s)
    };
    let traffic = split(&traffic?.traffic_data_per_interval);
    let bps = split(&bps?.bps_data_per_interval);
    Ok((vec![traffic, bps], 2))
}

async fn playback(client: &vod::Client, w: Window, now: i64) -> Read {
    let calls = play_calls(w, now);
    let n = calls.len() * 2;
    let answers = join_all(calls.into_iter().map(|(first, last)| async move {
        let (start_time, end_time) = (utc_text(first), utc_text(last));
        let total = DescribePlayUserTotal { start_time: start_time.clone(), end_time: end_time.clone() };
        let avg = DescribePlayUserAvg { start_time, end_time };
        tokio::join!(read(client, &total), read(client, &avg))
    }))
    .await;
    let (mut plays, mut viewers, mut time) = (Vec::new(), Vec::new(), Vec::new());
    for (total, avg) in answers {
        for day in total?.user_play_statis_totals {
            let Some(t) = play_date(&day.date) else { continue };
            for (name, vv, uv) in [
                ("Android", &day.vv.android, &day.uv.android),
                ("iOS", &day.vv.ios, &day.uv.ios),
                ("HTML5", &day.vv.html5, &day.uv.html5),
                ("Flash", &day.vv.flash, &day.uv.flash),
            ] {
                if let Some(v) = parse_value(vv) {
                    push(&mut plays, name, Point { t, v });
                }
                if let Some(v) = parse_value(uv) {
                    push(&mut viewers, name, Point { t, v });
                }
            }
        }
        for day in avg?.user_play_statis_avgs {
            let Some(t) = play_date(&day.date) else { continue };
            if let Some(v) = parse_value(&day.avg_play_duration) {
                push(&mut time, "avg_time", Point { t, v });
            }
        }
    }
    // A platform nobody played on (Flash, today) is left out rather than drawn at zero.
    let used = |s: Vec<Series>| finish(s).into_iter().filter(|s| s.total() > 0.0).collect::<Vec<_>>();
    Ok((vec![used(plays), used(viewers), finish(time)], n))
}

/// One family's charts for the window, with the previous period when asked.
#[allow(clippy::too_many_arguments)]
async fn family<'a, F, Fut>(
    ids: &[ChartId],
    w: Window,
    step: i64,
    compare: bool,
    notes: Vec<String>,
    locale: Locale,
    fetch: F,
) -> Vec<Chart>
where
    F: Fn(Window) -> Fut,
    Fut: std::future::Future<Output = Read>,
{
    let (now_read, before) = if compare {
        let (a, b) = tokio::join!(fetch(w), fetch(w.previous()));
        (a, Some(b))
    } else {
        (fetch(w).await, None)
    };
    let mut charts: Vec<Chart> = ids
        .iter()
        .map(|id| Chart { notes: notes.clone(), ..Chart::empty(*id, w, step) })
        .collect();
    match now_read {
        Err(e) => {
            let e = vod_error(e, locale);
            for c in &mut charts {
                c.error = Some(e.clone());
            }
        }
        Ok((series, calls)) => {
            for (c, s) in charts.iter_mut().zip(series) {
                c.series = s;
                c.calls = calls;
            }
        }
    }
    match before {
        Some(Ok((series, calls))) => {
            for (c, s) in charts.iter_mut().zip(series) {
                // Only onto times this period has (a playback day not yet published stays out).
                let last = c.series.iter().flat_map(|s| s.points.last()).map(|p| p.t).max().unwrap_or(i64::MIN);
                c.previous = shifted(s, w.span())
                    .into_iter()
                    .map(|s| Series { name: s.name, points: s.points.into_iter().filter(|p| p.t <= last).collect() })
                    .collect();
                c.calls += calls;
            }
        }
        Some(Err(e)) => {
            let why = vod_error(e, locale).localized(locale);
            for c in &mut charts {
                c.notes.push(td_string!(locale, usage.previous_failed, why = why.clone()).to_string());
            }
        }
        None => {}
    }
    charts
}

async fn top_videos(client: &vod::Client, day: i64, locale: Locale) -> TopVideos {
    let request = DescribePlayTopVideos { biz_date: utc_text(day), page_no: Some(1), page_size: Some(TOP_VIDEOS) };
    let day_label = day_text(day, UTC8);
    match read(client, &request).await {
        Ok(r) => TopVideos {
            day: day_label,
            total: r.total_num.unwrap_or(r.top_play_videos.len() as i64),
            rows: r
                .top_play_videos
                .into_iter()
                .map(|v| TopVideo {
                    plays: parse_value(&v.vv).unwrap_or(0.0),
                    viewers: parse_value(&v.uv).unwrap_or(0.0),
                    play_ms: parse_value(&v.play_duration).unwrap_or(0.0),
                    video_id: v.video_id,
                    title: v.title,
                })
                .collect(),
            error: None,
        },
        Err(e) => TopVideos { day: day_label, total: 0, rows: Vec::new(), error: Some(vod_error(e, locale)) },
    }
}

/// One video's daily plays and viewers over the window (within the 730 days VOD keeps).
async fn video_chart(client: &vod::Client, id: &str, w: Window, now: i64, locale: Locale) -> (Chart, Option<String>) {
    let oldest = now - VIDEO_HISTORY;
    let clipped = Window { start: w.start.max(oldest), end: w.end };
    let mut chart = Chart::empty(ChartId::Video, clipped, DAY);
    let calls = play_calls(clipped, now);
    chart.calls = calls.len();
    let answers = join_all(calls.into_iter().map(|(first, last)| async move {
        read(client, &DescribePlayVideoStatis { video_id: id.to_string(), start_time: utc_text(first), end_time: utc_text(last) }).await
    }))
    .await;
    let mut series = Vec::new();
    let mut title = None;
    for a in answers {
        match a {
            Ok(r) => {
                for d in r.video_play_statis_details {
                    let Some(t) = play_date(&d.date) else { continue };
                    if title.is_none() && !d.title.is_empty() {
                        title = Some(d.title.clone());
                    }
                    for (name, v) in [("plays", &d.vv), ("viewers", &d.uv)] {
                        if let Some(v) = parse_value(v) {
                            push(&mut series, name, Point { t, v });
                        }
                    }
                }
            }
            Err(e) => chart.error = Some(vod_error(e, locale)),
        }
    }
    chart.series = finish(series);
    if title.is_none() {
        title = read(client, &GetVideoInfo { video_id: id.to_string(), ..Default::default() }).await.ok().map(|r| r.video.title);
    }
    (chart, title)
}

async fn domains(client: &vod::Client) -> Option<Vec<String>> {
    let r = read(client, &DescribeVodUserDomains { page_size: Some(50), ..Default::default() }).await.ok()?;
    Some(r.domains.into_iter().filter(|d| d.domain_status != "offline").map(|d| d.domain_name).collect())
}

fn may<A: Action>(user: &CurrentUser) -> bool {
    user.can(Permission::of::<A>())
}

/// The whole page for `q`, with the charts `user` may read.
pub async fn view(client: &vod::Client, user: &CurrentUser, q: &UsageQuery, now: i64, zone: &str, locale: Locale) -> Result<UsageView, AppError> {
    let offset_at = |t: i64| i64::from(crate::ui::time::offset_seconds(zone, t).unwrap_or(0));
    let w = q.window(now, offset_at).map_err(|p| AppError::invalid(p.field(), p.text(locale)))?;
    let top_day = q.top_day().map_err(|p| AppError::invalid(p.field(), p.text(locale)))?;
    let compare = q.compare;

    let (usage_step_secs, _) = usage_calls(w);
    let storage_f = async {
        if !may::<DescribeVodStorageData>(user) {
            return Vec::new();
        }
        family(&[ChartId::Storage, ChartId::StorageTraffic], w, usage_step_secs, compare, Vec::new(), locale, |w| storage(client, w)).await
    };
    let transcode_f = async {
        if !may::<DescribeVodTranscodeData>(user) {
            return Vec::new();
        }
        family(&[ChartId::Transcode], w, usage_step_secs, compare, Vec::new(), locale, |w| transcode(client, w)).await
    };
    let ai_f = async {
        if !may::<DescribeVodAIData>(user) {
            return Vec::new();
        }
        family(&[ChartId::Ai], w, usage_step_secs, compare, Vec::new(), locale, |w| ai(client, w)).await
    };
    let cdn_f = async {
        if !may::<DescribeVodDomainTrafficData>(user) || !may::<DescribeVodDomainBpsData>(user) {
            return Vec::new();
        }
        let ids = [ChartId::CdnTraffic, ChartId::CdnBandwidth];
        match cdn_window(w, now) {
            None => ids
                .iter()
                .map(|id| Chart { notes: vec![td_string!(locale, usage.note.cdn_none, days = CDN_HISTORY / DAY).to_string()], ..Chart::empty(*id, w, cdn_step(w.span())) })
                .collect(),
            Some((cw, clamped)) => {
                let notes = if clamped {
                    vec![td_string!(locale, usage.note.cdn_clamped, days = CDN_HISTORY / DAY).to_string()]
                } else {
                    Vec::new()
                };
                // The previous period of a clamped window would be older still: compare
                // only when it is within reach.
                let compare = compare && cdn_window(cw.previous(), now).is_some_and(|(p, c)| !c && p == cw.previous());
                family(&ids, cw, cdn_step(cw.span()), compare, notes, locale, |w| cdn(client, w, &q.domain)).await
            }
        }
    };
    let play_f = async {
        if !may::<DescribePlayUserTotal>(user) || !may::<DescribePlayUserAvg>(user) {
            return Vec::new();
        }
        let mut notes = Vec::new();
        if play_calls(w, now).is_empty() {
            notes.push(td_string!(locale, usage.note.play_none).to_string());
        }
        family(&[ChartId::Plays, ChartId::Viewers, ChartId::PlayTime], w, DAY, compare, notes, locale, |w| playback(client, w, now)).await
    };
    let top_f = async {
        if !may::<DescribePlayTopVideos>(user) {
            return None;
        }
        let newest = newest_play_day(now);
        let day = top_day.unwrap_or(newest);
        if day > newest {
            let e = AppError::invalid("day", td_string!(locale, usage.problem.day_not_ready, day = day_text(newest, UTC8)).to_string());
            return Some(TopVideos { day: day_text(day, UTC8), total: 0, rows: Vec::new(), error: Some(e) });
        }
        Some(top_videos(client, day, locale).await)
    };
    let domains_f = async {
        if !may::<DescribeVodUserDomains>(user) {
            return None;
        }
        domains(client).await
    };
    let video_f = async {
        if q.video.is_empty() || !may::<DescribePlayVideoStatis>(user) {
            return None;
        }
        Some(video_chart(client, &q.video, w, now, locale).await)
    };
    let lengths_f = async {
        if !may::<DescribePlayUserTotal>(user) {
            return Vec::new();
        }
        let day = newest_play_day(now).min(floor(w.end - 1 + UTC8, DAY) - UTC8);
        let r = read(client, &DescribePlayUserTotal { start_time: utc_text(day), end_time: utc_text(day) }).await;
        r.ok().and_then(|r| r.user_play_statis_totals.into_iter().last()).map(|d| parse_play_range(&d.play_range)).unwrap_or_default()
    };

    let (storage, transcode, ai, cdn, play, top, domains, video, play_lengths) =
        tokio::join!(storage_f, transcode_f, ai_f, cdn_f, play_f, top_f, domains_f, video_f, lengths_f);
    let (video, video_title) = match video {
        Some((c, t)) => (Some(c), t),
        None => (None, None),
    };
    let charts: Vec<Chart> = video.into_iter().chain(storage).chain(transcode).chain(cdn).chain(ai).chain(play).collect();
    let calls = charts.iter().map(|c| c.calls).sum::<usize>() + usize::from(top.is_some()) + usize::from(domains.is_some());
    Ok(UsageView {
        query: q.clone(),
        window: w,
        charts,
        domains,
        top,
        play_ready_through: day_text(newest_play_day(now), UTC8),
        next_play_update: next_play_update(now),
        play_lengths,
        video_title,
        cached_age_secs: None,
        calls,
    })
}

/// One chart of the page as CSV (the download link under each chart).
pub async fn csv(client: &vod::Client, user: &CurrentUser, q: &UsageQuery, chart: ChartId, zone: &str, locale: Locale) -> Result<String, AppError> {
    let page = view(client, user, q, now(), zone, locale).await?;
    let Some(c) = page.charts.into_iter().find(|c| c.id == chart) else {
        return Err(AppError::Forbidden { permission: format!("usage chart {}", chart.key()) });
    };
    if let Some(e) = c.error.clone() {
        return Err(e);
    }
    Ok(c.csv(|t| i64::from(crate::ui::time::offset_seconds(zone, t).unwrap_or(0)), locale))
}

// ---------------------------------------------------------------------------------------
// The overview page

/// The overview: media counts by status, storage over 30 days, yesterday's plays and
/// CDN traffic, and the newest changes, each read only for a person who may read it,
/// all at once. Its usage reads are the ones the usage page makes for its 30-day preset
/// and its newest day, so the two pages share cached answers.
pub async fn dashboard(
    client: &vod::Client,
    db: &sqlx::SqlitePool,
    user: &CurrentUser,
    now: i64,
    zone: &str,
    locale: Locale,
) -> Dashboard {
    use vod::api::GetVideoList;

    let counts = async {
        if !may::<GetVideoList>(user) {
            return (None, 0);
        }
        let reads = join_all(DASHBOARD_STATUSES.iter().map(|s| async move {
            let r = read(client, &GetVideoList { status: Some(s.to_string()), page_no: Some(1), page_size: Some(1), ..Default::default() }).await;
            r.map(|r| (s.to_string(), r.total.unwrap_or(0)))
        }))
        .await;
        let n = reads.len();
        (Some(reads.into_iter().collect::<Result<Vec<_>, _>>().map_err(|e| vod_error(e, locale))), n)
    };
    let storage = async {
        if !may::<DescribeVodStorageData>(user) {
            return (None, 0);
        }
        let latest = ceil(now, HOUR);
        let w = Window { start: latest - Preset::Month.span(), end: latest };
        match self::storage(client, w).await {
            Err(e) => (Some(Err(vod_error(e, locale))), 1),
            Ok((mut series, n)) => {
                let trend = series.swap_remove(0).pop().map(|s| s.points).unwrap_or_default();
                let latest = trend.last().map(|p| p.v).unwrap_or(0.0);
                let change_pct = trend.first().filter(|p| p.v > 0.0).map(|p| (latest - p.v) / p.v * 100.0);
                (Some(Ok(StorageTile { latest, trend, change_pct })), n)
            }
        }
    };
    let yesterday = async {
        let plays_ok = may::<DescribePlayUserTotal>(user);
        let traffic_ok = may::<DescribeVodDomainTrafficData>(user);
        if !plays_ok && !traffic_ok {
            return (None, 0);
        }
        let day = newest_play_day(now);
        let plays = async {
            if !plays_ok {
                return Ok(None);
            }
            let r = read(client, &DescribePlayUserTotal { start_time: utc_text(day), end_time: utc_text(day) }).await?;
            let sum = |p: &vod::api::PerPlatform| [&p.android, &p.ios, &p.html5, &p.flash].iter().filter_map(|v| parse_value(v)).sum::<f64>();
            Ok(r.user_play_statis_totals.last().map(|d| (sum(&d.vv), sum(&d.uv))))
        };
        let traffic = async {
            if !traffic_ok {
                return Ok(None);
            }
            let r = read(
                client,
                &DescribeVodDomainTrafficData {
                    start_time: Some(utc_text(day)),
                    end_time: Some(utc_text(day + DAY)),
                    interval: Some(HOUR.to_string()),
                    ..Default::default()
                },
            )
            .await?;
            Ok(parse_value(&r.total_traffic).or_else(|| Some(r.traffic_data_per_interval.iter().filter_map(|m| parse_value(&m.value)).sum())))
        };
        let (plays, traffic): (Result<_, vod::Error>, Result<_, vod::Error>) = tokio::join!(plays, traffic);
        let n = usize::from(plays_ok) + usize::from(traffic_ok);
        let tile = match (plays, traffic) {
            (Err(e), _) | (_, Err(e)) => Err(vod_error(e, locale)),
            (Ok(p), Ok(t)) => Ok(DayTile { day: day_text(day, UTC8), plays: p.map(|p| p.0), viewers: p.map(|p| p.1), traffic: t }),
        };
        (Some(tile), n)
    };
    let activity = async {
        if !user.can(crate::model::roles::CONSOLE_ACTIVITY) {
            return None;
        }
        let filter = crate::model::activity::ActivityFilter { page: 1, ..Default::default() };
        Some(
            crate::ssr::activity::list(db, &filter, zone)
                .await
                .map(|l| l.entries.into_iter().take(6).collect())
                .map_err(crate::ssr::accounts::internal),
        )
    };
    let ((counts, a), (storage, b), (yesterday, c), activity) = tokio::join!(counts, storage, yesterday, activity);
    Dashboard { counts, storage, yesterday, activity, calls: a + b + c, cached_age_secs: None }
}
