//! Replies leave through the outbox, never from the handler that made them: one
//! short queue per chat, served round-robin by the outbox's own task within the
//! shared [`Budget`], so a chat waiting out its own limit (its pace, a 429)
//! delays no other chat. A newer reply to the same kind of request replaces an
//! older unsent one, so a flood of one command yields one answer.

use crate::bot::budget::{Budget, Lane, Refusal};
use crate::bot::commands::{Command, Input};
use crate::bot::send::{self, Failure, Pace, classify};
use crate::bot::view::reply::Reply;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::future::Future;
use std::mem::Discriminant;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use teloxide::prelude::*;
use teloxide::types::MessageId;
use teloxide::{ApiError, RequestError};
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::AbortHandle;

/// Unsent replies one chat may have waiting; the oldest gives way beyond that.
pub const PENDING_PER_CHAT: usize = 3;
/// Replies being sent at once (each to a different chat).
pub const IN_FLIGHT: usize = 32;
/// How long replies still queued at shutdown may take to leave.
pub const DRAIN: Duration = Duration::from_secs(5);

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

type Settle = Box<dyn FnOnce(Option<i64>) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

/// One reply on its way to a chat.
pub struct Job {
    kind: Kind,
    reply: Reply,
    /// Show a one-message reply in this message of the bot's (a button's).
    edit: Option<MessageId>,
    /// Told how the reply ended: the id of its first message when all of it was
    /// sent, `None` when it was not (failed, replaced, dropped at shutdown).
    on_done: Option<Settle>,
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

