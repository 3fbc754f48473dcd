//! Deletes with an undo window. A confirmed delete becomes a row in `delete_jobs` and a
//! timer; until the window has passed, "undo" cancels it and nothing reaches VOD. Then
//! the job claims itself (`pending` → `running` in one UPDATE, so an undo racing the
//! timer either wins completely or loses completely), makes the calls, stores the
//! per-item report and writes the activity log.
//!
//! Jobs live in the database: a reload shows them, and a restart re-arms pending ones.
//! A job that was running when the server stopped is reported as failed for every item,
//! with "retry" offered — it is never silently re-run.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::{Row, SqlitePool};
use vod::api::{DeleteImage, VideoImageSelection, VideoImageType};

use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::model::delete_job::{DeleteJob, JobState};
use crate::ssr::accounts::now_rfc3339;
use crate::ssr::media_delete::{self, MediaKind};
use crate::ssr::state::AppState;

/// What a job deletes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeleteTarget {
    /// Videos, images or attached media by ID (batched 20 per call).
    Ids { kind: MediaKind, ids: Vec<String> },
    /// Images by URL (DeleteImageType=ImageURL), 20 per call.
    ImageUrls { urls: Vec<String> },
    /// A video's images by kind (DeleteImageType=VideoId).
    VideoImages { video_id: String, image_types: Vec<String> },
}

impl DeleteTarget {
    pub fn permission(&self) -> &'static str {
        match self {
            DeleteTarget::Ids { kind, .. } => kind.permission(),
            DeleteTarget::ImageUrls { .. } | DeleteTarget::VideoImages { .. } => "vod:DeleteImage",
        }
    }

    pub fn action(&self) -> &'static str {
        match self {
            DeleteTarget::Ids { kind, .. } => match kind {
                MediaKind::Video => "vod:DeleteVideo",
                MediaKind::Image => "vod:DeleteImage",
                MediaKind::Attached => "vod:DeleteAttachedMedia",
            },
            _ => "vod:DeleteImage",
        }
    }

    /// "paced by VOD's limit of 50 calls/s for DeleteImage: 100 calls, at least 2 s":
    /// what the running job waits for, shown while it runs.
    pub fn pace(&self) -> Option<String> {
        let action = self.action().trim_start_matches("vod:");
        let qps = vod::batch::qps_limit(action)?;
        let calls = match self {
            DeleteTarget::VideoImages { .. } => 1,
            _ => self.count().div_ceil(vod::batch::BATCH_SIZE),
        };
        let secs = (calls as f64 / f64::from(qps)).ceil().max(1.0) as u64;
        Some(format!(
            "paced by VOD's limit of {qps} calls/s for {action}, shared with everyone using this account: {calls} call{}, at least {secs} s",
            if calls == 1 { "" } else { "s" }
        ))
    }

    pub fn count(&self) -> usize {
        match self {
            DeleteTarget::Ids { ids, .. } => ids.len(),
            DeleteTarget::ImageUrls { urls } => urls.len(),
            DeleteTarget::VideoImages { .. } => 1,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            DeleteTarget::Ids { kind, ids } => {
                let n = ids.len();
                let noun = match (kind, n == 1) {
                    (MediaKind::Video, true) => "video",
                    (MediaKind::Video, false) => "videos",
                    (MediaKind::Image, true) => "image",
                    (MediaKind::Image, false) => "images",
                    (MediaKind::Attached, true) => "attached media file",
                    (MediaKind::Attached, false) => "attached media files",
                };
                format!("{n} {noun}")
            }
            DeleteTarget::ImageUrls { urls } => format!("{} image URL{}", urls.len(), if urls.len() == 1 { "" } else { "s" }),
            DeleteTarget::VideoImages { video_id, image_types } => {
                format!("{} of video {video_id}", image_types.join(", "))
            }
        }
    }
}

