//! Videos and audio: GetVideoList, GetVideoInfo(s), UpdateVideoInfo(s), DeleteVideo,
//! GetMezzanineInfo, GetPlayInfo, GetVideoPlayAuth.
//!
//! Status rules: only `Normal` media play (GetPlayInfo / GetVideoPlayAuth answer
//! `Forbidden.IllegalStatus` naming the current status); media still uploading or
//! whose upload failed have no source file (`InvalidFile.NotFound`).

use serde_json::{json, Value};

use super::category;
use super::render::{self, Categories};
use super::template;
use super::rules::{self, check_tags, check_text, iso, DESCRIPTION_MAX_BYTES, TITLE_MAX_BYTES};
use super::{ActionRequest, Backend};
use crate::error::ApiError;
use crate::store::{self, TemplateGroup, Video};

/// Every status GetVideoList accepts as a filter.
pub const STATUSES: &[&str] = &[
    "Uploading",
    "UploadFail",
    "UploadSucc",
    "Transcoding",
    "TranscodeFail",
    "Checking",
    "Blocked",
    "Normal",
    "ProduceFail",
];

/// GetVideoList and plain SearchMedia paging stop here.
pub const LISTING_CEILING: i64 = 5_000;
pub const BATCH_MAX: usize = 20;

pub fn video_not_found() -> ApiError {
    ApiError::new(404, "InvalidVideo.NotFound", "The video does not exist.")
}

pub fn illegal_status(status: &str) -> ApiError {
    ApiError::new(
        403,
        "Forbidden.IllegalStatus",
        format!("Status of the video is illegal. Current Status is {status}."),
    )
}

/// The video named by `VideoId` (or the newer `ReferenceId`).
pub async fn find_video(b: &Backend, req: &ActionRequest) -> Result<Video, ApiError> {
    if let Some(id) = req.param("VideoId") {
        return store::get::<Video>(&b.pool, id.trim())
            .await?
            .ok_or_else(video_not_found);
    }
    if let Some(r) = req.param("ReferenceId") {
        return b
            .all::<Video>()
            .await?
            .iter()
            .find(|v| v.reference_id.as_deref() == Some(r))
            .cloned()
            .ok_or_else(video_not_found);
    }
    Err(ApiError::missing("VideoId"))
}

pub async fn get_video_list(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let statuses = match req.param("Status") {
        None => None,
        Some(s) => {
            let list = rules::split_list(s);
            if let Some(bad) = list.iter().find(|x| !STATUSES.contains(&x.as_str())) {
                return Err(ApiError::invalid(
                    "Status",
                    &format!("Unknown status \"{bad}\"."),
                ));
            }
            Some(list)
        }
    };
    let cate_id = rules::int_param(req, "CateId")?;
    let start = rules::time_param(req, "StartTime")?;
    let end = rules::time_param(req, "EndTime")?;
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            return Err(ApiError::invalid(
                "EndTime",
                "EndTime must be later than StartTime.",
            ));
        }
    }
    let refs = rules::id_batch(req, "ReferenceIds", BATCH_MAX)?;
    let location = req.param("StorageLocation");
    let page_no = rules::page_no(req)?;
    let page_size = rules::page_size(req, 10, 100)?;
    let ascending = rules::sort_ascending(req)?;
    if page_no * page_size > LISTING_CEILING {
        return Err(ApiError::new(
            400,
            "VideoListExceededMax",
            "The video list  exceeded maximum.",
        ));
    }
    let cats = category::load(b).await?;
    let all = b.all::<Video>().await?;
    let mut videos: Vec<&Video> = all
        .iter()
        .filter(|v| statuses.as_ref().is_none_or(|s| s.contains(&v.status)))
        .filter(|v| {
            cate_id.is_none_or(|c| v.cate_id == Some(c) || (c == -1 && v.cate_id.is_none()))
        })
        .filter(|v| start.is_none_or(|s| v.creation_time >= s))
        .filter(|v| end.is_none_or(|e| v.creation_time <= e))
        .filter(|v| location.is_none_or(|l| v.storage_location == l))
        .filter(|v| {
            refs.as_ref()
                .is_none_or(|r| v.reference_id.as_ref().is_some_and(|x| r.contains(x)))
        })
        .collect();
    sort_by_creation(&mut videos, ascending);
    let total = videos.len();
    let page: Vec<Value> = videos
        .iter()
        .skip(((page_no - 1) * page_size) as usize)
        .take(page_size as usize)
        .map(|v| render::video_list_entry(&req.base_url, v, &cats))
        .collect();
    Ok(json!({ "Total": total, "VideoList": { "Video": page } }))
}

