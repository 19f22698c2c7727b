//! The key dates: one entry per distinct Gregorian value, chronological, each
//! with the clause of its sentence that the date belongs to.

use super::model::{Calendar, DateMention, TimelineEntry, Tweet};
use super::normalize::{is_word_char, normalize};

// An event text longer than this is cut at a word boundary.
const EVENT_MAX_WORDS: usize = 24;

pub(crate) fn build(dates: &[DateMention], tweets: &[Tweet]) -> Vec<TimelineEntry> {
    // A date the body states wins over the same date in a tweet's attribution
    // line: the body says what happened on it.
    let from_tweet = |m: &DateMention| {
        tweets
            .iter()
            .find(|t| !t.attribution.is_empty() && t.attribution == m.sentence)
    };
    let ordered = dates
        .iter()
        .filter(|m| from_tweet(m).is_none())
        .chain(dates.iter().filter(|m| from_tweet(m).is_some()));
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for m in ordered {
        let Some(date) = m.date else { continue };
        if m.calendar != Calendar::Gregorian
            || entries.iter().any(|e| e.date == date)
            || is_comparison_span(m)
        {
            continue;
        }
        let event = match from_tweet(m) {
            Some(t) => clip(
                super::sentences::split(&t.text)
                    .first()
                    .copied()
                    .unwrap_or(&t.text),
            ),
            None => {
                // The other dates of the sentence are no more news than this one.
                let others: Vec<&str> = dates
                    .iter()
                    .filter(|o| o.sentence == m.sentence && o.text != m.text)
                    .map(|o| o.text.as_str())
                    .collect();
                event(&m.sentence, &m.text, &others)
            }
        };
        entries.push(TimelineEntry {
            date,
            precision: date.precision(),
            event,
            section: m.section,
        });
    }
    entries.sort_by_key(|e| e.date);
    entries
}

/// `وهو الأعلى منذ 24 عاما`, `لأول مرة منذ عشرة أعوام`: a span measuring a
/// record, not a date on which something happened.
fn is_comparison_span(m: &DateMention) -> bool {
    const MEASURES: &[&str] = &[
        "اعلي",
        "ادني",
        "اكبر",
        "اصغر",
        "اقل",
        "اكثر",
        "اسوا",
        "افضل",
        "اشد",
        "اطول",
        "اقصر",
        "اسرع",
        "اقوي",
        "اضعف",
        "ارفع",
        "اخفض",
        "اعمق",
        "اوسع",
        "اول",
        "لاول",
        "مستوي",
        "مستواه",
        "مستواها",
        "مستوياته",
        "مستوياتها",
        "مره",
        "قياسي",
        "قياسيه",
    ];
    let opens_with_since = normalize(&m.text)
        .split_whitespace()
        .next()
        .is_some_and(|w| w == "منذ" || w == "ومنذ");
    if !opens_with_since {
        return false;
    }
    let at = locate(&m.sentence, &m.text);
    let before = super::normalize::words(&m.sentence[..at]);
    before.iter().rev().take(4).any(|w| {
        let w = w.strip_prefix("ال").unwrap_or(w);
        MEASURES.contains(&w)
    })
}

