//! Attached (auxiliary) media: watermark files, subtitles, materials.
//! GetAttachedMediaInfo, UpdateAttachedMediaInfos, DeleteAttachedMedia; batches of 20.

use serde_json::{json, Value};

use super::category;
use super::media::update_content;
use super::render;
use super::rules::{self, check_tags, check_text, DESCRIPTION_MAX_BYTES, TITLE_MAX_BYTES};
use super::{ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Attached};

pub const BATCH_MAX: usize = 20;

/// `MediaIds` with at most 20 entries (`ExceededMax`, as the seed names it).
fn media_ids(req: &ActionRequest) -> Result<Vec<String>, ApiError> {
    let raw = rules::required(req, "MediaIds")?;
    let ids = rules::split_list(raw);
    if ids.len() > BATCH_MAX {
        return Err(ApiError::new(
            400,
            "ExceededMax",
            "The MediaIds exceeded maximum.",
        ));
    }
    Ok(ids)
}

pub const KEYS: &[&str] = &[
    "MediaId",
    "Title",
    "Description",
    "Tags",
    "Status",
    "CreationTime",
    "ModificationTime",
    "StorageLocation",
    "AppId",
    "URL",
    "Categories",
];

pub async fn get_attached_media_info(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let ids = media_ids(req)?;
    rules::enum_param(req, "OutputType", &["oss", "cdn"], "cdn")?;
    rules::int_param(req, "AuthTimeout")?;
    let cats = category::load(b).await?;
    let mut list = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        match store::get::<Attached>(&b.pool, &id).await? {
            Some(a) => {
                let mut m = render::pick(&render::attached_full(&req.base_url, &a, &cats), KEYS);
                m.insert("Type".into(), json!(a.business_type));
                list.push(Value::Object(m));
            }
            None => missing.push(id),
        }
    }
    Ok(json!({ "AttachedMediaList": list, "NonExistMediaIds": missing }))
}

pub async fn update_attached_media_infos(
    b: &Backend,
    req: &ActionRequest,
) -> Result<Value, ApiError> {
    let entries = update_content(req)?;
    let cats = category::load(b).await?;
    let mut parsed = Vec::new();
    for e in &entries {
        let id = e
            .get("MediaId")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty());
        let Some(id) = id else {
            return Err(ApiError::missing("UpdateContent.MediaId"));
        };
        let title = e.get("Title").and_then(Value::as_str);
        let description = e.get("Description").and_then(Value::as_str);
        if let Some(t) = title {
            check_text("Title", t, TITLE_MAX_BYTES)?;
        }
        if let Some(d) = description {
            check_text("Description", d, DESCRIPTION_MAX_BYTES)?;
        }
        let tags = e
            .get("Tags")
            .and_then(Value::as_str)
            .map(check_tags)
            .transpose()?;
        let cate_ids = match e.get("CateIds") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let raw = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => {
                        return Err(ApiError::invalid(
                            "CateIds",
                            "It must be comma-separated category IDs.",
                        ))
                    }
                };
                let mut ids = Vec::new();
                for s in rules::split_list(&raw) {
                    let id: i64 = s.parse().map_err(|_| {
                        ApiError::invalid("CateIds", "It must be comma-separated category IDs.")
                    })?;
                    if !category::exists(&cats, id) {
                        return Err(category::not_found());
                    }
                    ids.push(id);
                }
                Some(ids)
            }
        };
        parsed.push((
            id.to_string(),
            title.map(str::to_string),
            description.map(str::to_string),
            tags,
            cate_ids,
        ));
    }
    let now = b.now();
    let mut missing = Vec::new();
    for (id, title, description, tags, cate_ids) in parsed {
        let Some(mut a) = store::get::<Attached>(&b.pool, &id).await? else {
            missing.push(id);
            continue;
        };
        if let Some(t) = title {
            a.title = t;
        }
        if let Some(d) = description {
            a.description = d;
        }
        if let Some(t) = tags {
            a.tags = t;
        }
        if let Some(c) = cate_ids {
            a.cate_ids = c;
        }
        a.modification_time = now;
        store::put(&b.pool, &a).await?;
    }
    Ok(json!({ "NonExistMediaIds": missing }))
}

pub async fn delete_attached_media(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let ids = media_ids(req)?;
    let mut missing = Vec::new();
    for id in ids {
        if !store::delete::<Attached>(&b.pool, &id).await? {
            missing.push(id);
        }
    }
    Ok(json!({ "NonExistMediaIds": missing }))
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::store;

    #[tokio::test]
    async fn attached_media_batch() {
        let (b, _d) = backend().await;
        let all = store::load_all::<crate::store::Attached>(&b.pool)
            .await
            .unwrap();
        let ids = format!("{},{}", all[0].media_id, "0".repeat(32));
        let got = ok(&b, "GetAttachedMediaInfo", &[("MediaIds", &ids)]).await;
        assert_eq!(got["AttachedMediaList"].as_array().unwrap().len(), 1);
        assert_eq!(got["NonExistMediaIds"][0], "0".repeat(32));
        let content = format!(
            "[{{\"MediaId\":\"{}\",\"Title\":\"new title\"}}]",
            all[0].media_id
        );
        ok(
            &b,
            "UpdateAttachedMediaInfos",
            &[("UpdateContent", &content)],
        )
        .await;
        let got = ok(&b, "DeleteAttachedMedia", &[("MediaIds", &ids)]).await;
        assert_eq!(got["NonExistMediaIds"][0], "0".repeat(32));
    }
}
