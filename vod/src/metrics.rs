//! What the client counts, per action: attempts by outcome, latency, cache hits and
//! coalesced reads; and the Prometheus text exposition of those figures together with
//! the call budget's queues. Counting is a short lock per call, far below one VOD round
//! trip.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use crate::budget::QueueStats;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Debug, Default, Clone)]
struct ActionFigures {
    /// Attempts sent, by outcome (`OK` or VOD's code, `Timeout`, `Transport`, `Decode`).
    attempts: BTreeMap<String, u64>,
    latency_buckets: [u64; BUCKETS.len()],
    latency_sum: f64,
    latency_count: u64,
    cache_hits: u64,
    coalesced: u64,
    /// Calls not sent because the budget's wait would pass the deadline.
    overloaded: u64,
}

/// The client's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    actions: Mutex<BTreeMap<String, ActionFigures>>,
}

impl Metrics {
    fn with(&self, action: &str, f: impl FnOnce(&mut ActionFigures)) {
        let mut map = self.actions.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(fig) = map.get_mut(action) {
            f(fig);
        } else {
            let mut fig = ActionFigures::default();
            f(&mut fig);
            map.insert(action.to_string(), fig);
        }
    }

    /// One attempt sent, with its outcome and how long the answer took.
    pub fn attempt(&self, action: &str, outcome: &str, latency: Duration) {
        let secs = latency.as_secs_f64();
        self.with(action, |f| {
            *f.attempts.entry(outcome.to_string()).or_default() += 1;
            for (i, bound) in BUCKETS.iter().enumerate() {
                if secs <= *bound {
                    f.latency_buckets[i] += 1;
                }
            }
            f.latency_sum += secs;
            f.latency_count += 1;
        });
    }

    pub fn cache_hit(&self, action: &str) {
        self.with(action, |f| f.cache_hits += 1);
    }

    pub fn coalesced(&self, action: &str) {
        self.with(action, |f| f.coalesced += 1);
    }

    pub fn overloaded(&self, action: &str) {
        self.with(action, |f| f.overloaded += 1);
    }

    /// Attempts of `action` with `outcome` so far (tests, benchmarks).
    pub fn attempts(&self, action: &str, outcome: &str) -> u64 {
        let map = self.actions.lock().unwrap_or_else(|p| p.into_inner());
        map.get(action).and_then(|f| f.attempts.get(outcome).copied()).unwrap_or(0)
    }

    /// Cache hits and coalesced reads of `action` so far.
    pub fn shared_reads(&self, action: &str) -> (u64, u64) {
        let map = self.actions.lock().unwrap_or_else(|p| p.into_inner());
        map.get(action).map_or((0, 0), |f| (f.cache_hits, f.coalesced))
    }

    /// The Prometheus text format (version 0.0.4) of every figure.
    pub fn render(&self, queues: &[QueueStats]) -> String {
        let map = self.actions.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let mut out = String::new();
        let family = |out: &mut String, name: &str, kind: &str, help: &str| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
        };

        family(&mut out, "vod_calls_total", "counter", "VOD calls sent, by action and outcome (OK or the error code).");
        for (action, f) in &map {
            for (outcome, n) in &f.attempts {
                let _ = writeln!(out, "vod_calls_total{{action=\"{action}\",code=\"{}\"}} {n}", escape(outcome));
            }
        }

        let lat = "vod_call_duration_seconds";
        family(&mut out, lat, "histogram", "Time from sending a VOD call to its full answer.");
        for (action, f) in map.iter().filter(|(_, f)| f.latency_count > 0) {
            for (bound, n) in BUCKETS.iter().zip(f.latency_buckets) {
                let _ = writeln!(out, "{lat}_bucket{{action=\"{action}\",le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "{lat}_bucket{{action=\"{action}\",le=\"+Inf\"}} {}", f.latency_count);
            let _ = writeln!(out, "{lat}_sum{{action=\"{action}\"}} {:.6}", f.latency_sum);
            let _ = writeln!(out, "{lat}_count{{action=\"{action}\"}} {}", f.latency_count);
        }

        let per_action: [(&str, &str, fn(&ActionFigures) -> u64); 3] = [
            ("vod_cache_hits_total", "Reads answered from the console's short-lived cache.", |f| f.cache_hits),
            ("vod_coalesced_calls_total", "Reads that joined an identical read already in flight.", |f| f.coalesced),
            ("vod_overloaded_total", "Calls not sent because the wait for the budget would pass the deadline.", |f| f.overloaded),
        ];
        for (name, help, pick) in per_action {
            family(&mut out, name, "counter", help);
            for (action, f) in &map {
                let _ = writeln!(out, "{name}{{action=\"{action}\"}} {}", pick(f));
            }
        }

        family(&mut out, "vod_budget_queue_depth", "gauge", "Calls waiting for a token now, by class.");
        for q in queues {
            let a = &q.action;
            let _ = writeln!(out, "vod_budget_queue_depth{{action=\"{a}\",class=\"interactive\"}} {}", q.waiting_interactive);
            let _ = writeln!(out, "vod_budget_queue_depth{{action=\"{a}\",class=\"background\"}} {}", q.waiting_background);
        }
        let per_queue: [(&str, &str, fn(&QueueStats) -> String); 3] = [
            ("vod_budget_tokens_total", "Tokens handed out by the call budget.", |q| q.granted.to_string()),
            ("vod_budget_waits_total", "Tokens that had to be waited for.", |q| q.waited.to_string()),
            ("vod_budget_wait_seconds_total", "Time spent waiting for tokens.", |q| format!("{:.6}", q.wait_seconds_total)),
        ];
        for (name, help, pick) in per_queue {
            family(&mut out, name, "counter", help);
            for q in queues {
                let _ = writeln!(out, "{name}{{action=\"{}\"}} {}", q.action, pick(q));
            }
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histograms_and_queues() {
        let m = Metrics::default();
        m.attempt("SearchMedia", "OK", Duration::from_millis(30));
        m.attempt("SearchMedia", "OK", Duration::from_millis(300));
        m.attempt("SearchMedia", "Throttling.User", Duration::from_millis(2));
        m.cache_hit("SearchMedia");
        m.coalesced("SearchMedia");
        let text = m.render(&[QueueStats { action: "SearchMedia".into(), waiting_interactive: 3, granted: 9, waited: 2, ..Default::default() }]);
        for line in [
            "vod_calls_total{action=\"SearchMedia\",code=\"OK\"} 2",
            "vod_calls_total{action=\"SearchMedia\",code=\"Throttling.User\"} 1",
            "vod_call_duration_seconds_bucket{action=\"SearchMedia\",le=\"0.05\"} 2",
            "vod_call_duration_seconds_bucket{action=\"SearchMedia\",le=\"0.5\"} 3",
            "vod_call_duration_seconds_bucket{action=\"SearchMedia\",le=\"+Inf\"} 3",
            "vod_call_duration_seconds_count{action=\"SearchMedia\"} 3",
            "vod_cache_hits_total{action=\"SearchMedia\"} 1",
            "vod_coalesced_calls_total{action=\"SearchMedia\"} 1",
            "vod_budget_queue_depth{action=\"SearchMedia\",class=\"interactive\"} 3",
            "vod_budget_tokens_total{action=\"SearchMedia\"} 9",
            "vod_budget_waits_total{action=\"SearchMedia\"} 2",
            "# TYPE vod_call_duration_seconds histogram",
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
        }
        assert_eq!(m.attempts("SearchMedia", "OK"), 2);
        assert_eq!(m.shared_reads("SearchMedia"), (1, 1));
    }
}
