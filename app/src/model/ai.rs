//! AI moderation on the review pages: jobs submitted from the console (and their
//! progress) and the AI templates that configure them. Shared by the server and the
//! browser.

use serde::{Deserialize, Serialize};

/// Most media one submission takes (each is one call, paced to VOD's limit).
pub const MAX_SUBMIT: usize = 100;

/// A moderation job submitted from the console, as it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiJobRow {
    pub job_id: String,
    pub media_id: String,
    pub submitted_by: String,
    pub at: String,
    /// `init`, `processing`, `success`, `fail`, or empty when it could not be read.
    pub status: String,
    /// When finished: `pass`, `review` or `block`.
    pub suggestion: String,
    pub label: String,
}

/// An AI template with its configuration read into fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiTemplateRow {
    pub id: String,
    pub name: String,
    /// `AIMediaAudit` or `AIImage`.
    pub kind: String,
    pub is_default: bool,
    /// `System` or `Custom`.
    pub source: String,
    pub modified: String,
    /// Moderation: the dimensions, the ranges, whether violations are blocked at once.
    pub items: Vec<String>,
    pub ranges: Vec<String>,
    pub auto_block: bool,
    /// Smart covers: the format and whether one becomes the cover.
    pub format: String,
    pub set_cover: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiOverview {
    pub templates: Vec<AiTemplateRow>,
    pub jobs: Vec<AiJobRow>,
    /// A sentence when the templates could not be read.
    pub templates_error: Option<String>,
}

/// A moderation template as the form sends it (`id` empty for a new one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiTemplateForm {
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// Checked dimensions (`porn`, ...).
    #[serde(default)]
    pub items: Vec<String>,
    /// Checked ranges (`video`, `image-cover`, `text-title`).
    #[serde(default)]
    pub ranges: Vec<String>,
    /// `yes` or `no`.
    #[serde(default)]
    pub auto_block: String,
}

impl AiTemplateForm {
    /// The `TemplateConfig` VOD takes.
    pub fn config(&self) -> vod::audit::MediaAuditConfig {
        vod::audit::MediaAuditConfig {
            audit_item: self.items.clone(),
            audit_range: self.ranges.clone(),
            audit_content: vec!["screen".into()],
            auto_block: self.auto_block == "yes",
        }
    }
}

/// Media IDs from a pasted list: split on commas, spaces and new lines, without repeats.
pub fn split_ids(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in text.split(|c: char| c == ',' || c == '，' || c.is_whitespace()).map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_ids_are_split_and_deduplicated() {
        assert_eq!(split_ids("a, b\nc，a  d"), ["a", "b", "c", "d"]);
        assert!(split_ids(" \n ").is_empty());
    }

    #[test]
    fn the_form_becomes_vods_configuration() {
        let f = AiTemplateForm { name: "x".into(), items: vec!["porn".into()], ranges: vec!["video".into()], auto_block: "yes".into(), ..Default::default() };
        let json = f.config().to_json();
        let parsed = vod::audit::check_media_audit(&json).unwrap();
        assert_eq!(parsed.audit_item, ["porn"]);
        assert!(parsed.auto_block);
    }
}
