//! The media library: list and search, detail, edit (one or many), image lookups, and
//! deletes through the undo queue. Every function checks the VOD permission it needs
//! before anything else, validates with the same rules the form uses, and logs changes.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::bulk::BulkReport;
use crate::model::delete_job::DeleteJob;
use crate::model::media::{CategoryOption, ImageDetail, MediaKind, MediaListing, MediaQuery, VideoDetail};

/// The list page's data: one page of results and the category list for the filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaPageData {
    pub listing: MediaListing,
    pub categories: Vec<CategoryOption>,
    /// Seconds a confirmed delete can be undone.
    pub undo_seconds: u64,
    /// How old the data is when it came from the console's short-lived cache of VOD
    /// answers (`None`: straight from VOD).
    pub cached_age_secs: Option<u64>,
}

#[cfg(feature = "ssr")]
mod glue {
    pub use crate::i18n::td_string;
    pub use crate::ssr::auth::{Authorized, Ctx};
    pub use crate::ssr::vod_errors::app_error;

    pub fn invalid(ctx: &Ctx, (field, message): (&'static str, String)) -> crate::error::AppError {
        ctx.respond(crate::error::AppError::invalid(field, message))
    }

    pub fn vod(ctx: &Ctx, e: vod::Error) -> crate::error::AppError {
        ctx.respond(app_error(e))
    }

    pub fn internal(ctx: &Ctx, e: impl std::fmt::Display) -> crate::error::AppError {
        ctx.respond(crate::ssr::accounts::internal(e))
    }

    /// A media ID as VOD issues them (hex or UUID-like); anything else is refused before
    /// a call is made.
    pub fn check_id(ctx: &Ctx, field: &'static str, id: &str) -> Result<(), crate::error::AppError> {
        if !crate::model::media::is_media_id(id) {
            let locale = ctx.locale();
            let message = td_string!(locale, media_rules.api.bad_id, id = id).to_string();
            return Err(invalid(ctx, (field, message)));
        }
        Ok(())
    }
}

#[server(prefix = "/api", endpoint = "media/list")]
pub async fn list_media(query: MediaQuery) -> Result<MediaPageData, AppError> {
    use glue::*;
    let Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::SearchMedia>()).await?;
    query.validate(ctx.locale()).map_err(|e| invalid(&ctx, e))?;
    let client = &ctx.vod().fresh(query.fresh);
    let zone = ctx.time_zone();
    ctx.once(format!("list_media {query:?}"), async {
        // SearchMedia and the category list at once: the page costs one round trip.
        let (listing, categories) =
            tokio::join!(crate::ssr::media::list(client, &query, &zone), crate::ssr::media::categories(client, &ctx.state.media));
        Ok(MediaPageData {
            listing: listing.map_err(|e| vod(&ctx, e))?,
            categories,
            undo_seconds: ctx.state.settings.undo_window.as_secs(),
            cached_age_secs: ctx.cached_age(),
        })
    })
    .await
}

#[server(prefix = "/api", endpoint = "media/categories")]
pub async fn list_category_options() -> Result<Vec<CategoryOption>, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::GetCategories>()).await?.ctx;
    Ok(ctx.once("category-options".into(), crate::ssr::media::categories(&ctx.vod(), &ctx.state.media)).await)
}

#[server(prefix = "/api", endpoint = "media/video")]
pub async fn get_video(id: String, #[server(default)] fresh: bool) -> Result<VideoDetail, AppError> {
    use glue::*;
    let Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetVideoInfo>()).await?;
    check_id(&ctx, "id", &id)?;
    ctx.once(format!("video {id} {fresh}"), async {
        let mut detail =
            crate::ssr::media::video_detail(&ctx.vod().fresh(fresh), &id, ctx.locale()).await.map_err(|e| vod(&ctx, e))?;
        detail.cached_age_secs = ctx.cached_age();
        Ok(detail)
    })
    .await
}

#[server(prefix = "/api", endpoint = "media/image")]
pub async fn get_image(id: String) -> Result<ImageDetail, AppError> {
    use glue::*;
    let Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetImageInfos>()).await?;
    check_id(&ctx, "id", &id)?;
    ctx.once(format!("image {id}"), async {
        let (mut found, _) =
            crate::ssr::media::image_lookup(&ctx.vod(), &[id.clone()]).await.map_err(|e| vod(&ctx, e))?;
        found.pop().ok_or_else(|| {
            let locale = ctx.locale();
            let message = td_string!(locale, media_rules.api.no_image, id = &id).to_string();
            ctx.respond(AppError::NotFound(message))
        })
    })
    .await
}

