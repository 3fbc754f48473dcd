//! Watermarks on the server: the list with the templates using each mark (every
//! template group read with GetTranscodeTemplateGroup, within its QPS) and frames to
//! preview on, and add / update / delete / set default with VOD's rules checked before
//! any call. Plain async functions over a `vod::Client`; the server functions in
//! `api::watermarks` authorise, call these, and write the activity log.

use futures_util::future::join3;

use vod::api::{
    AddWatermark, CreateUploadAttachedMedia, DeleteWatermark, GetTranscodeTemplateGroup, GetVideoList, GetWatermark,
    ListTranscodeTemplateGroup, ListWatermark, SetDefaultWatermark, UpdateWatermark, WatermarkInfo,
};
use vod::batch::run_bounded;
use vod::{Action, RetryPolicy};

use crate::error::AppError;
use crate::i18n::{td_string, Locale};
use crate::model::upload::UploadTicket;
use crate::model::watermark::*;
use crate::ssr::categories::Failed;

/// Group reads kept in flight (GetTranscodeTemplateGroup allows 30/s; the budget paces).
const IN_FLIGHT: usize = 6;
/// Videos whose covers are offered as preview frames.
const FRAMES: i64 = 12;
/// Extensions VOD takes for a watermark file.
pub const FILE_EXTENSIONS: &[&str] = &["png", "gif", "apng", "mov"];

async fn read<A: Action>(client: &vod::Client, request: &A) -> Result<A::Response, vod::Error> {
    client.call_with_retry(request, RetryPolicy::default()).await
}

/// VOD's answer in the request's language, with a watermark-specific sentence where one
/// helps. The code and RequestId stay as VOD sent them.
pub fn vod_error_in(err: vod::Error, locale: Locale) -> AppError {
    crate::ssr::vod_errors::app_error_with(err, locale, |code| match code {
        "NoSuchResource" => Some(td_string!(locale, watermarks.vod.not_found).to_string()),
        "Forbidden" => Some(td_string!(locale, watermarks.vod.forbidden).to_string()),
        _ => None,
    })
}

fn failed(err: vod::Error, locale: Locale) -> Failed {
    Failed { error: vod_error_in(err, locale), attempted: true }
}

/// `(group id, group name, template label, watermark ids)` for every template of every
/// template group.
async fn templates(client: &vod::Client) -> Result<Vec<(String, String, String, Vec<String>)>, vod::Error> {
    let groups = read(client, &ListTranscodeTemplateGroup::default()).await?.transcode_template_group_list;
    let ids: Vec<String> = groups.into_iter().map(|g| g.transcode_template_group_id).collect();
    let read_one = |id: String| async move {
        read(client, &GetTranscodeTemplateGroup { transcode_template_group_id: id }).await
    };
    let mut out = Vec::new();
    for got in run_bounded(ids, IN_FLIGHT, read_one).await {
        let g = got?.transcode_template_group;
        for t in g.transcode_template_list {
            let label = if t.definition.is_empty() || t.template_name.contains(&t.definition) {
                t.template_name.clone()
            } else {
                format!("{} ({})", t.template_name, t.definition)
            };
            out.push((g.transcode_template_group_id.clone(), g.name.clone(), label, t.watermark_ids));
        }
    }
    Ok(out)
}

fn to_model(w: WatermarkInfo, uses: &[(String, String, String, Vec<String>)]) -> Watermark {
    let is_default = w.is_default();
    Watermark {
        used_by: uses_of(&w.watermark_id, is_default, uses),
        kind: MarkKind::parse(&w.r#type).unwrap_or(MarkKind::Image),
        fields: config_fields(&w.watermark_config),
        id: w.watermark_id,
        name: w.name,
        is_default,
        file_url: w.file_url,
        created: w.creation_time,
    }
}

/// Every watermark with its uses, and frames to preview on. A failure to read the
/// template groups or the videos leaves those out (with a sentence), not the list.
pub async fn list(client: &vod::Client, locale: Locale) -> Result<WatermarkList, AppError> {
    let (marks, uses, videos) = join3(
        read(client, &ListWatermark::default()),
        templates(client),
        read(client, &GetVideoList { status: Some("Normal".into()), page_size: Some(FRAMES), ..Default::default() }),
    )
    .await;
    let marks = marks.map_err(|e| vod_error_in(e, locale))?.watermark_infos;
    let (uses, usage_error) = match uses {
        Ok(u) => (u, None),
        Err(e) => (Vec::new(), Some(vod_error_in(e, locale).localized(locale))),
    };
    let frames = videos
        .map(|v| {
            v.video_list
                .into_iter()
                .filter(|v| !v.cover_url.is_empty())
                .map(|v| Frame { video_id: v.video_id, title: v.title, cover_url: v.cover_url })
                .collect()
        })
        .unwrap_or_default();
    let mut marks: Vec<Watermark> = marks.into_iter().map(|w| to_model(w, &uses)).collect();
    // The default first, then the newest.
    marks.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(b.created.cmp(&a.created)));
    Ok(WatermarkList { marks, usage_error, frames, cached_age_secs: None })
}

fn invalid(locale: Locale, p: &Problem) -> AppError {
    AppError::invalid(p.field, problem_text(locale, p))
}

