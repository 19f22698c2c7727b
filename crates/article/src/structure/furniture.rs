//! Page furniture and top matter: datelines (`بغداد - الجزيرة نت`), date lines
//! (`الثلاثاء 4 يناير 2022 - 10:30 ص`), photo credits, "read also" links, share
//! and follow prompts. Only well-known shapes: a false match loses real text.

use super::line::{is_heading, opens_like_prose, opens_with_saying};
use crate::dates;
use crate::normalize::{fold_digit, is_word_char, normalize, words};
use chrono::NaiveDate;

// A dateline is a place and a source, nothing more.
const DATELINE_MAX_WORDS: usize = 7;
const DATELINE_MAX_CHARS: usize = 60;
// A date line is a date, a weekday, a time and a label at most.
const DATE_LINE_MAX_WORDS: usize = 14;
// Fourteen words of dates, times and labels fit well within this.
const DATE_LINE_MAX_BYTES: usize = 320;
// Share and follow prompts are short; a longer line is prose about them.
const PROMPT_MAX_WORDS: usize = 12;

/// News agencies and outlets, and the words datelines use for them (normalised).
#[rustfmt::skip]
const AGENCIES: &[&str] = &[
    "الجزيره", "سكاي", "نيوز", "رويترز", "الاناضول", "فرانس", "برس", "وكالات", "وكاله", "واس",
    "وام", "قنا", "كونا", "بترا", "سانا", "واع", "سبوتنيك", "شينخوا", "الاوسط", "العربيه",
    "الحره", "اسوشيتد", "اسوشييتد", "مراسل", "مراسلو", "مراسلنا", "مراسلها", "خاص", "متابعات",
    "نت", "الاهرام", "bbc", "cnn", "afp", "reuters", "ap", "dpa", "مصراوي", "السابع", "الشروق",
    "هسبريس", "اندبندنت", "الميادين", "عكاظ", "الخليج", "البيان", "rt",
];

/// Words that open a byline (normalised): `كتب محمد السيد`, `بقلم: سارة علي`.
const BYLINE: &[&str] = &["كتب", "كتبت", "بقلم", "اعداد", "تحرير"];
// A byline is a verb and a name or two; a longer line is prose.
const BYLINE_MAX_WORDS: usize = 7;

/// Photo credits besides the agencies (normalised).
#[rustfmt::skip]
const CREDITS: &[&str] = &[
    "الفرنسيه", "الاوروبيه", "الالمانيه", "الانباء", "الصحافه", "غيتي", "ايميجز", "شترستوك",
    "ارشيف", "ارشيفيه", "مواقع", "التواصل", "الاجتماعي", "getty", "images", "epa",
    "shutterstock",
];
// A caption is a short line; a longer one ending in a credit is a paragraph.
const CAPTION_MAX_WORDS: usize = 14;

/// Every word a date line may hold besides numbers (normalised).
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    // weekdays
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "احد", "اثنين",
    "ثلاثاء", "اربعاء", "خميس", "جمعه", "سبت", "يوم",
    // Gregorian months in the Egyptian, Levantine and Maghrebi traditions
    "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه", "اغسطس",
    "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر", "كانون", "الثاني", "الاول", "شباط", "اذار", "نيسان",
    "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين", "جانفي", "فيفري", "افريل", "ماي", "جوان",
    "جويليه", "اوت",
    // Hijri months
    "محرم", "صفر", "ربيع", "الاخر", "الاخره", "جمادي", "الاولي", "رجب", "شعبان", "رمضان", "شوال",
    "ذو", "القعده", "الحجه",
    // labels, times, zones
    "في", "نشر", "نشرت", "بتاريخ", "تاريخ", "النشر", "اخر", "تحديث", "التحديث", "محدث", "تم",
    "ص", "م", "ه", "مساء", "مساءا", "صباحا", "الساعه", "بتوقيت", "توقيت", "مكه", "المكرمه",
    "غرينتش", "جرينتش", "القدس", "الموافق", "gmt", "utc", "am", "pm", "published", "updated",
    "on", "at", "تعديل", "عدل", "هجريه", "هجري", "ميلادي", "ميلاديه", "th", "st", "nd", "rd",
    // English
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

