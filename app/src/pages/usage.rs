//! The usage page: storage, transcode, CDN, AI and playback charts for a range (a
//! preset, local days, or a window dragged across a chart), a domain for the CDN
//! charts, the previous period as a second series, each chart's CSV, and the day's top
//! videos. Everything it shows is in the URL, so a link shares exactly this view and
//! every control works with JavaScript off; the charts are SVG drawn on the server, and
//! once hydrated they answer hover, arrow keys and dragging.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::usage::read_usage;
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::usage::*;
use crate::model::CurrentUser;
use crate::ui::{FreshnessNote, LocalTime, PageHeader, Spinner};

/// The viewBox of every chart and its plot area.
const W: f64 = 720.0;
const H: f64 = 220.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;
/// Series colours (Tailwind 600/700 tones, each 4.5:1 or better on white and on slate-900
/// for the text beside its swatch, which carries the meaning).
const COLOURS: [&str; 7] = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0e7490", "#64748b"];

fn zone_offset(zone: &str) -> impl Fn(i64) -> i64 + Clone + '_ {
    move |t| i64::from(crate::ui::time::offset_seconds(zone, t).unwrap_or(0))
}

/// `x` to one decimal, by integer arithmetic: a week of nine charts has thousands of
/// coordinates, and float formatting with a precision (`{:.1}`) was a tenth of the page's
/// server time.
fn push_tenths(d: &mut String, x: f64) {
    use std::fmt::Write;
    let n = (x * 10.0).round() as i64;
    if n < 0 {
        d.push('-');
    }
    let a = n.unsigned_abs();
    let _ = write!(d, "{}.{}", a / 10, a % 10);
}

