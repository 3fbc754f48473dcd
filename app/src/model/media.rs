//! The media library in the console's words: which list is shown (tab, search, filters,
//! sort, page — all carried in the URL), the rows, a video's detail, and the edit form's
//! rules. The VOD wire types are converted into these in `ssr::media` only.

use serde::{Deserialize, Serialize};

use crate::model::query;
use crate::model::vod_text;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaTab {
    #[default]
    Videos,
    Images,
    Attached,
}

impl MediaTab {
    pub const ALL: [MediaTab; 3] = [MediaTab::Videos, MediaTab::Images, MediaTab::Attached];

    pub fn slug(self) -> &'static str {
        match self {
            MediaTab::Videos => "videos",
            MediaTab::Images => "images",
            MediaTab::Attached => "attached",
        }
    }

    /// The tab of a URL: anything unknown shows the videos (a link cannot break the page).
    pub fn parse(s: &str) -> MediaTab {
        Self::from_slug(s).unwrap_or(MediaTab::Videos)
    }

    /// Exactly one of the slugs, or `None`: for requests that change something, where a
    /// mistyped tab must be refused rather than read as "videos".
    pub fn from_slug(s: &str) -> Option<MediaTab> {
        Self::ALL.into_iter().find(|t| t.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MediaTab::Videos => "Videos",
            MediaTab::Images => "Images",
            MediaTab::Attached => "Attached media",
        }
    }

    /// SearchMedia's `SearchType`.
    pub fn search_type(self) -> &'static str {
        match self {
            MediaTab::Videos => "video",
            MediaTab::Images => "image",
            MediaTab::Attached => "attached",
        }
    }

    /// The ID field searched for an exact ID.
    pub fn id_field(self) -> &'static str {
        match self {
            MediaTab::Videos => "VideoId",
            MediaTab::Images => "ImageId",
            MediaTab::Attached => "MediaId",
        }
    }

    /// Status values offered in the filter (VOD's own words).
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            MediaTab::Videos => &[
                "Normal", "Uploading", "UploadSucc", "UploadFail", "Transcoding", "TranscodeFail", "Checking", "Blocked",
            ],
            MediaTab::Images | MediaTab::Attached => &["Normal", "Uploading", "UploadFail"],
        }
    }

    pub fn delete_permission(self) -> &'static str {
        match self {
            MediaTab::Videos => "vod:DeleteVideo",
            MediaTab::Images => "vod:DeleteImage",
            MediaTab::Attached => "vod:DeleteAttachedMedia",
        }
    }

    pub fn noun(self, n: usize) -> &'static str {
        match (self, n == 1) {
            (MediaTab::Videos, true) => "video",
            (MediaTab::Videos, false) => "videos",
            (MediaTab::Images, true) => "image",
            (MediaTab::Images, false) => "images",
            (MediaTab::Attached, true) => "attached media file",
            (MediaTab::Attached, false) => "attached media files",
        }
    }
}

pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Plain paging reaches this many records; further pages need the ScrollToken.
pub const LISTING_CEILING: u64 = 5_000;
pub const STORAGE_CLASSES: [&str; 4] = ["Standard", "IA", "Archive", "ColdArchive"];

/// What the list shows. Every field round-trips through the URL query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaQuery {
    pub tab: MediaTab,
    /// Title, tags or an exact ID.
    pub q: String,
    pub status: String,
    pub cate: Option<i64>,
    /// `YYYY-MM-DD`, inclusive, UTC.
    pub from: String,
    pub to: String,
    /// Storage location (bucket host).
    pub storage: String,
    /// Oldest first when true.
    pub asc: bool,
    pub size: u32,
    pub page: u32,
    /// The ScrollToken of the previous page, for pages beyond the first 5,000 records.
    pub scroll: String,
    /// Ask VOD again instead of the console's short-lived cache (the Reload link).
    #[serde(default)]
    pub fresh: bool,
}

impl Default for MediaQuery {
    fn default() -> Self {
        MediaQuery {
            tab: MediaTab::Videos,
            q: String::new(),
            status: String::new(),
            cate: None,
            from: String::new(),
            to: String::new(),
            storage: String::new(),
            asc: false,
            size: DEFAULT_PAGE_SIZE,
            page: 1,
            scroll: String::new(),
            fresh: false,
        }
    }
}

