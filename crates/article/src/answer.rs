//! Answering a reader's question from the article: the sentence (or two) that
//! best answers it, or an honest "not found".
//!
//! Retrieval is BM25 over the article's sentences, on the parser's normalised,
//! stemmed, stop-word-filtered terms (numbers kept); a term of the question also
//! finds near forms (`انتهت` / `انتهاء`) and the words that stand for it
//! (`يقود` / `زعيم`). A sentence also earns a little from its neighbours in the
//! paragraph, its section's heading and the title. The question word then
//! changes what counts: `متى` favours sentences with a date mention (and the
//! answer carries the resolved date), `كم` a number, `من` a person or body,
//! `أين` a place, `لماذا` a cause. A sentence is only an answer when it covers
//! enough of the question's weight: an unrelated sentence is never offered.
//!
//! The [`Index`] is built once per article version; a question costs one pass
//! over the postings of its terms and one over the sentences.
//!
//! - `terms`: words to terms, and how near two terms are.
//! - `question`: reading a question (its [`Kind`] and concepts), Arabic or English.
//! - `lexicon`: the general vocabulary of cues and words that stand for others.
//! - `english`: English question words and a short news glossary.
mod compose;
mod english;
mod lexicon;
mod offer;
mod question;
mod score;
mod terms;

pub use question::Kind;

use super::model::Article;
use lexicon::{Cues, Lexicon};
use question::Question;
use score::Scored;
use std::collections::{HashMap, HashSet};
use std::fmt;
use terms::{term, weak, words};

/// BM25's term-frequency saturation and length normalisation.
const K1: f32 = 0.8;
const B: f32 = 0.75;
/// A weak (clitic-stripped) form counts this much of a word in a sentence, and
/// this much of a question's word when the article lacks the word as written.
const WEAK: f32 = 0.5;
const WEAK_QUERY: f32 = 0.9;
/// How much a concept found only in a neighbouring sentence of the paragraph,
/// in the section's heading, or in the title counts (times its idf for the last two).
const NEIGHBOUR: f32 = 0.3;
const HEADING: f32 = 0.5;
const TITLE: f32 = 0.25;
/// A sentence offering what the question word asks for gains this share of the
/// best plain score: enough to win among close candidates, not to lift a poor one.
const CUE: f32 = 0.4;
/// The share of the question's weight an answer must cover, counting its
/// neighbours and heading at half, and the share it must cover by itself.
const MIN_COVERAGE: f32 = 0.4;
const MIN_OWN: f32 = 0.34;
/// No concept of a question weighs less than this in its coverage, however
/// common in the article: in a short article about one subject, its name is in
/// every sentence, and a question naming it still names it.
const WEIGHT_FLOOR: f32 = 0.8;
/// How many of the best-scored sentences the question word may reorder.
const LEADERS: usize = 24;
/// Questions longer than this many concepts are read on their first ones.
const MAX_CONCEPTS: usize = 16;

/// The retrieval index of one article, built once per version.
#[derive(Clone)]
pub struct Index {
    lexicon: Lexicon,
    terms: Vec<String>,
    ids: HashMap<String, u32>,
    /// Term ids in the order of their text, to find terms by their beginning.
    sorted: Vec<u32>,
    /// Per term: (sentence, weighted frequency).
    postings: Vec<Vec<(u32, f32)>>,
    lengths: Vec<f32>,
    avg_len: f32,
    cues: Vec<Cues>,
    /// Per sentence: indices into `Article::dates`, with their byte spans.
    dates: Vec<Vec<(usize, usize, usize)>>,
    /// Per section (by position): its heading's terms.
    headings: Vec<Vec<u32>>,
    title: Vec<u32>,
}

