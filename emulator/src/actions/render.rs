//! Response builders: the JSON shapes of videos, images, categories and attached
//! media, with the exact field names of the SDK models, and the media URLs the
//! emulator serves itself (see `crate::assets`).
//!
//! Each action picks the fields its SDK model declares (`pick`): a key the model does
//! not know would be dropped by the SDK's `from_map`/`to_map` round trip.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::rules::iso;
use crate::store::{Attached, Category, Image, Video};

pub type Categories = HashMap<i64, Category>;

pub fn cover_url(base: &str, v: &Video) -> Option<String> {
    if let Some(url) = &v.custom_cover_url {
        return Some(url.clone());
    }
    v.snapshots
        .iter()
        .find(|s| s.kind == "CoverSnapshot")
        .map(|s| snapshot_url(base, &v.video_id, &s.kind, s.index))
}

pub fn snapshot_url(base: &str, video_id: &str, kind: &str, index: i64) -> String {
    format!("{base}/media/snapshots/{video_id}/{kind}/{index}.jpg")
}

pub fn normal_snapshots(base: &str, v: &Video) -> Vec<String> {
    v.snapshots
        .iter()
        .filter(|s| s.kind == "NormalSnapshot")
        .map(|s| snapshot_url(base, &v.video_id, &s.kind, s.index))
        .collect()
}

pub fn sprite_snapshots(base: &str, v: &Video) -> Vec<String> {
    v.snapshots
        .iter()
        .filter(|s| s.kind == "SpriteSnapshot")
        .map(|s| snapshot_url(base, &v.video_id, &s.kind, s.index))
        .collect()
}

pub fn image_url(base: &str, img: &Image) -> String {
    format!("{base}/media/images/{}.{}", img.image_id, img.ext)
}

pub fn attached_url(base: &str, a: &Attached) -> String {
    format!("{base}/media/attached/{}.{}", a.media_id, a.ext)
}

pub fn source_url(base: &str, v: &Video) -> String {
    format!("{base}/media/source/{}/{}", v.video_id, v.file_name)
}

/// The storage location shown for the emulator's single bucket.
pub fn cate_name(cats: &Categories, id: Option<i64>) -> Option<String> {
    id.and_then(|id| cats.get(&id)).map(|c| c.cate_name.clone())
}

/// Every video field any action may return, under the SDK's names.
pub fn video_full(base: &str, v: &Video, cats: &Categories) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("VideoId".into(), json!(v.video_id));
    m.insert("Title".into(), json!(v.title));
    m.insert("Description".into(), json!(v.description));
    m.insert("Tags".into(), json!(v.tags));
    m.insert("Status".into(), json!(v.status));
    m.insert("Duration".into(), json!(round3(v.duration)));
    m.insert("Size".into(), json!(v.size));
    m.insert("CreationTime".into(), json!(iso(v.creation_time)));
    m.insert("ModificationTime".into(), json!(iso(v.modification_time)));
    m.insert("StorageLocation".into(), json!(v.storage_location));
    m.insert("AppId".into(), json!(v.app_id));
    m.insert("RegionId".into(), json!("cn-shanghai"));
    m.insert("StorageClass".into(), json!(v.storage_class));
    m.insert("DownloadSwitch".into(), json!(v.download_switch));
    m.insert("TemplateGroupId".into(), json!(v.template_group_id));
    m.insert("TranscodeMode".into(), json!(v.transcode_mode));
    m.insert("MediaSource".into(), json!(v.media_source));
    m.insert("PreprocessStatus".into(), json!(v.preprocess_status));
    m.insert("AuditStatus".into(), json!(v.audit_status));
    if let Some(id) = v.cate_id {
        m.insert("CateId".into(), json!(id));
        if let Some(name) = cate_name(cats, Some(id)) {
            m.insert("CateName".into(), json!(name));
        }
    }
    if let Some(url) = cover_url(base, v) {
        m.insert("CoverURL".into(), json!(url));
    }
    if let Some(r) = &v.reference_id {
        m.insert("ReferenceId".into(), json!(r));
    }
    if let Some(u) = &v.user_data {
        m.insert("UserData".into(), json!(u));
    }
    m
}

/// Keeps only `keys` (in that order) of `m`.
pub fn pick(m: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for k in keys {
        if let Some(v) = m.get(*k) {
            out.insert((*k).to_string(), v.clone());
        }
    }
    out
}

pub const GET_VIDEO_INFO_KEYS: &[&str] = &[
    "VideoId",
    "Title",
    "Description",
    "Tags",
    "Status",
    "Duration",
    "Size",
    "CreationTime",
    "ModificationTime",
    "StorageLocation",
    "AppId",
    "RegionId",
    "StorageClass",
    "DownloadSwitch",
    "TemplateGroupId",
    "AuditStatus",
    "CateId",
    "CateName",
    "CoverURL",
    "ReferenceId",
    "UserData",
];

pub const GET_VIDEO_INFOS_KEYS: &[&str] = &[
    "VideoId",
    "Title",
    "Description",
    "Tags",
    "Status",
    "Duration",
    "Size",
    "CreationTime",
    "ModificationTime",
    "StorageLocation",
    "AppId",
    "StorageClass",
    "DownloadSwitch",
    "TemplateGroupId",
    "CateId",
    "CateName",
    "CoverURL",
    "ReferenceId",
    "UserData",
];

