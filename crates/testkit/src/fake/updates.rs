//! Builders for the update JSON a test pushes: users, chats, text messages (private, group,
//! anonymous admin), chat migration, callback and inline queries, `my_chat_member`.
//!
//! They return plain `serde_json::Value`s to tweak before `FakeApi::push_update`, which fills
//! in `update_id`, `message_id`, query ids and any missing `date`.

use serde_json::{Value, json};

use super::objects::{self, chat_member, now_unix};

/// The user Telegram shows as the author of an anonymous group admin's message.
pub const ANONYMOUS_ADMIN_ID: i64 = 1_087_968_824;

/// A human user speaking `language_code` (e.g. "ar", "en").
#[must_use]
pub fn user(id: i64, first_name: &str, language_code: &str) -> Value {
    json!({
        "id": id,
        "is_bot": false,
        "first_name": first_name,
        "username": username(first_name, id),
        "language_code": language_code,
    })
}

/// Telegram usernames are ASCII letters, digits and `_`.
fn username(first_name: &str, id: i64) -> String {
    let ascii: String = first_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let stem = if ascii.is_empty() { "user" } else { &ascii };
    format!("{stem}_{id}")
}

#[must_use]
pub fn private_chat(user: &Value) -> Value {
    objects::private_chat_of(user)
}

/// A basic group; Telegram gives these small negative ids, e.g. -4001.
#[must_use]
pub fn group_chat(id: i64, title: &str) -> Value {
    json!({ "id": id, "type": "group", "title": title })
}

/// A supergroup; Telegram gives these `-100…` ids, e.g. -1001234567890.
#[must_use]
pub fn supergroup_chat(id: i64, title: &str) -> Value {
    json!({ "id": id, "type": "supergroup", "title": title })
}

#[must_use]
pub fn channel_chat(id: i64, title: &str) -> Value {
    json!({ "id": id, "type": "channel", "title": title })
}

/// A text `Message` (not an update) in `chat` from `from`; a leading `/command` gets its
/// `bot_command` entity as Telegram adds it.
#[must_use]
pub fn text_message(chat: &Value, from: &Value, text: &str) -> Value {
    let mut message = json!({ "from": from, "chat": chat, "date": now_unix(), "text": text });
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        message["entities"] = json!([{
            "type": "bot_command",
            "offset": 0,
            "length": command.encode_utf16().count(),
        }]);
    }
    message
}

/// Wraps a `Message` as a `message` update.
#[must_use]
pub fn message_update(message: Value) -> Value {
    json!({ "message": message })
}

/// `user` writes `text` to the bot in private.
#[must_use]
pub fn private_text(user: &Value, text: &str) -> Value {
    message_update(text_message(&private_chat(user), user, text))
}

/// `from` writes `text` in a group or supergroup.
#[must_use]
pub fn group_text(chat: &Value, from: &Value, text: &str) -> Value {
    message_update(text_message(chat, from, text))
}

/// An anonymous admin writes `text` in a group: `from` is GroupAnonymousBot and
/// `sender_chat` is the group itself.
#[must_use]
pub fn anonymous_admin_text(chat: &Value, text: &str) -> Value {
    let anonymous = json!({
        "id": ANONYMOUS_ADMIN_ID,
        "is_bot": true,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    });
    let mut message = text_message(chat, &anonymous, text);
    message["sender_chat"] = chat.clone();
    message_update(message)
}

/// The service message in the old basic `group` saying it became `supergroup_id`. Once
/// pushed, sends to the old id fail with `migrate_to_chat_id`, as on Telegram.
#[must_use]
pub fn migrate_to(group: &Value, from: &Value, supergroup_id: i64) -> Value {
    message_update(json!({
        "from": from,
        "chat": group,
        "date": now_unix(),
        "migrate_to_chat_id": supergroup_id,
    }))
}

/// The matching service message in the new `supergroup`.
#[must_use]
pub fn migrate_from(supergroup: &Value, from: &Value, group_id: i64) -> Value {
    message_update(json!({
        "from": from,
        "chat": supergroup,
        "date": now_unix(),
        "migrate_from_chat_id": group_id,
    }))
}

/// `from` presses a button carrying `data` under `message` (e.g. `SentMessage::message`).
#[must_use]
pub fn callback_query(from: &Value, message: &Value, data: &str) -> Value {
    json!({
        "callback_query": {
            "from": from,
            "message": message,
            "chat_instance": format!("instance-{}", message["chat"]["id"]),
            "data": data,
        }
    })
}

/// `from` types `@bot query` in some chat.
#[must_use]
pub fn inline_query(from: &Value, query: &str) -> Value {
    json!({
        "inline_query": { "from": from, "query": query, "offset": "", "chat_type": "sender" }
    })
}

/// The bot's own membership in `chat` changed from `old_status` to `new_status` by `from`'s
/// hand ("member" → "kicked" is a kick; in a private chat, a block). Once pushed, the fake
/// refuses the bot's sends there when the new status is "kicked" or "left".
#[must_use]
pub fn my_chat_member(
    chat: &Value,
    from: &Value,
    bot: &Value,
    old_status: &str,
    new_status: &str,
) -> Value {
    json!({
        "my_chat_member": {
            "chat": chat,
            "from": from,
            "date": now_unix(),
            "old_chat_member": chat_member(bot, old_status),
            "new_chat_member": chat_member(bot, new_status),
        }
    })
}
