//! Cutting an event to a readable length: at a phrase boundary near the limit,
//! outside quotation marks, with no preposition or conjunction left hanging.

use super::EVENT_MAX_WORDS;
use crate::normalize::{is_word_char, normalize};

/// How far back from the word limit a cut may move to land on a phrase boundary.
const REACH: usize = 8;

/// Words that open a phrase (normalised): a cut just before one ends the
/// event cleanly, and an event never ends on one.
pub(super) const OPENERS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "حتي",
    "خلال",
    "منذ",
    "عبر",
    "لدي",
    "بين",
    "ضد",
    "نحو",
    "حول",
    "تحت",
    "فوق",
    "عند",
    "اثناء",
    "وسط",
    "بحضور",
    "بمشاركه",
    "وفي",
    "ومن",
    "والي",
    "وعلي",
    "وعن",
    "ومع",
    "وبعد",
    "وقبل",
    "وحتي",
    "وخلال",
    "ومنذ",
    "وبين",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "و",
    "ثم",
    "او",
    "بينما",
    "فيما",
    "حيث",
    "اذ",
    "لكن",
    "ولكن",
    "كما",
    "بعدما",
    "عندما",
    "بحسب",
    "وفق",
    "وفقا",
    "ليرفع",
    "لتصل",
];

/// Words that need what follows them, besides the openers: an event never
/// ends on one (`تحت أي`, `أكد أنه`).
const DANGLING: &[&str] = &[
    "ان", "انه", "انها", "بان", "قد", "لا", "لم", "لن", "ما", "كل", "اي", "بأي", "باي", "ذلك",
    "هذا", "هذه", "كان", "كانت", "ال",
];

/// `text` in at most [`EVENT_MAX_WORDS`] words, ending in `…` when cut. The cut
/// moves back up to [`REACH`] words to end a phrase (after a comma or closing
/// quotation mark, before a preposition, conjunction or relative pronoun), and
/// never inside a quotation when a cut outside one is in reach.
#[must_use]
pub(super) fn clip(text: &str) -> String {
    // One word past the limit tells whether to cut; none further is read.
    let words: Vec<&str> = text.split_whitespace().take(EVENT_MAX_WORDS + 1).collect();
    if words.len() <= EVENT_MAX_WORDS {
        return words.join(" ");
    }
    // Only the words around the cut are ever compared: normalise each once.
    let first = EVENT_MAX_WORDS - REACH;
    let keys: Vec<String> = words[first..]
        .iter()
        .map(|w| normalize(w.trim_matches(|c: char| !is_word_char(c))))
        .collect();
    let key = |k: usize| keys[k - first].as_str();
    let closed = quotes_closed(&words);
    let balanced = |k: usize| closed[k];
    let ends_phrase = |k: usize| {
        words[k - 1].ends_with(['،', ',', '؛', '"', '»', ')']) || OPENERS.contains(&key(k))
    };
    let range = (EVENT_MAX_WORDS - REACH..=EVENT_MAX_WORDS).rev();
    let mut k = range
        .clone()
        .find(|&k| balanced(k) && ends_phrase(k))
        .or_else(|| range.clone().find(|&k| balanced(k)))
        .unwrap_or(EVENT_MAX_WORDS);
    while k > EVENT_MAX_WORDS - REACH && {
        let last = key(k - 1);
        OPENERS.contains(&last) || DANGLING.contains(&last)
    } {
        k -= 1;
    }
    let kept = words[..k]
        .join(" ")
        .trim_end_matches(['،', ',', '؛', ':', ' '])
        .to_string();
    format!("{kept}…")
}

/// For each `k` from 0 to `words.len()`: whether every quotation opened in
/// `words[..k]` is closed.
fn quotes_closed(words: &[&str]) -> Vec<bool> {
    let (mut straight, mut depth) = (0usize, 0i32);
    let mut out = Vec::with_capacity(words.len() + 1);
    out.push(true);
    for w in words {
        for c in w.chars() {
            match c {
                '"' => straight += 1,
                '«' | '“' => depth += 1,
                '»' | '”' => depth -= 1,
                _ => {}
            }
        }
        out.push(straight % 2 == 0 && depth == 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn a_long_event_ends_a_phrase_outside_quotation_marks() {
        let lead = "أعلن وزير الطاقة المغربي عبد اللطيف الحسني اليوم الخميس، انطلاق المرحلة الثانية \
                    من برنامج التعاون الذي تقوده المملكة مع شركائها لتطوير مشاريع \"الطاقة الخضراء\" \
                    واقتصار دور ما تبقى من اللجان على \"المتابعة والتقييم\".";
        assert!(
            clip(lead).ends_with("\"الطاقة الخضراء\"…"),
            "{}",
            clip(lead)
        );
        let name = "توج منتخب كوت ديفوار بلقب كأس الأمم الأفريقية 2023 بعد فوزه على نيجيريا 2-1 \
                    في المباراة النهائية التي أقيمت مساء الأحد على ملعب الحسن واتارا في أبيدجان.";
        assert!(clip(name).ends_with("مساء الأحد…"), "{}", clip(name));
        let short = "أقر البرلمان الموازنة";
        assert_eq!(clip(short), short);
    }
}
