//! Extractive summary: sentences ranked by a graph method (LexRank: PageRank over
//! TF-IDF cosine similarity of stemmed, stop-word-filtered terms) with a lead-position
//! prior, then picked greedily with a redundancy filter.
//!
//! The graph links each sentence only to its `WINDOW` neighbours on either side,
//! so the cost stays linear in article length.
//!
//! List introductions (`...ما يلي:`), list items and short fragments rank only
//! after every sentence that stands on its own. The lead, standing alone, always
//! comes first; the lead's second paragraph weighs a little more; a sentence
//! that leans on the one before it (`وأضاف أن`, `من جهته`) or is mostly a
//! quotation weighs less (see `standalone`), unless its context is picked.

use super::model::{Sentence, Tweet};
use super::normalize::terms;
use super::structure::is_list_item;
use std::collections::HashMap;

mod standalone;

const WINDOW: usize = 40;
const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 40;
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
/// Share of a sentence's score lost when it is a piece of a quotation.
const QUOTE_FRAGMENT: f64 = 0.4;
/// A sentence with at least this share of its letters in quotation marks is
/// mostly someone's words, not the news ...
const MOSTLY_QUOTED: f64 = 0.6;
/// ... and loses this share of its score.
const QUOTE_HEAVY: f64 = 0.25;
/// Weight of the lead's second paragraph.
const SECOND_LEAD: f64 = 1.25;

/// A sparse unit vector: (term id, weight), sorted by term id.
type Vector = Vec<(u32, f64)>;

/// Sentence indices, best first, no two near-duplicates, none that merely
/// repeats an embedded tweet (the tweet has its own view).
#[must_use]
pub(crate) fn rank(sentences: &[Sentence], tweets: &[Tweet]) -> Vec<usize> {
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

    let scores = lexrank(&vectors);
    let alone = standing(sentences);
    let leaning: Vec<f64> = sentences
        .iter()
        .map(|s| standalone::leaning(&s.text))
        .collect();
    let weight: Vec<f64> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (share, fragment) = standalone::quoted(&s.text);
            let quote = if fragment {
                QUOTE_FRAGMENT
            } else if share >= MOSTLY_QUOTED {
                QUOTE_HEAVY
            } else {
                0.0
            };
            let lead = if is_second_lead(sentences, i) {
                SECOND_LEAD
            } else {
                1.0
            };
            lead * (1.0 - quote)
        })
        .collect();
    let echoes_tweet = |i: usize| {
        tweet_vectors
            .iter()
            .any(|t| cosine(&vectors[i], t) >= REDUNDANT)
    };
    // The lead is the news even when a tweet says it too: the summary must carry it.
    let mut order: Vec<usize> = (0..sentences.len())
        .filter(|&i| bags[i].len() >= MIN_TERMS && (i == 0 || !echoes_tweet(i)))
        .collect();
    // Sentences that stand on their own first, each group best first by the
    // most a sentence can score.
    order.sort_by(|&a, &b| {
        alone[b]
            .cmp(&alone[a])
            .then((scores[b] * weight[b]).total_cmp(&(scores[a] * weight[a])))
            .then(a.cmp(&b))
    });
    // The lead is the news (inverted pyramid): when it stands on its own it
    // opens the summary, however central the graph finds it.
    let mut picked: Vec<usize> = Vec::new();
    if let Some(at) = order.iter().position(|&i| i == 0 && alone[0]) {
        picked.push(order.remove(at));
    }
    let rest = order.split_off(order.len().min(POOL));
    let mut pool = order;

    // Greedy over the pool. A sentence that leans on the one before it loses
    // part of its score, unless that one is already picked: the summary, in
    // article order, then reads it in its context.
    let repeats = |picked: &[usize], i: usize| {
        picked
            .iter()
            .any(|&j| cosine(&vectors[i], &vectors[j]) >= REDUNDANT)
    };
    while picked.len() < RANKED {
        let value = |i: usize| {
            let context = i > 0
                && sentences[i - 1].section == sentences[i].section
                && picked.contains(&(i - 1));
            let lean = if context { 0.0 } else { leaning[i] };
            scores[i] * weight[i] * (1.0 - lean)
        };
        let best = pool.iter().enumerate().min_by(|&(_, &a), &(_, &b)| {
            alone[b]
                .cmp(&alone[a])
                .then(value(b).total_cmp(&value(a)))
                .then(a.cmp(&b))
        });
        let Some((at, &i)) = best else { break };
        pool.remove(at);
        if !repeats(&picked, i) {
            picked.push(i);
        }
    }
    for i in rest {
        if picked.len() == RANKED {
            break;
        }
        if !repeats(&picked, i) {
            picked.push(i);
        }
    }
    picked
}

/// The first sentence of the lead's second paragraph: news writing puts the
/// next most important fact there.
fn is_second_lead(sentences: &[Sentence], i: usize) -> bool {
    let s = &sentences[i];
    s.section == 0
        && s.paragraph == 1
        && (i == 0 || (sentences[i - 1].section, sentences[i - 1].paragraph) != (0, 1))
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

fn tfidf(bag: &[u32], idf: impl Fn(u32) -> f64) -> Vector {
    let mut counts: HashMap<u32, f64> = HashMap::new();
    for &t in bag {
        *counts.entry(t).or_default() += 1.0;
    }
    let mut v: Vector = counts.into_iter().map(|(t, c)| (t, c * idf(t))).collect();
    v.sort_unstable_by_key(|&(t, _)| t);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Personalised PageRank over the windowed similarity graph; the teleport
/// vector favours early sentences, as news puts the gist first.
fn lexrank(vectors: &[Vector]) -> Vec<f64> {
    let n = vectors.len();
    if n == 0 {
        return Vec::new();
    }
    let mut edges: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in i + 1..n.min(i + WINDOW + 1) {
            let w = cosine(&vectors[i], &vectors[j]);
            if w > 0.0 {
                edges[i].push((j, w));
                edges[j].push((i, w));
            }
        }
    }
    let out_weight: Vec<f64> = edges
        .iter()
        .map(|e| e.iter().map(|(_, w)| w).sum())
        .collect();
    let prior: Vec<f64> = {
        let raw: Vec<f64> = (0..n).map(|i| 1.0 / (1.0 + i as f64).sqrt()).collect();
        let total: f64 = raw.iter().sum();
        raw.into_iter().map(|p| p / total).collect()
    };
    let mut score = prior.clone();
    for _ in 0..ITERATIONS {
        let mut next: Vec<f64> = prior.iter().map(|p| (1.0 - DAMPING) * p).collect();
        let mut dangling = 0.0;
        for i in 0..n {
            if out_weight[i] == 0.0 {
                dangling += score[i];
                continue;
            }
            for &(j, w) in &edges[i] {
                next[j] += DAMPING * score[i] * w / out_weight[i];
            }
        }
        for (s, p) in next.iter_mut().zip(&prior) {
            *s += DAMPING * dangling * p;
        }
        score = next;
    }
    // The lead sentence carries the news; the prior alone is too gentle for it.
    score
        .iter()
        .enumerate()
        .map(|(i, s)| s * (1.0 + 1.0 / (1.0 + i as f64)))
        .collect()
}
