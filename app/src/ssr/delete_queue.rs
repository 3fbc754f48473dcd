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

use crate::i18n::{td_string, Locale};
use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::model::delete_job::{DeleteJob, JobState};
use crate::model::media::MediaKind;
use crate::model::roles::Permission;
use crate::ssr::accounts::now_rfc3339;
use crate::ssr::media_delete;
use crate::ssr::state::AppState;

/// What a job deletes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeleteTarget {
    /// Videos, images or attached media by ID (batched 20 per call). Stored as
    /// `video`/`image`/`attached`, as jobs written before the kinds were one type.
    Ids {
        #[serde(with = "stored_kind")]
        kind: MediaKind,
        ids: Vec<String>,
    },
    /// Images by URL (DeleteImageType=ImageURL), 20 per call.
    ImageUrls { urls: Vec<String> },
    /// A video's images by kind (DeleteImageType=VideoId).
    VideoImages { video_id: String, image_types: Vec<String> },
}

impl DeleteTarget {
    /// The permission, which is also the delete action.
    pub fn permission(&self) -> Permission {
        match self {
            DeleteTarget::Ids { kind, .. } => kind.delete_permission(),
            DeleteTarget::ImageUrls { .. } | DeleteTarget::VideoImages { .. } => Permission::of::<vod::api::DeleteImage>(),
        }
    }

    /// "paced by VOD's limit of 50 calls/s for DeleteImage: 100 calls, at least 2 s":
    /// what the running job waits for, shown while it runs (in `locale`).
    pub fn pace(&self, locale: Locale) -> Option<String> {
        let action = self.permission().action()?;
        let qps = vod::batch::qps_limit(action)?;
        let calls = match self {
            DeleteTarget::VideoImages { .. } => 1,
            _ => self.count().div_ceil(vod::batch::BATCH_SIZE),
        };
        let secs = (calls as f64 / f64::from(qps)).ceil().max(1.0) as u64;
        Some(if calls == 1 {
            td_string!(locale, media_rules.jobs.pace_single_call, qps = qps, action = action, calls = calls, secs = secs).to_string()
        } else {
            td_string!(locale, media_rules.jobs.pace_calls, qps = qps, action = action, calls = calls, secs = secs).to_string()
        })
    }

    pub fn count(&self) -> usize {
        match self {
            DeleteTarget::Ids { ids, .. } => ids.len(),
            DeleteTarget::ImageUrls { urls } => urls.len(),
            DeleteTarget::VideoImages { .. } => 1,
        }
    }

    /// What the job deletes, for people: "25 videos", "3 image URLs", "cover snapshots
    /// of video 1a2b…" ("25 个视频").
    pub fn describe(&self, locale: Locale) -> String {
        match self {
            DeleteTarget::Ids { kind, ids } => {
                kind.count_in(locale, ids.len())
            }
            DeleteTarget::ImageUrls { urls } => {
                let n = urls.len();
                if n == 1 {
                    td_string!(locale, media_rules.counted.image_url, n = n).to_string()
                } else {
                    td_string!(locale, media_rules.counted.image_urls, n = n).to_string()
                }
            }
            DeleteTarget::VideoImages { video_id, image_types } => {
                let types: Vec<&str> =
                    image_types.iter().map(|t| crate::model::media::video_image_type_label(locale, t)).collect();
                let types = types.join(td_string!(locale, common.list_separator));
                td_string!(locale, media_rules.jobs.video_images, types = types, video_id = video_id).to_string()
            }
        }
    }
}

