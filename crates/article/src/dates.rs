//! Date expressions: found in each sentence, then resolved against the
//! publication date (relative words) or another date of the same sentence
//! (`بعد يومين من مقتل`). The grammar works on tokens of normalised text while
//! keeping byte spans, so each mention's `text` is the exact substring.
//!
//! - `tokens`: the sentence as tokens with byte spans; clitic months split.
//! - `words`: the vocabulary (year words, prepositions, ordinals, quantities).
//! - `grammar`: the scan, shared token tests, and the order patterns are tried in.
//! - `absolute`: calendar forms (numeric dates, days, months, years, ranges).
//! - `relative`: day words, weekdays, periods, counted offsets.
//! - `parts`: quarters, halves and seasons of a year.
//! - `tense`: whether the words around a date speak of the future.
//! - `resolve`: expressions and their values against the publication date.

mod absolute;
mod grammar;
mod parts;
mod relative;
mod resolve;
mod tense;
mod tokens;
mod words;

use super::calendar::{Cal, Rel, hijri_to_gregorian, weekday_near};
use super::model::{
    Calendar, DateMention, DateValue, Place, Precision, Section, Sentence, SharedText, Tweet,
};
use chrono::{Datelike, NaiveDate};
use grammar::{Found, find, find_counting};
use relative::{is_hijri, is_weekday};
use resolve::{
    Expr, is_day_month, is_month, needs_named_year, precision_of, resolve, resolve_in_year, shift,
    takes_passage_year, uses_future,
};
use tense::{Tense, narrates_past, verb_just_before};

/// A text to scan (the headline, a heading, a body sentence, a tweet sentence
/// or an attribution line), with the section it sits in and the expressions
/// found in it.
struct Passage<'a> {
    text: &'a str,
    section: usize,
    place: Place,
    found: Vec<Found>,
}

/// The date expressions of every passage, found once: inferring the
/// publication date and extracting the mentions both read them.
pub(crate) struct Scanned<'a> {
    passages: Vec<Passage<'a>>,
    /// Tokens the grammar read, its lookahead and lookbehind included.
    pub tokens: u64,
}

/// Finds the date expressions of the headline, the headings, body sentences
/// and tweets (text, then attribution line), in reading order.
pub(crate) fn scan<'a>(
    headline: Option<&'a str>,
    sections: &'a [Section],
    sentences: &'a [Sentence],
    tweets: &'a [Tweet],
) -> Scanned<'a> {
    // Section, then headline / heading / content, then paragraph, tweets before
    // the sentences of the paragraph they precede.
    type Key = (usize, u8, usize, u8, usize, usize);
    let mut keyed: Vec<(Key, &'a str, usize, Place)> = Vec::new();
    if let Some(h) = headline {
        keyed.push(((0, 0, 0, 0, 0, 0), h, 0, Place::Headline));
    }
    for s in sections {
        if let Some(h) = &s.heading {
            keyed.push(((s.index, 1, 0, 0, 0, 0), h, s.index, Place::Heading));
        }
    }
    for (k, s) in sentences.iter().enumerate() {
        keyed.push((
            (s.section, 2, s.paragraph, 1, k, 0),
            &s.text,
            s.section,
            Place::Body,
        ));
    }
    for (k, t) in tweets.iter().enumerate() {
        // An attribution line is one passage, unless it is too long for a sentence.
        let texts = super::sentences::split(&t.text)
            .into_iter()
            .chain(super::sentences::bounded(&t.attribution));
        for (j, text) in texts.enumerate() {
            keyed.push((
                (t.section, 2, t.position, 0, k, j),
                text,
                t.section,
                Place::Tweet,
            ));
        }
    }
    keyed.sort_by_key(|(key, ..)| *key);
    let mut tokens = 0;
    let passages = keyed
        .into_iter()
        .map(|(_, text, section, place)| Passage {
            text,
            section,
            place,
            found: find_counting(text, &mut tokens),
        })
        .collect();
    Scanned { passages, tokens }
}

