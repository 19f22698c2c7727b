//! Sending to Telegram without losing anything, for replies and deliveries alike:
//! one classifier of Telegram's answers ([`classify`]) and one retry loop
//! ([`with_retry_paced`]). A 429 is waited out (`retry_after`) and the same request
//! sent again; a dropped connection or a 5xx is retried with backoff and jitter a
//! bounded number of times; anything else goes back to the caller at once.

use crate::bot::view::reply::{Action, Outgoing, Reply};
use std::future::Future;
use std::time::{Duration, Instant};
use teloxide::payloads::{EditMessageTextSetters, SendMessageSetters};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode};
use teloxide::{ApiError, RequestError};

/// Attempts for transient failures (network, 5xx) before giving up.
pub const TRANSIENT_ATTEMPTS: u32 = 5;
/// Flood waits obeyed for one request before giving up.
pub const FLOOD_WAITS: u32 = 10;
const BASE_BACKOFF: Duration = Duration::from_millis(300);

/// What a failed request means for whoever sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Flood control: wait this long, then the same request may succeed.
    Flood(Duration),
    /// The group became this supergroup: send there instead.
    Migrated(i64),
    /// The bot can no longer write to this chat (blocked, kicked, gone).
    Gone,
    /// The network or Telegram failed for now: worth another try later.
    Transient,
    /// The request itself is wrong, or the answer says so: do not repeat it.
    Permanent,
}

/// The one reading of a Telegram error, shared by replies and deliveries.
#[must_use]
pub fn classify(e: &RequestError) -> Failure {
    match e {
        RequestError::RetryAfter(secs) => Failure::Flood(secs.duration()),
        RequestError::MigrateToChatId(to) => Failure::Migrated(to.0),
        RequestError::Api(api) if is_gone(api) => Failure::Gone,
        e if is_transient(e) => Failure::Transient,
        _ => Failure::Permanent,
    }
}

/// The bot can no longer write to this chat.
fn is_gone(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::BotBlocked
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::UserDeactivated
            | ApiError::ChatNotFound
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots
    ) || matches!(e, ApiError::Unknown(s) if s.starts_with("Forbidden"))
}

/// A failure worth retrying: the request may well succeed a moment later.
fn is_transient(e: &RequestError) -> bool {
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

/// What the retry loop asks of a sender that paces itself (the outbox, the
/// broadcast): wait for its turn before each attempt, and hear of flood waits.
pub trait Pace {
    /// Returns when the next attempt may leave.
    fn turn(&self) -> impl Future<Output = ()> + Send;
    /// Telegram asked for a pause until `until`.
    fn flooded(&self, until: Instant);
    /// Messages sent at this pace carry `allow_paid_broadcast` (the broadcast,
    /// when the operator pays for Telegram's higher rate).
    fn paid_broadcast(&self) -> bool {
        false
    }
}

/// Sends at once; flood waits are obeyed by the loop itself (the owners' notes,
/// start-up calls).
pub struct Unpaced;

impl Pace for Unpaced {
    async fn turn(&self) {}
    fn flooded(&self, _until: Instant) {}
}

/// Runs a request until it succeeds, obeying flood control and retrying
/// transient failures; other errors return at once.
pub async fn with_retry<T, F, Fut>(what: &str, request: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    with_retry_paced(what, &Unpaced, request).await
}

/// The one retry loop: each attempt waits for `pace`'s turn; a flood wait is
/// obeyed (and told to `pace`) up to [`FLOOD_WAITS`] times, a transient failure
/// retried with backoff up to [`TRANSIENT_ATTEMPTS`] attempts; every other error,
/// and the last of those, returns to the caller to [`classify`].
pub async fn with_retry_paced<T, F, Fut>(
    what: &str,
    pace: &impl Pace,
    mut request: F,
) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let (mut transient, mut floods) = (0, 0);
    loop {
        pace.turn().await;
        let e = match request().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        match classify(&e) {
            Failure::Flood(wait) if floods < FLOOD_WAITS => {
                floods += 1;
                log::warn!("{what}: flood control, waiting {}s", wait.as_secs());
                pace.flooded(Instant::now() + wait);
                tokio::time::sleep(wait).await;
            }
            Failure::Transient if transient + 1 < TRANSIENT_ATTEMPTS => {
                transient += 1;
                let wait = backoff(transient);
                log::warn!("{what}: {e}; retry {transient} in {wait:?}");
                tokio::time::sleep(wait).await;
            }
            _ => return Err(e),
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
                // Telegram refuses a message whose button has no valid URL, so
                // the button goes, and the log says which and why.
                Action::Url(u) => match url::Url::parse(u) {
                    Ok(u) => Some(InlineKeyboardButton::url(b.label.clone(), u)),
                    Err(e) => {
                        log::warn!(
                            "button {:?} left out: its link {u:?} is no URL ({e})",
                            b.label
                        );
                        None
                    }
                },
                Action::SwitchInline(q) => Some(InlineKeyboardButton::switch_inline_query(
                    b.label.clone(),
                    q.clone(),
                )),
            })
            .collect::<Vec<_>>()
    });
    Some(InlineKeyboardMarkup::new(rows))
}

