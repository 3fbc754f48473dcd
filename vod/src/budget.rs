//! The account's call budget: every call the client sends first takes a token from the
//! action's budget, so the console as a whole never sends more than VOD's published
//! per-account limit ([`crate::spec`]), however many people and jobs call at once.
//!
//! A call that finds no token waits in line instead of being sent and refused. The line
//! has two classes: [`Priority::Interactive`] (a person waiting for a page) always goes
//! first; [`Priority::Background`] (bulk deletes, queued deletes, category walks, job
//! submissions) takes what is left, and its starts are spread evenly over the window so
//! that a page arriving behind a bulk job waits at most one interval. Within a class,
//! callers (people, jobs) take turns, so one caller's hundred calls cannot push another
//! caller's one call to the back.
//!
//! [`Budget`] is the one interface the client needs; [`LocalBudget`] keeps the windows in
//! this process. A deployment with several console replicas sharing one AccessKey would
//! implement it over a shared store (see `docs/call-budget.md`).

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

use crate::spec::Limit;

/// Who is waiting: a person at a page, or work nobody is watching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    Interactive,
    Background,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Interactive => "interactive",
            Priority::Background => "background",
        }
    }
}

/// The caller a token is drawn for: its class and whom it takes turns as (a user name,
/// or a job's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub priority: Priority,
    pub key: Arc<str>,
}

impl Caller {
    pub fn interactive(key: impl Into<Arc<str>>) -> Caller {
        Caller { priority: Priority::Interactive, key: key.into() }
    }

    pub fn background(key: impl Into<Arc<str>>) -> Caller {
        Caller { priority: Priority::Background, key: key.into() }
    }
}

impl Default for Caller {
    fn default() -> Self {
        Caller::interactive("")
    }
}

/// The wait for a token would pass the caller's deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overloaded {
    pub action: String,
    /// When a token is expected to be free again.
    pub retry_after: Duration,
}

/// A token: the caller may send one call. Report when its answer arrived with
/// [`Permit::answered`] (dropping the permit does the same): the gateway counts the call
/// at some moment before the answer, so the token's place in the window is held until a
/// full window after the answer. That holds whatever the network delay was.
pub struct Permit {
    /// How long the caller waited for the token.
    pub waited: Duration,
    on_answer: Option<Box<dyn FnOnce() + Send>>,
}

impl Permit {
    /// A permit with nothing to report back.
    pub fn free(waited: Duration) -> Permit {
        Permit { waited, on_answer: None }
    }

    /// A permit that runs `on_answer` when the call's answer has arrived.
    pub fn new(waited: Duration, on_answer: impl FnOnce() + Send + 'static) -> Permit {
        Permit { waited, on_answer: Some(Box::new(on_answer)) }
    }

    /// The call's answer (or failure) has arrived.
    pub fn answered(mut self) {
        if let Some(f) = self.on_answer.take() {
            f();
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some(f) = self.on_answer.take() {
            f();
        }
    }
}

impl std::fmt::Debug for Permit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Permit").field("waited", &self.waited).finish_non_exhaustive()
    }
}

/// A future returned by [`Budget::acquire`].
pub type Acquire<'a> = Pin<Box<dyn Future<Output = Result<Permit, Overloaded>> + Send + 'a>>;

/// Per-action figures for `/metrics`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueStats {
    pub action: String,
    /// Calls waiting for a token now, by class.
    pub waiting_interactive: usize,
    pub waiting_background: usize,
    /// Tokens handed out, and how many of them had to wait.
    pub granted: u64,
    pub waited: u64,
    pub wait_seconds_total: f64,
    /// Callers turned away because the wait would pass their deadline.
    pub overloaded: u64,
}

/// The account's budget of VOD calls.
pub trait Budget: Send + Sync + 'static {
    /// Waits for a token of `action` (whose published limit is `limit`), at most about
    /// `deadline`: a wait expected to be longer is refused at once with the time at which
    /// to try again.
    fn acquire<'a>(&'a self, action: &'a str, limit: Limit, caller: &'a Caller, deadline: Duration) -> Acquire<'a>;

    /// Queue figures per action.
    fn stats(&self) -> Vec<QueueStats>;
}

/// The budget kept in this process: per action, the calls of the last window (held
/// until a window after their answer) and a line served by a short-lived task while
/// anyone waits.
#[derive(Default)]
pub struct LocalBudget {
    queues: Mutex<HashMap<String, Arc<ActionQueue>>>,
}

