//! How well a sentence stands alone: a reader of the summary sees it without the
//! sentences around it, so one that leans on them (`وأضاف أن`, `من جهته`,
//! `وكان قد`) or is mostly someone else's words ranks lower.

use crate::normalize::{is_alphanumeric, is_word_char, normalize};

/// Openings that carry on a speaker or a topic named before.
const LEANING_OPENINGS: &[(&str, f64)] = &[
    ("من جهته", 0.35),
    ("من جهتها", 0.35),
    ("من جانبه", 0.35),
    ("من جانبها", 0.35),
    ("بدوره", 0.35),
    ("بدورها", 0.35),
    ("وبدوره", 0.35),
    ("وبدورها", 0.35),
    ("وكان قد", 0.35),
    ("وكانت قد", 0.35),
    ("كما", 0.25),
    ("وكما", 0.25),
    ("في المقابل", 0.25),
    ("وفي المقابل", 0.25),
    ("الي ذلك", 0.25),
    ("واضافه الي ذلك", 0.25),
    ("اضافه الي ذلك", 0.25),
    ("بالاضافه الي ذلك", 0.25),
    ("وفي هذا السياق", 0.25),
    ("وفي السياق", 0.25),
    ("في السياق", 0.25),
    ("وياتي ذلك", 0.25),
    ("وجاء ذلك", 0.25),
    ("وذلك", 0.25),
    ("وهذا", 0.2),
    ("وهو ما", 0.25),
    ("وهو", 0.2),
    ("وهي", 0.2),
    ("لكن", 0.15),
    ("ولكن", 0.15),
    ("غير ان", 0.15),
    ("الا ان", 0.15),
    ("بيد ان", 0.15),
];

/// Verbs that report more of what someone named before said (normalised, with
/// the conjunction): `وأضاف`, `وأوضحت`.
const REPORTING: &[&str] = &[
    "واضاف",
    "واضافت",
    "وتابع",
    "وتابعت",
    "واشار",
    "واشارت",
    "واوضح",
    "واوضحت",
    "واكد",
    "واكدت",
    "وقال",
    "وقالت",
    "ولفت",
    "ولفتت",
    "وذكر",
    "وذكرت",
    "وبين",
    "وبينت",
    "واعتبر",
    "واعتبرت",
    "وراي",
    "ورات",
    "وشدد",
    "وشددت",
    "واردف",
    "واردفت",
    "واستطرد",
    "وختم",
    "وختمت",
    "ومضي",
    "ومضت",
    "واعرب",
    "واعربت",
    "ونوه",
    "ونوهت",
    "واعلن",
    "واعلنت",
];

/// Verbs that only continue, even with their subject named (`وأضاف الوزير`).
const CONTINUING: &[&str] = &[
    "واضاف",
    "واضافت",
    "وتابع",
    "وتابعت",
    "واردف",
    "واردفت",
    "واستطرد",
    "وختم",
    "وختمت",
    "ومضي",
    "ومضت",
];

/// Words that, right after a reporting verb, show its subject is only a
/// pronoun: `وقال إنه`, `وأوضح في تغريدة أن`.
const NO_SUBJECT: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "بان",
    "بانه",
    "بانها",
    "الي",
    "قائلا",
    "قائله",
    "بالقول",
    "في",
    "خلال",
    "عبر",
    "امام",
    "له",
    "لها",
    "علي",
    "عن",
    "كذلك",
    "ايضا",
];

/// How much `text` leans on the sentences before it: 0 when it stands alone.
#[must_use]
pub(super) fn leaning(text: &str) -> f64 {
    let words: Vec<String> = text
        .split_whitespace()
        .take(4)
        .map(|w| normalize(w.trim_matches(|c: char| !is_word_char(c))))
        .collect();
    let head = words.join(" ");
    let opening = LEANING_OPENINGS
        .iter()
        .filter(|(o, _)| {
            head.strip_prefix(o)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })
        .map(|&(_, w)| w)
        .fold(0.0, f64::max);
    let verb = words.first().map(String::as_str).unwrap_or_default();
    let next = words.get(1).map(String::as_str).unwrap_or_default();
    let reporting = if REPORTING.contains(&verb) && NO_SUBJECT.contains(&next) {
        0.45
    } else if CONTINUING.contains(&verb) {
        0.2
    } else {
        0.0
    };
    f64::max(opening, reporting)
}

/// How much of `text` is quotation (0 to 1 of its letters), and whether it is a
/// fragment of one (an unbalanced quotation mark).
#[must_use]
pub(super) fn quoted(text: &str) -> (f64, bool) {
    let (mut inside, mut total, mut depth) = (0usize, 0usize, 0i32);
    let mut straight = false;
    for c in text.chars() {
        match c {
            '"' => straight = !straight,
            '«' | '“' => depth += 1,
            '»' | '”' => depth -= 1,
            c if is_alphanumeric(c) => {
                total += 1;
                if straight || depth > 0 {
                    inside += 1;
                }
            }
            _ => {}
        }
    }
    let share = inside as f64 / total.max(1) as f64;
    (share, straight || depth != 0)
}
