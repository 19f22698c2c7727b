//! Scoring sentences for a question: which of the article's terms each concept
//! of the question stands for, and BM25 with the neighbours, heading and title,
//! and how much of the question each sentence covers.

use super::terms::{is_number, similarity, weak};
use super::{
    B, HEADING, Index, K1, NEIGHBOUR, TITLE, WEAK_QUERY, WEIGHT_FLOOR, neighbours, question,
};
use crate::model::Article;

impl Index {
    /// The article's terms a concept may stand for, with how much each counts.
    pub(super) fn resolve(&self, c: &question::Concept) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut add = |id: u32, w: f32| match out.iter_mut().find(|(t, _)| *t == id) {
            Some(e) => e.1 = e.1.max(w),
            None => out.push((id, w)),
        };
        for (alt, weight) in &c.alts {
            if let Some(&id) = self.ids.get(alt) {
                add(id, *weight);
            }
            if is_number(alt) {
                continue;
            }
            // `ستعقد` is also looked up as `تعقد`, when the article lacks it as written.
            let forms = match weak(alt) {
                Some(wk) if !self.ids.contains_key(alt) => {
                    vec![(alt.clone(), *weight), (wk, weight * WEAK_QUERY)]
                }
                _ => vec![(alt.clone(), *weight)],
            };
            for (alt, weight) in &forms {
                if let Some(&id) = self.ids.get(alt) {
                    add(id, *weight);
                }
                self.near_forms(alt, *weight, &mut add);
            }
        }
        out.retain(|&(_, w)| w > 0.0);
        out
    }

    /// Terms of the article near `alt`: sharing its beginning, or the same verb
    /// with another person prefix.
    fn near_forms(&self, alt: &str, weight: f32, add: &mut impl FnMut(u32, f32)) {
        // Near forms share at least their first three letters.
        let cut = alt.char_indices().nth(3).map_or(alt.len(), |(i, _)| i);
        let prefix = &alt[..cut];
        if prefix.chars().count() == 3 {
            let from = self
                .sorted
                .partition_point(|&id| self.terms[id as usize].as_str() < prefix);
            for &id in &self.sorted[from..] {
                let t = &self.terms[id as usize];
                if !t.starts_with(prefix) {
                    break;
                }
                add(id, weight * similarity(alt, t));
            }
        }
        // The same verb with another person prefix, or none: `يقود` / `تقود`.
        let bare = match alt.char_indices().nth(1) {
            Some((i, _)) if alt.starts_with(['ي', 'ت', 'ن', 'ا']) => &alt[i..],
            _ => alt,
        };
        for other in std::iter::once(bare.to_string())
            .chain(['ي', 'ت', 'ن', 'ا'].map(|p| format!("{p}{bare}")))
        {
            if let Some(&id) = self.ids.get(&other) {
                add(id, weight * similarity(alt, &other));
            }
        }
    }
}

/// One sentence's standing for a question.
pub(super) struct Scored {
    pub doc: usize,
    /// Lexical score: BM25 of its own terms, neighbours, heading and title.
    pub plain: f32,
    /// Share of the question's weight it covers (neighbours and heading at half).
    pub coverage: f32,
    /// Share it covers by itself.
    pub own: f32,
}

impl Index {
    pub(super) fn score(
        &self,
        article: &Article,
        matched: &[Vec<(u32, f32)>],
        caps: &[Option<f32>],
        unknown: f32,
    ) -> Vec<Scored> {
        let n = self.lengths.len();
        let unseen = self.unseen_idf();
        let idf = |c: usize, t: u32| caps[c].map_or(self.idf(t), |cap| self.idf(t).min(cap));
        let weight: Vec<f32> = matched
            .iter()
            .enumerate()
            .map(|(c, m)| {
                m.iter()
                    .map(|&(t, _)| idf(c, t))
                    .fold(None, |a: Option<f32>, b| Some(a.map_or(b, |a| a.max(b))))
                    .unwrap_or(unseen)
                    .max(WEIGHT_FLOOR)
            })
            .collect();
        let total: f32 = (weight.iter().sum::<f32>() + unknown).max(f32::EPSILON);
        // Per concept: the BM25 score and match strength of each sentence.
        let mut own: Vec<Vec<(f32, f32)>> = vec![vec![(0.0, 0.0); n]; matched.len()];
        for (c, terms) in matched.iter().enumerate() {
            for &(t, w) in terms {
                let idf = idf(c, t);
                for &(d, tf) in &self.postings[t as usize] {
                    let d = d as usize;
                    let len = self.lengths[d];
                    let bm25 = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len));
                    let e = &mut own[c][d];
                    e.0 = e.0.max(w * idf * bm25);
                    e.1 = e.1.max(w);
                }
            }
        }
        let in_heading = |c: usize, section: usize| {
            self.headings
                .get(section)
                .is_some_and(|h| matched[c].iter().any(|(t, _)| h.binary_search(t).is_ok()))
        };
        let in_title: Vec<bool> = (0..matched.len())
            .map(|c| matched[c].iter().any(|(t, _)| self.title.contains(t)))
            .collect();
        let sentences = &article.sentences;
        let mut out = Vec::new();
        for d in 0..n {
            if !(0..matched.len()).any(|c| own[c][d].1 > 0.0) {
                continue;
            }
            let (mut plain, mut covered, mut alone) = (0.0, 0.0, 0.0);
            for c in 0..matched.len() {
                let (score, strength) = own[c][d];
                let beside = neighbours(article, d)
                    .map(|e| own[c][e])
                    .fold((0.0f32, 0.0f32), |a, b| (a.0.max(b.0), a.1.max(b.1)));
                let heading = in_heading(c, sentences[d].section);
                let mut best = score.max(NEIGHBOUR * beside.0);
                if heading {
                    best = best.max(HEADING * weight[c]);
                }
                if in_title[c] {
                    best = best.max(TITLE * weight[c]);
                }
                plain += best;
                if strength > 0.0 {
                    covered += weight[c] * strength;
                    alone += weight[c] * strength;
                } else if beside.1 > 0.0 || heading {
                    covered += 0.5 * weight[c] * beside.1.max(f32::from(u8::from(heading)));
                } else if in_title[c] {
                    covered += 0.25 * weight[c];
                }
            }
            let coverage = covered / total;
            out.push(Scored {
                doc: d,
                plain,
                coverage,
                own: alone / total,
            });
        }
        out
    }
}