/// Checks a target before it is queued: sizes, empty lists, known image types. The
/// message is in `locale`.
pub fn validate(target: &DeleteTarget, locale: Locale) -> Result<(), (&'static str, String)> {
    const MAX_ITEMS: usize = 5_000;
    match target {
        DeleteTarget::Ids { ids, .. } => {
            if ids.iter().all(|i| i.trim().is_empty()) {
                return Err(("ids", td_string!(locale, media_rules.jobs.select_items).to_string()));
            }
            if ids.len() > MAX_ITEMS {
                let count = ids.len();
                return Err(("ids", td_string!(locale, media_rules.jobs.too_many_ids, count = count, max = MAX_ITEMS).to_string()));
            }
            if let Some(bad) = ids.iter().find(|i| !i.trim().is_empty() && !crate::model::media::is_media_id(i)) {
                return Err(("ids", td_string!(locale, media_rules.api.bad_id, id = bad).to_string()));
            }
        }
        DeleteTarget::ImageUrls { urls } => {
            if urls.is_empty() {
                return Err(("urls", td_string!(locale, media_rules.jobs.enter_urls).to_string()));
            }
            if urls.len() > MAX_ITEMS {
                let count = urls.len();
                return Err(("urls", td_string!(locale, media_rules.jobs.too_many_urls, count = count, max = MAX_ITEMS).to_string()));
            }
            if let Some((n, _)) = urls.iter().enumerate().find(|(_, u)| !(u.starts_with("http://") || u.starts_with("https://"))) {
                let line = n + 1;
                return Err(("urls", td_string!(locale, media_rules.jobs.bad_url_line, line = line).to_string()));
            }
        }
        DeleteTarget::VideoImages { video_id, image_types } => {
            if video_id.trim().is_empty() {
                return Err(("video_id", td_string!(locale, media_rules.jobs.enter_video_id).to_string()));
            }
            if image_types.is_empty() {
                return Err(("image_types", td_string!(locale, media_rules.jobs.choose_image_types).to_string()));
            }
            if let Some(t) = image_types.iter().find(|t| parse_image_type(t).is_none() && t.as_str() != "All") {
                return Err(("image_types", td_string!(locale, media_rules.jobs.bad_image_type, value = t).to_string()));
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

/// A job as `locale` reads it: its description and pace are written from the target,
/// and the items the console itself stopped say why in that language.
fn job_from_row(row: &sqlx::sqlite::SqliteRow, undo: Duration, locale: Locale) -> DeleteJob {
    let execute_at: i64 = row.get("execute_at");
    let report: Option<String> = row.get("report");
    let target: Option<DeleteTarget> = serde_json::from_str(row.get::<String, _>("target").as_str()).ok();
    let retry_tab = match target {
        Some(DeleteTarget::Ids { kind, .. }) => Some(kind),
        _ => None,
    };
    let pace = target.as_ref().and_then(|t| t.pace(locale));
    // The stored description is the one written when the job was queued; the target
    // gives it in the reader's language.
    let description = match &target {
        Some(t) => t.describe(locale),
        None => row.get("description"),
    };
    let mut report: Option<BulkReport> = report.and_then(|r| serde_json::from_str(&r).ok());
    if let Some(r) = report.as_mut() {
        localize_console_items(r, locale);
    }
    DeleteJob {
        pace,
        id: row.get("id"),
        description,
        count: row.get::<i64, _>("item_count") as usize,
        state: JobState::parse(row.get::<String, _>("state").as_str()),
        ms_left: (execute_at - now_ms()).max(0) as u64,
        undo_seconds: undo.as_secs(),
        report,
        retry_tab,
    }
}

/// The console's own item codes (not VOD's): a batch refused because its author may no
/// longer delete, and a job a stopped server left running.
const CODE_CANCELLED: &str = "Cancelled";
const CODE_INTERRUPTED: &str = "Interrupted";

/// Why a batch was cancelled when its author may no longer delete.
pub fn author_may_not_delete(locale: Locale) -> &'static str {
    td_string!(locale, media_rules.jobs.author_may_not_delete)
}

fn interrupted(locale: Locale) -> &'static str {
    td_string!(locale, media_rules.jobs.interrupted)
}

/// Rewrites the messages of items the console itself stopped (codes `Cancelled`,
/// `Interrupted`) in `locale`; VOD's codes and messages are left as VOD sent them.
fn localize_console_items(report: &mut BulkReport, locale: Locale) {
    for item in &mut report.items {
        let message = match item.code.as_deref() {
            Some(CODE_CANCELLED) => author_may_not_delete(locale),
            Some(CODE_INTERRUPTED) => interrupted(locale),
            _ => continue,
        };
        item.message = Some(message.to_string());
    }
}

/// The language a background job writes in for `username`: the one stored on the
/// account (chosen with the language switch), else the default.
async fn author_locale(pool: &SqlitePool, username: &str) -> Locale {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT lang FROM users WHERE username = ?")
        .bind(username)
        .fetch_optional(pool)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "could not read a delete author's language");
            None
        });
    row.and_then(|(lang,)| lang).as_deref().and_then(crate::model::prefs::parse_locale).unwrap_or_default()
}

