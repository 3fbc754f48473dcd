//! Transcode template groups: List/Get/Add/Update/DeleteTranscodeTemplateGroup and
//! SetDefaultTranscodeTemplateGroup, the group an upload gets, and what a group makes of
//! a video (its play streams).
//!
//! A group's templates are stored as VOD returns them (`templates`); a demo group stored
//! before templates were modelled has them made from its `outputs` on first read or
//! edit. After every edit `outputs` and `watermarks` follow the templates (what the
//! group's transcoding produces and stamps). VOD's limits hold: 20 groups per
//! application (`TrasncodeTemplateGroupExceededMax`, spelt as VOD spells it), 20
//! templates per group, 4 watermarks per template; locked groups and the no-transcode
//! group refuse edits; the default group cannot be deleted.
//!
//! The demo account has the built-in `VOD_NO_TRANSCODE` group and three groups of its
//! own; "Standard HLS" is the account default. Uploads may name any of them
//! (`TemplateGroupId`). A video in `VOD_NO_TRANSCODE` is never transcoded: it is
//! playable as soon as its upload completes, and only its original file plays, when
//! that is MP4, FLV, MP3, M3U8 or WEBM (seed lines 2356-2361, 3532-3537); any other
//! format is stored only. Other groups' streams follow their `outputs` (the templates,
//! once those are modelled).

use serde_json::{json, Map, Value};

use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, TemplateGroup};

/// Groups per application, templates per group, watermarks per template, template IDs
/// per delete.
pub const GROUPS_MAX: usize = 20;
pub const TEMPLATES_MAX: usize = 20;
pub const WATERMARKS_MAX: usize = 4;
pub const DELETE_IDS_MAX: usize = 10;
/// `Definition` values VOD accepts.
pub const DEFINITIONS: &[&str] = &[
    "LD", "SD", "HD", "FHD", "OD", "2K", "4K", "SQ", "HQ", "LD-NBV1", "SD-NBV1", "HD-NBV1", "FHD-NBV1", "2K-NBV1", "4K-NBV1",
];
/// Template fields holding JSON (returned as JSON strings).
const JSON_FIELDS: &[&str] =
    &["Video", "Audio", "Container", "MuxConfig", "TransConfig", "Clip", "EncryptSetting", "PackageSetting", "SubtitleList"];
/// Every template field GetTranscodeTemplateGroup returns.
const TEMPLATE_FIELDS: &[&str] = &[
    "TranscodeTemplateId", "TemplateName", "Type", "Definition", "Video", "Audio", "Container", "MuxConfig", "TransConfig",
    "Rotate", "Clip", "EncryptSetting", "PackageSetting", "SubtitleList", "TranscodeFileRegular", "CopyrightMark", "TraceMark",
];

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

/// The group's templates: stored, or made from its outputs.
pub fn templates_of(g: &TemplateGroup) -> Vec<Value> {
    if g.templates.is_empty() {
        render_templates(g)
    } else {
        g.templates.clone()
    }
}

pub fn group_not_found() -> ApiError {
    ApiError::new(404, "InvalidTranscodeTemplateGroup.NotFound", "The transcoding template group does not exist.")
}

async fn find_group(b: &Backend, req: &ActionRequest) -> Result<TemplateGroup, ApiError> {
    let id = rules::required(req, "TranscodeTemplateGroupId")?;
    b.all::<TemplateGroup>().await?.iter().find(|g| g.group_id == id).cloned().ok_or_else(group_not_found)
}

/// One group with its templates. An unknown ID is VOD's 404.
pub async fn get_transcode_template_group(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let g = find_group(b, req).await?;
    let mut group = render(&g);
    group["TranscodeTemplateList"] = Value::Array(templates_of(&g));
    Ok(json!({ "TranscodeTemplateGroup": group }))
}

fn locked() -> ApiError {
    ApiError::new(403, "Forbidden.LockedTemplateGroup", "The template group is locked.")
}

