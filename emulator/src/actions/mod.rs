//! Business semantics of the implemented VOD actions.
//!
//! The gateway calls [`dispatch`] only after the request passed every gateway check
//! (signature, timestamp, nonce, QPS). `dispatch` validates the action's own
//! parameters exactly as VOD does and returns the response fields without `RequestId`.
//!
//! One module per console area: `media` (videos, playback), `search` (SearchMedia and
//! its Match language), `image`, `attached`, `category`, `upload` (upload credentials,
//! URL pull jobs). Shared parameter rules (byte lengths, emoji, batch sizes, paging)
//! live in `rules`, response builders in `render`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::error::ApiError;
use crate::store::{self, StoreError};

pub mod attached;
pub mod category;
pub mod image;
pub mod media;
pub mod render;
pub mod rules;
pub mod search;
pub mod upload;

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
    /// Serialises read-modify-write actions (the store has no row locking).
    write_lock: Arc<tokio::sync::Mutex<()>>,
}

impl Backend {
    /// Opens the state under `data_dir`; builds the demo data set when the database is
    /// new or `reset` is set.
    pub async fn open(data_dir: &Path, reset: bool) -> Result<Backend, StoreError> {
        let (pool, fresh) = store::open(data_dir, reset).await?;
        if reset && data_dir.join("objects").exists() {
            std::fs::remove_dir_all(data_dir.join("objects"))?;
        }
        std::fs::create_dir_all(data_dir.join("objects"))?;
        let backend = Backend {
            pool,
            data_dir: data_dir.to_path_buf(),
            clock_offset_ms: Arc::new(AtomicI64::new(0)),
            write_lock: Arc::new(tokio::sync::Mutex::new(())),
        };
        if fresh {
            crate::demo::seed(&backend).await?;
            store::set_meta(&backend.pool, "seeded", "1").await?;
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

    pub(crate) async fn lock(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.write_lock.lock().await
    }
}

/// Every implemented action.
pub const ACTIONS: &[&str] = &[
    "SearchMedia",
    "GetVideoList",
    "GetVideoInfo",
    "GetVideoInfos",
    "UpdateVideoInfo",
    "UpdateVideoInfos",
    "DeleteVideo",
    "GetMezzanineInfo",
    "GetPlayInfo",
    "GetVideoPlayAuth",
    "ListSnapshots",
    "GetImageInfo",
    "GetImageInfos",
    "UpdateImageInfos",
    "DeleteImage",
    "GetAttachedMediaInfo",
    "UpdateAttachedMediaInfos",
    "DeleteAttachedMedia",
    "GetCategories",
    "AddCategory",
    "UpdateCategory",
    "DeleteCategory",
    "CreateUploadVideo",
    "RefreshUploadVideo",
    "CreateUploadImage",
    "UploadMediaByURL",
    "GetURLUploadInfos",
    "GetUploadDetails",
];

/// Whether `action` is implemented (an unknown action is `InvalidAction.NotFound`).
pub fn is_known(action: &str) -> bool {
    ACTIONS.contains(&action)
}

/// Runs one action.
pub async fn dispatch(
    backend: &Backend,
    req: &ActionRequest,
) -> Result<serde_json::Value, ApiError> {
    let _guard = backend.lock().await;
    upload::settle(backend).await?;
    match req.action.as_str() {
        "SearchMedia" => search::search_media(backend, req).await,
        "GetVideoList" => media::get_video_list(backend, req).await,
        "GetVideoInfo" => media::get_video_info(backend, req).await,
        "GetVideoInfos" => media::get_video_infos(backend, req).await,
        "UpdateVideoInfo" => media::update_video_info(backend, req).await,
        "UpdateVideoInfos" => media::update_video_infos(backend, req).await,
        "DeleteVideo" => media::delete_video(backend, req).await,
        "GetMezzanineInfo" => media::get_mezzanine_info(backend, req).await,
        "GetPlayInfo" => media::get_play_info(backend, req).await,
        "GetVideoPlayAuth" => media::get_video_play_auth(backend, req).await,
        "ListSnapshots" => image::list_snapshots(backend, req).await,
        "GetImageInfo" => image::get_image_info(backend, req).await,
        "GetImageInfos" => image::get_image_infos(backend, req).await,
        "UpdateImageInfos" => image::update_image_infos(backend, req).await,
        "DeleteImage" => image::delete_image(backend, req).await,
        "GetAttachedMediaInfo" => attached::get_attached_media_info(backend, req).await,
        "UpdateAttachedMediaInfos" => attached::update_attached_media_infos(backend, req).await,
        "DeleteAttachedMedia" => attached::delete_attached_media(backend, req).await,
        "GetCategories" => category::get_categories(backend, req).await,
        "AddCategory" => category::add_category(backend, req).await,
        "UpdateCategory" => category::update_category(backend, req).await,
        "DeleteCategory" => category::delete_category(backend, req).await,
        "CreateUploadVideo" => upload::create_upload_video(backend, req).await,
        "RefreshUploadVideo" => upload::refresh_upload_video(backend, req).await,
        "CreateUploadImage" => upload::create_upload_image(backend, req).await,
        "UploadMediaByURL" => upload::upload_media_by_url(backend, req).await,
        "GetURLUploadInfos" => upload::get_url_upload_infos(backend, req).await,
        "GetUploadDetails" => upload::get_upload_details(backend, req).await,
        _ => Err(ApiError::new(
            404,
            "InvalidAction.NotFound",
            format!(
                "Specified api is not found, please check your url and method. ({})",
                req.action
            ),
        )),
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
