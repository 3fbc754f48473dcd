//! Media library widgets: status badges, the edit form with VOD's rules checked as you
//! type, the delete confirmation, and the panel of queued deletes with their undo
//! buttons, countdowns and per-item results.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::media::{delete_status, DeleteMedia, UndoDelete, UpdateMedia};
use crate::components::bulk_result::BulkResultTable;
use crate::components::category_picker::{CategoryEntry, CategoryPicker};
use crate::i18n::*;
use crate::model::delete_job::{DeleteJob, JobState};
use crate::model::media::{CategoryOption, MediaEdit, MediaKind};
use crate::model::vod_text;
use crate::ui::{FormMessage, Modal};

/// A VOD media status for people ("Transcoding" → "转码中"); `None` for a status the
/// console does not know (then VOD's word is shown). Filter values stay VOD's words.
pub fn status_text(locale: Locale, status: &str) -> Option<&'static str> {
    Some(match status {
        "Normal" => td_string!(locale, media.status.normal),
        "Uploading" => td_string!(locale, media.status.uploading),
        "UploadSucc" => td_string!(locale, media.status.upload_succ),
        "UploadFail" => td_string!(locale, media.status.upload_fail),
        "Transcoding" => td_string!(locale, media.status.transcoding),
        "TranscodeFail" => td_string!(locale, media.status.transcode_fail),
        "Checking" => td_string!(locale, media.status.checking),
        "Blocked" => td_string!(locale, media.status.blocked),
        "ProduceFail" => td_string!(locale, media.status.produce_fail),
        _ => return None,
    })
}

/// An image's `ImageType` or an attached file's business type for people; `None` when
/// the console does not know it.
pub fn kind_text(locale: Locale, kind: &str) -> Option<&'static str> {
    Some(match kind {
        "default" => td_string!(locale, media.kinds.default_image),
        "cover" => td_string!(locale, media.kinds.cover),
        "watermark" => td_string!(locale, media.kinds.watermark),
        "subtitle" => td_string!(locale, media.kinds.subtitle),
        "material" => td_string!(locale, media.kinds.material),
        _ => return None,
    })
}

pub fn status_class(status: &str) -> &'static str {
    match status {
        "Normal" | "UploadSucc" => "badge bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700",
        "Uploading" | "Transcoding" | "Checking" => "badge bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-900/40 dark:text-sky-200 dark:ring-sky-700",
        "Blocked" | "UploadFail" | "TranscodeFail" | "ProduceFail" => "badge bg-red-100 text-red-900 ring-red-300 dark:bg-red-900/40 dark:text-red-200 dark:ring-red-700",
        _ => "badge bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
    }
}

#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = status_class(&status);
    let text = move || match status_text(i18n.get_locale(), &status) {
        Some(s) => s.to_string(),
        None => status.clone(),
    };
    view! { <span class=class data-testid="status-badge">{text}</span> }
}

fn field_error(problems: &[crate::model::media::FieldError], field: &str) -> Option<String> {
    problems.iter().find(|p| p.field == field).map(|p| p.message.clone())
}

