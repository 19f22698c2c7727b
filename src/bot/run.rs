//! Start-up and the serving loop: Telegram by long polling or webhook, the
//! outbox, delivery and watch tasks beside it, graceful shutdown on SIGINT or
//! SIGTERM, reload on SIGHUP. The shutdown signal is injected so tests can stop it.

use crate::bot::app::App;
use crate::bot::budget::Budget;
use crate::bot::commands::command_list;
use crate::bot::flood::Gate;
use crate::bot::outbox::{self, Outbox};
use crate::bot::send::with_retry;
use crate::bot::view::texts::{Lang, lang_for_code};
use crate::bot::{console, delivery, handlers, watch};
use crate::config::{Config, Incoming, Webhook};
use crate::content::ShelfError;
use crate::store::{Store, StoreError};
use article::ParseOptions;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::types::BotCommandScope;
use teloxide::update_listeners::{Polling, webhooks};
use tokio::sync::{Notify, watch as channel};

/// Why the bot could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Shelf(#[from] ShelfError),
    #[error(
        "cannot reach the Telegram Bot API ({0}); check TELOXIDE_TOKEN, TELOXIDE_API_URL and the network"
    )]
    Telegram(teloxide::RequestError),
    #[error("Telegram rejected TELOXIDE_TOKEN; copy the token again from @BotFather")]
    Token,
    #[error(
        "cannot start the webhook listener ({0}); check NASHRA_WEBHOOK_URL and NASHRA_WEBHOOK_LISTEN"
    )]
    Webhook(teloxide::RequestError),
    #[error("cannot listen on {0} ({1}); set NASHRA_WEBHOOK_LISTEN to a free address")]
    Listen(std::net::SocketAddr, std::io::Error),
    #[error("the console lost its terminal ({0}); run it in an interactive shell")]
    Io(#[from] std::io::Error),
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Serving {
    /// Multiplies Telegram's sending limits (`NASHRA_RATE_SCALE`).
    pub rate_scale: f64,
    /// The broadcast pays for Telegram's higher rate (`NASHRA_PAID_BROADCAST`).
    pub paid_broadcast: bool,
    /// How many requests a person and a group may send.
    pub incoming: Incoming,
    pub webhook: Option<Webhook>,
    /// Long-polling wait per `getUpdates`.
    pub poll_timeout: Duration,
    /// Sends `setMyCommands` at start.
    pub register_commands: bool,
    /// Triggers a content reload (SIGHUP).
    pub reload: Arc<Notify>,
}

/// Runs the binary's main job from a validated configuration.
pub async fn run(config: Config) -> Result<(), RunError> {
    let Some(token) = config.token.clone() else {
        return run_console(&config).await;
    };
    let store = Store::open(&config.database_url).await?;
    let options = ParseOptions {
        max_bytes: config.max_article_bytes,
        ..ParseOptions::default()
    };
    let app = App::open_with(
        config.content_dir.clone(),
        store.clone(),
        &config.owners,
        options,
    )
    .await?;
    let mut bot = Bot::new(token);
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let serving = Serving {
        rate_scale: config.rate_scale,
        paid_broadcast: config.paid_broadcast,
        incoming: config.incoming,
        webhook: config.webhook.clone(),
        // Below the HTTP client's 17 s timeout, or every idle poll would fail and back off.
        poll_timeout: Duration::from_secs(10),
        register_commands: true,
        reload: Arc::new(Notify::new()),
    };
    let result = serve(bot, app, serving.clone(), signals(serving.reload.clone())).await;
    store.close().await;
    result
}

async fn run_console(config: &Config) -> Result<(), RunError> {
    // The console keeps its subscriptions and settings in memory: nothing it
    // does reaches the real database.
    let store = Store::open_in_memory().await?;
    // The person at the console is its owner (user id 0).
    let options = ParseOptions {
        max_bytes: config.max_article_bytes,
        ..ParseOptions::default()
    };
    let app = App::open_with(config.content_dir.clone(), store, &[0], options).await?;
    let lang = lang_for_code(config.locale.as_deref());
    let stdin = tokio::io::BufReader::new(tokio::io::stdin());
    console::run(app, stdin, tokio::io::stdout(), lang).await?;
    Ok(())
}

/// Serves Telegram until `shutdown` completes, then stops the dispatcher and
/// the background tasks.
pub async fn serve(
    bot: Bot,
    app: App,
    serving: Serving,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), RunError> {
    let me = with_retry("getMe", || bot.get_me().into_future())
        .await
        .map_err(|e| match e {
            teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => RunError::Token,
            e => RunError::Telegram(e),
        })?;
    log::info!("serving as @{}", me.username());
    if serving.register_commands {
        register_commands(&bot).await;
    }
    let budget = Arc::new(Budget::with_paid_broadcast(
        serving.rate_scale,
        serving.paid_broadcast,
    ));
    if serving.paid_broadcast {
        log::info!("paid broadcasts: deliveries may leave at up to 1,000 messages a second");
    }
    let (outbox, sender) = Outbox::new(bot.clone(), budget.clone(), app.metrics.clone());
    let gate = Arc::new(Gate::new(serving.incoming));
    let mut dispatcher = Dispatcher::builder(bot.clone(), handlers::schema())
        .dependencies(dptree::deps![app.clone(), outbox, gate])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text("a handler failed"))
        .build();
    let token = dispatcher.shutdown_token();
    // Background tasks start only once the listener exists: a listener that fails
    // returns early, and nothing may be left running behind it.
    match &serving.webhook {
        Some(hook) => {
            let listener = webhook_listener(&bot, &app, hook).await?;
            let background =
                Background::start(&bot, &app, &serving, (budget, sender), token, shutdown);
            dispatcher
                .dispatch_with_listener(
                    listener,
                    LoggingErrorHandler::with_custom_text("webhook listener"),
                )
                .await;
            background.finish().await;
        }
        None => {
            let listener = Polling::builder(bot.clone())
                .timeout(serving.poll_timeout)
                .delete_webhook()
                .await
                .build();
            let background =
                Background::start(&bot, &app, &serving, (budget, sender), token, shutdown);
            dispatcher
                .dispatch_with_listener(listener, Arc::new(PollingErrors::default()))
                .await;
            background.finish().await;
        }
    }
    Ok(())
}

