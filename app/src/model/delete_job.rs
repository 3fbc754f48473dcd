//! A delete waiting out its undo window, running, or finished — as the media library
//! shows it. The job itself lives in the console database (`ssr::delete_queue`), so it
//! survives a page reload and runs even if the browser is closed.

use serde::{Deserialize, Serialize};

use crate::model::bulk::BulkReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for the undo window to pass.
    Pending,
    /// Cancelled by the user before it ran; nothing was deleted.
    Cancelled,
    /// Calls to VOD are under way.
    Running,
    /// Finished; the report says what happened to each item.
    Done,
}

impl JobState {
    pub fn parse(s: &str) -> JobState {
        match s {
            "cancelled" => JobState::Cancelled,
            "running" => JobState::Running,
            "done" => JobState::Done,
            _ => JobState::Pending,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Pending => "pending",
            JobState::Cancelled => "cancelled",
            JobState::Running => "running",
            JobState::Done => "done",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteJob {
    pub id: i64,
    /// "25 videos", "3 image URLs", "cover snapshots of video 1a2b…".
    pub description: String,
    pub count: usize,
    pub state: JobState,
    /// Milliseconds until the irreversible call (0 once due).
    pub ms_left: u64,
    pub undo_seconds: u64,
    pub report: Option<BulkReport>,
    /// What the running job is paced by (VOD's per-account limit), for its progress line.
    pub pace: Option<String>,
    /// For deletes by ID: the media tab (`videos`, `images`, `attached`) a retry of the
    /// failed items goes through.
    pub retry_tab: Option<crate::model::media::MediaKind>,
}
