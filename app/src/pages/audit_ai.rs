//! The AI tab of the review pages (`/audit/ai`): submit AI moderation for a list of
//! videos (each gets its own result), follow the jobs submitted from the console, and
//! maintain the moderation templates (add, change, make default, delete). Every form
//! works with JavaScript off; what is edited lives in the URL (`?edit=<id>`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::ai::{read_ai_overview, DeleteAiTemplate, SaveAiTemplate, SetDefaultAiTemplate, SubmitAiAudit};
use crate::components::bulk_result::BulkResultTable;
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::ai::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, Spinner};

fn item_text(locale: Locale, key: &str) -> String {
    match key {
        "video" => td_string!(locale, audit.ai.range_video).to_string(),
        "image-cover" => td_string!(locale, audit.ai.range_cover).to_string(),
        "text-title" => td_string!(locale, audit.ai.range_title).to_string(),
        "porn" => td_string!(locale, audit.labels.porn).to_string(),
        "terrorism" => td_string!(locale, audit.labels.terrorism).to_string(),
        "ad" => td_string!(locale, audit.labels.ad).to_string(),
        "logo" => td_string!(locale, audit.labels.logo).to_string(),
        "live" => td_string!(locale, audit.labels.live).to_string(),
        other => other.to_string(),
    }
}

fn status_text(locale: Locale, s: &str) -> &'static str {
    match s {
        "init" => td_string!(locale, audit.ai.status_init),
        "processing" => td_string!(locale, audit.ai.status_processing),
        "success" => td_string!(locale, audit.ai.status_success),
        "fail" => td_string!(locale, audit.ai.status_fail),
        _ => td_string!(locale, audit.ai.status_unknown),
    }
}

/// `/audit/ai`: the review pages' tabs, then AI moderation.
#[component]
pub fn AuditAiPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    if !me.can(crate::vod_permission!(ListAITemplate)) {
        return view! {
            <crate::ui::PageHeader title=move || t_string!(i18n, audit.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: "vod:ListAITemplate".into() }/>
        }
        .into_any();
    }
    view! { <super::audit::AuditTabs/> <AiTab/> }.into_any()
}

