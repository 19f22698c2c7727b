//! The bot's one sending budget, drawn on by replies (the outbox) and by the
//! broadcast (delivery) alike: Telegram's limits counted on what actually left.
//! Replies come first; the broadcast keeps a reserved share so it never starves;
//! a 429 pauses the chat it came from, and the whole bot when several chats are
//! refused at once. With paid broadcasts the overall rate is Telegram's paid one,
//! of which replies (never paid) still take no more than the free rate.

use crate::bot::limits::{CHAT_PER_SEC, GLOBAL_PER_SEC, GROUP_PER_MIN, PAID_PER_SEC};
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Who is sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Reply,
    Broadcast,
}

impl Lane {
    fn index(self) -> usize {
        match self {
            Self::Reply => 0,
            Self::Broadcast => 1,
        }
    }

    fn other(self) -> Self {
        match self {
            Self::Reply => Self::Broadcast,
            Self::Broadcast => Self::Reply,
        }
    }
}

/// The broadcast's share of the overall rate while replies want all of it.
pub const BROADCAST_SHARE: f64 = 0.2;
/// 429s from this many chats within one window mean the bot as a whole is over
/// Telegram's limit, not one chat.
pub const FLOODED_CHATS: usize = 3;

// Departures are checked against windows this much longer than the nominal
// ones, so that network jitter cannot push two windows' worth together.
const MARGIN: f64 = 1.01;
// How late (as a fraction of a chat's pace) a message may leave and still
// count as sent in its slot; two messages to a chat are never closer than
// the pace less this.
const GRID_SLACK: f64 = 0.02;
// The maps are pruned of chats long idle once per this many departures.
const PRUNE_EVERY: u32 = 1024;

/// Why a message may not leave yet, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This chat's own limit (its pace, its group window, a 429 it got).
    Chat(Duration),
    /// The bot's overall budget, or this lane's share of it.
    Budget(Duration),
}

impl Refusal {
    #[must_use]
    pub fn wait(self) -> Duration {
        match self {
            Self::Chat(d) | Self::Budget(d) => d,
        }
    }
}

/// What left and when, and what is paused: the state behind [`Budget`], pure
/// (every method takes `now`) so it is tested without a clock.
#[derive(Debug)]
pub struct Ledger {
    scale: f64,
    paid: bool,
    window: Duration,
    /// Messages per window overall.
    capacity: usize,
    /// Replies per window: never more than the free rate.
    reply_max: usize,
    reserved: usize,
    /// How many of `departed` each lane sent.
    counts: [usize; 2],
    chat_gap: Duration,
    group_window: Duration,
    group_max: usize,
    departed: VecDeque<(Instant, Lane)>,
    to_chat: HashMap<i64, Instant>,
    to_group: HashMap<i64, VecDeque<Instant>>,
    chat_paused: HashMap<i64, Instant>,
    paused: Option<Instant>,
    /// When each lane was last refused for want of the overall budget.
    wanted: [Option<Instant>; 2],
    floods: VecDeque<(Instant, i64)>,
    since_prune: u32,
}

impl Ledger {
    /// Telegram's limits multiplied by `scale` (`NASHRA_RATE_SCALE`).
    #[must_use]
    pub fn new(scale: f64) -> Self {
        Self::with_paid_broadcast(scale, false)
    }

