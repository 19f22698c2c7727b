//! Finding a section by number or by words of its heading, on normalised,
//! stemmed words, so `الحصاد` finds `"حصاد" الموسم`.

use super::model::Section;
use super::normalize::{fold_digit, terms};

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
    let wanted = terms(q);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for s in sections {
        let Some(heading) = &s.heading else { continue };
        let have = terms(heading);
        let hits = wanted
            .iter()
            .filter(|w| {
                have.iter()
                    .any(|h| h == *w || (w.chars().count() >= 3 && h.starts_with(w.as_str())))
            })
            .count();
        if hits * 2 >= wanted.len() && hits > 0 && best.is_none_or(|(_, b)| hits > b) {
            best = Some((s.index, hits));
        }
    }
    best.map(|(i, _)| i)
}
