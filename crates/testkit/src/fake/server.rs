//! `FakeApi`: an axum server on 127.0.0.1 speaking the Bot API at
//! `POST {url}/bot{token}/{method}`, started per test and stopped on drop.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    body::Bytes,
    extract::State as AxumState,
    http::{HeaderMap, Uri, header},
    response::Response,
};
use serde_json::Value;
use teloxide::Bot;
use tokio::task::JoinHandle;

use super::{
    body,
    faults::{self, Fault},
    limits::{Limiter, Limits},
    methods, objects, polling,
    reply::Reply,
    state::{Shared, State, chat_id_of},
};

/// How the fake presents itself.
#[derive(Clone, Debug)]
pub struct FakeOptions {
    /// `{bot_id}:{secret}`; requests with another token get 401.
    pub token: String,
    pub bot_first_name: String,
    pub bot_username: String,
    /// Privacy mode off, as `getMe` reports it.
    pub can_read_all_group_messages: bool,
    /// Flood limits on `sendMessage`; `None` accepts any rate.
    pub limits: Option<Limits>,
    /// Answer "chat not found" for chats no pushed update showed, instead of inventing one.
    pub strict_chats: bool,
}

impl Default for FakeOptions {
    fn default() -> Self {
        Self {
            token: "123:TEST".to_owned(),
            bot_first_name: "Nashra".to_owned(),
            bot_username: "nashra_test_bot".to_owned(),
            can_read_all_group_messages: false,
            limits: None,
            strict_chats: false,
        }
    }
}

/// A running fake Bot API; see `control` for what a test can do with it.
#[derive(Debug)]
pub struct FakeApi {
    pub(super) shared: Arc<Shared>,
    addr: SocketAddr,
    token: String,
    task: Option<JoinHandle<()>>,
}

impl FakeApi {
    /// Binds `127.0.0.1:0` and serves until dropped or `shutdown`.
    ///
    /// # Panics
    /// If the token has no numeric bot id before ':' or the port cannot be bound.
    pub async fn start(opts: FakeOptions) -> Self {
        let bot_id: i64 = opts
            .token
            .split(':')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("token must look like `123:SECRET`");
        let bot = objects::bot_user(bot_id, &opts.bot_first_name, &opts.bot_username);
        let me = objects::me(&bot, opts.can_read_all_group_messages);
        let limiter = opts.limits.map(Limiter::new);
        let shared = Arc::new(Shared::new(State::new(bot, me, opts.strict_chats, limiter)));

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Bot API");
        let addr = listener.local_addr().expect("the fake Bot API's address");
        let app = Router::new().fallback(serve_request).with_state(Route {
            shared: Arc::clone(&shared),
            token: opts.token.clone(),
        });
        let stopped = stopped(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(stopped)
                .await
                .expect("the fake Bot API server failed");
        });
        Self {
            shared,
            addr,
            token: opts.token,
            task: Some(task),
        }
    }

    /// The base URL to give teloxide, e.g. `http://127.0.0.1:41234/`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// A real `teloxide::Bot` with the fake's token, pointed at the fake.
    pub fn bot(&self) -> Bot {
        self.point(Bot::new(self.token.clone()))
    }

    /// `bot` (with its own token and client) pointed at the fake.
    pub fn point(&self, bot: Bot) -> Bot {
        // teloxide takes a `reqwest::Url`, which this crate cannot name; joining an absolute
        // URL onto the bot's current one parses it into that type.
        let url = bot
            .api_url()
            .join(&self.url())
            .expect("the fake's URL parses");
        bot.set_api_url(url)
    }

    /// Stops accepting, ends waiting polls, and waits for the server to finish.
    pub async fn shutdown(mut self) {
        self.signal_shutdown();
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }

    fn signal_shutdown(&self) {
        self.shared.mutate(|st| st.shutting_down = true);
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.signal_shutdown();
    }
}

#[derive(Clone)]
struct Route {
    shared: Arc<Shared>,
    token: String,
}

/// Resolves once `shutting_down` is set.
async fn stopped(shared: Arc<Shared>) {
    let mut changes = shared.subscribe();
    loop {
        changes.borrow_and_update();
        if shared.lock().shutting_down || changes.changed().await.is_err() {
            return;
        }
    }
}

async fn serve_request(
    AxumState(route): AxumState<Route>,
    uri: Uri,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let Some((token, method)) = split_path(uri.path()) else {
        return Reply::error(404, "Not Found").into_response();
    };
    if token != route.token {
        return Reply::error(401, "Unauthorized").into_response();
    }
    let method = bot_api_spelling(method);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let body = body::to_json(content_type, &raw);
    answer(&route.shared, &method, &body).await.into_response()
}

async fn answer(shared: &Shared, method: &str, body: &Value) -> Reply {
    let chat_id = chat_id_of(body);
    let (fault, chat_type) = shared.mutate(|st| {
        st.record(method, body);
        (st.take_fault(method, chat_id), st.chat_type(chat_id))
    });
    match fault {
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        Some(fault) => return faults::reply(&fault, &chat_type),
        None => {}
    }
    if method.eq_ignore_ascii_case("getUpdates") {
        polling::get_updates(shared, body).await
    } else {
        shared.mutate(|st| methods::dispatch(st, method, body))
    }
}

/// `/bot{token}/{method}` → `(token, method)`.
fn split_path(path: &str) -> Option<(&str, &str)> {
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let token = segments.next()?.strip_prefix("bot")?;
    let method = segments.next()?;
    segments.next().is_none().then_some((token, method))
}

/// `SendMessage` (teloxide) → `sendMessage` (Bot API docs).
fn bot_api_spelling(method: &str) -> String {
    let mut chars = method.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
