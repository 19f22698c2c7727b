//! Arabic-aware sentence splitting: `.` `؟` `?` `!` `…` and line ends, never
//! inside a number (`2.5`), after a one-letter abbreviation (`د.`), after the
//! number of a list item (`2. دعم الإسكان`), at a `..` pause, or inside a
//! quotation that closes later in the paragraph. A sentence is never longer
//! than [`MAX_WORDS`] words or [`MAX_BYTES`] bytes (see `bound`).

mod bound;

pub use bound::{MAX_BYTES, MAX_WORDS};

use super::model::{Section, Sentence};
use super::normalize::is_word_char;
use super::structure::dateline_prefix;

/// Splits one paragraph into sentences; each is an exact substring of it.
#[must_use]
pub fn split(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let quoted = quoted_spans(&chars);
    // The first quotation that closes at or after the current break: the spans
    // are ordered and apart, so only it can hold the break, and breaks only
    // move forward.
    let mut next_quote = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if is_terminal(c) && ends_sentence(&chars, i) {
            // Keep runs of terminals and closing quotes with the sentence.
            let mut j = i + 1;
            while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
                j += 1;
            }
            // `"... الفائدة.. والبنك سيجتمع"`: a break inside a quotation that
            // closes later leaves a fragment on each side; the run must close it.
            while quoted.get(next_quote).is_some_and(|&(_, close)| close < j) {
                next_quote += 1;
            }
            let inside = quoted
                .get(next_quote)
                .is_some_and(|&(open, close)| open < i && j <= close);
            // `".. خاصة`: two dots are a pause in Arabic news copy, not a stop.
            let pause = chars[i..j].iter().filter(|&&(_, c)| c == '.').count() == 2
                && chars[i..j].iter().all(|&(_, c)| c == '.' || is_closing(c))
                && j < chars.len();
            if inside || pause {
                i = j;
                continue;
            }
            let end = chars.get(j).map_or(paragraph.len(), |&(b, _)| b);
            push(&mut out, &paragraph[start..end]);
            start = end;
            i = j;
        } else {
            i += 1;
        }
    }
    push(&mut out, &paragraph[start..]);
    out
}

/// A line taken whole (a tweet's attribution line) in pieces of bounded
/// length, like any sentence.
#[must_use]
pub(crate) fn bounded(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    bound::cut(line, |piece| out.push(piece));
    out
}

fn push<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    bound::cut(s, |piece| {
        if piece.chars().any(is_word_char) {
            out.push(piece);
        }
    });
}

// A quotation longer than this is a speech of several sentences, split as usual.
const QUOTE_HOLD_MAX_CHARS: usize = 240;

/// Char index pairs of each short quotation (opening mark, closing mark) that
/// closes within the paragraph: `«...»`, `“...”` and straight `"..."` pairs.
fn quoted_spans(chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, &(_, c)) in chars.iter().enumerate() {
        match (open, c) {
            (None, '"' | '«' | '“') => open = Some((i, c)),
            (Some((o, '"')), '"') | (Some((o, '«')), '»') | (Some((o, '“')), '”') => {
                if i - o <= QUOTE_HOLD_MAX_CHARS {
                    out.push((o, i));
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '؟' | '?' | '!' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']')
}

fn ends_sentence(chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    if c == '.' {
        // `2. دعم الإسكان`: the number of a list item, not a sentence.
        if (1..=3).contains(&i) && chars[..i].iter().all(|(_, c)| c.is_numeric()) {
            return false;
        }
        // 2.5, 1.000: a dot between digits is part of a number.
        if prev.is_some_and(|p| p.is_numeric()) && next.is_some_and(|n| n.is_numeric()) {
            return false;
        }
        // One-letter abbreviations: د. أ. م.
        let word_len = chars[..i]
            .iter()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .count();
        let before_word = i.checked_sub(word_len + 1).map(|p| chars[p].1);
        if word_len == 1 && before_word.is_none_or(char::is_whitespace) && next.is_some() {
            return false;
        }
    }
    // A terminal must be followed by space, a closing mark, another terminal or the end.
    match next {
        None => true,
        Some(n) => n.is_whitespace() || is_closing(n) || is_terminal(n),
    }
}

/// Every sentence of every paragraph, in article order. The article's first
/// sentence leaves out a wire dateline (`واشنطن (رويترز) -`) that opens it.
#[must_use]
pub fn of_sections(sections: &[Section]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for s in sections {
        for (pi, p) in s.paragraphs.iter().enumerate() {
            let first = s.index == 0 && pi == 0;
            let text = if first {
                p.get(dateline_prefix(p)..).unwrap_or(p)
            } else {
                p
            };
            for t in split(text) {
                out.push(Sentence {
                    text: t.to_string(),
                    section: s.index,
                    paragraph: pi,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn splits_on_arabic_and_latin_terminals() {
        assert_eq!(
            split("قال الوزير إن النمو بلغ 2.5 بالمئة. هل يستمر؟ نعم! ربما…"),
            vec![
                "قال الوزير إن النمو بلغ 2.5 بالمئة.",
                "هل يستمر؟",
                "نعم!",
                "ربما…"
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_and_abbreviations() {
        assert_eq!(
            split("وقال د. أحمد: \"انتهى الأمر.\" ثم غادر."),
            vec!["وقال د. أحمد: \"انتهى الأمر.\"", "ثم غادر."]
        );
    }

    #[test]
    fn a_list_number_stays_with_its_item() {
        assert_eq!(
            split("2. دعم برامج الإسكان. وخفض الدين"),
            vec!["2. دعم برامج الإسكان.", "وخفض الدين"]
        );
        assert_eq!(split("١٢. بند أخير"), vec!["١٢. بند أخير"]);
        assert_eq!(split("بلغ 2. ثم توقف"), vec!["بلغ 2.", "ثم توقف"]);
    }

    #[test]
    fn quotations_and_pauses_hold_together() {
        assert_eq!(
            split("وقال إن \"التراجع متوقع.. والبنك سيجتمع. ثم يقرر\". وغادر."),
            vec![
                "وقال إن \"التراجع متوقع.. والبنك سيجتمع. ثم يقرر\".",
                "وغادر."
            ]
        );
        assert_eq!(
            split("الرقم \"طموح\".. خاصة مع التراجع! وانتهى"),
            vec!["الرقم \"طموح\".. خاصة مع التراجع!", "وانتهى"]
        );
        assert_eq!(
            split("قال: \"كارثة... لا طعام\"؟! ثم صمت. \"نص مفتوح. بلا إغلاق"),
            vec![
                "قال: \"كارثة... لا طعام\"؟!",
                "ثم صمت.",
                "\"نص مفتوح.",
                "بلا إغلاق"
            ]
        );
    }
}
