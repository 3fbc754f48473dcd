//! Watermark templates: ListWatermark. The demo account has an image logo (the default)
//! and a text credit; an image watermark's file is served at `/media/watermarks/`.

use serde_json::{json, Value};

use super::{rules, ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::Watermark;

/// A watermark as VOD renders it: `WatermarkConfig` is a JSON string, `IsDefault` a word,
/// and the file URL absolute (stored relative to the emulator's address, with `{id}`).
fn render(base_url: &str, w: &Watermark) -> Value {
    let file_url = if w.file_url.is_empty() {
        String::new()
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

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
