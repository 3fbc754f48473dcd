//! Shared reads: identical reads in flight at the same time make one upstream call, and
//! a successful read is kept for its action's cache lifetime ([`crate::spec`]), then
//! served for as long again while one background read refreshes it. A change
//! made through the client clears the cached reads of the families it affects, and a
//! read that was in flight across such a change is not stored.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use futures_util::future::{BoxFuture, Shared};
use serde_json::Value;
use tokio::time::Instant;

use crate::error::Error;
use crate::spec::Family;

/// A read in flight, awaited by everyone asking the same thing.
pub(crate) type InFlight = Shared<BoxFuture<'static, Result<Value, Error>>>;

/// What the cache holds for a key.
pub(crate) enum Cached {
    Fresh(Value, Duration),
    Stale(Value, Duration),
    Missing,
}

#[derive(Default)]
pub(crate) struct ReadCache {
    entries: Mutex<HashMap<String, Entry>>,
    in_flight: Mutex<HashMap<String, InFlight>>,
    generations: Mutex<HashMap<Family, u64>>,
}

struct Entry {
    value: Value,
    at: Instant,
    family: Family,
    kinds: u8,
}

const VIDEO: u8 = 1;
const IMAGE: u8 = 2;
const ATTACHED: u8 = 4;
const ALL: u8 = u8::MAX;

