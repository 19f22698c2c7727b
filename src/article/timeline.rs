//! The key dates: one entry per distinct Gregorian value, chronological, each
//! with the clause of its sentence that the date belongs to.

use super::model::{Calendar, DateMention, TimelineEntry, Tweet};

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
        if m.calendar != Calendar::Gregorian || entries.iter().any(|e| e.date == date) {
            continue;
        }
        let event = match from_tweet(m) {
            Some(t) => clip(
                super::sentences::split(&t.text)
                    .first()
                    .copied()
                    .unwrap_or(&t.text),
            ),
            None => event(&m.sentence, &m.text),
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

fn clip(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > EVENT_MAX_WORDS {
        format!("{}…", words[..EVENT_MAX_WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

/// The clause of `sentence` holding `mention`. When the clause is little more
/// than the date (`وفي 5 يناير 2020،`), the clause that follows is the event; an
/// offset (`بعد يومين من مقتل ...`) dates what follows it, so the event starts there.
#[must_use]
pub(crate) fn event(sentence: &str, mention: &str) -> String {
    let at = sentence.find(mention).unwrap_or(0);
    let clauses = clauses(sentence);
    let k = clauses
        .iter()
        .position(|&(s, e)| at >= s && at < e)
        .unwrap_or(0);
    let (s, e) = clauses[k];
    let mut text = &sentence[s..e];
    if mention.split_whitespace().any(|w| w == "من" || w == "على") {
        let last = mention.split_whitespace().last().unwrap_or_default();
        let from = at + mention.len() - last.len();
        text = &sentence[from..e];
    } else if let Some(&(ns, ne)) = clauses.get(k + 1) {
        let rest = text.replacen(mention, " ", 1).split_whitespace().count();
        if rest < 3 {
            text = &sentence[ns..ne];
        } else if rest < 8 && text.trim_end().ends_with(mention) {
            // `أعلن الوزير اليوم الأربعاء، انتهاء المهمة`: the news follows the date.
            text = &sentence[s..ne];
        }
    }
    let text =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '،' | ',' | '.' | '؛' | ':'));
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > EVENT_MAX_WORDS {
        format!("{}…", words[..EVENT_MAX_WORDS].join(" "))
    } else if words.is_empty() {
        sentence.trim().to_string()
    } else {
        words.join(" ")
    }
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
                "5 يناير 2020"
            ),
            "تبنى البرلمان قرارًا يلزم الحكومة"
        );
        assert_eq!(
            event(
                "وذلك بعد يومين من مقتل القائد، في غارة",
                "بعد يومين من مقتل"
            ),
            "مقتل القائد"
        );
        assert_eq!(
            event(
                "وتقود الولايات المتحدة منذ عام 2014 تحالفًا دوليًا",
                "عام 2014"
            ),
            "وتقود الولايات المتحدة منذ عام 2014 تحالفًا دوليًا"
        );
    }
}
