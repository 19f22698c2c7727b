//! Date expressions as the grammar reads them, and their resolution against the
//! publication date.

use crate::calendar::{
    Cal, Rel, gregorian_to_hijri, hijri_to_gregorian, month_end, shift_days, shift_months,
    weekday_near,
};
use crate::model::{DateValue, Precision};
use chrono::{Datelike, NaiveDate, Weekday};

/// A date expression before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    /// A complete calendar date, month or year.
    Abs(Cal, DateValue),
    /// A day and month whose year the text leaves to the reader.
    DayMonth {
        day: u32,
        month: u32,
        year: YearRule,
    },
    /// A month whose year the text leaves to the reader.
    Month {
        month: u32,
        year: YearRule,
    },
    /// `15 من الشهر الجاري`: a day of the month `shift` months from publication.
    DayOfMonth {
        day: u32,
        shift: i64,
    },
    /// Today, yesterday, tomorrow, optionally with the weekday named.
    Day {
        offset: i64,
        weekday: Option<Weekday>,
    },
    Weekday {
        weekday: Weekday,
        rel: Option<Rel>,
    },
    /// `الشهر الماضي` (month) or `العام المقبل` (year): a shift from publication.
    Period {
        year: bool,
        shift: i64,
    },
    /// `في العام نفسه`, `ذلك العام`: the year the text named last.
    NamedYear,
    /// The last day of the inner month- or year-precision expression.
    End(Box<Expr>),
    /// The year of the inner expression (`الصيف الماضي`: the year of last June).
    YearOf(Box<Expr>),
    /// `مساء الثلاثاء 4 يناير 2022`: a weekday beside the date it names. `today`
    /// when written `اليوم الثلاثاء ...`, which dates the article itself.
    Dated {
        weekday: Weekday,
        today: bool,
        date: Box<Expr>,
    },
    /// `قبل يومين`: an offset back from publication.
    Ago {
        amount: i64,
        unit: Unit,
    },
    /// A Hijri month (`شهر رمضان`, `رمضان المقبل`) or day (`العاشر من ذي
    /// الحجة`, `غرة شوال`) without its year: the occurrence `year` picks around
    /// publication; the value stays in the Hijri calendar.
    HijriNear {
        month: u32,
        day: Option<u32>,
        year: YearRule,
    },
    /// `منذ 23 عاما` measuring how long a state has lasted: read so that no
    /// part of it is taken for a date, and never a mention.
    Duration,
    /// `بعد يومين من مقتل`: an offset from another date of the same sentence.
    Anchored {
        amount: i64,
        unit: Unit,
    },
}

/// How to pick the year of a day or month written without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearRule {
    /// The nearest occurrence: for a day, the closest (earlier on a tie); for a
    /// month, the latest up to publication, or the next from it when the
    /// sentence speaks of the future.
    Near,
    /// `منذ 7 أكتوبر`: the latest occurrence up to publication.
    Since,
    /// `يناير الماضي`, `5 فبراير المقبل`: before or after publication.
    Rel(Rel),
    /// `مارس من العام الماضي`: the publication year shifted.
    Shift(i32),
    /// `26 مارس من ذلك العام`: the year the text named last.
    Named,
}

