//! The activity log: every change made through the console, filterable by person,
//! action, target ID, outcome and date, with a CSV export of what the filter selects.
//! The filter lives in the URL (a GET form), so it works with JavaScript off and a link
//! shares exactly this view.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::activity::list_activity;
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::activity::{ActivityEntry, ActivityFilter};
use crate::model::{roles, CurrentUser};
use crate::ui::{LocalTime, PageHeader, Spinner};

#[component]
pub fn ActivityPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    if !me.can(roles::CONSOLE_ACTIVITY) {
        return view! {
            <PageHeader title=move || t_string!(i18n, activity.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: roles::CONSOLE_ACTIVITY.to_string() }/>
        }
        .into_any();
    }
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.get();
        ActivityFilter::from_pairs(|k| q.get(k))
    });
    let entries = Resource::new(move || filter.get(), list_activity);

    view! {
        <PageHeader title=move || t_string!(i18n, activity.title) description=move || t_string!(i18n, activity.intro)/>
        {move || {
            let f = filter.get();
            let export = format!("/export/activity.csv?{}", ActivityFilter { page: 1, ..f.clone() }.to_query());
            view! {
                <Form method="GET" action="/activity" attr:class="card mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end" attr:data-testid="activity-filter">
                    <div><label class="label" for="af-user">{t!(i18n, activity.filter.user)}</label><input id="af-user" name="user" class="input" value=f.user.clone() data-shortcut="search"/></div>
                    <div><label class="label" for="af-action">{t!(i18n, activity.filter.action)}</label><input id="af-action" name="action" class="input" value=f.action.clone() placeholder="vod:DeleteVideo" translate="no"/></div>
                    <div><label class="label" for="af-target">{t!(i18n, activity.filter.target)}</label><input id="af-target" name="target" class="input" value=f.target.clone()/></div>
                    <div>
                        <label class="label" for="af-outcome">{t!(i18n, activity.filter.outcome)}</label>
                        <select id="af-outcome" name="outcome" class="input">
                            {["", "ok", "partial", "failed"].into_iter().map(|o| view! {
                                <option value=o selected=f.outcome == o>{move || outcome_label(i18n.get_locale(), o)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div><label class="label" for="af-from">{t!(i18n, activity.filter.from)}</label><input id="af-from" name="from" type="date" class="input" value=f.from.clone()/></div>
                    <div><label class="label" for="af-to">{t!(i18n, activity.filter.to)}</label><input id="af-to" name="to" type="date" class="input" value=f.to.clone()/></div>
                    <div class="flex gap-2">
                        <button type="submit" class="btn-primary">{t!(i18n, activity.filter.submit)}</button>
                        <a class="btn-ghost" href=export rel="external" download data-testid="activity-export">{t!(i18n, activity.filter.export)}</a>
                    </div>
                </Form>
            }
        }}
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(list) => {
                        let f = filter.get_untracked();
                        let pages = list.total.div_ceil(list.page_size as u64).max(1) as u32;
                        let link = move |page: u32| format!("/activity?{}", ActivityFilter { page, ..f.clone() }.to_query());
                        view! {
                            <p class="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="activity-total">
                                {move || t_string!(i18n, activity.total, count = list.total).to_string()}
                            </p>
                            <div class="overflow-x-auto">
                                <table class="table" data-testid="activity-table">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, activity.table.when)}</th><th scope="col">{t!(i18n, activity.table.who)}</th><th scope="col">{t!(i18n, activity.table.action)}</th>
                                        <th scope="col">{t!(i18n, activity.table.targets)}</th><th scope="col">{t!(i18n, activity.table.outcome)}</th><th scope="col">"RequestId"</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.entries.into_iter().map(|e| view! { <ActivityRow entry=e/> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <nav class="mt-4 flex items-center gap-3 text-sm" aria-label=move || t_string!(i18n, common.pages)>
                                {(list.page > 1).then(|| view! { <a class="btn-ghost" href=link(list.page - 1)>{t!(i18n, common.newer)}</a> })}
                                <span>{move || t_string!(i18n, common.page_of, page = list.page, pages).to_string()}</span>
                                {(list.page < pages).then(|| view! { <a class="btn-ghost" href=link(list.page + 1)>{t!(i18n, common.older)}</a> })}
                            </nav>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ActivityRow(entry: ActivityEntry) -> impl IntoView {
    let i18n = use_i18n();
    let targets = entry.targets.len();
    let shown: Vec<String> = entry.targets.iter().take(3).cloned().collect();
    let more = targets.saturating_sub(3);
    let outcome_class = match entry.outcome.as_str() {
        "ok" => "badge bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700",
        "partial" => "badge bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900/40 dark:text-amber-200 dark:ring-amber-700",
        _ => "badge bg-red-100 text-red-900 ring-red-300 dark:bg-red-900/40 dark:text-red-200 dark:ring-red-700",
    };
    let items = entry.items.clone();
    let n_items = items.len();
    let outcome = entry.outcome.clone();
    view! {
        <tr data-testid="activity-row">
            <td class="whitespace-nowrap text-slate-600 dark:text-slate-400"><LocalTime at=entry.at.clone()/></td>
            <td>{entry.username.clone()}</td>
            <td><code class="text-xs">{entry.action.clone()}</code>{entry.detail.clone().map(|d| view! { <span class="ml-2 text-xs text-slate-600 dark:text-slate-400">{d}</span> })}</td>
            <td class="text-xs">
                {shown.into_iter().map(|t| view! { <code class="mr-1">{t}</code> }).collect_view()}
                {(more > 0).then(|| move || t_string!(i18n, common.more, count = more).to_string())}
                {(!items.is_empty()).then(|| view! {
                    <details class="mt-1">
                        <summary class="cursor-pointer text-blue-700 dark:text-blue-300">{move || t_string!(i18n, activity.item_results, count = n_items).to_string()}</summary>
                        <ul class="mt-1 space-y-0.5">
                            {items.iter().map(|i| view! {
                                <li><code>{i.id.clone()}</code>" "{let o = i.outcome; move || o.label(i18n.get_locale(), "done")}
                                    {i.code.clone().map(|c| format!(" ({c})"))}
                                    {i.request_id.clone().map(|r| format!(" · {r}"))}</li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            </td>
            <td><span class=outcome_class>{move || outcome_label(i18n.get_locale(), &outcome)}</span></td>
            <td><code class="text-xs">{entry.request_id.clone().unwrap_or_default()}</code></td>
        </tr>
    }
}

/// An overall outcome (`ok`, `partial`, `failed`; empty for "any") in words.
fn outcome_label(locale: Locale, outcome: &str) -> &'static str {
    match outcome {
        "" => td_string!(locale, activity.filter.any),
        "ok" => td_string!(locale, activity.outcomes.ok),
        "partial" => td_string!(locale, activity.outcomes.partial),
        _ => td_string!(locale, activity.outcomes.failed),
    }
}
