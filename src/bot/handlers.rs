//! The handler tree and its thin endpoints: read the update, decide who is
//! asking (the group guard lives here, once), call [`respond`], hand the reply
//! to the [`Outbox`]. Nothing here waits for a chat's sending limit.
//!
//! [`respond`]: crate::bot::app::respond

use crate::bot::app::{App, BotError, Caller, ChatKind, answer, settle_delivery};
use crate::bot::commands::{Command, Heard, Input, Place, hear, mentions};
use crate::bot::flood;
use crate::bot::metrics::Metrics;
use crate::bot::outbox::{Job, Kind, Outbox};
use crate::bot::send::{Pace, with_retry, with_retry_paced};
use crate::bot::view::render;
use crate::bot::view::reply::Outgoing;
use crate::bot::view::reply::Reply;
use crate::bot::view::texts::{Lang, lang_for_code};
use teloxide::dispatching::UpdateHandler;
use teloxide::payloads::AnswerInlineQuerySetters;
use teloxide::prelude::*;
use teloxide::types::{
    Chat, ChatKind as TgChatKind, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, Me, ParseMode, PublicChatKind, User,
};

/// How long Telegram may cache one reader's inline results.
const INLINE_CACHE_SECS: u32 = 30;

/// The handler tree, used by the binary and by the end-to-end tests.
#[must_use]
pub fn schema() -> UpdateHandler<BotError> {
    dptree::entry()
        .inspect(|app: App| app.metrics.update())
        .filter_async(flood::admit)
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_channel_post().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_callback))
        .branch(Update::filter_inline_query().endpoint(on_inline))
        .branch(Update::filter_my_chat_member().endpoint(on_my_chat_member))
}

async fn on_message(
    bot: Bot,
    msg: Message,
    me: Me,
    app: App,
    outbox: Outbox,
) -> Result<(), BotError> {
    let arrived = std::time::Instant::now();
    if let Some(to) = msg.migrate_to_chat_id() {
        return migrate(&app, msg.chat.id.0, to.0).await;
    }
    if let Some(from) = msg.migrate_from_chat_id() {
        return migrate(&app, from.0, msg.chat.id.0).await;
    }
    let Some(text) = msg.text() else {
        return Ok(());
    };
    let kind = chat_kind(&msg.chat);
    let input = match hear(text, me.username(), place(&msg, &me, text)) {
        Heard::Ignore => return Ok(()),
        Heard::Input(input) => input,
    };
    let manages = matches!(
        input,
        Input::Command(Command::Subscribe | Command::Unsubscribe | Command::Lang(_))
    );
    let caller = caller(&bot, &app, &msg, kind, manages).await?;
    let asked = Kind::of(&input);
    let reply = answer(&app, &caller, input).await;
    // Booked from the real send result, whenever the outbox has it: the reply's
    // latency, and a new subscriber's delivery (without a copy of the reply).
    let booking = reply.delivers.clone().map(|version| Reply {
        delivers: Some(version),
        ..Reply::default()
    });
    let done_app = app.clone();
    let chat = caller.chat_id;
    let job = Job::send(asked, reply).on_done(move |first| async move {
        if first.is_some() {
            done_app.metrics.replied(arrived.elapsed());
        }
        if let Some(booking) = booking {
            settle_delivery(&done_app, chat, &booking, first).await;
        }
    });
    outbox.send(caller.chat_id, kind.is_group(), job).await;
    Ok(())
}

async fn on_callback(bot: Bot, q: CallbackQuery, app: App, outbox: Outbox) -> Result<(), BotError> {
    // Answer first so the button stops spinning, whatever happens next.
    // Once, without waiting out flood control: a late answer is useless, the
    // query expires within seconds.
    let answered = bot.answer_callback_query(q.id.clone()).await;
    if let Err(e) = answered {
        log::warn!("answerCallbackQuery failed: {e}");
    }
    let (Some(data), Some(message)) = (q.data.clone(), q.message.as_ref()) else {
        return Ok(());
    };
    let chat = message.chat();
    let lang = language(&app, chat.id.0, &q.from).await;
    let caller = Caller {
        chat_id: chat.id.0,
        kind: chat_kind(chat),
        title: chat.title().map(str::to_string),
        user_id: i64::try_from(q.from.id.0).ok(),
        lang,
        may_manage: false,
    };
    let reply = answer(&app, &caller, Input::Button(data)).await;
    // The reply replaces the message whose button was pressed when it is one
    // message; an inaccessible (old) message cannot be edited: sent anew.
    let job = match message.regular_message() {
        Some(m) => Job::edit(Kind::Button, m.id, reply),
        None => Job::send(Kind::Button, reply),
    };
    outbox.send(chat.id.0, caller.kind.is_group(), job).await;
    Ok(())
}

