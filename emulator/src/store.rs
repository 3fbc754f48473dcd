//! SQLite persistence for the emulator's business state.
//!
//! Every entity (video, image, attached media, category, upload target, URL pull job)
//! is one row holding a JSON document plus the few columns the store itself needs
//! (primary key, creation order). The data set is small (hundreds to a few thousand
//! rows), so the actions load what they need and filter in Rust: the VOD query
//! semantics (Match expressions, byte-length rules, paging ceilings) live in
//! `actions`, not in SQL. This module knows nothing about VOD rules.

use std::path::Path;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

/// Name of the database file inside the data directory.
pub const DB_FILE: &str = "vod-emulator.db";

/// The document tables. Each has `(id TEXT PRIMARY KEY, ord INTEGER, doc TEXT)`.
pub const TABLES: &[&str] = &[
    "videos",
    "images",
    "attached",
    "categories",
    "uploads",
    "url_jobs",
    "template_groups",
    "watermarks",
    "vod_templates",
    "transcode_tasks",
    "audit_history",
    "security_ips",
    "ai_templates",
    "ai_jobs",
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("stored document is not valid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("data directory: {0}")]
    Io(#[from] std::io::Error),
}

/// Opens (creating if needed) the database under `data_dir`. With `reset` every table is
/// dropped first so that the caller rebuilds the demo data set. (The tables are dropped
/// rather than the files removed: a connection of an earlier pool that is still closing
/// deletes the WAL and shared-memory files by name when it goes, and would take a new
/// database's files with it.)
pub async fn open(data_dir: &Path, reset: bool) -> Result<(SqlitePool, bool), StoreError> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join(DB_FILE);
    let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL: a commit does not wait for fsync (only checkpoints do). The file
        // stays consistent after a crash; at worst the last writes before a power cut
        // are lost, which is fine for an emulator and keeps a 20-ID delete (20 commits)
        // from costing 20 disk flushes.
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(std::time::Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(opts)
        .await?;
    if reset {
        for table in TABLES.iter().copied().chain(["meta"]) {
            sqlx::query(&format!("DROP TABLE IF EXISTS {table}")).execute(&pool).await?;
        }
    }
    for table in TABLES {
        sqlx::query(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, doc TEXT NOT NULL)"
        ))
        .execute(&pool)
        .await?;
    }
    sqlx::query("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        .execute(&pool)
        .await?;
    let seeded = get_meta(&pool, "seeded").await?.is_some();
    Ok((pool, !seeded))
}

pub async fn get_meta(pool: &SqlitePool, key: &str) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| r.get::<String, _>(0)))
}

pub async fn set_meta(pool: &SqlitePool, key: &str, value: &str) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(pool)
        .await?;
    Ok(())
}

/// Every meta entry whose key starts with `prefix` (pending work queues).
pub async fn meta_with_prefix(
    pool: &SqlitePool,
    prefix: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let rows = sqlx::query(
        "SELECT key, value FROM meta WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
    )
    .bind(prefix)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
        .collect())
}

pub async fn delete_meta(pool: &SqlitePool, key: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM meta WHERE key = ?")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

/// Next value of a named counter (category IDs, ...), starting at `start`.
pub async fn next_counter(pool: &SqlitePool, name: &str, start: i64) -> Result<i64, StoreError> {
    let key = format!("counter:{name}");
    let current = get_meta(pool, &key)
        .await?
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(start - 1);
    let next = current + 1;
    set_meta(pool, &key, &next.to_string()).await?;
    Ok(next)
}

/// A stored document: anything with an ID and an ordering key (creation time).
pub trait Doc: Serialize + DeserializeOwned {
    const TABLE: &'static str;
    fn id(&self) -> String;
    fn ord(&self) -> i64;
}

pub async fn load_all<T: Doc>(pool: &SqlitePool) -> Result<Vec<T>, StoreError> {
    let rows = sqlx::query(&format!("SELECT doc FROM {} ORDER BY ord, id", T::TABLE))
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| Ok(serde_json::from_str(r.get::<&str, _>(0))?))
        .collect()
}

pub async fn get<T: Doc>(pool: &SqlitePool, id: &str) -> Result<Option<T>, StoreError> {
    let row = sqlx::query(&format!("SELECT doc FROM {} WHERE id = ?", T::TABLE))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    match row {
        Some(r) => Ok(Some(serde_json::from_str(r.get::<&str, _>(0))?)),
        None => Ok(None),
    }
}

pub async fn put<T: Doc>(pool: &SqlitePool, doc: &T) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO {} (id, ord, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET ord = excluded.ord, doc = excluded.doc",
        T::TABLE
    ))
    .bind(doc.id())
    .bind(doc.ord())
    .bind(serde_json::to_string(doc)?)
    .execute(pool)
    .await?;
    Ok(())
}

