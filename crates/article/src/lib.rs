//! The article core: plain text in, [`Article`] out. Pure: no Telegram, no async, no SQL.
//!
//! - `normalize`: Arabic normalisation for matching, digit folding.
//! - `structure`: lines into title, lead, headed sections and embedded tweets;
//!   page furniture, datelines and date lines kept out of the sections.
//! - `sentences`: Arabic-aware sentence splitting.
//! - `dates`: every date expression, resolved against the publication date.
//! - `timeline`: key dates, deduplicated and chronological.
//! - `summary`: extractive summary, sentences scored by fitted feature weights.
//! - `search`: finding a section by number or by words of its heading.
//! - [`answer`]: answering a reader's question with the sentence that best answers it.
//!
//! Parsing costs time and memory linear in the text, whatever its shape: a
//! sentence is bounded (`sentences::MAX_WORDS`), each date is read with a
//! bounded window of tokens, and a date shares its sentence instead of copying
//! it. [`parse_with_stats`] reports the work done, for tests to check.

pub mod answer;
mod calendar;
mod dates;
mod model;
pub mod normalize;
mod search;
mod sentences;
mod structure;
pub mod summary;
mod timeline;

pub use model::{
    Article, Calendar, DateMention, DateValue, Place, Precision, Section, Sentence, SharedText,
    TimelineEntry, Tweet,
};
pub use sentences::{MAX_BYTES as SENTENCE_MAX_BYTES, MAX_WORDS as SENTENCE_MAX_WORDS};

use chrono::NaiveDate;

/// Default number of summary sentences.
pub const DEFAULT_SUMMARY_SENTENCES: usize = 3;
/// The longest summary anyone may ask for: the bot's `/summary N` and
/// `nashra parse --summary-sentences N` share this one limit.
pub const SUMMARY_MAX: usize = 10;
/// The largest article parsed by default (2 MiB): far above any real article,
/// small enough that one stray file cannot take the machine.
pub const DEFAULT_MAX_BYTES: usize = 2 * 1024 * 1024;

/// What went wrong turning text into an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("the article is empty: put the article text in the file, one paragraph per line")]
    Empty,
    #[error("the metadata is not valid TOML ({0}): fix the .toml file beside the article")]
    Metadata(String),
    #[error(
        "the article is {size} bytes, over the limit of {limit}: split it, or raise NASHRA_MAX_ARTICLE_BYTES"
    )]
    TooLarge { size: usize, limit: usize },
}

/// Metadata kept beside an article (`NAME.toml`). Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
}

/// Options that change how an article is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// Overrides the metadata's publication date.
    pub published: Option<NaiveDate>,
    pub summary_sentences: usize,
    /// Longer texts are refused, not parsed.
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            published: None,
            summary_sentences: DEFAULT_SUMMARY_SENTENCES,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Reads the metadata TOML (`title`, `source`, `url`, `published`, `language`).
/// `published` may be a TOML date or a `"YYYY-MM-DD"` string.
pub fn parse_metadata(text: &str) -> Result<Metadata, ParseError> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| ParseError::Metadata(e.message().to_string()))?;
    let string = |key: &str| -> Result<Option<String>, ParseError> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(_) => Err(ParseError::Metadata(format!("`{key}` must be a string"))),
        }
    };
    let published = match table.get("published") {
        None => None,
        Some(toml::Value::Datetime(dt)) => match dt.date {
            Some(d) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            None => None,
        }
        .map(Some)
        .ok_or_else(|| ParseError::Metadata("`published` must be a date".into()))?,
        Some(toml::Value::String(s)) => Some(
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                ParseError::Metadata("`published` must look like 2022-03-15".into())
            })?,
        ),
        Some(_) => return Err(ParseError::Metadata("`published` must be a date".into())),
    };
    Ok(Metadata {
        title: string("title")?,
        source: string("source")?,
        url: string("url")?,
        published,
        language: string("language")?,
    })
}

/// How much work one parse did, counted in units that do not depend on the
/// machine, so that tests can check it grows in step with the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseStats {
    /// Sentences of the body.
    pub sentences: usize,
    /// Bytes of the longest sentence (never more than [`SENTENCE_MAX_BYTES`]).
    pub longest_sentence: usize,
    /// Tokens the date grammar read, its lookahead and lookbehind included.
    pub date_tokens: u64,
    /// Bytes of sentence read around dates: each sentence with dates once for
    /// their tense, and once per timeline entry for its event.
    pub context_bytes: u64,
}

