//! Business semantics of the implemented VOD actions.
//!
//! The gateway calls [`dispatch`] only after the request passed every gateway check
//! (signature, timestamp, nonce, QPS). `dispatch` validates the action's own
//! parameters exactly as VOD does and returns the response fields without `RequestId`.
//!
//! One module per console area: `media` (videos, playback), `search` (SearchMedia and
//! its Match language), `image`, `attached`, `category`, `template`, `upload` (upload
//! credentials, URL pull jobs, their statuses over time), `usage` (usage and playback
//! statistics, accelerated domains), `audit` (manual review, review security IPs, AI
//! moderation jobs and templates). Shared parameter rules (byte lengths and emoji from
//! `vod::text`, batch sizes, paging) live in `rules`, response builders in `render`.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::ApiError;
use crate::store::{self, StoreError};

pub mod attached;
pub mod audit;
pub mod category;
pub mod image;
pub mod media;
pub mod render;
pub mod rules;
pub mod search;
pub mod template;
pub mod transcode;
pub mod upload;
pub mod usage;
pub mod vod_template;
pub mod watermark;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

/// An authenticated request, reduced to what the business logic needs.
#[derive(Debug, Clone)]
pub struct ActionRequest {
    pub action: String,
    /// Every request parameter (common ones included), decoded.
    pub params: BTreeMap<String, String>,
    /// Base URL under which this emulator serves media, e.g. `http://127.0.0.1:9000`.
    pub base_url: String,
    /// The caller's address as the gateway saw it (review security IPs decide who may
    /// play videos under review).
    pub client_ip: Option<std::net::IpAddr>,
}

impl ActionRequest {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Persistent business state (SQLite under the data dir).
#[derive(Clone)]
pub struct Backend {
    pub pool: sqlx::SqlitePool,
    /// Root of the persistent state: the database and uploaded files.
    pub data_dir: PathBuf,
    /// Added to the wall clock; lets tests fast-forward asynchronous work.
    clock_offset_ms: Arc<AtomicI64>,
    /// Writers (read-modify-write actions, upload completion, due-job processing) hold
    /// it exclusively (the store has no row locking); read-only actions share it.
    write_lock: Arc<tokio::sync::RwLock<()>>,
    /// Bumped whenever a writer releases the lock; tags the decoded-table cache.
    generation: Arc<AtomicU64>,
    /// Set while a writer holds the lock: the writer reads the store directly.
    writing: Arc<AtomicBool>,
    /// Decoded whole tables (`Arc<Vec<T>>` by table name), valid for one generation.
    tables: Arc<Mutex<TableCache>>,
    /// Loopback `host:port` pairs URL pulls really fetch from (see `EmulatorConfig`).
    pull_allow: Arc<std::sync::RwLock<Vec<(String, u16)>>>,
}

/// Decoded tables by name: (generation, `Arc<Vec<T>>`).
type TableCache = HashMap<&'static str, (u64, Arc<dyn Any + Send + Sync>)>;

/// Exclusive access to the business state. Dropping it invalidates the table cache,
/// so a reader never sees rows older than the last write.
pub(crate) struct WriteGuard<'a> {
    _guard: tokio::sync::RwLockWriteGuard<'a, ()>,
    generation: &'a AtomicU64,
    writing: &'a AtomicBool,
}

impl Drop for WriteGuard<'_> {
    fn drop(&mut self) {
        // Runs before `_guard` is released: no reader can run in between.
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.writing.store(false, Ordering::SeqCst);
    }
}

impl Backend {
    /// Lets URL pulls really fetch from `host:port` (a loopback address).
    pub fn allow_pull(&self, host: &str, port: u16) {
        let host = if host == "localhost" { "127.0.0.1" } else { host };
        self.pull_allow.write().unwrap_or_else(|p| p.into_inner()).push((host.to_ascii_lowercase(), port));
    }

    /// Whether a URL pull from `host:port` is really fetched.
    pub fn may_fetch(&self, host: &str, port: u16) -> bool {
        let host = if host == "localhost" { "127.0.0.1" } else { host };
        self.pull_allow.read().unwrap_or_else(|p| p.into_inner()).iter().any(|(h, p)| h == host && *p == port)
    }

