//! What the bot says, before it is sent: plain data shared by Telegram and the console.

/// One or more messages answering one input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub messages: Vec<Outgoing>,
    /// The article version this reply delivers to the chat (a new subscriber's
    /// first summary): once sent, it counts as that version's delivery.
    pub delivers: Option<String>,
}

impl Reply {
    /// A reply of one message without buttons.
    #[must_use]
    pub fn text(html: impl Into<String>) -> Self {
        Self {
            messages: vec![Outgoing {
                html: html.into(),
                buttons: Vec::new(),
            }],
            delivers: None,
        }
    }

    /// Messages from HTML parts in order, the keyboard under the last one
    /// (empty rows dropped).
    #[must_use]
    pub fn parts(parts: Vec<String>, mut buttons: Vec<Vec<Button>>) -> Self {
        buttons.retain(|row| !row.is_empty());
        let mut messages: Vec<Outgoing> = parts
            .into_iter()
            .map(|html| Outgoing {
                html,
                buttons: Vec::new(),
            })
            .collect();
        if let Some(last) = messages.last_mut() {
            last.buttons = buttons;
        }
        Self {
            messages,
            delivers: None,
        }
    }
}

/// One message: HTML (Telegram's subset, every dynamic fragment escaped) and
/// an inline keyboard as rows of buttons.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outgoing {
    pub html: String,
    pub buttons: Vec<Vec<Button>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub action: Action,
}

impl Button {
    #[must_use]
    pub fn callback(label: impl Into<String>, data: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            action: Action::Callback(data.into()),
        }
    }

    #[must_use]
    pub fn url(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            action: Action::Url(url.into()),
        }
    }

    #[must_use]
    pub fn switch_inline(label: impl Into<String>, query: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            action: Action::SwitchInline(query.into()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `callback_data`, at most 64 bytes.
    Callback(String),
    Url(String),
    /// Opens inline mode in another chat with this query.
    SwitchInline(String),
}
