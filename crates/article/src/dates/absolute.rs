//! The calendar forms of the grammar: numeric dates, days with months
//! (`5 يناير 2020`, `الرابع من يناير المقبل`, `15 من الشهر الجاري`), ranges,
//! months, years, and parts and ends of months and years.

use super::grammar::{RANGE_REACH, Scan, YearAfter, shift_of};
use super::resolve::{Expr, YearRule};
use super::words::{
    END_WORDS, MONTH_PREPOSITIONS, PART_WORDS, YEAR_PREPOSITIONS, YEAR_WORDS, is_occasion_word,
};
use crate::calendar::{Cal, Rel, hijri_year};
use crate::model::DateValue;
use chrono::NaiveDate;

/// Words joining the two ends of a range: `من 5 إلى 7 مارس`, `يومي 5 و6 مارس`.
const RANGE_WORDS: &[&str] = &["الي", "حتي", "و", "-", "–", "لغايه"];

impl Scan<'_> {
    /// `12/3/2023` (day first, the Arab convention), `2023/03/12`, `2023-03-12`.
    pub(super) fn numeric(&self, i: usize) -> Option<(usize, Expr)> {
        const SEPARATORS: &[&str] = &["/", "-", "."];
        const HIJRI_MARKS: &[&str] = &["ه", "هجري", "هجريه", "للهجره", "الهجري", "الهجريه"];
        let sep = self.word(i + 1).filter(|s| SEPARATORS.contains(s))?;
        // Saudi papers space a Hijri date's slashes: `21 / 4 / 1439هـ`.
        let hijri = self.is(i + 5, HIJRI_MARKS);
        let spaced_ok = hijri && sep == "/";
        if !((i..i + 4).all(|k| self.touching(k)) || spaced_ok) || self.word(i + 3) != Some(sep) {
            return None;
        }
        // Not a piece of a longer run (a phone number, a reference).
        let longer_before = i >= 2
            && self.touching(i - 1)
            && self.is(i - 1, SEPARATORS)
            && self.num(i - 2).is_some();
        let longer_after =
            self.touching(i + 4) && self.is(i + 5, SEPARATORS) && self.num(i + 6).is_some();
        if longer_before || longer_after {
            return None;
        }
        let ((a, da), (b, db), (c, dc)) = (self.num(i)?, self.num(i + 2)?, self.num(i + 4)?);
        let (year, month, day) = if da == 4 && db <= 2 && dc <= 2 {
            (a, b, c)
        } else if dc == 4 && da <= 2 && db <= 2 {
            // Day first unless only the other reading is a date (`3/25/2023`).
            if b > 12 && a <= 12 {
                (c, a, b)
            } else {
                (c, b, a)
            }
        } else {
            return None;
        };
        if hijri {
            let year = i32::try_from(year)
                .ok()
                .filter(|y| (1..=1600).contains(y))?;
            if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
                return None;
            }
            let value = DateValue {
                year,
                month: Some(month),
                day: Some(day),
            };
            return Some((i + 6, Expr::Abs(Cal::Hijri, value)));
        }
        let year = i32::try_from(year)
            .ok()
            .filter(|y| (1900..=2100).contains(y))?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some((i + 5, Expr::Abs(Cal::Gregorian, DateValue::day(date))))
    }

    /// `[الـ]31 [من] MONTH [YEAR | الماضي ...]`, `الرابع من يناير`, `15 من الشهر
    /// الجاري`, also `29 December 2021`.
    pub(super) fn day_month(&self, i: usize) -> Option<(usize, Expr)> {
        self.day_month_reaching(i, RANGE_REACH)
    }

    /// [`Self::day_month`], following at most `reach` chained range ends for a year.
    fn day_month_reaching(&self, i: usize, reach: usize) -> Option<(usize, Expr)> {
        let (day, ordinal, after_day) = self.day_at(i)?;
        let with_min = self.is(after_day, &["من"]);
        // An ordinal alone is no day (`الثاني` in `كانون الثاني`): `الرابع من يناير`.
        if ordinal && !with_min {
            return None;
        }
        let m_at = if with_min { after_day + 1 } else { after_day };
        if with_min && let Some((shift, next)) = self.month_period(m_at) {
            return Some((next, Expr::DayOfMonth { day, shift }));
        }
        let m = self.month(m_at)?;
        if let Some((year, next)) = self.year_after(m.next) {
            return match (year, m.cal) {
                (YearAfter::Year(year, hijri), cal) => {
                    let cal = if hijri { Cal::Hijri } else { cal };
                    let value = DateValue {
                        year: hijri_year(cal, hijri, year, m.month, day)?,
                        month: Some(m.month),
                        day: Some(day),
                    };
                    if cal == Cal::Gregorian {
                        value.as_date()?;
                    }
                    Some((next, Expr::Abs(cal, value)))
                }
                (YearAfter::Rule(rule), Cal::Gregorian) => {
                    NaiveDate::from_ymd_opt(2000, m.month, day)?;
                    Some((next, day_month(day, m.month, rule)))
                }
                (YearAfter::Rule(_), Cal::Hijri) => None,
            };
        }
        if m.cal == Cal::Hijri {
            if day > 30 {
                return None;
            }
            if let Some((year, next)) = self.hijri_year_after(m.next) {
                let value = DateValue {
                    year,
                    month: Some(m.month),
                    day: Some(day),
                };
                return Some((next, Expr::Abs(Cal::Hijri, value)));
            }
            let (next, year) = match self.rel(m.next) {
                Some(rel) => (m.next + 1, YearRule::Rel(rel)),
                None => (m.next, self.unnamed_year(i)),
            };
            let expr = Expr::HijriNear {
                month: m.month,
                day: Some(day),
                year,
            };
            return Some((next, expr));
        }
        NaiveDate::from_ymd_opt(2000, m.month, day)?; // a real day of that month (leap year)
        if let Some(rel) = self.rel(m.next) {
            return Some((m.next + 1, day_month(day, m.month, YearRule::Rel(rel))));
        }
        // A range's end names the year for both ends: `من 28 فبراير إلى 3 مارس 2023`.
        if reach > 0
            && self.is(m.next, RANGE_WORDS)
            && let Some((_, Expr::Abs(Cal::Gregorian, end))) =
                self.day_month_reaching(m.next + 1, reach - 1)
        {
            let year = if Some(m.month) <= end.month {
                end.year
            } else {
                end.year - 1
            };
            let date = NaiveDate::from_ymd_opt(year, m.month, day)?;
            return Some((m.next, Expr::Abs(Cal::Gregorian, DateValue::day(date))));
        }
        let rule = self.unnamed_year(i);
        Some((m.next, day_month(day, m.month, rule)))
    }

    /// `الشهر الجاري`, `الشهر الماضي`, `هذا الشهر` after a day: the month's shift.
    pub(super) fn month_period(&self, i: usize) -> Option<(i64, usize)> {
        if self.is(i, &["هذا"]) && self.is(i + 1, &["الشهر"]) {
            return Some((0, i + 2));
        }
        if !self.is(i, &["الشهر"]) {
            return None;
        }
        self.rel(i + 1).map(|rel| (i64::from(shift_of(rel)), i + 2))
    }

    /// The first day of a range: `5` in `من 5 إلى 7 مارس 2023` and `يومي 5 و6
    /// مارس`, with the month and year of the second. The second is found next.
    pub(super) fn day_range(&self, i: usize) -> Option<(usize, Expr)> {
        let (first, _, after) = self.day_at(i)?;
        if !self.is(after, RANGE_WORDS) {
            return None;
        }
        let (_, second) = self.day_month(after + 1)?;
        let expr = match second {
            Expr::Abs(cal, v) if v.day.is_some_and(|d| first < d) => {
                let v = DateValue {
                    day: Some(first),
                    ..v
                };
                if cal == Cal::Gregorian {
                    v.as_date()?;
                }
                Expr::Abs(cal, v)
            }
            Expr::DayMonth { day, month, year } if first < day => day_month(first, month, year),
            Expr::DayOfMonth { day, shift } if first < day => {
                Expr::DayOfMonth { day: first, shift }
            }
            _ => return None,
        };
        Some((after, expr))
    }

    /// `March 15, 2022`.
    pub(super) fn month_day_year(&self, i: usize) -> Option<(usize, Expr)> {
        let m = self.month(i).filter(|m| m.cal == Cal::Gregorian)?;
        let day = self.day_number(m.next)?;
        let y_at = if self.is(m.next + 1, &[","]) {
            m.next + 2
        } else {
            m.next + 1
        };
        let year = self.year(y_at)?;
        let value = DateValue {
            year,
            month: Some(m.month),
            day: Some(day),
        };
        value.as_date()?;
        Some((y_at + 1, Expr::Abs(Cal::Gregorian, value)))
    }

    /// `MONTH YEAR`, `MONTH من العام الماضي`, `MONTH الماضي`.
    pub(super) fn month_only(&self, i: usize) -> Option<(usize, Expr)> {
        let m = self.month(i)?;
        if let Some((year, next)) = self.year_after(m.next) {
            return match (year, m.cal) {
                (YearAfter::Year(year, hijri), cal) => {
                    let cal = if hijri { Cal::Hijri } else { cal };
                    let year = hijri_year(cal, hijri, year, m.month, 1)?;
                    Some((next, Expr::Abs(cal, DateValue::month(year, m.month))))
                }
                (YearAfter::Rule(rule), Cal::Gregorian) => Some((
                    next,
                    Expr::Month {
                        month: m.month,
                        year: rule,
                    },
                )),
                (YearAfter::Rule(_), Cal::Hijri) => None,
            };
        }
        // `بين نيسان/أبريل وكانون الأول/ديسمبر 2012`: the range's end names the
        // year for both.
        if m.cal == Cal::Gregorian
            && self.is(m.next, &["و", "الي", "حتي", "-"])
            && let Some(end) = self.month(m.next + 1).filter(|e| e.cal == Cal::Gregorian)
            && let Some((YearAfter::Year(year, false), _)) = self.year_after(end.next)
        {
            let year = if m.month <= end.month { year } else { year - 1 };
            return Some((
                m.next,
                Expr::Abs(Cal::Gregorian, DateValue::month(year, m.month)),
            ));
        }
        if m.cal == Cal::Hijri {
            if let Some((year, next)) = self.hijri_year_after(m.next) {
                return Some((next, Expr::Abs(Cal::Hijri, DateValue::month(year, m.month))));
            }
            // `رمضان المقبل`, `شهر رمضان الماضي`; a month alone is read only when
            // `شهر` or a preposition introduces it (`رمضان` is also a name).
            let rel = self.rel(m.next);
            let introduced = m.named || self.after(i, MONTH_PREPOSITIONS);
            if rel.is_none() && !introduced {
                return None;
            }
            let year = rel.map_or_else(|| self.unnamed_year(i), YearRule::Rel);
            let next = m.next + usize::from(rel.is_some());
            return Some((
                next,
                Expr::HijriNear {
                    month: m.month,
                    day: None,
                    year,
                },
            ));
        }
        // `مارس هذا` is "practised this": an ambiguous name needs a clearer word.
        let weak = m.ambiguous && !m.named && self.is(m.next, &["هذا", "هذه"]);
        let rel = self
            .rel(m.next)
            .filter(|_| m.cal == Cal::Gregorian && !weak)?;
        Some((
            m.next + 1,
            Expr::Month {
                month: m.month,
                year: YearRule::Rel(rel),
            },
        ))
    }

    /// A month name standing alone after a preposition: `وفي يناير`, `منذ أكتوبر`,
    /// `خلال شهر فبراير`.
    pub(super) fn bare_month(&self, i: usize) -> Option<(usize, Expr)> {
        let m = self.month(i)?;
        if m.cal != Cal::Gregorian || m.clitic {
            return None;
        }
        let introduced = m.named
            || self.after(i, MONTH_PREPOSITIONS)
            || (!m.ambiguous && self.after(i, &["من", "ومن"]));
        let year = self.unnamed_year(i);
        introduced.then_some((
            m.next,
            Expr::Month {
                month: m.month,
                year,
            },
        ))
    }

    /// The year of a day or month written without one at `i`: after `منذ`, the
    /// latest up to publication; else the nearest.
    fn unnamed_year(&self, i: usize) -> YearRule {
        if self.after(i, &["منذ", "ومنذ"]) {
            YearRule::Since
        } else {
            YearRule::Near
        }
    }

    /// What a part or end word names: a month (with or without its year), a year,
    /// `العام المقبل`, or the current month or year. `bare` picks the year of a
    /// month named alone.
    pub(super) fn span_after(&self, i: usize, bare: YearRule) -> Option<(usize, Expr)> {
        if let Some(found) = self
            .month_only(i)
            .or_else(|| self.period(i))
            .or_else(|| self.year_after_word(i))
        {
            return Some(found);
        }
        if let Some(year) = self.modern_year(i) {
            return (!self.counted(i + 1))
                .then(|| (i + 1, Expr::Abs(Cal::Gregorian, DateValue::year(year))));
        }
        // `منتصف العام الدراسي`, `نهاية الشهر الفضيل`: some other year or month.
        let qualified = self.word(i + 1).is_some_and(|w| w.starts_with("ال"));
        if qualified {
            return None;
        }
        if self.is(i, &["العام", "السنه"]) {
            return Some((
                i + 1,
                Expr::Period {
                    year: true,
                    shift: 0,
                },
            ));
        }
        if self.is(i, &["الشهر"]) {
            return Some((
                i + 1,
                Expr::Period {
                    year: false,
                    shift: 0,
                },
            ));
        }
        let m = self.month(i).filter(|m| !m.clitic)?;
        if m.cal == Cal::Hijri {
            // `منتصف شعبان`, `نهاية رمضان`: the month, its nearest occurrence.
            return Some((
                m.next,
                Expr::HijriNear {
                    month: m.month,
                    day: None,
                    year: YearRule::Near,
                },
            ));
        }
        Some((
            m.next,
            Expr::Month {
                month: m.month,
                year: bare,
            },
        ))
    }

    /// `منتصف مارس`, `أواخر 2019`, `مطلع الشهر المقبل`: the part keeps the
    /// precision of what it is part of.
    pub(super) fn part_of(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.is(i, PART_WORDS) {
            return None;
        }
        self.span_after(i + 1, self.unnamed_year(i))
    }

    /// `نهاية العام الجاري`, `نهاية الشهر`, `نهاية ديسمبر`, `نهاية 2019`: the last
    /// day. A month named alone is this year's: an end is mostly a deadline.
    pub(super) fn end_of(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.is(i, END_WORDS) {
            return None;
        }
        // `نهاية العام المالي 2025/2026`: fiscal years end when each country
        // says (30 June in Egypt), so only the year is sure.
        if self.is(i + 2, &["المالي"])
            && let Some((next, Expr::Abs(Cal::Gregorian, v))) = self.year_after_word(i + 1)
        {
            let pair = next >= 2 && self.fiscal_second_year(next - 2, v.year).is_some();
            let year = if pair { v.year + 1 } else { v.year };
            return Some((next, Expr::Abs(Cal::Gregorian, DateValue::year(year))));
        }
        let (next, inner) = self.span_after(i + 1, YearRule::Rel(Rel::Current))?;
        match inner {
            Expr::Abs(Cal::Hijri, _) => None,
            // A Hijri month's last day is not sure before the moon is seen.
            inner @ Expr::HijriNear { .. } => Some((next, inner)),
            inner => Some((next, Expr::End(Box::new(inner)))),
        }
    }

    /// `عام 2014`, `لسنة 2015`, `عامي 2019`.
    pub(super) fn year_after_word(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.is(i, YEAR_WORDS) {
            return None;
        }
        // `القانون رقم 12 لسنة 2015`: a law's number and year, not a date.
        let numbered = i.checked_sub(1).is_some_and(|p| self.num(p).is_some())
            || (self.after(i, &[")"]) && i >= 2 && self.num(i - 2).is_some());
        if numbered && self.is(i, &["لسنه", "لعام"]) {
            return None;
        }
        // `العام المالي 2024`, `العام الدراسي 2023`.
        let at = i + 1 + usize::from(self.is(i + 1, &["المالي", "الدراسي", "الجامعي"]));
        let (year, hijri, next) = self.year_era(at)?;
        let cal = if hijri { Cal::Hijri } else { Cal::Gregorian };
        // `العام المالي 2025/2026` begins in its first year; the span holds both.
        let next = match self.fiscal_second_year(next, year) {
            Some(_) if at > i + 1 => next + 2,
            _ => next,
        };
        Some((next, Expr::Abs(cal, DateValue::year(year))))
    }

    /// `(1935-2022)` after a name: a life's first and last years, the year at
    /// `i` and the one after the dash at `next`.
    fn life_span(&self, i: usize, next: usize) -> bool {
        self.after(i, &["("])
            && self.is(next, &["-", "–", "—"])
            && self.is(next + 2, &[")"])
            && self
                .year(i)
                .zip(self.modern_year(next + 1))
                .is_some_and(|(a, b)| a < b && b - a <= 120)
    }

    /// Whether the word before `i` names an occasion a year dates: `حرب
    /// 1967`, `انتخابات 2013`, `مونديال 2014`, `للفترة 2014`.
    fn after_occasion(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(is_occasion_word)
            || (i >= 2
                && self.is(i - 1, &["العالم"])
                && self
                    .word(i - 2)
                    .is_some_and(|w| ["كاس", "لكاس", "بكاس", "وكاس"].contains(&w)))
    }

    /// The `2026` of `2025/2026` (or `2025-2026`) when it follows `year` at `i`.
    fn fiscal_second_year(&self, i: usize, year: i32) -> Option<i32> {
        if !self.is(i, &["/", "-"]) {
            return None;
        }
        let second = self.year(i + 1)?;
        (second == year + 1).then_some(second)
    }

    /// Years: `عام 2014`, `1443 هـ`, bare years after a preposition (`منذ 2014`)
    /// and the second of a pair (`عامي 2019 و2020`, `بين 2010 و2015`).
    pub(super) fn year_expr(&self, i: usize) -> Option<(usize, Expr)> {
        if self.is(i, YEAR_WORDS) {
            return self.year_after_word(i);
        }
        // `خلال الـ2017`: the year with the article joined to it.
        if self.is(i, &["ال"]) && self.touching(i) && self.after(i, YEAR_PREPOSITIONS) {
            let year = self.modern_year(i + 1)?;
            return (!self.counted(i + 2))
                .then(|| (i + 2, Expr::Abs(Cal::Gregorian, DateValue::year(year))));
        }
        let (year, hijri, next) = self.year_era(i)?;
        if hijri {
            return Some((next, Expr::Abs(Cal::Hijri, DateValue::year(year))));
        }
        if !(1900..=2100).contains(&year) || self.counted(next) {
            return None;
        }
        let after_preposition = self.after(i, YEAR_PREPOSITIONS)
            || self.life_span(i, next)
            || self.after_year_part(i)
            || self.after_occasion(i);
        // `برشلونة 2009 و2011`: two years joined, with nothing counted after.
        let first_of_pair = self.is(next, &["و"])
            && self.modern_year(next + 1).is_some()
            && !self.counted(next + 2);
        // The first year was itself a date: it had a year word or a preposition.
        let second_of_pair = i >= 2
            && self.modern_year(i - 2).is_some()
            && (self.is(i - 1, &["و"])
                || (self.is(i - 1, &["الي", "حتي", "-"])
                    && i >= 3
                    && (self.is(i - 3, YEAR_WORDS)
                        || self.is(i - 3, YEAR_PREPOSITIONS)
                        || self.is(i - 3, &["من"])
                        || self.after_occasion(i - 2)
                        || self.life_span(i - 2, i - 1))));
        // `من 2004 وحتى عام 2008`.
        let first_of_range = self.after(i, &["من"])
            && self.is(next, &["الي", "حتي", "والي", "وحتي"])
            && (self.modern_year(next + 1).is_some()
                || (self.is(next + 1, YEAR_WORDS) && self.modern_year(next + 2).is_some()));
        (after_preposition || first_of_pair || second_of_pair || first_of_range)
            .then(|| (next, Expr::Abs(Cal::Gregorian, DateValue::year(year))))
    }
}

#[must_use]
fn day_month(day: u32, month: u32, year: YearRule) -> Expr {
    Expr::DayMonth { day, month, year }
}