    /// The same; `paid`: the broadcast's messages carry `allow_paid_broadcast`,
    /// so the overall rate is [`PAID_PER_SEC`], replies keeping to the free one.
    #[must_use]
    pub fn with_paid_broadcast(scale: f64, paid: bool) -> Self {
        let scale = sane_scale(scale);
        let reply_max = GLOBAL_PER_SEC as usize;
        let (capacity, reserved) = if paid {
            // Replies cannot take more than the free rate, so the rest is the
            // broadcast's whatever replies want.
            let capacity = PAID_PER_SEC as usize;
            (capacity, capacity - reply_max)
        } else {
            let share = (GLOBAL_PER_SEC * BROADCAST_SHARE).ceil() as usize;
            (reply_max, share.clamp(1, reply_max - 1))
        };
        Self {
            scale,
            paid,
            window: Duration::from_secs_f64(MARGIN / scale),
            capacity,
            reply_max,
            reserved,
            counts: [0, 0],
            // No margin on one chat's pace: a reader asking once a second would
            // wait a little longer each time. The per-chat limit is the soft one.
            chat_gap: Duration::from_secs_f64(1.0 / (CHAT_PER_SEC * scale)),
            group_window: Duration::from_secs_f64(60.0 * MARGIN / scale),
            group_max: GROUP_PER_MIN as usize,
            departed: VecDeque::new(),
            to_chat: HashMap::new(),
            to_group: HashMap::new(),
            chat_paused: HashMap::new(),
            paused: None,
            wanted: [None, None],
            floods: VecDeque::new(),
            since_prune: 0,
        }
    }

    /// A message for `chat` leaves now if the chat's limits and the lane's
    /// share of the overall budget allow it: `Ok` records it, `Err` says why not
    /// and how long to wait before asking again.
    pub fn take(
        &mut self,
        lane: Lane,
        chat: i64,
        is_group: bool,
        now: Instant,
    ) -> Result<(), Refusal> {
        let chat_wait = self.chat_wait(chat, is_group, now);
        if !chat_wait.is_zero() {
            return Err(Refusal::Chat(chat_wait));
        }
        let window = self.window;
        while let Some(&(t, l)) = self.departed.front() {
            if t + window > now {
                break;
            }
            self.departed.pop_front();
            self.counts[l.index()] -= 1;
        }
        let mut wait = Duration::ZERO;
        if self.departed.len() >= self.capacity {
            wait = self.departed[0].0 + window - now;
        }
        let mine = self.counts[lane.index()];
        // Replies never exceed the free rate; only while the other lane is kept
        // waiting does a lane keep to its share.
        let other_wants = self.wanted[lane.other().index()].is_some_and(|t| now < t + window);
        let (share, hard) = match lane {
            Lane::Reply => (self.capacity - self.reserved, self.reply_max),
            Lane::Broadcast => (self.reserved, self.capacity),
        };
        if (mine >= hard || (other_wants && mine >= share))
            && let Some(&(oldest, _)) = self.departed.iter().find(|(_, l)| *l == lane)
        {
            wait = wait.max(oldest + window - now);
        }
        if !wait.is_zero() {
            self.wanted[lane.index()] = Some(now);
            return Err(Refusal::Budget(wait.max(Duration::from_millis(1))));
        }
        self.departed.push_back((now, lane));
        self.counts[lane.index()] += 1;
        // A chat served at its pace keeps to that pace's grid when the sender
        // woke a little late: otherwise a reader asking exactly once a second
        // would wait a timer's overshoot longer with every question.
        let slot = self
            .to_chat
            .get(&chat)
            .map(|&last| last + self.chat_gap)
            .filter(|&due| now.saturating_duration_since(due) <= self.chat_gap.mul_f64(GRID_SLACK))
            .unwrap_or(now);
        self.to_chat.insert(chat, slot);
        if is_group {
            self.to_group.entry(chat).or_default().push_back(now);
        }
        self.since_prune += 1;
        if self.since_prune >= PRUNE_EVERY {
            self.since_prune = 0;
            self.forget_idle(now);
        }
        Ok(())
    }

    /// How long `chat` must wait for its own limits (zero: it may receive now).
    pub fn chat_wait(&mut self, chat: i64, is_group: bool, now: Instant) -> Duration {
        let mut until = now;
        if let Some(p) = self.paused {
            until = until.max(p);
        }
        if let Some(&p) = self.chat_paused.get(&chat) {
            until = until.max(p);
        }
        if let Some(&last) = self.to_chat.get(&chat) {
            until = until.max(last + self.chat_gap);
        }
        if is_group && let Some(sent) = self.to_group.get_mut(&chat) {
            let window = self.group_window;
            while sent.front().is_some_and(|&t| t + window <= now) {
                sent.pop_front();
            }
            if sent.len() >= self.group_max {
                until = until.max(sent[sent.len() - self.group_max] + window);
            }
        }
        until - now
    }