/// Queues `target` to run after the undo window and arms its timer. `locale` is the
/// language of the person queueing it (the stored description, the job returned).
pub async fn schedule(
    state: &AppState,
    username: &str,
    target: DeleteTarget,
    labels: Vec<(String, String)>,
    locale: Locale,
) -> Result<DeleteJob, sqlx::Error> {
    let undo = state.settings.undo_window;
    let execute_at = now_ms() + undo.as_millis() as i64;
    let id: i64 = sqlx::query(
        "INSERT INTO delete_jobs (username, target, description, item_count, labels, created_at, execute_at, state) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending') RETURNING id",
    )
    .bind(username)
    .bind(serde_json::to_string(&target).unwrap_or_default())
    .bind(target.describe(locale))
    .bind(target.count() as i64)
    .bind(serde_json::to_string(&labels).unwrap_or_default())
    .bind(now_rfc3339())
    .bind(execute_at)
    .fetch_one(&state.db)
    .await?
    .get("id");
    arm(state.clone(), id, execute_at);
    get(&state.db, id, undo, locale).await.map(|j| j.expect("the job was just inserted"))
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
    // Nobody's request: what the job writes (item messages, the activity log's detail)
    // is in the language stored on the author's account.
    let locale = author_locale(&state.db, &username).await;
    let gate = AuthorGate { state: state.clone(), username: username.clone(), permission: target.permission(), locale };
    let mut report = execute(&client, &target, &gate).await;
    report.label_with(|id| labels.iter().find(|(i, _)| i == id).map(|(_, l)| l.clone()));
    finish(state, id, &username, &target, &report, locale).await;
}

async fn finish(state: &AppState, id: i64, username: &str, target: &DeleteTarget, report: &BulkReport, locale: Locale) {
    if let Err(e) = sqlx::query("UPDATE delete_jobs SET state = 'done', report = ? WHERE id = ?")
        .bind(serde_json::to_string(report).unwrap_or_default())
        .bind(id)
        .execute(&state.db)
        .await
    {
        tracing::error!(error = %e, job = id, "could not store a delete report");
    }
    crate::ssr::activity::change(username, target.permission()).report(report).detail(target.describe(locale)).record(&state.db).await;
}

/// What a queued delete re-checks before each batch: it can wait up to an hour, and its
/// author may meanwhile have been disabled or lost the permission.
pub struct AuthorGate {
    pub state: AppState,
    pub username: String,
    pub permission: Permission,
    /// The language of the reason given for a cancelled batch.
    pub locale: Locale,
}

