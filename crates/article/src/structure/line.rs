//! What one line looks like on its own: a heading, a list item, prose that lost
//! its full stop, and whether it leaves a quotation open.

use crate::normalize::{normalize, words};

// A heading longer than this is a paragraph that lacks its full stop.
const HEADING_MAX_WORDS: usize = 12;
const HEADING_MAX_CHARS: usize = 100;
// A headline runs longer than a sub-heading: news sites allow about 20 words.
const TITLE_MAX_WORDS: usize = 20;
const TITLE_MAX_CHARS: usize = 170;

/// Characters that open a bulleted list item (or a dash-led attribution line).
const BULLETS: &[char] = &[
    '-', '–', '—', '―', '•', '●', '▪', '■', '◾', '◼', '►', '▶', '*', '·', '○', '◦', '✓', '✔', '➢',
    '➤', '◆', '♦',
];

/// Quotation marks of either direction; Arabic sources mix `«»`, `“”` and `"`,
/// and some write them mirrored, so only their count is trusted.
const QUOTES: &[char] = &['"', '«', '»', '“', '”', '„'];

/// Reporting verbs, normalised, without the `و`/`ف` that usually joins them:
/// a line opening with one is a paragraph that lost its full stop.
#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "قال", "قالت", "اضاف", "اضافت", "اكد", "اكدت", "اوضح", "اوضحت", "تابع", "تابعت", "اشار",
    "اشارت", "لفت", "لفتت", "ذكر", "ذكرت", "اعلن", "اعلنت", "شدد", "شددت", "بين", "بينت",
    "اعتبر", "اعتبرت", "راي", "رات", "كشف", "كشفت", "نفي", "نفت", "افاد", "افادت", "صرح",
    "صرحت", "اردف", "اردفت", "حذر", "حذرت", "دعا", "دعت", "طالب", "طالبت", "اعرب", "اعربت",
    "توقع", "توقعت", "نقل", "نقلت", "استطرد", "اختتم", "يقول", "تقول", "يري", "تري", "يضيف",
    "تضيف", "يوكد", "توكد", "يشير", "تشير", "زعم", "زعمت",
];

/// Words that open prose, never a sub-heading (`وكان`, `وفي`, `وبحسب`...).
#[rustfmt::skip]
const PROSE_OPENERS: &[&str] = &[
    "وكان", "وكانت", "وفي", "ومن", "وقد", "ولم", "ولن", "ولا", "وبحسب", "ووفق", "ووفقا", "وجاء",
    "وجاءت", "ويذكر", "ويشار", "وتاتي", "وياتي", "وهو", "وهي", "وذلك", "وهذا", "وهذه", "وعلي",
    "واذا", "ولكن", "فيما", "بينما", "كما", "لكن", "يذكر", "يشار", "تجدر", "وتجدر",
];

/// The complementiser that follows a reporting verb (`أن`, `إن`, `بأن`...).
const THAT: &[&str] = &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"];

/// A heading: short, one line, no sentence-final punctuation (`؟` is allowed),
/// not a list item.
#[must_use]
pub(crate) fn is_heading(line: &str) -> bool {
    line.chars().count() <= HEADING_MAX_CHARS
        && line.split_whitespace().count() <= HEADING_MAX_WORDS
        && heading_shaped(line)
}

/// A headline: shaped like a heading, but it may run longer.
#[must_use]
pub(crate) fn is_title(line: &str) -> bool {
    line.chars().count() <= TITLE_MAX_CHARS
        && line.split_whitespace().count() <= TITLE_MAX_WORDS
        && heading_shaped(line)
}

