//! The one function that turns an input into a reply, shared by the Telegram
//! handlers and the offline console, and the state it needs.

use crate::article::{DEFAULT_SUMMARY_SENTENCES, ParseOptions};
use crate::bot::commands::{Command, Input, commands_text};
use crate::bot::metrics::Metrics;
use crate::bot::view::callback::{self, Callback};
use crate::bot::view::render::{self, SUMMARY_MAX};
use crate::bot::view::reply::Reply;
use crate::bot::view::texts::Lang;
use crate::bot::view::texts::texts;
use crate::content::{Shelf, ShelfError};
pub use crate::store::ChatKind;
use crate::store::{NewSubscription, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Everything a reply may need; cheap to clone.
#[derive(Clone)]
pub struct App {
    pub shelf: Arc<Shelf>,
    pub store: Store,
    pub owners: Arc<[i64]>,
    pub metrics: Arc<Metrics>,
    /// Chats' languages as last read or set here: a reply does not wait for the
    /// database. Entries expire, so a change made on another replica shows
    /// within [`LANGUAGE_TTL`].
    languages: Arc<Mutex<LanguageCache>>,
}

/// A chat's language (none chosen yet) and when it was read.
type LanguageCache = HashMap<i64, (Option<Lang>, Instant)>;

/// How long a chat's language is taken from memory before it is read again.
pub const LANGUAGE_TTL: Duration = Duration::from_secs(60);
/// Past this many chats, the language cache starts afresh (it is only a cache).
const LANGUAGES_KEPT: usize = 100_000;

impl App {
    /// Loads the content folder over a store, with the default parse options.
    pub async fn open(
        content_dir: std::path::PathBuf,
        store: Store,
        owners: &[i64],
    ) -> Result<Self, ShelfError> {
        Self::open_with(content_dir, store, owners, ParseOptions::default()).await
    }

    /// Loads the content folder over a store.
    pub async fn open_with(
        content_dir: std::path::PathBuf,
        store: Store,
        owners: &[i64],
        options: ParseOptions,
    ) -> Result<Self, ShelfError> {
        let shelf = Shelf::open(content_dir, options, store.clone()).await?;
        Ok(Self {
            shelf: Arc::new(shelf),
            store,
            owners: owners.into(),
            metrics: Arc::default(),
            languages: Arc::default(),
        })
    }

    /// The chat's chosen language, from memory when it was read lately.
    pub async fn language(&self, chat_id: i64) -> Result<Option<Lang>, StoreError> {
        let cached = self
            .languages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&chat_id)
            .filter(|(_, at)| at.elapsed() < LANGUAGE_TTL)
            .map(|(lang, _)| *lang);
        if let Some(lang) = cached {
            return Ok(lang);
        }
        let lang = self.store.language(chat_id).await?;
        self.remember_language(chat_id, lang);
        Ok(lang)
    }

    /// Sets the chat's language in the store and in memory.
    pub async fn set_language(&self, chat_id: i64, lang: Lang) -> Result<(), StoreError> {
        self.store.set_language(chat_id, lang).await?;
        self.remember_language(chat_id, Some(lang));
        Ok(())
    }

    fn remember_language(&self, chat_id: i64, lang: Option<Lang>) {
        let mut cache = self
            .languages
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= LANGUAGES_KEPT {
            cache.clear();
        }
        cache.insert(chat_id, (lang, Instant::now()));
    }
}

/// Books a reply that delivered a version (a new subscriber's summary): sent,
/// it is that chat's delivery; not sent, the chat goes back in the queue.
pub async fn settle_delivery(app: &App, chat_id: i64, reply: &Reply, first_message: Option<i64>) {
    let Some(version) = &reply.delivers else {
        return;
    };
    let booked = match first_message {
        Some(id) => app.store.record_sent(chat_id, version, Some(id)).await,
        None => app.store.enqueue_for(chat_id, version).await.map(|queued| {
            if queued {
                app.shelf.queued.notify_one();
            }
        }),
    };
    if let Err(e) = booked {
        log::error!("chat {chat_id}: cannot book the delivery of {version}: {e}");
    }
}

/// Who is asking, and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub chat_id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub user_id: Option<i64>,
    pub lang: Lang,
    /// May change this chat's subscription and language: anyone in a private
    /// chat; in a group its creator and administrators (the handler's guard).
    pub may_manage: bool,
}

