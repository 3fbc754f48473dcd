//! The media library: tabs for videos, images and attached media; search, filters, sort
//! and page in the URL (a GET form, so it all works with JavaScript off and links share
//! the exact view); selection with bulk edit and an undoable bulk delete; CSV export.
//! Detail pages for videos (player, streams, snapshots, edit) and images.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::media::{
    get_attached, get_image, get_video, list_category_options, list_media, lookup_images, recent_deletes, BulkEditMedia, DeleteImageUrls,
    DeleteMedia, DeleteVideoImages, LookupImages, MediaPageData, SetVideoCover, UpdateMedia,
};
use crate::components::bulk_result::BulkResultTable;
use crate::components::media::{CategorySelect, DeleteConfirm, DeleteQueuePanel, DeleteQueueState, MediaEditForm, StatusBadge};
use crate::components::shell::ErrorPanel;
use crate::model::media::*;
use crate::model::CurrentUser;
use crate::ui::{short_time, FormMessage, PageHeader, Spinner};

#[component]
pub fn MediaLibraryPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.get();
        MediaQuery::from_pairs(|k| q.get(k))
    });
    let data = Resource::new(move || query.get(), list_media);
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
    let can_edit_bulk = me.can("vod:UpdateVideoInfos") || me.can("vod:UpdateImageInfos");
    let can_upload = me.can("vod:CreateUploadVideo") || me.can("vod:UploadMediaByURL");

    view! {
        <div class="mb-6 flex flex-wrap items-start justify-between gap-3">
            <PageHeader title="Media" description="Find, inspect, play, edit, delete and upload videos, images and attached media."/>
            <div class="flex gap-2">
                {can_upload.then(|| view! { <a class="btn-primary" href="/media/upload" data-testid="upload-link">"Upload"</a> })}
                <a class="btn-ghost" rel="external" download data-testid="media-export"
                    href=move || { let q = query.get(); format!("/export/media.csv?{}", MediaQuery { page: 1, scroll: String::new(), ..q }.to_query()) }>
                    "Export CSV"
                </a>
            </div>
        </div>
        <nav class="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-800" aria-label="Media types">
            {MediaTab::ALL.into_iter().map(|t| {
                let href = MediaQuery { tab: t, ..MediaQuery::default() }.href();
                view! {
                    <a href=href class="-mb-px border-b-2 px-4 py-2 text-sm font-medium"
                        class:border-blue-600=move || query.get().tab == t
                        class:border-transparent=move || query.get().tab != t
                        aria-current=move || (query.get().tab == t).then_some("page")
                        data-testid=format!("tab-{}", t.slug())>{t.label()}</a>
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
                                view! { <BulkResultTable title="Bulk edit".to_string() report=report on_retry=on_retry/> }
                            })}
                            <FormMessage value=move || bulk_edit.value().get()/>
                            <FormMessage value=move || delete.value().get()/>
                            <SelectionBar tab=tab selected=selected confirming=confirming editing=editing
                                can_delete=user.can(tab.delete_permission()) can_edit=can_edit_bulk && tab != MediaTab::Attached/>
                            {move || (confirming.get()).then(|| {
                                let ids: Vec<String> = selected.get_untracked().into_iter().collect();
                                let names: Vec<String> =
                                    rows.iter().filter(|r| ids.contains(&r.id)).map(|r| format!("{} ({})", r.title, r.id)).collect();
                                let ordered: Vec<String> = rows.iter().filter(|r| ids.contains(&r.id)).map(|r| r.id.clone()).collect();
                                view! {
                                    <DeleteConfirm noun=tab.noun(ordered.len()).to_string() names=names undo_seconds=Some(undo_seconds)
                                        on_cancel=Callback::new(move |_| confirming.set(false))
                                        on_confirm=Callback::new(move |_| {
                                            confirming.set(false);
                                            delete.dispatch(DeleteMedia { tab: tab.slug().to_string(), ids: ordered.clone() });
                                        })/>
                                }
                            })}
                            {move || editing.get().then(|| view! {
                                <BulkEditDialog tab=tab categories=cats.clone() selected=selected action=bulk_edit editing=editing/>
                            })}
                            <MediaTable listing=listing.clone() tab=tab selected=selected/>
                            <Pager query=q.clone() listing=listing/>
                            {(tab == MediaTab::Images).then(|| view! { <ImageTools/> })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(query: MediaQuery, categories: Vec<CategoryOption>) -> impl IntoView {
    let tab = query.tab;
    view! {
        <Form method="GET" action="/media" attr:class="card mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" attr:data-testid="media-filter" attr:role="search">
            <input type="hidden" name="tab" value=tab.slug()/>
            <div class="sm:col-span-2">
                <label class="label" for="mf-q">"Search title, tags or ID"</label>
                <input id="mf-q" name="q" type="search" class="input" value=query.q.clone() placeholder="e.g. 发布会 or 1a2b3c…" accesskey="s"/>
            </div>
            <div>
                <label class="label" for="mf-status">"Status"</label>
                <select id="mf-status" name="status" class="input">
                    <option value="" selected=query.status.is_empty()>"any"</option>
                    {tab.statuses().iter().map(|s| view! { <option value=*s selected=query.status == *s>{*s}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label class="label" for="mf-cate">"Category"</label>
                <CategorySelect id="mf-cate" name="cate" categories=categories selected=query.cate empty_label="any"/>
            </div>
            <div>
                <label class="label" for="mf-from">"Created from"</label>
                <input id="mf-from" name="from" type="date" class="input" value=query.from.clone()/>
            </div>
            <div>
                <label class="label" for="mf-to">"Created to"</label>
                <input id="mf-to" name="to" type="date" class="input" value=query.to.clone()/>
            </div>
            <div>
                <label class="label" for="mf-storage">"Storage location"</label>
                <input id="mf-storage" name="storage" class="input" value=query.storage.clone() placeholder="bucket host"/>
            </div>
            <div>
                <label class="label" for="mf-sort">"Sort"</label>
                <select id="mf-sort" name="sort" class="input">
                    <option value="newest" selected=!query.asc>"Newest first"</option>
                    <option value="oldest" selected=query.asc>"Oldest first"</option>
                </select>
            </div>
            <div>
                <label class="label" for="mf-size">"Per page"</label>
                <select id="mf-size" name="size" class="input">
                    {PAGE_SIZES.into_iter().map(|n| view! { <option value=n.to_string() selected=query.size == n>{n.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="flex gap-2">
                <button type="submit" class="btn-primary" data-testid="media-search">"Search"</button>
                <a class="btn-ghost" href=MediaQuery { tab, ..MediaQuery::default() }.href()>"Clear"</a>
            </div>
        </Form>
    }
}

#[component]
fn SelectionBar(
    tab: MediaTab,
    selected: RwSignal<HashSet<String>>,
    confirming: RwSignal<bool>,
    editing: RwSignal<bool>,
    can_delete: bool,
    can_edit: bool,
) -> impl IntoView {
    let count = move || selected.with(|s| s.len());
    view! {
        <div class="sticky top-0 z-10 mb-2 flex min-h-10 flex-wrap items-center gap-2 bg-slate-50/90 py-1 dark:bg-slate-950/90" data-testid="selection-bar">
            <span class="text-sm" role="status">{move || match count() { 0 => "Select items to act on them.".to_string(), n => format!("{n} {} selected", tab.noun(n)) }}</span>
            {can_edit.then(|| view! {
                <button type="button" class="btn-ghost" disabled=move || count() == 0 data-testid="bulk-edit"
                    on:click=move |_| editing.set(true)>"Category / tags…"</button>
            })}
            {can_delete.then(|| view! {
                <button type="button" class="btn-ghost text-red-700 dark:text-red-300" disabled=move || count() == 0 data-testid="bulk-delete"
                    on:click=move |_| confirming.set(true)>"Delete…"</button>
            })}
            <button type="button" class="btn-ghost" disabled=move || count() == 0 on:click=move |_| selected.set(HashSet::new())>"Clear selection"</button>
        </div>
    }
}

#[component]
fn MediaTable(listing: MediaListing, tab: MediaTab, selected: RwSignal<HashSet<String>>) -> impl IntoView {
    let all: std::sync::Arc<Vec<String>> = std::sync::Arc::new(listing.rows.iter().map(|r| r.id.clone()).collect());
    let all_for_check = all.clone();
    let all_selected = move || !all_for_check.is_empty() && selected.with(|s| all_for_check.iter().all(|i| s.contains(i)));
    let all_selected_2 = all_selected.clone();
    if listing.rows.is_empty() {
        return view! { <p class="card text-slate-600 dark:text-slate-400" data-testid="media-empty">"Nothing matches these filters."</p> }.into_any();
    }
    view! {
        <p class="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="media-total">
            {format!("{} {} · RequestId {}", listing.total, tab.noun(listing.total as usize), listing.request_id)}
        </p>
        <div class="overflow-x-auto">
            <table class="table" data-testid="media-table">
                <thead><tr>
                    <th scope="col" class="w-8">
                        <input type="checkbox" aria-label="Select every item on this page" prop:checked=all_selected
                            on:change=move |_| {
                                if all_selected_2() { selected.update(|s| for i in all.iter() { s.remove(i); }) } else { selected.update(|s| s.extend(all.iter().cloned())) }
                            }/>
                    </th>
                    <th scope="col">"Item"</th>
                    <th scope="col">"Status"</th>
                    {(tab == MediaTab::Videos).then(|| view! { <th scope="col">"Duration"</th> })}
                    <th scope="col">"Size"</th>
                    <th scope="col">"Category"</th>
                    <th scope="col">"Created"</th>
                </tr></thead>
                <tbody>
                    {listing.rows.into_iter().map(|r| {
                        let id = r.id.clone();
                        let id_for_check = id.clone();
                        let href = match tab {
                            MediaTab::Videos => format!("/media/video/{}", r.id),
                            MediaTab::Images => format!("/media/image/{}", r.id),
                            MediaTab::Attached => format!("/media/attached/{}", r.id),
                        };
                        let title = if r.title.is_empty() { "(untitled)".to_string() } else { r.title.clone() };
                        view! {
                            <tr data-testid="media-row" data-id=r.id.clone()>
                                <td>
                                    <input type="checkbox" aria-label=format!("Select {title}")
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
                                            <a class="font-medium text-blue-700 hover:underline dark:text-blue-300" href=href data-testid="media-title">{title.clone()}</a>
                                            <div class="text-xs text-slate-500 dark:text-slate-400"><code>{r.id.clone()}</code>
                                                {(!r.business_type.is_empty()).then(|| format!(" · {}", r.business_type))}
                                                {(!r.tags.is_empty()).then(|| format!(" · {}", r.tags))}</div>
                                        </div>
                                    </div>
                                </td>
                                <td><StatusBadge status=r.status.clone()/></td>
                                {(tab == MediaTab::Videos).then(|| view! { <td class="tabular-nums">{r.duration.map(format_duration).unwrap_or_default()}</td> })}
                                <td class="tabular-nums">{r.size.map(format_size).unwrap_or_default()}</td>
                                <td>{r.cate_name.clone()}</td>
                                <td class="whitespace-nowrap text-slate-600 dark:text-slate-400">{short_time(&r.created)}</td>
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
    let pages = listing.total.div_ceil(u64::from(listing.size.max(1))).max(1);
    let page = u64::from(listing.page);
    let prev = (page > 1).then(|| query.at_page(listing.page - 1, None));
    // Beyond the first 5,000 records the next page needs this page's ScrollToken.
    let next = (page < pages).then(|| query.at_page(listing.page + 1, listing.scroll_token.as_deref()));
    let next = next.filter(|n| n.validate().is_ok());
    view! {
        <nav class="mt-4 flex items-center gap-3 text-sm" aria-label="Pages" data-testid="pager">
            {prev.map(|p| view! { <A href=p.href() attr:class="btn-ghost" attr:rel="prev">"← Previous"</A> })}
            <span>{format!("Page {page} of {pages}")}</span>
            {next.map(|n| view! { <A href=n.href() attr:class="btn-ghost" attr:rel="next" attr:data-testid="next-page">"Next →"</A> })}
        </nav>
    }
}

#[component]
fn BulkEditDialog(
    tab: MediaTab,
    categories: Vec<CategoryOption>,
    selected: RwSignal<HashSet<String>>,
    action: ServerAction<BulkEditMedia>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let cate = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let replace = RwSignal::new(false);
    let problem = move || crate::model::vod_text::check_tags(&tags.get()).err();
    let n = selected.with_untracked(|s| s.len());
    view! {
        <div class="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4"
            on:keydown=move |ev| if ev.key() == "Escape" { editing.set(false) }>
            <div role="dialog" aria-modal="true" aria-labelledby="bulk-title" class="w-full max-w-lg rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900" data-testid="bulk-edit-dialog">
                <h2 id="bulk-title" class="text-lg font-semibold">{format!("Edit {n} {}", tab.noun(n))}</h2>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Sent to VOD 20 items per call; each item's result is shown."</p>
                <div class="mt-4 grid gap-3">
                    <div>
                        <label class="label" for="be-cate">"Move into category"</label>
                        <select id="be-cate" class="input" on:change=move |ev| cate.set(event_target_value(&ev))>
                            <option value="">"— keep —"</option>
                            {categories.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.path}</option> }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label class="label" for="be-tags">"Tags"</label>
                        <input id="be-tags" class="input" on:input=move |ev| tags.set(event_target_value(&ev))/>
                        <p role="alert" class="mt-1 text-xs text-red-700 dark:text-red-300">{problem}</p>
                        <label class="mt-2 flex items-center gap-2 text-sm">
                            <input type="checkbox" on:change=move |ev| replace.set(event_target_checked(&ev))/>
                            "Replace each item's tags (otherwise they are added)"
                        </label>
                    </div>
                </div>
                <div class="mt-5 flex justify-end gap-2">
                    <button type="button" class="btn-ghost" on:click=move |_| editing.set(false)>"Cancel"</button>
                    <button type="button" class="btn-primary" data-testid="apply-bulk-edit" disabled=move || problem().is_some()
                        on:click=move |_| {
                            let ids: Vec<String> = selected.get_untracked().into_iter().collect();
                            action.dispatch(BulkEditMedia { tab: tab.slug().to_string(), ids, cate: cate.get_untracked(), tags: tags.get_untracked(), replace_tags: replace.get_untracked() });
                            editing.set(false);
                        }>"Apply"</button>
                </div>
            </div>
        </div>
    }
}

/// Images tab extras: look up IDs (GetImageInfos, unknown IDs listed) and delete by URL.
#[component]
fn ImageTools() -> impl IntoView {
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
                <h2 id="lookup-title" class="mb-2 font-medium">"Look up image IDs"</h2>
                <ActionForm action=lookup attr:class="grid gap-2">
                    <label class="label" for="lookup-ids">"Image IDs (comma or line separated)"</label>
                    <textarea id="lookup-ids" name="ids" class="input" rows="3" required></textarea>
                    <button type="submit" class="btn-primary justify-self-start">"Look up"</button>
                </ActionForm>
                <FormMessage value=move || lookup.value().get()/>
                {move || lookup.value().get().and_then(|r| r.ok()).map(|r| view! {
                    <div data-testid="lookup-result" class="mt-3 text-sm">
                        <p>{format!("{} found", r.found.len())}</p>
                        <ul class="list-disc pl-5">
                            {r.found.into_iter().map(|i| view! { <li><a class="text-blue-700 dark:text-blue-300" href=format!("/media/image/{}", i.id)>{i.title}</a>" "<code class="text-xs">{i.id}</code></li> }).collect_view()}
                        </ul>
                        {(!r.missing.is_empty()).then(|| view! {
                            <p class="mt-2 text-amber-800 dark:text-amber-200" data-testid="lookup-missing">{format!("Not known to VOD (NonExistImageIds): {}", r.missing.join(", "))}</p>
                        })}
                    </div>
                })}
            </section>
            <section class="card" aria-labelledby="by-url-title">
                <h2 id="by-url-title" class="mb-2 font-medium">"Delete images by URL"</h2>
                <ActionForm action=by_url attr:class="grid gap-2">
                    <label class="label" for="del-urls">"Image URLs, one per line"</label>
                    <textarea id="del-urls" name="urls" class="input" rows="3" required></textarea>
                    <p class="text-xs text-slate-600 dark:text-slate-400">"Irreversible at VOD once the undo window has passed; CDN copies may persist."</p>
                    <button type="submit" class="btn-ghost justify-self-start text-red-700 dark:text-red-300">"Delete these URLs…"</button>
                </ActionForm>
                <FormMessage value=move || by_url.value().get()/>
                <DeleteQueuePanel state=queue/>
            </section>
        </div>
    }
}

#[component]
pub fn VideoDetailPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").unwrap_or_default());
    let update = ServerAction::<UpdateMedia>::new();
    let cover = ServerAction::<SetVideoCover>::new();
    let query_map = use_query_map();
    let fresh = Memo::new(move |_| query_map.with(|q| q.get("fresh").as_deref() == Some("1")));
    let detail = Resource::new(
        move || (id.get(), fresh.get(), update.version().get(), cover.version().get()),
        |(id, fresh, _, _)| get_video(id, fresh),
    );
    let categories = Resource::new(|| (), |_| list_category_options());
    let can_edit = me.can("vod:UpdateVideoInfo");
    let can_delete = me.can("vod:DeleteVideo");
    let can_delete_images = me.can("vod:DeleteImage");
    view! {
        <p class="mb-3 text-sm"><a class="text-blue-700 hover:underline dark:text-blue-300" href="/media">"← Media"</a></p>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                let cats = categories.await.unwrap_or_default();
                match detail.await {
                    Err(e) => view! { <PageHeader title="Video"/> <ErrorPanel error=e/> }.into_any(),
                    Ok(v) => {
                        let initial = MediaEdit { title: v.title.clone(), description: v.description.clone(), tags: v.tags.clone(), cate: v.cate_id.map(|c| c.to_string()).unwrap_or_default(), cover_url: v.cover_url.clone() };
                        let play = v.streams.iter().find(|s| s.format == "mp4").or(v.streams.first()).cloned();
                        let vid = v.id.clone();
                        view! {
                            <leptos_meta::Title text=v.title.clone()/>
                            <div class="mb-4 flex flex-wrap items-center gap-3">
                                <h1 class="text-2xl font-semibold tracking-tight" data-testid="video-title">{v.title.clone()}</h1>
                                <StatusBadge status=v.status.clone()/>
                            </div>
                            <crate::ui::FreshnessNote age_secs=v.cached_age_secs reload_href=format!("/media/video/{}?fresh=1", v.id)/>
                            <div class="grid gap-6 lg:grid-cols-2">
                                <section class="card" aria-label="Player">
                                    {match play {
                                        Some(s) => view! {
                                            <video controls preload="metadata" class="aspect-video w-full rounded bg-black" poster=v.cover_url.clone() data-testid="player" src=s.url.clone()></video>
                                            <p class="mt-2 text-xs text-slate-500">{format!("Playing {} {}", s.definition, s.format)}</p>
                                        }.into_any(),
                                        None => view! { <p class="text-slate-600 dark:text-slate-400" data-testid="no-stream">{v.streams_note.clone().unwrap_or_else(|| "No stream to play.".into())}</p> }.into_any(),
                                    }}
                                </section>
                                <section class="card" aria-label="Details">
                                    <dl class="grid grid-cols-3 gap-x-3 gap-y-1 text-sm">
                                        <dt class="text-slate-500">"Video ID"</dt><dd class="col-span-2"><code>{v.id.clone()}</code></dd>
                                        <dt class="text-slate-500">"Duration"</dt><dd class="col-span-2">{v.duration.map(format_duration).unwrap_or_default()}</dd>
                                        <dt class="text-slate-500">"Size"</dt><dd class="col-span-2">{v.size.map(format_size).unwrap_or_default()}</dd>
                                        <dt class="text-slate-500">"Category"</dt><dd class="col-span-2">{v.cate_name.clone()}</dd>
                                        <dt class="text-slate-500">"Tags"</dt><dd class="col-span-2">{v.tags.clone()}</dd>
                                        <dt class="text-slate-500">"Created"</dt><dd class="col-span-2">{short_time(&v.created)}</dd>
                                        <dt class="text-slate-500">"Modified"</dt><dd class="col-span-2">{short_time(&v.modified)}</dd>
                                        <dt class="text-slate-500">"Storage"</dt><dd class="col-span-2">{format!("{} {}", v.storage, v.storage_class)}</dd>
                                        <dt class="text-slate-500">"Template group"</dt><dd class="col-span-2">{v.template_group_id.clone()}</dd>
                                        {v.source.clone().map(|s| view! {
                                            <dt class="text-slate-500">"Source file"</dt>
                                            <dd class="col-span-2">{format!("{} · {} · {}×{} · {} · {}", s.file_name, s.size.map(format_size).unwrap_or_default(), s.width.unwrap_or(0), s.height.unwrap_or(0), s.codec.unwrap_or_default(), s.bitrate.unwrap_or_default())}</dd>
                                        })}
                                    </dl>
                                </section>
                            </div>
                            <section class="card mt-6" aria-labelledby="streams-title">
                                <h2 id="streams-title" class="mb-2 font-medium">"Streams"</h2>
                                {if v.streams.is_empty() {
                                    view! { <p class="text-sm text-slate-600 dark:text-slate-400">{v.streams_note.clone().unwrap_or_default()}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="table" data-testid="streams">
                                            <thead><tr><th>"Definition"</th><th>"Format"</th><th>"Resolution"</th><th>"Bitrate"</th><th>"Size"</th><th>"Encrypted"</th></tr></thead>
                                            <tbody>{v.streams.iter().map(|s| view! {
                                                <tr><td>{s.definition.clone()}</td><td>{s.format.clone()}</td>
                                                    <td>{format!("{}×{}", s.width.unwrap_or(0), s.height.unwrap_or(0))}</td>
                                                    <td>{s.bitrate_kbps.map(|b| format!("{b:.0} Kbps")).unwrap_or_default()}</td>
                                                    <td>{s.size.map(format_size).unwrap_or_default()}</td>
                                                    <td>{if s.encrypted { "yes" } else { "no" }}</td></tr>
                                            }).collect_view()}</tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                            <section class="card mt-6" aria-labelledby="snaps-title">
                                <h2 id="snaps-title" class="mb-2 font-medium">"Snapshots"</h2>
                                <FormMessage value=move || cover.value().get() success="Cover updated."/>
                                <div class="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="snapshots">
                                    {v.snapshots.clone().into_iter().map(|url| {
                                        let is_cover = url == v.cover_url;
                                        let vid = vid.clone();
                                        view! {
                                            <figure class="text-xs">
                                                <img src=url.clone() alt="Snapshot" loading="lazy" class="aspect-video w-full rounded object-cover bg-slate-200"/>
                                                {if is_cover {
                                                    view! { <figcaption class="mt-1 font-medium">"Current cover"</figcaption> }.into_any()
                                                } else if can_edit {
                                                    view! {
                                                        <ActionForm action=cover>
                                                            <input type="hidden" name="id" value=vid.clone()/>
                                                            <input type="hidden" name="cover_url" value=url.clone()/>
                                                            <button type="submit" class="btn-ghost mt-1 px-1 py-0.5 text-xs" data-testid="set-cover">"Set as cover"</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                } else { ().into_any() }}
                                            </figure>
                                        }
                                    }).collect_view()}
                                </div>
                                {v.snapshots.is_empty().then(|| view! { <p class="text-sm text-slate-600 dark:text-slate-400">"No snapshots."</p> })}
                            </section>
                            {can_edit.then(|| view! {
                                <section class="card mt-6" aria-labelledby="edit-title-h">
                                    <h2 id="edit-title-h" class="mb-3 font-medium">"Edit"</h2>
                                    <MediaEditForm tab=MediaTab::Videos id=v.id.clone() initial=initial categories=cats.clone() action=update/>
                                </section>
                            })}
                            {(can_delete || can_delete_images).then(|| view! { <VideoDangerZone id=v.id.clone() title=v.title.clone() can_delete=can_delete can_delete_images=can_delete_images/> })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn VideoDangerZone(id: String, title: String, can_delete: bool, can_delete_images: bool) -> impl IntoView {
    let delete = ServerAction::<DeleteMedia>::new();
    let images = ServerAction::<DeleteVideoImages>::new();
    let queue = DeleteQueueState::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(job)) = delete.value().get() {
            queue.track(job);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(job)) = images.value().get() {
            queue.track(job);
        }
    });
    let id2 = id.clone();
    let id3 = id.clone();
    view! {
        <section class="card mt-6 border-red-200 dark:border-red-900" aria-labelledby="danger-title">
            <h2 id="danger-title" class="mb-3 font-medium text-red-800 dark:text-red-300">"Delete"</h2>
            <FormMessage value=move || delete.value().get()/>
            <FormMessage value=move || images.value().get()/>
            <DeleteQueuePanel state=queue/>
            {can_delete.then(|| view! {
                <button type="button" class="btn-ghost text-red-700 dark:text-red-300" data-testid="delete-video" on:click=move |_| confirming.set(true)>"Delete this video…"</button>
            })}
            {move || confirming.get().then(|| {
                let ids = vec![id2.clone()];
                view! {
                    <DeleteConfirm noun="video".to_string() names=vec![format!("{title} ({id2})")] undo_seconds=None
                        on_cancel=Callback::new(move |_| confirming.set(false))
                        on_confirm=Callback::new(move |_| { confirming.set(false); delete.dispatch(DeleteMedia { tab: "videos".into(), ids: ids.clone() }); })/>
                }
            })}
            {can_delete_images.then(|| view! {
                <ActionForm action=images attr:class="mt-4 flex flex-wrap items-end gap-3" attr:data-testid="delete-video-images">
                    <input type="hidden" name="video_id" value=id3.clone()/>
                    <fieldset class="flex flex-wrap gap-3 text-sm">
                        <legend class="label">"Delete this video's images (DeleteImage by VideoId)"</legend>
                        {["CoverSnapshot", "NormalSnapshot", "SpriteSnapshot", "SpriteOriginSnapshot", "All"].into_iter().enumerate().map(|(i, t)| view! {
                            <label class="flex items-center gap-1"><input type="checkbox" name=format!("image_types[{i}]") value=t/>{t}</label>
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="btn-ghost text-red-700 dark:text-red-300">"Delete images…"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub fn ImageDetailPage() -> impl IntoView {
    view! { <FileDetail tab=MediaTab::Images/> }
}

#[component]
pub fn AttachedDetailPage() -> impl IntoView {
    view! { <FileDetail tab=MediaTab::Attached/> }
}

/// An image or an attached media file: preview, metadata, edit, delete.
#[component]
fn FileDetail(tab: MediaTab) -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").unwrap_or_default());
    let update = ServerAction::<UpdateMedia>::new();
    let detail = Resource::new(move || (id.get(), update.version().get()), move |(id, _)| async move {
        if tab == MediaTab::Images { get_image(id).await } else { get_attached(id).await }
    });
    let categories = Resource::new(|| (), |_| list_category_options());
    let (edit_permission, back, back_label) = match tab {
        MediaTab::Images => ("vod:UpdateImageInfos", "/media?tab=images", "← Images"),
        _ => ("vod:UpdateAttachedMediaInfos", "/media?tab=attached", "← Attached media"),
    };
    let can_edit = me.can(edit_permission);
    let can_delete = me.can(tab.delete_permission());
    view! {
        <p class="mb-3 text-sm"><a class="text-blue-700 hover:underline dark:text-blue-300" href=back>{back_label}</a></p>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                let cats = categories.await.unwrap_or_default();
                match detail.await {
                    Err(e) => view! { <PageHeader title="Media file"/> <ErrorPanel error=e/> }.into_any(),
                    Ok(i) => {
                        let initial = MediaEdit { title: i.title.clone(), description: i.description.clone(), tags: i.tags.clone(), cate: i.cate_id.map(|c| c.to_string()).unwrap_or_default(), cover_url: String::new() };
                        view! {
                            <leptos_meta::Title text=i.title.clone()/>
                            <div class="mb-4 flex items-center gap-3">
                                <h1 class="text-2xl font-semibold tracking-tight" data-testid="image-title">{i.title.clone()}</h1>
                                <StatusBadge status=i.status.clone()/>
                            </div>
                            <div class="grid gap-6 lg:grid-cols-2">
                                <section class="card">
                                    {if tab == MediaTab::Images || [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"].iter().any(|e| i.url.to_lowercase().contains(e)) {
                                        view! { <img src=i.url.clone() alt=i.title.clone() class="w-full rounded bg-slate-200"/> }.into_any()
                                    } else {
                                        view! { <a class="text-blue-700 underline dark:text-blue-300" href=i.url.clone() rel="external">"Open the file"</a> }.into_any()
                                    }}
                                </section>
                                <section class="card">
                                    <dl class="grid grid-cols-3 gap-x-3 gap-y-1 text-sm">
                                        <dt class="text-slate-500">"ID"</dt><dd class="col-span-2"><code>{i.id.clone()}</code></dd>
                                        <dt class="text-slate-500">"Type"</dt><dd class="col-span-2">{i.image_type.clone()}</dd>
                                        <dt class="text-slate-500">"File"</dt><dd class="col-span-2">{format!("{} · {} · {}×{}", i.file_name, i.size.map(format_size).unwrap_or_default(), i.width.unwrap_or(0), i.height.unwrap_or(0))}</dd>
                                        <dt class="text-slate-500">"Category"</dt><dd class="col-span-2">{i.cate_name.clone()}</dd>
                                        <dt class="text-slate-500">"Created"</dt><dd class="col-span-2">{short_time(&i.created)}</dd>
                                        <dt class="text-slate-500">"URL"</dt><dd class="col-span-2 break-all text-xs">{i.url.clone()}</dd>
                                    </dl>
                                </section>
                            </div>
                            {can_edit.then(|| view! {
                                <section class="card mt-6"><h2 class="mb-3 font-medium">"Edit"</h2>
                                    <MediaEditForm tab=tab id=i.id.clone() initial=initial categories=cats.clone() action=update/>
                                </section>
                            })}
                            {can_delete.then(|| view! { <SingleDelete tab=tab id=i.id.clone() title=i.title.clone()/> })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SingleDelete(tab: MediaTab, id: String, title: String) -> impl IntoView {
    let delete = ServerAction::<DeleteMedia>::new();
    let queue = DeleteQueueState::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(job)) = delete.value().get() {
            queue.track(job);
        }
    });
    view! {
        <section class="card mt-6" aria-label="Delete">
            <FormMessage value=move || delete.value().get()/>
            <DeleteQueuePanel state=queue/>
            <button type="button" class="btn-ghost text-red-700 dark:text-red-300" data-testid="delete-single" on:click=move |_| confirming.set(true)>{format!("Delete this {}…", tab.noun(1))}</button>
            {move || confirming.get().then(|| {
                let ids = vec![id.clone()];
                view! {
                    <DeleteConfirm noun=tab.noun(1).to_string() names=vec![format!("{title} ({id})")] undo_seconds=None
                        on_cancel=Callback::new(move |_| confirming.set(false))
                        on_confirm=Callback::new(move |_| { confirming.set(false); delete.dispatch(DeleteMedia { tab: tab.slug().into(), ids: ids.clone() }); })/>
                }
            })}
        </section>
    }
}