/// Whole-line share prompts (normalised words).
const SHARE: &[&[&str]] = &[
    &["شارك"],
    &["شارك", "الخبر"],
    &["شارك", "المقال"],
    &["شارك", "القصه"],
    &["شارك", "هذا", "الخبر"],
    &["شارك", "هذا", "المقال"],
    &["شارك", "هذه", "القصه"],
    &["مشاركه"],
];

/// A line that is page furniture rather than article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Furniture {
    /// Drop the line.
    Drop,
    /// A bare `اقرأ أيضاً`: drop it, and the next line too if it is a headline.
    ReadAlso,
}

/// Photo credits and captions, `اقرأ أيضاً`, `المصدر: ...`, `شارك`, `تابعونا على ...`.
#[must_use]
pub(crate) fn furniture(line: &str) -> Option<Furniture> {
    // No test below reads past the word after the longest prompt: a long
    // line costs no more than a short one.
    let w: Vec<String> = line
        .split(|c: char| !is_word_char(c))
        .map(normalize)
        .filter(|w| !w.is_empty())
        .take(PROMPT_MAX_WORDS + 1)
        .collect();
    let starts = |p: &[&str]| w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b);
    if starts(&["مصدر", "الصوره"]) || starts(&["التعليق", "علي", "الصوره"]) || is_caption(line)
    {
        return Some(Furniture::Drop);
    }
    if starts(&["اقرا", "ايضا"]) || starts(&["اقرا", "المزيد"]) {
        if w.len() == 2 {
            return Some(Furniture::ReadAlso);
        }
        // `اقرأ أيضاً: <headline>` on one line.
        let rest = line
            .split_once([':', '؛', '-', '–', '—'])
            .map(|(_, r)| r.trim())
            .unwrap_or_default();
        return (!rest.is_empty() && is_heading(rest)).then_some(Furniture::Drop);
    }
    // `المصدر: الجزيرة + وكالات`
    let source = line
        .strip_prefix("المصدر")
        .is_some_and(|r| r.trim_start().starts_with(':'));
    if source && w.len() <= 6 {
        return Some(Furniture::Drop);
    }
    if SHARE.iter().any(|s| w.iter().eq(s.iter())) {
        return Some(Furniture::Drop);
    }
    let follow =
        starts(&["تابعونا"]) || (starts(&["تابعوا"]) && w.iter().any(|x| x == "علي" || x == "عبر"));
    (follow && w.len() <= PROMPT_MAX_WORDS).then_some(Furniture::Drop)
}

/// A byline at the top: `كتب محمد السيد`, `كتبت - سارة علي`, `بقلم: أحمد`.
#[must_use]
pub(crate) fn is_byline(line: &str) -> bool {
    let w = words(line);
    w.first().is_some_and(|x| BYLINE.contains(&x.as_str()))
        && (2..=BYLINE_MAX_WORDS).contains(&w.len())
        && !line
            .chars()
            .any(|c| c.is_numeric() || matches!(c, '.' | '،' | '؟' | '!' | '"' | '«'))
}

/// A dateline of its own: `بغداد - الجزيرة نت`, `القاهرة/ الأناضول`,
/// `لندن: «الشرق الأوسط»`, `القاهرة (رويترز)`. With `loose`, also an unknown
/// source in the `Place - Source` shape (`عمّان - الغد`).
#[must_use]
pub(crate) fn is_dateline(line: &str, loose: bool) -> bool {
    // `القاهرة - مصراوي:`, the Egyptian house style, ends in a colon.
    let line = match line.trim_end().strip_suffix(':') {
        Some(l) if l.contains(|c: char| is_dash(c) || c == '/') => l,
        _ => line,
    };
    if line.chars().count() > DATELINE_MAX_CHARS
        || line.split_whitespace().count() > DATELINE_MAX_WORDS
        || line.chars().any(char::is_numeric)
        || line.trim_end().ends_with(['.', '!', '؟', '?', '،', ':'])
    {
        return false;
    }
    if let Some((place, source, rest)) = parenthesised(line) {
        let rest_is_dash = rest.chars().all(|c| c.is_whitespace() || is_dash(c));
        return words(place).len() <= 3 && rest_is_dash && is_agency(source);
    }
    let Some((place, source)) = line.split_once(|c: char| is_dash(c) || matches!(c, '/' | ':'))
    else {
        return false;
    };
    let (p, s) = (words(place).len(), words(source).len());
    if !(1..=3).contains(&p) || !(1..=4).contains(&s) || source.contains(['-', '–', '—', '/']) {
        return false;
    }
    let colon = line[place.len()..].starts_with(':');
    is_agency(source) || is_agency(place) || (loose && !colon && p <= 2 && s <= 3)
}

