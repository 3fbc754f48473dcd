//! Renders `/media/video/:id`: a video's detail page: player, details, streams,
//! snapshots (one can become the cover), edit form, and deleting the video or its images.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::media::{get_video, list_category_options, DeleteMedia, DeleteVideoImages, SetVideoCover, UpdateMedia};
use crate::components::media::{DeleteConfirm, DeleteQueuePanel, DeleteQueueState, MediaEditForm, StatusBadge};
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::media::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, PageHeader, Spinner};

#[component]
pub fn VideoDetailPage() -> impl IntoView {
    let i18n = use_i18n();
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
    let can_edit = me.can(crate::vod_permission!(UpdateVideoInfo));
    let can_delete = me.can(crate::vod_permission!(DeleteVideo));
    let can_delete_images = me.can(crate::vod_permission!(DeleteImage));
    view! {
        <p class="mb-3 text-sm"><a class="text-blue-700 hover:underline dark:text-blue-300" href="/media">{t!(i18n, media.detail.back_media)}</a></p>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                let cats = categories.await.unwrap_or_default();
                match detail.await {
                    Err(e) => view! { <PageHeader title=move || t_string!(i18n, media.detail.video)/> <ErrorPanel error=e/> }.into_any(),
                    Ok(v) => {
                        let initial = MediaEdit { title: v.title.clone(), description: v.description.clone(), tags: v.tags.clone(), cate: v.cate_id.map(|c| c.to_string()).unwrap_or_default(), cover_url: v.cover_url.clone() };
                        let play = v.streams.iter().find(|s| s.format == "mp4").or(v.streams.first()).cloned();
                        let vid = v.id.clone();
                        view! {
                            <leptos_meta::Title text=v.title.clone()/>
                            <div class="mb-4 flex flex-wrap items-center gap-3">
                                <h1 class="text-2xl font-semibold tracking-tight" data-testid="video-title" translate="no">{v.title.clone()}</h1>
                                <StatusBadge status=v.status.clone()/>
                            </div>
                            <crate::ui::FreshnessNote age_secs=v.cached_age_secs reload_href=format!("/media/video/{}?fresh=1", v.id)/>
                            <div class="grid gap-6 lg:grid-cols-2">
                                <section class="card" aria-label=move || t_string!(i18n, media.detail.player)>
                                    {match play {
                                        Some(s) => view! {
                                            <video controls preload="metadata" class="aspect-video w-full rounded bg-black" poster=v.cover_url.clone() data-testid="player" src=s.url.clone()></video>
                                            <p class="mt-2 text-xs text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.playing)}" "<span translate="no">{format!("{} {}", s.definition, s.format)}</span></p>
                                        }.into_any(),
                                        None => {
                                            let note = v.streams_note.clone();
                                            let text = move || note.clone().unwrap_or_else(|| t_string!(i18n, media.detail.no_stream).to_string());
                                            view! { <p class="text-slate-600 dark:text-slate-400" data-testid="no-stream">{text}</p> }.into_any()
                                        }
                                    }}
                                </section>
                                <section class="card" aria-label=move || t_string!(i18n, media.detail.details)>
                                    // Names, tags, storage addresses and file details are data (`translate="no"`).
                                    <dl class="grid grid-cols-3 gap-x-3 gap-y-1 text-sm">
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.video_id)}</dt><dd class="col-span-2"><code>{v.id.clone()}</code></dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.duration)}</dt><dd class="col-span-2">{v.duration.map(format_duration).unwrap_or_default()}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.size)}</dt><dd class="col-span-2">{v.size.map(format_size).unwrap_or_default()}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.category)}</dt><dd class="col-span-2" translate="no">{v.cate_name.clone()}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.tags)}</dt><dd class="col-span-2" translate="no">{v.tags.clone()}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.created)}</dt><dd class="col-span-2"><LocalTime at=v.created.clone()/></dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.modified)}</dt><dd class="col-span-2"><LocalTime at=v.modified.clone()/></dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.storage)}</dt><dd class="col-span-2">
                                            <span translate="no">{v.storage.clone()}</span>" "{storage_class_view(i18n, v.storage_class.clone())}
                                        </dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.template_group)}</dt><dd class="col-span-2" translate="no">{v.template_group_id.clone()}</dd>
                                        {v.source.clone().map(|s| view! {
                                            <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.source_file)}</dt>
                                            <dd class="col-span-2" translate="no">{format!("{} · {} · {}×{} · {} · {}", s.file_name, s.size.map(format_size).unwrap_or_default(), s.width.unwrap_or(0), s.height.unwrap_or(0), s.codec.unwrap_or_default(), s.bitrate.unwrap_or_default())}</dd>
                                        })}
                                    </dl>
                                </section>
                            </div>
                            <section class="card mt-6" aria-labelledby="streams-title">
                                <div class="mb-2 flex flex-wrap items-center justify-between gap-2">
                                    <h2 id="streams-title" class="font-medium">{t!(i18n, media.streams.title)}</h2>
                                    // Transcoding this video again, and its progress, on the templates page.
                                    <span class="flex flex-wrap gap-2">
                                        <a class="btn-ghost" href=format!("/templates/jobs?videos={}", v.id) data-testid="transcode-link">{t!(i18n, media.streams.transcode)}</a>
                                        // Its daily plays and viewers, on the usage page.
                                        <a class="btn-ghost" href=format!("/usage?video={}&range=30d", v.id) data-testid="playback-link">{t!(i18n, media.streams.playback)}</a>
                                    </span>
                                </div>
                                {if v.streams.is_empty() {
                                    view! { <p class="text-sm text-slate-600 dark:text-slate-400">{v.streams_note.clone().unwrap_or_default()}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="table" data-testid="streams">
                                            <thead><tr>
                                                <th>{t!(i18n, media.streams.definition)}</th><th>{t!(i18n, media.streams.format)}</th>
                                                <th>{t!(i18n, media.streams.resolution)}</th><th>{t!(i18n, media.streams.bitrate)}</th>
                                                <th>{t!(i18n, media.streams.size)}</th><th>{t!(i18n, media.streams.encrypted)}</th>
                                            </tr></thead>
                                            <tbody>{v.streams.iter().map(|s| {
                                                let encrypted = s.encrypted;
                                                view! {
                                                    <tr><td translate="no">{s.definition.clone()}</td><td translate="no">{s.format.clone()}</td>
                                                        <td>{format!("{}×{}", s.width.unwrap_or(0), s.height.unwrap_or(0))}</td>
                                                        <td>{s.bitrate_kbps.map(|b| format!("{b:.0} Kbps")).unwrap_or_default()}</td>
                                                        <td>{s.size.map(format_size).unwrap_or_default()}</td>
                                                        <td>{move || if encrypted { t_string!(i18n, media.streams.yes) } else { t_string!(i18n, media.streams.no) }}</td></tr>
                                                }
                                            }).collect_view()}</tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                            <section class="card mt-6" aria-labelledby="snaps-title">
                                <h2 id="snaps-title" class="mb-2 font-medium">{t!(i18n, media.snapshots.title)}</h2>
                                <FormMessage value=move || cover.value().get() success=move || t_string!(i18n, media.snapshots.cover_updated)/>
                                <div class="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="snapshots">
                                    {v.snapshots.clone().into_iter().map(|url| {
                                        let is_cover = url == v.cover_url;
                                        let vid = vid.clone();
                                        view! {
                                            <figure class="text-xs">
                                                <img src=url.clone() alt=move || t_string!(i18n, media.snapshots.alt) loading="lazy" class="aspect-video w-full rounded object-cover bg-slate-200"/>
                                                {if is_cover {
                                                    view! { <figcaption class="mt-1 font-medium">{t!(i18n, media.snapshots.current_cover)}</figcaption> }.into_any()
                                                } else if can_edit {
                                                    view! {
                                                        <ActionForm action=cover>
                                                            <input type="hidden" name="id" value=vid.clone()/>
                                                            <input type="hidden" name="cover_url" value=url.clone()/>
                                                            <button type="submit" class="btn-ghost mt-1 px-1 py-0.5 text-xs" data-testid="set-cover">{t!(i18n, media.snapshots.set_cover)}</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                } else { ().into_any() }}
                                            </figure>
                                        }
                                    }).collect_view()}
                                </div>
                                {v.snapshots.is_empty().then(|| view! { <p class="text-sm text-slate-600 dark:text-slate-400">{t!(i18n, media.snapshots.none)}</p> })}
                            </section>
                            {can_edit.then(|| view! {
                                <section class="card mt-6" aria-labelledby="edit-title-h">
                                    <h2 id="edit-title-h" class="mb-3 font-medium">{t!(i18n, media.detail.edit)}</h2>
                                    <MediaEditForm tab=MediaKind::Video id=v.id.clone() initial=initial categories=cats.clone() action=update/>
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
    let i18n = use_i18n();
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
            <h2 id="danger-title" class="mb-3 font-medium text-red-800 dark:text-red-300">{t!(i18n, media.danger.title)}</h2>
            <FormMessage value=move || delete.value().get()/>
            <FormMessage value=move || images.value().get()/>
            <DeleteQueuePanel state=queue/>
            {can_delete.then(|| view! {
                <button type="button" class="btn-ghost text-red-700 dark:text-red-300" data-testid="delete-video" on:click=move |_| confirming.set(true)>{t!(i18n, media.danger.delete_video)}</button>
            })}
            {move || confirming.get().then(|| {
                let ids = vec![id2.clone()];
                view! {
                    <DeleteConfirm tab=MediaKind::Video names=vec![format!("{title} ({id2})")] undo_seconds=None
                        on_cancel=Callback::new(move |_| confirming.set(false))
                        on_confirm=Callback::new(move |_| { confirming.set(false); delete.dispatch(DeleteMedia { tab: MediaKind::Video, ids: ids.clone() }); })/>
                }
            })}
            {can_delete_images.then(|| view! {
                <ActionForm action=images attr:class="mt-4 flex flex-wrap items-end gap-3" attr:data-testid="delete-video-images">
                    <input type="hidden" name="video_id" value=id3.clone()/>
                    <fieldset class="flex flex-wrap gap-3 text-sm">
                        <legend class="label">{t!(i18n, media.danger.images_legend)}</legend>
                        {["CoverSnapshot", "NormalSnapshot", "SpriteSnapshot", "SpriteOriginSnapshot", "All"].into_iter().enumerate().map(|(i, t)| view! {
                            <label class="flex items-center gap-1"><input type="checkbox" name=format!("image_types[{i}]") value=t/>{move || video_image_type_text(i18n.get_locale(), t)}</label>
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="btn-ghost text-red-700 dark:text-red-300">{t!(i18n, media.danger.delete_images)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// A storage class (`Standard`, `IA`, `Archive`, `ColdArchive`) for people; one the
/// console does not know is shown as VOD's word.
fn storage_class_view(i18n: leptos_i18n::I18nContext<Locale>, class: String) -> impl IntoView {
    let unknown = storage_class_text(Locale::en, &class).is_none().then_some("no");
    let text = move || storage_class_text(i18n.get_locale(), &class).map(str::to_string).unwrap_or_else(|| class.clone());
    view! { <span translate=unknown>{text}</span> }
}

fn storage_class_text(locale: Locale, class: &str) -> Option<&'static str> {
    Some(match class {
        "Standard" => td_string!(locale, media.storage_classes.standard),
        "IA" => td_string!(locale, media.storage_classes.ia),
        "Archive" => td_string!(locale, media.storage_classes.archive),
        "ColdArchive" => td_string!(locale, media.storage_classes.cold_archive),
        _ => return None,
    })
}

/// A kind of a video's images (DeleteImage's `ImageType` with `DeleteImageType=VideoId`).
fn video_image_type_text(locale: Locale, image_type: &str) -> &'static str {
    match image_type {
        "CoverSnapshot" => td_string!(locale, media.video_images.cover_snapshot),
        "NormalSnapshot" => td_string!(locale, media.video_images.normal_snapshot),
        "SpriteSnapshot" => td_string!(locale, media.video_images.sprite_snapshot),
        "SpriteOriginSnapshot" => td_string!(locale, media.video_images.sprite_origin_snapshot),
        _ => td_string!(locale, media.video_images.all),
    }
}