/// The unit of a counted offset (`ثلاثة أيام`, `عامين`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Resolves an expression; `None` when it needs a publication date it lacks.
/// `future` says the words around it speak of the future.
#[must_use]
pub(super) fn resolve(
    expr: &Expr,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<DateValue> {
    match expr {
        Expr::Abs(_, v) => Some(*v),
        Expr::DayMonth { day, month, year } => {
            let rule = match year {
                // `على أن يجرى الاقتراع في 10 ديسمبر`: the next one.
                YearRule::Near if future => YearRule::Rel(Rel::Next),
                rule => *rule,
            };
            day_month(published?, *day, *month, rule, None).map(DateValue::day)
        }
        Expr::NamedYear | Expr::Duration => None,
        Expr::Month { month, year } => {
            let p = published?;
            let y = match year {
                YearRule::Named => return None,
                YearRule::Shift(s) => p.year().checked_add(*s)?,
                YearRule::Rel(Rel::Current) => p.year(),
                YearRule::Rel(Rel::Past) if *month < p.month() => p.year(),
                YearRule::Rel(Rel::Past) => p.year() - 1,
                YearRule::Rel(Rel::Next) if *month > p.month() => p.year(),
                YearRule::Rel(Rel::Next) => p.year() + 1,
                YearRule::Near if future && *month < p.month() => p.year() + 1,
                YearRule::Near if future => p.year(),
                YearRule::Near | YearRule::Since if *month <= p.month() => p.year(),
                YearRule::Near | YearRule::Since => p.year() - 1,
            };
            Some(DateValue::month(y, *month))
        }
        Expr::DayOfMonth { day, shift } => {
            let first = shift_months(published?.with_day(1)?, *shift)?;
            first.with_day(*day).map(DateValue::day)
        }
        Expr::Day { offset, .. } => shift_days(published?, *offset).map(DateValue::day),
        Expr::Weekday { weekday, rel } => {
            let p = published?;
            let date = match rel {
                Some(Rel::Past) => weekday_near(p, *weekday, false, false),
                Some(Rel::Next) => weekday_near(p, *weekday, true, false),
                None => weekday_near(p, *weekday, future, true),
                // `مباراة الأربعاء`: the nearest, the coming one on a tie.
                Some(Rel::Current) if future => weekday_near(p, *weekday, true, true),
                Some(Rel::Current) => {
                    let ahead = weekday_near(p, *weekday, true, true);
                    let back = weekday_near(p, *weekday, false, true);
                    if (ahead - p).num_days() <= (p - back).num_days() {
                        ahead
                    } else {
                        back
                    }
                }
            };
            Some(DateValue::day(date))
        }
        Expr::Period { year: true, shift } => Some(DateValue::year(
            published?.year() + i32::try_from(*shift).ok()?,
        )),
        Expr::Period { year: false, shift } => {
            let d = shift_months(published?.with_day(1)?, *shift)?;
            Some(DateValue::month(d.year(), d.month()))
        }
        Expr::End(inner) => {
            let v = resolve(inner, published, future)?;
            let end = month_end(v.year, v.month.unwrap_or(12))?;
            Some(DateValue::day(end))
        }
        Expr::YearOf(inner) => resolve(inner, published, future).map(|v| DateValue::year(v.year)),
        Expr::Dated { weekday, date, .. } => match **date {
            // The weekday tells which year a day without one falls in.
            Expr::DayMonth { day, month, year } => {
                day_month(published?, day, month, year, Some(*weekday)).map(DateValue::day)
            }
            ref inner => resolve(inner, published, future),
        },
        Expr::Ago { amount, unit } => shift(DateValue::day(published?), -amount, *unit),
        Expr::HijriNear { month, day, year } => hijri_near(published?, *month, *day, *year, future),
        Expr::Anchored { .. } => None,
    }
}

/// The Hijri year of `month` (and `day`) that `rule` picks around publication:
/// the last before it, the next after it, the current one, or the nearest (the
/// next still to come when the sentence speaks of the future).
fn hijri_near(
    p: NaiveDate,
    month: u32,
    day: Option<u32>,
    rule: YearRule,
    future: bool,
) -> Option<DateValue> {
    let (hy, hm, hd) = gregorian_to_hijri(p)?;
    let now = (hm, hd);
    let at = (month, day.unwrap_or(0));
    let before = if day.is_some() { at < now } else { month < hm };
    let after = if day.is_some() { at > now } else { month > hm };
    let year = match rule {
        YearRule::Rel(Rel::Past) => hy - i32::from(!before),
        YearRule::Rel(Rel::Next) => hy + i32::from(!after),
        YearRule::Rel(Rel::Current) | YearRule::Shift(0) => hy,
        YearRule::Shift(s) => hy + s,
        YearRule::Named => return None,
        YearRule::Since => hy - i32::from(after),
        YearRule::Near if future => hy + i32::from(before),
        YearRule::Near => {
            // Whichever occurrence is closer in days; the earlier on a tie.
            let start = |y: i32| hijri_to_gregorian(y, month, day.unwrap_or(1));
            let distance = |y: i32| start(y).map(|g| (g - p).num_days().abs());
            [hy - 1, hy, hy + 1]
                .into_iter()
                .filter_map(|y| distance(y).map(|d| (d, y)))
                .min()?
                .1
        }
    };
    Some(DateValue {
        year,
        month: Some(month),
        day,
    })
}

/// The day `day`/`month` in the year `rule` picks around publication `p`;
/// among near candidates, one falling on `weekday` when it is given.
fn day_month(
    p: NaiveDate,
    day: u32,
    month: u32,
    rule: YearRule,
    weekday: Option<Weekday>,
) -> Option<NaiveDate> {
    let this = |y: i32| NaiveDate::from_ymd_opt(y, month, day);
    match rule {
        YearRule::Named => None,
        YearRule::Shift(s) => this(p.year().checked_add(s)?),
        YearRule::Rel(Rel::Current) => this(p.year()),
        YearRule::Rel(Rel::Past) => this(p.year())
            .filter(|d| *d < p)
            .or_else(|| this(p.year() - 1)),
        YearRule::Rel(Rel::Next) => this(p.year())
            .filter(|d| *d > p)
            .or_else(|| this(p.year() + 1)),
        YearRule::Since => this(p.year())
            .filter(|d| *d <= p)
            .or_else(|| this(p.year() - 1)),
        YearRule::Near => {
            let candidates: Vec<NaiveDate> =
                (p.year() - 1..=p.year() + 1).filter_map(this).collect();
            let nearest = |ds: &[NaiveDate]| {
                ds.iter()
                    .copied()
                    .min_by_key(|d| ((*d - p).num_days().abs(), *d > p))
            };
            let on_weekday: Vec<NaiveDate> = candidates
                .iter()
                .copied()
                .filter(|d| Some(d.weekday()) == weekday)
                .collect();
            nearest(&on_weekday).or_else(|| nearest(&candidates))
        }
    }
}

/// Whether [`resolve`] reads its `future` flag for the expression: a month or
/// weekday written alone, or one inside a wider expression.
#[must_use]
pub(super) fn uses_future(expr: &Expr) -> bool {
    match expr {
        Expr::Month {
            year: YearRule::Near,
            ..
        }
        | Expr::DayMonth {
            year: YearRule::Near,
            ..
        }
        | Expr::Weekday {
            rel: None | Some(Rel::Current),
            ..
        } => true,
        Expr::End(inner) | Expr::YearOf(inner) => uses_future(inner),
        Expr::Dated { date, .. } => !matches!(**date, Expr::DayMonth { .. }) && uses_future(date),
        _ => false,
    }
}

/// Whether the expression takes its year from the year the text named last.
#[must_use]
pub(super) fn needs_named_year(expr: &Expr) -> bool {
    match expr {
        Expr::NamedYear
        | Expr::DayMonth {
            year: YearRule::Named,
            ..
        }
        | Expr::Month {
            year: YearRule::Named,
            ..
        } => true,
        Expr::Dated { date, .. } | Expr::End(date) => needs_named_year(date),
        _ => false,
    }
}

/// A day or month written without a year or a word that places it (`في 14
/// مارس`, `أبريل`): the year of the passage it sits in, when the passage states one.
#[must_use]
pub(super) fn takes_passage_year(expr: &Expr) -> bool {
    match expr {
        Expr::DayMonth {
            year: YearRule::Near,
            ..
        }
        | Expr::Month {
            year: YearRule::Near,
            ..
        } => true,
        Expr::Dated { date, .. } | Expr::End(date) => takes_passage_year(date),
        _ => false,
    }
}

/// Whether the expression is a day and month whose year is the nearest one.
#[must_use]
pub(super) fn is_day_month(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::DayMonth {
            year: YearRule::Near,
            ..
        }
    )
}

