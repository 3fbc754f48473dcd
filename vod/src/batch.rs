//! Bulk work within VOD's limits: split IDs into the action's batch size, start calls no
//! faster than the action's published QPS, keep several in flight so latency does not
//! add up, and return the results in input order.
//!
//! The gateway counts calls in a sliding one-second window per AccessKey and action, so a
//! client that starts calls exactly `1/qps` apart can still land `qps + 1` in a window
//! when network jitter shortens one gap. [`Pacer`] therefore spaces starts
//! [`SAFETY_MARGIN`] wider than the limit: 100 DeleteImage calls at 50 QPS take about
//! 2.06 s instead of 2 s, and none is throttled.

use std::future::Future;
use std::time::Duration;

use futures_util::stream::{self, StreamExt};
use tokio::sync::Mutex;
use tokio::time::Instant;

/// Most batch actions take at most this many IDs per call.
pub const BATCH_SIZE: usize = 20;

/// Extra spacing between call starts, as a fraction of the nominal interval.
pub const SAFETY_MARGIN: f64 = 0.03;

/// Published per-second QPS limits (per account) of the actions the console calls in
/// bulk. `None`: the reference lists no limit.
pub fn qps_limit(action: &str) -> Option<u32> {
    Some(match action {
        "SearchMedia" => 50,
        "GetVideoInfos" => 100,
        "UpdateVideoInfos" => 30,
        "DeleteVideo" => 30,
        "UpdateImageInfos" => 50,
        "DeleteImage" => 50,
        "UpdateAttachedMediaInfos" => 100,
        "DeleteAttachedMedia" => 50,
        "GetAttachedMediaInfo" => 100,
        "GetURLUploadInfos" => 100,
        "GetCategories" => 50,
        "AddCategory" => 30,
        "UpdateCategory" => 100,
        "DeleteCategory" => 10,
        _ => return None,
    })
}

/// Spaces call starts at least `1/qps` (plus the safety margin) apart, across every
/// task that shares it.
#[derive(Debug)]
pub struct Pacer {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    pub fn per_second(qps: u32) -> Pacer {
        let nominal = 1.0 / f64::from(qps.max(1));
        Pacer { interval: Duration::from_secs_f64(nominal * (1.0 + SAFETY_MARGIN)), next: Mutex::new(None) }
    }

    /// A pacer for `action`'s published limit, or one that never waits.
    pub fn for_action(action: &str) -> Pacer {
        match qps_limit(action) {
            Some(q) => Pacer::per_second(q),
            None => Pacer { interval: Duration::ZERO, next: Mutex::new(None) },
        }
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Waits for this caller's start slot.
    pub async fn ready(&self) {
        if self.interval.is_zero() {
            return;
        }
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = match *next {
                Some(at) if at > now => at,
                _ => now,
            };
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// Splits `items` into chunks of `size` (the last may be shorter).
pub fn chunks<T: Clone>(items: &[T], size: usize) -> Vec<Vec<T>> {
    items.chunks(size.max(1)).map(<[T]>::to_vec).collect()
}

/// Runs `call` once per input, at most `in_flight` at a time, each start paced by
/// `pacer`; results come back in input order.
pub async fn run_paced<I, T, F, Fut>(inputs: Vec<I>, pacer: &Pacer, in_flight: usize, call: F) -> Vec<T>
where
    F: Fn(I) -> Fut,
    Fut: Future<Output = T>,
{
    stream::iter(inputs)
        .map(|input| {
            let fut = call(input);
            async move {
                pacer.ready().await;
                fut.await
            }
        })
        .buffered(in_flight.max(1))
        .collect()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn starts_are_spaced_and_results_keep_their_order() {
        let pacer = Pacer::per_second(50);
        let t0 = Instant::now();
        let starts = std::sync::Mutex::new(Vec::new());
        let out = run_paced((0..10).collect(), &pacer, 10, |i: u32| {
            let starts = &starts;
            async move {
                starts.lock().unwrap().push(Instant::now() - t0);
                // Later inputs finish sooner: order must still be kept.
                tokio::time::sleep(Duration::from_millis(100 - u64::from(i) * 10)).await;
                i * 2
            }
        })
        .await;
        assert_eq!(out, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        let mut starts = starts.into_inner().unwrap();
        starts.sort();
        for pair in starts.windows(2) {
            assert!(pair[1] - pair[0] >= Duration::from_millis(20), "{starts:?}");
        }
        // 10 starts over 9 intervals of 20.6 ms.
        assert!(starts[9] < Duration::from_millis(200), "{starts:?}");
    }

    #[test]
    fn chunks_of_twenty() {
        let ids: Vec<u32> = (0..45).collect();
        let c = chunks(&ids, BATCH_SIZE);
        assert_eq!(c.iter().map(Vec::len).collect::<Vec<_>>(), vec![20, 20, 5]);
        assert_eq!(qps_limit("DeleteImage"), Some(50));
        assert!(Pacer::for_action("GetImageInfos").interval().is_zero());
    }
}