pub fn sort_by_creation<V: std::borrow::Borrow<Video>>(videos: &mut [V], ascending: bool) {
    videos.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        a.creation_time
            .cmp(&b.creation_time)
            .then_with(|| a.video_id.cmp(&b.video_id))
    });
    if !ascending {
        videos.reverse();
    }
}

pub async fn get_video_info(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let v = find_video(b, req).await?;
    let cats = category::load(b).await?;
    Ok(json!({ "Video": render::video_info(&req.base_url, &v, &cats) }))
}

/// Resolves `VideoIds` / `ReferenceIds` (at most 20 each): found videos in request
/// order plus the IDs that do not exist.
async fn resolve_batch(
    b: &Backend,
    req: &ActionRequest,
) -> Result<(Vec<Video>, Vec<String>, Vec<String>), ApiError> {
    let ids = rules::id_batch(req, "VideoIds", BATCH_MAX).map_err(|_| vids_exceeded())?;
    let refs = rules::id_batch(req, "ReferenceIds", BATCH_MAX).map_err(|_| vids_exceeded())?;
    if ids.is_none() && refs.is_none() {
        return Err(ApiError::missing("VideoIds"));
    }
    let mut found = Vec::new();
    let mut missing_ids = Vec::new();
    let mut missing_refs = Vec::new();
    for id in ids.unwrap_or_default() {
        match store::get::<Video>(&b.pool, &id).await? {
            Some(v) => found.push(v),
            None => missing_ids.push(id),
        }
    }
    if let Some(refs) = refs {
        let all = b.all::<Video>().await?;
        for r in refs {
            match all
                .iter()
                .find(|v| v.reference_id.as_deref() == Some(r.as_str()))
            {
                Some(v) if !found.iter().any(|f: &Video| f.video_id == v.video_id) => {
                    found.push(v.clone())
                }
                Some(_) => {}
                None => missing_refs.push(r),
            }
        }
    }
    Ok((found, missing_ids, missing_refs))
}

pub fn vids_exceeded() -> ApiError {
    ApiError::new(400, "VideoIdsExceededMax", "The VideoIds exceeded maximum.")
}

pub async fn get_video_infos(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (found, missing, missing_refs) = resolve_batch(b, req).await?;
    let cats = category::load(b).await?;
    let list: Vec<Value> = found
        .iter()
        .map(|v| render::video_infos_entry(&req.base_url, v, &cats))
        .collect();
    let mut out = json!({ "VideoList": list, "NonExistVideoIds": missing });
    if req.param("ReferenceIds").is_some() {
        out["NonExistReferenceIds"] = json!(missing_refs);
    }
    Ok(out)
}

/// The editable fields of UpdateVideoInfo / one UpdateVideoInfos entry, validated.
#[derive(Default)]
struct VideoEdit {
    title: Option<String>,
    description: Option<String>,
    tags: Option<String>,
    cover_url: Option<String>,
    cate_id: Option<i64>,
    user_data: Option<String>,
}

impl VideoEdit {
    fn validate(
        title: Option<&str>,
        description: Option<&str>,
        tags: Option<&str>,
        cover_url: Option<&str>,
        cate_id: Option<i64>,
        user_data: Option<&str>,
        cats: &Categories,
    ) -> Result<VideoEdit, ApiError> {
        if let Some(t) = title {
            check_text("Title", t, TITLE_MAX_BYTES)?;
        }
        if let Some(d) = description {
            check_text("Description", d, DESCRIPTION_MAX_BYTES)?;
        }
        let tags = tags.map(check_tags).transpose()?;
        if let Some(c) = cate_id {
            if !category::exists(cats, c) {
                return Err(category::not_found());
            }
        }
        if let Some(u) = user_data {
            if serde_json::from_str::<Value>(u)
                .map(|v| !v.is_object())
                .unwrap_or(true)
            {
                return Err(ApiError::invalid("UserData", "It must be a JSON object."));
            }
        }
        Ok(VideoEdit {
            title: title.map(str::to_string),
            description: description.map(str::to_string),
            tags,
            cover_url: cover_url.map(str::to_string),
            cate_id,
            user_data: user_data.map(str::to_string),
        })
    }

    fn apply(self, v: &mut Video, now: i64) {
        if let Some(t) = self.title {
            v.title = t;
        }
        if let Some(d) = self.description {
            v.description = d;
        }
        if let Some(t) = self.tags {
            v.tags = t;
        }
        if let Some(c) = self.cover_url {
            v.custom_cover_url = Some(c);
        }
        if let Some(c) = self.cate_id {
            v.cate_id = Some(c);
        }
        if let Some(u) = self.user_data {
            v.user_data = Some(u);
        }
        v.modification_time = now;
    }
}

