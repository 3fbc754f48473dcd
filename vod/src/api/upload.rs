//! Upload actions: get (and refresh) an upload address and credential for a video or an
//! image, ask VOD to pull files from URLs, poll those pull jobs, and read upload progress. All creates here are not
//! idempotent: a blind retry can create a second media record.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ser_opt_string, ser_tags};
use crate::action::{Action, Params};
use crate::de;

crate::action! {
    /// Creates a video record; returns its VideoId with a Base64 JSON upload address and
    /// credential (valid 3000 s). Not idempotent.
    CreateUploadVideo -> CreateUploadVideoResponse [not_idempotent] {
        /// At most 128 bytes; no emoji.
        title: String => req "Title",
        /// Source file name with its extension.
        file_name: String => req "FileName",
        file_size: Option<i64> => opt "FileSize",
        description: Option<String> => opt "Description",
        cover_url: Option<String> => opt "CoverURL",
        cate_id: Option<i64> => opt "CateId",
        tags: Option<Vec<String>> => opt_list "Tags",
        template_group_id: Option<String> => opt "TemplateGroupId",
        workflow_id: Option<String> => opt "WorkflowId",
        storage_location: Option<String> => opt "StorageLocation",
        app_id: Option<String> => opt "AppId",
        reference_id: Option<String> => opt "ReferenceId",
        /// `UserData` JSON (callbacks, extensions).
        user_data: Option<Value> => opt_json "UserData",
    }
}

/// Upload address and credential for a new video.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateUploadVideoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    /// Base64-encoded JSON (`Endpoint`, `Bucket`, `FileName`).
    #[serde(deserialize_with = "de::string")]
    pub upload_address: String,
    /// Base64-encoded JSON STS credential. Treat as a secret.
    #[serde(deserialize_with = "de::string")]
    pub upload_auth: String,
}

/// Creates an image record; returns ImageId, ImageURL and an upload address/credential.
/// Image credentials cannot be refreshed: create again after 3000 s. Not idempotent.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateUploadImage {
    /// `ImageType`: default or cover.
    pub image_type: String,
    /// `ImageExt`: png (default), jpg, jpeg, gif, heic, webp.
    pub image_ext: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    pub cate_id: Option<i64>,
    pub storage_location: Option<String>,
    pub app_id: Option<String>,
    pub original_file_name: Option<String>,
    pub user_data: Option<Value>,
}

impl Default for CreateUploadImage {
    fn default() -> Self {
        Self {
            image_type: "default".to_string(),
            image_ext: None,
            title: None,
            description: None,
            tags: None,
            cate_id: None,
            storage_location: None,
            app_id: None,
            original_file_name: None,
            user_data: None,
        }
    }
}

/// Upload address and credential for a new image.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateUploadImageResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub image_id: String,
    #[serde(rename = "ImageURL", deserialize_with = "de::string")]
    pub image_url: String,
    #[serde(rename = "FileURL", deserialize_with = "de::string")]
    pub file_url: String,
    #[serde(deserialize_with = "de::string")]
    pub upload_address: String,
    /// Treat as a secret.
    #[serde(deserialize_with = "de::string")]
    pub upload_auth: String,
}

crate::action! {
    /// Creates an attached media record (a watermark image, a subtitle or a material)
    /// and returns its MediaId, its file's OSS URL (what AddWatermark's `FileUrl` takes)
    /// and an upload address and credential (valid 3000 s). Not idempotent.
    CreateUploadAttachedMedia -> CreateUploadAttachedMediaResponse [not_idempotent] {
        /// `watermark`, `subtitle` or `material`.
        business_type: String => req "BusinessType",
        /// Watermark: png, gif, apng, mov; subtitle: srt, ass, stl, ttml, vtt; material:
        /// jpg, gif, png, mp4, mat, zip.
        media_ext: Option<String> => opt "MediaExt",
        /// At most 128 bytes.
        title: Option<String> => opt "Title",
        file_name: Option<String> => opt "FileName",
        file_size: Option<i64> => opt "FileSize",
        description: Option<String> => opt "Description",
        tags: Option<Vec<String>> => opt_list "Tags",
        /// At most 5 category IDs.
        cate_ids: Option<Vec<String>> => opt_list "CateIds",
        storage_location: Option<String> => opt "StorageLocation",
        app_id: Option<String> => opt "AppId",
        user_data: Option<Value> => opt_json "UserData",
    }
}

/// Upload address and credential for a new attached media file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CreateUploadAttachedMediaResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    /// The file's OSS address, without authentication.
    #[serde(rename = "FileURL", deserialize_with = "de::string")]
    pub file_url: String,
    /// Where it plays or downloads from (CDN when one is configured).
    #[serde(rename = "MediaURL", deserialize_with = "de::string")]
    pub media_url: String,
    /// Base64-encoded JSON (`Endpoint`, `Bucket`, `FileName`).
    #[serde(deserialize_with = "de::string")]
    pub upload_address: String,
    /// Base64-encoded JSON STS credential. Treat as a secret.
    #[serde(deserialize_with = "de::string")]
    pub upload_auth: String,
}

