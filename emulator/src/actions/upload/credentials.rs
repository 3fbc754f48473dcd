//! Upload credentials: CreateUploadVideo, RefreshUploadVideo, CreateUploadImage and
//! CreateUploadAttachedMedia (watermark files, subtitles, materials).
//! Each creates (or finds) the media record and issues an upload address and STS-like
//! credentials for one object on the emulator's own OSS-like target (`crate::assets`),
//! both Base64-encoded JSON as VOD hands them out.

use serde_json::{json, Value};

use super::lifecycle::new_video;
use super::{check_user_data, extension, is_media_ext, storage_location, IMAGE_EXTENSIONS};
use crate::actions::category;
use crate::actions::media::find_video;
use crate::actions::render;
use crate::actions::rules::{self, check_tags, check_text, iso, DESCRIPTION_MAX_BYTES, TITLE_MAX_BYTES};
use crate::actions::template;
use crate::actions::{ActionRequest, Backend};
use crate::demo;
use crate::error::ApiError;
use crate::store::{self, Attached, Image, TemplateGroup, UploadTarget, Video};

/// Extensions each attached media business type accepts (seed lines 3060-3072).
pub const ATTACHED_EXTENSIONS: &[(&str, &[&str])] = &[
    ("watermark", &["png", "gif", "apng", "mov"]),
    ("subtitle", &["srt", "ass", "stl", "ttml", "vtt"]),
    ("material", &["jpg", "gif", "png", "mp4", "mat", "zip"]),
];
/// At most this many categories for one attached media file.
pub const ATTACHED_CATEGORIES_MAX: usize = 5;

/// Upload credentials last 3000 s, as in VOD.
pub const CREDENTIAL_TTL: i64 = 3000;

fn bucket() -> String {
    demo::STORAGE_LOCATIONS[0]
        .split('.')
        .next()
        .unwrap_or("outin-emulator")
        .to_string()
}

fn check_cate(req: &ActionRequest, cats: &render::Categories) -> Result<Option<i64>, ApiError> {
    let c = rules::int_param(req, "CateId")?;
    if let Some(id) = c {
        if !category::exists(cats, id) {
            return Err(category::not_found());
        }
    }
    Ok(c)
}

fn check_reference(req: &ActionRequest, all: &[Video]) -> Result<Option<String>, ApiError> {
    match req.param("ReferenceId") {
        None => Ok(None),
        Some(r) => {
            let ok = (6..=64).contains(&r.len())
                && r.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(ApiError::invalid(
                    "ReferenceId",
                    "It must be 6-64 letters, digits, hyphens or underscores.",
                ));
            }
            if all.iter().any(|v| v.reference_id.as_deref() == Some(r)) {
                return Err(ApiError::invalid(
                    "ReferenceId",
                    "It is already used by another media asset.",
                ));
            }
            Ok(Some(r.to_string()))
        }
    }
}

/// Issues (or renews) the credentials for one object and returns
/// `(UploadAddress, UploadAuth)`, both Base64-encoded JSON as VOD hands them out.
async fn issue(
    b: &Backend,
    req: &ActionRequest,
    object: &str,
    media_kind: &str,
    media_id: &str,
) -> Result<(String, String), ApiError> {
    let now = b.now();
    let target = UploadTarget {
        object: object.to_string(),
        bucket: bucket(),
        media_kind: media_kind.to_string(),
        media_id: media_id.to_string(),
        access_key_id: format!("STS.{}", &rules::new_id()[..24]),
        access_key_secret: rules::new_id(),
        security_token: format!("CAIS{}{}", rules::new_id(), rules::new_id()),
        expires_at: now + CREDENTIAL_TTL,
        created_at: now,
        completed: false,
    };
    store::put(&b.pool, &target).await?;
    let address = json!({
        "Endpoint": format!("{}/upload", req.base_url),
        "Bucket": target.bucket,
        "FileName": target.object,
    });
    let auth = json!({
        "AccessKeyId": target.access_key_id,
        "AccessKeySecret": target.access_key_secret,
        "SecurityToken": target.security_token,
        "Expiration": CREDENTIAL_TTL.to_string(),
        "ExpireUTCTime": iso(target.expires_at),
        "Region": "cn-shanghai",
    });
    Ok((
        rules::base64(address.to_string().as_bytes()),
        rules::base64(auth.to_string().as_bytes()),
    ))
}

