//! AI moderation on the review pages: the templates and the console's jobs, submitting
//! jobs for many videos, and maintaining moderation templates. Submitting needs
//! `vod:SubmitAIMediaAuditJob` (auditors); templates are changed by configurators.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ai::*;
use crate::model::bulk::BulkReport;

/// The AI templates and the moderation jobs submitted from the console, with their state.
#[server(prefix = "/api", endpoint = "audit/ai")]
pub async fn read_ai_overview() -> Result<AiOverview, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::ListAITemplate>()).await?;
    ctx.once("audit ai".to_string(), async {
        crate::ssr::ai::overview(&ctx.state.db, &ctx.vod().fresh(true), ctx.locale()).await.map_err(|e| ctx.respond(e))
    })
    .await
}

/// Submits AI moderation for the videos listed (IDs separated by commas, spaces or new
/// lines), with `template` or the default one.
#[server(prefix = "/api", endpoint = "audit/ai/submit")]
pub async fn submit_ai_audit(ids: String, #[server(default)] template: String) -> Result<BulkReport, AppError> {
    let action = Permission::of::<vod::api::SubmitAIMediaAuditJob>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let list = split_ids(&ids);
    let client = ctx.vod_background("ai-audit");
    match crate::ssr::ai::submit(&ctx.state.db, &client, &user.username, ctx.locale(), &list, &template).await {
        Ok(report) => {
            crate::ssr::activity::change(&user.username, action)
                .report(&report)
                .detail(format!("AI moderation of {} videos", list.len()))
                .record(&ctx.state.db)
                .await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/audit/ai?submitted={}", report.count(crate::model::bulk::Outcome::Done)));
            }
            Ok(report)
        }
        Err(e) => Err(ctx.respond(e)),
    }
}

/// Adds (no id) or updates an AI moderation template.
#[server(prefix = "/api", endpoint = "audit/ai/template/save")]
pub async fn save_ai_template(form: AiTemplateForm) -> Result<String, AppError> {
    let action = if form.id.is_empty() { Permission::of::<vod::api::AddAITemplate>() } else { Permission::of::<vod::api::UpdateAITemplate>() };
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::ai::save(&ctx.vod(), ctx.locale(), &form).await {
        Ok((id, request_id)) => {
            crate::ssr::activity::change(&user.username, action)
                .target(id.clone())
                .request_id(Some(&request_id))
                .detail(format!("“{}”: {}", form.name.trim(), form.config().to_json()))
                .record(&ctx.state.db)
                .await;
            if ctx.is_plain_form() {
                ctx.redirect("/audit/ai?saved=1");
            }
            Ok(id)
        }
        Err(e) => {
            if let AppError::Vod { request_id, .. } = &e {
                crate::ssr::activity::change(&user.username, action).failed().target(form.id.clone()).request_id(request_id.as_deref()).detail(format!("“{}”: {e}", form.name.trim())).record(&ctx.state.db).await;
            }
            Err(ctx.respond(e))
        }
    }
}

/// Makes an AI template the default of its type.
#[server(prefix = "/api", endpoint = "audit/ai/template/default")]
pub async fn set_default_ai_template(id: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::SetDefaultAITemplate>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let request_id = crate::ssr::ai::set_default(&ctx.vod(), ctx.locale(), &id).await.map_err(|e| ctx.respond(e))?;
    crate::ssr::activity::change(&user.username, action).target(id).request_id(Some(&request_id)).detail("made the default AI template").record(&ctx.state.db).await;
    if ctx.is_plain_form() {
        ctx.redirect("/audit/ai?saved=1");
    }
    Ok(())
}

/// Deletes an AI template (VOD refuses the default and system ones).
#[server(prefix = "/api", endpoint = "audit/ai/template/delete")]
pub async fn delete_ai_template(id: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::DeleteAITemplate>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::ai::delete(&ctx.vod(), ctx.locale(), &id).await {
        Ok(request_id) => {
            crate::ssr::activity::change(&user.username, action).target(id).request_id(Some(&request_id)).detail("deleted").record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect("/audit/ai?deleted=1");
            }
            Ok(())
        }
        Err(e) => {
            if let AppError::Vod { request_id, .. } = &e {
                crate::ssr::activity::change(&user.username, action).failed().target(id).request_id(request_id.as_deref()).detail(e.to_string()).record(&ctx.state.db).await;
            }
            Err(ctx.respond(e))
        }
    }
}
