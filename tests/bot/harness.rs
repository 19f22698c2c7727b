//! Runs the real bot (`nashra::bot::run::serve`, the binary's handler tree) against
//! the fake Bot API, on a temporary content folder and an in-memory store.

use nashra::bot::app::App;
use nashra::bot::run::{Serving, serve};
use nashra::config::{Incoming, Rate, Webhook};
use nashra::store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use testkit::fake::{FakeApi, FakeOptions, SentMessage};
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

pub const OWNER: i64 = 900;
pub const WAIT: Duration = Duration::from_secs(10);
pub const SEED: &str = "2021-12-29-coalition-iraq";
/// Request limits no test of ordinary use reaches (a session fires commands
/// faster than a person would); the flood tests use the real defaults.
pub const UNLIMITED: Incoming = Incoming {
    user: Rate {
        burst: 100_000,
        per_minute: 6_000_000,
    },
    group: Rate {
        burst: 100_000,
        per_minute: 6_000_000,
    },
};

pub struct Harness {
    pub api: FakeApi,
    pub app: App,
    pub store: Store,
    pub content: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

pub fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A content folder holding the seed article and its metadata.
pub fn seed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for ext in ["txt", "toml"] {
        std::fs::copy(
            manifest(&format!("content/{SEED}.{ext}")),
            dir.path().join(format!("{SEED}.{ext}")),
        )
        .expect("copy the seed");
    }
    dir
}

impl Harness {
    pub async fn start() -> Self {
        Self::start_with(
            FakeOptions::default(),
            Store::open_in_memory().await.expect("store"),
        )
        .await
    }

    pub async fn start_with(options: FakeOptions, store: Store) -> Self {
        Self::start_serving(options, store, 50.0, None).await
    }

    /// The bot's rate scale and an optional webhook instead of polling.
    pub async fn start_serving(
        options: FakeOptions,
        store: Store,
        rate_scale: f64,
        webhook: Option<Webhook>,
    ) -> Self {
        Self::launch(options, store, serving(rate_scale, webhook, UNLIMITED)).await
    }

    /// With or without paid broadcasts, on an in-memory store.
    pub async fn start_paid(options: FakeOptions, rate_scale: f64, paid_broadcast: bool) -> Self {
        let store = Store::open_in_memory().await.expect("store");
        let serving = Serving {
            paid_broadcast,
            ..serving(rate_scale, None, UNLIMITED)
        };
        Self::launch(options, store, serving).await
    }

    /// The bot's rate scale and its incoming request limits, on an in-memory store.
    pub async fn start_limited(options: FakeOptions, rate_scale: f64, incoming: Incoming) -> Self {
        let store = Store::open_in_memory().await.expect("store");
        Self::launch(options, store, serving(rate_scale, None, incoming)).await
    }

    async fn launch(options: FakeOptions, store: Store, serving: Serving) -> Self {
        let _ = pretty_env_logger::try_init();
        let api = FakeApi::start(options).await;
        let content = seed_folder();
        let app = App::open(content.path().to_path_buf(), store.clone(), &[OWNER])
            .await
            .expect("the seed loads");
        let (tx, rx) = oneshot::channel::<()>();
        let bot = api.bot();
        let task_app = app.clone();
        let task = tokio::spawn(async move {
            serve(bot, task_app, serving, async {
                let _ = rx.await;
            })
            .await
            .expect("the bot serves");
        });
        Self {
            api,
            app,
            store,
            content,
            stop: Some(tx),
            task: Some(task),
        }
    }

    /// Pushes an update and returns the messages sent in answer (waits for the
    /// first, then for the reply to settle).
    pub async fn ask(&self, update: Value) -> Vec<SentMessage> {
        let before = self.api.sent_count();
        self.api.push_update(update);
        let sent = self.api.wait_for_sent(before + 1, WAIT).await;
        assert!(sent.len() > before, "no reply within {WAIT:?}");
        self.settle().await;
        self.api.sent_messages()[before..].to_vec()
    }

    /// Waits until no new message has been sent for a short while.
    pub async fn settle(&self) {
        let mut n = self.api.sent_count();
        loop {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let now = self.api.sent_count();
            if now == n {
                return;
            }
            n = now;
        }
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(Duration::from_secs(15), task)
                .await
                .expect("the bot stops within 15 s")
                .expect("the bot task did not panic");
        }
    }
}

/// How the harness serves: polling unless `webhook`, commands registered, no
/// paid broadcasts.
fn serving(rate_scale: f64, webhook: Option<Webhook>, incoming: Incoming) -> Serving {
    Serving {
        rate_scale,
        paid_broadcast: false,
        incoming,
        webhook,
        poll_timeout: Duration::from_secs(1),
        register_commands: true,
        reload: Arc::new(Notify::new()),
    }
}

/// The visible text of a sent message, as Telegram shows it.
pub fn visible(m: &SentMessage) -> String {
    testkit::fake::html::visible_text(&m.text).expect("valid Telegram HTML")
}

/// Every `callback_data` of a message's inline keyboard.
pub fn callbacks(m: &SentMessage) -> Vec<String> {
    m.reply_markup
        .as_ref()
        .and_then(|k| k["inline_keyboard"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
        .collect()
}

/// Subscribes private chats `1..=count`, each by its own user, reading Arabic.
pub async fn subscribe_readers(store: &nashra::store::Store, count: i64) {
    for chat_id in 1..=count {
        let added = store
            .subscribe(&nashra::store::NewSubscription {
                chat_id,
                kind: nashra::store::ChatKind::Private,
                title: None,
                subscribed_by: Some(chat_id),
                lang: nashra::store::Lang::Ar,
            })
            .await
            .expect("subscribe");
        assert!(added, "chat {chat_id} was subscribed already");
    }
}
