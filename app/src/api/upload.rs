//! Upload page server functions: what can be chosen at upload (categories), URL pull
//! (UploadMediaByURL, polled with GetURLUploadInfos), and upload credentials for the
//! browser's own file upload (CreateUploadVideo, RefreshUploadVideo, CreateUploadImage).
//!
//! The input rules both sides apply are in `model::upload`; the work itself lives in
//! `ssr::upload`.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::td_string;
#[cfg(feature = "ssr")]
use crate::model::upload::*;
use crate::model::upload::{PullJobState, PullSubmission, UploadChoices, UploadProgress, UploadTicket};
#[cfg(feature = "ssr")]
use crate::model::vod_text;

#[server(prefix = "/api", endpoint = "upload/choices")]
pub async fn get_upload_choices() -> Result<UploadChoices, AppError> {
    let crate::ssr::auth::Authorized { ctx, user } = crate::ssr::require_permission(Permission::of::<vod::api::GetCategories>()).await?;
    Ok(crate::ssr::upload::choices(&ctx.vod(), user.can(crate::vod_permission!(ListTranscodeTemplateGroup)), ctx.locale()).await)
}

/// Asks VOD to pull the URLs (one per line) into the library.
#[server(prefix = "/api", endpoint = "upload/pull")]
pub async fn pull_urls(urls: String, category: String, template_group: String) -> Result<PullSubmission, AppError> {
    let action = Permission::of::<vod::api::UploadMediaByURL>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let invalid = |field: &str, m: String| ctx.respond(AppError::invalid(field, m));
    let urls = parse_urls(locale, &urls).map_err(|m| invalid("urls", m))?;
    let cate_id = parse_category(locale, &category).map_err(|m| invalid("category", m))?;
    let template_group = check_template_group(locale, &template_group).map_err(|m| invalid("template_group", m))?;
    let submission =
        crate::ssr::upload::pull(&ctx.vod(), &urls, cate_id, template_group.as_deref(), locale).await;
    // The activity log keeps its own (English) wording.
    let detail = format!("{} URLs in {} calls", urls.len(), submission.calls);
    crate::ssr::activity::change(&user.username, action).report(&submission.report).detail(detail).record(&ctx.state.db).await;
    // Without scripts, to the page that shows the jobs' states.
    if ctx.is_plain_form() {
        let ids: Vec<(String, String)> =
            submission.jobs.iter().filter_map(|j| j.job_id.clone()).enumerate().map(|(i, id)| (format!("ids[{i}]"), id)).collect();
        let refused = submission.jobs.iter().filter(|j| j.job_id.is_none()).count();
        let mut pairs: Vec<(&str, String)> = ids.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        pairs.push(("refused", refused.to_string()));
        ctx.redirect(&format!("/media/upload/jobs?{}", crate::model::query::encode(&pairs)));
    }
    Ok(submission)
}

/// The current state of pull jobs (at most 100 per poll, asked 10 per call).
#[server(prefix = "/api", endpoint = "upload/pull-status")]
pub async fn pull_status(job_ids: Vec<String>) -> Result<Vec<PullJobState>, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetURLUploadInfos>()).await?;
    let locale = ctx.locale();
    if job_ids.is_empty() || job_ids.len() > MAX_STATUS_JOBS {
        let message = td_string!(locale, upload.server.job_ids_count, count = job_ids.len(), max = MAX_STATUS_JOBS).to_string();
        return Err(ctx.respond(AppError::invalid("job_ids", message)));
    }
    if let Some((i, _)) =
        job_ids.iter().enumerate().find(|(_, id)| id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        let message = td_string!(locale, upload.server.bad_job_id, n = i + 1).to_string();
        return Err(ctx.respond(AppError::invalid("job_ids", message)));
    }
    crate::ssr::upload::pull_status(&ctx.vod(), &job_ids, locale)
        .await
        .map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

#[cfg(feature = "ssr")]
fn check_upload_text(ctx: &crate::ssr::auth::Ctx, title: &str) -> Result<(), AppError> {
    vod_text::check_title(ctx.locale(), title).map_err(|m| ctx.respond(AppError::invalid("title", m)))
}

