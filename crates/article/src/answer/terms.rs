//! Words as retrieval terms: the parser's normalisation and light stem, plus the
//! two things questions need on top of it (numbers kept, a few more affixes).

use crate::normalize::{is_stopword, is_word_char, normalize, stem};

/// A word of a text: its byte span in the text and its normalised form.
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub norm: String,
}

/// The words of a text with their spans, punctuation dropped.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_word_char(c) && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let norm = normalize(&text[s..i]);
                if !norm.is_empty() {
                    out.push(Word {
                        start: s,
                        end: i,
                        norm,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a normalised word is a number written in digits.
pub(crate) fn is_number(norm: &str) -> bool {
    !norm.is_empty() && norm.bytes().all(|b| b.is_ascii_digit())
}

/// The retrieval term of a normalised word; `None` for a stop word. Numbers are
/// terms here (`2014` must find `منذ عام 2014`), unlike in the summary's terms.
pub(crate) fn term(norm: &str) -> Option<String> {
    if is_number(norm) {
        return Some(norm.to_string());
    }
    if is_stopword(norm) {
        return None;
    }
    let t = stem(strip_ending(norm));
    (t.chars().count() >= 2).then_some(t)
}

/// A weaker second form of a term: a one-letter clitic (`ب`, `ل`, `ك`, `ف`) or
/// the future `س` before a verb taken off, so `ببغداد` is found by `بغداد` and
/// `ستعقد` by `تعقد`. Only for words long enough to spare it.
pub(crate) fn weak(term: &str) -> Option<String> {
    let mut chars = term.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let clitic = matches!(first, 'ب' | 'ل' | 'ك' | 'ف');
    let future = first == 'س' && rest.starts_with(['ي', 'ت', 'ن', 'ا']);
    ((clitic || future) && rest.chars().count() >= 4).then(|| rest.to_string())
}

/// The accusative alef (`جنديًا` → `جندي`, `تحالفًا` → `تحالف`) and the
/// possessive `نا` (`قواتنا`), which the shared stem leaves on.
fn strip_ending(norm: &str) -> &str {
    let len = norm.chars().count();
    if len >= 5
        && let Some(rest) = norm.strip_suffix("نا")
    {
        return rest;
    }
    if len >= 5
        && let Some(rest) = norm.strip_suffix('ا')
    {
        return rest;
    }
    norm
}

/// How close a question's term is to an article's term, 0 for unrelated:
/// 1 when equal, less for a shared beginning (`انتهت` / `انتهاء`) or the same
/// verb with another person prefix (`يقود` / `تقود`).
pub(crate) fn similarity(q: &str, t: &str) -> f32 {
    if q == t {
        return 1.0;
    }
    if is_number(q) || is_number(t) {
        return 0.0;
    }
    let (qn, tn) = (q.chars().count(), t.chars().count());
    let common = q.chars().zip(t.chars()).take_while(|(a, b)| a == b).count();
    if common >= 4 && common + 1 >= qn.min(tn) {
        return NEAR;
    }
    // A three-letter root with one letter of inflection: `حظرت` / `حظر`.
    if common == 3 && qn.max(tn) == 4 {
        return FAR;
    }
    // The same verb with another person prefix (`يقود` / `تقود`), or its bare
    // past (`تعقد` / `عقد`).
    let person = |c: char| matches!(c, 'ي' | 'ت' | 'ن' | 'ا');
    let bare = |w: &str| {
        let mut c = w.chars();
        c.next()
            .filter(|&p| person(p))
            .map(|_| c.as_str().to_string())
    };
    let (qb, tb) = (bare(q), bare(t));
    let long = |w: &Option<String>, n: usize| w.as_ref().is_some_and(|w| w.chars().count() >= n);
    if (long(&qb, 2) && qb == tb)
        || (long(&qb, 3) && qb.as_deref() == Some(t))
        || (long(&tb, 3) && tb.as_deref() == Some(q))
    {
        return NEAR;
    }
    0.0
}

/// The weight of a near match, and of a far one.
pub(crate) const NEAR: f32 = 0.7;
pub(crate) const FAR: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    fn t(w: &str) -> String {
        term(&normalize(w)).unwrap_or_default()
    }

    #[test]
    fn accusative_and_possessive_endings_match_the_bare_word() {
        assert_eq!(t("جنديًا"), t("جندي"));
        assert_eq!(t("تحالفًا"), t("التحالف"));
        assert_eq!(t("قواتنا"), t("القوات"));
        assert_eq!(t("2014"), "2014");
        assert_eq!(term("في"), None);
    }

    #[test]
    fn near_words_are_near_and_others_are_not() {
        assert_eq!(similarity(&t("انتهت"), &t("انتهاء")), NEAR);
        assert_eq!(similarity(&t("يقود"), &t("وتقود")), NEAR);
        assert_eq!(similarity("تعقد", "عقد"), NEAR);
        assert_eq!(similarity(&t("حظرت"), &t("حظرنا")), FAR);
        assert_eq!(similarity(&t("دولي"), &t("دولار")), 0.0);
        assert_eq!(similarity(&t("بغداد"), &t("واشنطن")), 0.0);
        assert_eq!(similarity("2014", "2015"), 0.0);
        assert_eq!(weak(&t("ببغداد")).as_deref(), Some("بغداد"));
    }

    #[test]
    fn words_keep_their_spans() {
        let text = "قال: «نعم»، 2500 جندي.";
        let w = words(text);
        let spans: Vec<&str> = w.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(spans, vec!["قال", "نعم", "2500", "جندي"]);
    }
}
