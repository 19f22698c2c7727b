//! Tokens of one sentence: words, numbers and punctuation marks, each with its
//! byte span in the original text and its normalised form. Month names written
//! with a clitic (`ليناير`, `وفبراير`) are split so the grammar sees the month.

use crate::calendar::{MONTHS, opens_month_name};
use crate::normalize::{fold_char, is_diacritic, is_word_char, normalize};

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    pub num: Option<u32>,
    pub digits: usize,
    /// A month name split off a clitic: the grammar takes it only beside a day
    /// number, a year or a relative word, where the prefix cannot be a root letter.
    pub clitic: bool,
    /// The first word of a month name (`يناير`, `كانون`): found once here, so
    /// the grammar's many tries at a month cost nothing on other words.
    pub month: bool,
}

impl Tok {
    fn new(start: usize, end: usize, norm: String) -> Self {
        Self {
            start,
            end,
            norm,
            num: None,
            digits: 0,
            clitic: false,
            month: false,
        }
    }
}

/// Prefixes a month name can carry: `و` and, `ف` so, `ل` for, `ب` in.
const CLITICS: &[&str] = &["وب", "ول", "فب", "فل", "و", "ف", "ل", "ب"];

#[must_use]
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    // The word being read: where it starts, and whether it is a number.
    let mut cur: Option<(usize, bool)> = None;
    let word = |start: usize, end: usize| Tok::new(start, end, normalize(&text[start..end]));
    for (i, c) in text.char_indices() {
        if !is_word_char(c) {
            toks.extend(cur.take().map(|(start, _)| word(start, i)));
            if !c.is_whitespace() {
                toks.push(Tok::new(i, i + c.len_utf8(), c.to_string()));
            }
            continue;
        }
        // Letters and digits are separate tokens (`الـ31`, `2020م`, `و2020`);
        // marks join either.
        let folded = fold_char(c);
        let is_digit = folded.is_some_and(|f| f.is_ascii_digit());
        match cur {
            Some((_, num)) if num == is_digit || folded.is_none() || is_diacritic(c) => {}
            _ => {
                toks.extend(cur.take().map(|(start, _)| word(start, i)));
                cur = Some((i, is_digit));
            }
        }
    }
    toks.extend(cur.take().map(|(start, _)| word(start, text.len())));
    for t in &mut toks {
        if !t.norm.is_empty() && t.norm.bytes().all(|b| b.is_ascii_digit()) {
            t.digits = t.norm.len();
            t.num = t.norm.parse().ok();
        }
    }
    let mut toks = split_clitics(text, toks);
    for t in &mut toks {
        // The shortest month name (`اب`, `may`) has three bytes.
        t.month = t.digits == 0 && t.norm.len() >= 3 && opens_month_name(&t.norm);
    }
    toks
}

/// `ليناير` becomes `ل` + `يناير`. Only unambiguous Arabic month names of four
/// letters or more: `باب` is a door, not `ب` + `آب`.
fn split_clitics(text: &str, toks: Vec<Tok>) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    for tok in toks {
        // A clitic and four Arabic letters take at least ten bytes.
        if tok.norm.len() < 10 {
            out.push(tok);
            continue;
        }
        let split = CLITICS.iter().find_map(|p| {
            let rest = tok.norm.strip_prefix(p)?;
            let is_month = rest.chars().count() >= 4
                && !rest.is_ascii()
                && opens_month_name(rest)
                && MONTHS.iter().any(|m| !m.ambiguous && m.words[0] == rest);
            is_month.then(|| (p.chars().count(), rest.to_string()))
        });
        let Some((letters, rest)) = split else {
            out.push(tok);
            continue;
        };
        let at = byte_after_letters(&text[tok.start..tok.end], letters) + tok.start;
        let prefix = tok.norm[..tok.norm.len() - rest.len()].to_string();
        out.push(Tok::new(tok.start, at, prefix));
        let mut month = Tok::new(at, tok.end, rest);
        month.clitic = true;
        out.push(month);
    }
    out
}

/// The byte offset in `word` just after its first `letters` letters and the
/// marks that sit on them.
fn byte_after_letters(word: &str, letters: usize) -> usize {
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        if fold_char(c).is_some() {
            if seen == letters {
                return i;
            }
            seen += 1;
        }
    }
    word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitic_months_are_split_at_the_right_byte() {
        let text = "وفبراير ولِيناير باب";
        let toks = tokenize(text);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["و", "فبراير", "ول", "يناير", "باب"]);
        assert_eq!(&text[toks[1].start..toks[1].end], "فبراير");
        assert_eq!(&text[toks[2].start..toks[2].end], "ولِ");
        assert!(toks[3].clitic && !toks[1].start.eq(&0));
    }

    #[test]
    fn letters_and_digits_part() {
        let toks = tokenize("الـ31 و2020م 12/3");
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["ال", "31", "و", "2020", "م", "12", "/", "3"]);
        assert_eq!(toks[1].num, Some(31));
    }
}
