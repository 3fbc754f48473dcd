//! Images and video snapshots: GetImageInfo(s), UpdateImageInfos, DeleteImage (by
//! ImageId, by ImageURL, or a video's snapshots by VideoId + ImageType), ListSnapshots.

use serde_json::{json, Value};

use super::category;
use super::media::{self, update_content};
use super::render;
use super::rules::{self, check_tags, check_text, iso, DESCRIPTION_MAX_BYTES, TITLE_MAX_BYTES};
use super::{ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, Image, Video};

pub const BATCH_MAX: usize = 20;
pub const SNAPSHOT_TYPES: &[&str] = &[
    "CoverSnapshot",
    "NormalSnapshot",
    "SpriteSnapshot",
    "SpriteOriginSnapshot",
    "WebVttSnapshot",
];

pub fn no_such_resource() -> ApiError {
    ApiError::new(
        404,
        "NoSuchResource",
        "The specified resource does not exist.",
    )
}

fn check_output(req: &ActionRequest) -> Result<(), ApiError> {
    rules::enum_param(req, "OutputType", &["oss", "cdn"], "cdn")?;
    if let Some(t) = rules::int_param(req, "AuthTimeout")? {
        if t < 1 {
            return Err(ApiError::invalid("AuthTimeout", "It must be at least 1."));
        }
    }
    Ok(())
}

pub async fn get_image_info(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let id = rules::required(req, "ImageId")?;
    check_output(req)?;
    let img = store::get::<Image>(&b.pool, id.trim())
        .await?
        .ok_or_else(no_such_resource)?;
    let cats = category::load(b).await?;
    let info = render::pick(
        &render::image_info(&req.base_url, &img, &cats),
        render::IMAGE_INFO_KEYS,
    );
    Ok(json!({ "ImageInfo": info }))
}

pub async fn get_image_infos(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let ids = rules::id_batch(req, "ImageIds", BATCH_MAX)?
        .ok_or_else(|| ApiError::missing("ImageIds"))?;
    check_output(req)?;
    let cats = category::load(b).await?;
    let mut infos = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        match store::get::<Image>(&b.pool, &id).await? {
            Some(img) => infos.push(Value::Object(render::pick(
                &render::image_info(&req.base_url, &img, &cats),
                render::IMAGE_INFO_KEYS,
            ))),
            None => missing.push(id),
        }
    }
    Ok(json!({ "ImageInfo": infos, "NonExistImageIds": missing }))
}

pub async fn update_image_infos(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let entries = update_content(req)?;
    let cats = category::load(b).await?;
    for e in &entries {
        if e.get("ImageId")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return Err(ApiError::missing("UpdateContent.ImageId"));
        }
        if let Some(t) = e.get("Title").and_then(Value::as_str) {
            check_text("Title", t, TITLE_MAX_BYTES)?;
        }
        if let Some(d) = e.get("Description").and_then(Value::as_str) {
            check_text("Description", d, DESCRIPTION_MAX_BYTES)?;
        }
        if let Some(t) = e.get("Tags").and_then(Value::as_str) {
            check_tags(t)?;
        }
        if let Some(c) = cate_of(e)? {
            if !category::exists(&cats, c) {
                return Err(category::not_found());
            }
        }
    }
    let now = b.now();
    let mut missing = Vec::new();
    for e in &entries {
        let id = e["ImageId"].as_str().unwrap_or_default();
        let Some(mut img) = store::get::<Image>(&b.pool, id).await? else {
            missing.push(id.to_string());
            continue;
        };
        if let Some(t) = e.get("Title").and_then(Value::as_str) {
            img.title = t.to_string();
        }
        if let Some(d) = e.get("Description").and_then(Value::as_str) {
            img.description = d.to_string();
        }
        if let Some(t) = e.get("Tags").and_then(Value::as_str) {
            img.tags = check_tags(t)?;
        }
        if let Some(c) = cate_of(e)? {
            img.cate_id = Some(c);
        }
        img.modification_time = now;
        store::put(&b.pool, &img).await?;
    }
    Ok(json!({ "NonExistImageIds": { "ImageId": missing } }))
}

fn cate_of(e: &Value) -> Result<Option<i64>, ApiError> {
    match e.get("CateId") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_i64()),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .parse()
            .map(Some)
            .map_err(|_| ApiError::invalid("CateId", "It must be an integer.")),
        Some(_) => Err(ApiError::invalid("CateId", "It must be an integer.")),
    }
}

/// What an image URL served by this emulator points at.
#[derive(Debug, PartialEq)]
pub enum UrlTarget {
    Image(String),
    Snapshot {
        video_id: String,
        kind: String,
        index: i64,
    },
}

