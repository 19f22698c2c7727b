//! The broadcast: each new article version goes to every subscriber once,
//! paced by [`Pacer`], surviving restarts (progress lives in the store). It runs
//! on its own task and pace and draws on the [`Budget`] it shares with replies,
//! which come first but never take the broadcast's reserved share.
//!
//! A row is marked `sending` before its request and `sent` after, so a crash
//! can only duplicate the messages in flight at that moment.

use crate::bot::app::App;
use crate::bot::budget::Budget;
use crate::bot::limits::Pacer;
use crate::bot::send::{Failure, Pace, classify, send_message};
use crate::bot::view::render;
use crate::bot::view::reply::{Outgoing, Reply};
use crate::bot::view::texts::Lang;
use crate::content::Version;
use crate::store::Due;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use teloxide::prelude::*;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// Requests in flight at once: enough to reach the rate over a slow network,
/// few enough that a crash duplicates little.
pub const DELIVERIES_IN_FLIGHT: usize = 8;
/// The same for paid broadcasts: a thousand a second over a 60 ms round trip.
pub const PAID_DELIVERIES_IN_FLIGHT: usize = 64;
/// How long a claimed row stays this replica's: a replica that dies leaves its
/// rows to the next leader after at most this long.
const LEASE: Duration = Duration::from_secs(8);
/// Telegram's window for the overall rate (before `NASHRA_RATE_SCALE`), with a
/// little to spare.
const RATE_WINDOW: Duration = Duration::from_millis(1010);
/// How often to look for due deliveries, or for the broadcast's lead, when
/// nothing wakes the loop.
const IDLE_POLL: Duration = Duration::from_secs(2);

/// This replica's name on the rows it claims: host, process and start time.
#[must_use]
pub fn replica_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{}-{}-{started}", host.trim(), std::process::id())
}

