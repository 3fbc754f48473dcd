//! The watermarks page: every watermark with a thumbnail, the templates that stamp it
//! and its creation time; make one the default or delete it (each behind a disclosure
//! that says what it changes, which works with JavaScript off); and an editor for image
//! and text marks whose fields are checked as they are typed, with a preview that draws
//! the mark over a real video frame at a chosen output resolution, placed as VOD places
//! it (`vod::watermark`).
//!
//! What is being edited lives in the URL (`?edit=<id>`, `?new=Image`), and so does what
//! was typed when a save without JavaScript was refused or a preview asked for
//! (`form[...]`), so nothing typed is lost.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::watermarks::{list_watermarks, DeleteWatermark, SaveWatermark, SetDefaultWatermark};
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::watermark::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, PageHeader, Spinner};

/// What the person may do here.
#[derive(Clone, Copy)]
struct Can {
    add: bool,
    update: bool,
    delete: bool,
    set_default: bool,
}

/// The editor's starting point, from the URL.
#[derive(Clone, Debug, PartialEq)]
enum Editing {
    None,
    New(MarkKind),
    Existing(String),
    /// Values typed before (a refused save or a preview without JavaScript).
    Typed(WatermarkForm),
}

fn editing_from(q: &leptos_router::params::ParamsMap) -> Editing {
    if q.get("form[kind]").is_some() {
        let mut f = WatermarkForm::default();
        let get = |k: &str| q.get(&format!("form[{k}]")).unwrap_or_default();
        f.id = get("id");
        f.kind = get("kind");
        f.name = get("name");
        f.file_url = get("file_url");
        for wire in IMAGE_FIELDS.iter().chain(TEXT_FIELDS) {
            let key = WatermarkForm::input_name(wire).trim_start_matches("form[").trim_end_matches(']').to_string();
            if let Some(slot) = f.slot_mut(wire) {
                *slot = get(&key);
            }
        }
        return Editing::Typed(f);
    }
    if let Some(id) = q.get("edit").filter(|i| !i.is_empty()) {
        return Editing::Existing(id);
    }
    match q.get("new").as_deref().and_then(MarkKind::parse) {
        Some(kind) => Editing::New(kind),
        None => Editing::None,
    }
}