    /// Opens the state under `data_dir`; builds the demo data set when the database is
    /// new or `reset` is set.
    pub async fn open(data_dir: &Path, reset: bool) -> Result<Backend, StoreError> {
        Self::open_with(data_dir, reset, crate::demo::Extras::default()).await
    }

    /// [`Backend::open`], adding `extras` to the demo data set when it is built (they
    /// are ignored when the database already holds data).
    pub async fn open_with(
        data_dir: &Path,
        reset: bool,
        extras: crate::demo::Extras,
    ) -> Result<Backend, StoreError> {
        let (pool, fresh) = store::open(data_dir, reset).await?;
        if reset && data_dir.join("objects").exists() {
            std::fs::remove_dir_all(data_dir.join("objects"))?;
        }
        std::fs::create_dir_all(data_dir.join("objects"))?;
        let backend = Backend {
            pool,
            data_dir: data_dir.to_path_buf(),
            clock_offset_ms: Arc::new(AtomicI64::new(0)),
            write_lock: Arc::new(tokio::sync::RwLock::new(())),
            generation: Arc::new(AtomicU64::new(0)),
            writing: Arc::new(AtomicBool::new(false)),
            tables: Arc::new(Mutex::new(HashMap::new())),
            pull_allow: Arc::default(),
        };
        if fresh {
            crate::demo::seed(&backend, extras).await?;
            store::set_meta(&backend.pool, "seeded", "1").await?;
        } else {
            crate::demo::ensure_template_groups(&backend).await?;
            crate::demo::ensure_watermarks(&backend).await?;
            crate::demo::ensure_vod_templates(&backend).await?;
            crate::demo::ensure_review(&backend).await?;
            if extras != crate::demo::Extras::default() {
                tracing::warn!(
                    ?extras,
                    "extra media are only added when the data set is built (fresh data directory or --reset)"
                );
            }
        }
        Ok(backend)
    }

    /// Current time in unix milliseconds (wall clock plus the test offset).
    pub fn now_ms(&self) -> i64 {
        let wall = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        wall + self.clock_offset_ms.load(Ordering::Relaxed)
    }

    pub fn now(&self) -> i64 {
        self.now_ms() / 1000
    }

    /// Moves the clock forward (tests: let uploads and pull jobs finish).
    pub fn advance_clock(&self, seconds: i64) {
        self.clock_offset_ms
            .fetch_add(seconds * 1000, Ordering::Relaxed);
    }

    /// Where uploaded bytes live.
    pub fn objects_dir(&self) -> PathBuf {
        self.data_dir.join("objects")
    }

    /// Exclusive access, for anything that writes.
    pub(crate) async fn lock(&self) -> WriteGuard<'_> {
        let guard = self.write_lock.write().await;
        self.writing.store(true, Ordering::SeqCst);
        WriteGuard {
            _guard: guard,
            generation: &self.generation,
            writing: &self.writing,
        }
    }

    /// Shared access, for read-only actions.
    pub(crate) async fn read_lock(&self) -> tokio::sync::RwLockReadGuard<'_, ()> {
        self.write_lock.read().await
    }

    /// Every row of `T`'s table in store order (`ord`, `id`), decoded once per
    /// generation and shared by readers until the next write. Call with the lock held;
    /// under the exclusive lock the table is read from the store (the writer may have
    /// changed it since).
    pub(crate) async fn all<T>(&self) -> Result<Arc<Vec<T>>, StoreError>
    where
        T: store::Doc + Send + Sync + 'static,
    {
        if self.writing.load(Ordering::SeqCst) {
            return Ok(Arc::new(store::load_all::<T>(&self.pool).await?));
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let cached = self
            .tables
            .lock()
            .expect("table cache lock")
            .get(T::TABLE)
            .filter(|(g, _)| *g == generation)
            .map(|(_, rows)| rows.clone());
        if let Some(rows) = cached.and_then(|rows| rows.downcast::<Vec<T>>().ok()) {
            return Ok(rows);
        }
        let rows = Arc::new(store::load_all::<T>(&self.pool).await?);
        self.tables
            .lock()
            .expect("table cache lock")
            .insert(T::TABLE, (generation, rows.clone()));
        Ok(rows)
    }
}

