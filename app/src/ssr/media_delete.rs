//! Deleting media in bulk: IDs go to VOD 20 per call, several calls in flight, each
//! drawing on the action's budget (the caller decides its class: a queued delete is
//! background work), and every item gets its own
//! outcome (deleted / not found / forbidden / failed, with the code and RequestId).
//!
//! DeleteImage reports nothing per item, so each batch of image IDs is first checked
//! with GetImageInfos: IDs in `NonExistImageIds` are "not found" and are not sent.

use vod::api::{DeleteAttachedMedia, DeleteImage, DeleteVideo, GetImageInfos};
use vod::batch::{chunks, run_bounded, BATCH_SIZE};
use vod::client::RetryPolicy;

use crate::model::bulk::{BulkReport, ItemResult, Outcome};
use crate::model::media::MediaKind;
use crate::ssr::vod_errors::{batch_items, failed_items};

/// Calls kept in flight at once: enough that 50 ms of latency per call does not slow a
/// 50-QPS pace (50 ms × 50/s = 2.5 calls in flight), with room for slower links.
pub const IN_FLIGHT: usize = 8;

async fn delete_video_batch(client: &vod::Client, ids: Vec<String>) -> Vec<ItemResult> {
    let request = DeleteVideo { video_ids: ids.clone(), ..Default::default() };
    match client.call_with_retry(&request, RetryPolicy::default()).await {
        Err(e) => failed_items(&ids, &e),
        Ok(r) => batch_items(&ids, &r.request_id, &r.non_exist_video_ids, "InvalidVideo.NotExist", &r.forbidden_video_ids),
    }
}

async fn delete_attached_batch(client: &vod::Client, ids: Vec<String>) -> Vec<ItemResult> {
    let request = DeleteAttachedMedia { media_ids: ids.clone() };
    match client.call_with_retry(&request, RetryPolicy::default()).await {
        Err(e) => failed_items(&ids, &e),
        Ok(r) => batch_items(&ids, &r.request_id, &r.non_exist_media_ids, "InvalidMediaId.NotExist", &[]),
    }
}

/// GetImageInfos, then DeleteImage for the IDs that exist. GetImageInfos has no
/// published limit, so the check overlaps earlier deletes; it is always asked of VOD,
/// never of the read cache.
async fn delete_image_batch(client: &vod::Client, ids: Vec<String>) -> Vec<ItemResult> {
    let check = GetImageInfos { image_ids: ids.clone(), ..Default::default() };
    let missing = match client.fresh(true).call_with_retry(&check, RetryPolicy::default()).await {
        Ok(r) => r.non_exist_image_ids,
        Err(e) => return failed_items(&ids, &e),
    };
    let existing: Vec<String> = ids.iter().filter(|id| !missing.contains(id)).cloned().collect();
    let mut results: Vec<ItemResult> = Vec::with_capacity(ids.len());
    let deleted = if existing.is_empty() {
        Vec::new()
    } else {
        match client.call_with_retry(&DeleteImage::ImageIds(existing.clone()), RetryPolicy::default()).await {
            Ok(r) => existing.iter().map(|id| ItemResult::done(id, Some(r.request_id.clone()))).collect(),
            Err(e) => failed_items(&existing, &e),
        }
    };
    for id in &ids {
        if missing.contains(id) {
            results.push(ItemResult::with(id, Outcome::NotFound, Some("InvalidImage.NotExist".into()), None, None));
        } else if let Some(r) = deleted.iter().find(|r| &r.id == id) {
            results.push(r.clone());
        }
    }
    results
}

/// Deletes `ids` of one kind and reports every item, in the order given. Duplicate IDs
/// are sent once.
pub async fn delete(client: &vod::Client, kind: MediaKind, ids: &[String]) -> BulkReport {
    delete_gated(client, kind, ids, &Ungated).await
}

/// Asked before each batch of a long-running delete is sent: `Err(reason)` cancels the
/// batch (its items are reported as refused, with `reason`).
pub trait BatchGate: Sync {
    fn check(&self) -> impl std::future::Future<Output = Result<(), String>> + Send;
}

/// Every batch may go (a delete made while its author waits for it).
pub struct Ungated;

impl BatchGate for Ungated {
    async fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

/// The items of a batch the gate refused.
pub fn refused_batch(batch: &[String], reason: &str) -> Vec<ItemResult> {
    batch
        .iter()
        .map(|id| ItemResult::with(id, Outcome::Forbidden, Some("Cancelled".into()), Some(reason.to_string()), None))
        .collect()
}

/// [`delete`], asking `gate` before each batch.
pub async fn delete_gated(client: &vod::Client, kind: MediaKind, ids: &[String], gate: &impl BatchGate) -> BulkReport {
    let mut unique: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !unique.iter().any(|u| u == id) {
            unique.push(id.to_string());
        }
    }
    let batches = chunks(&unique, BATCH_SIZE);
    let results: Vec<Vec<ItemResult>> = run_bounded(batches, IN_FLIGHT, |b| async move {
        if let Err(reason) = gate.check().await {
            return refused_batch(&b, &reason);
        }
        match kind {
            MediaKind::Video => delete_video_batch(client, b).await,
            MediaKind::Attached => delete_attached_batch(client, b).await,
            MediaKind::Image => delete_image_batch(client, b).await,
        }
    })
    .await;
    BulkReport { done_word: "deleted".into(), items: results.into_iter().flatten().collect() }
}
