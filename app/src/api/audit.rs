//! The review pages: the queue, the reviewer screen, decisions (with an undo window) and
//! their record, and the review security IPs. Each function authorises first, calls
//! `ssr::audit`, and records changes in the activity log.

#[cfg(feature = "ssr")]
use crate::model::roles::Permission;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::audit::*;

/// A decision as the reviewer screen's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub video_id: String,
    pub title: String,
    /// `Normal` (approve) or `Blocked`.
    pub decision: String,
    /// A key of [`BLOCK_REASONS`], or empty.
    #[serde(default)]
    pub reason: String,
    /// A reason in the reviewer's words (wins over `reason`).
    #[serde(default)]
    pub reason_text: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub ai_suggestion: String,
    #[serde(default)]
    pub ai_label: String,
}

/// With JavaScript off, a refused decision goes back to the reviewer screen with what was
/// typed (and the error where the form shows it), so nothing typed is lost.
#[cfg(feature = "ssr")]
fn back_to_review(ctx: &crate::ssr::auth::Ctx, form: &DecisionForm, error: &AppError) {
    if !ctx.is_plain_form() {
        return;
    }
    let typed = [
        ("decision", form.decision.clone()),
        ("reason", form.reason.clone()),
        ("reason_text", form.reason_text.clone()),
        ("comment", form.comment.clone()),
    ];
    let pairs: Vec<(&str, String)> = typed.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    let base = format!("http://console/audit/review/{}?{}", form.video_id.trim(), crate::model::query::encode(&pairs));
    let path = <DecideVideo as leptos::server_fn::ServerFn>::PATH;
    if let Ok(url) = leptos::server_fn::error::ServerFnUrlError::new(path, error.clone()).to_url(&base) {
        ctx.redirect(&format!("{}?{}", url.path(), url.query().unwrap_or("")));
    }
}

#[cfg(feature = "ssr")]
fn db_error(e: sqlx::Error) -> AppError {
    tracing::error!(error = %e, "review: database");
    AppError::Internal
}

/// The videos waiting for review, with their AI verdicts and who is reviewing them.
#[server(prefix = "/api", endpoint = "audit/queue")]
pub async fn read_audit_queue(#[server(default)] label: String, #[server(default)] sort: String, #[server(default)] fresh: bool) -> Result<AuditQueue, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(Permission::of::<vod::api::GetMediaAuditResult>()).await?;
    let label = if LABELS.contains(&label.as_str()) { label } else { String::new() };
    ctx.once(format!("audit queue {label} {sort} {fresh}"), async {
        let mut q = crate::ssr::audit::queue(&ctx.state, &ctx.vod().fresh(fresh), &user.username, ctx.locale(), &label, QueueSort::parse(&sort))
            .await
            .map_err(|e| ctx.respond(e))?;
        q.cached_age_secs = ctx.cached_age();
        Ok(q)
    })
    .await
}

/// The reviewer screen of one video; claims it for the person.
#[server(prefix = "/api", endpoint = "audit/review")]
pub async fn review_video(id: String, #[server(default)] fresh: bool) -> Result<ReviewScreen, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(Permission::of::<vod::api::GetMediaAuditResult>()).await?;
    ctx.once(format!("audit review {id} {fresh}"), async {
        crate::ssr::audit::screen(&ctx.state, &ctx.vod().fresh(fresh), &user.username, ctx.locale(), id.trim()).await.map_err(|e| ctx.respond(e))
    })
    .await
}

/// One page of a video's flagged frames.
#[server(prefix = "/api", endpoint = "audit/frames")]
pub async fn read_audit_frames(id: String, #[server(default)] page: u32) -> Result<FramePage, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetMediaAuditResultDetail>()).await?;
    ctx.once(format!("audit frames {id} {page}"), async {
        crate::ssr::audit::frames(&ctx.vod(), ctx.locale(), id.trim(), page).await.map_err(|e| ctx.respond(e))
    })
    .await
}

/// Approves or blocks a video. The decision waits out the undo window, then is sent
/// with others in one CreateAudit call.
#[server(prefix = "/api", endpoint = "audit/decide")]
pub async fn decide_video(form: DecisionForm) -> Result<DecisionRecord, AppError> {
    let action = Permission::of::<vod::api::CreateAudit>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let reason = if !form.reason_text.trim().is_empty() {
        form.reason_text.trim().to_string()
    } else if form.decision == "Blocked" && !form.reason.is_empty() {
        reason_label(locale, &form.reason).map(String::from).unwrap_or_else(|| form.reason.clone())
    } else {
        String::new()
    };
    let decision = crate::ssr::audit::NewDecision {
        video_id: form.video_id.trim().to_string(),
        title: form.title.clone(),
        decision: form.decision.clone(),
        reason,
        comment: form.comment.clone(),
        ai_suggestion: form.ai_suggestion.clone(),
        ai_label: form.ai_label.clone(),
    };
    if let Err(e) = crate::ssr::audit::check(locale, &decision) {
        back_to_review(&ctx, &form, &e);
        return Err(ctx.respond(e));
    }
    let record = crate::ssr::audit::decide(&ctx.state, &user.username, &decision).await.map_err(db_error)?;
    if ctx.is_plain_form() {
        ctx.redirect(&format!("/audit/review/{}?decided={}", record.video_id, record.id));
    }
    Ok(record)
}

