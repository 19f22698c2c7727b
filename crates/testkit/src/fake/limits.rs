//! Telegram's flood limits (overall, per chat, per group) enforced on sent messages with
//! sliding windows, for delivery benchmarks. Messages sent with `allow_paid_broadcast`
//! count against the paid overall limit instead of the free one.

use std::{
    collections::{HashMap, VecDeque},
    time::{Duration, Instant},
};

/// Flood limits; a limit of 0 is no limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Messages per second over all chats (Telegram: about 30).
    pub global_per_sec: u32,
    /// Messages per second over all chats, paid broadcasts included (Telegram: 1000);
    /// 0: `allow_paid_broadcast` changes nothing.
    pub paid_per_sec: u32,
    /// Messages per second in one chat (Telegram: about 1).
    pub per_chat_per_sec: u32,
    /// Messages per minute in one group, supergroup or channel (Telegram: 20).
    pub per_group_per_min: u32,
    /// Divides the 1 s and 60 s windows: 10.0 runs the clock ten times faster than Telegram.
    pub time_scale: f64,
    /// Fraction of each window forgiven, so a sender pacing itself exactly on the limit
    /// is not failed by network jitter.
    pub tolerance: f64,
}

impl Limits {
    /// Telegram's documented limits at real speed.
    #[must_use]
    pub fn telegram() -> Self {
        Self {
            global_per_sec: 30,
            paid_per_sec: 1000,
            per_chat_per_sec: 1,
            per_group_per_min: 20,
            time_scale: 1.0,
            tolerance: 0.05,
        }
    }

    #[must_use]
    pub fn scaled(self, time_scale: f64) -> Self {
        assert!(time_scale > 0.0, "time_scale must be positive");
        Self { time_scale, ..self }
    }

    fn window(&self, nominal: Duration) -> Duration {
        nominal
            .div_f64(self.time_scale)
            .mul_f64(1.0 - self.tolerance.clamp(0.0, 0.99))
    }
}

/// Send times inside each window, kept only for messages actually delivered.
#[derive(Debug)]
pub struct Limiter {
    limits: Limits,
    global: VecDeque<Instant>,
    /// Every message, paid or not, for the paid overall limit.
    all: VecDeque<Instant>,
    per_chat: HashMap<i64, VecDeque<Instant>>,
    per_group: HashMap<i64, VecDeque<Instant>>,
}

impl Limiter {
    #[must_use]
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            global: VecDeque::new(),
            all: VecDeque::new(),
            per_chat: HashMap::new(),
            per_group: HashMap::new(),
        }
    }

    /// `Err(wait)` when one more message to `chat_id` now would break a limit; `paid`:
    /// it was sent with `allow_paid_broadcast`.
    pub fn check(
        &mut self,
        chat_id: i64,
        is_group: bool,
        paid: bool,
        now: Instant,
    ) -> Result<(), Duration> {
        let second = self.limits.window(Duration::from_secs(1));
        let minute = self.limits.window(Duration::from_secs(60));
        let paid = paid && self.limits.paid_per_sec > 0;
        let mut wait = Duration::ZERO;
        if !paid {
            wait = wait.max(over(
                &mut self.global,
                self.limits.global_per_sec,
                second,
                now,
            ));
        }
        wait = wait.max(over(&mut self.all, self.limits.paid_per_sec, second, now));
        let chat = self.per_chat.entry(chat_id).or_default();
        wait = wait.max(over(chat, self.limits.per_chat_per_sec, second, now));
        if is_group {
            let group = self.per_group.entry(chat_id).or_default();
            wait = wait.max(over(group, self.limits.per_group_per_min, minute, now));
        }
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    pub fn record(&mut self, chat_id: i64, is_group: bool, paid: bool, now: Instant) {
        if !(paid && self.limits.paid_per_sec > 0) {
            self.global.push_back(now);
        }
        self.all.push_back(now);
        self.per_chat.entry(chat_id).or_default().push_back(now);
        if is_group {
            self.per_group.entry(chat_id).or_default().push_back(now);
        }
    }
}

/// Drops sends older than `window`; how long until one more fits under `limit`.
fn over(sends: &mut VecDeque<Instant>, limit: u32, window: Duration, now: Instant) -> Duration {
    while sends
        .front()
        .is_some_and(|&at| now.duration_since(at) >= window)
    {
        sends.pop_front();
    }
    if limit == 0 || sends.len() < limit as usize {
        return Duration::ZERO;
    }
    let oldest_in_the_way = sends[sends.len() - limit as usize];
    (oldest_in_the_way + window)
        .saturating_duration_since(now)
        .max(Duration::from_millis(1))
}

/// Telegram's `retry_after` is whole seconds, at least one.
#[must_use]
pub fn retry_after_secs(wait: Duration) -> u32 {
    u32::try_from(wait.as_secs_f64().ceil() as u64)
        .unwrap_or(u32::MAX)
        .max(1)
}
