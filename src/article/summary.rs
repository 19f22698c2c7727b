//! Extractive summary: sentences ranked by a graph method (LexRank: PageRank over
//! TF-IDF cosine similarity of stemmed, stop-word-filtered terms) with a lead-position
//! prior, then picked greedily with a redundancy filter.
//!
//! The graph links each sentence only to its `WINDOW` neighbours on either side,
//! so the cost stays linear in article length.
//!
//! List introductions (`...ما يلي:`), list items and short fragments rank only
//! after every sentence that stands on its own.

use super::model::{Sentence, Tweet};
use super::normalize::terms;
use super::structure::is_list_item;
use std::collections::HashMap;

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
    let mut order: Vec<usize> = (0..sentences.len())
        .filter(|&i| bags[i].len() >= MIN_TERMS)
        .collect();
    // Sentences that stand on their own first, each group best first.
    let alone = standing(sentences);
    order.sort_by(|&a, &b| {
        alone[b]
            .cmp(&alone[a])
            .then(scores[b].total_cmp(&scores[a]))
            .then(a.cmp(&b))
    });

    let mut picked: Vec<usize> = Vec::new();
    for i in order {
        let echoes_tweet = tweet_vectors
            .iter()
            .any(|t| cosine(&vectors[i], t) >= REDUNDANT);
        let repeats = picked
            .iter()
            .any(|&j| cosine(&vectors[i], &vectors[j]) >= REDUNDANT);
        if !echoes_tweet && !repeats {
            picked.push(i);
            if picked.len() == RANKED {
                break;
            }
        }
    }
    picked
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
