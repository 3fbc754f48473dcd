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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::actions::rules;
    use crate::actions::test_support::*;

    #[tokio::test]
    async fn template_groups_are_listed_and_uploads_must_name_an_existing_one() {
        let (b, _d) = backend().await;
        let got = ok(&b, "ListTranscodeTemplateGroup", &[]).await;
        let list = got["TranscodeTemplateGroupList"].as_array().unwrap();
        assert_eq!(list.len(), 4);
        let defaults: Vec<&Value> = list.iter().filter(|g| g["IsDefault"] == "Default").collect();
        assert_eq!(defaults.len(), 1, "exactly one default group");
        let default_id = defaults[0]["TranscodeTemplateGroupId"].as_str().unwrap().to_string();
        assert_eq!(default_id.len(), 32);
        let built_in = list
            .iter()
            .find(|g| g["TranscodeTemplateGroupId"] == crate::demo::NO_TRANSCODE_GROUP)
            .expect("the no-transcode group is listed");
        assert_eq!(built_in["Locked"], "Enabled");
        for g in list {
            assert_eq!(g["AppId"], "app-1000000");
            assert!(rules::parse_iso(g["CreationTime"].as_str().unwrap()).is_some());
        }
        // Another application has none of the default application's groups.
        let other = ok(&b, "ListTranscodeTemplateGroup", &[("AppId", "app-2000000")]).await;
        assert_eq!(other["TranscodeTemplateGroupList"].as_array().unwrap().len(), 0);

        // An upload without a group gets the account default; a named group must exist.
        let mobile = list
            .iter()
            .find(|g| g["Name"].as_str().unwrap().contains("Mobile"))
            .unwrap()["TranscodeTemplateGroupId"]
            .as_str()
            .unwrap()
            .to_string();
        let plain = ok(&b, "CreateUploadVideo", &[("Title", "t"), ("FileName", "a.mp4")]).await;
        let chosen = ok(
            &b,
            "CreateUploadVideo",
            &[("Title", "t"), ("FileName", "a.mp4"), ("TemplateGroupId", &mobile)],
        )
        .await;
        for (upload, group) in [(plain, &default_id), (chosen, &mobile)] {
            let info = ok(&b, "GetVideoInfo", &[("VideoId", upload["VideoId"].as_str().unwrap())]).await;
            assert_eq!(info["Video"]["TemplateGroupId"], group.as_str());
        }
        let unknown = "0123456789abcdef0123456789abcdef";
        let e = err(
            &b,
            "CreateUploadVideo",
            &[("Title", "t"), ("FileName", "a.mp4"), ("TemplateGroupId", unknown)],
        )
        .await;
        assert_eq!((e.status, e.code.as_str()), (404, "InvalidTemplateGroupId.NotFound"));

        // URL pulls: the top-level group, overridden per URL by the upload metadata.
        let e = err(
            &b,
            "UploadMediaByURL",
            &[("UploadURLs", "https://example.com/a.mp4"), ("TemplateGroupId", unknown)],
        )
        .await;
        assert_eq!(e.code, "InvalidTemplateGroupId.NotFound");
        let meta = format!(
            r#"[{{"SourceURL":"https://example.com/b.mp4","TemplateGroupId":"{}"}}]"#,
            crate::demo::NO_TRANSCODE_GROUP
        );
        let pulled = ok(
            &b,
            "UploadMediaByURL",
            &[
                ("UploadURLs", "https://example.com/a.mp4,https://example.com/b.mp4"),
                ("TemplateGroupId", &mobile),
                ("UploadMetadatas", &meta),
            ],
        )
        .await;
        assert_eq!(pulled["UploadJobs"].as_array().unwrap().len(), 2);
        let pulled_groups: Vec<(String, String)> = videos(&b)
            .await
            .into_iter()
            .filter(|v| v.upload_source.as_deref() == Some("URL"))
            .map(|v| (v.title, v.template_group_id))
            .collect();
        assert!(pulled_groups.contains(&("a.mp4".into(), mobile.clone())), "{pulled_groups:?}");
        assert!(pulled_groups.contains(&("b.mp4".into(), crate::demo::NO_TRANSCODE_GROUP.into())), "{pulled_groups:?}");
    }
}