#[component]
pub fn WatermarksPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    if !me.can(crate::vod_permission!(ListWatermark)) {
        return view! {
            <PageHeader title=move || t_string!(i18n, watermarks.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: crate::vod_permission!(ListWatermark).to_string() }/>
        }
        .into_any();
    }
    let can = Can {
        add: me.can(crate::vod_permission!(AddWatermark)),
        update: me.can(crate::vod_permission!(UpdateWatermark)),
        delete: me.can(crate::vod_permission!(DeleteWatermark)),
        set_default: me.can(crate::vod_permission!(SetDefaultWatermark)),
    };
    let save = ServerAction::<SaveWatermark>::new();
    let delete = ServerAction::<DeleteWatermark>::new();
    let set_default = ServerAction::<SetDefaultWatermark>::new();
    let query = use_query_map();
    let fresh = Memo::new(move |_| query.with(|q| q.get("fresh").as_deref() == Some("1")));
    let list = Resource::new(
        move || (fresh.get(), save.version().get(), delete.version().get(), set_default.version().get()),
        |(fresh, ..)| list_watermarks(fresh),
    );
    let editing = Memo::new(move |_| query.with(editing_from));

    // Hydrated: after a save, edit what was saved; after a delete, close the editor.
    let navigate = leptos_router::hooks::use_navigate();
    let nav = navigate.clone();
    Effect::new(move |_| {
        if let Some(Ok(mark)) = save.value().get() {
            nav(&format!("/watermarks?edit={}&saved=1", mark.id), Default::default());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate("/watermarks?deleted=1", Default::default());
        }
    });

    let notice = move || {
        query.with(|q| {
            if q.get("deleted").is_some() {
                Some(t_string!(i18n, watermarks.delete.done).to_string())
            } else {
                None
            }
        })
    };

    view! {
        <PageHeader title=move || t_string!(i18n, watermarks.title) description=move || t_string!(i18n, watermarks.intro)/>
        {(can.add).then(|| view! {
            <div class="mb-4 flex flex-wrap gap-2">
                <A href="/watermarks?new=Image" attr:class="btn-primary" attr:data-testid="new-image">{t!(i18n, watermarks.new_image)}</A>
                <A href="/watermarks?new=Text" attr:class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" attr:data-testid="new-text">{t!(i18n, watermarks.new_text)}</A>
            </div>
        })}
        {move || notice().map(|n| view! { <p role="status" class="form-ok mb-4">{n}</p> })}
        <FormMessage value=move || set_default.value().get() success=move || t_string!(i18n, watermarks.set_default.done)/>
        <FormMessage value=move || delete.value().get()/>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(data) => {
                        let data = StoredValue::new(data);
                        view! {
                            <div class="grid gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
                                <section aria-labelledby="wm-list-title">
                                    <h2 id="wm-list-title" class="sr-only">{t!(i18n, watermarks.title)}</h2>
                                    <crate::ui::FreshnessNote age_secs=data.with_value(|d| d.cached_age_secs) reload_href="/watermarks?fresh=1".to_string()/>
                                    {data.with_value(|d| d.usage_error.clone()).map(|why| view! {
                                        <p class="form-error mb-2">{move || t_string!(i18n, watermarks.usage_unknown, why = why.clone()).to_string()}</p>
                                    })}
                                    <MarkTable data can set_default delete/>
                                </section>
                                <section aria-labelledby="wm-editor-title">
                                    {move || {
                                        let e = editing.get();
                                        view! { <EditorPanel editing=e data can save/> }
                                    }}
                                </section>
                            </div>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// A small picture of the mark: its image, or its text in its colour.
#[component]
fn Thumbnail(mark: Watermark) -> impl IntoView {
    match mark.kind {
        MarkKind::Image if !mark.file_url.ends_with(".mov") => view! {
            <span class="inline-flex h-10 w-20 items-center justify-center rounded bg-[repeating-conic-gradient(#cbd5e1_0_25%,#f8fafc_0_50%)] bg-[length:12px_12px] ring-1 ring-slate-200 dark:ring-slate-700">
                <img src=mark.file_url.clone() alt="" class="max-h-10 max-w-20 object-contain" loading="lazy"/>
            </span>
        }
        .into_any(),
        MarkKind::Image => view! {
            <span class="inline-flex h-10 w-20 items-center justify-center rounded bg-slate-200 text-xs dark:bg-slate-800">"MOV"</span>
        }
        .into_any(),
        MarkKind::Text => {
            // Drawn, not typeset: the sample is a picture of the mark in its own colour
            // (the name beside it is the text that reads).
            let color = mark.field("FontColor").and_then(vod::watermark::color_rgb).unwrap_or(0xffffff);
            let sample: String = mark.field("Content").unwrap_or_default().chars().take(12).collect();
            view! {
                <svg viewBox="0 0 80 40" class="h-10 w-20 rounded bg-slate-600" aria-hidden="true" translate="no">
                    <text x="4" y="25" font-size="12" fill=format!("#{color:06x}")>{sample}</text>
                </svg>
            }
            .into_any()
        }
    }
}

#[component]
fn MarkTable(
    data: StoredValue<WatermarkList>,
    can: Can,
    set_default: ServerAction<SetDefaultWatermark>,
    delete: ServerAction<DeleteWatermark>,
) -> impl IntoView {
    let i18n = use_i18n();
    let marks = data.with_value(|d| d.marks.clone());
    if marks.is_empty() {
        return view! { <p class="card text-slate-600 dark:text-slate-400">{t!(i18n, watermarks.empty)}</p> }.into_any();
    }
    let current_default = StoredValue::new(marks.iter().find(|m| m.is_default).cloned());
    view! {
        <div class="overflow-x-auto">
            <table class="table" data-testid="watermark-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, watermarks.table.preview)}</th>
                    <th scope="col">{t!(i18n, watermarks.table.name)}</th>
                    <th scope="col">{t!(i18n, watermarks.table.used_by)}</th>
                    <th scope="col">{t!(i18n, watermarks.table.created)}</th>
                    <th scope="col"><span class="sr-only">{t!(i18n, watermarks.table.actions)}</span></th>
                </tr></thead>
                <tbody>
                    {marks.into_iter().map(|m| view! { <MarkRow mark=m can set_default delete current_default/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn MarkRow(
    mark: Watermark,
    can: Can,
    set_default: ServerAction<SetDefaultWatermark>,
    delete: ServerAction<DeleteWatermark>,
    current_default: StoredValue<Option<Watermark>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mark = StoredValue::new(mark);
    let m = mark.get_value();
    let kind = m.kind;
    let n_used = m.used_by.len();
    let uses = m.used_by.clone();
    let edit_href = format!("/watermarks?edit={}", m.id);
    view! {
        <tr data-testid="watermark-row" data-id=m.id.clone() data-default=m.is_default.to_string()>
            <td><Thumbnail mark=m.clone()/></td>
            <th scope="row" class="font-medium">
                <span id=format!("wm-name-{}", m.id) translate="no">{m.name.clone()}</span>
                <span class="ml-2 text-xs text-slate-500 dark:text-slate-400">{move || match kind {
                    MarkKind::Image => t_string!(i18n, watermarks.kind.Image),
                    MarkKind::Text => t_string!(i18n, watermarks.kind.Text),
                }}</span>
                {m.is_default.then(|| view! {
                    <span class="badge ml-2 bg-blue-50 text-blue-800 ring-blue-300 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-700" data-testid="default-badge">{t!(i18n, watermarks.is_default)}</span>
                })}
            </th>
            <td class="text-sm">
                {if uses.is_empty() {
                    view! { <span class="text-slate-500 dark:text-slate-400">{t!(i18n, watermarks.used_by_none)}</span> }.into_any()
                } else {
                    view! {
                        <details>
                            <summary class="cursor-pointer focus-ring rounded" data-testid="used-by">{move || t_string!(i18n, watermarks.used_by, n = n_used).to_string()}</summary>
                            <UseList uses=uses.clone()/>
                        </details>
                    }.into_any()
                }}
            </td>
            <td class="text-sm text-slate-600 dark:text-slate-400"><LocalTime at=m.created.clone()/></td>
            <td class="space-y-1 text-sm">
                {(can.update || can.add).then(|| view! {
                    // Named "Edit <the mark's name>" by the two elements, the name kept as data.
                    <A href=edit_href.clone() attr:class="btn-ghost" attr:id=format!("wm-edit-{}", m.id)
                        attr:aria-labelledby=format!("wm-edit-{} wm-name-{}", m.id, m.id)>{t!(i18n, watermarks.edit)}</A>
                })}
                {(can.set_default && !m.is_default).then(|| view! { <SetDefaultControl mark set_default current_default/> })}
                {can.delete.then(|| view! { <DeleteControl mark delete/> })}
            </td>
        </tr>
    }
}

#[component]
fn UseList(uses: Vec<TemplateUse>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="mt-1 list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">
            {uses.into_iter().map(|u| view! {
                <li>
                    <span translate="no">{format!("{} · {}", u.group_name, u.template)}</span>
                    {u.via_default.then(|| view! { " " <span class="italic">{t!(i18n, watermarks.via_default)}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// "Make default", behind a disclosure that says what it changes.
#[component]
fn SetDefaultControl(mark: StoredValue<Watermark>, set_default: ServerAction<SetDefaultWatermark>, current_default: StoredValue<Option<Watermark>>) -> impl IntoView {
    let i18n = use_i18n();
    let m = mark.get_value();
    let explain = move || match current_default.get_value() {
        Some(d) => {
            let n = d.used_by.iter().filter(|u| u.via_default).count();
            t_string!(i18n, watermarks.set_default.explain, n).to_string()
        }
        None => t_string!(i18n, watermarks.set_default.explain_none).to_string(),
    };
    view! {
        <details data-testid="set-default">
            <summary class="btn-ghost cursor-pointer">{t!(i18n, watermarks.set_default.open)}</summary>
            <div class="mt-1 max-w-xs rounded-md border border-slate-200 p-2 text-xs dark:border-slate-700">
                <p>{explain}</p>
                <ActionForm action=set_default attr:class="mt-2">
                    <input type="hidden" name="id" value=m.id.clone()/>
                    <button type="submit" class="btn-primary py-1 text-xs" data-testid="confirm-default">{t!(i18n, watermarks.set_default.confirm)}</button>
                </ActionForm>
            </div>
        </details>
    }
}

/// "Delete", behind a disclosure: the file goes too, the templates that still use the
/// mark are listed, and then its name must be typed.
#[component]
fn DeleteControl(mark: StoredValue<Watermark>, delete: ServerAction<DeleteWatermark>) -> impl IntoView {
    let i18n = use_i18n();
    let m = mark.get_value();
    let input_id = format!("wm-confirm-{}", m.id);
    let (name1, name2) = (m.name.clone(), m.name.clone());
    let n = m.used_by.len();
    view! {
        <details data-testid="delete">
            <summary class="btn-ghost cursor-pointer text-red-700 dark:text-red-300">{t!(i18n, watermarks.delete.open)}</summary>
            <div class="mt-1 max-w-xs rounded-md border border-red-200 p-2 text-xs dark:border-red-800">
                {if m.is_default {
                    view! { <p>{t!(i18n, watermarks.delete.is_default)}</p> }.into_any()
                } else {
                    view! {
                        <p>{t!(i18n, watermarks.delete.explain)}</p>
                        {(n > 0).then(|| view! {
                            <p class="mt-1 font-medium">{move || t_string!(i18n, watermarks.delete.in_use, n).to_string()}</p>
                            <UseList uses=m.used_by.clone()/>
                        })}
                        <ActionForm action=delete attr:class="mt-2 space-y-2">
                            <input type="hidden" name="id" value=m.id.clone()/>
                            {(n > 0).then(|| view! {
                                <label class="label text-xs" for=input_id.clone()>{t!(i18n, watermarks.delete.type_name)}" "<q translate="no">{name1.clone()}</q></label>
                                <input id=input_id.clone() name="confirm" class="input py-1" required autocomplete="off" pattern=crate::ui::pattern_literal(&name2) data-testid="delete-confirm-name"/>
                            })}
                            <button type="submit" class="inline-flex items-center rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600" data-testid="confirm-delete">
                                {t!(i18n, watermarks.delete.confirm)}
                            </button>
                        </ActionForm>
                    }.into_any()
                }}
            </div>
        </details>
    }
}


#[component]
fn EditorPanel(editing: Editing, data: StoredValue<WatermarkList>, can: Can, save: ServerAction<SaveWatermark>) -> impl IntoView {
    let i18n = use_i18n();
    let find = |id: &str| data.with_value(|d| d.marks.iter().find(|m| m.id == id).cloned());
    let (form, existing) = match editing {
        Editing::None => {
            return view! { <h2 id="wm-editor-title" class="sr-only">{t!(i18n, watermarks.editor.save)}</h2><p class="card text-slate-600 dark:text-slate-400">{t!(i18n, watermarks.choose)}</p> }.into_any();
        }
        Editing::New(kind) if can.add => (WatermarkForm::new(kind), None),
        Editing::Existing(id) => match find(&id) {
            Some(m) => (m.form(), Some(m)),
            None => {
                let e = crate::error::AppError::NotFound(t_string!(i18n, watermarks.vod.not_found).to_string());
                return view! { <h2 id="wm-editor-title" class="sr-only">{t!(i18n, watermarks.editor.save)}</h2><ErrorPanel error=e/> }.into_any();
            }
        },
        Editing::Typed(f) => {
            let existing = if f.id.is_empty() { None } else { find(&f.id) };
            (f, existing)
        }
        Editing::New(_) => return ().into_any(),
    };
    let allowed = if form.id.is_empty() { can.add } else { can.update };
    view! { <Editor initial=form existing frames=data.with_value(|d| d.frames.clone()) save allowed/> }.into_any()
}

/// One labelled field of the editor, with its hint and, when it breaks a rule, the
/// sentence that says which.
#[component]
fn Field(
    form: RwSignal<WatermarkForm>,
    problem: Memo<Option<Problem>>,
    wire: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("wm-{}", wire.replace('.', "-").to_ascii_lowercase());
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
    let hint_text = move || match hint {
        Some("length") => t_string!(i18n, watermarks.editor.hint_length).to_string(),
        Some("duration") => t_string!(i18n, watermarks.editor.hint_duration).to_string(),
        Some("color") => format!("{} ", t_string!(i18n, watermarks.editor.hint_color)),
        _ => String::new(),
    };
    view! {
        <div>
            <label class="label" for=id.clone()>{move || field_label(i18n.get_locale(), wire)}</label>
            <input
                id=id.clone()
                name=WatermarkForm::input_name(wire)
                class="input"
                autocomplete="off"
                list=list
                inputmode=inputmode
                aria-invalid=move || broken().then_some("true")
                aria-describedby=described
                // The attribute for the server's HTML (JavaScript off), the property after.
                value=form.with_untracked(|f| f.slot(wire).cloned().unwrap_or_default())
                prop:value=move || form.with(|f| f.slot(wire).cloned().unwrap_or_default())
                on:input=move |ev| form.update(|f| if let Some(s) = f.slot_mut(wire) { *s = event_target_value(&ev) })
                data-testid=format!("field-{wire}")
            />
            {hint.map(|h| view! {
                <p id=hint_id.clone() class="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint_text}
                    // VOD's colour words are values, not prose.
                    {(h == "color").then(|| view! { <code>"White, Black, Red, #RRGGBB"</code> })}
                </p>
            })}
            {move || problem.get().filter(|p| p.field == wire).map(|p| view! {
                <p id=err_id.clone() class="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="field-error">{move || rule_text(i18n.get_locale(), p.rule)}</p>
            })}
        </div>
    }
}

#[component]
fn Editor(
    initial: WatermarkForm,
    existing: Option<Watermark>,
    frames: Vec<Frame>,
    save: ServerAction<SaveWatermark>,
    allowed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = initial.mark_kind().unwrap_or(MarkKind::Image);
    let is_new = initial.id.is_empty();
    let form = RwSignal::new(initial);
    let problem = Memo::new(move |_| form.with(|f| f.check().err()));
    let query = use_query_map();
    let res_default = query.with_untracked(|q| q.get("res")).and_then(|r| parse_resolution(&r)).unwrap_or((1280, 720));
    let resolution = RwSignal::new(res_default);
    let frames = StoredValue::new(frames);
    let first_frame = frames.with_value(|f| f.first().map(|f| f.video_id.clone())).unwrap_or_default();
    let frame = RwSignal::new(query.with_untracked(|q| q.get("frame")).unwrap_or(first_frame));
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let title = {
        let name = existing.as_ref().map(|m| m.name.clone()).unwrap_or_default();
        match (is_new, kind) {
            // The name is data: marked so, in the language's quotation marks.
            (false, _) => view! { {t!(i18n, watermarks.editor.editing)}" “"<span translate="no">{name}</span>"”" }.into_any(),
            (true, MarkKind::Image) => view! { {t!(i18n, watermarks.editor.new_image)} }.into_any(),
            (true, MarkKind::Text) => view! { {t!(i18n, watermarks.editor.new_text)} }.into_any(),
        }
    };
    let upload_status = RwSignal::new(None::<Result<String, String>>);

    let fields = match kind {
        MarkKind::Image => view! {
            <div class="grid gap-3 sm:grid-cols-2">
                <Field form problem wire="Width" hint="length" inputmode="decimal"/>
                <Field form problem wire="Height" hint="length" inputmode="decimal"/>
            </div>
            <CornerPicker form problem/>
            <div class="grid gap-3 sm:grid-cols-2">
                <Field form problem wire="Dx" hint="length" inputmode="decimal"/>
                <Field form problem wire="Dy" hint="length" inputmode="decimal"/>
                <Field form problem wire="Timeline.Start" inputmode="decimal"/>
                <Field form problem wire="Timeline.Duration" hint="duration"/>
            </div>
        }
        .into_any(),
        MarkKind::Text => view! {
            <Field form problem wire="Content"/>
            <div class="grid gap-3 sm:grid-cols-2">
                <FontPicker form/>
                <Field form problem wire="FontSize" inputmode="numeric"/>
                <Field form problem wire="FontColor" hint="color" list="wm-colors"/>
                <Field form problem wire="FontAlpha" inputmode="decimal"/>
                <Field form problem wire="BorderColor" hint="color" list="wm-colors"/>
                <Field form problem wire="BorderWidth" inputmode="numeric"/>
                <Field form problem wire="Top" inputmode="numeric"/>
                <Field form problem wire="Left" inputmode="numeric"/>
            </div>
            <datalist id="wm-colors">
                {COLORS.iter().map(|(name, _)| view! { <option value=*name></option> }).collect_view()}
            </datalist>
        }
        .into_any(),
    };

    view! {
        <div class="card space-y-4" data-testid="watermark-editor">
            <div class="flex items-start justify-between gap-2">
                <h2 id="wm-editor-title" class="text-lg font-medium">{title}</h2>
                <A href="/watermarks" attr:class="btn-ghost">{t!(i18n, watermarks.editor.cancel)}</A>
            </div>
            {saved.then(|| view! { <p role="status" class="form-ok">{t!(i18n, watermarks.editor.saved)}</p> })}
            <ActionForm action=save attr:class="space-y-3" attr:data-testid="watermark-form">
                <input type="hidden" name="form[id]" value=form.with_untracked(|f| f.id.clone())/>
                <input type="hidden" name="form[kind]" value=kind.as_str()/>
                <input type="hidden" name="form[file_url]" value=form.with_untracked(|f| f.file_url.clone()) prop:value=move || form.with(|f| f.file_url.clone())/>
                <div>
                    <label class="label" for="wm-name">{move || field_label(i18n.get_locale(), "Name")}</label>
                    <input id="wm-name" name="form[name]" class="input" required autocomplete="off" data-testid="field-Name"
                        aria-invalid=move || problem.with(|p| p.is_some_and(|p| p.field == "Name")).then_some("true")
                        value=form.with_untracked(|f| f.name.clone())
                        prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
                    {move || problem.get().filter(|p| p.field == "Name").map(|p| view! {
                        <p class="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="field-error">{move || rule_text(i18n.get_locale(), p.rule)}</p>
                    })}
                </div>
                {(kind == MarkKind::Image).then(|| if is_new {
                    view! { <FileField form status=upload_status hydrated/> }.into_any()
                } else {
                    view! { <p class="text-xs text-slate-500 dark:text-slate-400">{t!(i18n, watermarks.editor.file_fixed)}</p> }.into_any()
                })}
                {fields}
                <fieldset class="grid gap-3 sm:grid-cols-2" aria-labelledby="wm-preview-title">
                    <legend id="wm-preview-title" class="sr-only">{t!(i18n, watermarks.preview.title)}</legend>
                    <div>
                        <label class="label" for="wm-res">{t!(i18n, watermarks.preview.resolution)}</label>
                        <select id="wm-res" name="res" class="input" data-testid="preview-resolution"
                            on:change=move |ev| if let Some(r) = parse_resolution(&event_target_value(&ev)) { resolution.set(r) }>
                            {RESOLUTIONS.iter().map(|(w, h)| {
                                let v = format!("{w}x{h}");
                                view! { <option value=v.clone() selected=(*w, *h) == res_default>{format!("{w} × {h}")}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label class="label" for="wm-frame">{t!(i18n, watermarks.preview.frame)}</label>
                        <select id="wm-frame" name="frame" class="input" on:change=move |ev| frame.set(event_target_value(&ev))>
                            <option value="" selected=frame.get_untracked().is_empty()>{t!(i18n, watermarks.preview.no_frame)}</option>
                            {frames.get_value().into_iter().map(|f| {
                                let selected = f.video_id == frame.get_untracked();
                                view! { <option value=f.video_id.clone() selected=selected translate="no">{f.title.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </fieldset>
                <Preview form resolution frame frames existing_file=existing.as_ref().map(|m| m.file_url.clone()).unwrap_or_default()/>
                <div class="flex flex-wrap items-center gap-2">
                    {allowed.then(|| view! {
                        <button type="submit" class="btn-primary" data-testid="save-watermark">
                            {move || if is_new { t_string!(i18n, watermarks.editor.add) } else { t_string!(i18n, watermarks.editor.save) }}
                        </button>
                    })}
                    // Without JavaScript the preview follows the fields when asked.
                    <Show when=move || !hydrated.get()>
                        <button type="submit" formmethod="get" formaction="/watermarks" formnovalidate class="btn-ghost">{t!(i18n, watermarks.editor.preview_no_js)}</button>
                    </Show>
                </div>
            </ActionForm>
            <FormMessage value=move || save.value().get()/>
        </div>
    }
}

fn parse_resolution(v: &str) -> Option<(u32, u32)> {
    let (w, h) = v.split_once('x')?;
    let r = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    RESOLUTIONS.contains(&r).then_some(r)
}

/// The reference corner: four radio buttons laid out as the corners of a frame.
#[component]
fn CornerPicker(form: RwSignal<WatermarkForm>, problem: Memo<Option<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |c: Corner| match c {
        Corner::TopLeft => t_string!(i18n, watermarks.corner.TopLeft),
        Corner::TopRight => t_string!(i18n, watermarks.corner.TopRight),
        Corner::BottomLeft => t_string!(i18n, watermarks.corner.BottomLeft),
        Corner::BottomRight => t_string!(i18n, watermarks.corner.BottomRight),
    };
    view! {
        <fieldset>
            <legend class="label">{t!(i18n, watermarks.editor.corner)}</legend>
            <div class="grid w-60 grid-cols-2 gap-1 rounded-md border border-slate-300 p-1 dark:border-slate-700">
                {Corner::ALL.into_iter().map(|c| view! {
                    <label class="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                        class=("justify-end", matches!(c, Corner::TopRight | Corner::BottomRight))>
                        <input type="radio" name="form[refer_pos]" value=c.as_str() data-testid=format!("corner-{}", c.as_str())
                            checked=form.with_untracked(|f| f.refer_pos == c.as_str())
                            prop:checked=move || form.with(|f| f.refer_pos == c.as_str())
                            on:change=move |_| form.update(|f| f.refer_pos = c.as_str().to_string())/>
                        {move || label(c)}
                    </label>
                }).collect_view()}
            </div>
            {move || problem.get().filter(|p| p.field == "ReferPos").map(|p| view! {
                <p class="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="field-error">{move || rule_text(i18n.get_locale(), p.rule)}</p>
            })}
        </fieldset>
    }
}

#[component]
fn FontPicker(form: RwSignal<WatermarkForm>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div>
            <label class="label" for="wm-font">{move || field_label(i18n.get_locale(), "FontName")}</label>
            <select id="wm-font" name="form[font_name]" class="input" on:change=move |ev| form.update(|f| f.font_name = event_target_value(&ev))>
                {FONTS.iter().map(|(name, zh)| {
                    let selected = form.with_untracked(|f| f.font_name == *name);
                    view! { <option value=*name selected=selected translate="no">{move || if i18n.get_locale() == Locale::zh { format!("{zh} ({name})") } else { name.to_string() }}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The image file of a new image watermark: chosen, uploaded at once (the browser
/// sends it straight to VOD's storage), and named by its URL in the form.
#[component]
fn FileField(form: RwSignal<WatermarkForm>, status: RwSignal<Option<Result<String, String>>>, hydrated: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let on_change = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            let locale = i18n.get_locale_untracked();
            let name = file.name();
            status.set(Some(Ok(td_string!(locale, watermarks.editor.uploading, name = name.as_str()).to_string())));
            leptos::task::spawn_local(async move {
                let result = async {
                    let upload = crate::api::watermarks::create_watermark_upload(name.clone(), file.size() as i64)
                        .await
                        .map_err(|e| e.localized_with_detail(locale))?;
                    crate::components::uploader::put_file(upload.ticket, &file, locale).await?;
                    Ok::<String, String>(upload.file_url)
                }
                .await;
                match result {
                    Ok(url) => {
                        form.update(|f| f.file_url = url);
                        status.set(Some(Ok(td_string!(locale, watermarks.editor.uploaded, name = name.as_str()).to_string())));
                    }
                    Err(why) => status.set(Some(Err(td_string!(locale, watermarks.editor.upload_failed, why).to_string()))),
                }
            });
        }
    };
    view! {
        <div>
            <label class="label" for="wm-file">{t!(i18n, watermarks.editor.upload_label)}</label>
            <input id="wm-file" type="file" node_ref=input accept=".png,.gif,.apng,.mov,image/png,image/gif,image/apng,video/quicktime"
                class="block text-sm" disabled=move || !hydrated.get() on:change=on_change data-testid="watermark-file"/>
            <noscript><p class="mt-1 text-xs text-slate-600">{t!(i18n, watermarks.editor.upload_needs_js)}</p></noscript>
            {move || status.get().map(|s| match s {
                Ok(text) => view! { <p role="status" class="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="upload-status">{text}</p> }.into_any(),
                Err(text) => view! { <p role="alert" class="form-error" data-testid="upload-status">{text}</p> }.into_any(),
            })}
            {move || problem_file(form).then(|| view! {
                <p class="mt-1 text-xs text-slate-500 dark:text-slate-400">{move || field_label(i18n.get_locale(), "FileUrl")}": "{move || rule_text(i18n.get_locale(), Rule::Missing)}</p>
            })}
        </div>
    }
}

fn problem_file(form: RwSignal<WatermarkForm>) -> bool {
    form.with(|f| f.file_url.trim().is_empty())
}

/// The mark drawn over the chosen frame at the chosen output resolution, where VOD puts
/// it, with the numbers in words.
#[component]
fn Preview(
    form: RwSignal<WatermarkForm>,
    resolution: RwSignal<(u32, u32)>,
    frame: RwSignal<String>,
    frames: StoredValue<Vec<Frame>>,
    existing_file: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let checked = Memo::new(move |_| form.with(|f| f.check_mark().ok()));
    let cover = move || {
        let id = frame.get();
        frames.with_value(|fs| fs.iter().find(|f| f.video_id == id).map(|f| f.cover_url.clone()))
    };
    let existing_file = StoredValue::new(existing_file);
    let file = move || form.with(|f| if f.file_url.is_empty() { existing_file.get_value() } else { f.file_url.clone() });
    let view_box = move || {
        let (w, h) = resolution.get();
        format!("0 0 {w} {h}")
    };
    let mark = move || {
        let (w, h) = resolution.get();
        match checked.get() {
            Some(Checked::Image(m)) => {
                let r = m.place(w, h);
                let url = file();
                let inner = if url.is_empty() || url.ends_with(".mov") {
                    view! {
                        <rect x=r.x y=r.y width=r.width height=r.height fill="rgba(37,99,235,0.35)" stroke="#2563eb" stroke-width="2"/>
                    }
                    .into_any()
                } else {
                    view! {
                        <image href=url x=r.x y=r.y width=r.width height=r.height preserveAspectRatio="none"/>
                        <rect x=r.x y=r.y width=r.width height=r.height fill="none" stroke="#2563eb" stroke-width="2" stroke-dasharray="6 4"/>
                    }
                    .into_any()
                };
                Some(view! { <g data-testid="preview-mark" data-x=r.x.round().to_string() data-y=r.y.round().to_string() data-w=r.width.round().to_string() data-h=r.height.round().to_string()>{inner}</g> }.into_any())
            }
            Some(Checked::Text(t)) => {
                let fill = format!("#{:06x}", t.font_color);
                let stroke = t.border_color.map(|c| format!("#{c:06x}")).unwrap_or_else(|| "none".into());
                Some(view! {
                    <text data-testid="preview-mark" data-x=t.left.to_string() data-y=t.top.to_string() x=t.left y=t.top font-size=t.font_size
                        dominant-baseline="hanging" fill=fill fill-opacity=t.font_alpha stroke=stroke stroke-width=t.border_width
                        font-family=t.font_name.unwrap_or("sans-serif")>{t.content.clone()}</text>
                }.into_any())
            }
            None => None,
        }
    };
    let words = move || {
        let (w, h) = resolution.get();
        let locale = i18n.get_locale();
        match checked.get() {
            Some(Checked::Image(m)) => {
                let r = m.place(w, h);
                let (x, y, mw, mh) = (r.x.round() as i64, r.y.round() as i64, r.width.round() as i64, r.height.round() as i64);
                let mut s = td_string!(locale, watermarks.preview.rect, w, h, mw, mh, x, y).to_string();
                if r.x < 0.0 || r.y < 0.0 || r.x + r.width > f64::from(w) + 0.5 || r.y + r.height > f64::from(h) + 0.5 {
                    s.push(' ');
                    s.push_str(td_string!(locale, watermarks.preview.outside));
                }
                s
            }
            Some(Checked::Text(t)) => {
                td_string!(locale, watermarks.preview.text_at, w, h, left = t.left, top = t.top, size = t.font_size).to_string()
            }
            None => td_string!(locale, watermarks.preview.invalid).to_string(),
        }
    };
    view! {
        <figure class="space-y-2" data-testid="watermark-preview">
            <svg viewBox=view_box class="w-full rounded-md bg-slate-800 ring-1 ring-slate-300 dark:ring-slate-700" role="img"
                aria-label=move || t_string!(i18n, watermarks.preview.alt).to_string()>
                {move || {
                    let (w, h) = resolution.get();
                    cover().map(|url| view! { <image href=url x="0" y="0" width=w height=h preserveAspectRatio="xMidYMid slice"/> })
                }}
                {mark}
            </svg>
            <figcaption class="text-sm text-slate-600 dark:text-slate-400" data-testid="preview-words" aria-live="polite">{words}</figcaption>
        </figure>
    }
}
