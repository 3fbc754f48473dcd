//! Snapshot templates: Add/Update/Delete/Get/ListVodTemplate. The demo account has a
//! cover-candidates template (normal snapshots, the default) and a sprite sheet.
//!
//! `TemplateConfig` is checked as the API reference's SnapshotTemplateConfig describes
//! it: `SnapshotType`, and `SnapshotConfig` with FrameType, Count, Interval,
//! SpecifiedOffsetTime (always, even for sprites), Width/Height in 8-4096, and for a
//! sprite its SpriteSnapshotConfig (Columns and Lines 1-10000). An animated-image
//! template (`DynamicImage`) is checked by `vod::transcode::AnimatedImage`, the rules the
//! console's form shares: Video Width/Height 128-4096 and Fps in (0, 60], Container
//! Format gif or webp, Clip.TimeSpan Seek and Duration. A broken rule is
//! `InvalidParameter` naming the field, as `TemplateConfig.SnapshotConfig.Count`. The
//! reference lists no error of its own for an unknown template: the emulator answers
//! `InvalidVodTemplate.NotFound` (404), after the other `Invalid*.NotFound` codes.

use serde_json::{json, Value};

use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, VodTemplate};

const DEFAULT_APP: &str = "app-1000000";
const TYPES: &[&str] = &["Snapshot", "DynamicImage"];
const SNAPSHOT_TYPES: &[&str] = &["NormalSnapshot", "SpriteSnapshot", "WebVttSnapshot"];

fn render(t: &VodTemplate) -> Value {
    json!({
        "VodTemplateId": t.template_id,
        "Name": t.name,
        "AppId": t.app_id,
        "TemplateType": t.kind,
        "IsDefault": if t.is_default { "Default" } else { "NotDefault" },
        "TemplateConfig": t.config.to_string(),
        "CreationTime": rules::iso(t.creation_time),
        "ModifyTime": rules::iso(t.modify_time),
    })
}

fn not_found() -> ApiError {
    ApiError::new(404, "InvalidVodTemplate.NotFound", "The VodTemplateId does not exist.")
}

async fn find(b: &Backend, req: &ActionRequest) -> Result<VodTemplate, ApiError> {
    let id = rules::required(req, "VodTemplateId")?;
    b.all::<VodTemplate>().await?.iter().find(|t| t.template_id == id).cloned().ok_or_else(not_found)
}

fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A `TemplateConfig` of `kind` (`Snapshot` or `DynamicImage`), or the field it breaks.
fn check_kind_config(kind: &str, raw: &str) -> Result<Value, ApiError> {
    if kind == "DynamicImage" {
        return vod::transcode::check_animated_config(raw).map(Value::Object).map_err(|p| {
            let field = if p.field == "TemplateConfig" { p.field.to_string() } else { format!("TemplateConfig.{}", p.field) };
            let message = if p.field == "TemplateConfig" { "It must be a JSON object.".to_string() } else { p.english() };
            ApiError::invalid(&field, &message)
        });
    }
    check_config(raw)
}

/// A snapshot `TemplateConfig` as the reference describes it, or the field it breaks.
pub fn check_config(raw: &str) -> Result<Value, ApiError> {
    let config: Value = serde_json::from_str(raw)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| ApiError::invalid("TemplateConfig", "It must be a JSON object."))?;
    let field = |name: &str| format!("TemplateConfig.{name}");
    let kind = config["SnapshotType"].as_str().unwrap_or("");
    if !SNAPSHOT_TYPES.contains(&kind) {
        return Err(ApiError::invalid(&field("SnapshotType"), "Valid values: NormalSnapshot, SpriteSnapshot, WebVttSnapshot."));
    }
    let snap = &config["SnapshotConfig"];
    if !snap.is_object() {
        return Err(ApiError::missing(&field("SnapshotConfig")));
    }
    let sub = |name: &str| field(&format!("SnapshotConfig.{name}"));
    if !matches!(snap["FrameType"].as_str(), Some("intra" | "normal")) {
        return Err(ApiError::invalid(&sub("FrameType"), "Valid values: intra, normal."));
    }
    for (name, min) in [("Count", 1), ("Interval", 0), ("SpecifiedOffsetTime", 0)] {
        match integer(&snap[name]) {
            Some(n) if n >= min => {}
            _ => return Err(ApiError::invalid(&sub(name), &format!("It must be an integer of at least {min}."))),
        }
    }
    for name in ["Width", "Height"] {
        if !snap[name].is_null() && !integer(&snap[name]).is_some_and(|n| (8..=4096).contains(&n)) {
            return Err(ApiError::invalid(&sub(name), "It must be an integer from 8 to 4096."));
        }
    }
    if kind == "SpriteSnapshot" {
        let sprite = &snap["SpriteSnapshotConfig"];
        if !sprite.is_object() {
            return Err(ApiError::missing(&sub("SpriteSnapshotConfig")));
        }
        for name in ["Columns", "Lines"] {
            if !integer(&sprite[name]).is_some_and(|n| (1..=10_000).contains(&n)) {
                return Err(ApiError::invalid(&sub(&format!("SpriteSnapshotConfig.{name}")), "It must be an integer from 1 to 10000."));
            }
        }
    }
    Ok(config)
}