async fn on_inline(bot: Bot, q: InlineQuery, me: Me, app: App) -> Result<(), BotError> {
    let lang = lang_for_code(q.from.language_code.as_deref());
    let doc = app.shelf.current();
    let archive = app.shelf.archive();
    let mut items = render::inline_results(&doc, &q.query, lang);
    items.extend(render::inline_archive(
        &archive,
        &doc.id,
        &q.query,
        lang,
        Some(me.username()),
    ));
    items.truncate(render::INLINE_MAX);
    let results: Vec<InlineQueryResult> = items
        .into_iter()
        .map(|item| {
            let content = InputMessageContent::Text(
                InputMessageContentText::new(item.html).parse_mode(ParseMode::Html),
            );
            let mut article = InlineQueryResultArticle::new(item.id, item.title, content)
                .description(item.description);
            let under = item.button.map(|b| Outgoing {
                html: String::new(),
                buttons: vec![vec![b]],
            });
            if let Some(markup) = under.as_ref().and_then(crate::bot::send::keyboard) {
                article = article.reply_markup(markup);
            }
            InlineQueryResult::Article(article)
        })
        .collect();
    // Results depend on the reader's language and the article version: don't let
    // Telegram serve one reader's cached answer to another, or an old article.
    with_retry_paced("answerInlineQuery", &Counted(&app.metrics), || {
        bot.answer_inline_query(q.id.clone(), results.clone())
            .is_personal(true)
            .cache_time(INLINE_CACHE_SECS)
            .into_future()
    })
    .await?;
    Ok(())
}

/// Sends at once, as [`with_retry`] does, and counts the 429s of a reply sent
/// outside the outbox (inline results).
struct Counted<'a>(&'a Metrics);

impl Pace for Counted<'_> {
    async fn turn(&self) {}

    fn flooded(&self, _until: std::time::Instant) {
        self.0.reply_flood_wait();
    }
}

/// The bot was removed, kicked or blocked: the chat's subscription goes.
async fn on_my_chat_member(upd: ChatMemberUpdated, app: App) -> Result<(), BotError> {
    let member = &upd.new_chat_member;
    if (member.is_left() || member.is_banned()) && app.store.unsubscribe(upd.chat.id.0).await? {
        log::info!("removed from chat {}: subscription deleted", upd.chat.id.0);
    }
    Ok(())
}

async fn migrate(app: &App, from: i64, to: i64) -> Result<(), BotError> {
    if app.store.migrate_chat(from, to).await? {
        log::info!("chat {from} became supergroup {to}: subscription moved");
        app.shelf.queued.notify_one();
    }
    Ok(())
}

async fn caller(
    bot: &Bot,
    app: &App,
    msg: &Message,
    kind: ChatKind,
    manages: bool,
) -> Result<Caller, BotError> {
    let user = msg.from.as_ref();
    let lang = match user {
        Some(u) => language(app, msg.chat.id.0, u).await,
        None => stored_language(app, msg.chat.id.0)
            .await
            .unwrap_or_default(),
    };
    let may_manage = kind == ChatKind::Private || (manages && is_admin(bot, msg).await);
    Ok(Caller {
        chat_id: msg.chat.id.0,
        kind,
        title: msg.chat.title().map(str::to_string),
        user_id: user.and_then(|u| i64::try_from(u.id.0).ok()),
        lang,
        may_manage,
    })
}

/// A group message addressed to the bot: it mentions the bot, or replies to one
/// of the bot's messages.
/// Where a message was said, as `hear` needs it: channels get answers to
/// commands only; groups also to text addressed to the bot.
pub(crate) fn place(msg: &Message, me: &Me, text: &str) -> Place {
    match chat_kind(&msg.chat) {
        ChatKind::Private => Place::Private,
        ChatKind::Channel => Place::Group { to_bot: false },
        ChatKind::Group | ChatKind::Supergroup => Place::Group {
            to_bot: addressed(msg, me, text),
        },
    }
}

fn addressed(msg: &Message, me: &Me, text: &str) -> bool {
    mentions(text, me.username())
        || msg
            .reply_to_message()
            .and_then(|r| r.from.as_ref())
            .is_some_and(|u| u.id == me.id)
}

/// The group guard: the creator or an administrator, or a message sent
/// anonymously on behalf of the group (only admins can do that).
async fn is_admin(bot: &Bot, msg: &Message) -> bool {
    if msg
        .sender_chat
        .as_ref()
        .is_some_and(|c| c.id == msg.chat.id)
    {
        return true;
    }
    let Some(user) = &msg.from else {
        return false;
    };
    // Unknown counts as "not an admin": the person gets the refusal, not silence.
    match with_retry("getChatMember", || {
        bot.get_chat_member(msg.chat.id, user.id).into_future()
    })
    .await
    {
        Ok(member) => member.is_privileged(),
        Err(e) => {
            log::warn!("chat {}: getChatMember failed: {e}", msg.chat.id);
            false
        }
    }
}

pub(crate) async fn language(app: &App, chat_id: i64, user: &User) -> Lang {
    stored_language(app, chat_id)
        .await
        .unwrap_or_else(|| lang_for_code(user.language_code.as_deref()))
}

pub(crate) async fn stored_language(app: &App, chat_id: i64) -> Option<Lang> {
    match app.language(chat_id).await {
        Ok(l) => l,
        Err(e) => {
            log::warn!("chat {chat_id}: cannot read language: {e}");
            None
        }
    }
}

fn chat_kind(chat: &Chat) -> ChatKind {
    match &chat.kind {
        TgChatKind::Private(_) => ChatKind::Private,
        TgChatKind::Public(p) => match p.kind {
            PublicChatKind::Group => ChatKind::Group,
            PublicChatKind::Supergroup(_) => ChatKind::Supergroup,
            PublicChatKind::Channel(_) => ChatKind::Channel,
        },
    }
}
