//! The browser's file upload: the file goes from the browser straight to VOD's storage
//! (OSS, or the emulator's OSS-like target) with the temporary credential that
//! CreateUploadVideo / CreateUploadImage hand out — the console's own AccessKey never
//! leaves the server.
//!
//! Videos go up as an OSS multipart upload (initiate, parts of at least 1 MiB, complete)
//! so that progress is per byte and an interrupted upload can resume: what is needed to
//! carry on (file name, size, last-modified time, VideoId, the object's address, the
//! multipart UploadId and the parts done with their ETags) is kept in `localStorage`.
//! The credential itself is not stored; resuming asks for a fresh one
//! (RefreshUploadVideo) and asks the storage which parts arrived (ListParts). Images are
//! small and go up in one PUT.
//!
//! Every storage request is signed with OSS signature V1 (`Authorization: OSS
//! <AccessKeyId>:<HMAC-SHA1>` over the method, content type, `x-oss-date`, the `x-oss-*`
//! headers and `/<bucket>/<object>?<sub-resources>`), the way Alibaba's browser SDK
//! does it, and carries the STS token in `x-oss-security-token`. The signing is plain
//! Rust (tested on the server build); the network part is `hydrate`-only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::upload::{CategoryChoice, TemplateGroupChoice, UploadProgress, NO_TRANSCODE_GROUP};
use crate::i18n::*;

/// Smallest part (OSS needs at least 100 KB for every part but the last).
pub const PART_SIZE_MIN: u64 = 1024 * 1024;
/// OSS allows at most 10,000 parts.
pub const MAX_PARTS: u64 = 10_000;
/// Where the unfinished upload is remembered.
pub const STORAGE_KEY: &str = "vod-console.upload.pending";

/// An unfinished video upload, as kept in `localStorage`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingUpload {
    pub file_name: String,
    pub size: u64,
    /// `File.lastModified` (ms since the epoch).
    pub last_modified: f64,
    pub video_id: String,
    pub title: String,
    pub endpoint: String,
    pub bucket: String,
    pub object: String,
    pub upload_id: String,
    pub part_size: u64,
    /// Parts stored so far: (part number, ETag).
    pub parts: Vec<(u32, String)>,
}

impl PendingUpload {
    pub fn part_count(&self) -> u32 {
        self.size.div_ceil(self.part_size).max(1) as u32
    }

    /// Byte range of part `n` (1-based).
    pub fn part_range(&self, n: u32) -> (u64, u64) {
        let start = (n as u64 - 1) * self.part_size;
        (start, (start + self.part_size).min(self.size))
    }

    pub fn bytes_done(&self) -> u64 {
        self.parts.iter().map(|(n, _)| self.part_range(*n)).map(|(a, b)| b - a).sum()
    }

    /// Whether `file` (name, size, last-modified) is the file this upload started with;
    /// if not, why, in `locale`.
    pub fn matches(&self, locale: Locale, name: &str, size: u64, last_modified: f64) -> Result<(), String> {
        if name != self.file_name {
            return Err(td_string!(locale, upload.errors.other_file, name, expected = self.file_name.as_str()).to_string());
        }
        if size != self.size {
            return Err(td_string!(locale, upload.errors.size_changed, name, size, expected = self.size).to_string());
        }
        if (last_modified - self.last_modified).abs() > 0.5 {
            return Err(td_string!(locale, upload.errors.file_changed, name).to_string());
        }
        Ok(())
    }

    /// Merges what the storage lists (part number, ETag if given, size) with what was
    /// recorded: a part counts when the storage has it at its full size.
    pub fn merge_listed(&mut self, listed: &[(u32, Option<String>, u64)]) {
        let mut parts = Vec::new();
        for (n, etag, size) in listed {
            if *n == 0 || *n > self.part_count() {
                continue;
            }
            let (a, b) = self.part_range(*n);
            if *size != b - a {
                continue;
            }
            let etag = etag
                .clone()
                .or_else(|| self.parts.iter().find(|(m, _)| m == n).map(|(_, e)| e.clone()))
                .unwrap_or_default();
            parts.push((*n, etag));
        }
        parts.sort();
        self.parts = parts;
    }
}

