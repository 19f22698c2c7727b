//! The outbox's queues, pure: which replies replace each other, one short queue
//! per chat, and the round-robin order in which chats are served within the
//! budget. No tasks and no Telegram here; [`crate::bot::outbox`] runs them.

use crate::bot::budget::{Budget, Lane, Refusal};
use crate::bot::commands::{Command, Input};
use crate::bot::outbox::PENDING_PER_CHAT;
use crate::bot::view::reply::Reply;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::future::Future;
use std::mem::Discriminant;
use std::pin::Pin;
use std::time::Instant;
use teloxide::types::MessageId;
use tokio::task::AbortHandle;

/// Which requests' replies stand for one another: a newer reply of the same
/// kind replaces an older one still waiting in that chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any use of one command, whatever its argument (`/summary 2`, `/summary 5`).
    Command(Discriminant<Command>),
    /// A button press (the latest one is what the reader is looking at).
    Button,
    Text,
    Unknown,
    /// The incoming rate limit's notice.
    Notice,
}

impl Kind {
    #[must_use]
    pub fn of(input: &Input) -> Self {
        match input {
            Input::Command(c) => Self::Command(std::mem::discriminant(c)),
            Input::Button(_) => Self::Button,
            Input::Text(_) => Self::Text,
            Input::Unknown => Self::Unknown,
        }
    }
}

/// Hears how a reply ended: its first message's id when all of it was sent.
pub(super) type Settle =
    Box<dyn FnOnce(Option<i64>) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

/// One reply on its way to a chat.
pub struct Job {
    pub(super) kind: Kind,
    pub(super) reply: Reply,
    /// Show a one-message reply in this message of the bot's (a button's).
    pub(super) edit: Option<MessageId>,
    /// Told how the reply ended: the id of its first message when all of it was
    /// sent, `None` when it was not (failed, replaced, dropped at shutdown).
    pub(super) on_done: Option<Settle>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("kind", &self.kind)
            .field("messages", &self.reply.messages.len())
            .field("edit", &self.edit)
            .field("on_done", &self.on_done.is_some())
            .finish()
    }
}

impl Job {
    /// A reply sent as new messages.
    #[must_use]
    pub fn send(kind: Kind, reply: Reply) -> Self {
        Self {
            kind,
            reply,
            edit: None,
            on_done: None,
        }
    }

    /// A reply shown in place of `message` when it is one message (else sent).
    #[must_use]
    pub fn edit(kind: Kind, message: MessageId, reply: Reply) -> Self {
        Self {
            edit: Some(message),
            ..Self::send(kind, reply)
        }
    }

    /// Hands the result to `settle` (a booked delivery). Such a reply is never
    /// replaced by a newer one.
    #[must_use]
    pub fn on_done<F, Fut>(mut self, settle: F) -> Self
    where
        F: FnOnce(Option<i64>) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.on_done = Some(Box::new(move |first| Box::pin(settle(first))));
        self
    }

    fn replaceable(&self) -> bool {
        self.on_done.is_none()
    }

    pub(super) async fn settle(self, first: Option<i64>) {
        if let Some(settle) = self.on_done {
            settle(first).await;
        }
    }
}

/// One chat's waiting replies.
#[derive(Debug)]
struct ChatQueue {
    is_group: bool,
    pending: VecDeque<Job>,
    /// In the ready ring or the waiting set.
    scheduled: bool,
    /// A reply of this chat is being sent.
    busy: bool,
}

/// Every chat's queue and the scheduler's order over them.
#[derive(Debug, Default)]
pub(super) struct Queues {
    chats: HashMap<i64, ChatQueue>,
    /// Chats whose turn may have come, in round-robin order.
    ready: VecDeque<i64>,
    /// Chats waiting for their own limit, by when it lifts.
    waiting: BTreeSet<(Instant, i64)>,
    /// The replies being sent, by chat.
    pub(super) flights: HashMap<i64, Flight>,
    /// Shutting down: nothing more is queued.
    pub(super) closed: bool,
}

/// A reply being sent: its task, and who hears how it ended.
pub(super) struct Flight {
    pub(super) task: AbortHandle,
    pub(super) on_done: Option<Settle>,
}