impl LocalBudget {
    fn queue(&self, action: &str, calls: u32) -> Arc<ActionQueue> {
        let mut queues = lock(&self.queues);
        if let Some(q) = queues.get(action) {
            return q.clone();
        }
        // 10 ms on top of the gateway's second: timer granularity, never less.
        let window = Duration::from_millis(1010);
        let q = Arc::new(ActionQueue {
            action: action.to_string(),
            limit: calls.max(1) as usize,
            window,
            spacing: window / calls.max(1),
            state: Mutex::new(QueueState::default()),
            answered: tokio::sync::Notify::new(),
        });
        queues.insert(action.to_string(), q.clone());
        q
    }
}

impl Budget for LocalBudget {
    fn acquire<'a>(&'a self, action: &'a str, limit: Limit, caller: &'a Caller, deadline: Duration) -> Acquire<'a> {
        Box::pin(async move {
            // Daily quotas are not rates: nothing to pace within a day here.
            let Limit::PerSecond(calls) = limit else { return Ok(Permit::free(Duration::ZERO)) };
            let queue = self.queue(action, calls);
            queue.acquire(caller, deadline).await
        })
    }

    fn stats(&self) -> Vec<QueueStats> {
        let queues: Vec<Arc<ActionQueue>> = lock(&self.queues).values().cloned().collect();
        let mut out: Vec<QueueStats> = queues.iter().map(|q| q.stats()).collect();
        out.sort_by(|a, b| a.action.cmp(&b.action));
        out
    }
}

/// How many background grants a late line task may catch up at once.
const BACKGROUND_CATCH_UP: u32 = 3;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct ActionQueue {
    action: String,
    limit: usize,
    window: Duration,
    /// Background starts are at least this far apart (window / limit).
    spacing: Duration,
    state: Mutex<QueueState>,
    /// Woken when a call's answer arrives (its slot's expiry becomes known).
    answered: tokio::sync::Notify,
}

/// A call in the window: in flight (`answered: None`) or answered.
struct Slot {
    id: u64,
    answered: Option<Instant>,
}

#[derive(Default)]
struct QueueState {
    slots: Vec<Slot>,
    next_id: u64,
    last_background: Option<Instant>,
    interactive: TakeTurns,
    background: TakeTurns,
    serving: bool,
    granted: u64,
    waited: u64,
    wait_seconds_total: f64,
    overloaded: u64,
}

struct Waiter {
    tx: oneshot::Sender<u64>,
}

/// Waiters grouped by caller key; groups take turns.
#[derive(Default)]
struct TakeTurns {
    groups: VecDeque<(Arc<str>, VecDeque<Waiter>)>,
    len: usize,
}

impl TakeTurns {
    fn push(&mut self, key: &Arc<str>, w: Waiter) {
        self.len += 1;
        if let Some((_, q)) = self.groups.iter_mut().find(|(k, _)| k == key) {
            q.push_back(w);
        } else {
            self.groups.push_back((key.clone(), VecDeque::from([w])));
        }
    }

