//! Finding a section by number or by words of its heading, on normalised,
//! stemmed words, so `الحصاد` finds `"حصاد" الموسم`.

use super::model::Section;
use super::normalize::{fold_digit, terms, words};

/// Section by number (`1` is the first headed section, `0` the lead) or by
/// words of its heading: the heading matching most of the query's words,
/// at least half of them.
#[must_use]
pub(crate) fn find(sections: &[Section], query: &str) -> Option<usize> {
    let q = query.trim();
    let digits: String = q.chars().map(fold_digit).collect();
    if !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let n: usize = digits.parse().ok()?;
        return (n < sections.len() && !(n == 0 && sections[0].paragraphs.is_empty())).then_some(n);
    }
    // A query of little words only (`ماذا بعد`) is matched on those words.
    let raw = words(q);
    let wanted = match terms(q) {
        t if t.is_empty() => raw.clone(),
        t => t,
    };
    if wanted.is_empty() {
        return None;
    }
    // Most content words first; on a tie, most of the query's words as written,
    // little ones included: `ماذا بعد` is `ماذا بعد؟`, not `ماذا عن المدنيين؟`.
    let mut best: Option<(usize, (usize, usize))> = None;
    for s in sections {
        let Some(heading) = &s.heading else { continue };
        let mut have = terms(heading);
        let written = words(heading);
        have.extend(written.iter().cloned());
        let hits = wanted
            .iter()
            .filter(|w| {
                have.iter()
                    .any(|h| h == *w || (w.chars().count() >= 3 && h.starts_with(w.as_str())))
            })
            .count();
        let exact = raw.iter().filter(|w| written.contains(w)).count();
        let score = (hits, exact);
        if hits * 2 >= wanted.len() && hits > 0 && best.is_none_or(|(_, b)| score > b) {
            best = Some((s.index, score));
        }
    }
    best.map(|(i, _)| i)
}
