//! Replies leave through the outbox, never from the handler that made them: one
//! short queue per chat (`queue`), served round-robin within the shared
//! [`Budget`], each reply sent on a task of its own, so a chat waiting out its
//! own limit (its pace, a 429) delays no other chat. A newer reply to the same
//! kind of request replaces an older unsent one, so a flood of one command
//! yields one answer.
//!
//! A reply that may leave at once starts from the handler's hand-off, and each
//! reply's task starts its chat's next one; the outbox's own task ([`Runner`])
//! starts those that had to wait, and settles what is left at shutdown.

mod queue;

pub use queue::{Job, Kind};

use crate::bot::budget::{Budget, Lane};
use crate::bot::metrics::Metrics;
use crate::bot::send::{self, Failure, Pace, classify};
use queue::{Flight, Queues, Settle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};
use tokio::sync::{Notify, mpsc, watch};

/// Unsent replies one chat may have waiting; the oldest gives way beyond that.
pub const PENDING_PER_CHAT: usize = 3;
/// Replies being sent at once (each to a different chat).
pub const REPLIES_IN_FLIGHT: usize = 32;
/// How long replies still queued at shutdown may take to leave.
pub const DRAIN: Duration = Duration::from_secs(5);

/// What the handlers, the replies' tasks and the outbox's own task share.
struct Shared {
    queues: Mutex<Queues>,
    /// Tells the outbox's task to look at the queues again.
    wake: Notify,
    bot: Bot,
    budget: Arc<Budget>,
    /// Where a 429 to a reply is counted.
    metrics: Arc<Metrics>,
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
        let room = REPLIES_IN_FLIGHT.saturating_sub(queues.flights.len());
        let (picked, wake) = queues.next(&self.budget, room, now);
        for (chat, is_group, mut job) in picked {
            let on_done = job.on_done.take();
            let landing = Landing {
                shared: self.clone(),
                chat,
                landed: false,
            };
            let task = tokio::spawn(async move {
                let mut landing = landing;
                let first = send_job(&landing.shared, chat, is_group, job).await;
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
    /// An outbox sending with `bot` within `budget`, counting Telegram's 429s
    /// in `metrics`, and its task.
    #[must_use]
    pub fn new(bot: Bot, budget: Arc<Budget>, metrics: Arc<Metrics>) -> (Self, Runner) {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            queues: Mutex::new(Queues::default()),
            wake: Notify::new(),
            bot,
            budget,
            metrics,
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
    metrics: &'a Metrics,
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
        self.metrics.reply_flood_wait();
        self.budget.flooded(self.chat, until);
    }
}

/// Sends one reply; the id of its first message when all of it left.
async fn send_job(shared: &Shared, chat: i64, is_group: bool, job: Job) -> Option<i64> {
    let bot = &shared.bot;
    let pace = ReplyPace {
        budget: &shared.budget,
        metrics: &shared.metrics,
        chat,
        is_group,
        prepaid: AtomicBool::new(true),
    };
    let to = ChatId(chat);
    if let (Some(id), [only]) = (job.edit, job.reply.messages.as_slice()) {
        match send::edit_message(bot, to, id, only, &pace).await {
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
        match send::send_message(bot, &what, to, out, &pace).await {
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
