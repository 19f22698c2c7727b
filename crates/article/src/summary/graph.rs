//! Term vectors and the sentence graph: TF-IDF vectors of stemmed,
//! stop-word-filtered terms, their cosine, and LexRank centrality over a window
//! of neighbours (so the cost stays linear in article length).

use std::collections::HashMap;

/// Each sentence links to at most this many neighbours on either side.
const WINDOW: usize = 40;
const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 40;

/// A sparse unit vector: (term id, weight), sorted by term id.
pub(super) type Vector = Vec<(u32, f64)>;

/// A bag of term ids weighted by `idf`, scaled to unit length.
#[must_use]
pub(super) fn tfidf(bag: &[u32], idf: impl Fn(u32) -> f64) -> Vector {
    let mut counts: HashMap<u32, f64> = HashMap::new();
    for &t in bag {
        *counts.entry(t).or_default() += 1.0;
    }
    unit(counts.into_iter().map(|(t, c)| (t, c * idf(t))).collect())
}

/// The sum of `vectors`, scaled to unit length: what the article is about.
#[must_use]
pub(super) fn centroid(vectors: &[Vector]) -> Vector {
    let mut sum: HashMap<u32, f64> = HashMap::new();
    for v in vectors {
        for &(t, w) in v {
            *sum.entry(t).or_default() += w;
        }
    }
    unit(sum.into_iter().collect())
}

fn unit(mut v: Vector) -> Vector {
    v.sort_unstable_by_key(|&(t, _)| t);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v
}

#[must_use]
pub(super) fn cosine(a: &Vector, b: &Vector) -> f64 {
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

/// PageRank over the windowed similarity graph, scaled so the most central
/// sentence scores 1. Position is left to the ranking's own features.
#[must_use]
pub(super) fn lexrank(vectors: &[Vector]) -> Vec<f64> {
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
    let teleport = 1.0 / n as f64;
    let mut score = vec![teleport; n];
    for _ in 0..ITERATIONS {
        let mut next = vec![(1.0 - DAMPING) * teleport; n];
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
        for s in &mut next {
            *s += DAMPING * dangling * teleport;
        }
        score = next;
    }
    let top = score.iter().copied().fold(0.0, f64::max);
    if top > 0.0 {
        for s in &mut score {
            *s /= top;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::{Vector, centroid, cosine, lexrank, tfidf};

    fn vector(bag: &[u32]) -> Vector {
        tfidf(bag, |_| 1.0)
    }

    #[test]
    fn vectors_are_unit_length_and_cosine_is_their_overlap() {
        let a = vector(&[1, 2, 2]);
        let b = vector(&[2, 3]);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-9);
        assert!(cosine(&a, &vector(&[4, 5])).abs() < 1e-9);
        let expected = 2.0 / (5f64.sqrt() * 2f64.sqrt());
        assert!((cosine(&a, &b) - expected).abs() < 1e-9);
    }

    #[test]
    fn the_sentence_that_shares_most_is_the_most_central() {
        let vectors: Vec<Vector> = [&[1, 2, 3][..], &[1, 4], &[2, 5], &[3, 6], &[7, 8]]
            .iter()
            .map(|b| vector(b))
            .collect();
        let scores = lexrank(&vectors);
        assert!((scores[0] - 1.0).abs() < 1e-9, "{scores:?}");
        assert!(scores[1..].iter().all(|&s| s < 1.0), "{scores:?}");
        let whole = centroid(&vectors);
        let closest = (0..vectors.len())
            .max_by(|&a, &b| cosine(&vectors[a], &whole).total_cmp(&cosine(&vectors[b], &whole)));
        assert_eq!(closest, Some(0));
    }
}
