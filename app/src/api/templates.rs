//! The templates page: the overview, a group opened for editing, a rendition saved or
//! deleted (refused when the group changed at VOD since it was opened), groups created
//! from presets, renamed, made default and deleted, snapshot templates saved and
//! deleted, and transcoding submitted and followed. Each function checks its VOD
//! permission before anything is signed, calls one function in `ssr::templates`, and
//! records every change (or refused attempt at VOD) in the activity log, an edit with
//! its diff.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::template::{GroupDetail, GroupSaved, JobsView, Rendition, SnapshotForm, SubmitOutcome, TaskDetail, TemplatesOverview};

/// With JavaScript off, a refused form goes back to the page it came from with what was
/// typed in the URL (and the error where the form shows it), so nothing typed is lost.
#[cfg(feature = "ssr")]
fn back_with<S: leptos::server_fn::ServerFn>(ctx: &crate::ssr::auth::Ctx, page: &str, pairs: Vec<(String, String)>, error: &AppError) {
    if !ctx.is_plain_form() {
        return;
    }
    let pairs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let sep = if page.contains('?') { '&' } else { '?' };
    let base = format!("http://console{page}{sep}{}", crate::model::query::encode(&pairs));
    if let Ok(url) = leptos::server_fn::error::ServerFnUrlError::new(S::PATH, error.clone()).to_url(&base) {
        ctx.redirect(&format!("{}?{}", url.path(), url.query().unwrap_or("")));
    }
}