impl media_delete::BatchGate for AuthorGate {
    async fn check(&self) -> Result<(), String> {
        let account = crate::ssr::accounts::find_for_login(&self.state.db, &self.username).await.map_err(|e| {
            tracing::error!(error = %e, "could not re-check a delete's author");
            author_may_not_delete(self.locale).to_string()
        })?;
        match account {
            Some((a, _)) if !a.disabled && a.role.allows(self.permission) => Ok(()),
            _ => {
                tracing::warn!(user = %self.username, permission = %self.permission, "queued delete batch cancelled");
                Err(author_may_not_delete(self.locale).to_string())
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

/// Job `id` as `locale` reads it.
pub async fn get(pool: &SqlitePool, id: i64, undo: Duration, locale: Locale) -> Result<Option<DeleteJob>, sqlx::Error> {
    let row = sqlx::query("SELECT id, description, item_count, state, execute_at, report, target FROM delete_jobs WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| job_from_row(&r, undo, locale)))
}

/// The job's owner, for the "only the person who queued it (or an admin)" check.
pub async fn owner(pool: &SqlitePool, id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(sqlx::query("SELECT username FROM delete_jobs WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| r.get("username")))
}

/// The person's jobs that are pending or running, or finished in the last 10 minutes,
/// as `locale` reads them.
pub async fn recent(pool: &SqlitePool, username: &str, undo: Duration, locale: Locale) -> Result<Vec<DeleteJob>, sqlx::Error> {
    let since = now_ms() - 10 * 60 * 1000;
    let rows = sqlx::query(
        "SELECT id, description, item_count, state, execute_at, report, target FROM delete_jobs \
         WHERE username = ? AND (state IN ('pending', 'running') OR execute_at >= ?) ORDER BY id DESC LIMIT 10",
    )
    .bind(username)
    .bind(since)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| job_from_row(r, undo, locale)).collect())
}

/// Cancels a pending job. `Ok(false)`: too late, it has started or finished. The
/// activity log's detail is written in `locale`.
pub async fn cancel(state: &AppState, id: i64, username: &str, locale: Locale) -> Result<bool, sqlx::Error> {
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
        let what = target.describe(locale);
        let detail = td_string!(locale, media_rules.jobs.undone, what = &what).to_string();
        crate::ssr::activity::change(username, "console:UndoDelete").targets(targets).detail(detail).record(&state.db).await;
    }
    Ok(true)
}

/// At start-up: re-arms pending jobs and closes jobs a stopped server left running.
pub async fn resume(state: &AppState) -> Result<(), sqlx::Error> {
    let pending = sqlx::query("SELECT id, execute_at FROM delete_jobs WHERE state = 'pending'").fetch_all(&state.db).await?;
    for row in pending {
        arm(state.clone(), row.get("id"), row.get("execute_at"));
    }
    let cut_off = sqlx::query("SELECT id, username, target FROM delete_jobs WHERE state = 'running'").fetch_all(&state.db).await?;
    for row in cut_off {
        let id: i64 = row.get("id");
        let username: String = row.get("username");
        let Ok(target) = serde_json::from_str::<DeleteTarget>(row.get::<String, _>("target").as_str()) else { continue };
        let ids: Vec<String> = match &target {
            DeleteTarget::Ids { ids, .. } => ids.clone(),
            DeleteTarget::ImageUrls { urls } => urls.clone(),
            DeleteTarget::VideoImages { video_id, .. } => vec![video_id.clone()],
        };
        let locale = author_locale(&state.db, &username).await;
        let message = interrupted(locale);
        let report = BulkReport {
            done_word: "deleted".into(),
            items: ids
                .into_iter()
                .map(|i| ItemResult::with(i, Outcome::Failed, Some(CODE_INTERRUPTED.into()), Some(message.to_string()), None))
                .collect(),
        };
        finish(state, id, &username, &target, &report, locale).await;
    }
    Ok(())
}

/// A stored job's media kind: `video`, `image` or `attached`.
mod stored_kind {
    use super::MediaKind;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(kind: &MediaKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match kind {
            MediaKind::Video => "video",
            MediaKind::Image => "image",
            MediaKind::Attached => "attached",
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<MediaKind, D::Error> {
        match String::deserialize(d)?.as_str() {
            "video" => Ok(MediaKind::Video),
            "image" => Ok(MediaKind::Image),
            "attached" => Ok(MediaKind::Attached),
            other => Err(serde::de::Error::custom(format!("unknown stored media kind `{other}`"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_described_and_checked_in_the_reader_language() {
        let videos = DeleteTarget::Ids { kind: MediaKind::Video, ids: vec!["a1".into(), "b2".into()] };
        assert_eq!(videos.describe(Locale::en), "2 videos");
        assert_eq!(videos.describe(Locale::zh), "2 个视频");
        let urls = DeleteTarget::ImageUrls { urls: vec!["https://x/1.png".into()] };
        assert_eq!(urls.describe(Locale::en), "1 image URL");
        let snaps = DeleteTarget::VideoImages {
            video_id: "v1".into(),
            image_types: vec!["CoverSnapshot".into(), "NormalSnapshot".into()],
        };
        assert_eq!(snaps.describe(Locale::en), "cover snapshots, normal snapshots of video v1");
        assert_eq!(snaps.describe(Locale::zh), "视频 v1 的封面截图、普通截图");

        let bad = DeleteTarget::ImageUrls { urls: vec!["ftp://x".into()] };
        assert_eq!(validate(&bad, Locale::en).unwrap_err(), ("urls", "Line 1 is not an http(s) URL.".to_string()));
        assert_eq!(validate(&bad, Locale::zh).unwrap_err().1, "第 1 行不是 http(s) URL。");
        let none = DeleteTarget::Ids { kind: MediaKind::Image, ids: vec![" ".into()] };
        assert_eq!(validate(&none, Locale::en).unwrap_err().0, "ids");
    }

    #[test]
    fn items_the_console_stopped_are_told_in_the_reader_language() {
        let mut report = BulkReport::new("deleted");
        report.items.extend(media_delete::refused_batch(&["a1".to_string()], author_may_not_delete(Locale::en)));
        report.items.push(ItemResult::with("b2", Outcome::NotFound, Some("InvalidVideo.NotExist".into()), Some("VOD's own".into()), None));
        localize_console_items(&mut report, Locale::zh);
        assert_eq!(report.items[0].message.as_deref(), Some("已取消：提交者已无权删除"));
        assert_eq!(report.items[1].message.as_deref(), Some("VOD's own"), "VOD's messages stay as sent");
        localize_console_items(&mut report, Locale::en);
        assert_eq!(report.items[0].message.as_deref(), Some("cancelled: the author may no longer delete"));
    }
}
