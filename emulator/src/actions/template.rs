//! Transcode template groups: ListTranscodeTemplateGroup, GetTranscodeTemplateGroup,
//! the group an upload gets, and what a group makes of a video (its play streams).
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

/// Width, height and video bitrate (Kbps) of a definition's rendition.
fn rendition(definition: &str) -> (u32, u32, u32) {
    match definition {
        "LD" => (640, 360, 400),
        "SD" => (848, 480, 800),
        "HD" => (1280, 720, 1500),
        "FHD" => (1920, 1080, 3000),
        "2K" => (2560, 1440, 6000),
        "4K" => (3840, 2160, 12000),
        _ => (1280, 720, 1500),
    }
}

/// A template's ID: stable, derived from its group and position.
pub fn template_id(group_id: &str, index: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in group_id.bytes().chain([index as u8]) {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15)
}

/// A group's templates as GetTranscodeTemplateGroup returns them: the stream settings
/// are JSON strings.
fn render_templates(g: &TemplateGroup) -> Vec<Value> {
    g.outputs
        .iter()
        .enumerate()
        .map(|(i, (format, definition))| {
            let (width, height, bitrate) = rendition(definition);
            let video = json!({
                "Codec": "H.264", "Bitrate": bitrate.to_string(), "Width": width.to_string(),
                "Height": height.to_string(), "Fps": "25", "Gop": "250", "Profile": "high", "Remove": "false",
            });
            let audio = json!({ "Codec": "AAC", "Bitrate": "128", "Samplerate": "44100", "Channels": "2", "Remove": "false" });
            let mux = if format == "m3u8" { json!({ "Segment": { "Duration": "10" } }).to_string() } else { String::new() };
            json!({
                "TranscodeTemplateId": template_id(&g.group_id, i),
                "TemplateName": format!("{} {definition}", format.to_uppercase()),
                "Type": "Normal",
                "Definition": definition,
                "Video": video.to_string(),
                "Audio": audio.to_string(),
                "Container": json!({ "Format": format }).to_string(),
                "MuxConfig": mux,
                "TransConfig": json!({ "TransMode": "onepass", "IsCheckReso": "false", "IsCheckVideoBitrate": "false" }).to_string(),
                "Rotate": "",
                "Clip": "",
                "EncryptSetting": "",
                "PackageSetting": "",
                "SubtitleList": "",
                "TranscodeFileRegular": "",
                "CopyrightMark": "",
                "TraceMark": "",
                "WatermarkIds": g.watermarks.get(i).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

/// One group with its templates. An unknown ID is VOD's 404.
pub async fn get_transcode_template_group(
    b: &Backend,
    req: &ActionRequest,
) -> Result<Value, ApiError> {
    let id = rules::required(req, "TranscodeTemplateGroupId")?;
    let groups = b.all::<TemplateGroup>().await?;
    let g = groups.iter().find(|g| g.group_id == id).ok_or_else(|| {
        ApiError::new(
            404,
            "InvalidTranscodeTemplateGroup.NotFound",
            "The transcoding template group does not exist.",
        )
    })?;
    let mut group = render(g);
    group["TranscodeTemplateList"] = Value::Array(render_templates(g));
    Ok(json!({ "TranscodeTemplateGroup": group }))
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
    async fn a_group_is_read_with_its_templates_and_their_watermarks() {
        let (b, _d) = backend().await;
        let list = ok(&b, "ListTranscodeTemplateGroup", &[]).await;
        let list = list["TranscodeTemplateGroupList"]
            .as_array()
            .unwrap()
            .clone();
        let marks = ok(&b, "ListWatermark", &[]).await;
        let marks: Vec<String> = marks["WatermarkInfos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["WatermarkId"].as_str().unwrap().to_string())
            .collect();
        let mut referenced = Vec::new();
        for g in &list {
            let id = g["TranscodeTemplateGroupId"].as_str().unwrap();
            let got = ok(
                &b,
                "GetTranscodeTemplateGroup",
                &[("TranscodeTemplateGroupId", id)],
            )
            .await;
            let group = &got["TranscodeTemplateGroup"];
            assert_eq!(group["Name"], g["Name"]);
            assert_eq!(group["IsDefault"], g["IsDefault"]);
            let templates = group["TranscodeTemplateList"].as_array().unwrap();
            if id == crate::demo::NO_TRANSCODE_GROUP {
                assert!(templates.is_empty());
            }
            for t in templates {
                assert_eq!(t["TranscodeTemplateId"].as_str().unwrap().len(), 32);
                // Stream settings are JSON strings.
                let video: Value = serde_json::from_str(t["Video"].as_str().unwrap()).unwrap();
                assert!(video["Width"].as_str().unwrap().parse::<u32>().unwrap() >= 640);
                let ids = t["WatermarkIds"].as_array().unwrap();
                assert!(ids.len() <= 4);
                referenced.extend(ids.iter().map(|i| i.as_str().unwrap().to_string()));
            }
        }
        // The demo groups reference the default keyword and both demo watermarks by ID.
        assert!(referenced
            .iter()
            .any(|r| r == vod::watermark::USER_DEFAULT_WATERMARK));
        for m in &marks {
            assert!(referenced.contains(m), "{m} is used by a demo template");
        }
        // The same group read twice has the same template IDs.
        let id = list[1]["TranscodeTemplateGroupId"].as_str().unwrap();
        let a = ok(
            &b,
            "GetTranscodeTemplateGroup",
            &[("TranscodeTemplateGroupId", id)],
        )
        .await;
        let c = ok(
            &b,
            "GetTranscodeTemplateGroup",
            &[("TranscodeTemplateGroupId", id)],
        )
        .await;
        assert_eq!(a["TranscodeTemplateGroup"], c["TranscodeTemplateGroup"]);
        let e = err(
            &b,
            "GetTranscodeTemplateGroup",
            &[(
                "TranscodeTemplateGroupId",
                "0123456789abcdef0123456789abcdef",
            )],
        )
        .await;
        assert_eq!(
            (e.status, e.code.as_str()),
            (404, "InvalidTranscodeTemplateGroup.NotFound")
        );
        assert_eq!(
            err(&b, "GetTranscodeTemplateGroup", &[]).await.code,
            "MissingParameter"
        );
    }

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
