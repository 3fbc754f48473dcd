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

/// The group an upload gets: `id` (from a parameter or an upload's metadata), which
/// must be one of the account's `groups`; without it `otherwise`; without that, the
/// account default.
pub fn group_for(groups: &[TemplateGroup], id: Option<&str>, otherwise: Option<&str>) -> Result<String, ApiError> {
    match id.filter(|i| !i.is_empty()) {
        Some(id) if groups.iter().any(|g| g.group_id == id) => Ok(id.to_string()),
        Some(_) => Err(not_found()),
        None => Ok(otherwise.map(str::to_string).unwrap_or_else(|| {
            groups
                .iter()
                .find(|g| g.is_default)
                .map_or(crate::demo::DEFAULT_TEMPLATE_GROUP, |g| g.group_id.as_str())
                .to_string()
        })),
    }
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
