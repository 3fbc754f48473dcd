//! The watermarks page: list (with the templates using each mark), save (add or
//! update), delete, set default, and the upload credential for a watermark file. Each
//! function authorises, calls one function in `ssr::watermarks`, and records every
//! change (or refused attempt at VOD) in the activity log.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::upload::UploadTicket;
use crate::model::watermark::{Watermark, WatermarkForm, WatermarkList};

/// Where a watermark file goes, and the URL it will have once uploaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatermarkUpload {
    pub ticket: UploadTicket,
    pub file_url: String,
}

/// With JavaScript off, a refused save goes back to the editor with what was typed in
/// the URL (and the error where the form shows it), so nothing typed is lost.
#[cfg(feature = "ssr")]
fn back_to_form(ctx: &crate::ssr::auth::Ctx, form: &WatermarkForm, error: &AppError) {
    if !ctx.is_plain_form() {
        return;
    }
    let typed = serde_qs_pairs(form);
    let pairs: Vec<(&str, String)> = typed.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let base = format!("http://console/watermarks?{}", crate::model::query::encode(&pairs));
    let path = <SaveWatermark as leptos::server_fn::ServerFn>::PATH;
    if let Ok(url) = leptos::server_fn::error::ServerFnUrlError::new(path, error.clone()).to_url(&base) {
        ctx.redirect(&format!("{}?{}", url.path(), url.query().unwrap_or("")));
    }
}

/// The form's fields as `form[field]=value` pairs (the editor's input names).
#[cfg(feature = "ssr")]
fn serde_qs_pairs(form: &WatermarkForm) -> Vec<(String, String)> {
    let value = serde_json::to_value(form).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(map) = value.as_object() {
        for (k, v) in map {
            if let Some(s) = v.as_str().filter(|s| !s.is_empty()) {
                out.push((format!("form[{k}]"), s.to_string()));
            }
        }
    }
    out
}

/// Every watermark, the templates using each, and frames to preview on.
#[server(prefix = "/api", endpoint = "watermarks/list")]
pub async fn list_watermarks(#[server(default)] fresh: bool) -> Result<WatermarkList, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::ListWatermark>()).await?.ctx;
    ctx.once(format!("watermarks {fresh}"), async {
        let mut list = crate::ssr::watermarks::list(&ctx.vod().fresh(fresh), ctx.locale()).await.map_err(|e| ctx.respond(e))?;
        list.cached_age_secs = ctx.cached_age();
        Ok(list)
    })
    .await
}

/// Adds a watermark (no id) or updates one; every field is checked first.
#[server(prefix = "/api", endpoint = "watermarks/save")]
pub async fn save_watermark(form: WatermarkForm) -> Result<Watermark, AppError> {
    let action =
        if form.id.is_empty() { Permission::of::<vod::api::AddWatermark>() } else { Permission::of::<vod::api::UpdateWatermark>() };
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::watermarks::save(&ctx.vod(), ctx.locale(), &form).await {
        Ok(saved) => {
            let detail = match &saved.changes {
                None => format!("{} watermark “{}”: {}", saved.mark.kind.as_str(), saved.mark.name, form.config_json()),
                Some(c) if c.is_empty() => format!("“{}”: saved unchanged", saved.mark.name),
                Some(c) => format!("“{}”: {}", saved.mark.name, c.join("; ")),
            };
            crate::ssr::activity::change(&user.username, action).target(saved.mark.id.clone()).request_id(Some(&saved.request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/watermarks?edit={}&saved=1", saved.mark.id));
            }
            Ok(saved.mark)
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &form.id, &format!("save “{}”", form.name.trim())).await;
            back_to_form(&ctx, &form, &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Deletes a watermark (and its image file). One used by templates needs its name typed
/// as `confirm`; the default cannot be deleted.
#[server(prefix = "/api", endpoint = "watermarks/delete")]
pub async fn delete_watermark(id: String, #[server(default)] confirm: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::DeleteWatermark>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::watermarks::delete(&ctx.vod(), ctx.locale(), &id, &confirm).await {
        Ok((mark, request_id)) => {
            let detail = match mark.used_by.len() {
                0 => format!("“{}” (used by no template)", mark.name),
                n => format!("“{}”, used by {n} templates", mark.name),
            };
            crate::ssr::activity::change(&user.username, action).target(id).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect("/watermarks?deleted=1");
            }
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &id, "delete").await;
            Err(ctx.respond(failed.error))
        }
    }
}

/// Makes a watermark the account's default (`USER_DEFAULT_WATERMARK`).
#[server(prefix = "/api", endpoint = "watermarks/set-default")]
pub async fn set_default_watermark(id: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::SetDefaultWatermark>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::watermarks::set_default(&ctx.vod(), ctx.locale(), &id).await {
        Ok((mark, request_id)) => {
            let detail = format!("“{}” is now the default watermark", mark.name);
            crate::ssr::activity::change(&user.username, action).target(id).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &id, "set default").await;
            Err(ctx.respond(failed.error))
        }
    }
}

/// A credential to upload a watermark file from the browser (PNG, GIF, APNG or MOV).
#[server(prefix = "/api", endpoint = "watermarks/upload")]
pub async fn create_watermark_upload(file_name: String, file_size: i64) -> Result<WatermarkUpload, AppError> {
    let action = Permission::of::<vod::api::CreateUploadAttachedMedia>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    // Only someone who may add a watermark gets a place to put its file.
    if !user.can(Permission::of::<vod::api::AddWatermark>()) {
        return Err(ctx.respond(AppError::Forbidden { permission: Permission::of::<vod::api::AddWatermark>().to_string() }));
    }
    let locale = ctx.locale();
    let ext = crate::ssr::watermarks::check_file_name(locale, &file_name).map_err(|e| ctx.respond(e))?;
    if file_size <= 0 {
        return Err(ctx.respond(AppError::invalid("file_size", crate::i18n::td_string!(locale, upload.server.empty_file))));
    }
    match crate::ssr::watermarks::upload_ticket(&ctx.vod(), &file_name, ext, file_size).await {
        Ok((ticket, file_url)) => {
            let detail = format!("watermark file “{file_name}”, {file_size} bytes");
            crate::ssr::activity::change(&user.username, action).target(ticket.media_id.clone()).request_id(Some(&ticket.request_id)).detail(detail).record(&ctx.state.db).await;
            Ok(WatermarkUpload { ticket, file_url })
        }
        Err(e) => {
            let error = crate::ssr::watermarks::vod_error_in(e, locale);
            let request_id = match &error {
                AppError::Vod { request_id, .. } => request_id.clone(),
                _ => None,
            };
            crate::ssr::activity::change(&user.username, action).failed().request_id(request_id.as_deref()).detail(format!("watermark file “{file_name}”: {error}")).record(&ctx.state.db).await;
            Err(ctx.respond(error))
        }
    }
}
