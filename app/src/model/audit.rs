//! The review pages' data: the queue, the reviewer screen (player, AI summary, flagged
//! segments on a timeline, frames, audio findings, histories), decisions and their
//! record, and the review security IPs. Shared by the server and the browser.

use serde::{Deserialize, Serialize};

/// The flag labels the queue filters by: the five frame dimensions and audio.
pub const LABELS: [&str; 6] = ["porn", "terrorism", "ad", "logo", "live", "audio"];

/// How long a claim on a video keeps other reviewers off it, unless renewed.
pub const CLAIM_SECS: i64 = 5 * 60;

/// How the queue is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueSort {
    /// The highest AI score first (the most likely violations).
    #[default]
    Score,
    /// The earliest upload first (the longest waiting).
    Uploaded,
}

impl QueueSort {
    pub fn key(self) -> &'static str {
        match self {
            QueueSort::Score => "score",
            QueueSort::Uploaded => "uploaded",
        }
    }

    pub fn parse(s: &str) -> QueueSort {
        if s == "uploaded" {
            QueueSort::Uploaded
        } else {
            QueueSort::Score
        }
    }
}

/// Someone else reviewing a video right now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub username: String,
    /// RFC 3339, UTC.
    pub until: String,
}

/// One video waiting for review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub video_id: String,
    pub title: String,
    pub cover_url: String,
    pub duration: Option<f64>,
    pub created: String,
    pub status: String,
    /// `pass`, `review` or `block`; empty when not moderated.
    pub suggestion: String,
    /// The highest score of any flagged frame or segment.
    pub score: Option<f64>,
    /// The flagged labels among [`LABELS`].
    pub labels: Vec<String>,
    /// Claimed by someone else.
    pub claim: Option<Claim>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQueue {
    pub items: Vec<QueueItem>,
    /// Videos per label, over the whole queue (not only the filtered ones).
    pub counts: Vec<(String, usize)>,
    pub total: usize,
    /// A sentence when the AI results of some videos could not be read.
    pub note: Option<String>,
    pub cached_age_secs: Option<u64>,
}

/// A run of flagged frames in one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// One of [`LABELS`] (audio included).
    pub dimension: String,
    pub start_ms: i64,
    pub end_ms: i64,
    /// The label with the highest score in the run (`sexy`, `weapon`, `ad`, ...).
    pub label: String,
    pub max_score: f64,
    /// What was said (audio).
    pub text: Option<String>,
}

/// Merges timeline marks of one dimension (`(ms, label, score)`, any order) into runs:
/// marks closer than `gap_ms` belong to one run, which lasts one second past its last
/// mark.
pub fn segments(dimension: &str, marks: &[(i64, String, f64)], gap_ms: i64) -> Vec<Segment> {
    let mut sorted: Vec<&(i64, String, f64)> = marks.iter().collect();
    sorted.sort_by_key(|m| m.0);
    let mut out: Vec<Segment> = Vec::new();
    for (ms, label, score) in sorted {
        match out.last_mut() {
            Some(s) if *ms - (s.end_ms - 1000) <= gap_ms => {
                s.end_ms = ms + 1000;
                if *score > s.max_score {
                    s.max_score = *score;
                    s.label = label.clone();
                }
            }
            _ => out.push(Segment {
                dimension: dimension.to_string(),
                start_ms: *ms,
                end_ms: ms + 1000,
                label: label.clone(),
                max_score: *score,
                text: None,
            }),
        }
    }
    out
}

/// All segments in playing order (for `J`/`K`): by start, then dimension order.
pub fn in_playing_order(mut all: Vec<Segment>) -> Vec<Segment> {
    let rank = |d: &str| LABELS.iter().position(|l| *l == d).unwrap_or(LABELS.len());
    all.sort_by(|a, b| a.start_ms.cmp(&b.start_ms).then(rank(&a.dimension).cmp(&rank(&b.dimension))));
    all
}

/// The segment `J` (forward) or `K` (back) moves to from `position_ms`.
pub fn step_segment(segments: &[Segment], position_ms: i64, forward: bool) -> Option<usize> {
    if forward {
        segments.iter().position(|s| s.start_ms > position_ms + 250)
    } else {
        segments.iter().rposition(|s| s.start_ms < position_ms - 250)
    }
}

/// One dimension's result over the whole video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionSummary {
    pub dimension: String,
    pub suggestion: String,
    pub label: String,
    pub max_score: Option<f64>,
    pub average_score: Option<f64>,
    /// `(label, frames)`.
    pub counts: Vec<(String, i64)>,
}

/// The AI summary of a video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AiSummary {
    pub suggestion: String,
    pub label: String,
    pub abnormal_modules: Vec<String>,
    pub dimensions: Vec<DimensionSummary>,
    /// The cover's verdict and label.
    pub cover: Option<(String, String)>,
    /// The title's verdict and label.
    pub title: Option<(String, String)>,
    /// The audio's verdict and label.
    pub audio: Option<(String, String)>,
}

/// One flagged frame with its scores (`(dimension, label, score)`, flagged ones only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameRow {
    pub timestamp_ms: i64,
    pub url: String,
    pub hits: Vec<(String, String, f64)>,
}

