//! Uploads: the action handlers' entry points (re-exported from the submodules below)
//! and what they share: the accepted file extensions, `StorageLocation` and `UserData`.
//!
//! - `credentials`: CreateUploadVideo, RefreshUploadVideo, CreateUploadImage and
//!   CreateUploadAttachedMedia, which
//!   hand out upload addresses and credentials for the emulator's own OSS-like target
//!   (see `crate::assets`).
//! - `url_pull`: UploadMediaByURL and GetURLUploadInfos, the URL pull jobs.
//! - `lifecycle`: how uploads and pull jobs move through their statuses over time
//!   (upload completion, scheduled changes, [`settle`]) and GetUploadDetails.

use serde_json::Value;

use super::ActionRequest;
use crate::demo;
use crate::error::ApiError;

mod credentials;
mod lifecycle;
mod url_pull;

pub use credentials::{
    create_upload_attached_media, create_upload_image, create_upload_video, refresh_upload_video, CREDENTIAL_TTL,
};
pub use lifecycle::{
    anything_due, complete_upload, get_upload_details, image_size, job_status, settle, PULL_MS,
    TRANSCODE_MS,
};
pub use url_pull::{get_url_upload_infos, split_url, upload_media_by_url, INFO_BATCH_MAX, URL_BATCH_MAX};

pub const VIDEO_EXTENSIONS: &[&str] = &[
    "3gp", "asf", "avi", "dat", "dv", "flv", "f4v", "gif", "m2t", "m3u8", "m4v", "mj2", "mjpeg",
    "mkv", "mov", "mp4", "mpe", "mpg", "mpeg", "mts", "ogg", "qt", "rm", "rmvb", "swf", "ts",
    "vob", "wmv", "webm",
];
pub const AUDIO_EXTENSIONS: &[&str] = &[
    "aac", "ac3", "acm", "amr", "ape", "caf", "flac", "m4a", "mp3", "ra", "wav", "wma",
];
pub const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "heic", "webp"];

fn extension(name: &str) -> Option<String> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let (_, ext) = file.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    (!ext.is_empty()).then_some(ext)
}

fn is_media_ext(ext: &str) -> bool {
    VIDEO_EXTENSIONS.contains(&ext) || AUDIO_EXTENSIONS.contains(&ext)
}

fn storage_location(req: &ActionRequest) -> Result<String, ApiError> {
    match req.param("StorageLocation") {
        None => Ok(demo::STORAGE_LOCATIONS[0].to_string()),
        Some(l) if demo::STORAGE_LOCATIONS.contains(&l) => Ok(l.to_string()),
        Some(_) => Err(ApiError::new(
            404,
            "InvalidStorage.NotFound",
            "The StorageLocation does not exist.",
        )),
    }
}

fn check_user_data(req: &ActionRequest) -> Result<Option<String>, ApiError> {
    match req.param("UserData") {
        None => Ok(None),
        Some(u) => match serde_json::from_str::<Value>(u) {
            Ok(Value::Object(_)) => Ok(Some(u.to_string())),
            _ => Err(ApiError::invalid("UserData", "It must be a JSON object.")),
        },
    }
}
