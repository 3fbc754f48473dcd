//! The activity log as the UI sees it: entries and the filter the Activity page (and its
//! CSV export) apply. The filter round-trips through the URL query.

use serde::{Deserialize, Serialize};

use crate::i18n::{td_string, Locale};

use crate::model::bulk::ItemResult;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub username: String,
    /// `vod:DeleteVideo`, `console:CreateUser`, ...
    pub action: String,
    pub targets: Vec<String>,
    /// `ok`, `partial` or `failed`.
    pub outcome: String,
    pub request_id: Option<String>,
    pub detail: Option<String>,
    /// Per-item outcomes of a bulk change (empty for single changes).
    pub items: Vec<ItemResult>,
}

/// Filters for the activity list. Empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    #[serde(default)]
    pub user: String,
    /// Substring of the action name.
    #[serde(default)]
    pub action: String,
    /// An exact target ID.
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub outcome: String,
    /// `YYYY-MM-DD`, inclusive, a day in the person's time zone.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default = "first_page")]
    pub page: u32,
}

fn first_page() -> u32 {
    1
}

pub const ACTIVITY_PAGE_SIZE: u32 = 50;

impl ActivityFilter {
    /// Reads the filter from URL query pairs.
    pub fn from_pairs<'a>(get: impl Fn(&str) -> Option<String> + 'a) -> Self {
        ActivityFilter {
            user: get("user").unwrap_or_default(),
            action: get("action").unwrap_or_default(),
            target: get("target").unwrap_or_default(),
            outcome: get("outcome").unwrap_or_default(),
            from: get("from").unwrap_or_default(),
            to: get("to").unwrap_or_default(),
            page: get("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    /// The URL query for this filter (without the leading `?`), page omitted when 1.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (k, v) in [
            ("user", &self.user),
            ("action", &self.action),
            ("target", &self.target),
            ("outcome", &self.outcome),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        crate::model::query::encode(&pairs)
    }

    /// Checks the dates so a typo gets a sentence, not an empty list.
    pub fn validate(&self, locale: Locale) -> Result<(), (&'static str, String)> {
        for (field, value) in [("from", &self.from), ("to", &self.to)] {
            if !value.is_empty() && !is_iso_date(value) {
                let label = if field == "from" {
                    td_string!(locale, activity.filter.from)
                } else {
                    td_string!(locale, activity.filter.to)
                };
                return Err((field, td_string!(locale, activity.bad_date, label, value).to_string()));
            }
        }
        if !self.outcome.is_empty() && !matches!(self.outcome.as_str(), "ok" | "partial" | "failed") {
            return Err(("outcome", td_string!(locale, activity.bad_outcome).to_string()));
        }
        Ok(())
    }
}

pub fn is_iso_date(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&v[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&v[8..10].parse::<u32>().unwrap_or(0))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityList {
    pub entries: Vec<ActivityEntry>,
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_round_trips_through_the_query() {
        let f = ActivityFilter { user: "ann".into(), action: "Delete".into(), target: "a&b=c".into(), page: 3, ..Default::default() };
        let q = f.to_query();
        assert_eq!(q, "user=ann&action=Delete&target=a%26b%3Dc&page=3");
        let pairs = crate::model::query::decode(&q);
        let back = ActivityFilter::from_pairs(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
        assert_eq!(back, f);
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_iso_date("2026-11-23"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("23/11/2026"));
        let f = ActivityFilter { from: "yesterday".into(), ..Default::default() };
        assert_eq!(f.validate(Locale::en).unwrap_err().0, "from");
        assert_eq!(f.validate(Locale::zh).unwrap_err().1, "开始日期“yesterday”不是形如 2026-11-23 的日期。");
    }
}
