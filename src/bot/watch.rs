//! Watching the content folder: a new or edited article file becomes a new
//! version; a file that fails to parse is logged and reported to the owners,
//! and the old article stays.

use crate::bot::app::App;
use crate::bot::send::send_reply;
use crate::bot::view::reply::Reply;
use crate::bot::view::texts::texts;
use crate::content::listing;
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
pub async fn run(bot: Bot, app: App, reload_now: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
    let mut reported: Vec<String> = Vec::new();
    loop {
        let forced = tokio::select! {
            () = tokio::time::sleep(INTERVAL) => false,
            () = reload_now.notified() => true,
            _ = shutdown.changed() => return,
        };
        if !forced && !app.shelf.changed().await {
            continue;
        }
        settle(&app).await;
        let failures = match app.shelf.reload().await {
            Ok(r) => r.failures,
            Err(e) => vec![format!("{e}; the current article stays")],
        };
        for f in &failures {
            log::error!("article not loaded: {f}");
        }
        // Tell the owners once per distinct failure, not on every check.
        for f in failures.iter().filter(|f| !reported.contains(f)) {
            notify_owners(&bot, &app, f).await;
        }
        reported = failures;
    }
}

/// Waits until the folder stops changing, so a file still being copied in is
/// not parsed half-written.
async fn settle(app: &App) {
    let mut last = listing(app.shelf.dir()).await;
    for _ in 0..20 {
        tokio::time::sleep(SETTLE).await;
        let now = listing(app.shelf.dir()).await;
        if now == last {
            return;
        }
        last = now;
    }
}

async fn notify_owners(bot: &Bot, app: &App, failure: &str) {
    for &owner in app.owners.iter() {
        let lang = app
            .store
            .language(owner)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let reply = Reply::text(format!(
            "{} {}",
            texts(lang).content_failed,
            escape(failure)
        ));
        if let Err(e) = send_reply(bot, ChatId(owner), &reply).await {
            log::warn!("cannot report a content failure to owner {owner}: {e}");
        }
    }
}
