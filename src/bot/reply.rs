//! What the bot says, before it is sent: plain data shared by Telegram and the console.

/// The language of the bot's own texts (the article itself stays in its language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    /// The default for a Telegram `language_code`: English for `en*`, Arabic otherwise.
    #[must_use]
    pub fn from_code(code: Option<&str>) -> Self {
        match code {
            Some(c) if c.to_ascii_lowercase().starts_with("en") => Self::En,
            _ => Self::Ar,
        }
    }

    /// Parses `ar` / `en` as typed after `/lang`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "arabic" | "عربي" | "العربية" => Some(Self::Ar),
            "en" | "english" | "انجليزي" | "الإنجليزية" => Some(Self::En),
            _ => None,
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::En => "en",
        }
    }
}

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
