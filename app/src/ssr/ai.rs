//! AI moderation on the server: submitting jobs for many videos (one call each, paced to
//! SubmitAIMediaAuditJob's 15/s by the budget, a result per video), the jobs submitted
//! from the console with their progress (GetAIMediaAuditJob, 20/s), and the AI templates
//! (list, add, update, set default, delete) with their configuration checked first.

use sqlx::{Row, SqlitePool};
use vod::api::{
    AddAITemplate, DeleteAITemplate, GetAIMediaAuditJob, ListAITemplate, SetDefaultAITemplate, SubmitAIMediaAuditJob, UpdateAITemplate,
};
use vod::batch::run_bounded;
use vod::RetryPolicy;

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::ai::*;
use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::ssr::accounts::now_rfc3339;

/// Submissions and status reads kept in flight (the budget paces them to VOD's limits).
const IN_FLIGHT: usize = 15;
/// Jobs shown with their progress.
const RECENT_JOBS: i64 = 30;

pub fn vod_error_in(err: vod::Error, locale: Locale) -> AppError {
    crate::ssr::vod_errors::app_error_with(err, locale, |code| match code {
        "NoSuchResource" => Some(td_string!(locale, audit.ai.not_found).to_string()),
        "Forbidden" => Some(td_string!(locale, audit.ai.forbidden).to_string()),
        _ => None,
    })
}

fn row_of(t: vod::api::AITemplateInfo) -> AiTemplateRow {
    let media = vod::audit::check_media_audit(&t.template_config).ok();
    let image = vod::audit::check_image(&t.template_config).ok();
    AiTemplateRow {
        is_default: t.is_default(),
        id: t.template_id,
        name: t.template_name,
        kind: t.template_type,
        source: t.source,
        modified: t.modify_time,
        items: media.as_ref().map(|m| m.audit_item.clone()).unwrap_or_default(),
        ranges: media.as_ref().map(|m| m.audit_range.clone()).unwrap_or_default(),
        auto_block: media.as_ref().is_some_and(|m| m.auto_block),
        format: image.as_ref().map(|i| i.format.clone()).unwrap_or_default(),
        set_cover: image.is_some_and(|i| i.set_default_cover),
    }
}

/// The AI templates of both types and the jobs submitted from the console with their
/// state, read at once.
pub async fn overview(pool: &SqlitePool, client: &vod::Client, locale: Locale) -> Result<AiOverview, AppError> {
    let media = ListAITemplate { template_type: "AIMediaAudit".into() };
    let image = ListAITemplate { template_type: "AIImage".into() };
    let rows = sqlx::query("SELECT job_id, media_id, submitted_by, at FROM ai_jobs ORDER BY rowid DESC LIMIT ?")
        .bind(RECENT_JOBS)
        .fetch_all(pool)
        .await
        .map_err(crate::ssr::accounts::internal)?;
    let jobs: Vec<(String, String, String, String)> =
        rows.iter().map(|r| (r.get("job_id"), r.get("media_id"), r.get("submitted_by"), r.get("at"))).collect();
    let ids: Vec<String> = jobs.iter().map(|j| j.0.clone()).collect();
    let states = run_bounded(ids, IN_FLIGHT, |id| async move {
        client.call_with_retry(&GetAIMediaAuditJob { job_id: id }, RetryPolicy::default()).await
    });
    let (m, i, states) = tokio::join!(
        client.call_with_retry(&media, RetryPolicy::default()),
        client.call_with_retry(&image, RetryPolicy::default()),
        states
    );
    let (templates, templates_error) = match (m, i) {
        (Ok(m), Ok(i)) => (m.template_info_list.into_iter().chain(i.template_info_list).map(row_of).collect(), None),
        (Err(e), _) | (_, Err(e)) => (Vec::new(), Some(vod_error_in(e, locale).localized(locale))),
    };
    let jobs = jobs
        .into_iter()
        .zip(states)
        .map(|((job_id, media_id, submitted_by, at), state)| {
            let (status, suggestion, label) = match state {
                Ok(s) => {
                    let j = s.media_audit_job;
                    let data = j.data.unwrap_or_default();
                    (j.status, data.suggestion, data.label)
                }
                Err(_) => Default::default(),
            };
            AiJobRow { job_id, media_id, submitted_by, at, status, suggestion, label }
        })
        .collect();
    Ok(AiOverview { templates, jobs, templates_error })
}

