//! What a test does with a running `FakeApi`: push updates, set the world (chats, members),
//! script faults, read what the bot did, and wait for it without spinning.

use std::{collections::BTreeMap, time::Duration};

use serde_json::Value;

use super::{
    faults::{Fault, FaultRule},
    objects::MEMBER_STATUSES,
    server::FakeApi,
    state::{Call, SentMessage, State},
};

impl FakeApi {
    /// Queues an update for `getUpdates` (waking a waiting poll) and returns its `update_id`.
    /// Missing message ids, dates and query ids are filled in; chats, users and memberships
    /// it shows are remembered.
    pub fn push_update(&self, update: Value) -> i32 {
        self.shared.mutate(|st| st.push(update))
    }

    /// Every update pushed so far, as completed by `push_update`.
    #[must_use]
    pub fn pushed_updates(&self) -> Vec<Value> {
        self.shared.lock().pushed.clone()
    }

    /// Updates not yet confirmed by a `getUpdates` offset.
    #[must_use]
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().queue.len()
    }

    /// The bot's `User` object.
    #[must_use]
    pub fn bot_user(&self) -> Value {
        self.shared.lock().bot.clone()
    }

    /// Makes a chat known (its type, title, username) without pushing an update.
    pub fn add_chat(&self, chat: Value) {
        self.shared.mutate(|st| st.remember_chat(&chat));
    }

    /// What `getChatMember(chat, user)` reports: one of "creator", "administrator", "member",
    /// "restricted", "left", "kicked" (default "member"). For the bot's own id, "kicked" or
    /// "left" also makes sends to the chat fail with 403.
    ///
    /// # Panics
    /// On any other status.
    pub fn set_member_status(&self, chat_id: i64, user_id: i64, status: &str) {
        assert!(
            MEMBER_STATUSES.contains(&status),
            "unknown member status {status:?}"
        );
        self.shared
            .mutate(|st| st.members.insert((chat_id, user_id), status.to_owned()));
    }

    /// Fails the next call of `method` (any chat) with `fault`; faults queue in order.
    pub fn fail_next(&self, method: &str, fault: Fault) {
        self.inject(FaultRule::new(fault).method(method));
    }

    /// Fails every call naming `chat_id`, any method, until `clear_faults`.
    pub fn fail_chat(&self, chat_id: i64, fault: Fault) {
        self.inject(FaultRule::new(fault).chat(chat_id).always());
    }

    /// Adds a fault rule; the first matching rule (in insertion order) fires.
    pub fn inject(&self, rule: FaultRule) {
        self.shared.mutate(|st| st.faults.push(rule));
    }

    /// Every request received, in arrival order.
    #[must_use]
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// The calls of one method (case-insensitive).
    #[must_use]
    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|c| c.is(method))
            .cloned()
            .collect()
    }

    /// Messages accepted by `sendMessage`, in order.
    #[must_use]
    pub fn sent_messages(&self) -> Vec<SentMessage> {
        self.shared.lock().sent.clone()
    }

    /// How many messages `sendMessage` accepted (without copying them).
    #[must_use]
    pub fn sent_count(&self) -> usize {
        self.shared.lock().sent.len()
    }

    /// The bot's message as it stands now (after edits), if it sent one with this id.
    #[must_use]
    pub fn message(&self, chat_id: i64, message_id: i64) -> Option<Value> {
        self.shared
            .lock()
            .messages
            .get(&(chat_id, message_id))
            .cloned()
    }

    /// Sends refused with 429 because they broke `FakeOptions::limits`.
    #[must_use]
    pub fn violations(&self) -> usize {
        self.shared.lock().violations
    }

    /// Messages delivered per chat id.
    #[must_use]
    pub fn delivered_per_chat(&self) -> BTreeMap<i64, usize> {
        self.shared.lock().delivered.clone()
    }

    /// The first call (already made or yet to come) of `method` matching `predicate`.
    pub async fn wait_for(
        &self,
        method: &str,
        predicate: impl Fn(&Call) -> bool,
        timeout: Duration,
    ) -> Option<Call> {
        self.wait_until(timeout, |st| {
            st.calls
                .iter()
                .find(|c| c.is(method) && predicate(c))
                .cloned()
        })
        .await
    }

    /// Waits until `count` calls of `method` match `predicate`; returns those seen by then
    /// (fewer on timeout, so the test can show what did arrive).
    pub async fn wait_for_count(
        &self,
        method: &str,
        predicate: impl Fn(&Call) -> bool,
        count: usize,
        timeout: Duration,
    ) -> Vec<Call> {
        let matching = |st: &State| -> Vec<Call> {
            st.calls
                .iter()
                .filter(|c| c.is(method) && predicate(c))
                .cloned()
                .collect()
        };
        let enough = self.wait_until(timeout, |st| {
            Some(matching(st)).filter(|m| m.len() >= count)
        });
        match enough.await {
            Some(calls) => calls,
            None => matching(&self.shared.lock()),
        }
    }

    /// Waits until `count` messages were delivered; returns those delivered by then.
    pub async fn wait_for_sent(&self, count: usize, timeout: Duration) -> Vec<SentMessage> {
        let enough = self.wait_until(timeout, |st| {
            (st.sent.len() >= count).then(|| st.sent.clone())
        });
        match enough.await {
            Some(sent) => sent,
            None => self.sent_messages(),
        }
    }

    /// Re-checks `ready` on every change to the state until it yields or `timeout` passes.
    pub async fn wait_until<T>(
        &self,
        timeout: Duration,
        mut ready: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let mut changes = self.shared.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            changes.borrow_and_update();
            if let Some(found) = ready(&self.shared.lock()) {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) | Err(_) => return None,
            }
        }
    }
}
