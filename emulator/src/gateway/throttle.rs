//! Per-action QPS limits: a sliding window per (AccessKeyId, action) over the limits in
//! [`super::qps_table`]. Only admitted calls count; a refused call does not push the
//! window further.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use super::qps_table::{limit_for, Window};

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: HashMap<(String, String), VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Admits the call or says how long until the window has room again.
    pub fn admit(
        &mut self,
        access_key_id: &str,
        action: &str,
        now: Instant,
    ) -> Result<(), Duration> {
        let Some((limit, window)) = limit_for(action) else {
            return Ok(());
        };
        self.admit_with(access_key_id, action, limit, window, now)
    }

    pub fn admit_with(
        &mut self,
        access_key_id: &str,
        action: &str,
        limit: u32,
        window: Window,
        now: Instant,
    ) -> Result<(), Duration> {
        let span = window.duration();
        let key = (access_key_id.to_string(), action.to_string());
        let calls = self.windows.entry(key).or_default();
        while calls
            .front()
            .is_some_and(|t| now.duration_since(*t) >= span)
        {
            calls.pop_front();
        }
        if calls.len() >= limit as usize {
            let oldest = *calls.front().expect("limit is at least 1");
            return Err(span.saturating_sub(now.duration_since(oldest)));
        }
        calls.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window_per_key_and_action() {
        let mut rl = RateLimiter::new();
        let t0 = Instant::now();
        for i in 0..5 {
            assert!(rl
                .admit_with(
                    "AK",
                    "A",
                    5,
                    Window::PerSecond,
                    t0 + Duration::from_millis(i * 100)
                )
                .is_ok());
        }
        let wait = rl
            .admit_with(
                "AK",
                "A",
                5,
                Window::PerSecond,
                t0 + Duration::from_millis(600),
            )
            .unwrap_err();
        assert_eq!(wait, Duration::from_millis(400));
        assert!(rl
            .admit_with(
                "AK",
                "B",
                5,
                Window::PerSecond,
                t0 + Duration::from_millis(600)
            )
            .is_ok());
        assert!(rl
            .admit_with(
                "AK2",
                "A",
                5,
                Window::PerSecond,
                t0 + Duration::from_millis(600)
            )
            .is_ok());
        // The first call leaves the window at t0 + 1 s.
        assert!(rl
            .admit_with(
                "AK",
                "A",
                5,
                Window::PerSecond,
                t0 + Duration::from_millis(1000)
            )
            .is_ok());
        assert!(rl
            .admit_with(
                "AK",
                "A",
                5,
                Window::PerSecond,
                t0 + Duration::from_millis(1050)
            )
            .is_err());
    }

    #[test]
    fn catalog_limits_apply_and_unlisted_actions_pass() {
        let mut rl = RateLimiter::new();
        let now = Instant::now();
        // UpdateWatermark: 2/s.
        assert!(rl.admit("AK", "UpdateWatermark", now).is_ok());
        assert!(rl.admit("AK", "UpdateWatermark", now).is_ok());
        assert!(rl.admit("AK", "UpdateWatermark", now).is_err());
        for _ in 0..1000 {
            assert!(rl.admit("AK", "GetImageInfos", now).is_ok());
        }
    }
}
