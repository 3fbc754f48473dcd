//! The overview: how VOD is doing at a glance (media by status, what waits for review
//! or failed, storage and its 30-day trend, yesterday's plays and CDN traffic, the
//! newest changes), each tile linking to its page and shown only to people who may
//! read it; then the sections this person may use.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::usage::read_dashboard;
use crate::components::shell::{section_label, section_summary, ErrorPanel, SECTIONS};
use crate::i18n::*;
use crate::model::usage::{sparkline, Dashboard, Unit};
use crate::model::CurrentUser;
use crate::ui::{FreshnessNote, LocalTime, PageHeader, Spinner};

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    let query = use_query_map();
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let data = Resource::new(move || fresh.get(), read_dashboard);
    let cards = SECTIONS
        .iter()
        .filter(|(_, p)| user.can(*p))
        .map(|(href, _)| {
            view! {
                <li>
                    <A
                        href=*href
                        attr:class="card block hover:border-blue-400 focus-ring"
                        on:mouseenter=move |_| super::prefetch(href)
                        on:focus=move |_| super::prefetch(href)
                    >
                        <span class="font-medium">{move || section_label(i18n.get_locale(), href)}</span>
                        <span class="mt-1 block text-sm text-slate-600 dark:text-slate-400">{move || section_summary(i18n.get_locale(), href)}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageHeader title=move || t_string!(i18n, shell.overview) description=move || t_string!(i18n, usage.dash.intro)/>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(d) => view! { <Tiles d=d/> }.into_any(),
                }
            })}
        </Suspense>
        <h2 class="mb-3 mt-8 font-medium">{t!(i18n, usage.dash.sections)}</h2>
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="section-cards">{cards}</ul>
    }
}

fn tile_error(e: crate::error::AppError) -> AnyView {
    view! { <ErrorPanel error=e/> }.into_any()
}