    /// The next waiter still waiting, in turn order.
    fn pop(&mut self) -> Option<Waiter> {
        while let Some((key, mut q)) = self.groups.pop_front() {
            let w = q.pop_front();
            if w.is_some() {
                self.len -= 1;
            }
            if !q.is_empty() {
                self.groups.push_back((key, q));
            }
            match w {
                Some(w) if !w.tx.is_closed() => return Some(w),
                _ => continue,
            }
        }
        None
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl QueueState {
    fn prune(&mut self, now: Instant, window: Duration) {
        self.slots.retain(|s| s.answered.is_none_or(|t| now.duration_since(t) < window));
    }

    fn take_slot(&mut self) -> u64 {
        self.next_id += 1;
        self.slots.push(Slot { id: self.next_id, answered: None });
        self.granted += 1;
        self.next_id
    }

    /// Expiry times of the slots, in flight ones counted as if answered at `now`.
    fn expiries(&self, now: Instant, window: Duration) -> Vec<Instant> {
        let mut e: Vec<Instant> = self.slots.iter().map(|s| s.answered.unwrap_or(now) + window).collect();
        e.sort();
        e
    }
}

impl ActionQueue {
    /// When the window will next have room: now, a known expiry, or `None` when every
    /// slot is still in flight (wait for an answer).
    fn room_at(&self, st: &QueueState, now: Instant) -> Option<Instant> {
        if st.slots.len() < self.limit {
            return Some(now);
        }
        st.slots.iter().filter_map(|s| s.answered).min().map(|t| t + self.window)
    }

    fn background_at(&self, st: &QueueState, now: Instant) -> Instant {
        st.last_background.map_or(now, |t| (t + self.spacing).max(now))
    }

    /// Records a background grant. The recorded time is the grant's place on an even
    /// schedule, not the moment the line task got to it: a task woken late (a busy
    /// machine) may catch up by a few grants instead of losing that time for good.
    fn background_granted(&self, st: &mut QueueState, now: Instant) {
        let scheduled = st.last_background.map_or(now, |t| t + self.spacing);
        let floor = now.checked_sub(self.spacing * BACKGROUND_CATCH_UP).unwrap_or(now);
        st.last_background = Some(scheduled.clamp(floor, now));
    }

    /// Expected wait for a caller that would queue behind `ahead` others.
    fn estimate(&self, st: &QueueState, now: Instant, ahead: usize) -> Duration {
        let needed = st.slots.len() + ahead + 1;
        if needed <= self.limit {
            return Duration::ZERO;
        }
        // The k-th caller beyond the limit goes when the k-th slot expires, one window
        // later for every further full window of callers.
        let expiries = st.expiries(now, self.window);
        let over = needed - self.limit - 1;
        let rounds = (over / self.limit) as u32;
        let base = expiries.get(over % self.limit).copied().unwrap_or(now + self.window);
        base.saturating_duration_since(now) + self.window * rounds
    }

    fn permit(self: &Arc<Self>, id: u64, waited: Duration) -> Permit {
        let me = self.clone();
        Permit::new(waited, move || {
            let mut st = lock(&me.state);
            if let Some(slot) = st.slots.iter_mut().find(|s| s.id == id) {
                slot.answered = Some(Instant::now());
            }
            drop(st);
            me.answered.notify_waiters();
        })
    }

    async fn acquire(self: &Arc<Self>, caller: &Caller, deadline: Duration) -> Result<Permit, Overloaded> {
        let started = Instant::now();
        let rx = {
            let mut st = lock(&self.state);
            let now = Instant::now();
            st.prune(now, self.window);
            let free = st.slots.len() < self.limit;
            let go_now = match caller.priority {
                Priority::Interactive => free && st.interactive.is_empty(),
                Priority::Background => {
                    free && st.interactive.is_empty() && st.background.is_empty() && self.background_at(&st, now) <= now
                }
            };
            if go_now {
                if caller.priority == Priority::Background {
                    self.background_granted(&mut st, now);
                }
                let id = st.take_slot();
                drop(st);
                return Ok(self.permit(id, Duration::ZERO));
            }
            let ahead = match caller.priority {
                Priority::Interactive => st.interactive.len,
                Priority::Background => st.interactive.len + st.background.len,
            };
            let mut expected = self.estimate(&st, now, ahead);
            if caller.priority == Priority::Background {
                expected = expected.max(self.spacing * (st.background.len as u32 + 1));
            }
            if expected > deadline {
                st.overloaded += 1;
                return Err(Overloaded { action: self.action.clone(), retry_after: expected });
            }
            let (tx, rx) = oneshot::channel();
            match caller.priority {
                Priority::Interactive => st.interactive.push(&caller.key, Waiter { tx }),
                Priority::Background => st.background.push(&caller.key, Waiter { tx }),
            }
            if !st.serving {
                st.serving = true;
                let me = self.clone();
                tokio::spawn(async move { me.serve().await });
            }
            rx
        };
        // The line task grants in order; a caller that gives up (its request was
        // cancelled) is skipped.
        let Ok(id) = rx.await else {
            return Err(Overloaded { action: self.action.clone(), retry_after: self.window });
        };
        let waited = started.elapsed();
        {
            let mut st = lock(&self.state);
            st.waited += 1;
            st.wait_seconds_total += waited.as_secs_f64();
        }
        Ok(self.permit(id, waited))
    }

    /// Hands out tokens while anyone waits, then ends.
    async fn serve(self: Arc<Self>) {
        loop {
            // Registered before the state is read, so an answer arriving in between is
            // not missed.
            let answered = self.answered.notified();
            let wake_at = {
                let mut st = lock(&self.state);
                let now = Instant::now();
                st.prune(now, self.window);
                if st.interactive.is_empty() && st.background.is_empty() {
                    st.serving = false;
                    return;
                }
                match self.room_at(&st, now) {
                    Some(room) if room > now => Some(room),
                    None => Some(now + self.window),
                    Some(_) => {
                        if let Some(w) = st.interactive.pop() {
                            let id = st.take_slot();
                            if w.tx.send(id).is_err() {
                                st.slots.retain(|s| s.id != id);
                                st.granted -= 1;
                            }
                            continue;
                        }
                        let at = self.background_at(&st, now);
                        if at > now {
                            Some(at)
                        } else if let Some(w) = st.background.pop() {
                            let id = st.take_slot();
                            self.background_granted(&mut st, now);
                            if w.tx.send(id).is_err() {
                                st.slots.retain(|s| s.id != id);
                                st.granted -= 1;
                            }
                            continue;
                        } else {
                            continue;
                        }
                    }
                }
            };
            if let Some(at) = wake_at {
                // An answer makes a slot's expiry known; a new interactive caller that
                // finds room takes it itself.
                tokio::select! {
                    _ = tokio::time::sleep_until(at) => {}
                    _ = answered => {}
                }
            }
        }
    }

    fn stats(&self) -> QueueStats {
        let st = lock(&self.state);
        QueueStats {
            action: self.action.clone(),
            waiting_interactive: st.interactive.len,
            waiting_background: st.background.len,
            granted: st.granted,
            waited: st.waited,
            wait_seconds_total: st.wait_seconds_total,
            overloaded: st.overloaded,
        }
    }
}

/// A budget that never waits: for comparisons and tools that must see the gateway's own
/// throttling.
#[derive(Debug, Default, Clone, Copy)]
pub struct Unlimited;

impl Budget for Unlimited {
    fn acquire<'a>(&'a self, _: &'a str, _: Limit, _: &'a Caller, _: Duration) -> Acquire<'a> {
        Box::pin(async { Ok(Permit::free(Duration::ZERO)) })
    }