/// The sentence (or two) answering a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub kind: Kind,
    /// Indices into `Article::sentences`, in article order.
    pub sentences: Vec<usize>,
    /// The section of the first of them (a position in `Article::sections`).
    pub section: usize,
    /// For a question about when: the date mention that answers it (an index into
    /// `Article::dates`), resolved when the article allows it.
    pub date: Option<usize>,
    /// Per answer sentence: the byte spans that match the question (and the date
    /// or number asked for), in order, adjacent ones joined.
    pub marks: Vec<Vec<(usize, usize)>>,
    /// The question was in English: matched through the glossary, numbers and dates.
    pub english: bool,
}

/// What the article says to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Found(Answer),
    /// Nothing in the article answers it well.
    NotFound,
    /// An English question with nothing in it that can be matched to the Arabic text.
    Foreign,
}

impl Index {
    /// Indexes an article's sentences, headings and title.
    #[must_use]
    pub fn build(article: &Article) -> Self {
        let mut ix = Self {
            lexicon: Lexicon::new(),
            terms: Vec::new(),
            ids: HashMap::new(),
            sorted: Vec::new(),
            postings: Vec::new(),
            lengths: Vec::with_capacity(article.sentences.len()),
            avg_len: 1.0,
            cues: Vec::with_capacity(article.sentences.len()),
            dates: vec![Vec::new(); article.sentences.len()],
            headings: Vec::new(),
            title: Vec::new(),
        };
        ix.place_dates(article);
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for (i, s) in article.sentences.iter().enumerate() {
            let mut len = 0.0;
            for w in words(&s.text) {
                let Some(t) = term(&w.norm) else { continue };
                len += 1.0;
                if let Some(wk) = weak(&t) {
                    *tf.entry(ix.id(wk)).or_default() += WEAK;
                }
                *tf.entry(ix.id(t)).or_default() += 1.0;
            }
            let doc = u32::try_from(i).unwrap_or(u32::MAX);
            for (t, f) in tf.drain() {
                ix.postings[t as usize].push((doc, f));
            }
            ix.lengths.push(len);
            let spans: Vec<(usize, usize)> = ix.dates[i].iter().map(|&(_, s, e)| (s, e)).collect();
            ix.cues.push(ix.lexicon.cues(&s.text, &spans));
        }
        let total: f32 = ix.lengths.iter().sum();
        ix.avg_len = (total / ix.lengths.len().max(1) as f32).max(1.0);
        for p in &mut ix.postings {
            p.sort_unstable_by_key(|&(d, _)| d);
        }
        ix.headings = article
            .sections
            .iter()
            .map(|s| ix.ids_of(s.heading.as_deref().unwrap_or_default()))
            .collect();
        ix.title = ix.ids_of(&article.title);
        let mut sorted: Vec<u32> = (0..ix.terms.len() as u32).collect();
        sorted.sort_unstable_by(|&a, &b| ix.terms[a as usize].cmp(&ix.terms[b as usize]));
        ix.sorted = sorted;
        ix
    }

    /// Whether a message reads as a question (a question word or mark), not merely
    /// as words to look up.
    #[must_use]
    pub fn is_question(&self, text: &str) -> bool {
        Question::read(text, &self.lexicon).phrased
    }

