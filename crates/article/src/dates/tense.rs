//! Whether the words around a date speak of the future, which turns a bare
//! weekday or month toward the next occurrence instead of the last one.
//!
//! A cue counts before the date anywhere in its sentence (`وسيلتقي الوزير نظيره
//! يوم الجمعة`, `من المقرر أن ...`), and after it only within its clause and
//! before reported speech: in `قال الوزير، الخميس، إنه سيزور` the saying is past.

use super::words::is_past_verb;
use crate::normalize::{fold_char, is_word_char};

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
    "المفترض",
    "اعتبارا",
    "ابتداء",
    "المنتظر",
    "يرتقب",
    "يتوقع",
    "تتوقع",
    "مدعوون",
    "مدعوين",
];

/// Words opening like an imperfect verb (`ي...`) that do not announce an event:
/// saying and seeming, and nouns and names.
const NOT_IMPERFECT: &[&str] = &[
    "يقول",
    "ياتي",
    "تاتي",
    "يشار",
    "يضيف",
    "يري",
    "يوكد",
    "يشير",
    "يعتبر",
    "يذكر",
    "يوضح",
    "يتابع",
    "يبدو",
    "يمكن",
    "يجب",
    "يعني",
    "يعد",
    "يوجد",
    "يزال",
    "يكون",
    "يصف",
    "يوم",
    "يوما",
    "يومي",
    "يوميا",
    "يونيو",
    "يوليو",
    "يناير",
    "يونيه",
    "يوليه",
    "يمين",
    "يسار",
    "يهود",
    "يمني",
    "يمنيه",
    "يابان",
    "يابانيه",
    "يوناني",
    "يونانيه",
    "يورو",
];

/// Names of five letters opening with `ت` in a verb's shape.
const NOT_T_VERBS: &[&str] = &["تركيا", "ترامب"];

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
    "سياده",
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
    "سيي",
    "سيجار",
    "سيليكون",
    "سيمي",
    "سيسي",
    "سيري",
    "سيرين",
    "سيمو",
    "ستالين",
    "ستار",
    "سيراليون",
    "سيشل",
    "سيريلانك",
    "سيول",
    "سينات",
    "سيناريو",
];

/// What the words of one sentence say about the tense of its dates, read once
/// for all of them: each date then costs a lookup, not a pass over the sentence.
pub(super) struct Tense {
    /// Where each word starts, in order.
    starts: Vec<usize>,
    /// For each word, the first word from it on that settles what follows a
    /// date: (its index, whether it is a cue rather than reported speech).
    settles: Vec<Option<(usize, bool)>>,
    /// Where the first cue that no past frame (`كان من المقرر`) holds starts.
    first_cue: Option<usize>,
    /// Where each clause mark is, in order.
    marks: Vec<usize>,
    /// Each word, whether it is an imperfect verb announcing an event
    /// (`يخوض الفريق الثلاثاء`): a date right after one is to come.
    imperfect: Vec<bool>,
    /// Where the first clause ends, when the sentence opens with an imperfect verb.
    lead_clause: Option<usize>,
    /// Each word, whether it is a verb that speaks of the future (`سيجري`,
    /// `سوف`) and no past frame holds.
    future_verbs: Vec<bool>,
    /// Each word, whether it is a relative pronoun opening a clause of its own.
    relative: Vec<bool>,
    len: usize,
}

/// A word of the past frame `كان من` that holds a later cue, or any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Was,
    Min,
    Other,
}

impl Frame {
    fn of(norm: &str) -> Self {
        match norm {
            "كان" | "وكان" | "كانت" | "وكانت" => Self::Was,
            "من" => Self::Min,
            _ => Self::Other,
        }
    }
}