/// Checks a target before it is queued: sizes, empty lists, known image types.
pub fn validate(target: &DeleteTarget) -> Result<(), (&'static str, String)> {
    const MAX_ITEMS: usize = 5_000;
    match target {
        DeleteTarget::Ids { ids, .. } => {
            if ids.iter().all(|i| i.trim().is_empty()) {
                return Err(("ids", "Select at least one item to delete.".into()));
            }
            if ids.len() > MAX_ITEMS {
                return Err(("ids", format!("{} items selected; at most {MAX_ITEMS} can be deleted at once.", ids.len())));
            }
            if let Some(bad) = ids.iter().find(|i| !i.trim().is_empty() && !crate::model::media::is_media_id(i)) {
                return Err(("ids", format!("\"{bad}\" is not a VOD media ID.")));
            }
        }
        DeleteTarget::ImageUrls { urls } => {
            if urls.is_empty() {
                return Err(("urls", "Enter at least one image URL.".into()));
            }
            if urls.len() > MAX_ITEMS {
                return Err(("urls", format!("{} URLs given; at most {MAX_ITEMS}.", urls.len())));
            }
            if let Some((n, _)) = urls.iter().enumerate().find(|(_, u)| !(u.starts_with("http://") || u.starts_with("https://"))) {
                return Err(("urls", format!("Line {} is not an http(s) URL.", n + 1)));
            }
        }
        DeleteTarget::VideoImages { video_id, image_types } => {
            if video_id.trim().is_empty() {
                return Err(("video_id", "Enter the video ID.".into()));
            }
            if image_types.is_empty() {
                return Err(("image_types", "Choose which images of the video to delete.".into()));
            }
            if let Some(t) = image_types.iter().find(|t| parse_image_type(t).is_none() && t.as_str() != "All") {
                return Err(("image_types", format!("\"{t}\" is not an image type of a video.")));
            }
        }
    }
    Ok(())
}

fn parse_image_type(s: &str) -> Option<VideoImageType> {
    Some(match s {
        "CoverSnapshot" => VideoImageType::CoverSnapshot,
        "NormalSnapshot" => VideoImageType::NormalSnapshot,
        "SpriteSnapshot" => VideoImageType::SpriteSnapshot,
        "SpriteOriginSnapshot" => VideoImageType::SpriteOriginSnapshot,
        _ => return None,
    })
}

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

fn job_from_row(row: &sqlx::sqlite::SqliteRow, undo: Duration) -> DeleteJob {
    let execute_at: i64 = row.get("execute_at");
    let report: Option<String> = row.get("report");
    let target: Option<DeleteTarget> = serde_json::from_str(row.get::<String, _>("target").as_str()).ok();
    let retry_tab = match target {
        Some(DeleteTarget::Ids { kind, .. }) => Some(
            match kind {
                MediaKind::Video => "videos",
                MediaKind::Image => "images",
                MediaKind::Attached => "attached",
            }
            .to_string(),
        ),
        _ => None,
    };
    let pace = target.as_ref().and_then(DeleteTarget::pace);
    DeleteJob {
        pace,
        id: row.get("id"),
        description: row.get("description"),
        count: row.get::<i64, _>("item_count") as usize,
        state: JobState::parse(row.get::<String, _>("state").as_str()),
        ms_left: (execute_at - now_ms()).max(0) as u64,
        undo_seconds: undo.as_secs(),
        report: report.and_then(|r| serde_json::from_str(&r).ok()),
        retry_tab,
    }
}

/// Queues `target` to run after the undo window and arms its timer.
pub async fn schedule(
    state: &AppState,
    username: &str,
    target: DeleteTarget,
    labels: Vec<(String, String)>,
) -> Result<DeleteJob, sqlx::Error> {
    let undo = state.settings.undo_window;
    let execute_at = now_ms() + undo.as_millis() as i64;
    let id: i64 = sqlx::query(
        "INSERT INTO delete_jobs (username, target, description, item_count, labels, created_at, execute_at, state) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending') RETURNING id",
    )
    .bind(username)
    .bind(serde_json::to_string(&target).unwrap_or_default())
    .bind(target.describe())
    .bind(target.count() as i64)
    .bind(serde_json::to_string(&labels).unwrap_or_default())
    .bind(now_rfc3339())
    .bind(execute_at)
    .fetch_one(&state.db)
    .await?
    .get("id");
    arm(state.clone(), id, execute_at);
    get(&state.db, id, undo).await.map(|j| j.expect("the job was just inserted"))
}

fn arm(state: AppState, id: i64, execute_at: i64) {
    tokio::spawn(async move {
        let wait = (execute_at - now_ms()).max(0) as u64;
        tokio::time::sleep(Duration::from_millis(wait)).await;
        run(&state, id).await;
    });
}

