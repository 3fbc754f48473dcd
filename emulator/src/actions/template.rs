//! Transcode template groups: ListTranscodeTemplateGroup.
//!
//! The demo account has the built-in `VOD_NO_TRANSCODE` group and three groups of its
//! own (one the default). Uploads may name any of them (`TemplateGroupId`).

use serde_json::{json, Value};

use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::TemplateGroup;

pub const DEFAULT_APP_ID: &str = "app-1000000";

fn not_found() -> ApiError {
    ApiError::new(404, "InvalidTemplateGroupId.NotFound", "The TemplateGroupId does not exist.")
}

/// Checks an optional `TemplateGroupId` (from a parameter or an upload's metadata)
/// against the account's groups.
pub async fn check_group(b: &Backend, id: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(id) = id.filter(|i| !i.is_empty()) else { return Ok(None) };
    let groups = b.all::<TemplateGroup>().await?;
    groups.iter().find(|g| g.group_id == id).map(|g| Some(g.group_id.clone())).ok_or_else(not_found)
}

/// The group an upload without `TemplateGroupId` gets: the account default.
pub async fn default_group(b: &Backend) -> Result<String, ApiError> {
    let groups = b.all::<TemplateGroup>().await?;
    Ok(groups
        .iter()
        .find(|g| g.is_default)
        .map(|g| g.group_id.clone())
        .unwrap_or_else(|| crate::demo::DEFAULT_TEMPLATE_GROUP.to_string()))
}

fn render(g: &TemplateGroup) -> Value {
    json!({
        "TranscodeTemplateGroupId": g.group_id,
        "Name": g.name,
        "AppId": g.app_id,
        "IsDefault": if g.is_default { "Default" } else { "NotDefault" },
        "Locked": if g.locked { "Enabled" } else { "Disabled" },
        "CreationTime": rules::iso(g.creation_time),
        "ModifyTime": rules::iso(g.modify_time),
    })
}

pub async fn list_transcode_template_group(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let app_id = req.param("AppId").unwrap_or(DEFAULT_APP_ID);
    let groups = b.all::<TemplateGroup>().await?;
    // The JSON answer is a bare array, as the seed's example shows.
    let list: Vec<Value> = groups.iter().filter(|g| g.app_id == app_id).map(render).collect();
    Ok(json!({ "TranscodeTemplateGroupList": list }))
}
