//! Annotated cases (`tests/corpus/**/NAME.expected.json`) and how a parse is
//! scored against them. Shared by the corpus test and `examples/score_dates.rs`.

use article::{Article, Calendar, Metadata, ParseOptions, parse, parse_metadata};
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};

/// What a careful reader finds in one article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// `dev` or `heldout` for real articles; none for synthetic ones.
    #[serde(default)]
    pub split: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub title_starts: Option<String>,
    /// Missing: not checked; `null`: the article has no dateline.
    #[serde(default, deserialize_with = "present")]
    pub dateline: Option<Option<String>>,
    #[serde(default)]
    pub lead_paragraphs: Option<usize>,
    pub headings: Vec<String>,
    pub tweets: Vec<ExpectedTweet>,
    pub dates: Vec<ExpectedDate>,
    /// Timeline events: the entry of `date` holds `contains` and not `excludes`.
    #[serde(default)]
    pub timeline: Vec<ExpectedEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedTweet {
    pub handle: String,
    pub date: Option<String>,
    #[serde(default)]
    pub section: Option<usize>,
    #[serde(default)]
    pub position: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedDate {
    pub text: String,
    pub date: Option<String>,
    pub precision: String,
    #[serde(default)]
    pub calendar: Option<String>,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedEvent {
    pub date: String,
    pub contains: String,
    pub excludes: String,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// One annotated article.
pub struct Case {
    /// The path under `tests/corpus/`, without extension.
    pub name: String,
    pub text: String,
    pub article: Article,
    pub expected: Expected,
}

#[must_use]
pub fn corpus_dir() -> PathBuf {
    crate::repo_root().join("tests/corpus")
}

/// The seed article in `content/`, without its extension.
#[must_use]
pub fn seed_base() -> PathBuf {
    crate::repo_root().join("content/2021-12-29-coalition-iraq")
}

/// The text of `BASE.txt` and the metadata of `BASE.toml` beside it (the
/// default metadata when there is none).
///
/// # Panics
/// When the text cannot be read or the metadata is invalid.
#[must_use]
pub fn read_article(base: &Path) -> (String, Metadata) {
    let text = read(&base.with_extension("txt").to_string_lossy());
    let toml = base.with_extension("toml");
    let meta = match std::fs::read_to_string(&toml) {
        Ok(raw) => parse_metadata(&raw).unwrap_or_else(|e| panic!("{}: {e}", toml.display())),
        Err(_) => Metadata::default(),
    };
    (text, meta)
}

/// `BASE.txt` parsed with its metadata and the default options: the one way
/// the tests load an article file.
///
/// # Panics
/// When the file cannot be read or does not parse.
#[must_use]
pub fn load(base: &Path) -> Article {
    let (text, meta) = read_article(base);
    parse(&text, &meta, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", base.display()))
}

/// A text parsed without metadata, published on `published` (`YYYY-MM-DD`).
///
/// # Panics
/// When the date is malformed or the text does not parse.
#[must_use]
pub fn parse_published(text: &str, published: &str) -> Article {
    let published = chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d")
        .unwrap_or_else(|_| panic!("bad test date {published}"));
    let opts = ParseOptions {
        published: Some(published),
        ..ParseOptions::default()
    };
    parse(text, &Metadata::default(), &opts).unwrap_or_else(|e| panic!("parse failed: {e:?}"))
}

/// Every annotated case under `dir`, sorted by name.
pub fn cases(dir: &Path) -> Vec<Case> {
    let mut paths = Vec::new();
    collect(dir, &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let stem = p
                .to_string_lossy()
                .trim_end_matches(".expected.json")
                .to_string();
            let name = Path::new(&stem)
                .strip_prefix(dir)
                .map_or(stem.clone(), |n| n.to_string_lossy().into_owned());
            let (text, meta) = read_article(Path::new(&stem));
            let article = parse(&text, &meta, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let expected = serde_json::from_str(&read(&p.to_string_lossy()))
                .unwrap_or_else(|e| panic!("{name}.expected.json: {e}"));
            Case {
                name,
                text,
                article,
                expected,
            }
        })
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.to_string_lossy().ends_with(".expected.json") {
            out.push(path);
        }
    }
}

/// Counts for one article or a total.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    /// Found mentions that match a certain annotation.
    pub right: usize,
    /// Found mentions counted (not those that only touch uncertain annotations).
    pub found: usize,
    /// Certain annotations, less those only a hedged mention touches.
    pub annotated: usize,
    /// Found mentions the parser marked uncertain: no claim, counted apart.
    pub hedged: usize,
    pub headings_found: usize,
    pub headings: usize,
    pub extra_headings: usize,
    pub tweets_found: usize,
    pub tweets: usize,
}

impl Score {
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.found)
    }
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.right, self.annotated)
    }
    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: &Score) {
        self.right += o.right;
        self.found += o.found;
        self.annotated += o.annotated;
        self.hedged += o.hedged;
        self.headings_found += o.headings_found;
        self.headings += o.headings;
        self.extra_headings += o.extra_headings;
        self.tweets_found += o.tweets_found;
        self.tweets += o.tweets;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A found mention, placed in the article text.
#[derive(Debug, Clone)]
pub struct Found {
    pub span: (usize, usize),
    pub text: String,
    pub value: Option<String>,
    pub calendar: Calendar,
    /// Whether the parser claims the value (`certain` in the JSON).
    pub certain: bool,
}

/// The parser's mentions with their byte spans in `text`: each is looked up in
/// its sentence, and the sentence in the text, both in reading order.
#[must_use]
pub fn found(case_text: &str, article: &Article) -> Vec<Found> {
    let mut out = Vec::new();
    let (mut sentence_from, mut last) = (0usize, None::<(usize, usize)>);
    for m in &article.dates {
        let start = match case_text[sentence_from..].find(&*m.sentence) {
            Some(at) => {
                let s = sentence_from + at;
                let within_from = match last {
                    Some((ls, le)) if ls >= s && ls < s + m.sentence.len() => le - s,
                    _ => 0,
                };
                sentence_from = s;
                m.sentence
                    .get(within_from..)
                    .and_then(|rest| rest.find(m.text.as_str()))
                    .map(|i| s + within_from + i)
            }
            None => None,
        };
        // A sentence not found verbatim (a tweet's, a cleaned line): the mention itself.
        let from = last.map_or(0, |(_, e)| e.min(case_text.len()));
        let start = start.or_else(|| case_text[from..].find(m.text.as_str()).map(|i| from + i));
        let start = start.unwrap_or(from);
        let span = (start, start + m.text.len());
        last = Some(span);
        out.push(Found {
            span,
            text: m.text.clone(),
            value: m.date.map(|d| d.to_string()),
            calendar: m.calendar,
            certain: m.certain,
        });
    }
    out
}

/// The annotations with their byte spans, in reading order.
#[must_use]
pub fn annotated(case_text: &str, dates: &[ExpectedDate]) -> Vec<((usize, usize), ExpectedDate)> {
    let mut from = 0;
    dates
        .iter()
        .map(|d| {
            let start = case_text[from..]
                .find(d.text.as_str())
                .map(|i| from + i)
                .or_else(|| case_text.find(d.text.as_str()))
                .unwrap_or_else(|| panic!("annotated text {:?} is not in the article", d.text));
            // Mentions do not overlap: the next one starts after this one.
            from = start + d.text.len();
            ((start, start + d.text.len()), d.clone())
        })
        .collect()
}

/// Whether a found value equals the annotated one at the annotated precision and calendar.
#[must_use]
pub fn same_value(found: &Found, want: &ExpectedDate) -> bool {
    let calendar = match found.calendar {
        Calendar::Gregorian => "gregorian",
        Calendar::Hijri => "hijri",
    };
    if want.calendar.as_deref().unwrap_or("gregorian") != calendar {
        return false;
    }
    match (&found.value, &want.date) {
        (Some(f), Some(w)) => f.len() >= w.len() && f[..w.len()] == **w,
        (None, None) => true,
        _ => false,
    }
}

/// One mismatch, for the report.
#[derive(Debug)]
pub enum Miss {
    /// Found, but no annotation there or the value differs.
    Wrong(Found, Option<ExpectedDate>),
    /// Annotated and not found with its value.
    Missed(ExpectedDate),
    /// Found and marked uncertain: no claim, listed for the report.
    Hedged(Found),
}

/// Scores one case; returns the counts and what went wrong.
#[must_use]
pub fn score(case: &Case) -> (Score, Vec<Miss>) {
    let found = found(&case.text, &case.article);
    let wants = annotated(&case.text, &case.expected.dates);
    let mut matched = vec![false; wants.len()];
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    // A mention the parser hedges claims nothing: it is left out, and so is
    // an annotation that only hedged mentions touch.
    let (claims, hedges): (Vec<Found>, Vec<Found>) = found.into_iter().partition(|f| f.certain);
    let left_out: Vec<bool> = wants
        .iter()
        .map(|(span, _)| {
            hedges.iter().any(|h| overlaps(h.span, *span))
                && !claims.iter().any(|c| overlaps(c.span, *span))
        })
        .collect();
    let mut s = Score {
        annotated: wants
            .iter()
            .zip(&left_out)
            .filter(|((_, w), out)| !w.uncertain && !**out)
            .count(),
        hedged: hedges.len(),
        ..Score::default()
    };
    let mut misses: Vec<Miss> = hedges.into_iter().map(Miss::Hedged).collect();
    for f in claims {
        let touching: Vec<usize> = (0..wants.len())
            .filter(|&i| overlaps(f.span, wants[i].0))
            .collect();
        if !touching.is_empty() && touching.iter().all(|&i| wants[i].1.uncertain) {
            continue;
        }
        s.found += 1;
        let hit = touching
            .iter()
            .copied()
            .find(|&i| !matched[i] && !wants[i].1.uncertain && same_value(&f, &wants[i].1));
        match hit {
            Some(i) => {
                matched[i] = true;
                s.right += 1;
            }
            None => {
                let near = touching.first().map(|&i| wants[i].1.clone());
                misses.push(Miss::Wrong(f, near));
            }
        }
    }
    for (i, (_, w)) in wants.iter().enumerate() {
        if !matched[i] && !w.uncertain && !left_out[i] {
            misses.push(Miss::Missed(w.clone()));
        }
    }
    let headings = headings(&case.article);
    s.headings = case.expected.headings.len();
    s.headings_found = case
        .expected
        .headings
        .iter()
        .filter(|h| headings.contains(&h.trim()))
        .count();
    s.extra_headings = headings
        .iter()
        .filter(|h| !case.expected.headings.iter().any(|w| w.trim() == **h))
        .count();
    s.tweets = case.expected.tweets.len();
    s.tweets_found = case
        .expected
        .tweets
        .iter()
        .filter(|t| case.article.tweets.iter().any(|f| f.handle == t.handle))
        .count();
    (s, misses)
}

/// The article's headings in order.
#[must_use]
pub fn headings(article: &Article) -> Vec<&str> {
    article
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect()
}