pub async fn update_video_info(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let cats = category::load(b).await?;
    let edit = VideoEdit::validate(
        req.param("Title"),
        req.params.get("Description").map(String::as_str),
        req.params.get("Tags").map(String::as_str),
        req.param("CoverURL"),
        rules::int_param(req, "CateId")?,
        req.param("UserData"),
        &cats,
    )?;
    let mut v = find_video(b, req).await?;
    edit.apply(&mut v, b.now());
    store::put(&b.pool, &v).await?;
    Ok(json!({}))
}

fn json_str<'a>(entry: &'a Value, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(Value::as_str)
}

fn json_i64(entry: &Value, key: &str) -> Result<Option<i64>, ApiError> {
    match entry.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| ApiError::invalid(key, "It must be an integer.")),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .parse()
            .map(Some)
            .map_err(|_| ApiError::invalid(key, "It must be an integer.")),
        Some(_) => Err(ApiError::invalid(key, "It must be an integer.")),
    }
}

/// Parses an `UpdateContent` JSON array with at most 20 entries.
pub fn update_content(req: &ActionRequest) -> Result<Vec<Value>, ApiError> {
    let raw = rules::required(req, "UpdateContent")?;
    let entries: Vec<Value> = match serde_json::from_str::<Value>(raw) {
        Ok(Value::Array(a)) => a,
        _ => {
            return Err(ApiError::invalid(
                "UpdateContent",
                "It must be a JSON array.",
            ))
        }
    };
    if entries.len() > BATCH_MAX {
        return Err(ApiError::new(
            400,
            "CountExceededMax",
            "The UpdateContent count exceeded maximum.",
        ));
    }
    if entries.iter().any(|e| !e.is_object()) {
        return Err(ApiError::invalid(
            "UpdateContent",
            "Every entry must be a JSON object.",
        ));
    }
    Ok(entries)
}

pub async fn update_video_infos(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let entries = update_content(req)?;
    let cats = category::load(b).await?;
    // Validate everything first: one bad entry rejects the whole call.
    let mut edits = Vec::new();
    for e in &entries {
        let id = json_str(e, "VideoId").filter(|s| !s.is_empty());
        let reference = json_str(e, "ReferenceId").filter(|s| !s.is_empty());
        if id.is_none() && reference.is_none() {
            return Err(ApiError::missing("UpdateContent.VideoId"));
        }
        let edit = VideoEdit::validate(
            json_str(e, "Title").filter(|s| !s.is_empty()),
            json_str(e, "Description"),
            json_str(e, "Tags"),
            json_str(e, "CoverURL").filter(|s| !s.is_empty()),
            json_i64(e, "CateId")?,
            None,
            &cats,
        )?;
        edits.push((id.map(str::to_string), reference.map(str::to_string), edit));
    }
    let all = store::load_all::<Video>(&b.pool).await?;
    let now = b.now();
    let mut missing = Vec::new();
    let mut missing_refs = Vec::new();
    let mut forbidden = Vec::new();
    for (id, reference, edit) in edits {
        let target = match (&id, &reference) {
            (Some(id), _) => all.iter().find(|v| &v.video_id == id),
            (None, Some(r)) => all
                .iter()
                .find(|v| v.reference_id.as_deref() == Some(r.as_str())),
            (None, None) => None,
        };
        match target {
            // Emulator convention: a video blocked by review keeps its metadata, so a
            // batch edit reports it in ForbiddenVideoIds.
            Some(v) if v.status == "Blocked" => forbidden.push(v.video_id.clone()),
            Some(v) => {
                let mut v = store::get::<Video>(&b.pool, &v.video_id)
                    .await?
                    .unwrap_or_else(|| v.clone());
                edit.apply(&mut v, now);
                store::put(&b.pool, &v).await?;
            }
            None => match id {
                Some(id) => missing.push(id),
                None => missing_refs.extend(reference),
            },
        }
    }
    Ok(json!({
        "NonExistVideoIds": missing,
        "NonExistReferenceIds": missing_refs,
        "ForbiddenVideoIds": forbidden,
    }))
}

pub async fn delete_video(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let (found, missing, missing_refs) = resolve_batch(b, req).await?;
    for v in &found {
        store::delete::<Video>(&b.pool, &v.video_id).await?;
        if let Some(p) = &v.source_path {
            let _ = tokio::fs::remove_file(b.objects_dir().join(p)).await;
        }
    }
    let mut out = json!({ "NonExistVideoIds": missing, "ForbiddenVideoIds": Vec::<String>::new() });
    if req.param("ReferenceIds").is_some() {
        out["NonExistReferenceIds"] = json!(missing_refs);
    }
    Ok(out)
}

fn output_type(req: &ActionRequest) -> Result<&str, ApiError> {
    rules::enum_param(req, "OutputType", &["oss", "cdn"], "cdn")
}

