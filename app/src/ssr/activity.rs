//! The activity log: every change made through the console — who, when, what, on which
//! targets, the per-item outcome and the VOD RequestId — in the console database.
//! Writing never fails the change it records; reading serves the Activity page and its
//! CSV export.

use crate::i18n::{td_string, Locale};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::model::activity::{ActivityEntry, ActivityFilter, ActivityList, ACTIVITY_PAGE_SIZE};
use crate::model::bulk::{BulkReport, ItemResult};
use crate::ssr::accounts::now_rfc3339;

/// One line of the activity log, built where the change happens and written with
/// [`Change::record`]:
///
/// ```text
/// activity::change(&user.username, permission).target(&id).request_id(&rid).detail(d).record(&db).await;
/// activity::change(&user.username, permission).report(&report).detail(d).record(&db).await;
/// ```
///
/// The action is what was done: a permission (`vod:DeleteVideo`) or a console event
/// (`console:UndoDelete`).
#[must_use = "a change is written by `record`"]
pub struct Change {
    username: String,
    action: String,
    targets: Vec<String>,
    outcome: &'static str,
    request_id: Option<String>,
    detail: Option<String>,
    /// Per-item outcomes of a bulk change; empty for a single change.
    items: Vec<ItemResult>,
}

/// A successful change by `username`; see [`Change`].
pub fn change(username: &str, action: impl std::fmt::Display) -> Change {
    Change {
        username: username.to_string(),
        action: action.to_string(),
        targets: Vec::new(),
        outcome: "ok",
        request_id: None,
        detail: None,
        items: Vec::new(),
    }
}

impl Change {
    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.targets.push(target.into());
        self
    }

    pub fn targets(mut self, targets: impl IntoIterator<Item = String>) -> Self {
        self.targets.extend(targets);
        self
    }

    /// VOD (or the console) refused the change.
    pub fn failed(mut self) -> Self {
        self.outcome = "failed";
        self
    }

    /// VOD's RequestId of the call that made (or refused) the change; an empty one is none.
    pub fn request_id(mut self, request_id: Option<&str>) -> Self {
        self.request_id = request_id.filter(|r| !r.is_empty()).map(str::to_string);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// A bulk change: the targets are every item's ID, the outcome is ok / partial /
    /// failed, each item's own outcome, code and RequestId are kept, and the line's
    /// RequestId is the first one.
    pub fn report(mut self, report: &BulkReport) -> Self {
        self.targets.extend(report.items.iter().map(|i| i.id.clone()));
        self.outcome = report.overall();
        self.request_id = report.items.iter().find_map(|i| i.request_id.clone());
        self.items = report.items.clone();
        self
    }

    /// Writes the line. Never fails the change it records: a write error is logged.
    pub async fn record(self, pool: &SqlitePool) {
        let targets = serde_json::to_string(&self.targets).unwrap_or_default();
        let items = if self.items.is_empty() { None } else { serde_json::to_string(&self.items).ok() };
        let result = sqlx::query(
            "INSERT INTO activity (at, username, action, targets, outcome, request_id, detail, items) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(now_rfc3339())
        .bind(&self.username)
        .bind(&self.action)
        .bind(targets)
        .bind(self.outcome)
        .bind(&self.request_id)
        .bind(&self.detail)
        .bind(items)
        .execute(pool)
        .await;
        if let Err(e) = result {
            // Losing an audit line is serious, but must not undo the change that was made.
            tracing::error!(error = %e, action = %self.action, "could not write the activity log");
        }
    }
}

/// Adds the WHERE clause for `filter` (dates are inclusive whole days in time zone `zone`).
fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, filter: &ActivityFilter, zone: &str) {
    q.push(" WHERE 1=1");
    if !filter.user.is_empty() {
        q.push(" AND username = ").push_bind(filter.user.clone());
    }
    if !filter.action.is_empty() {
        q.push(" AND instr(lower(action), lower(").push_bind(filter.action.clone()).push(")) > 0");
    }
    if !filter.target.is_empty() {
        q.push(" AND EXISTS (SELECT 1 FROM json_each(activity.targets) WHERE json_each.value = ")
            .push_bind(filter.target.clone())
            .push(")");
    }
    if !filter.outcome.is_empty() {
        q.push(" AND outcome = ").push_bind(filter.outcome.clone());
    }
    // `at` is RFC 3339 in UTC with milliseconds (`…T16:00:00.123Z`), so it compares as
    // text with a bound written the same way: the first second without its `Z` (which
    // would sort after the fraction), the last second with it.
    let offset_at = crate::ssr::prefs::offset_at(zone);
    if let Some(from) = crate::model::prefs::local_day_bound(&filter.from, false, offset_at) {
        q.push(" AND at >= ").push_bind(from.trim_end_matches('Z').to_string());
    }
    if let Some(to) = crate::model::prefs::local_day_bound(&filter.to, true, offset_at) {
        q.push(" AND at <= ").push_bind(to);
    }
}

fn entry_from_row(row: &sqlx::sqlite::SqliteRow) -> ActivityEntry {
    let targets: String = row.get("targets");
    let items: Option<String> = row.get("items");
    ActivityEntry {
        id: row.get("id"),
        at: row.get("at"),
        username: row.get("username"),
        action: row.get("action"),
        targets: serde_json::from_str(&targets).unwrap_or_default(),
        outcome: row.get("outcome"),
        request_id: row.get("request_id"),
        detail: row.get("detail"),
        items: items.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
    }
}