/// One served action: its name and whether it only reads (from the client's action
/// table, [`vod::spec`], at compile time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Served {
    pub name: &'static str,
    pub read_only: bool,
}

/// The actions the emulator serves, declared once: the list (`SERVED`, `ACTIONS`), the
/// dispatch and, through the client's action table ([`vod::spec`]), which of them only
/// read and their QPS limits. Adding an action here is one line; `vod-emulator
/// --list-actions` prints this list and the conformance suite enumerates it.
macro_rules! served {
    ($($name:ident => $handler:path),* $(,)?) => {
        /// Every implemented action with its read-only flag, in declaration order.
        pub const SERVED: &[Served] = &[$(Served {
            name: stringify!($name),
            // A served action missing from the client's table does not build.
            read_only: vod::spec::of(stringify!($name)).read_only,
        }),*];

        /// Every implemented action's name.
        pub const ACTIONS: &[&str] = &[$(stringify!($name)),*];

        async fn run(backend: &Backend, req: &ActionRequest) -> Result<serde_json::Value, ApiError> {
            match req.action.as_str() {
                $(stringify!($name) => $handler(backend, req).await,)*
                _ => Err(not_served(&req.action)),
            }
        }
    };
}

served! {
    SearchMedia => search::search_media,
    GetVideoList => media::get_video_list,
    GetVideoInfo => media::get_video_info,
    GetVideoInfos => media::get_video_infos,
    UpdateVideoInfo => media::update_video_info,
    UpdateVideoInfos => media::update_video_infos,
    DeleteVideo => media::delete_video,
    GetMezzanineInfo => media::get_mezzanine_info,
    GetPlayInfo => media::get_play_info,
    GetVideoPlayAuth => media::get_video_play_auth,
    ListSnapshots => image::list_snapshots,
    GetImageInfo => image::get_image_info,
    GetImageInfos => image::get_image_infos,
    UpdateImageInfos => image::update_image_infos,
    DeleteImage => image::delete_image,
    GetAttachedMediaInfo => attached::get_attached_media_info,
    UpdateAttachedMediaInfos => attached::update_attached_media_infos,
    DeleteAttachedMedia => attached::delete_attached_media,
    GetCategories => category::get_categories,
    AddCategory => category::add_category,
    UpdateCategory => category::update_category,
    DeleteCategory => category::delete_category,
    CreateUploadVideo => upload::create_upload_video,
    RefreshUploadVideo => upload::refresh_upload_video,
    CreateUploadImage => upload::create_upload_image,
    UploadMediaByURL => upload::upload_media_by_url,
    GetURLUploadInfos => upload::get_url_upload_infos,
    GetUploadDetails => upload::get_upload_details,
    CreateUploadAttachedMedia => upload::create_upload_attached_media,
    ListTranscodeTemplateGroup => template::list_transcode_template_group,
    GetTranscodeTemplateGroup => template::get_transcode_template_group,
    AddTranscodeTemplateGroup => template::add_transcode_template_group,
    UpdateTranscodeTemplateGroup => template::update_transcode_template_group,
    DeleteTranscodeTemplateGroup => template::delete_transcode_template_group,
    SetDefaultTranscodeTemplateGroup => template::set_default_transcode_template_group,
    SubmitTranscodeJobs => transcode::submit_transcode_jobs,
    GetTranscodeSummary => transcode::get_transcode_summary,
    ListTranscodeTask => transcode::list_transcode_task,
    GetTranscodeTask => transcode::get_transcode_task,
    AddVodTemplate => vod_template::add_vod_template,
    UpdateVodTemplate => vod_template::update_vod_template,
    DeleteVodTemplate => vod_template::delete_vod_template,
    GetVodTemplate => vod_template::get_vod_template,
    ListVodTemplate => vod_template::list_vod_template,
    ListWatermark => watermark::list_watermark,
    GetWatermark => watermark::get_watermark,
    AddWatermark => watermark::add_watermark,
    UpdateWatermark => watermark::update_watermark,
    DeleteWatermark => watermark::delete_watermark,
    SetDefaultWatermark => watermark::set_default_watermark,
    DescribeVodStorageData => usage::describe_vod_storage_data,
    DescribeVodTranscodeData => usage::describe_vod_transcode_data,
    DescribeVodDomainUsageData => usage::describe_vod_domain_usage_data,
    DescribeVodDomainTrafficData => usage::describe_vod_domain_traffic_data,
    DescribeVodDomainBpsData => usage::describe_vod_domain_bps_data,
    DescribeVodAIData => usage::describe_vod_ai_data,
    DescribePlayTopVideos => usage::describe_play_top_videos,
    DescribePlayUserAvg => usage::describe_play_user_avg,
    DescribePlayUserTotal => usage::describe_play_user_total,
    DescribePlayVideoStatis => usage::describe_play_video_statis,
    DescribeVodUserDomains => usage::describe_vod_user_domains,
    CreateAudit => audit::create_audit,
    GetAuditHistory => audit::get_audit_history,
    SetAuditSecurityIp => audit::set_audit_security_ip,
    ListAuditSecurityIp => audit::list_audit_security_ip,
    SubmitAIMediaAuditJob => audit::submit_ai_media_audit_job,
    GetAIMediaAuditJob => audit::get_ai_media_audit_job,
    GetMediaAuditResult => audit::get_media_audit_result,
    GetMediaAuditResultDetail => audit::get_media_audit_result_detail,
    GetMediaAuditResultTimeline => audit::get_media_audit_result_timeline,
    GetMediaAuditAudioResultDetail => audit::get_media_audit_audio_result_detail,
    SubmitAIImageAuditJob => audit::submit_ai_image_audit_job,
    AddAITemplate => audit::add_ai_template,
    UpdateAITemplate => audit::update_ai_template,
    DeleteAITemplate => audit::delete_ai_template,
    GetAITemplate => audit::get_ai_template,
    ListAITemplate => audit::list_ai_template,
    SetDefaultAITemplate => audit::set_default_ai_template,
    GetDefaultAITemplate => audit::get_default_ai_template,
}