/// The templates a request carries (`TranscodeTemplateList`, a JSON array), or none.
fn template_list(req: &ActionRequest) -> Result<Vec<Map<String, Value>>, ApiError> {
    let Some(raw) = req.param("TranscodeTemplateList") else { return Ok(Vec::new()) };
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .map(|i| match i {
                Value::Object(m) => Ok(m),
                _ => Err(ApiError::invalid("TranscodeTemplateList", "Each template must be a JSON object.")),
            })
            .collect(),
        _ => Err(ApiError::invalid("TranscodeTemplateList", "It must be a JSON array of templates.")),
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A template as VOD returns it: every field, JSON settings as JSON strings,
/// `WatermarkIds` an array.
fn normalise(mut t: Map<String, Value>) -> Value {
    let mut out = Map::new();
    for field in TEMPLATE_FIELDS {
        let v = t.remove(*field).unwrap_or(Value::Null);
        let text = if JSON_FIELDS.contains(field) && v.is_object() { v.to_string() } else { text_of(&v) };
        out.insert(field.to_string(), Value::String(text));
    }
    if out["Type"] == "" {
        out.insert("Type".into(), Value::String("Normal".into()));
    }
    let ids: Vec<String> = match t.remove("WatermarkIds") {
        Some(Value::Array(a)) => a.iter().map(text_of).collect(),
        Some(Value::String(s)) if !s.is_empty() => rules::split_list(&s),
        _ => Vec::new(),
    };
    out.insert("WatermarkIds".into(), json!(ids));
    Value::Object(out)
}

/// Checks one template (`adding`: a new one, which needs a name and its settings)
/// against VOD's rules.
fn check_template(t: &Map<String, Value>, adding: bool) -> Result<(), ApiError> {
    let field = |name: &str| format!("TranscodeTemplateList.{name}");
    let given = |name: &str| t.get(name).map(text_of).filter(|v| !v.is_empty());
    if adding {
        for required in ["TemplateName", "Definition", "Video", "Audio", "Container"] {
            if given(required).is_none() {
                return Err(ApiError::missing(&field(required)));
            }
        }
    }
    if let Some(d) = given("Definition") {
        if !DEFINITIONS.contains(&d.as_str()) {
            return Err(ApiError::invalid(&field("Definition"), &format!("Valid values: {}.", DEFINITIONS.join(", "))));
        }
    }
    if let Some(ty) = given("Type") {
        if !["Normal", "VideoPackage", "SubtitlePackage"].contains(&ty.as_str()) {
            return Err(ApiError::invalid(&field("Type"), "Valid values: Normal, VideoPackage, SubtitlePackage."));
        }
    }
    for json_field in JSON_FIELDS {
        match t.get(*json_field) {
            None | Some(Value::Object(_)) | Some(Value::Null) => {}
            Some(Value::String(s)) if s.is_empty() || serde_json::from_str::<Map<String, Value>>(s).is_ok() => {}
            Some(_) => return Err(ApiError::invalid(&field(json_field), "It must be a JSON object.")),
        }
    }
    let watermarks = match t.get("WatermarkIds") {
        Some(Value::Array(a)) => a.len(),
        Some(Value::String(s)) => rules::split_list(s).len(),
        _ => 0,
    };
    if watermarks > WATERMARKS_MAX {
        return Err(ApiError::new(400, "WatermarkExceededMax", "A transcoding template can reference at most 4 watermarks."));
    }
    Ok(())
}

/// The stream settings against VOD's enums and ranges (`vod::transcode`, the rules the
/// console's editor applies): `InvalidParameter` naming the field, as
/// `TranscodeTemplateList.Video.Bitrate`.
fn check_settings(t: &Map<String, Value>, adding: bool) -> Result<(), ApiError> {
    vod::transcode::Rendition::from_template(t)
        .check(adding)
        .map_err(|p| ApiError::invalid(&format!("TranscodeTemplateList.{}", p.field), &p.english()))
}

/// Applies templates from a request to `current`: one with a known ID is changed (its
/// Definition stays), any other is added with a new ID.
fn apply_templates(group_id: &str, current: &mut Vec<Value>, incoming: Vec<Map<String, Value>>) -> Result<(), ApiError> {
    for mut t in incoming {
        let id = t.get("TranscodeTemplateId").map(text_of).filter(|i| !i.is_empty());
        match id.and_then(|id| current.iter().position(|c| c["TranscodeTemplateId"] == id.as_str())) {
            Some(at) => {
                check_template(&t, false)?;
                let mut merged = current[at].as_object().cloned().unwrap_or_default();
                let definition = merged.get("Definition").cloned();
                for (k, v) in t {
                    merged.insert(k, v);
                }
                if let Some(d) = definition {
                    merged.insert("Definition".into(), d);
                }
                check_settings(&merged, false)?;
                current[at] = normalise(merged);
            }
            None => {
                check_template(&t, true)?;
                check_settings(&t, true)?;
                // The next ID not in use (IDs stay unique after deletes).
                let mut n = current.len() + 100;
                while current.iter().any(|c| c["TranscodeTemplateId"] == template_id(group_id, n).as_str()) {
                    n += 1;
                }
                t.insert("TranscodeTemplateId".into(), Value::String(template_id(group_id, n)));
                current.push(normalise(t));
            }
        }
    }
    if current.len() > TEMPLATES_MAX {
        return Err(ApiError::new(400, "TranscodeTemplateExceededMax", "A template group can hold at most 20 transcoding templates."));
    }
    Ok(())
}

/// `outputs` and `watermarks` from the templates (what transcoding produces and stamps).
fn follow_templates(g: &mut TemplateGroup) {
    let json_of = |v: &Value| serde_json::from_str::<Value>(v.as_str().unwrap_or("")).unwrap_or(Value::Null);
    g.outputs = g
        .templates
        .iter()
        .map(|t| {
            let format = json_of(&t["Container"])["Format"].as_str().unwrap_or("mp4").to_ascii_lowercase();
            (format, t["Definition"].as_str().unwrap_or("").to_string())
        })
        .collect();
    g.watermarks = g
        .templates
        .iter()
        .map(|t| t["WatermarkIds"].as_array().map(|a| a.iter().map(text_of).collect()).unwrap_or_default())
        .collect();
}

fn without_ids(incoming: Vec<Map<String, Value>>) -> Vec<Map<String, Value>> {
    incoming
        .into_iter()
        .map(|mut t| {
            t.remove("TranscodeTemplateId");
            t
        })
        .collect()
}

/// A new group (`Name`), or templates appended to one (`TranscodeTemplateGroupId`).
pub async fn add_transcode_template_group(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let incoming = without_ids(template_list(req)?);
    let app_id = req.param("AppId").unwrap_or(DEFAULT_APP_ID).to_string();
    if req.param("TranscodeTemplateGroupId").is_some_and(|i| !i.is_empty()) {
        let mut g = find_group(b, req).await?;
        if !transcodes(&g.group_id) {
            return Err(ApiError::new(403, "Forbidden.SpecialTemplateGroup", "Templates cannot be added to this special template group."));
        }
        if g.locked {
            return Err(locked());
        }
        let mut templates = templates_of(&g);
        apply_templates(&g.group_id, &mut templates, incoming)?;
        g.templates = templates;
        follow_templates(&mut g);
        g.modify_time = b.now();
        store::put(&b.pool, &g).await?;
        return Ok(json!({ "TranscodeTemplateGroupId": g.group_id }));
    }
    let name = rules::required(req, "Name")?;
    rules::check_text("Name", name, rules::TITLE_MAX_BYTES)?;
    let groups = b.all::<TemplateGroup>().await?;
    if groups.iter().filter(|g| g.app_id == app_id).count() >= GROUPS_MAX {
        return Err(ApiError::new(400, "TrasncodeTemplateGroupExceededMax", "An account can have at most 20 transcoding template groups."));
    }
    let now = b.now();
    let mut g = TemplateGroup {
        group_id: rules::new_id(),
        name: name.to_string(),
        app_id,
        is_default: false,
        locked: false,
        creation_time: now,
        modify_time: now,
        outputs: Vec::new(),
        watermarks: Vec::new(),
        templates: Vec::new(),
    };
    let mut templates = Vec::new();
    apply_templates(&g.group_id, &mut templates, incoming)?;
    g.templates = templates;
    follow_templates(&mut g);
    store::put(&b.pool, &g).await?;
    Ok(json!({ "TranscodeTemplateGroupId": g.group_id }))
}

/// Renames a group, changes or adds templates, or (with `Locked`) only sets its lock.
pub async fn update_transcode_template_group(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mut g = find_group(b, req).await?;
    let lock = rules::enum_param(req, "Locked", &["Enabled", "Disabled"], "")?;
    if !lock.is_empty() {
        if !transcodes(&g.group_id) {
            return Err(locked());
        }
        g.locked = lock == "Enabled";
        g.modify_time = b.now();
        store::put(&b.pool, &g).await?;
        return Ok(json!({ "TranscodeTemplateGroupId": g.group_id }));
    }
    if g.locked {
        return Err(locked());
    }
    if let Some(name) = req.param("Name").filter(|n| !n.is_empty()) {
        rules::check_text("Name", name, rules::TITLE_MAX_BYTES)?;
        g.name = name.to_string();
    }
    let incoming = template_list(req)?;
    if !incoming.is_empty() {
        let mut templates = templates_of(&g);
        apply_templates(&g.group_id, &mut templates, incoming)?;
        g.templates = templates;
        follow_templates(&mut g);
    }
    g.modify_time = b.now();
    store::put(&b.pool, &g).await?;
    Ok(json!({ "TranscodeTemplateGroupId": g.group_id }))
}

/// Deletes templates of a group (at most 10 IDs), or the whole group with
/// `ForceDelGroup=true`.
pub async fn delete_transcode_template_group(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mut g = find_group(b, req).await?;
    if g.locked {
        return Err(locked());
    }
    if rules::enum_param(req, "ForceDelGroup", &["true", "false"], "false")? == "true" {
        if g.is_default {
            return Err(ApiError::new(403, "Forbidden.DefaultTemplateGroup", "The default template group cannot be deleted."));
        }
        store::delete::<TemplateGroup>(&b.pool, &g.group_id).await?;
        return Ok(json!({}));
    }
    let raw = rules::required(req, "TranscodeTemplateIds")?;
    // A JSON array (the seed's example) or comma-separated (the SDK's description).
    let ids: Vec<String> = serde_json::from_str::<Vec<String>>(raw).unwrap_or_else(|_| rules::split_list(raw));
    if ids.len() > DELETE_IDS_MAX {
        return Err(ApiError::invalid("TranscodeTemplateIds", "At most 10 IDs."));
    }
    let mut templates = templates_of(&g);
    let missing: Vec<String> =
        ids.iter().filter(|id| !templates.iter().any(|t| t["TranscodeTemplateId"] == id.as_str())).cloned().collect();
    templates.retain(|t| !ids.iter().any(|id| t["TranscodeTemplateId"] == id.as_str()));
    g.templates = templates;
    follow_templates(&mut g);
    g.modify_time = b.now();
    store::put(&b.pool, &g).await?;
    Ok(json!({ "NonExistTranscodeTemplateIds": missing }))
}

/// Makes a group the default of its application (the others stop being it).
pub async fn set_default_transcode_template_group(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let chosen = find_group(b, req).await?;
    let changed: Vec<TemplateGroup> = b
        .all::<TemplateGroup>()
        .await?
        .iter()
        .filter(|g| g.app_id == chosen.app_id && g.is_default != (g.group_id == chosen.group_id))
        .map(|g| TemplateGroup { is_default: g.group_id == chosen.group_id, ..g.clone() })
        .collect();
    store::put_many(&b.pool, &changed).await?;
    Ok(json!({}))
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

#[cfg(test)]
mod editing_tests {
    use serde_json::{json, Value};

    use crate::actions::test_support::*;

    fn template(name: &str, definition: &str, format: &str) -> Value {
        json!({
            "TemplateName": name, "Definition": definition,
            "Video": { "Codec": "H.264", "Bitrate": "900", "Width": "960", "Height": "540" },
            "Audio": { "Codec": "AAC", "Bitrate": "96" },
            "Container": { "Format": format },
            "WatermarkIds": ["USER_DEFAULT_WATERMARK"],
        })
    }

    async fn group(b: &crate::actions::Backend, id: &str) -> Value {
        ok(b, "GetTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", id)]).await["TranscodeTemplateGroup"].clone()
    }

    #[tokio::test]
    async fn groups_are_added_edited_locked_made_default_and_deleted_within_vod_s_limits() {
        let (b, _d) = backend().await;
        let list = json!([template("mp4 540p", "SD", "mp4")]).to_string();
        let added = ok(&b, "AddTranscodeTemplateGroup", &[("Name", "新分组 New"), ("TranscodeTemplateList", &list)]).await;
        let id = added["TranscodeTemplateGroupId"].as_str().unwrap().to_string();
        let g = group(&b, &id).await;
        assert_eq!(g["Name"], "新分组 New");
        let templates = g["TranscodeTemplateList"].as_array().unwrap();
        assert_eq!(templates.len(), 1);
        assert_eq!(serde_json::from_str::<Value>(templates[0]["Video"].as_str().unwrap()).unwrap()["Width"], "960");
        assert_eq!(templates[0]["WatermarkIds"], json!(["USER_DEFAULT_WATERMARK"]));
        let first = templates[0]["TranscodeTemplateId"].as_str().unwrap().to_string();

        // Append one; change the first (its Definition stays); rename.
        let more = json!([template("hls 720p", "HD", "m3u8")]).to_string();
        ok(&b, "AddTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateList", &more)]).await;
        let change = json!([{ "TranscodeTemplateId": first, "TemplateName": "mp4 renamed", "Definition": "4K" }]).to_string();
        ok(&b, "UpdateTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("Name", "改名 Renamed"), ("TranscodeTemplateList", &change)]).await;
        let g = group(&b, &id).await;
        assert_eq!(g["Name"], "改名 Renamed");
        let templates = g["TranscodeTemplateList"].as_array().unwrap();
        assert_eq!(templates.len(), 2);
        assert_eq!((templates[0]["TemplateName"].as_str(), templates[0]["Definition"].as_str()), (Some("mp4 renamed"), Some("SD")));

        // Limits: 4 watermarks per template, a known definition, a name to add.
        let five = json!([{ "TemplateName": "x", "Definition": "SD", "Video": {}, "Audio": {}, "Container": { "Format": "mp4" },
            "WatermarkIds": ["a", "b", "c", "d", "e"] }]).to_string();
        let e = err(&b, "UpdateTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateList", &five)]).await;
        assert_eq!((e.status, e.code.as_str()), (400, "WatermarkExceededMax"));
        let bad = json!([{ "TemplateName": "x", "Definition": "8K", "Video": {}, "Audio": {}, "Container": {} }]).to_string();
        assert!(err(&b, "AddTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateList", &bad)]).await.message.contains("Definition"));
        // The stream settings' ranges (vod::transcode): a bitrate over 50000 Kbps, on add and on edit.
        let mut fast = template("fast", "HD", "mp4");
        fast["Video"]["Bitrate"] = json!("60000");
        let e = err(&b, "AddTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateList", &json!([fast]).to_string())]).await;
        assert_eq!((e.status, e.code.as_str()), (400, "InvalidParameter"));
        assert!(e.message.contains("TranscodeTemplateList.Video.Bitrate") && e.message.contains("50000"), "{}", e.message);
        let odd = json!([{ "TranscodeTemplateId": first, "Video": { "Codec": "H.264", "Width": "961" } }]).to_string();
        let e = err(&b, "UpdateTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateList", &odd)]).await;
        assert!(e.message.contains("Video.Width"), "{}", e.message);
        let many: Vec<Value> = (0..19).map(|i| template(&format!("t{i}"), "LD", "mp4")).collect();
        let e = err(&b, "AddTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateList", &json!(many).to_string())]).await;
        assert_eq!(e.code, "TranscodeTemplateExceededMax");

        // Locked: edits refused until unlocked.
        ok(&b, "UpdateTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("Locked", "Enabled")]).await;
        assert_eq!(group(&b, &id).await["Locked"], "Enabled");
        let e = err(&b, "UpdateTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("Name", "x")]).await;
        assert_eq!((e.status, e.code.as_str()), (403, "Forbidden.LockedTemplateGroup"));
        ok(&b, "UpdateTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("Locked", "Disabled")]).await;
        // The no-transcode group takes no templates.
        let e = err(&b, "AddTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", crate::demo::NO_TRANSCODE_GROUP), ("TranscodeTemplateList", &more)]).await;
        assert_eq!(e.code, "Forbidden.SpecialTemplateGroup");

        // Default: one per application; the default cannot be deleted.
        ok(&b, "SetDefaultTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id)]).await;
        let listed = ok(&b, "ListTranscodeTemplateGroup", &[]).await;
        let defaults: Vec<&Value> = listed["TranscodeTemplateGroupList"].as_array().unwrap().iter().filter(|g| g["IsDefault"] == "Default").collect();
        assert_eq!(defaults.len(), 1);
        assert_eq!(defaults[0]["TranscodeTemplateGroupId"], id.as_str());
        let e = err(&b, "DeleteTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("ForceDelGroup", "true")]).await;
        assert_eq!((e.status, e.code.as_str()), (403, "Forbidden.DefaultTemplateGroup"));

        // Templates by ID (unknown ones named back); then another group as default and the group goes.
        let ids = json!([first, "0123456789abcdef0123456789abcdef"]).to_string();
        let r = ok(&b, "DeleteTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("TranscodeTemplateIds", &ids)]).await;
        assert_eq!(r["NonExistTranscodeTemplateIds"], json!(["0123456789abcdef0123456789abcdef"]));
        assert_eq!(group(&b, &id).await["TranscodeTemplateList"].as_array().unwrap().len(), 1);
        let other = listed["TranscodeTemplateGroupList"].as_array().unwrap().iter()
            .find(|g| g["TranscodeTemplateGroupId"] != id.as_str() && g["TranscodeTemplateGroupId"] != crate::demo::NO_TRANSCODE_GROUP)
            .unwrap()["TranscodeTemplateGroupId"].as_str().unwrap().to_string();
        ok(&b, "SetDefaultTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &other)]).await;
        ok(&b, "DeleteTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id), ("ForceDelGroup", "true")]).await;
        assert_eq!(err(&b, "GetTranscodeTemplateGroup", &[("TranscodeTemplateGroupId", &id)]).await.status, 404);

        // At most 20 groups per application.
        let have = ok(&b, "ListTranscodeTemplateGroup", &[]).await["TranscodeTemplateGroupList"].as_array().unwrap().len();
        for i in have..20 {
            ok(&b, "AddTranscodeTemplateGroup", &[("Name", &format!("g{i}"))]).await;
        }
        let e = err(&b, "AddTranscodeTemplateGroup", &[("Name", "one too many")]).await;
        assert_eq!((e.status, e.code.as_str()), (400, "TrasncodeTemplateGroupExceededMax"));
    }

    #[tokio::test]
    async fn an_edited_group_s_outputs_follow_its_templates() {
        let (b, _d) = backend().await;
        let list = json!([template("a", "LD", "mp4"), template("b", "HD", "m3u8")]).to_string();
        let id = ok(&b, "AddTranscodeTemplateGroup", &[("Name", "outputs"), ("TranscodeTemplateList", &list)]).await
            ["TranscodeTemplateGroupId"].as_str().unwrap().to_string();
        let g = crate::store::load_all::<crate::store::TemplateGroup>(&b.pool).await.unwrap().into_iter().find(|g| g.group_id == id).unwrap();
        assert_eq!(g.outputs, vec![("mp4".to_string(), "LD".to_string()), ("m3u8".to_string(), "HD".to_string())]);
        assert_eq!(g.watermarks, vec![vec!["USER_DEFAULT_WATERMARK".to_string()]; 2]);
    }
}