impl MediaQuery {
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        let size = get("size").and_then(|s| s.parse().ok()).filter(|s| PAGE_SIZES.contains(s)).unwrap_or(DEFAULT_PAGE_SIZE);
        MediaQuery {
            tab: MediaTab::parse(&get("tab").unwrap_or_default()),
            q: get("q").unwrap_or_default().trim().to_string(),
            status: get("status").unwrap_or_default(),
            cate: get("cate").and_then(|c| c.trim().parse().ok()),
            from: get("from").unwrap_or_default(),
            to: get("to").unwrap_or_default(),
            storage: get("storage").unwrap_or_default().trim().to_string(),
            asc: get("sort").as_deref() == Some("oldest"),
            size,
            page: get("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
            scroll: get("scroll").unwrap_or_default(),
            fresh: get("fresh").as_deref() == Some("1"),
        }
    }

    pub fn from_query_string(qs: &str) -> Self {
        let pairs = query::decode(qs);
        Self::from_pairs(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    /// The URL query (without `?`); defaults are left out so links stay short.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.tab != MediaTab::Videos {
            pairs.push(("tab", self.tab.slug().into()));
        }
        for (k, v) in [("q", &self.q), ("status", &self.status), ("from", &self.from), ("to", &self.to), ("storage", &self.storage)] {
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        if let Some(c) = self.cate {
            pairs.push(("cate", c.to_string()));
        }
        if self.asc {
            pairs.push(("sort", "oldest".into()));
        }
        if self.size != DEFAULT_PAGE_SIZE {
            pairs.push(("size", self.size.to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if !self.scroll.is_empty() {
            pairs.push(("scroll", self.scroll.clone()));
        }
        if self.fresh {
            pairs.push(("fresh", "1".into()));
        }
        query::encode(&pairs)
    }

    pub fn href(&self) -> String {
        match self.to_query() {
            q if q.is_empty() => "/media".to_string(),
            q => format!("/media?{q}"),
        }
    }

    /// The same filters on another page; the scroll token is kept only for pages that
    /// plain paging cannot reach.
    pub fn at_page(&self, page: u32, scroll: Option<&str>) -> MediaQuery {
        let needs_token = u64::from(page) * u64::from(self.size) > LISTING_CEILING;
        MediaQuery {
            page,
            scroll: if needs_token { scroll.unwrap_or_default().to_string() } else { String::new() },
            fresh: false,
            ..self.clone()
        }
    }

    /// Checks the filters so a typo gets a sentence naming the field.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.q.contains('\'') {
            return Err(("q", "Search text cannot contain a single quote (').".into()));
        }
        if self.q.len() > 128 {
            return Err(("q", format!("Search text is {} bytes; at most 128.", self.q.len())));
        }
        if let Some(c) = vod_text::first_illegal(&self.q) {
            return Err(("q", format!("Search text contains \"{c}\", which VOD cannot search for.")));
        }
        if !self.status.is_empty() && !self.tab.statuses().contains(&self.status.as_str()) {
            return Err(("status", format!("\"{}\" is not a status of {}.", self.status, self.tab.label().to_lowercase())));
        }
        for (field, v) in [("from", &self.from), ("to", &self.to)] {
            if !v.is_empty() && !crate::model::activity::is_iso_date(v) {
                return Err((field, format!("\"{v}\" is not a date like 2026-11-23.")));
            }
        }
        if !self.from.is_empty() && !self.to.is_empty() && self.from > self.to {
            return Err(("to", "The end date is before the start date.".into()));
        }
        if self.storage.contains('\'') {
            return Err(("storage", "Storage location cannot contain a single quote (').".into()));
        }
        let reach = u64::from(self.page) * u64::from(self.size);
        if reach > LISTING_CEILING && self.scroll.is_empty() {
            return Err((
                "page",
                format!("Pages beyond the first {LISTING_CEILING} results are reached with \"Next\" from the page before."),
            ));
        }
        Ok(())
    }

    /// SearchMedia's `Match` expression for these filters, or `None` for everything.
    pub fn match_expression(&self) -> Option<String> {
        let mut terms: Vec<String> = Vec::new();
        if !self.q.is_empty() {
            let q = &self.q;
            let mut any = vec![format!("Title = '{q}'"), format!("Tags = '{q}'")];
            if q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                any.push(format!("{} = '{q}'", self.tab.id_field()));
            }
            terms.push(format!("({})", any.join(" or ")));
        }
        if !self.status.is_empty() {
            terms.push(format!("Status = '{}'", self.status));
        }
        if let Some(c) = self.cate {
            terms.push(format!("CateId = {c}"));
        }
        if !self.storage.is_empty() {
            terms.push(format!("StorageLocation = '{}'", self.storage));
        }
        if !self.from.is_empty() || !self.to.is_empty() {
            let from = if self.from.is_empty() { String::new() } else { format!("'{}T00:00:00Z'", self.from) };
            let to = if self.to.is_empty() { String::new() } else { format!("'{}T23:59:59Z'", self.to) };
            terms.push(format!("CreationTime = [{from},{to}]"));
        }
        (!terms.is_empty()).then(|| terms.join(" and "))
    }

    pub fn sort_by(&self) -> &'static str {
        if self.asc {
            "CreationTime:Asc"
        } else {
            "CreationTime:Desc"
        }
    }
}

