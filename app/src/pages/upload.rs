//! Upload: files from this computer (straight to VOD's storage with a temporary
//! credential, with progress, resumable after a reload) and URL pulls (VOD fetches the
//! files itself; a per-URL table follows every job until it ends). Category and
//! transcode template group are chosen at upload.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::upload::{get_upload_choices, pull_status, PullUrls};
use crate::model::upload::{
    calls_note, parse_urls, CategoryChoice, PullJobState, TemplateGroupChoice, NO_TRANSCODE_GROUP, URLS_PER_CALL,
};
use crate::components::category_picker::{CategoryEntry, CategoryPicker};
use crate::components::shell::ErrorPanel;
use crate::components::uploader::{human_bytes, FileUploader, TemplateGroupField};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::bulk::{BulkReport, Outcome};
use crate::model::CurrentUser;
use crate::ui::{FormMessage, PageHeader, Spinner};

/// How often the pull table asks VOD for news.
const POLL_EVERY: Duration = Duration::from_millis(1000);
/// Consecutive failed polls before the table stops asking.
const POLL_GIVE_UP: u32 = 5;

#[component]
pub fn UploadPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    let can_files = me.can(crate::vod_permission!(CreateUploadVideo));
    let can_pull = me.can(crate::vod_permission!(UploadMediaByURL));
    if !can_files && !can_pull {
        return view! {
            <PageHeader title=move || t_string!(i18n, upload.title)/>
            <ErrorPanel error=AppError::Forbidden { permission: crate::vod_permission!(CreateUploadVideo).to_string() }/>
        }
        .into_any();
    }
    let choices = Resource::new(|| (), |_| get_upload_choices());
    let pull = ServerAction::<PullUrls>::new();
    let table = PullTable::new();
    Effect::new(move |_| {
        if let Some(Ok(submission)) = pull.value().get() {
            table.start(submission);
        }
    });

    view! {
        <PageHeader title=move || t_string!(i18n, upload.title) description=move || t_string!(i18n, upload.intro)/>
        <datalist id="template-groups">
            <option value=NO_TRANSCODE_GROUP>{t!(i18n, upload.no_transcode_option)}</option>
        </datalist>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                let (categories, problem, groups, groups_error) = match choices.await {
                    Ok(c) => (c.categories, c.categories_error, c.template_groups, c.template_groups_error),
                    Err(e) => (Vec::new(), Some(e.localized(i18n.get_locale_untracked())), None, None),
                };
                view! {
                    {problem.map(|p| view! {
                        <p role="status" class="form-error mb-4">
                            {move || t_string!(i18n, upload.categories_unreadable, problem = p.as_str()).to_string()}
                        </p>
                    })}
                    {can_files.then(|| view! {
                        <section class="card mb-6" aria-labelledby="files-title">
                            <h2 id="files-title" class="mb-3 font-medium">{t!(i18n, upload.files_title)}</h2>
                            <FileUploader categories=categories.clone() template_groups=groups.clone() template_groups_error=groups_error.clone()/>
                        </section>
                    })}
                    {can_pull.then(|| view! {
                        <section class="card mb-6" aria-labelledby="pull-title">
                            <h2 id="pull-title" class="mb-3 font-medium">{t!(i18n, upload.pull_title)}</h2>
                            <PullForm action=pull categories=categories.clone() template_groups=groups.clone() template_groups_error=groups_error.clone()/>
                            <PullJobs table/>
                        </section>
                    })}
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn PullForm(
    action: ServerAction<PullUrls>,
    categories: Vec<CategoryChoice>,
    template_groups: Option<Vec<TemplateGroupChoice>>,
    template_groups_error: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let hint = move || {
        let locale = i18n.get_locale();
        let t = text.get();
        if t.trim().is_empty() {
            let calls = calls_note(locale, URLS_PER_CALL);
            return (false, td_string!(locale, upload.pull.hint, calls).to_string());
        }
        match parse_urls(locale, &t) {
            Ok(urls) => (false, calls_note(locale, urls.len())),
            Err(e) => (true, e),
        }
    };
    view! {
        <ActionForm action=action attr:class="grid gap-3 sm:grid-cols-2" attr:data-testid="pull-form">
            <div class="sm:col-span-2">
                <label class="label" for="pull-urls">{t!(i18n, upload.pull.urls_label)}</label>
                <textarea id="pull-urls" name="urls" rows="6" class="input font-mono text-sm" required
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p data-testid="pull-hint" class=move || if hint().0 { "mt-1 text-sm text-red-700 dark:text-red-300" } else { "mt-1 text-sm text-slate-600 dark:text-slate-400" }>
                    {move || hint().1}
                </p>
            </div>
            <div>
                <label class="label" for="pull-category">{t!(i18n, upload.form.category)}</label>
                <CategoryPicker id="pull-category" name="category" categories=categories.iter().map(CategoryEntry::from).collect()
                    none_label=move || t_string!(i18n, upload.form.no_category)/>
            </div>
            <div>
                <TemplateGroupField id="pull-template-group" name="template_group" groups=template_groups error=template_groups_error/>
            </div>
            <div>
                <button type="submit" class="btn-primary" data-testid="pull-submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t_string!(i18n, upload.pull.sending) } else { t_string!(i18n, upload.pull.submit) }}
                </button>
            </div>
        </ActionForm>
        <FormMessage value=move || action.value().get()/>
    }
}

/// One submitted URL: what VOD said when it was sent, and its job's latest state.
#[derive(Clone, Debug, PartialEq)]
struct PullRow {
    url: String,
    job_id: Option<String>,
    request_id: Option<String>,
    /// Why VOD refused the URL (no job was created).
    refused: Option<String>,
    status: Option<PullJobState>,
}

impl PullRow {
    fn is_final(&self) -> bool {
        self.job_id.is_none() || self.status.as_ref().is_some_and(PullJobState::is_final)
    }

    fn failed(&self) -> bool {
        self.job_id.is_none() || self.status.as_ref().is_some_and(PullJobState::failed)
    }

    fn percent(&self) -> u32 {
        match (&self.job_id, &self.status) {
            (None, _) => 100,
            (Some(_), None) => 0,
            (Some(_), Some(s)) => s.percent(),
        }
    }
}

/// The rows of the last submission and the polling that keeps them current.
#[derive(Clone, Copy)]
struct PullTable {
    rows: RwSignal<Vec<PullRow>>,
    /// The submission's report and how many URLs it sent, said in the language shown.
    summary: RwSignal<Option<(BulkReport, usize)>>,
    poll_error: RwSignal<Option<AppError>>,
    /// Bumped by each submission; a poll of an older one stops.
    generation: RwSignal<u64>,
}

impl PullTable {
    fn new() -> Self {
        PullTable {
            rows: RwSignal::new(Vec::new()),
            summary: RwSignal::new(None),
            poll_error: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    fn start(self, submission: crate::model::upload::PullSubmission) {
        let rows = submission
            .jobs
            .iter()
            .zip(submission.report.items.iter())
            .map(|(job, item)| PullRow {
                url: job.url.clone(),
                job_id: job.job_id.clone(),
                request_id: item.request_id.clone(),
                refused: (item.outcome != Outcome::Done).then(|| {
                    let code = item.code.clone().map(|c| format!("{c}: ")).unwrap_or_default();
                    format!("{code}{}", item.message.clone().unwrap_or_default())
                }),
                status: None,
            })
            .collect();
        self.rows.set(rows);
        self.summary.set(Some((submission.report.clone(), submission.jobs.len())));
        self.poll_error.set(None);
        self.generation.update(|g| *g += 1);
        self.poll(self.generation.get_untracked(), 0);
    }

    /// Asks about every unfinished job, then again a second later, until all are final.
    fn poll(self, generation: u64, failures: u32) {
        if self.generation.get_untracked() != generation {
            return;
        }
        let ids: Vec<String> =
            self.rows.with_untracked(|r| r.iter().filter(|x| !x.is_final()).filter_map(|x| x.job_id.clone()).collect());
        if ids.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let failures = match pull_status(ids).await {
                Ok(list) => {
                    if self.generation.get_untracked() != generation {
                        return;
                    }
                    self.rows.update(|rows| {
                        for s in list {
                            if let Some(row) = rows.iter_mut().find(|r| r.job_id.as_deref() == Some(s.job_id.as_str())) {
                                row.status = Some(s);
                            }
                        }
                    });
                    self.poll_error.set(None);
                    0
                }
                Err(e) => {
                    self.poll_error.set(Some(e));
                    failures + 1
                }
            };
            if failures < POLL_GIVE_UP {
                set_timeout(move || self.poll(generation, failures), POLL_EVERY * (failures + 1));
            }
        });
    }
}

#[component]
fn PullJobs(table: PullTable) -> impl IntoView {
    let i18n = use_i18n();
    let summary = move || {
        let locale = i18n.get_locale();
        table.summary.with(|s| match s {
            Some((report, urls)) => {
                let summary = report.summary(locale);
                let calls = calls_note(locale, *urls);
                td_string!(locale, upload.jobs.summary, summary, calls).to_string()
            }
            None => String::new(),
        })
    };
    let counts = move || {
        table.rows.with(|rows| {
            let n = rows.len();
            let finished = rows.iter().filter(|r| r.is_final()).count();
            let failed = rows.iter().filter(|r| r.is_final() && r.failed()).count();
            let percent = if n == 0 { 0 } else { rows.iter().map(|r| r.percent()).sum::<u32>() / n as u32 };
            (n, finished, failed, percent)
        })
    };
    view! {
        <Show when=move || counts().0 != 0>
            <div class="mt-6" data-testid="pull-jobs" data-done=move || (counts().1 == counts().0).to_string()>
                <p role="status" class="text-sm" data-testid="pull-summary">{summary}</p>
                <progress class="mt-2 w-full" max="100" data-testid="pull-progress"
                    value=move || counts().3.to_string() data-percent=move || counts().3.to_string()></progress>
                <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="pull-counts">
                    {move || {
                        let (n, finished, failed, _) = counts();
                        let ok = finished - failed;
                        t_string!(i18n, upload.jobs.counts, finished, n, ok, failed).to_string()
                    }}
                </p>
                {move || table.poll_error.get().map(|e| {
                    let error = e.localized(i18n.get_locale());
                    view! {
                        <p role="alert" class="form-error">{t_string!(i18n, upload.jobs.poll_failed, error).to_string()}</p>
                    }
                })}
                <div class="mt-2 max-h-[32rem] overflow-auto">
                    <table class="table" data-testid="pull-table">
                        <thead><tr>
                            <th scope="col">"#"</th><th scope="col">"URL"</th><th scope="col">{t!(i18n, upload.jobs.col_status)}</th>
                            <th scope="col">{t!(i18n, upload.jobs.col_media_id)}</th><th scope="col">{t!(i18n, upload.jobs.col_size)}</th><th scope="col">{t!(i18n, upload.jobs.col_details)}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || table.rows.get().into_iter().enumerate()
                                key=|(i, r)| (*i, r.status.as_ref().map(|s| s.status.clone()))
                                children=move |(i, row)| view! { <PullRowView index={i + 1} row/> }/>
                        </tbody>
                    </table>
                </div>
            </div>
        </Show>
    }
}

/// The badge class and the status code (`data-status`): VOD's status word, or the
/// console's own `REFUSED` (no job) and `SUBMITTED` (no state read yet).
fn status_badge(row: &PullRow) -> (&'static str, String) {
    let ok = "badge bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700";
    let bad = "badge bg-red-100 text-red-900 ring-red-300 dark:bg-red-900/40 dark:text-red-200 dark:ring-red-700";
    let busy = "badge bg-blue-100 text-blue-900 ring-blue-300 dark:bg-blue-900/40 dark:text-blue-200 dark:ring-blue-700";
    match (&row.job_id, &row.status) {
        (None, _) => (bad, "REFUSED".into()),
        (Some(_), None) => (busy, "SUBMITTED".into()),
        (Some(_), Some(s)) if s.failed() => (bad, s.status.clone()),
        (Some(_), Some(s)) if s.is_final() => (ok, s.status.clone()),
        (Some(_), Some(s)) => (busy, s.status.clone()),
    }
}

#[component]
fn PullRowView(index: usize, row: PullRow) -> impl IntoView {
    let i18n = use_i18n();
    let (class, code) = status_badge(&row);
    let status_attr = code.clone();
    // VOD's status words are shown as VOD has them; the console's own two are translated.
    let (refused, submitted) = (row.job_id.is_none(), row.job_id.is_some() && row.status.is_none());
    let label = move || {
        if refused {
            t_string!(i18n, upload.jobs.refused).to_string()
        } else if submitted {
            t_string!(i18n, upload.jobs.submitted).to_string()
        } else {
            code.clone()
        }
    };
    let status = row.status.clone();
    let size = status.as_ref().and_then(|s| s.file_size).filter(|n| *n > 0);
    let details = match (&row.refused, &status) {
        (Some(why), _) => why.clone(),
        (None, Some(s)) if !s.error_code.is_empty() || !s.error_message.is_empty() => {
            format!("{} {}", s.error_code, s.error_message).trim().to_string()
        }
        _ => String::new(),
    };
    view! {
        <tr data-testid="pull-row" data-status=status_attr data-job-id=row.job_id.clone().unwrap_or_default()>
            <td>{index}</td>
            <td class="max-w-xs break-all font-mono text-xs">{row.url.clone()}</td>
            <td><span class=class>{label}</span></td>
            <td>
                {status.as_ref().map(|s| s.media_id.clone()).filter(|id| !id.is_empty()).map(|id| view! {
                    <a class="font-mono text-xs text-blue-700 hover:underline dark:text-blue-300" data-testid="pull-media-link" href=format!("/media/video/{id}")>{id.clone()}</a>
                })}
            </td>
            <td class="whitespace-nowrap text-sm">{move || size.map(|n| human_bytes(i18n.get_locale(), n as u64)).unwrap_or_default()}</td>
            <td class="text-xs">
                {details}
                {row.job_id.clone().map(|j| view! { <span class="block text-slate-600 dark:text-slate-400">{t!(i18n, upload.jobs.job_id)}" "<code>{j}</code></span> })}
                {row.request_id.clone().map(|r| view! { <span class="block text-slate-600 dark:text-slate-400">"RequestId "<code>{r}</code></span> })}
            </td>
        </tr>
    }
}