/// Recognises `/media/images/{id}.{ext}` and `/media/snapshots/{video}/{kind}/{n}.svg`
/// whatever the host (query strings such as `auth_key` are ignored).
pub fn parse_media_url(url: &str) -> Option<UrlTarget> {
    let path = url.split(['?', '#']).next()?;
    let rest = &path[path.find("/media/")? + "/media/".len()..];
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["images", file] => Some(UrlTarget::Image(file.split('.').next()?.to_string())),
        ["snapshots", video, kind, file] => Some(UrlTarget::Snapshot {
            video_id: (*video).to_string(),
            kind: (*kind).to_string(),
            index: file.split('.').next()?.parse().ok()?,
        }),
        _ => None,
    }
}

pub async fn delete_image(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let mode = rules::required(req, "DeleteImageType")?;
    match mode {
        "ImageId" => {
            let ids = rules::id_batch(req, "ImageIds", BATCH_MAX)?
                .ok_or_else(|| ApiError::missing("ImageIds"))?;
            let mut deleted = 0;
            for id in &ids {
                if let Some(img) = store::get::<Image>(&b.pool, id).await? {
                    remove_image(b, &img).await?;
                    deleted += 1;
                }
            }
            if deleted == 0 {
                return Err(no_such_resource());
            }
        }
        "ImageURL" => {
            let urls = rules::id_batch(req, "ImageURLs", BATCH_MAX)?
                .ok_or_else(|| ApiError::missing("ImageURLs"))?;
            let mut deleted = 0;
            for url in &urls {
                match parse_media_url(&rules::percent_decode(url)) {
                    Some(UrlTarget::Image(id)) => {
                        if let Some(img) = store::get::<Image>(&b.pool, &id).await? {
                            remove_image(b, &img).await?;
                            deleted += 1;
                        }
                    }
                    Some(UrlTarget::Snapshot {
                        video_id,
                        kind,
                        index,
                    }) => {
                        if let Some(mut v) = store::get::<Video>(&b.pool, &video_id).await? {
                            let before = v.snapshots.len();
                            v.snapshots
                                .retain(|s| !(s.kind == kind && s.index == index));
                            if v.snapshots.len() != before {
                                v.modification_time = b.now();
                                store::put(&b.pool, &v).await?;
                                deleted += 1;
                            }
                        }
                    }
                    None => {}
                }
            }
            if deleted == 0 {
                return Err(no_such_resource());
            }
        }
        "VideoId" => {
            let video_id = rules::required(req, "VideoId")?;
            let types = rules::split_list(rules::required(req, "ImageType")?);
            let valid = [
                "CoverSnapshot",
                "NormalSnapshot",
                "SpriteSnapshot",
                "SpriteOriginSnapshot",
                "All",
            ];
            if types.iter().any(|t| !valid.contains(&t.as_str()))
                || (types.len() > 1 && types.iter().any(|t| t == "All"))
            {
                return Err(ApiError::invalid(
                    "ImageType",
                    &format!(
                        "Valid values: {}; All cannot be combined.",
                        valid.join(", ")
                    ),
                ));
            }
            let mut v = store::get::<Video>(&b.pool, video_id.trim())
                .await?
                .ok_or_else(no_such_resource)?;
            let all = types.iter().any(|t| t == "All");
            v.snapshots.retain(|s| !(all || types.contains(&s.kind)));
            v.modification_time = b.now();
            store::put(&b.pool, &v).await?;
        }
        _ => {
            return Err(ApiError::invalid(
                "DeleteImageType",
                "Valid values: ImageURL, ImageId, VideoId.",
            ))
        }
    }
    Ok(json!({}))
}

async fn remove_image(b: &Backend, img: &Image) -> Result<(), ApiError> {
    store::delete::<Image>(&b.pool, &img.image_id).await?;
    if let Some(p) = &img.source_path {
        let _ = tokio::fs::remove_file(b.objects_dir().join(p)).await;
    }
    Ok(())
}

