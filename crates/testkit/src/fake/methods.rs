//! The Bot API methods the fake answers (all but `getUpdates`), with Telegram's own checks
//! and error wording where a bot commonly trips: HTML, length, edits, query ids, chats.

use std::time::Instant;

use serde_json::{Value, json};

use super::{
    faults, html,
    limits::retry_after_secs,
    objects,
    reply::Reply,
    state::{SentMessage, State, chat_id_of},
};

/// Telegram's cap on a message's visible text, in UTF-16 code units.
const MAX_TEXT_UTF16: usize = 4096;
/// Telegram's cap on an inline button's `callback_data`, in bytes.
const MAX_CALLBACK_DATA: usize = 64;

/// Answers one call. `method` is in Bot API spelling; matching ignores case.
pub fn dispatch(st: &mut State, method: &str, body: &Value) -> Reply {
    match method.to_ascii_lowercase().as_str() {
        "getme" => Reply::ok(st.me.clone()),
        "getwebhookinfo" => webhook_info(st),
        "setwebhook" => set_webhook(st, body),
        "deletewebhook" => {
            st.webhook = None;
            if body["drop_pending_updates"] == Value::Bool(true) {
                st.queue.clear();
            }
            Reply::ok_true()
        }
        "close" | "logout" => Reply::ok_true(),
        "sendmessage" => send_message(st, body),
        "editmessagetext" => edit_message(st, body, true),
        "editmessagereplymarkup" => edit_message(st, body, false),
        "deletemessage" => delete_message(st, body),
        "answercallbackquery" | "answerinlinequery" => answer_query(st, body),
        "setmycommands" => {
            st.commands
                .insert(commands_key(body), body["commands"].clone());
            Reply::ok_true()
        }
        "getmycommands" => Reply::ok(
            st.commands
                .get(&commands_key(body))
                .cloned()
                .unwrap_or_else(|| json!([])),
        ),
        "deletemycommands" => {
            st.commands.remove(&commands_key(body));
            Reply::ok_true()
        }
        "sendchataction" => target_chat(st, body).map_or_else(|e| e, |_| Reply::ok_true()),
        "getchat" => resolve_chat(st, body)
            .map_or_else(|e| e, |(_, chat)| Reply::ok(objects::chat_full_info(&chat))),
        "getchatmember" => chat_member(st, body),
        "getchatadministrators" => chat_administrators(st, body),
        _ => Reply::error(404, "Not Found: method not found"),
    }
}

fn webhook_info(st: &State) -> Reply {
    let url = st
        .webhook
        .as_ref()
        .map_or("", |hook| hook["url"].as_str().unwrap_or_default());
    Reply::ok(json!({
        "url": url,
        "has_custom_certificate": false,
        "pending_update_count": st.queue.len(),
    }))
}

fn set_webhook(st: &mut State, body: &Value) -> Reply {
    let url = body["url"].as_str().unwrap_or_default();
    st.webhook = if url.is_empty() {
        None
    } else {
        Some(body.clone())
    };
    if body["drop_pending_updates"] == Value::Bool(true) {
        st.queue.clear();
    }
    Reply::ok_true()
}