fn auth_timeout(req: &ActionRequest, default: i64) -> Result<i64, ApiError> {
    let t = rules::int_param(req, "AuthTimeout")?.unwrap_or(default);
    if t < 1 {
        return Err(ApiError::invalid("AuthTimeout", "It must be at least 1."));
    }
    Ok(t)
}

/// A signed-looking URL: `auth_key={expiry}-{rand}-0-{hash}` as CDN URL signing does.
pub fn signed(url: &str, expires: i64, salt: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    let hash: String = format!("{:032x}", fnv(&format!("{url}{expires}{salt}")));
    format!("{url}{sep}auth_key={expires}-0-0-{hash}")
}

fn fnv(s: &str) -> u128 {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in s.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    h
}

fn has_source(v: &Video) -> bool {
    !matches!(v.status.as_str(), "Uploading" | "UploadFail")
}

pub async fn get_mezzanine_info(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let out_type = output_type(req)?.to_string();
    let timeout = auth_timeout(req, 3600)?;
    let additions = match req.param("AdditionType") {
        None => Vec::new(),
        Some(a) => {
            let list = rules::split_list(a);
            if list.iter().any(|x| x != "video" && x != "audio") {
                return Err(ApiError::invalid(
                    "AdditionType",
                    "Valid values: video, audio.",
                ));
            }
            list
        }
    };
    let v = find_video(b, req).await?;
    if !has_source(&v) {
        return Err(ApiError::new(
            404,
            "InvalidFile.NotFound",
            "The source file does not exist.",
        ));
    }
    let url = signed(
        &render::source_url(&req.base_url, &v),
        b.now() + timeout,
        &v.video_id,
    );
    let mut m = json!({
        "VideoId": v.video_id,
        "FileName": v.file_name,
        "FileURL": url,
        "Size": v.size,
        "Duration": format!("{:.3}", v.duration),
        "Bitrate": format!("{:.3}", v.bitrate),
        "Fps": format!("{}", v.fps),
        "Height": v.height,
        "Width": v.width,
        "CreationTime": iso(v.creation_time),
        "Status": "Normal",
        "OutputType": out_type,
        "PreprocessStatus": v.preprocess_status,
        "StorageClass": v.storage_class,
    });
    if additions.iter().any(|a| a == "video") && v.media_type == "video" {
        m["VideoStreamList"] = json!([{
            "Index": "0",
            "CodecName": "h264",
            "CodecLongName": "H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10",
            "Profile": "High",
            "CodecTimeBase": "1/50",
            "CodecTagString": "avc1",
            "CodecTag": "0x31637661",
            "Width": v.width.to_string(),
            "Height": v.height.to_string(),
            "HasBFrames": "2",
            "Sar": "1:1",
            "Dar": "16:9",
            "PixFmt": "yuv420p",
            "Level": "40",
            "Fps": format!("{}", v.fps),
            "AvgFPS": format!("{}", v.fps),
            "Timebase": "1/12800",
            "StartTime": "0.000000",
            "Duration": format!("{:.3}", v.duration),
            "NumFrames": format!("{}", (v.duration * v.fps) as i64),
            "Lang": "und",
            "Rotate": "0",
            "Bitrate": format!("{:.3}", v.bitrate - 128.0),
            "HDRType": "SDR",
        }]);
    }
    if additions.iter().any(|a| a == "audio") {
        m["AudioStreamList"] = json!([{
            "Index": if v.media_type == "video" { "1" } else { "0" },
            "CodecName": "aac",
            "CodecLongName": "AAC (Advanced Audio Coding)",
            "CodecTimeBase": "1/44100",
            "CodecTagString": "mp4a",
            "CodecTag": "0x6134706d",
            "SampleFmt": "fltp",
            "SampleRate": "44100",
            "Channels": "2",
            "ChannelLayout": "stereo",
            "Timebase": "1/44100",
            "StartTime": "0.000000",
            "Duration": format!("{:.3}", v.duration),
            "Bitrate": "128.000",
            "NumFrames": format!("{}", (v.duration * 43.07) as i64),
            "Lang": "und",
        }]);
    }
    Ok(json!({ "Mezzanine": m }))
}

pub const DEFINITIONS: &[&str] = &["FD", "LD", "SD", "HD", "OD", "2K", "4K", "SQ", "HQ", "AUTO"];
pub const FORMATS: &[&str] = &["mp4", "m3u8", "mp3", "flv", "mpd"];

/// One play stream: definition, format, width, height, kbps, and whether it is the
/// original file (no transcoding job behind it).
struct Stream {
    definition: &'static str,
    format: String,
    width: i64,
    height: i64,
    kbps: f64,
    original: bool,
}