/// One page of entries matching `filter`, newest first.
pub async fn list(pool: &SqlitePool, filter: &ActivityFilter, zone: &str) -> Result<ActivityList, sqlx::Error> {
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) AS n FROM activity");
    push_filter(&mut count, filter, zone);
    let total: i64 = count.build().fetch_one(pool).await?.get("n");

    let page = filter.page.max(1);
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT id, at, username, action, targets, outcome, request_id, detail, items FROM activity",
    );
    push_filter(&mut q, filter, zone);
    q.push(" ORDER BY id DESC LIMIT ")
        .push_bind(ACTIVITY_PAGE_SIZE as i64)
        .push(" OFFSET ")
        // In i64: a page number near u32::MAX must not wrap (or panic) in u32.
        .push_bind((i64::from(page) - 1) * i64::from(ACTIVITY_PAGE_SIZE));
    let rows = q.build().fetch_all(pool).await?;
    Ok(ActivityList {
        entries: rows.iter().map(entry_from_row).collect(),
        total: total as u64,
        page,
        page_size: ACTIVITY_PAGE_SIZE,
    })
}

/// Every entry matching `filter` (ignoring the page) as CSV, newest first. Bulk changes
/// get one row per item so a spreadsheet can filter on the item outcome.
pub async fn csv(pool: &SqlitePool, filter: &ActivityFilter, locale: Locale, zone: &str) -> Result<String, sqlx::Error> {
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT id, at, username, action, targets, outcome, request_id, detail, items FROM activity",
    );
    push_filter(&mut q, filter, zone);
    q.push(" ORDER BY id DESC");
    let rows = q.build().fetch_all(pool).await?;
    let mut out = crate::ssr::csv::row(&[
        td_string!(locale, activity.csv.id),
        td_string!(locale, activity.csv.time),
        td_string!(locale, activity.csv.user),
        td_string!(locale, activity.csv.action),
        td_string!(locale, activity.csv.outcome),
        td_string!(locale, activity.csv.target),
        td_string!(locale, activity.csv.item_outcome),
        td_string!(locale, activity.csv.code),
        "RequestId",
        td_string!(locale, activity.csv.detail),
    ]);
    for e in rows.iter().map(entry_from_row) {
        let id = e.id.to_string();
        let detail = e.detail.clone().unwrap_or_default();
        if e.items.is_empty() {
            out.push_str(&crate::ssr::csv::row(&[
                &id,
                &e.at,
                &e.username,
                &e.action,
                &e.outcome,
                &e.targets.join(" "),
                "",
                "",
                e.request_id.as_deref().unwrap_or(""),
                &detail,
            ]));
        } else {
            for item in &e.items {
                out.push_str(&crate::ssr::csv::row(&[
                    &id,
                    &e.at,
                    &e.username,
                    &e.action,
                    &e.outcome,
                    &item.id,
                    item.outcome.label(locale, "done"),
                    item.code.as_deref().unwrap_or(""),
                    item.request_id.as_deref().unwrap_or(""),
                    &detail,
                ]));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bulk::Outcome;

    #[tokio::test]
    async fn records_filters_and_exports_bulk_items() {
        let pool = crate::ssr::db::open_in_memory().await.unwrap();
        // A page far past the end is empty, not a panic or a wrapped offset.
        let far = ActivityFilter { page: u32::MAX, ..ActivityFilter::default() };
        assert!(list(&pool, &far, "UTC").await.unwrap().entries.is_empty());
        change("ann", "console:CreateUser").target("bob").record(&pool).await;
        let mut report = BulkReport::new("deleted");
        report.items.push(ItemResult::done("v1", Some("REQ-1".into())));
        report.items.push(ItemResult::with("v2", Outcome::NotFound, Some("InvalidVideo.NotExist".into()), None, Some("REQ-1".into())));
        change("eve", crate::vod_permission!(DeleteVideo)).report(&report).detail("2 videos").record(&pool).await;

        let all = list(&pool, &ActivityFilter::default(), "UTC").await.unwrap();
        assert_eq!(all.total, 2);
        assert_eq!(all.entries[0].action, "vod:DeleteVideo");
        assert_eq!(all.entries[0].outcome, "partial");
        assert_eq!(all.entries[0].items.len(), 2);

        let by_target = ActivityFilter { target: "v2".into(), ..Default::default() };
        assert_eq!(list(&pool, &by_target, "UTC").await.unwrap().total, 1);
        let by_action = ActivityFilter { action: "createuser".into(), ..Default::default() };
        assert_eq!(list(&pool, &by_action, "UTC").await.unwrap().entries[0].username, "ann");
        let future = ActivityFilter { from: "2999-01-01".into(), ..Default::default() };
        assert_eq!(list(&pool, &future, "UTC").await.unwrap().total, 0);
        let today = now_rfc3339()[..10].to_string();
        let today_only = ActivityFilter { from: today.clone(), to: today, ..Default::default() };
        assert_eq!(list(&pool, &today_only, "UTC").await.unwrap().total, 2);

        let text = csv(&pool, &ActivityFilter::default(), Locale::en, "UTC").await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 2 + 1, "{text}");
        assert!(lines[2].contains("v2") && lines[2].contains("not found") && lines[2].contains("InvalidVideo.NotExist"));
    }
}