/// One row of the list, whatever the kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub thumbnail: Option<String>,
    /// Seconds (videos).
    pub duration: Option<f64>,
    /// Bytes.
    pub size: Option<i64>,
    pub cate_id: Option<i64>,
    pub cate_name: String,
    pub tags: String,
    pub created: String,
    pub storage: String,
    /// Image or attached-media file URL.
    pub url: Option<String>,
    /// watermark / subtitle / material (attached media).
    pub business_type: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaListing {
    pub rows: Vec<MediaRow>,
    pub total: u64,
    pub page: u32,
    pub size: u32,
    /// Pass to the next page when it is beyond plain paging.
    pub scroll_token: Option<String>,
    pub request_id: String,
}

/// A category in a filter or picker: its full path for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub id: i64,
    /// "Sports / Football / Highlights".
    pub path: String,
    pub level: i64,
}

/// A stream VOD can play.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamInfo {
    pub definition: String,
    pub format: String,
    pub url: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub bitrate_kbps: Option<f64>,
    pub size: Option<i64>,
    pub encrypted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    pub file_name: String,
    pub size: Option<i64>,
    pub duration: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub bitrate: Option<String>,
    pub fps: Option<String>,
    pub codec: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VideoDetail {
    pub id: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub status: String,
    pub cate_id: Option<i64>,
    pub cate_name: String,
    pub cover_url: String,
    pub duration: Option<f64>,
    pub size: Option<i64>,
    pub created: String,
    pub modified: String,
    pub storage: String,
    pub storage_class: String,
    pub template_group_id: String,
    pub source: Option<SourceFile>,
    pub streams: Vec<StreamInfo>,
    /// Why there are no streams (e.g. the video is not Normal yet).
    pub streams_note: Option<String>,
    pub snapshots: Vec<String>,
    pub request_ids: Vec<String>,
    /// How old the data is when it came from the console's short-lived cache of VOD
    /// answers (`None`: straight from VOD).
    #[serde(default)]
    pub cached_age_secs: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageDetail {
    pub id: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub status: String,
    pub image_type: String,
    pub cate_id: Option<i64>,
    pub cate_name: String,
    pub url: String,
    pub storage: String,
    pub created: String,
    pub file_name: String,
    pub size: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// The editable fields of a video, image or attached file, checked by the same rules in
/// the form (as you type) and on the server (before VOD is called).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaEdit {
    pub title: String,
    pub description: String,
    pub tags: String,
    /// Empty: leave the category unchanged.
    pub cate: String,
    /// Empty: leave the cover unchanged (videos only).
    pub cover_url: String,
}

/// A field that failed, for the form to show next to the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl MediaEdit {
    /// All problems, in form order (empty when valid).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(m) = vod_text::check_title(&self.title) {
            out.push(FieldError { field: "title", message: m });
        }
        if let Err(m) = vod_text::check_description(&self.description) {
            out.push(FieldError { field: "description", message: m });
        }
        if let Err(m) = vod_text::check_tags(&self.tags) {
            out.push(FieldError { field: "tags", message: m });
        }
        if !self.cate.trim().is_empty() && self.cate.trim().parse::<i64>().is_err() {
            out.push(FieldError { field: "cate", message: "Category must be chosen from the list.".into() });
        }
        let cover = self.cover_url.trim();
        if !cover.is_empty() && !(cover.starts_with("http://") || cover.starts_with("https://")) {
            out.push(FieldError { field: "cover_url", message: "Cover URL must start with http:// or https://.".into() });
        }
        out
    }

    pub fn cate_id(&self) -> Option<i64> {
        self.cate.trim().parse().ok()
    }
}

