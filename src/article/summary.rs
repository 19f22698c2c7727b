//! Extractive summary: each sentence scored by a weighted sum of features
//! (being the lead, position, length, how much of the title it carries, LexRank centrality,
//! closeness to the whole article, quotation and questions), then picked
//! greedily with a redundancy filter.
//!
//! The weights are data (`summary/weights.toml`), fitted on editors' summaries
//! of real articles. Every feature costs linear time in the article's length:
//! the graph links each sentence only to a window of neighbours.
//!
//! List introductions (`...ما يلي:`), list items and short fragments rank only
//! after every sentence that stands on its own. The lead, standing alone, is
//! always among the first `LEAD_BY` picks, so a summary of that many sentences
//! or more opens with it. A sentence that leans on the one before it (`وأضاف أن`,
//! `من جهته`) weighs less (see `standalone`), unless its context is picked.
//! The title is never a summary sentence.

use super::model::{Sentence, Tweet};
use super::normalize::{terms, words};
use super::structure::is_list_item;
use graph::{Vector, centroid, cosine, lexrank, tfidf};
use std::collections::HashMap;

mod graph;
mod standalone;
mod weights;

pub use weights::Weights;

/// Two sentences at least this similar say the same thing.
const REDUNDANT: f64 = 0.5;
/// Sentences with fewer terms are too thin to summarise anything.
const MIN_TERMS: usize = 4;
/// Sentences with fewer words are fragments, picked only when nothing else is left.
const MIN_WORDS: usize = 6;
/// How many sentences the ranking keeps (a summary never asks for more).
const RANKED: usize = 20;
/// How many of the best sentences the greedy pick weighs against each other;
/// the rest follow in order (keeps the pick linear in article length).
const POOL: usize = 4 * RANKED;
/// A sentence with at least this share of its letters in quotation marks is
/// mostly someone's words, not the news.
const MOSTLY_QUOTED: f64 = 0.6;
/// The length feature stops growing at this many words.
const LONG_WORDS: f64 = 60.0;
/// The lead is picked among the first this many sentences: a one-sentence
/// summary may prefer another sentence, but any longer one carries the lead
/// (inverted pyramid).
const LEAD_BY: usize = 2;

/// Sentence indices, best first, no two near-duplicates, none that merely
/// repeats an embedded tweet (the tweet has its own view).
#[must_use]
pub(crate) fn rank(sentences: &[Sentence], tweets: &[Tweet], title: Option<&str>) -> Vec<usize> {
    Ranker::new(sentences, tweets, title).rank(&Weights::shipped(), RANKED)
}

/// What one sentence offers a summary, each feature from 0 to 1.
#[derive(Debug, Clone, Default, PartialEq)]
struct Features {
    lead: f64,
    graph: f64,
    title: f64,
    title_cosine: f64,
    centroid: f64,
    position: f64,
    paragraph: f64,
    opens_paragraph: f64,
    length: f64,
    question: f64,
    quote_fragment: f64,
    quote_heavy: f64,
    /// How much the sentence leans on the one before it; it counts only while
    /// that one is not picked.
    leaning: f64,
}

impl Features {
    /// The score before leaning, which depends on what is picked.
    fn score(&self, w: &Weights) -> f64 {
        w.lead * self.lead
            + w.graph * self.graph
            + w.title * self.title
            + w.title_cosine * self.title_cosine
            + w.centroid * self.centroid
            + w.position * self.position
            + w.paragraph * self.paragraph
            + w.opens_paragraph * self.opens_paragraph
            + w.length * self.length
            + w.question * self.question
            + w.quote_fragment * self.quote_fragment
            + w.quote_heavy * self.quote_heavy
    }
}