#[server(prefix = "/api", endpoint = "media/attached")]
pub async fn get_attached(id: String) -> Result<ImageDetail, AppError> {
    use glue::*;
    let Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetAttachedMediaInfo>()).await?;
    check_id(&ctx, "id", &id)?;
    ctx.once(format!("attached {id}"), async {
        crate::ssr::media::attached_detail(&ctx.vod(), &id)
            .await
            .map_err(|e| vod(&ctx, e))?
            .ok_or_else(|| {
                let locale = ctx.locale();
                let message = td_string!(locale, media_rules.api.no_attached, id = &id).to_string();
                ctx.respond(AppError::NotFound(message))
            })
    })
    .await
}

/// The images VOD knows among pasted IDs, and those it does not (`NonExistImageIds`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageLookup {
    pub found: Vec<ImageDetail>,
    pub missing: Vec<String>,
}

#[server(prefix = "/api", endpoint = "media/image-lookup")]
pub async fn lookup_images(ids: String) -> Result<ImageLookup, AppError> {
    use glue::*;
    let Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetImageInfos>()).await?;
    let list: Vec<String> = ids.split([',', '\n', ' ', '\t', '\r']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
    let locale = ctx.locale();
    if list.is_empty() {
        return Err(invalid(&ctx, ("ids", td_string!(locale, media_rules.api.paste_image_ids).to_string())));
    }
    const LOOKUP_MAX: usize = 200;
    if list.len() > LOOKUP_MAX {
        let count = list.len();
        let message = td_string!(locale, media_rules.api.too_many_image_ids, count = count, max = LOOKUP_MAX).to_string();
        return Err(invalid(&ctx, ("ids", message)));
    }
    for id in &list {
        check_id(&ctx, "ids", id)?;
    }
    let (found, missing) = crate::ssr::media::image_lookup(&ctx.vod(), &list).await.map_err(|e| vod(&ctx, e))?;
    Ok(ImageLookup { found, missing })
}

/// Edits a video, an image or an attached media file. Flat arguments so the edit form
/// works as a plain HTML form with JavaScript off.
#[server(prefix = "/api", endpoint = "media/update")]
pub async fn update_media(
    tab: MediaKind,
    id: String,
    title: String,
    description: String,
    tags: String,
    #[server(default)] cate: String,
    #[server(default)] cover_url: String,
) -> Result<String, AppError> {
    use glue::*;
    let permission = tab.edit_permission();
    let Authorized { user, ctx } = crate::ssr::require_permission(permission).await?;
    let locale = ctx.locale();
    check_id(&ctx, "id", &id)?;
    let edit = crate::model::media::MediaEdit { title, description, tags, cate, cover_url };
    if let Some(p) = edit.problems(locale).into_iter().next() {
        return Err(invalid(&ctx, (p.field, p.message)));
    }
    let client = &ctx.vod();
    let result = match tab {
        MediaKind::Video => crate::ssr::media::update_video(client, &id, &edit).await,
        MediaKind::Image => crate::ssr::media::update_image(client, &id, &edit).await,
        MediaKind::Attached => crate::ssr::media::update_attached(client, &id, &edit).await,
    };
    let request_id = result.map_err(|e| vod(&ctx, e))?;
    let title = edit.title.trim();
    let detail = td_string!(locale, media_rules.detail.title, title = title).to_string();
    crate::ssr::activity::change(&user.username, permission).target(id).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
    Ok(request_id)
}

#[server(prefix = "/api", endpoint = "media/set-cover")]
pub async fn set_video_cover(id: String, cover_url: String) -> Result<String, AppError> {
    use glue::*;
    let action = Permission::of::<vod::api::UpdateVideoInfo>();
    let Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    check_id(&ctx, "id", &id)?;
    crate::model::media::check_cover_url(locale, &cover_url).map_err(|m| invalid(&ctx, ("cover_url", m)))?;
    let request_id = crate::ssr::media::set_cover(&ctx.vod(), &id, &cover_url).await.map_err(|e| vod(&ctx, e))?;
    let detail = td_string!(locale, media_rules.detail.cover_from_snapshot);
    crate::ssr::activity::change(&user.username, action).target(id).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
    Ok(request_id)
}