impl Scanned<'_> {
    /// Every date mention of the article, in article order, and the bytes of
    /// sentence read for their tense (each sentence that needs it, once).
    pub(crate) fn extract(&self, published: Option<NaiveDate>) -> (Vec<DateMention>, u64) {
        let mut out = Vec::new();
        let mut reading = Reading::default();
        let mut read = 0;
        for p in &self.passages {
            if p.section != reading.section {
                reading.section = p.section;
                reading.heading_year = None;
            }
            read += mentions_of(p, published, &mut reading, &mut out);
            if p.place == Place::Heading {
                reading.heading_year = single_year(&p.found);
            }
        }
        // A bare weekday the text places only later (`محادثات يوم الجمعة` …
        // `ومن المقرر أن يلتقي الزعيمان يوم الجمعة`) is that day too.
        let mut later: [Option<DateValue>; 7] = [None; 7];
        for (m, mark) in out.iter_mut().zip(&reading.marks).rev() {
            match *mark {
                WeekdayMark::Placed(wd) => later[wd.num_days_from_monday() as usize] = m.date,
                WeekdayMark::Open(wd) => {
                    if let Some(d) = later[wd.num_days_from_monday() as usize] {
                        m.date = Some(d);
                        m.certain = true;
                    }
                }
                WeekdayMark::Settled => {}
            }
        }
        (out, read)
    }

    /// Infers the publication date: a body sentence saying `اليوم <weekday>`,
    /// and a complete date (a tweet's first) that falls on that weekday. The
    /// latest such date wins.
    pub(crate) fn infer_published(&self, tweets: &[Tweet]) -> Option<NaiveDate> {
        let mut weekdays = [false; 7];
        let mut candidates: Vec<NaiveDate> = tweets.iter().filter_map(|t| t.date).collect();
        for f in self
            .passages
            .iter()
            .filter(|p| p.place == Place::Body)
            .flat_map(|p| &p.found)
        {
            match &f.expr {
                Expr::Day {
                    offset: 0,
                    weekday: Some(wd),
                }
                | Expr::Dated {
                    weekday: wd,
                    today: true,
                    ..
                } => weekdays[wd.num_days_from_monday() as usize] = true,
                _ => {}
            }
            candidates.extend(stated_day(&f.expr));
        }
        candidates
            .into_iter()
            .filter(|d| weekdays[d.weekday().num_days_from_monday() as usize])
            .max()
    }
}

/// What the passages read so far say about the years of the next ones.
#[derive(Default)]
struct Reading {
    /// The year the text named last: `في العام نفسه`, `26 مارس من ذلك العام`.
    named: Option<i32>,
    /// The year of the last day the text settled (`أمس`, `15 مارس 2011`): the
    /// time the passage narrates. A day or month without a year in another
    /// year is not settled by the text.
    story_year: Option<i32>,
    /// The section being read.
    section: usize,
    /// The one year its heading states (`هجمات العام 2016`): a day or month
    /// under it without a year of its own is of that year.
    heading_year: Option<i32>,
    /// For each weekday (from Monday), the day the text last pinned it to
    /// (`الخميس المقبل`, `يوم السبت 11 أغسطس`): the same weekday said again
    /// bare, with nothing around it pointing ahead, is that day.
    weekdays: [Option<DateValue>; 7],
    /// For each mention pushed so far, what it says of its weekday.
    marks: Vec<WeekdayMark>,
}

/// What a mention says of the day its weekday stands for.
#[derive(Clone, Copy)]
enum WeekdayMark {
    /// Not a weekday, or one already settled by the text before it.
    Settled,
    /// A bare weekday with nothing around it that places it.
    Open(chrono::Weekday),
    /// A weekday the text places: with its date, a relative word, or words
    /// that speak of the future.
    Placed(chrono::Weekday),
}

/// The mentions of one body sentence, after those already in `out`: the
/// grammar's unit tests read one sentence at a time.
#[cfg(test)]
fn mentions_in(
    text: &str,
    section: usize,
    published: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    let mut reading = Reading {
        named: last_named_year(out),
        section,
        ..Reading::default()
    };
    let passage = Passage {
        text,
        section,
        place: Place::Body,
        found: find(text),
    };
    mentions_of(&passage, published, &mut reading, out);
}

/// The weekday an expression pins to one day: with its date beside it or
/// `المقبل` (`الخميس المقبل`), not a bare weekday. `الخميس الماضي` pins
/// nothing: a writer who marks one Thursday as past and leaves another bare
/// may well mean two Thursdays.
fn pinned_weekday(expr: &Expr) -> Option<chrono::Weekday> {
    match expr {
        Expr::Dated { weekday, .. }
        | Expr::Weekday {
            weekday,
            rel: Some(Rel::Next),
        } => Some(*weekday),
        _ => None,
    }
}

