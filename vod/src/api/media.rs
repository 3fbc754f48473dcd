//! Media library actions: search and list videos, read and edit them, delete them, read
//! the source file, playback URLs, play credentials and snapshots; attached media
//! (watermark files, subtitles, materials). Images are in `image`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{object_or_default, request_id_only, ser_tags};

use crate::de;

// ---------------------------------------------------------------------------------------
// Items

/// A video (or audio) as GetVideoInfo, GetVideoInfos, GetVideoList and SearchMedia return it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Video {
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(deserialize_with = "de::string")]
    pub description: String,
    /// Comma-separated tags, as VOD stores them.
    #[serde(deserialize_with = "de::string")]
    pub tags: String,
    /// Uploading, UploadFail, UploadSucc, Transcoding, TranscodeFail, Checking, Blocked, Normal, ProduceFail.
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::int")]
    pub cate_id: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub cate_name: String,
    #[serde(rename = "CoverURL", deserialize_with = "de::string")]
    pub cover_url: String,
    /// Seconds.
    #[serde(deserialize_with = "de::float")]
    pub duration: Option<f64>,
    /// Bytes of the source file.
    #[serde(deserialize_with = "de::int")]
    pub size: Option<i64>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
    /// Snapshot URLs (`Snapshots.Snapshot[]` in GetVideoInfo/GetVideoList, a bare array elsewhere).
    #[serde(deserialize_with = "de::snapshot_list")]
    pub snapshots: Vec<String>,
    #[serde(deserialize_with = "de::snapshot_list")]
    pub sprite_snapshots: Vec<String>,
    #[serde(deserialize_with = "de::string")]
    pub storage_location: String,
    #[serde(deserialize_with = "de::string")]
    pub storage_class: String,
    #[serde(deserialize_with = "de::string")]
    pub region_id: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    #[serde(deserialize_with = "de::string")]
    pub template_group_id: String,
    /// Final review result: Normal or Blocked.
    #[serde(deserialize_with = "de::string")]
    pub audit_status: String,
    #[serde(deserialize_with = "de::string")]
    pub download_switch: String,
    #[serde(deserialize_with = "de::string")]
    pub reference_id: String,
    #[serde(deserialize_with = "de::string")]
    pub user_data: String,
    #[serde(deserialize_with = "de::string")]
    pub custom_media_info: String,
    #[serde(deserialize_with = "de::string")]
    pub restore_status: String,
    #[serde(deserialize_with = "de::string")]
    pub restore_expiration: String,
    /// general, short_video, editing, live (SearchMedia).
    #[serde(deserialize_with = "de::string")]
    pub media_source: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_mode: String,
    #[serde(deserialize_with = "de::string")]
    pub preprocess_status: String,
}

/// An audio file in SearchMedia results.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Audio {
    #[serde(deserialize_with = "de::string")]
    pub audio_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(deserialize_with = "de::string")]
    pub description: String,
    #[serde(deserialize_with = "de::string")]
    pub tags: String,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::int")]
    pub cate_id: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub cate_name: String,
    #[serde(rename = "CoverURL", deserialize_with = "de::string")]
    pub cover_url: String,
    #[serde(deserialize_with = "de::float")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "de::int")]
    pub size: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
    #[serde(deserialize_with = "de::snapshot_list")]
    pub snapshots: Vec<String>,
    #[serde(deserialize_with = "de::snapshot_list")]
    pub sprite_snapshots: Vec<String>,
    #[serde(deserialize_with = "de::string")]
    pub storage_location: String,
    #[serde(deserialize_with = "de::string")]
    pub storage_class: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    #[serde(deserialize_with = "de::string")]
    pub download_switch: String,
    #[serde(deserialize_with = "de::string")]
    pub media_source: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_mode: String,
    #[serde(deserialize_with = "de::string")]
    pub preprocess_status: String,
    #[serde(deserialize_with = "de::string")]
    pub reference_id: String,
}

/// A category reference on an attached media asset.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CategoryRef {
    #[serde(deserialize_with = "de::int")]
    pub cate_id: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub cate_name: String,
    #[serde(deserialize_with = "de::int")]
    pub level: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub parent_id: Option<i64>,
}

