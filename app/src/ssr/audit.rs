//! Review on the server: the queue (videos in Checking status with their AI verdicts,
//! claims), the reviewer screen (every read fanned out at once), decisions with an undo
//! window then sent in CreateAudit batches of at most 20 with a result per decision, the
//! append-only decision record, and the review security IPs.
//!
//! A decision is a row in `audit_decisions` from the moment it is made: `pending` while
//! it can be undone, then `sending`, then `sent` or `failed` (or `undone`). Rows are
//! never deleted. Decisions due together are sent together, per reviewer, 20 per call;
//! when VOD refuses a call naming one video (not found, wrong status) that decision fails
//! and the call is made again without it, so one bad video does not sink its batch.

use std::time::Duration;

use sqlx::{Row, SqlitePool};
use vod::api::{
    AuditDecision, CreateAudit, GetAuditHistory, GetMediaAuditAudioResultDetail, GetMediaAuditResult, GetMediaAuditResultDetail,
    GetMediaAuditResultTimeline, GetPlayInfo, GetVideoInfo, GetVideoList, ListAuditSecurityIp, MediaAuditResult, SetAuditSecurityIp,
};
use vod::batch::run_bounded;
use vod::{Action, RetryPolicy};

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::audit::*;
use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::model::roles::Permission;
use crate::ssr::accounts::now_rfc3339;
use crate::ssr::state::AppState;

/// AI summaries read at once for the queue (GetMediaAuditResult allows 20/s; the budget
/// paces).
const IN_FLIGHT: usize = 20;
/// Videos in Checking status the queue reads (one GetVideoList page).
const QUEUE_PAGE: i64 = 100;
/// Timeline marks closer than this belong to one flagged run.
const RUN_GAP_MS: i64 = 1500;

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

