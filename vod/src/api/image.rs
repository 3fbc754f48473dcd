//! Image library actions: read image metadata, edit images in batch, delete images
//! (by ID, by URL, or a video's snapshots). Uploading is in `upload`.

use serde::{Deserialize, Serialize};

use super::media::de_tags;
use super::{object_or_default, request_id_only, ser_tags};
use crate::action::{Action, Params};
use crate::de;

/// An image, as GetImageInfo, GetImageInfos and SearchMedia return it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Image {
    #[serde(deserialize_with = "de::string")]
    pub image_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(deserialize_with = "de::string")]
    pub description: String,
    #[serde(deserialize_with = "de::string")]
    pub tags: String,
    /// Uploading, Normal, UploadFail.
    #[serde(deserialize_with = "de::string")]
    pub status: String,
    /// default or cover (the older documentation also shows snapshot kinds): an open string.
    #[serde(deserialize_with = "de::string")]
    pub image_type: String,
    #[serde(deserialize_with = "de::int")]
    pub cate_id: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub cate_name: String,
    /// Access URL (signed when URL authentication is on).
    #[serde(rename = "URL", deserialize_with = "de::string")]
    pub url: String,
    #[serde(deserialize_with = "de::string")]
    pub storage_location: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modification_time: String,
    #[serde(deserialize_with = "de::object")]
    pub mezzanine: Option<ImageMezzanine>,
}

/// The stored image file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ImageMezzanine {
    #[serde(rename = "FileURL", deserialize_with = "de::string")]
    pub file_url: String,
    #[serde(deserialize_with = "de::string")]
    pub original_file_name: String,
    /// Bytes (sent as a string).
    #[serde(deserialize_with = "de::int")]
    pub file_size: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub width: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub height: Option<i64>,
}

// ---------------------------------------------------------------------------------------
// GetImageInfo / GetImageInfos

crate::action! {
    /// One image's metadata and access URL.
    GetImageInfo -> GetImageInfoResponse {
        image_id: String => req "ImageId",
        /// Seconds the URL stays valid.
        auth_timeout: Option<i64> => opt "AuthTimeout",
        /// oss or cdn (default).
        output_type: Option<String> => opt "OutputType",
    }
}

impl GetImageInfo {
    pub fn new(image_id: impl Into<String>) -> Self {
        Self {
            image_id: image_id.into(),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetImageInfoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub image_info: Image,
}

crate::action! {
    /// Up to 20 images at once; unknown IDs come back in `non_exist_image_ids`.
    GetImageInfos -> GetImageInfosResponse {
        image_ids: Vec<String> => req_list "ImageIds",
        auth_timeout: Option<i64> => opt "AuthTimeout",
        output_type: Option<String> => opt "OutputType",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetImageInfosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `ImageInfo[]` on the wire.
    #[serde(deserialize_with = "de::list")]
    pub image_info: Vec<Image>,
    #[serde(deserialize_with = "de::image_id_list")]
    pub non_exist_image_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// UpdateImageInfos

/// One element of UpdateImageInfos' `UpdateContent`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ImageUpdate {
    pub image_id: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cate_id: Option<i64>,
}

crate::action! {
    /// Edits up to 20 images in one call.
    UpdateImageInfos -> UpdateImageInfosResponse {
        update_content: Vec<ImageUpdate> => json "UpdateContent",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UpdateImageInfosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `NonExistImageIds.ImageId[]` on the wire (a bare array in the older documentation).
    #[serde(deserialize_with = "de::image_id_list")]
    pub non_exist_image_ids: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// DeleteImage

/// Deletes images. The three `DeleteImageType` modes are variants, so a request that
/// mixes them (IDs with a VideoId, say) cannot be built. Irreversible.
#[derive(Debug, Clone, PartialEq)]
pub enum DeleteImage {
    /// `DeleteImageType=ImageId`: up to 20 image IDs.
    ImageIds(Vec<String>),
    /// `DeleteImageType=ImageURL`: up to 20 image URLs (each URL-encoded, then comma-joined).
    ImageUrls(Vec<String>),
    /// `DeleteImageType=VideoId`: images of one video, by kind.
    VideoImages {
        video_id: String,
        image_type: VideoImageSelection,
    },
}

/// Which images of a video DeleteImage removes (`ImageType`).
#[derive(Debug, Clone, PartialEq)]
pub enum VideoImageSelection {
    /// `All`.
    All,
    /// One or more kinds, comma-separated.
    Only(Vec<VideoImageType>),
}

/// A kind of image attached to a video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoImageType {
    CoverSnapshot,
    NormalSnapshot,
    SpriteSnapshot,
    SpriteOriginSnapshot,
}

impl VideoImageType {
    pub fn as_str(self) -> &'static str {
        match self {
            VideoImageType::CoverSnapshot => "CoverSnapshot",
            VideoImageType::NormalSnapshot => "NormalSnapshot",
            VideoImageType::SpriteSnapshot => "SpriteSnapshot",
            VideoImageType::SpriteOriginSnapshot => "SpriteOriginSnapshot",
        }
    }
}

impl VideoImageSelection {
    fn param(&self) -> String {
        match self {
            VideoImageSelection::All => "All".to_string(),
            VideoImageSelection::Only(kinds) => kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

request_id_only! {
    /// DeleteImage answers only with its RequestId.
    DeleteImageResponse;
}

impl Action for DeleteImage {
    const NAME: &'static str = "DeleteImage";
    type Response = DeleteImageResponse;
    fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            DeleteImage::ImageIds(ids) => Params::new()
                .req("DeleteImageType", "ImageId")
                .req("ImageIds", ids.join(","))
                .finish(),
            DeleteImage::ImageUrls(urls) => Params::new()
                .req("DeleteImageType", "ImageURL")
                .url_list("ImageURLs", urls)
                .finish(),
            DeleteImage::VideoImages {
                video_id,
                image_type,
            } => Params::new()
                .req("DeleteImageType", "VideoId")
                .req("VideoId", video_id)
                .req("ImageType", image_type.param())
                .finish(),
        }
    }
}
