//! The fake world behind the server: recorded calls, the update queue, chats, users, members,
//! the bot's messages, scripted faults; shared between HTTP handlers and the test.

use std::{
    collections::{BTreeMap, HashMap, HashSet, VecDeque},
    sync::{Mutex, MutexGuard, PoisonError},
    time::Instant,
};

use serde_json::{Value, json};
use tokio::sync::watch;

use super::{
    faults::{self, Fault, FaultRule},
    limits::Limiter,
    objects,
};

/// One request the fake received, faulted or not.
#[derive(Clone, Debug)]
pub struct Call {
    /// Bot API spelling (`sendMessage`), whatever case the client used.
    pub method: String,
    /// The JSON body; `{}` when empty, a string when it was not JSON (multipart).
    pub body: Value,
    pub at: Instant,
}

impl Call {
    /// The numeric `chat_id` of the request, if it has one.
    #[must_use]
    pub fn chat_id(&self) -> Option<i64> {
        chat_id_of(&self.body)
    }

    #[must_use]
    pub fn is(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }
}

/// A message the fake accepted and delivered (`sendMessage` that succeeded).
#[derive(Clone, Debug)]
pub struct SentMessage {
    pub chat_id: i64,
    pub message_id: i64,
    /// The text exactly as the bot sent it (with its HTML tags).
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Option<Value>,
    /// The `Message` the fake answered with (visible text, chat, date, ...).
    pub message: Value,
    pub at: Instant,
}

/// The state plus a version counter that every change bumps, so waiters need not spin.
#[derive(Debug)]
pub struct Shared {
    state: Mutex<State>,
    changed: watch::Sender<u64>,
}

impl Shared {
    #[must_use]
    pub fn new(state: State) -> Self {
        Self {
            state: Mutex::new(state),
            changed: watch::Sender::new(0),
        }
    }

    /// Reads or changes the state without waking anyone.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock must not hide its own failure
        // behind poison errors in every other task.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the state and wakes everyone waiting for a change.
    pub fn mutate<R>(&self, change: impl FnOnce(&mut State) -> R) -> R {
        let result = change(&mut self.lock());
        self.changed
            .send_modify(|version| *version = version.wrapping_add(1));
        result
    }

    #[must_use]
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }
}

#[derive(Debug)]
pub struct State {
    pub bot: Value,
    pub bot_id: i64,
    pub me: Value,
    pub strict_chats: bool,
    pub calls: Vec<Call>,
    pub sent: Vec<SentMessage>,
    /// Updates not yet confirmed by a `getUpdates` offset, oldest first.
    pub queue: VecDeque<Value>,
    pub pushed: Vec<Value>,
    pub next_update_id: i32,
    pub next_message_id: i64,
    pub chats: HashMap<i64, Value>,
    pub usernames: HashMap<String, i64>,
    pub users: HashMap<i64, Value>,
    /// `(chat, user)` → status; the bot's own status decides whether it may post.
    pub members: HashMap<(i64, i64), String>,
    /// Old group id → the supergroup it became.
    pub migrated: HashMap<i64, i64>,
    /// The bot's own messages by `(chat, message_id)`, as last sent or edited.
    pub messages: HashMap<(i64, i64), Value>,
    pub incoming: HashSet<(i64, i64)>,
    /// Callback and inline query ids pushed and not yet answered.
    pub open_queries: HashSet<String>,
    pub allowed_updates: Option<Vec<String>>,
    /// Bumped by each `getUpdates`; a waiting poll that sees it change was superseded.
    pub poll_generation: u64,
    pub webhook: Option<Value>,
    /// `(scope, language_code)` as JSON text → commands.
    pub commands: HashMap<(String, String), Value>,
    pub faults: Vec<FaultRule>,
    pub limiter: Option<Limiter>,
    pub violations: usize,
    pub delivered: BTreeMap<i64, usize>,
    pub shutting_down: bool,
}

impl State {
    #[must_use]
    pub fn new(bot: Value, me: Value, strict_chats: bool, limiter: Option<Limiter>) -> Self {
        let bot_id = bot["id"].as_i64().expect("bot user has an id");
        Self {
            bot,
            bot_id,
            me,
            strict_chats,
            calls: Vec::new(),
            sent: Vec::new(),
            queue: VecDeque::new(),
            pushed: Vec::new(),
            next_update_id: 1,
            next_message_id: 1,
            chats: HashMap::new(),
            usernames: HashMap::new(),
            users: HashMap::new(),
            members: HashMap::new(),
            migrated: HashMap::new(),
            messages: HashMap::new(),
            incoming: HashSet::new(),
            open_queries: HashSet::new(),
            allowed_updates: None,
            poll_generation: 0,
            webhook: None,
            commands: HashMap::new(),
            faults: Vec::new(),
            limiter,
            violations: 0,
            delivered: BTreeMap::new(),
            shutting_down: false,
        }
    }