impl std::fmt::Debug for Flight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flight")
            .field("on_done", &self.on_done.is_some())
            .finish_non_exhaustive()
    }
}

impl Queues {
    /// Queues `job` for `chat`; returns the jobs it displaced (replaced, or the
    /// oldest beyond [`PENDING_PER_CHAT`]), or the job itself once closed.
    pub(super) fn push(&mut self, chat: i64, is_group: bool, job: Job) -> Vec<Job> {
        if self.closed {
            return vec![job];
        }
        let queue = self.chats.entry(chat).or_insert_with(|| ChatQueue {
            is_group,
            pending: VecDeque::new(),
            scheduled: false,
            busy: false,
        });
        queue.is_group = is_group;
        let mut displaced = Vec::new();
        if job.replaceable()
            && let Some(i) = queue
                .pending
                .iter()
                .position(|old| old.kind == job.kind && old.replaceable())
        {
            displaced.extend(queue.pending.remove(i));
        }
        queue.pending.push_back(job);
        while queue.pending.len() > PENDING_PER_CHAT {
            displaced.extend(queue.pending.pop_front());
        }
        if !queue.busy && !queue.scheduled {
            queue.scheduled = true;
            self.ready.push_back(chat);
        }
        displaced
    }

    /// Picks the replies to send now, round-robin over the ready chats, each
    /// taking its message's place in the budget; `room` bounds how many. Returns
    /// them and when to look again (a chat's limit lifting, the budget freeing).
    pub(super) fn next(
        &mut self,
        budget: &Budget,
        room: usize,
        now: Instant,
    ) -> (Vec<(i64, bool, Job)>, Option<Instant>) {
        while let Some(&(at, chat)) = self.waiting.first()
            && at <= now
        {
            self.waiting.pop_first();
            self.ready.push_back(chat);
        }
        let mut picked = Vec::new();
        let mut budget_frees = None;
        while picked.len() < room {
            let Some(chat) = self.ready.pop_front() else {
                break;
            };
            let Some(queue) = self.chats.get_mut(&chat) else {
                continue;
            };
            if queue.pending.is_empty() {
                queue.scheduled = false;
                continue;
            }
            match budget.take(Lane::Reply, chat, queue.is_group, now) {
                Ok(()) => {
                    queue.scheduled = false;
                    queue.busy = true;
                    let job = queue.pending.pop_front().expect("checked above");
                    picked.push((chat, queue.is_group, job));
                }
                Err(Refusal::Chat(wait)) => {
                    self.waiting.insert((now + wait, chat));
                }
                Err(Refusal::Budget(wait)) => {
                    // The chat keeps its place at the head of the ring.
                    self.ready.push_front(chat);
                    budget_frees = Some(now + wait);
                    break;
                }
            }
        }
        let lifts = self.waiting.first().map(|&(at, _)| at);
        let wake = match (lifts, budget_frees) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        (picked, wake)
    }

