//! Media library work on the server: SearchMedia for the list, the parallel reads behind
//! a video's detail page, single and bulk edits, image lookups. VOD wire types become
//! the console's `model::media` types here and nowhere else.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use vod::api::{
    AttachedMediaUpdate, GetAttachedMediaInfo, GetImageInfos, GetMezzanineInfo, GetPlayInfo, GetVideoInfo, GetVideoInfos,
    ImageUpdate, ListSnapshots, Media, SearchMedia, UpdateAttachedMediaInfos, UpdateImageInfos, UpdateVideoInfo,
    UpdateVideoInfos, VideoUpdate,
};
use vod::batch::{chunks, run_bounded, BATCH_SIZE};
use vod::RetryPolicy;

use crate::i18n::{td_string, Locale};
use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::model::media::*;
use crate::model::vod_text;
use crate::ssr::vod_errors::{batch_items, failed_items};

/// How long the category list for filters and pickers is served without asking VOD
/// again. A change made through this console clears it at once.
pub const CATEGORY_CACHE_TTL: Duration = Duration::from_secs(60);

/// Server-side state of the media library: the category cache.
#[derive(Default)]
pub struct MediaRuntime {
    categories: Mutex<Option<(Instant, Vec<CategoryOption>)>>,
    refreshing: std::sync::atomic::AtomicBool,
}

impl MediaRuntime {
    pub fn invalidate_categories(&self) {
        *self.categories.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn row_from(media: Media) -> Option<MediaRow> {
    if let Some(v) = media.video {
        return Some(MediaRow {
            id: v.video_id,
            title: v.title,
            status: v.status,
            thumbnail: non_empty(&v.cover_url).or_else(|| v.snapshots.first().cloned()),
            duration: v.duration,
            size: v.size,
            cate_id: v.cate_id,
            cate_name: v.cate_name,
            tags: v.tags,
            created: v.creation_time,
            storage: v.storage_location,
            url: None,
            business_type: String::new(),
        });
    }
    if let Some(i) = media.image {
        return Some(MediaRow {
            id: i.image_id,
            title: i.title,
            status: i.status,
            thumbnail: non_empty(&i.url),
            duration: None,
            size: i.mezzanine.as_ref().and_then(|m| m.file_size),
            cate_id: i.cate_id,
            cate_name: i.cate_name,
            tags: i.tags,
            created: i.creation_time,
            storage: i.storage_location,
            url: non_empty(&i.url),
            business_type: i.image_type,
        });
    }
    if let Some(a) = media.attached_media {
        let cate = a.categories.first().cloned().unwrap_or_default();
        let is_image = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"].iter().any(|e| a.url.to_lowercase().contains(e));
        return Some(MediaRow {
            id: a.media_id,
            title: a.title,
            status: a.status,
            thumbnail: if is_image { non_empty(&a.url) } else { None },
            duration: None,
            size: None,
            cate_id: cate.cate_id,
            cate_name: cate.cate_name,
            tags: a.tags,
            created: a.creation_time,
            storage: a.storage_location,
            url: non_empty(&a.url),
            business_type: if a.business_type.is_empty() { a.r#type } else { a.business_type },
        });
    }
    None
}

/// One page of the list: a single SearchMedia call.
/// The date filters are days in time zone `zone`.
pub async fn list(client: &vod::Client, query: &MediaQuery, zone: &str) -> Result<MediaListing, vod::Error> {
    let request = SearchMedia {
        match_expression: query.match_expression_in(crate::ssr::prefs::offset_at(zone)),
        search_type: Some(query.tab.search_type().to_string()),
        fields: Vec::new(),
        sort_by: Some(query.sort_by().to_string()),
        page_no: Some(i64::from(query.page)),
        page_size: Some(i64::from(query.size)),
        scroll_token: non_empty(&query.scroll),
    };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    Ok(MediaListing {
        rows: r.media_list.into_iter().filter_map(row_from).collect(),
        total: r.total.unwrap_or(0).max(0) as u64,
        page: query.page,
        size: query.size,
        scroll_token: non_empty(&r.scroll_token),
        request_id: r.request_id,
    })
}

/// Every page of SearchMedia for `query` (for the CSV export), following the
/// ScrollToken past the first 5,000 records, up to `limit` rows.
pub async fn list_all(client: &vod::Client, query: &MediaQuery, limit: usize, zone: &str) -> Result<Vec<MediaRow>, vod::Error> {
    let mut q = MediaQuery { size: 100, page: 1, scroll: String::new(), ..query.clone() };
    let mut rows = Vec::new();
    loop {
        let page = list(client, &q, zone).await?;
        let n = page.rows.len();
        rows.extend(page.rows);
        if n < q.size as usize || rows.len() >= limit || rows.len() as u64 >= page.total {
            break;
        }
        let token = page.scroll_token.clone();
        q = q.at_page(q.page + 1, token.as_deref());
        if u64::from(q.page) * u64::from(q.size) > LISTING_CEILING && q.scroll.is_empty() {
            break; // images and attached media have no ScrollToken
        }
    }
    rows.truncate(limit);
    Ok(rows)
}

/// Every category of the material tree (`default`), sorted by path (each category right
/// after its parent).
async fn load_categories(client: &vod::Client) -> Result<Vec<CategoryOption>, vod::Error> {
    let walked = crate::ssr::categories::walk(client, crate::model::category::CategoryType::Default, None, usize::MAX, |_| {}).await;
    let mut out: Vec<CategoryOption> = walked
        .result()?
        .into_iter()
        .map(|p| CategoryOption { id: p.node.id, path: p.path, level: i64::from(p.node.level) })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The category list for filters and pickers. Served from the cache when fresh; when
/// stale it is served as is and refreshed in the background, so a page never waits for
/// the tree walk once it has been loaded.
pub async fn categories(client: &vod::Client, runtime: &std::sync::Arc<MediaRuntime>) -> Vec<CategoryOption> {
    use std::sync::atomic::Ordering;
    let cached = runtime.categories.lock().unwrap_or_else(|e| e.into_inner()).clone();
    match cached {
        Some((at, list)) if at.elapsed() < CATEGORY_CACHE_TTL => list,
        Some((_, list)) => {
            if !runtime.refreshing.swap(true, Ordering::SeqCst) {
                let (client, runtime) = (client.clone(), runtime.clone());
                tokio::spawn(async move {
                    if let Ok(fresh) = load_categories(&client).await {
                        *runtime.categories.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), fresh));
                    }
                    runtime.refreshing.store(false, Ordering::SeqCst);
                });
            }
            list
        }
        None => match load_categories(client).await {
            Ok(list) => {
                *runtime.categories.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), list.clone()));
                list
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not load categories for the media filters");
                Vec::new()
            }
        },
    }
}