#[component]
fn Tiles(d: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let counts = d.counts.map(|c| {
        let body = match c {
            Err(e) => tile_error(e),
            Ok(rows) => {
                let get = |s: &str| rows.iter().find(|(k, _)| k == s).map(|(_, n)| *n).unwrap_or(0);
                let (checking, failed) = (get("Checking"), get("TranscodeFail") + get("UploadFail"));
                view! {
                    <dl class="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="media-counts">
                        {rows.iter().map(|(status, n)| {
                            let status = status.clone();
                            let href = format!("/media?status={status}");
                            let label = status.clone();
                            view! {
                                <dt><A href=href attr:class="underline">{move || crate::components::media::status_text(i18n.get_locale(), &label).unwrap_or("").to_string()}</A></dt>
                                <dd class="text-right tabular-nums" data-status=status>{Unit::Count.human(*n as f64)}</dd>
                            }
                        }).collect_view()}
                    </dl>
                    <p class="mt-3 text-sm" data-testid="waiting-review">
                        <A href="/media?status=Checking" attr:class="underline">{move || t_string!(i18n, usage.dash.waiting, n = checking).to_string()}</A>
                    </p>
                    {(failed > 0).then(|| view! {
                        <p class="mt-1 text-sm text-red-700 dark:text-red-400" data-testid="failed-media">
                            <A href="/media?status=TranscodeFail" attr:class="underline">{move || t_string!(i18n, usage.dash.failed, n = failed).to_string()}</A>
                        </p>
                    })}
                }
                .into_any()
            }
        };
        view! {
            <section class="card" aria-labelledby="dash-media" data-testid="tile-media">
                <h2 id="dash-media" class="mb-2 font-medium"><A href="/media" attr:class="hover:underline">{t!(i18n, usage.dash.media)}</A></h2>
                {body}
            </section>
        }
    });
    let storage = d.storage.map(|s| {
        let body = match s {
            Err(e) => tile_error(e),
            Ok(s) => {
                let path = sparkline(&s.trend, 200.0, 40.0);
                let change = s.change_pct.map(|p| format!("{p:+.1} %"));
                view! {
                    <p class="text-2xl font-semibold tabular-nums" data-testid="storage-latest">{Unit::Bytes.human(s.latest)}</p>
                    <svg viewBox="0 0 200 40" class="mt-2 h-10 w-full" role="img" aria-label=move || t_string!(i18n, usage.dash.trend)>
                        <path d=path fill="none" stroke="#2563eb" stroke-width="2"/>
                    </svg>
                    {change.map(|c| view! { <p class="text-sm text-slate-600 dark:text-slate-400">{move || t_string!(i18n, usage.dash.change, pct = c.clone()).to_string()}</p> })}
                }
                .into_any()
            }
        };
        view! {
            <section class="card" aria-labelledby="dash-storage" data-testid="tile-storage">
                <h2 id="dash-storage" class="mb-2 font-medium"><A href="/usage?range=30d" attr:class="hover:underline">{t!(i18n, usage.dash.storage)}</A></h2>
                {body}
            </section>
        }
    });
    let yesterday = d.yesterday.map(|y| {
        let body = match y {
            Err(e) => tile_error(e),
            Ok(y) => {
                let day = y.day.clone();
                view! {
                    <p class="mb-2 text-sm text-slate-600 dark:text-slate-400">{day}" "{t!(i18n, usage.dash.utc8)}</p>
                    <dl class="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                        {y.plays.map(|p| view! { <dt>{t!(i18n, usage.series.plays)}</dt><dd class="text-right tabular-nums" data-testid="yesterday-plays">{Unit::Count.human(p)}</dd> })}
                        {y.viewers.map(|p| view! { <dt>{t!(i18n, usage.series.viewers)}</dt><dd class="text-right tabular-nums">{Unit::Count.human(p)}</dd> })}
                        {y.traffic.map(|p| view! { <dt>{t!(i18n, usage.chart.cdn_traffic)}</dt><dd class="text-right tabular-nums" data-testid="yesterday-traffic">{Unit::Bytes.human(p)}</dd> })}
                    </dl>
                }
                .into_any()
            }
        };
        view! {
            <section class="card" aria-labelledby="dash-yesterday" data-testid="tile-yesterday">
                <h2 id="dash-yesterday" class="mb-2 font-medium"><A href="/usage?range=7d" attr:class="hover:underline">{t!(i18n, usage.dash.yesterday)}</A></h2>
                {body}
            </section>
        }
    });
    let activity = d.activity.map(|a| {
        let body = match a {
            Err(e) => tile_error(e),
            Ok(entries) if entries.is_empty() => view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, usage.dash.no_changes)}</p> }.into_any(),
            Ok(entries) => view! {
                <ul class="grid gap-1 text-sm" data-testid="recent-changes">
                    {entries.into_iter().map(|e| view! {
                        <li class="flex flex-wrap gap-x-2">
                            <LocalTime at=e.at.clone()/>
                            <span translate="no">{e.username.clone()}</span>
                            <span translate="no" class="font-mono text-xs">{e.action.clone()}</span>
                            <span translate="no" class="truncate text-slate-600 dark:text-slate-400">{e.targets.join(", ")}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        };
        view! {
            <section class="card" aria-labelledby="dash-activity" data-testid="tile-activity">
                <h2 id="dash-activity" class="mb-2 font-medium"><A href="/activity" attr:class="hover:underline">{t!(i18n, usage.dash.activity)}</A></h2>
                {body}
            </section>
        }
    });
    view! {
        <div class="mb-3 text-sm text-slate-600 dark:text-slate-400">
            <FreshnessNote age_secs=d.cached_age_secs reload_href="/?fresh=1".to_string()/>
        </div>
        <div class="grid gap-4 md:grid-cols-2 xl:grid-cols-4" data-testid="dashboard" data-calls=d.calls>
            {counts}
            {storage}
            {yesterday}
            {activity}
        </div>
    }
}
