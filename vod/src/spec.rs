//! Every VOD action the console knows, declared once: its published per-account limit,
//! whether it only reads, and how long the console may serve a cached answer. The client
//! schedules calls with these limits ([`crate::budget`]), caches and coalesces reads with
//! these lifetimes, and the emulator enforces the same limits at its gateway: one table,
//! not one copy per crate.
//!
//! The rows come from the project's actions catalog (`actions.json`: `qps`, `qps_unit`,
//! `page`), which quotes the QPS table of the API reference (section 2).

use std::time::Duration;

/// A published per-account limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// At most this many calls in any one-second window.
    PerSecond(u32),
    /// A daily quota, not a rate (UploadMediaByURL).
    PerDay(u32),
    /// The reference publishes none.
    None,
}

impl Limit {
    /// `(calls, window)`, or `None` for an action without a published limit.
    pub fn window(self) -> Option<(u32, Duration)> {
        match self {
            Limit::PerSecond(n) => Some((n, Duration::from_secs(1))),
            Limit::PerDay(n) => Some((n, Duration::from_secs(86_400))),
            Limit::None => None,
        }
    }

    /// The per-second rate, for rate limits only.
    pub fn per_second(self) -> Option<u32> {
        match self {
            Limit::PerSecond(n) => Some(n),
            _ => None,
        }
    }
}

/// The console page an action belongs to; a change clears the cached reads it affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Media,
    Upload,
    Categories,
    Templates,
    Watermarks,
    Audit,
    Usage,
}

impl Family {
    /// The families whose cached reads a successful change in `self` makes stale.
    pub fn invalidates(self) -> &'static [Family] {
        use Family::*;
        match self {
            // Category pages count media with SearchMedia (a Media read); the tree itself
            // does not change when media do. Media lists show category names.
            Media => &[Media],
            Categories => &[Categories, Media],
            Upload => &[Media, Upload, Categories],
            // A template references watermarks; an upload form lists template groups.
            Templates => &[Templates, Upload],
            Watermarks => &[Watermarks, Templates],
            // A review changes a video's status.
            Audit => &[Audit, Media],
            Usage => &[Usage],
        }
    }
}

/// One action's declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec {
    pub name: &'static str,
    pub family: Family,
    pub limit: Limit,
    /// Reads change nothing at VOD: they may be coalesced and cached.
    pub read_only: bool,
    /// How long a cached answer may be served (0: never cached, e.g. per-play
    /// credentials; 1 s for progress, so that everyone following the same jobs shares one
    /// read per second).
    pub cache_ttl: Duration,
}

const fn read(name: &'static str, family: Family, limit: Limit, cache_secs: u64) -> ActionSpec {
    ActionSpec { name, family, limit, read_only: true, cache_ttl: Duration::from_secs(cache_secs) }
}

const fn write(name: &'static str, family: Family, limit: Limit) -> ActionSpec {
    ActionSpec { name, family, limit, read_only: false, cache_ttl: Duration::ZERO }
}

use Family::*;

