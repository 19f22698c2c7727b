//! What a sentence offers to the question word: a date for `متى`, a number for
//! `كم`, a person or body for `من`, a place for `أين`, a cause for `لماذا`; the
//! closer to the words the question matched, the more it counts.

use super::question::{Kind, Question};
use super::terms::{Word, is_number, term, weak, words};
use super::{Index, neighbours};
use crate::model::Article;
use std::collections::HashSet;

/// A cue this many words from a matched word or closer counts fully; farther
/// ones count less.
const CLOSE_WORDS: usize = 3;
const NEAR_WORDS: usize = 8;

impl Index {
    /// How fully a sentence offers what the question asks for: by itself, or
    /// at half through a neighbour in its paragraph.
    pub(super) fn offers(
        &self,
        article: &Article,
        d: usize,
        q: &Question,
        ids: &HashSet<u32>,
    ) -> f32 {
        let beside = neighbours(article, d)
            .map(|e| self.offers_alone(article, e, q, ids))
            .fold(0.0, f32::max);
        self.offers_alone(article, d, q, ids).max(0.5 * beside)
    }

    /// How fully one sentence offers what the question asks for, from 0 to 1.
    pub(super) fn offers_alone(
        &self,
        article: &Article,
        d: usize,
        q: &Question,
        ids: &HashSet<u32>,
    ) -> f32 {
        let c = self.cues[d];
        let dates = &self.dates[d];
        let any = match q.kind {
            Kind::When => !dates.is_empty(),
            Kind::HowMany => c.number,
            Kind::Who => c.who,
            Kind::Where => c.place,
            Kind::Why => c.cause,
            Kind::What => false,
        };
        if !any {
            return 0.0;
        }
        let text = &article.sentences[d].text;
        let ws = words(text);
        let hits: Vec<usize> = ws
            .iter()
            .enumerate()
            .filter(|(_, w)| self.matches(w, ids))
            .map(|(i, _)| i)
            .collect();
        let near = |i: usize| match hits.iter().map(|&h| h.abs_diff(i)).min() {
            Some(n) if n <= CLOSE_WORDS => 1.0,
            Some(n) if n <= NEAR_WORDS => 0.85,
            _ => 0.7,
        };
        let at = |start: usize| ws.iter().position(|w| w.end > start).unwrap_or(0);
        let mut best: f32 = 0.0;
        if q.kind == Kind::When {
            for &(k, start, _) in dates {
                let i = at(start);
                let mut v = if article.dates[k].date.is_some() {
                    1.0
                } else {
                    0.5
                };
                let after_since = (i > 0 && ws[i - 1].norm == "منذ")
                    || ws.get(i).is_some_and(|w| w.norm.starts_with("منذ"));
                if q.since && !after_since {
                    v *= 0.6;
                }
                best = best.max(v * near(i));
            }
            return best;
        }
        for (i, w) in ws.iter().enumerate() {
            let cue = self.lexicon.cue_of(&w.norm);
            let dated = dates.iter().any(|&(_, s, e)| w.start < e && s < w.end);
            let yes = match q.kind {
                Kind::HowMany => cue.number && !dated,
                Kind::Who => cue.who,
                Kind::Where => cue.place,
                Kind::Why => cue.cause,
                Kind::When | Kind::What => false,
            };
            if yes {
                best = best.max(near(i));
            }
        }
        if q.kind == Kind::HowMany && (text.contains('%') || text.contains('٪')) {
            best = best.max(0.85);
        }
        best
    }

    /// Whether a word of a sentence is one the question matched.
    pub(super) fn matches(&self, w: &Word, ids: &HashSet<u32>) -> bool {
        if is_number(&w.norm) {
            return self.ids.get(&w.norm).is_some_and(|id| ids.contains(id));
        }
        term(&w.norm).is_some_and(|t| {
            let hit = |t: &str| self.ids.get(t).is_some_and(|id| ids.contains(id));
            hit(&t) || weak(&t).is_some_and(|wk| hit(&wk))
        })
    }
}