/// Title, description, tags, category (and cover URL for videos). Works as a plain form
/// with JavaScript off; with JavaScript, VOD's byte limits and emoji ban are checked on
/// every keystroke and the save button waits until the form is valid. The server checks
/// the same rules again.
#[component]
pub fn MediaEditForm(
    tab: MediaKind,
    id: String,
    initial: MediaEdit,
    categories: Vec<CategoryOption>,
    action: ServerAction<UpdateMedia>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(initial.title.clone());
    let description = RwSignal::new(initial.description.clone());
    let tags = RwSignal::new(initial.tags.clone());
    let cover = RwSignal::new(initial.cover_url.clone());
    // Views inside a Suspense are replaced when their data reloads (after a save); their
    // closures read with `try_get` so a replaced view never touches disposed values.
    let problems = Memo::new(move |_| {
        MediaEdit { title: title.try_get().unwrap_or_default(), description: description.try_get().unwrap_or_default(), tags: tags.try_get().unwrap_or_default(), cate: String::new(), cover_url: cover.try_get().unwrap_or_default() }.problems(i18n.get_locale())
    });
    let err = move |f: &'static str| move || field_error(&problems.try_get().unwrap_or_default(), f);
    let tag_count = move || vod_text::split_tags(&tags.try_get().unwrap_or_default()).len();
    let selected = initial.cate.parse::<i64>().ok();
    view! {
        <ActionForm action=action attr:class="grid gap-4" attr:data-testid="edit-form">
            <input type="hidden" name="tab" value=tab.slug()/>
            <input type="hidden" name="id" value=id/>
            <div>
                <label class="label" for="edit-title">{t!(i18n, media.edit.title)}</label>
                <input id="edit-title" name="title" class="input" required value=initial.title.clone()
                    aria-describedby="edit-title-help"
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <p id="edit-title-help" class="mt-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
                    <span role="alert" class="text-red-700 dark:text-red-300" data-testid="title-error">{err("title")}</span>
                    <span data-testid="title-bytes">{move || vod_text::byte_counter(i18n.get_locale(), &title.try_get().unwrap_or_default(), vod_text::TITLE_MAX_BYTES)}</span>
                </p>
            </div>
            <div>
                <label class="label" for="edit-description">{t!(i18n, media.edit.description)}</label>
                <textarea id="edit-description" name="description" class="input" rows="3" translate="no"
                    on:input=move |ev| description.set(event_target_value(&ev))>{initial.description.clone()}</textarea>
                <p class="mt-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
                    <span role="alert" class="text-red-700 dark:text-red-300">{err("description")}</span>
                    <span>{move || vod_text::byte_counter(i18n.get_locale(), &description.try_get().unwrap_or_default(), vod_text::DESCRIPTION_MAX_BYTES)}</span>
                </p>
            </div>
            <div>
                <label class="label" for="edit-tags">{t!(i18n, media.edit.tags)}</label>
                <input id="edit-tags" name="tags" class="input" value=initial.tags.clone()
                    on:input=move |ev| tags.set(event_target_value(&ev))/>
                <p class="mt-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
                    <span role="alert" class="text-red-700 dark:text-red-300" data-testid="tags-error">{err("tags")}</span>
                    <span>{move || {
                        let n = tag_count();
                        t_string!(i18n, media.edit.tags_counter, n, max = vod_text::TAGS_MAX_COUNT, bytes = vod_text::TAG_MAX_BYTES).to_string()
                    }}</span>
                </p>
            </div>
            <div>
                <label class="label" for="edit-cate">{t!(i18n, media.edit.category)}</label>
                <CategoryPicker id="edit-cate" name="cate" categories=categories.iter().map(CategoryEntry::from).collect() selected=selected
                    none_label=move || t_string!(i18n, media.edit.unchanged)/>
            </div>
            {(tab == MediaKind::Video).then(|| view! {
                <div>
                    <label class="label" for="edit-cover">{t!(i18n, media.edit.cover_url)}</label>
                    <input id="edit-cover" name="cover_url" class="input" type="url" value=initial.cover_url.clone()
                        on:input=move |ev| cover.set(event_target_value(&ev))/>
                    <p role="alert" class="mt-1 text-xs text-red-700 dark:text-red-300">{err("cover_url")}</p>
                </div>
            })}
            <div class="flex items-center gap-3">
                <button type="submit" class="btn-primary" data-testid="save-edit"
                    disabled=move || !problems.try_get().unwrap_or_default().is_empty() || action.pending().try_get().unwrap_or(false)>
                    {move || if action.pending().try_get().unwrap_or(false) { t_string!(i18n, common.saving) } else { t_string!(i18n, media.edit.save) }}
                </button>
            </div>
            <FormMessage value=move || action.value().get() success=move || t_string!(i18n, media.edit.saved)/>
        </ActionForm>
    }
}