/// No sentence-final punctuation (`؟` is allowed at the end), not a list item.
fn heading_shaped(line: &str) -> bool {
    if is_list_item(line) {
        return false;
    }
    let core = line.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']') || c.is_whitespace()
    });
    let Some(last) = core.chars().last() else {
        return false;
    };
    // `تفاصيل المواعيد الجديدة:` over what it introduces is a crosshead; a
    // line that opens a quotation (`وقال الوزير:`) is not.
    // Nor a clause leading into a list (`وتضمنت أبرز ملامحها ما يلي:`).
    let introduces = last == ':'
        && core.split_whitespace().count() <= 6
        && !opens_with_saying(core)
        && !core.starts_with(['و', 'ف'])
        && !core.chars().any(|c| c.is_ascii_digit())
        && !normalize(core)
            .split_whitespace()
            .any(|w| matches!(w, "يلي" | "التالي" | "التاليه" | "الاتي" | "الاتيه"));
    if matches!(last, '.' | '!' | '…' | '،' | '؛' | ',' | ';') || (last == ':' && !introduces) {
        return false;
    }
    // A question heading may end in `؟`; any other sentence break inside means
    // prose. A dot between digits (`7.8 درجات`) is a decimal, not a break, and
    // two dots join a headline's halves (`السودان بعد عامين.. أسئلة مفتوحة`).
    let inner: Vec<char> = core.chars().take(core.chars().count() - 1).collect();
    let at = |j: Option<usize>| j.and_then(|j| inner.get(j)).copied();
    !inner.iter().enumerate().any(|(i, &c)| match c {
        '!' | '؟' | '?' | '…' => true,
        '.' => {
            let (before, after) = (at(i.checked_sub(1)), at(Some(i + 1)));
            let decimal =
                before.is_some_and(char::is_numeric) && after.is_some_and(char::is_numeric);
            !(decimal || before == Some('.') || after == Some('.'))
        }
        _ => false,
    })
}

/// A list item: a bullet (`●`, `▪`, `-`...) or an enumerator (`1-`, `2)`, `3.`,
/// `٤-`, `أ-`) followed by its text.
#[must_use]
pub(crate) fn is_list_item(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if BULLETS.contains(&first) {
        return true;
    }
    let rest = if first.is_numeric() {
        let digits: usize = line
            .chars()
            .take_while(|c| c.is_numeric())
            .map(char::len_utf8)
            .sum();
        // Four digits are a year (`2022 - عام الأزمات`), not an item number.
        if line[..digits].chars().count() > 3 {
            return false;
        }
        line[digits..].trim_start_matches(' ')
    } else if first.is_alphabetic() {
        // A lone letter as enumerator: `أ- ` `ب) `.
        &line[first.len_utf8()..]
    } else {
        return false;
    };
    let mut after = rest.chars();
    match (after.next(), after.next()) {
        // `7.8`, `4/1/2022`, `10-15` are numbers, not enumerators.
        (Some('-' | '–' | ')' | '.' | '/'), Some(next)) if first.is_numeric() => {
            next.is_whitespace() || next.is_alphabetic()
        }
        // Not `.`: `د. أحمد` is an abbreviation, not item د.
        (Some('-' | '–' | ')'), Some(next)) => next.is_whitespace(),
        _ => false,
    }
}

/// Prose that lacks its full stop: opens with `وأضاف`, `وكان`, `وفي`..., or
/// with a bare reporting verb followed by `أن`/`إن` (`أكد الوزير أن ...`).
#[must_use]
pub(crate) fn opens_like_prose(line: &str) -> bool {
    let w = words(line);
    let Some(first) = w.first() else {
        return false;
    };
    if PROSE_OPENERS.contains(&first.as_str()) {
        return true;
    }
    let joined = first
        .strip_prefix(['و', 'ف'])
        .filter(|rest| rest.chars().count() >= 3 && REPORTING.contains(rest));
    if joined.is_some() {
        return true;
    }
    REPORTING.contains(&first.as_str()) && w[1..].iter().any(|x| THAT.contains(&x.as_str()))
}

/// Whether the text opens with a verb of saying (`قال`, `وأضاف`...).
#[must_use]
pub(crate) fn opens_with_saying(text: &str) -> bool {
    words(text).first().is_some_and(|first| {
        let bare = first
            .strip_prefix(['و', 'ف'])
            .filter(|rest| rest.chars().count() >= 3)
            .unwrap_or(first);
        REPORTING.contains(&bare) || REPORTING.contains(&first.as_str())
    })
}

