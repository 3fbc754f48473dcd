//! Watermark templates: image or text marks that transcode templates reference by ID
//! (or as `USER_DEFAULT_WATERMARK`, the account's default).

use serde::{Deserialize, Serialize};

use super::{object_or_default, request_id_only};
use crate::de;

/// A watermark template, as ListWatermark and GetWatermark return it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct WatermarkInfo {
    #[serde(deserialize_with = "de::string")]
    pub watermark_id: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    /// `Image` or `Text`.
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    /// `Default` or `NotDefault`.
    #[serde(deserialize_with = "de::string")]
    pub is_default: String,
    /// Position, size and effect, as a JSON string (its fields depend on the type).
    #[serde(deserialize_with = "de::string")]
    pub watermark_config: String,
    /// The image file (OSS or CDN URL); empty for a text watermark.
    #[serde(deserialize_with = "de::string")]
    pub file_url: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
}

impl WatermarkInfo {
    pub fn is_default(&self) -> bool {
        self.is_default == "Default"
    }
}

crate::action! {
    /// The watermark templates of an application (all applications when `app_id` is
    /// left out).
    ListWatermark -> ListWatermarkResponse {
        app_id: Option<String> => opt "AppId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListWatermarkResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `WatermarkInfos[]` on the wire (a bare array).
    #[serde(deserialize_with = "de::list")]
    pub watermark_infos: Vec<WatermarkInfo>,
}

crate::action! {
    /// One watermark template.
    GetWatermark -> WatermarkInfoResponse {
        watermark_id: String => req "WatermarkId",
    }
}

crate::action! {
    /// Creates an image or text watermark. An image's file is uploaded first
    /// (CreateUploadAttachedMedia, BusinessType `watermark`) and named by its OSS URL.
    AddWatermark -> WatermarkInfoResponse [not_idempotent] {
        /// Chinese characters, letters and digits; at most 128 bytes.
        name: String => req "Name",
        /// `Image` or `Text`.
        r#type: String => req "Type",
        /// JSON; its fields depend on the type ([`crate::watermark`]).
        watermark_config: String => req "WatermarkConfig",
        /// Required for an image watermark.
        file_url: Option<String> => opt "FileUrl",
        app_id: Option<String> => opt "AppId",
    }
}

crate::action! {
    /// Changes a watermark's name and configuration (not its type or file).
    UpdateWatermark -> WatermarkInfoResponse {
        watermark_id: String => req "WatermarkId",
        /// Left out: the name stays.
        name: Option<String> => opt "Name",
        watermark_config: String => req "WatermarkConfig",
    }
}

crate::action! {
    /// Deletes a watermark template and, for an image, its file. The default cannot be
    /// deleted.
    DeleteWatermark -> DeleteWatermarkResponse {
        watermark_id: String => req "WatermarkId",
    }
}

crate::action! {
    /// Makes a watermark the account's default (`USER_DEFAULT_WATERMARK` in transcode
    /// templates); the previous default stops being it.
    SetDefaultWatermark -> SetDefaultWatermarkResponse {
        watermark_id: String => req "WatermarkId",
    }
}

/// The answer of GetWatermark, AddWatermark and UpdateWatermark: the template as it now is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct WatermarkInfoResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "object_or_default")]
    pub watermark_info: WatermarkInfo,
}

request_id_only! {
    /// DeleteWatermark answers only with its RequestId.
    DeleteWatermarkResponse;
    /// SetDefaultWatermark answers only with its RequestId.
    SetDefaultWatermarkResponse;
}
