//! The media library in the console's words: which list is shown (tab, search, filters,
//! sort, page — all carried in the URL), the rows, a video's detail, and the edit form's
//! rules. The VOD wire types are converted into these in `ssr::media` only.

use serde::{Deserialize, Serialize};

use crate::i18n::{td_string, Locale};
use crate::model::query;
use crate::model::roles::Permission;
use crate::model::vod_text;

/// The three kinds of media VOD keeps: one type for the list's tab, the URL, the edit
/// and delete requests and the delete queue. On the wire and in URLs it is its slug
/// (`videos`, `images`, `attached`), sent as the field `tab`; anything else is refused,
/// never read as videos.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MediaKind {
    #[default]
    Video,
    Image,
    Attached,
}

impl Serialize for MediaKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

impl<'de> Deserialize<'de> for MediaKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MediaKind::from_slug(&s).ok_or_else(|| serde::de::Error::custom(MediaKind::unknown(&s)))
    }
}

impl MediaKind {
    pub const ALL: [MediaKind; 3] = [MediaKind::Video, MediaKind::Image, MediaKind::Attached];
    /// The field a media kind is sent in, by the forms and the server functions.
    pub const FIELD: &'static str = "tab";
    /// How a refused value is described to the argument reader
    /// ([`crate::error::unreadable_arguments`] turns it into a 400 naming [`Self::FIELD`]).
    const UNKNOWN: &'static str = "unknown media kind";

