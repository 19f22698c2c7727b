//! The general Arabic vocabulary answering leans on: which words mark a person
//! or organisation, a place, a cause, a quantity; and a few groups of words that
//! say the same thing (`يقود` / `زعيم` / `قائد`). Nothing here is about any one
//! article: these are the words of news writing at large.
//!
//! The lists are written as readers spell them and turned into terms once, when
//! an index is built.

use super::english;
use super::terms::{is_number, term, words};
use std::collections::{HashMap, HashSet};

/// Roles and bodies: a sentence naming one is likely to say who.
#[rustfmt::skip]
const WHO: &[&str] = &[
    "رئيس", "رئيسة", "زعيم", "قائد", "وزير", "وزيرة", "نائب", "مدير", "أمين", "متحدث", "الناطق",
    "سفير", "ملك", "أمير", "شيخ", "مستشار", "مسؤول", "قاضي", "محافظ", "عمدة", "لاعب", "مدرب",
    "نجم", "الفريق", "اللواء", "العقيد", "الجنرال", "الدكتور", "السيد", "حركة", "حزب", "تحالف",
    "منظمة", "هيئة", "مجلس", "جيش", "شركة", "وكالة", "وزارة", "جمعية", "مركز", "بنك", "مصرف",
    "نادي", "منتخب", "جماعة", "حكومة", "برلمان", "محكمة", "صندوق", "مؤسس", "مؤسسة", "اتحاد",
    "لجنة", "جهاز", "سلطات", "الشرطة", "مجموعة",
];

/// Place nouns, directions, and the countries and cities news names most.
#[rustfmt::skip]
const WHERE: &[&str] = &[
    "مدينة", "عاصمة", "محافظة", "منطقة", "ولاية", "إقليم", "بلدة", "قرية", "حي", "شارع", "ساحة",
    "مطار", "ميناء", "جزيرة", "مقر", "مقره", "قاعدة", "مخيم", "حدود", "سجن", "شمال", "جنوب",
    "شرق", "غرب", "وسط", "قرب", "داخل", "خارج", "العراق", "سوريا", "لبنان", "الأردن", "فلسطين",
    "إسرائيل", "مصر", "ليبيا", "تونس", "الجزائر", "المغرب", "موريتانيا", "السودان", "اليمن",
    "السعودية", "الكويت", "قطر", "البحرين", "الإمارات", "عمان", "إيران", "تركيا", "روسيا",
    "الصين", "اليابان", "كوريا", "الهند", "باكستان", "أفغانستان", "أميركا", "أمريكا",
    "الولايات", "بريطانيا", "فرنسا", "ألمانيا", "إيطاليا", "إسبانيا", "أوروبا", "أفريقيا",
    "آسيا", "كندا", "البرازيل", "الأرجنتين", "بغداد", "دمشق", "بيروت", "القاهرة", "الرياض",
    "جدة", "مكة", "دبي", "أبوظبي", "الدوحة", "المنامة", "مسقط", "صنعاء", "عدن", "طرابلس",
    "الرباط", "الخرطوم", "القدس", "غزة", "واشنطن", "نيويورك", "لندن", "باريس", "موسكو", "برلين",
    "بكين", "طهران", "أنقرة", "إسطنبول", "اسطنبول", "الموصل", "البصرة", "حلب", "إدلب",
];

/// Words that give a cause or a purpose.
#[rustfmt::skip]
const WHY: &[&str] = &[
    "بسبب", "لأن", "لأنه", "لأنها", "لأنهم", "إثر", "جراء", "نتيجة", "بفعل", "بداعي", "بهدف",
    "بغية", "سعيا", "لكي", "كي", "احتجاجا", "ردا", "بحجة", "بدعوى", "برر", "بررت", "وبررت",
    "لتجنب", "يرجع", "يعود", "أدى", "أدت", "دفع", "خلفية",
];

/// Quantity words: a sentence with one of these (or digits) says how many.
#[rustfmt::skip]
const HOW_MANY: &[&str] = &[
    "ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارات", "عشرات", "مئات", "مئة", "مائة", "نصف",
    "ربع", "ثلث", "نسبة", "بالمئة", "بالمائة", "واحد", "اثنان", "اثنين", "ثلاث", "ثلاثة",
    "أربع", "أربعة", "خمس", "خمسة", "ست", "ستة", "سبع", "سبعة", "ثماني", "ثمانية", "تسع",
    "تسعة", "عشر", "عشرة", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين",
    "تسعين",
];

