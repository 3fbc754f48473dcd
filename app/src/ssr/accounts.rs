//! Console accounts: argon2id password hashes, roles, disabling. The first start creates
//! `admin` with a random password (or `CONSOLE_ADMIN_PASSWORD`); there is no default.

use crate::i18n::td_string;
use crate::ssr::prefs::current_locale;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::Rng;
use sqlx::SqlitePool;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::model::{account_rules, Role, UserSummary};

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub disabled: bool,
}

pub fn now_rfc3339() -> String {
    OffsetDateTime::now_utc().format(&Rfc3339).expect("formats")
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 hashes").to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// A hash of a random password, verified against when the user name is unknown so that
/// an unknown name and a wrong password take the same time.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&generate_password()))
}

/// 20 characters from an alphabet without look-alikes (~115 bits).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

type Row = (i64, String, String, i64);

fn account(row: Row) -> Account {
    Account { id: row.0, username: row.1, role: Role::parse(&row.2).unwrap_or(Role::Viewer), disabled: row.3 != 0 }
}

pub async fn find_by_id(pool: &SqlitePool, id: i64) -> Result<Option<Account>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as("SELECT id, username, role, disabled FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(account))
}

/// The account and its password hash, by user name.
pub async fn find_for_login(pool: &SqlitePool, username: &str) -> Result<Option<(Account, String)>, sqlx::Error> {
    let row: Option<(i64, String, String, i64, String)> =
        sqlx::query_as("SELECT id, username, role, disabled, password_hash FROM users WHERE username = ?")
            .bind(username)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, u, r, d, h)| (account((id, u, r, d)), h)))
}

pub async fn touch_last_login(pool: &SqlitePool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_login_at = ? WHERE id = ?").bind(now_rfc3339()).bind(id).execute(pool).await?;
    Ok(())
}

pub async fn count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(pool).await?;
    Ok(n)
}

/// On first start, creates `admin`. Returns the password to print when it was generated.
pub async fn ensure_admin(pool: &SqlitePool, configured: Option<&str>) -> Result<Option<String>, AppError> {
    if count(pool).await.map_err(internal)? > 0 {
        return Ok(None);
    }
    let (password, generated) = match configured {
        Some(p) => {
            account_rules::check_password(crate::i18n::Locale::en, p).map_err(|m| AppError::invalid("CONSOLE_ADMIN_PASSWORD", m))?;
            (p.to_string(), false)
        }
        None => (generate_password(), true),
    };
    create(pool, "admin", &password, Role::Admin).await?;
    Ok(generated.then_some(password))
}

pub async fn create(pool: &SqlitePool, username: &str, password: &str, role: Role) -> Result<i64, AppError> {
    account_rules::check_username(current_locale(), username).map_err(|m| AppError::invalid("username", m))?;
    account_rules::check_password(current_locale(), password).map_err(|m| AppError::invalid("password", m))?;
    let hash = hash_password(password);
    let result = sqlx::query("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")
        .bind(username)
        .bind(hash)
        .bind(role.as_str())
        .bind(now_rfc3339())
        .execute(pool)
        .await;
    match result {
        Ok(r) => Ok(r.last_insert_rowid()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(AppError::invalid("username", td_string!(current_locale(), users.rules.exists, username).to_string()))
        }
        Err(e) => Err(internal(e)),
    }
}

pub async fn list(pool: &SqlitePool) -> Result<Vec<UserSummary>, sqlx::Error> {
    let rows: Vec<(String, String, i64, String, Option<String>)> =
        sqlx::query_as("SELECT username, role, disabled, created_at, last_login_at FROM users ORDER BY username")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(username, role, disabled, created_at, last_login_at)| UserSummary {
            username,
            role: Role::parse(&role).unwrap_or(Role::Viewer),
            disabled: disabled != 0,
            created_at,
            last_login_at,
        })
        .collect())
}