pub async fn add_vod_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let name = rules::required(req, "Name")?;
    rules::check_text("Name", name, rules::TITLE_MAX_BYTES)?;
    let kind = rules::required(req, "TemplateType")?;
    if !TYPES.contains(&kind) {
        return Err(ApiError::invalid("TemplateType", "Valid values: Snapshot, DynamicImage."));
    }
    let config = check_kind_config(kind, rules::required(req, "TemplateConfig")?)?;
    let now = b.now();
    let t = VodTemplate {
        template_id: rules::new_id(),
        name: name.to_string(),
        app_id: req.param("AppId").unwrap_or(DEFAULT_APP).to_string(),
        kind: kind.to_string(),
        is_default: false,
        config,
        creation_time: now,
        modify_time: now,
    };
    store::put(&b.pool, &t).await?;
    Ok(json!({ "VodTemplateId": t.template_id }))
}

pub async fn update_vod_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mut t = find(b, req).await?;
    if let Some(name) = req.param("Name").filter(|n| !n.is_empty()) {
        rules::check_text("Name", name, rules::TITLE_MAX_BYTES)?;
        t.name = name.to_string();
    }
    if let Some(raw) = req.param("TemplateConfig") {
        t.config = check_kind_config(&t.kind, raw)?;
    }
    t.modify_time = b.now();
    store::put(&b.pool, &t).await?;
    Ok(json!({ "VodTemplateId": t.template_id }))
}

pub async fn delete_vod_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let t = find(b, req).await?;
    store::delete::<VodTemplate>(&b.pool, &t.template_id).await?;
    Ok(json!({ "VodTemplateId": t.template_id }))
}

/// One template. GetVodTemplate's answer has no `AppId` (ListVodTemplate's has): the
/// reference's field table and the SDK's model agree on that.
pub async fn get_vod_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mut info = render(&find(b, req).await?);
    if let Some(m) = info.as_object_mut() {
        m.remove("AppId");
    }
    Ok(json!({ "VodTemplateInfo": info }))
}

