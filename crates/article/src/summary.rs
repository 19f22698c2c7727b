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
use features::Features;
use graph::{Vector, cosine, tfidf};
use std::collections::HashMap;

mod features;
mod graph;
mod standalone;
mod weights;

pub use weights::Weights;

/// Two sentences at least this similar say the same thing.
const REDUNDANT: f64 = 0.5;
/// How many tweet sentences on each side of a sentence it is compared with.
const ECHO_REACH: usize = 3;
/// Sentences with fewer terms are too thin to summarise anything.
const MIN_TERMS: usize = 4;
/// Sentences with fewer words are fragments, picked only when nothing else is left.
const MIN_WORDS: usize = 6;
/// How many sentences the ranking keeps (a summary never asks for more).
const RANKED: usize = 20;
/// How many of the best sentences the greedy pick weighs against each other;
/// the rest follow in order (keeps the pick linear in article length).
const POOL: usize = 4 * RANKED;
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
    /// The first sentence that is not the title.
    lead: Option<usize>,
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
        // Each tweet sentence's bag, with where its tweet sits.
        let tweet_bags: Vec<((usize, usize), Vec<u32>)> = tweets
            .iter()
            .flat_map(|t| {
                super::sentences::split(&t.text)
                    .into_iter()
                    .map(move |s| ((t.section, t.position), s))
            })
            .map(|(at, s)| (at, term_ids(s, &mut ids)))
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
        let tweet_vectors: Vec<((usize, usize), Vector)> = tweet_bags
            .iter()
            .map(|(at, b)| (*at, tfidf(b, idf)))
            .collect();
        // A headline line the structure parser kept as a paragraph is still
        // the title: it says nothing the reader has not just read.
        let title_words = title.map(words);
        let is_title: Vec<bool> = sentences
            .iter()
            .map(|s| title_words.as_ref().is_some_and(|t| *t == words(&s.text)))
            .collect();
        let lead = is_title.iter().position(|&t| !t);
        // A sentence echoes a tweet it stands beside: only the tweet sentences
        // nearest it in its section are compared, so an article of many
        // tweets costs a few comparisons per sentence, not one per tweet.
        let echoes_tweet = |i: usize| {
            let at = (sentences[i].section, sentences[i].paragraph);
            let split = tweet_vectors.partition_point(|(t, _)| *t <= at);
            let from = split.saturating_sub(ECHO_REACH);
            let to = (split + ECHO_REACH).min(tweet_vectors.len());
            tweet_vectors[from..to]
                .iter()
                .filter(|((section, _), _)| *section == at.0)
                .any(|(_, t)| cosine(&vectors[i], t) >= REDUNDANT)
        };
        let eligible = (0..sentences.len())
            .map(|i| {
                // The lead is the news even when a tweet says it too: the summary must carry it.
                bags[i].len() >= MIN_TERMS && !is_title[i] && (Some(i) == lead || !echoes_tweet(i))
            })
            .collect();
        let features = Features::of(sentences, &bags, &vectors, &title_bag, idf, lead);
        let follows = (0..sentences.len())
            .map(|i| i > 0 && sentences[i - 1].section == sentences[i].section)
            .collect();
        Self {
            features,
            vectors,
            alone: standing(sentences),
            eligible,
            follows,
            lead,
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
            .position(|&i| Some(i) == self.lead && alone[i])
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

#[cfg(test)]
mod tests {
    use super::{Ranker, Weights};
    use crate::model::Sentence;

    const TITLE: &str = "الحكومة تقر خطة لدعم المزارعين في الجنوب";
    /// A lead that shares no word with the title.
    const LEAD: &str = "شهدت العاصمة يوما حافلا بالاجتماعات الرسمية والزيارات الدبلوماسية المتتالية.";
    /// The sentence that says the headline.
    const NEWS: &str =
        "وأقرت الحكومة خطة جديدة لدعم المزارعين في محافظات الجنوب بقيمة مليار دينار.";
    const PRICES: &str = "وتوقع خبراء أن ترتفع أسعار الوقود خلال الأشهر المقبلة في الأسواق المحلية.";
    const POWER: &str = "ويعاني السكان من انقطاع الكهرباء منذ أسابيع في عدة أحياء من المدينة.";

    /// Each text a paragraph of its own, in the lead section.
    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence {
                text: (*t).to_string(),
                section: 0,
                paragraph: i,
            })
            .collect()
    }

    /// Weights that count nothing but what a test sets.
    fn only(set: impl FnOnce(&mut Weights)) -> Weights {
        let mut w = Weights {
            lead: 0.0,
            graph: 0.0,
            title: 0.0,
            title_cosine: 0.0,
            centroid: 0.0,
            position: 0.0,
            paragraph: 0.0,
            opens_paragraph: 0.0,
            length: 0.0,
            question: 0.0,
            quote_fragment: 0.0,
            quote_heavy: 0.0,
            leaning: 0.0,
        };
        set(&mut w);
        w
    }

    fn rank(texts: &[&str], title: Option<&str>, weights: &Weights, count: usize) -> Vec<usize> {
        Ranker::new(&sentences(texts), &[], title).rank(weights, count)
    }

    #[test]
    fn the_sentence_that_carries_the_title_outranks_a_lead_that_does_not() {
        let texts = [LEAD, PRICES, NEWS, POWER];
        let by_title = only(|w| w.title = 1.0);
        assert_eq!(rank(&texts, Some(TITLE), &by_title, 1), [2]);
        // Without a title there is nothing to carry: the article's order decides.
        let by_title_and_position = only(|w| {
            w.title = 1.0;
            w.position = 0.1;
        });
        assert_eq!(rank(&texts, None, &by_title_and_position, 1), [0]);
        // A strong enough lead weight keeps the lead first.
        let lead_first = only(|w| {
            w.title = 1.0;
            w.lead = 2.0;
        });
        assert_eq!(rank(&texts, Some(TITLE), &lead_first, 1), [0]);
    }

    #[test]
    fn any_summary_longer_than_one_sentence_carries_the_lead() {
        let texts = [LEAD, PRICES, NEWS, POWER];
        let by_title = only(|w| w.title = 1.0);
        assert_eq!(rank(&texts, Some(TITLE), &by_title, 3)[..2], [2, 0]);
        let shipped = rank(&texts, Some(TITLE), &Weights::shipped(), 2);
        assert!(shipped.contains(&0), "{shipped:?}");
    }

    #[test]
    fn the_title_is_never_a_summary_sentence() {
        // The headline line kept as the first paragraph, and again further on.
        let texts = [TITLE, LEAD, NEWS, PRICES, TITLE, POWER];
        for weights in [Weights::shipped(), only(|w| w.title = 1.0)] {
            let ranking = rank(&texts, Some(TITLE), &weights, 6);
            assert!(
                !ranking.contains(&0) && !ranking.contains(&4),
                "{ranking:?}"
            );
            assert_eq!(ranking.len(), 4, "{ranking:?}");
        }
        // The lead is the first sentence after it.
        let by_title = only(|w| w.title = 1.0);
        assert_eq!(rank(&texts, Some(TITLE), &by_title, 2), [2, 1]);
    }

    #[test]
    fn a_shorter_sentence_wins_when_length_counts_against() {
        let long = "وقال مسؤولون في وزارة الزراعة إن الخطة تشمل قروضا ميسرة وبذورا محسنة \
                    وأسمدة مدعومة ومعدات ري حديثة وتدريبا للمزارعين في كل المحافظات \
                    الجنوبية على مدى ثلاث سنوات مقبلة.";
        let texts = [LEAD, long, POWER];
        let shorter = only(|w| {
            w.position = 0.1;
            w.length = -1.0;
        });
        assert_eq!(rank(&texts, None, &shorter, 3), [0, 2, 1]);
        let in_order = only(|w| w.position = 0.1);
        assert_eq!(rank(&texts, None, &in_order, 3), [0, 1, 2]);
    }

    #[test]
    fn a_leaning_sentence_waits_for_its_context() {
        let leaning = "وأضاف أن الخطة ستشمل آلاف الأسر في القرى النائية خلال العام.";
        let mut texts = sentences(&[LEAD, leaning, PRICES]);
        // Its context is in another section: the summary cannot show it.
        texts[1].section = 1;
        texts[2].section = 1;
        let weights = only(|w| {
            w.position = 1.0;
            w.leaning = -2.0;
        });
        let ranking = Ranker::new(&texts, &[], None).rank(&weights, 3);
        assert_eq!(ranking, [0, 2, 1]);
        // Right after the sentence it leans on, it reads fine.
        let texts = [LEAD, NEWS, leaning, POWER];
        assert_eq!(rank(&texts, None, &weights, 4), [0, 1, 2, 3]);
    }

    #[test]
    fn quotations_and_questions_count_as_weighted() {
        let quoted = "وقال الوزير: \"هذه الخطة ستغير حياة آلاف المزارعين في الجنوب\".";
        let question = "فهل تنجح الحكومة هذه المرة في إنقاذ الموسم الزراعي المقبل؟";
        let texts = [LEAD, quoted, question, POWER];
        let weights = only(|w| {
            w.position = 1.0;
            w.quote_heavy = -1.0;
            w.question = -1.0;
        });
        assert_eq!(rank(&texts, None, &weights, 4), [0, 3, 1, 2]);
    }

    #[test]
    fn near_duplicates_are_not_both_picked() {
        let again =
            "شهدت العاصمة يوما حافلا بالاجتماعات الرسمية والزيارات الدبلوماسية المتتالية أمس.";
        let ranking = rank(&[LEAD, again, NEWS], None, &Weights::shipped(), 3);
        assert_eq!(ranking, [0, 2]);
    }
}