/// What can go wrong while answering; the handler logs it and sends `texts.error`.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("content: {0}")]
    Shelf(#[from] ShelfError),
    #[error("telegram: {0}")]
    Telegram(#[from] teloxide::RequestError),
}

/// Answers one input for Telegram or the console: the one place where an error
/// becomes the reader's apology, with its cause logged.
pub async fn answer(app: &App, caller: &Caller, input: Input) -> Reply {
    match respond(app, caller, input).await {
        Ok(reply) => reply,
        Err(e) => {
            log::error!("chat {}: {e}", caller.chat_id);
            Reply::text(texts(caller.lang).error)
        }
    }
}

/// Answers one input.
pub async fn respond(app: &App, caller: &Caller, input: Input) -> Result<Reply, BotError> {
    let doc = app.shelf.current();
    let lang = caller.lang;
    let t = texts(lang);
    Ok(match input {
        Input::Command(cmd) => match cmd {
            Command::Start(payload) => match start_view(&payload) {
                Some(cb) => render::view(&doc, cb, lang),
                None => render::welcome(&doc, lang, &commands_text(lang)),
            },
            Command::Help => render::help(lang, &commands_text(lang)),
            Command::Summary(arg) => match summary_length(&arg) {
                Some(n) => render::summary(&doc, n, lang),
                None => Reply::text(t.hint_summary),
            },
            Command::Sections => render::sections(&doc, lang),
            Command::Section(arg) if arg.trim().is_empty() => {
                render::with_notice(t.hint_section, render::sections(&doc, lang))
            }
            Command::Section(arg) => match doc.article.find_section(&arg) {
                Some(i) => render::section(&doc, i, lang),
                None => render::no_section(&doc, lang),
            },
            Command::Tweet => render::tweet(&doc, lang),
            Command::Dates => render::dates(&doc, lang),
            Command::Article => render::article(&doc, lang),
            Command::About => render::about(&doc, lang),
            Command::Subscribe => subscribe(app, caller).await?,
            Command::Unsubscribe => {
                if !caller.may_manage {
                    Reply::text(t.admins_only)
                } else if app.store.unsubscribe(caller.chat_id).await? {
                    log::info!("chat {} unsubscribed", caller.chat_id);
                    Reply::text(t.unsubscribed)
                } else {
                    Reply::text(t.not_subscribed)
                }
            }
            Command::Lang(_) if !caller.may_manage => Reply::text(t.admins_only),
            Command::Lang(arg) => match Lang::parse(&arg) {
                Some(new) => {
                    app.set_language(caller.chat_id, new).await?;
                    Reply::text(texts(new).lang_set)
                }
                None => Reply::text(t.hint_lang),
            },
            Command::Stats if is_owner(app, caller) => {
                render::stats(&doc, &app.store.stats().await?, lang)
            }
            Command::Reload if is_owner(app, caller) => {
                let r = app.shelf.reload().await?;
                render::reloaded(&app.shelf.current(), r.changed, &r.failures, lang)
            }
            Command::Stats | Command::Reload => Reply::text(t.owners_only),
        },
        Input::Button(data) => match Callback::decode(&data) {
            Ok((tag, cb)) if callback::is_current(&tag, &doc.key) => render::view(&doc, cb, lang),
            _ => render::stale(&doc, lang),
        },
        Input::Text(text) => match doc.article.find_section(&text) {
            Some(i) => render::section(&doc, i, lang),
            None => Reply::text(t.free_text_hint),
        },
        Input::Unknown => Reply::text(t.unknown_command),
    })
}

async fn subscribe(app: &App, caller: &Caller) -> Result<Reply, BotError> {
    let t = texts(caller.lang);
    if !caller.may_manage {
        return Ok(Reply::text(t.admins_only));
    }
    let added = app
        .store
        .subscribe(&NewSubscription {
            chat_id: caller.chat_id,
            kind: caller.kind,
            title: caller.title.clone(),
            subscribed_by: caller.user_id,
            lang: caller.lang,
        })
        .await?;
    if !added {
        return Ok(Reply::text(t.already_subscribed));
    }
    log::info!(
        "chat {} ({}) subscribed",
        caller.chat_id,
        caller.kind.as_str()
    );
    let doc = app.shelf.current();
    let mut reply = Reply::text(t.subscribed);
    reply
        .messages
        .extend(render::announcement(&doc, caller.lang).messages);
    // Once sent, the summary below is this version's delivery (see `sent`).
    reply.delivers = Some(doc.key.clone());
    Ok(reply)
}

fn is_owner(app: &App, caller: &Caller) -> bool {
    caller.user_id.is_some_and(|u| app.owners.contains(&u))
}

/// `/summary`, `/summary 5`; `None` for anything else (0, 11, 99999999999, words).
#[must_use]
pub fn summary_length(arg: &str) -> Option<usize> {
    let arg: String = arg
        .trim()
        .chars()
        .map(crate::article::normalize::fold_digit)
        .collect();
    if arg.is_empty() {
        return Some(DEFAULT_SUMMARY_SENTENCES);
    }
    arg.parse::<usize>()
        .ok()
        .filter(|n| (1..=SUMMARY_MAX).contains(n))
}

/// Deep-link payloads: `summary`, `dates`, `tweet`, `sections`, `article`, `section_2`.
#[must_use]
pub fn start_view(payload: &str) -> Option<Callback> {
    Some(match payload.trim() {
        "summary" => Callback::Summary,
        "dates" => Callback::Dates,
        "tweet" => Callback::Tweet,
        "sections" => Callback::Sections,
        "article" => Callback::Article,
        p => Callback::Section(p.strip_prefix("section_")?.parse().ok()?),
    })
}