impl Action for CreateUploadImage {
    const NAME: &'static str = "CreateUploadImage";
    const IDEMPOTENT: bool = false;
    type Response = CreateUploadImageResponse;
    fn params(&self) -> Vec<(&'static str, String)> {
        Params::new()
            .req("ImageType", &self.image_type)
            .opt("ImageExt", &self.image_ext)
            .opt("Title", &self.title)
            .opt("Description", &self.description)
            .opt_list("Tags", &self.tags)
            .opt("CateId", &self.cate_id)
            .opt("StorageLocation", &self.storage_location)
            .opt("AppId", &self.app_id)
            .opt("OriginalFileName", &self.original_file_name)
            .opt_json("UserData", &self.user_data)
            .finish()
    }
}

/// Per-URL metadata of UploadMediaByURL (`UploadMetadatas[]`). It applies only when
/// `source_url` equals one of the request's `upload_urls` exactly.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UploadMetadata {
    #[serde(rename = "SourceURL")]
    pub source_url: String,
    /// At most 128 bytes; no emoji.
    pub title: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_string"
    )]
    pub file_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "CoverURL", skip_serializing_if = "Option::is_none")]
    pub cover_url: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_string"
    )]
    pub cate_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_tags")]
    pub tags: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<String>,
    /// Used when the URL has no extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_extension: Option<String>,
}

crate::action! {
    /// Asks VOD to pull up to 20 files from public URLs. Asynchronous: poll
    /// [`GetURLUploadInfos`] with the returned job IDs. Not idempotent (use `session_id`
    /// to let VOD reject a repeat within 10 minutes).
    UploadMediaByURL -> UploadMediaByURLResponse [not_idempotent] {
        /// Each URL is URL-encoded, then comma-joined.
        upload_urls: Vec<String> => url_list "UploadURLs",
        upload_metadatas: Vec<UploadMetadata> => json_list "UploadMetadatas",
        template_group_id: Option<String> => opt "TemplateGroupId",
        workflow_id: Option<String> => opt "WorkflowId",
        storage_location: Option<String> => opt "StorageLocation",
        app_id: Option<String> => opt "AppId",
        /// Deduplication key, at most 50 characters `[A-Za-z0-9_-]`.
        session_id: Option<String> => opt "SessionId",
        user_data: Option<Value> => opt_json "UserData",
    }
}

/// One pull job.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadJob {
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
    #[serde(rename = "SourceURL", deserialize_with = "de::string")]
    pub source_url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadMediaByURLResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub upload_jobs: Vec<UploadJob>,
}

crate::action! {
    /// Status of URL pull jobs, by job IDs or by source URLs (at most 10; job IDs win).
    GetURLUploadInfos -> GetURLUploadInfosResponse {
        job_ids: Vec<String> => list "JobIds",
        /// Each URL is URL-encoded, then comma-joined.
        upload_urls: Vec<String> => url_list "UploadURLs",
    }
}

/// One pull job's state.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct URLUploadInfo {
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
    #[serde(rename = "UploadURL", deserialize_with = "de::string")]
    pub upload_url: String,
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    /// PENDING, PROCESSING, DOWNLOADING, DOWNLOAD_SUCCESS, DOWNLOAD_FAIL, UPLOADING,
    /// UPLOAD_SUCCESS, UPLOAD_FAIL, SUCCESS.
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::string")]
    pub error_code: String,
    #[serde(deserialize_with = "de::string")]
    pub error_message: String,
    /// Bytes (sent as a string).
    #[serde(deserialize_with = "de::int")]
    pub file_size: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub complete_time: String,
    #[serde(deserialize_with = "de::string")]
    pub user_data: String,
    #[serde(deserialize_with = "de::string")]
    pub registered_media_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetURLUploadInfosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(rename = "URLUploadInfoList", deserialize_with = "de::list")]
    pub url_upload_info_list: Vec<URLUploadInfo>,
    /// Job IDs or URLs that do not exist.
    #[serde(deserialize_with = "de::list")]
    pub non_exists: Vec<String>,
}

crate::action! {
    /// A fresh upload credential for an existing video (expired credential, or overwriting
    /// the source file). Repeating it only issues another credential.
    RefreshUploadVideo -> RefreshUploadVideoResponse {
        /// Sent when not empty.
        video_id: String => non_empty "VideoId",
        reference_id: Option<String> => opt "ReferenceId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct RefreshUploadVideoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub upload_address: String,
    /// Treat as a secret.
    #[serde(deserialize_with = "de::string")]
    pub upload_auth: String,
}

crate::action! {
    /// Upload progress of up to 20 videos (console and upload-SDK uploads).
    GetUploadDetails -> GetUploadDetailsResponse {
        media_ids: Vec<String> => req_list "MediaIds",
        /// `MediaType`: fixed `video` when sent.
        media_type: Option<String> => opt "MediaType",
    }
}

/// One upload's progress.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UploadDetail {
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::string")]
    pub upload_status: String,
    #[serde(deserialize_with = "de::int")]
    pub file_size: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub upload_size: Option<i64>,
    /// 0.0-1.0.
    #[serde(deserialize_with = "de::float")]
    pub upload_ratio: Option<f64>,
    #[serde(deserialize_with = "de::string")]
    pub upload_source: String,
    #[serde(rename = "UploadIP", deserialize_with = "de::string")]
    pub upload_ip: String,
    #[serde(deserialize_with = "de::string")]
    pub device_model: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
    #[serde(deserialize_with = "de::string")]
    pub completion_time: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetUploadDetailsResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub upload_details: Vec<UploadDetail>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_media_ids: Vec<String>,
    #[serde(deserialize_with = "de::list")]
    pub forbidden_media_ids: Vec<String>,
}

