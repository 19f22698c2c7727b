//! Turning the best sentence into an answer: a second sentence when the first
//! leans on it or the asked-for fact sits beside it, the spans to bold, and the
//! date (or number) the question asks for.

use super::question::{Kind, Question};
use super::terms::{is_number, words};
use super::{Answer, Index, neighbours};
use crate::model::Article;
use std::collections::{HashMap, HashSet};

/// A neighbour matching at least this share of the best sentence's score joins it.
const CLOSE: f32 = 0.75;

/// A neighbour offering the asked-for fact this fully joins a best sentence that lacks it.
const OFFERS: f32 = 0.7;

/// Words that point back to the sentence before (`وأدت تلك الخطوة`).
#[rustfmt::skip]
const POINTING: &[&str] = &[
    "تلك", "ذلك", "هذه", "هذا", "هؤلاء", "هذان", "هاتان", "وتلك", "وذلك", "وهذه", "وهذا",
];

impl Index {
    pub(super) fn compose(
        &self,
        article: &Article,
        q: &Question,
        ids: &HashSet<u32>,
        doc: usize,
        plain: &HashMap<usize, f32>,
    ) -> Answer {
        let s = &article.sentences;
        let prev = neighbours(article, doc).find(|&e| e < doc);
        let beside: Vec<usize> = neighbours(article, doc).collect();
        let mut extra = prev.filter(|_| points_back(&s[doc].text));
        if extra.is_none() && q.kind != Kind::What && self.offers_alone(article, doc, q, ids) == 0.0
        {
            extra = beside
                .iter()
                .copied()
                .find(|&e| self.offers_alone(article, e, q, ids) >= OFFERS);
        }
        if extra.is_none() {
            let best = plain.get(&doc).copied().unwrap_or_default();
            extra = beside
                .iter()
                .copied()
                .filter(|e| plain.get(e).is_some_and(|&v| v >= CLOSE * best))
                .max_by(|a, b| plain[a].total_cmp(&plain[b]));
        }
        let mut chosen = vec![doc];
        chosen.extend(extra);
        chosen.sort_unstable();

        let mut marks: Vec<Vec<(usize, usize)>> = chosen
            .iter()
            .map(|&d| self.matching_words(&s[d].text, ids))
            .collect();
        // The best sentence first, then its neighbour.
        let order: Vec<usize> = {
            let mut o: Vec<usize> = (0..chosen.len()).collect();
            o.sort_by_key(|&k| chosen[k] != doc);
            o
        };
        let mut date = None;
        if q.kind == Kind::When
            && let Some((k, m)) = order.iter().find_map(|&k| {
                self.date_near(article, chosen[k], &marks[k])
                    .map(|m| (k, m))
            })
        {
            let (mention, start, end) = m;
            date = Some(mention);
            marks[k].push((start, end));
        }
        if q.kind == Kind::HowMany
            && let Some((k, span)) = order.iter().find_map(|&k| {
                self.number_near(&s[chosen[k]].text, chosen[k], &marks[k])
                    .map(|m| (k, m))
            })
        {
            marks[k].push(span);
        }
        for (k, m) in marks.iter_mut().enumerate() {
            *m = joined(&s[chosen[k]].text, std::mem::take(m));
        }
        Answer {
            kind: q.kind,
            section: s[doc].section,
            sentences: chosen,
            date,
            marks,
            english: q.english,
        }
    }

    /// Spans of the words whose term (or weak form) the question matched.
    fn matching_words(&self, text: &str, ids: &HashSet<u32>) -> Vec<(usize, usize)> {
        words(text)
            .into_iter()
            .filter(|w| self.matches(w, ids))
            .map(|w| (w.start, w.end))
            .collect()
    }

    /// The date mention of a sentence that answers "when": a resolved one first,
    /// then the one nearest the matched words.
    fn date_near(
        &self,
        article: &Article,
        d: usize,
        marks: &[(usize, usize)],
    ) -> Option<(usize, usize, usize)> {
        // An uncertain date is never stated as the answer's fact.
        self.dates[d]
            .iter()
            .copied()
            .filter(|&(k, ..)| article.dates[k].certain)
            .min_by_key(|&(k, start, end)| {
                let unresolved = article.dates[k].date.is_none();
                (unresolved, distance(start, end, marks))
            })
    }

    /// The number of a sentence nearest the matched words (a year that is a date
    /// mention is not one), with a quantity word or `%` after it.
    fn number_near(
        &self,
        text: &str,
        d: usize,
        marks: &[(usize, usize)],
    ) -> Option<(usize, usize)> {
        let dated = &self.dates[d];
        let ws = words(text);
        let mut best: Option<((usize, usize), usize)> = None;
        for (i, w) in ws.iter().enumerate() {
            if !is_number(&w.norm) || dated.iter().any(|&(_, s, e)| w.start < e && s < w.end) {
                continue;
            }
            let mut end = w.end;
            // `12.9%`, `2,500`: the rest of the figure.
            let mut j = i;
            while let Some(next) = ws.get(j + 1) {
                let gap = &text[end..next.start];
                if is_number(&next.norm) && matches!(gap, "." | "," | "٫" | "٬") {
                    end = next.end;
                    j += 1;
                } else {
                    break;
                }
            }
            let rest = &text[end..];
            let trimmed = rest.trim_start();
            if trimmed.starts_with(['%', '٪']) {
                end += rest.len() - trimmed.len() + '%'.len_utf8();
            } else if let Some(next) = ws.get(j + 1)
                && self.lexicon.is_quantity(&next.norm)
                && text[end..next.start].trim().is_empty()
            {
                end = next.end;
            }
            let dist = distance(w.start, end, marks);
            if best.is_none_or(|(_, b)| dist < b) {
                best = Some(((w.start, end), dist));
            }
        }
        best.map(|(span, _)| span)
    }
}

/// Whether a sentence opens by pointing back at the one before it.
fn points_back(text: &str) -> bool {
    words(text)
        .iter()
        .take(5)
        .any(|w| POINTING.contains(&w.norm.as_str()))
}

/// Bytes between a span and the nearest mark (0 when they touch or none exist).
fn distance(start: usize, end: usize, marks: &[(usize, usize)]) -> usize {
    marks
        .iter()
        .map(|&(s, e)| start.saturating_sub(e).max(s.saturating_sub(end)))
        .min()
        .unwrap_or(0)
}

/// Spans in order, overlapping ones and ones with only spaces between them joined.
fn joined(text: &str, mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 || text[last.1..s].trim().is_empty() => {
                last.1 = last.1.max(e);
            }
            _ => out.push((s, e)),
        }
    }
    out
}