/// Runs job `id` if it is still pending (claiming it first).
async fn run(state: &AppState, id: i64) {
    let claimed = sqlx::query("UPDATE delete_jobs SET state = 'running' WHERE id = ? AND state = 'pending' RETURNING username, target, labels")
        .bind(id)
        .fetch_optional(&state.db)
        .await;
    let row = match claimed {
        Ok(Some(row)) => row,
        Ok(None) => return, // cancelled (or already run)
        Err(e) => {
            tracing::error!(error = %e, job = id, "could not claim a delete job");
            return;
        }
    };
    let username: String = row.get("username");
    let target: DeleteTarget = match serde_json::from_str(row.get::<String, _>("target").as_str()) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, job = id, "unreadable delete job");
            return;
        }
    };
    let labels: Vec<(String, String)> = serde_json::from_str(row.get::<String, _>("labels").as_str()).unwrap_or_default();
    // Nobody waits on a page for a queued delete: it uses what pages leave of the budget.
    let client = state.vod.client.for_caller(vod::Caller::background(format!("delete-queue:{username}")));
    let gate = AuthorGate { state: state.clone(), username: username.clone(), permission: target.permission() };
    let mut report = execute(&client, &target, &gate).await;
    report.label_with(|id| labels.iter().find(|(i, _)| i == id).map(|(_, l)| l.clone()));
    finish(state, id, &username, &target, &report).await;
}

async fn finish(state: &AppState, id: i64, username: &str, target: &DeleteTarget, report: &BulkReport) {
    if let Err(e) = sqlx::query("UPDATE delete_jobs SET state = 'done', report = ? WHERE id = ?")
        .bind(serde_json::to_string(report).unwrap_or_default())
        .bind(id)
        .execute(&state.db)
        .await
    {
        tracing::error!(error = %e, job = id, "could not store a delete report");
    }
    crate::ssr::activity::record_report(&state.db, username, target.action(), report, Some(&target.describe())).await;
}

/// What a queued delete re-checks before each batch: it can wait up to an hour, and its
/// author may meanwhile have been disabled or lost the permission.
pub struct AuthorGate {
    pub state: AppState,
    pub username: String,
    pub permission: &'static str,
}

/// The reason a batch is cancelled when its author may no longer delete.
pub const AUTHOR_MAY_NOT_DELETE: &str = "cancelled: the author may no longer delete";

impl media_delete::BatchGate for AuthorGate {
    async fn check(&self) -> Result<(), String> {
        let account = crate::ssr::accounts::find_for_login(&self.state.db, &self.username).await.map_err(|e| {
            tracing::error!(error = %e, "could not re-check a delete's author");
            AUTHOR_MAY_NOT_DELETE.to_string()
        })?;
        match account {
            Some((a, _)) if !a.disabled && a.role.permissions().contains(&self.permission) => Ok(()),
            _ => {
                tracing::warn!(user = %self.username, permission = self.permission, "queued delete batch cancelled");
                Err(AUTHOR_MAY_NOT_DELETE.to_string())
            }
        }
    }
}

/// The VOD calls for a target, asking `gate` before each batch.
pub async fn execute(client: &vod::Client, target: &DeleteTarget, gate: &impl media_delete::BatchGate) -> BulkReport {
    match target {
        DeleteTarget::Ids { kind, ids } => media_delete::delete_gated(client, *kind, ids, gate).await,
        DeleteTarget::ImageUrls { urls } => {
            let batches = vod::batch::chunks(urls, vod::batch::BATCH_SIZE);
            let results = vod::batch::run_bounded(batches, media_delete::IN_FLIGHT, |batch| async move {
                if let Err(reason) = gate.check().await {
                    return media_delete::refused_batch(&batch, &reason);
                }
                match client.call_with_retry(&DeleteImage::ImageUrls(batch.clone()), vod::RetryPolicy::default()).await {
                    Ok(r) => batch.iter().map(|u| ItemResult::done(u, Some(r.request_id.clone()))).collect::<Vec<_>>(),
                    Err(e) => crate::ssr::vod_errors::failed_items(&batch, &e),
                }
            })
            .await;
            BulkReport { done_word: "deleted".into(), items: results.into_iter().flatten().collect() }
        }
        DeleteTarget::VideoImages { video_id, image_types } => {
            let selection = if image_types.iter().any(|t| t == "All") {
                VideoImageSelection::All
            } else {
                VideoImageSelection::Only(image_types.iter().filter_map(|t| parse_image_type(t)).collect())
            };
            let request = DeleteImage::VideoImages { video_id: video_id.clone(), image_type: selection };
            let label = format!("{video_id}: {}", image_types.join(", "));
            if let Err(reason) = gate.check().await {
                return BulkReport { done_word: "deleted".into(), items: media_delete::refused_batch(&[label], &reason) };
            }
            let items = match client.call_with_retry(&request, vod::RetryPolicy::default()).await {
                Ok(r) => vec![ItemResult::done(label, Some(r.request_id))],
                Err(e) => crate::ssr::vod_errors::failed_items(&[label], &e),
            };
            BulkReport { done_word: "deleted".into(), items }
        }
    }
}

