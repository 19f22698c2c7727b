//! Whether the words around a date speak of the future, which turns a bare
//! weekday or month toward the next occurrence instead of the last one.
//!
//! A cue counts before the date anywhere in its sentence (`وسيلتقي الوزير نظيره
//! يوم الجمعة`, `من المقرر أن ...`), and after it only within its clause and
//! before reported speech: in `قال الوزير، الخميس، إنه سيزور` the saying is past.

use super::super::normalize::{fold_char, is_word_char, normalize};

/// Cue words in normalised spelling.
const CUES: &[&str] = &[
    "سوف",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "غدا",
    "المقرر",
    "مقرر",
    "المرتقب",
    "المرتقبه",
    "مرتقب",
    "المزمع",
    "المزمعه",
    "يعتزم",
    "تعتزم",
    "نعتزم",
    "يعتزمون",
    "المتوقع",
    "المنتظر",
    "يرتقب",
    "يتوقع",
    "تتوقع",
];

/// Words after which a following cue belongs to reported speech.
const REPORTED: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "بان",
    "بانه",
    "بانها",
    "وان",
    "لان",
];

/// Nouns and names that begin like a future verb (`س` + `ي/ت/ن`).
const NOT_VERBS: &[&str] = &[
    "سيد",
    "سيده",
    "سيدات",
    "سيدي",
    "سير",
    "سيره",
    "سيل",
    "سيف",
    "سيما",
    "سياق",
    "سيناء",
    "سيادي",
    "سيادة",
    "سيادتي",
    "سنه",
    "سنوات",
    "سنوي",
    "سنويا",
    "سنويه",
    "سنين",
    "سنتين",
    "سنتان",
    "سند",
    "سندات",
    "سنت",
    "سنتات",
    "سنن",
    "سته",
    "ستين",
    "ستون",
    "ستينات",
    "ستينيات",
    "ستر",
    "ستره",
    "ستاد",
    "ستان",
    "سيتي",
    "سيول",
    "سيوله",
];

/// Beginnings of nouns and names (`سياسة`, `سيارة`, `سيرغي`).
const NOT_VERB_STEMS: &[&str] = &[
    "سياس",
    "سيار",
    "سيطر",
    "سياح",
    "سيناري",
    "سينما",
    "سيبر",
    "سيمفون",
    "ستراتيج",
    "ستوديو",
    "سنغاف",
    "سنغال",
    "سناتور",
    "سيناتور",
    "سنتيم",
    "سيكولوج",
    "سيرغي",
    "سيرجي",
    "ستيف",
    "سيمون",
    "سيباست",
    "سيلفا",
    "سيدن",
    "ستوكهولم",
    "سيئ",
    "سيجار",
    "سيليكون",
    "ستالين",
    "ستار",
    "سيراليون",
    "سيشل",
    "سيريلانك",
    "سيول",
    "سينات",
    "سيناريو",
];

/// Whether the words around `text[start..end]` speak of the future.
#[must_use]
pub(super) fn future_at(text: &str, start: usize, end: usize) -> bool {
    let words = words_with_offsets(text);
    let mut frame: [&str; 2] = ["", ""];
    for (_, raw, norm) in words.iter().filter(|w| w.0 < start) {
        // `كان من المقرر`: it was scheduled, and is past.
        let was = |w: &str| matches!(w, "كان" | "وكان" | "كانت" | "وكانت");
        let past_frame = was(frame[1]) || (frame[1] == "من" && was(frame[0]));
        if is_cue(raw, norm) && !past_frame {
            return true;
        }
        frame = [frame[1], norm.as_str()];
    }
    let clause_end = text
        .get(end..)
        .and_then(|rest| rest.find(['،', ',', '؛', ';', '.', ':']))
        .map_or(text.len(), |k| end + k);
    for (_, raw, norm) in words.iter().filter(|w| w.0 >= end && w.0 < clause_end) {
        if REPORTED.contains(&norm.as_str()) {
            break;
        }
        if is_cue(raw, norm) {
            return true;
        }
    }
    false
}

fn is_cue(raw: &str, norm: &str) -> bool {
    let bare = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .unwrap_or(norm);
    CUES.contains(&norm) || CUES.contains(&bare) || is_future_verb(raw, norm)
}

/// `سيلتقي`, `ستعقد`, `سنعمل`, `سأزور`, `وسيتم`: `س` on an imperfect verb.
fn is_future_verb(raw: &str, norm: &str) -> bool {
    let strip = |w: &str| -> String {
        w.strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .unwrap_or(w)
            .to_string()
    };
    let (raw, norm) = (strip(raw), strip(norm));
    if norm.chars().count() < 4 {
        return false;
    }
    // `سأ` keeps its hamza: after folding, `ساعد` and `سافر` would look alike.
    if raw.starts_with("سأ") {
        return true;
    }
    let mut letters = norm.chars();
    let opens = letters.next() == Some('س') && matches!(letters.next(), Some('ي' | 'ت' | 'ن'));
    opens
        && !NOT_VERBS.contains(&norm.as_str())
        && !NOT_VERB_STEMS.iter().any(|s| norm.starts_with(s))
}

/// (byte offset, raw word without marks, normalised word) for each word.
fn words_with_offsets(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let raw: String = text[s..i]
                    .chars()
                    .filter(|&c| fold_char(c).is_some())
                    .collect();
                out.push((s, raw, normalize(&text[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::future_at;

    fn at(text: &str, mention: &str) -> bool {
        let start = text.find(mention).unwrap_or(0);
        future_at(text, start, start + mention.len())
    }

    #[test]
    fn cues_before_or_in_the_clause() {
        assert!(at("وسيلتقي الوزير نظيره يوم الجمعة", "يوم الجمعة"));
        assert!(at("ومن المقرر أن يعقد الاجتماع يوم الأحد", "يوم الأحد"));
        assert!(at("يعقد الاجتماع يوم الأحد وسيحضره الرئيس", "يوم الأحد"));
        assert!(!at("وكان من المقرر أن يعقد الاجتماع يوم الأحد", "يوم الأحد"));
        assert!(!at(
            "أعلنت الخارجية، الأربعاء، أن الوزير سيزور القاهرة",
            "الأربعاء"
        ));
        assert!(!at("قال الوزير يوم الخميس إنه سيزور القاهرة", "يوم الخميس"));
    }

    #[test]
    fn nouns_that_look_like_future_verbs() {
        for w in [
            "سيارة",
            "سنة",
            "ستة",
            "سياسة",
            "سيطرة",
            "سياق",
            "ستار",
            "سيناء",
            "سنوات",
            "سينما",
            "لا سيما",
            "سيرغي",
            "وسيطرت",
            "ساعد",
            "سافر",
        ] {
            assert!(!at(&format!("{w} يوم الجمعة"), "يوم الجمعة"), "{w}");
        }
        for w in ["سيلتقي", "ستعقد", "سنعمل", "سأزور", "سيتم", "فسيعود"]
        {
            assert!(at(&format!("{w} يوم الجمعة"), "يوم الجمعة"), "{w}");
        }
    }
}