fn commands_key(body: &Value) -> (String, String) {
    let scope = match &body["scope"] {
        Value::Null => json!({ "type": "default" }).to_string(),
        scope => scope.to_string(),
    };
    (
        scope,
        body["language_code"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

/// The chat a request names by `chat_id`: a number, a numeric string or `@username`.
fn resolve_chat(st: &State, body: &Value) -> Result<(i64, Value), Reply> {
    let id = match &body["chat_id"] {
        Value::Null => return Err(Reply::bad_request("chat_id is empty")),
        Value::String(name) if name.starts_with('@') => {
            let username = name[1..].to_ascii_lowercase();
            *st.usernames
                .get(&username)
                .ok_or_else(|| Reply::bad_request("chat not found"))?
        }
        _ => chat_id_of(body).ok_or_else(|| Reply::bad_request("chat not found"))?,
    };
    let chat = st
        .chat(id)
        .ok_or_else(|| Reply::bad_request("chat not found"))?;
    Ok((id, chat))
}

/// A chat the bot may post in: resolved, not migrated away, bot neither kicked nor gone.
fn target_chat(st: &State, body: &Value) -> Result<(i64, Value), Reply> {
    let (id, chat) = resolve_chat(st, body)?;
    if let Some(&to) = st.migrated.get(&id) {
        return Err(faults::migrated(to));
    }
    if let Some(status @ ("kicked" | "left")) = st.members.get(&(id, st.bot_id)).map(String::as_str)
    {
        return Err(faults::forbidden(objects::chat_type(&chat), status));
    }
    Ok((id, chat))
}

/// The visible text of a message body, checked as Telegram checks it.
fn checked_text(body: &Value, too_long: &str) -> Result<String, Reply> {
    let text = body["text"].as_str().unwrap_or_default();
    let visible = if body["parse_mode"].as_str() == Some("HTML") {
        html::visible_text(text)
            .map_err(|why| Reply::bad_request(format!("can't parse entities: {why}")))?
    } else {
        text.to_owned()
    };
    let visible = visible.trim();
    if visible.is_empty() {
        return Err(Reply::bad_request("message text is empty"));
    }
    if html::utf16_len(visible) > MAX_TEXT_UTF16 {
        return Err(Reply::bad_request(too_long));
    }
    Ok(visible.to_owned())
}

fn checked_markup(body: &Value) -> Result<Option<Value>, Reply> {
    let markup = match &body["reply_markup"] {
        Value::Null => return Ok(None),
        Value::String(text) => serde_json::from_str(text)
            .map_err(|_| Reply::bad_request("can't parse reply keyboard markup JSON object"))?,
        markup => markup.clone(),
    };
    let buttons = markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten());
    for button in buttons {
        if let Some(data) = button.get("callback_data") {
            let len = data.as_str().map_or(0, str::len);
            if len == 0 || len > MAX_CALLBACK_DATA {
                return Err(Reply::bad_request("BUTTON_DATA_INVALID"));
            }
        }
    }
    Ok(Some(markup))
}

fn send_message(st: &mut State, body: &Value) -> Reply {
    match try_send_message(st, body) {
        Ok(message) | Err(message) => message,
    }
}

fn try_send_message(st: &mut State, body: &Value) -> Result<Reply, Reply> {
    let (chat_id, chat) = target_chat(st, body)?;
    let visible = checked_text(body, "message is too long")?;
    let markup = checked_markup(body)?;
    let is_group = objects::chat_type(&chat) != "private";
    let paid = body["allow_paid_broadcast"].as_bool() == Some(true);
    let now = Instant::now();
    if let Some(limiter) = &mut st.limiter {
        if let Err(wait) = limiter.check(chat_id, is_group, paid, now) {
            st.violations += 1;
            return Err(faults::too_many_requests(retry_after_secs(wait)));
        }
        limiter.record(chat_id, is_group, paid, now);
    }
    let message_id = st.next_message_id();
    let message = objects::text_message(message_id, &chat, &st.bot, &visible, markup.as_ref());
    st.messages.insert((chat_id, message_id), message.clone());
    *st.delivered.entry(chat_id).or_default() += 1;
    st.sent.push(SentMessage {
        chat_id,
        message_id,
        text: body["text"].as_str().unwrap_or_default().to_owned(),
        parse_mode: body["parse_mode"].as_str().map(str::to_owned),
        reply_markup: markup,
        message: message.clone(),
        at: now,
    });
    Ok(Reply::ok(message))
}

fn edit_message(st: &mut State, body: &Value, text: bool) -> Reply {
    match try_edit_message(st, body, text) {
        Ok(message) | Err(message) => message,
    }
}

fn try_edit_message(st: &mut State, body: &Value, edits_text: bool) -> Result<Reply, Reply> {
    let visible = if edits_text {
        Some(checked_text(body, "MESSAGE_TOO_LONG")?)
    } else {
        None
    };
    let markup = checked_markup(body)?;
    if body.get("inline_message_id").is_some() {
        return Ok(Reply::ok_true());
    }
    let (chat_id, _) = target_chat(st, body)?;
    let message_id = body["message_id"]
        .as_i64()
        .ok_or_else(|| Reply::bad_request("message identifier is not specified"))?;
    let Some(old) = st.messages.get(&(chat_id, message_id)) else {
        return Err(if st.incoming.contains(&(chat_id, message_id)) {
            Reply::bad_request("message can't be edited")
        } else {
            Reply::bad_request("message to edit not found")
        });
    };
    let mut new = old.clone();
    if let Some(visible) = visible {
        new["text"] = json!(visible);
    }
    match markup.filter(|m| m.get("inline_keyboard").is_some()) {
        Some(markup) => new["reply_markup"] = markup,
        None => {
            if let Some(fields) = new.as_object_mut() {
                fields.remove("reply_markup");
            }
        }
    }
    if new["text"] == old["text"] && new["reply_markup"] == old["reply_markup"] {
        return Err(Reply::bad_request(
            "message is not modified: specified new message content and reply markup are \
             exactly the same as a current content and reply markup of the message",
        ));
    }
    new["edit_date"] = json!(objects::now_unix());
    st.messages.insert((chat_id, message_id), new.clone());
    Ok(Reply::ok(new))
}

fn delete_message(st: &mut State, body: &Value) -> Reply {
    let Some(chat_id) = chat_id_of(body) else {
        return Reply::bad_request("chat not found");
    };
    let key = (chat_id, body["message_id"].as_i64().unwrap_or_default());
    if st.messages.remove(&key).is_some() || st.incoming.remove(&key) {
        Reply::ok_true()
    } else {
        Reply::bad_request("message to delete not found")
    }
}

fn answer_query(st: &mut State, body: &Value) -> Reply {
    let id = body["callback_query_id"]
        .as_str()
        .or_else(|| body["inline_query_id"].as_str());
    if id.is_some_and(|id| st.open_queries.remove(id)) {
        Reply::ok_true()
    } else {
        Reply::bad_request("query is too old and response timeout expired or query id is invalid")
    }
}

fn chat_member(st: &State, body: &Value) -> Reply {
    let (chat_id, _) = match resolve_chat(st, body) {
        Ok(chat) => chat,
        Err(reply) => return reply,
    };
    let Some(user_id) = body["user_id"].as_i64() else {
        return Reply::bad_request("user not found");
    };
    let status = st
        .members
        .get(&(chat_id, user_id))
        .map_or("member", String::as_str);
    Reply::ok(objects::chat_member(&st.user(user_id), status))
}

fn chat_administrators(st: &State, body: &Value) -> Reply {
    let (chat_id, _) = match resolve_chat(st, body) {
        Ok(chat) => chat,
        Err(reply) => return reply,
    };
    let mut admins: Vec<(i64, &str)> = st
        .members
        .iter()
        .filter(|((chat, _), status)| {
            *chat == chat_id && matches!(status.as_str(), "creator" | "administrator")
        })
        .map(|((_, user), status)| (*user, status.as_str()))
        .collect();
    admins.sort_unstable();
    Reply::ok(
        admins
            .iter()
            .map(|(user, status)| objects::chat_member(&st.user(*user), status))
            .collect(),
    )
}