async fn id_of(pool: &SqlitePool, username: &str) -> Result<i64, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE username = ?").bind(username).fetch_optional(pool).await.map_err(internal)?;
    row.map(|r| r.0).ok_or_else(|| AppError::NotFound(td_string!(current_locale(), users.rules.no_such_user, username).to_string()))
}

/// Keeps at least one active admin: `change` applies only when, at the moment it is
/// written, the account is not an active admin or another active admin remains. Check and
/// write are one statement, so two admins demoting (or disabling) each other at the same
/// time cannot both succeed: SQLite runs the second after the first and it sees the
/// first's result.
const UNLESS_LAST_ADMIN: &str = "AND NOT (role = 'admin' AND disabled = 0 AND (SELECT COUNT(*) FROM users AS o \
     WHERE o.role = 'admin' AND o.disabled = 0 AND o.id <> users.id) = 0)";

pub async fn set_role(pool: &SqlitePool, username: &str, role: Role) -> Result<(), AppError> {
    let id = id_of(pool, username).await?;
    let guard = if role == Role::Admin { "" } else { UNLESS_LAST_ADMIN };
    let done = sqlx::query(&format!("UPDATE users SET role = ? WHERE id = ? {guard}"))
        .bind(role.as_str())
        .bind(id)
        .execute(pool)
        .await
        .map_err(internal)?;
    if done.rows_affected() == 0 {
        return Err(AppError::invalid("role", td_string!(current_locale(), users.rules.last_admin)));
    }
    Ok(())
}

/// Sets a new password and ends the user's sessions.
pub async fn reset_password(pool: &SqlitePool, username: &str, password: &str) -> Result<(), AppError> {
    account_rules::check_password(current_locale(), password).map_err(|m| AppError::invalid("password", m))?;
    let id = id_of(pool, username).await?;
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash_password(password))
        .bind(id)
        .execute(pool)
        .await
        .map_err(internal)?;
    crate::ssr::session_store::SqliteSessionStore::delete_for_user(pool, id).await.map_err(internal)?;
    Ok(())
}

/// Disables (ending every session) or re-enables an account.
pub async fn set_disabled(pool: &SqlitePool, username: &str, disabled: bool) -> Result<(), AppError> {
    let id = id_of(pool, username).await?;
    let guard = if disabled { UNLESS_LAST_ADMIN } else { "" };
    let done = sqlx::query(&format!("UPDATE users SET disabled = ? WHERE id = ? {guard}"))
        .bind(disabled as i64)
        .bind(id)
        .execute(pool)
        .await
        .map_err(internal)?;
    if done.rows_affected() == 0 {
        return Err(AppError::invalid("disabled", td_string!(current_locale(), users.rules.last_admin)));
    }
    if disabled {
        crate::ssr::session_store::SqliteSessionStore::delete_for_user(pool, id).await.map_err(internal)?;
    }
    Ok(())
}

pub fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "internal error");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash_password("correct horse battery");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn generated_passwords_are_long_and_distinct() {
        let a = generate_password();
        assert_eq!(a.len(), 20);
        assert_ne!(a, generate_password());
        assert!(account_rules::check_password(crate::i18n::Locale::en, &a).is_ok());
    }

    #[tokio::test]
    async fn first_start_creates_admin_once_and_keeps_one_active_admin() {
        let pool = crate::ssr::db::open_in_memory().await.unwrap();
        let printed = ensure_admin(&pool, None).await.unwrap().expect("generated");
        assert!(ensure_admin(&pool, None).await.unwrap().is_none());
        let (acc, hash) = find_for_login(&pool, "admin").await.unwrap().unwrap();
        assert_eq!(acc.role, Role::Admin);
        assert!(verify_password(&printed, &hash));
        assert!(set_disabled(&pool, "admin", true).await.is_err());
        assert!(set_role(&pool, "admin", Role::Viewer).await.is_err());
        let dup = create(&pool, "admin", "another long password", Role::Viewer).await.unwrap_err();
        assert_eq!(dup, AppError::invalid("username", "A user named \"admin\" already exists."));
    }
}