/// Words that stand for one another in questions and in news copy.
#[rustfmt::skip]
const SAME: &[&[&str]] = &[
    &["يقود", "قاد", "قيادة", "بقيادة", "قائد", "زعيم", "يتزعم", "رئيس", "يرأس", "ترأس"],
    &["قتل", "مقتل", "قتلى", "قتيل", "اغتيال", "مصرع", "حتفهم", "حتفه"],
    &["اعتقل", "اعتقال", "معتقل", "احتجز", "احتجاز", "توقيف", "اعتقلت"],
    &["ولد", "مولود", "ولادة", "مواليد", "ولادته"],
    &["توفي", "وفاة", "مات", "رحيل", "توفيت"],
    &["انتهى", "انتهاء", "نهاية", "إنهاء", "اختتام", "انتهت"],
    &["بدأ", "بداية", "انطلاق", "انطلق", "استهل", "بدأت"],
    &["أسس", "تأسيس", "مؤسس", "أنشأ", "إنشاء", "تأسست"],
    &["فاز", "فوز", "تتويج", "توج"],
    &["عين", "تعيين", "عينت"],
    &["انسحب", "انسحاب", "سحب", "خروج"],
    &["اتفق", "اتفاق", "اتفاقية", "اتفقت"],
    &["التقى", "لقاء", "اجتمع", "اجتماع", "قمة"],
    &["يعيش", "سكان", "يقطن"],
    &["يلعب", "لعب", "لاعب"],
    &["سجن", "مسجون", "زنزانة", "يسجن"],
    &["بقي", "يبقى", "تحتفظ", "ستحتفظ", "احتفظ", "يحتفظ", "بقاء"],
    &["مهمة", "مهام", "مهمات"],
];

/// What a sentence offers to a question word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cues {
    pub number: bool,
    pub who: bool,
    pub place: bool,
    pub cause: bool,
}

/// The vocabulary as terms, built once per index.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    who: HashSet<String>,
    place: HashSet<String>,
    cause: HashSet<String>,
    quantity: HashSet<String>,
    /// Each term's group in [`SAME`], as terms.
    same: HashMap<String, usize>,
    groups: Vec<Vec<String>>,
    /// English words and phrases to Arabic terms.
    english: HashMap<&'static str, Vec<String>>,
}

impl Lexicon {
    pub(crate) fn new() -> Self {
        let set = |list: &[&str]| list.iter().filter_map(|w| one_term(w)).collect();
        let groups: Vec<Vec<String>> = SAME
            .iter()
            .map(|g| {
                let mut terms: Vec<String> = g.iter().filter_map(|w| one_term(w)).collect();
                terms.dedup();
                terms
            })
            .collect();
        let mut same = HashMap::new();
        for (k, g) in groups.iter().enumerate() {
            for t in g {
                same.entry(t.clone()).or_insert(k);
            }
        }
        let english = english::GLOSSARY
            .iter()
            .map(|(en, ar)| {
                let terms = words(ar).iter().filter_map(|w| term(&w.norm)).collect();
                (*en, terms)
            })
            .collect();
        Self {
            who: set(WHO),
            place: set(WHERE),
            cause: set(WHY),
            quantity: set(HOW_MANY),
            same,
            groups,
            english,
        }
    }

    /// The other terms that stand for `t`.
    pub(crate) fn same_as(&self, t: &str) -> &[String] {
        self.same.get(t).map_or(&[], |&k| &self.groups[k])
    }

    /// The Arabic terms of an English word or phrase (lower case).
    pub(crate) fn english(&self, word: &str) -> Option<&[String]> {
        self.english.get(word).map(Vec::as_slice)
    }

    /// Whether a normalised word names a quantity (`ألف`, `مليون`, `بالمئة`).
    pub(crate) fn is_quantity(&self, norm: &str) -> bool {
        term(norm).is_some_and(|t| self.quantity.contains(&t))
    }

    /// What a sentence's words offer. `dated` holds the byte spans of its date
    /// mentions: a year is a date, not a quantity.
    pub(crate) fn cues(&self, text: &str, dated: &[(usize, usize)]) -> Cues {
        let mut c = Cues::default();
        for w in words(text) {
            let in_date = dated.iter().any(|&(s, e)| w.start < e && s < w.end);
            let one = self.cue_of(&w.norm);
            c.number |= one.number && !in_date;
            c.who |= one.who;
            c.place |= one.place;
            c.cause |= one.cause;
        }
        c.number |= text.contains('%') || text.contains('٪');
        c
    }

    /// What one normalised word offers (a number here may still be a year: the
    /// caller knows the dates).
    pub(crate) fn cue_of(&self, norm: &str) -> Cues {
        if is_number(norm) {
            return Cues {
                number: true,
                ..Cues::default()
            };
        }
        // Stop words may still be causes (`لأن` is one).
        let Some(t) = term(norm) else {
            return Cues {
                cause: self.cause.contains(norm),
                ..Cues::default()
            };
        };
        Cues {
            number: self.quantity.contains(&t),
            who: self.who.contains(&t),
            place: self.place.contains(&t),
            cause: self.cause.contains(&t) || self.cause.contains(norm),
        }
    }
}

/// The term of a one-word list entry.
fn one_term(word: &str) -> Option<String> {
    words(word).first().and_then(|w| term(&w.norm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_of_sentences() {
        let lx = Lexicon::new();
        let c = lx.cues("ستحتفظ الولايات المتحدة بنحو 2500 جندي.", &[]);
        assert!(c.number && c.place);
        let c = lx.cues("منذ عام 2014 تقود تحالفا.", &[(4, 17)]);
        assert!(!c.number, "a year is a date, not a count");
        assert!(lx.cues("حظرنا الاحتجاج لأنه كان منشورا.", &[]).cause);
        assert!(lx.cues("أكد زعيم تحالف الفتح هادي العامري.", &[]).who);
    }

    #[test]
    fn groups_and_english() {
        let lx = Lexicon::new();
        let lead = one_term("يقود").unwrap();
        assert!(lx.same_as(&lead).contains(&one_term("زعيم").unwrap()));
        assert!(lx.english("soldier").is_some());
    }
}