    /// Telegram answered 429 for `chat`: that chat waits until `until`; when
    /// [`FLOODED_CHATS`] chats were refused within one window, everyone does.
    pub fn flooded(&mut self, chat: i64, until: Instant, now: Instant) {
        let paused = self.chat_paused.entry(chat).or_insert(until);
        *paused = (*paused).max(until);
        let window = self.window;
        while self.floods.front().is_some_and(|&(t, _)| t + window <= now) {
            self.floods.pop_front();
        }
        self.floods.push_back((now, chat));
        let mut chats: Vec<i64> = self.floods.iter().map(|&(_, c)| c).collect();
        chats.sort_unstable();
        chats.dedup();
        if chats.len() >= FLOODED_CHATS {
            self.paused = Some(self.paused.map_or(until, |p| p.max(until)));
        }
    }

    /// Forgets chats whose limits no longer hold anything back.
    pub fn forget_idle(&mut self, now: Instant) {
        let (gap, window) = (self.chat_gap, self.group_window);
        self.to_chat.retain(|_, t| *t + gap > now);
        self.to_group
            .retain(|_, q| q.back().is_some_and(|&t| t + window > now));
        self.chat_paused.retain(|_, t| *t > now);
        self.paused = self.paused.filter(|t| *t > now);
    }
}

/// A rate scale (`NASHRA_RATE_SCALE`) as given, or 1 when it is not a positive
/// number: pacing never switches off.
#[must_use]
pub fn sane_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    }
}

/// The [`Ledger`] shared by the outbox and the delivery tasks. A lock poisoned
/// by a panicking task still holds a whole ledger (no method leaves it half
/// changed), so it is used as it is: pacing never switches off.
#[derive(Debug)]
pub struct Budget(Mutex<Ledger>);

impl Budget {
    #[must_use]
    pub fn new(scale: f64) -> Self {
        Self::with_paid_broadcast(scale, false)
    }

    /// See [`Ledger::with_paid_broadcast`].
    #[must_use]
    pub fn with_paid_broadcast(scale: f64, paid: bool) -> Self {
        Self(Mutex::new(Ledger::with_paid_broadcast(scale, paid)))
    }

    /// Whether the broadcast's messages carry `allow_paid_broadcast`.
    #[must_use]
    pub fn paid_broadcast(&self) -> bool {
        self.with(|l| l.paid)
    }

