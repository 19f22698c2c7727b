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

use super::calendar::{Cal, hijri_to_gregorian};
use super::model::{Calendar, DateMention, DateValue, Sentence, Tweet};
use chrono::{Datelike, NaiveDate};
use grammar::find;
use relative::is_hijri;
use resolve::{Expr, needs_named_year, precision_of, resolve, resolve_in_year, shift};

/// A text to scan (a body sentence, a tweet sentence or an attribution line),
/// with the section it sits in.
struct Passage<'a> {
    text: &'a str,
    section: usize,
}

/// Every date mention of the article, in article order.
pub(crate) fn extract(
    sentences: &[Sentence],
    tweets: &[Tweet],
    published: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    for p in passages(sentences, tweets) {
        mentions_in(p.text, p.section, published, &mut out);
    }
    out
}

/// Body sentences and tweets (text, then attribution line) in reading order.
fn passages<'a>(sentences: &'a [Sentence], tweets: &'a [Tweet]) -> Vec<Passage<'a>> {
    let mut keyed: Vec<((usize, usize, u8, usize), Passage<'a>)> = Vec::new();
    for (k, s) in sentences.iter().enumerate() {
        let passage = Passage {
            text: &s.text,
            section: s.section,
        };
        keyed.push(((s.section, s.paragraph, 1, k), passage));
    }
    for (k, t) in tweets.iter().enumerate() {
        let texts = super::sentences::split(&t.text)
            .into_iter()
            .chain([t.attribution.as_str()]);
        for (j, text) in texts.enumerate() {
            let passage = Passage {
                text,
                section: t.section,
            };
            keyed.push(((t.section, t.position, 0, k * 1000 + j), passage));
        }
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, p)| p).collect()
}

fn mentions_in(
    text: &str,
    section: usize,
    published: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    let found = find(text);
    let first = out.len();
    for f in &found {
        let future = tense::future_at(text, f.start, f.end);
        let date = resolve(&f.expr, published, future);
        let (calendar, gregorian) = if is_hijri(&f.expr) {
            (Calendar::Hijri, date.and_then(hijri_gregorian))
        } else {
            (Calendar::Gregorian, None)
        };
        out.push(DateMention {
            text: text[f.start..f.end].to_string(),
            date,
            precision: precision_of(&f.expr),
            calendar,
            gregorian,
            section,
            sentence: text.to_string(),
        });
    }
    // `26 مارس من ذلك العام` takes the year the article named last.
    for (k, f) in found.iter().enumerate() {
        if !needs_named_year(&f.expr) {
            continue;
        }
        let named = out[..first + k]
            .iter()
            .rev()
            .filter(|m| m.calendar == Calendar::Gregorian)
            .find_map(|m| m.date.map(|d| d.year));
        out[first + k].date = named.and_then(|y| resolve_in_year(&f.expr, y));
    }
    // Anchored offsets take the nearest resolved Gregorian date of the sentence,
    // preferring one before them.
    for (k, f) in found.iter().enumerate() {
        let Expr::Anchored { amount, unit } = f.expr else {
            continue;
        };
        let anchor = |j: usize| {
            let m = &out[first + j];
            (m.calendar == Calendar::Gregorian && !matches!(found[j].expr, Expr::Anchored { .. }))
                .then_some(m.date)
                .flatten()
        };
        // A date after the offset in the same clause dates the event it counts
        // from: `بعد 18 شهرا من طرح النموذج في 30 نوفمبر 2022`.
        let value = match (0..k).rev().find_map(anchor) {
            Some(base) => shift(base, -amount, unit),
            None => (k + 1..found.len())
                .find_map(|j| anchor(j).map(|d| (j, d)))
                .and_then(|(j, base)| {
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
    // never dates: it names no date of its own.
    let mut k = 0;
    out.retain(|m| {
        let keep = k < first
            || m.date.is_some()
            || !matches!(found[k - first].expr, Expr::Anchored { .. });
        k += 1;
        keep
    });
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

/// Infers the publication date: a sentence saying `اليوم <weekday>`, and a complete
/// date (a tweet's first) that falls on that weekday. The latest such date wins.
pub(crate) fn infer_published(sentences: &[Sentence], tweets: &[Tweet]) -> Option<NaiveDate> {
    let mut weekdays = Vec::new();
    let mut candidates: Vec<NaiveDate> = tweets.iter().filter_map(|t| t.date).collect();
    for s in sentences {
        for f in find(&s.text) {
            match &f.expr {
                Expr::Day {
                    offset: 0,
                    weekday: Some(wd),
                }
                | Expr::Dated {
                    weekday: wd,
                    today: true,
                    ..
                } => weekdays.push(*wd),
                _ => {}
            }
            candidates.extend(stated_day(&f.expr));
        }
    }
    candidates
        .into_iter()
        .filter(|d| weekdays.contains(&d.weekday()))
        .max()
}

#[cfg(test)]
mod tests;
