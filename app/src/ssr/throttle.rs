//! Failed sign-in throttling, per account name and per client address. Keyed by the
//! name that was typed, whether or not such an account exists, so the throttle cannot
//! be used to discover account names.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

/// Why a sign-in attempt is refused before the password is even checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    Account { retry_after: Duration },
    Address { retry_after: Duration },
}

impl Blocked {
    pub fn message(&self) -> String {
        let (who, after) = match self {
            Blocked::Account { retry_after } => ("for this account", retry_after),
            Blocked::Address { retry_after } => ("from your network address", retry_after),
        };
        let minutes = after.as_secs().div_ceil(60).max(1);
        let unit = if minutes == 1 { "minute" } else { "minutes" };
        format!("Too many failed sign-in attempts {who}. Try again in {minutes} {unit}.")
    }
}

fn account_key(username: &str) -> String {
    format!("account:{}", username.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

impl LoginThrottle {
    /// Refuses the attempt if either counter is full within `window`.
    pub fn check(
        &self,
        username: &str,
        address: &str,
        max_account: usize,
        max_address: usize,
        window: Duration,
        now: Instant,
    ) -> Result<(), Blocked> {
        let mut failures = self.failures.lock().expect("throttle lock");
        let mut retry_after = |key: String, max: usize| -> Option<Duration> {
            let list = failures.entry(key).or_default();
            list.retain(|t| now.duration_since(*t) < window);
            (list.len() >= max).then(|| window - now.duration_since(list[list.len() - max]))
        };
        if let Some(retry_after) = retry_after(account_key(username), max_account) {
            return Err(Blocked::Account { retry_after });
        }
        if let Some(retry_after) = retry_after(address_key(address), max_address) {
            return Err(Blocked::Address { retry_after });
        }
        Ok(())
    }

    pub fn record_failure(&self, username: &str, address: &str, now: Instant) {
        let mut failures = self.failures.lock().expect("throttle lock");
        failures.entry(account_key(username)).or_default().push(now);
        failures.entry(address_key(address)).or_default().push(now);
    }

    /// A successful sign-in clears the account's counter (not the address's).
    pub fn record_success(&self, username: &str) {
        self.failures.lock().expect("throttle lock").remove(&account_key(username));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Duration = Duration::from_secs(900);

    #[test]
    fn blocks_an_account_after_the_limit_and_releases_it_after_the_window() {
        let t = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..5 {
            assert!(t.check("Alice", "1.2.3.4", 5, 20, W, start).is_ok(), "attempt {i}");
            t.record_failure("alice", "1.2.3.4", start);
        }
        let blocked = t.check("alice ", "5.6.7.8", 5, 20, W, start + Duration::from_secs(60)).unwrap_err();
        assert_eq!(blocked, Blocked::Account { retry_after: Duration::from_secs(840) });
        assert_eq!(blocked.message(), "Too many failed sign-in attempts for this account. Try again in 14 minutes.");
        assert!(t.check("alice", "1.2.3.4", 5, 20, W, start + W).is_ok());
    }

    #[test]
    fn blocks_an_address_across_account_names() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..20 {
            t.record_failure(&format!("user{i}"), "9.9.9.9", now);
        }
        assert!(matches!(t.check("someone", "9.9.9.9", 5, 20, W, now), Err(Blocked::Address { .. })));
        assert!(t.check("someone", "8.8.8.8", 5, 20, W, now).is_ok());
    }

    #[test]
    fn success_clears_the_account_counter() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..4 {
            t.record_failure("bob", "1.1.1.1", now);
        }
        t.record_success("bob");
        for _ in 0..4 {
            t.record_failure("bob", "1.1.1.1", now);
        }
        assert!(t.check("bob", "1.1.1.1", 5, 20, W, now).is_ok());
    }
}
