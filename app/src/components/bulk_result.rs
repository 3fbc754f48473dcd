//! `BulkResultTable`: one row per item of a bulk operation — what happened to it, the VOD
//! code and RequestId — with a summary line and an optional "retry failed" button.
//! Shared by the media library (delete, bulk edit, URL pull) and the category tree
//! (moving media).

use leptos::prelude::*;
use leptos::text_prop::TextProp;

use crate::i18n::*;
use crate::model::bulk::{BulkReport, Outcome};

fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Done => "badge bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700",
        Outcome::NotFound => "badge bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
        Outcome::Forbidden => "badge bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900/40 dark:text-amber-200 dark:ring-amber-700",
        Outcome::Failed => "badge bg-red-100 text-red-900 ring-red-300 dark:bg-red-900/40 dark:text-red-200 dark:ring-red-700",
        Outcome::Skipped => "badge bg-slate-100 text-slate-600 ring-slate-200 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-700",
    }
}

/// `title` names the operation ("Delete 25 videos"; usually `move || t_string!(…)`, so it
/// follows a language switch). `on_retry` receives the IDs that failed or were skipped;
/// without it no retry button is shown.
#[component]
pub fn BulkResultTable(
    #[prop(into)] title: TextProp,
    report: BulkReport,
    #[prop(optional, into)] on_retry: Option<Callback<Vec<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let retry_ids = report.retry_ids();
    let done_word = report.done_word.clone();
    let rows = report.items.clone();
    let summary = move || report.summary(i18n.get_locale());
    let heading = title.clone();
    view! {
        <section class="card my-4" aria-label=move || title.get().to_string() data-testid="bulk-result">
            <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
                <div>
                    <h2 class="font-medium">{move || heading.get().to_string()}</h2>
                    <p role="status" class="text-sm text-slate-600 dark:text-slate-400" data-testid="bulk-summary">{summary}</p>
                </div>
                {match on_retry {
                    Some(retry) if !retry_ids.is_empty() => {
                        let n = retry_ids.len();
                        let ids = retry_ids.clone();
                        Some(view! {
                            <button type="button" class="btn-primary" data-testid="bulk-retry"
                                on:click=move |_| retry.run(ids.clone())>
                                {move || t_string!(i18n, media.bulk.retry, n).to_string()}
                            </button>
                        })
                    }
                    _ => None,
                }}
            </div>
            <div class="max-h-96 overflow-auto">
                <table class="table" data-testid="bulk-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, media.bulk.item)}</th>
                        <th scope="col">{t!(i18n, media.bulk.result)}</th>
                        <th scope="col">{t!(i18n, media.bulk.code)}</th>
                        <th scope="col">"RequestId"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|item| {
                            let outcome = item.outcome;
                            let done_word = done_word.clone();
                            let label = move || outcome.label(i18n.get_locale(), &done_word);
                            view! {
                                <tr data-outcome=item.outcome.slug() data-id=item.id.clone()>
                                    <th scope="row" class="font-normal">
                                        // Titles and VOD's messages are data: shown as they are.
                                        {item.label.clone().map(|l| view! { <span class="block" translate="no">{l}</span> })}
                                        <code class="text-xs text-slate-500 dark:text-slate-400">{item.id.clone()}</code>
                                    </th>
                                    <td>
                                        <span class=outcome_class(item.outcome)>{label}</span>
                                        {item.message.clone().map(|m| view! { <span class="ml-2 text-xs text-slate-600 dark:text-slate-400" translate="no">{m}</span> })}
                                    </td>
                                    <td><code class="text-xs">{item.code.clone().unwrap_or_default()}</code></td>
                                    <td><code class="text-xs">{item.request_id.clone().unwrap_or_default()}</code></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