    /// The chat's reply has left (or failed): its next one, if any, queues up.
    pub(super) fn done(&mut self, chat: i64) {
        let Some(queue) = self.chats.get_mut(&chat) else {
            return;
        };
        queue.busy = false;
        if queue.pending.is_empty() {
            self.chats.remove(&chat);
        } else {
            queue.scheduled = true;
            self.ready.push_back(chat);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.chats.is_empty()
    }

    /// Everything still waiting, leaving the queues empty.
    pub(super) fn drain(&mut self) -> Vec<Job> {
        self.ready.clear();
        self.waiting.clear();
        self.chats.drain().flat_map(|(_, q)| q.pending).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::outbox::REPLIES_IN_FLIGHT;
    use std::time::Duration;

    fn job(kind: Kind, text: &str) -> Job {
        Job::send(kind, Reply::text(text))
    }

    fn texts(q: &Queues, chat: i64) -> Vec<String> {
        q.chats[&chat]
            .pending
            .iter()
            .map(|j| j.reply.messages[0].html.clone())
            .collect()
    }

    fn summary() -> Kind {
        Kind::of(&Input::Command(Command::Summary(String::new())))
    }

    #[test]
    fn a_flood_of_one_command_leaves_one_reply() {
        let mut q = Queues::default();
        for i in 0..300 {
            q.push(1, false, job(summary(), &format!("summary {i}")));
        }
        assert_eq!(texts(&q, 1), ["summary 299"]);
        assert_eq!(
            Kind::of(&Input::Command(Command::Summary("5".into()))),
            summary(),
            "the argument does not make another kind"
        );
    }

    #[test]
    fn a_newer_reply_replaces_the_older_of_its_kind_and_keeps_the_order_asked() {
        let mut q = Queues::default();
        let help = Kind::of(&Input::Command(Command::Help));
        q.push(1, false, job(summary(), "summary 1"));
        q.push(1, false, job(help, "help"));
        let displaced = q.push(1, false, job(summary(), "summary 2"));
        assert_eq!(displaced.len(), 1);
        assert_eq!(texts(&q, 1), ["help", "summary 2"]);
    }

    #[test]
    fn a_chat_holds_a_few_replies_and_a_booked_one_is_never_replaced() {
        let mut q = Queues::default();
        let booked = job(summary(), "subscribed").on_done(|_| async {});
        q.push(1, false, booked);
        q.push(1, false, job(summary(), "summary"));
        assert_eq!(texts(&q, 1), ["subscribed", "summary"]);
        for kind in [Kind::Text, Kind::Unknown, Kind::Button] {
            q.push(1, false, job(kind, &format!("{kind:?}")));
        }
        assert_eq!(texts(&q, 1), ["Text", "Unknown", "Button"]);
        q.closed = true;
        assert_eq!(q.push(1, false, job(Kind::Notice, "late")).len(), 1);
    }

    #[test]
    fn chats_take_turns_and_one_at_its_limit_waits_alone() {
        let budget = Budget::new(1.0);
        let mut q = Queues::default();
        let t0 = Instant::now();
        for i in 0..3 {
            q.push(1, false, job(Kind::Text, &format!("flood {i}")));
            q.push(1, false, job(Kind::Unknown, &format!("flood {i}")));
        }
        q.push(2, false, job(Kind::Text, "reader"));
        q.push(3, false, job(Kind::Text, "reader"));
        let (picked, _) = q.next(&budget, REPLIES_IN_FLIGHT, t0);
        let chats: Vec<i64> = picked.iter().map(|(c, _, _)| *c).collect();
        assert_eq!(chats, [1, 2, 3], "one reply per chat, in turn");
        q.done(1);
        let (picked, wake) = q.next(&budget, REPLIES_IN_FLIGHT, t0 + Duration::from_millis(10));
        assert!(picked.is_empty(), "chat 1 waits for its own second");
        let wake = wake.expect("a time to look again");
        assert!(wake >= t0 + Duration::from_secs(1), "{:?}", wake - t0);
        // Meanwhile a new chat is served at once.
        q.push(4, false, job(Kind::Text, "reader"));
        let (picked, _) = q.next(&budget, REPLIES_IN_FLIGHT, t0 + Duration::from_millis(20));
        assert_eq!(picked.len(), 1);
        assert_eq!(picked[0].0, 4);
        let (picked, _) = q.next(&budget, REPLIES_IN_FLIGHT, wake);
        assert_eq!(picked.len(), 1);
        assert_eq!(picked[0].0, 1);
    }

    #[test]
    fn the_scheduler_stops_at_the_budget_and_keeps_the_next_chat_first() {
        let budget = Budget::new(1.0);
        let mut q = Queues::default();
        let t0 = Instant::now();
        for chat in 0..40 {
            q.push(chat, false, job(Kind::Text, "reader"));
        }
        let (picked, wake) = q.next(&budget, REPLIES_IN_FLIGHT, t0);
        assert_eq!(picked.len(), 30, "the whole budget, no more");
        assert_eq!(q.ready.front(), Some(&30), "chat 30 is next in line");
        assert!(wake.is_some_and(|w| w > t0));
        let (picked, _) = q.next(&budget, 5, t0 + Duration::from_secs(2));
        let chats: Vec<i64> = picked.iter().map(|(c, _, _)| *c).collect();
        assert_eq!(
            chats,
            [30, 31, 32, 33, 34],
            "room bounds the tasks in flight"
        );
    }
}