/// The short side of each transcoded video definition.
const LADDER: &[(&str, i64)] = &[("FD", 360), ("LD", 540), ("SD", 720), ("HD", 1080), ("2K", 1440), ("4K", 2160)];

/// The streams of a video, as its template group makes them: none transcoded in the
/// no-transcode group (the original file plays when its format allows), otherwise one
/// per output of the group up to the source's size (at least the smallest), and
/// `mp3` SQ/HQ for audio.
fn streams(v: &Video, groups: &[TemplateGroup]) -> Vec<Stream> {
    if !template::transcodes(&v.template_group_id) {
        let ext = v.file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !template::PLAYABLE_ORIGINALS.contains(&ext.as_str()) {
            return Vec::new();
        }
        return vec![Stream {
            definition: "OD",
            format: ext,
            width: v.width,
            height: v.height,
            kbps: v.bitrate,
            original: true,
        }];
    }
    let Some(group) = groups.iter().find(|g| g.group_id == v.template_group_id) else {
        return Vec::new();
    };
    if v.media_type == "audio" {
        return [("SQ", 96.0), ("HQ", 192.0)]
            .into_iter()
            .map(|(definition, kbps)| Stream { definition, format: "mp3".into(), width: 0, height: 0, kbps, original: false })
            .collect();
    }
    let short = v.width.min(v.height).max(1);
    let mut out: Vec<Stream> = Vec::new();
    for (format, definition) in &group.outputs {
        let Some(&(definition, side)) = LADDER.iter().find(|(d, _)| d == definition) else {
            continue;
        };
        if side <= short || out.is_empty() {
            let scale = side as f64 / short as f64;
            out.push(Stream {
                definition,
                format: format.clone(),
                width: ((v.width as f64 * scale) as i64) & !1,
                height: ((v.height as f64 * scale) as i64) & !1,
                kbps: (side as f64 * 2.2).round(),
                original: false,
            });
        }
    }
    out
}

fn list_param(
    req: &ActionRequest,
    name: &str,
    allowed: &[&str],
) -> Result<Option<Vec<String>>, ApiError> {
    match req.param(name) {
        None => Ok(None),
        Some(s) => {
            let list = rules::split_list(s);
            if let Some(bad) = list.iter().find(|x| !allowed.contains(&x.as_str())) {
                return Err(ApiError::invalid(
                    name,
                    &format!("Unknown value \"{bad}\"."),
                ));
            }
            Ok(Some(list))
        }
    }
}

pub async fn get_play_info(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    let formats = list_param(req, "Formats", FORMATS)?;
    let definitions = list_param(req, "Definition", DEFINITIONS)?;
    let stream_types = list_param(req, "StreamType", &["video", "audio"])?;
    rules::enum_param(req, "ResultType", &["Single", "Multiple"], "Single")?;
    let out_type = output_type(req)?;
    let timeout = auth_timeout(req, if out_type == "oss" { 3600 } else { 1800 })?;
    let v = find_video(b, req).await?;
    // Videos under review (or blocked) play only to the review security IPs.
    let reviewer = matches!(v.status.as_str(), "Checking" | "Blocked") && super::audit::is_security_ip(b, req.client_ip).await?;
    if v.status != "Normal" && !reviewer {
        return Err(illegal_status(&v.status));
    }
    let stream_type = if v.media_type == "audio" {
        "audio"
    } else {
        "video"
    };
    let expires = b.now() + timeout;
    let groups = b.all::<TemplateGroup>().await?;
    let mut infos = Vec::new();
    for Stream { definition: def, format, width: w, height: h, kbps, original } in streams(&v, &groups) {
        if formats
            .as_ref()
            .is_some_and(|f| !f.contains(&format))
            || definitions
                .as_ref()
                .is_some_and(|d| !d.iter().any(|x| x == def || x == "AUTO"))
            || stream_types
                .as_ref()
                .is_some_and(|s| !s.iter().any(|x| x == stream_type))
        {
            continue;
        }
        let url = format!(
            "{}/media/play/{}/{}.{format}?definition={def}",
            req.base_url,
            v.video_id,
            def.to_lowercase()
        );
        let mut info = json!({
            "Definition": def,
            "Format": format,
            "StreamType": stream_type,
            "PlayURL": signed(&url, expires, &v.video_id),
            "Bitrate": format!("{kbps:.0}"),
            "Duration": format!("{:.3}", v.duration),
            "Size": if original { v.size } else { (v.duration * kbps * 125.0) as i64 },
            "Encrypt": 0,
            "NarrowBandType": "0",
            "Status": "Normal",
            "CreationTime": iso(v.creation_time + 120),
            "ModificationTime": iso(v.creation_time + 180),
            "CodecName": match (stream_type, format.as_str()) {
                ("audio", "mp3") => "mp3",
                ("audio", _) => "aac",
                (_, "webm") => "vp9",
                _ => "h264",
            },
            "BitDepth": 8,
            "HDRType": "",
        });
        if !original {
            // A transcoded stream comes from a job and has an output specification.
            info["JobId"] = json!(format!("{:032x}", fnv(&format!("{}{def}", v.video_id))));
            info["Specification"] = json!(if stream_type == "audio" {
                format!("{}.{def}", format.to_uppercase())
            } else {
                format!("H264.{def}")
            });
        }
        if stream_type == "video" {
            info["Width"] = json!(w);
            info["Height"] = json!(h);
            info["Fps"] = json!(format!("{}", v.fps));
        }
        infos.push(info);
    }
    if infos.is_empty() {
        return Err(ApiError::new(
            404,
            "InvalidVideo.NoneStream",
            format!(
                "The video has no stream to play for the request parameter 'Formats : {}, Definition : {}, StreamType : {}'.",
                req.param("Formats").unwrap_or(""),
                req.param("Definition").unwrap_or(""),
                req.param("StreamType").unwrap_or("")
            ),
        ));
    }
    let mut base = json!({
        "VideoId": v.video_id,
        "Title": v.title,
        "Duration": format!("{:.3}", v.duration),
        "Status": v.status,
        "CreationTime": iso(v.creation_time),
        "MediaType": v.media_type,
        "StorageClass": v.storage_class,
    });
    if let Some(c) = render::cover_url(&req.base_url, &v) {
        base["CoverURL"] = json!(c);
    }
    Ok(json!({ "VideoBase": base, "PlayInfoList": { "PlayInfo": infos } }))
}