    fn stats(&self) -> Vec<QueueStats> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(3600);
    const WINDOW: Duration = Duration::from_millis(1010);

    /// Grant times (offsets from `t0`) of every call, in grant order.
    type Log = Arc<Mutex<Vec<(String, Duration)>>>;

    /// Takes a token and answers at once (a call with no network delay).
    async fn take(b: Arc<LocalBudget>, qps: u32, caller: Caller, log: Log, t0: Instant, label: String) {
        let permit = b.acquire("A", Limit::PerSecond(qps), &caller, LONG).await.unwrap();
        log.lock().unwrap().push((label, t0.elapsed()));
        permit.answered();
    }

    fn max_in_any_window(times: &[Duration], window: Duration) -> usize {
        let mut sorted = times.to_vec();
        sorted.sort();
        (0..sorted.len()).map(|i| sorted[i..].iter().take_while(|t| **t - sorted[i] < window).count()).max().unwrap_or(0)
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_in_any_window() {
        let b = Arc::new(LocalBudget::default());
        let t0 = Instant::now();
        let log: Log = Arc::default();
        let mut tasks = Vec::new();
        for i in 0..120 {
            let caller = if i % 3 == 0 { Caller::background("job") } else { Caller::interactive(format!("u{}", i % 7)) };
            tasks.push(tokio::spawn(take(b.clone(), 10, caller, log.clone(), t0, i.to_string())));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let times: Vec<Duration> = log.lock().unwrap().iter().map(|(_, t)| *t).collect();
        assert_eq!(times.len(), 120);
        assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 10);
        // 80 interactive calls go 10 per window (8 windows), then the 40 background calls
        // one per window/limit: 12 windows in all, no later.
        assert!(*times.iter().max().unwrap() <= WINDOW * 12, "{times:?}");
        let log = log.lock().unwrap();
        let last_interactive = log.iter().filter(|(l, _)| l.parse::<u32>().unwrap() % 3 != 0).map(|(_, t)| *t).max().unwrap();
        let first_background_after = log.iter().filter(|(l, t)| l.parse::<u32>().unwrap() % 3 == 0 && *t > Duration::ZERO).map(|(_, t)| *t).min().unwrap();
        assert!(last_interactive <= first_background_after, "people go first");
        let stats = b.stats();
        assert_eq!(stats[0].granted, 120);
        assert_eq!(stats[0].waiting_interactive + stats[0].waiting_background, 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_slot_is_held_until_a_window_after_the_answer() {
        let b = LocalBudget::default();
        let t0 = Instant::now();
        let slow = b.acquire("A", Limit::PerSecond(1), &Caller::default(), LONG).await.unwrap();
        // The first call's answer takes 300 ms: the gateway may have counted it as late as
        // that, so the next call may start only a window after the answer.
        let answer_at = t0 + Duration::from_millis(300);
        let waiter = async {
            let p = b.acquire("A", Limit::PerSecond(1), &Caller::default(), LONG).await.unwrap();
            (Instant::now() - t0, p)
        };
        let answering = async {
            tokio::time::sleep_until(answer_at).await;
            slow.answered();
        };
        let ((started, _p), ()) = tokio::join!(waiter, answering);
        assert_eq!(started, Duration::from_millis(300) + WINDOW);
    }

    #[tokio::test(start_paused = true)]
    async fn a_page_goes_before_a_bulk_job_and_the_job_is_spread_evenly() {
        let b = Arc::new(LocalBudget::default());
        let t0 = Instant::now();
        let log: Log = Arc::default();
        let mut tasks = Vec::new();
        for i in 0..40 {
            tasks.push(tokio::spawn(take(b.clone(), 10, Caller::background("bulk"), log.clone(), t0, format!("bulk{i}"))));
        }
        // Let the job start, then a person opens a page needing three calls.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let page_started = t0.elapsed();
        for i in 0..3 {
            tasks.push(tokio::spawn(take(b.clone(), 10, Caller::interactive("alice"), log.clone(), t0, format!("page{i}"))));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let log = log.lock().unwrap();
        let bulk: Vec<Duration> = log.iter().filter(|(l, _)| l.starts_with("bulk")).map(|(_, t)| *t).collect();
        let page: Vec<Duration> = log.iter().filter(|(l, _)| l.starts_with("page")).map(|(_, t)| *t).collect();
        // Background starts are spaced by window / limit: no burst that fills the window.
        for pair in bulk.windows(2) {
            assert!(pair[1] - pair[0] >= WINDOW / 10, "{bulk:?}");
        }
        // Each page call waits for at most one freed slot, not for the job.
        for (n, t) in page.iter().enumerate() {
            assert!(*t - page_started <= WINDOW / 10 * (n as u32 + 1), "page call {n} at {t:?} (page at {page_started:?})");
        }
        let all: Vec<Duration> = log.iter().map(|(_, t)| *t).collect();
        assert!(max_in_any_window(&all, Duration::from_secs(1)) <= 10);
    }

    #[tokio::test(start_paused = true)]
    async fn callers_take_turns_within_a_class() {
        let b = Arc::new(LocalBudget::default());
        let t0 = Instant::now();
        let log: Log = Arc::default();
        // Fill the window so everyone queues.
        for _ in 0..5 {
            b.acquire("A", Limit::PerSecond(5), &Caller::interactive("x"), LONG).await.unwrap().answered();
        }
        let mut tasks = Vec::new();
        for i in 0..10 {
            tasks.push(tokio::spawn(take(b.clone(), 5, Caller::interactive("greedy"), log.clone(), t0, format!("greedy{i}"))));
        }
        tokio::task::yield_now().await;
        tasks.push(tokio::spawn(take(b.clone(), 5, Caller::interactive("bob"), log.clone(), t0, "bob".into())));
        for t in tasks {
            t.await.unwrap();
        }
        let order: Vec<String> = log.lock().unwrap().iter().map(|(l, _)| l.clone()).collect();
        let bob = order.iter().position(|l| l == "bob").unwrap();
        assert!(bob <= 1, "bob waited behind the greedy caller: {order:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_past_the_deadline_is_refused_with_a_time_to_retry() {
        let b = LocalBudget::default();
        for _ in 0..10 {
            b.acquire("A", Limit::PerSecond(10), &Caller::interactive("u"), LONG).await.unwrap().answered();
        }
        let err = b.acquire("A", Limit::PerSecond(10), &Caller::interactive("u"), Duration::from_millis(500)).await.unwrap_err();
        assert_eq!(err.action, "A");
        assert_eq!(err.retry_after, WINDOW);
        assert_eq!(b.stats()[0].overloaded, 1);
        // Within the deadline it waits and gets through.
        let p = b.acquire("A", Limit::PerSecond(10), &Caller::interactive("u"), Duration::from_secs(2)).await.unwrap();
        assert_eq!(p.waited, WINDOW);
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_actions_and_daily_quotas_never_wait() {
        let b = LocalBudget::default();
        for _ in 0..1000 {
            b.acquire("GetImageInfos", Limit::None, &Caller::default(), Duration::ZERO).await.unwrap();
            b.acquire("UploadMediaByURL", Limit::PerDay(5), &Caller::default(), Duration::ZERO).await.unwrap();
        }
        assert!(b.stats().is_empty());
    }
}
