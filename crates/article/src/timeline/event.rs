//! The clause of a sentence that a date belongs to, grown back to the subject
//! it continues (`وكان تحالف "الفتح"… قد أكد`) when that fits.

use super::EVENT_MAX_WORDS;
use super::clause::{CONTENT_ENOUGH, blank, clauses, content_words};
use super::clip::clip;
use crate::normalize::{is_word_char, normalize};
use std::borrow::Cow;
use std::ops::Range;

/// The clause of `sentence` holding `mention`. When the clause is little more
/// than the date, the event is the clause that follows (`وفي 5 يناير 2020، تبنى
/// ...`); when it is nothing but the date between commas, the clauses on both
/// sides joined (`أقر المجلس، اليوم الثلاثاء، الموازنة`). An offset (`بعد يومين من مقتل ...`)
/// dates what follows it, so the event starts there, and so does `منذ` before
/// `في DATE` (`منذ بدء الحرب في 7 أكتوبر`). `others` are the sentence's other
/// date mentions, which count as date words too. Mentions are found by their
/// text; [`event_at`] takes their places.
#[cfg(test)]
#[must_use]
fn event(sentence: &str, mention: &str, others: &[&str]) -> String {
    let at = locate(sentence, mention);
    let mut others: Vec<Range<usize>> = others
        .iter()
        .filter_map(|o| sentence.find(o).map(|i| i..i + o.len()))
        .collect();
    others.sort_by_key(|r| r.start);
    event_at(sentence, at..at + mention.len(), &others)
}

/// [`event`] for the mention at byte range `mention` of `sentence`, the other
/// mentions at `others` (in order, none overlapping it). Places, not text
/// searches: an event costs one pass over its sentence however many dates
/// the sentence holds.
#[must_use]
pub(super) fn event_at(sentence: &str, mention: Range<usize>, others: &[Range<usize>]) -> String {
    let end = mention.end.min(sentence.len());
    let at = mention.start.min(end);
    let mention = &sentence[at..end];
    let clauses = clauses(sentence);
    let holding = |pos: usize| {
        clauses
            .iter()
            .position(|&(s, e)| pos >= s && pos < e)
            .unwrap_or(0)
    };
    // A mention may run over a comma (`الأحد، 5 يونيو`): its clause covers it all.
    let (k, last) = (holding(at), holding(end.saturating_sub(1)).max(holding(at)));
    let (s, e) = (clauses[k].0, clauses[last].1);
    let clause = &sentence[s..e];
    let within = |o: &&Range<usize>, (from, to): (usize, usize)| from <= o.start && o.end <= to;
    let rest = content_words(&blank(sentence, (s, e), &(at..end), others));
    let next = clauses.get(last + 1).copied();
    let prev = k.checked_sub(1).map(|j| clauses[j]);
    // A piece of the sentence where it can be, so it is found again by place.
    let text: Cow<str> = if let Some(since) = since_start(&sentence[s..at]) {
        Cow::Borrowed(&sentence[s + since..end])
    } else if is_anchored(mention) {
        let tail = mention.split_whitespace().last().unwrap_or_default();
        Cow::Borrowed(sentence.get(end - tail.len()..e).unwrap_or(clause))
    } else if rest < 2 {
        match (prev, next) {
            // Only a bare date sits between the commas: the sentence is whole
            // without it.
            (Some((ps, pe)), Some((ns, ne))) if rest == 0 => {
                Cow::Owned(format!("{} {}", &sentence[ps..pe], &sentence[ns..ne]))
            }
            (_, Some((ns, ne))) => Cow::Borrowed(&sentence[ns..ne]),
            // A closing date clause dates the sentence's main clause, not the
            // aside just before it (`تحاصر المدينة، آخر معاقل الجيش، منذ مايو`).
            (Some((_, pe)), None)
                if sentence[..pe]
                    .split_whitespace()
                    .take(EVENT_MAX_WORDS + 1)
                    .count()
                    <= EVENT_MAX_WORDS =>
            {
                Cow::Borrowed(&sentence[..pe])
            }
            (Some((ps, pe)), None) => Cow::Borrowed(&sentence[ps..pe]),
            (None, None) => Cow::Borrowed(clause),
        }
    } else if let Some((ns, ne)) = next.filter(|&next| {
        rest < CONTENT_ENOUGH
            && !opens_with_relative(clause)
            && clause.trim_end().ends_with(mention)
            && !others.iter().any(|o| within(&o, next))
    }) {
        // `أعلن الوزير اليوم الأربعاء، انتهاء المهمة`: the news follows the date.
        // `دعا، في خطابه يوم 29 يوليو، إلى ...`: a phrase set off by commas
        // inside the main clause takes the clause around it.
        match prev.filter(|_| opens_with_preposition(clause)) {
            Some((ps, pe)) => Cow::Owned(format!(
                "{} {} {}",
                &sentence[ps..pe],
                &sentence[s..e],
                &sentence[ns..ne]
            )),
            None => Cow::Borrowed(&sentence[s..ne]),
        }
    } else {
        Cow::Borrowed(clause)
    };
    let text = balance_quotes(drop_complementiser(text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '،' | ',' | '.' | '؛' | ':')
    })));
    let text = grow(sentence, text, others);
    if text.split_whitespace().next().is_none() {
        return sentence.trim().to_string();
    }
    // An event that ends inside a quotation says so, as a clipped one does.
    let quote_goes_on = text.matches('"').count() % 2 == 1
        && place(sentence, text).is_some_and(|at| sentence[at + text.len()..].contains('"'));
    let clipped = clip(text);
    if quote_goes_on && !clipped.ends_with('…') {
        format!("{clipped}…")
    } else {
        clipped
    }
}