pub async fn list_snapshots(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let video_id = rules::required(req, "VideoId")?;
    let kind = rules::enum_param(req, "SnapshotType", SNAPSHOT_TYPES, "CoverSnapshot")?;
    let page_no = rules::page_no(req)?;
    let page_size = rules::page_size(req, 20, 100)?;
    rules::int_param(req, "AuthTimeout")?;
    let v = store::get::<Video>(&b.pool, video_id.trim())
        .await?
        .ok_or_else(media::video_not_found)?;
    if !matches!(
        v.status.as_str(),
        "UploadSucc" | "Normal" | "Checking" | "Blocked"
    ) {
        return Err(ApiError::new(
            400,
            "Forbidden.IllegalStatus",
            "Status of the video is illegal.",
        ));
    }
    let all: Vec<_> = v.snapshots.iter().filter(|s| s.kind == kind).collect();
    let page: Vec<Value> = all
        .iter()
        .skip(((page_no - 1) * page_size) as usize)
        .take(page_size as usize)
        .map(|s| json!({ "Index": s.index, "Url": render::snapshot_url(&req.base_url, &v.video_id, &s.kind, s.index) }))
        .collect();
    let mut snap = json!({
        "Total": all.len(),
        "Snapshots": { "Snapshot": page },
    });
    if !all.is_empty() {
        snap["JobId"] = json!(format!("{:x}{}", v.creation_time, &v.video_id[..24]));
        snap["CreationTime"] = json!(iso(v.creation_time + 60));
        snap["Regular"] = json!(format!(
            "{}/media/snapshots/{}/{kind}/{{Index}}.jpg",
            req.base_url, v.video_id
        ));
    }
    Ok(json!({ "MediaSnapshot": snap }))
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::store::{self, Image};

    #[tokio::test]
    async fn delete_image_in_all_three_modes() {
        let (b, _d) = backend().await;
        let images = store::load_all::<Image>(&b.pool).await.unwrap();
        let (a, c) = (&images[0], &images[1]);
        ok(
            &b,
            "DeleteImage",
            &[("DeleteImageType", "ImageId"), ("ImageIds", &a.image_id)],
        )
        .await;
        assert_eq!(
            err(&b, "GetImageInfo", &[("ImageId", &a.image_id)])
                .await
                .code,
            "NoSuchResource"
        );
        let url = ok(&b, "GetImageInfo", &[("ImageId", &c.image_id)]).await["ImageInfo"]["URL"]
            .as_str()
            .unwrap()
            .to_string();
        let encoded = url.replace(':', "%3A").replace('/', "%2F");
        ok(
            &b,
            "DeleteImage",
            &[("DeleteImageType", "ImageURL"), ("ImageURLs", &encoded)],
        )
        .await;
        let got = ok(
            &b,
            "GetImageInfos",
            &[(
                "ImageIds",
                &format!("{},{}", c.image_id, images[2].image_id),
            )],
        )
        .await;
        assert_eq!(got["NonExistImageIds"][0], c.image_id.as_str());
        assert_eq!(got["ImageInfo"].as_array().unwrap().len(), 1);

        let v = video_with_status(&b, "Normal").await;
        let snaps = ok(
            &b,
            "ListSnapshots",
            &[("VideoId", &v.video_id), ("SnapshotType", "NormalSnapshot")],
        )
        .await;
        let first = snaps["MediaSnapshot"]["Snapshots"]["Snapshot"][0]["Url"]
            .as_str()
            .unwrap()
            .to_string();
        let before = snaps["MediaSnapshot"]["Total"].as_u64().unwrap();
        ok(
            &b,
            "DeleteImage",
            &[("DeleteImageType", "ImageURL"), ("ImageURLs", &first)],
        )
        .await;
        let snaps = ok(
            &b,
            "ListSnapshots",
            &[("VideoId", &v.video_id), ("SnapshotType", "NormalSnapshot")],
        )
        .await;
        assert_eq!(
            snaps["MediaSnapshot"]["Total"].as_u64().unwrap(),
            before - 1
        );
        ok(
            &b,
            "DeleteImage",
            &[
                ("DeleteImageType", "VideoId"),
                ("VideoId", &v.video_id),
                ("ImageType", "CoverSnapshot"),
            ],
        )
        .await;
        let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
        assert!(got["Video"].get("CoverURL").is_none());
        ok(
            &b,
            "DeleteImage",
            &[
                ("DeleteImageType", "VideoId"),
                ("VideoId", &v.video_id),
                ("ImageType", "All"),
            ],
        )
        .await;
        let got = ok(&b, "GetVideoInfo", &[("VideoId", &v.video_id)]).await;
        assert_eq!(
            got["Video"]["Snapshots"]["Snapshot"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
        let e = err(
            &b,
            "DeleteImage",
            &[
                ("DeleteImageType", "VideoId"),
                ("VideoId", &v.video_id),
                ("ImageType", "All,CoverSnapshot"),
            ],
        )
        .await;
        assert_eq!(e.code, "InvalidParameter");
        assert_eq!(
            err(
                &b,
                "DeleteImage",
                &[("DeleteImageType", "VideoId"), ("VideoId", &v.video_id)]
            )
            .await
            .code,
            "MissingParameter"
        );
        assert_eq!(
            err(
                &b,
                "DeleteImage",
                &[
                    ("DeleteImageType", "ImageId"),
                    ("ImageIds", &"0".repeat(32))
                ]
            )
            .await
            .code,
            "NoSuchResource"
        );
    }
}
