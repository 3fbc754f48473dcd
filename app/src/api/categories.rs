//! The category tree page: list a level, count media, add, rename, preview and perform
//! a cascading delete, and move videos into a category (called by the media library).
//! Each function authorises, calls one function in `ssr::categories`, and records
//! every change (or refused attempt at VOD) in the activity log.
//!
//! Messages for people are in the request's language (`ctx.locale()`); the activity
//! log's details are written in English, like the rest of the log's stored text.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::bulk::BulkReport;
use crate::model::category::{CascadePreview, CategoryChildren, CategoryNode, CategoryType, MediaCount};

/// At most this many categories per media-count request.
pub const MAX_COUNT_IDS: usize = 200;
/// At most this many videos per move request.
pub const MAX_MOVE_IDS: usize = 1000;

/// The direct children of `parent_id`, or the top level of the `cate_type` tree.
#[server(prefix = "/api", endpoint = "categories/list")]
pub async fn list_categories(
    cate_type: CategoryType,
    parent_id: Option<i64>,
    #[server(default)] fresh: bool,
) -> Result<CategoryChildren, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::GetCategories>()).await?.ctx;
    ctx.once(format!("categories {cate_type:?} {parent_id:?} {fresh}"), async {
        let mut level = crate::ssr::categories::children(&ctx.vod().fresh(fresh), cate_type, parent_id)
            .await
            .map_err(|e| ctx.respond(crate::ssr::categories::vod_error_in(e, ctx.locale())))?;
        level.cached_age_secs = ctx.cached_age();
        Ok(level)
    })
    .await
}

/// The number of media directly in each category.
#[server(prefix = "/api", endpoint = "categories/media-counts")]
pub async fn count_category_media(ids: Vec<i64>) -> Result<Vec<MediaCount>, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::SearchMedia>()).await?.ctx;
    let locale = ctx.locale();
    if ids.len() > MAX_COUNT_IDS {
        let msg = crate::i18n::td_string!(locale, categories.rules.too_many_ids, count = ids.len(), max = MAX_COUNT_IDS)
            .to_string();
        return Err(ctx.respond(AppError::invalid("ids", msg)));
    }
    crate::ssr::categories::media_counts(&ctx.vod(), &ids)
        .await
        .map_err(|e| ctx.respond(crate::ssr::categories::vod_error_in(e, locale)))
}

/// Adds a category under `parent_id` (or at the top level of the tree).
#[server(prefix = "/api", endpoint = "categories/add")]
pub async fn add_category(cate_type: CategoryType, parent_id: Option<i64>, name: String) -> Result<CategoryNode, AppError> {
    let action = Permission::of::<vod::api::AddCategory>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let under = parent_id.map(|p| format!(" under {p}")).unwrap_or_else(|| format!(" at the top of the {} tree", cate_type.as_str()));
    match crate::ssr::categories::add(&ctx.vod(), ctx.locale(), cate_type, parent_id, &name).await {
        Ok((node, request_id)) => {
            ctx.state.media.invalidate_categories();
            let detail = format!("“{}”{under}", node.name);
            crate::ssr::activity::change(&user.username, action).target(node.id.to_string()).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            Ok(node)
        }
        Err(failed) => {
            let target = parent_id.map(|p| p.to_string()).unwrap_or_default();
            failed.log(&ctx, &user.username, action, target, &format!("“{}”{under}", name.trim())).await;
            Err(ctx.respond(failed.error))
        }
    }
}

/// Renames a category.
#[server(prefix = "/api", endpoint = "categories/rename")]
pub async fn rename_category(cate_id: i64, name: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::UpdateCategory>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::categories::rename(&ctx.vod(), ctx.locale(), cate_id, &name).await {
        Ok((old, request_id)) => {
            ctx.state.media.invalidate_categories();
            let detail = format!("renamed “{old}” to “{}”", name.trim());
            crate::ssr::activity::change(&user.username, action).target(cate_id.to_string()).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, cate_id.to_string(), &format!("rename to “{}”", name.trim())).await;
            Err(ctx.respond(failed.error))
        }
    }
}

/// What deleting the category would take with it: its sub-categories at any depth and
/// the media that would lose their category.
#[server(prefix = "/api", endpoint = "categories/delete-preview")]
pub async fn preview_delete_category(cate_id: i64) -> Result<CascadePreview, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::DeleteCategory>()).await?.ctx;
    // A walk of the whole branch: background work, read fresh (what it shows is what goes).
    crate::ssr::categories::preview_delete(&ctx.vod_background("category-walk").fresh(true), ctx.locale(), cate_id)
        .await
        .map_err(|e| ctx.respond(e))
}

/// Deletes a category and its subtree. When anything cascades, `confirm` must be the
/// category's name (the server recounts; a stale preview does not suffice).
#[server(prefix = "/api", endpoint = "categories/delete")]
pub async fn delete_category(cate_id: i64, confirm: String) -> Result<CascadePreview, AppError> {
    let action = Permission::of::<vod::api::DeleteCategory>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::categories::delete(&ctx.vod_background("category-walk").fresh(true), ctx.locale(), cate_id, &confirm).await {
        Ok((preview, request_id)) => {
            ctx.state.media.invalidate_categories();
            // Without scripts, back to the level the category was on.
            if ctx.is_plain_form() {
                if let Some(back) = ctx.referer_without("delete") {
                    ctx.redirect(&back);
                }
            }
            let detail = format!("“{}”. {}", preview.name, preview.sentence(crate::i18n::Locale::en));
            crate::ssr::activity::change(&user.username, action).target(cate_id.to_string()).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            Ok(preview)
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, cate_id.to_string(), "delete").await;
            Err(ctx.respond(failed.error))
        }
    }
}

/// Moves videos into a category (UpdateVideoInfos, 20 per call), one result per video.
#[server(prefix = "/api", endpoint = "categories/move-media")]
pub async fn move_media_to_category(video_ids: Vec<String>, cate_id: i64) -> Result<BulkReport, AppError> {
    let action = Permission::of::<vod::api::UpdateVideoInfos>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let ids = crate::ssr::categories::check_video_ids(locale, &video_ids, MAX_MOVE_IDS).map_err(|e| ctx.respond(e))?;
    let report = crate::ssr::categories::move_media(&ctx.vod_background("bulk-edit"), locale, &ids, cate_id)
        .await
        .map_err(|e| ctx.respond(e))?;
    let detail = format!("into category {cate_id}: {}", report.summary(crate::i18n::Locale::en));
    crate::ssr::activity::change(&user.username, action).report(&report).detail(detail).record(&ctx.state.db).await;
    Ok(report)
}