    pub fn record(&mut self, method: &str, body: &Value) {
        self.calls.push(Call {
            method: method.to_owned(),
            body: body.clone(),
            at: Instant::now(),
        });
    }

    pub fn take_fault(&mut self, method: &str, chat_id: Option<i64>) -> Option<Fault> {
        faults::take(&mut self.faults, method, chat_id)
    }

    /// The chat with this id: one seen in an update, else a synthetic one unless strict.
    #[must_use]
    pub fn chat(&self, id: i64) -> Option<Value> {
        match self.chats.get(&id) {
            Some(chat) => Some(chat.clone()),
            None if self.strict_chats => None,
            None => Some(objects::synthetic_chat(id)),
        }
    }

    #[must_use]
    pub fn chat_type(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.chat(id)).map_or_else(
            || "private".to_owned(),
            |chat| objects::chat_type(&chat).to_owned(),
        )
    }

    #[must_use]
    pub fn user(&self, id: i64) -> Value {
        if id == self.bot_id {
            return self.bot.clone();
        }
        self.users
            .get(&id)
            .cloned()
            .unwrap_or_else(|| objects::synthetic_user(id))
    }

    pub fn next_message_id(&mut self) -> i64 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }

    pub fn remember_chat(&mut self, chat: &Value) {
        let Some(id) = chat["id"].as_i64() else {
            return;
        };
        if let Some(username) = chat["username"].as_str() {
            self.usernames.insert(username.to_ascii_lowercase(), id);
        }
        self.chats.insert(id, chat.clone());
    }

    pub fn remember_user(&mut self, user: &Value) {
        let Some(id) = user["id"].as_i64() else {
            return;
        };
        self.users.insert(id, user.clone());
        if !self.chats.contains_key(&id) && user["is_bot"] != Value::Bool(true) {
            self.remember_chat(&objects::private_chat_of(user));
        }
    }

    /// Queues an update: assigns `update_id`, fills in missing message ids, dates and query
    /// ids, and learns the chats, users and memberships it shows.
    pub fn push(&mut self, mut update: Value) -> i32 {
        let update_id = self.next_update_id;
        self.next_update_id += 1;
        update["update_id"] = json!(update_id);
        for key in [
            "message",
            "edited_message",
            "channel_post",
            "edited_channel_post",
        ] {
            if let Some(message) = update.get_mut(key) {
                self.complete_message(message);
            }
        }
        for key in ["callback_query", "inline_query"] {
            if let Some(query) = update.get_mut(key) {
                if query.get("id").is_none() {
                    query["id"] = json!(format!("{key}-{update_id}"));
                }
                self.open_queries
                    .insert(query["id"].as_str().unwrap_or_default().to_owned());
                if let Some(from) = query.get("from").cloned() {
                    self.remember_user(&from);
                }
                if let Some(message) = query.get_mut("message") {
                    self.complete_message(message);
                }
            }
        }
        for key in ["my_chat_member", "chat_member"] {
            if let Some(change) = update.get(key).cloned() {
                self.learn_member_change(&change);
            }
        }
        self.queue.push_back(update.clone());
        self.pushed.push(update);
        update_id
    }

    fn complete_message(&mut self, message: &mut Value) {
        if message.get("message_id").is_none() {
            message["message_id"] = json!(self.next_message_id());
        }
        if message.get("date").is_none() {
            message["date"] = json!(objects::now_unix());
        }
        let chat = message["chat"].clone();
        let chat_id = chat["id"].as_i64().unwrap_or_default();
        let message_id = message["message_id"].as_i64().unwrap_or_default();
        if message["from"]["id"].as_i64() != Some(self.bot_id) {
            self.incoming.insert((chat_id, message_id));
        }
        if let Some(from) = message.get("from").cloned() {
            self.remember_user(&from);
        }
        self.remember_chat(&chat);
        if let Some(to) = message["migrate_to_chat_id"].as_i64() {
            self.migrated.insert(chat_id, to);
            let mut supergroup = chat.clone();
            supergroup["id"] = json!(to);
            supergroup["type"] = json!("supergroup");
            self.chats.entry(to).or_insert(supergroup);
        }
    }

    fn learn_member_change(&mut self, change: &Value) {
        self.remember_chat(&change["chat"]);
        self.remember_user(&change["from"]);
        let member = &change["new_chat_member"];
        if let (Some(chat), Some(user), Some(status)) = (
            change["chat"]["id"].as_i64(),
            member["user"]["id"].as_i64(),
            member["status"].as_str(),
        ) {
            self.members.insert((chat, user), status.to_owned());
        }
    }
}

/// A request's `chat_id` when it is a number (or a numeric string).
#[must_use]
pub fn chat_id_of(body: &Value) -> Option<i64> {
    match &body["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}
