//! Shared reads: identical reads in flight at the same time make one upstream call, and
//! a successful read is kept for its action's cache lifetime ([`crate::spec`]). A change
//! made through the client clears the cached reads of the families it affects, and a
//! read that was in flight across such a change is not stored.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use futures_util::future::{BoxFuture, Shared};
use serde_json::Value;
use tokio::time::Instant;

use crate::error::Error;
use crate::spec::Family;

/// A read in flight, awaited by everyone asking the same thing.
pub(crate) type InFlight = Shared<BoxFuture<'static, Result<Value, Error>>>;

#[derive(Default)]
pub(crate) struct ReadCache {
    entries: Mutex<HashMap<String, Entry>>,
    in_flight: Mutex<HashMap<String, InFlight>>,
    generations: Mutex<HashMap<Family, u64>>,
}

struct Entry {
    value: Value,
    at: Instant,
    family: Family,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// `Action` and the parameters in name order: the identity of a read.
pub(crate) fn key(action: &str, params: &[(&str, String)]) -> String {
    let mut sorted: Vec<&(&str, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut k = String::from(action);
    for (name, value) in sorted {
        k.push('\u{0}');
        k.push_str(name);
        k.push('=');
        k.push_str(value);
    }
    k
}

impl ReadCache {
    /// A cached answer no older than `ttl`, with its age.
    pub(crate) fn get(&self, key: &str, ttl: Duration) -> Option<(Value, Duration)> {
        let mut entries = lock(&self.entries);
        let entry = entries.get(key)?;
        let age = entry.at.elapsed();
        if age < ttl {
            return Some((entry.value.clone(), age));
        }
        entries.remove(key);
        None
    }

    pub(crate) fn generation(&self, family: Family) -> u64 {
        lock(&self.generations).get(&family).copied().unwrap_or(0)
    }

    /// Stores an answer unless its family changed since the read started.
    pub(crate) fn put(&self, key: String, family: Family, started_generation: u64, value: Value) {
        let generations = lock(&self.generations);
        if generations.get(&family).copied().unwrap_or(0) != started_generation {
            return;
        }
        let mut entries = lock(&self.entries);
        // Expired entries of other keys are dropped on the way, so the map stays small.
        if entries.len() > 4096 {
            entries.retain(|_, e| e.at.elapsed() < Duration::from_secs(600));
        }
        entries.insert(key, Entry { value, at: Instant::now(), family });
    }

    /// Forgets every cached read of the families `changed` affects.
    pub(crate) fn invalidate(&self, changed: Family) {
        let affected = changed.invalidates();
        let mut generations = lock(&self.generations);
        for f in affected {
            *generations.entry(*f).or_default() += 1;
        }
        lock(&self.entries).retain(|_, e| !affected.contains(&e.family));
    }

    /// Joins the identical read in flight, or registers `start()` as that read.
    /// Returns the shared read and whether it was joined.
    pub(crate) fn join_or_start(&self, key: &str, start: impl FnOnce() -> InFlight) -> (InFlight, bool) {
        let mut in_flight = lock(&self.in_flight);
        if let Some(f) = in_flight.get(key) {
            return (f.clone(), true);
        }
        let f = start();
        in_flight.insert(key.to_string(), f.clone());
        (f, false)
    }

    pub(crate) fn finished(&self, key: &str) {
        lock(&self.in_flight).remove(key);
    }
}
