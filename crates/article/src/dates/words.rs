//! The grammar's vocabulary, in normalised spelling: words that introduce a
//! year or a month, ordinal day words, counted units, and the quantity words
//! that show a four-digit number is not a year.

/// Words that introduce a year number: `عام 2014`, `لسنة 2015`, `عامي 2019 و2020`.
pub(super) const YEAR_WORDS: &[&str] = &[
    "عام",
    "العام",
    "لعام",
    "بعام",
    "للعام",
    "وعام",
    "والعام",
    "سنه",
    "السنه",
    "لسنه",
    "بسنه",
    "للسنه",
    "وسنه",
    "عامي",
    "لعامي",
    "بعامي",
    "العامين",
    "سنتي",
    "السنتين",
];

/// Prepositions after which a bare number is a year (`منذ 2014`, `بين 2010 و2015`).
pub(super) const YEAR_PREPOSITIONS: &[&str] = &[
    "منذ",
    "ومنذ",
    "في",
    "وفي",
    "حتي",
    "وحتي",
    "خلال",
    "وخلال",
    "قبل",
    "وقبل",
    "بعد",
    "وبعد",
    "مطلع",
    "اواخر",
    "اوايل",
    "بحلول",
    "وبحلول",
    "بين",
    "وبين",
    "نهايه",
    "بنهايه",
    "ونهايه",
    "لنهايه",
    "ختام",
];

/// Prepositions after which a bare month name is a date (`وفي يناير`, `منذ أكتوبر`).
/// `من` only before an unambiguous name: `من مارس` is also "who practised".
pub(super) const MONTH_PREPOSITIONS: &[&str] = &[
    "في",
    "وفي",
    "منذ",
    "ومنذ",
    "خلال",
    "وخلال",
    "حتي",
    "وحتي",
    "بحلول",
    "وبحلول",
    "قبل",
    "وقبل",
    "بعد",
    "وبعد",
    "الي",
    "والي",
    "طوال",
    "وطوال",
    "طيله",
    "بين",
    "وبين",
    "اعتبارا",
];

/// Words naming part of a month or year (`منتصف مارس`, `أواخر 2019`): the date
/// keeps the precision of what follows.
pub(super) const PART_WORDS: &[&str] = &[
    "منتصف",
    "ومنتصف",
    "بمنتصف",
    "لمنتصف",
    "مطلع",
    "ومطلع",
    "بمطلع",
    "اوايل",
    "واوايل",
    "باوايل",
    "اواخر",
    "واواخر",
    "باواخر",
    "اواسط",
    "واواسط",
    "بدايه",
    "وبدايه",
    "ببدايه",
    "لبدايه",
    "مستهل",
    "ومستهل",
];

/// Words naming the end of a month or year: the date is its last day.
pub(super) const END_WORDS: &[&str] = &["نهايه", "بنهايه", "لنهايه", "ونهايه", "ختام"];

/// Words that may precede a weekday and belong to its mention (`مساء السبت`).
pub(super) const WEEKDAY_LEADS: &[&str] = &[
    "يوم",
    "يومي",
    "ويومي",
    "نهار",
    "ويوم",
    "مساء",
    "صباح",
    "ليله",
    "ليل",
    "فجر",
    "ظهر",
    "عصر",
    "ظهيره",
];

/// Words after a number that make it a quantity, not a year (`2000 دولار`).
const QUANTITY_WORDS: &[&str] = &[
    "%",
    "٪",
    "دولار",
    "دولارا",
    "دولارات",
    "جنيه",
    "جنيها",
    "دينار",
    "دينارا",
    "درهم",
    "درهما",
    "ريال",
    "ريالا",
    "ليره",
    "يورو",
    "الف",
    "الاف",
    "مليون",
    "ملايين",
    "مليار",
    "طن",
    "طنا",
    "برميل",
    "كيلو",
    "كيلومتر",
    "كلم",
    "كم",
    "متر",
    "مترا",
    "ميل",
    "شخص",
    "شخصا",
    "جندي",
    "جنديا",
    "عامل",
    "مواطن",
    "منزل",
    "وحده",
    "نقطه",
    "نقاط",
    "قتيل",
    "قتيلا",
    "جريح",
    "مصاب",
    "اصابه",
    "حاله",
    "مخالفه",
    "سهم",
    "صوت",
    "صوتا",
    "طالب",
    "طالبا",
    "لتر",
    "ساعه",
    "دقيقه",
    "مرشح",
    "مرشحا",
    "عنصر",
    "مقاتل",
    "لاجي",
    "اسره",
    "قطعه",
    "مشروع",
    "شركه",
    "ميغاواط",
];

#[must_use]
pub(super) fn is_quantity_word(w: &str) -> bool {
    QUANTITY_WORDS.contains(&w)
}