/// The one Gregorian year the expressions state outright, if they state exactly one.
fn single_year(found: &[Found]) -> Option<i32> {
    let mut years = found.iter().filter_map(|f| match &f.expr {
        Expr::Abs(Cal::Gregorian, v) => Some(v.year),
        Expr::Dated { date, .. } => match **date {
            Expr::Abs(Cal::Gregorian, v) => Some(v.year),
            _ => None,
        },
        _ => None,
    });
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// Resolves the expressions found in one passage and pushes its mentions;
/// returns the bytes of the passage read for their tense. `reading` carries
/// the years named so far from passage to passage, so that no mention looks
/// back over the article.
fn mentions_of(
    passage: &Passage<'_>,
    published: Option<NaiveDate>,
    reading: &mut Reading,
    out: &mut Vec<DateMention>,
) -> u64 {
    let Passage {
        text,
        section,
        place,
        ref found,
    } = *passage;
    if found.is_empty() {
        return 0;
    }
    let sentence = SharedText::from(text);
    // The words around a date are read only when its value depends on them.
    let tense = (published.is_some() && found.iter().any(|f| uses_future(&f.expr))).then(|| {
        let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
        Tense::new(text, &spans)
    });
    let first = out.len();
    let mut marks = Vec::with_capacity(found.len());
    // Whether the sentence narrates the past, read once if a bare weekday asks.
    let mut narrated: Option<bool> = None;
    for f in found {
        let future = tense.as_ref().is_some_and(|t| {
            if is_day_month(&f.expr) {
                return t.future_in_clause(f.start);
            }
            t.future_at(f.start, f.end)
                || ((is_weekday(&f.expr) || is_month(&f.expr)) && t.opening_verb_governs(f.start))
        });
        let mut mark = WeekdayMark::Settled;
        let mut certain = true;
        let date = match (&f.expr, reading.heading_year) {
            (
                Expr::Weekday {
                    weekday,
                    rel: None | Some(Rel::Current),
                },
                _,
            ) if !future => match reading.weekdays[weekday.num_days_from_monday() as usize] {
                Some(d) => Some(d),
                None => {
                    mark = WeekdayMark::Open(*weekday);
                    // The past unless the future is spoken of: settled only
                    // when the sentence tells what happened.
                    certain = *narrated.get_or_insert_with(|| narrates_past(text));
                    resolve(&f.expr, published, future)
                }
            },
            (_, Some(y)) if takes_passage_year(&f.expr) => resolve_in_year(&f.expr, y),
            _ => {
                let value = resolve(&f.expr, published, future);
                certain =
                    future || settled(&f.expr, text, (f.start, f.end), value, reading.story_year);
                value
            }
        };
        let placed = pinned_weekday(&f.expr).or(match f.expr {
            Expr::Weekday {
                weekday,
                rel: None | Some(Rel::Current),
            } if future => Some(weekday),
            _ => None,
        });
        // A day two weeks or more from publication is one a bare weekday
        // said again does not mean.
        let near = |d: DateValue| {
            d.as_date()
                .zip(published)
                .is_some_and(|(d, p)| (d - p).num_days().abs() < 14)
        };
        if let (Some(wd), Some(d)) = (placed, date.filter(|&d| near(d))) {
            reading.weekdays[wd.num_days_from_monday() as usize] = Some(d);
            mark = WeekdayMark::Placed(wd);
        }
        marks.push(mark);
        let (calendar, gregorian) = if is_hijri(&f.expr) {
            (Calendar::Hijri, date.and_then(hijri_gregorian))
        } else {
            (Calendar::Gregorian, None)
        };
        // A settled day sets the time the passage tells, for the next mentions
        // of the same sentence too (`قبل عشر سنوات، في الخامس والعشرين من يناير`).
        if certain && !is_hijri(&f.expr) && precision_of(&f.expr) == Precision::Day {
            reading.story_year = date.map(|d| d.year).or(reading.story_year);
        }
        out.push(DateMention {
            text: text[f.start..f.end].to_string(),
            date,
            certain,
            precision: precision_of(&f.expr),
            calendar,
            gregorian,
            section,
            sentence: sentence.clone(),
            offset: f.start,
            place,
        });
    }
    // `يومي السبت والأحد`: the second of two joined weekdays is the first
    // such day after the first.
    for k in 1..found.len() {
        let joined = matches!(found[k].expr, Expr::Weekday { rel: None, .. })
            && text[found[k].start..].starts_with('و')
            && text[found[k - 1].end..found[k].start].trim().is_empty();
        let before = out[first + k - 1].date.and_then(|d| d.as_date());
        if let (true, Some(before), Expr::Weekday { weekday, .. }) =
            (joined, before, &found[k].expr)
        {
            let day = weekday_near(before, *weekday, true, false);
            out[first + k].date = Some(DateValue::day(day));
            out[first + k].certain = out[first + k - 1].certain;
        }
    }
    // `26 مارس من ذلك العام` takes the year the article named last.
    let mut last = reading.named;
    for (k, f) in found.iter().enumerate() {
        if k > 0 {
            last = last_named_year(&out[first + k - 1..first + k]).or(last);
        }
        if needs_named_year(&f.expr) {
            out[first + k].date = last.and_then(|y| resolve_in_year(&f.expr, y));
        }
    }
    // Anchored offsets take the nearest resolved Gregorian date of the sentence,
    // preferring one before them.
    let anchor = |j: usize| {
        let m = &out[first + j];
        (m.certain
            && m.calendar == Calendar::Gregorian
            && !matches!(found[j].expr, Expr::Anchored { .. }))
        .then_some(m.date)
        .flatten()
    };
    let Anchors { before, after } = nearest(found.len(), anchor);
    for (k, f) in found.iter().enumerate() {
        let Expr::Anchored { amount, unit } = f.expr else {
            continue;
        };
        // A date after the offset in the same clause dates the event it counts
        // from: `بعد 18 شهرا من طرح النموذج في 30 نوفمبر 2022`.
        let value = match before[k] {
            Some(base) => shift(base, -amount, unit),
            None => after[k].and_then(|(j, base)| {
                let between = text.get(f.end..found[j].start).unwrap_or_default();
                if between.contains(['،', ',', '؛', ';']) {
                    shift(base, -amount, unit)
                } else {
                    Some(base)
                }
            }),
        };
        let m = &mut out[first + k];
        m.date = value;
        m.precision = value.map_or(m.precision, |v| v.precision());
    }
    // `بعد عامين من الحرب` with no date beside it counts from an event the text
    // never dates: it names no date of its own. Only this passage's mentions
    // can go, so only they are walked.
    let mine = out.split_off(first);
    for ((m, _), mark) in mine
        .into_iter()
        .zip(found)
        .zip(marks)
        .filter(|((m, f), _)| m.date.is_some() || !matches!(f.expr, Expr::Anchored { .. }))
    {
        out.push(m);
        reading.marks.push(mark);
    }
    reading.named = last_named_year(&out[first..]).or(reading.named);
    reading.story_year = out[first..]
        .iter()
        .rev()
        .find(|m| m.certain && m.calendar == Calendar::Gregorian && m.precision == Precision::Day)
        .and_then(|m| m.date)
        .map(|d| d.year)
        .or(reading.story_year);
    tense.map_or(0, |_| text.len() as u64)
}

/// Whether the text settles the value of an expression read on its own: not
/// `اليوم` with no verb to govern it (`العالم اليوم`), nor a day or month whose
/// year is the nearest one while the last day the text settled is in another year.
fn settled(
    expr: &Expr,
    text: &str,
    (start, end): (usize, usize),
    value: Option<DateValue>,
    story_year: Option<i32>,
) -> bool {
    match expr {
        Expr::Day {
            offset: 0,
            weekday: None,
        } => {
            let bare = matches!(
                crate::normalize::normalize(&text[start..end]).as_str(),
                "اليوم" | "واليوم"
            );
            // `خلال مؤتمر صحافي عقده، اليوم، عقب`: set off by commas, the wire style's adverb.
            let between_commas = text[..start].trim_end().ends_with(['،', ','])
                && text[end..].trim_start().starts_with(['،', ',']);
            !bare
                || between_commas
                || text[..start].trim_end().ends_with("من")
                || verb_just_before(text, start)
        }
        // A weekday beside a day and month picks the year it falls on.
        Expr::Dated { .. } => true,
        _ if takes_passage_year(expr) => match (value, story_year) {
            (Some(v), Some(y)) => v.year == y,
            _ => true,
        },
        _ => true,
    }
}

/// The year of the last certain Gregorian mention with a value among `mentions`.
fn last_named_year(mentions: &[DateMention]) -> Option<i32> {
    mentions
        .iter()
        .rev()
        .filter(|m| m.certain && m.calendar == Calendar::Gregorian)
        .find_map(|m| m.date.map(|d| d.year))
}

/// The nearest anchor on each side of every mention of a sentence, found in
/// two passes instead of a search from each mention.
struct Anchors {
    /// The value of the nearest anchor before each mention.
    before: Vec<Option<DateValue>>,
    /// The nearest anchor after each mention, with its index.
    after: Vec<Option<(usize, DateValue)>>,
}

/// [`Anchors`] of `n` mentions, `anchor` giving each one's value as an anchor.
fn nearest(n: usize, anchor: impl Fn(usize) -> Option<DateValue>) -> Anchors {
    let values: Vec<Option<DateValue>> = (0..n).map(anchor).collect();
    let mut before = Vec::with_capacity(n);
    let mut last = None;
    for v in &values {
        before.push(last);
        last = v.or(last);
    }
    let mut after = vec![None; n];
    let mut next = None;
    for k in (0..n).rev() {
        after[k] = next;
        if let Some(v) = values[k] {
            next = Some((k, v));
        }
    }
    Anchors { before, after }
}

/// The Gregorian equivalent of a Hijri value: the day, or the Gregorian year in
/// which the Hijri year (or month) begins.
fn hijri_gregorian(v: DateValue) -> Option<DateValue> {
    match (v.month, v.day) {
        (Some(m), Some(d)) => hijri_to_gregorian(v.year, m, d).map(DateValue::day),
        _ => hijri_to_gregorian(v.year, v.month.unwrap_or(1), 1).map(|d| DateValue::year(d.year())),
    }
}

/// The complete Gregorian day an expression states outright, if any.
fn stated_day(expr: &Expr) -> Option<NaiveDate> {
    match expr {
        Expr::Abs(Cal::Gregorian, v) => v.as_date(),
        Expr::Dated { date, .. } => stated_day(date),
        _ => None,
    }
}

/// The first complete Gregorian date in a short text (a tweet's attribution line).
#[must_use]
pub(crate) fn parse_absolute(text: &str) -> Option<NaiveDate> {
    find(text).iter().find_map(|f| stated_day(&f.expr))
}

/// Month names of the other languages embedded tweets are written in (Turkish,
/// French, Spanish, German), lower-case; index + 1 is the month.
#[rustfmt::skip]
const FOREIGN_MONTHS: &[&[&str]] = &[
    &["ocak", "janvier", "enero", "januar"],
    &["şubat", "février", "fevrier", "febrero", "februar"],
    &["mart", "mars", "marzo", "märz"],
    &["nisan", "avril", "abril"],
    &["mayıs", "mai", "mayo"],
    &["haziran", "juin", "junio", "juni"],
    &["temmuz", "juillet", "julio", "juli"],
    &["ağustos", "août", "aout", "agosto", "august"],
    &["eylül", "septembre", "septiembre", "september"],
    &["ekim", "octobre", "octubre", "oktober"],
    &["kasım", "novembre", "noviembre", "november"],
    &["aralık", "décembre", "decembre", "diciembre", "dezember"],
];

/// `6 Şubat 2025`, `9 janvier 2025`, `3 de marzo de 2024`, `6. Februar 2025`:
/// a tweet's date in the language of its author, day first.
#[must_use]
pub(crate) fn parse_foreign_day(text: &str) -> Option<NaiveDate> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ','))
        .filter(|w| !w.is_empty() && *w != "de")
        .map(str::to_lowercase)
        .collect();
    words.windows(3).find_map(|w| {
        let day: u32 = w[0].parse().ok()?;
        let month = FOREIGN_MONTHS
            .iter()
            .position(|m| m.contains(&w[1].as_str()))?;
        let year: i32 = w[2].parse().ok()?;
        NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()? + 1, day)
    })
}

#[cfg(test)]
mod tests;
