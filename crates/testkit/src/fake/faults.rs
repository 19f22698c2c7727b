//! Scripted failures: which call fails, how, and the exact response Telegram (or a proxy in
//! front of it) would send.

use std::time::Duration;

use serde_json::json;

use super::reply::Reply;

/// One way a Bot API call can go wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 429 with `parameters.retry_after`; teloxide: `RequestError::RetryAfter`.
    TooManyRequests { retry_after: u32 },
    /// An nginx-style HTML error page with this status; teloxide first sleeps 10 s on any
    /// 5xx, then fails to parse it: `RequestError::InvalidJson`.
    Status(u16),
    /// HTTP 403 worded for the chat's type: "bot was blocked by the user" (private,
    /// `ApiError::BotBlocked`), "bot was kicked from the supergroup chat"
    /// (`BotKickedFromSupergroup`), "… channel chat" (`BotKickedFromChannel`), "… group chat"
    /// (teloxide has no variant: `ApiError::Unknown`).
    Forbidden,
    /// HTTP 400 with `parameters.migrate_to_chat_id`; teloxide: `RequestError::MigrateToChatId`.
    Migrated(i64),
    /// Waits, then answers normally.
    Delay(Duration),
    /// Any Bot API error envelope, e.g. `{ status: 502, description: "Bad Gateway" }` as
    /// Telegram itself sends (teloxide: `ApiError::Unknown` after its 10 s 5xx sleep).
    Api { status: u16, description: String },
    /// The connection breaks mid-response; teloxide: `RequestError::Network`.
    Disconnect,
}

/// When a fault fires: for which method, which chat, how many times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    pub fault: Fault,
    /// Method name, matched case-insensitively; `None` matches every method.
    pub method: Option<String>,
    /// The request's `chat_id`; `None` matches every request.
    pub chat_id: Option<i64>,
    /// How many more calls it fails; `None` fails them all until `clear_faults`.
    pub times: Option<usize>,
}

impl FaultRule {
    /// Fails the next matching call once.
    #[must_use]
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            method: None,
            chat_id: None,
            times: Some(1),
        }
    }

    #[must_use]
    pub fn method(self, method: &str) -> Self {
        Self {
            method: Some(method.to_owned()),
            ..self
        }
    }

    #[must_use]
    pub fn chat(self, chat_id: i64) -> Self {
        Self {
            chat_id: Some(chat_id),
            ..self
        }
    }

    #[must_use]
    pub fn times(self, times: usize) -> Self {
        Self {
            times: Some(times),
            ..self
        }
    }

    #[must_use]
    pub fn always(self) -> Self {
        Self {
            times: None,
            ..self
        }
    }

    #[must_use]
    pub fn matches(&self, method: &str, chat_id: Option<i64>) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.chat_id.is_none_or(|c| chat_id == Some(c))
    }
}

/// Takes the first rule matching this call, using one of its `times`.
pub fn take(rules: &mut Vec<FaultRule>, method: &str, chat_id: Option<i64>) -> Option<Fault> {
    let index = rules
        .iter()
        .position(|rule| rule.matches(method, chat_id))?;
    let rule = &mut rules[index];
    let fault = rule.fault.clone();
    match &mut rule.times {
        Some(1) | Some(0) => {
            rules.remove(index);
        }
        Some(n) => *n -= 1,
        None => {}
    }
    Some(fault)
}

/// The response for every fault but `Delay`, worded for a chat of `chat_type`.
#[must_use]
pub fn reply(fault: &Fault, chat_type: &str) -> Reply {
    match fault {
        Fault::TooManyRequests { retry_after } => too_many_requests(*retry_after),
        Fault::Status(status) => Reply::Raw {
            status: *status,
            content_type: "text/html",
            body: proxy_page(*status),
        },
        Fault::Forbidden => forbidden(chat_type, "kicked"),
        Fault::Migrated(to) => migrated(*to),
        Fault::Api {
            status,
            description,
        } => Reply::error(*status, description.clone()),
        Fault::Disconnect => Reply::Disconnect,
        Fault::Delay(_) => unreachable!("a delay is waited out, not answered"),
    }
}

#[must_use]
pub fn too_many_requests(retry_after: u32) -> Reply {
    Reply::Error {
        status: 429,
        description: format!("Too Many Requests: retry after {retry_after}"),
        parameters: Some(json!({ "retry_after": retry_after })),
    }
}

#[must_use]
pub fn migrated(to: i64) -> Reply {
    Reply::Error {
        status: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat".to_owned(),
        parameters: Some(json!({ "migrate_to_chat_id": to })),
    }
}

/// The 403 for a bot whose own status in a chat of `chat_type` is `"kicked"` or `"left"`.
#[must_use]
pub fn forbidden(chat_type: &str, bot_status: &str) -> Reply {
    let description = match (chat_type, bot_status) {
        ("private", _) => "Forbidden: bot was blocked by the user".to_owned(),
        (kind, "left") => format!("Forbidden: bot is not a member of the {kind} chat"),
        (kind, _) => format!("Forbidden: bot was kicked from the {kind} chat"),
    };
    Reply::error(403, description)
}

fn proxy_page(status: u16) -> String {
    let reason = match status {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Time-out",
        _ => "Error",
    };
    format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n\
         <center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n\
         </body>\r\n</html>\r\n"
    )
}