#[component]
pub fn UsagePage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    if !PAGE_PERMISSIONS.iter().any(|p| me.can(*p)) {
        return view! {
            <PageHeader title=move || t_string!(i18n, usage.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: PAGE_PERMISSIONS[0].to_string() }/>
        }
        .into_any();
    }
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| UsageQuery::from_params(|k| m.get(k))));
    let data = Resource::new(move || q.get(), read_usage);

    view! {
        <PageHeader title=move || t_string!(i18n, usage.title) description=move || t_string!(i18n, usage.intro)/>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! {
                        <RangeBar q=q.get_untracked() view=None/>
                        <ErrorPanel error=e/>
                    }.into_any(),
                    Ok(v) => view! { <UsageBody v=v/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn UsageBody(v: UsageView) -> impl IntoView {
    let i18n = use_i18n();
    let q = v.query.clone();
    let fresh = UsageQuery { fresh: true, ..q.clone() };
    let reload = format!("{}{}fresh=1", fresh.href(), if fresh.href().contains('?') { "&" } else { "?" });
    let has_play = v.charts.iter().any(|c| c.id == ChartId::Plays);
    let ready = v.play_ready_through.clone();
    let next = utc_text(v.next_play_update);
    let charts = v.charts.clone();
    let video_title = v.video_title.clone();
    let top = v.top.clone();
    let lengths = v.play_lengths.clone();
    view! {
        <RangeBar q=q.clone() view=Some(v.clone())/>
        <div class="mb-4 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
            <FreshnessNote age_secs=v.cached_age_secs reload_href=reload/>
            {has_play.then(|| view! {
                <span class="rounded bg-amber-50 px-2 py-0.5 text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800" data-testid="play-freshness">
                    {move || t_string!(i18n, usage.play_fresh, day = ready.clone()).to_string()}" "
                    <LocalTime at=next.clone()/>
                </span>
            })}
            <span data-testid="usage-calls">{move || t_string!(i18n, usage.calls, n = v.calls).to_string()}</span>
        </div>
        {video_title.map(|t| view! {
            <p class="mb-2 text-sm">{t!(i18n, usage.video_of)}" "<span class="font-medium" translate="no">{t}</span></p>
        })}
        <div class="grid gap-6 xl:grid-cols-2" data-testid="usage-charts">
            {charts.into_iter().map(|c| view! { <ChartCard chart=c q=q.clone()/> }).collect_view()}
        </div>
        {top.map(|t| view! { <TopVideosTable top=t q=q.clone() lengths=lengths.clone()/> })}
    }
}

/// Presets, custom days, compare and the CDN domain: links and GET forms.
#[component]
fn RangeBar(q: UsageQuery, view: Option<UsageView>) -> impl IntoView {
    let i18n = use_i18n();
    let prefs = expect_context::<crate::ui::prefs::Prefs>();
    let current = q.preset();
    let presets = Preset::ALL
        .into_iter()
        .map(|p| {
            let active = current == Some(p);
            view! {
                // A plain link (the router still navigates in place): `<A>` would mark every
                // preset as the current page, as they share the path.
                <a href=q.with_preset(p).href() class=if active { "btn-primary" } else { "btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" }
                    aria-current=active.then_some("page") data-testid=format!("preset-{}", p.key())>
                    {move || p.label(i18n.get_locale())}
                </a>
            }
        })
        .collect_view();
    let (from, to) = match &view {
        Some(v) => {
            let z = prefs.rendered_zone.get_value();
            let off = zone_offset(&z);
            (day_text(v.window.start, off(v.window.start)), day_text(v.window.end - 1, off(v.window.end - 1)))
        }
        None => (q.from.clone(), q.to.clone()),
    };
    let zoomed = current.is_none() && !q.start.is_empty();
    let compare_href = q.toggled_compare().href();
    let compare_on = q.compare;
    let domains = view.as_ref().and_then(|v| v.domains.clone());
    let hidden = |skip: &[&str]| {
        q.pairs()
            .into_iter()
            .filter(|(k, _)| !skip.contains(k))
            .map(|(k, v)| view! { <input type="hidden" name=k value=v/> })
            .collect_view()
    };
    let range_hidden = hidden(&["range", "from", "to", "start", "end"]);
    let domain_hidden = hidden(&["domain"]);
    let domain = q.domain.clone();
    view! {
        <div class="card mb-4 flex flex-wrap items-end gap-4" data-testid="range-bar">
            <nav aria-label=move || t_string!(i18n, usage.range.label) class="flex flex-wrap gap-2">{presets}</nav>
            <Form method="GET" action="/usage" attr:class="flex flex-wrap items-end gap-2" attr:data-testid="custom-range">
                {range_hidden}
                <div><label class="label" for="usage-from">{t!(i18n, usage.range.from)}</label><input id="usage-from" name="from" type="date" class="input" value=from required/></div>
                <div><label class="label" for="usage-to">{t!(i18n, usage.range.to)}</label><input id="usage-to" name="to" type="date" class="input" value=to required/></div>
                <button type="submit" class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700">{t!(i18n, usage.range.apply)}</button>
            </Form>
            <a href=compare_href class=if compare_on { "btn-primary" } else { "btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" }
                data-on=compare_on.to_string() data-testid="compare">
                // A link cannot carry `aria-pressed`: its words say what following it does.
                {move || if compare_on { t_string!(i18n, usage.compare_stop).to_string() } else { t_string!(i18n, usage.compare).to_string() }}
            </a>
            {zoomed.then(|| view! {
                <a href=q.with_preset(Preset::Week).href() class="btn-ghost underline" data-testid="reset-zoom">{t!(i18n, usage.reset_zoom)}</a>
            })}
            {domains.map(|list| {
                let domain = domain.clone();
                view! {
                    <Form method="GET" action="/usage" attr:class="flex items-end gap-2" attr:data-testid="domain-form">
                        {domain_hidden}
                        <div>
                            <label class="label" for="usage-domain">{t!(i18n, usage.domain)}</label>
                            <select id="usage-domain" name="domain" class="input" translate="no">
                                <option value="" selected=domain.is_empty()>{t!(i18n, usage.all_domains)}</option>
                                {list.into_iter().map(|d| {
                                    let selected = d == domain;
                                    view! { <option value=d.clone() selected=selected>{d.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700">{t!(i18n, usage.show)}</button>
                    </Form>
                }
            })}
        </div>
    }
}

/// What a chart says in words: total or latest, peak, and the change from the previous period.
fn summary(c: &Chart, locale: Locale) -> String {
    let unit = c.id.unit();
    let mut parts = Vec::new();
    for s in &c.series {
        let label = series_label(&s.name, locale);
        let value = if c.id.is_level() { s.points.last().map(|p| p.v) } else { Some(s.total()) };
        if let Some(v) = value {
            let mut text = if c.id.is_level() {
                td_string!(locale, usage.summary.latest, series = label.clone(), value = unit.human(v)).to_string()
            } else {
                td_string!(locale, usage.summary.total, series = label.clone(), value = unit.human(v)).to_string()
            };
            if let Some(prev) = c.previous.iter().find(|p| p.name == s.name) {
                let pv = if c.id.is_level() { prev.points.last().map(|p| p.v) } else { Some(prev.total()) };
                if let Some(pv) = pv.filter(|pv| *pv > 0.0) {
                    let pct = (v - pv) / pv * 100.0;
                    text.push_str(&td_string!(locale, usage.summary.change, pct = format!("{pct:+.1}")).to_string());
                }
            }
            parts.push(text);
        }
    }
    parts.join("; ")
}

#[component]
fn ChartCard(chart: Chart, q: UsageQuery) -> impl IntoView {
    let i18n = use_i18n();
    let id = chart.id;
    let mut csv_pairs = q.pairs();
    csv_pairs.insert(0, ("chart", id.key().to_string()));
    let refs: Vec<(&str, String)> = csv_pairs.iter().map(|(k, v)| (*k, v.clone())).collect();
    let csv = format!("/export/usage.csv?{}", crate::model::query::encode(&refs));
    let title_id = format!("chart-{}-title", id.key());
    let notes = chart.notes.clone();
    let error = chart.error.clone();
    let empty = chart.series.iter().all(|s| s.points.is_empty());
    let c = StoredValue::new(chart);
    view! {
        <section class="card" aria-labelledby=title_id.clone() data-testid=format!("chart-{}", id.key())>
            <div class="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h2 id=title_id.clone() class="font-medium">{move || id.title(i18n.get_locale())}</h2>
                <a class="text-sm underline" href=csv rel="external" download data-testid="chart-csv">{t!(i18n, usage.csv)}</a>
            </div>
            {notes.into_iter().map(|n| view! { <p class="mb-1 text-sm text-amber-800 dark:text-amber-300" data-testid="chart-note">{n}</p> }).collect_view()}
            {match error {
                Some(e) => view! { <ErrorPanel error=e/> }.into_any(),
                None if empty => view! { <p class="py-8 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="chart-empty">{t!(i18n, usage.no_data)}</p> }.into_any(),
                None => view! {
                    <p class="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="chart-summary">{move || c.with_value(|c| summary(c, i18n.get_locale()))}</p>
                    <Legend chart=c/>
                    <Plot chart=c q=q.clone() title_id=title_id.clone()/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Legend(chart: StoredValue<Chart>) -> impl IntoView {
    let i18n = use_i18n();
    let (names, has_previous) = chart.with_value(|c| (c.series.iter().map(|s| s.name.clone()).collect::<Vec<_>>(), !c.previous.is_empty()));
    view! {
        <ul class="mb-1 flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {names.into_iter().enumerate().map(|(i, name)| view! {
                <li class="flex items-center gap-1">
                    <span aria-hidden="true" class="inline-block h-2 w-4 rounded-sm" style=format!("background:{}", COLOURS[i % COLOURS.len()])></span>
                    {move || series_label(&name, i18n.get_locale())}
                </li>
            }).collect_view()}
            {has_previous.then(|| view! {
                <li class="flex items-center gap-1">
                    <svg aria-hidden="true" width="16" height="8"><line x1="0" y1="4" x2="16" y2="4" stroke="currentColor" stroke-width="2" stroke-dasharray="4 3"/></svg>
                    {t!(i18n, usage.previous_dashed)}
                </li>
            })}
        </ul>
    }
}

/// The SVG chart: axes, one path per series (the previous period dashed), and once
/// hydrated a crosshair with the values under the pointer (or the arrow keys), and a
/// drag across it zooms to that window (the URL changes; the page reads VOD again at the
/// finer granularity).
#[component]
fn Plot(chart: StoredValue<Chart>, q: UsageQuery, title_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let prefs = expect_context::<crate::ui::prefs::Prefs>();
    let (w, step, unit, max) = chart.with_value(|c| (c.window, c.step, c.id.unit(), c.max()));
    let scale = unit.scale(max);
    let ticks = nice_ticks(max, 4);
    let top_value = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x_of = move |t: i64| LEFT + (t - w.start) as f64 / w.span().max(1) as f64 * plot_w;
    let y_of = move |v: f64| TOP + plot_h - v / top_value * plot_h;
    let t_of = move |x: f64| w.start + (((x - LEFT) / plot_w).clamp(0.0, 1.0) * w.span() as f64) as i64;

    let path = move |points: &[Point]| {
        let mut d = String::with_capacity(points.len() * 14);
        let mut prev: Option<i64> = None;
        for p in points {
            // A gap of more than one interval breaks the line rather than bridging it.
            let cmd = if prev.is_some_and(|t| p.t - t <= step) { 'L' } else { 'M' };
            d.push(cmd);
            push_tenths(&mut d, x_of(p.t));
            d.push(',');
            push_tenths(&mut d, y_of(p.v));
            prev = Some(p.t);
        }
        d
    };
    let lines = chart.with_value(|c| {
        c.series
            .iter()
            .enumerate()
            .map(|(i, s)| (path(&s.points), COLOURS[i % COLOURS.len()], false))
            .chain(c.previous.iter().enumerate().map(|(i, s)| {
                let colour = c.series.iter().position(|n| n.name == s.name).map(|j| COLOURS[j % COLOURS.len()]).unwrap_or(COLOURS[i % COLOURS.len()]);
                (path(&s.points), colour, true)
            }))
            .collect::<Vec<_>>()
    });
    let y_axis = ticks
        .iter()
        .map(|v| {
            let y = y_of(*v);
            view! {
                <line x1=LEFT x2=W - RIGHT y1=y y2=y class="stroke-slate-200 dark:stroke-slate-700" stroke-width="1"/>
                <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="fill-slate-600 dark:fill-slate-400" font-size="11">{format_scaled(*v, &scale)}</text>
            }
        })
        .collect_view();
    let zone_now = prefs.rendered_zone.get_value();
    let x_axis = time_ticks(w, 7, zone_offset(&zone_now))
        .into_iter()
        .map(|(t, label)| {
            let x = x_of(t);
            view! {
                <line x1=x x2=x y1=TOP + plot_h y2=TOP + plot_h + 4.0 class="stroke-slate-400"/>
                <text x=x y=H - 8.0 text-anchor="middle" class="fill-slate-600 dark:fill-slate-400" font-size="11">{label}</text>
            }
        })
        .collect_view();
    let paths = lines
        .into_iter()
        .map(|(d, colour, dashed)| {
            view! {
                <path d=d fill="none" stroke=colour stroke-width=if dashed { "1.5" } else { "2" }
                    stroke-dasharray=dashed.then_some("5 4") opacity=if dashed { "0.7" } else { "1" } stroke-linejoin="round"/>
            }
        })
        .collect_view();

    // Interaction (hydrated only).
    let hover = RwSignal::new(None::<i64>);
    let drag = RwSignal::new(None::<(f64, f64)>);
    let times = chart.with_value(|c| {
        let mut t: Vec<i64> = c.series.iter().flat_map(|s| s.points.iter().map(|p| p.t)).collect();
        t.sort_unstable();
        t.dedup();
        t
    });
    let times = StoredValue::new(times);
    let nearest = move |t: i64| times.with_value(|ts| ts.iter().copied().min_by_key(|x| (x - t).abs()));
    let navigate = use_navigate();
    let svg_x = |ev: &leptos::ev::PointerEvent| -> Option<f64> {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            // Leptos delegates events to the document: find the chart from the target.
            let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
            let el = if target.tag_name().eq_ignore_ascii_case("svg") { target } else { target.closest("svg").ok()?? };
            let r = el.get_bounding_client_rect();
            if r.width() <= 0.0 {
                return None;
            }
            Some((f64::from(ev.client_x()) - r.left()) / r.width() * W)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = ev;
            None
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        if let Some(x) = svg_x(&ev) {
            hover.set(nearest(t_of(x)));
            drag.update(|d| {
                if let Some((_, end)) = d {
                    *end = x.clamp(LEFT, W - RIGHT);
                }
            });
        }
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() == 0 {
            if let Some(x) = svg_x(&ev) {
                let x = x.clamp(LEFT, W - RIGHT);
                drag.set(Some((x, x)));
            }
        }
    };
    let q_zoom = q.clone();
    let on_up = move |_ev: leptos::ev::PointerEvent| {
        if let Some((a, b)) = drag.get_untracked() {
            drag.set(None);
            if (a - b).abs() >= 6.0 {
                let (s, e) = (t_of(a.min(b)), t_of(a.max(b)));
                let zoom = Window { start: floor(s, 60), end: ceil(e, 60) };
                navigate(&q_zoom.zoomed(zoom).href(), Default::default());
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let moved = times.with_value(|ts| {
            if ts.is_empty() {
                return None;
            }
            let at = hover.get_untracked().and_then(|h| ts.iter().position(|t| *t == h));
            match key.as_str() {
                "ArrowRight" => Some(at.map(|i| (i + 1).min(ts.len() - 1)).unwrap_or(0)),
                "ArrowLeft" => Some(at.map(|i| i.saturating_sub(1)).unwrap_or(ts.len() - 1)),
                "Home" => Some(0),
                "End" => Some(ts.len() - 1),
                _ => None,
            }
            .map(|i| ts[i])
        });
        if let Some(t) = moved {
            ev.prevent_default();
            hover.set(Some(t));
        } else if key == "Escape" {
            hover.set(None);
        }
    };

    // The values at the hovered instant: (label, value text, colour).
    let readout = move |t: i64| -> (String, Vec<(String, String, &'static str)>) {
        let locale = i18n.get_locale_untracked();
        let z = prefs.time_zone.get_untracked();
        let off = zone_offset(&z)(t);
        let when = crate::model::prefs::format_wall(t, off as i32);
        let rows = chart.with_value(|c| {
            let mut rows = Vec::new();
            for (i, s) in c.series.iter().enumerate() {
                if let Some(p) = s.points.iter().find(|p| p.t == t) {
                    rows.push((series_label(&s.name, locale), unit.human(p.v), COLOURS[i % COLOURS.len()]));
                }
            }
            for s in &c.previous {
                if let Some(p) = s.points.iter().find(|p| p.t == t) {
                    let label = format!("{} ({})", series_label(&s.name, locale), td_string!(locale, usage.previous));
                    rows.push((label, unit.human(p.v), "#64748b"));
                }
            }
            rows
        });
        (when, rows)
    };
    let live = move || hover.get().map(|t| {
        let (when, rows) = readout(t);
        format!("{when}: {}", rows.iter().map(|(l, v, _)| format!("{l} {v}")).collect::<Vec<_>>().join(", "))
    });

    let crosshair = move || {
        hover.get().map(|t| {
            let (when, rows) = readout(t);
            let x = x_of(t);
            let box_w = 200.0;
            let box_h = 18.0 + rows.len() as f64 * 15.0;
            let bx = if x + 10.0 + box_w > W - RIGHT { x - 10.0 - box_w } else { x + 10.0 };
            let text_rows = rows
                .into_iter()
                .enumerate()
                .map(|(i, (label, value, colour))| {
                    let y = TOP + 30.0 + i as f64 * 15.0;
                    view! {
                        <rect x=bx + 8.0 y=y - 8.0 width="8" height="8" fill=colour/>
                        <text x=bx + 20.0 y=y font-size="11" class="fill-slate-800 dark:fill-slate-100">{format!("{label}: {value}")}</text>
                    }
                })
                .collect_view();
            view! {
                <g pointer-events="none" data-testid="chart-tooltip">
                    <line x1=x x2=x y1=TOP y2=TOP + plot_h class="stroke-slate-500" stroke-dasharray="3 3"/>
                    <rect x=bx y=TOP + 4.0 width=box_w height=box_h rx="4" class="fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600"/>
                    <text x=bx + 8.0 y=TOP + 17.0 font-size="11" font-weight="600" class="fill-slate-900 dark:fill-slate-100">{when}</text>
                    {text_rows}
                </g>
            }
        })
    };
    let selection = move || {
        drag.get().filter(|(a, b)| (a - b).abs() >= 2.0).map(|(a, b)| {
            view! { <rect x=a.min(b) y=TOP width=(a - b).abs() height=plot_h class="fill-blue-500/20 stroke-blue-600" pointer-events="none" data-testid="zoom-selection"/> }
        })
    };
    let desc = chart.with_value(|c| summary(c, i18n.get_locale_untracked()));
    view! {
        <div
            tabindex="0"
            class="focus-ring rounded"
            role="group"
            aria-labelledby=title_id.clone()
            aria-describedby=format!("{title_id}-help")
            on:keydown=on_key
            on:blur=move |_| hover.set(None)
        >
            <svg
                viewBox=format!("0 0 {W} {H}")
                class="block h-auto w-full touch-none select-none"
                role="img"
                aria-labelledby=title_id.clone()
                aria-describedby=format!("{title_id}-desc")
                data-testid="chart-svg"
                on:pointermove=on_move
                on:pointerdown=on_down
                on:pointerup=on_up
                on:pointerleave=move |_| {
                    hover.set(None);
                    drag.set(None);
                }
            >
                <desc id=format!("{title_id}-desc")>{desc}</desc>
                {y_axis}
                <line x1=LEFT x2=W - RIGHT y1=TOP + plot_h y2=TOP + plot_h class="stroke-slate-400"/>
                {x_axis}
                {paths}
                {selection}
                {crosshair}
                <rect x=LEFT y=TOP width=plot_w height=plot_h fill="transparent" class="cursor-crosshair"/>
            </svg>
        </div>
        <p id=format!("{title_id}-help") class="mt-1 text-xs text-slate-600 dark:text-slate-400">{t!(i18n, usage.chart_help)}</p>
        <p class="sr-only" aria-live="polite">{live}</p>
    }
}

#[component]
fn TopVideosTable(top: TopVideos, q: UsageQuery, lengths: Vec<(String, f64)>) -> impl IntoView {
    let i18n = use_i18n();
    let hidden = q
        .pairs()
        .into_iter()
        .filter(|(k, _)| *k != "day")
        .map(|(k, v)| view! { <input type="hidden" name=k value=v/> })
        .collect_view();
    let day = top.day.clone();
    let rows = top
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let href = format!("/media/video/{}", r.video_id);
            let stats = UsageQuery { video: r.video_id.clone(), day: String::new(), ..q.clone() }.href();
            let title = if r.title.is_empty() { r.video_id.clone() } else { r.title.clone() };
            view! {
                <tr>
                    <td class="tabular-nums">{i + 1}</td>
                    <td><A href=href attr:class="underline" attr:translate="no">{title}</A></td>
                    <td class="text-right tabular-nums">{Unit::Count.human(r.plays)}</td>
                    <td class="text-right tabular-nums">{Unit::Count.human(r.viewers)}</td>
                    <td class="text-right tabular-nums">{Unit::Millis.human(r.play_ms)}</td>
                    <td><A href=stats attr:class="underline">{t!(i18n, usage.top.daily)}</A></td>
                </tr>
            }
        })
        .collect_view();
    let empty = top.rows.is_empty() && top.error.is_none();
    view! {
        <section class="card mt-6" aria-labelledby="top-videos-title" data-testid="top-videos">
            <div class="mb-3 flex flex-wrap items-end justify-between gap-3">
                <h2 id="top-videos-title" class="font-medium">{move || t_string!(i18n, usage.top.title, day = day.clone()).to_string()}</h2>
                <Form method="GET" action="/usage" attr:class="flex items-end gap-2">
                    {hidden}
                    <div><label class="label" for="usage-day">{t!(i18n, usage.top.day)}</label><input id="usage-day" name="day" type="date" class="input" value=top.day.clone()/></div>
                    <button type="submit" class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700">{t!(i18n, usage.show)}</button>
                </Form>
            </div>
            {top.error.map(|e| view! { <ErrorPanel error=e/> })}
            {empty.then(|| view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, usage.top.empty)}</p> })}
            {(!top.rows.is_empty()).then(|| view! {
                <div class="overflow-x-auto">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t!(i18n, usage.top.video)}</th>
                            <th scope="col" class="text-right">{t!(i18n, usage.top.plays)}</th>
                            <th scope="col" class="text-right">{t!(i18n, usage.top.viewers)}</th>
                            <th scope="col" class="text-right">{t!(i18n, usage.top.play_time)}</th>
                            <th scope="col"><span class="sr-only">{t!(i18n, usage.top.daily)}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="mt-2 text-xs text-slate-600 dark:text-slate-400">{move || t_string!(i18n, usage.top.total, n = top.total).to_string()}</p>
            })}
            {(!lengths.is_empty()).then(|| view! {
                <h3 class="mb-2 mt-4 text-sm font-medium">{t!(i18n, usage.play_lengths)}</h3>
                <ul class="grid gap-1 text-sm" data-testid="play-lengths">
                    {lengths.into_iter().map(|(label, pct)| view! {
                        <li class="grid grid-cols-[6rem_1fr_4rem] items-center gap-2">
                            <span translate="no" class="tabular-nums">{label}</span>
                            <span class="h-2 rounded bg-slate-200 dark:bg-slate-700"><span class="block h-2 rounded bg-blue-600" style=format!("width:{:.1}%", pct.clamp(0.0, 100.0))></span></span>
                            <span class="text-right tabular-nums">{format!("{pct:.1}%")}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn coordinates_are_written_to_a_tenth() {
        let text = |x: f64| {
            let mut d = String::new();
            super::push_tenths(&mut d, x);
            d
        };
        assert_eq!(text(12.34), "12.3");
        assert_eq!(text(12.36), "12.4");
        assert_eq!(text(0.0), "0.0");
        assert_eq!(text(-3.06), "-3.1");
        assert_eq!(text(-0.04), "0.0");
        assert_eq!(text(640.0), "640.0");
    }
}
