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

use crate::api::upload::{CategoryChoice, TemplateGroupChoice, UploadProgress, NO_TRANSCODE_GROUP};

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

    /// Whether `file` (name, size, last-modified) is the file this upload started with.
    pub fn matches(&self, name: &str, size: u64, last_modified: f64) -> Result<(), String> {
        if name != self.file_name {
            return Err(format!("This is \"{name}\"; the unfinished upload is \"{}\".", self.file_name));
        }
        if size != self.size {
            return Err(format!("\"{name}\" is {size} bytes now; the upload started with {} bytes.", self.size));
        }
        if (last_modified - self.last_modified).abs() > 0.5 {
            return Err(format!("\"{name}\" was changed after the upload started; start a new upload instead."));
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

/// "1.5 MB" (decimal units, as file managers show them).
pub fn human_bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.0} KB", n / 1e3)
    } else {
        format!("{n} bytes")
    }
}

/// What the uploader is doing, for the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Working(String),
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
            is_image.set(matches!(crate::api::upload::file_kind(&name), Ok("image")));
            let stem = name.rsplit_once('.').map(|(s, _)| s.to_string()).unwrap_or(name.clone());
            title.set(stem);
        }
    };

    let start = move |_| {
        #[cfg(feature = "hydrate")]
        if !state.busy() {
            let Some(file) = file_input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
                state.phase.set(Phase::Failed("Choose a file first.".into()));
                return;
            };
            let form = browser::Form {
                title: title.get_untracked(),
                category: category.get_untracked(),
                template_group: template_group.get_untracked(),
            };
            leptos::task::spawn_local(browser::start(state, file, form));
        }
    };

    let resume = move |_| {
        #[cfg(feature = "hydrate")]
        if !state.busy() {
            let Some(pending) = state.pending.get_untracked() else { return };
            let Some(file) = resume_input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
                state.phase.set(Phase::Failed(format!("Select \"{}\" again to resume.", pending.file_name)));
                return;
            };
            leptos::task::spawn_local(browser::resume(state, file, pending));
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
                <label class="label" for="upload-file">"File"</label>
                <input id="upload-file" type="file" class="input" node_ref=file_input on:change=on_file
                    accept="video/*,audio/*,image/png,image/jpeg,image/gif,image/webp,image/heic,.mkv,.flv,.m3u8,.ts"/>
            </div>
            <div>
                <label class="label" for="upload-title">"Title"</label>
                <input id="upload-title" class="input" maxlength="128" required
                    prop:value=move || title.get() value=title.get_untracked()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <p class="mt-1 text-xs text-slate-500">{move || crate::model::vod_text::byte_counter(&title.get(), crate::model::vod_text::TITLE_MAX_BYTES)}</p>
            </div>
            <div>
                <label class="label" for="upload-category">"Category"</label>
                <CategorySelect id="upload-category" name="category" categories=categories.clone() value=category/>
            </div>
            <div class:hidden=move || is_image.get()>
                <TemplateGroupField id="upload-template-group" name="template_group" groups=template_groups
                    error=template_groups_error value=template_group/>
            </div>
            <div class="flex items-end">
                <button type="button" class="btn-primary" data-testid="upload-start" on:click=start
                    disabled=move || !hydrated.get() || state.busy()>"Upload"</button>
            </div>
        </div>
        <noscript><p class="form-error">"Uploading a file from this page needs JavaScript."</p></noscript>
        <div class="mt-4" aria-live="polite">
            <progress class="w-full" max="100" data-testid="upload-progress"
                value=move || percent().to_string() data-percent=move || percent().to_string()></progress>
            <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="upload-status">
                {move || {
                    let sent = state.sent.get();
                    let total = state.total.get();
                    match state.phase.get() {
                        Phase::Idle => if total == 0 { "No upload running.".to_string() } else { format!("{} of {}", human_bytes(sent), human_bytes(total)) },
                        Phase::Working(step) => format!("{step} — {} of {} ({}%)", human_bytes(sent), human_bytes(total), percent()),
                        Phase::Done { media_id, kind, detail } => {
                            let what = if kind == "image" { "ImageId" } else { "VideoId" };
                            let vod = detail.map(|d| format!(" VOD reports {} bytes received, status {}.", d.upload_size, d.status)).unwrap_or_default();
                            format!("Uploaded {} ({what} {media_id}).{vod}", human_bytes(total))
                        }
                        Phase::Failed(_) => format!("Stopped at {} of {}.", human_bytes(sent), human_bytes(total)),
                    }
                }}
            </p>
            {move || match state.phase.get() {
                Phase::Failed(m) => Some(view! { <p role="alert" class="form-error" data-testid="upload-error">{m}</p> }),
                _ => None,
            }}
            {move || match state.phase.get() {
                Phase::Done { media_id, .. } => Some(view! { <p class="text-sm" data-testid="upload-done" data-media-id=media_id.clone()>"Done."</p> }),
                _ => None,
            }}
        </div>
        {move || state.pending.get().map(|p| {
            let pct = (p.bytes_done() * 100).checked_div(p.size).unwrap_or(0);
            view! {
                <section class="card mt-4 border-amber-300" data-testid="upload-recovery" aria-labelledby="recovery-title">
                    <h3 id="recovery-title" class="font-medium">"An upload did not finish"</h3>
                    <p class="text-sm">
                        {format!("\"{}\" ({}), {}% sent, VideoId {}. Select the same file to resume, or clear it.",
                            p.file_name, human_bytes(p.size), pct, p.video_id)}
                    </p>
                    <div class="mt-2 flex flex-wrap items-center gap-2">
                        <label class="sr-only" for="resume-file">"The same file again"</label>
                        <input id="resume-file" type="file" class="input max-w-xs" node_ref=resume_input/>
                        <button type="button" class="btn-primary" data-testid="upload-resume" on:click=resume
                            disabled=move || state.busy()>"Resume"</button>
                        <button type="button" class="btn-ghost" data-testid="upload-clear" on:click=clear
                            disabled=move || state.busy()>"Clear"</button>
                    </div>
                    <p class="mt-1 text-xs text-slate-500">"Clearing forgets the upload here; the video record stays in VOD with status Uploading until it is deleted."</p>
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
    view! {
        <select id=id name=name class="input" on:change=move |ev| if let Some(v) = value { v.set(event_target_value(&ev)) }>
            <option value="">"No category"</option>
            {categories.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.label}</option> }).collect_view()}
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
    let set = move |ev: leptos::ev::Event| {
        if let Some(v) = value {
            v.set(event_target_value(&ev))
        }
    };
    match groups.filter(|g| !g.is_empty()) {
        Some(groups) => {
            let default = match groups.iter().find(|g| g.is_default) {
                Some(g) => format!("Account default ({})", g.name),
                None => "Account default".to_string(),
            };
            view! {
                <label class="label" for=id>"Transcode template group"</label>
                <select id=id name=name class="input" data-testid="template-group-select" on:change=set>
                    <option value="">{default}</option>
                    {groups
                        .into_iter()
                        .map(|g| {
                            let label = if g.is_default { format!("{} · default", g.name) } else { g.name };
                            view! { <option value=g.id>{label}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        None => {
            let note = match error {
                Some(e) => format!("The template groups could not be read ({e}). Enter {NO_TRANSCODE_GROUP} or a 32-character group ID, or leave it empty for the account default."),
                None => format!("Leave empty for the account default, or enter {NO_TRANSCODE_GROUP} or a 32-character group ID."),
            };
            view! {
                <label class="label" for=id>"Transcode template group"</label>
                <input id=id name=name class="input" list="template-groups" placeholder="account default" on:input=set/>
                <p class="mt-1 text-xs text-slate-500" data-testid="template-group-note">{note}</p>
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
    use crate::api::upload::{
        create_upload_image, create_upload_video, refresh_upload_video, upload_details, UploadTicket,
    };

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
            return Err("the storage did not answer (network error, or the browser blocked the request)".into());
        }
        Ok(Reply {
            status,
            text: req.response_text().ok().flatten().unwrap_or_default(),
            etag: req.get_response_header("ETag").ok().flatten(),
        })
    }

    /// An OSS `<Error>` answer as one line.
    fn storage_error(r: &Reply) -> String {
        let code = xml_values(&r.text, "Code").first().map(|s| s.to_string()).unwrap_or_default();
        let message = xml_values(&r.text, "Message").first().map(|s| s.to_string()).unwrap_or_default();
        if code.is_empty() {
            format!("the storage answered HTTP {}", r.status)
        } else {
            format!("the storage answered HTTP {} {code}: {message}", r.status)
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
    }

    impl Target {
        fn new(ticket: UploadTicket) -> Self {
            Target { ticket, issued_ms: js_sys::Date::now() }
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
            xhr(method, &url, &headers, body, progress).await
        }
    }

    fn fail(state: UploadState, message: String) {
        state.phase.set(Phase::Failed(message));
    }

    /// A new upload of `file`.
    pub async fn start(state: UploadState, file: File, form: Form) {
        let name = file.name();
        let size = file.size() as u64;
        state.sent.set(0);
        state.total.set(size);
        if size == 0 {
            return fail(state, format!("\"{name}\" is empty."));
        }
        let kind = match crate::api::upload::file_kind(&name) {
            Ok(k) => k,
            Err(m) => return fail(state, m),
        };
        if let Err(m) = crate::model::vod_text::check_title(&form.title) {
            return fail(state, m);
        }
        if state.pending.get_untracked().is_some() {
            return fail(state, "Resume or clear the unfinished upload first.".into());
        }
        state.phase.set(Phase::Working("Asking VOD for an upload address".into()));
        if kind == "image" {
            let ticket = match create_upload_image(name.clone(), form.title, form.category).await {
                Ok(t) => t,
                Err(e) => return fail(state, e.to_string()),
            };
            return upload_image(state, Target::new(ticket), &file).await;
        }
        let ticket =
            match create_upload_video(name.clone(), size as i64, form.title.clone(), form.category, form.template_group).await {
                Ok(t) => t,
                Err(e) => return fail(state, e.to_string()),
            };
        let target = Target::new(ticket);
        state.phase.set(Phase::Working("Starting the upload".into()));
        let init = match target.send("POST", &[("uploads", None)], "", Body::Empty, None).await {
            Ok(r) if (200..300).contains(&r.status) => r,
            Ok(r) => return fail(state, format!("Could not start the upload: {}.", storage_error(&r))),
            Err(e) => return fail(state, format!("Could not start the upload: {e}.")),
        };
        let Some(upload_id) = parse_upload_id(&init.text) else {
            return fail(state, "The storage did not return an upload ID.".into());
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

    /// Carries on with an unfinished upload after a reload or a failure.
    pub async fn resume(state: UploadState, file: File, mut pending: PendingUpload) {
        if let Err(m) = pending.matches(&file.name(), file.size() as u64, file.last_modified()) {
            return fail(state, m);
        }
        state.total.set(pending.size);
        state.sent.set(pending.bytes_done());
        state.phase.set(Phase::Working("Renewing the upload credential".into()));
        let ticket = match refresh_upload_video(pending.video_id.clone()).await {
            Ok(t) => t,
            Err(e) => return fail(state, e.to_string()),
        };
        if ticket.object != pending.object || ticket.bucket != pending.bucket {
            return fail(state, "VOD now gives a different storage address for this video; clear and upload again.".into());
        }
        let target = Target::new(ticket);
        state.phase.set(Phase::Working("Checking which parts arrived".into()));
        match target.send("GET", &[("uploadId", Some(&pending.upload_id))], "", Body::Empty, None).await {
            Ok(r) if (200..300).contains(&r.status) => pending.merge_listed(&parse_list_parts(&r.text)),
            Ok(r) => return fail(state, format!("Could not list the uploaded parts: {}.", storage_error(&r))),
            Err(e) => return fail(state, format!("Could not list the uploaded parts: {e}.")),
        }
        save_pending(Some(&pending));
        state.sent.set(pending.bytes_done());
        upload_parts(state, target, &file, pending).await;
    }

    async fn renew(state: UploadState, target: &mut Target, pending: &PendingUpload) -> Result<(), String> {
        state.phase.set(Phase::Working("Renewing the upload credential".into()));
        let ticket = refresh_upload_video(pending.video_id.clone()).await.map_err(|e| e.to_string())?;
        *target = Target::new(ticket);
        Ok(())
    }

    async fn upload_parts(state: UploadState, mut target: Target, file: &File, mut pending: PendingUpload) {
        state.pending.set(None);
        let count = pending.part_count();
        for n in 1..=count {
            if pending.parts.iter().any(|(m, _)| *m == n) {
                continue;
            }
            let (a, b) = pending.part_range(n);
            let blob = match file.slice_with_f64_and_f64(a as f64, b as f64) {
                Ok(b) => b,
                Err(e) => return stopped(state, &pending, format!("Could not read the file: {}.", js_text(e))),
            };
            let mut attempt = 0;
            loop {
                attempt += 1;
                if target.expiring() {
                    if let Err(e) = renew(state, &mut target, &pending).await {
                        return stopped(state, &pending, e);
                    }
                }
                state.phase.set(Phase::Working(format!("Sending part {n} of {count}")));
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
                        return stopped(state, &pending, format!("Part {n} of {count} was refused: {}.", storage_error(&r)));
                    }
                    Err(e) if attempt >= 3 => {
                        return stopped(state, &pending, format!("Part {n} of {count} could not be sent: {e}."));
                    }
                    _ => sleep_ms(500 * attempt).await,
                }
            }
        }
        state.phase.set(Phase::Working("Finishing the upload".into()));
        let body = complete_body(&pending.parts);
        let query = [("uploadId", Some(pending.upload_id.as_str()))];
        match target.send("POST", &query, "application/xml", Body::Text(&body), None).await {
            Ok(r) if (200..300).contains(&r.status) => {}
            Ok(r) => return stopped(state, &pending, format!("Could not finish the upload: {}.", storage_error(&r))),
            Err(e) => return stopped(state, &pending, format!("Could not finish the upload: {e}.")),
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
        state.phase.set(Phase::Working("Sending the image".into()));
        let progress: Box<dyn Fn(f64)> = Box::new(move |loaded| state.sent.set(loaded as u64));
        let content_type = if file.type_().is_empty() { "application/octet-stream".to_string() } else { file.type_() };
        match target.send("PUT", &[], &content_type, Body::Blob(file), Some(progress)).await {
            Ok(r) if (200..300).contains(&r.status) => {
                state.sent.set(file.size() as u64);
                state.phase.set(Phase::Done { media_id: target.ticket.media_id.clone(), kind: "image".into(), detail: None });
            }
            Ok(r) => fail(state, format!("The image was refused: {}.", storage_error(&r))),
            Err(e) => fail(state, format!("The image could not be sent: {e}.")),
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
        assert!(p.matches("a.mp4", p.size, 1000.0).is_ok());
        assert!(p.matches("b.mp4", p.size, 1000.0).unwrap_err().contains("\"a.mp4\""));
        assert!(p.matches("a.mp4", 5, 1000.0).unwrap_err().contains("5 bytes"));
        assert!(p.matches("a.mp4", p.size, 2000.0).unwrap_err().contains("changed"));
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
        assert_eq!(human_bytes(5_242_880), "5.2 MB");
    }
}
