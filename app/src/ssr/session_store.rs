//! A tower-sessions store in the console database, so a restart keeps people signed
//! in. It also records which user a session belongs to, so disabling an account or
//! resetting its password can end that person's sessions at once.

use async_trait::async_trait;
use sqlx::SqlitePool;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::{ExpiredDeletion, SessionStore};

use crate::ssr::state::SessionClock;

/// Session key holding the signed-in user's database id.
pub const USER_ID_KEY: &str = "uid";

/// Expiry dates are kept by the sessions' clock ([`SessionClock`]): tower-sessions sets
/// a record's expiry from the wall clock, and the store shifts it by the clock's offset
/// when it writes it, and compares it with the clock when it reads.
#[derive(Clone, Debug)]
pub struct SqliteSessionStore {
    pool: SqlitePool,
    clock: SessionClock,
}

impl SqliteSessionStore {
    pub fn new(pool: SqlitePool, clock: SessionClock) -> Self {
        SqliteSessionStore { pool, clock }
    }

    /// A record's expiry, by the sessions' clock.
    fn expiry(&self, record: &Record) -> i64 {
        unix_millis(record.expiry_date) + self.clock.offset_millis()
    }

    /// Ends every session of `user_id`.
    pub async fn delete_for_user(pool: &SqlitePool, user_id: i64) -> std::result::Result<u64, sqlx::Error> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = ?").bind(user_id).execute(pool).await?.rows_affected())
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

/// Expiry is stored in milliseconds: whole seconds would end short sessions early.
fn unix_millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

fn user_of(record: &Record) -> Option<i64> {
    record.data.get(USER_ID_KEY).and_then(|v| v.as_i64())
}

fn encode(record: &Record) -> Result<Vec<u8>> {
    rmp_serde::to_vec(record).map_err(|e| Error::Encode(e.to_string()))
}

/// Inserts `record` unless its id is taken; says whether it did.
async fn insert(pool: &SqlitePool, record: &Record, expiry: i64) -> Result<bool> {
    let data = encode(record)?;
    let done = sqlx::query(
        "INSERT INTO sessions (id, data, expiry_date, user_id) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
    )
    .bind(record.id.to_string())
    .bind(data)
    .bind(expiry)
    .bind(user_of(record))
    .execute(pool)
    .await
    .map_err(backend)?;
    Ok(done.rows_affected() == 1)
}

#[async_trait]
impl SessionStore for SqliteSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // Ids are random 128-bit values; regenerate on the (unlikely) collision.
        while !insert(&self.pool, record, self.expiry(record)).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates a live session and never creates one. A request that loaded the session
    /// before sign-out (or before the account was disabled) and finishes after it would
    /// otherwise write the deleted session back and undo the sign-out.
    async fn save(&self, record: &Record) -> Result<()> {
        let data = encode(record)?;
        sqlx::query("UPDATE sessions SET data = ?, expiry_date = ?, user_id = ? WHERE id = ? AND expiry_date > ?")
            .bind(data)
            .bind(self.expiry(record))
            .bind(user_of(record))
            .bind(record.id.to_string())
            .bind(self.clock.now_millis())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row: Option<(Vec<u8>,)> =
            sqlx::query_as("SELECT data FROM sessions WHERE id = ? AND expiry_date > ?")
                .bind(id.to_string())
                .bind(self.clock.now_millis())
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        match row {
            Some((data,)) => Ok(Some(rmp_serde::from_slice(&data).map_err(|e| Error::Decode(e.to_string()))?)),
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = ?").bind(id.to_string()).execute(&self.pool).await.map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for SqliteSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expiry_date <= ?")
            .bind(self.clock.now_millis())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
