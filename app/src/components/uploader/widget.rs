//! The file uploader UI: the upload form (file, title, category, template group), its
//! progress and status line, the "resume or clear" panel for an unfinished upload, and
//! the transcode template group field both upload forms use.

use leptos::prelude::*;

use super::resume::PendingUpload;
use crate::components::category_picker::{CategoryEntry, CategoryPicker};
use crate::i18n::*;
use crate::model::upload::{CategoryChoice, TemplateGroupChoice, UploadProgress, NO_TRANSCODE_GROUP};

/// "1.5 MB" (decimal units, as file managers show them); under 1 KB, "12 bytes" in
/// `locale`.
pub fn human_bytes(locale: Locale, n: u64) -> String {
    let x = n as f64;
    if x >= 1e9 {
        format!("{:.2} GB", x / 1e9)
    } else if x >= 1e6 {
        format!("{:.1} MB", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.0} KB", x / 1e3)
    } else {
        td_string!(locale, upload.bytes, n).to_string()
    }
}

/// The step an upload is at, said in the language shown when it is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// CreateUploadVideo / CreateUploadImage.
    Asking,
    /// InitiateMultipartUpload.
    Starting,
    /// RefreshUploadVideo.
    Renewing,
    /// ListParts.
    Checking,
    SendingPart { n: u32, count: u32 },
    /// CompleteMultipartUpload.
    Finishing,
    SendingImage,
}

impl Step {
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Step::Asking => td_string!(locale, upload.step.asking).to_string(),
            Step::Starting => td_string!(locale, upload.step.starting).to_string(),
            Step::Renewing => td_string!(locale, upload.step.renewing).to_string(),
            Step::Checking => td_string!(locale, upload.step.checking).to_string(),
            Step::SendingPart { n, count } => td_string!(locale, upload.step.sending_part, n = *n, count = *count).to_string(),
            Step::Finishing => td_string!(locale, upload.step.finishing).to_string(),
            Step::SendingImage => td_string!(locale, upload.step.sending_image).to_string(),
        }
    }
}

/// What the uploader is doing, for the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Working(Step),
    Done { media_id: String, kind: String, detail: Option<UploadProgress> },
    Failed(String),
}

/// The uploader's state, shared by the form, the progress bar and the recovery panel.
#[derive(Clone, Copy)]
pub struct UploadState {
    pub phase: RwSignal<Phase>,
    pub sent: RwSignal<u64>,
    pub total: RwSignal<u64>,
    /// The unfinished upload found in `localStorage` (or left by a failure).
    pub pending: RwSignal<Option<PendingUpload>>,
}

impl UploadState {
    fn new() -> Self {
        UploadState {
            phase: RwSignal::new(Phase::Idle),
            sent: RwSignal::new(0),
            total: RwSignal::new(0),
            pending: RwSignal::new(None),
        }
    }

    fn busy(&self) -> bool {
        matches!(self.phase.get(), Phase::Working(_))
    }
}