/// Words of the grown event that must stay beside the words it grows by.
const KEEP: usize = 8;

/// A clause that carries on the sentence's subject (`قد أكد أنه لن يقبل…`,
/// `أنه سيتوجه…`, `و1.7% في الربع الأول`) grows back to the sentence start,
/// and a relative clause (`الذي تولى تدريب الفريق…`) back to the noun it
/// describes, when that adds no other date and leaves room for [`KEEP`] words
/// of the clause. The event stays a contiguous piece of the sentence.
fn grow<'a>(sentence: &'a str, text: &'a str, others: &[Range<usize>]) -> &'a str {
    const CONTINUING: &[&str] = &[
        "قد",
        "وقد",
        "لقد",
        "انه",
        "انها",
        "انهم",
        "انهما",
        "بانه",
        "بانها",
        "انني",
    ];
    let Some(first) = text.split_whitespace().next() else {
        return text;
    };
    let Some(at) = place(sentence, text).filter(|&at| at > 0) else {
        return text;
    };
    let key = normalize(first.trim_matches(|c: char| !is_word_char(c)));
    let before = &sentence[..at];
    let other_date = others.iter().map(|o| o.end).filter(|&e| e <= at).max();
    let coordinated_figure = first
        .strip_prefix('و')
        .is_some_and(|r| r.starts_with(|c: char| c.is_numeric()));
    let start = if CONTINUING.contains(&key.as_str()) || coordinated_figure {
        if other_date.is_some() {
            return text;
        }
        0
    } else if opens_with_relative(text) {
        match antecedent(before, other_date.unwrap_or(0)) {
            Some(start) => start,
            None => return text,
        }
    } else {
        return text;
    };
    let added = sentence[start..at].split_whitespace().count();
    if added == 0 || added + KEEP > EVENT_MAX_WORDS {
        return text;
    }
    sentence[start..at + text.len()].trim_start()
}

/// Where `part` starts in `sentence`: its own place when it is a piece of
/// `sentence`, else where it first occurs.
fn place(sentence: &str, part: &str) -> Option<usize> {
    let (whole, piece) = (sentence.as_ptr() as usize, part.as_ptr() as usize);
    if piece >= whole && piece + part.len() <= whole + sentence.len() {
        Some(piece - whole)
    } else {
        sentence.find(part)
    }
}

/// Where the noun a relative clause describes starts in `before` (the sentence
/// up to the relative pronoun): up to three words back within the clause,
/// stopping at a preposition and never taking the clause's opening verb
/// (`وقال المدرب سامي الخطيب، الذي` gives `المدرب سامي الخطيب`). `floor` is
/// where the words after another date begin.
fn antecedent(before: &str, floor: usize) -> Option<usize> {
    const REACH: usize = 3;
    let is_separator = |c: char| matches!(c, '،' | ',' | '؛' | ';' | ':');
    let body = before.trim_end_matches(|c: char| c.is_whitespace() || is_separator(c));
    let clause_start = body.rfind(is_separator).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    let from = clause_start.max(floor);
    let words: Vec<(usize, &str)> = body[from..]
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - body.as_ptr() as usize, w))
        .collect();
    // The first word of a clause that opens at a real boundary is its verb.
    let skip = usize::from(from == clause_start);
    let mut start = None;
    for &(offset, word) in words.iter().skip(skip).rev().take(REACH) {
        let key = normalize(word.trim_matches(|c: char| !is_word_char(c)));
        if super::clip::OPENERS.contains(&key.as_str()) || word.contains(char::is_numeric) {
            break;
        }
        start = Some(offset);
    }
    start
}

/// `الذي يختتم أعماله`: a relative clause, about the noun before it.
fn opens_with_relative(clause: &str) -> bool {
    clause.split_whitespace().next().is_some_and(|w| {
        matches!(
            normalize(w).as_str(),
            "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "اللذان" | "اللتان"
        )
    })
}