/// Submits a moderation job for each video (at most [`MAX_SUBMIT`]), with the template
/// given or the default; every video gets its own result, and each job is remembered.
pub async fn submit(pool: &SqlitePool, client: &vod::Client, username: &str, locale: Locale, ids: &[String], template: &str) -> Result<BulkReport, AppError> {
    if ids.is_empty() {
        return Err(AppError::invalid("ids", td_string!(locale, audit.ai.no_ids)));
    }
    if ids.len() > MAX_SUBMIT {
        return Err(AppError::invalid("ids", td_string!(locale, audit.ai.too_many, max = MAX_SUBMIT, count = ids.len()).to_string()));
    }
    let template = Some(template.trim().to_string()).filter(|t| !t.is_empty());
    let results = run_bounded(ids.to_vec(), IN_FLIGHT, |id| {
        let template = template.clone();
        async move {
            let request = SubmitAIMediaAuditJob { media_id: id.clone(), template_id: template, media_type: Some("video".into()), ..Default::default() };
            // A submission is not idempotent: never sent twice after an uncertain failure.
            (id, client.call_with_retry(&request, RetryPolicy::default()).await)
        }
    })
    .await;
    let mut report = BulkReport::new("accepted");
    for (id, result) in results {
        match result {
            Ok(r) => {
                if let Err(e) = sqlx::query("INSERT INTO ai_jobs (job_id, media_id, submitted_by, at) VALUES (?, ?, ?, ?)")
                    .bind(&r.job_id)
                    .bind(&id)
                    .bind(username)
                    .bind(now_rfc3339())
                    .execute(pool)
                    .await
                {
                    tracing::error!(error = %e, "could not remember an AI job");
                }
                let mut item = ItemResult::done(&id, Some(r.request_id));
                item.message = Some(r.job_id);
                report.items.push(item);
            }
            Err(e) => {
                let outcome = match e.code() {
                    Some("InvalidVideo.NotFound") => Outcome::NotFound,
                    Some(c) if c.starts_with("Forbidden") => Outcome::Forbidden,
                    _ => Outcome::Failed,
                };
                let (code, request_id) = (e.code().map(String::from), e.request_id().map(String::from));
                let message = vod_error_in(e, locale).localized(locale);
                report.items.push(ItemResult::with(&id, outcome, code, Some(message), request_id));
            }
        }
    }
    Ok(report)
}

/// Checks a moderation template form: a name (VOD's 128 bytes), at least one dimension
/// and one range.
pub fn check(locale: Locale, form: &AiTemplateForm) -> Result<String, AppError> {
    crate::model::vod_text::check_text(locale, td_string!(locale, audit.ai.name), form.name.trim(), vod::api::MAX_AI_TEMPLATE_NAME_BYTES, true)
        .map_err(|m| AppError::invalid("name", m))?;
    if form.items.is_empty() {
        return Err(AppError::invalid("items", td_string!(locale, audit.ai.items_required)));
    }
    if form.ranges.is_empty() {
        return Err(AppError::invalid("ranges", td_string!(locale, audit.ai.ranges_required)));
    }
    let json = form.config().to_json();
    vod::audit::check_media_audit(&json).map_err(|p| AppError::invalid(p.field, td_string!(locale, audit.ai.bad_value, field = p.field).to_string()))?;
    Ok(json)
}

/// Adds (no id) or updates a moderation template; returns its ID and VOD's RequestId.
pub async fn save(client: &vod::Client, locale: Locale, form: &AiTemplateForm) -> Result<(String, String), AppError> {
    let config = check(locale, form)?;
    let name = form.name.trim().to_string();
    let reply = if form.id.is_empty() {
        client.call_with_retry(&AddAITemplate { template_name: name, template_type: "AIMediaAudit".into(), template_config: config }, RetryPolicy::default()).await
    } else {
        client.call_with_retry(&UpdateAITemplate { template_id: form.id.clone(), template_name: name, template_config: config }, RetryPolicy::default()).await
    };
    reply.map(|r| (r.template_id, r.request_id)).map_err(|e| vod_error_in(e, locale))
}

pub async fn set_default(client: &vod::Client, locale: Locale, id: &str) -> Result<String, AppError> {
    client
        .call_with_retry(&SetDefaultAITemplate { template_id: id.to_string() }, RetryPolicy::default())
        .await
        .map(|r| r.request_id)
        .map_err(|e| vod_error_in(e, locale))
}

pub async fn delete(client: &vod::Client, locale: Locale, id: &str) -> Result<String, AppError> {
    client
        .call_with_retry(&DeleteAITemplate { template_id: id.to_string() }, RetryPolicy::default())
        .await
        .map(|r| r.request_id)
        .map_err(|e| vod_error_in(e, locale))
}