/// The confirmation before a delete: what goes, that VOD cannot restore it, that CDN
/// copies may outlive it, and the undo window the console adds.
/// `tab`: what kind of items `names` (one line each) are.
#[component]
pub fn DeleteConfirm(
    tab: MediaKind,
    names: Vec<String>,
    /// The console's undo window, when the page knows it.
    undo_seconds: Option<u64>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown: Vec<String> = names.iter().take(8).cloned().collect();
    let more = names.len().saturating_sub(shown.len());
    let count = names.len();
    let heading = move || {
        let items = tab.count_in(i18n.get_locale(), count);
        t_string!(i18n, media.delete.title, items).to_string()
    };
    let confirm_label = move || {
        let items = tab.count_in(i18n.get_locale(), count);
        t_string!(i18n, media.delete.confirm, items).to_string()
    };
    view! {
        <Modal alert=true labelled_by="delete-title" described_by="delete-body" testid="delete-dialog" on_close=on_cancel>
                <h2 id="delete-title" class="text-lg font-semibold">{heading}</h2>
                <div id="delete-body" class="mt-3 space-y-2 text-sm">
                    <ul class="max-h-40 list-disc overflow-auto pl-5">
                        // Titles and IDs are data: shown as they are.
                        {shown.into_iter().map(|n| view! { <li translate="no">{n}</li> }).collect_view()}
                        {(more > 0).then(|| view! { <li>{move || t_string!(i18n, media.delete.more, n = more).to_string()}</li> })}
                    </ul>
                    <p>{t!(i18n, media.delete.what_goes)}
                        <strong>{t!(i18n, media.delete.irreversible)}</strong></p>
                    <p>{t!(i18n, media.delete.cdn)}</p>
                    <p>{move || match undo_seconds {
                        Some(secs) => t_string!(i18n, media.delete.undo_secs, secs).to_string(),
                        None => t_string!(i18n, media.delete.undo_later).to_string(),
                    }}</p>
                </div>
                <div class="mt-5 flex justify-end gap-2">
                    <button type="button" class="btn-ghost" on:click=move |_| on_cancel.run(())>{t!(i18n, common.cancel)}</button>
                    <button type="button" autofocus class="inline-flex items-center rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600"
                        data-testid="confirm-delete" on:click=move |_| on_confirm.run(())>{confirm_label}</button>
                </div>
        </Modal>
    }
}

/// Shared state of the deletes shown on a page: the jobs and the titles known for IDs.
#[derive(Clone, Copy)]
pub struct DeleteQueueState {
    pub jobs: RwSignal<Vec<DeleteJob>>,
    pub labels: RwSignal<HashMap<String, String>>,
    polling: RwSignal<bool>,
}

impl DeleteQueueState {
    pub fn new() -> Self {
        DeleteQueueState { jobs: RwSignal::new(Vec::new()), labels: RwSignal::new(HashMap::new()), polling: RwSignal::new(false) }
    }

    /// Adds or replaces a job and keeps its status fresh until it has finished.
    pub fn track(self, job: DeleteJob) {
        self.jobs.update(|jobs| match jobs.iter_mut().find(|j| j.id == job.id) {
            Some(j) => *j = job,
            None => jobs.insert(0, job),
        });
        self.poll();
    }

    fn poll(self) {
        // `try_*` throughout: the panel may have been replaced (and its signals disposed)
        // while a poll was waiting; then polling simply stops.
        let active = self
            .jobs
            .try_with_untracked(|j| j.iter().any(|j| matches!(j.state, JobState::Pending | JobState::Running)))
            .unwrap_or(false);
        if !active || self.polling.try_get_untracked().unwrap_or(true) {
            return;
        }
        self.polling.set(true);
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    let ids: Vec<i64> = self
                        .jobs
                        .try_with_untracked(|j| {
                            j.iter().filter(|j| matches!(j.state, JobState::Pending | JobState::Running)).map(|j| j.id).collect()
                        })
                        .unwrap_or_default();
                    for id in ids {
                        if let Ok(fresh) = delete_status(id).await {
                            self.jobs.try_update(|jobs| {
                                if let Some(j) = jobs.iter_mut().find(|j| j.id == fresh.id) {
                                    *j = fresh;
                                }
                            });
                        }
                    }
                    if self.polling.try_set(false).is_none() {
                        self.poll();
                    }
                });
            },
            Duration::from_millis(400),
        );
    }
}