/// The webhook listener for one of several replicas behind one URL: the port is
/// bound first (a clear error if it is taken), the webhook registered with the
/// same URL and secret by every replica (idempotent, so replicas starting
/// together do not fight), and never deleted on stop, since the others still
/// serve it. Beside Telegram's path it answers `GET /healthz` and `GET /metrics`.
async fn webhook_listener(
    bot: &Bot,
    app: &App,
    hook: &Webhook,
) -> Result<impl teloxide::update_listeners::UpdateListener<Err = std::convert::Infallible>, RunError>
{
    let tcp = tokio::net::TcpListener::bind(hook.listen)
        .await
        .map_err(|e| RunError::Listen(hook.listen, e))?;
    with_retry("setWebhook", || {
        let mut req = bot.set_webhook(hook.url.clone());
        if let Some(secret) = &hook.secret {
            req = req.secret_token(secret.clone());
        }
        req.into_future()
    })
    .await
    .map_err(RunError::Webhook)?;
    let mut options = webhooks::Options::new(hook.listen, hook.url.clone());
    if let Some(secret) = &hook.secret {
        options = options.secret_token(secret.clone());
    }
    let (listener, stopped, router) = webhooks::axum_no_setup(options);
    let router = router.merge(health_routes(app.clone()));
    tokio::spawn(async move {
        if let Err(e) = axum::serve(tcp, router)
            .with_graceful_shutdown(stopped)
            .await
        {
            log::error!("the webhook listener stopped: {e}");
        }
    });
    Ok(listener)
}

/// `GET /healthz`: 200 when the store answers and an article is loaded, 503
/// otherwise (for the load balancer); `GET /metrics`: Prometheus text.
fn health_routes(app: App) -> axum::Router {
    use axum::http::StatusCode;
    use axum::routing::get;
    let health = app.clone();
    axum::Router::new()
        .route(
            "/healthz",
            get(move || {
                let app = health.clone();
                async move {
                    let loaded = !app.shelf.current().key.is_empty();
                    match app.store.latest_version().await {
                        Ok(_) if loaded => (StatusCode::OK, "ok\n"),
                        Ok(_) => (StatusCode::SERVICE_UNAVAILABLE, "no article loaded\n"),
                        Err(e) => {
                            log::warn!("health check: the store does not answer: {e}");
                            (
                                StatusCode::SERVICE_UNAVAILABLE,
                                "the store does not answer\n",
                            )
                        }
                    }
                }
            }),
        )
        .route(
            "/metrics",
            get(move || {
                let app = app.clone();
                async move {
                    let queued = app
                        .store
                        .stats()
                        .await
                        .map_or(-1, |s| s.pending + s.sending);
                    let text = app.metrics.render(&app.shelf.current().key, queued);
                    (
                        [(
                            axum::http::header::CONTENT_TYPE,
                            "text/plain; version=0.0.4",
                        )],
                        text,
                    )
                }
            }),
        )
}

/// Errors of long polling, logged; a 409 Conflict (another process polls the
/// same bot) is explained once, with what to do.
#[derive(Default)]
struct PollingErrors {
    conflict_told: std::sync::atomic::AtomicBool,
}