/// A video's detail page: GetVideoInfo, GetMezzanineInfo, GetPlayInfo and ListSnapshots,
/// all at once. Only GetVideoInfo must succeed; the others explain their absence (in
/// `locale`).
pub async fn video_detail(client: &vod::Client, id: &str, locale: Locale) -> Result<VideoDetail, vod::Error> {
    let info_req = GetVideoInfo::new(id);
    let mezzanine_req = GetMezzanineInfo { video_id: id.to_string(), addition_type: Some("video".into()), ..Default::default() };
    let play_req = GetPlayInfo::new(id);
    let snaps_req = ListSnapshots { video_id: id.to_string(), snapshot_type: Some("NormalSnapshot".into()), ..Default::default() };
    let info = client.call_with_retry(&info_req, RetryPolicy::default());
    let mezzanine = client.call_with_retry(&mezzanine_req, RetryPolicy::default());
    let play = client.call_with_retry(&play_req, RetryPolicy::default());
    let snaps = client.call_with_retry(&snaps_req, RetryPolicy::default());
    let (info, mezzanine, play, snaps) = tokio::join!(info, mezzanine, play, snaps);
    let info = info?;
    let v = info.video;
    let mut request_ids = vec![info.request_id];
    let source = mezzanine.ok().map(|m| {
        request_ids.push(m.request_id);
        let z = m.mezzanine;
        let stream = z.video_stream_list.first();
        SourceFile {
            file_name: z.file_name,
            size: z.size,
            duration: z.duration.map(|d| format_duration(d)),
            width: z.width,
            height: z.height,
            bitrate: z.bitrate.map(|b| format!("{b:.0} Kbps")),
            fps: z.fps.map(|f| format!("{f}")),
            codec: stream.map(|s| s.codec_name.clone()).filter(|c| !c.is_empty()),
        }
    });
    let (streams, streams_note) = match play {
        Ok(p) => {
            request_ids.push(p.request_id);
            let streams: Vec<StreamInfo> = p
                .play_info_list
                .into_iter()
                .map(|s| StreamInfo {
                    definition: s.definition,
                    format: s.format,
                    url: s.play_url,
                    width: s.width,
                    height: s.height,
                    bitrate_kbps: s.bitrate,
                    size: s.size,
                    encrypted: s.encrypt == Some(1),
                })
                .collect();
            let note = streams.is_empty().then(|| td_string!(locale, media_rules.streams.no_stream).to_string());
            (streams, note)
        }
        Err(e) => (Vec::new(), Some(crate::ssr::vod_errors::app_error_in(e, locale).localized(locale))),
    };
    let mut snapshots: Vec<String> = match snaps {
        Ok(s) => s.media_snapshot.snapshots.into_iter().map(|s| s.url).filter(|u| !u.is_empty()).collect(),
        Err(_) => Vec::new(),
    };
    if snapshots.is_empty() {
        snapshots = v.snapshots.clone();
    }
    Ok(VideoDetail {
        id: v.video_id,
        title: v.title,
        description: v.description,
        tags: v.tags,
        status: v.status,
        cate_id: v.cate_id,
        cate_name: v.cate_name,
        cover_url: v.cover_url,
        duration: v.duration,
        size: v.size,
        created: v.creation_time,
        modified: v.modification_time,
        storage: v.storage_location,
        storage_class: v.storage_class,
        template_group_id: v.template_group_id,
        source,
        streams,
        streams_note,
        snapshots,
        request_ids,
        cached_age_secs: None,
    })
}