/// Part size for a file: at least 1 MiB, and large enough for at most 10,000 parts.
pub fn part_size_for(size: u64) -> u64 {
    let needed = size.div_ceil(MAX_PARTS);
    needed.div_ceil(PART_SIZE_MIN).max(1) * PART_SIZE_MIN
}

/// OSS signature V1 string to sign. `oss_headers` are the `x-oss-*` headers sent;
/// `sub_resources` the query (`uploads`, `partNumber`, `uploadId`), both sorted here.
#[allow(clippy::too_many_arguments)]
pub fn string_to_sign(
    method: &str,
    content_md5: &str,
    content_type: &str,
    date: &str,
    oss_headers: &[(&str, &str)],
    bucket: &str,
    object: &str,
    sub_resources: &[(&str, Option<&str>)],
) -> String {
    let mut headers: Vec<(String, &str)> =
        oss_headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.trim())).collect();
    headers.sort();
    let mut out = format!("{method}\n{content_md5}\n{content_type}\n{date}\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}:{v}\n"));
    }
    out.push_str(&format!("/{bucket}/{object}"));
    let mut sub: Vec<&(&str, Option<&str>)> = sub_resources.iter().collect();
    sub.sort_by_key(|(k, _)| *k);
    for (i, (k, v)) in sub.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if let Some(v) = v {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// Base64(HMAC-SHA1(secret, string_to_sign)).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    use base64::Engine as _;
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The URL of `object`. An endpoint with a path (the emulator's `http://host/upload`)
/// is addressed path-style, `<endpoint>/<bucket>/<object>`; a bare OSS endpoint
/// (`https://oss-cn-shanghai.aliyuncs.com`) virtual-hosted, `https://<bucket>.<host>/<object>`.
pub fn object_url(endpoint: &str, bucket: &str, object: &str, query: &[(&str, Option<&str>)]) -> String {
    let endpoint = endpoint.trim_end_matches('/');
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("https", endpoint));
    let base = if rest.contains('/') {
        format!("{endpoint}/{}", encode_path(bucket))
    } else {
        format!("{scheme}://{bucket}.{rest}")
    };
    let mut url = format!("{base}/{}", encode_path(object));
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(k);
        if let Some(v) = v {
            url.push('=');
            url.push_str(&crate::model::query::encode_component(v));
        }
    }
    url
}

fn xml_values<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(&close) else { break };
        out.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out
}