/// Delivers until `shutdown` turns true. With several replicas on one database,
/// only the one holding the broadcast's lead sends (so the bot as a whole stays
/// within Telegram's limits); it claims rows in batches it can send well within
/// their lease, so a replica that dies mid-broadcast is taken over within
/// seconds, and only the requests in flight at that moment can arrive twice.
pub async fn run(bot: Bot, app: App, budget: Arc<Budget>, mut shutdown: watch::Receiver<bool>) {
    let scale = budget.scale();
    let rate = scale * budget.broadcast_per_sec();
    let (in_flight, most) = if budget.paid_broadcast() {
        (PAID_DELIVERIES_IN_FLIGHT, 2000.0)
    } else {
        (DELIVERIES_IN_FLIGHT, 500.0)
    };
    let pacer = Arc::new(Pacer::new(budget));
    let owner = replica_name();
    // Half a lease's worth of messages at the full rate.
    let batch = (rate * LEASE.as_secs_f64() / 2.0).clamp(in_flight as f64, most) as i64;
    let mut leading = false;
    loop {
        if *shutdown.borrow() {
            break;
        }
        match app.store.try_lead(&owner).await {
            Ok(lead) => {
                app.metrics.set_leader(lead);
                if lead != leading {
                    log::info!(
                        "delivery: {} the broadcast",
                        if lead { "leading" } else { "no longer leading" }
                    );
                }
                let took_over = lead && !leading;
                leading = lead;
                if took_over {
                    // The last leader's messages of the past second still count
                    // at Telegram: a new leader sending at once could double the
                    // rate for that second.
                    tokio::select! {
                        () = tokio::time::sleep(RATE_WINDOW.div_f64(scale)) => {}
                        _ = shutdown.changed() => {}
                    }
                }
            }
            Err(e) => {
                log::error!("delivery: cannot ask for the broadcast's lead: {e}");
                app.metrics.set_leader(false);
                leading = false;
            }
        }
        if !leading {
            tokio::select! {
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
            continue;
        }
        let doc = app.shelf.current();
        let due = match app.store.claim_due(&doc.key, &owner, LEASE, batch).await {
            Ok(due) => due,
            Err(e) => {
                log::error!("delivery: cannot read due deliveries: {e}");
                Vec::new()
            }
        };
        if due.is_empty() {
            tokio::select! {
                () = app.shelf.queued.notified() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
            continue;
        }
        log::info!("delivering version {} to {} chats", doc.key, due.len());
        // One announcement per language for this version, shared by every chat.
        let mut announcements: HashMap<Lang, Arc<Reply>> = HashMap::new();
        let mut tasks = JoinSet::new();
        let mut sent = 0usize;
        for d in due {
            if *shutdown.borrow() {
                break;
            }
            while tasks.len() >= in_flight {
                sent += usize::from(matches!(tasks.join_next().await, Some(Ok(true))));
            }
            let reply = announcements
                .entry(d.lang)
                .or_insert_with(|| Arc::new(render::announcement(&doc, d.lang)))
                .clone();
            let (bot, app, doc, pacer) = (bot.clone(), app.clone(), doc.clone(), pacer.clone());
            tasks.spawn(async move { deliver_one(&bot, &app, &doc, &reply, &pacer, &d).await });
        }
        while let Some(done) = tasks.join_next().await {
            sent += usize::from(matches!(done, Ok(true)));
        }
        pacer.forget_idle(Instant::now());
        if sent == 0 {
            // Nothing got through (Telegram or the network is down, or the store
            // cannot write): wait before the rows come round again.
            tokio::select! {
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
    // A graceful stop hands the rest to the next leader at once.
    match app.store.release_leases(&owner).await {
        Ok(0) => {}
        Ok(n) => log::info!("delivery: {n} claimed rows handed back"),
        Err(e) => log::warn!("delivery: cannot hand back claimed rows: {e}"),
    }
    app.store.release_lead().await;
}

/// How one delivery ended.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Sent(Option<i64>),
    /// The chat is gone, or got this version another way: nothing to record.
    Gone,
    /// Worth another try later (network, 5xx).
    Retry(String),
    Failed(String),
}

/// Attempts (across rounds and restarts) before a delivery is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// Delivers one version to one chat; true when it was sent.
async fn deliver_one(
    bot: &Bot,
    app: &App,
    doc: &Version,
    reply: &Reply,
    pacer: &Pacer,
    due: &Due,
) -> bool {
    let (chat, attempts) = (due.chat_id, due.attempts);
    let store = &app.store;
    let version = &doc.key;
    match store.mark_sending(chat, version).await {
        Ok(true) => {}
        // Unsubscribed, or already delivered, while it waited its turn.
        Ok(false) => {
            log::debug!("delivery to {chat}: no longer due");
            return false;
        }
        Err(e) => {
            log::error!("delivery to {chat}: {e}");
            return false;
        }
    }
    let mut target = chat;
    let mut is_group = due.kind.is_group();
    let mut first_id = None;
    let mut outcome = Outcome::Sent(None);
    for out in &reply.messages {
        match send_paced(bot, app, pacer, (&mut target, &mut is_group), version, out).await {
            Outcome::Sent(id) => first_id = first_id.or(id),
            other => {
                outcome = other;
                break;
            }
        }
    }
    if outcome == Outcome::Sent(None) {
        outcome = Outcome::Sent(first_id);
    }
    let sent = matches!(outcome, Outcome::Sent(_));
    if !matches!(outcome, Outcome::Gone) {
        app.metrics.delivered(sent);
    }
    let result = match outcome {
        Outcome::Sent(id) => store.mark_sent(target, version, id).await.map(drop),
        Outcome::Gone => Ok(()),
        Outcome::Retry(e) if attempts + 1 < MAX_ATTEMPTS => {
            log::warn!("delivery of {version} to {target} will be retried: {e}");
            store.mark_retry(target, version, &e).await.map(drop)
        }
        Outcome::Retry(e) | Outcome::Failed(e) => {
            log::warn!("delivery of {version} to {target} failed: {e}");
            store.mark_failed(target, version, &e).await.map(drop)
        }
    };
    if let Err(e) = result {
        log::error!("delivery to {target}: cannot record the outcome: {e}");
    }
    sent
}

/// One chat's turn under the shared [`Pacer`].
struct ChatPace<'a> {
    pacer: &'a Pacer,
    metrics: &'a crate::bot::metrics::Metrics,
    chat: i64,
    is_group: bool,
}

impl Pace for ChatPace<'_> {
    async fn turn(&self) {
        self.pacer.turn(self.chat, self.is_group).await;
    }

    fn flooded(&self, until: Instant) {
        self.metrics.delivery_flood_wait();
        self.pacer.flooded(self.chat, until);
    }

    fn paid_broadcast(&self) -> bool {
        self.pacer.paid()
    }
}

/// Sends one message through the shared retry loop, paced, and settles what the
/// loop hands back: a migrated group is followed to its supergroup, a chat that
/// is gone loses its subscription, a transient failure is tried in a later round.
async fn send_paced(
    bot: &Bot,
    app: &App,
    pacer: &Pacer,
    (chat, is_group): (&mut i64, &mut bool),
    version: &str,
    out: &Outgoing,
) -> Outcome {
    loop {
        let pace = ChatPace {
            pacer,
            metrics: &app.metrics,
            chat: *chat,
            is_group: *is_group,
        };
        let what = format!("delivery to {chat}");
        let e = match send_message(bot, &what, ChatId(*chat), out, &pace).await {
            Ok(id) => return Outcome::Sent(Some(i64::from(id.0))),
            Err(e) => e,
        };
        match classify(&e) {
            Failure::Migrated(new) => {
                log::info!("chat {chat} migrated to {new}: moving its subscription");
                if let Err(e) = app.store.migrate_chat(*chat, new).await {
                    return Outcome::Failed(format!("cannot move subscription to {new}: {e}"));
                }
                *chat = new;
                // A migrated group is a supergroup: paced as a group.
                *is_group = true;
                match app.store.mark_sending(*chat, version).await {
                    Ok(true) => {}
                    // The supergroup already has this version.
                    Ok(false) => return Outcome::Gone,
                    Err(e) => return Outcome::Failed(e.to_string()),
                }
            }
            Failure::Gone => {
                log::info!("chat {chat} is gone ({e}): subscription removed");
                if let Err(e) = app.store.unsubscribe(*chat).await {
                    log::error!("cannot remove subscription of {chat}: {e}");
                }
                return Outcome::Gone;
            }
            Failure::Transient => return Outcome::Retry(e.to_string()),
            Failure::Flood(_) => return Outcome::Retry("flood control persisted".into()),
            Failure::Permanent => return Outcome::Failed(e.to_string()),
        }
    }
}