/// The served action named `action`, if any.
pub fn served(action: &str) -> Option<&'static Served> {
    SERVED.iter().find(|s| s.name == action)
}

/// Whether `action` only reads the business state: such actions share the lock and may
/// run in parallel. (SearchMedia's scroll token is a fresh key of its own, not a
/// read-modify-write.) An action the emulator does not serve is not read-only.
pub fn is_read_only(action: &str) -> bool {
    served(action).is_some_and(|s| s.read_only)
}

/// Whether `action` is implemented.
pub fn is_known(action: &str) -> bool {
    served(action).is_some()
}

/// The answer to a VOD action the emulator does not serve (see [`crate::gateway`]):
/// distinct from a misspelt action's `InvalidAction.NotFound`, so a client knows the
/// name is right and the emulator is the limit.
pub fn not_served(action: &str) -> ApiError {
    ApiError::new(
        501,
        "Emulator.ActionNotImplemented",
        format!("The action {action} exists in ApsaraVideo VOD but this emulator does not implement it."),
    )
}

/// Runs one action.
pub async fn dispatch(
    backend: &Backend,
    req: &ActionRequest,
) -> Result<serde_json::Value, ApiError> {
    if is_read_only(&req.action) {
        let mut shared = backend.read_lock().await;
        // Due work (finished transcodes, pull jobs) is applied before the action, as
        // for writes, but only takes the exclusive lock when something is due.
        if upload::anything_due(backend).await? {
            drop(shared);
            {
                let _guard = backend.lock().await;
                upload::settle(backend).await?;
            }
            shared = backend.read_lock().await;
        }
        let result = run(backend, req).await;
        drop(shared);
        result
    } else {
        let _guard = backend.lock().await;
        upload::settle(backend).await?;
        run(backend, req).await
    }
}

/// A store failure is the service's fault: `InternalError`, details in the log.
impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "emulator store failure");
        ApiError::new(
            500,
            "InternalError",
            "The request processing has failed due to some unknown error.",
        )
    }
}