/// `UploadId` of an InitiateMultipartUpload answer.
pub fn parse_upload_id(xml: &str) -> Option<String> {
    xml_values(xml, "UploadId").first().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// (PartNumber, ETag, Size) of each `<Part>` of a ListParts answer.
pub fn parse_list_parts(xml: &str) -> Vec<(u32, Option<String>, u64)> {
    xml_values(xml, "Part")
        .into_iter()
        .filter_map(|p| {
            let n = xml_values(p, "PartNumber").first()?.trim().parse().ok()?;
            let size = xml_values(p, "Size").first()?.trim().parse().ok()?;
            let etag = xml_values(p, "ETag").first().map(|e| e.replace("&quot;", "\""));
            Some((n, etag, size))
        })
        .collect()
}

/// The CompleteMultipartUpload body.
pub fn complete_body(parts: &[(u32, String)]) -> String {
    let mut body = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload>");
    for (n, etag) in parts {
        body.push_str(&format!("<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>"));
    }
    body.push_str("</CompleteMultipartUpload>");
    body
}

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
        state.pending.set(browser::load_pending());
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
            let form = browser::Form {
                title: title.get_untracked(),
                category: category.get_untracked(),
                template_group: template_group.get_untracked(),
            };
            leptos::task::spawn_local(browser::start(state, file, form, locale));
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
            leptos::task::spawn_local(browser::resume(state, file, pending, locale));
        }
    };

    let clear = move |_| {
        #[cfg(feature = "hydrate")]
        browser::save_pending(None);
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
                <CategorySelect id="upload-category" name="category" categories=categories.clone() value=category/>
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

/// The category `<select>` both upload forms use.
#[component]
pub fn CategorySelect(
    id: &'static str,
    name: &'static str,
    categories: Vec<CategoryChoice>,
    #[prop(optional)] value: Option<RwSignal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Category names are the library's data, shown as they are.
    view! {
        <select id=id name=name class="input" on:change=move |ev| if let Some(v) = value { v.set(event_target_value(&ev)) }>
            <option value="">{t!(i18n, upload.form.no_category)}</option>
            {categories.into_iter().map(|c| view! { <option value=c.id.to_string() translate="no">{c.label}</option> }).collect_view()}
        </select>
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

#[cfg(feature = "hydrate")]
mod browser {
    //! The network side, in the browser only.

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Blob, File, ProgressEvent, XmlHttpRequest};

    use super::*;
    use crate::api::upload::{create_upload_image, create_upload_video, refresh_upload_video, upload_details};
    use crate::model::upload::UploadTicket;

    pub struct Form {
        pub title: String,
        pub category: String,
        pub template_group: String,
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn load_pending() -> Option<PendingUpload> {
        let raw = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
        serde_json::from_str(&raw).ok()
    }

    pub fn save_pending(p: Option<&PendingUpload>) {
        let Some(s) = storage() else { return };
        match p.and_then(|p| serde_json::to_string(p).ok()) {
            Some(json) => {
                let _ = s.set_item(STORAGE_KEY, &json);
            }
            None => {
                let _ = s.remove_item(STORAGE_KEY);
            }
        }
    }

    fn js_text(e: JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    async fn sleep_ms(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    struct Reply {
        status: u16,
        text: String,
        etag: Option<String>,
    }

    enum Body<'a> {
        Empty,
        Blob(&'a Blob),
        Text(&'a str),
    }

    /// One XMLHttpRequest; `progress` receives the bytes of the body sent so far.
    async fn xhr(
        locale: Locale,
        method: &str,
        url: &str,
        headers: &[(&str, String)],
        body: Body<'_>,
        progress: Option<Box<dyn Fn(f64)>>,
    ) -> Result<Reply, String> {
        let req = XmlHttpRequest::new().map_err(js_text)?;
        req.open_with_async(method, url, true).map_err(js_text)?;
        for (k, v) in headers {
            req.set_request_header(k, v).map_err(js_text)?;
        }
        // Kept alive until the request ends.
        let on_progress = progress.map(|f| Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| f(e.loaded())));
        if let Some(cb) = &on_progress {
            req.upload().map_err(js_text)?.set_onprogress(Some(cb.as_ref().unchecked_ref()));
        }
        let done = js_sys::Promise::new(&mut |resolve, _| req.set_onloadend(Some(&resolve)));
        match body {
            Body::Empty => req.send(),
            Body::Blob(b) => req.send_with_opt_blob(Some(b)),
            Body::Text(t) => req.send_with_opt_str(Some(t)),
        }
        .map_err(js_text)?;
        wasm_bindgen_futures::JsFuture::from(done).await.map_err(js_text)?;
        drop(on_progress);
        let status = req.status().unwrap_or(0);
        if status == 0 {
            return Err(td_string!(locale, upload.errors.no_answer).to_string());
        }
        Ok(Reply {
            status,
            text: req.response_text().ok().flatten().unwrap_or_default(),
            etag: req.get_response_header("ETag").ok().flatten(),
        })
    }

    /// An OSS `<Error>` answer as one line (the storage's code and message as it sent them).
    fn storage_error(locale: Locale, r: &Reply) -> String {
        let code = xml_values(&r.text, "Code").first().map(|s| s.to_string()).unwrap_or_default();
        let message = xml_values(&r.text, "Message").first().map(|s| s.to_string()).unwrap_or_default();
        if code.is_empty() {
            td_string!(locale, upload.errors.storage_http, status = r.status).to_string()
        } else {
            td_string!(locale, upload.errors.storage_http_code, status = r.status, code, message).to_string()
        }
    }

    fn credential_rejected(r: &Reply) -> bool {
        r.status == 403
            && ["SecurityTokenExpired", "InvalidSecurityToken", "InvalidAccessKeyId", "AccessDenied"]
                .iter()
                .any(|c| r.text.contains(c))
    }

    /// The storage target with the current credential.
    struct Target {
        ticket: UploadTicket,
        /// `Date.now()` when the credential was issued.
        issued_ms: f64,
        /// The language of the upload's messages.
        locale: Locale,
    }

    impl Target {
        fn new(ticket: UploadTicket, locale: Locale) -> Self {
            Target { ticket, issued_ms: js_sys::Date::now(), locale }
        }

        /// Less than a minute of validity left.
        fn expiring(&self) -> bool {
            js_sys::Date::now() > self.issued_ms + ((self.ticket.expires_in - 60).max(0) as f64) * 1000.0
        }

        async fn send(
            &self,
            method: &str,
            query: &[(&str, Option<&str>)],
            content_type: &str,
            body: Body<'_>,
            progress: Option<Box<dyn Fn(f64)>>,
        ) -> Result<Reply, String> {
            let t = &self.ticket;
            let date = String::from(js_sys::Date::new_0().to_utc_string());
            let oss = [("x-oss-date", date.as_str()), ("x-oss-security-token", t.security_token.as_str())];
            let to_sign = string_to_sign(method, "", content_type, &date, &oss, &t.bucket, &t.object, query);
            let mut headers = vec![
                ("authorization", format!("OSS {}:{}", t.access_key_id, signature(&t.access_key_secret, &to_sign))),
                ("x-oss-date", date.clone()),
                ("x-oss-security-token", t.security_token.clone()),
            ];
            if !content_type.is_empty() {
                headers.push(("content-type", content_type.to_string()));
            }
            let url = object_url(&t.endpoint, &t.bucket, &t.object, query);
            xhr(self.locale, method, &url, &headers, body, progress).await
        }
    }

    fn fail(state: UploadState, message: String) {
        state.phase.set(Phase::Failed(message));
    }

    /// A new upload of `file`; its messages are in `locale`.
    pub async fn start(state: UploadState, file: File, form: Form, locale: Locale) {
        let name = file.name();
        let size = file.size() as u64;
        state.sent.set(0);
        state.total.set(size);
        if size == 0 {
            return fail(state, td_string!(locale, upload.errors.empty, name = name.as_str()).to_string());
        }
        let kind = match crate::model::upload::file_kind(locale, &name) {
            Ok(k) => k,
            Err(m) => return fail(state, m),
        };
        if let Err(m) = crate::model::vod_text::check_title(locale, &form.title) {
            return fail(state, m);
        }
        if state.pending.get_untracked().is_some() {
            return fail(state, td_string!(locale, upload.errors.resume_or_clear_first).to_string());
        }
        state.phase.set(Phase::Working(Step::Asking));
        if kind == "image" {
            let ticket = match create_upload_image(name.clone(), form.title, form.category).await {
                Ok(t) => t,
                Err(e) => return fail(state, e.localized(locale)),
            };
            return upload_image(state, Target::new(ticket, locale), &file).await;
        }
        let ticket =
            match create_upload_video(name.clone(), size as i64, form.title.clone(), form.category, form.template_group).await {
                Ok(t) => t,
                Err(e) => return fail(state, e.localized(locale)),
            };
        let target = Target::new(ticket, locale);
        state.phase.set(Phase::Working(Step::Starting));
        let init = match target.send("POST", &[("uploads", None)], "", Body::Empty, None).await {
            Ok(r) if (200..300).contains(&r.status) => r,
            Ok(r) => {
                let why = storage_error(locale, &r);
                return fail(state, td_string!(locale, upload.errors.could_not_start, why).to_string());
            }
            Err(why) => return fail(state, td_string!(locale, upload.errors.could_not_start, why).to_string()),
        };
        let Some(upload_id) = parse_upload_id(&init.text) else {
            return fail(state, td_string!(locale, upload.errors.no_upload_id).to_string());
        };
        let pending = PendingUpload {
            file_name: name,
            size,
            last_modified: file.last_modified(),
            video_id: target.ticket.media_id.clone(),
            title: form.title,
            endpoint: target.ticket.endpoint.clone(),
            bucket: target.ticket.bucket.clone(),
            object: target.ticket.object.clone(),
            upload_id,
            part_size: part_size_for(size),
            parts: Vec::new(),
        };
        save_pending(Some(&pending));
        upload_parts(state, target, &file, pending).await;
    }

    /// Carries on with an unfinished upload after a reload or a failure; its messages are
    /// in `locale`.
    pub async fn resume(state: UploadState, file: File, mut pending: PendingUpload, locale: Locale) {
        if let Err(m) = pending.matches(locale, &file.name(), file.size() as u64, file.last_modified()) {
            return fail(state, m);
        }
        state.total.set(pending.size);
        state.sent.set(pending.bytes_done());
        state.phase.set(Phase::Working(Step::Renewing));
        let ticket = match refresh_upload_video(pending.video_id.clone()).await {
            Ok(t) => t,
            Err(e) => return fail(state, e.localized(locale)),
        };
        if ticket.object != pending.object || ticket.bucket != pending.bucket {
            return fail(state, td_string!(locale, upload.errors.different_address).to_string());
        }
        let target = Target::new(ticket, locale);
        state.phase.set(Phase::Working(Step::Checking));
        match target.send("GET", &[("uploadId", Some(&pending.upload_id))], "", Body::Empty, None).await {
            Ok(r) if (200..300).contains(&r.status) => pending.merge_listed(&parse_list_parts(&r.text)),
            Ok(r) => {
                let why = storage_error(locale, &r);
                return fail(state, td_string!(locale, upload.errors.could_not_list, why).to_string());
            }
            Err(why) => return fail(state, td_string!(locale, upload.errors.could_not_list, why).to_string()),
        }
        save_pending(Some(&pending));
        state.sent.set(pending.bytes_done());
        upload_parts(state, target, &file, pending).await;
    }

    async fn renew(state: UploadState, target: &mut Target, pending: &PendingUpload) -> Result<(), String> {
        let locale = target.locale;
        state.phase.set(Phase::Working(Step::Renewing));
        let ticket = refresh_upload_video(pending.video_id.clone()).await.map_err(|e| e.localized(locale))?;
        *target = Target::new(ticket, locale);
        Ok(())
    }

    async fn upload_parts(state: UploadState, mut target: Target, file: &File, mut pending: PendingUpload) {
        let locale = target.locale;
        state.pending.set(None);
        let count = pending.part_count();
        for n in 1..=count {
            if pending.parts.iter().any(|(m, _)| *m == n) {
                continue;
            }
            let (a, b) = pending.part_range(n);
            let blob = match file.slice_with_f64_and_f64(a as f64, b as f64) {
                Ok(b) => b,
                Err(e) => {
                    let why = js_text(e);
                    return stopped(state, &pending, td_string!(locale, upload.errors.could_not_read, why).to_string());
                }
            };
            let mut attempt = 0;
            loop {
                attempt += 1;
                if target.expiring() {
                    if let Err(e) = renew(state, &mut target, &pending).await {
                        return stopped(state, &pending, e);
                    }
                }
                state.phase.set(Phase::Working(Step::SendingPart { n, count }));
                let base = pending.bytes_done();
                let progress: Box<dyn Fn(f64)> = Box::new(move |loaded| state.sent.set(base + loaded as u64));
                let part = n.to_string();
                let query = [("partNumber", Some(part.as_str())), ("uploadId", Some(pending.upload_id.as_str()))];
                let result =
                    target.send("PUT", &query, "application/octet-stream", Body::Blob(&blob), Some(progress)).await;
                match result {
                    Ok(r) if (200..300).contains(&r.status) => {
                        pending.parts.push((n, r.etag.unwrap_or_default()));
                        pending.parts.sort();
                        save_pending(Some(&pending));
                        state.sent.set(pending.bytes_done());
                        break;
                    }
                    Ok(r) if credential_rejected(&r) && attempt < 3 => {
                        if let Err(e) = renew(state, &mut target, &pending).await {
                            return stopped(state, &pending, e);
                        }
                    }
                    Ok(r) if r.status < 500 || attempt >= 3 => {
                        let why = storage_error(locale, &r);
                        let message = td_string!(locale, upload.errors.part_refused, n, count, why).to_string();
                        return stopped(state, &pending, message);
                    }
                    Err(why) if attempt >= 3 => {
                        let message = td_string!(locale, upload.errors.part_not_sent, n, count, why).to_string();
                        return stopped(state, &pending, message);
                    }
                    _ => sleep_ms(500 * attempt).await,
                }
            }
        }
        state.phase.set(Phase::Working(Step::Finishing));
        let body = complete_body(&pending.parts);
        let query = [("uploadId", Some(pending.upload_id.as_str()))];
        match target.send("POST", &query, "application/xml", Body::Text(&body), None).await {
            Ok(r) if (200..300).contains(&r.status) => {}
            Ok(r) => {
                let why = storage_error(locale, &r);
                return stopped(state, &pending, td_string!(locale, upload.errors.could_not_finish, why).to_string());
            }
            Err(why) => return stopped(state, &pending, td_string!(locale, upload.errors.could_not_finish, why).to_string()),
        }
        save_pending(None);
        state.sent.set(pending.size);
        let detail = upload_details(pending.video_id.clone()).await.ok();
        state.phase.set(Phase::Done { media_id: pending.video_id, kind: "video".into(), detail });
    }

    /// Keeps the unfinished upload for "resume" and shows why it stopped.
    fn stopped(state: UploadState, pending: &PendingUpload, message: String) {
        save_pending(Some(pending));
        state.sent.set(pending.bytes_done());
        state.pending.set(Some(pending.clone()));
        fail(state, message);
    }

    async fn upload_image(state: UploadState, target: Target, file: &File) {
        let locale = target.locale;
        state.phase.set(Phase::Working(Step::SendingImage));
        let progress: Box<dyn Fn(f64)> = Box::new(move |loaded| state.sent.set(loaded as u64));
        let content_type = if file.type_().is_empty() { "application/octet-stream".to_string() } else { file.type_() };
        match target.send("PUT", &[], &content_type, Body::Blob(file), Some(progress)).await {
            Ok(r) if (200..300).contains(&r.status) => {
                state.sent.set(file.size() as u64);
                state.phase.set(Phase::Done { media_id: target.ticket.media_id.clone(), kind: "image".into(), detail: None });
            }
            Ok(r) => {
                let why = storage_error(locale, &r);
                fail(state, td_string!(locale, upload.errors.image_refused, why).to_string())
            }
            Err(why) => fail(state, td_string!(locale, upload.errors.image_not_sent, why).to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_to_sign_follows_oss_v1() {
        let s = string_to_sign(
            "PUT",
            "",
            "application/octet-stream",
            "Thu, 23 Nov 2026 14:12:07 GMT",
            &[("X-OSS-Security-Token", "CAIS1"), ("x-oss-date", "Thu, 23 Nov 2026 14:12:07 GMT")],
            "outin-1",
            "sv/a/b.mp4",
            &[("uploadId", Some("U1")), ("partNumber", Some("3"))],
        );
        assert_eq!(
            s,
            "PUT\n\napplication/octet-stream\nThu, 23 Nov 2026 14:12:07 GMT\nx-oss-date:Thu, 23 Nov 2026 14:12:07 GMT\nx-oss-security-token:CAIS1\n/outin-1/sv/a/b.mp4?partNumber=3&uploadId=U1"
        );
        let s = string_to_sign("POST", "", "", "D", &[], "b", "o", &[("uploads", None)]);
        assert_eq!(s, "POST\n\n\nD\n/b/o?uploads");
    }

    #[test]
    fn signature_is_base64_hmac_sha1() {
        // Cross-checked with Python: base64(hmac.new(key, msg, hashlib.sha1).digest()).
        let to_sign = "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@example.com\n/oss-example/nelson";
        assert_eq!(signature("OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV", to_sign), "8HQ6ejfvfwbs/JyzhzA/ElF4fx8=");
    }

    #[test]
    fn urls_are_path_style_for_the_emulator_and_virtual_hosted_for_oss() {
        assert_eq!(
            object_url("http://127.0.0.1:4000/upload", "outin-1", "sv/a b/c.mp4", &[("partNumber", Some("1")), ("uploadId", Some("x/y"))]),
            "http://127.0.0.1:4000/upload/outin-1/sv/a%20b/c.mp4?partNumber=1&uploadId=x%2Fy"
        );
        assert_eq!(
            object_url("https://oss-cn-shanghai.aliyuncs.com", "outin-1", "sv/c.mp4", &[("uploads", None)]),
            "https://outin-1.oss-cn-shanghai.aliyuncs.com/sv/c.mp4?uploads"
        );
    }

    #[test]
    fn parts_sizes_and_resume_bookkeeping() {
        assert_eq!(part_size_for(1), PART_SIZE_MIN);
        assert_eq!(part_size_for(20 * 1024 * 1024 * 1024), 3 * PART_SIZE_MIN);
        let mut p = PendingUpload {
            file_name: "a.mp4".into(),
            size: 2 * PART_SIZE_MIN + 10,
            last_modified: 1000.0,
            video_id: "v".into(),
            title: "a".into(),
            endpoint: "e".into(),
            bucket: "b".into(),
            object: "o".into(),
            upload_id: "u".into(),
            part_size: PART_SIZE_MIN,
            parts: vec![(1, "\"e1\"".into())],
        };
        assert_eq!(p.part_count(), 3);
        assert_eq!(p.part_range(3), (2 * PART_SIZE_MIN, 2 * PART_SIZE_MIN + 10));
        // The storage lists part 1 (no ETag), a short part 2 (interrupted) and part 3.
        p.merge_listed(&[(1, None, PART_SIZE_MIN), (2, None, 5), (3, Some("\"e3\"".into()), 10)]);
        assert_eq!(p.parts, vec![(1, "\"e1\"".to_string()), (3, "\"e3\"".to_string())]);
        assert_eq!(p.bytes_done(), PART_SIZE_MIN + 10);
        assert!(p.matches(Locale::en, "a.mp4", p.size, 1000.0).is_ok());
        assert!(p.matches(Locale::en, "b.mp4", p.size, 1000.0).unwrap_err().contains("\"a.mp4\""));
        assert!(p.matches(Locale::en, "a.mp4", 5, 1000.0).unwrap_err().contains("5 bytes"));
        assert!(p.matches(Locale::en, "a.mp4", p.size, 2000.0).unwrap_err().contains("changed"));
        assert_eq!(p.matches(Locale::zh, "b.mp4", p.size, 1000.0).unwrap_err(), "这是“b.mp4”；未完成的上传是“a.mp4”。");
    }

    #[test]
    fn storage_xml_answers() {
        let init = "<?xml version=\"1.0\"?><InitiateMultipartUploadResult><Bucket>b</Bucket><UploadId>0004B9894A22E5B1888A1E29F823****</UploadId></InitiateMultipartUploadResult>";
        assert_eq!(parse_upload_id(init).as_deref(), Some("0004B9894A22E5B1888A1E29F823****"));
        let list = "<ListPartsResult><Part><PartNumber>1</PartNumber><ETag>&quot;A&quot;</ETag><Size>1048576</Size></Part><Part><PartNumber>2</PartNumber><Size>7</Size></Part></ListPartsResult>";
        assert_eq!(parse_list_parts(list), vec![(1, Some("\"A\"".into()), 1_048_576), (2, None, 7)]);
        assert_eq!(
            complete_body(&[(1, "\"A\"".into())]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"A\"</ETag></Part></CompleteMultipartUpload>"
        );
        assert_eq!(human_bytes(Locale::en, 5_242_880), "5.2 MB");
        assert_eq!(human_bytes(Locale::en, 12), "12 bytes");
        assert_eq!(human_bytes(Locale::zh, 12), "12 字节");
        assert_eq!(Step::SendingPart { n: 3, count: 6 }.text(Locale::zh), "正在上传第 3/6 个分片");
    }
}