impl Tense {
    #[must_use]
    /// `dates`: the spans of the date expressions found in `text`; a cue inside
    /// one (`يونيو المقبل`) places that date, not the sentence.
    pub(super) fn new(text: &str, dates: &[(usize, usize)]) -> Self {
        let marks: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '،' | ',' | '؛' | ';' | '.' | ':'))
            .map(|(i, _)| i)
            .collect();
        let mut starts = Vec::new();
        let mut kinds = Vec::new();
        // `كان ... يعقد`: an imperfect under `كان` in its clause is past.
        let mut imperfect = Vec::new();
        let (mut under_was, mut mark) = (false, 0usize);
        let mut first_cue = None;
        // What the two words before are, for `كان من المقرر`.
        let mut frame = [Frame::Other; 2];
        let mut norm = String::new();
        let mut lead_clause = None;
        let mut future_verbs = Vec::new();
        let mut relative = Vec::new();
        let mut in_date = 0;
        for (start, word) in word_spans(text) {
            norm.clear();
            norm.extend(word.chars().filter_map(fold_char));
            while dates.get(in_date).is_some_and(|&(_, e)| e <= start) {
                in_date += 1;
            }
            let inside = dates.get(in_date).is_some_and(|&(s, _)| s <= start);
            // `بيجو-ستروين`: the second half of a joined name is no verb.
            let joined = text[..start].ends_with(['-', '–']);
            let cue = !inside && !joined && is_cue(word, &norm);
            if starts.is_empty() && opens_with_verb(&norm) {
                // The clause a sentence-opening imperfect verb governs.
                let end = marks
                    .iter()
                    .copied()
                    .find(|&m| m > start)
                    .unwrap_or(text.len());
                lead_clause = Some(end);
            }
            // `كان من المقرر`: it was scheduled, and is past.
            let past_frame =
                frame[1] == Frame::Was || (frame[1] == Frame::Min && frame[0] == Frame::Was);
            if cue && !past_frame && first_cue.is_none() {
                first_cue = Some(start);
            }
            relative.push(matches!(
                norm.as_str(),
                "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "اللواتي" | "اللاتي"
            ));
            future_verbs.push(
                !inside && !joined && !past_frame && (norm == "سوف" || is_future_verb(word, &norm)),
            );
            frame = [frame[1], Frame::of(&norm)];
            // One pass over the marks alongside the words: a mark passed since
            // the last word ends the clause.
            let before = mark;
            while marks.get(mark).is_some_and(|&m| m < start) {
                mark += 1;
            }
            if mark > before {
                under_was = false;
            }
            let bare = norm.strip_prefix('و').unwrap_or(&norm);
            under_was |= matches!(bare, "كان" | "كانت" | "كانوا");
            imperfect.push(!under_was && is_imperfect(&norm));
            starts.push(start);
            kinds.push(if REPORTED.contains(&norm.as_str()) {
                Some(false)
            } else {
                cue.then_some(true)
            });
        }
        let mut settles = vec![None; kinds.len()];
        let mut next = None;
        for k in (0..kinds.len()).rev() {
            next = kinds[k].map(|cue| (k, cue)).or(next);
            settles[k] = next;
        }
        Self {
            starts,
            settles,
            first_cue,
            marks,
            imperfect,
            lead_clause,
            future_verbs,
            relative,
            len: text.len(),
        }
    }

    /// Whether a verb speaking of the future or an imperfect verb announcing an
    /// event stands before `start` in its own clause (`على أن يجرى الاقتراع في
    /// 10 ديسمبر`): the narrower test for a day and month, whose nearest
    /// occurrence is right more often than a cue elsewhere in the sentence
    /// (`الموعد المقرر لانتهاء القمة في 12 ديسمبر` is yesterday's).
    #[must_use]
    pub(super) fn future_in_clause(&self, start: usize) -> bool {
        let mark_before = self.marks.partition_point(|&m| m < start);
        let clause_start = mark_before.checked_sub(1).map_or(0, |i| self.marks[i]);
        let from = self.starts.partition_point(|&s| s < clause_start);
        let at = self.starts.partition_point(|&s| s < start);
        // A relative clause has a verb of its own: `ستبقي على الأوامر التي
        // أصدرتها في 30 آذار` dates the orders, not what is to come.
        let from = (from..at)
            .rev()
            .find(|&k| self.relative[k])
            .map_or(from, |k| k + 1);
        (from..at).any(|k| self.imperfect[k] || self.future_verbs[k])
    }

    /// Whether a date at `start` sits in the first clause of a sentence that
    /// opens with an imperfect verb (`تنطلق الأحد في مالي الانتخابات`, `يعرض
    /// الرئيس الفرنسي إيمانويل ماكرون الثلاثاء خطته`): a weekday there is to come.
    #[must_use]
    pub(super) fn opening_verb_governs(&self, start: usize) -> bool {
        self.lead_clause.is_some_and(|end| start < end)
    }

    /// Whether the words around the date at `start..end` speak of the future.
    #[must_use]
    pub(super) fn future_at(&self, start: usize, end: usize) -> bool {
        if self.first_cue.is_some_and(|c| c < start) {
            return true;
        }
        // An imperfect verb one or two words before, in the same clause:
        // `يخوض الثلاثاء`, `يلتقي الفريقان الأحد`.
        let at = self.starts.partition_point(|&s| s < start);
        let mark_before = self.marks.partition_point(|&m| m < start);
        let clause_start = mark_before.checked_sub(1).map_or(0, |i| self.marks[i]);
        if (at.saturating_sub(2)..at).any(|k| self.imperfect[k] && self.starts[k] >= clause_start) {
            return true;
        }
        let next_mark = self.marks.partition_point(|&m| m < end);
        let clause_end = self.marks.get(next_mark).copied().unwrap_or(self.len);
        let next_word = self.starts.partition_point(|&s| s < end);
        // Reported speech after the date ends the search: its cue is someone's words.
        matches!(
            self.settles.get(next_word).copied().flatten(),
            Some((k, true)) if self.starts[k] < clause_end
        )
    }
}

