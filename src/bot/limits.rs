//! Telegram's sending limits as the broadcast's pacing schedule: about 30
//! messages a second overall (1,000 for paid broadcasts), one a second per chat,
//! twenty a minute per group. All of them scale by `NASHRA_RATE_SCALE`, so tests
//! can run against a fake server faster. The schedule plans; the shared [`Budget`] has the last word on when a
//! message leaves.

use crate::bot::budget::{Budget, Lane, sane_scale};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub const GLOBAL_PER_SEC: f64 = 30.0;
/// Messages sent with `allow_paid_broadcast` may leave at up to this rate
/// overall (each costs the bot Telegram Stars); replies never carry it.
pub const PAID_PER_SEC: f64 = 1000.0;
pub const CHAT_PER_SEC: f64 = 1.0;
pub const GROUP_PER_MIN: f64 = 20.0;

/// When each chat may next receive a message.
#[derive(Debug)]
pub struct Limiter {
    global_gap: Duration,
    chat_gap: Duration,
    group_window: Duration,
    group_max: usize,
    next_global: Instant,
    next_chat: HashMap<i64, Instant>,
    group_sent: HashMap<i64, VecDeque<Instant>>,
}

impl Limiter {
    /// Telegram's free limits multiplied by `scale`.
    #[must_use]
    pub fn new(scale: f64) -> Self {
        Self::with_global(scale, GLOBAL_PER_SEC)
    }

    /// The same with `per_sec` messages a second overall ([`PAID_PER_SEC`] for
    /// paid broadcasts), multiplied by `scale` like the rest.
    #[must_use]
    pub fn with_global(scale: f64, per_sec: f64) -> Self {
        let scale = sane_scale(scale);
        // A group's 20 per minute becomes 20 per (60 s / scale).
        Self {
            global_gap: Duration::from_secs_f64(1.0 / (per_sec * scale)),
            chat_gap: Duration::from_secs_f64(1.0 / (CHAT_PER_SEC * scale)),
            group_window: Duration::from_secs_f64(60.0 / scale),
            group_max: GROUP_PER_MIN as usize,
            next_global: Instant::now(),
            next_chat: HashMap::new(),
            group_sent: HashMap::new(),
        }
    }

    /// Reserves the earliest slot for `chat` at or after `now` and returns it;
    /// the caller sleeps until then and sends.
    pub fn reserve(&mut self, chat: i64, is_group: bool, now: Instant) -> Instant {
        let mut at = now.max(self.next_global);
        if let Some(&t) = self.next_chat.get(&chat) {
            at = at.max(t);
        }
        if is_group {
            let sent = self.group_sent.entry(chat).or_default();
            while sent.front().is_some_and(|&t| t + self.group_window <= at) {
                sent.pop_front();
            }
            if sent.len() >= self.group_max {
                if let Some(&oldest) = sent.front() {
                    at = at.max(oldest + self.group_window);
                }
                sent.pop_front();
            }
            sent.push_back(at);
        }
        self.next_global = at + self.global_gap;
        self.next_chat.insert(chat, at + self.chat_gap);
        at
    }

    /// Forgets chats whose slots are long past, so the maps stay small.
    pub fn forget_idle(&mut self, now: Instant) {
        self.next_chat.retain(|_, t| *t > now);
        let window = self.group_window;
        self.group_sent
            .retain(|_, q| q.back().is_some_and(|&t| t + window > now));
    }
}

/// The broadcast's pace: the [`Limiter`] shared by the delivery tasks, over
/// the [`Budget`] it shares with replies. Pacing never switches off: every method
/// leaves the schedule whole, so a lock poisoned by a panicking task still holds a
/// valid schedule and is used as it is.
#[derive(Debug)]
pub struct Pacer {
    plan: Mutex<Limiter>,
    budget: Arc<Budget>,
}