fn image_detail_from(i: vod::api::Image) -> ImageDetail {
    let m = i.mezzanine.unwrap_or_default();
    ImageDetail {
        id: i.image_id,
        title: i.title,
        description: i.description,
        tags: i.tags,
        status: i.status,
        image_type: i.image_type,
        cate_id: i.cate_id,
        cate_name: i.cate_name,
        url: i.url,
        storage: i.storage_location,
        created: i.creation_time,
        file_name: m.original_file_name,
        size: m.file_size,
        width: m.width,
        height: m.height,
    }
}

/// Looks images up by ID, 20 per GetImageInfos call; IDs VOD does not know are returned
/// separately (`NonExistImageIds`).
pub async fn image_lookup(client: &vod::Client, ids: &[String]) -> Result<(Vec<ImageDetail>, Vec<String>), vod::Error> {
    let batches = chunks(ids, BATCH_SIZE);
    let answers = run_bounded(batches, 4, |b| async move {
        client.call_with_retry(&GetImageInfos { image_ids: b, ..Default::default() }, RetryPolicy::default()).await
    })
    .await;
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for a in answers {
        let a = a?;
        found.extend(a.image_info.into_iter().map(image_detail_from));
        missing.extend(a.non_exist_image_ids);
    }
    Ok((found, missing))
}

fn optional_tags(tags: &str) -> Vec<String> {
    vod_text::split_tags(tags)
}

/// UpdateVideoInfo with every edited field; returns the RequestId.
pub async fn update_video(client: &vod::Client, id: &str, edit: &MediaEdit) -> Result<String, vod::Error> {
    let request = UpdateVideoInfo {
        video_id: id.to_string(),
        title: Some(edit.title.trim().to_string()),
        description: Some(edit.description.clone()),
        tags: Some(optional_tags(&edit.tags)),
        cover_url: non_empty(edit.cover_url.trim()),
        cate_id: edit.cate_id(),
        ..Default::default()
    };
    Ok(client.call_with_retry(&request, RetryPolicy::default()).await?.request_id)
}

/// Sets only the cover of a video.
pub async fn set_cover(client: &vod::Client, id: &str, cover_url: &str) -> Result<String, vod::Error> {
    let request = UpdateVideoInfo { video_id: id.to_string(), cover_url: Some(cover_url.to_string()), ..Default::default() };
    Ok(client.call_with_retry(&request, RetryPolicy::default()).await?.request_id)
}

