//! Pages of plain forms for what the hydrated pages do with scripts: editing categories
//! level by level, confirming a delete of selected media and following it (with its
//! undo), and following URL pull jobs. They are linked from the `<noscript>` parts of
//! the category tree, the media library and the upload page, work entirely by form posts
//! and links, and are lazy routes of their own, so the hydrated pages carry none of their
//! code.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::categories::{list_categories, preview_delete_category, AddCategory, DeleteCategory, RenameCategory};
use crate::api::media::{delete_status, DeleteMedia, UndoDelete};
use crate::api::upload::pull_status;
use crate::components::bulk_result::BulkResultTable;
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::category::CategoryType;
use crate::model::delete_job::JobState;
use crate::model::media::MediaKind;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, PageHeader, Spinner};

fn q(key: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get(key).filter(|v| !v.is_empty())))
}

/// `ids[0]=…&ids[3]=…` from the query, in index order (unchecked boxes leave gaps).
fn indexed(query: &leptos_router::params::ParamsMap, name: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = query
        .into_iter()
        .filter_map(|(k, v)| {
            let i = k.strip_prefix(name)?.strip_prefix('[')?.strip_suffix(']')?.parse().ok()?;
            Some((i, v.clone()))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    found.sort();
    found.into_iter().map(|(_, v)| v).collect()
}

/// Categories, one level at a time: rename and delete each, add one, open one.
#[component]
pub fn CategoriesPlainPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    if !me.can(crate::vod_permission!(GetCategories)) {
        return view! {
            <PageHeader title=move || t_string!(i18n, categories.plain.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: crate::vod_permission!(GetCategories).to_string() }/>
        }
        .into_any();
    }
    let (can_add, can_rename, can_delete) = (
        me.can(crate::vod_permission!(AddCategory)),
        me.can(crate::vod_permission!(UpdateCategory)),
        me.can(crate::vod_permission!(DeleteCategory)),
    );
    let kind = Memo::new({
        let t = q("type");
        move |_| t.get().as_deref().and_then(CategoryType::parse).unwrap_or(CategoryType::Default)
    });
    let parent = Memo::new({
        let p = q("parent");
        move |_| p.get().and_then(|p| p.parse::<i64>().ok())
    });
    let parent_name = q("name");
    let deleting = Memo::new({
        let d = q("delete");
        move |_| d.get().and_then(|p| p.parse::<i64>().ok())
    });
    let add = ServerAction::<AddCategory>::new();
    let rename = ServerAction::<RenameCategory>::new();
    let delete = ServerAction::<DeleteCategory>::new();
    let level = Resource::new(
        move || (kind.get(), parent.get(), add.version().get(), rename.version().get(), delete.version().get()),
        |(kind, parent, ..)| list_categories(kind, parent, true),
    );
    let preview = Resource::new(move || deleting.get(), |id| async move {
        match id {
            Some(id) => preview_delete_category(id).await.map(Some),
            None => Ok(None),
        }
    });
    let here = move |extra: &str| {
        let mut href = format!("/categories/manage?type={}", kind.get().as_str());
        if let Some(p) = parent.get() {
            href.push_str(&format!("&parent={p}"));
            if let Some(n) = parent_name.get() {
                href.push_str(&format!("&name={}", crate::model::query::encode_component(&n)));
            }
        }
        href.push_str(extra);
        href
    };

    view! {
        <PageHeader title=move || t_string!(i18n, categories.plain.title) description=move || t_string!(i18n, categories.plain.intro)/>
        <nav class="mb-4 flex flex-wrap gap-2 text-sm" aria-label=move || t_string!(i18n, categories.plain.trees)>
            {CategoryType::ALL.into_iter().map(|t| view! {
                <A href=format!("/categories/manage?type={}", t.as_str()) attr:class="btn-ghost ring-1 ring-slate-300 dark:ring-slate-700">
                    {move || t.label_in(i18n.get_locale())}
                </A>
            }).collect_view()}
            <A href="/categories" attr:class="btn-ghost">{t!(i18n, categories.plain.back)}</A>
        </nav>
        <h2 class="mb-2 text-lg font-medium" data-testid="plain-level">{move || match (parent.get(), parent_name.get()) {
            (None, _) => view! { {t_string!(i18n, categories.plain.top, tree = kind.get().label_in(i18n.get_locale())).to_string()} }.into_any(),
            // The name is data: marked so.
            (Some(id), name) => {
                let name = name.unwrap_or_else(|| id.to_string());
                view! { {t!(i18n, categories.plain.inside)}" “"<span translate="no">{name}</span>"”" }.into_any()
            }
        }}</h2>
        {move || parent.get().map(|_| view! {
            <p class="mb-3 text-sm"><A href=format!("/categories/manage?type={}", kind.get().as_str()) attr:class="underline">{t!(i18n, categories.plain.to_top)}</A></p>
        })}
        <FormMessage value=move || add.value().get() success=move || t_string!(i18n, categories.plain.added)/>
        <FormMessage value=move || rename.value().get() success=move || t_string!(i18n, categories.plain.renamed)/>
        <FormMessage value=move || delete.value().get() success=move || t_string!(i18n, categories.plain.deleted)/>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(Some(p)) if can_delete => {
                        let cascades = p.cascades();
                        let sentence = p.sentence(i18n.get_locale_untracked());
                        let name = p.name.clone();
                        view! {
                            <section class="card mb-4 border-red-300 dark:border-red-800" data-testid="plain-delete" aria-labelledby="plain-delete-title">
                                <h3 id="plain-delete-title" class="font-medium">{t!(i18n, categories.plain.delete_title)}" "<q translate="no">{p.name.clone()}</q></h3>
                                <p class="mt-1 text-sm">{sentence}</p>
                                <ActionForm action=delete attr:class="mt-3 flex flex-wrap items-end gap-2">
                                    <input type="hidden" name="cate_id" value=p.id.to_string()/>
                                    {if cascades {
                                        view! {
                                            <div>
                                                <label class="label" for="plain-confirm">{t!(i18n, categories.plain.type_name)}" "<q translate="no">{name.clone()}</q></label>
                                                <input id="plain-confirm" name="confirm" class="input" required autocomplete="off"/>
                                            </div>
                                        }.into_any()
                                    } else {
                                        view! { <input type="hidden" name="confirm" value=""/> }.into_any()
                                    }}
                                    <button type="submit" class="btn-primary bg-red-600 hover:bg-red-700" data-testid="plain-confirm-delete">{t!(i18n, categories.plain.delete)}</button>
                                    <A href=here("") attr:class="btn-ghost">{t!(i18n, common.cancel)}</A>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match level.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(level) if level.nodes.is_empty() => view! { <p class="card text-slate-600 dark:text-slate-400">{t!(i18n, categories.empty)}</p> }.into_any(),
                    Ok(level) => view! {
                        <table class="table" data-testid="plain-categories">
                            <thead><tr>
                                <th scope="col">{t!(i18n, categories.plain.name)}</th>
                                <th scope="col">{t!(i18n, categories.plain.subs)}</th>
                                <th scope="col"><span class="sr-only">{t!(i18n, categories.plain.actions)}</span></th>
                            </tr></thead>
                            <tbody>
                                {level.nodes.into_iter().map(|n| {
                                    let deeper = n.level + 1 < n.cate_type.max_depth();
                                    let open = format!("/categories/manage?type={}&parent={}&name={}", n.cate_type.as_str(), n.id,
                                        crate::model::query::encode_component(&n.name));
                                    let input_id = format!("plain-name-{}", n.id);
                                    let name = n.name.clone();
                                    let label_name = n.name.clone();
                                    let editable = !n.read_only();
                                    view! {
                                        <tr data-testid="plain-category" data-id=n.id.to_string()>
                                            <td>
                                                {if can_rename && editable {
                                                    view! {
                                                        <ActionForm action=rename attr:class="flex flex-wrap gap-2">
                                                            <input type="hidden" name="cate_id" value=n.id.to_string()/>
                                                            <label class="sr-only" for=input_id.clone()>{move || t_string!(i18n, categories.name_for, name = label_name.clone()).to_string()}</label>
                                                            <input id=input_id.clone() name="name" value=name.clone() class="input w-56 py-1" required translate="no"/>
                                                            <button type="submit" class="btn-ghost">{t!(i18n, categories.toolbar.rename)}</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                } else {
                                                    view! { <span translate="no">{name.clone()}</span> }.into_any()
                                                }}
                                            </td>
                                            <td class="tabular-nums">{n.child_count}</td>
                                            <td class="space-x-2 whitespace-nowrap text-sm">
                                                {deeper.then(|| view! { <A href=open.clone() attr:class="underline">{t!(i18n, categories.plain.open)}</A> })}
                                                {(can_delete && editable).then(|| view! {
                                                    <A href=here(&format!("&delete={}", n.id)) attr:class="text-red-700 underline dark:text-red-300">{t!(i18n, categories.plain.delete)}</A>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
        {can_add.then(|| view! {
            <section class="card mt-4" aria-labelledby="plain-add-title">
                <h3 id="plain-add-title" class="mb-2 font-medium">{t!(i18n, categories.plain.add_title)}</h3>
                <ActionForm action=add attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="cate_type" value=move || kind.get().as_str()/>
                    {move || parent.get().map(|p| view! { <input type="hidden" name="parent_id" value=p.to_string()/> })}
                    <div>
                        <label class="label" for="plain-new-name">{t!(i18n, categories.plain.name)}</label>
                        <input id="plain-new-name" name="name" class="input" required data-testid="plain-new-name"/>
                    </div>
                    <button type="submit" class="btn-primary" data-testid="plain-add">{t!(i18n, categories.plain.add)}</button>
                </ActionForm>
            </section>
        })}
    }
    .into_any()
}

/// Deleting selected media without scripts: `?tab=…&ids[i]=…` asks for confirmation;
/// `?job=<id>` follows the queued delete, with Undo while it waits.
#[component]
pub fn MediaDeletePlainPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = Memo::new(move |_| query.with(|q| q.get("tab").as_deref().and_then(MediaKind::from_slug).unwrap_or(MediaKind::Video)));
    let ids = Memo::new(move |_| query.with(|q| indexed(q, "ids")));
    let job = Memo::new(move |_| query.with(|q| q.get("job").and_then(|j| j.parse::<i64>().ok())));
    let delete = ServerAction::<DeleteMedia>::new();
    let undo = ServerAction::<UndoDelete>::new();
    let status = Resource::new(move || (job.get(), undo.version().get()), |(job, _)| async move {
        match job {
            Some(job) => delete_status(job).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <PageHeader title=move || t_string!(i18n, media.plain.title)/>
        <p class="mb-4 text-sm"><A href=move || format!("/media?tab={}", tab.get().slug()) attr:class="underline">{t!(i18n, media.plain.back)}</A></p>
        <FormMessage value=move || delete.value().get()/>
        <FormMessage value=move || undo.value().get()/>
        {move || (job.get().is_none()).then(|| {
            let ids = ids.get();
            let n = ids.len();
            if n == 0 {
                return view! { <p class="card" data-testid="plain-nothing">{t!(i18n, media.plain.nothing)}</p> }.into_any();
            }
            let items = move || tab.get().count_in(i18n.get_locale(), n);
            view! {
                <section class="card" data-testid="plain-delete-confirm" aria-labelledby="plain-delete-title">
                    <h2 id="plain-delete-title" class="text-lg font-semibold">{move || { let items = items(); t_string!(i18n, media.delete.title, items).to_string() }}</h2>
                    <ul class="my-2 max-h-60 list-disc overflow-auto pl-5 text-sm">
                        {ids.iter().map(|id| view! { <li><code>{id.clone()}</code></li> }).collect_view()}
                    </ul>
                    <p class="text-sm">{t!(i18n, media.delete.what_goes)}<strong>{t!(i18n, media.delete.irreversible)}</strong></p>
                    <p class="text-sm">{t!(i18n, media.delete.undo_later)}</p>
                    <ActionForm action=delete attr:class="mt-3">
                        <input type="hidden" name="tab" value=tab.get().slug()/>
                        {ids.iter().enumerate().map(|(i, id)| view! { <input type="hidden" name=format!("ids[{i}]") value=id.clone()/> }).collect_view()}
                        <button type="submit" class="btn-primary bg-red-600 hover:bg-red-700" data-testid="plain-confirm-delete">
                            {move || { let items = items(); t_string!(i18n, media.delete.confirm, items).to_string() }}
                        </button>
                    </ActionForm>
                </section>
            }
            .into_any()
        })}
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(Some(job)) => {
                        let what = match job.retry_tab {
                            Some(tab) => tab.count_in(i18n.get_locale_untracked(), job.count),
                            None => job.description.clone(),
                        };
                        let refresh = format!("/media/delete?job={}", job.id);
                        let body = match job.state {
                            JobState::Pending => {
                                let secs = job.ms_left.div_ceil(1000);
                                view! {
                                    <p><strong>{t_string!(i18n, media.queue.pending, what = what.clone()).to_string()}</strong>{t_string!(i18n, media.queue.pending_when, secs).to_string()}</p>
                                    <ActionForm action=undo attr:class="mt-3 flex gap-2">
                                        <input type="hidden" name="job" value=job.id.to_string()/>
                                        <button type="submit" class="btn-primary" data-testid="plain-undo">{t!(i18n, media.queue.undo)}</button>
                                        <A href=refresh.clone() attr:class="btn-ghost">{t!(i18n, media.plain.refresh)}</A>
                                    </ActionForm>
                                }.into_any()
                            }
                            JobState::Running => view! {
                                <p>{t_string!(i18n, media.queue.running, what = what.clone()).to_string()}</p>
                                <A href=refresh.clone() attr:class="btn-ghost">{t!(i18n, media.plain.refresh)}</A>
                            }.into_any(),
                            JobState::Cancelled => view! { <p>{t_string!(i18n, media.queue.cancelled, what = what.clone()).to_string()}</p> }.into_any(),
                            JobState::Done => {
                                let title = t_string!(i18n, media.queue.result_title, what = what.clone()).to_string();
                                view! { <BulkResultTable title report=job.report.clone().unwrap_or_default()/> }.into_any()
                            }
                        };
                        view! { <section class="card" data-testid="plain-job" data-state=job.state.as_str()>{body}</section> }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(None) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// URL pull jobs without scripts: their state now, and a link to look again.
#[component]
pub fn PullJobsPlainPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let ids = Memo::new(move |_| query.with(|q| indexed(q, "ids")));
    let refused = Memo::new(move |_| query.with(|q| q.get("refused").and_then(|r| r.parse::<usize>().ok()).unwrap_or(0)));
    let states = Resource::new(move || ids.get(), |ids| async move {
        if ids.is_empty() { Ok(Vec::new()) } else { pull_status(ids).await }
    });
    let refresh = move || {
        let pairs: Vec<(String, String)> = ids.get().into_iter().enumerate().map(|(i, id)| (format!("ids[{i}]"), id)).collect();
        let pairs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        format!("/media/upload/jobs?{}&refused={}", crate::model::query::encode(&pairs), refused.get())
    };
    view! {
        <PageHeader title=move || t_string!(i18n, upload.plain.title)/>
        <p class="mb-4 flex flex-wrap gap-3 text-sm">
            <A href=refresh attr:class="underline" attr:data-testid="plain-refresh">{t!(i18n, upload.plain.refresh)}</A>
            <A href="/media/upload" attr:class="underline">{t!(i18n, upload.plain.back)}</A>
        </p>
        {move || (refused.get() > 0).then(|| view! {
            <p class="form-error mb-3">{move || t_string!(i18n, upload.plain.refused, n = refused.get()).to_string()}" "
                <A href="/activity" attr:class="underline">{t!(i18n, upload.plain.activity)}</A></p>
        })}
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match states.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(list) => view! {
                        <table class="table" data-testid="plain-pull-jobs">
                            <thead><tr>
                                <th scope="col">"URL"</th>
                                <th scope="col">{t!(i18n, upload.jobs.col_status)}</th>
                                <th scope="col">{t!(i18n, upload.jobs.col_media_id)}</th>
                                <th scope="col">{t!(i18n, upload.jobs.col_details)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|j| view! {
                                    <tr data-testid="plain-pull-job" data-status=j.status.clone()>
                                        <td class="max-w-md break-all" translate="no">{j.url.clone()}</td>
                                        <td><code>{j.status.clone()}</code></td>
                                        <td><code>{j.media_id.clone()}</code></td>
                                        <td class="text-sm">{(!j.error_code.is_empty()).then(|| format!("{}: {}", j.error_code, j.error_message))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
