//! Finding a section by number or by words of its heading, on normalised,
//! stemmed words, so `الحصاد` finds `"حصاد" الموسم`.

use super::model::Section;
use super::normalize::{fold_digit, terms, words};

/// Section by number (`1` is the first headed section, `0` the lead) or by
/// words of its heading (the best of [`by_words`]).
#[must_use]
pub(crate) fn find(sections: &[Section], query: &str) -> Option<usize> {
    let q = query.trim();
    let digits: String = q.chars().map(fold_digit).collect();
    if !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let n: usize = digits.parse().ok()?;
        return (n < sections.len() && !(n == 0 && sections[0].paragraphs.is_empty())).then_some(n);
    }
    by_words(sections, q).first().copied()
}

/// The one rule for a section by words, used by `/section`, plain text and inline
/// mode alike: every heading matching at least half of the query's words, best
/// first (most content words, then most of the query's words as written).
#[must_use]
pub(crate) fn by_words(sections: &[Section], query: &str) -> Vec<usize> {
    let q = query.trim();
    // A query of little words only (`ماذا بعد`) is matched on those words.
    let raw = words(q);
    let wanted = match terms(q) {
        t if t.is_empty() => raw.clone(),
        t => t,
    };
    if wanted.is_empty() {
        return Vec::new();
    }
    // On a tie of content words, most of the query's words as written, little
    // ones included: `ماذا بعد` is `ماذا بعد؟`, not `ماذا عن المدنيين؟`.
    let mut found: Vec<(usize, (usize, usize))> = Vec::new();
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
        if hits * 2 >= wanted.len() && hits > 0 {
            found.push((s.index, (hits, exact)));
        }
    }
    // Stable: among equals, the first section in reading order.
    found.sort_by_key(|f| std::cmp::Reverse(f.1));
    found.into_iter().map(|(i, _)| i).collect()
}
