//! JSON of the objects the fake hands out: the bot's user, chats, chat members, messages.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

/// Supergroup and channel ids start with -100 followed by at least ten digits.
const SUPERGROUP_ID_BELOW: i64 = -1_000_000_000_000;

/// The statuses `getChatMember` can report.
pub const MEMBER_STATUSES: &[&str] = &[
    "creator",
    "administrator",
    "member",
    "restricted",
    "left",
    "kicked",
];

#[must_use]
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[must_use]
pub fn bot_user(id: i64, first_name: &str, username: &str) -> Value {
    json!({ "id": id, "is_bot": true, "first_name": first_name, "username": username })
}

/// The `getMe` result: the bot's user plus the capability flags teloxide's `Me` requires.
#[must_use]
pub fn me(bot: &Value, can_read_all_group_messages: bool) -> Value {
    let mut me = bot.clone();
    let extra = json!({
        "can_join_groups": true,
        "can_read_all_group_messages": can_read_all_group_messages,
        "supports_inline_queries": true,
        "can_connect_to_business": false,
        "has_main_web_app": false,
    });
    merge(&mut me, &extra);
    me
}

/// A plausible chat for an id no update introduced: private for positive ids, a supergroup
/// for `-100…` ids, a basic group otherwise.
#[must_use]
pub fn synthetic_chat(id: i64) -> Value {
    if id > 0 {
        json!({ "id": id, "type": "private", "first_name": format!("User {id}") })
    } else if id < SUPERGROUP_ID_BELOW {
        json!({ "id": id, "type": "supergroup", "title": format!("Supergroup {id}") })
    } else {
        json!({ "id": id, "type": "group", "title": format!("Group {id}") })
    }
}

#[must_use]
pub fn synthetic_user(id: i64) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": format!("User {id}") })
}

/// The private chat with `user`.
#[must_use]
pub fn private_chat_of(user: &Value) -> Value {
    let mut chat = json!({ "id": user["id"], "type": "private", "first_name": user["first_name"] });
    for key in ["last_name", "username"] {
        if let Some(value) = user.get(key) {
            chat[key] = value.clone();
        }
    }
    chat
}

/// The `getChat` result for a chat object.
#[must_use]
pub fn chat_full_info(chat: &Value) -> Value {
    let mut full = chat.clone();
    let extra = json!({
        "accepted_gift_types": {
            "unlimited_gifts": false,
            "limited_gifts": false,
            "unique_gifts": false,
            "premium_subscription": false,
        },
        "max_reaction_count": 11,
    });
    merge(&mut full, &extra);
    full
}

/// A `ChatMember` with every field its `status` requires.
///
/// # Panics
/// On a status Telegram does not have (a bug in the test).
#[must_use]
pub fn chat_member(user: &Value, status: &str) -> Value {
    let mut member = json!({ "user": user, "status": status });
    let extra = match status {
        "creator" => json!({ "is_anonymous": false }),
        "administrator" => json!({
            "is_anonymous": false,
            "can_be_edited": false,
            "can_manage_chat": true,
            "can_change_info": true,
            "can_delete_messages": true,
            "can_manage_video_chats": true,
            "can_invite_users": true,
            "can_restrict_members": true,
            "can_pin_messages": true,
            "can_promote_members": false,
        }),
        "restricted" => {
            let mut restricted = json!({ "until_date": 0, "is_member": true });
            for right in [
                "can_send_messages",
                "can_send_audios",
                "can_send_documents",
                "can_send_photos",
                "can_send_videos",
                "can_send_video_notes",
                "can_send_voice_notes",
                "can_send_other_messages",
                "can_add_web_page_previews",
                "can_change_info",
                "can_invite_users",
                "can_pin_messages",
                "can_manage_topics",
                "can_send_polls",
            ] {
                restricted[right] = Value::Bool(false);
            }
            restricted
        }
        "kicked" => json!({ "until_date": 0 }),
        "member" | "left" => json!({}),
        other => {
            panic!("unknown chat member status {other:?}; expected one of {MEMBER_STATUSES:?}")
        }
    };
    merge(&mut member, &extra);
    member
}

/// A text message as `sendMessage` returns it. `reply_markup` is kept only when it is an
/// inline keyboard, the only kind a `Message` carries.
#[must_use]
pub fn text_message(
    message_id: i64,
    chat: &Value,
    from: &Value,
    text: &str,
    reply_markup: Option<&Value>,
) -> Value {
    let mut message = json!({
        "message_id": message_id,
        "from": from,
        "chat": chat,
        "date": now_unix(),
        "text": text,
    });
    if let Some(markup) = reply_markup.filter(|m| m.get("inline_keyboard").is_some()) {
        message["reply_markup"] = markup.clone();
    }
    message
}

/// The `type` of a chat object, `"private"` when it has none.
#[must_use]
pub fn chat_type(chat: &Value) -> &str {
    chat["type"].as_str().unwrap_or("private")
}

/// Copies the keys of the object `extra` into the object `target`.
pub fn merge(target: &mut Value, extra: &Value) {
    if let (Some(target), Some(extra)) = (target.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            target.insert(key.clone(), value.clone());
        }
    }
}