impl teloxide::error_handlers::ErrorHandler<teloxide::RequestError> for PollingErrors {
    fn handle_error(
        self: Arc<Self>,
        error: teloxide::RequestError,
    ) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        use std::sync::atomic::Ordering::Relaxed;
        let conflict = matches!(
            error,
            teloxide::RequestError::Api(teloxide::ApiError::TerminatedByOtherGetUpdates)
        );
        if !conflict {
            log::error!("polling: {error}");
        } else if !self.conflict_told.swap(true, Relaxed) {
            log::error!(
                "another process is polling this bot: long polling allows one replica; run every replica in webhook mode (NASHRA_WEBHOOK_URL) to serve from more than one"
            );
        }
        Box::pin(async {})
    }
}

/// The tasks beside the dispatcher: the outbox, deliveries, the folder watcher,
/// and the one that stops the dispatcher on shutdown. Dropping it stops them all
/// (the shutdown-on-drop pattern), so no early return can leave them running.
struct Background {
    stop: channel::Sender<bool>,
    outbox: Option<tokio::task::JoinHandle<()>>,
    deliveries: Option<tokio::task::JoinHandle<()>>,
    watcher: tokio::task::JoinHandle<()>,
    /// Hears other replicas' archive choices.
    follower: tokio::task::JoinHandle<()>,
    stopper: tokio::task::JoinHandle<()>,
}

impl Background {
    /// `senders`: the budget replies and deliveries share, and the outbox's task.
    fn start(
        bot: &Bot,
        app: &App,
        serving: &Serving,
        (budget, sender): (Arc<Budget>, outbox::Runner),
        token: ShutdownToken,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Self {
        let (stop, stop_rx) = channel::channel(false);
        let outbox = tokio::spawn(sender.run(stop_rx.clone()));
        let deliveries = tokio::spawn(delivery::run(
            bot.clone(),
            app.clone(),
            budget,
            stop_rx.clone(),
        ));
        let follower = {
            let (app, stop) = (app.clone(), stop_rx.clone());
            tokio::spawn(async move { app.follow_readings(stop).await })
        };
        let watcher = tokio::spawn(watch::run(
            bot.clone(),
            app.clone(),
            serving.reload.clone(),
            stop_rx,
        ));
        let stopper = tokio::spawn(async move {
            shutdown.await;
            log::info!("shutting down");
            // The dispatcher may not have started yet: try until it accepts.
            loop {
                match token.shutdown() {
                    Ok(done) => {
                        done.await;
                        break;
                    }
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            }
        });
        Self {
            stop,
            outbox: Some(outbox),
            deliveries: Some(deliveries),
            watcher,
            follower,
            stopper,
        }
    }

    /// Replies still queued get [`outbox::DRAIN`] to leave; deliveries in flight
    /// finish, and the store records where they stopped. One stuck behind a long
    /// flood wait is stopped: its row stays due for next time.
    async fn finish(mut self) {
        let _ = self.stop.send(true);
        tokio::join!(
            stop_within(self.outbox.take(), outbox::DRAIN + Duration::from_secs(1)),
            stop_within(self.deliveries.take(), Duration::from_secs(10)),
        );
    }
}

/// Waits for a task to end by itself, and aborts it after `limit`.
async fn stop_within(task: Option<tokio::task::JoinHandle<()>>, limit: Duration) {
    let Some(task) = task else {
        return;
    };
    let abort = task.abort_handle();
    if tokio::time::timeout(limit, task).await.is_err() {
        abort.abort();
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for task in [&self.outbox, &self.deliveries].into_iter().flatten() {
            task.abort();
        }
        self.watcher.abort();
        self.follower.abort();
        self.stopper.abort();
    }
}

/// Registers the command lists: English by default, Arabic for `ar` users, in
/// private chats and in groups.
async fn register_commands(bot: &Bot) {
    for scope in [
        BotCommandScope::AllPrivateChats,
        BotCommandScope::AllGroupChats,
    ] {
        for lang in [Lang::En, Lang::Ar] {
            let list = command_list(lang);
            let result = with_retry("setMyCommands", || {
                let mut req = bot.set_my_commands(list.clone()).scope(scope.clone());
                if lang == Lang::Ar {
                    req = req.language_code("ar");
                }
                req.into_future()
            })
            .await;
            if let Err(e) = result {
                log::warn!("setMyCommands failed: {e}");
            }
        }
    }
}

/// Completes on SIGINT or SIGTERM; SIGHUP asks for a content reload.
async fn signals(reload: Arc<Notify>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => return,
                _ = term.recv() => return,
                _ = hup.recv() => {
                    log::info!("SIGHUP: reloading the content folder");
                    reload.notify_one();
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        drop(reload);
    }
}
