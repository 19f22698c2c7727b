//! What the store records about a chat: its kind and its language, as enums
//! with the codes they are stored under.

use super::StoreError;

/// The kind of a Telegram chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
    Channel,
}

impl ChatKind {
    pub const ALL: [Self; 4] = [Self::Private, Self::Group, Self::Supergroup, Self::Channel];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Group => "group",
            Self::Supergroup => "supergroup",
            Self::Channel => "channel",
        }
    }

    /// Groups have their own pace (20 messages a minute) and their own guard
    /// (admins only); channels are neither.
    #[must_use]
    pub fn is_group(self) -> bool {
        matches!(self, Self::Group | Self::Supergroup)
    }
}

impl std::str::FromStr for ChatKind {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown chat type {s:?}")))
    }
}

/// The language of the bot's own texts in a chat (the article stays in its language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    /// The code it is stored under.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        match s {
            "ar" => Ok(Self::Ar),
            "en" => Ok(Self::En),
            _ => Err(StoreError::Corrupt(format!("unknown language {s:?}"))),
        }
    }
}
