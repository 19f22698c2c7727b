//! The key dates: one entry per distinct Gregorian value, chronological, each
//! with the clause of its sentence that the date belongs to.

use super::model::{Calendar, DateMention, DateValue, Place, TimelineEntry, Tweet};
use super::normalize::{is_word_char, normalize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

mod clause;
mod clip;
mod event;

use clip::clip;
use event::event_at;

/// An event text longer than this is cut at a word boundary.
const EVENT_MAX_WORDS: usize = 24;

/// The timeline of `dates`, and the bytes of sentence read to find the events.
pub(crate) fn build(dates: &[DateMention], tweets: &[Tweet]) -> (Vec<TimelineEntry>, u64) {
    // A date the body states wins over the same date in a tweet's attribution
    // line: the body says what happened on it.
    let mut attributed: HashMap<&str, &Tweet> = HashMap::new();
    for t in tweets.iter().filter(|t| !t.attribution.is_empty()) {
        attributed.entry(t.attribution.as_str()).or_insert(t);
    }
    let runs: Vec<(Range<usize>, Option<&Tweet>)> = runs(dates)
        .map(|run| {
            let tweet = (!attributed.is_empty())
                .then(|| attributed.get(&*dates[run.start].sentence).copied())
                .flatten();
            (run, tweet)
        })
        .collect();
    // Certain mentions first, so that a date is told by a mention that settles
    // it; one only uncertain mentions give is kept, marked as such.
    let in_order = || {
        runs.iter()
            .filter(|(_, t)| t.is_none())
            .chain(runs.iter().filter(|(_, t)| t.is_some()))
            .flat_map(|(run, tweet)| run.clone().map(move |i| (i, run, *tweet)))
    };
    let ordered = in_order()
        .filter(|&(i, ..)| dates[i].certain)
        .chain(in_order().filter(|&(i, ..)| !dates[i].certain));
    let mut seen: HashSet<DateValue> = HashSet::new();
    let mut entries: Vec<TimelineEntry> = Vec::new();
    let mut read = 0;
    for (i, run, tweet) in ordered {
        let m = &dates[i];
        let Some(date) = m.date else { continue };
        // A headline or heading restates what the body tells: the body's
        // sentence is the event.
        let told = matches!(m.place, Place::Body | Place::Tweet);
        if !told
            || m.calendar != Calendar::Gregorian
            || seen.contains(&date)
            || is_comparison_span(m)
        {
            continue;
        }
        let event = match tweet {
            Some(t) => {
                read += t.text.len() as u64;
                clip(
                    super::sentences::split(&t.text)
                        .first()
                        .copied()
                        .unwrap_or(&t.text),
                )
            }
            None => {
                read += m.sentence.len() as u64;
                // The other dates of the sentence are no more news than this one.
                let others: Vec<Range<usize>> = dates[run.clone()]
                    .iter()
                    .filter(|o| o.text != m.text)
                    .map(|o| o.offset..o.offset + o.text.len())
                    .collect();
                event_at(&m.sentence, m.offset..m.offset + m.text.len(), &others)
            }
        };
        seen.insert(date);
        entries.push(TimelineEntry {
            date,
            precision: date.precision(),
            certain: m.certain,
            event,
            section: m.section,
        });
    }
    entries.sort_by_key(|e| e.date);
    (entries, read)
}

/// The runs of mentions that share one sentence: a passage's mentions sit
/// together in `dates`.
fn runs(dates: &[DateMention]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = dates.get(start)?;
        let len = dates[start..]
            .iter()
            .take_while(|m| m.sentence.same(&first.sentence))
            .count();
        let run = start..start + len;
        start += len;
        Some(run)
    })
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
    // The last four words before the date.
    let before = m.sentence.get(..m.offset).unwrap_or_default();
    before
        .split(|c: char| !is_word_char(c))
        .rev()
        .map(normalize)
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| {
            let w = w.strip_prefix("ال").unwrap_or(&w);
            MEASURES.contains(&w)
        })
}
