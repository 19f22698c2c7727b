//! The weights that turn a sentence's features into its summary score, shipped
//! as data (`weights.toml`) and fitted on editors' summaries by
//! `examples/score_summaries.rs --fit`.

use serde::Deserialize;

/// The shipped weights, as written in `weights.toml`.
const SHIPPED: &str = include_str!("weights.toml");

/// How much each feature counts: a sentence's score is the sum of each feature
/// (from 0 to 1) times its weight. A negative weight counts against.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// 1 for the article's first sentence, the lead.
    pub lead: f64,
    /// LexRank centrality, 1 for the most central sentence.
    pub graph: f64,
    /// Share of the title's terms (weighted by rarity) that the sentence carries.
    pub title: f64,
    /// Cosine of the sentence with the title.
    pub title_cosine: f64,
    /// Cosine of the sentence with the whole article.
    pub centroid: f64,
    /// `1 / (1 + i)` for the sentence at index `i`.
    pub position: f64,
    /// `1 / (1 + p)` for a sentence of the paragraph at index `p` in the article.
    pub paragraph: f64,
    /// 1 for the first sentence of a paragraph.
    pub opens_paragraph: f64,
    /// The sentence's length in words, saturating at 60.
    pub length: f64,
    /// 1 for a sentence that asks a question.
    pub question: f64,
    /// 1 for a piece of a quotation (an unbalanced quotation mark).
    pub quote_fragment: f64,
    /// 1 for a sentence that is mostly someone's words.
    pub quote_heavy: f64,
    /// How much the sentence leans on the one before it (`وأضاف أن`, `من جهته`),
    /// counted while that one is not in the summary.
    pub leaning: f64,
}

impl Weights {
    /// The weights shipped with nashra.
    #[must_use]
    pub fn shipped() -> Self {
        // Checked by a unit test: the file is part of the source.
        toml::from_str(SHIPPED).expect("src/article/summary/weights.toml is valid")
    }
}

impl Default for Weights {
    fn default() -> Self {
        Self::shipped()
    }
}

#[cfg(test)]
mod tests {
    use super::Weights;

    #[test]
    fn the_shipped_weights_parse() {
        let w = Weights::shipped();
        assert!(w.position > 0.0, "{w:?}");
    }
}