/// One page of a video's flagged frames (VOD pages them by 20).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FramePage {
    pub frames: Vec<FrameRow>,
    /// Flagged frames in all pages.
    pub total: i64,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
}

/// A decision in VOD's history of the video.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub at: String,
    pub auditor: String,
    pub status: String,
    pub reason: String,
    pub comment: String,
}

/// A decision as the console keeps it: who, when, what, why, what the AI said then,
/// and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub id: i64,
    pub video_id: String,
    pub title: String,
    pub reviewer: String,
    pub at: String,
    /// `Normal` (approve) or `Blocked`.
    pub decision: String,
    pub reason: String,
    pub comment: String,
    /// The AI suggestion and label shown when the decision was made.
    pub ai_suggestion: String,
    pub ai_label: String,
    pub state: DecisionState,
    /// When a pending decision is sent (unix ms).
    pub send_at: i64,
    pub request_id: Option<String>,
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionState {
    /// Waiting out the undo window.
    Pending,
    /// Being sent.
    Sending,
    /// VOD took it.
    Sent,
    /// VOD refused it (see `error`).
    Failed,
    /// Taken back before it was sent.
    Undone,
}

impl DecisionState {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionState::Pending => "pending",
            DecisionState::Sending => "sending",
            DecisionState::Sent => "sent",
            DecisionState::Failed => "failed",
            DecisionState::Undone => "undone",
        }
    }

    pub fn parse(s: &str) -> DecisionState {
        match s {
            "sending" => DecisionState::Sending,
            "sent" => DecisionState::Sent,
            "failed" => DecisionState::Failed,
            "undone" => DecisionState::Undone,
            _ => DecisionState::Pending,
        }
    }
}

/// The reasons offered for blocking (keys of `audit.reasons.*`); any other text may be
/// typed.
pub const BLOCK_REASONS: [&str; 6] = ["porn", "terrorism", "ad", "logo", "copyright", "quality"];

/// Everything the reviewer screen shows for one video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewScreen {
    pub video_id: String,
    pub title: String,
    pub status: String,
    pub cover_url: String,
    pub duration: Option<f64>,
    pub created: String,
    /// `(url, definition, format)` of the stream to play.
    pub play: Option<(String, String, String)>,
    /// Why it does not play (VOD refused: not a review security IP, no stream, ...).
    pub play_refused: Option<String>,
    /// VOD refused to play it because this server is not a review security IP.
    pub needs_security_ip: bool,
    pub ai: Option<AiSummary>,
    /// Flagged runs in playing order.
    pub segments: Vec<Segment>,
    /// Sentences for the parts of the AI results that could not be read.
    pub notes: Vec<String>,
    pub history: Vec<HistoryRow>,
    pub history_status: String,
    pub record: Vec<DecisionRecord>,
    /// Someone else is reviewing it.
    pub claimed_by: Option<Claim>,
    /// The next video in the queue (for `N`).
    pub next_id: Option<String>,
    /// How long a decision waits before it is sent (undo window).
    pub undo_secs: u64,
}

/// A review security IP group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpGroup {
    pub name: String,
    pub ips: Vec<String>,
    pub modified: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityIps {
    pub groups: Vec<IpGroup>,
    pub max_groups: usize,
    pub max_ips: usize,
}

/// `m:ss` (or `h:mm:ss`) for a position in milliseconds.
pub fn clock(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(ms: i64, label: &str, score: f64) -> (i64, String, f64) {
        (ms, label.to_string(), score)
    }

    #[test]
    fn marks_merge_into_runs() {
        let runs = segments("porn", &[mark(5000, "sexy", 91.0), mark(3000, "porn", 95.5), mark(4000, "porn", 92.0), mark(20_000, "sexy", 90.1)], 1500);
        assert_eq!(runs.len(), 2);
        assert_eq!((runs[0].start_ms, runs[0].end_ms, runs[0].label.as_str(), runs[0].max_score), (3000, 6000, "porn", 95.5));
        assert_eq!((runs[1].start_ms, runs[1].end_ms), (20_000, 21_000));
        assert!(segments("ad", &[], 1500).is_empty());
    }

    #[test]
    fn j_and_k_walk_the_segments() {
        let all = in_playing_order(vec![
            Segment { dimension: "ad".into(), start_ms: 9000, end_ms: 10_000, label: "ad".into(), max_score: 70.0, text: None },
            Segment { dimension: "porn".into(), start_ms: 2000, end_ms: 4000, label: "porn".into(), max_score: 95.0, text: None },
            Segment { dimension: "porn".into(), start_ms: 9000, end_ms: 11_000, label: "porn".into(), max_score: 93.0, text: None },
        ]);
        assert_eq!(all.iter().map(|s| (s.start_ms, s.dimension.as_str())).collect::<Vec<_>>(), [(2000, "porn"), (9000, "porn"), (9000, "ad")]);
        assert_eq!(step_segment(&all, 0, true), Some(0));
        assert_eq!(step_segment(&all, 2000, true), Some(1));
        assert_eq!(step_segment(&all, 9000, false), Some(0));
        assert_eq!(step_segment(&all, 2000, false), None);
        assert_eq!(step_segment(&all, 9000, true), None);
    }

    #[test]
    fn clock_reads_like_a_player() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(61_500), "1:01");
        assert_eq!(clock(3_723_000), "1:02:03");
    }
}