/// Which kinds of media a call reads or changes, so that deleting images does not
/// throw away cached video lists: SearchMedia by its `SearchType` (videos when absent;
/// audio lives with the videos), the others by their name and ID parameters. Calls that
/// are not about media concern everything of their family.
pub(crate) fn kinds(action: &str, params: &[(&str, String)]) -> u8 {
    let param = |name: &str| params.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str());
    if action == "SearchMedia" {
        let types = param("SearchType").unwrap_or("video");
        return types.split(',').fold(0, |acc, t| {
            acc | match t.trim() {
                "video" | "audio" | "" => VIDEO,
                "image" => IMAGE,
                "attached" => ATTACHED,
                _ => ALL,
            }
        });
    }
    let mut k = 0;
    if action.contains("Image") {
        k |= IMAGE;
    }
    if action.contains("AttachedMedia") {
        k |= ATTACHED;
    }
    if action.contains("Video") || ["GetMezzanineInfo", "GetPlayInfo", "ListSnapshots"].contains(&action) {
        k |= VIDEO;
    }
    // A video's images (DeleteImage by VideoId) change what the video shows.
    if param("VideoId").is_some() || param("VideoIds").is_some() {
        k |= VIDEO;
    }
    if k == 0 {
        ALL
    } else {
        k
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// `Action` and the parameters in name order: the identity of a read.
pub(crate) fn key(action: &str, params: &[(&str, String)]) -> String {
    let mut sorted: Vec<&(&str, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut k = String::from(action);
    for (name, value) in sorted {
        k.push('\u{0}');
        k.push_str(name);
        k.push('=');
        k.push_str(value);
    }
    k
}

impl ReadCache {
    /// The cached answer and its age: fresh within `ttl`, stale for another `ttl` (served
    /// while it is read again), then gone.
    pub(crate) fn get(&self, key: &str, ttl: Duration) -> Cached {
        let mut entries = lock(&self.entries);
        let Some(entry) = entries.get(key) else { return Cached::Missing };
        let age = entry.at.elapsed();
        if age < ttl {
            Cached::Fresh(entry.value.clone(), age)
        } else if age < ttl * 2 {
            Cached::Stale(entry.value.clone(), age)
        } else {
            entries.remove(key);
            Cached::Missing
        }
    }

    pub(crate) fn generation(&self, family: Family) -> u64 {
        lock(&self.generations).get(&family).copied().unwrap_or(0)
    }

    /// Stores an answer unless its family changed since the read started.
    pub(crate) fn put(&self, key: String, family: Family, kinds: u8, started_generation: u64, value: Value) {
        let generations = lock(&self.generations);
        if generations.get(&family).copied().unwrap_or(0) != started_generation {
            return;
        }
        let mut entries = lock(&self.entries);
        // Expired entries of other keys are dropped on the way, so the map stays small.
        if entries.len() > 4096 {
            entries.retain(|_, e| e.at.elapsed() < Duration::from_secs(600));
        }
        entries.insert(key, Entry { value, at: Instant::now(), family, kinds });
    }

    /// Forgets every cached read of the families `changed` affects that concerns the
    /// same kinds of media (see [`kinds`]). Reads of those families in flight are not
    /// stored.
    pub(crate) fn invalidate(&self, changed: Family, kinds: u8) {
        let affected = changed.invalidates();
        let mut generations = lock(&self.generations);
        for f in affected {
            *generations.entry(*f).or_default() += 1;
        }
        lock(&self.entries).retain(|_, e| !(affected.contains(&e.family) && e.kinds & kinds != 0));
    }

    /// Joins the identical read in flight, or registers `start()` as that read.
    /// Returns the shared read and whether it was joined.
    pub(crate) fn join_or_start(&self, key: &str, start: impl FnOnce() -> InFlight) -> (InFlight, bool) {
        let mut in_flight = lock(&self.in_flight);
        if let Some(f) = in_flight.get(key) {
            return (f.clone(), true);
        }
        let f = start();
        in_flight.insert(key.to_string(), f.clone());
        (f, false)
    }

    pub(crate) fn finished(&self, key: &str) {
        lock(&self.in_flight).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn kinds_follow_search_type_names_and_video_ids() {
        assert_eq!(kinds("SearchMedia", &[]), VIDEO);
        assert_eq!(kinds("SearchMedia", &p(&[("SearchType", "image")])), IMAGE);
        assert_eq!(kinds("SearchMedia", &p(&[("SearchType", "video,attached")])), VIDEO | ATTACHED);
        assert_eq!(kinds("DeleteImage", &p(&[("ImageIds", "a")])), IMAGE);
        assert_eq!(kinds("DeleteImage", &p(&[("VideoId", "v")])), IMAGE | VIDEO);
        assert_eq!(kinds("GetPlayInfo", &p(&[("VideoId", "v")])), VIDEO);
        assert_eq!(kinds("DeleteAttachedMedia", &[]), ATTACHED);
        assert_eq!(kinds("GetCategories", &[]), ALL);
    }

    #[tokio::test(start_paused = true)]
    async fn fresh_then_stale_for_as_long_again_then_gone() {
        let cache = ReadCache::default();
        let ttl = Duration::from_secs(5);
        cache.put("k".into(), Family::Media, VIDEO, cache.generation(Family::Media), Value::Bool(true));
        assert!(matches!(cache.get("k", ttl), Cached::Fresh(Value::Bool(true), _)));
        tokio::time::advance(Duration::from_secs(6)).await;
        assert!(matches!(cache.get("k", ttl), Cached::Stale(Value::Bool(true), age) if age == Duration::from_secs(6)));
        tokio::time::advance(Duration::from_secs(5)).await;
        assert!(matches!(cache.get("k", ttl), Cached::Missing));
    }

    #[test]
    fn a_read_in_flight_across_a_change_is_not_stored() {
        let cache = ReadCache::default();
        let started = cache.generation(Family::Media);
        cache.invalidate(Family::Media, VIDEO);
        cache.put("k".into(), Family::Media, VIDEO, started, Value::Null);
        assert!(matches!(cache.get("k", Duration::from_secs(5)), Cached::Missing));
    }

    #[test]
    fn deleting_images_keeps_cached_video_lists() {
        let cache = ReadCache::default();
        let g = cache.generation(Family::Media);
        cache.put("videos".into(), Family::Media, VIDEO, g, Value::Null);
        cache.put("images".into(), Family::Media, IMAGE, g, Value::Null);
        cache.put("tree".into(), Family::Categories, ALL, cache.generation(Family::Categories), Value::Null);
        cache.invalidate(Family::Media, IMAGE);
        let ttl = Duration::from_secs(60);
        assert!(matches!(cache.get("videos", ttl), Cached::Fresh(..)));
        assert!(matches!(cache.get("images", ttl), Cached::Missing));
        assert!(matches!(cache.get("tree", ttl), Cached::Fresh(..)));
        // A category change clears the media lists too (they show category names).
        cache.invalidate(Family::Categories, ALL);
        assert!(matches!(cache.get("videos", ttl), Cached::Missing));
        assert!(matches!(cache.get("tree", ttl), Cached::Missing));
    }
}
