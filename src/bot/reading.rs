//! Which article each chat is reading when it is not the latest: chosen from
//! `/archive` or a deep link, kept until `/latest` or, in a subscribed chat,
//! until a new article arrives.
//!
//! Read from memory, so a reply never waits for the database: the store keeps
//! every choice (written through by the app), fills this map at start, and on
//! PostgreSQL tells each replica of the others' changes (`follow`). The map is
//! bounded; the chats that chose longest ago are forgotten first.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Most chats remembered at once (about 100 bytes each).
pub const CHATS_MAX: usize = 100_000;

/// One chat's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The chosen article's id.
    pub article: String,
    /// The latest article version when the choice was made: a newer one ends the
    /// choice in a subscribed chat.
    pub since: String,
}

/// Every chat's choice.
#[derive(Debug)]
pub struct Reading {
    chats: Mutex<Chats>,
    max: usize,
}

#[derive(Debug, Default)]
struct Chats {
    by_chat: HashMap<i64, (Choice, u64)>,
    clock: u64,
}

impl Default for Reading {
    fn default() -> Self {
        Self::new(CHATS_MAX)
    }
}

impl Reading {
    #[must_use]
    pub fn new(max: usize) -> Self {
        Self {
            chats: Mutex::new(Chats::default()),
            max: max.max(1),
        }
    }

    /// The chat now reads `article`; `latest` is the latest version at this moment.
    pub fn choose(&self, chat: i64, article: &str, latest: &str) {
        let mut c = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
        c.clock += 1;
        let stamp = c.clock;
        let choice = Choice {
            article: article.to_string(),
            since: latest.to_string(),
        };
        c.by_chat.insert(chat, (choice, stamp));
        if c.by_chat.len() > self.max {
            // Forget the oldest tenth at once, so this runs rarely.
            let mut stamps: Vec<u64> = c.by_chat.values().map(|(_, s)| *s).collect();
            let cut = (self.max / 10).max(1).min(stamps.len() - 1);
            let (_, &mut oldest_kept, _) = stamps.select_nth_unstable(cut);
            c.by_chat.retain(|_, (_, s)| *s >= oldest_kept);
        }
    }

    /// Another replica's change, heard through the store: the chat's choice
    /// now, or none.
    pub fn replace(&self, chat: i64, choice: Option<Choice>) {
        match choice {
            Some(c) => self.choose(chat, &c.article, &c.since),
            None => {
                self.clear(chat);
            }
        }
    }

    /// The chat's choice, if it has one.
    #[must_use]
    pub fn get(&self, chat: i64) -> Option<Choice> {
        let c = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
        c.by_chat.get(&chat).map(|(choice, _)| choice.clone())
    }

    /// Back to the latest article; whether the chat had chosen another.
    pub fn clear(&self, chat: i64) -> bool {
        let mut c = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
        c.by_chat.remove(&chat).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_kept_per_chat_and_cleared() {
        let r = Reading::default();
        r.choose(1, "aaaa", "v1");
        r.choose(2, "bbbb", "v1");
        assert_eq!(r.get(1).map(|c| c.article), Some("aaaa".into()));
        assert!(r.clear(1));
        assert!(!r.clear(1));
        assert_eq!(r.get(1), None);
        assert_eq!(r.get(2).map(|c| c.since), Some("v1".into()));
    }

    #[test]
    fn the_oldest_choices_are_forgotten_first() {
        let r = Reading::new(20);
        for chat in 0..25 {
            r.choose(chat, "aaaa", "v1");
        }
        assert!(r.get(0).is_none(), "the first chooser is forgotten");
        assert!(r.get(24).is_some(), "the last is kept");
        let kept = (0..25).filter(|&c| r.get(c).is_some()).count();
        assert!(kept <= 20, "{kept}");
    }
}