/// An attached media asset (watermark, subtitle, material) in SearchMedia results.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AttachedMedia {
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(deserialize_with = "de::string")]
    pub description: String,
    #[serde(deserialize_with = "de::string")]
    pub tags: String,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    /// watermark, subtitle or material (SearchMedia).
    #[serde(deserialize_with = "de::string")]
    pub business_type: String,
    /// watermark, subtitle or material (GetAttachedMediaInfo).
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    #[serde(rename = "URL", deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::list")]
    pub categories: Vec<CategoryRef>,
    #[serde(deserialize_with = "de::string")]
    pub storage_location: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
}

/// One SearchMedia hit: exactly one of `video`, `audio`, `image`, `attached_media` is set,
/// according to `media_type`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Media {
    #[serde(deserialize_with = "de::string")]
    pub media_id: String,
    /// video, audio, image or attached.
    #[serde(deserialize_with = "de::string")]
    pub media_type: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::object")]
    pub video: Option<Video>,
    #[serde(deserialize_with = "de::object")]
    pub audio: Option<Audio>,
    #[serde(deserialize_with = "de::object")]
    pub image: Option<super::Image>,
    #[serde(deserialize_with = "de::object")]
    pub attached_media: Option<AttachedMedia>,
}

// ---------------------------------------------------------------------------------------
// SearchMedia