pub const GET_VIDEO_LIST_KEYS: &[&str] = &[
    "VideoId",
    "Title",
    "Description",
    "Tags",
    "Status",
    "Duration",
    "Size",
    "CreationTime",
    "ModificationTime",
    "StorageLocation",
    "AppId",
    "StorageClass",
    "CateId",
    "CateName",
    "CoverURL",
    "ReferenceId",
    "UserData",
];

pub const SEARCH_VIDEO_KEYS: &[&str] = &[
    "VideoId",
    "Title",
    "Description",
    "Tags",
    "Status",
    "Duration",
    "Size",
    "CreationTime",
    "ModificationTime",
    "StorageLocation",
    "AppId",
    "StorageClass",
    "DownloadSwitch",
    "TranscodeMode",
    "MediaSource",
    "PreprocessStatus",
    "CateId",
    "CateName",
    "CoverURL",
    "ReferenceId",
];

/// `Video` of GetVideoInfo: snapshots wrapped as `Snapshots.Snapshot[]`.
pub fn video_info(base: &str, v: &Video, cats: &Categories) -> Value {
    let mut m = pick(&video_full(base, v, cats), GET_VIDEO_INFO_KEYS);
    m.insert(
        "Snapshots".into(),
        json!({ "Snapshot": normal_snapshots(base, v) }),
    );
    Value::Object(m)
}

/// `VideoList[]` entry of GetVideoInfos: snapshots as a plain array.
pub fn video_infos_entry(base: &str, v: &Video, cats: &Categories) -> Value {
    let mut m = pick(&video_full(base, v, cats), GET_VIDEO_INFOS_KEYS);
    m.insert("Snapshots".into(), json!(normal_snapshots(base, v)));
    Value::Object(m)
}

/// `VideoList.Video[]` entry of GetVideoList: snapshots wrapped as `Snapshots.Snapshot[]`.
pub fn video_list_entry(base: &str, v: &Video, cats: &Categories) -> Value {
    let mut m = pick(&video_full(base, v, cats), GET_VIDEO_LIST_KEYS);
    m.insert(
        "Snapshots".into(),
        json!({ "Snapshot": normal_snapshots(base, v) }),
    );
    Value::Object(m)
}

/// Every field of an image (GetImageInfo / GetImageInfos / SearchMedia).
pub fn image_info(base: &str, img: &Image, cats: &Categories) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("ImageId".into(), json!(img.image_id));
    m.insert("Title".into(), json!(img.title));
    m.insert("Description".into(), json!(img.description));
    m.insert("Tags".into(), json!(img.tags));
    m.insert("ImageType".into(), json!(img.image_type));
    m.insert("Status".into(), json!(img.status));
    m.insert("CreationTime".into(), json!(iso(img.creation_time)));
    m.insert("ModificationTime".into(), json!(iso(img.modification_time)));
    m.insert("StorageLocation".into(), json!(img.storage_location));
    m.insert("AppId".into(), json!(img.app_id));
    m.insert("URL".into(), json!(image_url(base, img)));
    if let Some(id) = img.cate_id {
        m.insert("CateId".into(), json!(id));
        if let Some(name) = cate_name(cats, Some(id)) {
            m.insert("CateName".into(), json!(name));
        }
    }
    m.insert(
        "Mezzanine".into(),
        json!({
            "FileSize": img.file_size.to_string(),
            "FileURL": image_url(base, img),
            "Height": img.height,
            "Width": img.width,
            "OriginalFileName": img.original_file_name,
        }),
    );
    m
}

pub const IMAGE_INFO_KEYS: &[&str] = &[
    "ImageId",
    "Title",
    "Description",
    "Tags",
    "ImageType",
    "Status",
    "CreationTime",
    "StorageLocation",
    "AppId",
    "URL",
    "CateId",
    "CateName",
    "Mezzanine",
];

pub const SEARCH_IMAGE_KEYS: &[&str] = &[
    "ImageId",
    "Title",
    "Description",
    "Tags",
    "Status",
    "CreationTime",
    "ModificationTime",
    "StorageLocation",
    "AppId",
    "URL",
    "CateId",
    "CateName",
];

/// `{CateId, CateName, Level, ParentId}` entries of an attached media asset.
pub fn attached_categories(a: &Attached, cats: &Categories) -> Vec<Value> {
    a.cate_ids
        .iter()
        .filter_map(|id| cats.get(id))
        .map(|c| json!({"CateId": c.cate_id, "CateName": c.cate_name, "Level": c.level, "ParentId": c.parent_id}))
        .collect()
}

pub fn attached_full(base: &str, a: &Attached, cats: &Categories) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("MediaId".into(), json!(a.media_id));
    m.insert("Title".into(), json!(a.title));
    m.insert("Description".into(), json!(a.description));
    m.insert("Tags".into(), json!(a.tags));
    m.insert("Status".into(), json!(a.status));
    m.insert("CreationTime".into(), json!(iso(a.creation_time)));
    m.insert("ModificationTime".into(), json!(iso(a.modification_time)));
    m.insert("StorageLocation".into(), json!(a.storage_location));
    m.insert("AppId".into(), json!(a.app_id));
    m.insert("URL".into(), json!(attached_url(base, a)));
    m.insert(
        "Categories".into(),
        Value::Array(attached_categories(a, cats)),
    );
    m
}

pub fn category(c: &Category) -> Value {
    json!({
        "CateId": c.cate_id,
        "CateName": c.cate_name,
        "Level": c.level,
        "ParentId": c.parent_id,
        "Type": c.cate_type,
    })
}

/// Durations with at most three decimals, as VOD prints them.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