pub async fn get_video_play_auth(b: &Backend, req: &ActionRequest) -> Result<Value, ApiError> {
    if req.param("VideoId").is_none() && req.param("ReferenceId").is_none() {
        return Err(ApiError::new(
            400,
            "MissingVideoId",
            "VideoId is mandatory for this action.",
        ));
    }
    let timeout = rules::int_param(req, "AuthInfoTimeout")?.unwrap_or(100);
    if !(100..=3000).contains(&timeout) {
        return Err(ApiError::invalid(
            "AuthInfoTimeout",
            "It must be between 100 and 3000.",
        ));
    }
    let v = find_video(b, req).await?;
    if v.status != "Normal" {
        return Err(illegal_status(&v.status));
    }
    let expires = b.now() + timeout;
    let auth = json!({
        "AuthInfo": json!({"CI": "emulator", "Caller": "vod-emulator", "ExpireTime": iso(expires), "MediaId": v.video_id}).to_string(),
        "PlayDomain": req.base_url.trim_start_matches("http://").trim_start_matches("https://"),
        "AuthTimeout": timeout,
        "Region": "cn-shanghai",
        "SecurityToken": format!("{:032x}", fnv(&format!("{}{expires}", v.video_id))),
        "VideoMeta": {"VideoId": v.video_id, "Title": v.title, "Duration": v.duration, "Status": v.status},
    });
    let mut meta = json!({
        "VideoId": v.video_id,
        "Title": v.title,
        "Duration": render::round3(v.duration),
        "Status": v.status,
    });
    if let Some(c) = render::cover_url(&req.base_url, &v) {
        meta["CoverURL"] = json!(c);
    }
    Ok(json!({ "PlayAuth": rules::base64(auth.to_string().as_bytes()), "VideoMeta": meta }))
}

#[cfg(test)]
mod tests {
    use crate::actions::test_support::*;
    use crate::store::{self, Video};