/// An article's sentences with their features, ready to be ranked under any
/// weights: the features are computed once, and ranking is cheap.
#[derive(Debug, Clone)]
pub struct Ranker {
    features: Vec<Features>,
    vectors: Vec<Vector>,
    /// Stands on its own: not a list introduction, list item or fragment.
    alone: Vec<bool>,
    /// May be picked at all: enough terms, not the title, not a tweet's echo.
    eligible: Vec<bool>,
    /// Follows a sentence of the same section.
    follows: Vec<bool>,
}

impl Ranker {
    /// Computes the features of `sentences`; `title` is the operator's title or
    /// the headline line, when there is one.
    #[must_use]
    pub fn new(sentences: &[Sentence], tweets: &[Tweet], title: Option<&str>) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let bags: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| term_ids(&s.text, &mut ids))
            .collect();
        let tweet_bags: Vec<Vec<u32>> = tweets
            .iter()
            .flat_map(|t| super::sentences::split(&t.text))
            .map(|s| term_ids(s, &mut ids))
            .collect();
        let title_bag = title.map(|t| term_ids(t, &mut ids)).unwrap_or_default();
        // Document frequencies count the body only: a title word is not rarer
        // for being in the title.
        let mut df = vec![0u32; ids.len()];
        for bag in &bags {
            let mut seen = bag.clone();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                df[t as usize] += 1;
            }
        }
        let n = sentences.len().max(1) as f64;
        let idf = |t: u32| (1.0 + n / f64::from(df[t as usize].max(1))).ln();
        let vectors: Vec<Vector> = bags.iter().map(|b| tfidf(b, idf)).collect();
        let tweet_vectors: Vec<Vector> = tweet_bags.iter().map(|b| tfidf(b, idf)).collect();
        let title_vector = tfidf(&title_bag, idf);
        let whole = centroid(&vectors);
        let graph = lexrank(&vectors);
        let paragraphs = paragraph_numbers(sentences);
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let features = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (quoted, unbalanced) = standalone::quoted(&s.text);
                Features {
                    lead: flag(i == 0),
                    graph: graph[i],
                    title: coverage(&bags[i], &title_bag, idf),
                    title_cosine: cosine(&vectors[i], &title_vector),
                    centroid: cosine(&vectors[i], &whole),
                    position: 1.0 / (1.0 + i as f64),
                    paragraph: 1.0 / (1.0 + paragraphs[i] as f64),
                    opens_paragraph: flag(i == 0 || paragraphs[i - 1] != paragraphs[i]),
                    length: (s.text.split_whitespace().count() as f64 / LONG_WORDS).min(1.0),
                    question: flag(s.text.contains(['؟', '?'])),
                    quote_fragment: flag(unbalanced),
                    quote_heavy: flag(!unbalanced && quoted >= MOSTLY_QUOTED),
                    leaning: standalone::leaning(&s.text),
                }
            })
            .collect();
        let echoes_tweet = |i: usize| {
            tweet_vectors
                .iter()
                .any(|t| cosine(&vectors[i], t) >= REDUNDANT)
        };
        // A headline line the structure parser kept as a paragraph is still
        // the title: it says nothing the reader has not just read.
        let title_words = title.map(words);
        let eligible = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // The lead is the news even when a tweet says it too: the summary must carry it.
                bags[i].len() >= MIN_TERMS
                    && (i == 0 || !echoes_tweet(i))
                    && title_words.as_ref() != Some(&words(&s.text))
            })
            .collect();
        let follows = (0..sentences.len())
            .map(|i| i > 0 && sentences[i - 1].section == sentences[i].section)
            .collect();
        Self {
            features,
            vectors,
            alone: standing(sentences),
            eligible,
            follows,
        }
    }

    /// Up to `count` sentence indices, best first, under `weights`.
    #[must_use]
    pub fn rank(&self, weights: &Weights, count: usize) -> Vec<usize> {
        let alone = &self.alone;
        let score: Vec<f64> = self.features.iter().map(|f| f.score(weights)).collect();
        let mut order: Vec<usize> = (0..score.len()).filter(|&i| self.eligible[i]).collect();
        // Sentences that stand on their own first, each group best first by the
        // most a sentence can score.
        order.sort_by(|&a, &b| {
            alone[b]
                .cmp(&alone[a])
                .then(score[b].total_cmp(&score[a]))
                .then(a.cmp(&b))
        });
        let mut lead = order
            .iter()
            .position(|&i| i == 0 && alone[0])
            .map(|at| order.remove(at));
        let rest = order.split_off(order.len().min(POOL));
        let mut pool = order;

        let repeats = |picked: &[usize], i: usize| {
            picked
                .iter()
                .any(|&j| cosine(&self.vectors[i], &self.vectors[j]) >= REDUNDANT)
        };
        let mut picked: Vec<usize> = Vec::new();
        while picked.len() < count {
            // A sentence that leans on the one before it reads fine once that
            // one is picked: the summary shows them in article order.
            let value = |i: usize| {
                let context = self.follows[i] && picked.contains(&(i - 1));
                let lean = if context {
                    0.0
                } else {
                    self.features[i].leaning
                };
                score[i] + weights.leaning * lean
            };
            let best = pool
                .iter()
                .enumerate()
                .min_by(|&(_, &a), &(_, &b)| {
                    alone[b]
                        .cmp(&alone[a])
                        .then(value(b).total_cmp(&value(a)))
                        .then(a.cmp(&b))
                })
                .map(|(at, &i)| (at, i, value(i)));
            // The lead goes first when it is worth the most, and by the
            // `LEAD_BY`th pick whatever the others are worth.
            if let Some(l) = lead {
                let due = picked.len() + 1 >= LEAD_BY;
                if due || best.is_none_or(|(_, i, v)| !alone[i] || value(l) >= v) {
                    lead = None;
                    if !repeats(&picked, l) {
                        picked.push(l);
                    }
                    continue;
                }
            }
            let Some((at, i, _)) = best else { break };
            pool.remove(at);
            if !repeats(&picked, i) {
                picked.push(i);
            }
        }
        for i in rest {
            if picked.len() >= count {
                break;
            }
            if !repeats(&picked, i) {
                picked.push(i);
            }
        }
        picked
    }
}