/// File upload form with progress, and the "resume or clear" panel after a reload.
#[component]
pub fn FileUploader(
    categories: Vec<CategoryChoice>,
    template_groups: Option<Vec<TemplateGroupChoice>>,
    #[prop(optional_no_strip)] template_groups_error: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = UploadState::new();
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let resume_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let title = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let template_group = RwSignal::new(String::new());
    let is_image = RwSignal::new(false);
    let hydrated = RwSignal::new(false);

    // Client only: effects do not run during server rendering.
    Effect::new(move |_| {
        hydrated.set(true);
        #[cfg(feature = "hydrate")]
        state.pending.set(super::resume::load_pending());
    });

    let on_file = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(file) = file_input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            let name = file.name();
            is_image.set(matches!(crate::model::upload::file_kind(i18n.get_locale_untracked(), &name), Ok("image")));
            let stem = name.rsplit_once('.').map(|(s, _)| s.to_string()).unwrap_or(name.clone());
            title.set(stem);
        }
    };

    let start = move |_| {
        #[cfg(feature = "hydrate")]
        if !state.busy() {
            let locale = i18n.get_locale_untracked();
            let Some(file) = file_input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
                state.phase.set(Phase::Failed(td_string!(locale, upload.errors.choose_file).to_string()));
                return;
            };
            let form = super::transfer::Form {
                title: title.get_untracked(),
                category: category.get_untracked(),
                template_group: template_group.get_untracked(),
            };
            leptos::task::spawn_local(super::transfer::start(state, file, form, locale));
        }
    };

    let resume = move |_| {
        #[cfg(feature = "hydrate")]
        if !state.busy() {
            let Some(pending) = state.pending.get_untracked() else { return };
            let locale = i18n.get_locale_untracked();
            let Some(file) = resume_input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
                let message = td_string!(locale, upload.errors.select_again, name = pending.file_name.as_str()).to_string();
                state.phase.set(Phase::Failed(message));
                return;
            };
            leptos::task::spawn_local(super::transfer::resume(state, file, pending, locale));
        }
    };

    let clear = move |_| {
        #[cfg(feature = "hydrate")]
        super::resume::save_pending(None);
        state.pending.set(None);
        state.phase.set(Phase::Idle);
        state.sent.set(0);
        state.total.set(0);
    };

    let percent = move || {
        (state.sent.get() * 100).checked_div(state.total.get()).unwrap_or(0).min(100)
    };

    view! {
        <div class="grid gap-3 sm:grid-cols-2" data-testid="file-upload-form">
            <div class="sm:col-span-2">
                <label class="label" for="upload-file">{t!(i18n, upload.form.file)}</label>
                <input id="upload-file" type="file" class="input" node_ref=file_input on:change=on_file
                    accept="video/*,audio/*,image/png,image/jpeg,image/gif,image/webp,image/heic,.mkv,.flv,.m3u8,.ts"/>
            </div>
            <div>
                <label class="label" for="upload-title">{t!(i18n, upload.form.title)}</label>
                <input id="upload-title" class="input" maxlength="128" required
                    prop:value=move || title.get() value=title.get_untracked()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">{move || crate::model::vod_text::byte_counter(i18n.get_locale(), &title.get(), crate::model::vod_text::TITLE_MAX_BYTES)}</p>
            </div>
            <div>
                <label class="label" for="upload-category">{t!(i18n, upload.form.category)}</label>
                <CategoryPicker id="upload-category" name="category" categories=categories.iter().map(CategoryEntry::from).collect()
                    none_label=move || t_string!(i18n, upload.form.no_category) value=category/>
            </div>
            <div class:hidden=move || is_image.get()>
                <TemplateGroupField id="upload-template-group" name="template_group" groups=template_groups
                    error=template_groups_error value=template_group/>
            </div>
            <div class="flex items-end">
                <button type="button" class="btn-primary" data-testid="upload-start" on:click=start
                    disabled=move || !hydrated.get() || state.busy()>{t!(i18n, upload.form.upload)}</button>
            </div>
        </div>
        <noscript><p class="form-error">{t!(i18n, upload.form.needs_js)}</p></noscript>
        <div class="mt-4" aria-live="polite">
            <progress class="w-full" max="100" data-testid="upload-progress"
                value=move || percent().to_string() data-percent=move || percent().to_string()></progress>
            <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="upload-status">
                {move || {
                    let locale = i18n.get_locale();
                    let sent = state.sent.get();
                    let total = state.total.get();
                    let sent_text = human_bytes(locale, sent);
                    let total_text = human_bytes(locale, total);
                    match state.phase.get() {
                        Phase::Idle if total == 0 => td_string!(locale, upload.status.idle).to_string(),
                        Phase::Idle => td_string!(locale, upload.status.progress, sent = sent_text, total = total_text).to_string(),
                        Phase::Working(step) => {
                            let step = step.text(locale);
                            let percent = percent();
                            td_string!(locale, upload.status.working, step, sent = sent_text, total = total_text, percent).to_string()
                        }
                        Phase::Done { media_id, kind, detail } => {
                            let done = if kind == "image" {
                                td_string!(locale, upload.status.done_image, size = total_text, id = media_id).to_string()
                            } else {
                                td_string!(locale, upload.status.done_video, size = total_text, id = media_id).to_string()
                            };
                            match detail {
                                Some(d) => td_string!(locale, upload.status.done_vod, done, bytes = d.upload_size, status = d.status).to_string(),
                                None => done,
                            }
                        }
                        Phase::Failed(_) => td_string!(locale, upload.status.stopped, sent = sent_text, total = total_text).to_string(),
                    }
                }}
            </p>
            {move || match state.phase.get() {
                Phase::Failed(m) => Some(view! { <p role="alert" class="form-error" data-testid="upload-error">{m}</p> }),
                _ => None,
            }}
            {move || match state.phase.get() {
                Phase::Done { media_id, .. } => Some(view! { <p class="text-sm" data-testid="upload-done" data-media-id=media_id.clone()>{t!(i18n, upload.status.done)}</p> }),
                _ => None,
            }}
        </div>
        {move || state.pending.get().map(|p| {
            let locale = i18n.get_locale();
            let pct = (p.bytes_done() * 100).checked_div(p.size).unwrap_or(0);
            let size = human_bytes(locale, p.size);
            let body = td_string!(
                locale,
                upload.recovery.body,
                name = p.file_name.as_str(),
                size,
                percent = pct,
                id = p.video_id.as_str()
            )
            .to_string();
            view! {
                <section class="card mt-4 border-amber-300" data-testid="upload-recovery" aria-labelledby="recovery-title">
                    <h3 id="recovery-title" class="font-medium">{t!(i18n, upload.recovery.title)}</h3>
                    <p class="text-sm">{body}</p>
                    <div class="mt-2 flex flex-wrap items-center gap-2">
                        <label class="sr-only" for="resume-file">{t!(i18n, upload.recovery.same_file)}</label>
                        <input id="resume-file" type="file" class="input max-w-xs" node_ref=resume_input/>
                        <button type="button" class="btn-primary" data-testid="upload-resume" on:click=resume
                            disabled=move || state.busy()>{t!(i18n, upload.recovery.resume)}</button>
                        <button type="button" class="btn-ghost" data-testid="upload-clear" on:click=clear
                            disabled=move || state.busy()>{t!(i18n, upload.recovery.clear)}</button>
                    </div>
                    <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">{t!(i18n, upload.recovery.note)}</p>
                </section>
            }
        })}
    }
}

