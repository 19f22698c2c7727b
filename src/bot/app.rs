//! The one function that turns an input into a reply, shared by the Telegram
//! handlers and the offline console, and the state it needs: which article a
//! chat reads (the latest, or one it opened from the archive), and what a
//! button, a deep link or a plain message asks of it.

use crate::bot::commands::{Command, Input, commands_text};
use crate::bot::metrics::Metrics;
use crate::bot::reading::Reading;
use crate::bot::view::callback::{self, Callback, Press};
use crate::bot::view::render::{self, SUMMARY_MAX};
use crate::bot::view::reply::Reply;
use crate::bot::view::texts::texts;
use crate::bot::view::texts::{Lang, lang_typed};
use crate::content::{Archive, Shelf, ShelfError, Version};
pub use crate::store::ChatKind;
use crate::store::{NewSubscription, Store, StoreError};
use article::answer::Verdict;
use article::{DEFAULT_SUMMARY_SENTENCES, ParseOptions};
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
    /// The article each chat reads when not the latest: the store's choices,
    /// read from memory (see [`App::choose_reading`]).
    pub reading: Arc<Reading>,
    /// Replies that depend only on the version, the language and the view,
    /// rendered once: most updates ask for one of a few of them.
    rendered: Arc<Mutex<RenderCache>>,
}

/// A view of a version that renders the same for every reader of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum View {
    Summary(usize),
    Sections,
    Section(usize),
    Tweet,
    Dates,
    Article,
    About,
}

/// Rendered replies by version key, then by language and view.
type RenderCache = HashMap<String, HashMap<(Lang, View), Reply>>;

/// Past this many versions, the render cache starts afresh.
const VERSIONS_RENDERED: usize = 16;

/// A chat's language (none chosen yet) and when it was read.
type LanguageCache = HashMap<i64, (Option<Lang>, Instant)>;

/// How long a chat's language is taken from memory before it is read again.
pub const LANGUAGE_TTL: Duration = Duration::from_secs(60);
/// Past this many chats, the language cache starts afresh (it is only a cache).
const LANGUAGES_KEPT: usize = 100_000;