/// Share of the title's terms, each weighted by its rarity, that `bag` carries.
fn coverage(bag: &[u32], title: &[u32], idf: impl Fn(u32) -> f64) -> f64 {
    let mut terms: Vec<u32> = title.to_vec();
    terms.sort_unstable();
    terms.dedup();
    let total: f64 = terms.iter().map(|&t| idf(t)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let carried: f64 = terms
        .iter()
        .filter(|t| bag.contains(t))
        .map(|&t| idf(t))
        .sum();
    carried / total
}

/// For each sentence, the index of its paragraph counted through the article.
fn paragraph_numbers(sentences: &[Sentence]) -> Vec<usize> {
    let mut number = 0;
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i > 0 {
                let p = &sentences[i - 1];
                if (p.section, p.paragraph) != (s.section, s.paragraph) {
                    number += 1;
                }
            }
            number
        })
        .collect()
}

/// For each sentence: whether it stands on its own, i.e. is not a list
/// introduction, not part of a list item and not a fragment.
fn standing(sentences: &[Sentence]) -> Vec<bool> {
    let mut in_item = false;
    let mut previous = None;
    sentences
        .iter()
        .map(|s| {
            // The paragraph's first sentence carries the list marker, if any.
            if previous != Some((s.section, s.paragraph)) {
                in_item = is_list_item(&s.text);
                previous = Some((s.section, s.paragraph));
            }
            let text = s.text.trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '»' | '«' | '”' | '“' | ')')
            });
            !in_item && !text.ends_with([':', '：']) && text.split_whitespace().count() >= MIN_WORDS
        })
        .collect()
}

fn term_ids(text: &str, ids: &mut HashMap<String, u32>) -> Vec<u32> {
    terms(text)
        .into_iter()
        .map(|t| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(t).or_insert(next)
        })
        .collect()
}