/// How a line stands to quotations that run over lines: `(closes, leaves_open)`,
/// the closing marks it has with nothing opened before them on the line (it ends
/// a quotation an earlier line opened, or has a stray mark), and the quotations it
/// opens and leaves open at its end. `«`, `„`, `“` open and `»`, `”` close.
/// Straight marks `"` in even number pair up within the line, however they are
/// spaced (`العالم "التي`); an odd one out closes when it follows text or a full
/// stop (`المتحدة".`) and opens otherwise (`قال: "`), so one stray mark is not
/// read as a quotation left open.
#[must_use]
pub(crate) fn quote_ends(line: &str) -> (usize, usize) {
    let paired = line.matches('"').count().is_multiple_of(2);
    let (mut depth, mut closes) = (0usize, 0usize);
    let mut prev: Option<char> = None;
    for c in line.chars() {
        let opening = match c {
            '«' | '„' | '“' => Some(true),
            '»' | '”' => Some(false),
            '"' if paired => None,
            '"' => Some(!prev.is_some_and(|p| {
                p.is_alphanumeric() || matches!(p, '.' | '!' | '?' | '؟' | '…' | '،' | ',')
            })),
            _ => None,
        };
        match opening {
            Some(true) => depth += 1,
            Some(false) if depth > 0 => depth -= 1,
            Some(false) => closes += 1,
            None => {}
        }
        if !c.is_whitespace() || prev.is_some_and(|p| !p.is_whitespace()) {
            prev = Some(c);
        }
        if c.is_whitespace() {
            prev = Some(' ');
        }
    }
    (closes, depth)
}

/// A line that opens with a quotation mark.
#[must_use]
pub(crate) fn starts_quoted(line: &str) -> bool {
    line.starts_with(QUOTES)
}

/// A line that introduces what follows (`وأضاف:`, `وتشمل البنود ما يلي:`).
#[must_use]
pub(crate) fn introduces(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
        .ends_with([':', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_do_not_break_a_heading_but_list_markers_do() {
        assert!(is_heading("زلزال بقوة 7.8 درجات يضرب تركيا وسوريا"));
        assert!(!is_heading("بلغ النمو 7. وتراجع التضخم"));
        assert!(!is_heading("● رفع الإيرادات"));
        assert!(!is_heading("1- زيادة الإنفاق على التعليم بنسبة 5%"));
    }

    #[test]
    fn list_items_and_what_only_looks_like_them() {
        for item in [
            "1- زيادة",
            "2) دعم",
            "3. خفض",
            "٤- توسيع",
            "12-بند",
            "أ- أولا",
            "▪ رفع",
            "- إصدار",
        ] {
            assert!(is_list_item(item), "{item}");
        }
        for text in [
            "7.8 مليار دولار",
            "2022 - عام الأزمات",
            "4/1/2022",
            "10-15 مليونا",
            "د. أحمد زويل",
            "بغداد- قال",
        ] {
            assert!(!is_list_item(text), "{text}");
        }
    }

    #[test]
    fn prose_openers_versus_headlines() {
        for prose in [
            "وأضاف شكري أن مصر ستواصل جهودها لإدخال المساعدات",
            "وأكد أن معبر رفح مفتوح من الجانب المصري",
            "أكد الوزير أن الخطة تبدأ قريبا",
            "وكان الوفد قد وصل أمس",
            "يذكر أن المعبر أغلق مرتين",
        ] {
            assert!(opens_like_prose(prose), "{prose}");
        }
        for heading in [
            "وزير الخارجية يزور القاهرة",
            "وزارة الصحة تعلن حصيلة جديدة",
            "مصر تؤكد أن معبر رفح مفتوح",
            "قالت الوزيرة",
        ] {
            assert!(!opens_like_prose(heading), "{heading}");
        }
    }

    #[test]
    fn quotations_that_run_over_lines_are_told_from_stray_marks() {
        assert_eq!(quote_ends("«لن نقبل بذلك"), (0, 1));
        assert_eq!(quote_ends("وسنطعن في القرار»"), (1, 0));
        assert_eq!(quote_ends("قال إن \"الوضع\" مستقر"), (0, 0));
        assert_eq!(
            quote_ends("طموح \"الخطة الشاملة للفرنسية \"التي سيقدمها"),
            (0, 0)
        );
        assert_eq!(quote_ends("وقال الوزير: \"نحن ملتزمون بالاتفاق."), (0, 1));
        assert_eq!(quote_ends("ولن نتراجع عنه\"."), (1, 0));
        // A closing mark with no opening one (a typo in a published article),
        // then a whole quotation: nothing is left open.
        assert_eq!(
            quote_ends("في جميع أنحاء الولايات المتحدة\". ويضيف: \"يخشى الناس أن يتم اختطافهم\"."),
            (1, 0)
        );
        assert!(introduces("وقال المتحدث: "));
        assert!(!introduces("قال: \"انتهى\""));
    }
}