fn clip(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > EVENT_MAX_WORDS {
        format!("{}…", words[..EVENT_MAX_WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

/// The clause of `sentence` holding `mention`. When the clause is little more
/// than the date, the event is the clause that follows (`وفي 5 يناير 2020، تبنى
/// ...`); when it is nothing but the date between commas, the clauses on both
/// sides joined (`أقر المجلس، اليوم الثلاثاء، الموازنة`). An offset (`بعد يومين من مقتل ...`)
/// dates what follows it, so the event starts there, and so does `منذ` before
/// `في DATE` (`منذ بدء الحرب في 7 أكتوبر`). `others` are the sentence's other
/// date mentions, which count as date words too.
#[must_use]
pub(crate) fn event(sentence: &str, mention: &str, others: &[&str]) -> String {
    let at = locate(sentence, mention);
    let end = (at + mention.len()).min(sentence.len());
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
    let rest = others
        .iter()
        .fold(clause.replacen(mention, " ", 1), |c, o| {
            c.replacen(o, " ", 1)
        });
    let rest = content_words(&rest);
    let next = clauses.get(last + 1).copied();
    let prev = k.checked_sub(1).map(|j| clauses[j]);
    let text = if let Some(since) = since_start(&sentence[s..at]) {
        sentence[s + since..end].to_string()
    } else if is_anchored(mention) {
        let tail = mention.split_whitespace().last().unwrap_or_default();
        sentence
            .get(end - tail.len()..e)
            .unwrap_or(clause)
            .to_string()
    } else if rest < 2 {
        match (prev, next) {
            // Only a bare date sits between the commas: the sentence is whole
            // without it.
            (Some((ps, pe)), Some((ns, ne))) if rest == 0 => {
                format!("{} {}", &sentence[ps..pe], &sentence[ns..ne])
            }
            (_, Some((ns, ne))) => sentence[ns..ne].to_string(),
            // A closing date clause dates the sentence's main clause, not the
            // aside just before it (`تحاصر المدينة، آخر معاقل الجيش، منذ مايو`).
            (Some((_, pe)), None)
                if sentence[..pe].split_whitespace().count() <= EVENT_MAX_WORDS =>
            {
                sentence[..pe].to_string()
            }
            (Some((ps, pe)), None) => sentence[ps..pe].to_string(),
            (None, None) => clause.to_string(),
        }
    } else if let Some((ns, ne)) = next.filter(|&(ns, ne)| {
        rest < 8
            && clause.trim_end().ends_with(mention)
            && !others.iter().any(|o| sentence[ns..ne].contains(o))
    }) {
        // `أعلن الوزير اليوم الأربعاء، انتهاء المهمة`: the news follows the date.
        // `دعا، في خطابه يوم 29 يوليو، إلى ...`: a phrase set off by commas
        // inside the main clause takes the clause around it.
        match prev.filter(|_| opens_with_preposition(clause)) {
            Some((ps, pe)) => format!(
                "{} {} {}",
                &sentence[ps..pe],
                &sentence[s..e],
                &sentence[ns..ne]
            ),
            None => sentence[s..ne].to_string(),
        }
    } else {
        clause.to_string()
    };
    let text = balance_quotes(drop_complementiser(text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '،' | ',' | '.' | '؛' | ':')
    })));
    if text.split_whitespace().next().is_none() {
        sentence.trim().to_string()
    } else {
        clip(text)
    }
}

/// Bytes into `before` (the clause up to a date) just after a `منذ` that the
/// date's `في` closes: `منذ بدء الحرب في` gives the start of `بدء الحرب في`.
fn since_start(before: &str) -> Option<usize> {
    const SINCE_REACH: usize = 5;
    let words: Vec<(usize, &str)> = before
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .collect();
    let (_, last) = words.last()?;
    if !matches!(normalize(last).as_str(), "في" | "يوم") {
        return None;
    }
    let from = words.len().saturating_sub(SINCE_REACH + 1);
    let k = (from..words.len() - 1)
        .rev()
        .find(|&k| matches!(normalize(words[k].1).as_str(), "منذ" | "ومنذ"))?;
    // At least one word between `منذ` and `في`: `منذ في` is no event.
    (k + 2 < words.len()).then(|| words[k + 1].0)
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
    let count = |c: char| text.chars().filter(|&x| x == c).count();
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

/// Words of a clause left beside its date, other than numbers and the words
/// that hold a date in place (`وفي`, `من 5 إلى`, `يومي 5 و`).
fn content_words(rest: &str) -> usize {
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
    // `24.1%`: a figure is news, unlike the day and year numbers of a date.
    let figures = rest
        .split_whitespace()
        .filter(|w| w.contains(['%', '٪']))
        .count();
    let plain: String = rest
        .split_whitespace()
        .filter(|w| !w.contains(['%', '٪']))
        .collect::<Vec<_>>()
        .join(" ");
    figures
        + super::normalize::words(&plain)
            .iter()
            .filter(|w| !GLUE.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
            .count()
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

/// Byte ranges of the clauses of a sentence (split at `،` `,` `؛` `;` `:`).
fn clauses(sentence: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        if matches!(c, '،' | '؛' | ';' | ':')
            || (c == ',' && !sentence[..i].ends_with(char::is_numeric))
        {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, sentence.len()));
    out
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