#[component]
fn AiTab() -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    let query = use_query_map();
    let submit = ServerAction::<SubmitAiAudit>::new();
    let save = ServerAction::<SaveAiTemplate>::new();
    let set_default = ServerAction::<SetDefaultAiTemplate>::new();
    let delete = ServerAction::<DeleteAiTemplate>::new();
    let overview = Resource::new(
        move || (submit.version().get(), save.version().get(), set_default.version().get(), delete.version().get()),
        |_| read_ai_overview(),
    );
    let can_submit = me.can(crate::vod_permission!(SubmitAIMediaAuditJob));
    let can_add = me.can(crate::vod_permission!(AddAITemplate));
    let can_update = me.can(crate::vod_permission!(UpdateAITemplate));
    let can_default = me.can(crate::vod_permission!(SetDefaultAITemplate));
    let can_delete = me.can(crate::vod_permission!(DeleteAITemplate));
    let typed_ids = StoredValue::new(query.with_untracked(|q| q.get("ids").unwrap_or_default()));
    let editing = Memo::new(move |_| query.with(|q| q.get("edit").unwrap_or_default()));
    view! {
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(o) => {
                        let media_templates: Vec<AiTemplateRow> = o.templates.iter().filter(|t| t.kind == "AIMediaAudit").cloned().collect();
                        let edit_id = editing.get_untracked();
                        let edited = media_templates.iter().find(|t| t.id == edit_id).cloned();
                        view! {
                            {can_submit.then(|| {
                                let options = media_templates.clone();
                                let typed = typed_ids.get_value();
                                view! {
                                    <section class="card mb-4" aria-labelledby="ai-submit-title">
                                        <h2 id="ai-submit-title" class="mb-2 font-medium">{t!(i18n, audit.ai.submit_title)}</h2>
                                        <ActionForm action=submit attr:class="space-y-3" attr:data-testid="ai-submit-form">
                                            <div><label class="label" for="ai-ids">{t!(i18n, audit.ai.ids)}</label>
                                                <textarea id="ai-ids" name="ids" class="input font-mono" rows="3" required aria-describedby="ai-ids-hint">{typed}</textarea>
                                                <p id="ai-ids-hint" class="mt-1 text-xs text-slate-600 dark:text-slate-400">{t!(i18n, audit.ai.ids_hint, max = MAX_SUBMIT)}</p></div>
                                            <div><label class="label" for="ai-template">{t!(i18n, audit.ai.template)}</label>
                                                <select id="ai-template" name="template" class="input">
                                                    <option value="">{t!(i18n, audit.ai.use_default)}</option>
                                                    {options.into_iter().map(|t| view! { <option value=t.id.clone() translate="no">{t.name.clone()}</option> }).collect_view()}
                                                </select></div>
                                            <button type="submit" class="btn-primary" data-testid="ai-submit">{t!(i18n, audit.ai.submit)}</button>
                                        </ActionForm>
                                        <FormMessage value=move || submit.value().get().map(|r| r.map(|_| ()))/>
                                        {move || submit.value().get().and_then(Result::ok).map(|report| view! {
                                            <div class="mt-3"><BulkResultTable title=move || t_string!(i18n, audit.ai.submitted) report=report/></div>
                                        })}
                                    </section>
                                }
                            })}
                            <section class="card mb-4" aria-labelledby="ai-jobs-title">
                                <div class="mb-2 flex items-center justify-between">
                                    <h2 id="ai-jobs-title" class="font-medium">{t!(i18n, audit.ai.jobs)}</h2>
                                    <a class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" href="/audit/ai" data-testid="ai-refresh">{t!(i18n, audit.ai.refresh)}</a>
                                </div>
                                {if o.jobs.is_empty() {
                                    view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, audit.ai.no_jobs)}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="table" data-testid="ai-jobs">
                                            <thead><tr>
                                                <th scope="col">{t!(i18n, audit.queue.video)}</th><th scope="col">{t!(i18n, audit.ai.submitted_at)}</th>
                                                <th scope="col">{t!(i18n, audit.record.reviewer)}</th><th scope="col">{t!(i18n, audit.ai.status)}</th><th scope="col">{t!(i18n, audit.queue.ai)}</th>
                                            </tr></thead>
                                            <tbody>{o.jobs.iter().map(|j| {
                                                let (status, suggestion) = (j.status.clone(), j.suggestion.clone());
                                                view! {
                                                    <tr data-testid="ai-job" data-status=j.status.clone()>
                                                        <td><a class="text-blue-700 hover:underline dark:text-blue-300" href=format!("/audit/review/{}", j.media_id)><code>{j.media_id.clone()}</code></a></td>
                                                        <td><LocalTime at=j.at.clone()/></td>
                                                        <td translate="no">{j.submitted_by.clone()}</td>
                                                        <td>{move || status_text(i18n.get_locale(), &status)}</td>
                                                        <td>{move || match suggestion.as_str() {
                                                            "block" => t_string!(i18n, audit.suggestion.block),
                                                            "review" => t_string!(i18n, audit.suggestion.review),
                                                            "pass" => t_string!(i18n, audit.suggestion.pass),
                                                            _ => "",
                                                        }}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}</tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                            <section class="card mb-4" aria-labelledby="ai-templates-title">
                                <h2 id="ai-templates-title" class="mb-2 font-medium">{t!(i18n, audit.ai.templates)}</h2>
                                {o.templates_error.clone().map(|e| view! { <p role="alert" class="form-error">{e}</p> })}
                                <FormMessage value=move || set_default.value().get()/>
                                <FormMessage value=move || delete.value().get()/>
                                <table class="table" data-testid="ai-templates">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, audit.ai.name)}</th><th scope="col">{t!(i18n, audit.ai.kind)}</th>
                                        <th scope="col">{t!(i18n, audit.ai.config)}</th><th scope="col">{t!(i18n, audit.ips.modified)}</th><th scope="col">{t!(i18n, audit.ai.actions)}</th>
                                    </tr></thead>
                                    <tbody>{o.templates.iter().map(|t| {
                                        let row = t.clone();
                                        let config = move || {
                                            let l = i18n.get_locale();
                                            if row.kind == "AIMediaAudit" {
                                                let items = row.items.iter().map(|k| item_text(l, k)).collect::<Vec<_>>().join(", ");
                                                let ranges = row.ranges.iter().map(|k| item_text(l, k)).collect::<Vec<_>>().join(", ");
                                                let block = if row.auto_block { td_string!(l, audit.ai.auto_block_on) } else { td_string!(l, audit.ai.auto_block_off) };
                                                format!("{items} · {ranges} · {block}")
                                            } else {
                                                format!("{} · {}", row.format.to_uppercase(), if row.set_cover { td_string!(l, audit.ai.sets_cover) } else { "" })
                                            }
                                        };
                                        let kind = t.kind.clone();
                                        let (id1, id2) = (t.id.clone(), t.id.clone());
                                        let custom_media = t.source == "Custom" && t.kind == "AIMediaAudit";
                                        view! {
                                            <tr data-testid="ai-template" data-name=t.name.clone() data-default=t.is_default.to_string()>
                                                <td><span translate="no">{t.name.clone()}</span>
                                                    {t.is_default.then(|| view! { " "<span class="badge bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950 dark:text-blue-200">{t!(i18n, audit.ai.default)}</span> })}
                                                    {(t.source == "System").then(|| view! { " "<span class="badge bg-slate-100 text-slate-800 ring-slate-200 dark:bg-slate-800 dark:text-slate-200">{t!(i18n, audit.ai.system)}</span> })}
                                                </td>
                                                <td>{move || if kind == "AIImage" { t_string!(i18n, audit.ai.kind_image) } else { t_string!(i18n, audit.ai.kind_audit) }}</td>
                                                <td class="text-sm">{config}</td>
                                                <td><LocalTime at=t.modified.clone()/></td>
                                                <td class="space-y-1">
                                                    {(can_update && custom_media).then(|| view! { <a class="btn-ghost underline" href=format!("/audit/ai?edit={}", t.id) data-testid="ai-edit">{t!(i18n, audit.ai.edit)}</a> })}
                                                    {(can_default && !t.is_default).then(|| view! {
                                                        <ActionForm action=set_default>
                                                            <input type="hidden" name="id" value=id1/>
                                                            <button type="submit" class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700" data-testid="ai-set-default">{t!(i18n, audit.ai.make_default)}</button>
                                                        </ActionForm>
                                                    })}
                                                    {(can_delete && !t.is_default && t.source != "System").then(|| view! {
                                                        <details>
                                                            <summary class="btn-ghost cursor-pointer" data-testid="ai-delete-toggle">{t!(i18n, audit.ai.delete)}</summary>
                                                            <ActionForm action=delete attr:class="mt-1">
                                                                <input type="hidden" name="id" value=id2/>
                                                                <p class="text-sm">{t!(i18n, audit.ai.delete_confirm)}</p>
                                                                <button type="submit" class="btn-primary bg-red-700 hover:bg-red-800" data-testid="ai-delete">{t!(i18n, audit.ai.delete_now)}</button>
                                                            </ActionForm>
                                                        </details>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}</tbody>
                                </table>
                            </section>
                            {((can_add && edited.is_none()) || (can_update && edited.is_some())).then(|| view! { <TemplateEditor save=save edited=edited.clone()/> })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn TemplateEditor(save: ServerAction<SaveAiTemplate>, edited: Option<AiTemplateRow>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, name, items, ranges, auto_block) = match &edited {
        Some(t) => (t.id.clone(), t.name.clone(), t.items.clone(), t.ranges.clone(), t.auto_block),
        None => (String::new(), String::new(), vod::audit::AUDIT_ITEMS.map(String::from).to_vec(), vec!["video".to_string()], false),
    };
    view! {
        <section class="card max-w-xl" aria-labelledby="ai-form-title">
            <h2 id="ai-form-title" class="mb-2 font-medium">{if edited.is_some() { t!(i18n, audit.ai.edit_title).into_any() } else { t!(i18n, audit.ai.add_title).into_any() }}</h2>
            <ActionForm action=save attr:class="space-y-3" attr:data-testid="ai-template-form">
                <input type="hidden" name="form[id]" value=id/>
                <div><label class="label" for="ai-name">{t!(i18n, audit.ai.name)}</label>
                    <input id="ai-name" name="form[name]" class="input" value=name required maxlength="128"/></div>
                <fieldset><legend class="label">{t!(i18n, audit.ai.items)}</legend>
                    <div class="flex flex-wrap gap-3">{vod::audit::AUDIT_ITEMS.iter().enumerate().map(|(i, k)| {
                        let key = *k;
                        view! { <label class="inline-flex items-center gap-1 text-sm"><input type="checkbox" name=format!("form[items][{i}]") value=key checked=items.iter().any(|x| x == key)/>{move || item_text(i18n.get_locale(), key)}</label> }
                    }).collect_view()}</div></fieldset>
                <fieldset><legend class="label">{t!(i18n, audit.ai.ranges)}</legend>
                    <div class="flex flex-wrap gap-3">{vod::audit::AUDIT_RANGES.iter().enumerate().map(|(i, k)| {
                        let key = *k;
                        view! { <label class="inline-flex items-center gap-1 text-sm"><input type="checkbox" name=format!("form[ranges][{i}]") value=key checked=ranges.iter().any(|x| x == key)/>{move || item_text(i18n.get_locale(), key)}</label> }
                    }).collect_view()}</div></fieldset>
                <div><label class="label" for="ai-block">{t!(i18n, audit.ai.auto_block)}</label>
                    <select id="ai-block" name="form[auto_block]" class="input">
                        <option value="no" selected=!auto_block>{t!(i18n, audit.ai.auto_block_off)}</option>
                        <option value="yes" selected=auto_block>{t!(i18n, audit.ai.auto_block_on)}</option>
                    </select></div>
                <button type="submit" class="btn-primary" data-testid="ai-template-save">{t!(i18n, audit.ai.save)}</button>
            </ActionForm>
            <FormMessage value=move || save.value().get().map(|r| r.map(|_| ())) success=move || t_string!(i18n, audit.ai.saved)/>
        </section>
    }
}