/// Takes back one of the person's decisions before it is sent.
#[server(prefix = "/api", endpoint = "audit/undo")]
pub async fn undo_decision(id: i64) -> Result<bool, AppError> {
    let action = Permission::of::<vod::api::CreateAudit>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let undone = crate::ssr::audit::undo(&ctx.state, id, &user.username).await.map_err(db_error)?;
    let decision = crate::ssr::audit::get(&ctx.state.db, id).await.map_err(db_error)?;
    if undone {
        if let Some(d) = &decision {
            crate::ssr::activity::change(&user.username, "console:undo-review")
                .target(d.video_id.clone())
                .detail(format!("{} “{}” taken back before it was sent", d.decision, d.title))
                .record(&ctx.state.db)
                .await;
        }
    }
    if ctx.is_plain_form() {
        let video = decision.map(|d| d.video_id).unwrap_or_default();
        ctx.redirect(&format!("/audit/review/{video}?undone={}", if undone { 1 } else { 0 }));
    }
    Ok(undone)
}

/// The person's decision `id` as it stands now (pending, sent, failed).
#[server(prefix = "/api", endpoint = "audit/decision")]
pub async fn read_decision(id: i64) -> Result<Option<DecisionRecord>, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetAuditHistory>()).await?;
    crate::ssr::audit::get(&ctx.state.db, id).await.map_err(db_error)
}

/// The decision record, newest first.
#[server(prefix = "/api", endpoint = "audit/record")]
pub async fn decision_log() -> Result<Vec<DecisionRecord>, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::GetAuditHistory>()).await?;
    crate::ssr::audit::record(&ctx.state.db, None, 500).await.map_err(db_error)
}

/// The review security IP groups.
#[server(prefix = "/api", endpoint = "audit/security-ips")]
pub async fn list_security_ips() -> Result<SecurityIps, AppError> {
    let crate::ssr::auth::Authorized { ctx, .. } = crate::ssr::require_permission(Permission::of::<vod::api::ListAuditSecurityIp>()).await?;
    crate::ssr::audit::security_ips(&ctx.vod().fresh(true), ctx.locale()).await.map_err(|e| ctx.respond(e))
}

/// Adds (`Append`), replaces (`Cover`) or removes (`Delete`) addresses of a group.
#[server(prefix = "/api", endpoint = "audit/security-ips/save")]
pub async fn save_security_ips(group: String, ips: String, mode: String) -> Result<(), AppError> {
    let action = Permission::of::<vod::api::SetAuditSecurityIp>();
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_permission(action).await?;
    let locale = ctx.locale();
    let mode = match mode.as_str() {
        "Cover" | "Delete" => mode,
        _ => "Append".to_string(),
    };
    let client = ctx.vod().fresh(true);
    let outcome = async {
        let current = crate::ssr::audit::security_ips(&client, locale).await?;
        let entries = crate::ssr::audit::check_ips(locale, &current, &group, &ips, &mode)?;
        let request_id = crate::ssr::audit::set_security_ips(&client, locale, &group, &entries, &mode).await?;
        Ok::<_, AppError>((entries, request_id))
    }
    .await;
    match outcome {
        Ok((entries, request_id)) => {
            crate::ssr::activity::change(&user.username, action)
                .target(group.trim().to_string())
                .request_id(Some(&request_id))
                .detail(format!("{mode}: {}", entries.join(", ")))
                .record(&ctx.state.db)
                .await;
            if ctx.is_plain_form() {
                ctx.redirect("/audit/security?saved=1");
            }
            Ok(())
        }
        Err(e) => {
            if let AppError::Vod { request_id, .. } = &e {
                crate::ssr::activity::change(&user.username, action)
                    .failed()
                    .target(group.trim().to_string())
                    .request_id(request_id.as_deref())
                    .detail(format!("{mode}: {ips}: {e}"))
                    .record(&ctx.state.db)
                    .await;
            }
            Err(ctx.respond(e))
        }
    }
}

/// A block reason's words in `locale`.
pub fn reason_label(locale: crate::i18n::Locale, key: &str) -> Option<&'static str> {
    use crate::i18n::td_string;
    Some(match key {
        "porn" => td_string!(locale, audit.reasons.porn),
        "terrorism" => td_string!(locale, audit.reasons.terrorism),
        "ad" => td_string!(locale, audit.reasons.ad),
        "logo" => td_string!(locale, audit.reasons.logo),
        "copyright" => td_string!(locale, audit.reasons.copyright),
        "quality" => td_string!(locale, audit.reasons.quality),
        _ => return None,
    })
}
