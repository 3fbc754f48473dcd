//! Bulk work within VOD's limits: split IDs into the action's batch size and keep several
//! calls in flight so latency does not add up, with results in input order. The pace is
//! the client's: every call takes a token from the account's call budget
//! ([`crate::budget`]), so bulk work started as a background caller
//! ([`crate::Client::for_caller`]) fills what pages leave of each action's limit.

use std::future::Future;

use futures_util::stream::{self, StreamExt};

/// Most batch actions take at most this many IDs per call.
pub const BATCH_SIZE: usize = 20;

/// Published per-second limit of `action` (per account), if any.
pub fn qps_limit(action: &str) -> Option<u32> {
    crate::spec::limit(action).per_second()
}

/// Splits `items` into chunks of `size` (the last may be shorter).
pub fn chunks<T: Clone>(items: &[T], size: usize) -> Vec<Vec<T>> {
    items.chunks(size.max(1)).map(<[T]>::to_vec).collect()
}

/// Runs `call` once per input, at most `in_flight` at a time; results come back in input
/// order.
pub async fn run_bounded<I, T, F, Fut>(inputs: Vec<I>, in_flight: usize, call: F) -> Vec<T>
where
    F: Fn(I) -> Fut,
    Fut: Future<Output = T>,
{
    // `call` is wrapped rather than passed to `map` as it is: passed directly, a closure
    // over borrowed tuples is inferred as higher-ranked and its future fails the `Send`
    // check of server functions.
    stream::iter(inputs)
        .map(|input| {
            let fut = call(input);
            async move { fut.await }
        })
        .buffered(in_flight.max(1))
        .collect()
        .await
}

/// How many calls to keep in flight so that `action` can use its whole limit when each
/// call takes `latency`: limit × latency, at least 1, at most `cap`.
pub fn in_flight_for(action: &str, latency: std::time::Duration, cap: usize) -> usize {
    let qps = qps_limit(action).unwrap_or(cap as u32) as f64;
    ((qps * latency.as_secs_f64()).ceil() as usize).clamp(1, cap.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn results_keep_their_order_and_in_flight_is_bounded() {
        let running = std::sync::atomic::AtomicUsize::new(0);
        let peak = std::sync::atomic::AtomicUsize::new(0);
        let out = run_bounded((0..10).collect(), 3, |i: u64| {
            let (running, peak) = (&running, &peak);
            async move {
                let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                peak.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                // Later inputs finish sooner: order must still be kept.
                tokio::time::sleep(Duration::from_millis(100 - i * 10)).await;
                running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                i * 2
            }
        })
        .await;
        assert_eq!(out, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(peak.into_inner(), 3);
    }

    #[test]
    fn chunks_of_twenty_and_limits_from_the_action_table() {
        let ids: Vec<u32> = (0..45).collect();
        let c = chunks(&ids, BATCH_SIZE);
        assert_eq!(c.iter().map(Vec::len).collect::<Vec<_>>(), vec![20, 20, 5]);
        assert_eq!(qps_limit("DeleteImage"), Some(50));
        assert_eq!(qps_limit("GetImageInfos"), None);
        assert_eq!(qps_limit("UploadMediaByURL"), None);
        assert_eq!(in_flight_for("DeleteImage", Duration::from_millis(100), 8), 5);
        assert_eq!(in_flight_for("DeleteImage", Duration::from_secs(10), 8), 8);
    }
}