    pub fn slug(self) -> &'static str {
        match self {
            MediaKind::Video => "videos",
            MediaKind::Image => "images",
            MediaKind::Attached => "attached",
        }
    }

    /// The tab of a page URL. A missing tab is the videos; a mistyped one is `None`
    /// (the page says so instead of showing another kind of media).
    pub fn from_url(s: Option<&str>) -> Option<MediaKind> {
        match s.map(str::trim) {
            None | Some("") => Some(MediaKind::Video),
            Some(s) => Self::from_slug(s),
        }
    }

    /// Exactly one of the slugs, or `None`.
    pub fn from_slug(s: &str) -> Option<MediaKind> {
        Self::ALL.into_iter().find(|t| t.slug() == s)
    }

    fn unknown(value: &str) -> String {
        let value: String = value.chars().take(40).collect();
        format!("field `{}`: {} `{value}`", Self::FIELD, Self::UNKNOWN)
    }

    /// The refused value, if `detail` is the argument reader's message for one.
    pub fn refused_value(detail: &str) -> Option<&str> {
        let rest = detail.split(Self::UNKNOWN).nth(1)?;
        rest.split('`').nth(1)
    }

    /// The tab's name in English; [`MediaKind::label_in`] in a given language.
    pub fn label(self) -> &'static str {
        self.label_in(Locale::en)
    }

    /// The tab's name ("Videos", "视频").
    pub fn label_in(self, locale: Locale) -> &'static str {
        match self {
            MediaKind::Video => td_string!(locale, media_rules.tabs.videos),
            MediaKind::Image => td_string!(locale, media_rules.tabs.images),
            MediaKind::Attached => td_string!(locale, media_rules.tabs.attached),
        }
    }

    /// SearchMedia's `SearchType`.
    pub fn search_type(self) -> &'static str {
        match self {
            MediaKind::Video => "video",
            MediaKind::Image => "image",
            MediaKind::Attached => "attached",
        }
    }

    /// The ID field searched for an exact ID.
    pub fn id_field(self) -> &'static str {
        match self {
            MediaKind::Video => "VideoId",
            MediaKind::Image => "ImageId",
            MediaKind::Attached => "MediaId",
        }
    }

    /// Status values offered in the filter (VOD's own words).
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            MediaKind::Video => &[
                "Normal", "Uploading", "UploadSucc", "UploadFail", "Transcoding", "TranscodeFail", "Checking", "Blocked",
            ],
            MediaKind::Image | MediaKind::Attached => &["Normal", "Uploading", "UploadFail"],
        }
    }

    /// The permission to edit one item (UpdateVideoInfo, UpdateImageInfos,
    /// UpdateAttachedMediaInfos).
    pub fn edit_permission(self) -> Permission {
        match self {
            MediaKind::Video => crate::vod_permission!(UpdateVideoInfo),
            MediaKind::Image => crate::vod_permission!(UpdateImageInfos),
            MediaKind::Attached => crate::vod_permission!(UpdateAttachedMediaInfos),
        }
    }

    /// The permission to edit a selection (category, tags); attached media have no bulk edit.
    pub fn bulk_edit_permission(self) -> Option<Permission> {
        match self {
            MediaKind::Video => Some(crate::vod_permission!(UpdateVideoInfos)),
            MediaKind::Image => Some(crate::vod_permission!(UpdateImageInfos)),
            MediaKind::Attached => None,
        }
    }

    /// The permission to delete, which is also the delete action.
    pub fn delete_permission(self) -> Permission {
        match self {
            MediaKind::Video => crate::vod_permission!(DeleteVideo),
            MediaKind::Image => crate::vod_permission!(DeleteImage),
            MediaKind::Attached => crate::vod_permission!(DeleteAttachedMedia),
        }
    }

    /// The English noun for `n` items; [`MediaKind::noun_in`] in a given language.
    pub fn noun(self, n: usize) -> &'static str {
        self.noun_in(Locale::en, n)
    }

    /// What one item (`n == 1`) or several are called ("videos"; "视频" whatever `n`).
    pub fn noun_in(self, locale: Locale, n: usize) -> &'static str {
        match (self, n == 1) {
            (MediaKind::Video, true) => td_string!(locale, media_rules.nouns.video),
            (MediaKind::Video, false) => td_string!(locale, media_rules.nouns.videos),
            (MediaKind::Image, true) => td_string!(locale, media_rules.nouns.image),
            (MediaKind::Image, false) => td_string!(locale, media_rules.nouns.images),
            (MediaKind::Attached, true) => td_string!(locale, media_rules.nouns.attached_file),
            (MediaKind::Attached, false) => td_string!(locale, media_rules.nouns.attached_files),
        }
    }

    /// `n` items with their noun: "25 videos", "1 image", "25 个视频".
    pub fn count_in(self, locale: Locale, n: usize) -> String {
        match (self, n == 1) {
            (MediaKind::Video, true) => td_string!(locale, media_rules.counted.video, n = n).to_string(),
            (MediaKind::Video, false) => td_string!(locale, media_rules.counted.videos, n = n).to_string(),
            (MediaKind::Image, true) => td_string!(locale, media_rules.counted.image, n = n).to_string(),
            (MediaKind::Image, false) => td_string!(locale, media_rules.counted.images, n = n).to_string(),
            (MediaKind::Attached, true) => td_string!(locale, media_rules.counted.attached_file, n = n).to_string(),
            (MediaKind::Attached, false) => td_string!(locale, media_rules.counted.attached_files, n = n).to_string(),
        }
    }
}

/// A kind of a video's images (DeleteImage's `ImageType`) for people, as used in a
/// sentence ("cover snapshots", "封面截图"); an unknown value is shown as is.
pub fn video_image_type_label<'a>(locale: Locale, image_type: &'a str) -> &'a str {
    match image_type {
        "CoverSnapshot" => td_string!(locale, media_rules.image_types.cover_snapshot),
        "NormalSnapshot" => td_string!(locale, media_rules.image_types.normal_snapshot),
        "SpriteSnapshot" => td_string!(locale, media_rules.image_types.sprite_snapshot),
        "SpriteOriginSnapshot" => td_string!(locale, media_rules.image_types.sprite_origin_snapshot),
        "All" => td_string!(locale, media_rules.image_types.all_images),
        other => other,
    }
}

pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Plain paging reaches this many records; further pages need the ScrollToken.
pub const LISTING_CEILING: u64 = 5_000;
pub const STORAGE_CLASSES: [&str; 4] = ["Standard", "IA", "Archive", "ColdArchive"];
/// Longest search text, in UTF-8 bytes.
pub const SEARCH_MAX_BYTES: usize = 128;
/// Longest cover URL VOD takes, in bytes.
pub const COVER_URL_MAX_BYTES: usize = 1024;