fn rfc3339_ms(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

async fn read<A: Action>(client: &vod::Client, request: &A) -> Result<A::Response, vod::Error> {
    client.call_with_retry(request, RetryPolicy::default()).await
}

/// VOD's answer in the request's language, with a review-specific sentence where one
/// helps.
pub fn vod_error_in(err: vod::Error, locale: Locale) -> AppError {
    crate::ssr::vod_errors::app_error_with(err, locale, |code| match code {
        "IpsExceededMax" => Some(td_string!(locale, audit.vod.ips_exceeded).to_string()),
        "SecurityIpGroupExceededMax" => Some(td_string!(locale, audit.vod.groups_exceeded).to_string()),
        "IpsIsEmpty" => Some(td_string!(locale, audit.vod.ips_empty).to_string()),
        _ => None,
    })
}

fn bigger(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn score(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok()
}

// ---------------------------------------------------------------------------------------
// AI results

/// The labels a summary flags, its highest score, and the overall suggestion.
fn verdict_of(r: &MediaAuditResult) -> (String, Option<f64>, Vec<String>) {
    let mut labels = Vec::new();
    let mut max: Option<f64> = None;
    if let Some(v) = &r.video_result {
        for (dim, res) in v.dimensions() {
            if let Some(res) = res {
                if res.suggestion != "pass" && !res.suggestion.is_empty() {
                    labels.push(dim.key().to_string());
                    max = bigger(max, score(&res.max_score));
                }
            }
        }
    }
    for a in &r.audio_result {
        if a.suggestion != "pass" && !a.suggestion.is_empty() {
            if !labels.iter().any(|l| l == "audio") {
                labels.push("audio".into());
            }
            max = bigger(max, score(&a.score));
        }
    }
    (r.suggestion.clone(), max, labels)
}

fn summary_of(r: &MediaAuditResult) -> AiSummary {
    let dimensions = r
        .video_result
        .as_ref()
        .map(|v| {
            v.dimensions()
                .into_iter()
                .filter_map(|(d, res)| {
                    let res = res?;
                    Some(DimensionSummary {
                        dimension: d.key().to_string(),
                        suggestion: res.suggestion.clone(),
                        label: res.label.clone(),
                        max_score: score(&res.max_score),
                        average_score: score(&res.average_score),
                        counts: res.counter_list.iter().map(|c| (c.label.clone(), c.count.unwrap_or(0))).collect(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    AiSummary {
        suggestion: r.suggestion.clone(),
        label: r.label.clone(),
        abnormal_modules: r.abnormal_modules.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
        dimensions,
        cover: r.image_result.first().map(|i| (i.suggestion.clone(), i.label.clone())),
        title: r.text_result.first().map(|t| (t.suggestion.clone(), t.label.clone())),
        audio: r.audio_result.first().map(|a| (a.suggestion.clone(), a.label.clone())),
    }
}

// ---------------------------------------------------------------------------------------
// Claims

/// Claims `video_id` for `username` (renewing their own claim, or taking an expired one).
/// Returns someone else's live claim instead, if there is one.
pub async fn claim(pool: &SqlitePool, video_id: &str, username: &str) -> Result<Option<Claim>, sqlx::Error> {
    let now = now_ms();
    let until = now + CLAIM_SECS * 1000;
    let row = sqlx::query(
        "INSERT INTO audit_claims (video_id, username, until) VALUES (?1, ?2, ?3) \
         ON CONFLICT(video_id) DO UPDATE SET username = ?2, until = ?3 WHERE audit_claims.username = ?2 OR audit_claims.until <= ?4 \
         RETURNING username",
    )
    .bind(video_id)
    .bind(username)
    .bind(until)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    if row.is_some() {
        return Ok(None);
    }
    let other = sqlx::query("SELECT username, until FROM audit_claims WHERE video_id = ?").bind(video_id).fetch_optional(pool).await?;
    Ok(other.map(|r| Claim { username: r.get("username"), until: rfc3339_ms(r.get("until")) }))
}

/// Gives up `username`'s claim on `video_id`.
pub async fn release(pool: &SqlitePool, video_id: &str, username: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM audit_claims WHERE video_id = ? AND username = ?").bind(video_id).bind(username).execute(pool).await?;
    Ok(())
}

/// Live claims of other people, by video.
async fn claims_of_others(pool: &SqlitePool, username: &str) -> Result<Vec<(String, Claim)>, sqlx::Error> {
    let rows = sqlx::query("SELECT video_id, username, until FROM audit_claims WHERE until > ? AND username <> ?")
        .bind(now_ms())
        .bind(username)
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(|r| (r.get("video_id"), Claim { username: r.get("username"), until: rfc3339_ms(r.get("until")) })).collect())
}

/// Videos with a decision not yet sent (they leave the queue until it is sent or undone).
async fn undecided_filter(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT DISTINCT video_id FROM audit_decisions WHERE state IN ('pending', 'sending')").fetch_all(pool).await?;
    Ok(rows.iter().map(|r| r.get("video_id")).collect())
}

// ---------------------------------------------------------------------------------------
// The queue

/// The videos waiting for review with their AI verdicts, filtered by `label` (one of
/// [`LABELS`], or empty for all) and sorted.
pub async fn queue(state: &AppState, client: &vod::Client, username: &str, locale: Locale, label: &str, sort: QueueSort) -> Result<AuditQueue, AppError> {
    let list = read(client, &GetVideoList { status: Some("Checking".into()), page_size: Some(QUEUE_PAGE), ..Default::default() })
        .await
        .map_err(|e| vod_error_in(e, locale))?
        .video_list;
    let db = |e: sqlx::Error| {
        tracing::error!(error = %e, "audit queue: database");
        AppError::Internal
    };
    let pending = undecided_filter(&state.db).await.map_err(db)?;
    let claims = claims_of_others(&state.db, username).await.map_err(db)?;
    let videos: Vec<vod::api::Video> = list.into_iter().filter(|v| !pending.contains(&v.video_id)).collect();
    let ids: Vec<String> = videos.iter().map(|v| v.video_id.clone()).collect();
    let results = run_bounded(ids, IN_FLIGHT, |id| async move { read(client, &GetMediaAuditResult { media_id: id }).await }).await;
    let mut unread = 0;
    let mut items: Vec<QueueItem> = videos
        .into_iter()
        .zip(results)
        .map(|(v, r)| {
            let (suggestion, score, labels) = match r {
                Ok(r) => r.media_audit_result.as_ref().map(verdict_of).unwrap_or_default(),
                Err(_) => {
                    unread += 1;
                    Default::default()
                }
            };
            QueueItem {
                claim: claims.iter().find(|(id, _)| *id == v.video_id).map(|(_, c)| c.clone()),
                video_id: v.video_id,
                title: v.title,
                cover_url: v.cover_url,
                duration: v.duration,
                created: v.creation_time,
                status: v.status,
                suggestion,
                score,
                labels,
            }
        })
        .collect();
    let counts = LABELS.iter().map(|l| (l.to_string(), items.iter().filter(|i| i.labels.iter().any(|x| x == l)).count())).collect();
    let total = items.len();
    if !label.is_empty() {
        items.retain(|i| i.labels.iter().any(|l| l == label));
    }
    order(&mut items, sort);
    let note = (unread > 0).then(|| td_string!(locale, audit.queue.unread, count = unread).to_string());
    Ok(AuditQueue { items, counts, total, note, cached_age_secs: None })
}

fn rank(suggestion: &str) -> u8 {
    match suggestion {
        "block" => 3,
        "review" => 2,
        "pass" => 1,
        _ => 0,
    }
}

/// By score: the worst verdict, then the highest score, then the longest waiting. By
/// upload: the longest waiting first.
pub fn order(items: &mut [QueueItem], sort: QueueSort) {
    match sort {
        QueueSort::Score => items.sort_by(|a, b| {
            rank(&b.suggestion)
                .cmp(&rank(&a.suggestion))
                .then(b.score.unwrap_or(-1.0).total_cmp(&a.score.unwrap_or(-1.0)))
                .then(a.created.cmp(&b.created))
        }),
        QueueSort::Uploaded => items.sort_by(|a, b| a.created.cmp(&b.created).then(a.video_id.cmp(&b.video_id))),
    }
}

// ---------------------------------------------------------------------------------------
// The reviewer screen

/// Everything about one video a reviewer needs, read at once, and a claim on it.
pub async fn screen(state: &AppState, client: &vod::Client, username: &str, locale: Locale, video_id: &str) -> Result<ReviewScreen, AppError> {
    let id = video_id.to_string();
    let requests = (
        GetVideoInfo::new(&id),
        GetPlayInfo::new(&id),
        GetMediaAuditResult { media_id: id.clone() },
        GetMediaAuditResultTimeline { media_id: id.clone() },
        GetMediaAuditAudioResultDetail { media_id: id.clone(), page_no: None },
        GetAuditHistory { video_id: id.clone(), page_size: Some(50), ..Default::default() },
        GetVideoList { status: Some("Checking".into()), page_size: Some(QUEUE_PAGE), ..Default::default() },
    );
    let info = read(client, &requests.0);
    let play = read(client, &requests.1);
    let summary = read(client, &requests.2);
    let timeline = read(client, &requests.3);
    let audio = read(client, &requests.4);
    let history = read(client, &requests.5);
    let waiting = read(client, &requests.6);
    // The console's own reads (the claim, the record, who else is reviewing) go with them.
    let local = async {
        let claimed_by = claim(&state.db, video_id, username).await?;
        let record = record(&state.db, Some(video_id), 100).await?;
        let pending = undecided_filter(&state.db).await?;
        let others = claims_of_others(&state.db, username).await?;
        Ok::<_, sqlx::Error>((claimed_by, record, pending, others))
    };
    let (info, play, summary, timeline, audio, history, waiting, local) = tokio::join!(info, play, summary, timeline, audio, history, waiting, local);
    let v = info.map_err(|e| vod_error_in(e, locale))?.video;
    let mut notes = Vec::new();
    let mut note = |what: &str, e: vod::Error| notes.push(format!("{what}: {}", vod_error_in(e, locale).localized(locale)));

    let (play, play_refused, needs_security_ip) = match play {
        Ok(p) => {
            let streams = p.play_info_list;
            let pick = streams.iter().find(|s| s.format == "mp4").or(streams.first()).map(|s| (s.play_url.clone(), s.definition.clone(), s.format.clone()));
            let refused = pick.is_none().then(|| td_string!(locale, media_rules.streams.no_stream).to_string());
            (pick, refused, false)
        }
        Err(e) if e.code() == Some("Forbidden.IllegalStatus") && matches!(v.status.as_str(), "Checking" | "Blocked") => {
            (None, Some(td_string!(locale, audit.review.needs_security_ip).to_string()), true)
        }
        Err(e) => (None, Some(vod_error_in(e, locale).localized(locale)), false),
    };
    let ai = match summary {
        Ok(s) => s.media_audit_result.as_ref().map(summary_of),
        Err(e) => {
            note(td_string!(locale, audit.review.summary), e);
            None
        }
    };
    let mut all = Vec::new();
    match timeline {
        Ok(t) => {
            for d in vod::api::Dimension::ALL {
                let marks: Vec<(i64, String, f64)> = t
                    .media_audit_result_timeline
                    .get(d)
                    .iter()
                    .filter_map(|m| Some((m.timestamp.trim().parse::<i64>().ok()?, m.label.clone(), score(&m.score).unwrap_or(0.0))))
                    .collect();
                all.extend(segments(d.key(), &marks, RUN_GAP_MS));
            }
        }
        Err(e) => note(td_string!(locale, audit.review.timeline), e),
    }
    match audio {
        Ok(a) => all.extend(a.media_audit_audio_result_detail.list.into_iter().map(|s| Segment {
            dimension: "audio".into(),
            start_ms: s.start_time.unwrap_or(0) * 1000,
            end_ms: s.end_time.unwrap_or(0).max(s.start_time.unwrap_or(0) + 1) * 1000,
            label: s.label,
            max_score: 0.0,
            text: Some(s.text).filter(|t| !t.is_empty()),
        })),
        Err(e) => note(td_string!(locale, audit.review.audio), e),
    }
    let (history, history_status) = match history {
        Ok(h) => (
            h.histories
                .into_iter()
                .map(|r| HistoryRow { at: r.creation_time, auditor: r.auditor, status: r.status, reason: r.reason, comment: r.comment })
                .collect(),
            h.status,
        ),
        Err(e) => {
            note(td_string!(locale, audit.review.history), e);
            (Vec::new(), String::new())
        }
    };
    let db = |e: sqlx::Error| {
        tracing::error!(error = %e, "reviewer screen: database");
        AppError::Internal
    };
    let (claimed_by, record, pending, others) = local.map_err(db)?;
    let next_id = waiting.ok().and_then(|w| {
        let list = w.video_list;
        let free = |v: &&vod::api::Video| v.video_id != video_id && !pending.contains(&v.video_id) && !others.iter().any(|(id, _)| *id == v.video_id);
        let at = list.iter().position(|v| v.video_id == video_id);
        let after = at.map(|i| i + 1).unwrap_or(0);
        list.iter().skip(after).find(free).or_else(|| list.iter().find(free)).map(|v| v.video_id.clone())
    });
    Ok(ReviewScreen {
        video_id: v.video_id,
        title: v.title,
        status: v.status,
        cover_url: v.cover_url,
        duration: v.duration,
        created: v.creation_time,
        play,
        play_refused,
        needs_security_ip,
        ai,
        segments: in_playing_order(all),
        notes,
        history,
        history_status,
        record,
        claimed_by,
        next_id,
        undo_secs: state.settings.decision_window.as_secs(),
    })
}

/// One page of the video's flagged frames, with their scores. The page asked for is
/// kept within the pages there are.
pub async fn frames(client: &vod::Client, locale: Locale, video_id: &str, page: u32) -> Result<FramePage, AppError> {
    let size = vod::api::AUDIT_DETAIL_PAGE as i64;
    let ask = |page: u32| GetMediaAuditResultDetail { media_id: video_id.to_string(), page_no: page.max(1) };
    let mut page = page.max(1);
    let mut read_page = read(client, &ask(page)).await.map_err(|e| vod_error_in(e, locale))?.media_audit_result_detail;
    let total = read_page.total.unwrap_or(0).max(0);
    let pages = ((total + size - 1) / size).max(1) as u32;
    if page > pages {
        page = pages;
        read_page = read(client, &ask(page)).await.map_err(|e| vod_error_in(e, locale))?.media_audit_result_detail;
    }
    let frames = read_page
        .list
        .iter()
        .map(|f| FrameRow {
            timestamp_ms: f.timestamp.trim().parse().unwrap_or(0),
            url: f.url.clone(),
            hits: vod::api::Dimension::ALL
                .iter()
                .filter_map(|d| {
                    let (label, s) = f.get(*d);
                    (label != "normal" && !label.is_empty()).then(|| (d.key().to_string(), label.to_string(), score(s).unwrap_or(0.0)))
                })
                .collect(),
        })
        .collect();
    Ok(FramePage { frames, total, page, pages })
}

// ---------------------------------------------------------------------------------------
// Decisions

/// A decision as the reviewer makes it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewDecision {
    pub video_id: String,
    pub title: String,
    /// `Normal` or `Blocked`.
    pub decision: String,
    pub reason: String,
    pub comment: String,
    pub ai_suggestion: String,
    pub ai_label: String,
}

/// Checks a decision the way VOD will: a status, a reason for a block (VOD's 128 bytes),
/// a comment of at most 512 bytes.
pub fn check(locale: Locale, d: &NewDecision) -> Result<(), AppError> {
    if d.video_id.trim().is_empty() {
        return Err(AppError::invalid("video_id", td_string!(locale, audit.decide.no_video)));
    }
    if !matches!(d.decision.as_str(), "Normal" | "Blocked") {
        return Err(AppError::invalid("decision", td_string!(locale, audit.decide.bad_decision)));
    }
    if d.decision == "Blocked" && d.reason.trim().is_empty() {
        return Err(AppError::invalid("reason", td_string!(locale, audit.decide.reason_required)));
    }
    let text = |field: &str, label: &str, value: &str, max: usize| {
        crate::model::vod_text::check_text(locale, label, value.trim(), max, false).map_err(|m| AppError::invalid(field, m))
    };
    text("reason", td_string!(locale, audit.decide.reason), &d.reason, vod::api::MAX_AUDIT_REASON_BYTES)?;
    text("comment", td_string!(locale, audit.decide.comment), &d.comment, vod::api::MAX_AUDIT_COMMENT_BYTES)?;
    Ok(())
}

fn decision_from(r: &sqlx::sqlite::SqliteRow) -> DecisionRecord {
    DecisionRecord {
        id: r.get("id"),
        video_id: r.get("video_id"),
        title: r.get("title"),
        reviewer: r.get("reviewer"),
        at: r.get("at"),
        decision: r.get("decision"),
        reason: r.get("reason"),
        comment: r.get("comment"),
        ai_suggestion: r.get("ai_suggestion"),
        ai_label: r.get("ai_label"),
        state: DecisionState::parse(r.get::<String, _>("state").as_str()),
        send_at: r.get("send_at"),
        request_id: r.get("request_id"),
        error: r.get("error"),
    }
}

/// The decision record, newest first: of one video, or of all (at most `limit`).
pub async fn record(pool: &SqlitePool, video_id: Option<&str>, limit: i64) -> Result<Vec<DecisionRecord>, sqlx::Error> {
    let rows = match video_id {
        Some(id) => sqlx::query("SELECT * FROM audit_decisions WHERE video_id = ? ORDER BY id DESC LIMIT ?").bind(id).bind(limit).fetch_all(pool).await?,
        None => sqlx::query("SELECT * FROM audit_decisions ORDER BY id DESC LIMIT ?").bind(limit).fetch_all(pool).await?,
    };
    Ok(rows.iter().map(decision_from).collect())
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<DecisionRecord>, sqlx::Error> {
    Ok(sqlx::query("SELECT * FROM audit_decisions WHERE id = ?").bind(id).fetch_optional(pool).await?.as_ref().map(decision_from))
}

/// Records a decision; it is sent once the undo window has passed.
pub async fn decide(state: &AppState, reviewer: &str, d: &NewDecision) -> Result<DecisionRecord, sqlx::Error> {
    // Due on a whole second: decisions made within the same second go out in one call.
    let due = now_ms() + state.settings.decision_window.as_millis() as i64;
    let send_at = (due + 999) / 1000 * 1000;
    let id: i64 = sqlx::query(
        "INSERT INTO audit_decisions (video_id, title, reviewer, at, decision, reason, comment, ai_suggestion, ai_label, state, send_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
    )
    .bind(d.video_id.trim())
    .bind(&d.title)
    .bind(reviewer)
    .bind(now_rfc3339())
    .bind(&d.decision)
    .bind(d.reason.trim())
    .bind(d.comment.trim())
    .bind(&d.ai_suggestion)
    .bind(&d.ai_label)
    .bind(send_at)
    .fetch_one(&state.db)
    .await?
    .get("id");
    release(&state.db, d.video_id.trim(), reviewer).await?;
    arm(state.clone(), send_at);
    Ok(get(&state.db, id).await?.expect("the decision was just inserted"))
}

/// Takes back a pending decision of `reviewer`. False when it was already sent (or is
/// not theirs).
pub async fn undo(state: &AppState, id: i64, reviewer: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE audit_decisions SET state = 'undone' WHERE id = ? AND reviewer = ? AND state = 'pending'")
        .bind(id)
        .bind(reviewer)
        .execute(&state.db)
        .await?;
    Ok(done.rows_affected() > 0)
}

fn arm(state: AppState, send_at: i64) {
    tokio::spawn(async move {
        let wait = (send_at - now_ms()).max(0) as u64;
        tokio::time::sleep(Duration::from_millis(wait)).await;
        flush(&state).await;
    });
}

/// Sends every due decision: per reviewer, 20 per CreateAudit call.
pub async fn flush(state: &AppState) {
    let claimed = sqlx::query("UPDATE audit_decisions SET state = 'sending' WHERE state = 'pending' AND send_at <= ? RETURNING *")
        .bind(now_ms())
        .fetch_all(&state.db)
        .await;
    let rows: Vec<DecisionRecord> = match claimed {
        Ok(rows) => rows.iter().map(decision_from).collect(),
        Err(e) => {
            tracing::error!(error = %e, "could not claim due review decisions");
            return;
        }
    };
    let mut reviewers: Vec<String> = rows.iter().map(|r| r.reviewer.clone()).collect();
    reviewers.sort();
    reviewers.dedup();
    for reviewer in reviewers {
        let mine: Vec<DecisionRecord> = rows.iter().filter(|r| r.reviewer == reviewer).cloned().collect();
        let allowed = reviewer_may_decide(state, &reviewer).await;
        for batch in mine.chunks(vod::api::MAX_AUDIT_BATCH) {
            let report = if allowed {
                let client = state.vod.client.for_caller(vod::Caller::background(format!("audit:{reviewer}")));
                send(&client, batch).await
            } else {
                let mut report = BulkReport::new("done");
                for d in batch {
                    report.items.push(ItemResult::with(&d.video_id, Outcome::Forbidden, None, Some("The reviewer may no longer review.".into()), None));
                }
                report
            };
            store_results(&state.db, batch, &report).await;
            let mut report = report;
            report.label_with(|id| batch.iter().find(|d| d.video_id == id).map(|d| d.title.clone()));
            let decided: Vec<String> = batch.iter().map(|d| format!("{} {}", d.video_id, d.decision)).collect();
            crate::ssr::activity::change(&reviewer, Permission::of::<CreateAudit>())
                .report(&report)
                .detail(format!("review decisions: {}", decided.join(", ")))
                .record(&state.db)
                .await;
        }
    }
}

async fn reviewer_may_decide(state: &AppState, reviewer: &str) -> bool {
    match crate::ssr::accounts::find_for_login(&state.db, reviewer).await {
        Ok(Some((a, _))) => !a.disabled && a.role.allows(Permission::of::<CreateAudit>()),
        _ => false,
    }
}

/// The video a refusal names (VOD's message ends with `VideoId: <id>`), if it is one of
/// `batch`.
fn named_video<'a>(err: &vod::Error, batch: &'a [DecisionRecord]) -> Option<&'a DecisionRecord> {
    let message = err.message()?;
    batch.iter().find(|d| message.ends_with(&d.video_id) || message.contains(&format!("VideoId: {}", d.video_id)))
}

/// Sends one batch (≤ 20), dropping a decision VOD refuses by name and sending the rest
/// again. Every decision gets its own result.
pub async fn send(client: &vod::Client, batch: &[DecisionRecord]) -> BulkReport {
    let mut report = BulkReport::new("done");
    let mut left: Vec<DecisionRecord> = batch.to_vec();
    while !left.is_empty() {
        let content: Vec<AuditDecision> = left
            .iter()
            .map(|d| AuditDecision { video_id: d.video_id.clone(), status: d.decision.clone(), reason: d.reason.clone(), comment: d.comment.clone() })
            .collect();
        // A decision is not idempotent (it adds to the history): never re-sent blindly.
        match client.call_with_retry(&CreateAudit::of(&content), RetryPolicy::default()).await {
            Ok(r) => {
                for d in &left {
                    report.items.push(ItemResult::done(&d.video_id, Some(r.request_id.clone())));
                }
                left.clear();
            }
            Err(e) => {
                let outcome = match e.code() {
                    Some("InvalidVideo.NotFound") => Outcome::NotFound,
                    Some(c) if c.starts_with("Forbidden") => Outcome::Forbidden,
                    _ => Outcome::Failed,
                };
                let item = |d: &DecisionRecord| {
                    ItemResult::with(&d.video_id, outcome, e.code().map(String::from), Some(e.to_string()), e.request_id().map(String::from))
                };
                match named_video(&e, &left).cloned() {
                    Some(bad) if left.len() > 1 => {
                        report.items.push(item(&bad));
                        left.retain(|d| d.id != bad.id);
                    }
                    _ => {
                        for d in &left {
                            report.items.push(item(d));
                        }
                        left.clear();
                    }
                }
            }
        }
    }
    report
}

async fn store_results(pool: &SqlitePool, batch: &[DecisionRecord], report: &BulkReport) {
    for d in batch {
        let Some(r) = report.items.iter().find(|i| i.id == d.video_id) else { continue };
        let (state, error) = match r.outcome {
            Outcome::Done => ("sent", None),
            _ => ("failed", r.message.clone()),
        };
        if let Err(e) = sqlx::query("UPDATE audit_decisions SET state = ?, request_id = ?, error = ? WHERE id = ?")
            .bind(state)
            .bind(&r.request_id)
            .bind(error)
            .bind(d.id)
            .execute(pool)
            .await
        {
            tracing::error!(error = %e, decision = d.id, "could not store a review decision's result");
        }
    }
}

/// At start: decisions left `sending` by a stopped server are reported failed (VOD may or
/// may not have them: the history says), pending ones are armed again.
pub async fn resume(state: &AppState) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE audit_decisions SET state = 'failed', error = 'The console stopped while sending this decision; check the video''s review history.' WHERE state = 'sending'")
        .execute(&state.db)
        .await?;
    let due: Vec<i64> = sqlx::query("SELECT DISTINCT send_at FROM audit_decisions WHERE state = 'pending'")
        .fetch_all(&state.db)
        .await?
        .iter()
        .map(|r| r.get("send_at"))
        .collect();
    for send_at in due {
        arm(state.clone(), send_at);
    }
    Ok(())
}

/// The decision record as CSV (the export adds the byte-order mark).
pub fn record_csv(rows: &[DecisionRecord]) -> String {
    let mut out = String::from("id,time,reviewer,video_id,title,decision,reason,comment,ai_suggestion,ai_label,state,request_id,error\r\n");
    for r in rows {
        let fields = [
            r.id.to_string(),
            r.at.clone(),
            r.reviewer.clone(),
            r.video_id.clone(),
            r.title.clone(),
            r.decision.clone(),
            r.reason.clone(),
            r.comment.clone(),
            r.ai_suggestion.clone(),
            r.ai_label.clone(),
            r.state.as_str().to_string(),
            r.request_id.clone().unwrap_or_default(),
            r.error.clone().unwrap_or_default(),
        ];
        out.push_str(&crate::ssr::csv::row(&fields.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Security IPs

pub async fn security_ips(client: &vod::Client, locale: Locale) -> Result<SecurityIps, AppError> {
    let list = read(client, &ListAuditSecurityIp::default()).await.map_err(|e| vod_error_in(e, locale))?;
    Ok(SecurityIps {
        groups: list
            .security_ip_list
            .iter()
            .map(|g| IpGroup { name: g.security_group_name.clone(), ips: g.ip_list().into_iter().map(String::from).collect(), modified: g.modification_time.clone() })
            .collect(),
        max_groups: vod::audit::MAX_GROUPS,
        max_ips: vod::audit::MAX_IPS,
    })
}

/// Checks a change to a group against VOD's rules and the group as it is now: the
/// entries, at most 100 in the group, at most 10 groups.
pub fn check_ips(locale: Locale, current: &SecurityIps, group: &str, ips: &str, mode: &str) -> Result<Vec<String>, AppError> {
    let group = group.trim();
    if group.is_empty() {
        return Err(AppError::invalid("group", td_string!(locale, audit.ips.group_required)));
    }
    crate::model::vod_text::check_text(locale, td_string!(locale, audit.ips.group), group, 64, true).map_err(|m| AppError::invalid("group", m))?;
    let entries = vod::audit::parse_ips(ips).map_err(|p| match p {
        vod::audit::IpProblem::Empty => AppError::invalid("ips", td_string!(locale, audit.ips.empty)),
        vod::audit::IpProblem::Invalid(entry) => AppError::invalid("ips", td_string!(locale, audit.ips.invalid, entry = entry).to_string()),
    })?;
    let existing = current.groups.iter().find(|g| g.name == group);
    if existing.is_none() && mode != "Delete" && current.groups.len() >= current.max_groups {
        return Err(AppError::invalid("group", td_string!(locale, audit.ips.too_many_groups, max = current.max_groups).to_string()));
    }
    let mut after: Vec<String> = existing.map(|g| g.ips.clone()).unwrap_or_default();
    match mode {
        "Cover" => after = entries.clone(),
        "Delete" => after.retain(|ip| !entries.contains(ip)),
        _ => after.extend(entries.iter().filter(|e| !existing.is_some_and(|g| g.ips.contains(e))).cloned()),
    }
    if after.len() > current.max_ips {
        return Err(AppError::invalid("ips", td_string!(locale, audit.ips.too_many, max = current.max_ips, count = after.len()).to_string()));
    }
    Ok(entries)
}

/// Applies a checked change; returns VOD's RequestId.
pub async fn set_security_ips(client: &vod::Client, locale: Locale, group: &str, entries: &[String], mode: &str) -> Result<String, AppError> {
    let request = SetAuditSecurityIp { ips: entries.join(","), security_group_name: Some(group.trim().to_string()), operate_mode: Some(mode.to_string()) };
    client.call_with_retry(&request, RetryPolicy::default()).await.map(|r| r.request_id).map_err(|e| vod_error_in(e, locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, suggestion: &str, score: Option<f64>, created: &str) -> QueueItem {
        QueueItem {
            video_id: id.into(),
            title: id.into(),
            cover_url: String::new(),
            duration: None,
            created: created.into(),
            status: "Checking".into(),
            suggestion: suggestion.into(),
            score,
            labels: vec![],
            claim: None,
        }
    }

    #[test]
    fn the_queue_puts_likely_violations_first_or_the_longest_waiting() {
        let mut items = vec![
            item("a", "review", Some(88.0), "2026-01-03"),
            item("b", "block", Some(91.0), "2026-01-04"),
            item("c", "", None, "2026-01-01"),
            item("d", "block", Some(99.0), "2026-01-02"),
            item("e", "pass", None, "2026-01-05"),
        ];
        order(&mut items, QueueSort::Score);
        assert_eq!(items.iter().map(|i| i.video_id.as_str()).collect::<String>(), "dbaec");
        order(&mut items, QueueSort::Uploaded);
        assert_eq!(items.iter().map(|i| i.video_id.as_str()).collect::<String>(), "cdabe");
    }

    #[test]
    fn ip_changes_are_checked_against_the_group_as_it_is() {
        let current = SecurityIps {
            groups: vec![IpGroup { name: "Default".into(), ips: vec!["10.0.0.1".into(), "10.0.0.2".into()], modified: String::new() }],
            max_groups: 1,
            max_ips: 3,
        };
        let l = Locale::en;
        assert_eq!(check_ips(l, &current, "Default", "10.0.0.3", "Append").unwrap(), vec!["10.0.0.3"]);
        assert!(matches!(check_ips(l, &current, "Default", "10.0.0.3, 10.0.0.4", "Append"), Err(AppError::Invalid { field, .. }) if field == "ips"));
        assert!(check_ips(l, &current, "Default", "10.0.0.3, 10.0.0.4, 10.0.0.5", "Cover").is_ok());
        assert!(matches!(check_ips(l, &current, "Other", "10.0.0.3", "Append"), Err(AppError::Invalid { field, .. }) if field == "group"));
        match check_ips(l, &current, "Default", "10.0.0.0/33", "Append") {
            Err(AppError::Invalid { field, message }) => assert!(field == "ips" && message.contains("10.0.0.0/33"), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_block_needs_a_reason_within_vod_limits() {
        let d = NewDecision {
            video_id: "v".into(),
            title: "t".into(),
            decision: "Blocked".into(),
            reason: String::new(),
            comment: String::new(),
            ai_suggestion: String::new(),
            ai_label: String::new(),
        };
        assert!(matches!(check(Locale::en, &d), Err(AppError::Invalid { field, .. }) if field == "reason"));
        assert!(check(Locale::en, &NewDecision { reason: "广告".into(), ..d.clone() }).is_ok());
        assert!(matches!(check(Locale::en, &NewDecision { reason: "长".repeat(43), ..d.clone() }), Err(AppError::Invalid { field, .. }) if field == "reason"));
        assert!(check(Locale::en, &NewDecision { decision: "Normal".into(), ..d }).is_ok());
    }
}