/// The 78 actions of the catalog, in its order, then those the console needs that the
/// catalog leaves out.
pub const ACTIONS: &[ActionSpec] = &[
    read("SearchMedia", Media, Limit::PerSecond(50), 5),
    read("GetVideoList", Media, Limit::PerSecond(100), 5),
    read("GetVideoInfo", Media, Limit::PerSecond(100), 5),
    read("GetVideoInfos", Media, Limit::PerSecond(100), 5),
    write("UpdateVideoInfo", Media, Limit::PerSecond(100)),
    write("UpdateVideoInfos", Media, Limit::PerSecond(30)),
    write("DeleteVideo", Media, Limit::PerSecond(30)),
    read("GetMezzanineInfo", Media, Limit::PerSecond(100), 5),
    read("GetPlayInfo", Media, Limit::PerSecond(360), 5),
    read("GetVideoPlayAuth", Media, Limit::PerSecond(360), 0),
    read("GetImageInfo", Media, Limit::PerSecond(100), 5),
    // Newer than the 2022 QPS table: no published limit.
    read("GetImageInfos", Media, Limit::None, 5),
    write("UpdateImageInfos", Media, Limit::PerSecond(50)),
    write("DeleteImage", Media, Limit::PerSecond(50)),
    read("ListSnapshots", Media, Limit::PerSecond(30), 5),
    read("GetAttachedMediaInfo", Media, Limit::PerSecond(100), 5),
    write("UpdateAttachedMediaInfos", Media, Limit::PerSecond(100)),
    write("DeleteAttachedMedia", Media, Limit::PerSecond(50)),
    write("CreateUploadVideo", Upload, Limit::PerSecond(120)),
    write("RefreshUploadVideo", Upload, Limit::PerSecond(120)),
    write("CreateUploadImage", Upload, Limit::PerSecond(100)),
    // A daily quota (seed section 2, line 805), not a rate.
    write("UploadMediaByURL", Upload, Limit::PerDay(200000)),
    read("GetURLUploadInfos", Upload, Limit::PerSecond(100), 0),
    read("GetUploadDetails", Upload, Limit::PerSecond(100), 0),
    write("AddCategory", Categories, Limit::PerSecond(30)),
    write("UpdateCategory", Categories, Limit::PerSecond(100)),
    write("DeleteCategory", Categories, Limit::PerSecond(10)),
    read("GetCategories", Categories, Limit::PerSecond(50), 30),
    write("AddTranscodeTemplateGroup", Templates, Limit::PerSecond(5)),
    write("UpdateTranscodeTemplateGroup", Templates, Limit::PerSecond(5)),
    write("DeleteTranscodeTemplateGroup", Templates, Limit::PerSecond(5)),
    read("ListTranscodeTemplateGroup", Templates, Limit::PerSecond(15), 60),
    read("GetTranscodeTemplateGroup", Templates, Limit::PerSecond(30), 60),
    write("SetDefaultTranscodeTemplateGroup", Templates, Limit::PerSecond(5)),
    write("AddVodTemplate", Templates, Limit::PerSecond(10)),
    write("UpdateVodTemplate", Templates, Limit::PerSecond(20)),
    write("DeleteVodTemplate", Templates, Limit::PerSecond(5)),
    read("ListVodTemplate", Templates, Limit::PerSecond(10), 60),
    read("GetVodTemplate", Templates, Limit::PerSecond(30), 60),
    write("SubmitTranscodeJobs", Templates, Limit::PerSecond(30)),
    read("GetTranscodeSummary", Templates, Limit::PerSecond(15), 1),
    read("ListTranscodeTask", Templates, Limit::PerSecond(15), 1),
    read("GetTranscodeTask", Templates, Limit::PerSecond(15), 1),
    write("AddWatermark", Watermarks, Limit::PerSecond(10)),
    write("UpdateWatermark", Watermarks, Limit::PerSecond(2)),
    write("DeleteWatermark", Watermarks, Limit::PerSecond(5)),
    read("ListWatermark", Watermarks, Limit::PerSecond(10), 60),
    read("GetWatermark", Watermarks, Limit::PerSecond(10), 60),
    write("SetDefaultWatermark", Watermarks, Limit::PerSecond(2)),
    write("CreateAudit", Audit, Limit::PerSecond(100)),
    read("GetAuditHistory", Audit, Limit::PerSecond(100), 5),
    write("SetAuditSecurityIp", Audit, Limit::PerSecond(100)),
    read("ListAuditSecurityIp", Audit, Limit::PerSecond(100), 60),
    write("SubmitAIMediaAuditJob", Audit, Limit::PerSecond(15)),
    read("GetAIMediaAuditJob", Audit, Limit::PerSecond(20), 0),
    read("GetMediaAuditResult", Audit, Limit::PerSecond(20), 30),
    read("GetMediaAuditResultDetail", Audit, Limit::PerSecond(10), 30),
    read("GetMediaAuditResultTimeline", Audit, Limit::PerSecond(10), 30),
    // 20/s in the seed's QPS table (line 1102), 10/s in the action's own text (line 20625).
    read("GetMediaAuditAudioResultDetail", Audit, Limit::PerSecond(20), 30),
    write("SubmitAIImageAuditJob", Audit, Limit::PerSecond(20)),
    write("AddAITemplate", Audit, Limit::PerSecond(5)),
    write("UpdateAITemplate", Audit, Limit::PerSecond(5)),
    write("DeleteAITemplate", Audit, Limit::PerSecond(5)),
    read("GetAITemplate", Audit, Limit::PerSecond(5), 60),
    read("ListAITemplate", Audit, Limit::PerSecond(5), 60),
    write("SetDefaultAITemplate", Audit, Limit::PerSecond(5)),
    read("GetDefaultAITemplate", Audit, Limit::PerSecond(10), 60),
    read("DescribeVodStorageData", Usage, Limit::PerSecond(10), 300),
    read("DescribeVodTranscodeData", Usage, Limit::PerSecond(10), 300),
    read("DescribeVodDomainUsageData", Usage, Limit::PerSecond(20), 300),
    read("DescribeVodDomainTrafficData", Usage, Limit::PerSecond(100), 300),
    read("DescribeVodDomainBpsData", Usage, Limit::PerSecond(100), 300),
    read("DescribeVodAIData", Usage, Limit::PerSecond(10), 300),
    read("DescribePlayTopVideos", Usage, Limit::PerSecond(100), 300),
    read("DescribePlayUserAvg", Usage, Limit::PerSecond(100), 300),
    read("DescribePlayUserTotal", Usage, Limit::PerSecond(100), 300),
    read("DescribePlayVideoStatis", Usage, Limit::PerSecond(100), 300),
    read("DescribeVodUserDomains", Usage, Limit::PerSecond(100), 300),
    // Not in the catalog; from the API reference (QPS table, seed line 803): an image
    // watermark's file is uploaded with it.
    write("CreateUploadAttachedMedia", Upload, Limit::PerSecond(100)),
];

