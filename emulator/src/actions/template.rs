//! Transcode template groups: ListTranscodeTemplateGroup, the group an upload gets, and
//! what a group makes of a video (its play streams).
//!
//! The demo account has the built-in `VOD_NO_TRANSCODE` group and three groups of its
//! own; "Standard HLS" is the account default. Uploads may name any of them
//! (`TemplateGroupId`). A video in `VOD_NO_TRANSCODE` is never transcoded: it is
//! playable as soon as its upload completes, and only its original file plays, when
//! that is MP4, FLV, MP3, M3U8 or WEBM (seed lines 2356-2361, 3532-3537); any other
//! format is stored only. Other groups' streams follow their `outputs` (the templates,
//! once those are modelled).

use serde_json::{json, Value};

use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::TemplateGroup;

pub const DEFAULT_APP_ID: &str = "app-1000000";

/// Source formats the no-transcode group plays as they are.
pub const PLAYABLE_ORIGINALS: &[&str] = &["mp4", "flv", "mp3", "m3u8", "webm"];

/// Whether videos of `group_id` are transcoded.
pub fn transcodes(group_id: &str) -> bool {
    group_id != crate::demo::NO_TRANSCODE_GROUP
}

/// The video's `TranscodeMode` for its group: `NoTranscode` (distributed as uploaded) or
/// `FastTranscode` (playable once transcoded).
pub fn transcode_mode(group_id: &str) -> &'static str {
    if transcodes(group_id) {
        "FastTranscode"
    } else {
        "NoTranscode"
    }
}

fn not_found() -> ApiError {
    ApiError::new(404, "InvalidTemplateGroupId.NotFound", "The TemplateGroupId does not exist.")
}

/// The group an upload gets: `id` (from a parameter or an upload's metadata), which
/// must be one of the account's `groups`; without it `otherwise`; without that, the
/// account default (the group marked `IsDefault`).
pub fn group_for(groups: &[TemplateGroup], id: Option<&str>, otherwise: Option<&str>) -> Result<String, ApiError> {
    match id.filter(|i| !i.is_empty()) {
        Some(id) if groups.iter().any(|g| g.group_id == id) => Ok(id.to_string()),
        Some(_) => Err(not_found()),
        None => Ok(otherwise.map(str::to_string).unwrap_or_else(|| {
            groups
                .iter()
                .find(|g| g.is_default)
                .map_or(crate::demo::NO_TRANSCODE_GROUP, |g| g.group_id.as_str())
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
