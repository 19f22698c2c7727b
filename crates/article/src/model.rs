//! The parsed article: plain data, serialisable to the JSON schema in the README.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A whole parsed article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The dateline standing on its own line near the top (`بغداد - الجزيرة نت`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Publication date: from metadata, else the date line at the top, else
    /// inferred, else none.
    #[serde(serialize_with = "ser_opt_date")]
    pub published: Option<chrono::NaiveDate>,
    pub language: String,
    pub sections: Vec<Section>,
    pub tweets: Vec<Tweet>,
    pub dates: Vec<DateMention>,
    pub timeline: Vec<TimelineEntry>,
    pub summary: Vec<String>,
    /// Every sentence of the body (tweets excluded), in article order.
    #[serde(skip)]
    pub sentences: Vec<Sentence>,
    /// Indices into `sentences`, best first, near-duplicates removed.
    #[serde(skip)]
    pub ranking: Vec<usize>,
}

/// The lead (index 0, no heading) or a headed section.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub index: usize,
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

/// An embedded tweet: its text line and the `— Name (@handle) date` attribution.
#[derive(Debug, Clone, Serialize)]
pub struct Tweet {
    pub text: String,
    pub author: String,
    pub handle: String,
    #[serde(serialize_with = "ser_opt_date")]
    pub date: Option<chrono::NaiveDate>,
    pub url: String,
    /// Index of the section the tweet sits in.
    pub section: usize,
    /// How many of that section's paragraphs come before the tweet.
    pub position: usize,
    /// The attribution line as written.
    #[serde(skip)]
    pub attribution: String,
}

/// One sentence of the body, with where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub section: usize,
    pub paragraph: usize,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Which calendar a date expression was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// A calendar value at year, month or day precision. Ordered chronologically
/// (a year sorts before its months, a month before its days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateValue {
    #[must_use]
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    #[must_use]
    pub fn month(year: i32, month: u32) -> Self {
        Self {
            year,
            month: Some(month),
            day: None,
        }
    }

    #[must_use]
    pub fn day(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    #[must_use]
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The value as a day, when it has day precision and is a real date.
    #[must_use]
    pub fn as_date(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
}

impl fmt::Display for DateValue {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One date expression found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct DateMention {
    /// The exact substring of the article.
    pub text: String,
    /// The resolved value; none when it is relative and there is no publication date.
    pub date: Option<DateValue>,
    /// Whether the text settles the value: false when it rests on a default
    /// the text does not confirm (a bare weekday with no tense or cue, the year
    /// of a day and month in a passage that narrates another year, `اليوم`
    /// that may mean "nowadays"). An uncertain value is never copied to
    /// another mention and never stated as fact.
    pub certain: bool,
    pub precision: Precision,
    pub calendar: Calendar,
    /// For a Hijri expression: its Gregorian equivalent (day precision when a day is
    /// given, else the Gregorian year in which the Hijri year begins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gregorian: Option<DateValue>,
    /// Index of the section it sits in.
    pub section: usize,
    /// The sentence (or tweet text / attribution line) it dates, shared with
    /// the other mentions of that sentence.
    pub sentence: SharedText,
    /// Where `text` starts in `sentence`, in bytes.
    #[serde(skip)]
    pub offset: usize,
    /// The kind of text it was read in.
    #[serde(rename = "in")]
    pub place: Place,
}

/// The kind of text a date mention was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The headline on the article's first line.
    Headline,
    /// A section's sub-heading.
    Heading,
    /// A sentence of the lead or a section.
    Body,
    /// An embedded tweet's text or its attribution line.
    Tweet,
}

/// Text held once and shared by everything that points at it: a sentence with
/// many dates is one allocation, not a copy per date. Reads as a `str`,
/// compares with strings, serialises as one.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SharedText(Arc<str>);

impl SharedText {
    /// Whether both are the very same text (one sentence), not merely equal.
    #[must_use]
    pub fn same(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        Self(text.into())
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == *other.0
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        **self == *other.0
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        **self == *other.0
    }
}

/// One entry of the key-dates timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: DateValue,
    pub precision: Precision,
    /// False when every mention of this date is uncertain: shown marked as such.
    pub certain: bool,
    /// The clause the date belongs to.
    pub event: String,
    pub section: usize,
}

fn ser_opt_date<S: Serializer>(d: &Option<chrono::NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
        None => s.serialize_none(),
    }
}