/// Queued, running and finished deletes: countdown and Undo while pending, then the
/// per-item result with "retry failed".
#[component]
pub fn DeleteQueuePanel(state: DeleteQueueState) -> impl IntoView {
    let i18n = use_i18n();
    let undo = ServerAction::<UndoDelete>::new();
    let retry = ServerAction::<DeleteMedia>::new();
    Effect::new(move |_| {
        if let Some(Ok(job)) = undo.value().get() {
            state.track(job);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(job)) = retry.value().get() {
            state.track(job);
        }
    });
    view! {
        <div aria-live="polite" data-testid="delete-queue">
            <FormMessage value=move || undo.value().get()/>
            <FormMessage value=move || retry.value().get()/>
            <For each=move || state.jobs.get() key=|j| (j.id, j.state, j.ms_left / 1000) let:job>
                {
                    let id = job.id;
                    // What the job deletes, in the page's language ("25 videos", "25 个视频").
                    let what = job_subject(&job);
                    match job.state {
                        JobState::Pending => {
                            let secs = job.ms_left.div_ceil(1000);
                            view! {
                                <div class="card my-3 flex flex-wrap items-center justify-between gap-3 border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950" data-testid="pending-delete">
                                    <p>
                                        <strong>{move || { let what = what(i18n.get_locale()); t_string!(i18n, media.queue.pending, what).to_string() }}</strong>
                                        {move || t_string!(i18n, media.queue.pending_when, secs).to_string()}
                                    </p>
                                    <button type="button" class="btn-primary" data-testid="undo-delete"
                                        on:click=move |_| { undo.dispatch(UndoDelete { job: id }); }>{t!(i18n, media.queue.undo)}</button>
                                </div>
                            }.into_any()
                        }
                        JobState::Running => {
                            view! {
                                <div class="card my-3" data-testid="running-delete" role="status">
                                    {move || { let what = what(i18n.get_locale()); t_string!(i18n, media.queue.running, what).to_string() }}
                                    {job.pace.clone().map(|pace| view! {
                                        <span class="block text-sm text-slate-600 dark:text-slate-400" data-testid="delete-pace">
                                            {move || { let pace = pace.clone(); t_string!(i18n, media.queue.pace, pace).to_string() }}
                                        </span>
                                    })}
                                </div>
                            }.into_any()
                        }
                        JobState::Cancelled => {
                            view! {
                                <div class="card my-3 text-sm" data-testid="cancelled-delete" role="status">
                                    {move || { let what = what(i18n.get_locale()); t_string!(i18n, media.queue.cancelled, what).to_string() }}
                                </div>
                            }.into_any()
                        }
                        JobState::Done => {
                            let mut report = job.report.clone().unwrap_or_default();
                            let labels = state.labels.get_untracked();
                            report.label_with(|i| labels.get(i).cloned());
                            let retry_tab = job.retry_tab.clone();
                            view! {
                                <div data-testid="finished-delete">
                                    {if let Some(retry_tab) = retry_tab {
                                        let on_retry = Callback::new(move |ids: Vec<String>| {
                                            retry.dispatch(DeleteMedia { tab: retry_tab, ids });
                                        });
                                        let title = move || { let what = what(i18n.get_locale()); t_string!(i18n, media.queue.result_title, what).to_string() };
                                        view! { <BulkResultTable title=title report=report on_retry=on_retry/> }.into_any()
                                    } else {
                                        let title = move || { let what = what(i18n.get_locale()); t_string!(i18n, media.queue.result_title, what).to_string() };
                                        view! { <BulkResultTable title=title report=report/> }.into_any()
                                    }}
                                </div>
                            }.into_any()
                        }
                    }
                }
            </For>
        </div>
    }
}

/// What a delete job deletes, for a sentence in `locale`: counted from the job for deletes
/// by ID; otherwise the description the server stored with the job.
fn job_subject(job: &DeleteJob) -> impl Fn(Locale) -> String + Clone + Send + Sync + 'static {
    let tab = job.retry_tab;
    let count = job.count;
    let description = job.description.clone();
    move |locale| match tab {
        Some(tab) => tab.count_in(locale, count),
        None => description.clone(),
    }
}