    /// The sentence (or two) of `article` that best answers `question`. The
    /// article must be the one the index was built from.
    #[must_use]
    pub fn ask(&self, article: &Article, question: &str) -> Verdict {
        let q = Question::read(question, &self.lexicon);
        let n = self.lengths.len();
        let nothing = if q.english {
            Verdict::Foreign
        } else {
            Verdict::NotFound
        };
        if n == 0 || n != article.sentences.len() || q.concepts.is_empty() {
            return nothing;
        }
        let concepts = &q.concepts[..q.concepts.len().min(MAX_CONCEPTS)];
        let matched: Vec<Vec<(u32, f32)>> = concepts.iter().map(|c| self.resolve(c)).collect();
        if matched.iter().all(Vec::is_empty) {
            return nothing;
        }
        // An English word the glossary does not know still weighs on the question.
        let unknown = 0.5 * q.unknown as f32 * self.unseen_idf();
        // A word standing for the question's own word never outweighs it.
        let caps: Vec<Option<f32>> = concepts
            .iter()
            .map(|c| self.ids.get(&c.alts[0].0).map(|&id| self.idf(id)))
            .collect();
        let scored = self.score(article, &matched, &caps, unknown);
        let ids: HashSet<u32> = matched.iter().flatten().map(|&(t, _)| t).collect();
        let mut passing: Vec<&Scored> = scored
            .iter()
            .filter(|s| s.coverage >= MIN_COVERAGE && s.own >= MIN_OWN)
            .collect();
        // Only the leaders can be lifted by what they offer: the rest are too far behind.
        passing.sort_by(|a, b| b.plain.total_cmp(&a.plain).then(a.doc.cmp(&b.doc)));
        passing.truncate(LEADERS);
        let best_plain = passing.first().map_or(0.0, |s| s.plain);
        let pick = passing
            .iter()
            .map(|s| {
                let bonus = CUE * best_plain * self.offers(article, s.doc, &q, &ids);
                (s.doc, s.plain + bonus)
            })
            .fold(None::<(usize, f32)>, |best, (d, v)| match best {
                Some((_, b)) if b >= v => best,
                _ => Some((d, v)),
            });
        let Some((doc, _)) = pick else {
            return nothing;
        };
        let plain: HashMap<usize, f32> = scored.iter().map(|s| (s.doc, s.plain)).collect();
        Verdict::Found(self.compose(article, &q, &ids, doc, &plain))
    }

    fn id(&mut self, t: String) -> u32 {
        if let Some(&id) = self.ids.get(&t) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(t.clone());
        self.ids.insert(t, id);
        self.postings.push(Vec::new());
        id
    }

    fn ids_of(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = words(text)
            .iter()
            .filter_map(|w| term(&w.norm))
            .map(|t| self.id(t))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Each date mention placed in the body sentence it dates, with its span there.
    fn place_dates(&mut self, article: &Article) {
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in article.sentences.iter().enumerate() {
            by_text.entry(s.text.as_str()).or_default().push(i);
        }
        let mut last = 0;
        for (k, m) in article.dates.iter().enumerate() {
            let sentence: &str = &m.sentence;
            let Some(found) = by_text.get(sentence) else {
                continue;
            };
            let same = |&&i: &&usize| article.sentences[i].section == m.section;
            let Some(&i) = found
                .iter()
                .filter(same)
                .find(|&&i| i >= last)
                .or_else(|| found.iter().find(same))
            else {
                continue;
            };
            last = i;
            let text = &article.sentences[i].text;
            let from = self.dates[i].last().map_or(0, |&(_, _, e)| e);
            let at = text
                .get(from..)
                .and_then(|rest| rest.find(&m.text).map(|p| p + from))
                .or_else(|| text.find(&m.text));
            if let Some(start) = at {
                self.dates[i].push((k, start, start + m.text.len()));
            }
        }
    }

    fn idf(&self, id: u32) -> f32 {
        let n = self.lengths.len() as f32;
        let df = self.postings[id as usize].len() as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// A term the article lacks weighs as one it has once: no more, or one
    /// stray word of a question would sink every answer in a short article.
    fn unseen_idf(&self) -> f32 {
        let n = self.lengths.len() as f32;
        (1.0 + (n - 0.5) / 1.5).ln()
    }
}

/// The sentences beside `d` in its paragraph.
fn neighbours(article: &Article, d: usize) -> impl Iterator<Item = usize> + '_ {
    let s = &article.sentences;
    [d.checked_sub(1), Some(d + 1)]
        .into_iter()
        .flatten()
        .filter(move |&e| {
            e < s.len() && s[e].section == s[d].section && s[e].paragraph == s[d].paragraph
        })
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("sentences", &self.lengths.len())
            .field("terms", &self.terms.len())
            .finish_non_exhaustive()
    }
}
