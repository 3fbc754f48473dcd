//! Transcode template groups. A group bundles the transcode templates an upload is
//! processed with; uploads name one with `TemplateGroupId` (or get the account default).

use serde::{Deserialize, Serialize};


use crate::de;

/// A transcode template group, without its templates.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TranscodeTemplateGroup {
    #[serde(deserialize_with = "de::string")]
    pub transcode_template_group_id: String,
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub app_id: String,
    /// `Default` or `NotDefault`.
    #[serde(deserialize_with = "de::string")]
    pub is_default: String,
    /// `Enabled` (locked) or `Disabled`.
    #[serde(deserialize_with = "de::string")]
    pub locked: String,
    #[serde(deserialize_with = "de::string")]
    pub creation_time: String,
    #[serde(deserialize_with = "de::string")]
    pub modify_time: String,
}

impl TranscodeTemplateGroup {
    pub fn is_default(&self) -> bool {
        self.is_default == "Default"
    }
}

crate::action! {
    /// Lists the template groups of an application (default `app-1000000`).
    ListTranscodeTemplateGroup -> ListTranscodeTemplateGroupResponse {
        app_id: Option<String> => opt "AppId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListTranscodeTemplateGroupResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::list")]
    pub transcode_template_group_list: Vec<TranscodeTemplateGroup>,
}