/// Writes many documents in one transaction (demo data, cascades).
pub async fn put_many<T: Doc>(pool: &SqlitePool, docs: &[T]) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    for doc in docs {
        sqlx::query(&format!(
            "INSERT INTO {} (id, ord, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET ord = excluded.ord, doc = excluded.doc",
            T::TABLE
        ))
        .bind(doc.id())
        .bind(doc.ord())
        .bind(serde_json::to_string(doc)?)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn delete<T: Doc>(pool: &SqlitePool, id: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!("DELETE FROM {} WHERE id = ?", T::TABLE))
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

/// A snapshot (frame grab) belonging to a video. URLs are built per request from the
/// emulator's base URL, so only the kind and index are stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    /// `CoverSnapshot`, `NormalSnapshot`, `SpriteSnapshot`, `SpriteOriginSnapshot`, `WebVttSnapshot`.
    pub kind: String,
    pub index: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Video {
    pub video_id: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub cate_id: Option<i64>,
    pub status: String,
    /// `video` or `audio`.
    pub media_type: String,
    pub duration: f64,
    pub size: i64,
    /// Unix seconds.
    pub creation_time: i64,
    pub modification_time: i64,
    pub storage_location: String,
    pub app_id: String,
    pub reference_id: Option<String>,
    /// A cover set with `CoverURL`; otherwise the generated cover when a cover snapshot exists.
    pub custom_cover_url: Option<String>,
    pub user_data: Option<String>,
    pub template_group_id: String,
    pub download_switch: String,
    pub storage_class: String,
    pub transcode_mode: String,
    pub media_source: String,
    pub preprocess_status: String,
    pub audit_status: String,
    pub file_name: String,
    pub width: i64,
    pub height: i64,
    pub fps: f64,
    pub bitrate: f64,
    /// Colour seed for the generated pictures.
    pub hue: u32,
    pub snapshots: Vec<Snapshot>,
    /// Relative path (under the data dir) of uploaded source bytes, if any.
    pub source_path: Option<String>,
    /// A pending automatic status change: (unix millis, new status).
    pub pending: Option<(i64, String)>,
    /// `FileSize` announced by CreateUploadVideo (upload progress).
    #[serde(default)]
    pub declared_size: Option<i64>,
    /// How the source arrived: `WebSDK` (upload target), `URL` (pull), `Console` (demo).
    #[serde(default)]
    pub upload_source: Option<String>,
}

impl Doc for Video {
    const TABLE: &'static str = "videos";
    fn id(&self) -> String {
        self.video_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Image {
    pub image_id: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub cate_id: Option<i64>,
    /// `default`, `cover` or `watermark`.
    pub image_type: String,
    pub status: String,
    pub creation_time: i64,
    pub modification_time: i64,
    pub storage_location: String,
    pub app_id: String,
    /// File extension (`png`, `jpg`, ...); generated pictures are SVG whatever this says.
    pub ext: String,
    pub width: i64,
    pub height: i64,
    pub file_size: i64,
    pub original_file_name: String,
    pub hue: u32,
    pub source_path: Option<String>,
    pub user_data: Option<String>,
}

impl Doc for Image {
    const TABLE: &'static str = "images";
    fn id(&self) -> String {
        self.image_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attached {
    pub media_id: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub cate_ids: Vec<i64>,
    /// `watermark`, `subtitle` or `material`.
    pub business_type: String,
    pub status: String,
    pub creation_time: i64,
    pub modification_time: i64,
    pub storage_location: String,
    pub app_id: String,
    pub ext: String,
    pub file_size: i64,
    pub hue: u32,
    /// The uploaded file (relative to the objects dir), once an upload completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_path: Option<String>,
}

impl Doc for Attached {
    const TABLE: &'static str = "attached";
    fn id(&self) -> String {
        self.media_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

/// A transcode template group. Its templates are not modelled yet; `outputs` stands in
/// for them: what the group's transcoding produces.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TemplateGroup {
    /// `VOD_NO_TRANSCODE` for the built-in group, otherwise 32 hexadecimal characters.
    pub group_id: String,
    pub name: String,
    pub app_id: String,
    /// The account default: used when an upload names no group.
    pub is_default: bool,
    /// Locked groups cannot be changed (the built-in group is always locked).
    pub locked: bool,
    pub creation_time: i64,
    pub modify_time: i64,
    /// One `(Format, Definition)` per transcoding template, e.g. `("m3u8", "HD")`. Empty
    /// for the no-transcode group: its videos play their original file.
    #[serde(default)]
    pub outputs: Vec<(String, String)>,
    /// The watermark IDs of each template, in the order of `outputs` (at most 4 each;
    /// `USER_DEFAULT_WATERMARK` for the account's default watermark).
    #[serde(default)]
    pub watermarks: Vec<Vec<String>>,
    /// The templates as VOD returns them, once the group was edited (empty: made from
    /// `outputs` and `watermarks`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<serde_json::Value>,
}

impl Doc for TemplateGroup {
    const TABLE: &'static str = "template_groups";
    fn id(&self) -> String {
        self.group_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

/// A transcoding task: one job per template of its group, each finishing `job_ms`
/// after the one before.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TranscodeTask {
    pub task_id: String,
    pub video_id: String,
    pub group_id: String,
    /// `Auto` (at upload) or `Manual` (SubmitTranscodeJobs).
    pub trigger: String,
    pub priority: i64,
    pub created_ms: i64,
    /// How long each job takes after the one before it.
    pub job_ms: i64,
    pub jobs: Vec<TranscodeJobSpec>,
}

/// What one job of a task produces.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TranscodeJobSpec {
    pub job_id: String,
    pub template_id: String,
    pub definition: String,
    pub format: String,
    pub width: i64,
    pub height: i64,
    /// Kbps.
    pub bitrate: i64,
    pub watermark_ids: Vec<String>,
}

impl Doc for TranscodeTask {
    const TABLE: &'static str = "transcode_tasks";
    fn id(&self) -> String {
        self.task_id.clone()
    }
    fn ord(&self) -> i64 {
        self.created_ms
    }
}

/// A snapshot (or animated-image) template.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VodTemplate {
    pub template_id: String,
    pub name: String,
    pub app_id: String,
    /// `Snapshot` or `DynamicImage`.
    pub kind: String,
    pub is_default: bool,
    /// `TemplateConfig`, as JSON.
    pub config: serde_json::Value,
    pub creation_time: i64,
    pub modify_time: i64,
}

impl Doc for VodTemplate {
    const TABLE: &'static str = "vod_templates";
    fn id(&self) -> String {
        self.template_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

/// A watermark template (image or text).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Watermark {
    pub watermark_id: String,
    pub name: String,
    pub app_id: String,
    /// `Image` or `Text`.
    pub kind: String,
    /// The account default, referenced as `USER_DEFAULT_WATERMARK`.
    pub is_default: bool,
    /// `WatermarkConfig`, as JSON.
    pub config: serde_json::Value,
    /// The image file's URL; empty for text.
    pub file_url: String,
    pub creation_time: i64,
}

impl Doc for Watermark {
    const TABLE: &'static str = "watermarks";
    fn id(&self) -> String {
        self.watermark_id.clone()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Category {
    pub cate_id: i64,
    pub cate_name: String,
    /// -1 for a top-level category.
    pub parent_id: i64,
    pub level: i64,
    /// `default` or `material`.
    pub cate_type: String,
    pub creation_time: i64,
}

impl Doc for Category {
    const TABLE: &'static str = "categories";
    fn id(&self) -> String {
        self.cate_id.to_string()
    }
    fn ord(&self) -> i64 {
        self.creation_time
    }
}

/// An upload target handed out by CreateUploadVideo / CreateUploadImage.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadTarget {
    /// Object key inside the bucket (`sv/.../{id}.mp4`).
    pub object: String,
    pub bucket: String,
    /// `video` or `image`.
    pub media_kind: String,
    pub media_id: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    /// Unix seconds.
    pub expires_at: i64,
    pub created_at: i64,
    pub completed: bool,
}

impl Doc for UploadTarget {
    const TABLE: &'static str = "uploads";
    fn id(&self) -> String {
        self.object.clone()
    }
    fn ord(&self) -> i64 {
        self.created_at
    }
}

/// A URL pull job (UploadMediaByURL).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UrlJob {
    pub job_id: String,
    pub upload_url: String,
    pub media_id: String,
    /// Unix millis.
    pub created_ms: i64,
    /// When the job reaches its final status (unix millis).
    pub done_ms: i64,
    /// `SUCCESS` or a failure status (`DOWNLOAD_FAIL`, `UPLOAD_FAIL`).
    pub outcome: String,
    pub error_code: String,
    pub error_message: String,
    pub file_size: i64,
    pub user_data: String,
    /// Whether the media record was already finalised.
    pub applied: bool,
}

impl Doc for UrlJob {
    const TABLE: &'static str = "url_jobs";
    fn id(&self) -> String {
        self.job_id.clone()
    }
    fn ord(&self) -> i64 {
        self.created_ms
    }
}