/// The templates of `TemplateType` (required) in `AppId` (default `app-1000000`).
pub async fn list_vod_template(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let kind = rules::required(req, "TemplateType")?;
    if !TYPES.contains(&kind) {
        return Err(ApiError::invalid("TemplateType", "Valid values: Snapshot, DynamicImage."));
    }
    let app = req.param("AppId").unwrap_or(DEFAULT_APP);
    let list: Vec<Value> =
        b.all::<VodTemplate>().await?.iter().filter(|t| t.kind == kind && t.app_id == app).map(render).collect();
    Ok(json!({ "VodTemplateInfoList": list }))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::actions::test_support::*;

    fn sprite(columns: i64) -> String {
        json!({ "SnapshotType": "SpriteSnapshot", "SnapshotConfig": { "FrameType": "normal", "Count": 20, "Interval": 1,
            "SpecifiedOffsetTime": 0, "SpriteSnapshotConfig": { "CellWidth": 120, "CellHeight": 68, "Columns": columns, "Lines": 2 } } })
        .to_string()
    }

    #[tokio::test]
    async fn snapshot_templates_are_added_read_changed_listed_and_deleted() {
        let (b, _d) = backend().await;
        let listed = ok(&b, "ListVodTemplate", &[("TemplateType", "Snapshot")]).await;
        assert_eq!(listed["VodTemplateInfoList"].as_array().unwrap().len(), 2);
        let id = ok(&b, "AddVodTemplate", &[("Name", "雪碧图 mini"), ("TemplateType", "Snapshot"), ("TemplateConfig", &sprite(10))]).await
            ["VodTemplateId"].as_str().unwrap().to_string();
        let got = ok(&b, "GetVodTemplate", &[("VodTemplateId", &id)]).await;
        let config: Value = serde_json::from_str(got["VodTemplateInfo"]["TemplateConfig"].as_str().unwrap()).unwrap();
        assert_eq!(config["SnapshotConfig"]["SpriteSnapshotConfig"]["Columns"], 10);
        assert_eq!(got["VodTemplateInfo"]["IsDefault"], "NotDefault");
        ok(&b, "UpdateVodTemplate", &[("VodTemplateId", &id), ("Name", "改名"), ("TemplateConfig", &sprite(5))]).await;
        let got = ok(&b, "GetVodTemplate", &[("VodTemplateId", &id)]).await;
        assert_eq!(got["VodTemplateInfo"]["Name"], "改名");
        assert_eq!(ok(&b, "ListVodTemplate", &[("TemplateType", "Snapshot")]).await["VodTemplateInfoList"].as_array().unwrap().len(), 3);
        ok(&b, "DeleteVodTemplate", &[("VodTemplateId", &id)]).await;
        let e = err(&b, "GetVodTemplate", &[("VodTemplateId", &id)]).await;
        assert_eq!((e.status, e.code.as_str()), (404, "InvalidVodTemplate.NotFound"));
    }

    #[tokio::test]
    async fn a_config_is_checked_field_by_field() {
        let (b, _d) = backend().await;
        let b = &b;
        let add = |config: String| async move {
            err(b, "AddVodTemplate", &[("Name", "t"), ("TemplateType", "Snapshot"), ("TemplateConfig", &config)]).await
        };
        let e = add(sprite(0)).await;
        assert!(e.message.contains("TemplateConfig.SnapshotConfig.SpriteSnapshotConfig.Columns"), "{}", e.message);
        let e = add(json!({ "SnapshotType": "NormalSnapshot", "SnapshotConfig": { "FrameType": "intra", "Count": 0, "Interval": 0, "SpecifiedOffsetTime": 0 } }).to_string()).await;
        assert!(e.message.contains("SnapshotConfig.Count"), "{}", e.message);
        let e = add(json!({ "SnapshotType": "NormalSnapshot", "SnapshotConfig": { "FrameType": "intra", "Count": 3, "Interval": 0, "SpecifiedOffsetTime": 0, "Width": 5000 } }).to_string()).await;
        assert!(e.message.contains("SnapshotConfig.Width"), "{}", e.message);
        let e = add(json!({ "SnapshotType": "Gif" }).to_string()).await;
        assert!(e.message.contains("TemplateConfig.SnapshotType"), "{}", e.message);
        let e = err(b, "AddVodTemplate", &[("Name", "t"), ("TemplateType", "Video"), ("TemplateConfig", &sprite(2))]).await;
        assert_eq!(e.code, "InvalidParameter");
        assert_eq!(err(b, "ListVodTemplate", &[]).await.code, "MissingParameter");
    }

    #[tokio::test]
    async fn animated_image_templates_have_rules_of_their_own() {
        let (b, _d) = backend().await;
        let gif = |fps: &str, format: &str| {
            json!({ "Video": { "Width": "320", "Height": "180", "Fps": fps }, "Container": { "Format": format },
                "Clip": { "TimeSpan": { "Seek": "00:00:02", "Duration": "3" } } })
            .to_string()
        };
        assert_eq!(ok(&b, "ListVodTemplate", &[("TemplateType", "DynamicImage")]).await["VodTemplateInfoList"].as_array().unwrap().len(), 1);
        let id = ok(&b, "AddVodTemplate", &[("Name", "动图"), ("TemplateType", "DynamicImage"), ("TemplateConfig", &gif("12", "webp"))]).await
            ["VodTemplateId"].as_str().unwrap().to_string();
        let got = ok(&b, "GetVodTemplate", &[("VodTemplateId", &id)]).await;
        assert_eq!(got["VodTemplateInfo"]["TemplateType"], "DynamicImage");
        // A snapshot configuration is not an animated image's, and the reverse.
        let e = err(&b, "UpdateVodTemplate", &[("VodTemplateId", &id), ("TemplateConfig", &sprite(3))]).await;
        assert!(e.message.contains("TemplateConfig.Video.Width"), "{}", e.message);
        let e = err(&b, "AddVodTemplate", &[("Name", "t"), ("TemplateType", "Snapshot"), ("TemplateConfig", &gif("12", "gif"))]).await;
        assert!(e.message.contains("TemplateConfig.SnapshotType"), "{}", e.message);
        let e = err(&b, "UpdateVodTemplate", &[("VodTemplateId", &id), ("TemplateConfig", &gif("75", "gif"))]).await;
        assert!(e.message.contains("TemplateConfig.Video.Fps"), "{}", e.message);
        let e = err(&b, "AddVodTemplate", &[("Name", "t"), ("TemplateType", "DynamicImage"), ("TemplateConfig", &gif("10", "png"))]).await;
        assert!(e.message.contains("TemplateConfig.Container.Format") && e.message.contains("gif, webp"), "{}", e.message);
        assert_eq!(ok(&b, "ListVodTemplate", &[("TemplateType", "DynamicImage")]).await["VodTemplateInfoList"].as_array().unwrap().len(), 2);
    }

}