/// A new video record and the credential to upload its file from the browser.
#[server(prefix = "/api", endpoint = "upload/create-video")]
pub async fn create_upload_video(
    file_name: String,
    file_size: i64,
    title: String,
    category: String,
    template_group: String,
) -> Result<UploadTicket, AppError> {
    let action = Permission::of::<vod::api::CreateUploadVideo>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let invalid = |field: &str, m: String| ctx.respond(AppError::invalid(field, m));
    match file_kind(locale, &file_name) {
        Ok("video") => {}
        Ok(_) => {
            let message = td_string!(locale, upload.server.is_image, name = file_name.as_str()).to_string();
            return Err(invalid("file_name", message));
        }
        Err(m) => return Err(invalid("file_name", m)),
    }
    if file_name.len() > MAX_FILE_NAME_BYTES || file_name.contains(['/', '\\']) {
        return Err(invalid("file_name", bad_file_name(locale, &file_name)));
    }
    if file_size <= 0 {
        return Err(invalid("file_size", td_string!(locale, upload.server.empty_file).to_string()));
    }
    let title = title.trim().to_string();
    check_upload_text(&ctx, &title)?;
    let cate_id = parse_category(locale, &category).map_err(|m| invalid("category", m))?;
    let template_group = check_template_group(locale, &template_group).map_err(|m| invalid("template_group", m))?;
    let result =
        crate::ssr::upload::create_video(&ctx.vod(), title, &file_name, file_size, cate_id, template_group).await;
    crate::ssr::upload::record_ticket(&ctx.state.db, &user.username, action, &result, &file_name).await;
    result.map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

/// A fresh credential for a video whose upload is being resumed.
#[server(prefix = "/api", endpoint = "upload/refresh-video")]
pub async fn refresh_upload_video(video_id: String) -> Result<UploadTicket, AppError> {
    let action = Permission::of::<vod::api::RefreshUploadVideo>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    if video_id.is_empty() || video_id.len() > 64 || !video_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ctx.respond(AppError::invalid("video_id", td_string!(locale, upload.server.bad_video_id))));
    }
    // A fresh write credential only for an upload this person started here (admins: any).
    if user.role != crate::model::Role::Admin
        && !crate::ssr::upload::started_by(&ctx.state.db, &user.username, &video_id).await.map_err(crate::ssr::accounts::internal)?
    {
        crate::ssr::upload::record_refused_refresh(&ctx.state.db, &user.username, &video_id).await;
        return Err(ctx.respond(AppError::invalid("video_id", td_string!(locale, upload.server.not_uploader))));
    }
    let result = crate::ssr::upload::refresh_video(&ctx.vod(), &video_id).await;
    crate::ssr::upload::record_ticket(&ctx.state.db, &user.username, action, &result, &video_id).await;
    result.map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

/// A new image record and the credential to upload its file from the browser.
#[server(prefix = "/api", endpoint = "upload/create-image")]
pub async fn create_upload_image(file_name: String, title: String, category: String) -> Result<UploadTicket, AppError> {
    let action = Permission::of::<vod::api::CreateUploadImage>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let invalid = |field: &str, m: String| ctx.respond(AppError::invalid(field, m));
    let ext = match file_kind(locale, &file_name) {
        Ok("image") => extension(&file_name).unwrap_or_default(),
        Ok(_) => {
            let message = td_string!(locale, upload.server.not_image, name = file_name.as_str()).to_string();
            return Err(invalid("file_name", message));
        }
        Err(m) => return Err(invalid("file_name", m)),
    };
    if file_name.len() > MAX_FILE_NAME_BYTES || file_name.contains(['/', '\\']) {
        return Err(invalid("file_name", bad_file_name(locale, &file_name)));
    }
    let title = title.trim().to_string();
    check_upload_text(&ctx, &title)?;
    let cate_id = parse_category(locale, &category).map_err(|m| invalid("category", m))?;
    let result = crate::ssr::upload::create_image(&ctx.vod(), title, &file_name, ext, cate_id).await;
    crate::ssr::upload::record_ticket(&ctx.state.db, &user.username, action, &result, &file_name).await;
    result.map_err(|e| ctx.respond(crate::ssr::vod_errors::app_error(e)))
}

/// VOD's view of a browser upload: bytes received and the video's status.
#[server(prefix = "/api", endpoint = "upload/details")]
pub async fn upload_details(video_id: String) -> Result<UploadProgress, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetUploadDetails>()).await?;
    let locale = ctx.locale();
    if video_id.is_empty() || video_id.len() > 64 || !video_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ctx.respond(AppError::invalid("video_id", td_string!(locale, upload.server.bad_video_id))));
    }
    match crate::ssr::upload::details(&ctx.vod(), &video_id).await {
        Ok(Some(d)) => Ok(d),
        Ok(None) => {
            let message = td_string!(locale, upload.server.no_upload, id = video_id.as_str()).to_string();
            Err(ctx.respond(AppError::NotFound(message)))
        }
        Err(e) => Err(ctx.respond(crate::ssr::vod_errors::app_error(e))),
    }
}
