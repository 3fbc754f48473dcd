//! Upload credentials: CreateUploadVideo, RefreshUploadVideo and CreateUploadImage.
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
use crate::store::{self, Image, TemplateGroup, UploadTarget, Video};

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

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::actions::upload;
    use crate::store::{self, UploadTarget};

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
        let target = store::load_all::<UploadTarget>(&b.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.media_id == id)
            .unwrap();
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
}