/// Sends one message (HTML, with its buttons) through the retry loop, each
/// attempt waiting for `pace`.
pub async fn send_message(
    bot: &Bot,
    what: &str,
    chat: ChatId,
    out: &Outgoing,
    pace: &impl Pace,
) -> Result<MessageId, RequestError> {
    let paid = pace.paid_broadcast();
    with_retry_paced(what, pace, || {
        let mut req = bot
            .send_message(chat, out.html.clone())
            .parse_mode(ParseMode::Html);
        if paid {
            req = req.allow_paid_broadcast(true);
        }
        if let Some(kb) = keyboard(out) {
            req = req.reply_markup(kb);
        }
        async move { req.await.map(|m| m.id) }
    })
    .await
}

/// Replaces the text and buttons of one of the bot's messages, paced likewise.
pub async fn edit_message(
    bot: &Bot,
    chat: ChatId,
    id: MessageId,
    out: &Outgoing,
    pace: &impl Pace,
) -> Result<(), RequestError> {
    with_retry_paced("editMessageText", pace, || {
        let mut req = bot
            .edit_message_text(chat, id, out.html.clone())
            .parse_mode(ParseMode::Html);
        if let Some(kb) = keyboard(out) {
            req = req.reply_markup(kb);
        }
        async move { req.await.map(drop) }
    })
    .await
}

/// Sends one message at once (no pace but flood waits), retrying as above.
pub async fn send_one(bot: &Bot, chat: ChatId, out: &Outgoing) -> Result<MessageId, RequestError> {
    send_message(bot, "sendMessage", chat, out, &Unpaced).await
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

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::{ChatId, Seconds};

    #[test]
    fn one_reading_of_telegram_errors() {
        let flood = RequestError::RetryAfter(Seconds::from_seconds(2));
        assert_eq!(classify(&flood), Failure::Flood(Duration::from_secs(2)));
        let moved = RequestError::MigrateToChatId(ChatId(-10_042));
        assert_eq!(classify(&moved), Failure::Migrated(-10_042));
        let blocked = RequestError::Api(ApiError::BotBlocked);
        assert_eq!(classify(&blocked), Failure::Gone);
        let forbidden = RequestError::Api(ApiError::Unknown(
            "Forbidden: bot was kicked from the group chat".into(),
        ));
        assert_eq!(classify(&forbidden), Failure::Gone);
        let gateway = RequestError::Api(ApiError::Unknown("Bad Gateway".into()));
        assert_eq!(classify(&gateway), Failure::Transient);
        let bad = RequestError::Api(ApiError::MessageTextIsEmpty);
        assert_eq!(classify(&bad), Failure::Permanent);
    }

    #[tokio::test]
    async fn the_loop_waits_out_floods_and_gives_up_on_the_rest() {
        let mut calls = 0;
        let ok = with_retry("test", || {
            calls += 1;
            let n = calls;
            async move {
                match n {
                    1 => Err(RequestError::RetryAfter(Seconds::from_seconds(1))),
                    2 => Err(RequestError::Api(ApiError::Unknown("Bad Gateway".into()))),
                    _ => Ok(n),
                }
            }
        })
        .await;
        assert_eq!(ok.unwrap(), 3);
        let mut calls = 0;
        let gone = with_retry("test", || {
            calls += 1;
            async { Err::<(), _>(RequestError::Api(ApiError::BotBlocked)) }
        })
        .await;
        assert!(gone.is_err());
        assert_eq!(calls, 1, "a chat that is gone is not asked again");
    }
}
