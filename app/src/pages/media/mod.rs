//! The media library and its detail pages, one file per route: the library list
//! (`library`), a video (`video`), an image (`image`) and an attached media file
//! (`attached`). Image and attached media share one detail page, kept here.

mod attached;
mod image;
mod library;
mod video;

pub use attached::AttachedDetailPage;
pub use image::ImageDetailPage;
pub use library::MediaLibraryPage;
pub use video::VideoDetailPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::media::{get_attached, get_image, list_category_options, DeleteMedia, UpdateMedia};
use crate::components::media::{kind_text, DeleteConfirm, DeleteQueuePanel, DeleteQueueState, MediaEditForm, StatusBadge};
use crate::components::shell::ErrorPanel;
use crate::i18n::*;
use crate::model::media::*;
use crate::model::CurrentUser;
use crate::ui::{FormMessage, LocalTime, PageHeader, Spinner};

/// An image or an attached media file: preview, metadata, edit, delete.
#[component]
fn FileDetail(tab: MediaKind) -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<CurrentUser>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").unwrap_or_default());
    let update = ServerAction::<UpdateMedia>::new();
    let detail = Resource::new(move || (id.get(), update.version().get()), move |(id, _)| async move {
        if tab == MediaKind::Image { get_image(id).await } else { get_attached(id).await }
    });
    let categories = Resource::new(|| (), |_| list_category_options());
    let (edit_permission, back) = match tab {
        MediaKind::Image => (crate::vod_permission!(UpdateImageInfos), "/media?tab=images"),
        _ => (crate::vod_permission!(UpdateAttachedMediaInfos), "/media?tab=attached"),
    };
    let back_label = move || match tab {
        MediaKind::Image => t_string!(i18n, media.detail.back_images),
        _ => t_string!(i18n, media.detail.back_attached),
    };
    let can_edit = me.can(edit_permission);
    let can_delete = me.can(tab.delete_permission());
    view! {
        <p class="mb-3 text-sm"><a class="text-blue-700 hover:underline dark:text-blue-300" href=back>{back_label}</a></p>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                let cats = categories.await.unwrap_or_default();
                match detail.await {
                    Err(e) => view! { <PageHeader title=move || t_string!(i18n, media.detail.file)/> <ErrorPanel error=e/> }.into_any(),
                    Ok(i) => {
                        let initial = MediaEdit { title: i.title.clone(), description: i.description.clone(), tags: i.tags.clone(), cate: i.cate_id.map(|c| c.to_string()).unwrap_or_default(), cover_url: String::new() };
                        view! {
                            <leptos_meta::Title text=i.title.clone()/>
                            <div class="mb-4 flex items-center gap-3">
                                <h1 class="text-2xl font-semibold tracking-tight" data-testid="image-title" translate="no">{i.title.clone()}</h1>
                                <StatusBadge status=i.status.clone()/>
                            </div>
                            <div class="grid gap-6 lg:grid-cols-2">
                                <section class="card">
                                    {if tab == MediaKind::Image || [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"].iter().any(|e| i.url.to_lowercase().contains(e)) {
                                        view! { <img src=i.url.clone() alt=i.title.clone() translate="no" class="w-full rounded bg-slate-200"/> }.into_any()
                                    } else {
                                        view! { <a class="text-blue-700 underline dark:text-blue-300" href=i.url.clone() rel="external">{t!(i18n, media.detail.open_file)}</a> }.into_any()
                                    }}
                                </section>
                                <section class="card">
                                    <dl class="grid grid-cols-3 gap-x-3 gap-y-1 text-sm">
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.id)}</dt><dd class="col-span-2"><code>{i.id.clone()}</code></dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.kind)}</dt><dd class="col-span-2">{kind_view(i18n, i.image_type.clone())}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.file_info)}</dt><dd class="col-span-2" translate="no">{format!("{} · {} · {}×{}", i.file_name, i.size.map(format_size).unwrap_or_default(), i.width.unwrap_or(0), i.height.unwrap_or(0))}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.category)}</dt><dd class="col-span-2" translate="no">{i.cate_name.clone()}</dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.created)}</dt><dd class="col-span-2"><LocalTime at=i.created.clone()/></dd>
                                        <dt class="text-slate-600 dark:text-slate-400">{t!(i18n, media.detail.url)}</dt><dd class="col-span-2 break-all text-xs" translate="no">{i.url.clone()}</dd>
                                    </dl>
                                </section>
                            </div>
                            {can_edit.then(|| view! {
                                <section class="card mt-6"><h2 class="mb-3 font-medium">{t!(i18n, media.detail.edit)}</h2>
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
fn SingleDelete(tab: MediaKind, id: String, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteMedia>::new();
    let queue = DeleteQueueState::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(job)) = delete.value().get() {
            queue.track(job);
        }
    });
    view! {
        <section class="card mt-6" aria-label=move || t_string!(i18n, media.danger.title)>
            <FormMessage value=move || delete.value().get()/>
            <DeleteQueuePanel state=queue/>
            <button type="button" class="btn-ghost text-red-700 dark:text-red-300" data-testid="delete-single" on:click=move |_| confirming.set(true)>{move || match tab {
                MediaKind::Video => t_string!(i18n, media.danger.delete_video),
                MediaKind::Image => t_string!(i18n, media.danger.delete_image),
                MediaKind::Attached => t_string!(i18n, media.danger.delete_attached),
            }}</button>
            {move || confirming.get().then(|| {
                let ids = vec![id.clone()];
                view! {
                    <DeleteConfirm tab=tab names=vec![format!("{title} ({id})")] undo_seconds=None
                        on_cancel=Callback::new(move |_| confirming.set(false))
                        on_confirm=Callback::new(move |_| { confirming.set(false); delete.dispatch(DeleteMedia { tab, ids: ids.clone() }); })/>
                }
            })}
        </section>
    }
}

/// An image's type or an attached file's business type; one the console does not know is
/// shown as VOD's word.
fn kind_view(i18n: leptos_i18n::I18nContext<Locale>, kind: String) -> impl IntoView {
    let unknown = kind_text(Locale::en, &kind).is_none().then_some("no");
    let text = move || kind_text(i18n.get_locale(), &kind).map(str::to_string).unwrap_or_else(|| kind.clone());
    view! { <span translate=unknown>{text}</span> }
}
