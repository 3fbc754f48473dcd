//! Watermark templates: image or text marks that transcode templates reference by ID
//! (or as `USER_DEFAULT_WATERMARK`, the account's default).

use serde::{Deserialize, Serialize};

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
