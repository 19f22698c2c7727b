//! Compact `callback_data` for inline buttons: which view to show, tagged with
//! the article version the button was made for, e.g. `3f9a01bc:s2`.
//!
//! The handler compares the tag with the current version; on a mismatch it
//! shows the stale-button notice and the current article.

use std::fmt;

/// Telegram's limit on `callback_data`, in bytes.
pub const MAX_LEN: usize = 64;

/// How many characters of the version go into the tag.
pub const TAG_LEN: usize = 8;

/// What a button asks to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Callback {
    Summary,
    Sections,
    /// A section by its position in `Article::sections` (0 is the lead).
    Section(usize),
    Dates,
    Tweet,
    Article,
}

/// Callback data this bot did not make (or made in a format since retired).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("callback data {0:?} has no version tag")]
    NoTag(String),
    #[error("callback data {0:?} names no view this bot knows")]
    Unknown(String),
}

/// The tag for a version: its first [`TAG_LEN`] ASCII letters and digits, lower-cased
/// (`0` for a version with none).
#[must_use]
pub fn tag(version: &str) -> String {
    let tag: String = version
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(TAG_LEN)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if tag.is_empty() { "0".to_string() } else { tag }
}

/// Whether a decoded tag was made for this version.
#[must_use]
pub fn is_current(tag: &str, version: &str) -> bool {
    tag == self::tag(version)
}

impl Callback {
    /// `TAG:VIEW`; at most 30 bytes, well under [`MAX_LEN`].
    #[must_use]
    pub fn encode(&self, version: &str) -> String {
        format!("{}:{self}", tag(version))
    }

    /// Reads data made by [`Callback::encode`] into its version tag and view.
    ///
    /// # Errors
    /// [`CallbackError`] for data without a tag or naming no known view.
    pub fn decode(data: &str) -> Result<(String, Self), CallbackError> {
        let (tag, view) = data
            .split_once(':')
            .filter(|(t, _)| {
                (1..=TAG_LEN).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric())
            })
            .ok_or_else(|| CallbackError::NoTag(data.to_string()))?;
        let unknown = || CallbackError::Unknown(data.to_string());
        let cb = match view {
            "sum" => Self::Summary,
            "toc" => Self::Sections,
            "dates" => Self::Dates,
            "tweet" => Self::Tweet,
            "all" => Self::Article,
            _ => {
                let n = view.strip_prefix('s').ok_or_else(unknown)?;
                if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(unknown());
                }
                Self::Section(n.parse().map_err(|_| unknown())?)
            }
        };
        Ok((tag.to_string(), cb))
    }
}

impl fmt::Display for Callback {
    /// The view part of the data, without the tag.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Summary => f.write_str("sum"),
            Self::Sections => f.write_str("toc"),
            Self::Section(i) => write!(f, "s{i}"),
            Self::Dates => f.write_str("dates"),
            Self::Tweet => f.write_str("tweet"),
            Self::Article => f.write_str("all"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERSION: &str = "3F9A01BCDEADBEEF00112233445566778899aabbccddeeff0011223344556677";

    #[test]
    fn round_trips_within_64_bytes() {
        let all = [
            Callback::Summary,
            Callback::Sections,
            Callback::Section(0),
            Callback::Section(usize::MAX),
            Callback::Dates,
            Callback::Tweet,
            Callback::Article,
        ];
        for cb in all {
            let data = cb.encode(VERSION);
            assert!(data.len() <= MAX_LEN, "{data}");
            let (tag, back) = Callback::decode(&data).unwrap();
            assert_eq!(back, cb);
            assert!(is_current(&tag, VERSION));
            assert!(!is_current(&tag, "0000000000"));
        }
        assert_eq!(Callback::Section(2).encode(VERSION), "3f9a01bc:s2");
    }

    #[test]
    fn odd_versions_still_make_a_tag() {
        assert_eq!(tag(""), "0");
        assert_eq!(tag("ab-cd"), "abcd");
        let (t, cb) = Callback::decode(&Callback::Tweet.encode("")).unwrap();
        assert!(is_current(&t, ""));
        assert_eq!(cb, Callback::Tweet);
    }

    #[test]
    fn rejects_foreign_data() {
        for bad in [
            "", "sum", ":sum", "abc:", "abc:s", "abc:s-1", "abc:s+1", "abc:x", "a b:sum",
        ] {
            assert!(Callback::decode(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Callback::decode("abc:s99999999999999999999999"),
            Err(CallbackError::Unknown(
                "abc:s99999999999999999999999".into()
            ))
        );
        assert!(matches!(
            Callback::decode("abcdefghi:sum"),
            Err(CallbackError::NoTag(_))
        ));
    }
}
