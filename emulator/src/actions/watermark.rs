//! Watermark templates: Add/Update/Delete/Get/ListWatermark and SetDefaultWatermark.
//! The demo account has an image logo (the default) and a text credit; a demo image
//! watermark's file is served at `/media/watermarks/`, one added later keeps the URL it
//! was given (a file uploaded with CreateUploadAttachedMedia).
//!
//! `WatermarkConfig` is checked field by field with VOD's rules (`vod::watermark`, the
//! same rules the console's form uses); a broken rule is `InvalidParameter` naming the
//! field. The seed says the default watermark cannot be deleted without naming a code:
//! the emulator answers `Forbidden` (403), as for the other things VOD refuses to delete.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use vod::watermark::{self as rules_wm, Corner, ImageFields, Problem, Rule, TextFields};

use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Watermark};

/// The application a watermark belongs to when `AppId` is left out.
const DEFAULT_APP: &str = "app-1000000";

/// A watermark as VOD renders it: `WatermarkConfig` is a JSON string, `IsDefault` a word,
/// and the file URL absolute (stored relative to the emulator's address, with `{id}`).
fn render(base_url: &str, w: &Watermark) -> Value {
    let file_url = if w.file_url.is_empty() || w.file_url.starts_with("http") {
        w.file_url.clone()
    } else {
        format!("{base_url}/{}", w.file_url.replace("{id}", &w.watermark_id))
    };
    json!({
        "WatermarkId": w.watermark_id,
        "Name": w.name,
        "AppId": w.app_id,
        "Type": w.kind,
        "IsDefault": if w.is_default { "Default" } else { "NotDefault" },
        "WatermarkConfig": w.config.to_string(),
        "FileUrl": file_url,
        "CreationTime": rules::iso(w.creation_time),
    })
}

/// The watermarks of `AppId`, or of every application when it is left out (as the SDK
/// documents).
pub async fn list_watermark(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let app_id = req.param("AppId");
    let all = b.all::<Watermark>().await?;
    let list: Vec<Value> =
        all.iter().filter(|w| app_id.is_none_or(|a| w.app_id == a)).map(|w| render(&req.base_url, w)).collect();
    Ok(json!({ "WatermarkInfos": list }))
}

fn no_such_watermark(id: &str) -> ApiError {
    ApiError::new(404, "NoSuchResource", format!("The resource \"WatermarkId: {id}\" does not exist."))
}

async fn find(b: &Backend, req: &ActionRequest) -> Result<Watermark, ApiError> {
    let id = rules::required(req, "WatermarkId")?;
    b.all::<Watermark>().await?.iter().find(|w| w.watermark_id == id).cloned().ok_or_else(|| no_such_watermark(id))
}

/// VOD's sentence for a broken rule, naming the field.
fn refused(p: Problem) -> ApiError {
    let why = match p.rule {
        Rule::Missing => "It is required.".to_string(),
        Rule::Length => "It must be pixels in [8, 4096] or a share of the frame in (0, 1).".to_string(),
        Rule::Corner => format!("Valid values: {}.", Corner::ALL.map(Corner::as_str).join(", ")),
        Rule::Seconds => "It must be a number of seconds (Duration: or ToEND).".to_string(),
        Rule::Font => format!("Valid values: {}.", rules_wm::FONTS.map(|(name, _)| name).join(", ")),
        Rule::Color => "It must be a colour name or #RRGGBB.".to_string(),
        Rule::Integer { min, max, min_included, max_included } => format!(
            "It must be an integer in {}{min}, {max}{}.",
            if min_included { "[" } else { "(" },
            if max_included { "]" } else { ")" }
        ),
        Rule::Alpha => "It must be in (0, 1].".to_string(),
        Rule::TooLong(max) => return rules::length_exceeded(p.field, max),
        Rule::Character(_) if p.field == "Name" => "Only Chinese characters, letters and digits are allowed.".to_string(),
        Rule::Character(_) => return rules::illegal_characters(p.field),
    };
    let field = if p.field == "Name" { p.field.to_string() } else { format!("WatermarkConfig.{}", p.field) };
    ApiError::invalid(&field, &why)
}

