//! The activity log: every change made through the console — who, when, what, on which
//! targets, the outcome and the VOD RequestId — in the console database.

use sqlx::SqlitePool;

use crate::ssr::accounts::now_rfc3339;

pub struct Entry<'a> {
    pub username: &'a str,
    pub action: &'a str,
    pub targets: &'a [String],
    pub outcome: &'a str,
    pub request_id: Option<&'a str>,
    pub detail: Option<&'a str>,
}

pub async fn record(pool: &SqlitePool, entry: Entry<'_>) {
    let targets = serde_json::to_string(entry.targets).unwrap_or_default();
    let result = sqlx::query(
        "INSERT INTO activity (at, username, action, targets, outcome, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now_rfc3339())
    .bind(entry.username)
    .bind(entry.action)
    .bind(targets)
    .bind(entry.outcome)
    .bind(entry.request_id)
    .bind(entry.detail)
    .execute(pool)
    .await;
    if let Err(e) = result {
        // Losing an audit line is serious, but must not undo the change that was made.
        tracing::error!(error = %e, action = entry.action, "could not write the activity log");
    }
}