    /// The broadcast's overall rate before scaling: the paid one or the free one.
    #[must_use]
    pub fn broadcast_per_sec(&self) -> f64 {
        if self.paid_broadcast() {
            PAID_PER_SEC
        } else {
            GLOBAL_PER_SEC
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut Ledger) -> R) -> R {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// The rate scale the budget was made with, for schedules planned beside it.
    #[must_use]
    pub fn scale(&self) -> f64 {
        self.with(|l| l.scale)
    }

    /// See [`Ledger::take`].
    pub fn take(&self, lane: Lane, chat: i64, is_group: bool, now: Instant) -> Result<(), Refusal> {
        self.with(|l| l.take(lane, chat, is_group, now))
    }

    /// Waits until a message for `chat` may leave, and records that it does.
    pub async fn turn(&self, lane: Lane, chat: i64, is_group: bool) {
        while let Err(refused) = self.take(lane, chat, is_group, Instant::now()) {
            tokio::time::sleep(refused.wait()).await;
        }
    }

    /// See [`Ledger::flooded`].
    pub fn flooded(&self, chat: i64, until: Instant) {
        self.with(|l| l.flooded(chat, until, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn a_scale_that_is_no_positive_number_paces_at_telegrams_rate() {
        for bad in [0.0, -2.0, f64::NAN, f64::INFINITY] {
            assert!((sane_scale(bad) - 1.0).abs() < f64::EPSILON, "{bad}");
        }
        assert!((sane_scale(10.0) - 10.0).abs() < f64::EPSILON);
    }

    #[test]
    fn replies_alone_may_use_the_whole_rate_and_no_more() {
        let mut l = Ledger::new(1.0);
        let t0 = Instant::now();
        for chat in 0..30 {
            assert_eq!(l.take(Lane::Reply, chat, false, t0), Ok(()));
        }
        let refused = l.take(Lane::Reply, 30, false, t0).unwrap_err();
        assert!(matches!(refused, Refusal::Budget(_)), "{refused:?}");
        assert!(refused.wait() >= Duration::from_secs(1), "{refused:?}");
        assert!(l.take(Lane::Reply, 30, false, t0 + refused.wait()).is_ok());
    }

    #[test]
    fn late_wakers_cannot_burst_past_the_global_limit() {
        // Thirty broadcast senders leave at once (all woke late together); the
        // thirty-first must wait a whole window.
        let mut l = Ledger::new(1.0);
        let t0 = Instant::now();
        for chat in 0..30 {
            assert!(l.take(Lane::Broadcast, chat, false, t0).is_ok());
        }
        let wait = l.take(Lane::Broadcast, 30, false, t0).unwrap_err().wait();
        assert!(wait >= Duration::from_secs(1), "{wait:?}");
    }

    #[test]
    fn one_chat_once_a_second_and_a_group_twenty_a_minute() {
        let mut l = Ledger::new(1.0);
        let t0 = Instant::now();
        assert!(l.take(Lane::Reply, 5, false, t0).is_ok());
        let Err(Refusal::Chat(wait)) = l.take(Lane::Broadcast, 5, false, t0 + 500 * MS) else {
            panic!("a second message within the second, from either lane");
        };
        assert!(wait >= 500 * MS, "{wait:?}");
        let mut t = t0;
        for _ in 0..20 {
            t += Duration::from_millis(1100);
            assert!(l.take(Lane::Reply, -7, true, t).is_ok());
        }
        let Err(Refusal::Chat(wait)) = l.take(Lane::Reply, -7, true, t + 1100 * MS) else {
            panic!("a group's twenty-first message within the minute");
        };
        assert!(wait > Duration::from_secs(30), "{wait:?}");
    }

    /// Both lanes ask for as much as they can every millisecond for three
    /// seconds; returns what each got in the last two.
    fn contend(reply_wants: bool) -> (usize, usize) {
        let mut l = Ledger::new(1.0);
        let t0 = Instant::now();
        let (mut replies, mut broadcast) = (0, 0);
        let mut chat = 0;
        for ms in 0..3000u64 {
            let now = t0 + Duration::from_millis(ms);
            let counted = ms >= 1000;
            for lane in [Lane::Reply, Lane::Broadcast] {
                if lane == Lane::Reply && !reply_wants {
                    continue;
                }
                chat += 1;
                while l.take(lane, chat, false, now).is_ok() {
                    chat += 1;
                    if counted {
                        *match lane {
                            Lane::Reply => &mut replies,
                            Lane::Broadcast => &mut broadcast,
                        } += 1;
                    }
                }
            }
        }
        (replies, broadcast)
    }

    #[test]
    fn replies_first_and_the_broadcast_keeps_its_share() {
        let (replies, broadcast) = contend(true);
        // Two seconds of a 30/s budget (over windows 1% longer): about 48 and 12.
        assert!((45..=48).contains(&replies), "replies got {replies}");
        assert!((11..=12).contains(&broadcast), "broadcast got {broadcast}");
        let (_, alone) = contend(false);
        assert!(
            (58..=60).contains(&alone),
            "the broadcast alone got {alone}"
        );
    }

    #[test]
    fn paid_broadcasts_take_a_thousand_a_second_and_replies_still_thirty() {
        let mut l = Ledger::with_paid_broadcast(1.0, true);
        let t0 = Instant::now();
        for chat in 0..30 {
            assert_eq!(l.take(Lane::Reply, chat, false, t0), Ok(()));
        }
        assert!(
            matches!(l.take(Lane::Reply, 30, false, t0), Err(Refusal::Budget(_))),
            "replies are not paid: thirty a second"
        );
        for chat in 100..1070 {
            assert_eq!(l.take(Lane::Broadcast, chat, false, t0), Ok(()), "{chat}");
        }
        let refused = l.take(Lane::Broadcast, 2000, false, t0).unwrap_err();
        assert!(refused.wait() >= Duration::from_secs(1), "{refused:?}");
        // The broadcast alone may use all of it.
        let mut alone = Ledger::with_paid_broadcast(1.0, true);
        let granted = (0..1100)
            .filter(|&c| alone.take(Lane::Broadcast, c, false, t0).is_ok())
            .count();
        assert_eq!(granted, 1000);
    }

    #[test]
    fn a_429_pauses_its_chat_and_several_pause_everyone() {
        let mut l = Ledger::new(1.0);
        let t0 = Instant::now();
        let until = t0 + Duration::from_secs(3);
        l.flooded(1, until, t0);
        assert!(
            matches!(l.take(Lane::Reply, 1, false, t0), Err(Refusal::Chat(w)) if w == Duration::from_secs(3))
        );
        assert!(
            l.take(Lane::Reply, 2, false, t0).is_ok(),
            "other chats go on"
        );
        l.flooded(3, until, t0);
        l.flooded(4, until, t0);
        assert!(
            l.take(Lane::Reply, 5, false, t0).is_err(),
            "three chats refused at once: the bot is over its limit"
        );
        assert!(l.take(Lane::Reply, 5, false, until).is_ok());
        l.forget_idle(until + Duration::from_secs(60));
        assert!(l.to_chat.is_empty() && l.chat_paused.is_empty() && l.paused.is_none());
    }

    #[test]
    fn a_poisoned_budget_still_paces() {
        let budget = Budget::new(1.0);
        let poisoned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            budget.with(|_| panic!("a sender panicked while pacing"));
        }));
        assert!(poisoned.is_err());
        let now = Instant::now();
        assert!(budget.take(Lane::Reply, 7, false, now).is_ok());
        assert!(
            budget.take(Lane::Reply, 7, false, now).is_err(),
            "a second message in the same instant"
        );
    }

    #[test]
    fn a_chat_at_its_pace_keeps_to_it_when_the_sender_wakes_late() {
        let mut l = Ledger::new(1.0);
        let t0 = Instant::now();
        let mut at = t0;
        for k in 1..=60 {
            assert!(l.take(Lane::Reply, 9, false, at).is_ok());
            let due = at + l.take(Lane::Reply, 9, false, at).unwrap_err().wait();
            assert_eq!(
                due,
                t0 + Duration::from_secs(k),
                "no creep after {k} messages"
            );
            // Every sender wakes 3 ms late.
            at = due + 3 * MS;
        }
        // A chat quiet for a while starts a new grid from now.
        let later = at + Duration::from_secs(10);
        assert!(l.take(Lane::Reply, 9, false, later).is_ok());
        let wait = l.take(Lane::Reply, 9, false, later).unwrap_err().wait();
        assert_eq!(wait, Duration::from_secs(1));
    }

    #[test]
    fn scale_multiplies_every_rate() {
        let mut l = Ledger::new(10.0);
        let t0 = Instant::now();
        assert!(l.take(Lane::Reply, 1, false, t0).is_ok());
        let wait = l.take(Lane::Reply, 1, false, t0).unwrap_err().wait();
        assert_eq!(wait, Duration::from_millis(100));
    }
}