    #[tokio::test]
    async fn play_info_only_for_normal_videos() {
        let (b, _d) = backend().await;
        for status in ["Checking", "Blocked", "Transcoding", "UploadFail"] {
            let v = video_with_status(&b, status).await;
            let e = err(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
            assert_eq!(
                (e.code.as_str(), e.status),
                ("Forbidden.IllegalStatus", 403)
            );
            assert!(
                e.message.ends_with(&format!("Current Status is {status}.")),
                "{}",
                e.message
            );
        }
        // A Normal video of the "Mobile MP4 (LD/SD)" group, big enough for both outputs.
        let mobile = store::load_all::<crate::store::TemplateGroup>(&b.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|g| g.name.contains("Mobile"))
            .unwrap()
            .group_id;
        let v = videos(&b)
            .await
            .into_iter()
            .find(|v| v.status == "Normal" && v.media_type == "video" && v.template_group_id == mobile && v.height >= 720)
            .expect("a Normal video in the Mobile group");
        let got = ok(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
        let infos = got["PlayInfoList"]["PlayInfo"].as_array().unwrap();
        let pairs: Vec<(&str, &str)> =
            infos.iter().map(|i| (i["Format"].as_str().unwrap(), i["Definition"].as_str().unwrap())).collect();
        assert_eq!(pairs, [("mp4", "LD"), ("mp4", "SD")]);
        assert!(!infos.is_empty());
        assert!(infos[0]["PlayURL"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:9999/media/play/"));
        assert_eq!(got["VideoBase"]["VideoId"], v.video_id.as_str());
        let e = err(
            &b,
            "GetPlayInfo",
            &[("VideoId", &v.video_id), ("Formats", "m3u8")],
        )
        .await;
        assert_eq!(
            (e.code.as_str(), e.status),
            ("InvalidVideo.NoneStream", 404)
        );
        let got = ok(
            &b,
            "GetPlayInfo",
            &[("VideoId", &v.video_id), ("Definition", "SD")],
        )
        .await;
        assert_eq!(got["PlayInfoList"]["PlayInfo"].as_array().unwrap().len(), 1);
        let e = err(&b, "GetPlayInfo", &[("VideoId", &"0".repeat(32))]).await;
        assert_eq!(e.code, "InvalidVideo.NotFound");
        let auth = ok(&b, "GetVideoPlayAuth", &[("VideoId", &v.video_id)]).await;
        assert!(auth["PlayAuth"].as_str().unwrap().len() > 20);
        let e = err(
            &b,
            "GetVideoPlayAuth",
            &[("VideoId", &v.video_id), ("AuthInfoTimeout", "99")],
        )
        .await;
        assert_eq!(e.code, "InvalidParameter");
        let uploading = video_with_status(&b, "Uploading").await;
        let e = err(&b, "GetMezzanineInfo", &[("VideoId", &uploading.video_id)]).await;
        assert_eq!(e.code, "InvalidFile.NotFound");
        let m = ok(
            &b,
            "GetMezzanineInfo",
            &[("VideoId", &v.video_id), ("AdditionType", "video,audio")],
        )
        .await;
        assert!(m["Mezzanine"]["VideoStreamList"].is_array());
        let e = err(&b, "ListSnapshots", &[("VideoId", &uploading.video_id)]).await;
        assert_eq!(
            (e.code.as_str(), e.status),
            ("Forbidden.IllegalStatus", 400)
        );
        let s = ok(
            &b,
            "ListSnapshots",
            &[("VideoId", &v.video_id), ("SnapshotType", "NormalSnapshot")],
        )
        .await;
        assert!(s["MediaSnapshot"]["Total"].as_u64().unwrap() >= 3);
        assert!(s["MediaSnapshot"]["Snapshots"]["Snapshot"][0]["Url"].is_string());
    }

    #[tokio::test]
    async fn video_list_paging_and_filters() {
        let (b, _d) = backend().await;
        let got = ok(&b, "GetVideoList", &[]).await;
        assert_eq!(got["VideoList"]["Video"].as_array().unwrap().len(), 10);
        let total = got["Total"].as_u64().unwrap();
        assert!(total >= 300);
        let list = got["VideoList"]["Video"].as_array().unwrap();
        assert!(
            list[0]["CreationTime"].as_str() >= list[1]["CreationTime"].as_str(),
            "newest first"
        );
        let e = err(&b, "GetVideoList", &[("PageNo", "51"), ("PageSize", "100")]).await;
        assert_eq!(e.code, "VideoListExceededMax");
        ok(&b, "GetVideoList", &[("PageNo", "50"), ("PageSize", "100")]).await;
        assert_eq!(
            err(&b, "GetVideoList", &[("PageSize", "101")]).await.code,
            "InvalidParameter"
        );
        let got = ok(
            &b,
            "GetVideoList",
            &[("Status", "Blocked,Checking"), ("PageSize", "100")],
        )
        .await;
        for v in got["VideoList"]["Video"].as_array().unwrap() {
            assert!(matches!(v["Status"].as_str(), Some("Blocked" | "Checking")));
        }
        assert_eq!(
            err(&b, "GetVideoList", &[("Status", "Sleeping")])
                .await
                .code,
            "InvalidParameter"
        );
        let got = ok(
            &b,
            "GetVideoList",
            &[
                ("StartTime", "2026-01-01T00:00:00Z"),
                ("EndTime", "2026-02-01T00:00:00Z"),
                ("PageSize", "100"),
            ],
        )
        .await;
        let n = got["Total"].as_u64().unwrap();
        assert!(n > 0 && n < total);
    }

    #[tokio::test]
    async fn batch_edits_of_blocked_videos_are_forbidden() {
        let (b, _d) = backend().await;
        let blocked = video_with_status(&b, "Blocked").await;
        let normal = video_with_status(&b, "Normal").await;
        let content = format!(
            "[{{\"VideoId\":\"{}\",\"Title\":\"x\"}},{{\"VideoId\":\"{}\",\"Title\":\"y\"}}]",
            blocked.video_id, normal.video_id
        );
        let got = ok(&b, "UpdateVideoInfos", &[("UpdateContent", &content)]).await;
        assert_eq!(got["ForbiddenVideoIds"][0], blocked.video_id.as_str());
        let info = ok(&b, "GetVideoInfo", &[("VideoId", &blocked.video_id)]).await;
        assert_eq!(
            info["Video"]["Title"].as_str(),
            Some(blocked.title.as_str())
        );
        let info = ok(&b, "GetVideoInfo", &[("VideoId", &normal.video_id)]).await;
        assert_eq!(info["Video"]["Title"], "y");
    }

    fn ext(v: &Video) -> &str {
        v.file_name.rsplit_once('.').map_or("", |(_, e)| e)
    }

    #[tokio::test]
    async fn demo_videos_are_spread_over_the_groups_and_play_what_their_group_makes() {
        let (b, _d) = backend().await;
        let no_transcode = crate::demo::NO_TRANSCODE_GROUP.to_string();
        let standard = group_id(&b, "Standard HLS").await;
        let mobile = group_id(&b, "Mobile").await;
        let archive = group_id(&b, "Archive").await;
        let all = videos(&b).await;
        for g in [&no_transcode, &standard, &mobile, &archive] {
            let n = all.iter().filter(|v| &v.template_group_id == g).count();
            assert!(n >= 20, "{n} demo videos in {g}");
        }
        for v in &all {
            let transcoded = v.template_group_id != no_transcode;
            assert_eq!(v.transcode_mode, if transcoded { "FastTranscode" } else { "NoTranscode" }, "{}", v.video_id);
            if matches!(v.status.as_str(), "Transcoding" | "TranscodeFail") {
                assert!(transcoded, "{} is {} without transcoding", v.video_id, v.status);
            }
        }
        let normal = |group: &str, pred: &dyn Fn(&Video) -> bool| {
            all.iter()
                .find(|v| v.status == "Normal" && v.template_group_id == group && pred(v))
                .unwrap_or_else(|| panic!("no Normal demo video in {group}"))
                .clone()
        };

        // No transcoding: the original file, when its format plays as it is; else stored only.
        for format in ["mp4", "flv"] {
            let v = normal(&no_transcode, &|v| ext(v) == format);
            assert_eq!(play_pairs(&b, &v.video_id).await, [(format.to_string(), "OD".to_string())], "{format}");
            let got = ok(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
            let od = &got["PlayInfoList"]["PlayInfo"][0];
            assert_eq!(od["Size"], v.size);
            assert!(od.get("JobId").is_none(), "no transcoding job behind the original: {od}");
            assert!(od["PlayURL"].as_str().unwrap().contains(&format!("/od.{format}?")));
        }
        for format in ["mov", "mkv"] {
            let v = normal(&no_transcode, &|v| ext(v) == format);
            let e = err(&b, "GetPlayInfo", &[("VideoId", &v.video_id)]).await;
            assert_eq!((e.code.as_str(), e.status), ("InvalidVideo.NoneStream", 404), "{format}");
        }

        // Transcoding groups: their outputs up to the source size, at least the smallest.
        let v = normal(&standard, &|v| v.media_type == "video" && v.height >= 1080);
        let pairs = play_pairs(&b, &v.video_id).await;
        assert_eq!(pairs, [("m3u8", "LD"), ("m3u8", "SD"), ("m3u8", "HD")].map(|(f, d)| (f.to_string(), d.to_string())));
        let v = normal(&standard, &|v| v.media_type == "video" && v.height < 720);
        assert_eq!(play_pairs(&b, &v.video_id).await, [("m3u8".to_string(), "LD".to_string())]);
        let e = err(&b, "GetPlayInfo", &[("VideoId", &v.video_id), ("Formats", "mp4")]).await;
        assert_eq!(e.code, "InvalidVideo.NoneStream");
        let v = normal(&archive, &|v| v.media_type == "video");
        let pairs = play_pairs(&b, &v.video_id).await;
        assert!(!pairs.is_empty() && pairs.iter().all(|(f, d)| f == "mp4" && ["HD", "2K", "4K"].contains(&d.as_str())), "{pairs:?}");
        // Audio that is transcoded plays as MP3 (the seed's Format for audio only).
        let audio = all
            .iter()
            .find(|v| v.status == "Normal" && v.media_type == "audio" && v.template_group_id != no_transcode)
            .expect("a transcoded demo audio");
        assert_eq!(
            play_pairs(&b, &audio.video_id).await,
            [("mp3", "SQ"), ("mp3", "HQ")].map(|(f, d)| (f.to_string(), d.to_string()))
        );
    }
}