/// How many of [`ACTIONS`] come from the catalog (the rest follow it).
pub const CATALOG_ACTIONS: usize = 78;

/// The declaration of `action`, if the console knows it.
pub fn find(action: &str) -> Option<&'static ActionSpec> {
    ACTIONS.iter().find(|s| s.name == action)
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The declaration of `action`, at compile time: a typed action whose name is not in
/// [`ACTIONS`] does not build.
pub const fn of(action: &str) -> &'static ActionSpec {
    let mut i = 0;
    while i < ACTIONS.len() {
        if same(ACTIONS[i].name, action) {
            return &ACTIONS[i];
        }
        i += 1;
    }
    panic!("an action missing from vod::spec::ACTIONS")
}

/// The published limit of `action` ([`Limit::None`] for an unknown action).
pub fn limit(action: &str) -> Limit {
    find(action).map_or(Limit::None, |s| s.limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_reads_are_reads() {
        let mut names: Vec<&str> = ACTIONS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len());
        assert_eq!(ACTIONS.len(), CATALOG_ACTIONS + 1);
        for s in ACTIONS {
            let looks_read = ["Get", "List", "Search", "Describe"].iter().any(|p| s.name.starts_with(p));
            assert_eq!(s.read_only, looks_read, "{}", s.name);
            assert!(s.read_only || s.cache_ttl.is_zero(), "a change is never cached: {}", s.name);
        }
        assert_eq!(limit("SearchMedia"), Limit::PerSecond(50));
        assert_eq!(limit("UploadMediaByURL"), Limit::PerDay(200_000));
        assert_eq!(limit("GetImageInfos"), Limit::None);
        assert_eq!(limit("NoSuchAction"), Limit::None);
    }

    #[test]
    fn table_matches_the_catalog() {
        // The catalog is the source; this guards against a row typed by hand.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vod-api/actions.json");
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let catalog: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(catalog.len(), CATALOG_ACTIONS);
        for (entry, spec) in catalog.iter().zip(ACTIONS) {
            assert_eq!(entry["action"].as_str(), Some(spec.name));
            let qps = entry["qps"].as_u64().map(|q| q as u32);
            let expected = match (qps, entry["qps_unit"].as_str()) {
                (Some(q), Some("per day")) => Limit::PerDay(q),
                (Some(q), _) => Limit::PerSecond(q),
                (None, _) => Limit::None,
            };
            assert_eq!(spec.limit, expected, "{}", spec.name);
        }
    }
}
