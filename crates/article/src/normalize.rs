//! Arabic normalisation for matching (never for display) and digit folding.
//!
//! Every comparison the parser makes (month names, headings, summary tokens) goes
//! through [`normalize`], so spelling variants of one word compare equal.

/// Folds Arabic-Indic (`٠-٩`) and Eastern Arabic-Indic (`۰-۹`) digits to ASCII.
#[must_use]
pub fn fold_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

/// Diacritics (harakat, tanween, shadda, sukun, dagger alef, Quranic marks).
#[must_use]
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Invisible marks that carry no meaning for matching: tatweel, bidi marks,
/// zero-width characters, the BOM.
#[must_use]
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{0640}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// One character folded for matching; `None` when it is dropped.
#[must_use]
pub fn fold_char(c: char) -> Option<char> {
    if is_diacritic(c) || is_ignorable(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => fold_digit(c),
    })
}

/// The matching form of a text: diacritics and tatweel removed, alef forms,
/// `ى/ي`, `ة/ه` folded, digits folded to ASCII, Latin lower-cased.
#[must_use]
pub fn normalize(text: &str) -> String {
    // Folding never lengthens the text: one allocation, never grown. Runs of
    // characters that fold to themselves, most of any text, are copied whole.
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let folded = fold_char(c);
        if folded != Some(c) {
            out.push_str(&text[run..i]);
            out.extend(folded);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
    out
}

/// Letters, digits and the marks that live inside words.
#[must_use]
pub fn is_word_char(c: char) -> bool {
    // Arabic letters and digits first: std's Unicode tables take a slow path for
    // them, and the parser asks this of every character.
    matches!(
        c,
        'a'..='z'
            | 'A'..='Z'
            | '0'..='9'
            | '\u{0621}'..='\u{065F}'
            | '\u{0660}'..='\u{0669}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06D5}'..='\u{06ED}'
            | '\u{06F0}'..='\u{06FC}'
    ) || (!c.is_ascii() && (c.is_alphanumeric() || is_diacritic(c)))
}

/// [`char::is_alphanumeric`], answered without Unicode tables for ASCII and
/// the Arabic letters, which are most of what an article holds.
#[must_use]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => {
            true
        }
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// Normalised words of a text (punctuation dropped).
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !is_word_char(c))
        .map(normalize)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A light stem of a normalised word: common clitic prefixes (`وال`, `بال`, `لل`,
/// `ال`, `و`) and suffixes (`ها`, `ات`, `ون`, `ين`, `يه`, `ه`, `ي`) removed while
/// three letters or more remain.
#[must_use]
pub fn stem(word: &str) -> String {
    let (from, to) = stem_span(word);
    word[from..to].to_string()
}

/// Where the stem of `word` starts and ends, in bytes.
fn stem_span(word: &str) -> (usize, usize) {
    const PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال", "و"];
    const SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
    let mut len = word.chars().count();
    let mut from = 0;
    // Every affix is Arabic letters of two bytes each.
    let letters = |affix: &str| affix.len() / 2;
    if let Some(p) = PREFIXES
        .iter()
        .find(|p| word.starts_with(**p) && len >= letters(p) + 3)
    {
        from = p.len();
        len -= letters(p);
    }
    let mut to = word.len();
    while let Some(x) = SUFFIXES
        .iter()
        .find(|x| word[from..to].ends_with(**x) && len >= letters(x) + 3)
    {
        to -= x.len();
        len -= letters(x);
    }
    (from, to)
}

/// Function words that carry no topic (normalised forms).
#[must_use]
pub fn is_stopword(word: &str) -> bool {
    // A match, not a list search: the summary asks this of every word.
    matches!(
        word,
        "في" | "من"
            | "علي"
            | "الي"
            | "عن"
            | "ان"
            | "انه"
            | "انها"
            | "ما"
            | "لا"
            | "لم"
            | "لن"
            | "قد"
            | "لقد"
            | "كان"
            | "كانت"
            | "يكون"
            | "تكون"
            | "هذا"
            | "هذه"
            | "ذلك"
            | "تلك"
            | "التي"
            | "الذي"
            | "الذين"
            | "هو"
            | "هي"
            | "هم"
            | "نحن"
            | "او"
            | "ثم"
            | "كل"
            | "بعد"
            | "قبل"
            | "بين"
            | "حتي"
            | "مع"
            | "عند"
            | "غير"
            | "اي"
            | "ايضا"
            | "كما"
            | "حيث"
            | "وقد"
            | "وكان"
            | "وكانت"
            | "وفي"
            | "ومن"
            | "وان"
            | "ولا"
            | "فيما"
            | "منذ"
            | "خلال"
            | "ضد"
            | "تحت"
            | "دون"
            | "الا"
            | "اذا"
            | "اذ"
            | "لدي"
            | "وهو"
            | "وهي"
            | "به"
            | "بها"
            | "له"
            | "لها"
            | "عليه"
            | "عليها"
            | "فيه"
            | "فيها"
            | "منه"
            | "منها"
            | "وذلك"
            | "قال"
            | "وقال"
            | "اكد"
            | "واكد"
            | "اوضح"
            | "واوضح"
            | "اضاف"
            | "واضاف"
            | "تابع"
            | "وتابع"
            | "بان"
            | "لكن"
            | "ولكن"
            | "اما"
            | "وما"
            | "هناك"
            | "هنا"
            | "نحو"
            | "عبر"
            | "حول"
            | "لدى"
            | "سوف"
            | "وفق"
            | "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "and"
            | "is"
            | "on"
            | "for"
    )
}

/// Stemmed content words of a text, for matching and ranking.
#[must_use]
pub fn terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !is_stopword(w) && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(|mut w| {
            // The stem is a piece of the word: cut it out in place.
            let (from, to) = stem_span(&w);
            w.truncate(to);
            w.drain(..from);
            w
        })
        .filter(|w| w.chars().nth(1).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spelling_variants() {
        assert_eq!(normalize("إِسْتَراتِيجِيّ"), normalize("استراتيجي"));
        assert_eq!(normalize("حصيلـــة"), "حصيله");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("٢٠٢١"), "2021");
        assert_eq!(normalize("۱۴۴۳"), "1443");
    }

    #[test]
    fn stems_share_roots() {
        assert!(
            [
                "وال", "بال", "كال", "فال", "لل", "ال", "و", "ها", "ان", "ات", "ون", "ين", "يه",
                "ه", "ي"
            ]
            .iter()
            .all(|a| a.chars().all(|c| c.len_utf8() == 2))
        );
        assert_eq!(stem(&normalize("والقوات")), stem(&normalize("قوات")));
        assert_eq!(stem(&normalize("العراقية")), stem(&normalize("عراقي")));
        assert_eq!(terms("في العراق وفي سوريا"), vec!["عراق", "سوريا"]);
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for c in ('\u{0600}'..='\u{06FF}')
            .chain('\u{0020}'..='\u{007F}')
            .chain(['é', '中', '😀', '\u{200F}'])
        {
            let slow = c.is_alphanumeric() || is_diacritic(c) || c == '\u{0640}';
            assert_eq!(is_word_char(c), slow, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn quick_alphanumeric_agrees_with_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn words_drop_punctuation() {
        assert_eq!(
            words("\"حصيلة\" الفرق، اليوم!"),
            vec!["حصيله", "الفرق", "اليوم"]
        );
    }
}
