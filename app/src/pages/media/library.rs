//! Renders `/media`: the media library, with tabs for videos, images and attached media;
//! search, filters, sort and page in the URL (a GET form, so it all works with
//! JavaScript off and links share the exact view); selection with bulk edit and an
//! undoable bulk delete; CSV export; on the images tab, lookup by ID and delete by URL.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::api::media::{
    list_media, lookup_images, recent_deletes, BulkEditMedia, DeleteImageUrls, DeleteMedia, LookupImages, MediaPageData,
};
use crate::components::bulk_result::BulkResultTable;
use crate::components::category_picker::{CategoryEntry, CategoryPicker};
use crate::components::media::{kind_text, DeleteConfirm, DeleteQueuePanel, DeleteQueueState, StatusBadge};
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::media::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, Modal, PageHeader, Spinner};

#[component]
pub fn MediaLibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.get();
        MediaQuery::from_pairs(|k| q.get(k))
    });
    // A mistyped tab in the URL is said so, not shown as the videos.
    let bad_tab = Memo::new(move |_| query_map.with(|q| q.get("tab")).filter(|t| MediaKind::from_url(Some(t)).is_none()));
    let data = Resource::new(
        move || (query.get(), bad_tab.get()),
        move |(query, bad_tab)| async move {
            match bad_tab {
                Some(tab) => {
                    let message = td_string!(i18n.get_locale_untracked(), media_rules.api.bad_tab, tab = tab.as_str()).to_string();
                    Err(crate::error::AppError::invalid(MediaKind::FIELD, message))
                }
                None => list_media(query).await,
            }
        },
    );
    let selected: RwSignal<HashSet<String>> = RwSignal::new(HashSet::new());
    // A new list (filters, page, tab) starts with nothing selected.
    Effect::new(move |_| {
        query.track();
        selected.set(HashSet::new());
    });
    let queue = DeleteQueueState::new();
    let existing = Resource::new(|| (), |_| recent_deletes());
    Effect::new(move |_| {
        if let Some(Ok(jobs)) = existing.get() {
            for job in jobs.into_iter().rev() {
                queue.track(job);
            }
        }
    });
    let delete = ServerAction::<DeleteMedia>::new();
    Effect::new(move |_| {
        if let Some(Ok(job)) = delete.value().get() {
            selected.set(HashSet::new());
            queue.track(job);
        }
    });
    let bulk_edit = ServerAction::<BulkEditMedia>::new();
    let confirming = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let can_delete = StoredValue::new(me.clone());
    let can_edit_bulk = me.can(crate::vod_permission!(UpdateVideoInfos)) || me.can(crate::vod_permission!(UpdateImageInfos));
    let can_upload = me.can(crate::vod_permission!(CreateUploadVideo)) || me.can(crate::vod_permission!(UploadMediaByURL));

    view! {
        <div class="mb-6 flex flex-wrap items-start justify-between gap-3">
            <PageHeader title=move || t_string!(i18n, media.title) description=move || t_string!(i18n, media.description)/>
            <div class="flex gap-2">
                {can_upload.then(|| view! { <a class="btn-primary" href="/media/upload" data-testid="upload-link">{t!(i18n, media.upload)}</a> })}
                <a class="btn-ghost" rel="external" download data-testid="media-export"
                    href=move || { let q = query.get(); format!("/export/media.csv?{}", MediaQuery { page: 1, scroll: String::new(), ..q }.to_query()) }>
                    {t!(i18n, media.export_csv)}
                </a>
            </div>
        </div>
        <nav class="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-800" aria-label=move || t_string!(i18n, media.tabs_label)>
            {MediaKind::ALL.into_iter().map(|t| {
                let href = MediaQuery { tab: t, ..MediaQuery::default() }.href();
                view! {
                    <a href=href class="-mb-px border-b-2 px-4 py-2 text-sm font-medium"
                        class:border-blue-600=move || query.get().tab == t
                        class:border-transparent=move || query.get().tab != t
                        aria-current=move || (query.get().tab == t).then_some("page")
                        data-testid=format!("tab-{}", t.slug())>{move || t.label_in(i18n.get_locale())}</a>
                }
            }).collect_view()}
        </nav>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                let q = query.get();
                match data.await {
                    Err(e) => view! { <FilterForm query=q categories=Vec::new()/> <ErrorPanel error=e/> }.into_any(),
                    Ok(MediaPageData { listing, categories, undo_seconds, cached_age_secs }) => {
                        queue.labels.update(|l| for r in &listing.rows { l.insert(r.id.clone(), r.title.clone()); });
                        // Plain shared data, not a reactive value: a view replaced by the next
                        // page must not read values disposed with it.
                        let rows = std::sync::Arc::new(listing.rows.clone());
                        let tab = q.tab;
                        let cats = categories.clone();
                        let user = can_delete.get_value();
                        view! {
                            <FilterForm query=q.clone() categories=categories.clone()/>
                            <DeleteQueuePanel state=queue/>
                            <crate::ui::FreshnessNote age_secs=cached_age_secs reload_href=MediaQuery { fresh: true, ..q.clone() }.href()/>
                            {move || bulk_edit.value().get().and_then(|r| r.ok()).map(|report| {
                                let mut report = report;
                                let labels = queue.labels.get_untracked();
                                report.label_with(|i| labels.get(i).cloned());
                                let on_retry = Callback::new(move |ids: Vec<String>| {
                                    let last = bulk_edit.input().get_untracked();
                                    if let Some(last) = last { bulk_edit.dispatch(BulkEditMedia { ids, ..last }); }
                                });
                                view! { <BulkResultTable title=move || t_string!(i18n, media.bulk_edit.result_title) report=report on_retry=on_retry/> }
                            })}
                            <FormMessage value=move || bulk_edit.value().get()/>
                            <FormMessage value=move || delete.value().get()/>
                            <SelectionBar tab=tab selected=selected confirming=confirming editing=editing
                                can_delete=user.can(tab.delete_permission()) can_edit=can_edit_bulk && tab != MediaKind::Attached/>
                            {move || (confirming.get()).then(|| {
                                let ids: Vec<String> = selected.get_untracked().into_iter().collect();
                                let names: Vec<String> =
                                    rows.iter().filter(|r| ids.contains(&r.id)).map(|r| format!("{} ({})", r.title, r.id)).collect();
                                let ordered: Vec<String> = rows.iter().filter(|r| ids.contains(&r.id)).map(|r| r.id.clone()).collect();
                                view! {
                                    <DeleteConfirm tab=tab names=names undo_seconds=Some(undo_seconds)
                                        on_cancel=Callback::new(move |_| confirming.set(false))
                                        on_confirm=Callback::new(move |_| {
                                            confirming.set(false);
                                            delete.dispatch(DeleteMedia { tab, ids: ordered.clone() });
                                        })/>
                                }
                            })}
                            {move || editing.get().then(|| view! {
                                <BulkEditDialog tab=tab categories=cats.clone() selected=selected action=bulk_edit editing=editing/>
                            })}
                            <MediaTable listing=listing.clone() tab=tab selected=selected/>
                            <Pager query=q.clone() listing=listing/>
                            {(tab == MediaKind::Image).then(|| view! { <ImageTools/> })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(query: MediaQuery, categories: Vec<CategoryOption>) -> impl IntoView {
    let i18n = use_i18n();
    let tab = query.tab;
    view! {
        <Form method="GET" action="/media" attr:class="card mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" attr:data-testid="media-filter" attr:role="search">
            <input type="hidden" name="tab" value=tab.slug()/>
            <div class="sm:col-span-2">
                <label class="label" for="mf-q">{t!(i18n, media.filter.search)}</label>
                <input id="mf-q" name="q" type="search" class="input" value=query.q.clone() placeholder=move || t_string!(i18n, media.filter.search_placeholder) data-shortcut="search"/>
            </div>
            <div>
                <label class="label" for="mf-status">{t!(i18n, media.filter.status)}</label>
                <select id="mf-status" name="status" class="input">
                    <option value="" selected=query.status.is_empty()>{t!(i18n, media.filter.any)}</option>
                    {tab.statuses().iter().map(|s| {
                        let s: &'static str = *s;
                        let text = move || crate::components::media::status_text(i18n.get_locale(), s).unwrap_or(s);
                        view! { <option value=s selected=query.status == s>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label class="label" for="mf-cate">{t!(i18n, media.filter.category)}</label>
                <CategoryPicker id="mf-cate" name="cate" categories=categories.iter().map(CategoryEntry::from).collect() selected=query.cate
                    none_label=move || t_string!(i18n, media.filter.any)/>
            </div>
            <div>
                <label class="label" for="mf-from">{t!(i18n, media.filter.from)}</label>
                <input id="mf-from" name="from" type="date" class="input" value=query.from.clone()/>
            </div>
            <div>
                <label class="label" for="mf-to">{t!(i18n, media.filter.to)}</label>
                <input id="mf-to" name="to" type="date" class="input" value=query.to.clone()/>
            </div>
            <div>
                <label class="label" for="mf-storage">{t!(i18n, media.filter.storage)}</label>
                <input id="mf-storage" name="storage" class="input" value=query.storage.clone() placeholder=move || t_string!(i18n, media.filter.storage_placeholder)/>
            </div>
            <div>
                <label class="label" for="mf-sort">{t!(i18n, media.filter.sort)}</label>
                <select id="mf-sort" name="sort" class="input">
                    <option value="newest" selected=!query.asc>{t!(i18n, media.filter.newest)}</option>
                    <option value="oldest" selected=query.asc>{t!(i18n, media.filter.oldest)}</option>
                </select>
            </div>
            <div>
                <label class="label" for="mf-size">{t!(i18n, media.filter.per_page)}</label>
                <select id="mf-size" name="size" class="input">
                    {PAGE_SIZES.into_iter().map(|n| view! { <option value=n.to_string() selected=query.size == n>{n.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="flex gap-2">
                <button type="submit" class="btn-primary" data-testid="media-search">{t!(i18n, media.filter.submit)}</button>
                <a class="btn-ghost" href=MediaQuery { tab, ..MediaQuery::default() }.href()>{t!(i18n, media.filter.clear)}</a>
            </div>
        </Form>
    }
}

#[component]
fn SelectionBar(
    tab: MediaKind,
    selected: RwSignal<HashSet<String>>,
    confirming: RwSignal<bool>,
    editing: RwSignal<bool>,
    can_delete: bool,
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || selected.with(|s| s.len());
    view! {
        <div class="sticky top-0 z-10 mb-2 flex min-h-10 flex-wrap items-center gap-2 bg-slate-50/90 py-1 dark:bg-slate-950/90" data-testid="selection-bar">
            <span class="text-sm" role="status">{move || match count() {
                0 => t_string!(i18n, media.selection.none).to_string(),
                n => {
                    let items = tab.count_in(i18n.get_locale(), n);
                    t_string!(i18n, media.selection.count, items).to_string()
                }
            }}</span>
            {can_edit.then(|| view! {
                <button type="button" class="btn-ghost" disabled=move || count() == 0 data-testid="bulk-edit"
                    on:click=move |_| editing.set(true)>{t!(i18n, media.selection.bulk_edit)}</button>
            })}
            {can_delete.then(|| view! {
                <button type="button" class="btn-ghost text-red-700 dark:text-red-300" disabled=move || count() == 0 data-testid="bulk-delete"
                    on:click=move |_| confirming.set(true)>{t!(i18n, media.selection.delete)}</button>
            })}
            <button type="button" class="btn-ghost" disabled=move || count() == 0 on:click=move |_| selected.set(HashSet::new())>{t!(i18n, media.selection.clear)}</button>
            {can_delete.then(|| view! {
                <noscript>
                    <form id="nojs-delete" method="get" action="/media/delete">
                        <input type="hidden" name="tab" value=tab.slug()/>
                        <button type="submit" class="btn-ghost text-red-700">{t!(i18n, media.plain.delete_selected)}</button>
                    </form>
                </noscript>
            })}
        </div>
    }
}

#[component]
fn MediaTable(listing: MediaListing, tab: MediaKind, selected: RwSignal<HashSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let all: std::sync::Arc<Vec<String>> = std::sync::Arc::new(listing.rows.iter().map(|r| r.id.clone()).collect());
    let all_for_check = all.clone();
    let all_selected = move || !all_for_check.is_empty() && selected.with(|s| all_for_check.iter().all(|i| s.contains(i)));
    let all_selected_2 = all_selected.clone();
    if listing.rows.is_empty() {
        return view! { <p class="card text-slate-600 dark:text-slate-400" data-testid="media-empty">{t!(i18n, media.table.empty)}</p> }.into_any();
    }
    let total = listing.total as usize;
    let request_id = listing.request_id.clone();
    let total_text = move || {
        let items = tab.count_in(i18n.get_locale(), total);
        let request_id = request_id.clone();
        t_string!(i18n, media.table.total, items, request_id).to_string()
    };
    view! {
        <p class="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="media-total">{total_text}</p>
        <div class="overflow-x-auto">
            <table class="table" data-testid="media-table">
                <thead><tr>
                    <th scope="col" class="w-8">
                        <input type="checkbox" aria-label=move || t_string!(i18n, media.table.select_all) prop:checked=all_selected
                            on:change=move |_| {
                                if all_selected_2() { selected.update(|s| for i in all.iter() { s.remove(i); }) } else { selected.update(|s| s.extend(all.iter().cloned())) }
                            }/>
                    </th>
                    <th scope="col">{t!(i18n, media.table.item)}</th>
                    <th scope="col">{t!(i18n, media.table.status)}</th>
                    {(tab == MediaKind::Video).then(|| view! { <th scope="col">{t!(i18n, media.table.duration)}</th> })}
                    <th scope="col">{t!(i18n, media.table.size)}</th>
                    <th scope="col">{t!(i18n, media.table.category)}</th>
                    <th scope="col">{t!(i18n, media.table.created)}</th>
                </tr></thead>
                <tbody>
                    {listing.rows.into_iter().enumerate().map(|(row, r)| {
                        let id = r.id.clone();
                        let id_for_check = id.clone();
                        let href = match tab {
                            MediaKind::Video => format!("/media/video/{}", r.id),
                            MediaKind::Image => format!("/media/image/{}", r.id),
                            MediaKind::Attached => format!("/media/attached/{}", r.id),
                        };
                        // Titles, tags and category names are data: shown as they are, and marked
                        // so (`translate="no"`). The checkbox's name carries the title.
                        let untitled = r.title.is_empty();
                        let data = (!untitled).then_some("no");
                        let raw_title = r.title.clone();
                        let title = move || if untitled { t_string!(i18n, media.table.untitled).to_string() } else { raw_title.clone() };
                        let title_for_label = title.clone();
                        let select_label = move || {
                            let title = title_for_label();
                            t_string!(i18n, media.table.select_row, title).to_string()
                        };
                        let kind = (!r.business_type.is_empty()).then(|| r.business_type.clone());
                        view! {
                            <tr data-testid="media-row" data-id=r.id.clone()>
                                <td>
                                    // Without scripts the boxes belong to the plain delete form (`SelectionBar`).
                                    <input type="checkbox" aria-label=select_label translate=data data-testid="row-select"
                                        form="nojs-delete" name=format!("ids[{row}]") value=r.id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&id_for_check))
                                        on:change=move |_| { let id = id.clone(); selected.update(|s| if !s.remove(&id) { s.insert(id); }); }/>
                                </td>
                                <td>
                                    <div class="flex items-center gap-3">
                                        {match r.thumbnail.clone() {
                                            Some(src) => view! { <img src=src alt="" loading="lazy" class="h-10 w-16 rounded object-cover bg-slate-200 dark:bg-slate-800"/> }.into_any(),
                                            None => view! { <span class="h-10 w-16 rounded bg-slate-200 dark:bg-slate-800"></span> }.into_any(),
                                        }}
                                        <div class="min-w-0">
                                            <a class="font-medium text-blue-700 hover:underline dark:text-blue-300" href=href data-testid="media-title" translate=data>{title}</a>
                                            <div class="text-xs text-slate-500 dark:text-slate-400"><code>{r.id.clone()}</code>
                                                {kind.map(|k| {
                                                    // A kind the console does not know is shown as VOD's word (data).
                                                    let unknown = kind_text(Locale::en, &k).is_none().then_some("no");
                                                    let text = move || kind_text(i18n.get_locale(), &k).map(str::to_string).unwrap_or_else(|| k.clone());
                                                    view! { " · " <span translate=unknown>{text}</span> }
                                                })}
                                                {(!r.tags.is_empty()).then(|| view! { " · " <span translate="no">{r.tags.clone()}</span> })}</div>
                                        </div>
                                    </div>
                                </td>
                                <td><StatusBadge status=r.status.clone()/></td>
                                {(tab == MediaKind::Video).then(|| view! { <td class="tabular-nums">{r.duration.map(format_duration).unwrap_or_default()}</td> })}
                                <td class="tabular-nums">{r.size.map(format_size).unwrap_or_default()}</td>
                                <td translate="no">{r.cate_name.clone()}</td>
                                <td class="whitespace-nowrap text-slate-600 dark:text-slate-400"><LocalTime at=r.created.clone()/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Pager(query: MediaQuery, listing: MediaListing) -> impl IntoView {
    let i18n = use_i18n();
    let pages = listing.total.div_ceil(u64::from(listing.size.max(1))).max(1);
    let page = u64::from(listing.page);
    let prev = (page > 1).then(|| query.at_page(listing.page - 1, None));
    // Beyond the first 5,000 records the next page needs this page's ScrollToken.
    let next = (page < pages).then(|| query.at_page(listing.page + 1, listing.scroll_token.as_deref()));
    let next = next.filter(|n| n.validate(i18n.get_locale_untracked()).is_ok());
    view! {
        <nav class="mt-4 flex items-center gap-3 text-sm" aria-label=move || t_string!(i18n, common.pages) data-testid="pager">
            {prev.map(|p| view! { <A href=p.href() attr:class="btn-ghost" attr:rel="prev">{t!(i18n, media.pager.previous)}</A> })}
            <span>{move || t_string!(i18n, common.page_of, page, pages).to_string()}</span>
            {next.map(|n| view! { <A href=n.href() attr:class="btn-ghost" attr:rel="next" attr:data-testid="next-page">{t!(i18n, media.pager.next)}</A> })}
        </nav>
    }
}

#[component]
fn BulkEditDialog(
    tab: MediaKind,
    categories: Vec<CategoryOption>,
    selected: RwSignal<HashSet<String>>,
    action: ServerAction<BulkEditMedia>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cate = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let replace = RwSignal::new(false);
    let problem = move || crate::model::vod_text::check_tags(i18n.get_locale(), &tags.get()).err();
    let n = selected.with_untracked(|s| s.len());
    view! {
        <Modal labelled_by="bulk-title" testid="bulk-edit-dialog" on_close=Callback::new(move |_| editing.set(false))>
                <h2 id="bulk-title" class="text-lg font-semibold">{move || {
                    let items = tab.count_in(i18n.get_locale(), n);
                    t_string!(i18n, media.bulk_edit.title, items).to_string()
                }}</h2>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{t!(i18n, media.bulk_edit.intro)}</p>
                <div class="mt-4 grid gap-3">
                    <div>
                        <label class="label" for="be-cate">{t!(i18n, media.bulk_edit.category)}</label>
                        <CategoryPicker id="be-cate" categories=categories.iter().map(|c| CategoryEntry::from(c).flat()).collect()
                            none_label=move || t_string!(i18n, media.bulk_edit.keep) value=cate/>
                    </div>
                    <div>
                        <label class="label" for="be-tags">{t!(i18n, media.bulk_edit.tags)}</label>
                        <input id="be-tags" class="input" on:input=move |ev| tags.set(event_target_value(&ev))/>
                        <p role="alert" class="mt-1 text-xs text-red-700 dark:text-red-300">{problem}</p>
                        <label class="mt-2 flex items-center gap-2 text-sm">
                            <input type="checkbox" on:change=move |ev| replace.set(event_target_checked(&ev))/>
                            {t!(i18n, media.bulk_edit.replace_tags)}
                        </label>
                    </div>
                </div>
                <div class="mt-5 flex justify-end gap-2">
                    <button type="button" class="btn-ghost" on:click=move |_| editing.set(false)>{t!(i18n, common.cancel)}</button>
                    <button type="button" class="btn-primary" data-testid="apply-bulk-edit" disabled=move || problem().is_some()
                        on:click=move |_| {
                            let ids: Vec<String> = selected.get_untracked().into_iter().collect();
                            action.dispatch(BulkEditMedia { tab, ids, cate: cate.get_untracked(), tags: tags.get_untracked(), replace_tags: replace.get_untracked() });
                            editing.set(false);
                        }>{t!(i18n, media.bulk_edit.apply)}</button>
                </div>
        </Modal>
    }
}

/// Images tab extras: look up IDs (GetImageInfos, unknown IDs listed) and delete by URL.
#[component]
fn ImageTools() -> impl IntoView {
    let i18n = use_i18n();
    let lookup = ServerAction::<LookupImages>::new();
    let by_url = ServerAction::<DeleteImageUrls>::new();
    let queue = DeleteQueueState::new();
    Effect::new(move |_| {
        if let Some(Ok(job)) = by_url.value().get() {
            queue.track(job);
        }
    });
    let _ = lookup_images; // the form posts to the same endpoint
    view! {
        <div class="mt-8 grid gap-4 lg:grid-cols-2">
            <section class="card" aria-labelledby="lookup-title">
                <h2 id="lookup-title" class="mb-2 font-medium">{t!(i18n, media.images.lookup_title)}</h2>
                <ActionForm action=lookup attr:class="grid gap-2">
                    <label class="label" for="lookup-ids">{t!(i18n, media.images.lookup_ids)}</label>
                    <textarea id="lookup-ids" name="ids" class="input" rows="3" required></textarea>
                    <button type="submit" class="btn-primary justify-self-start">{t!(i18n, media.images.lookup)}</button>
                </ActionForm>
                <FormMessage value=move || lookup.value().get()/>
                {move || lookup.value().get().and_then(|r| r.ok()).map(|r| {
                    let found = r.found.len();
                    view! {
                        <div data-testid="lookup-result" class="mt-3 text-sm">
                            <p>{move || t_string!(i18n, media.images.found, n = found).to_string()}</p>
                            <ul class="list-disc pl-5">
                                {r.found.into_iter().map(|i| view! { <li><a class="text-blue-700 dark:text-blue-300" href=format!("/media/image/{}", i.id) translate="no">{i.title}</a>" "<code class="text-xs">{i.id}</code></li> }).collect_view()}
                            </ul>
                            {(!r.missing.is_empty()).then(|| {
                                let ids = r.missing.join(", ");
                                view! {
                                    <p class="mt-2 text-amber-800 dark:text-amber-200" data-testid="lookup-missing">
                                        {move || { let ids = ids.clone(); t_string!(i18n, media.images.missing, ids).to_string() }}
                                    </p>
                                }
                            })}
                        </div>
                    }
                })}
            </section>
            <section class="card" aria-labelledby="by-url-title">
                <h2 id="by-url-title" class="mb-2 font-medium">{t!(i18n, media.images.by_url_title)}</h2>
                <ActionForm action=by_url attr:class="grid gap-2">
                    <label class="label" for="del-urls">{t!(i18n, media.images.urls)}</label>
                    <textarea id="del-urls" name="urls" class="input" rows="3" required></textarea>
                    <p class="text-xs text-slate-600 dark:text-slate-400">{t!(i18n, media.images.by_url_note)}</p>
                    <button type="submit" class="btn-ghost justify-self-start text-red-700 dark:text-red-300">{t!(i18n, media.images.delete_urls)}</button>
                </ActionForm>
                <FormMessage value=move || by_url.value().get()/>
                <DeleteQueuePanel state=queue/>
            </section>
        </div>
    }
}
