//! Reading a reader's question: what it asks for (when, how many, who, where,
//! why, or anything else) and the concepts it names, each with the terms that
//! may stand for it in the article.

use super::english;
use super::lexicon::Lexicon;
use super::terms::{is_number, term, words};
use crate::normalize::normalize;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `متى`, `منذ متى`, `في أي عام`, `when`: a date.
    When,
    /// `كم`, `ما عدد`, `how many`: a number.
    HowMany,
    /// `من`, `مَن`, `who`: a person or an organisation.
    Who,
    /// `أين`, `في أي مدينة`, `where`: a place.
    Where,
    /// `لماذا`, `ما سبب`, `why`: a cause.
    Why,
    /// Anything else (`ماذا`, `ما`, `هل`, `كيف`, `what`).
    What,
}

/// One thing the question names, with the terms that may stand for it and how
/// much each counts.
#[derive(Debug, Clone)]
pub(crate) struct Concept {
    pub alts: Vec<(String, f32)>,
}

/// A question as the index reads it.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub kind: Kind,
    /// Written in English (Latin letters, no Arabic).
    pub english: bool,
    /// English words the glossary does not know: they cannot be matched.
    pub unknown: usize,
    /// Phrased as a question: a question word, or a question mark.
    pub phrased: bool,
    /// Asks since when (`منذ متى`, `since when`, `how long`): a date after `منذ` answers it.
    pub since: bool,
    pub concepts: Vec<Concept>,
}

/// How much a word standing for another counts.
const SAME_WEIGHT: f32 = 0.8;

/// Question words and fillers that name nothing (normalised).
#[rustfmt::skip]
const ASKING: &[&str] = &[
    "متي", "كم", "بكم", "وكم", "من", "ومن", "فمن", "لمن", "ممن", "بمن", "اين", "واين", "فاين",
    "لماذا", "لمادا", "ولماذا", "ماذا", "بماذا", "لماذا", "وماذا", "ما", "ماهو", "ماهي", "ماهم",
    "هل", "وهل", "كيف", "وكيف", "اي", "باي", "لاي", "هو", "هي", "هم", "هن", "ال", "يا", "الذي",
    "التي", "الذين", "تم", "يتم", "حدث", "يحدث", "سيحدث", "جري", "يجري", "قام", "يقوم", "يمكن",
    "اصبح", "اصبحت", "بات",
];

/// Words that open a question of any kind.
#[rustfmt::skip]
const STARTS: &[&str] = &[
    "ما", "ماذا", "بماذا", "وماذا", "هل", "وهل", "كيف", "وكيف", "اي", "باي", "ماهو", "ماهي",
];

/// Nouns that only frame a question (`في أي عام`, `ما سبب`, `ما عدد`).
#[rustfmt::skip]
const FRAME: &[&str] = &[
    "عام", "سنه", "شهر", "يوم", "تاريخ", "وقت", "زمن", "قرن", "مدينه", "مكان", "بلد", "دوله",
    "منطقه", "سبب", "اسباب", "عدد", "نسبه", "حجم", "مقدار", "اسم",
];

impl Question {
    pub(crate) fn read(text: &str, lexicon: &Lexicon) -> Self {
        let has_arabic = text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let has_latin = text.chars().any(|c| c.is_ascii_alphabetic());
        let marked = text.trim_end().ends_with(['?', '؟']);
        if has_latin && !has_arabic {
            return Self::read_english(text, lexicon, marked);
        }
        let w: Vec<String> = words(text).into_iter().map(|w| w.norm).collect();
        let kind = arabic_kind(&w);
        let phrased =
            marked || kind != Kind::What || w.iter().take(2).any(|x| STARTS.contains(&x.as_str()));
        let framed = framing(&w);
        let mut concepts: Vec<Concept> = Vec::new();
        for (i, word) in w.iter().enumerate() {
            if ASKING.contains(&word.as_str()) || framed.contains(&i) {
                continue;
            }
            let Some(t) = term(word) else { continue };
            push_concept(&mut concepts, t, lexicon);
        }
        let since = w.windows(2).any(|p| p[0] == "منذ" && p[1] == "متي");
        Self {
            kind,
            english: false,
            unknown: 0,
            phrased,
            since,
            concepts,
        }
    }

