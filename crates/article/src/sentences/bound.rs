//! Sentences of bounded length. A sentence longer than [`MAX_WORDS`] words or
//! [`MAX_BYTES`] bytes (a scraped page saved without punctuation, a table of
//! dates, a paragraph that a stray quotation mark holds together) is cut at a
//! clause mark, else before a `و` conjunction, else at the limit. Every later
//! step (dates and their context, timeline events, the summary's vectors) then
//! works on pieces of bounded size, so the article's cost stays linear.

use crate::normalize::is_word_char;

/// Words in a sentence at most. Real news sentences run to about 50 words (the
/// longest of the seed article and the fixtures has 49); twice that keeps every
/// real sentence whole while bounding the work each sentence costs.
pub const MAX_WORDS: usize = 100;
/// Bytes in a sentence at most: 100 Arabic words take about 1,100 bytes, so a
/// longer piece holds something that is not words (a URL, letters without spaces).
pub const MAX_BYTES: usize = 2_000;

/// Hands `sentence` (trimmed) to `emit` in pieces of at most [`MAX_WORDS`]
/// words and [`MAX_BYTES`] bytes, each an exact substring with no space at
/// either end; a sentence within both limits is one piece.
pub(super) fn cut<'a>(sentence: &'a str, mut emit: impl FnMut(&'a str)) {
    let mut rest = sentence.trim();
    if surely_within(rest) {
        emit(rest);
        return;
    }
    while !rest.is_empty() {
        let (end, by_words) = window(rest);
        if end == rest.len() {
            emit(rest);
            return;
        }
        let at = cut_point(&rest[..end], by_words);
        emit(rest[..at].trim_end());
        rest = rest[at..].trim_start();
    }
}

/// Whether `text` is within both limits by a count of bytes alone: words are
/// at most one more than the whitespace characters, and every whitespace
/// character is an ASCII one or starts with one of four bytes. Most sentences
/// pass, without a walk through their characters.
fn surely_within(text: &str) -> bool {
    let spaces = text
        .bytes()
        .filter(|b| b.is_ascii_whitespace() || matches!(b, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3))
        .count();
    text.len() <= MAX_BYTES && spaces < MAX_WORDS
}

/// The end of the longest prefix of `text` within both limits, and whether the
/// word limit (not the byte limit) is what ends it.
fn window(text: &str) -> (usize, bool) {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if i + c.len_utf8() > MAX_BYTES {
            return (i, false);
        }
        let space = c.is_whitespace();
        if !space && !in_word {
            if words == MAX_WORDS {
                return (i, true);
            }
            words += 1;
        }
        in_word = !space;
    }
    (text.len(), false)
}

/// Where to cut a window, in its second half so each piece is at least half
/// a window long: just after the last clause mark; else before the last word
/// that opens with `و`; else at the window's end when that is a word boundary;
/// else at the last space or other non-word character.
fn cut_point(window: &str, ends_at_word: bool) -> usize {
    let half = (window.len() / 2..window.len())
        .find(|&i| window.is_char_boundary(i))
        .unwrap_or(window.len());
    let second: Vec<(usize, char)> = window[half..]
        .char_indices()
        .map(|(i, c)| (half + i, c))
        .collect();
    let at = |k: usize| second.get(k).map(|&(_, c)| c);
    let is_digit = |c: Option<char>| c.is_some_and(|c| c.is_numeric());
    // `1,000` and `10:30` are numbers, not clauses.
    let clause = (0..second.len()).rev().find(|&k| {
        let (_, c) = second[k];
        matches!(c, '،' | '؛' | ',' | ';' | ':')
            && !(is_digit(k.checked_sub(1).and_then(at)) && is_digit(at(k + 1)))
    });
    if let Some(k) = clause {
        let (i, c) = second[k];
        return i + c.len_utf8();
    }
    let conjunction = (1..second.len())
        .rev()
        .find(|&k| second[k].1 == 'و' && second[k - 1].1.is_whitespace());
    if let Some(k) = conjunction {
        return second[k].0;
    }
    if ends_at_word {
        return window.len();
    }
    let gap = (1..second.len())
        .rev()
        .find(|&k| !is_word_char(second[k - 1].1))
        .map(|k| second[k].0);
    gap.unwrap_or(window.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(text, |p| out.push(p));
        out
    }

    #[test]
    fn a_sentence_within_the_limits_is_whole() {
        let text = "أقر البرلمان الموازنة، وغادر النواب القاعة";
        assert_eq!(pieces(text), vec![text]);
        // Exactly at the limit, with every kind of space between the words.
        let spaced = ["ا"; MAX_WORDS].join(" \u{a0}\u{2003}\u{3000}\u{1680}\u{0b}");
        assert_eq!(pieces(&spaced), vec![spaced.as_str()]);
        let over = ["ا"; MAX_WORDS + 1].join("\u{a0}");
        assert_eq!(pieces(&over).len(), 2);
    }

    #[test]
    fn long_sentences_are_cut_at_clauses_then_conjunctions_then_the_limit() {
        let clause = format!("{}، {}", "كلمة ".repeat(80).trim(), "نص ".repeat(60).trim());
        let got = pieces(&clause);
        assert_eq!(got.len(), 2);
        assert!(got[0].ends_with('،'), "{:?}", got[0]);
        let conjunction = format!(
            "{} والنص {}",
            "كلمة ".repeat(80).trim(),
            "نص ".repeat(60).trim()
        );
        let got = pieces(&conjunction);
        assert!(got[1].starts_with("والنص"), "{:?}", got[1]);
        let bare = "كلمة ".repeat(250);
        let got = pieces(bare.trim());
        assert_eq!(got.len(), 3);
        assert!(
            got.iter()
                .all(|p| p.split_whitespace().count() <= MAX_WORDS)
        );
    }

    #[test]
    fn every_piece_is_bounded_and_the_pieces_make_the_sentence() {
        let unbroken = format!("ا {}", "ب".repeat(4500));
        // The middle of the window falls inside a three-byte character.
        let symbols = format!("a{}", "€".repeat(1000));
        let numbers = format!("{} 1,000 10:30", "1,000 ".repeat(600));
        for text in [&unbroken, &symbols, &numbers] {
            let got = pieces(text);
            assert!(got.len() > 1);
            for p in &got {
                assert!(p.len() <= MAX_BYTES && p.split_whitespace().count() <= MAX_WORDS);
            }
            let joined: String = got.concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        }
    }
}