/// A struct's text fields as `form[field]=value` pairs (the editor's input names).
#[cfg(feature = "ssr")]
fn form_pairs<T: serde::Serialize>(form: &T) -> Vec<(String, String)> {
    let value = serde_json::to_value(form).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(map) = value.as_object() {
        for (k, v) in map {
            match v {
                serde_json::Value::String(s) if !s.is_empty() && k != "base" => out.push((format!("form[{k}]"), s.clone())),
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(s) = item.as_str().filter(|s| !s.is_empty()) {
                            out.push((format!("form[{k}][{i}]"), s.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Every group with its template count and videos, and the snapshot templates.
#[server(prefix = "/api", endpoint = "templates/overview")]
pub async fn list_templates(#[server(default)] fresh: bool) -> Result<TemplatesOverview, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::ListTranscodeTemplateGroup>()).await?.ctx;
    ctx.once(format!("templates {fresh}"), async {
        let mut o = crate::ssr::templates::overview(&ctx.vod().fresh(fresh), ctx.locale()).await.map_err(|e| ctx.respond(e))?;
        o.cached_age_secs = ctx.cached_age();
        Ok(o)
    })
    .await
}

/// One group with its templates (and the watermarks a rendition may stamp).
#[server(prefix = "/api", endpoint = "templates/group")]
pub async fn template_group(id: String, #[server(default)] fresh: bool) -> Result<GroupDetail, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::GetTranscodeTemplateGroup>()).await?.ctx;
    ctx.once(format!("template group {id} {fresh}"), async {
        crate::ssr::templates::group(&ctx.vod().fresh(fresh), ctx.locale(), &id).await.map_err(|e| ctx.respond(e))
    })
    .await
}

/// Adds a rendition to a group (no id) or changes one. `stamp` is the group as opened:
/// the save is refused when VOD's copy changed since.
#[server(prefix = "/api", endpoint = "templates/save-rendition")]
pub async fn save_rendition(group_id: String, stamp: String, form: Rendition) -> Result<GroupSaved, AppError> {
    let action = if form.id.is_empty() {
        Permission::of::<vod::api::AddTranscodeTemplateGroup>()
    } else {
        Permission::of::<vod::api::UpdateTranscodeTemplateGroup>()
    };
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::save_rendition(&ctx.vod(), ctx.locale(), &group_id, &stamp, &form).await {
        Ok(saved) => {
            let name = form.name.trim();
            let detail = if form.id.is_empty() {
                format!("rendition “{name}” added: {}", serde_json::Value::Object(form.to_json()))
            } else if saved.changes.is_empty() {
                format!("rendition “{name}”: saved unchanged")
            } else {
                format!("rendition “{name}”: {}", crate::model::template::changes_text(&saved.changes))
            };
            crate::ssr::activity::change(&user.username, action).target(group_id.clone()).request_id(Some(&saved.request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/templates?group={group_id}&saved=1"));
            }
            Ok(saved)
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &group_id, &format!("rendition “{}”", form.name.trim())).await;
            let mut pairs = form_pairs(&form);
            pairs.push(("edit".into(), if form.id.is_empty() { "new".into() } else { form.id.clone() }));
            pairs.push(("review".into(), "1".into()));
            back_with::<SaveRendition>(&ctx, &format!("/templates?group={group_id}"), pairs, &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Deletes one template of a group (not the group).
#[server(prefix = "/api", endpoint = "templates/delete-rendition")]
pub async fn delete_rendition(group_id: String, stamp: String, template_id: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::DeleteTranscodeTemplateGroup>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::delete_rendition(&ctx.vod(), ctx.locale(), &group_id, &stamp, &template_id).await {
        Ok((name, request_id)) => {
            let detail = format!("rendition “{name}” ({template_id}) deleted");
            crate::ssr::activity::change(&user.username, action).target(group_id.clone()).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/templates?group={group_id}&deleted=1"));
            }
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &group_id, &format!("delete rendition {template_id}")).await;
            back_with::<DeleteRendition>(&ctx, &format!("/templates?group={group_id}"), Vec::new(), &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Renames a group.
#[server(prefix = "/api", endpoint = "templates/rename-group")]
pub async fn rename_group(group_id: String, stamp: String, name: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::UpdateTranscodeTemplateGroup>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::rename(&ctx.vod(), ctx.locale(), &group_id, &stamp, &name).await {
        Ok((was, request_id)) => {
            let detail = format!("Name “{was}” → “{}”", name.trim());
            crate::ssr::activity::change(&user.username, action).target(group_id.clone()).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/templates?group={group_id}&saved=1"));
            }
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &group_id, "rename").await;
            back_with::<RenameGroup>(&ctx, &format!("/templates?group={group_id}"), vec![("name".into(), name.clone())], &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Creates a group from a preset (`hls3`, `mp4x3`, `audio`) or empty.
#[server(prefix = "/api", endpoint = "templates/create-group")]
pub async fn create_group(name: String, #[server(default)] preset: String) -> Result<GroupSaved, AppError> {
    let action = Permission::of::<vod::api::AddTranscodeTemplateGroup>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::create(&ctx.vod(), ctx.locale(), &name, &preset).await {
        Ok((saved, n)) => {
            let from = if preset.is_empty() { "empty".to_string() } else { format!("preset {preset}") };
            let detail = format!("group “{}” ({from}, {n} renditions)", name.trim());
            crate::ssr::activity::change(&user.username, action).target(saved.group_id.clone()).request_id(Some(&saved.request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/templates?group={}&created=1", saved.group_id));
            }
            Ok(saved)
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, "", &format!("create group “{}”", name.trim())).await;
            back_with::<CreateGroup>(&ctx, "/templates?new=1", vec![("name".into(), name.clone()), ("preset".into(), preset.clone())], &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Makes a group the default: every upload that names no group is transcoded by it.
#[server(prefix = "/api", endpoint = "templates/set-default")]
pub async fn set_default_group(group_id: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::SetDefaultTranscodeTemplateGroup>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::set_default(&ctx.vod(), ctx.locale(), &group_id).await {
        Ok((name, request_id)) => {
            let detail = format!("“{name}” is now the default template group");
            crate::ssr::activity::change(&user.username, action).target(group_id).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect("/templates?default=1");
            }
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &group_id, "set default").await;
            back_with::<SetDefaultGroup>(&ctx, "/templates", Vec::new(), &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Deletes a whole group, its name typed as `confirm`.
#[server(prefix = "/api", endpoint = "templates/delete-group")]
pub async fn delete_group(group_id: String, #[server(default)] confirm: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::DeleteTranscodeTemplateGroup>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::delete_group(&ctx.vod(), ctx.locale(), &group_id, &confirm).await {
        Ok((name, n, request_id)) => {
            let detail = format!("group “{name}” with its {n} renditions deleted");
            crate::ssr::activity::change(&user.username, action).target(group_id).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect("/templates?removed=1");
            }
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &group_id, "delete group").await;
            back_with::<DeleteGroup>(&ctx, &format!("/templates?group={group_id}"), Vec::new(), &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Adds (no id) or updates a snapshot template.
#[server(prefix = "/api", endpoint = "templates/save-snapshot")]
pub async fn save_snapshot(form: SnapshotForm) -> Result<String, AppError> {
    let action = if form.id.is_empty() { Permission::of::<vod::api::AddVodTemplate>() } else { Permission::of::<vod::api::UpdateVodTemplate>() };
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::save_snapshot(&ctx.vod(), ctx.locale(), &form).await {
        Ok((id, request_id, changes)) => {
            let detail = if form.id.is_empty() {
                format!("snapshot template “{}”: {}", form.name.trim(), form.config_json(""))
            } else if changes.is_empty() {
                format!("snapshot template “{}”: saved unchanged", form.name.trim())
            } else {
                format!("snapshot template “{}”: {}", form.name.trim(), changes.join("; "))
            };
            crate::ssr::activity::change(&user.username, action).target(id.clone()).request_id(Some(&request_id)).detail(detail).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect(&format!("/templates/snapshots?snapshot={id}&saved=1"));
            }
            Ok(id)
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &form.id, &format!("snapshot template “{}”", form.name.trim())).await;
            let mut pairs = form_pairs(&form);
            pairs.push(("snapshot".into(), if form.id.is_empty() { "new".into() } else { form.id.clone() }));
            back_with::<SaveSnapshot>(&ctx, "/templates/snapshots", pairs, &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Deletes a snapshot template.
#[server(prefix = "/api", endpoint = "templates/delete-snapshot")]
pub async fn delete_snapshot(id: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::DeleteVodTemplate>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    match crate::ssr::templates::delete_snapshot(&ctx.vod(), ctx.locale(), &id).await {
        Ok((name, request_id)) => {
            crate::ssr::activity::change(&user.username, action).target(id).request_id(Some(&request_id)).detail(format!("snapshot template “{name}” deleted")).record(&ctx.state.db).await;
            if ctx.is_plain_form() {
                ctx.redirect("/templates/snapshots?removed=1");
            }
            Ok(())
        }
        Err(failed) => {
            failed.log(&ctx, &user.username, action, &id, "delete snapshot template").await;
            back_with::<DeleteSnapshot>(&ctx, "/templates/snapshots", Vec::new(), &failed.error);
            Err(ctx.respond(failed.error))
        }
    }
}

/// Transcodes each listed video (IDs separated by commas, spaces or lines; at most 100)
/// with a group; one result per video.
#[server(prefix = "/api", endpoint = "templates/submit-jobs")]
pub async fn submit_transcode(videos: String, group_id: String) -> Result<Vec<SubmitOutcome>, AppError> {
    let action = Permission::of::<vod::api::SubmitTranscodeJobs>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let ids = crate::model::template::parse_video_ids(&videos);
    let max = crate::model::template::JOB_VIDEOS_MAX;
    if ids.is_empty() || ids.len() > max {
        let error = AppError::invalid("videos", crate::i18n::td_string!(locale, templates.jobs.ids_limit, max));
        return Err(ctx.respond(error));
    }
    if group_id.trim().is_empty() {
        let error = AppError::invalid("group_id", crate::i18n::td_string!(locale, templates.jobs.group_missing));
        return Err(ctx.respond(error));
    }
    let results = crate::ssr::templates::submit_jobs(&ctx.vod(), locale, ids, group_id.trim()).await;
    for (outcome, request_id) in &results {
        let mut entry = crate::ssr::activity::change(&user.username, action).target(outcome.video_id.clone()).request_id(request_id.as_deref());
        if outcome.ok {
            entry = entry.detail(format!("transcoding with group {group_id}: task {}", outcome.detail));
        } else {
            entry = entry.failed().detail(format!("transcoding with group {group_id}: {}", outcome.detail));
        }
        entry.record(&ctx.state.db).await;
    }
    let ids: Vec<String> = results.iter().map(|(o, _)| o.video_id.clone()).collect();
    if ctx.is_plain_form() {
        let failed = results.iter().filter(|(o, _)| !o.ok).count();
        ctx.redirect(&format!("/templates/jobs?videos={}&submitted={}&failed={failed}", ids.join(","), results.len()));
    }
    Ok(results.into_iter().map(|(o, _)| o).collect())
}

/// The latest transcoding of each listed video, with its jobs' progress.
#[server(prefix = "/api", endpoint = "templates/jobs")]
pub async fn transcode_jobs(videos: String) -> Result<JobsView, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::GetTranscodeSummary>()).await?.ctx;
    let locale = ctx.locale();
    let mut ids = crate::model::template::parse_video_ids(&videos);
    ids.truncate(crate::model::template::JOB_VIDEOS_MAX);
    if ids.is_empty() {
        return Ok(JobsView { videos: Vec::new(), unknown: Vec::new() });
    }
    // Progress reads are cached for one second (`vod::spec`): everyone following the same
    // videos shares one upstream read per second, and a submit clears them.
    crate::ssr::templates::jobs(&ctx.vod(), locale, ids).await.map_err(|e| ctx.respond(e))
}

/// A transcoding task with each job's output file.
#[server(prefix = "/api", endpoint = "templates/task")]
pub async fn transcode_task(task_id: String) -> Result<TaskDetail, AppError> {
    let ctx = crate::ssr::require_permission(Permission::of::<vod::api::GetTranscodeTask>()).await?.ctx;
    let id = task_id.trim();
    if id.is_empty() {
        return Err(ctx.respond(AppError::invalid("task_id", crate::i18n::td_string!(ctx.locale(), templates.jobs.task_required))));
    }
    crate::ssr::templates::task(&ctx.vod(), ctx.locale(), id).await.map_err(|e| ctx.respond(e))
}