    fn read_english(text: &str, lexicon: &Lexicon, marked: bool) -> Self {
        let lower = text.to_lowercase();
        let w: Vec<String> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .map(normalize)
            .collect();
        let kind = english_kind(&w);
        let phrased = marked || kind != Kind::What || w.first().is_some_and(|f| is_asking(f));
        let mut concepts = Vec::new();
        let mut unknown = 0;
        let mut i = 0;
        while i < w.len() {
            // Phrases first: `united states`, `prime minister`.
            if let Some(next) = w.get(i + 1)
                && let Some(ar) = lexicon.english(&format!("{} {next}", w[i]))
            {
                push_alternatives(&mut concepts, ar);
                i += 2;
                continue;
            }
            let word = &w[i];
            i += 1;
            if is_number(word) {
                push_concept(&mut concepts, word.clone(), lexicon);
                continue;
            }
            if english::STOP.contains(&word.as_str()) {
                continue;
            }
            match english::forms(word).iter().find_map(|f| lexicon.english(f)) {
                Some(ar) => push_alternatives(&mut concepts, ar),
                None => unknown += 1,
            }
        }
        let since = lower.contains("since when") || lower.contains("how long");
        Self {
            kind,
            english: true,
            unknown,
            phrased,
            since,
            concepts,
        }
    }
}

fn is_asking(word: &str) -> bool {
    matches!(
        word,
        "what" | "which" | "how" | "is" | "are" | "did" | "does" | "do" | "was" | "were"
    )
}

/// A concept for one term of the question, with the words that stand for it.
fn push_concept(concepts: &mut Vec<Concept>, t: String, lexicon: &Lexicon) {
    if concepts.iter().any(|c| c.alts[0].0 == t) {
        return;
    }
    let mut alts = vec![(t.clone(), 1.0)];
    for same in lexicon.same_as(&t) {
        if *same != t {
            alts.push((same.clone(), SAME_WEIGHT));
        }
    }
    concepts.push(Concept { alts });
}

/// A concept whose terms are alternatives of equal weight (a glossary entry).
fn push_alternatives(concepts: &mut Vec<Concept>, terms: &[String]) {
    if terms.is_empty() {
        return;
    }
    let alts = terms.iter().map(|t| (t.clone(), 1.0)).collect();
    concepts.push(Concept { alts });
}

fn arabic_kind(w: &[String]) -> Kind {
    let at = |i: usize| w.get(i).map_or("", String::as_str);
    // The question word is near the front: after a dash, `و`, or `إذن`.
    let head: Vec<usize> = (0..w.len().min(4)).collect();
    let pair = |a: &str, b: &[&str]| {
        (0..w.len().saturating_sub(1)).any(|i| at(i) == a && b.contains(&at(i + 1)))
    };
    let what_is = |nouns: &[&str]| {
        (0..w.len()).any(|i| {
            matches!(at(i), "ما" | "ماهو" | "ماهي")
                && (nouns.contains(&at(i + 1))
                    || (matches!(at(i + 1), "هو" | "هي") && nouns.contains(&at(i + 2))))
        })
    };
    let which = |nouns: &[&str]| {
        (0..w.len().saturating_sub(1))
            .any(|i| matches!(at(i), "اي" | "باي" | "لاي" | "ايه") && nouns.contains(&at(i + 1)))
    };
    if w.iter().any(|x| matches!(x.as_str(), "متي" | "متى"))
        || which(&["عام", "سنه", "شهر", "يوم", "تاريخ", "وقت", "زمن", "قرن"])
        || what_is(&["تاريخ"])
    {
        return Kind::When;
    }
    if w.iter()
        .any(|x| matches!(x.as_str(), "لماذا" | "لمادا" | "ولماذا"))
        || what_is(&["سبب", "اسباب", "الهدف", "هدف"])
        || which(&["سبب"])
        || (at(0) == "لم" && w.len() > 2)
    {
        return Kind::Why;
    }
    if w.iter()
        .any(|x| matches!(x.as_str(), "اين" | "واين" | "فاين"))
        || which(&[
            "مدينه",
            "مكان",
            "بلد",
            "دوله",
            "منطقه",
            "بلده",
            "قاره",
            "ولايه",
            "محافظه",
        ])
    {
        return Kind::Where;
    }
    if head.iter().any(|&i| matches!(at(i), "كم" | "بكم" | "وكم"))
        || what_is(&["عدد", "نسبه", "حجم", "قيمه", "مقدار", "مبلغ"])
    {
        return Kind::HowMany;
    }
    if head.iter().any(|&i| {
        matches!(at(i), "من" | "ومن" | "فمن" | "لمن" | "ممن" | "بمن")
            && (i == 0 || !is_content(at(i - 1)))
            && !matches!(at(i + 1), "اجل" | "اين")
    }) || what_is(&["اسم"])
        || pair("من", &["هو", "هي", "هم"])
    {
        return Kind::Who;
    }
    Kind::What
}