/// A day ordinal's first word: (value, may it start a compound like `الحادي عشر`).
#[must_use]
pub(super) fn ordinal_unit(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "الاول" | "الاولي" => (1, false),
        "الحادي" | "الحاديه" | "الواحد" => (1, true),
        "الثاني" | "الثانيه" => (2, true),
        "الثالث" | "الثالثه" => (3, true),
        "الرابع" | "الرابعه" => (4, true),
        "الخامس" | "الخامسه" => (5, true),
        "السادس" | "السادسه" => (6, true),
        "السابع" | "السابعه" => (7, true),
        "الثامن" | "الثامنه" => (8, true),
        "التاسع" | "التاسعه" => (9, true),
        "العاشر" | "العاشره" => (10, false),
        "العشرين" | "العشرون" => (20, false),
        "الثلاثين" | "الثلاثون" => (30, false),
        _ => return None,
    })
}

/// What a compound ordinal's second word adds: `عشر` 10, `والعشرين` 20.
#[must_use]
pub(super) fn ordinal_tens(w: &str) -> Option<u32> {
    Some(match w {
        "عشر" | "عشره" => 10,
        "والعشرين" | "والعشرون" => 20,
        "والثلاثين" | "والثلاثون" => 30,
        _ => return None,
    })
}

/// Cardinal number words for counted offsets (`ثلاثة أيام`, `عشرة أعوام`).
#[must_use]
pub(super) fn number_word(w: &str) -> Option<i64> {
    Some(match w {
        "ثلاثه" | "ثلاث" => 3,
        "اربعه" | "اربع" => 4,
        "خمسه" | "خمس" => 5,
        "سته" | "ست" => 6,
        "سبعه" | "سبع" => 7,
        "ثمانيه" | "ثماني" => 8,
        "تسعه" | "تسع" => 9,
        "عشره" | "عشر" => 10,
        _ => return None,
    })
}

/// Verbs of an event that happened at one time (normalised, without `و`): after
/// one of them `منذ` and a count is how long ago it happened.
pub(super) const STARTING_VERBS: &[&str] = &[
    "اندلعت",
    "اندلع",
    "بدات",
    "بدا",
    "انطلقت",
    "انطلق",
    "تاسست",
    "تاسس",
    "اسست",
    "اسس",
    "انشيت",
    "انشي",
    "وقعت",
    "وقع",
    "حدث",
    "حدثت",
    "ولد",
    "ولدت",
    "توفي",
    "توفيت",
    "قتل",
    "قتلت",
    "اعتقل",
    "اعتقلت",
    "اختفي",
    "اختفت",
    "غادر",
    "غادرت",
    "وصل",
    "وصلت",
    "اعلن",
    "اعلنت",
    "افتتح",
    "افتتحت",
    "انتخب",
    "انتخبت",
    "صدر",
    "صدرت",
    "انتهي",
    "انتهت",
];

/// Verbs that tell what happened, in the past (masculine, normalised, without
/// `و`/`ف`); [`is_past_verb`] also reads their feminine, dual and plural forms.
/// A sentence with one narrates the past, which settles a bare weekday in it.
/// Sorted by bytes, for a binary search.
#[rustfmt::skip]
const PAST_VERBS: &[&str] = &[
    "ابدي", "ابلغ", "اتصل", "اتهم", "اجتمع", "اجري", "احتفل", "احرز", "اختار", "اختتم", "اختطف",
    "ادان", "ادي", "ارتفع", "استقال", "استقبل", "استنكر", "استهدف", "اسفر", "اشار", "اصدر",
    "اصيب", "اضاف", "اطلق", "اعاد", "اعتبر", "اعتقل", "اعرب", "اعلن", "اغتيل", "افاد", "افتتح",
    "افرج", "اقتحم", "اقر", "اقصي", "اقيم", "اكتشف", "اكد", "اكمل", "التقي", "انتخب", "انخفض",
    "اندلع", "انسحب", "انطلق", "انعقد", "انفجر", "انهي", "اوضح", "اوقف", "بحث", "بدا", "بلغ",
    "تابع", "تراجع", "تسبب", "تسلم", "تصدر", "تظاهر", "تعادل", "تغلب", "تلقي", "تم", "تمكن",
    "توج", "توجه", "توفي", "جاء", "جدد", "جري", "حذر", "حصل", "حضر", "حقق", "خرج", "خسر",
    "داهم", "دخل", "دعا", "ذكر", "رحب", "رفض", "زار", "زعم", "سجل", "سحق", "سقط", "سلم", "سيطر",
    "شارك", "شدد", "شن", "شهد", "صادق", "صرح", "ضبط", "طالب", "عاد", "عثر", "عقد", "عين",
    "غادر", "غرد", "فاز", "قال", "قتل", "قرر", "قصف", "قلب", "كان", "كتب", "كشف", "لفت", "منح",
    "ناقش", "نشر", "نظم", "نفذ", "نفي", "نقل", "هاجم", "هزم", "وافق", "وجه", "وصل", "وقع",
];

