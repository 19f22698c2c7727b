//! `getUpdates` as Telegram serves it: `offset` confirms, `limit` caps, `timeout` long-polls
//! and wakes on a push, `allowed_updates` persists, a newer poll terminates an older one.

use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use super::{reply::Reply, state::Shared, state::State};

/// Kinds delivered when a bot never asked for specific ones (or asked for `[]`).
const NOT_BY_DEFAULT: &[&str] = &["chat_member", "message_reaction", "message_reaction_count"];

pub async fn get_updates(shared: &Shared, body: &Value) -> Reply {
    let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
    let deadline = Instant::now() + timeout;
    let generation = match shared.mutate(|st| start_poll(st, body)) {
        Ok(generation) => generation,
        Err(reply) => return reply,
    };
    let mut changes = shared.subscribe();
    loop {
        changes.borrow_and_update();
        {
            let mut st = shared.lock();
            if st.poll_generation != generation {
                return Reply::error(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one \
                     bot instance is running",
                );
            }
            let batch = deliverable(&mut st, limit);
            if !batch.is_empty() || st.shutting_down {
                return Reply::ok(Value::Array(batch));
            }
        }
        match tokio::time::timeout_at(deadline, changes.changed()).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return Reply::ok(Value::Array(Vec::new())),
        }
    }
}

/// Confirms updates below `offset`, stores `allowed_updates`, supersedes any waiting poll.
fn start_poll(st: &mut State, body: &Value) -> Result<u64, Reply> {
    if st.webhook.is_some() {
        return Err(Reply::error(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook \
             to delete the webhook first",
        ));
    }
    match body["offset"].as_i64() {
        Some(offset) if offset > 0 => {
            while st
                .queue
                .front()
                .is_some_and(|u| u["update_id"].as_i64() < Some(offset))
            {
                st.queue.pop_front();
            }
        }
        Some(offset) if offset < 0 => {
            let keep = offset.unsigned_abs() as usize;
            let drop = st.queue.len().saturating_sub(keep);
            st.queue.drain(..drop);
        }
        _ => {}
    }
    if let Some(kinds) = body["allowed_updates"].as_array() {
        st.allowed_updates = Some(
            kinds
                .iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect(),
        );
    }
    st.poll_generation += 1;
    Ok(st.poll_generation)
}

/// Up to `limit` queued updates of allowed kinds; updates of other kinds are dropped, as
/// Telegram never stores them.
fn deliverable(st: &mut State, limit: usize) -> Vec<Value> {
    let allowed = st.allowed_updates.clone().filter(|kinds| !kinds.is_empty());
    st.queue.retain(|update| {
        let kind = kind_of(update);
        match &allowed {
            Some(kinds) => kinds.iter().any(|k| k == kind),
            None => !NOT_BY_DEFAULT.contains(&kind),
        }
    });
    st.queue.iter().take(limit).cloned().collect()
}

/// The update's kind: its one key besides `update_id`.
#[must_use]
pub fn kind_of(update: &Value) -> &str {
    update
        .as_object()
        .and_then(|fields| fields.keys().find(|key| *key != "update_id"))
        .map_or("", String::as_str)
}