/// Whether a word before `من` makes it "from" rather than "who".
fn is_content(word: &str) -> bool {
    !ASKING.contains(&word) && word != "و"
}

/// Positions of the frame nouns of `في أي عام`, `ما سبب`, `ما عدد`.
fn framing(w: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 1..w.len() {
        let prev = w[i - 1].as_str();
        let asks = matches!(
            prev,
            "اي" | "باي" | "لاي" | "ايه" | "ما" | "ماهو" | "ماهي" | "هو" | "هي"
        );
        if asks && FRAME.contains(&w[i].as_str()) {
            out.push(i);
        }
    }
    out
}

fn english_kind(w: &[String]) -> Kind {
    let at = |i: usize| w.get(i).map_or("", String::as_str);
    let any = |a: &str| w.iter().take(4).any(|x| x == a);
    let pair =
        |a: &str, b: &[&str]| (0..w.len().min(4)).any(|i| at(i) == a && b.contains(&at(i + 1)));
    if any("when")
        || pair("how", &["long"])
        || pair("what", &["year", "date", "day", "month", "time"])
        || pair("which", &["year", "date", "day", "month"])
    {
        Kind::When
    } else if pair("how", &["many", "much", "old", "big", "large"]) {
        Kind::HowMany
    } else if any("why") || pair("what", &["caused", "cause", "reason"]) {
        Kind::Why
    } else if any("where") || pair("which", &["city", "country", "place"]) {
        Kind::Where
    } else if any("who") || any("whom") || any("whose") {
        Kind::Who
    } else {
        Kind::What
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(q: &str) -> Kind {
        Question::read(q, &Lexicon::new()).kind
    }

    #[test]
    fn question_words_in_arabic() {
        assert_eq!(kind("متى انتهت المهمة القتالية؟"), Kind::When);
        assert_eq!(kind("منذ متى تقود الولايات المتحدة التحالف؟"), Kind::When);
        assert_eq!(kind("في أي عام بدأت الحركة؟"), Kind::When);
        assert_eq!(kind("كم جنديا بقي؟"), Kind::HowMany);
        assert_eq!(kind("ما عدد الجنود؟"), Kind::HowMany);
        assert_eq!(kind("من يقود تحالف الفتح؟"), Kind::Who);
        assert_eq!(kind("مَن يقود التحالف؟"), Kind::Who);
        assert_eq!(kind("أين قتل سليماني؟"), Kind::Where);
        assert_eq!(kind("في أي مدينة ولد؟"), Kind::Where);
        assert_eq!(kind("لماذا حظرت السلطات الاحتجاج؟"), Kind::Why);
        assert_eq!(kind("ما سبب الاحتجاج؟"), Kind::Why);
        assert_eq!(kind("ماذا أعلن الوزير؟"), Kind::What);
        assert_eq!(kind("انسحاب القوات من العراق"), Kind::What);
    }

    #[test]
    fn question_words_in_english() {
        assert_eq!(kind("When did the combat mission end?"), Kind::When);
        assert_eq!(kind("How many soldiers stay?"), Kind::HowMany);
        assert_eq!(kind("Who leads the council?"), Kind::Who);
        assert_eq!(kind("Where was he killed?"), Kind::Where);
        assert_eq!(kind("Why did police arrest them?"), Kind::Why);
    }

    #[test]
    fn concepts_leave_out_the_asking_words() {
        let lx = Lexicon::new();
        let q = Question::read("في أي عام بدأت أمهات السبت حركتهن؟", &lx);
        let firsts: Vec<&str> = q.concepts.iter().map(|c| c.alts[0].0.as_str()).collect();
        assert!(!firsts.iter().any(|t| t.contains("عام")), "{firsts:?}");
        assert_eq!(firsts.len(), 4, "{firsts:?}");
        let q = Question::read("How many US soldiers will stay in Iraq?", &lx);
        assert!(q.english && q.unknown == 0, "{q:?}");
        assert_eq!(q.concepts.len(), 4);
        assert!(!Question::read("انسحاب القوات من العراق", &lx).phrased);
    }
}