/// Parses an article's text. Fails only on an article with no text.
pub fn parse(text: &str, meta: &Metadata, opts: &ParseOptions) -> Result<Article, ParseError> {
    parse_with_stats(text, meta, opts).map(|(article, _)| article)
}

/// [`parse`], also telling how much work it took.
pub fn parse_with_stats(
    text: &str,
    meta: &Metadata,
    opts: &ParseOptions,
) -> Result<(Article, ParseStats), ParseError> {
    if text.len() > opts.max_bytes {
        return Err(ParseError::TooLarge {
            size: text.len(),
            limit: opts.max_bytes,
        });
    }
    let body = structure::split(text);
    if body
        .sections
        .iter()
        .all(|s| s.paragraphs.is_empty() && s.heading.is_none())
        && body.tweets.is_empty()
    {
        return Err(ParseError::Empty);
    }
    let sentences = sentences::of_sections(&body.sections);
    let scanned = dates::scan(
        body.title.as_deref(),
        &body.sections,
        &sentences,
        &body.tweets,
    );
    // A date line printed at the top says when the article was published more
    // surely than any date inferred from the text.
    let published = opts
        .published
        .or(meta.published)
        .or(body.published)
        .or_else(|| scanned.infer_published(&body.tweets));
    let (dates, tense_bytes) = scanned.extract(published);
    let (timeline, event_bytes) = timeline::build(&dates, &body.tweets);
    let stats = ParseStats {
        sentences: sentences.len(),
        longest_sentence: sentences.iter().map(|s| s.text.len()).max().unwrap_or(0),
        date_tokens: scanned.tokens,
        context_bytes: tense_bytes + event_bytes,
    };
    drop(scanned);
    let headline = meta.title.as_deref().or(body.title.as_deref());
    let ranking = summary::rank(&sentences, &body.tweets, headline);
    let title = meta
        .title
        .clone()
        .or(body.title)
        .unwrap_or_else(|| derive_title(&sentences, &body.sections, &body.tweets));
    let mut article = Article {
        title,
        source: meta.source.clone(),
        url: meta.url.clone(),
        dateline: body.dateline,
        published,
        language: meta.language.clone().unwrap_or_else(|| "ar".to_string()),
        sections: body.sections,
        tweets: body.tweets,
        dates,
        timeline,
        summary: Vec::new(),
        sentences,
        ranking,
    };
    article.summary = article.summarize(opts.summary_sentences);
    Ok((article, stats))
}

impl Article {
    /// The `n` best sentences, in article order.
    #[must_use]
    pub fn summarize(&self, n: usize) -> Vec<String> {
        let mut picked: Vec<usize> = self.ranking.iter().copied().take(n).collect();
        picked.sort_unstable();
        picked
            .into_iter()
            .map(|i| self.sentences[i].text.clone())
            .collect()
    }

    /// Finds a section by number (as shown to readers: 1 is the first headed
    /// section, 0 the lead) or by words of its heading.
    #[must_use]
    pub fn find_section(&self, query: &str) -> Option<usize> {
        search::find(&self.sections, query)
    }

    /// Every section whose heading matches the words of `query` by the rule
    /// [`Article::find_section`] uses, best first.
    #[must_use]
    pub fn sections_by_words(&self, query: &str) -> Vec<usize> {
        search::by_words(&self.sections, query)
    }
}

// A derived title longer than this many words is clipped.
const TITLE_MAX_WORDS: usize = 12;

/// A title for an article with neither metadata nor a title line: its first
/// sentence (a wire dateline left out), else its first tweet, else its first
/// heading; clipped to [`TITLE_MAX_WORDS`] words.
fn derive_title(sentences: &[Sentence], sections: &[Section], tweets: &[Tweet]) -> String {
    let text = sentences
        .first()
        .map(|s| s.text.as_str())
        .or_else(|| {
            tweets
                .iter()
                .flat_map(|t| [t.text.as_str(), t.author.as_str(), t.handle.as_str()])
                .find(|t| !t.is_empty())
        })
        .or_else(|| sections.iter().find_map(|s| s.heading.as_deref()))
        .unwrap_or_default();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= TITLE_MAX_WORDS {
        words.join(" ")
    } else {
        format!("{}…", words[..TITLE_MAX_WORDS].join(" "))
    }
}