/// The config's fields as the strings VOD reads, by wire name (`Timeline.Start` for the
/// timeline's): numbers are accepted for the string fields, as VOD's own examples mix them.
fn fields_of(config: &Map<String, Value>) -> HashMap<String, String> {
    fn text(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
    let mut out: HashMap<String, String> = config.iter().filter_map(|(k, v)| Some((k.clone(), text(v)?))).collect();
    if let Some(timeline) = config.get("Timeline").and_then(Value::as_object) {
        out.extend(timeline.iter().filter_map(|(k, v)| Some((format!("Timeline.{k}"), text(v)?))));
    }
    out
}

/// Parses and checks `WatermarkConfig` for a watermark of `kind`; returns it as stored.
fn check_config(kind: &str, raw: &str) -> Result<Value, ApiError> {
    let not_an_object = || ApiError::invalid("WatermarkConfig", "It must be a JSON object.");
    let parsed: Value = serde_json::from_str(raw).map_err(|_| not_an_object())?;
    let fields = fields_of(parsed.as_object().ok_or_else(not_an_object)?);
    let get = |name: &'static str| fields.get(name).map(String::as_str);
    if kind == "Image" {
        rules_wm::check_image(&ImageFields::read(get)).map_err(refused)?;
    } else {
        rules_wm::check_text(&TextFields::read(get)).map_err(refused)?;
    }
    Ok(parsed)
}

pub async fn get_watermark(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let w = find(b, req).await?;
    Ok(json!({ "WatermarkInfo": render(&req.base_url, &w) }))
}

pub async fn add_watermark(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let name = rules::required(req, "Name")?;
    rules_wm::check_name(name).map_err(refused)?;
    let kind = rules::required(req, "Type")?;
    if !["Image", "Text"].contains(&kind) {
        return Err(ApiError::invalid("Type", "Valid values: Image, Text."));
    }
    let config = check_config(kind, rules::required(req, "WatermarkConfig")?)?;
    let file_url = if kind == "Image" {
        let url = rules::required(req, "FileUrl")?;
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.contains('?') {
            return Err(ApiError::invalid("FileUrl", "It must be the file's OSS URL, without authentication parameters."));
        }
        url.to_string()
    } else {
        String::new()
    };
    let w = Watermark {
        watermark_id: rules::new_id(),
        name: name.to_string(),
        app_id: req.param("AppId").unwrap_or(DEFAULT_APP).to_string(),
        kind: kind.to_string(),
        is_default: false,
        config,
        file_url,
        creation_time: b.now(),
    };
    store::put(&b.pool, &w).await?;
    Ok(changed(&req.base_url, &w))
}

pub async fn update_watermark(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mut w = find(b, req).await?;
    if let Some(name) = req.param("Name") {
        rules_wm::check_name(name).map_err(refused)?;
        w.name = name.to_string();
    }
    w.config = check_config(&w.kind, rules::required(req, "WatermarkConfig")?)?;
    store::put(&b.pool, &w).await?;
    Ok(changed(&req.base_url, &w))
}

pub async fn delete_watermark(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let w = find(b, req).await?;
    if w.is_default {
        return Err(ApiError::new(403, "Forbidden", "The default watermark cannot be deleted."));
    }
    store::delete::<Watermark>(&b.pool, &w.watermark_id).await?;
    Ok(json!({}))
}

/// The answer of AddWatermark and UpdateWatermark: the watermark without `AppId` (their
/// field tables, and the SDK's models, have none).
fn changed(base_url: &str, w: &Watermark) -> Value {
    let mut info = render(base_url, w);
    if let Some(o) = info.as_object_mut() {
        o.remove("AppId");
    }
    json!({ "WatermarkInfo": info })
}

/// Makes one watermark the default of its application; the previous default stops being it.
pub async fn set_default_watermark(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let chosen = find(b, req).await?;
    let changed: Vec<Watermark> = b
        .all::<Watermark>()
        .await?
        .iter()
        .filter(|w| w.app_id == chosen.app_id && w.is_default != (w.watermark_id == chosen.watermark_id))
        .map(|w| Watermark { is_default: w.watermark_id == chosen.watermark_id, ..w.clone() })
        .collect();
    store::put_many(&b.pool, &changed).await?;
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const IMAGE: &str = r#"{"Dx":"10","Dy":"0.05","Width":"64","Height":"0.1","ReferPos":"BottomRight","Timeline":{"Start":"0","Duration":"ToEND"}}"#;

    async fn add_image(b: &crate::actions::Backend, name: &str) -> String {
        let r = ok(b, "AddWatermark", &[("Name", name), ("Type", "Image"), ("WatermarkConfig", IMAGE), ("FileUrl", "https://bucket.oss-cn-shanghai.aliyuncs.com/watermark/logo.png")]).await;
        r["WatermarkInfo"]["WatermarkId"].as_str().unwrap().to_string()
    }

    #[tokio::test]
    async fn add_get_update_delete_an_image_watermark() {
        let (b, _dir) = backend().await;
        let id = add_image(&b, "新台标2").await;
        let got = ok(&b, "GetWatermark", &[("WatermarkId", &id)]).await;
        let info = &got["WatermarkInfo"];
        assert_eq!((info["Name"].as_str(), info["Type"].as_str(), info["IsDefault"].as_str()), (Some("新台标2"), Some("Image"), Some("NotDefault")));
        assert_eq!(info["FileUrl"], "https://bucket.oss-cn-shanghai.aliyuncs.com/watermark/logo.png");
        let config: serde_json::Value = serde_json::from_str(info["WatermarkConfig"].as_str().unwrap()).unwrap();
        assert_eq!(config["ReferPos"], "BottomRight");

        // The name may be left out; the type cannot change, so the config is checked as an image's.
        let moved = IMAGE.replace("BottomRight", "TopLeft");
        let r = ok(&b, "UpdateWatermark", &[("WatermarkId", &id), ("WatermarkConfig", &moved)]).await;
        assert_eq!(r["WatermarkInfo"]["Name"], "新台标2");
        assert!(r["WatermarkInfo"]["WatermarkConfig"].as_str().unwrap().contains("TopLeft"));
        let e = err(&b, "UpdateWatermark", &[("WatermarkId", &id), ("WatermarkConfig", r#"{"Content":"text"}"#)]).await;
        assert_eq!((e.status, e.code.as_str()), (400, "InvalidParameter"));
        assert!(e.message.contains("WatermarkConfig.Width"), "{}", e.message);

        assert_eq!(ok(&b, "ListWatermark", &[]).await["WatermarkInfos"].as_array().unwrap().len(), 3);
        ok(&b, "DeleteWatermark", &[("WatermarkId", &id)]).await;
        let e = err(&b, "GetWatermark", &[("WatermarkId", &id)]).await;
        assert_eq!((e.status, e.code.as_str()), (404, "NoSuchResource"));
        assert_eq!(err(&b, "DeleteWatermark", &[("WatermarkId", &id)]).await.code, "NoSuchResource");
    }

    #[tokio::test]
    async fn every_limit_of_the_config_is_refused_naming_its_field() {
        let (b, _dir) = backend().await;
        let add = |kind: &'static str, config: String| {
            let b = &b;
            async move {
                call(b, "AddWatermark", &[("Name", "水印"), ("Type", kind), ("WatermarkConfig", &config), ("FileUrl", "https://o.example/w.png")]).await
            }
        };
        for (config, field) in [
            (IMAGE.replace("\"Dx\":\"10\"", "\"Dx\":\"7\""), "WatermarkConfig.Dx"),
            (IMAGE.replace("\"Width\":\"64\"", "\"Width\":\"1\""), "WatermarkConfig.Width"),
            (IMAGE.replace("\"Height\":\"0.1\"", "\"Height\":\"4097\""), "WatermarkConfig.Height"),
            (IMAGE.replace("BottomRight", "BottonLeft"), "WatermarkConfig.ReferPos"),
            (IMAGE.replace("ToEND", "-3"), "WatermarkConfig.Timeline.Duration"),
        ] {
            let e = add("Image", config).await.unwrap_err();
            assert_eq!(e.code, "InvalidParameter");
            assert!(e.message.contains(&format!("\"{field}\"")), "{field}: {}", e.message);
        }
        for (config, field) in [
            (r#"{"Content":""}"#, "WatermarkConfig.Content"),
            (r#"{"Content":"水印","FontSize":4}"#, "WatermarkConfig.FontSize"),
            (r#"{"Content":"水印","FontSize":"120"}"#, "WatermarkConfig.FontSize"),
            (r#"{"Content":"水印","FontAlpha":"0"}"#, "WatermarkConfig.FontAlpha"),
            (r#"{"Content":"水印","FontName":"Arial"}"#, "WatermarkConfig.FontName"),
            (r#"{"Content":"水印","FontColor":"Blurple"}"#, "WatermarkConfig.FontColor"),
            (r#"{"Content":"水印","BorderWidth":4097}"#, "WatermarkConfig.BorderWidth"),
            (r#"{"Content":"水印","Top":-1}"#, "WatermarkConfig.Top"),
        ] {
            let e = add("Text", config.to_string()).await.unwrap_err();
            assert!(e.message.contains(&format!("\"{field}\"")), "{field}: {}", e.message);
        }
        assert!(add("Text", r##"{"Content":"水印","FontSize":119,"FontColor":"#ff0000","FontAlpha":"1","Top":0,"Left":4096}"##.into()).await.is_ok());
        assert_eq!(add("Text", "not json".into()).await.unwrap_err().code, "InvalidParameter");
        let e = call(&b, "AddWatermark", &[("Name", "my logo"), ("Type", "Text"), ("WatermarkConfig", r#"{"Content":"x"}"#)]).await.unwrap_err();
        assert!(e.message.contains("\"Name\""), "{}", e.message);
        let e = call(&b, "AddWatermark", &[("Name", &"水".repeat(43)), ("Type", "Text"), ("WatermarkConfig", r#"{"Content":"x"}"#)]).await.unwrap_err();
        assert_eq!(e.code, "LengthExceededMax");
        let e = call(&b, "AddWatermark", &[("Name", "图"), ("Type", "Image"), ("WatermarkConfig", IMAGE)]).await.unwrap_err();
        assert_eq!((e.code.as_str(), e.message.contains("FileUrl")), ("MissingParameter", true));
        let e = call(&b, "AddWatermark", &[("Name", "图"), ("Type", "Video"), ("WatermarkConfig", IMAGE)]).await.unwrap_err();
        assert!(e.message.contains("\"Type\""));
    }

    #[tokio::test]
    async fn one_default_per_application_and_it_cannot_be_deleted() {
        let (b, _dir) = backend().await;
        let list = ok(&b, "ListWatermark", &[]).await;
        let old = list["WatermarkInfos"].as_array().unwrap().iter().find(|w| w["IsDefault"] == "Default").unwrap()["WatermarkId"]
            .as_str()
            .unwrap()
            .to_string();
        let e = err(&b, "DeleteWatermark", &[("WatermarkId", &old)]).await;
        assert_eq!((e.status, e.code.as_str()), (403, "Forbidden"));

        let new = add_image(&b, "新默认").await;
        ok(&b, "SetDefaultWatermark", &[("WatermarkId", &new)]).await;
        let list = ok(&b, "ListWatermark", &[]).await;
        let defaults: Vec<&str> = list["WatermarkInfos"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["IsDefault"] == "Default")
            .map(|w| w["WatermarkId"].as_str().unwrap())
            .collect();
        assert_eq!(defaults, vec![new.as_str()]);
        // The old default is an ordinary watermark again, and can go.
        ok(&b, "DeleteWatermark", &[("WatermarkId", &old)]).await;
        assert_eq!(err(&b, "SetDefaultWatermark", &[("WatermarkId", "0000")]).await.code, "NoSuchResource");
    }

    #[tokio::test]
    async fn the_demo_watermarks_are_listed_with_one_default() {
        let (b, _dir) = backend().await;
        let r = ok(&b, "ListWatermark", &[]).await;
        let list = r["WatermarkInfos"].as_array().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.iter().filter(|w| w["IsDefault"] == "Default").count(), 1);
        let image = list.iter().find(|w| w["Type"] == "Image").unwrap();
        let config: serde_json::Value = serde_json::from_str(image["WatermarkConfig"].as_str().unwrap()).unwrap();
        assert_eq!(config["ReferPos"], "TopRight");
        let id = image["WatermarkId"].as_str().unwrap();
        assert!(image["FileUrl"].as_str().unwrap().ends_with(&format!("/media/watermarks/{id}.png")));
        let text = list.iter().find(|w| w["Type"] == "Text").unwrap();
        assert_eq!(text["FileUrl"], "");
        assert_eq!(ok(&b, "ListWatermark", &[("AppId", "app-1000000")]).await["WatermarkInfos"].as_array().unwrap().len(), 2);
        assert_eq!(ok(&b, "ListWatermark", &[("AppId", "app-other")]).await["WatermarkInfos"].as_array().unwrap().len(), 0);
    }
}
