//! The incoming rate limit, as one filter in the handler tree: a token bucket
//! for each person and one for each group or channel. Past it the chat gets one
//! short notice, and the sender's requests are dropped until the bucket is full
//! again, so the first request after that is answered at once. Owners are exempt.

use crate::bot::app::App;
use crate::bot::commands::{Heard, hear};
use crate::bot::handlers::{language, stored_language};
use crate::bot::outbox::{Job, Kind, Outbox};
use crate::bot::view::render;
use crate::bot::view::reply::Reply;
use crate::bot::view::texts::too_many_requests;
use crate::config::{Incoming, Rate};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use teloxide::payloads::AnswerCallbackQuerySetters;
use teloxide::prelude::*;
use teloxide::types::{Chat, Me, UpdateKind, User};

// Buckets back to full are forgotten once per this many requests.
const PRUNE_EVERY: u32 = 4096;

/// Requests a sender may make: full at `burst`, refilled at `per_minute`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    tokens: f64,
    at: Instant,
    /// Past the limit: everything is dropped until then, when the bucket is
    /// full again (nothing is taken from it meanwhile, so that time is exact).
    quiet_until: Option<Instant>,
}

impl Bucket {
    #[must_use]
    pub fn full(rate: Rate, now: Instant) -> Self {
        Self {
            tokens: f64::from(rate.burst),
            at: now,
            quiet_until: None,
        }
    }

    fn refill(&mut self, rate: Rate, now: Instant) {
        match self.quiet_until {
            Some(until) if now < until => return,
            Some(_) => {
                self.quiet_until = None;
                self.tokens = f64::from(rate.burst);
            }
            None => {
                let gained =
                    now.saturating_duration_since(self.at).as_secs_f64() * per_second(rate);
                self.tokens = (self.tokens + gained).min(f64::from(rate.burst));
            }
        }
        self.at = self.at.max(now);
    }

    fn is_quiet(&self, now: Instant) -> bool {
        self.quiet_until.is_some_and(|until| now < until)
    }

    fn until_full(&self, rate: Rate) -> Duration {
        let missing = (f64::from(rate.burst) - self.tokens).max(0.0);
        Duration::from_secs_f64(missing / per_second(rate))
    }

    fn is_idle(&self, rate: Rate, now: Instant) -> bool {
        let mut b = *self;
        b.refill(rate, now);
        !b.is_quiet(now) && b.tokens >= f64::from(rate.burst)
    }
}

fn per_second(rate: Rate) -> f64 {
    f64::from(rate.per_minute.max(1)) / 60.0
}

/// What to do with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Pass,
    /// Just past the limit: tell the chat once, that it may ask again after this.
    Limit(Duration),
    /// Still past the limit: no reply at all.
    Drop,
}

/// Whose bucket a request draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    User(i64),
    Chat(i64),
}

/// Every sender's bucket.
#[derive(Debug)]
pub struct Gate {
    limits: Incoming,
    buckets: Mutex<(HashMap<Key, Bucket>, u32)>,
}

impl Gate {
    #[must_use]
    pub fn new(limits: Incoming) -> Self {
        Self {
            limits,
            buckets: Mutex::new((HashMap::new(), 0)),
        }
    }

    fn rate(&self, key: Key) -> Rate {
        match key {
            Key::User(_) => self.limits.user,
            Key::Chat(_) => self.limits.group,
        }
    }

    /// One request from `user` (when a person sent it) in `group` (when it was
    /// sent in a group or channel): it passes only if both buckets allow it, and
    /// takes from both only then.
    pub fn check(&self, user: Option<i64>, group: Option<i64>, now: Instant) -> Admission {
        let keys = [user.map(Key::User), group.map(Key::Chat)];
        let keys = keys.iter().flatten();
        // Every method leaves each bucket whole: a poisoned lock is used as it is.
        let mut guard = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let (buckets, checks) = &mut *guard;
        *checks += 1;
        if *checks >= PRUNE_EVERY {
            *checks = 0;
            buckets.retain(|&key, b| !b.is_idle(self.rate(key), now));
        }
        for &key in keys.clone() {
            let rate = self.rate(key);
            buckets
                .entry(key)
                .or_insert_with(|| Bucket::full(rate, now))
                .refill(rate, now);
        }
        if keys.clone().any(|k| buckets[k].is_quiet(now)) {
            return Admission::Drop;
        }
        let mut limit = None;
        for &key in keys.clone() {
            let b = buckets.get_mut(&key).expect("inserted above");
            if b.tokens < 1.0 {
                let wait = b.until_full(self.rate(key));
                b.quiet_until = Some(now + wait);
                limit = Some(limit.map_or(wait, |w: Duration| w.max(wait)));
            }
        }
        if let Some(wait) = limit {
            return Admission::Limit(wait);
        }
        for key in keys {
            if let Some(b) = buckets.get_mut(key) {
                b.tokens -= 1.0;
            }
        }
        Admission::Pass
    }
}

/// A request: who made it, and where.
struct Asker<'a> {
    from: Option<&'a User>,
    chat: &'a Chat,
    callback: Option<&'a CallbackQuery>,
}