fn object_key(prefix: &str, id: &str, ext: &str) -> String {
    format!("{prefix}/{}-{}/{id}.{ext}", &id[..8], &id[24..])
}

pub async fn create_upload_video(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let title = rules::required(req, "Title")?;
    check_text("Title", title, TITLE_MAX_BYTES)?;
    let file_name = rules::required(req, "FileName")?;
    let ext = extension(file_name)
        .filter(|e| is_media_ext(e))
        .ok_or_else(|| {
            ApiError::new(
                400,
                "InvalidFileName.Extension",
                "The FileName’s extension is illegal.",
            )
        })?;
    let description = req.param("Description").unwrap_or("");
    check_text("Description", description, DESCRIPTION_MAX_BYTES)?;
    let tags = req
        .param("Tags")
        .map(check_tags)
        .transpose()?
        .unwrap_or_default();
    let cats = category::load(b).await?;
    let cate_id = check_cate(req, &cats)?;
    let location = storage_location(req)?;
    let user_data = check_user_data(req)?;
    if let Some(size) = rules::int_param(req, "FileSize")? {
        if size < 0 {
            return Err(ApiError::invalid("FileSize", "It must not be negative."));
        }
    }
    let all = store::load_all::<Video>(&b.pool).await?;
    let reference = check_reference(req, &all)?;
    let groups = b.all::<TemplateGroup>().await?;
    let template_group = template::group_for(&groups, req.param("TemplateGroupId"), None)?;
    let id = rules::new_id();
    let mut v = new_video(
        b,
        &id,
        title,
        file_name,
        &ext,
        location,
        cate_id,
        req.param("AppId").unwrap_or("app-1000000"),
        template_group,
    );
    v.description = description.to_string();
    v.tags = tags;
    v.user_data = user_data;
    v.reference_id = reference;
    v.custom_cover_url = req.param("CoverURL").map(str::to_string);
    v.declared_size = rules::int_param(req, "FileSize")?;
    store::put(&b.pool, &v).await?;
    let (address, auth) = issue(b, req, &object_key("sv", &id, &ext), "video", &id).await?;
    Ok(json!({ "VideoId": id, "UploadAddress": address, "UploadAuth": auth }))
}

pub async fn refresh_upload_video(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let v = find_video(b, req).await?;
    let existing = store::load_all::<UploadTarget>(&b.pool)
        .await?
        .into_iter()
        .filter(|t| t.media_id == v.video_id)
        .max_by_key(|t| t.created_at);
    let ext = extension(&v.file_name).unwrap_or_else(|| "mp4".into());
    let object = existing
        .map(|t| t.object)
        .unwrap_or_else(|| object_key("sv", &v.video_id, &ext));
    let (address, auth) = issue(b, req, &object, "video", &v.video_id).await?;
    Ok(json!({ "VideoId": v.video_id, "UploadAddress": address, "UploadAuth": auth }))
}

pub async fn create_upload_image(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let image_type = rules::required(req, "ImageType")?;
    if !matches!(image_type, "default" | "cover") {
        return Err(ApiError::invalid(
            "ImageType",
            "Valid values: default, cover.",
        ));
    }
    let ext = rules::enum_param(req, "ImageExt", IMAGE_EXTENSIONS, "png")?.to_string();
    let title = req.param("Title").unwrap_or("");
    check_text("Title", title, TITLE_MAX_BYTES)?;
    let description = req.param("Description").unwrap_or("");
    check_text("Description", description, DESCRIPTION_MAX_BYTES)?;
    let tags = req
        .param("Tags")
        .map(check_tags)
        .transpose()?
        .unwrap_or_default();
    let cats = category::load(b).await?;
    let cate_id = check_cate(req, &cats)?;
    let location = storage_location(req)?;
    let user_data = check_user_data(req)?;
    let id = rules::new_id();
    let now = b.now();
    let original = req
        .param("OriginalFileName")
        .map(str::to_string)
        .unwrap_or_else(|| format!("{id}.{ext}"));
    let img = Image {
        image_id: id.clone(),
        title: if title.is_empty() {
            original.clone()
        } else {
            title.to_string()
        },
        description: description.to_string(),
        tags,
        cate_id,
        image_type: image_type.to_string(),
        status: "Uploading".into(),
        creation_time: now,
        modification_time: now,
        storage_location: location,
        app_id: req.param("AppId").unwrap_or("app-1000000").to_string(),
        ext: ext.clone(),
        width: 0,
        height: 0,
        file_size: 0,
        original_file_name: original,
        hue: (u32::from_str_radix(&id[..6], 16).unwrap_or(0)) % 360,
        source_path: None,
        user_data,
    };
    store::put(&b.pool, &img).await?;
    let object = object_key("image/default", &id, &ext);
    let (address, auth) = issue(b, req, &object, "image", &id).await?;
    Ok(json!({
        "ImageId": id,
        "ImageURL": render::image_url(&req.base_url, &img),
        "FileURL": format!("{}/upload/{}/{}", req.base_url, bucket(), object),
        "UploadAddress": address,
        "UploadAuth": auth,
    }))
}

