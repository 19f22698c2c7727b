//! Watching the content folder: a new or edited article file becomes a new
//! version; a file that fails to parse is logged and reported to the owners,
//! and the old article stays.

use super::app::App;
use super::reply::Reply;
use super::send::send_reply;
use super::shelf::fingerprint;
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::utils::html::escape;
use tokio::sync::{Notify, watch};

/// How often the folder is checked (cheaply: names, sizes, modification times).
pub const INTERVAL: Duration = Duration::from_secs(1);
/// How long the folder must stay unchanged before it is read.
const SETTLE: Duration = Duration::from_millis(250);

/// Reloads on folder changes and whenever `reload_now` is notified (SIGHUP).
pub async fn run(
    bot: Option<Bot>,
    app: App,
    reload_now: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut reported: Vec<String> = Vec::new();
    loop {
        let forced = tokio::select! {
            () = tokio::time::sleep(INTERVAL) => false,
            () = reload_now.notified() => true,
            _ = shutdown.changed() => return,
        };
        if !forced && !app.shelf.changed() {
            continue;
        }
        settle(&app).await;
        match app.shelf.reload().await {
            Ok(r) => {
                for f in &r.failures {
                    log::error!("article not loaded: {f}");
                }
                // Tell the owners once per distinct failure, not on every check.
                let new: Vec<String> = r
                    .failures
                    .iter()
                    .filter(|f| !reported.contains(f))
                    .cloned()
                    .collect();
                if let Some(bot) = &bot {
                    for f in &new {
                        notify_owners(bot, &app, f).await;
                    }
                }
                reported = r.failures;
            }
            Err(e) => log::error!("reload failed, keeping the current article: {e}"),
        }
    }
}

/// Waits until the folder stops changing, so a file still being copied in is
/// not parsed half-written.
async fn settle(app: &App) {
    let mut last = fingerprint(app.shelf.dir());
    for _ in 0..20 {
        tokio::time::sleep(SETTLE).await;
        let now = fingerprint(app.shelf.dir());
        if now == last {
            return;
        }
        last = now;
    }
}

async fn notify_owners(bot: &Bot, app: &App, failure: &str) {
    let reply = Reply::text(format!("⚠️ {}", escape(failure)));
    for &owner in app.owners.iter() {
        if let Err(e) = send_reply(bot, ChatId(owner), &reply).await {
            log::warn!("cannot report a content failure to owner {owner}: {e}");
        }
    }
}
