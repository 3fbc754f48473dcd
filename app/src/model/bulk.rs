//! The outcome of an operation on many items (delete 25 videos, move 40 into a
//! category, pull 12 URLs): one line per item, so nobody has to guess which ones worked.
//! Shown by `components::bulk_result::BulkResultTable` and written to the activity log.

use serde::{Deserialize, Serialize};

use crate::i18n::{td_string, Locale};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The change was made (deleted, updated, submitted).
    Done,
    /// VOD does not know the item (already gone, or a wrong ID).
    NotFound,
    /// VOD or the console refused the item (permissions, status, ownership).
    Forbidden,
    /// The call failed; retrying may help.
    Failed,
    /// Not attempted (cancelled before its turn).
    Skipped,
}

impl Outcome {
    /// The outcome for people; a success is called by `done_word` (a report's
    /// `done_word`: `deleted`, `updated`, `moved`, `accepted`, or `done`).
    pub fn label(self, locale: Locale, done_word: &str) -> &'static str {
        match self {
            Outcome::Done => done_label(locale, done_word),
            Outcome::NotFound => td_string!(locale, common.outcomes.not_found),
            Outcome::Forbidden => td_string!(locale, common.outcomes.forbidden),
            Outcome::Failed => td_string!(locale, common.outcomes.failed),
            Outcome::Skipped => td_string!(locale, common.outcomes.skipped),
        }
    }

    /// The wire name (`not_found`), for attributes and CSV.
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::NotFound => "not_found",
            Outcome::Forbidden => "forbidden",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }

    /// Worth offering "retry" for.
    pub fn retryable(self) -> bool {
        matches!(self, Outcome::Failed | Outcome::Skipped)
    }
}

/// A success, in words: `done_word` is one of the slugs reports use.
pub fn done_label(locale: Locale, done_word: &str) -> &'static str {
    match done_word {
        "deleted" => td_string!(locale, common.outcomes.deleted),
        "updated" => td_string!(locale, common.outcomes.updated),
        "moved" => td_string!(locale, common.outcomes.moved),
        "accepted" => td_string!(locale, common.outcomes.accepted),
        _ => td_string!(locale, common.outcomes.done),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    /// What a person recognises the item by (a title), if known.
    pub label: Option<String>,
    pub outcome: Outcome,
    /// VOD error code, when VOD gave one.
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

impl ItemResult {
    pub fn done(id: impl Into<String>, request_id: Option<String>) -> Self {
        ItemResult { id: id.into(), label: None, outcome: Outcome::Done, code: None, message: None, request_id }
    }

    pub fn with(
        id: impl Into<String>,
        outcome: Outcome,
        code: Option<String>,
        message: Option<String>,
        request_id: Option<String>,
    ) -> Self {
        ItemResult { id: id.into(), label: None, outcome, code, message, request_id }
    }
}

/// Every item's result for one bulk operation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkReport {
    /// Which word says success: `deleted`, `updated`, `moved`, `accepted` (see
    /// [`done_label`]).
    pub done_word: String,
    pub items: Vec<ItemResult>,
}

impl BulkReport {
    pub fn new(done_word: &str) -> Self {
        BulkReport { done_word: done_word.to_string(), items: Vec::new() }
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }

    /// IDs worth retrying.
    pub fn retry_ids(&self) -> Vec<String> {
        self.items.iter().filter(|i| i.outcome.retryable()).map(|i| i.id.clone()).collect()
    }

    /// "23 deleted, 2 not found" — the outcomes present, in a fixed order.
    pub fn summary(&self, locale: Locale) -> String {
        let parts: Vec<String> = [Outcome::Done, Outcome::NotFound, Outcome::Forbidden, Outcome::Failed, Outcome::Skipped]
            .into_iter()
            .filter_map(|o| match self.count(o) {
                0 => None,
                n => Some(td_string!(locale, common.outcomes.count, n, outcome = o.label(locale, &self.done_word)).to_string()),
            })
            .collect();
        if parts.is_empty() {
            td_string!(locale, common.outcomes.nothing).to_string()
        } else {
            parts.join(td_string!(locale, common.list_separator))
        }
    }

    /// The outcome word for the activity log: `ok`, `partial` or `failed`.
    pub fn overall(&self) -> &'static str {
        let done = self.count(Outcome::Done);
        if done == self.items.len() {
            "ok"
        } else if done == 0 {
            "failed"
        } else {
            "partial"
        }
    }

    /// Attaches human labels (titles) to items by ID.
    pub fn label_with(&mut self, label: impl Fn(&str) -> Option<String>) {
        for item in &mut self.items {
            if item.label.is_none() {
                item.label = label(&item.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_and_retry_follow_the_items() {
        let mut r = BulkReport::new("deleted");
        r.items.push(ItemResult::done("a", Some("R1".into())));
        r.items.push(ItemResult::with("b", Outcome::NotFound, Some("InvalidVideo.NotExist".into()), None, None));
        r.items.push(ItemResult::with("c", Outcome::Failed, Some("Throttling.User".into()), None, None));
        assert_eq!(r.summary(Locale::en), "1 deleted, 1 not found, 1 failed");
        assert_eq!(r.summary(Locale::zh), "成功删除 1 个、不存在 1 个、失败 1 个");
        assert_eq!(r.retry_ids(), vec!["c".to_string()]);
        assert_eq!(r.overall(), "partial");
        assert_eq!(BulkReport::new("x").summary(Locale::en), "nothing to do");
    }
}
