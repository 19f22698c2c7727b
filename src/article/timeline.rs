//! The key dates: one entry per distinct Gregorian value, chronological, each
//! with the clause of its sentence that the date belongs to.

use super::model::{Calendar, DateMention, TimelineEntry, Tweet};
use super::normalize::normalize;

mod clip;
mod event;

use clip::clip;
pub(crate) use event::event;
use event::locate;

/// An event text longer than this is cut at a word boundary.
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