/// Bulk edit of a selection: move into a category and/or add (or replace) tags.
#[server(prefix = "/api", endpoint = "media/bulk-edit")]
pub async fn bulk_edit_media(
    tab: MediaKind,
    ids: Vec<String>,
    #[server(default)] cate: String,
    #[server(default)] tags: String,
    #[server(default)] replace_tags: bool,
) -> Result<BulkReport, AppError> {
    use glue::*;
    let Some(permission) = tab.bulk_edit_permission() else {
        let ctx = Ctx::get()?;
        let locale = ctx.locale();
        let message = td_string!(locale, media_rules.api.bulk_videos_images_only).to_string();
        return Err(invalid(&ctx, ("tab", message)));
    };
    let Authorized { user, ctx } = crate::ssr::require_permission(permission).await?;
    let locale = ctx.locale();
    if ids.is_empty() {
        return Err(invalid(&ctx, ("ids", td_string!(locale, media_rules.api.select_items).to_string())));
    }
    const BULK_EDIT_MAX: usize = 2_000;
    if ids.len() > BULK_EDIT_MAX {
        let count = ids.len();
        let message = td_string!(locale, media_rules.api.too_many_bulk, count = count, max = BULK_EDIT_MAX).to_string();
        return Err(invalid(&ctx, ("ids", message)));
    }
    for id in &ids {
        check_id(&ctx, "ids", id)?;
    }
    let cate_id = match cate.trim() {
        "" => None,
        c => Some(c.parse::<i64>().map_err(|_| {
            invalid(&ctx, ("cate", td_string!(locale, media_rules.edit.cate_from_list).to_string()))
        })?),
    };
    let tags = crate::model::vod_text::check_tags(locale, &tags).map_err(|m| invalid(&ctx, ("tags", m)))?;
    let tags = crate::model::vod_text::split_tags(&tags);
    if cate_id.is_none() && tags.is_empty() && !replace_tags {
        return Err(invalid(&ctx, ("cate", td_string!(locale, media_rules.api.cate_or_tags).to_string())));
    }
    // A bulk edit is bulk work: it uses what pages leave of the budget.
    let client = &ctx.vod_background("bulk-edit");
    if let Some(c) = cate_id {
        // Checked once up front rather than failing every item: media go into audio, video
        // and image categories only.
        let node = crate::ssr::categories::node(client, c).await.map_err(|e| vod(&ctx, e))?;
        if node.cate_type != crate::model::category::CategoryType::Default {
            let message = td_string!(locale, media_rules.api.material_category, name = &node.name).to_string();
            return Err(invalid(&ctx, ("cate", message)));
        }
    }
    let edit = crate::ssr::media::BulkEdit { cate_id, tags, replace_tags };
    let report = match tab {
        MediaKind::Image => crate::ssr::media::bulk_edit_images(client, &ids, &edit, locale).await,
        _ => crate::ssr::media::bulk_edit_videos(client, &ids, &edit, locale).await,
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = cate_id {
        parts.push(td_string!(locale, media_rules.detail.category, id = c).to_string());
    }
    if !edit.tags.is_empty() {
        let joined = edit.tags.join(",");
        parts.push(if replace_tags {
            td_string!(locale, media_rules.detail.tags_set, tags = &joined).to_string()
        } else {
            td_string!(locale, media_rules.detail.tags_added, tags = &joined).to_string()
        });
    }
    let detail = parts.join(td_string!(locale, media_rules.detail.separator));
    crate::ssr::activity::change(&user.username, permission).report(&report).detail(detail).record(&ctx.state.db).await;
    Ok(report)
}

/// Validates and schedules a delete for the signed-in `user`.
#[cfg(feature = "ssr")]
async fn queue(authorized: crate::ssr::auth::Authorized, target: crate::ssr::delete_queue::DeleteTarget) -> Result<DeleteJob, AppError> {
    use glue::*;
    let Authorized { user, ctx } = authorized;
    let locale = ctx.locale();
    crate::ssr::delete_queue::validate(&target, locale).map_err(|e| invalid(&ctx, e))?;
    crate::ssr::delete_queue::schedule(&ctx.state, &user.username, target, Vec::new(), locale)
        .await
        .map_err(|e| internal(&ctx, e))
}

/// Queues a delete of videos, images or attached media by ID; it runs after the undo
/// window unless cancelled.
#[server(prefix = "/api", endpoint = "media/delete")]
pub async fn delete_media(tab: MediaKind, ids: Vec<String>) -> Result<DeleteJob, AppError> {
    let authorized = crate::ssr::require_permission(tab.delete_permission()).await?;
    let ctx = authorized.ctx.clone();
    let job = queue(authorized, crate::ssr::delete_queue::DeleteTarget::Ids { kind: tab, ids }).await?;
    // Without scripts, to the page that follows the delete (and can undo it).
    if ctx.is_plain_form() {
        ctx.redirect(&format!("/media/delete?job={}", job.id));
    }
    Ok(job)
}

/// Queues DeleteImage by URL (one URL per line).
#[server(prefix = "/api", endpoint = "media/delete-image-urls")]
pub async fn delete_image_urls(urls: String) -> Result<DeleteJob, AppError> {
    let authorized = crate::ssr::require_permission(Permission::of::<vod::api::DeleteImage>()).await?;
    let urls: Vec<String> = urls.lines().map(str::trim).filter(|u| !u.is_empty()).map(String::from).collect();
    queue(authorized, crate::ssr::delete_queue::DeleteTarget::ImageUrls { urls }).await
}

/// Queues DeleteImage for a video's images of the chosen kinds.
#[server(prefix = "/api", endpoint = "media/delete-video-images")]
pub async fn delete_video_images(video_id: String, #[server(default)] image_types: Vec<String>) -> Result<DeleteJob, AppError> {
    let authorized = crate::ssr::require_permission(Permission::of::<vod::api::DeleteImage>()).await?;
    queue(authorized, crate::ssr::delete_queue::DeleteTarget::VideoImages { video_id: video_id.trim().to_string(), image_types }).await
}

#[cfg(feature = "ssr")]
async fn own_job(id: i64) -> Result<(crate::ssr::auth::Authorized, DeleteJob), AppError> {
    use glue::*;
    let authorized = crate::ssr::require_user().await?;
    let ctx = &authorized.ctx;
    let locale = ctx.locale();
    let owner = crate::ssr::delete_queue::owner(&ctx.state.db, id).await.map_err(|e| internal(ctx, e))?;
    let is_admin = authorized.user.role == crate::model::Role::Admin;
    match owner {
        Some(o) if o == authorized.user.username || is_admin => {}
        _ => {
            let message = td_string!(locale, media_rules.api.no_delete_of_yours, id = id).to_string();
            return Err(ctx.respond(AppError::NotFound(message)));
        }
    }
    let job = crate::ssr::delete_queue::get(&ctx.state.db, id, ctx.state.settings.undo_window, locale)
        .await
        .map_err(|e| internal(ctx, e))?
        .ok_or_else(|| ctx.respond(AppError::NotFound(td_string!(locale, media_rules.api.no_delete, id = id).to_string())))?;
    Ok((authorized, job))
}

#[server(prefix = "/api", endpoint = "media/delete-status")]
pub async fn delete_status(job: i64) -> Result<DeleteJob, AppError> {
    Ok(own_job(job).await?.1)
}

/// Cancels a queued delete. Refused once the calls have started.
#[server(prefix = "/api", endpoint = "media/undo-delete")]
pub async fn undo_delete(job: i64) -> Result<DeleteJob, AppError> {
    use glue::*;
    let (crate::ssr::auth::Authorized { user, ctx }, _) = own_job(job).await?;
    let locale = ctx.locale();
    let cancelled =
        crate::ssr::delete_queue::cancel(&ctx.state, job, &user.username, locale).await.map_err(|e| internal(&ctx, e))?;
    if !cancelled {
        return Err(invalid(&ctx, ("job", td_string!(locale, media_rules.api.too_late_to_undo).to_string())));
    }
    crate::ssr::delete_queue::get(&ctx.state.db, job, ctx.state.settings.undo_window, locale)
        .await
        .map_err(|e| internal(&ctx, e))?
        .ok_or_else(|| ctx.respond(AppError::NotFound(td_string!(locale, media_rules.api.no_delete, id = job).to_string())))
}

/// The caller's deletes that are queued, running or finished in the last minutes.
#[server(prefix = "/api", endpoint = "media/deletes")]
pub async fn recent_deletes() -> Result<Vec<DeleteJob>, AppError> {
    use glue::*;
    let Authorized { user, ctx } = crate::ssr::require_user().await?;
    crate::ssr::delete_queue::recent(&ctx.state.db, &user.username, ctx.state.settings.undo_window, ctx.locale())
        .await
        .map_err(|e| internal(&ctx, e))
}