impl Pacer {
    #[must_use]
    pub fn new(budget: Arc<Budget>) -> Self {
        Self {
            plan: Mutex::new(Limiter::with_global(
                budget.scale(),
                budget.broadcast_per_sec(),
            )),
            budget,
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut Limiter) -> R) -> R {
        f(&mut self.plan.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// See [`Limiter::reserve`].
    pub fn reserve(&self, chat: i64, is_group: bool, now: Instant) -> Instant {
        self.with(|l| l.reserve(chat, is_group, now))
    }

    /// Sleeps until the planned slot for `chat`, then until the shared budget
    /// lets the message leave: planned slots can bunch up when the process
    /// stalls and several senders wake late together, and replies draw on the
    /// same budget.
    pub async fn turn(&self, chat: i64, is_group: bool) {
        let at = self.reserve(chat, is_group, Instant::now());
        tokio::time::sleep_until(at.into()).await;
        self.budget.turn(Lane::Broadcast, chat, is_group).await;
    }

    /// Whether the broadcast's messages go out as paid broadcasts.
    #[must_use]
    pub fn paid(&self) -> bool {
        self.budget.paid_broadcast()
    }

    /// Telegram asked `chat` to wait until `until`.
    pub fn flooded(&self, chat: i64, until: Instant) {
        self.budget.flooded(chat, until);
    }

    /// See [`Limiter::forget_idle`].
    pub fn forget_idle(&self, now: Instant) {
        self.with(|l| l.forget_idle(now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poisoned_pacer_still_paces() {
        let pacer = Pacer::new(Arc::new(Budget::new(1.0)));
        let poisoned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pacer.with(|_| panic!("a delivery task panicked while pacing"));
        }));
        assert!(poisoned.is_err());
        let now = Instant::now();
        let first = pacer.reserve(7, false, now);
        let second = pacer.reserve(7, false, now);
        assert!(
            second >= first + Duration::from_millis(999),
            "{first:?} {second:?}"
        );
    }

    #[test]
    fn global_rate_spaces_distinct_chats() {
        let mut l = Limiter::new(1.0);
        let t0 = Instant::now();
        let slots: Vec<Instant> = (0..31).map(|c| l.reserve(c, false, t0)).collect();
        let span = slots[30] - slots[0];
        assert!(
            span >= Duration::from_millis(990) && span <= Duration::from_millis(1010),
            "{span:?}"
        );
    }

    #[test]
    fn one_chat_gets_one_per_second_and_a_group_twenty_per_minute() {
        let mut l = Limiter::new(1.0);
        let t0 = Instant::now();
        let a = l.reserve(1, false, t0);
        let b = l.reserve(1, false, t0);
        assert_eq!(b - a, Duration::from_secs(1));
        let mut g = Limiter::new(1.0);
        let slots: Vec<Instant> = (0..21).map(|_| g.reserve(-5, true, t0)).collect();
        assert!(slots[20] - slots[0] >= Duration::from_secs(60));
        assert!(slots[19] - slots[0] < Duration::from_secs(60));
    }

    #[test]
    fn paid_broadcasts_are_planned_at_a_thousand_a_second() {
        let mut l = Limiter::with_global(1.0, PAID_PER_SEC);
        let t0 = Instant::now();
        let slots: Vec<Instant> = (0..1001).map(|c| l.reserve(c, false, t0)).collect();
        let span = slots[1000] - slots[0];
        assert!(
            span >= Duration::from_millis(990) && span <= Duration::from_millis(1010),
            "{span:?}"
        );
        let again = l.reserve(0, false, t0);
        assert!(
            again - slots[0] >= Duration::from_secs(1),
            "one a second per chat still"
        );
    }

    #[test]
    fn scale_multiplies_every_rate() {
        let mut l = Limiter::new(10.0);
        let t0 = Instant::now();
        let a = l.reserve(1, false, t0);
        let b = l.reserve(1, false, t0);
        assert_eq!(b - a, Duration::from_millis(100));
    }
}