/// Bytes of a `PLACE (AGENCY) -`, `PLACE - AGENCY -` or `PLACE- ` prefix that
/// opens a wire story's first paragraph; 0 when there is none.
#[must_use]
pub(crate) fn dateline_prefix(paragraph: &str) -> usize {
    let end = match parenthesised(paragraph) {
        Some((place, source, rest)) => (is_place(place, 0..=3) && is_agency(source))
            .then(|| paragraph.len() - rest.len() + dash_len(rest)),
        None => place_dash(paragraph),
    };
    match end {
        Some(end) if paragraph[end..].chars().any(char::is_alphabetic) => end,
        _ => 0,
    }
}

/// `PLACE- ` or `PLACE - AGENCY - ` at the start of a paragraph: the byte end.
fn place_dash(paragraph: &str) -> Option<usize> {
    let (place, rest) = paragraph.split_once(is_dash)?;
    if !is_place(place, 1..=2) || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest_start = paragraph.len() - rest.len();
    // `غزة - الأناضول - قال ...`
    if let Some((source, _)) = rest.split_once(is_dash)
        && words(source).len() <= 3
        && is_agency(source)
    {
        return Some(rest_start + source.len() + dash_len(&rest[source.len()..]));
    }
    // `بغداد- قال ...`, the Al Jazeera house style.
    Some(rest_start + dash_len(rest))
}

/// A place name: a few words, letters only (no digits, no punctuation).
fn is_place(text: &str, words_allowed: std::ops::RangeInclusive<usize>) -> bool {
    words_allowed.contains(&words(text).len())
        && !opens_like_prose(text)
        && !opens_with_saying(text)
        && text
            .chars()
            .all(|c| c.is_whitespace() || (is_word_char(c) && !c.is_numeric()))
}

/// A date line at the top: a date, perhaps a weekday, a time and a label,
/// nothing else (`الثلاثاء 4 يناير 2022 - 10:30 ص`, `06:59 م بتوقيت عدن`); or
/// such a date beside the outlet's place and name, the parts set apart by
/// dashes or bars (`سقطرى بوست - متابعات الإثنين, 12 أبريل, 2021 - 09:36 مساءً`).
#[must_use]
pub(crate) fn is_date_line(line: &str) -> bool {
    // A date line is short; a long line is never one, and costs nothing to refuse.
    if line.len() > DATE_LINE_MAX_BYTES {
        return false;
    }
    if only_date_words(line) {
        return true;
    }
    let parts: Vec<&str> = line
        .split(['-', '–', '—', '|', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    words(line).len() <= DATE_LINE_MAX_WORDS
        && parts.len() > 1
        && (date_of(line).is_some() || has_year(line))
        && parts.iter().any(|p| only_date_words(p))
        && parts.iter().all(|p| {
            let w = words(p);
            only_date_words(p)
                || (!p.chars().any(char::is_numeric)
                    && (w.len() <= 3
                        || (w.len() <= 5 && w.iter().any(|x| AGENCIES.contains(&x.as_str())))))
        })
}

/// Whether a number of four digits that may be a year (Gregorian 1900 to 2100,
/// Hijri 1300 to 1500) stands in the text.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit()).any(|n| {
        n.len() == 4
            && n.parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y) || (1300..=1500).contains(&y))
    })
}

