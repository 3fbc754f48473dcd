//! The templates page, in three routes (each its own wasm chunk), linked as tabs:
//! - **Groups**: every transcode template group with its template count, the videos
//!   uploaded into it, default and lock; make one the default (a disclosure says it
//!   changes every upload that names no group); create one from a preset. An opened
//!   group (`?group=`) lists its renditions; each opens in the rendition editor
//!   (`&edit=<id>` or `&edit=new`), whose fields are checked as typed with
//!   `vod::transcode`'s rules, and whose save first shows the field-by-field diff of
//!   what will be sent. A save is refused when the group changed at VOD since it was
//!   opened. Locked groups are read-only, with the reason.
//! - **Snapshot templates** (`/templates/snapshots`): list, add, edit, delete.
//! - **Transcoding** (`/templates/jobs`): submit a transcoding for videos with a group, and
//!   follow each video's jobs until they end (refreshed every two seconds while any runs).
//!
//! Everything works with JavaScript off: the state is in the URL, a refused save comes
//! back with what was typed (`form[...]`), and "Review changes" shows the diff.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api::templates::*;
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::template::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, PageHeader, Spinner};

/// The values of a yes/no setting (`Remove`).
const BOOLS: &[&str] = &["false", "true"];

/// What the person may do here.
#[derive(Clone, Copy)]
struct Can {
    add: bool,
    update: bool,
    delete: bool,
    set_default: bool,
    snapshots: bool,
    submit: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Groups,
    Snapshots,
    Jobs,
}

/// A rendition typed before (a refused save or "Review changes" without JavaScript).
fn typed_rendition(q: &ParamsMap) -> Option<Rendition> {
    q.get("form[definition]").or(q.get("form[name]"))?;
    let mut r = Rendition::default();
    for field in std::iter::once("id").chain(FIELDS.iter().map(|(f, _)| *f)) {
        if let Some(slot) = r.get_mut(field) {
            *slot = q.get(&format!("form[{field}]")).unwrap_or_default();
        }
    }
    r.watermark_ids = (0..vod::transcode::WATERMARKS_MAX).filter_map(|i| q.get(&format!("form[watermark_ids][{i}]"))).collect();
    Some(r)
}

/// The page's heading and the links between its three routes (each its own chunk).
fn frame(active: Tab) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |t: Tab, href: &'static str, label: fn(Locale) -> &'static str| {
        let current = t == active;
        view! {
            // A plain link (the router still navigates client-side): `A` would also mark
            // `/templates` current on the other two routes, which it prefixes.
            <a href=href class="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 dark:ring-slate-700"
                aria-current=current.then_some("page") data-active=current.to_string()
                on:mouseenter=move |_| crate::pages::prefetch(href) on:focus=move |_| crate::pages::prefetch(href)>
                {move || label(i18n.get_locale())}
            </a>
        }
    };
    view! {
        <PageHeader title=move || t_string!(i18n, templates.title) description=move || t_string!(i18n, templates.intro)/>
        <nav class="mb-4 flex flex-wrap gap-2" aria-label=move || t_string!(i18n, templates.tabs.label).to_string()>
            {link(Tab::Groups, "/templates", |l| td_string!(l, templates.tabs.groups))}
            {link(Tab::Snapshots, "/templates/snapshots", |l| td_string!(l, templates.tabs.snapshots))}
            {link(Tab::Jobs, "/templates/jobs", |l| td_string!(l, templates.tabs.jobs))}
        </nav>
    }
}

/// What the signed-in person may do here; `None` when they may not read templates.
fn permissions() -> Option<Can> {
    let me = expect_context::<CurrentUser>();
    me.can(crate::vod_permission!(ListTranscodeTemplateGroup)).then(|| Can {
        add: me.can(crate::vod_permission!(AddTranscodeTemplateGroup)),
        update: me.can(crate::vod_permission!(UpdateTranscodeTemplateGroup)),
        delete: me.can(crate::vod_permission!(DeleteTranscodeTemplateGroup)),
        set_default: me.can(crate::vod_permission!(SetDefaultTranscodeTemplateGroup)),
        snapshots: me.can(crate::vod_permission!(AddVodTemplate)),
        submit: me.can(crate::vod_permission!(SubmitTranscodeJobs)),
    })
}

fn forbidden() -> AnyView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=move || t_string!(i18n, templates.title)/>
        <ErrorPanel error=crate::error::AppError::Forbidden { permission: crate::vod_permission!(ListTranscodeTemplateGroup).to_string() }/>
    }
    .into_any()
}

/// `/templates`: the template groups and the rendition editor.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    match permissions() {
        Some(can) => view! { {frame(Tab::Groups)} <GroupsTab can/> }.into_any(),
        None => forbidden(),
    }
}

/// `/templates/snapshots`: snapshot templates.
#[component]
pub fn SnapshotTemplatesPage() -> impl IntoView {
    match permissions() {
        Some(can) => view! { {frame(Tab::Snapshots)} <SnapshotsTab can/> }.into_any(),
        None => forbidden(),
    }
}

/// `/templates/jobs`: transcoding submitted and followed.
#[component]
pub fn TranscodeJobsPage() -> impl IntoView {
    match permissions() {
        Some(can) => view! { {frame(Tab::Jobs)} <JobsTab can/> }.into_any(),
        None => forbidden(),
    }
}

/// A notice from the URL after a change without JavaScript (or after a hydrated one).
fn notice(q: &ParamsMap, locale: Locale) -> Option<&'static str> {
    [
        ("saved", td_string!(locale, templates.notice.saved)),
        ("created", td_string!(locale, templates.notice.created)),
        ("deleted", td_string!(locale, templates.notice.rendition_deleted)),
        ("removed", td_string!(locale, templates.notice.removed)),
        ("default", td_string!(locale, templates.notice.default)),
    ]
    .into_iter()
    .find(|(k, _)| q.get(k).is_some())
    .map(|(_, v)| v)
}