/// Whether a normalised word is one of [`PAST_VERBS`], with a joined `و`/`ف`
/// and in its feminine (`قالت`, `دعت`), dual (`قالا`) or plural (`قالوا`) forms.
pub(super) fn is_past_verb(norm: &str) -> bool {
    let known = |w: &str| PAST_VERBS.binary_search(&w).is_ok();
    // The stem of a feminine, dual or plural form, and of `دعت` / `نفت` (whose
    // last letter gave way to `ت`).
    let forms = |w: &str| {
        known(w)
            || ["ت", "ا", "وا", "تا"]
                .iter()
                .any(|end| w.strip_suffix(end).is_some_and(known))
            || w.strip_suffix('ت')
                .is_some_and(|s| known(&format!("{s}ا")) || known(&format!("{s}ي")))
    };
    let letters = norm.chars().count();
    if !(2..=9).contains(&letters) {
        return false;
    }
    let joined = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .filter(|rest| rest.chars().count() >= 2);
    forms(norm) || joined.is_some_and(forms)
}

/// Occasions a bare year after them dates (`حرب 1967`, `انتخابات 2013`, `نسخة
/// 2018`), without `ال` or a joined `و`, `ب`, `ل`. Names of plans and
/// programmes (`رؤية 2030`) are not among them: their number is a name.
const OCCASIONS: &[&str] = &[
    "حرب",
    "انتخابات",
    "مونديال",
    "نسخه",
    "سيناريو",
    "فضيحه",
    "احداث",
    "ثوره",
    "دستور",
    "موسم",
    "دوره",
    "اولمبياد",
    "بطوله",
    "نكسه",
    "ازمه",
    "هجمات",
    "اعتداءات",
    "زلزال",
    "احتجاجات",
    "مظاهرات",
    "تظاهرات",
    "انتفاضه",
    "ميزانيه",
    "موازنه",
    "تعداد",
    "فتره",
    "انقلاب",
    "استفتاء",
    "غزو",
    "حراك",
    "مجزره",
    "كارثه",
    "فيضانات",
    "اتفاق",
];

/// Whether `w` (normalised) is one of the [`OCCASIONS`], with its clitics.
#[must_use]
pub(super) fn is_occasion_word(w: &str) -> bool {
    in_with_clitics(w, OCCASIONS)
}

/// Events a day word after them dates (`مباراة الأربعاء`, `محادثات يوم
/// الجمعة`, `مباراة الغد`), without `ال` or a joined `و`, `ب`, `ل`.
const EVENTS: &[&str] = &[
    "مباراه",
    "مباراتي",
    "لقاء",
    "مواجهه",
    "قمه",
    "اجتماع",
    "اجتماعات",
    "جلسه",
    "انتخابات",
    "اقتراع",
    "محادثات",
    "مفاوضات",
    "موتمر",
    "نهايي",
    "مسيره",
    "مسيرات",
    "تظاهره",
    "تظاهرات",
    "احتجاجات",
    "تصويت",
    "استفتاء",
    "حفل",
    "عرض",
    "سباق",
    "جوله",
];

/// Whether `w` (normalised) is one of the [`EVENTS`], with its clitics.
#[must_use]
pub(super) fn is_event_word(w: &str) -> bool {
    in_with_clitics(w, EVENTS)
}

/// Whether `w` is one of the nouns of `list` with the clitics a noun may
/// carry: a joined `و`, then `ال`, `لل`, `بال`, `ل` or `ب`.
fn in_with_clitics(w: &str, list: &[&str]) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    ["", "لل", "بال", "ال", "ل", "ب"]
        .iter()
        .filter_map(|p| w.strip_prefix(p))
        .any(|w| list.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn past_verbs_are_sorted_for_the_binary_search() {
        assert!(PAST_VERBS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn past_verbs_in_their_forms_and_what_only_looks_like_them() {
        for w in [
            "قال",
            "وقالت",
            "دعت",
            "نفت",
            "قالوا",
            "فأعلن",
            "التقت",
            "جاءت",
        ] {
            assert!(is_past_verb(&normalize(w)), "{w}");
        }
        for w in ["يقول", "قالب", "وزير", "الاعلان", "كانون"] {
            assert!(!is_past_verb(&normalize(w)), "{w}");
        }
    }

    /// The grammar compares normalised tokens with these lists: a word written
    /// any other way (`أوائل` for `اوايل`) could never match.
    #[test]
    fn every_word_is_in_normalised_spelling() {
        for list in [
            YEAR_WORDS,
            YEAR_PREPOSITIONS,
            MONTH_PREPOSITIONS,
            PART_WORDS,
            END_WORDS,
            WEEKDAY_LEADS,
            QUANTITY_WORDS,
            STARTING_VERBS,
            PAST_VERBS,
            OCCASIONS,
            EVENTS,
        ] {
            for w in list {
                assert_eq!(normalize(w), *w, "{w}");
            }
        }
    }
}