/// Digits and the words of dates only, with at least one number; a word of
/// place after `بتوقيت` (`بتوقيت عدن`) and the agencies' words (`متابعات`)
/// count as such.
fn only_date_words(text: &str) -> bool {
    let w = words(text);
    !w.is_empty()
        && w.len() <= DATE_LINE_MAX_WORDS
        && w.iter().any(|x| x.chars().any(|c| c.is_ascii_digit()))
        && w.iter().enumerate().all(|(k, x)| {
            x.chars().any(|c| c.is_ascii_digit())
                || DATE_WORDS.contains(&x.as_str())
                || AGENCIES.contains(&x.as_str())
                || (k > 0 && matches!(w[k - 1].as_str(), "بتوقيت" | "توقيت"))
        })
}

/// The date a date line gives: `4 يناير 2022`, or numeric `4/1/2022` (day first,
/// as Arabic outlets write it) or `2022-01-04`.
#[must_use]
pub(crate) fn date_of(line: &str) -> Option<NaiveDate> {
    dates::parse_absolute(line).or_else(|| numeric_date(line))
}

fn numeric_date(text: &str) -> Option<NaiveDate> {
    let folded: String = text.chars().map(fold_digit).collect();
    folded
        .split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '-' | '.')))
        .find_map(|token| {
            let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
            let [a, b, c] = parts.as_slice() else {
                return None;
            };
            let num = |s: &str| s.parse::<u32>().ok();
            let (y, m, d) = match (a.len(), c.len()) {
                (4, 1..=2) => (num(a)?, num(b)?, num(c)?),
                (1..=2, 4) => (num(c)?, num(b)?, num(a)?),
                _ => return None,
            };
            let y = i32::try_from(y)
                .ok()
                .filter(|y| (1900..=2100).contains(y))?;
            NaiveDate::from_ymd_opt(y, m, d)
        })
}

/// `PLACE (SOURCE) REST`, the parenthesis within the first few words.
fn parenthesised(text: &str) -> Option<(&str, &str, &str)> {
    let (place, after) = text.split_once(['(', '（'])?;
    let (source, rest) = after.split_once([')', '）'])?;
    (place.split_whitespace().count() <= 3 && source.split_whitespace().count() <= 4)
        .then_some((place, source, rest))
}

/// A photo caption ending in its credit: `... في مدينة غزة (رويترز)`.
fn is_caption(line: &str) -> bool {
    let Some(inner) = line.strip_suffix([')', '）']) else {
        return false;
    };
    let Some((before, credit)) = inner.rsplit_once(['(', '（']) else {
        return false;
    };
    let (before, credit) = (words(before), words(credit));
    let credited = (1..=4).contains(&credit.len())
        && credit
            .iter()
            .all(|x| AGENCIES.contains(&x.as_str()) || CREDITS.contains(&x.as_str()));
    // At least three words before: `القاهرة (رويترز)` alone is a dateline.
    credited
        && (3..=CAPTION_MAX_WORDS).contains(&before.len())
        && !inner.contains(['.', '!', '؟', '?', '…', ':'])
        && !opens_like_prose(inner)
        && !opens_with_saying(inner)
}

fn is_agency(text: &str) -> bool {
    let w = words(text);
    // `أ ف ب`, `د ب أ`, `أ.ش.أ`: an acronym spelt in Arabic letters.
    let acronym = w.len() >= 2 && w.iter().all(|x| x.chars().count() == 1);
    acronym || w.iter().any(|x| AGENCIES.contains(&x.as_str()))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―')
}

