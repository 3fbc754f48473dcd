//! Failed sign-in throttling, per (account name, client address) with growing delays,
//! plus a limit per client address across names. Keyed by the name that was typed,
//! whether or not such an account exists, so the throttle cannot be used to discover
//! account names.
//!
//! Nobody can lock an account out from somewhere else: failures from one address delay
//! only that address's attempts at that name; the right password from an address that
//! has not been failing always works. An attempt is counted when it starts (before the
//! password hash is checked) and forgiven if it succeeds, so a burst of concurrent
//! guesses cannot all slip in before the first failure is recorded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many failures are allowed before attempts are slowed or refused.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failures of one account name from one address before each further attempt
    /// waits: `base_delay`, then twice that after the next failure, and so on, at most
    /// `window`.
    pub per_pair: usize,
    /// Failures from one address, over all names, within `window`.
    pub per_address: usize,
    pub window: Duration,
    pub base_delay: Duration,
}

#[derive(Debug)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    /// Password hashing runs on the blocking pool, a few at a time, so that a burst of
    /// sign-ins cannot occupy the threads that render pages.
    pub hashing: tokio::sync::Semaphore,
}

/// Concurrent argon2 verifications (each takes ~20 MB and tens of milliseconds).
pub const HASHING_PERMITS: usize = 2;

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle { failures: Mutex::default(), hashing: tokio::sync::Semaphore::new(HASHING_PERMITS) }
    }
}

/// Why a sign-in attempt is refused before the password is even checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// This name from this address has failed too often.
    Pair { retry_after: Duration },
    /// This address has failed too often, whatever the name.
    Address { retry_after: Duration },
}

impl Blocked {
    pub fn retry_after(&self) -> Duration {
        match self {
            Blocked::Pair { retry_after } | Blocked::Address { retry_after } => *retry_after,
        }
    }

    pub fn is_address(&self) -> bool {
        matches!(self, Blocked::Address { .. })
    }
}

/// An attempt that was let through and counted; report its success with
/// [`LoginThrottle::succeeded`].
#[derive(Debug)]
pub struct Attempt {
    pair: String,
    address: String,
    at: Instant,
}