/// Whether `id` looks like a VOD media ID (hex or UUID-like, at most 64 characters).
/// Anything else is refused before a call is made.
pub fn is_media_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// "1:05:09", "4:07".
pub fn format_duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// "1.4 MB" (powers of 1,024, one decimal).
pub fn format_size(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_round_trips_through_the_url() {
        let q = MediaQuery {
            tab: MediaTab::Images,
            q: "视频 &=+*~/%".into(),
            status: "Normal".into(),
            cate: Some(1000100001),
            from: "2026-11-01".into(),
            to: "2026-11-20".into(),
            storage: "out-1.oss".into(),
            asc: true,
            size: 50,
            page: 3,
            scroll: String::new(),
            fresh: true,
        };
        assert_eq!(MediaQuery::from_query_string(&q.to_query()), q);
        assert_eq!(MediaQuery::default().href(), "/media");
        assert_eq!(MediaQuery::from_query_string("size=7&page=0"), MediaQuery::default());
    }

    #[test]
    fn the_match_expression_combines_filters() {
        let q = MediaQuery { q: "cat".into(), status: "Normal".into(), cate: Some(5), from: "2026-11-01".into(), ..Default::default() };
        assert_eq!(
            q.match_expression().unwrap(),
            "(Title = 'cat' or Tags = 'cat' or VideoId = 'cat') and Status = 'Normal' and CateId = 5 and CreationTime = ['2026-11-01T00:00:00Z',]"
        );
        assert_eq!(MediaQuery::default().match_expression(), None);
        let cjk = MediaQuery { q: "猫".into(), ..Default::default() };
        assert_eq!(cjk.match_expression().unwrap(), "(Title = '猫' or Tags = '猫')");
    }

    #[test]
    fn filters_are_validated_with_the_field_named() {
        let bad = MediaQuery { q: "it's".into(), ..Default::default() };
        assert_eq!(bad.validate().unwrap_err().0, "q");
        let bad = MediaQuery { status: "Transcoding".into(), tab: MediaTab::Images, ..Default::default() };
        assert_eq!(bad.validate().unwrap_err().0, "status");
        let deep = MediaQuery { page: 300, size: 20, ..Default::default() };
        assert_eq!(deep.validate().unwrap_err().0, "page");
        assert!(MediaQuery { scroll: "tok".into(), ..deep.clone() }.validate().is_ok());
        assert_eq!(deep.at_page(250, Some("t")).scroll, "");
        assert_eq!(deep.at_page(251, Some("t")).scroll, "t");
    }

    #[test]
    fn edits_report_every_problem() {
        let e = MediaEdit { title: "".into(), tags: "a🚀".into(), cover_url: "ftp://x".into(), ..Default::default() };
        let fields: Vec<&str> = e.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["title", "tags", "cover_url"]);
        let ok = MediaEdit { title: "标题 &=+*~/%".into(), ..Default::default() };
        assert!(ok.problems().is_empty());
    }

    #[test]
    fn durations_and_sizes_read_well() {
        assert_eq!(format_duration(247.4), "4:07");
        assert_eq!(format_duration(3909.0), "1:05:09");
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(1_468_006), "1.4 MB");
    }
}