/// The transcode template group field both upload forms use: a `<select>` of the
/// account's groups; when they could not be read (or may not be listed), an ID typed by
/// hand, with the reason. Empty means the account default.
#[component]
pub fn TemplateGroupField(
    id: &'static str,
    name: &'static str,
    groups: Option<Vec<TemplateGroupChoice>>,
    #[prop(optional_no_strip)] error: Option<String>,
    #[prop(optional)] value: Option<RwSignal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let set = move |ev: leptos::ev::Event| {
        if let Some(v) = value {
            v.set(event_target_value(&ev))
        }
    };
    // Group names are the account's data, shown as they are (`translate="no"`).
    match groups.filter(|g| !g.is_empty()) {
        Some(groups) => {
            let default_name = groups.iter().find(|g| g.is_default).map(|g| g.name.clone());
            let default_is_data = default_name.is_some().then_some("no");
            let default = move || match &default_name {
                Some(name) => t_string!(i18n, upload.group.account_default_named, name = name.as_str()).to_string(),
                None => t_string!(i18n, upload.group.account_default).to_string(),
            };
            view! {
                <label class="label" for=id>{t!(i18n, upload.group.label)}</label>
                <select id=id name=name class="input" data-testid="template-group-select" on:change=set>
                    <option value="" translate=default_is_data>{default}</option>
                    {groups
                        .into_iter()
                        .map(|g| {
                            let (group_name, is_default) = (g.name, g.is_default);
                            let label = move || {
                                if is_default {
                                    t_string!(i18n, upload.group.default_suffix, name = group_name.as_str()).to_string()
                                } else {
                                    group_name.clone()
                                }
                            };
                            view! { <option value=g.id translate="no">{label}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        None => {
            let note = move || match &error {
                Some(e) => t_string!(i18n, upload.group.unreadable, error = e.as_str()).to_string(),
                None => t_string!(i18n, upload.group.manual).to_string(),
            };
            view! {
                <label class="label" for=id>{t!(i18n, upload.group.label)}</label>
                <input id=id name=name class="input" list="template-groups" placeholder=move || t_string!(i18n, upload.group.placeholder) on:input=set/>
                <p class="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="template-group-note">
                    {note}
                    <span class="ml-1 whitespace-nowrap">{t!(i18n, upload.group.no_transcode)}<code class="ml-1">{NO_TRANSCODE_GROUP}</code></span>
                </p>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_steps_in_both_languages() {
        assert_eq!(human_bytes(Locale::en, 5_242_880), "5.2 MB");
        assert_eq!(human_bytes(Locale::en, 12), "12 bytes");
        assert_eq!(human_bytes(Locale::zh, 12), "12 字节");
        assert_eq!(Step::SendingPart { n: 3, count: 6 }.text(Locale::zh), "正在上传第 3/6 个分片");
    }
}