fn pair_key(username: &str, address: &str) -> String {
    format!("pair:{}\u{0}{address}", username.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

impl LoginThrottle {
    /// Refuses the attempt if this name from this address must still wait, or this
    /// address is over its limit; otherwise counts it as a failure until it succeeds.
    pub fn begin(&self, username: &str, address: &str, limits: Limits, now: Instant) -> Result<Attempt, Blocked> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let pair = pair_key(username, address);
        let addr = address_key(address);
        for key in [&pair, &addr] {
            if let Some(list) = failures.get_mut(key) {
                list.retain(|t| now.saturating_duration_since(*t) < limits.window);
            }
        }
        if let Some(list) = failures.get(&pair).filter(|l| l.len() >= limits.per_pair) {
            let over = (list.len() - limits.per_pair).min(20) as u32;
            let delay = limits.base_delay.saturating_mul(1 << over).min(limits.window);
            let last = *list.last().expect("not empty");
            let until = last + delay;
            if now < until {
                return Err(Blocked::Pair { retry_after: until - now });
            }
        }
        if let Some(list) = failures.get(&addr).filter(|l| l.len() >= limits.per_address) {
            let until = list[list.len() - limits.per_address] + limits.window;
            if now < until {
                return Err(Blocked::Address { retry_after: until - now });
            }
        }
        failures.entry(pair.clone()).or_default().push(now);
        failures.entry(addr.clone()).or_default().push(now);
        Ok(Attempt { pair, address: addr, at: now })
    }

    /// The attempt's password was right: it is not a failure, and this name's failures
    /// from this address are forgiven (the address's other failures stay).
    pub fn succeeded(&self, attempt: Attempt) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&attempt.pair);
        if let Some(list) = failures.get_mut(&attempt.address) {
            if let Some(i) = list.iter().position(|t| *t == attempt.at) {
                list.remove(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits =
        Limits { per_pair: 5, per_address: 20, window: Duration::from_secs(900), base_delay: Duration::from_secs(30) };

    fn fail(t: &LoginThrottle, name: &str, addr: &str, at: Instant) -> Result<(), Blocked> {
        t.begin(name, addr, LIMITS, at).map(|_| ())
    }

    #[test]
    fn one_address_failing_slows_only_itself_with_growing_delays() {
        let t = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..5 {
            fail(&t, "Admin", "1.2.3.4", start).unwrap_or_else(|b| panic!("attempt {i}: {b:?}"));
        }
        // The sixth attempt from there waits 30 s, then 60 s after the next failure...
        assert_eq!(fail(&t, "admin ", "1.2.3.4", start + Duration::from_secs(10)), Err(Blocked::Pair { retry_after: Duration::from_secs(20) }));
        let t1 = start + Duration::from_secs(30);
        fail(&t, "admin", "1.2.3.4", t1).unwrap();
        assert_eq!(fail(&t, "admin", "1.2.3.4", t1 + Duration::from_secs(59)), Err(Blocked::Pair { retry_after: Duration::from_secs(1) }));
        let t2 = t1 + Duration::from_secs(60);
        fail(&t, "admin", "1.2.3.4", t2).unwrap();
        assert_eq!(fail(&t, "admin", "1.2.3.4", t2), Err(Blocked::Pair { retry_after: Duration::from_secs(120) }));
        // ...while the administrator, from their own address, signs in at once.
        let attempt = t.begin("admin", "10.0.0.7", LIMITS, t2).expect("another address is not delayed");
        t.succeeded(attempt);
    }

    #[test]
    fn the_delay_never_exceeds_the_window() {
        let t = LoginThrottle::default();
        let mut now = Instant::now();
        for _ in 0..18 {
            match t.begin("bob", "1.1.1.1", Limits { per_address: 1000, ..LIMITS }, now) {
                Ok(_) => {}
                Err(b) => {
                    assert!(b.retry_after() <= LIMITS.window, "{b:?}");
                    now += b.retry_after();
                    t.begin("bob", "1.1.1.1", Limits { per_address: 1000, ..LIMITS }, now).unwrap();
                }
            }
        }
    }

    #[test]
    fn an_address_is_limited_across_account_names() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..20 {
            fail(&t, &format!("user{i}"), "9.9.9.9", now).unwrap();
        }
        let blocked = fail(&t, "someone", "9.9.9.9", now).unwrap_err();
        assert!(blocked.is_address());
        assert_eq!(blocked.retry_after(), LIMITS.window);
        assert!(fail(&t, "someone", "8.8.8.8", now).is_ok());
    }

    #[test]
    fn attempts_are_counted_before_the_password_is_checked() {
        // Five attempts in flight at once (none finished): the sixth is already refused.
        let t = LoginThrottle::default();
        let now = Instant::now();
        let in_flight: Vec<_> = (0..5).map(|_| t.begin("carol", "2.2.2.2", LIMITS, now).unwrap()).collect();
        assert!(matches!(t.begin("carol", "2.2.2.2", LIMITS, now), Err(Blocked::Pair { .. })));
        drop(in_flight);
    }

    #[test]
    fn success_forgives_the_pair_but_not_the_address() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..4 {
            fail(&t, "dave", "3.3.3.3", now).unwrap();
        }
        let ok = t.begin("dave", "3.3.3.3", LIMITS, now).unwrap();
        t.succeeded(ok);
        for _ in 0..4 {
            fail(&t, "dave", "3.3.3.3", now).unwrap();
        }
        assert!(fail(&t, "dave", "3.3.3.3", now).is_ok(), "the count started again after the success");
        // The address's failures still count: 9 recorded, the success was not one of them.
        for i in 0..11 {
            fail(&t, &format!("x{i}"), "3.3.3.3", now).unwrap();
        }
        assert!(fail(&t, "y", "3.3.3.3", now).unwrap_err().is_address());
    }
}