impl App {
    /// A view of `doc` in `lang`, rendered once per version and then copied.
    fn render(&self, doc: &Version, lang: Lang, view: View) -> Reply {
        let cached = {
            let cache = self.rendered.lock().unwrap_or_else(PoisonError::into_inner);
            cache
                .get(&doc.key)
                .and_then(|v| v.get(&(lang, view)).cloned())
        };
        if let Some(reply) = cached {
            return reply;
        }
        let reply = match view {
            View::Summary(n) => render::summary(doc, n, lang),
            View::Sections => render::sections(doc, lang),
            View::Section(i) => render::section(doc, i, lang),
            View::Tweet => render::tweet(doc, lang),
            View::Dates => render::dates(doc, lang),
            View::Article => render::article(doc, lang),
            View::About => render::about(doc, lang),
        };
        let mut cache = self.rendered.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= VERSIONS_RENDERED && !cache.contains_key(&doc.key) {
            cache.clear();
        }
        cache
            .entry(doc.key.clone())
            .or_default()
            .insert((lang, view), reply.clone());
        reply
    }

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
        let reading = Arc::new(Reading::default());
        load_readings(&store, &reading).await;
        Ok(Self {
            shelf: Arc::new(shelf),
            store,
            owners: owners.into(),
            metrics: Arc::default(),
            languages: Arc::default(),
            rendered: Arc::default(),
            reading,
        })
    }

    /// The chat now reads `article` (`since`: the latest version now), here
    /// and in the store, whence the other replicas hear of it.
    pub async fn choose_reading(&self, chat_id: i64, article: &str, since: &str) {
        self.reading.choose(chat_id, article, since);
        if let Err(e) = self.store.set_reading(chat_id, article, since).await {
            log::warn!("chat {chat_id}: cannot store the article it reads: {e}");
        }
    }

    /// Back to the latest article, here and in the store.
    pub async fn clear_reading(&self, chat_id: i64) {
        // Another replica's choice not heard of yet is in the store only.
        self.reading.clear(chat_id);
        if let Err(e) = self.store.clear_reading(chat_id).await {
            log::warn!("chat {chat_id}: cannot store its return to the latest article: {e}");
        }
    }

    /// Follows the other replicas' choices until `stop` turns true (PostgreSQL;
    /// on SQLite there are none and this returns at once).
    pub async fn follow_readings(&self, mut stop: tokio::sync::watch::Receiver<bool>) {
        let mut changes = match self.store.reading_changes().await {
            Ok(Some(changes)) => changes,
            Ok(None) => return,
            Err(e) => {
                log::warn!("cannot follow other replicas' archive choices: {e}");
                return;
            }
        };
        loop {
            let chat = tokio::select! {
                chat = changes.next() => chat,
                _ = stop.changed() => return,
            };
            match chat {
                Ok(chat) => match self.store.reading(chat).await {
                    Ok(choice) => self.reading.replace(
                        chat,
                        choice.map(|c| crate::bot::reading::Choice {
                            article: c.article,
                            since: c.since,
                        }),
                    ),
                    Err(e) => log::warn!("chat {chat}: cannot read the article it reads: {e}"),
                },
                Err(e) => {
                    // Changes made while the listener reconnects are lost: read
                    // them all again.
                    log::warn!("following archive choices: {e}; reading them again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    load_readings(&self.store, &self.reading).await;
                }
            }
        }
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

/// Fills `reading` with the store's most recent choices, oldest first so that
/// the map forgets the same chats first as the store would.
async fn load_readings(store: &Store, reading: &Reading) {
    let most = i64::try_from(crate::bot::reading::CHATS_MAX).unwrap_or(i64::MAX);
    match store.readings(most).await {
        Ok(choices) => {
            for c in choices.into_iter().rev() {
                reading.choose(c.chat_id, &c.article, &c.since);
            }
        }
        Err(e) => log::warn!("cannot read the chats' archive choices: {e}"),
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
    let latest = app.shelf.current();
    let archive = app.shelf.archive();
    let (doc, notice) = reading(app, caller, &latest, &archive).await;
    let lang = caller.lang;
    let t = texts(lang);
    let reply = match input {
        Input::Command(cmd) => match cmd {
            Command::Start(payload) => match deep_link(&payload) {
                Some((id, view)) => open(app, caller, &latest, &archive, id, Some(view)).await,
                None => match start_view(&payload) {
                    Some(cb) => render::view(&doc, cb, lang),
                    None => render::welcome(&doc, lang, &commands_text(lang)),
                },
            },
            Command::Help => render::help(lang, &commands_text(lang)),
            Command::Summary(arg) => match summary_length(&arg) {
                Some(n) => app.render(&doc, lang, View::Summary(n)),
                None => Reply::text(t.hint_summary),
            },
            Command::Sections => app.render(&doc, lang, View::Sections),
            Command::Section(arg) if arg.trim().is_empty() => {
                render::with_notice(t.hint_section, render::sections(&doc, lang))
            }
            Command::Section(arg) => match doc.article.find_section(&arg) {
                Some(i) => app.render(&doc, lang, View::Section(i)),
                None => render::no_section(&doc, lang),
            },
            Command::Tweet => app.render(&doc, lang, View::Tweet),
            Command::Dates => app.render(&doc, lang, View::Dates),
            Command::Article => app.render(&doc, lang, View::Article),
            Command::About => app.render(&doc, lang, View::About),
            Command::Archive(arg) => {
                let page = archive_page(&arg);
                render::archive(&archive, page, &latest.id, lang)
            }
            Command::Latest => {
                app.clear_reading(caller.chat_id).await;
                render::back_to_latest(&latest, lang)
            }
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
            Command::Lang(arg) => match lang_typed(&arg) {
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
        Input::Button(data) => press(app, caller, &latest, &archive, &data).await,
        Input::Text(text) => read_text(&doc, &text, lang),
        Input::Unknown => Reply::text(t.unknown_command),
    };
    // A reply that already says so (a removed article's button) says it once.
    let said = |n: &str| {
        reply
            .messages
            .first()
            .is_some_and(|m| m.html.starts_with(n))
    };
    Ok(match notice {
        Some(n) if !said(n) => render::with_notice(n, reply),
        _ => reply,
    })
}

/// The article a chat reads: the one it opened from the archive, or the latest.
/// A choice ends when its article leaves the folder (with a notice), and in a
/// subscribed chat when a newer article has arrived since.
async fn reading(
    app: &App,
    caller: &Caller,
    latest: &Arc<Version>,
    archive: &Archive,
) -> (Arc<Version>, Option<&'static str>) {
    let chat = caller.chat_id;
    let Some(choice) = app.reading.get(chat) else {
        return (latest.clone(), None);
    };
    let Some(chosen) = archive.by_id(&choice.article) else {
        app.clear_reading(chat).await;
        return (latest.clone(), Some(texts(caller.lang).removed_article));
    };
    if choice.since != latest.key {
        // A store that cannot say keeps the reader where they chose to be.
        match app.store.subscription(chat).await {
            Ok(Some(_)) => {
                app.clear_reading(chat).await;
                return (latest.clone(), None);
            }
            Ok(None) => {}
            Err(e) => log::warn!("chat {chat}: cannot read the subscription: {e}"),
        }
    }
    (chosen.clone(), None)
}

/// Opens an article of the archive for this chat (the latest one ends a choice)
/// and shows `view` of it, or its summary with the notice.
async fn open(
    app: &App,
    caller: &Caller,
    latest: &Version,
    archive: &Archive,
    id: &str,
    view: Option<Callback>,
) -> Reply {
    let lang = caller.lang;
    let Some(chosen) = archive.by_id(id) else {
        return render::removed(latest, lang);
    };
    if chosen.id == latest.id {
        app.clear_reading(caller.chat_id).await;
    } else {
        app.choose_reading(caller.chat_id, &chosen.id, &latest.key)
            .await;
    }
    match view {
        Some(cb) => render::view(chosen, cb, lang),
        None if chosen.id == latest.id => render::back_to_latest(chosen, lang),
        None => render::opened(chosen, lang),
    }
}

/// What a button asks for. A view button names its version: found on the shelf,
/// that version's view; only its article found, the stale notice and the article
/// as it is now; neither, the article is gone.
async fn press(
    app: &App,
    caller: &Caller,
    latest: &Version,
    archive: &Archive,
    data: &str,
) -> Reply {
    let lang = caller.lang;
    match Press::decode(data) {
        Ok(Press::View { article, tag, view }) => {
            match archive.by_key(|key| callback::is_current(&tag, key)) {
                Some(v) => render::view(v, view, lang),
                None => match article {
                    Some(id) => match archive.by_id(&id) {
                        Some(v) => render::stale(v, lang),
                        None => render::removed(latest, lang),
                    },
                    None => render::stale(latest, lang),
                },
            }
        }
        Ok(Press::Archive(page)) => render::archive(archive, page, &latest.id, lang),
        Ok(Press::Open(id)) => open(app, caller, latest, archive, &id, None).await,
        Ok(Press::Latest) => {
            app.clear_reading(caller.chat_id).await;
            render::back_to_latest(latest, lang)
        }
        Err(_) => render::stale(latest, lang),
    }
}

/// Plain text: words of a heading open that section, as before; anything else
/// is answered from the article's sentences. A question the article does not
/// answer may still name a heading; failing that it is told so, with the
/// sections; other words it cannot place (a greeting, a thank-you) get a hint.
fn read_text(doc: &Version, text: &str, lang: Lang) -> Reply {
    let t = texts(lang);
    let text = text.trim();
    if text.is_empty() {
        return Reply::text(t.free_text_hint);
    }
    let heading = doc.article.find_section(text);
    let asked = doc.index.is_question(text);
    if let Some(i) = heading.filter(|_| !asked) {
        return render::section(doc, i, lang);
    }
    match (doc.ask(text), heading) {
        (verdict @ Verdict::Found(_), _) => render::answer(doc, &verdict, lang),
        (_, Some(i)) => render::section(doc, i, lang),
        (verdict, None) if asked => render::answer(doc, &verdict, lang),
        (_, None) => Reply::text(t.free_text_hint),
    }
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
        .map(article::normalize::fold_digit)
        .collect();
    if arg.is_empty() {
        return Some(DEFAULT_SUMMARY_SENTENCES);
    }
    arg.parse::<usize>()
        .ok()
        .filter(|n| (1..=SUMMARY_MAX).contains(n))
}

/// `/archive`, `/archive 2`: the page to show, 0-based (anything else: the first).
#[must_use]
pub fn archive_page(arg: &str) -> usize {
    let arg: String = arg
        .trim()
        .chars()
        .map(article::normalize::fold_digit)
        .collect();
    arg.parse::<usize>().map_or(0, |n| n.saturating_sub(1))
}

/// Deep links to an article of the archive: `a_<id>_<view>` with a view of
/// [`start_view`] (`a_1f2e3d4c_summary`, `a_1f2e3d4c_section_2`).
#[must_use]
pub fn deep_link(payload: &str) -> Option<(&str, Callback)> {
    let rest = payload.trim().strip_prefix("a_")?;
    let (id, view) = rest.split_once('_')?;
    let ok = !id.is_empty() && id.len() <= crate::content::ID_LEN;
    (ok && id.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(())?;
    Some((id, start_view(view)?))
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