/// What the list shows. Every field round-trips through the URL query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaQuery {
    pub tab: MediaKind,
    /// Title, tags or an exact ID.
    pub q: String,
    pub status: String,
    pub cate: Option<i64>,
    /// `YYYY-MM-DD`, inclusive, a day in the person's time zone.
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
            tab: MediaKind::Video,
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
            tab: MediaKind::from_url(get("tab").as_deref()).unwrap_or_default(),
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
        if self.tab != MediaKind::Video {
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

    /// Checks the filters so a typo gets a sentence naming the field, in `locale`.
    pub fn validate(&self, locale: Locale) -> Result<(), (&'static str, String)> {
        if self.q.contains('\'') {
            return Err(("q", td_string!(locale, media_rules.filter.search_quote).to_string()));
        }
        let q_bytes = self.q.len();
        if q_bytes > SEARCH_MAX_BYTES {
            return Err((
                "q",
                td_string!(locale, media_rules.filter.search_too_long, bytes = q_bytes, max = SEARCH_MAX_BYTES).to_string(),
            ));
        }
        if let Some(c) = vod_text::first_illegal(&self.q) {
            return Err(("q", td_string!(locale, media_rules.filter.search_emoji, c = c).to_string()));
        }
        if !self.status.is_empty() && !self.tab.statuses().contains(&self.status.as_str()) {
            let tab = self.tab.label_in(locale).to_lowercase();
            let status = self.status.as_str();
            return Err(("status", td_string!(locale, media_rules.filter.bad_status, status = status, tab = tab).to_string()));
        }
        for (field, value) in [("from", &self.from), ("to", &self.to)] {
            if !value.is_empty() && !crate::model::activity::is_iso_date(value) {
                let label = if field == "from" {
                    td_string!(locale, media_rules.filter.start_date)
                } else {
                    td_string!(locale, media_rules.filter.end_date)
                };
                return Err((field, td_string!(locale, media_rules.filter.bad_date, label = label, value = value).to_string()));
            }
        }
        if !self.from.is_empty() && !self.to.is_empty() && self.from > self.to {
            return Err(("to", td_string!(locale, media_rules.filter.end_before_start).to_string()));
        }
        if self.storage.contains('\'') {
            return Err(("storage", td_string!(locale, media_rules.filter.storage_quote).to_string()));
        }
        let reach = u64::from(self.page) * u64::from(self.size);
        if reach > LISTING_CEILING && self.scroll.is_empty() {
            return Err(("page", td_string!(locale, media_rules.filter.page_beyond, max = LISTING_CEILING).to_string()));
        }
        Ok(())
    }

    /// SearchMedia's `Match` expression for these filters, or `None` for everything, with
    /// the date filters read as days in UTC.
    pub fn match_expression(&self) -> Option<String> {
        self.match_expression_in(|_| 0)
    }

    /// The same, with the date filters read as days in the person's time zone, given its
    /// offset from UTC at an instant.
    pub fn match_expression_in(&self, offset_at: impl Fn(i64) -> i32 + Copy) -> Option<String> {
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
            let bound = |date: &str, end: bool| {
                crate::model::prefs::local_day_bound(date, end, offset_at).map(|t| format!("'{t}'")).unwrap_or_default()
            };
            let from = bound(&self.from, false);
            let to = bound(&self.to, true);
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
    /// All problems, in form order (empty when valid), in `locale`.
    pub fn problems(&self, locale: Locale) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(m) = vod_text::check_title(locale, &self.title) {
            out.push(FieldError { field: "title", message: m });
        }
        if let Err(m) = vod_text::check_description(locale, &self.description) {
            out.push(FieldError { field: "description", message: m });
        }
        if let Err(m) = vod_text::check_tags(locale, &self.tags) {
            out.push(FieldError { field: "tags", message: m });
        }
        if !self.cate.trim().is_empty() && self.cate.trim().parse::<i64>().is_err() {
            out.push(FieldError { field: "cate", message: td_string!(locale, media_rules.edit.cate_from_list).to_string() });
        }
        let cover = self.cover_url.trim();
        if !cover.is_empty() {
            if let Err(m) = check_cover_url(locale, cover) {
                out.push(FieldError { field: "cover_url", message: m });
            }
        }
        out
    }

    pub fn cate_id(&self) -> Option<i64> {
        self.cate.trim().parse().ok()
    }
}