/// The request in an update: a message the bot would answer, or a button press.
/// Service messages, chatter and other bots' commands in groups, inline
/// queries and membership changes are not requests and never count.
fn asker<'a>(update: &'a Update, me: &Me) -> Option<Asker<'a>> {
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::ChannelPost(m) => {
            let text = m.text()?;
            // In private every text gets an answer; in groups only what is
            // addressed to the bot.
            if !m.chat.is_private()
                && hear(
                    text,
                    me.username(),
                    crate::bot::handlers::place(m, me, text),
                ) == Heard::Ignore
            {
                return None;
            }
            // Sent as a chat (an anonymous admin, a channel): the chat alone counts.
            let from = m.from.as_ref().filter(|_| m.sender_chat.is_none());
            Some(Asker {
                from,
                chat: &m.chat,
                callback: None,
            })
        }
        UpdateKind::CallbackQuery(q) => Some(Asker {
            from: Some(&q.from),
            chat: q.message.as_ref()?.chat(),
            callback: Some(q),
        }),
        _ => None,
    }
}

/// The filter: lets an update through unless its sender or group is past the
/// limit; the request that goes past it gets the notice.
pub async fn admit(
    update: Update,
    bot: Bot,
    me: Me,
    app: App,
    gate: Arc<Gate>,
    outbox: Outbox,
) -> bool {
    let Some(asker) = asker(&update, &me) else {
        return true;
    };
    let user = asker.from.and_then(|u| i64::try_from(u.id.0).ok());
    if user.is_some_and(|u| app.owners.contains(&u)) {
        return true;
    }
    let chat = asker.chat.id.0;
    let group = (!asker.chat.is_private()).then_some(chat);
    let wait = match gate.check(user, group, Instant::now()) {
        Admission::Pass => return true,
        Admission::Drop => return false,
        Admission::Limit(wait) => wait,
    };
    let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
    log::info!("chat {chat}, user {user:?}: past the request limit; quiet for {secs} s");
    let lang = match asker.from {
        Some(u) => language(&app, chat, u).await,
        None => stored_language(&app, chat).await.unwrap_or_default(),
    };
    let notice = too_many_requests(lang, secs);
    match asker.callback {
        // A button gets its notice where it was pressed, at once.
        Some(q) => {
            if let Err(e) = bot.answer_callback_query(q.id.clone()).text(notice).await {
                log::warn!("answerCallbackQuery failed: {e}");
            }
        }
        None => {
            let is_group = group.is_some() && !asker.chat.is_channel();
            // In a group the notice says whom it is for.
            let reply = match asker.from.filter(|_| is_group) {
                Some(u) => render::addressed(u.id.0, &u.full_name(), &notice),
                None => Reply::text(notice),
            };
            outbox
                .send(chat, is_group, Job::send(Kind::Notice, reply))
                .await;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: Rate = Rate {
        burst: 5,
        per_minute: 60,
    };

    fn gate() -> Gate {
        Gate::new(Incoming {
            user: USER,
            group: Rate {
                burst: 8,
                per_minute: 30,
            },
        })
    }

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn a_burst_passes_then_one_notice_then_silence_until_full() {
        let g = gate();
        let t0 = Instant::now();
        for _ in 0..5 {
            assert_eq!(g.check(Some(1), None, t0), Admission::Pass);
        }
        assert_eq!(g.check(Some(1), None, t0), Admission::Limit(secs(5.0)));
        for i in 1..=40 {
            // A flood keeps going for four seconds: all of it dropped.
            assert_eq!(
                g.check(Some(1), None, t0 + secs(0.1 * f64::from(i))),
                Admission::Drop
            );
        }
        assert_eq!(g.check(Some(1), None, t0 + secs(4.9)), Admission::Drop);
        assert_eq!(
            g.check(Some(1), None, t0 + secs(5.0)),
            Admission::Pass,
            "the first request once the bucket is full again is answered"
        );
        assert_eq!(
            g.check(Some(2), None, t0),
            Admission::Pass,
            "others never noticed"
        );
    }

    #[test]
    fn once_a_second_is_never_limited() {
        let g = gate();
        let t0 = Instant::now();
        for i in 0..120 {
            // A little early now and then.
            let at = t0 + secs(f64::from(i) * 0.98);
            assert_eq!(g.check(Some(1), None, at), Admission::Pass, "request {i}");
        }
    }

    #[test]
    fn a_group_counts_as_a_whole_and_each_member_alone() {
        let g = gate();
        let t0 = Instant::now();
        for _ in 0..5 {
            assert_eq!(g.check(Some(1), Some(-100), t0), Admission::Pass);
        }
        // Member 1 is past their own limit; the group still has room for others.
        assert!(matches!(
            g.check(Some(1), Some(-100), t0),
            Admission::Limit(_)
        ));
        assert_eq!(g.check(Some(1), Some(-100), t0), Admission::Drop);
        for _ in 0..3 {
            assert_eq!(g.check(Some(2), Some(-100), t0), Admission::Pass);
        }
        // The group's eight are used up: the next member gets the group's notice.
        assert_eq!(
            g.check(Some(3), Some(-100), t0),
            Admission::Limit(secs(16.0))
        );
        assert_eq!(g.check(Some(4), Some(-100), t0), Admission::Drop);
        assert_eq!(
            g.check(Some(4), None, t0),
            Admission::Pass,
            "in private, member 4 is fine"
        );
    }

    #[test]
    fn idle_buckets_are_forgotten() {
        let g = gate();
        let t0 = Instant::now();
        for user in 0..i64::from(PRUNE_EVERY) {
            g.check(Some(user), None, t0);
        }
        // By then the first senders' buckets are full again; the one flooding is not.
        let later = t0 + Duration::from_secs(10);
        for _ in 0..PRUNE_EVERY {
            g.check(Some(-1), None, later);
        }
        let (buckets, _) = &*g.buckets.lock().unwrap();
        assert_eq!(
            buckets.len(),
            1,
            "only the sender past the limit is remembered"
        );
    }
}
