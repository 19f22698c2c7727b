//! A sentence cut into clauses, and how much a clause says besides its dates.

use crate::normalize::{fold_char, is_word_char, normalize};
use std::ops::Range;

/// Byte ranges of the clauses of a sentence (split at `،` `,` `؛` `;` `:`).
pub(super) fn clauses(sentence: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    // Every mark is ASCII or starts with byte 0xD8 (`،` U+060C, `؛` U+061B),
    // so bytes are read instead of characters.
    let bytes = sentence.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let len = match b {
            b';' | b':' => 1,
            b',' if !sentence[..i].ends_with(char::is_numeric) => 1,
            0xD8 if matches!(bytes.get(i + 1), Some(0x8C | 0x9B)) => 2,
            _ => continue,
        };
        out.push((start, i));
        start = i + len;
    }
    out.push((start, sentence.len()));
    out
}

/// The clause `sentence[from..to]` with the mention and each of `others`
/// (ranges of `sentence`, in order, apart from the mention) that lies inside
/// it replaced by a space.
pub(super) fn blank(
    sentence: &str,
    (from, to): (usize, usize),
    mention: &Range<usize>,
    others: &[Range<usize>],
) -> String {
    let inside = |r: &&Range<usize>| from <= r.start && r.end <= to;
    let split = others.partition_point(|o| o.start < mention.start);
    let (before, after) = others.split_at(split);
    // A mention may run past its clause (`بعد يومين من:`): only what lies
    // inside the clause is blanked.
    let spans = before.iter().chain([mention]).chain(after).filter(inside);
    let mut out = String::with_capacity(to - from);
    let mut at = from;
    for r in spans {
        if r.start >= at {
            out.push_str(&sentence[at..r.start]);
            out.push(' ');
            at = r.end;
        }
    }
    out.push_str(&sentence[at..to]);
    out
}

/// Words of a clause left beside its date, other than numbers and the words
/// that hold a date in place (`وفي`, `من 5 إلى`, `يومي 5 و`), counted up to
/// [`CONTENT_ENOUGH`]: no decision needs more.
pub(super) fn content_words(rest: &str) -> usize {
    const GLUE: &[&str] = &[
        "في",
        "وفي",
        "من",
        "ومن",
        "الي",
        "والي",
        "حتي",
        "وحتي",
        "و",
        "منذ",
        "ومنذ",
        "بين",
        "وبين",
        "خلال",
        "وخلال",
        "يوم",
        "ويوم",
        "يومي",
        "عامي",
        "بتاريخ",
        "الموافق",
    ];
    let mut count = 0;
    for w in rest.split_whitespace() {
        if count >= CONTENT_ENOUGH {
            break;
        }
        // `24.1%`: a figure is news, unlike the day and year numbers of a date.
        if w.contains(['%', '٪']) {
            count += 1;
            continue;
        }
        // `12/3/2023`, `(2020)`: numbers and marks only, no word in them.
        if w.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_punctuation())
        {
            continue;
        }
        for piece in w.split(|c: char| !is_word_char(c)) {
            let mut folded = piece.chars().filter_map(fold_char).peekable();
            if folded.peek().is_none() || folded.all(|c| c.is_ascii_digit()) {
                continue;
            }
            if !GLUE.contains(&normalize(piece).as_str()) {
                count += 1;
            }
        }
    }
    count
}

/// Content words beyond this many change no decision about a clause.
pub(super) const CONTENT_ENOUGH: usize = 8;
