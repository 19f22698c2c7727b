//! Arabic-aware sentence splitting: `.` `؟` `?` `!` `…` and line ends, never
//! inside a number (`2.5`) or after a one-letter abbreviation (`د.`).

use super::model::{Section, Sentence};

/// Splits one paragraph into sentences; each is an exact substring of it.
#[must_use]
pub fn split(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if is_terminal(c) && ends_sentence(&chars, i) {
            // Keep runs of terminals and closing quotes with the sentence.
            let mut j = i + 1;
            while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
                j += 1;
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

fn push<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if s.chars().any(super::normalize::is_word_char) {
        out.push(s);
    }
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

/// Every sentence of every paragraph, in article order.
#[must_use]
pub fn of_sections(sections: &[Section]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for s in sections {
        for (pi, p) in s.paragraphs.iter().enumerate() {
            for t in split(p) {
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
}