/// An attached media record and the credential to upload its file. The extension comes
/// from `MediaExt`, else from `FileName`, and must be one the business type accepts.
pub async fn create_upload_attached_media(
    b: &Backend,
    req: &ActionRequest,
) -> Result<Value, ApiError> {
    let business_type = rules::required(req, "BusinessType")?;
    let Some((_, accepted)) = ATTACHED_EXTENSIONS
        .iter()
        .find(|(t, _)| *t == business_type)
    else {
        return Err(ApiError::invalid(
            "BusinessType",
            "Valid values: watermark, subtitle, material.",
        ));
    };
    let ext = match (
        req.param("MediaExt"),
        req.param("FileName").and_then(extension),
    ) {
        (Some(e), _) => e.to_ascii_lowercase(),
        (None, Some(e)) => e,
        (None, None) => return Err(ApiError::missing("MediaExt")),
    };
    if !accepted.contains(&ext.as_str()) {
        let valid = accepted.join(", ");
        return Err(ApiError::invalid(
            "MediaExt",
            &format!("A {business_type} file must be one of: {valid}."),
        ));
    }
    let title = req.param("Title").unwrap_or("");
    check_text("Title", title, TITLE_MAX_BYTES)?;
    let description = req.param("Description").unwrap_or("");
    check_text("Description", description, DESCRIPTION_MAX_BYTES)?;
    let tags = req
        .param("Tags")
        .map(check_tags)
        .transpose()?
        .unwrap_or_default();
    if let Some(size) = rules::int_param(req, "FileSize")? {
        if size < 0 {
            return Err(ApiError::invalid("FileSize", "It must not be negative."));
        }
    }
    let cats = category::load(b).await?;
    let mut cate_ids = Vec::new();
    if let Some(raw) = req.param("CateIds") {
        let ids = rules::split_list(raw);
        if ids.len() > ATTACHED_CATEGORIES_MAX {
            return Err(ApiError::invalid("CateIds", "At most 5 categories."));
        }
        for id in ids {
            let id: i64 = id
                .parse()
                .map_err(|_| ApiError::invalid("CateIds", "Each must be a category ID."))?;
            if !category::exists(&cats, id) {
                return Err(category::not_found());
            }
            cate_ids.push(id);
        }
    }
    let location = storage_location(req)?;
    check_user_data(req)?;
    let id = rules::new_id();
    let now = b.now();
    let file_name = req
        .param("FileName")
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string());
    let a = Attached {
        media_id: id.clone(),
        title: if title.is_empty() {
            file_name.unwrap_or_else(|| format!("{id}.{ext}"))
        } else {
            title.to_string()
        },
        description: description.to_string(),
        tags,
        cate_ids,
        business_type: business_type.to_string(),
        status: "Uploading".into(),
        creation_time: now,
        modification_time: now,
        storage_location: location,
        app_id: req.param("AppId").unwrap_or("app-1000000").to_string(),
        ext: ext.clone(),
        file_size: 0,
        hue: (u32::from_str_radix(&id[..6], 16).unwrap_or(0)) % 360,
        source_path: None,
    };
    store::put(&b.pool, &a).await?;
    let object = object_key(business_type, &id, &ext);
    let (address, auth) = issue(b, req, &object, "attached", &id).await?;
    Ok(json!({
        "MediaId": id,
        "FileURL": format!("{}/upload/{}/{}", req.base_url, bucket(), object),
        "MediaURL": format!("{}/media/attached/{id}.{ext}", req.base_url),
        "UploadAddress": address,
        "UploadAuth": auth,
    }))
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::actions::upload;


    #[tokio::test]
    async fn upload_credentials_and_completion() {
        let (b, _d) = backend().await;
        let got = ok(
            &b,
            "CreateUploadVideo",
            &[
                ("Title", "新视频 upload"),
                ("FileName", "clip.mp4"),
                ("Tags", "a,b"),
            ],
        )
        .await;
        let id = got["VideoId"].as_str().unwrap().to_string();
        assert!(got["UploadAddress"].as_str().unwrap().len() > 20 && got["UploadAuth"].is_string());
        assert_eq!(
            ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await["Video"]["Status"],
            "Uploading"
        );
        let target = upload_target(&b, &id).await;
        std::fs::write(b.objects_dir().join("t.mp4"), crate::assets::CLIP_MP4).unwrap();
        upload::complete_upload(&b, &target, "t.mp4", crate::assets::CLIP_MP4.len() as i64)
            .await
            .unwrap();
        assert_eq!(
            ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await["Video"]["Status"],
            "Transcoding"
        );
        b.advance_clock(5);
        let got = ok(&b, "GetVideoInfo", &[("VideoId", &id)]).await;
        assert_eq!(got["Video"]["Status"], "Normal");
        assert!(got["Video"]["CoverURL"].is_string());
        ok(&b, "GetPlayInfo", &[("VideoId", &id)]).await;
        let refreshed = ok(&b, "RefreshUploadVideo", &[("VideoId", &id)]).await;
        assert_eq!(refreshed["VideoId"], id.as_str());

        let img = ok(
            &b,
            "CreateUploadImage",
            &[("ImageType", "default"), ("ImageExt", "png")],
        )
        .await;
        assert!(img["ImageURL"].as_str().unwrap().ends_with(".png"));
        assert_eq!(
            err(&b, "CreateUploadImage", &[("ImageType", "poster")])
                .await
                .code,
            "InvalidParameter"
        );
    }

    #[tokio::test]
    async fn an_attached_file_is_created_uploaded_and_then_readable_without_a_token() {
        let (b, _d) = backend().await;
        let got = ok(
            &b,
            "CreateUploadAttachedMedia",
            &[
                ("BusinessType", "watermark"),
                ("FileName", "C:\\logos\\brand.PNG"),
                ("FileSize", "68"),
            ],
        )
        .await;
        let id = got["MediaId"].as_str().unwrap().to_string();
        let file_url = got["FileURL"].as_str().unwrap();
        assert!(
            file_url.contains("/upload/")
                && file_url.contains("/watermark/")
                && file_url.ends_with(".png"),
            "{file_url}"
        );
        assert!(got["MediaURL"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{id}.png")));
        let info = ok(&b, "GetAttachedMediaInfo", &[("MediaIds", &id)]).await;
        assert_eq!(info["AttachedMediaList"][0]["Status"], "Uploading");
        assert_eq!(info["AttachedMediaList"][0]["Title"], "brand.PNG");
        let target = upload_target(&b, &id).await;
        assert_eq!(target.media_kind, "attached");
        std::fs::write(b.objects_dir().join("w.png"), b"\x89PNG....").unwrap();
        upload::complete_upload(&b, &target, "w.png", 9)
            .await
            .unwrap();
        let info = ok(&b, "GetAttachedMediaInfo", &[("MediaIds", &id)]).await;
        assert_eq!(info["AttachedMediaList"][0]["Status"], "Normal");

        // Each business type takes its own extensions; the type itself is checked.
        for (params, field) in [
            (
                vec![("BusinessType", "watermark"), ("MediaExt", "jpg")],
                "MediaExt",
            ),
            (
                vec![("BusinessType", "subtitle"), ("FileName", "a.png")],
                "MediaExt",
            ),
            (
                vec![("BusinessType", "poster"), ("MediaExt", "png")],
                "BusinessType",
            ),
            (
                vec![
                    ("BusinessType", "material"),
                    ("MediaExt", "zip"),
                    ("CateIds", "1,2,3,4,5,6"),
                ],
                "CateIds",
            ),
        ] {
            let e = err(&b, "CreateUploadAttachedMedia", &params).await;
            assert_eq!(e.code, "InvalidParameter", "{params:?}");
            assert!(e.message.contains(field), "{params:?}: {}", e.message);
        }
        assert_eq!(
            err(
                &b,
                "CreateUploadAttachedMedia",
                &[("BusinessType", "watermark")]
            )
            .await
            .code,
            "MissingParameter"
        );
        ok(
            &b,
            "CreateUploadAttachedMedia",
            &[("BusinessType", "subtitle"), ("MediaExt", "VTT")],
        )
        .await;
    }
}