pub async fn get(pool: &SqlitePool, id: i64, undo: Duration) -> Result<Option<DeleteJob>, sqlx::Error> {
    let row = sqlx::query("SELECT id, description, item_count, state, execute_at, report, target FROM delete_jobs WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| job_from_row(&r, undo)))
}

/// The job's owner, for the "only the person who queued it (or an admin)" check.
pub async fn owner(pool: &SqlitePool, id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(sqlx::query("SELECT username FROM delete_jobs WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| r.get("username")))
}

/// The person's jobs that are pending or running, or finished in the last 10 minutes.
pub async fn recent(pool: &SqlitePool, username: &str, undo: Duration) -> Result<Vec<DeleteJob>, sqlx::Error> {
    let since = now_ms() - 10 * 60 * 1000;
    let rows = sqlx::query(
        "SELECT id, description, item_count, state, execute_at, report, target FROM delete_jobs \
         WHERE username = ? AND (state IN ('pending', 'running') OR execute_at >= ?) ORDER BY id DESC LIMIT 10",
    )
    .bind(username)
    .bind(since)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| job_from_row(r, undo)).collect())
}

/// Cancels a pending job. `Ok(false)`: too late, it has started or finished.
pub async fn cancel(state: &AppState, id: i64, username: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("UPDATE delete_jobs SET state = 'cancelled' WHERE id = ? AND state = 'pending' RETURNING target")
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    let Some(row) = row else { return Ok(false) };
    if let Ok(target) = serde_json::from_str::<DeleteTarget>(row.get::<String, _>("target").as_str()) {
        let targets: Vec<String> = match &target {
            DeleteTarget::Ids { ids, .. } => ids.clone(),
            DeleteTarget::ImageUrls { urls } => urls.clone(),
            DeleteTarget::VideoImages { video_id, .. } => vec![video_id.clone()],
        };
        crate::ssr::activity::record(
            &state.db,
            crate::ssr::activity::Entry {
                username,
                action: "console:UndoDelete",
                targets: &targets,
                outcome: "ok",
                request_id: None,
                detail: Some(&format!("{} kept; nothing was sent to VOD", target.describe())),
                items: &[],
            },
        )
        .await;
    }
    Ok(true)
}

/// At start-up: re-arms pending jobs and closes jobs a stopped server left running.
pub async fn resume(state: &AppState) -> Result<(), sqlx::Error> {
    let pending = sqlx::query("SELECT id, execute_at FROM delete_jobs WHERE state = 'pending'").fetch_all(&state.db).await?;
    for row in pending {
        arm(state.clone(), row.get("id"), row.get("execute_at"));
    }
    let interrupted = sqlx::query("SELECT id, username, target FROM delete_jobs WHERE state = 'running'").fetch_all(&state.db).await?;
    for row in interrupted {
        let id: i64 = row.get("id");
        let username: String = row.get("username");
        let Ok(target) = serde_json::from_str::<DeleteTarget>(row.get::<String, _>("target").as_str()) else { continue };
        let ids: Vec<String> = match &target {
            DeleteTarget::Ids { ids, .. } => ids.clone(),
            DeleteTarget::ImageUrls { urls } => urls.clone(),
            DeleteTarget::VideoImages { video_id, .. } => vec![video_id.clone()],
        };
        let report = BulkReport {
            done_word: "deleted".into(),
            items: ids
                .into_iter()
                .map(|i| {
                    ItemResult::with(i, Outcome::Failed, Some("Interrupted".into()), Some("The console stopped while this delete was running; some items may already be gone. Retry to finish.".into()), None)
                })
                .collect(),
        };
        finish(state, id, &username, &target, &report).await;
    }
    Ok(())
}
