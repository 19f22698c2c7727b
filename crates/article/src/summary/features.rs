//! What one sentence offers a summary: the features a ranking weighs, each
//! from 0 to 1, computed once per article in time linear in its length.

use super::graph::{Vector, centroid, cosine, lexrank, tfidf};
use super::standalone;
use super::weights::Weights;
use crate::model::Sentence;

/// A sentence with at least this share of its letters in quotation marks is
/// mostly someone's words, not the news.
const MOSTLY_QUOTED: f64 = 0.6;
/// The length feature stops growing at this many words.
const LONG_WORDS: f64 = 60.0;

/// What one sentence offers a summary, each feature from 0 to 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Features {
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
    pub(super) leaning: f64,
}

impl Features {
    /// The score before leaning, which depends on what is picked.
    pub(super) fn score(&self, w: &Weights) -> f64 {
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

    /// The features of each sentence; `bags` and `vectors` are the sentences'
    /// term ids and TF-IDF vectors, `title` the title's term ids, `lead` the
    /// index of the first sentence that is not the title.
    pub(super) fn of(
        sentences: &[Sentence],
        bags: &[Vec<u32>],
        vectors: &[Vector],
        title: &[u32],
        idf: impl Fn(u32) -> f64 + Copy,
        lead: Option<usize>,
    ) -> Vec<Self> {
        let title_vector = tfidf(title, idf);
        let whole = centroid(vectors);
        let graph = lexrank(vectors);
        let paragraphs = paragraph_numbers(sentences);
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (quoted, unbalanced) = standalone::quoted(&s.text);
                Self {
                    lead: flag(Some(i) == lead),
                    graph: graph[i],
                    title: coverage(&bags[i], title, idf),
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
            .collect()
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