/// A watermark's current state at VOD (read fresh: what is changed is what is there).
async fn current(client: &vod::Client, locale: Locale, id: &str) -> Result<Watermark, Failed> {
    let got = client
        .fresh(true)
        .call_with_retry(&GetWatermark { watermark_id: id.to_string() }, RetryPolicy::default())
        .await
        .map_err(|e| Failed::from(vod_error_in(e, locale)))?;
    Ok(to_model(got.watermark_info, &[]))
}

/// What a save did: the watermark as VOD now has it, the RequestId, and for an update
/// what changed.
pub struct Saved {
    pub mark: Watermark,
    pub request_id: String,
    pub changes: Option<Vec<String>>,
}

/// Adds (no id) or updates a watermark after checking every field. An update keeps the
/// type and file (VOD changes neither).
pub async fn save(client: &vod::Client, locale: Locale, form: &WatermarkForm) -> Result<Saved, Failed> {
    form.check().map_err(|p| Failed::from(invalid(locale, &p)))?;
    let name = form.name.trim().to_string();
    if form.id.is_empty() {
        let kind = form.mark_kind().unwrap_or(MarkKind::Image);
        let file_url = form.file_url.trim();
        if kind == MarkKind::Image && file_url.is_empty() {
            return Err(Failed::from(AppError::invalid("FileUrl", td_string!(locale, watermarks.rule.file_missing))));
        }
        let request = AddWatermark {
            name,
            r#type: kind.as_str().into(),
            watermark_config: form.config_json(),
            file_url: (kind == MarkKind::Image).then(|| file_url.to_string()),
            app_id: None,
        };
        let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
        return Ok(Saved { mark: to_model(got.watermark_info, &[]), request_id: got.request_id, changes: None });
    }
    let before = current(client, locale, &form.id).await?;
    if form.mark_kind() != Some(before.kind) {
        return Err(Failed::from(AppError::invalid("Type", td_string!(locale, watermarks.rule.kind_fixed))));
    }
    let changes = form.changes_from(&before.form());
    let request = UpdateWatermark { watermark_id: form.id.clone(), name: Some(name), watermark_config: form.config_json() };
    let got = client.call(&request).await.map_err(|e| failed(e, locale))?;
    Ok(Saved { mark: to_model(got.watermark_info, &[]), request_id: got.request_id, changes: Some(changes) })
}

/// The watermark and the templates that use it, read fresh (for a delete).
pub async fn with_uses(client: &vod::Client, locale: Locale, id: &str) -> Result<Watermark, Failed> {
    let fresh = client.fresh(true);
    let (mark, uses) = futures_util::future::join(current(&fresh, locale, id), templates(&fresh)).await;
    let mut mark = mark?;
    let uses = uses.map_err(|e| Failed::from(vod_error_in(e, locale)))?;
    mark.used_by = uses_of(&mark.id, mark.is_default, &uses);
    Ok(mark)
}

/// Deletes a watermark (and, for an image, its file). The default cannot go; one still
/// used by templates goes only when `confirm` is its name (recounted here).
pub async fn delete(client: &vod::Client, locale: Locale, id: &str, confirm: &str) -> Result<(Watermark, String), Failed> {
    let mark = with_uses(client, locale, id).await?;
    if mark.is_default {
        return Err(Failed::from(AppError::invalid("id", td_string!(locale, watermarks.rule.default_undeletable))));
    }
    if !mark.used_by.is_empty() && confirm.trim() != mark.name {
        let message = td_string!(locale, watermarks.rule.confirm_name, n = mark.used_by.len(), name = mark.name.as_str());
        return Err(Failed::from(AppError::invalid("confirm", message.to_string())));
    }
    let got = client.call(&DeleteWatermark { watermark_id: id.to_string() }).await.map_err(|e| failed(e, locale))?;
    Ok((mark, got.request_id))
}

/// Makes a watermark the default; returns its name and the RequestId.
pub async fn set_default(client: &vod::Client, locale: Locale, id: &str) -> Result<(Watermark, String), Failed> {
    let mark = current(client, locale, id).await?;
    let got = client.call(&SetDefaultWatermark { watermark_id: id.to_string() }).await.map_err(|e| failed(e, locale))?;
    Ok((mark, got.request_id))
}

/// Checks a watermark file's name: an extension VOD takes for watermarks.
pub fn check_file_name(locale: Locale, file_name: &str) -> Result<String, AppError> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if FILE_EXTENSIONS.contains(&ext.as_str()) && !file_name.contains(['/', '\\']) && file_name.len() <= 255 {
        Ok(ext)
    } else {
        let message = td_string!(locale, watermarks.rule.file_type, name = file_name, types = FILE_EXTENSIONS.join(", "));
        Err(AppError::invalid("file_name", message.to_string()))
    }
}

/// An upload credential for a watermark file (CreateUploadAttachedMedia, BusinessType
/// `watermark`) and the URL the file will have (AddWatermark's `FileUrl`).
pub async fn upload_ticket(client: &vod::Client, file_name: &str, ext: String, size: i64) -> Result<(UploadTicket, String), vod::Error> {
    let request = CreateUploadAttachedMedia {
        business_type: "watermark".into(),
        media_ext: Some(ext),
        title: Some(file_name.chars().take(40).collect()),
        file_name: Some(file_name.to_string()),
        file_size: Some(size),
        ..Default::default()
    };
    let r = client.call(&request).await?;
    let ticket = crate::ssr::upload::ticket("CreateUploadAttachedMedia", "attached", &r.media_id, &r.upload_address, &r.upload_auth, &r.request_id)?;
    Ok((ticket, r.file_url))
}