/// Whether the expression is a month whose year is the nearest one.
#[must_use]
pub(super) fn is_month(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Month {
            year: YearRule::Near,
            ..
        }
    )
}

/// The value of an expression that takes its year from the text, in `year`.
#[must_use]
pub(super) fn resolve_in_year(expr: &Expr, year: i32) -> Option<DateValue> {
    match expr {
        Expr::NamedYear => Some(DateValue::year(year)),
        Expr::DayMonth { day, month, .. } => {
            NaiveDate::from_ymd_opt(year, *month, *day).map(DateValue::day)
        }
        Expr::Month { month, .. } => Some(DateValue::month(year, *month)),
        Expr::Dated { date, .. } => resolve_in_year(date, year),
        Expr::End(inner) => {
            let v = resolve_in_year(inner, year)?;
            month_end(v.year, v.month.unwrap_or(12)).map(DateValue::day)
        }
        _ => None,
    }
}

/// `v` moved by `amount` units; a year shift keeps year precision.
#[must_use]
pub(super) fn shift(v: DateValue, amount: i64, unit: Unit) -> Option<DateValue> {
    match unit {
        Unit::Year => Some(DateValue::year(v.year + i32::try_from(amount).ok()?)),
        Unit::Month => {
            let d = NaiveDate::from_ymd_opt(v.year, v.month?, v.day.unwrap_or(1))?;
            let d = shift_months(d, amount)?;
            Some(if v.day.is_some() {
                DateValue::day(d)
            } else {
                DateValue::month(d.year(), d.month())
            })
        }
        Unit::Day => shift_days(v.as_date()?, amount).map(DateValue::day),
        Unit::Week => shift_days(v.as_date()?, amount.checked_mul(7)?).map(DateValue::day),
    }
}