crate::action! {
    /// Full-text and filtered search over videos, audio, images and attached media. Plain
    /// paging reaches only the first 5,000 hits; pass the previous page's `ScrollToken` to go
    /// further (video and audio only, one sort field).
    SearchMedia -> SearchMediaResponse {
        /// `Match`: a search-protocol expression, e.g. `Title in ('a','b')`.
        match_expression: Option<String> => opt "Match",
        /// `SearchType`: video (default), audio, image, attached.
        search_type: Option<String> => opt "SearchType",
        /// `Fields`: extra fields to return.
        fields: Vec<String> => list "Fields",
        /// `SortBy`: `CreationTime:Desc` (default) or `CreationTime:Asc`.
        sort_by: Option<String> => opt "SortBy",
        page_no: Option<i64> => opt "PageNo",
        /// At most 100.
        page_size: Option<i64> => opt "PageSize",
        scroll_token: Option<String> => opt "ScrollToken",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SearchMediaResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::int")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub scroll_token: String,
    #[serde(deserialize_with = "de::list")]
    pub media_list: Vec<Media>,
}

// ---------------------------------------------------------------------------------------
// GetVideoList

crate::action! {
    /// Lists videos by status, category, creation-time window and storage location. Only
    /// the first 5,000 matches are reachable (`VideoListExceededMax`).
    GetVideoList -> GetVideoListResponse {
        /// Comma-separated statuses, e.g. `Normal` or `Normal,Blocked`.
        status: Option<String> => opt "Status",
        cate_id: Option<i64> => opt "CateId",
        /// UTC `yyyy-MM-ddTHH:mm:ssZ`, filters on CreationTime.
        start_time: Option<String> => opt "StartTime",
        end_time: Option<String> => opt "EndTime",
        storage_location: Option<String> => opt "StorageLocation",
        /// `CreationTime:Desc` (default) or `CreationTime:Asc`.
        sort_by: Option<String> => opt "SortBy",
        page_no: Option<i64> => opt "PageNo",
        /// At most 100.
        page_size: Option<i64> => opt "PageSize",
        /// At most 20 custom IDs.
        reference_ids: Vec<String> => list "ReferenceIds",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoListResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::int")]
    pub total: Option<i64>,
    /// `VideoList.Video[]` on the wire.
    #[serde(deserialize_with = "de::video_list")]
    pub video_list: Vec<Video>,
}

// ---------------------------------------------------------------------------------------
// GetVideoInfo / GetVideoInfos

crate::action! {
    /// One video's basic information. Give `video_id`, or `reference_id` instead.
    GetVideoInfo -> GetVideoInfoResponse {
        /// Sent when not empty.
        video_id: String => non_empty "VideoId",
        reference_id: Option<String> => opt "ReferenceId",
    }
}

impl GetVideoInfo {
    pub fn new(video_id: impl Into<String>) -> Self {
        Self {
            video_id: video_id.into(),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoInfoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub video: Video,
}

crate::action! {
    /// Up to 20 videos at once; unknown IDs come back in `non_exist_video_ids`, not as an error.
    GetVideoInfos -> GetVideoInfosResponse {
        video_ids: Vec<String> => list "VideoIds",
        reference_ids: Vec<String> => list "ReferenceIds",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoInfosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::video_list")]
    pub video_list: Vec<Video>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_video_ids: Vec<String>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_reference_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// UpdateVideoInfo / UpdateVideoInfos

crate::action! {
    /// Edits one video; fields left `None` stay unchanged. Title ≤ 128 bytes, Description ≤
    /// 1024 bytes, ≤ 16 tags of ≤ 32 bytes; no emoji.
    UpdateVideoInfo -> UpdateVideoInfoResponse {
        /// Sent when not empty.
        video_id: String => non_empty "VideoId",
        reference_id: Option<String> => opt "ReferenceId",
        title: Option<String> => opt "Title",
        description: Option<String> => opt "Description",
        /// Sent comma-joined when `Some` (an empty list sends an empty value).
        tags: Option<Vec<String>> => opt_list "Tags",
        cover_url: Option<String> => opt "CoverURL",
        cate_id: Option<i64> => opt "CateId",
        /// `UserData`, serialised to a JSON string.
        user_data: Option<Value> => opt_json "UserData",
    }
}

request_id_only! {
    /// UpdateVideoInfo answers only with its RequestId.
    UpdateVideoInfoResponse;
}

/// One element of UpdateVideoInfos' `UpdateContent`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VideoUpdate {
    pub video_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_tags",
        deserialize_with = "de_tags"
    )]
    pub tags: Option<Vec<String>>,
    #[serde(rename = "CoverURL", skip_serializing_if = "Option::is_none")]
    pub cover_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cate_id: Option<i64>,
}

pub(crate) fn de_tags<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<String>>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    Ok(s.map(|s| {
        s.split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }))
}

crate::action! {
    /// Edits up to 20 videos in one call (`CountExceededMax` beyond).
    UpdateVideoInfos -> UpdateVideoInfosResponse {
        update_content: Vec<VideoUpdate> => json "UpdateContent",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UpdateVideoInfosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_video_ids: Vec<String>,
    #[serde(deserialize_with = "de::list")]
    pub forbidden_video_ids: Vec<String>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_reference_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// DeleteVideo

crate::action! {
    /// Deletes up to 20 videos with their source, streams and snapshots. Irreversible.
    DeleteVideo -> DeleteVideoResponse {
        video_ids: Vec<String> => list "VideoIds",
        reference_ids: Vec<String> => list "ReferenceIds",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DeleteVideoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_video_ids: Vec<String>,
    #[serde(deserialize_with = "de::list")]
    pub forbidden_video_ids: Vec<String>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_reference_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// GetMezzanineInfo

crate::action! {
    /// The source (mezzanine) file of a video, optionally with per-stream metadata.
    GetMezzanineInfo -> GetMezzanineInfoResponse {
        /// Sent when not empty.
        video_id: String => non_empty "VideoId",
        reference_id: Option<String> => opt "ReferenceId",
        /// `AdditionType`: comma-separated `video`, `audio`.
        addition_type: Option<String> => opt "AdditionType",
        /// Seconds the signed FileURL stays valid.
        auth_timeout: Option<i64> => opt "AuthTimeout",
        /// oss or cdn (default).
        output_type: Option<String> => opt "OutputType",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetMezzanineInfoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub mezzanine: Mezzanine,
}

/// The source file of a video.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Mezzanine {
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub file_name: String,
    #[serde(rename = "FileURL", deserialize_with = "de::string")]
    pub file_url: String,
    #[serde(rename = "FileMD5", deserialize_with = "de::string")]
    pub file_md5: String,
    #[serde(deserialize_with = "de::int")]
    pub size: Option<i64>,
    /// Seconds (sent as a string).
    #[serde(deserialize_with = "de::float")]
    pub duration: Option<f64>,
    /// Kbps (sent as a string).
    #[serde(deserialize_with = "de::float")]
    pub bitrate: Option<f64>,
    #[serde(deserialize_with = "de::float")]
    pub fps: Option<f64>,
    #[serde(deserialize_with = "de::int")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::string")]
    pub output_type: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub preprocess_status: String,
    #[serde(deserialize_with = "de::string")]
    pub storage_class: String,
    #[serde(deserialize_with = "de::string")]
    pub restore_status: String,
    #[serde(deserialize_with = "de::string")]
    pub restore_expiration: String,
    #[serde(deserialize_with = "de::list")]
    pub video_stream_list: Vec<VideoStream>,
    #[serde(deserialize_with = "de::list")]
    pub audio_stream_list: Vec<AudioStream>,
}

/// A video stream of the source file; VOD sends every value as a string.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VideoStream {
    #[serde(deserialize_with = "de::string")]
    pub index: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_name: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_long_name: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_tag: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_tag_string: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_time_base: String,
    #[serde(deserialize_with = "de::string")]
    pub profile: String,
    #[serde(deserialize_with = "de::string")]
    pub level: String,
    #[serde(deserialize_with = "de::string")]
    pub width: String,
    #[serde(deserialize_with = "de::string")]
    pub height: String,
    #[serde(deserialize_with = "de::string")]
    pub bitrate: String,
    #[serde(deserialize_with = "de::string")]
    pub fps: String,
    #[serde(rename = "AvgFPS", deserialize_with = "de::string")]
    pub avg_fps: String,
    #[serde(deserialize_with = "de::string")]
    pub duration: String,
    #[serde(deserialize_with = "de::string")]
    pub num_frames: String,
    #[serde(deserialize_with = "de::string")]
    pub pix_fmt: String,
    #[serde(deserialize_with = "de::string")]
    pub sar: String,
    #[serde(deserialize_with = "de::string")]
    pub dar: String,
    #[serde(deserialize_with = "de::string")]
    pub rotate: String,
    #[serde(deserialize_with = "de::string")]
    pub has_b_frames: String,
    #[serde(rename = "HDRType", deserialize_with = "de::string")]
    pub hdr_type: String,
    #[serde(deserialize_with = "de::string")]
    pub lang: String,
    #[serde(deserialize_with = "de::string")]
    pub start_time: String,
    #[serde(deserialize_with = "de::string")]
    pub timebase: String,
}

/// An audio stream of the source file; VOD sends every value as a string.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AudioStream {
    #[serde(deserialize_with = "de::string")]
    pub index: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_name: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_long_name: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_tag: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_tag_string: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_time_base: String,
    #[serde(deserialize_with = "de::string")]
    pub bitrate: String,
    #[serde(deserialize_with = "de::string")]
    pub channels: String,
    #[serde(deserialize_with = "de::string")]
    pub channel_layout: String,
    #[serde(deserialize_with = "de::string")]
    pub sample_fmt: String,
    #[serde(deserialize_with = "de::string")]
    pub sample_rate: String,
    #[serde(deserialize_with = "de::string")]
    pub duration: String,
    #[serde(deserialize_with = "de::string")]
    pub num_frames: String,
    #[serde(deserialize_with = "de::string")]
    pub lang: String,
    #[serde(deserialize_with = "de::string")]
    pub start_time: String,
    #[serde(deserialize_with = "de::string")]
    pub timebase: String,
}

// ---------------------------------------------------------------------------------------
// GetPlayInfo

crate::action! {
    /// Playback URLs per definition/format for a video in `Normal` status.
    GetPlayInfo -> GetPlayInfoResponse {
        /// Sent when not empty.
        video_id: String => non_empty "VideoId",
        reference_id: Option<String> => opt "ReferenceId",
        /// `Formats`: mp4, m3u8, mp3, flv, mpd.
        formats: Vec<String> => list "Formats",
        /// `Definition`: FD, LD, SD, HD, OD, 2K, 4K, SQ, HQ, AUTO.
        definition: Vec<String> => list "Definition",
        /// `StreamType`: video, audio (comma-separated).
        stream_type: Option<String> => opt "StreamType",
        /// Seconds the URLs stay valid.
        auth_timeout: Option<i64> => opt "AuthTimeout",
        /// oss or cdn (default).
        output_type: Option<String> => opt "OutputType",
        /// Single (default) or Multiple.
        result_type: Option<String> => opt "ResultType",
        /// `AdditionType`: danmu.
        addition_type: Option<String> => opt "AdditionType",
        /// `PlayConfig` JSON.
        play_config: Option<Value> => opt_json "PlayConfig",
        /// `ReAuthInfo` JSON.
        re_auth_info: Option<Value> => opt_json "ReAuthInfo",
        digital_watermark_type: Option<String> => opt "DigitalWatermarkType",
        trace: Option<String> => opt "Trace",
        codec_name: Option<String> => opt "CodecName",
    }
}

impl GetPlayInfo {
    pub fn new(video_id: impl Into<String>) -> Self {
        Self {
            video_id: video_id.into(),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetPlayInfoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub video_base: VideoBase,
    /// `PlayInfoList.PlayInfo[]` on the wire.
    #[serde(deserialize_with = "de::play_info_list")]
    pub play_info_list: Vec<PlayInfo>,
}

/// Basic information about the played video.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VideoBase {
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(rename = "CoverURL", deserialize_with = "de::string")]
    pub cover_url: String,
    #[serde(deserialize_with = "de::float")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    /// video or audio.
    #[serde(deserialize_with = "de::string")]
    pub media_type: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(rename = "DanMuURL", deserialize_with = "de::string")]
    pub dan_mu_url: String,
    #[serde(deserialize_with = "de::string")]
    pub storage_class: String,
    #[serde(deserialize_with = "de::string")]
    pub transcode_mode: String,
    #[serde(deserialize_with = "de::string")]
    pub output_type: String,
}

/// One playable stream.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct PlayInfo {
    #[serde(rename = "PlayURL", deserialize_with = "de::string")]
    pub play_url: String,
    /// FD, LD, SD, HD, OD, 2K, 4K, SQ, HQ, AUTO.
    #[serde(deserialize_with = "de::string")]
    pub definition: String,
    /// mp4, m3u8, mp3, flv, mpd.
    #[serde(deserialize_with = "de::string")]
    pub format: String,
    /// video or audio.
    #[serde(deserialize_with = "de::string")]
    pub stream_type: String,
    /// Kbps.
    #[serde(deserialize_with = "de::float")]
    pub bitrate: Option<f64>,
    #[serde(deserialize_with = "de::float")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "de::float")]
    pub fps: Option<f64>,
    #[serde(deserialize_with = "de::int")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub height: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub size: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub bit_depth: Option<i64>,
    /// 0 = clear, 1 = encrypted.
    #[serde(deserialize_with = "de::int")]
    pub encrypt: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub encrypt_type: String,
    #[serde(deserialize_with = "de::string")]
    pub encrypt_mode: String,
    #[serde(deserialize_with = "de::string")]
    pub codec_name: String,
    #[serde(rename = "HDRType", deserialize_with = "de::string")]
    pub hdr_type: String,
    #[serde(deserialize_with = "de::string")]
    pub narrow_band_type: String,
    #[serde(deserialize_with = "de::string")]
    pub specification: String,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
    #[serde(deserialize_with = "de::int")]
    pub job_type: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub job_ext: String,
    #[serde(deserialize_with = "de::string")]
    pub watermark_id: String,
    #[serde(deserialize_with = "de::string")]
    pub preprocess_status: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
}

// ---------------------------------------------------------------------------------------
// ListSnapshots

crate::action! {
    /// The snapshots of the latest successful snapshot job of a video.
    ListSnapshots -> ListSnapshotsResponse {
        video_id: String => req "VideoId",
        /// CoverSnapshot (default), NormalSnapshot, SpriteSnapshot, SpriteOriginSnapshot, WebVttSnapshot.
        snapshot_type: Option<String> => opt "SnapshotType",
        /// Seconds, at least 3600.
        auth_timeout: Option<i64> => opt "AuthTimeout",
        page_no: Option<i64> => opt "PageNo",
        /// At most 100.
        page_size: Option<i64> => opt "PageSize",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListSnapshotsResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub media_snapshot: MediaSnapshot,
}

/// A snapshot job's output.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MediaSnapshot {
    #[serde(deserialize_with = "de::string")]
    pub job_id: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    /// URL pattern with `{SnapshotCount}`.
    #[serde(deserialize_with = "de::string")]
    pub regular: String,
    #[serde(deserialize_with = "de::int")]
    pub total: Option<i64>,
    /// `Snapshots.Snapshot[]` on the wire.
    #[serde(deserialize_with = "de::snapshot_list")]
    pub snapshots: Vec<Snapshot>,
}

/// One snapshot image.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Snapshot {
    #[serde(deserialize_with = "de::int")]
    pub index: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub url: String,
}

// ---------------------------------------------------------------------------------------
// GetVideoPlayAuth

crate::action! {
    /// A short-lived playback credential for ApsaraVideo Player (100-3000 s, default 100).
    GetVideoPlayAuth -> GetVideoPlayAuthResponse {
        /// Sent when not empty.
        video_id: String => non_empty "VideoId",
        reference_id: Option<String> => opt "ReferenceId",
        /// Seconds, 100-3000.
        auth_info_timeout: Option<i64> => opt "AuthInfoTimeout",
        /// `ApiVersion`: fixed `1.0.0` when sent.
        api_version: Option<String> => opt "ApiVersion",
    }
}

impl GetVideoPlayAuth {
    pub fn new(video_id: impl Into<String>) -> Self {
        Self {
            video_id: video_id.into(),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetVideoPlayAuthResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// The credential itself: hand it to the player, do not log it.
    #[serde(deserialize_with = "de::string")]
    pub play_auth: String,
    #[serde(deserialize_with = "object_or_default")]
    pub video_meta: VideoMeta,
}

/// Basic metadata returned with a play credential.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VideoMeta {
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(rename = "CoverURL", deserialize_with = "de::string")]
    pub cover_url: String,
    #[serde(deserialize_with = "de::float")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "de::string")]
    pub status: String,
}

// ---------------------------------------------------------------------------------------
// Attached media: GetAttachedMediaInfo / UpdateAttachedMediaInfos / DeleteAttachedMedia

crate::action! {
    /// Up to 20 attached media assets (watermark images, subtitles, materials).
    GetAttachedMediaInfo -> GetAttachedMediaInfoResponse {
        media_ids: Vec<String> => req_list "MediaIds",
        auth_timeout: Option<i64> => opt "AuthTimeout",
        /// oss or cdn (default).
        output_type: Option<String> => opt "OutputType",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetAttachedMediaInfoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub attached_media_list: Vec<AttachedMedia>,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_media_ids: Vec<String>,
}

/// One element of UpdateAttachedMediaInfos' `UpdateContent`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedMediaUpdate {
    pub media_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_tags")]
    pub tags: Option<Vec<String>>,
    /// `CateIds`, comma-separated on the wire.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_ids")]
    pub cate_ids: Option<Vec<i64>>,
}

fn ser_ids<S: serde::Serializer>(ids: &Option<Vec<i64>>, s: S) -> Result<S::Ok, S::Error> {
    match ids {
        Some(ids) => s.serialize_str(&ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
        None => s.serialize_none(),
    }
}

crate::action! {
    /// Edits up to 20 attached media assets in one call.
    UpdateAttachedMediaInfos -> UpdateAttachedMediaInfosResponse {
        update_content: Vec<AttachedMediaUpdate> => json "UpdateContent",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UpdateAttachedMediaInfosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_media_ids: Vec<String>,
}

crate::action! {
    /// Deletes up to 20 attached media assets. Irreversible.
    DeleteAttachedMedia -> DeleteAttachedMediaResponse {
        media_ids: Vec<String> => req_list "MediaIds",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DeleteAttachedMediaResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub non_exist_media_ids: Vec<String>,
}

