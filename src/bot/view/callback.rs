//! Compact `callback_data` for inline buttons, one [`Press`] each:
//!
//! - a view of one article version: the article's id, the version's tag and the
//!   view, `a1b2c3d4.3f9a01bc:s2` (buttons made before articles had ids carry
//!   the tag alone, `3f9a01bc:s2`);
//! - a page of the archive, `arc:2`; an article to open, `open:a1b2c3d4`; back to
//!   the latest article, `latest`.
//!
//! The handler finds the version by its tag on the shelf; failing that, the
//! article by its id (an older version: the stale notice and its present one);
//! failing that, the article is gone and the reply says so.

use crate::content::ID_LEN;
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

/// What a button asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Press {
    /// A view of the article version tagged `tag` (of article `article`, when known).
    View {
        article: Option<String>,
        tag: String,
        view: Callback,
    },
    /// A page of the archive (0 is the newest).
    Archive(usize),
    /// Open an article for this chat: every view then works on it.
    Open(String),
    /// Back to the latest article.
    Latest,
}

/// Longest archive page number a button may carry.
const PAGE_DIGITS: usize = 6;

impl Press {
    /// The button data; at most 40 bytes, well under [`MAX_LEN`].
    #[must_use]
    pub fn encode(&self) -> String {
        match self {
            Self::View {
                article: Some(id),
                tag,
                view,
            } => format!("{id}.{tag}:{view}"),
            Self::View {
                article: None,
                tag,
                view,
            } => format!("{tag}:{view}"),
            Self::Archive(page) => format!("arc:{page}"),
            Self::Open(id) => format!("open:{id}"),
            Self::Latest => "latest".to_string(),
        }
    }

    /// Reads data made by [`Press::encode`] (or by [`Callback::encode`]).
    ///
    /// # Errors
    /// [`CallbackError`] for data this bot did not make.
    pub fn decode(data: &str) -> Result<Self, CallbackError> {
        let unknown = || CallbackError::Unknown(data.to_string());
        if data == "latest" {
            return Ok(Self::Latest);
        }
        if let Some(page) = data.strip_prefix("arc:") {
            let ok =
                (1..=PAGE_DIGITS).contains(&page.len()) && page.bytes().all(|b| b.is_ascii_digit());
            return ok
                .then(|| page.parse().ok())
                .flatten()
                .map(Self::Archive)
                .ok_or_else(unknown);
        }
        if let Some(id) = data.strip_prefix("open:") {
            return is_id(id)
                .then(|| Self::Open(id.to_string()))
                .ok_or_else(unknown);
        }
        let (head, view) = data
            .split_once(':')
            .ok_or_else(|| CallbackError::NoTag(data.to_string()))?;
        let (article, tag) = match head.split_once('.') {
            Some((id, tag)) if is_id(id) => (Some(id.to_string()), tag),
            Some(_) => return Err(CallbackError::NoTag(data.to_string())),
            None => (None, head),
        };
        if !(1..=TAG_LEN).contains(&tag.len()) || !tag.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(CallbackError::NoTag(data.to_string()));
        }
        Ok(Self::View {
            article,
            tag: tag.to_string(),
            view: view.parse().map_err(|()| unknown())?,
        })
    }
}

/// Whether `id` looks like an article id.
fn is_id(id: &str) -> bool {
    (1..=ID_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
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
    /// `TAG:VIEW`, without the article id; at most 30 bytes.
    #[must_use]
    pub fn encode(&self, version: &str) -> String {
        format!("{}:{self}", tag(version))
    }

    /// `ID.TAG:VIEW`: this view of the version `version` of article `article`.
    #[must_use]
    pub fn encode_for(&self, article: &str, version: &str) -> String {
        Press::View {
            article: Some(article.to_string()),
            tag: tag(version),
            view: *self,
        }
        .encode()
    }

    /// Reads the data of a view button into its version tag and view.
    ///
    /// # Errors
    /// [`CallbackError`] for data without a tag or naming no known view.
    pub fn decode(data: &str) -> Result<(String, Self), CallbackError> {
        match Press::decode(data)? {
            Press::View { tag, view, .. } => Ok((tag, view)),
            _ => Err(CallbackError::Unknown(data.to_string())),
        }
    }
}

impl std::str::FromStr for Callback {
    type Err = ();

    /// The view part of button data (`sum`, `s2`, …).
    fn from_str(view: &str) -> Result<Self, ()> {
        Ok(match view {
            "sum" => Self::Summary,
            "toc" => Self::Sections,
            "dates" => Self::Dates,
            "tweet" => Self::Tweet,
            "all" => Self::Article,
            _ => {
                let n = view.strip_prefix('s').ok_or(())?;
                if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(());
                }
                Self::Section(n.parse().map_err(|_| ())?)
            }
        })
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
    fn presses_round_trip_within_64_bytes() {
        let all = [
            Press::View {
                article: Some("a1b2c3d4".into()),
                tag: tag(VERSION),
                view: Callback::Section(usize::MAX),
            },
            Press::View {
                article: None,
                tag: tag(VERSION),
                view: Callback::Dates,
            },
            Press::Archive(0),
            Press::Archive(999_999),
            Press::Open("a1b2c3d4".into()),
            Press::Latest,
        ];
        for p in all {
            let data = p.encode();
            assert!(data.len() <= MAX_LEN, "{data}");
            assert_eq!(Press::decode(&data), Ok(p));
        }
        assert_eq!(
            Callback::Section(2).encode_for("a1b2c3d4", VERSION),
            "a1b2c3d4.3f9a01bc:s2"
        );
        assert_eq!(
            Callback::decode("a1b2c3d4.3f9a01bc:s2"),
            Ok(("3f9a01bc".into(), Callback::Section(2)))
        );
        for bad in [
            "arc:",
            "arc:x",
            "arc:1234567",
            "open:",
            "open:a-b",
            "open:123456789",
            "a.b.c:sum",
            ".abc:sum",
            "toolongid1.abc:sum",
            "latest:",
            "arc:-1",
        ] {
            assert!(Press::decode(bad).is_err(), "{bad:?}");
        }
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