#[must_use]
pub(super) fn precision_of(expr: &Expr) -> Precision {
    match expr {
        Expr::Abs(_, v) => v.precision(),
        Expr::Month { .. }
        | Expr::Period { year: false, .. }
        | Expr::HijriNear { day: None, .. } => Precision::Month,
        Expr::Period { year: true, .. }
        | Expr::NamedYear
        | Expr::YearOf(_)
        | Expr::Ago {
            unit: Unit::Year, ..
        } => Precision::Year,
        Expr::Dated { date, .. } => precision_of(date),
        _ => Precision::Day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn bare_months_look_back_unless_the_future_is_spoken_of() {
        let p = Some(ymd(2024, 3, 15));
        let jan = Expr::Month {
            month: 1,
            year: YearRule::Near,
        };
        let oct = Expr::Month {
            month: 10,
            year: YearRule::Near,
        };
        let mar = Expr::Month {
            month: 3,
            year: YearRule::Near,
        };
        assert_eq!(resolve(&jan, p, false), Some(DateValue::month(2024, 1)));
        assert_eq!(resolve(&oct, p, false), Some(DateValue::month(2023, 10)));
        assert_eq!(resolve(&mar, p, false), Some(DateValue::month(2024, 3)));
        assert_eq!(resolve(&jan, p, true), Some(DateValue::month(2025, 1)));
        assert_eq!(resolve(&mar, p, true), Some(DateValue::month(2024, 3)));
    }

    #[test]
    fn a_weekday_picks_the_year_of_a_day_without_one() {
        // 3 March 2018 was a Saturday; 3 March 2019 a Sunday.
        let p = ymd(2018, 9, 20);
        assert_eq!(
            day_month(p, 3, 3, YearRule::Near, Some(Weekday::Sat)),
            Some(ymd(2018, 3, 3))
        );
        assert_eq!(
            day_month(p, 3, 3, YearRule::Near, Some(Weekday::Sun)),
            Some(ymd(2019, 3, 3))
        );
    }
}