/// A cover URL: http(s), at most [`COVER_URL_MAX_BYTES`].
pub fn check_cover_url(locale: Locale, url: &str) -> Result<(), String> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(td_string!(locale, media_rules.edit.cover_scheme).to_string());
    }
    let bytes = url.len();
    if bytes > COVER_URL_MAX_BYTES {
        return Err(td_string!(locale, media_rules.edit.cover_too_long, bytes = bytes, max = COVER_URL_MAX_BYTES).to_string());
    }
    Ok(())
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
            tab: MediaKind::Image,
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
        let days = MediaQuery { from: "2026-11-01".into(), to: "2026-11-02".into(), ..Default::default() };
        assert_eq!(
            days.match_expression_in(|_| 8 * 3600).unwrap(),
            "CreationTime = ['2026-10-31T16:00:00Z','2026-11-02T15:59:59Z']"
        );
        let cjk = MediaQuery { q: "猫".into(), ..Default::default() };
        assert_eq!(cjk.match_expression().unwrap(), "(Title = '猫' or Tags = '猫')");
    }

    #[test]
    fn filters_are_validated_with_the_field_named() {
        let bad = MediaQuery { q: "it's".into(), ..Default::default() };
        assert_eq!(bad.validate(Locale::en).unwrap_err().0, "q");
        let bad = MediaQuery { status: "Transcoding".into(), tab: MediaKind::Image, ..Default::default() };
        assert_eq!(bad.validate(Locale::en).unwrap_err(), ("status", "\"Transcoding\" is not a status of images.".to_string()));
        assert_eq!(bad.validate(Locale::zh).unwrap_err().1, "图片没有“Transcoding”这一状态。");
        let long = MediaQuery { q: "视".repeat(43), ..Default::default() };
        assert_eq!(long.validate(Locale::zh).unwrap_err(), ("q", "搜索内容最多 128 字节（当前 129）。".to_string()));
        let deep = MediaQuery { page: 300, size: 20, ..Default::default() };
        assert_eq!(deep.validate(Locale::en).unwrap_err().0, "page");
        assert!(MediaQuery { scroll: "tok".into(), ..deep.clone() }.validate(Locale::en).is_ok());
        assert_eq!(deep.at_page(250, Some("t")).scroll, "");
        assert_eq!(deep.at_page(251, Some("t")).scroll, "t");
    }

    #[test]
    fn edits_report_every_problem() {
        let e = MediaEdit { title: "".into(), tags: "a🚀".into(), cover_url: "ftp://x".into(), ..Default::default() };
        let fields: Vec<&str> = e.problems(Locale::en).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["title", "tags", "cover_url"]);
        assert_eq!(e.problems(Locale::zh)[2].message, "封面地址必须以 http:// 或 https:// 开头。");
        let ok = MediaEdit { title: "标题 &=+*~/%".into(), ..Default::default() };
        assert!(ok.problems(Locale::en).is_empty());
        let long_cover = MediaEdit { title: "t".into(), cover_url: format!("https://{}", "a".repeat(1020)), ..Default::default() };
        assert_eq!(long_cover.problems(Locale::en)[0].message, "Cover URL is 1028 bytes; VOD allows at most 1024.");
    }

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(MediaKind::Attached.label(), "Attached media");
        assert_eq!(MediaKind::Attached.label_in(Locale::zh), "辅助媒资");
        assert_eq!(MediaKind::Video.count_in(Locale::en, 1), "1 video");
        assert_eq!(MediaKind::Video.count_in(Locale::zh, 25), "25 个视频");
    }

    #[test]
    fn durations_and_sizes_read_well() {
        assert_eq!(format_duration(247.4), "4:07");
        assert_eq!(format_duration(3909.0), "1:05:09");
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(1_468_006), "1.4 MB");
    }
}