/// Edits one image (UpdateImageInfos with one entry).
pub async fn update_image(client: &vod::Client, id: &str, edit: &MediaEdit) -> Result<String, vod::Error> {
    let request = UpdateImageInfos {
        update_content: vec![ImageUpdate {
            image_id: id.to_string(),
            title: Some(edit.title.trim().to_string()),
            description: Some(edit.description.clone()),
            tags: Some(optional_tags(&edit.tags)),
            cate_id: edit.cate_id(),
        }],
    };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    if r.non_exist_image_ids.iter().any(|x| x == id) {
        return Err(vod::Error::Api(Box::new(vod::ApiError::new("UpdateImageInfos", "InvalidImage.NotExist", "The image does not exist.", r.request_id, 404))));
    }
    Ok(r.request_id)
}

/// What a bulk edit changes. Tags are added to each item's own tags, or replace them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BulkEdit {
    pub cate_id: Option<i64>,
    pub tags: Vec<String>,
    pub replace_tags: bool,
}

/// Merges tags, keeping order and dropping repeats; refuses past VOD's 16-tag limit
/// (saying so in `locale`).
fn merged_tags(current: &str, add: &[String], locale: Locale) -> Result<Vec<String>, String> {
    let mut tags = vod_text::split_tags(current);
    for t in add {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    if tags.len() > vod_text::TAGS_MAX_COUNT {
        let count = tags.len();
        return Err(td_string!(locale, media_rules.bulk.too_many_tags, count = count, max = vod_text::TAGS_MAX_COUNT).to_string());
    }
    Ok(tags)
}

/// Bulk edit of videos: for added tags each batch is read first (GetVideoInfos) so
/// existing tags are kept; then UpdateVideoInfos, 20 per call, paced. Item messages of
/// the console's own are in `locale`.
pub async fn bulk_edit_videos(client: &vod::Client, ids: &[String], edit: &BulkEdit, locale: Locale) -> BulkReport {
    let batches = chunks(ids, BATCH_SIZE);
    let results = run_bounded(batches, 4, |batch| async move {
        let mut items: Vec<ItemResult> = Vec::new();
        let mut updates: Vec<VideoUpdate> = Vec::new();
        if !edit.tags.is_empty() && !edit.replace_tags {
            let current = match client.call_with_retry(&GetVideoInfos { video_ids: batch.clone(), ..Default::default() }, RetryPolicy::default()).await {
                Ok(r) => r,
                Err(e) => return failed_items(&batch, &e),
            };
            for id in &batch {
                match current.video_list.iter().find(|v| &v.video_id == id) {
                    None => items.push(ItemResult::with(id, Outcome::NotFound, Some("InvalidVideo.NotExist".into()), None, Some(current.request_id.clone()))),
                    Some(v) => match merged_tags(&v.tags, &edit.tags, locale) {
                        Ok(tags) => updates.push(VideoUpdate { video_id: id.clone(), tags: Some(tags), cate_id: edit.cate_id, ..Default::default() }),
                        Err(m) => items.push(ItemResult::with(id, Outcome::Failed, Some("TagsExceededMax".into()), Some(m), None)),
                    },
                }
            }
        } else {
            for id in &batch {
                let tags = (!edit.tags.is_empty() || edit.replace_tags).then(|| edit.tags.clone());
                updates.push(VideoUpdate { video_id: id.clone(), tags, cate_id: edit.cate_id, ..Default::default() });
            }
        }
        if !updates.is_empty() {
            let sent: Vec<String> = updates.iter().map(|u| u.video_id.clone()).collect();
            match client.call_with_retry(&UpdateVideoInfos { update_content: updates }, RetryPolicy::default()).await {
                Ok(r) => items.extend(batch_items(&sent, &r.request_id, &r.non_exist_video_ids, "InvalidVideo.NotExist", &r.forbidden_video_ids)),
                Err(e) => items.extend(failed_items(&sent, &e)),
            }
        }
        // Back into the order of the batch.
        batch.iter().filter_map(|id| items.iter().find(|i| &i.id == id).cloned()).collect::<Vec<_>>()
    })
    .await;
    BulkReport { done_word: "updated".into(), items: results.into_iter().flatten().collect() }
}

/// Bulk edit of images: the same as for videos with GetImageInfos / UpdateImageInfos.
pub async fn bulk_edit_images(client: &vod::Client, ids: &[String], edit: &BulkEdit, locale: Locale) -> BulkReport {
    let batches = chunks(ids, BATCH_SIZE);
    let results = run_bounded(batches, 4, |batch| async move {
        let mut items: Vec<ItemResult> = Vec::new();
        let current = match client.call_with_retry(&GetImageInfos { image_ids: batch.clone(), ..Default::default() }, RetryPolicy::default()).await {
            Ok(r) => r,
            Err(e) => return failed_items(&batch, &e),
        };
        let mut updates: Vec<ImageUpdate> = Vec::new();
        for id in &batch {
            match current.image_info.iter().find(|i| &i.image_id == id) {
                None => items.push(ItemResult::with(id, Outcome::NotFound, Some("InvalidImage.NotExist".into()), None, Some(current.request_id.clone()))),
                Some(img) => {
                    let tags = if edit.tags.is_empty() && !edit.replace_tags {
                        Ok(None)
                    } else if edit.replace_tags {
                        Ok(Some(edit.tags.clone()))
                    } else {
                        merged_tags(&img.tags, &edit.tags, locale).map(Some)
                    };
                    match tags {
                        Ok(tags) => updates.push(ImageUpdate { image_id: id.clone(), tags, cate_id: edit.cate_id, ..Default::default() }),
                        Err(m) => items.push(ItemResult::with(id, Outcome::Failed, Some("TagsExceededMax".into()), Some(m), None)),
                    }
                }
            }
        }
        if !updates.is_empty() {
            let sent: Vec<String> = updates.iter().map(|u| u.image_id.clone()).collect();
            match client.call_with_retry(&UpdateImageInfos { update_content: updates }, RetryPolicy::default()).await {
                Ok(r) => items.extend(batch_items(&sent, &r.request_id, &r.non_exist_image_ids, "InvalidImage.NotExist", &[])),
                Err(e) => items.extend(failed_items(&sent, &e)),
            }
        }
        batch.iter().filter_map(|id| items.iter().find(|i| &i.id == id).cloned()).collect::<Vec<_>>()
    })
    .await;
    BulkReport { done_word: "updated".into(), items: results.into_iter().flatten().collect() }
}

/// Edits one attached media file.
pub async fn update_attached(client: &vod::Client, id: &str, edit: &MediaEdit) -> Result<String, vod::Error> {
    let request = UpdateAttachedMediaInfos {
        update_content: vec![AttachedMediaUpdate {
            media_id: id.to_string(),
            title: Some(edit.title.trim().to_string()),
            description: Some(edit.description.clone()),
            tags: Some(optional_tags(&edit.tags)),
            cate_ids: edit.cate_id().map(|c| vec![c]),
        }],
    };
    let r = client.call_with_retry(&request, RetryPolicy::default()).await?;
    if r.non_exist_media_ids.iter().any(|x| x == id) {
        return Err(vod::Error::Api(Box::new(vod::ApiError::new("UpdateAttachedMediaInfos", "InvalidMediaId.NotExist", "The attached media file does not exist.", r.request_id, 404))));
    }
    Ok(r.request_id)
}

/// One attached media file (GetAttachedMediaInfo), in the image-detail shape the edit
/// page uses. `None` when VOD does not know the ID.
pub async fn attached_detail(client: &vod::Client, id: &str) -> Result<Option<ImageDetail>, vod::Error> {
    let r = client
        .call_with_retry(&GetAttachedMediaInfo { media_ids: vec![id.to_string()], ..Default::default() }, RetryPolicy::default())
        .await?;
    Ok(r.attached_media_list.into_iter().next().map(|a| {
        let cate = a.categories.first().cloned().unwrap_or_default();
        ImageDetail {
            id: a.media_id,
            title: a.title,
            description: a.description,
            tags: a.tags,
            status: a.status,
            image_type: if a.business_type.is_empty() { a.r#type } else { a.business_type },
            cate_id: cate.cate_id,
            cate_name: cate.cate_name,
            url: a.url,
            storage: a.storage_location,
            created: a.creation_time,
            file_name: String::new(),
            size: None,
            width: None,
            height: None,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_tags_keep_order_and_refuse_past_the_limit() {
        let add = vec!["b".to_string(), "c".to_string()];
        assert_eq!(merged_tags("a,b", &add, Locale::en).unwrap(), vec!["a", "b", "c"]);
        let current = (0..15).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
        assert_eq!(merged_tags(&current, &add, Locale::en).unwrap_err(), "would have 17 tags; VOD allows 16");
        assert_eq!(merged_tags(&current, &add, Locale::zh).unwrap_err(), "合并后将有 17 个标签；VOD 最多允许 16 个");
    }
}
