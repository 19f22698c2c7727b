//! Sending replies to Telegram without losing them: a 429 is waited out
//! (`retry_after`) and the same request sent again; a dropped connection or a
//! 5xx is retried with backoff and jitter a bounded number of times.

use crate::bot::view::reply::{Action, Outgoing, Reply};
use std::future::Future;
use std::time::Duration;
use teloxide::RequestError;
use teloxide::payloads::SendMessageSetters;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode};

/// Attempts for transient failures (network, 5xx) before giving up.
pub const TRANSIENT_ATTEMPTS: u32 = 5;
/// Flood waits obeyed for one request before giving up.
pub const FLOOD_WAITS: u32 = 10;
const BASE_BACKOFF: Duration = Duration::from_millis(300);

/// A failure worth retrying: the request may well succeed a moment later.
#[must_use]
pub fn is_transient(e: &RequestError) -> bool {
    match e {
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => true,
        RequestError::Api(teloxide::ApiError::Unknown(s)) => {
            let s = s.to_ascii_lowercase();
            [
                "bad gateway",
                "internal server error",
                "service unavailable",
                "gateway timeout",
                "timed out",
            ]
            .iter()
            .any(|k| s.contains(k))
        }
        _ => false,
    }
}

/// Backoff for the `attempt`-th retry (1-based): doubling, with up to 50% jitter.
#[must_use]
pub fn backoff(attempt: u32) -> Duration {
    let base = BASE_BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1).min(6));
    let jitter = jitter_fraction() * 0.5;
    base.mul_f64(1.0 + jitter)
}

// No `rand` dependency for one number: the clock's nanoseconds are jitter enough.
fn jitter_fraction() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    f64::from(nanos % 1000) / 1000.0
}

/// Runs a request until it succeeds, obeying flood control and retrying
/// transient failures; other errors return at once.
pub async fn with_retry<T, F, Fut>(what: &str, mut request: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let (mut transient, mut floods) = (0, 0);
    loop {
        match request().await {
            Ok(v) => return Ok(v),
            Err(RequestError::RetryAfter(secs)) if floods < FLOOD_WAITS => {
                floods += 1;
                log::warn!("{what}: flood control, waiting {}s", secs.seconds());
                tokio::time::sleep(secs.duration()).await;
            }
            Err(e) if is_transient(&e) && transient + 1 < TRANSIENT_ATTEMPTS => {
                transient += 1;
                let wait = backoff(transient);
                log::warn!("{what}: {e}; retry {transient} in {wait:?}");
                tokio::time::sleep(wait).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The inline keyboard of one message, if it has buttons.
#[must_use]
pub fn keyboard(out: &Outgoing) -> Option<InlineKeyboardMarkup> {
    if out.buttons.is_empty() {
        return None;
    }
    let rows = out.buttons.iter().map(|row| {
        row.iter()
            .filter_map(|b| match &b.action {
                Action::Callback(data) => Some(InlineKeyboardButton::callback(
                    b.label.clone(),
                    data.clone(),
                )),
                Action::Url(u) => url::Url::parse(u)
                    .ok()
                    .map(|u| InlineKeyboardButton::url(b.label.clone(), u)),
                Action::SwitchInline(q) => Some(InlineKeyboardButton::switch_inline_query(
                    b.label.clone(),
                    q.clone(),
                )),
            })
            .collect::<Vec<_>>()
    });
    Some(InlineKeyboardMarkup::new(rows))
}

/// Sends one message (HTML, with its buttons), retrying as above.
pub async fn send_one(bot: &Bot, chat: ChatId, out: &Outgoing) -> Result<MessageId, RequestError> {
    with_retry("sendMessage", || {
        let mut req = bot
            .send_message(chat, out.html.clone())
            .parse_mode(ParseMode::Html);
        if let Some(kb) = keyboard(out) {
            req = req.reply_markup(kb);
        }
        async move { req.await.map(|m| m.id) }
    })
    .await
}

/// Sends every message of a reply in order.
pub async fn send_reply(
    bot: &Bot,
    chat: ChatId,
    reply: &Reply,
) -> Result<Vec<MessageId>, RequestError> {
    let mut ids = Vec::with_capacity(reply.messages.len());
    for out in &reply.messages {
        ids.push(send_one(bot, chat, out).await?);
    }
    Ok(ids)
}