/// Bytes into `before` (the clause up to a date) just after a `منذ` that the
/// date's `في` closes: `منذ بدء الحرب في` gives the start of `بدء الحرب في`.
fn since_start(before: &str) -> Option<usize> {
    const SINCE_REACH: usize = 5;
    // The last words, last first: `في`, then up to SINCE_REACH before it.
    let words: Vec<(usize, &str)> = before
        .split_whitespace()
        .rev()
        .take(SINCE_REACH + 1)
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .collect();
    let (_, last) = words.first()?;
    if !matches!(normalize(last).as_str(), "في" | "يوم") {
        return None;
    }
    let k = (1..words.len()).find(|&k| matches!(normalize(words[k].1).as_str(), "منذ" | "ومنذ"))?;
    // At least one word between `منذ` and `في`: `منذ في` is no event.
    (k > 1).then(|| words[k - 1].0)
}

/// `في خطاب العرش يوم ...`: a clause that opens with a preposition is a phrase
/// of the clause before it.
fn opens_with_preposition(clause: &str) -> bool {
    clause.split_whitespace().next().is_some_and(|w| {
        matches!(
            normalize(w).as_str(),
            "في" | "خلال" | "عند" | "لدي" | "اثناء"
        )
    })
}

/// `إن "التراجع متوقع"`: the `that` left over from the reporting clause.
fn drop_complementiser(text: &str) -> &str {
    match text.split_once(char::is_whitespace) {
        Some((first, rest)) if matches!(normalize(first).as_str(), "ان" | "بان") => {
            rest.trim_start()
        }
        _ => text,
    }
}

/// Drops a quotation mark left open or closed at either end of an event cut
/// out of a longer quotation.
fn balance_quotes(text: &str) -> &str {
    let count = |c: char| text.matches(c).count();
    let mut t = text;
    if count('"') % 2 == 1 {
        t = t
            .strip_suffix('"')
            .or_else(|| t.strip_prefix('"'))
            .unwrap_or(t);
    }
    if count('«') != count('»') {
        t = t
            .strip_suffix('»')
            .or_else(|| t.strip_prefix('«'))
            .unwrap_or(t);
    }
    t.trim()
}

/// `بعد يومين من مقتل`: an offset from another date, written `... من/على EVENT`.
fn is_anchored(mention: &str) -> bool {
    let words: Vec<String> = mention.split_whitespace().map(normalize).collect();
    words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "بعد" | "وبعد" | "قبل" | "وقبل"))
        && words.iter().any(|w| w == "من" || w == "علي")
}

/// Where `mention` sits in `sentence`: its first occurrence that starts and ends
/// at word edges (`5` in `من 5 إلى 7 مارس`, not the 5 of `15`), else the first.
#[cfg(test)]
fn locate(sentence: &str, mention: &str) -> usize {
    let class = |c: char| (c.is_numeric(), is_word_char(c));
    let edge = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) => !is_word_char(o) || class(o).0 != class(i).0,
        _ => true,
    };
    let mut fallback = None;
    for (at, _) in sentence.match_indices(mention) {
        fallback.get_or_insert(at);
        let before = sentence[..at].chars().next_back();
        let after = sentence[at + mention.len()..].chars().next();
        if edge(before, mention.chars().next()) && edge(after, mention.chars().next_back()) {
            return at;
        }
    }
    fallback.unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::event;

    #[test]
    fn event_is_the_clause_of_the_date() {
        assert_eq!(
            event(
                "وفي 5 يناير 2020، تبنى البرلمان قرارًا يلزم الحكومة، وذلك بعد يومين",
                "5 يناير 2020",
                &[]
            ),
            "تبنى البرلمان قرارًا يلزم الحكومة"
        );
        assert_eq!(
            event(
                "وذلك بعد يومين من مقتل القائد، في غارة",
                "بعد يومين من مقتل",
                &[]
            ),
            "مقتل القائد"
        );
        assert_eq!(
            event(
                "وتقود الولايات المتحدة منذ عام 2014 تحالفًا دوليًا",
                "عام 2014",
                &[]
            ),
            "وتقود الولايات المتحدة منذ عام 2014 تحالفًا دوليًا"
        );
    }

    #[test]
    fn a_date_between_commas_joins_the_clauses_around_it() {
        assert_eq!(
            event(
                "أقر مجلس الوزراء السعودي، اليوم الثلاثاء، الموازنة العامة للدولة",
                "اليوم الثلاثاء",
                &[]
            ),
            "أقر مجلس الوزراء السعودي الموازنة العامة للدولة"
        );
        assert_eq!(
            event(
                "الأحد ، الـ31 من ديسمبر الجاري",
                "الأحد ، الـ31 من ديسمبر الجاري",
                &[]
            ),
            "الأحد ، الـ31 من ديسمبر الجاري"
        );
        assert_eq!(
            event("من 5 إلى 7 مارس 2023، يقام المعرض في 15 قاعة", "5", &[]),
            "يقام المعرض في 15 قاعة"
        );
    }
}