    async fn settle(self, first: Option<i64>) {
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
struct Queues {
    chats: HashMap<i64, ChatQueue>,
    /// Chats whose turn may have come, in round-robin order.
    ready: VecDeque<i64>,
    /// Chats waiting for their own limit, by when it lifts.
    waiting: BTreeSet<(Instant, i64)>,
    /// The replies being sent, by chat.
    flights: HashMap<i64, Flight>,
    closed: bool,
}

/// A reply being sent: its task, and who hears how it ended.
struct Flight {
    task: AbortHandle,
    on_done: Option<Settle>,
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
    fn push(&mut self, chat: i64, is_group: bool, job: Job) -> Vec<Job> {
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
    fn next(
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
            match budget.take(Lane::Reply, chat, queue.is_group, now) {
                Ok(()) => {
                    let Some(job) = queue.pending.pop_front() else {
                        queue.scheduled = false;
                        continue;
                    };
                    queue.scheduled = false;
                    queue.busy = true;
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
    fn done(&mut self, chat: i64) {
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

    fn is_empty(&self) -> bool {
        self.chats.is_empty()
    }

    /// Everything still waiting, leaving the queues empty.
    fn drain(&mut self) -> Vec<Job> {
        self.ready.clear();
        self.waiting.clear();
        self.chats.drain().flat_map(|(_, q)| q.pending).collect()
    }
}

/// What the handlers, the replies' tasks and the outbox's own task share.
struct Shared {
    queues: Mutex<Queues>,
    /// Tells the outbox's task to look at the queues again.
    wake: Notify,
    bot: Bot,
    budget: Arc<Budget>,
    /// Results for replies whose task ended without one (it panicked).
    unsettled: mpsc::UnboundedSender<Settle>,
}

impl Shared {
    // No method leaves the queues half changed, so a poisoned lock is used as it is.
    fn queues(&self) -> std::sync::MutexGuard<'_, Queues> {
        self.queues.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Picks what may leave now and starts sending it, each reply on a task of
    /// its own; returns when to look again, if something has to wait.
    fn serve(self: &Arc<Self>, queues: &mut Queues, now: Instant) -> Option<Instant> {
        let room = IN_FLIGHT.saturating_sub(queues.flights.len());
        let (picked, wake) = queues.next(&self.budget, room, now);
        for (chat, is_group, mut job) in picked {
            let on_done = job.on_done.take();
            let landing = Landing {
                shared: self.clone(),
                chat,
                landed: false,
            };
            let (bot, budget) = (self.bot.clone(), self.budget.clone());
            let task = tokio::spawn(async move {
                let mut landing = landing;
                let first = deliver(bot, budget, chat, is_group, job).await;
                if let Some(settle) = landing.land() {
                    settle(first).await;
                }
            });
            let task = task.abort_handle();
            queues.flights.insert(chat, Flight { task, on_done });
        }
        wake
    }

    /// [`Shared::serve`] from outside the outbox's task, which is told when
    /// something has to wait (or when it is draining and may be done).
    fn serve_and_tell(self: &Arc<Self>, queues: &mut Queues) {
        if self.serve(queues, Instant::now()).is_some() || queues.closed {
            self.wake.notify_one();
        }
    }
}

/// A reply's end, seen to by its own task: the chat's next reply may start.
/// Dropped without landing (a panic, an abort), it still frees the chat.
struct Landing {
    shared: Arc<Shared>,
    chat: i64,
    landed: bool,
}

impl Landing {
    /// Frees the chat, starts whatever may go next, and hands back who wants
    /// to hear how the reply ended.
    fn land(&mut self) -> Option<Settle> {
        self.landed = true;
        let mut queues = self.shared.queues();
        let flight = queues.flights.remove(&self.chat);
        queues.done(self.chat);
        self.shared.serve_and_tell(&mut queues);
        flight.and_then(|f| f.on_done)
    }
}

impl Drop for Landing {
    fn drop(&mut self) {
        if self.landed {
            return;
        }
        let flight = {
            let mut queues = self.shared.queues();
            queues.done(self.chat);
            queues.flights.remove(&self.chat)
        };
        if let Some(settle) = flight.and_then(|f| f.on_done) {
            // Gone only at shutdown, when the flights are settled there.
            let _ = self.shared.unsettled.send(settle);
        }
        self.shared.wake.notify_one();
    }
}

/// Where handlers put their replies; cheap to clone.
#[derive(Clone)]
pub struct Outbox {
    shared: Arc<Shared>,
}

/// The outbox's own task, to be run beside the dispatcher: it starts the
/// replies that had to wait (for their chat's limit, or the budget).
pub struct Runner {
    shared: Arc<Shared>,
    unsettled: mpsc::UnboundedReceiver<Settle>,
}

impl Outbox {
    /// An outbox sending with `bot` within `budget`, and its task.
    #[must_use]
    pub fn new(bot: Bot, budget: Arc<Budget>) -> (Self, Runner) {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            queues: Mutex::new(Queues::default()),
            wake: Notify::new(),
            bot,
            budget,
            unsettled: tx,
        });
        let runner = Runner {
            shared: shared.clone(),
            unsettled: rx,
        };
        (Self { shared }, runner)
    }

    /// Queues a reply for `chat` and returns at once (after settling any reply
    /// it displaced as not sent). A reply that may leave now is started here,
    /// in the order the outbox's task would have started it.
    pub async fn send(&self, chat: i64, is_group: bool, job: Job) {
        let displaced = {
            let mut queues = self.shared.queues();
            let displaced = queues.push(chat, is_group, job);
            self.shared.serve_and_tell(&mut queues);
            displaced
        };
        for old in displaced {
            log::debug!("chat {chat}: an unsent {:?} reply gave way", old.kind);
            old.settle(None).await;
        }
    }
}

impl Runner {
    /// Serves until `stop` turns true, then for up to [`DRAIN`] more while
    /// replies remain; what is left then is settled as not sent.
    pub async fn run(mut self, mut stop: watch::Receiver<bool>) {
        let shared = self.shared.clone();
        let mut deadline: Option<tokio::time::Instant> = None;
        let mut orphaned = false;
        loop {
            if deadline.is_none() && (orphaned || *stop.borrow()) {
                deadline = Some(tokio::time::Instant::now() + DRAIN);
                shared.queues().closed = true;
            }
            let (wake, idle) = {
                let mut queues = shared.queues();
                let wake = shared.serve(&mut queues, Instant::now());
                (wake, queues.is_empty())
            };
            if deadline.is_some() && idle {
                break;
            }
            let far = tokio::time::Instant::now() + Duration::from_secs(3600);
            let mut until = wake.map_or(far, Into::into);
            if let Some(d) = deadline {
                until = until.min(d);
            }
            tokio::select! {
                () = shared.wake.notified() => {}
                Some(settle) = self.unsettled.recv() => settle(None).await,
                () = tokio::time::sleep_until(until) => {
                    if deadline.is_some_and(|d| tokio::time::Instant::now() >= d) {
                        break;
                    }
                }
                changed = stop.changed(), if deadline.is_none() => {
                    // No one left to say stop: stop as if told.
                    orphaned = changed.is_err();
                }
            }
        }
        let (flights, left) = {
            let mut queues = shared.queues();
            let flights: Vec<(i64, Flight)> = queues.flights.drain().collect();
            (flights, queues.drain())
        };
        for (chat, flight) in flights {
            log::warn!("chat {chat}: a reply was still being sent at shutdown");
            flight.task.abort();
            if let Some(settle) = flight.on_done {
                settle(None).await;
            }
        }
        if !left.is_empty() {
            log::warn!("{} replies were not sent before shutdown", left.len());
        }
        for job in left {
            job.settle(None).await;
        }
    }
}

/// A reply's turn: the first attempt was paid for by the scheduler; retries and
/// the reply's further messages wait for the chat's limits and the budget.
struct ReplyPace<'a> {
    budget: &'a Budget,
    chat: i64,
    is_group: bool,
    prepaid: AtomicBool,
}

impl Pace for ReplyPace<'_> {
    async fn turn(&self) {
        if self.prepaid.swap(false, Ordering::Relaxed) {
            return;
        }
        self.budget
            .turn(Lane::Reply, self.chat, self.is_group)
            .await;
    }

    fn flooded(&self, until: Instant) {
        self.budget.flooded(self.chat, until);
    }
}

/// Sends one reply; the id of its first message when all of it left.
async fn deliver(
    bot: Bot,
    budget: Arc<Budget>,
    chat: i64,
    is_group: bool,
    job: Job,
) -> Option<i64> {
    let pace = ReplyPace {
        budget: &budget,
        chat,
        is_group,
        prepaid: AtomicBool::new(true),
    };
    let to = ChatId(chat);
    if let (Some(id), [only]) = (job.edit, job.reply.messages.as_slice()) {
        match send::edit_message(&bot, to, id, only, &pace).await {
            Ok(()) | Err(RequestError::Api(ApiError::MessageNotModified)) => {
                return Some(i64::from(id.0));
            }
            // An old message cannot be edited, for one: send instead.
            Err(e) => log::warn!("chat {chat}: editMessageText failed ({e}); sending instead"),
        }
    }
    let mut first = None;
    let what = format!("reply to {chat}");
    for out in &job.reply.messages {
        match send::send_message(&bot, &what, to, out, &pace).await {
            Ok(id) => first = first.or(Some(i64::from(id.0))),
            Err(e) => {
                match classify(&e) {
                    Failure::Gone => log::info!("{what}: the chat is gone ({e})"),
                    _ => log::warn!("{what} failed: {e}"),
                }
                return None;
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (picked, _) = q.next(&budget, IN_FLIGHT, t0);
        let chats: Vec<i64> = picked.iter().map(|(c, _, _)| *c).collect();
        assert_eq!(chats, [1, 2, 3], "one reply per chat, in turn");
        q.done(1);
        let (picked, wake) = q.next(&budget, IN_FLIGHT, t0 + Duration::from_millis(10));
        assert!(picked.is_empty(), "chat 1 waits for its own second");
        let wake = wake.expect("a time to look again");
        assert!(wake >= t0 + Duration::from_secs(1), "{:?}", wake - t0);
        // Meanwhile a new chat is served at once.
        q.push(4, false, job(Kind::Text, "reader"));
        let (picked, _) = q.next(&budget, IN_FLIGHT, t0 + Duration::from_millis(20));
        assert_eq!(picked.len(), 1);
        assert_eq!(picked[0].0, 4);
        let (picked, _) = q.next(&budget, IN_FLIGHT, wake);
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
        let (picked, wake) = q.next(&budget, IN_FLIGHT, t0);
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
