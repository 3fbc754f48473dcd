//! The console's own database (SQLite under `CONSOLE_DATA_DIR`): accounts, sessions,
//! the activity log, deletes waiting out their undo window, review decisions (an
//! append-only record), who is reviewing which video, and the AI moderation jobs
//! submitted from the console. VOD data is never stored here.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    last_login_at TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BLOB NOT NULL,
    expiry_date INTEGER NOT NULL,
    user_id     INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS activity (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    username   TEXT NOT NULL,
    action     TEXT NOT NULL,
    targets    TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    request_id TEXT,
    detail     TEXT,
    items      TEXT
);
CREATE INDEX IF NOT EXISTS activity_at ON activity(at);
CREATE TABLE IF NOT EXISTS delete_jobs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    username    TEXT NOT NULL,
    target      TEXT NOT NULL,
    description TEXT NOT NULL,
    item_count  INTEGER NOT NULL,
    labels      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    execute_at  INTEGER NOT NULL,
    state       TEXT NOT NULL,
    report      TEXT
);
CREATE INDEX IF NOT EXISTS delete_jobs_state ON delete_jobs(state);
CREATE TABLE IF NOT EXISTS audit_decisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    video_id      TEXT NOT NULL,
    title         TEXT NOT NULL,
    reviewer      TEXT NOT NULL,
    at            TEXT NOT NULL,
    decision      TEXT NOT NULL,
    reason        TEXT NOT NULL,
    comment       TEXT NOT NULL,
    ai_suggestion TEXT NOT NULL,
    ai_label      TEXT NOT NULL,
    state         TEXT NOT NULL,
    send_at       INTEGER NOT NULL,
    request_id    TEXT,
    error         TEXT
);
CREATE INDEX IF NOT EXISTS audit_decisions_video ON audit_decisions(video_id);
CREATE INDEX IF NOT EXISTS audit_decisions_state ON audit_decisions(state, send_at);
CREATE TABLE IF NOT EXISTS ai_jobs (
    job_id       TEXT PRIMARY KEY NOT NULL,
    media_id     TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_claims (
    video_id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL,
    until    INTEGER NOT NULL
);
"#;

/// Opens (creating if needed) `console.db` in `data_dir` and applies the schema.
pub async fn open(data_dir: &Path) -> Result<SqlitePool, sqlx::Error> {
    std::fs::create_dir_all(data_dir).map_err(sqlx::Error::Io)?;
    let url = format!("sqlite://{}", data_dir.join("console.db").display());
    let options = SqliteConnectOptions::from_str(&url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(std::time::Duration::from_secs(5));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    migrate(&pool).await?;
    Ok(pool)
}

/// An in-memory database for tests (one connection, so every query sees the same data).
pub async fn open_in_memory() -> Result<SqlitePool, sqlx::Error> {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::from_str("sqlite::memory:")?)
        .await?;
    migrate(&pool).await?;
    Ok(pool)
}

async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(SCHEMA).execute(pool).await?;
    // Databases created before per-item outcomes were kept lack the `items` column.
    let has_items: Option<(String,)> =
        sqlx::query_as("SELECT name FROM pragma_table_info('activity') WHERE name = 'items'").fetch_optional(pool).await?;
    if has_items.is_none() {
        sqlx::query("ALTER TABLE activity ADD COLUMN items TEXT").execute(pool).await?;
    }
    // Display preferences (language, theme, time zone) arrived after the first accounts.
    for column in ["lang", "theme", "tz"] {
        let has: Option<(String,)> = sqlx::query_as("SELECT name FROM pragma_table_info('users') WHERE name = ?")
            .bind(column)
            .fetch_optional(pool)
            .await?;
        if has.is_none() {
            sqlx::query(&format!("ALTER TABLE users ADD COLUMN {column} TEXT")).execute(pool).await?;
        }
    }
    Ok(())
}