#[component]
fn GroupsTab(can: Can) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let set_default = ServerAction::<SetDefaultGroup>::new();
    let create = ServerAction::<CreateGroup>::new();
    let overview = Resource::new(move || (fresh.get(), set_default.version().get(), create.version().get()), |(fresh, ..)| list_templates(fresh));
    let opened = Memo::new(move |_| query.with(|q| q.get("group").filter(|g| !g.is_empty())));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = create.value().get() {
            navigate(&format!("/templates?group={}&created=1", saved.group_id), Default::default());
        }
    });
    view! {
        {move || query.with(|q| notice(q, i18n.get_locale())).map(|n| view! { <p role="status" class="form-ok mb-4" data-testid="notice">{n}</p> })}
        <FormMessage value=move || set_default.value().get() success=move || t_string!(i18n, templates.notice.default)/>
        <div class="grid gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
            <section aria-labelledby="tg-list-title" class="space-y-4">
                <h2 id="tg-list-title" class="text-lg font-medium">{t!(i18n, templates.groups.title)}</h2>
                <Suspense fallback=|| view! { <Spinner/> }>
                    {move || Suspend::new(async move {
                        match overview.await {
                            Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                            Ok(data) => view! { <GroupTable data can set_default/> }.into_any(),
                        }
                    })}
                </Suspense>
                {can.add.then(|| view! { <CreateGroupForm create/> })}
            </section>
            <section aria-labelledby="tg-group-title">
                {move || match opened.get() {
                    Some(id) => view! { <GroupPanel id can/> }.into_any(),
                    None => view! {
                        <h2 id="tg-group-title" class="sr-only">{t!(i18n, templates.group.title)}</h2>
                        <p class="card text-slate-600 dark:text-slate-400">{t!(i18n, templates.groups.choose)}</p>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}

#[component]
fn GroupTable(data: TemplatesOverview, can: Can, set_default: ServerAction<SetDefaultGroup>) -> impl IntoView {
    let i18n = use_i18n();
    let counted = data.videos_counted;
    let total = data.videos_total;
    let partial = data.partial_error.clone();
    let default_name = data.groups.iter().find(|g| g.is_default).map(|g| g.name.clone()).unwrap_or_default();
    let default_name = StoredValue::new(default_name);
    view! {
        <crate::ui::FreshnessNote age_secs=data.cached_age_secs reload_href="/templates?fresh=1".to_string()/>
        {partial.map(|why| view! { <p class="form-error">{why}</p> })}
        <div class="overflow-x-auto">
            <table class="table" data-testid="group-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, templates.groups.name)}</th>
                    <th scope="col" class="text-right">{t!(i18n, templates.groups.templates)}</th>
                    <th scope="col" class="text-right">{t!(i18n, templates.groups.videos)}</th>
                    <th scope="col">{t!(i18n, templates.groups.created)}</th>
                    <th scope="col"><span class="sr-only">{t!(i18n, templates.groups.actions)}</span></th>
                </tr></thead>
                <tbody>
                    {data.groups.into_iter().map(|g| {
                        let id = g.id.clone();
                        let href = format!("/templates?group={}", g.id);
                        let name_id = format!("tg-name-{}", g.id);
                        let open_id = format!("tg-open-{}", g.id);
                        view! {
                            <tr data-testid="group-row" data-id=g.id.clone() data-default=g.is_default.to_string()>
                                <th scope="row" class="font-medium">
                                    <span id=name_id.clone() translate="no">{g.name.clone()}</span>
                                    {g.is_default.then(|| view! { <span class="badge ml-2 bg-blue-50 text-blue-800 ring-blue-300 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-700" data-testid="default-badge">{t!(i18n, templates.groups.default)}</span> })}
                                    {g.locked.then(|| view! { <span class="badge ml-2 bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700">{t!(i18n, templates.groups.locked)}</span> })}
                                    <div class="text-xs font-normal text-slate-500 dark:text-slate-400" translate="no">{g.id.clone()}</div>
                                </th>
                                <td class="text-right tabular-nums">{g.templates.map(|n| n.to_string()).unwrap_or_else(|| "–".into())}</td>
                                <td class="text-right tabular-nums" data-testid="group-videos">{g.videos}</td>
                                <td class="text-sm text-slate-600 dark:text-slate-400"><LocalTime at=g.created.clone()/></td>
                                <td class="space-y-1 text-sm">
                                    <A href=href attr:class="btn-ghost" attr:id=open_id.clone() attr:aria-labelledby=format!("{open_id} {name_id}")>{t!(i18n, templates.groups.open)}</A>
                                    {(can.set_default && !g.is_default).then(|| view! {
                                        <details data-testid="set-default">
                                            <summary class="btn-ghost cursor-pointer">{t!(i18n, templates.set_default.open)}</summary>
                                            <div class="mt-1 max-w-xs rounded-md border border-slate-200 p-2 text-xs dark:border-slate-700">
                                                <p>{t!(i18n, templates.set_default.explain)}</p>
                                                <p class="mt-1">{t!(i18n, templates.set_default.current)}" "<q translate="no">{default_name.get_value()}</q></p>
                                                <ActionForm action=set_default attr:class="mt-2">
                                                    <input type="hidden" name="group_id" value=id.clone()/>
                                                    <button type="submit" class="btn-primary py-1 text-xs" data-testid="confirm-default">{t!(i18n, templates.set_default.confirm)}</button>
                                                </ActionForm>
                                            </div>
                                        </details>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="text-xs text-slate-500 dark:text-slate-400">{move || if total as usize > counted {
            t_string!(i18n, templates.groups.videos_sampled, counted, total).to_string()
        } else {
            t_string!(i18n, templates.groups.videos_all, counted).to_string()
        }}</p>
    }
}

/// A new group: a name and a preset to start from.
#[component]
fn CreateGroupForm(create: ServerAction<CreateGroup>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let typed_name = query.with_untracked(|q| q.get("name")).unwrap_or_default();
    let typed_preset = query.with_untracked(|q| q.get("preset")).unwrap_or_else(|| "hls3".into());
    let open = query.with_untracked(|q| q.get("new").is_some());
    let choices: Vec<&'static str> = PRESETS.iter().map(|p| p.key).chain(std::iter::once("empty")).collect();
    view! {
        <details class="card" open=open data-testid="create-group">
            <summary class="cursor-pointer font-medium">{t!(i18n, templates.create.title)}</summary>
            <ActionForm action=create attr:class="mt-3 space-y-3">
                <div>
                    <label class="label" for="tg-new-name">{t!(i18n, templates.field.group_name)}</label>
                    <input id="tg-new-name" name="name" class="input" required autocomplete="off" value=typed_name data-testid="new-group-name"/>
                </div>
                <fieldset>
                    <legend class="label">{t!(i18n, templates.create.preset)}</legend>
                    <div class="space-y-1">
                        {choices.into_iter().map(|key| {
                            let summary = PRESETS.iter().find(|p| p.key == key).map(|p| {
                                (p.renditions)().iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(" · ")
                            });
                            view! {
                                <label class="flex items-start gap-2 text-sm">
                                    <input type="radio" name="preset" value=key checked={key == typed_preset} data-testid=format!("preset-{key}")/>
                                    <span>
                                        {move || preset_label(i18n.get_locale(), key)}
                                        {summary.map(|s| view! { <span class="block text-xs text-slate-500 dark:text-slate-400" translate="no">{s}</span> })}
                                    </span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="btn-primary" data-testid="create-group-submit">{t!(i18n, templates.create.submit)}</button>
            </ActionForm>
            <FormMessage value=move || create.value().get()/>
        </details>
    }
}

/// An opened group: its renditions, rename, delete, and the rendition editor.
#[component]
fn GroupPanel(id: String, can: Can) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SaveRendition>::new();
    let remove = ServerAction::<DeleteRendition>::new();
    let rename = ServerAction::<RenameGroup>::new();
    let delete_group = ServerAction::<DeleteGroup>::new();
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let group_id = StoredValue::new(id.clone());
    let detail = Resource::new(
        move || (group_id.get_value(), fresh.get(), save.version().get(), remove.version().get(), rename.version().get()),
        |(id, fresh, ..)| template_group(id, fresh),
    );
    let navigate = leptos_router::hooks::use_navigate();
    let nav = navigate.clone();
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            nav(&format!("/templates?group={}&saved=1", group_id.get_value()), Default::default());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete_group.value().get() {
            navigate("/templates?removed=1", Default::default());
        }
    });
    let editing = Memo::new(move |_| query.with(|q| q.get("edit")));
    view! {
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(e) => view! { <h2 id="tg-group-title" class="sr-only">{t!(i18n, templates.group.title)}</h2><ErrorPanel error=e/> }.into_any(),
                    Ok(g) => {
                        let g = StoredValue::new(g);
                        let editable = g.with_value(|g| !g.row.locked && !g.row.is_special());
                        view! {
                            <div class="space-y-4">
                                <GroupHeader g can editable rename delete_group/>
                                <FormMessage value=move || remove.value().get()/>
                                <RenditionTable g can editable remove/>
                                {move || editing.get().map(|edit| view! { <EditorPanel g edit can editable save/> })}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupHeader(g: StoredValue<GroupDetail>, can: Can, editable: bool, rename: ServerAction<RenameGroup>, delete_group: ServerAction<DeleteGroup>) -> impl IntoView {
    let i18n = use_i18n();
    let d = g.get_value();
    let row = d.row.clone();
    let confirm_pattern = crate::ui::pattern_literal(&row.name);
    let (rename_id, rename_stamp, rename_name) = (row.id.clone(), d.stamp.clone(), row.name.clone());
    let (delete_id, delete_name) = (row.id.clone(), row.name.clone());
    view! {
        <div class="card space-y-3" data-testid="group-panel" data-id=row.id.clone() data-stamp=d.stamp.clone()>
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div>
                    <h2 id="tg-group-title" class="text-lg font-medium"><span translate="no">{row.name.clone()}</span></h2>
                    <p class="text-xs text-slate-500 dark:text-slate-400" translate="no">{row.id.clone()}</p>
                </div>
                <A href="/templates" attr:class="btn-ghost">{t!(i18n, templates.group.close)}</A>
            </div>
            {row.locked.then(|| view! { <p class="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="locked-note">{t!(i18n, templates.group.locked_note)}</p> })}
            {(row.is_special()).then(|| view! { <p class="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800">{t!(i18n, templates.group.special_note)}</p> })}
            {row.is_default.then(|| view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, templates.group.default_note)}</p> })}
            {(editable && can.update).then(|| view! {
                <details>
                    <summary class="btn-ghost cursor-pointer">{t!(i18n, templates.group.rename)}</summary>
                    <ActionForm action=rename attr:class="mt-2 flex flex-wrap items-end gap-2">
                        <input type="hidden" name="group_id" value=rename_id.clone()/>
                        <input type="hidden" name="stamp" value=rename_stamp.clone()/>
                        <div>
                            <label class="label" for="tg-rename">{t!(i18n, templates.field.group_name)}</label>
                            <input id="tg-rename" name="name" class="input" required autocomplete="off" value=rename_name.clone()/>
                        </div>
                        <button type="submit" class="btn-primary">{t!(i18n, templates.group.rename_submit)}</button>
                    </ActionForm>
                    <FormMessage value=move || rename.value().get()/>
                </details>
            })}
            {(editable && can.delete && !row.is_default).then(|| view! {
                <details data-testid="delete-group">
                    <summary class="btn-ghost cursor-pointer text-red-700 dark:text-red-300">{t!(i18n, templates.delete_group.open)}</summary>
                    <div class="mt-1 max-w-md rounded-md border border-red-200 p-2 text-sm dark:border-red-800">
                        <p>{move || t_string!(i18n, templates.delete_group.explain, n = g.with_value(|g| g.templates.len())).to_string()}</p>
                        <ActionForm action=delete_group attr:class="mt-2 space-y-2">
                            <input type="hidden" name="group_id" value=delete_id.clone()/>
                            <label class="label text-xs" for="tg-delete-confirm">{t!(i18n, templates.delete_group.type_name)}" "<q translate="no">{delete_name.clone()}</q></label>
                            <input id="tg-delete-confirm" name="confirm" class="input py-1" required autocomplete="off" pattern=confirm_pattern data-testid="delete-group-name"/>
                            <button type="submit" class="inline-flex items-center rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-700" data-testid="confirm-delete-group">{t!(i18n, templates.delete_group.confirm)}</button>
                        </ActionForm>
                        <FormMessage value=move || delete_group.value().get()/>
                    </div>
                </details>
            })}
        </div>
    }
}


/// "H.264 1500 Kbps 1280×720" — a rendition's video in a few words.
fn video_words(r: &Rendition) -> String {
    if r.video_remove == "true" {
        return "—".into();
    }
    let mut parts = vec![r.video_codec.clone()];
    if !r.video_bitrate.is_empty() {
        parts.push(format!("{} Kbps", r.video_bitrate));
    }
    if !r.width.is_empty() || !r.height.is_empty() {
        let dim = |v: &str| if v.is_empty() { "auto".to_string() } else { v.to_string() };
        parts.push(format!("{}×{}", dim(&r.width), dim(&r.height)));
    }
    parts.join(" ")
}

fn audio_words(r: &Rendition) -> String {
    if r.audio_remove == "true" {
        return "—".into();
    }
    let mut parts = vec![r.audio_codec.clone()];
    if !r.audio_bitrate.is_empty() {
        parts.push(format!("{} Kbps", r.audio_bitrate));
    }
    parts.join(" ")
}

#[component]
fn RenditionTable(g: StoredValue<GroupDetail>, can: Can, editable: bool, remove: ServerAction<DeleteRendition>) -> impl IntoView {
    let i18n = use_i18n();
    let d = g.get_value();
    let group_id = d.row.id.clone();
    let stamp = d.stamp.clone();
    let n = d.templates.len();
    view! {
        <div class="card space-y-2">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h3 class="font-medium">{move || t_string!(i18n, templates.group.renditions, n, max = TEMPLATES_MAX).to_string()}</h3>
                {(editable && can.add && n < TEMPLATES_MAX).then(|| view! {
                    <A href=format!("/templates?group={group_id}&edit=new") attr:class="btn-primary" attr:data-testid="add-rendition">{t!(i18n, templates.group.add_rendition)}</A>
                })}
            </div>
            {if d.templates.is_empty() {
                view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, templates.group.no_renditions)}</p> }.into_any()
            } else {
                view! {
                    <div class="overflow-x-auto">
                        <table class="table" data-testid="rendition-table">
                            <thead><tr>
                                <th scope="col">{t!(i18n, templates.field.name)}</th>
                                <th scope="col">{t!(i18n, templates.field.definition)}</th>
                                <th scope="col">{t!(i18n, templates.field.format)}</th>
                                <th scope="col">{t!(i18n, templates.group.video)}</th>
                                <th scope="col">{t!(i18n, templates.group.audio)}</th>
                                <th scope="col">{t!(i18n, templates.field.watermarks)}</th>
                                <th scope="col"><span class="sr-only">{t!(i18n, templates.groups.actions)}</span></th>
                            </tr></thead>
                            <tbody>
                                {d.templates.iter().map(|r| {
                                    let href = format!("/templates?group={}&edit={}", d.row.id, r.id);
                                    let name_id = format!("tr-name-{}", r.id);
                                    let edit_id = format!("tr-edit-{}", r.id);
                                    let marks = r.marks().len();
                                    let (gid, stamp, tid) = (d.row.id.clone(), stamp.clone(), r.id.clone());
                                    view! {
                                        <tr data-testid="rendition-row" data-id=r.id.clone()>
                                            <th scope="row" class="font-medium"><span id=name_id.clone() translate="no">{r.name.clone()}</span></th>
                                            <td translate="no">{r.definition.clone()}</td>
                                            <td translate="no">{r.format.clone()}</td>
                                            <td class="text-sm" translate="no">{video_words(r)}</td>
                                            <td class="text-sm" translate="no">{audio_words(r)}</td>
                                            <td class="text-right tabular-nums">{marks}</td>
                                            <td class="space-y-1 text-sm">
                                                <A href=href attr:class="btn-ghost" attr:id=edit_id.clone() attr:aria-labelledby=format!("{edit_id} {name_id}") attr:data-testid="edit-rendition">
                                                    {move || if editable && can.update { t_string!(i18n, templates.group.edit) } else { t_string!(i18n, templates.group.view) }}
                                                </A>
                                                {(editable && can.delete).then(|| view! {
                                                    <details data-testid="delete-rendition">
                                                        <summary class="btn-ghost cursor-pointer text-red-700 dark:text-red-300">{t!(i18n, templates.group.delete_rendition)}</summary>
                                                        <div class="mt-1 max-w-xs rounded-md border border-red-200 p-2 text-xs dark:border-red-800">
                                                            <p>{t!(i18n, templates.group.delete_rendition_explain)}</p>
                                                            <ActionForm action=remove attr:class="mt-2">
                                                                <input type="hidden" name="group_id" value=gid/>
                                                                <input type="hidden" name="stamp" value=stamp/>
                                                                <input type="hidden" name="template_id" value=tid/>
                                                                <button type="submit" class="inline-flex items-center rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-700" data-testid="confirm-delete-rendition">{t!(i18n, templates.group.delete_rendition_confirm)}</button>
                                                            </ActionForm>
                                                        </div>
                                                    </details>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn EditorPanel(g: StoredValue<GroupDetail>, edit: String, can: Can, editable: bool, save: ServerAction<SaveRendition>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let typed = query.with_untracked(typed_rendition);
    let original = if edit == "new" { None } else { g.with_value(|g| g.templates.iter().find(|t| t.id == edit).cloned()) };
    if edit != "new" && original.is_none() {
        let e = crate::error::AppError::NotFound(t_string!(i18n, templates.vod.template_not_found).to_string());
        return view! { <ErrorPanel error=e/> }.into_any();
    }
    let start = match (&typed, &original) {
        (Some(t), _) => t.clone(),
        (None, Some(o)) => o.clone(),
        (None, None) => vod::transcode::blank(),
    };
    let allowed = editable && if original.is_some() { can.update } else { can.add };
    view! { <RenditionEditor g original start allowed save/> }.into_any()
}

/// One labelled field of the rendition editor (a text input, or a select when `options`
/// are given), with the sentence when it breaks a rule.
#[component]
fn RField(
    form: RwSignal<Rendition>,
    problem: Memo<Option<Problem>>,
    field: &'static str,
    #[prop(optional)] options: Option<&'static [&'static str]>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] disabled: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wire = vod::transcode::wire_of(field).unwrap_or(field);
    let id = format!("tr-{field}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let broken = move || problem.with(|p| p.is_some_and(|p| p.field == wire));
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if broken() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let value_now = move || form.with(|f| f.get(field).cloned().unwrap_or_default());
    let initial = form.with_untracked(|f| f.get(field).cloned().unwrap_or_default());
    let set = move |v: String| form.update(|f| if let Some(s) = f.get_mut(field) { *s = v });
    let name = format!("form[{field}]");
    let control = match options {
        Some(values) => view! {
            <select id=id.clone() name=name class="input" disabled=disabled data-testid=format!("field-{field}")
                aria-invalid=move || broken().then_some("true") aria-describedby=described.clone()
                on:change=move |ev| set(event_target_value(&ev))>
                <option value="" selected=initial.is_empty()>{move || t_string!(i18n, templates.editor.not_set)}</option>
                {values.iter().map(|v| {
                    let selected = initial.eq_ignore_ascii_case(v);
                    view! { <option value=*v selected=selected prop:selected=move || value_now().eq_ignore_ascii_case(v) translate="no">{*v}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() name=name class="input" autocomplete="off" inputmode=inputmode disabled=disabled
                data-testid=format!("field-{field}")
                aria-invalid=move || broken().then_some("true") aria-describedby=described.clone()
                value=initial.clone()
                prop:value=value_now
                on:input=move |ev| set(event_target_value(&ev))/>
        }
        .into_any(),
    };
    let hint_text = move || match hint {
        Some("clip") => t_string!(i18n, templates.editor.hint_clip).to_string(),
        Some("path") => t_string!(i18n, templates.editor.hint_path).to_string(),
        Some("dimension") => t_string!(i18n, templates.editor.hint_dimension).to_string(),
        Some("bandwidth") => t_string!(i18n, templates.editor.hint_bandwidth).to_string(),
        _ => String::new(),
    };
    view! {
        <div>
            <label class="label" for=id.clone()>{move || field_label(i18n.get_locale(), wire)}</label>
            {control}
            {hint.map(|_| view! { <p id=hint_id.clone() class="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint_text}</p> })}
            {move || problem.get().filter(|p| p.field == wire).map(|p| view! {
                <p id=err_id.clone() class="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="field-error">{move || rule_text(i18n.get_locale(), p.rule)}</p>
            })}
        </div>
    }
}

#[component]
fn RenditionEditor(g: StoredValue<GroupDetail>, original: Option<Rendition>, start: Rendition, allowed: bool, save: ServerAction<SaveRendition>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let adding = original.is_none();
    let form = RwSignal::new(start);
    let problem = Memo::new(move |_| form.with(|f| f.check(adding).err()));
    let original = StoredValue::new(original.unwrap_or_default());
    let changes = Memo::new(move |_| {
        form.with(|f| {
            let mut sent = f.clone();
            if !adding {
                sent.definition = original.with_value(|o| o.definition.clone());
            }
            original.with_value(|o| diff(o, &sent))
        })
    });
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let reviewing = query.with_untracked(|q| q.get("review").is_some());
    let (group_id, stamp, marks) = g.with_value(|g| (g.row.id.clone(), g.stamp.clone(), g.marks.clone()));
    let cancel = format!("/templates?group={group_id}");
    let disabled = !allowed;
    let title = move || match adding {
        true => t_string!(i18n, templates.editor.new_title).to_string(),
        false => original.with_value(|o| t_string!(i18n, templates.editor.edit_title, name = o.name.as_str()).to_string()),
    };
    let marks = StoredValue::new(marks);
    view! {
        <div class="card space-y-4" data-testid="rendition-editor">
            <div class="flex items-start justify-between gap-2">
                <h3 class="text-lg font-medium" translate="no">{title}</h3>
                <A href=cancel.clone() attr:class="btn-ghost">{t!(i18n, templates.editor.cancel)}</A>
            </div>
            {(!allowed).then(|| view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="read-only">{t!(i18n, templates.editor.read_only)}</p> })}
            <ActionForm action=save attr:class="space-y-4" attr:data-testid="rendition-form">
                <input type="hidden" name="group_id" value=group_id.clone()/>
                <input type="hidden" name="stamp" value=stamp/>
                <input type="hidden" name="form[id]" value=form.with_untracked(|f| f.id.clone())/>
                <input type="hidden" name="group" value=group_id.clone()/>
                <input type="hidden" name="edit" value=if adding { "new".to_string() } else { form.with_untracked(|f| f.id.clone()) }/>
                <fieldset class="grid gap-3 sm:grid-cols-2" disabled=disabled>
                    <legend class="sr-only">{t!(i18n, templates.editor.general)}</legend>
                    <RField form problem field="name"/>
                    <RField form problem field="definition" options=DEFINITIONS disabled={!adding}/>
                    <RField form problem field="kind" options=vod::transcode::TYPES/>
                    <RField form problem field="format" options=FORMATS/>
                </fieldset>
                <fieldset class="grid gap-3 sm:grid-cols-3" disabled=disabled>
                    <legend class="label">{t!(i18n, templates.group.video)}</legend>
                    <RField form problem field="video_codec" options=vod::transcode::VIDEO_CODECS/>
                    <RField form problem field="video_bitrate" inputmode="numeric"/>
                    <RField form problem field="profile" options=vod::transcode::PROFILES/>
                    <RField form problem field="width" inputmode="numeric" hint="dimension"/>
                    <RField form problem field="height" inputmode="numeric" hint="dimension"/>
                    <RField form problem field="fps" inputmode="decimal"/>
                    <RField form problem field="gop" inputmode="numeric"/>
                    <RField form problem field="video_remove" options=BOOLS/>
                </fieldset>
                <fieldset class="grid gap-3 sm:grid-cols-3" disabled=disabled>
                    <legend class="label">{t!(i18n, templates.group.audio)}</legend>
                    <RField form problem field="audio_codec" options=vod::transcode::AUDIO_CODECS/>
                    <RField form problem field="audio_bitrate" inputmode="numeric"/>
                    <RField form problem field="samplerate" options=vod::transcode::SAMPLE_RATES/>
                    <RField form problem field="channels" options=vod::transcode::AAC_CHANNELS/>
                    <RField form problem field="audio_remove" options=BOOLS/>
                </fieldset>
                <fieldset class="grid gap-3 sm:grid-cols-2" disabled=disabled>
                    <legend class="label">{t!(i18n, templates.editor.output)}</legend>
                    <RField form problem field="segment" inputmode="numeric"/>
                    <RField form problem field="encrypt" options=vod::transcode::ENCRYPT_TYPES/>
                    <RField form problem field="bandwidth" inputmode="numeric" hint="bandwidth"/>
                    <RField form problem field="rotate" inputmode="decimal"/>
                    <RField form problem field="clip_seek" hint="clip"/>
                    <RField form problem field="clip_duration" hint="clip"/>
                    <RField form problem field="file_regular" hint="path"/>
                </fieldset>
                <fieldset class="grid gap-3 sm:grid-cols-2" disabled=disabled>
                    <legend class="label">{t!(i18n, templates.field.watermarks)}</legend>
                    {(0..vod::transcode::WATERMARKS_MAX).map(|i| {
                        let current = form.with_untracked(|f| f.watermark_ids.get(i).cloned().unwrap_or_default());
                        let id = format!("tr-mark-{i}");
                        view! {
                            <div>
                                <label class="label" for=id.clone()>{move || t_string!(i18n, templates.editor.mark_slot, n = i + 1).to_string()}</label>
                                <select id=id name=format!("form[watermark_ids][{i}]") class="input" data-testid=format!("field-mark-{i}")
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        form.update(|f| {
                                            while f.watermark_ids.len() <= i { f.watermark_ids.push(String::new()); }
                                            f.watermark_ids[i] = v;
                                        })
                                    }>
                                    <option value="" selected=current.is_empty()>{move || t_string!(i18n, templates.editor.no_mark)}</option>
                                    <option value=USER_DEFAULT_WATERMARK selected={current == USER_DEFAULT_WATERMARK}>{move || t_string!(i18n, templates.editor.default_mark)}</option>
                                    {marks.get_value().into_iter().map(|m| {
                                        let selected = current == m.id;
                                        view! { <option value=m.id.clone() selected=selected translate="no">{m.name.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <DiffPanel changes adding/>
                {move || problem.get().map(|p| view! {
                    <p role="alert" class="form-error" data-testid="editor-problem">{move || problem_text(i18n.get_locale(), &p)}</p>
                })}
                {allowed.then(|| view! {
                    <div class="flex flex-wrap items-center gap-2">
                        // Without JavaScript the diff is shown by a round trip first.
                        <Show when=move || hydrated.get() || reviewing>
                            <button type="submit" class="btn-primary" data-testid="save-rendition"
                                disabled=move || hydrated.get() && (problem.with(Option::is_some) || changes.with(Vec::is_empty))>
                                {move || if adding { t_string!(i18n, templates.editor.add) } else { t_string!(i18n, templates.editor.save) }}
                            </button>
                        </Show>
                        <Show when=move || !hydrated.get()>
                            <button type="submit" formmethod="get" formaction="/templates" formnovalidate class="btn-ghost" name="review" value="1">{t!(i18n, templates.editor.review)}</button>
                        </Show>
                    </div>
                })}
            </ActionForm>
            <FormMessage value=move || save.value().get()/>
        </div>
    }
}

/// The field-by-field diff of what a save will send.
#[component]
fn DiffPanel(changes: Memo<Vec<Change>>, adding: bool) -> impl IntoView {
    let i18n = use_i18n();
    let show = move |v: &str| if v.is_empty() { t_string!(i18n, templates.editor.not_set).to_string() } else { v.to_string() };
    view! {
        <section class="rounded-md border border-slate-200 p-3 dark:border-slate-700" aria-labelledby="tr-diff-title" data-testid="diff">
            <h4 id="tr-diff-title" class="text-sm font-medium">{move || if adding { t_string!(i18n, templates.editor.diff_new) } else { t_string!(i18n, templates.editor.diff_title) }}</h4>
            {move || {
                let list = changes.get();
                if list.is_empty() {
                    view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="diff-empty">{t!(i18n, templates.editor.diff_none)}</p> }.into_any()
                } else {
                    view! {
                        <table class="mt-2 w-full text-sm">
                            <thead><tr class="text-left text-xs text-slate-500 dark:text-slate-400">
                                <th scope="col">{t!(i18n, templates.editor.diff_field)}</th>
                                <th scope="col">{t!(i18n, templates.editor.diff_was)}</th>
                                <th scope="col">{t!(i18n, templates.editor.diff_now)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|c| {
                                    let field = c.field.clone();
                                    view! {
                                        <tr data-testid="diff-row" data-field=c.field.clone()>
                                            <th scope="row" class="pr-2 text-left font-normal">{move || field_label(i18n.get_locale(), &field)}" "<code class="text-xs text-slate-500 dark:text-slate-400" translate="no">{c.field.clone()}</code></th>
                                            <td class="pr-2 text-red-700 line-through dark:text-red-300" translate="no">{show(&c.was)}</td>
                                            <td class="text-emerald-700 dark:text-emerald-300" translate="no">{show(&c.now)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SnapshotsTab(can: Can) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SaveSnapshot>::new();
    let remove = ServerAction::<DeleteSnapshot>::new();
    let overview = Resource::new(move || (save.version().get(), remove.version().get()), |_| list_templates(false));
    let editing = Memo::new(move |_| query.with(|q| q.get("snapshot")));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            navigate(&format!("/templates/snapshots?snapshot={id}&saved=1"), Default::default());
        }
    });
    view! {
        {move || query.with(|q| notice(q, i18n.get_locale())).map(|n| view! { <p role="status" class="form-ok mb-4">{n}</p> })}
        <FormMessage value=move || remove.value().get()/>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(data) => {
                        let list = StoredValue::new(data.snapshots);
                        view! {
                            <div class="grid gap-6 xl:grid-cols-2">
                                <section aria-labelledby="ts-title" class="space-y-3">
                                    <h2 id="ts-title" class="text-lg font-medium">{t!(i18n, templates.snapshots.title)}</h2>
                                    <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, templates.snapshots.intro)}</p>
                                    {can.snapshots.then(|| view! {
                                        <div class="flex flex-wrap gap-2">
                                            <A href="/templates/snapshots?snapshot=new" attr:class="btn-primary" attr:data-testid="new-snapshot">{t!(i18n, templates.snapshots.new)}</A>
                                            <A href="/templates/snapshots?snapshot=new-animated" attr:class="btn-ghost" attr:data-testid="new-animated">{t!(i18n, templates.snapshots.new_animated)}</A>
                                        </div>
                                    })}
                                    <SnapshotTable list can remove/>
                                </section>
                                <section aria-labelledby="ts-editor-title">
                                    {move || match editing.get() {
                                        Some(id) => {
                                            let found = if id == "new" { Some(SnapshotForm::new()) } else if id == "new-animated" { Some(SnapshotForm::new_animated()) } else { list.with_value(|l| l.iter().find(|s| s.id == id).map(|s| s.form.clone())) };
                                            match found {
                                                Some(start) => view! { <SnapshotEditor start can save/> }.into_any(),
                                                None => view! { <h2 id="ts-editor-title" class="sr-only">{t!(i18n, templates.snapshots.title)}</h2><p class="card">{t!(i18n, templates.vod.snapshot_not_found)}</p> }.into_any(),
                                            }
                                        }
                                        None => view! { <h2 id="ts-editor-title" class="sr-only">{t!(i18n, templates.snapshots.title)}</h2> }.into_any(),
                                    }}
                                </section>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SnapshotTable(list: StoredValue<Vec<SnapshotTemplate>>, can: Can, remove: ServerAction<DeleteSnapshot>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = move |s: &SnapshotForm| {
        if s.is_animated() {
            t_string!(i18n, templates.snapshots.animated)
        } else if s.is_sprite() {
            t_string!(i18n, templates.snapshots.sprite)
        } else {
            t_string!(i18n, templates.snapshots.normal)
        }
    };
    view! {
        <div class="overflow-x-auto">
            <table class="table" data-testid="snapshot-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, templates.field.name)}</th>
                    <th scope="col">{t!(i18n, templates.field.snapshot_type)}</th>
                    <th scope="col">{t!(i18n, templates.snapshots.what)}</th>
                    <th scope="col"><span class="sr-only">{t!(i18n, templates.groups.actions)}</span></th>
                </tr></thead>
                <tbody>
                    {list.get_value().into_iter().map(|s| {
                        let f = s.form.clone();
                        let (count, interval) = (f.count.clone(), f.interval.clone());
                        let name_id = format!("ts-name-{}", s.id);
                        let edit_id = format!("ts-edit-{}", s.id);
                        let f2 = f.clone();
                        let f3 = f.clone();
                        let delete_id = s.id.clone();
                        view! {
                            <tr data-testid="snapshot-row" data-id=s.id.clone()>
                                <th scope="row" class="font-medium">
                                    <span id=name_id.clone() translate="no">{f.name.clone()}</span>
                                    {s.is_default.then(|| view! { <span class="badge ml-2 bg-blue-50 text-blue-800 ring-blue-300 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-700">{t!(i18n, templates.groups.default)}</span> })}
                                </th>
                                <td>{move || kind(&f2)}</td>
                                <td class="text-sm">{move || if f3.is_animated() {
                                    t_string!(i18n, templates.snapshots.animated_summary, format = f3.format.as_str(), width = f3.width.as_str(), height = f3.height.as_str(), duration = f3.duration.as_str(), seek = f3.seek.as_str()).to_string()
                                } else {
                                    t_string!(i18n, templates.snapshots.summary, count = count.as_str(), interval = interval.as_str()).to_string()
                                }}</td>
                                <td class="space-y-1 text-sm">
                                    <A href=format!("/templates/snapshots?snapshot={}", s.id) attr:class="btn-ghost" attr:id=edit_id.clone() attr:aria-labelledby=format!("{edit_id} {name_id}")>{t!(i18n, templates.group.edit)}</A>
                                    {can.snapshots.then(|| view! {
                                        <details>
                                            <summary class="btn-ghost cursor-pointer text-red-700 dark:text-red-300">{t!(i18n, templates.snapshots.delete)}</summary>
                                            <ActionForm action=remove attr:class="mt-1">
                                                <input type="hidden" name="id" value=delete_id.clone()/>
                                                <button type="submit" class="inline-flex items-center rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-700" data-testid="confirm-delete-snapshot">{t!(i18n, templates.snapshots.delete_confirm)}</button>
                                            </ActionForm>
                                        </details>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn SnapshotEditor(start: SnapshotForm, can: Can, save: ServerAction<SaveSnapshot>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // What was typed before a refused save without JavaScript.
    let start = query.with_untracked(|q| {
        if q.get("form[name]").is_none() {
            return start.clone();
        }
        let mut f = start.clone();
        for (field, _) in SNAPSHOT_FIELDS {
            if let Some(slot) = f.get_mut(field) {
                *slot = q.get(&format!("form[{field}]")).unwrap_or_default();
            }
        }
        f
    });
    let is_new = start.id.is_empty();
    let animated = start.is_animated();
    let form = RwSignal::new(start);
    let problem = Memo::new(move |_| form.with(|f| f.check().err()));
    let field = move |name: &'static str, wire: &'static str| {
        let id = format!("ts-{name}");
        view! {
            <div>
                <label class="label" for=id.clone()>{move || field_label(i18n.get_locale(), wire)}</label>
                <input id=id name=format!("form[{name}]") class="input" autocomplete="off" data-testid=format!("snap-{name}")
                    aria-invalid=move || problem.with(|p| p.is_some_and(|p| p.field == wire)).then_some("true")
                    value=form.with_untracked(|f| f.get(name).to_string())
                    prop:value=move || form.with(|f| f.get(name).to_string())
                    on:input=move |ev| form.update(|f| if let Some(s) = f.get_mut(name) { *s = event_target_value(&ev) })/>
            </div>
        }
    };
    let choice = move |name: &'static str, wire: &'static str, values: &'static [&'static str]| {
        let id = format!("ts-{name}");
        let current = form.with_untracked(|f| f.get(name).to_string());
        view! {
            <div>
                <label class="label" for=id.clone()>{move || field_label(i18n.get_locale(), wire)}</label>
                <select id=id name=format!("form[{name}]") class="input" data-testid=format!("snap-{name}")
                    on:change=move |ev| form.update(|f| if let Some(s) = f.get_mut(name) { *s = event_target_value(&ev) })>
                    {values.iter().map(|v| view! { <option value=*v selected={current == *v} translate="no">{*v}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <div class="card space-y-3" data-testid="snapshot-editor">
            <div class="flex items-start justify-between gap-2">
                <h2 id="ts-editor-title" class="text-lg font-medium">{move || match (is_new, animated) {
                    (true, false) => t_string!(i18n, templates.snapshots.new),
                    (true, true) => t_string!(i18n, templates.snapshots.new_animated),
                    (false, false) => t_string!(i18n, templates.snapshots.edit),
                    (false, true) => t_string!(i18n, templates.snapshots.edit_animated),
                }}</h2>
                <A href="/templates/snapshots" attr:class="btn-ghost">{t!(i18n, templates.editor.cancel)}</A>
            </div>
            <ActionForm action=save attr:class="space-y-3">
                <input type="hidden" name="form[id]" value=form.with_untracked(|f| f.id.clone())/>
                <input type="hidden" name="form[template_type]" value=form.with_untracked(|f| f.kind())/>
                {field("name", "Name")}
                {if animated {
                    view! {
                        <div class="grid gap-3 sm:grid-cols-2">
                            {field("width", "Video.Width")}
                            {field("height", "Video.Height")}
                            {field("fps", "Video.Fps")}
                            {choice("format", "Container.Format", vod::transcode::ANIMATED_FORMATS)}
                            {field("seek", "Clip.TimeSpan.Seek")}
                            {field("duration", "Clip.TimeSpan.Duration")}
                            {choice("set_default_cover", "SetDefaultCover", vod::transcode::BOOLEANS)}
                        </div>
                        <p class="text-xs text-slate-500 dark:text-slate-400">{t!(i18n, templates.snapshots.animated_hint)}</p>
                    }.into_any()
                } else {
                    view! {
                        <div class="grid gap-3 sm:grid-cols-2">
                            {choice("snapshot_type", "SnapshotType", &["NormalSnapshot", "SpriteSnapshot"])}
                            {choice("frame_type", "FrameType", &["intra", "normal"])}
                            {field("count", "Count")}
                            {field("interval", "Interval")}
                            {field("offset", "SpecifiedOffsetTime")}
                            {field("width", "Width")}
                            {field("height", "Height")}
                            {field("columns", "SpriteSnapshotConfig.Columns")}
                            {field("lines", "SpriteSnapshotConfig.Lines")}
                        </div>
                    }.into_any()
                }}
                {move || problem.get().map(|p| view! { <p role="alert" class="form-error" data-testid="snapshot-problem">{move || problem_text(i18n.get_locale(), &p)}</p> })}
                {can.snapshots.then(|| view! { <button type="submit" class="btn-primary" data-testid="save-snapshot">{t!(i18n, templates.editor.save)}</button> })}
            </ActionForm>
            <FormMessage value=move || save.value().get()/>
        </div>
    }
}

#[component]
fn JobsTab(can: Can) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let submit = ServerAction::<SubmitTranscode>::new();
    let videos = Memo::new(move |_| query.with(|q| q.get("videos").unwrap_or_default()));
    let task_id = Memo::new(move |_| query.with(|q| q.get("task").filter(|t| !t.trim().is_empty())));
    let tick = RwSignal::new(0u32);
    let jobs = Resource::new(move || (videos.get(), submit.version().get(), tick.get()), |(v, ..)| transcode_jobs(v));
    let groups = Resource::new(|| (), |_| list_templates(false));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(results)) = submit.value().get() {
            let ids: Vec<String> = results.iter().map(|r| r.video_id.clone()).collect();
            navigate(&format!("/templates/jobs?videos={}", ids.join(",")), Default::default());
        }
    });
    // Live progress: while a job runs, read again every two seconds.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let running = jobs.get().and_then(Result::ok).is_some_and(|j| j.videos.iter().any(VideoTranscode::is_running));
        if running {
            set_timeout(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(2));
        }
    });
    let typed_videos = query.with_untracked(|q| q.get("videos")).unwrap_or_default().replace(',', "\n");
    let submitted = query.with_untracked(|q| q.get("submitted").map(|n| (n, q.get("failed").unwrap_or_default())));
    view! {
        <div class="grid gap-6 xl:grid-cols-[minmax(0,4fr)_minmax(0,8fr)]">
            <section aria-labelledby="tj-submit-title" class="card space-y-3">
                <h2 id="tj-submit-title" class="text-lg font-medium">{t!(i18n, templates.jobs.submit_title)}</h2>
                {if can.submit {
                    view! {
                        <ActionForm action=submit attr:class="space-y-3">
                            <div>
                                <label class="label" for="tj-videos">{t!(i18n, templates.jobs.videos)}</label>
                                <textarea id="tj-videos" name="videos" rows="4" class="input font-mono text-xs" required data-testid="job-videos" aria-describedby="tj-videos-hint">{typed_videos}</textarea>
                                <p id="tj-videos-hint" class="mt-1 text-xs text-slate-500 dark:text-slate-400">{move || t_string!(i18n, templates.jobs.videos_hint, max = JOB_VIDEOS_MAX).to_string()}</p>
                            </div>
                            <div>
                                <label class="label" for="tj-group">{t!(i18n, templates.jobs.group)}</label>
                                <Suspense fallback=|| view! { <Spinner/> }>
                                    {move || Suspend::new(async move {
                                        let options = groups.await.map(|o| o.groups.into_iter().filter(|g| !g.is_special()).collect::<Vec<_>>()).unwrap_or_default();
                                        view! {
                                            <select id="tj-group" name="group_id" class="input" data-testid="job-group">
                                                {options.into_iter().map(|g| view! {
                                                    <option value=g.id.clone() selected=g.is_default translate="no">{g.name.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                        }
                                    })}
                                </Suspense>
                            </div>
                            <button type="submit" class="btn-primary" data-testid="submit-jobs">{t!(i18n, templates.jobs.submit)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, templates.jobs.cannot_submit)}</p> }.into_any()
                }}
                {move || submit.value().get().map(|r| match r {
                    Ok(results) => view! { <SubmitResults results/> }.into_any(),
                    Err(e) => view! { <p role="alert" class="form-error">{e.localized_with_detail(i18n.get_locale())}</p> }.into_any(),
                })}
                {submitted.map(|(n, failed)| view! { <p role="status" class="form-ok">{move || t_string!(i18n, templates.jobs.submitted_plain, n = n.as_str(), failed = failed.as_str()).to_string()}</p> })}
            </section>
            <section aria-labelledby="tj-list-title" class="space-y-3">
                <div class="flex flex-wrap items-center justify-between gap-2">
                    <h2 id="tj-list-title" class="text-lg font-medium">{t!(i18n, templates.jobs.title)}</h2>
                    <a href=move || format!("/templates/jobs?videos={}", videos.get()) class="btn-ghost">{t!(i18n, templates.jobs.refresh)}</a>
                </div>
                {move || task_id.get().map(|id| view! { <TaskPanel id videos=videos.get() tick/> })}
                <Transition fallback=|| view! { <Spinner/> }>
                    {move || Suspend::new(async move {
                        match jobs.await {
                            Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                            Ok(view_) if view_.videos.is_empty() && view_.unknown.is_empty() => view! {
                                <p class="card text-slate-600 dark:text-slate-400">{t!(i18n, templates.jobs.none)}</p>
                            }.into_any(),
                            Ok(view_) => view! { <JobList data=view_ videos=videos.get_untracked()/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}

#[component]
fn SubmitResults(results: Vec<SubmitOutcome>) -> impl IntoView {
    let i18n = use_i18n();
    let ok = results.iter().filter(|r| r.ok).count();
    let n = results.len();
    view! {
        <div role="status" data-testid="submit-results">
            <p class="text-sm font-medium">{move || t_string!(i18n, templates.jobs.submitted, ok, n).to_string()}</p>
            <ul class="mt-1 space-y-1 text-xs">
                {results.into_iter().map(|r| view! {
                    <li class={if r.ok { "text-emerald-700 dark:text-emerald-300" } else { "text-red-700 dark:text-red-300" }} data-ok=r.ok.to_string()>
                        <span translate="no">{r.video_id.clone()}</span>": "{r.detail.clone()}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn JobList(data: JobsView, videos: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = move |s: &str| job_status(i18n.get_locale(), s);
    view! {
        {(!data.unknown.is_empty()).then(|| {
            let ids = data.unknown.join(", ");
            view! { <p class="form-error">{t!(i18n, templates.jobs.unknown)}" "<span translate="no">{ids}</span></p> }
        })}
        {data.videos.into_iter().map(|v| {
            let progress = v.progress();
            let title_id = format!("tj-video-{}", v.video_id);
            let st = v.status.clone();
            view! {
                <article class="card space-y-2" data-testid="job-video" data-video=v.video_id.clone() data-status=v.status.clone() data-progress=progress.to_string() aria-labelledby=title_id.clone()>
                    <div class="flex flex-wrap items-baseline justify-between gap-2">
                        <h3 id=title_id.clone() class="font-medium">
                            <a class="link" href=format!("/media/video/{}", v.video_id) translate="no">{if v.title.is_empty() { v.video_id.clone() } else { v.title.clone() }}</a>
                        </h3>
                        <span class="text-sm">{move || status(&st)}</span>
                    </div>
                    <p class="text-xs text-slate-500 dark:text-slate-400">
                        <span translate="no">{v.group_name.clone()}</span>
                        {(!v.task_id.is_empty()).then(|| {
                            let href = format!("/templates/jobs?videos={}&task={}", videos, v.task_id);
                            view! { " · " <span translate="no">{v.task_id.clone()}</span>" · "<a class="link" href=href data-testid="task-link">{t!(i18n, templates.jobs.task_open)}</a> }
                        })}
                        {(!v.trigger.is_empty()).then(|| {
                            let manual = v.trigger == "Manual";
                            view! { " · " {move || if manual { t_string!(i18n, templates.jobs.manual) } else { t_string!(i18n, templates.jobs.auto) }} }
                        })}
                    </p>
                    <progress class="h-2 w-full" max="100" value=progress aria-labelledby=title_id.clone()>{format!("{progress}%")}</progress>
                    <table class="w-full text-sm">
                        <thead><tr class="text-left text-xs text-slate-500 dark:text-slate-400">
                            <th scope="col">{t!(i18n, templates.field.definition)}</th>
                            <th scope="col">{t!(i18n, templates.jobs.job_status)}</th>
                            <th scope="col" class="text-right">{t!(i18n, templates.jobs.progress)}</th>
                            <th scope="col">{t!(i18n, templates.jobs.output)}</th>
                        </tr></thead>
                        <tbody>
                            {v.jobs.into_iter().map(|j| {
                                let js = j.status.clone();
                                let size = j.size.map(|b| format!(" · {:.1} MB", b as f64 / 1_048_576.0)).unwrap_or_default();
                                view! {
                                    <tr data-testid="job-row" data-status=j.status.clone()>
                                        <td translate="no">{j.definition.clone()}</td>
                                        <td>{move || status(&js)}{(!j.error.is_empty()).then(|| view! { <span class="block text-xs text-red-700 dark:text-red-300" translate="no">{j.error.clone()}</span> })}</td>
                                        <td class="text-right tabular-nums">{format!("{}%", j.progress)}</td>
                                        <td class="text-xs" translate="no">{format!("{} {}{size}", j.format, j.resolution)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </article>
            }
        }).collect_view()}
    }
}

fn job_status(l: Locale, s: &str) -> &'static str {
    match s {
        "Processing" => td_string!(l, templates.jobs.status.Processing),
        "Partial" => td_string!(l, templates.jobs.status.Partial),
        "CompleteAllSucc" => td_string!(l, templates.jobs.status.CompleteAllSucc),
        "CompleteAllFail" => td_string!(l, templates.jobs.status.CompleteAllFail),
        "CompletePartialSucc" => td_string!(l, templates.jobs.status.CompletePartialSucc),
        "Transcoding" => td_string!(l, templates.jobs.status.Transcoding),
        "TranscodeSuccess" => td_string!(l, templates.jobs.status.TranscodeSuccess),
        "TranscodeFail" => td_string!(l, templates.jobs.status.TranscodeFail),
        _ => td_string!(l, templates.jobs.status.none),
    }
}

/// A transcoding task opened from the list (`?task=`): every job with its output file.
#[component]
fn TaskPanel(id: String, videos: String, tick: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    // Read again with the list while its jobs run.
    let task = Resource::new({ let id = id.clone(); move || (id.clone(), tick.get()) }, |(id, _)| transcode_task(id));
    let close = format!("/templates/jobs?videos={videos}");
    view! {
        <section class="card space-y-2" aria-labelledby="tj-task-title" data-testid="task-panel">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id="tj-task-title" class="font-medium">{move || t_string!(i18n, templates.jobs.task_title, id = id.as_str()).to_string()}</h3>
                <a class="link text-sm" href=close>{t!(i18n, templates.jobs.task_close)}</a>
            </div>
            <Transition fallback=|| view! { <Spinner/> }>
                {move || Suspend::new(async move {
                    match task.await {
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                        Ok(t) => view! { <TaskJobs t/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The output in words that need no translation: format, size in pixels, bitrate,
/// frame rate, length and file size.
fn output_words(j: &TaskJob) -> String {
    let mut parts: Vec<String> = [j.format.clone(), j.resolution.clone()].into_iter().filter(|s| !s.is_empty()).collect();
    parts.extend(j.bitrate_kbps.map(|b| format!("{b:.0} Kbps")));
    parts.extend(j.fps.map(|f| format!("{f:.0} fps")));
    parts.extend(j.duration_s.map(|d| format!("{d:.1} s")));
    parts.extend(j.size.map(|b| format!("{:.1} MB", b as f64 / 1_048_576.0)));
    parts.join(" · ")
}

#[component]
fn TaskJobs(t: TaskDetail) -> impl IntoView {
    let i18n = use_i18n();
    let st = t.status.clone();
    let (created, completed) = (t.created.clone(), t.completed.clone());
    view! {
        <p class="text-xs text-slate-500 dark:text-slate-400" data-testid="task-status" data-status=t.status.clone()>
            {move || job_status(i18n.get_locale(), &st)}" · "{t!(i18n, templates.jobs.started)}" "<LocalTime at=created/>
            {(!completed.is_empty()).then(|| view! { " · "{t!(i18n, templates.jobs.finished)}" "<LocalTime at=completed/> })}
        </p>
        <div class="overflow-x-auto">
            <table class="w-full text-sm" data-testid="task-jobs">
                <caption class="sr-only">{t!(i18n, templates.jobs.task_jobs)}</caption>
                <thead><tr class="text-left text-xs text-slate-500 dark:text-slate-400">
                    <th scope="col">{t!(i18n, templates.field.definition)}</th>
                    <th scope="col">{t!(i18n, templates.jobs.job_status)}</th>
                    <th scope="col">{t!(i18n, templates.jobs.output)}</th>
                    <th scope="col">{t!(i18n, templates.jobs.encryption)}" · "{t!(i18n, templates.jobs.watermarks)}</th>
                    <th scope="col">{t!(i18n, templates.jobs.file)}</th>
                </tr></thead>
                <tbody>
                    {t.jobs.into_iter().map(|j| {
                        let js = j.status.clone();
                        let output = output_words(&j);
                        let marks: Vec<String> = [j.encryption.clone()].into_iter().chain(j.watermarks.iter().cloned()).filter(|s| !s.is_empty()).collect();
                        let marks = if marks.is_empty() { "—".to_string() } else { marks.join(", ") };
                        let file = (!j.output_url.is_empty() && j.status == "TranscodeSuccess").then(|| j.output_url.clone());
                        view! {
                            <tr data-testid="task-job" data-status=j.status.clone() data-size=j.size.unwrap_or(0).to_string()>
                                <td translate="no" title=j.template_id>{j.definition}</td>
                                <td>{move || job_status(i18n.get_locale(), &js)}{format!(" {}%", j.progress)}
                                    {(!j.error.is_empty()).then(|| view! { <span class="block text-xs text-red-700 dark:text-red-300" translate="no">{j.error}</span> })}</td>
                                <td class="tabular-nums" translate="no">{output}</td>
                                <td translate="no">{marks}</td>
                                <td>{file.map(|href| view! { <a class="link" href=href rel="noreferrer" target="_blank">{t!(i18n, templates.jobs.open_file)}</a> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