/// Bytes of the dash (with the spaces around it) that opens `rest`.
fn dash_len(rest: &str) -> usize {
    let trimmed = rest.trim_start();
    match trimmed.strip_prefix(|c: char| is_dash(c) || c == ':') {
        Some(after) => rest.len() - after.trim_start().len(),
        None => rest.len() - trimmed.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates_are_day_first_or_iso() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 4);
        assert_eq!(numeric_date("4/1/2022"), d);
        assert_eq!(numeric_date("نشر بتاريخ: 04-01-2022 10:30 ص"), d);
        assert_eq!(numeric_date("2022-01-04"), d);
        assert_eq!(numeric_date("٤/١/٢٠٢٢"), d);
        assert_eq!(numeric_date("31/2/2022"), None);
        assert_eq!(numeric_date("10:30"), None);
    }

    #[test]
    fn date_lines_hold_nothing_but_a_date() {
        assert!(is_date_line("الثلاثاء 4 يناير 2022 - 10:30 ص"));
        assert!(is_date_line("آخر تحديث: 4 يناير/كانون الثاني 2022"));
        assert!(!is_date_line("قمة الرياض 4 يناير 2022"));
        assert!(!is_date_line("تحديث البيانات"));
        assert!(is_date_line("الأربعاء - 14 مارس 2018 - 06:59 م بتوقيت عدن"));
        assert!(is_date_line(
            "سقطرى بوست -  متابعات الإثنين, 12 أبريل, 2021 - 09:36 مساءً"
        ));
        assert!(is_date_line("تاريخ النشر: 18th, September 2024 GMT"));
        assert!(is_date_line("08:00 ص 23/05/2012 تعديل في 04/11/2013"));
        assert!(!is_date_line("ليفربول - مانشستر سيتي 2-1"));
        assert!(is_date_line(
            "موقع أنصار الله – صنعاء – 29 رمضان 1444 هجرية"
        ));
        assert!(!is_date_line(
            "قمة الرياض - 4 يناير 2022 - بحضور القادة والزعماء العرب"
        ));
    }

    #[test]
    fn captions_end_in_a_credit() {
        assert!(is_caption(
            "فلسطينيون يتفقدون الدمار في حي الرمال بمدينة غزة (رويترز)"
        ));
        assert!(is_caption("الرئيس خلال استقبال الوفد (مواقع التواصل)"));
        assert!(is_caption("جانب من الاحتجاجات في العاصمة (أسوشيتد برس)"));
        assert!(!is_caption("القاهرة (رويترز)"));
        assert!(!is_caption("وقال الجيش إن خمسة جنود قتلوا (رويترز)"));
        assert!(!is_caption(
            "أعلن الحزب مقاطعته الانتخابات (الحزب الديمقراطي)"
        ));
        assert!(!is_caption("انتهى الاجتماع. وغادر الوفد (رويترز)"));
    }

    #[test]
    fn datelines_need_a_known_source_unless_loose() {
        assert!(is_dateline("بغداد - الجزيرة نت", false));
        assert!(is_dateline("القاهرة (د ب أ)", false));
        assert!(!is_dateline("ليفربول - مانشستر سيتي", false));
        assert!(is_dateline("ليفربول - مانشستر سيتي", true));
        assert!(!is_dateline("واشنطن: هبة القدسي", true));
        assert!(!is_dateline("الحرب على غزة - اليوم الأول", true));
        assert!(!is_dateline("بغداد - الجزيرة نت.", false));
        assert!(is_dateline("القاهرة - مصراوي:", false));
        assert!(!is_dateline("وقال الوزير:", true));
    }

    #[test]
    fn bylines_are_a_verb_and_a_name() {
        assert!(is_byline("كتب محمد السيد"));
        assert!(is_byline("كتبت - سارة عبد الله"));
        assert!(is_byline("بقلم: أحمد علي"));
        assert!(!is_byline("كتب"));
        assert!(!is_byline("كتب الوزير في تغريدة أن الأزمة انتهت."));
    }

    #[test]
    fn wire_prefixes_are_measured_exactly() {
        let cases = [
            ("واشنطن (رويترز) - قال مسؤولون", "قال مسؤولون"),
            ("(الأناضول) – أعلنت الوزارة", "أعلنت الوزارة"),
            ("غزة - الأناضول - قصفت الطائرات", "قصفت الطائرات"),
            ("بغداد- أعلنت الحكومة", "أعلنت الحكومة"),
            ("قال الرئيس - في كلمة - إن", "قال الرئيس - في كلمة - إن"),
            ("1- زيادة الإنفاق", "1- زيادة الإنفاق"),
            ("أعلنت الحكومة (رويترز) خطة", "أعلنت الحكومة (رويترز) خطة"),
        ];
        for (paragraph, rest) in cases {
            assert_eq!(
                &paragraph[dateline_prefix(paragraph)..],
                rest,
                "{paragraph}"
            );
        }
    }
}