/// Whether a sentence narrates what happened: it has a past verb of narration
/// (`قال`, `أعلنت`, `جاءت`), which settles a bare weekday in it as the last
/// such day. Read only for a sentence with a bare weekday.
pub(super) fn narrates_past(text: &str) -> bool {
    word_spans(text).any(|(_, w)| is_past_verb(&folded(w)))
}

/// Whether one of the three words before `start`, in its clause, is a verb
/// (past, imperfect or future): `أعلنت الوزارة اليوم`, `قال اليوم`, `يصل اليوم`
/// use `اليوم` as the day it happens on, where `العالم اليوم` means "nowadays".
pub(super) fn verb_just_before(text: &str, start: usize) -> bool {
    // Three words lie within the last 96 bytes: the read stays bounded.
    let mut from = start.saturating_sub(96);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    let clause = before
        .rfind(['،', ',', '؛', ';', ':', '.', '(', '"', '«'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let words: Vec<&str> = word_spans(&before[clause..]).map(|(_, w)| w).collect();
    words.iter().rev().take(3).any(|w| {
        let norm = folded(w);
        is_past_verb(&norm) || is_imperfect(&norm) || is_future_verb(w, &norm)
    })
}

/// A word in normalised spelling (letters folded, diacritics dropped).
fn folded(word: &str) -> String {
    word.chars().filter_map(fold_char).collect()
}

/// Whether the words around `text[start..end]` speak of the future.
#[cfg(test)]
fn future_at(text: &str, start: usize, end: usize) -> bool {
    Tense::new(text, &[(start, end)]).future_at(start, end)
}

/// Whether a sentence's first word is an imperfect verb: `ي...` as
/// [`is_imperfect`] reads it, or `ت...` of five letters in a verb's shape
/// (`تنطلق`, `تحتفل`; not `تفجير`, `تظاهرة`, nor the past `تعهدت`). Four
/// letters are left out: `تنظم` may be the past `تعهد` as well.
fn opens_with_verb(norm: &str) -> bool {
    if is_imperfect(norm) {
        return true;
    }
    let bare = without_conjunction(norm);
    let letters: Vec<char> = bare.chars().collect();
    letters.len() == 5
        && letters[0] == 'ت'
        && letters[2] != 'ا'
        && letters[3] != 'ي'
        && !matches!(letters[4], 'ه' | 'ي' | 'ت')
        && !NOT_T_VERBS.contains(&bare)
}

fn is_imperfect(norm: &str) -> bool {
    let bare = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .unwrap_or(norm);
    bare.starts_with('ي') && bare.chars().count() >= 4 && !NOT_IMPERFECT.contains(&bare)
}

/// Whether a word, as written (`word`) and normalised (`norm`), is a cue.
fn is_cue(word: &str, norm: &str) -> bool {
    let bare = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .unwrap_or(norm);
    CUES.contains(&norm) || CUES.contains(&bare) || is_future_verb(word, norm)
}

/// `سيلتقي`, `ستعقد`, `سنعمل`, `سأزور`, `وسيتم`: `س` on an imperfect verb.
fn is_future_verb(word: &str, norm: &str) -> bool {
    let norm = without_conjunction(norm);
    if norm.chars().count() < 4 {
        return false;
    }
    // `سأ` keeps its hamza: after folding, `ساعد` and `سافر` would look alike.
    // Only a word folded to `سا...` can have it, so only then is it looked for.
    if norm.starts_with("سا") {
        let raw: String = word.chars().filter(|&c| fold_char(c).is_some()).collect();
        if without_conjunction(&raw).starts_with("سأ") {
            return true;
        }
    }
    let mut letters = norm.chars();
    let opens = letters.next() == Some('س') && matches!(letters.next(), Some('ي' | 'ت' | 'ن'));
    opens && !NOT_VERBS.contains(&norm) && !NOT_VERB_STEMS.iter().any(|s| norm.starts_with(s))
}

/// `w` without the `و` or `ف` that joins it to what comes before.
fn without_conjunction(w: &str) -> &str {
    w.strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .unwrap_or(w)
}

/// Each word of `text` (a run of word characters) with its byte offset.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::future_at;
    use crate::normalize::normalize;

    /// Words are compared in normalised spelling: one written otherwise
    /// could never match.
    #[test]
    fn every_word_is_in_normalised_spelling() {
        for list in [
            super::CUES,
            super::NOT_IMPERFECT,
            super::NOT_T_VERBS,
            super::REPORTED,
            super::NOT_VERBS,
            super::NOT_VERB_STEMS,
        ] {
            for w in list {
                assert_eq!(normalize(w), *w, "{w}");
            }
        }
    }

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
        // An imperfect verb announcing an event, not a saying one, not under `كان`.
        assert!(at("يخوض الثلاثاء المدرب مباراته الأولى", "الثلاثاء"));
        assert!(at("ويلتقي الفريقان الأحد في العاصمة", "الأحد"));
        assert!(!at("ويقول الوزير الأحد إن الوضع هادئ", "الأحد"));
        assert!(!at("وكان يلتقي الفريقان الأحد", "الأحد"));
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
