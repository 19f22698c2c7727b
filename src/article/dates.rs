//! Date expressions: found in each sentence, then resolved against the
//! publication date (relative words) or another date of the same sentence
//! (`بعد يومين من مقتل`). The grammar works on tokens of normalised text while
//! keeping byte spans, so each mention's `text` is the exact substring.

use super::calendar::{
    Cal, MONTHS, Rel, hijri_to_gregorian, month_end, rel_word, shift_days, shift_months,
    weekday_near, weekday_word,
};
use super::model::{Calendar, DateMention, DateValue, Precision, Sentence, Tweet};
use super::normalize::{fold_char, is_diacritic, is_word_char};
use chrono::{Datelike, NaiveDate, Weekday};

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    norm: String,
    num: Option<u32>,
    digits: usize,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut cur: Option<(Tok, bool)> = None; // (token, is_number)
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let folded = fold_char(c);
        let is_digit = folded.is_some_and(|f| f.is_ascii_digit());
        if is_word_char(c) {
            if let Some((tok, num)) = cur.as_mut() {
                // Letters and digits are separate tokens (`الـ31`, `2020م`); marks join either.
                if *num == is_digit || (folded.is_none() || is_diacritic(c)) {
                    tok.end = end;
                    if let Some(f) = folded {
                        tok.norm.push(f);
                    }
                    continue;
                }
                toks.push(cur.take().expect("checked").0);
            }
            let mut norm = String::new();
            norm.extend(folded);
            cur = Some((
                Tok {
                    start: i,
                    end,
                    norm,
                    num: None,
                    digits: 0,
                },
                is_digit,
            ));
        } else {
            toks.extend(cur.take().map(|(t, _)| t));
            if !c.is_whitespace() {
                toks.push(Tok {
                    start: i,
                    end,
                    norm: c.to_string(),
                    num: None,
                    digits: 0,
                });
            }
        }
    }
    toks.extend(cur.take().map(|(t, _)| t));
    for t in &mut toks {
        if !t.norm.is_empty() && t.norm.bytes().all(|b| b.is_ascii_digit()) {
            t.digits = t.norm.len();
            t.num = t.norm.parse().ok();
        }
    }
    toks
}

/// A date expression before resolution.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    /// A complete calendar date, month or year.
    Abs(Cal, DateValue),
    DayMonth {
        day: u32,
        month: u32,
        rel: Option<Rel>,
    },
    Month {
        month: u32,
        rel: Rel,
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
    /// The last day of the inner month- or year-precision expression.
    End(Box<Expr>),
    /// `قبل يومين`: an offset back from publication.
    Ago {
        amount: i64,
        unit: Unit,
    },
    /// `بعد يومين من مقتل`: an offset from another date of the same sentence.
    Anchored {
        amount: i64,
        unit: Unit,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

struct Found {
    start: usize,
    end: usize,
    expr: Expr,
}

/// The grammar over one sentence's tokens.
struct Scan<'a> {
    toks: &'a [Tok],
}

impl Scan<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i).map(|t| t.norm.as_str())
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.contains(&w))
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        self.toks.get(i).and_then(|t| t.num.map(|n| (n, t.digits)))
    }

    fn day(&self, i: usize) -> Option<u32> {
        self.num(i)
            .filter(|&(n, d)| d <= 2 && (1..=31).contains(&n))
            .map(|(n, _)| n)
    }

    fn year(&self, i: usize) -> Option<i32> {
        self.num(i)
            .filter(|&(_, d)| d == 4)
            .and_then(|(n, _)| i32::try_from(n).ok())
    }

    /// A month name at `i`: (month, calendar, ambiguous, next index).
    fn month_name(&self, i: usize) -> Option<(u32, Cal, bool, usize)> {
        MONTHS.iter().find_map(|m| {
            let fits = m
                .words
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(i + k) == Some(*w));
            fits.then_some((m.month, m.cal, m.ambiguous, i + m.words.len()))
        })
    }

    /// A month, possibly paired with its other name: `يناير/ كانون الثاني`,
    /// `يناير (كانون الثاني)`.
    fn month(&self, i: usize) -> Option<(u32, Cal, bool, usize)> {
        let i = if self.is(i, &["شهر", "لشهر", "بشهر"]) && self.month_name(i + 1).is_some()
        {
            i + 1
        } else {
            i
        };
        let (month, cal, ambiguous, mut next) = self.month_name(i)?;
        if self.is(next, &["/", "-", "\\", "|"]) {
            if let Some((m2, _, _, n2)) = self.month_name(next + 1) {
                if m2 == month {
                    return Some((month, cal, false, n2));
                }
            }
        } else if self.is(next, &["("]) {
            if let Some((m2, _, _, n2)) = self.month_name(next + 1) {
                if m2 == month && self.is(n2, &[")"]) {
                    next = n2 + 1;
                    return Some((month, cal, false, next));
                }
            }
        }
        Some((month, cal, ambiguous, next))
    }

    /// A year, with an optional era marker: returns (year, hijri?, next index).
    fn year_era(&self, i: usize) -> Option<(i32, bool, usize)> {
        let year = self.year(i)?;
        if self.is(
            i + 1,
            &["ه", "هجري", "هجريه", "للهجره", "الهجري", "الهجريه"],
        ) {
            return Some((year, true, i + 2));
        }
        if self.is(i + 1, &["م", "ميلادي", "ميلاديه", "للميلاد"]) {
            return Some((year, false, i + 2));
        }
        Some((year, false, i + 1))
    }

    fn rel(&self, i: usize) -> Option<Rel> {
        self.word(i).and_then(rel_word)
    }

    /// Whether any pattern can start at `i`: most tokens are ordinary words, and
    /// this keeps the scan from trying every pattern on each of them.
    fn may_start(&self, i: usize) -> bool {
        const STARTS: &[&str] = &[
            "ال",
            "شهر",
            "لشهر",
            "بشهر",
            "نهايه",
            "بنهايه",
            "لنهايه",
            "ونهايه",
            "اواخر",
            "ختام",
            "عام",
            "العام",
            "لعام",
            "بعام",
            "للعام",
            "وعام",
            "سنه",
            "السنه",
            "لسنه",
            "بسنه",
            "للسنه",
            "اليوم",
            "واليوم",
            "امس",
            "وامس",
            "الامس",
            "البارحه",
            "اول",
            "غدا",
            "وغدا",
            "بعد",
            "وبعد",
            "قبل",
            "وقبل",
            "منذ",
            "ومنذ",
            "يوم",
            "ويوم",
            "مساء",
            "صباح",
            "ليله",
            "فجر",
            "ظهر",
            "عصر",
            "الشهر",
            "للشهر",
            "بالشهر",
            "والشهر",
            "بالعام",
            "والعام",
        ];
        let Some(tok) = self.toks.get(i) else {
            return false;
        };
        tok.num.is_some()
            || STARTS.contains(&tok.norm.as_str())
            || weekday_word(&tok.norm).is_some()
            || MONTHS.iter().any(|m| m.words[0] == tok.norm)
    }

    fn at(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.may_start(i) {
            return None;
        }
        self.offset(i)
            .or_else(|| self.day_month(i))
            .or_else(|| self.month_day_year(i))
            .or_else(|| self.month_only(i))
            .or_else(|| self.end_of(i))
            .or_else(|| self.year_expr(i))
            .or_else(|| self.day_word(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.period(i))
    }

    /// `[الـ]31 [من] MONTH [YEAR | الجاري | الماضي | المقبل]`, also `29 December 2021`.
    fn day_month(&self, i: usize) -> Option<(usize, Expr)> {
        let (first, d) =
            if self.is(i, &["ال"]) && self.toks.get(i)?.end == self.toks.get(i + 1)?.start {
                (i + 1, self.day(i + 1)?)
            } else {
                (i, self.day(i)?)
            };
        let m_at = if self.is(first + 1, &["من"]) {
            first + 2
        } else {
            first + 1
        };
        let (month, cal, _, next) = self.month(m_at)?;
        if let Some((year, hijri, after)) = self.year_era(next) {
            let cal = if hijri { Cal::Hijri } else { cal };
            let value = DateValue {
                year,
                month: Some(month),
                day: Some(d),
            };
            if cal == Cal::Gregorian && value.as_date().is_none() {
                return None;
            }
            return Some((after, Expr::Abs(cal, value)));
        }
        if cal == Cal::Hijri {
            return None;
        }
        NaiveDate::from_ymd_opt(2000, month, d)?; // a real day of that month (leap year)
        match self.rel(next) {
            Some(rel) => Some((
                next + 1,
                Expr::DayMonth {
                    day: d,
                    month,
                    rel: Some(rel),
                },
            )),
            None => Some((
                next,
                Expr::DayMonth {
                    day: d,
                    month,
                    rel: None,
                },
            )),
        }
    }

    /// `December 29, 2021`.
    fn month_day_year(&self, i: usize) -> Option<(usize, Expr)> {
        let (month, Cal::Gregorian, _, next) = self.month(i)? else {
            return None;
        };
        let d = self.day(next)?;
        let y_at = if self.is(next + 1, &[","]) {
            next + 2
        } else {
            next + 1
        };
        let year = self.year(y_at)?;
        let value = DateValue {
            year,
            month: Some(month),
            day: Some(d),
        };
        value.as_date()?;
        Some((y_at + 1, Expr::Abs(Cal::Gregorian, value)))
    }

    /// `MONTH YEAR` or `MONTH الماضي`.
    fn month_only(&self, i: usize) -> Option<(usize, Expr)> {
        let named_month = self.is(i, &["شهر", "لشهر", "بشهر"]);
        let (month, cal, ambiguous, next) = self.month(i)?;
        if let Some((year, hijri, after)) = self.year_era(next) {
            let cal = if hijri { Cal::Hijri } else { cal };
            return Some((after, Expr::Abs(cal, DateValue::month(year, month))));
        }
        if cal == Cal::Gregorian && (!ambiguous || named_month) {
            if let Some(rel) = self.rel(next) {
                return Some((next + 1, Expr::Month { month, rel }));
            }
        }
        None
    }

    /// `نهاية العام الجاري`, `نهاية الشهر`, `نهاية ديسمبر`.
    fn end_of(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.is(i, &["نهايه", "بنهايه", "لنهايه", "ونهايه", "اواخر", "ختام"])
        {
            return None;
        }
        let (next, inner) = self
            .period(i + 1)
            .or_else(|| self.month_only(i + 1))
            .or_else(|| self.year_expr(i + 1))
            .or_else(|| {
                // `نهاية العام` / `نهاية الشهر` with no relative word: the current one.
                if self.is(i + 1, &["العام", "السنه"]) {
                    Some((
                        i + 2,
                        Expr::Period {
                            year: true,
                            shift: 0,
                        },
                    ))
                } else if self.is(i + 1, &["الشهر"]) {
                    Some((
                        i + 2,
                        Expr::Period {
                            year: false,
                            shift: 0,
                        },
                    ))
                } else {
                    let (month, Cal::Gregorian, false, n) = self.month(i + 1)? else {
                        return None;
                    };
                    Some((
                        n,
                        Expr::Month {
                            month,
                            rel: Rel::Current,
                        },
                    ))
                }
            })?;
        if matches!(inner, Expr::Abs(Cal::Hijri, _)) {
            return None;
        }
        Some((next, Expr::End(Box::new(inner))))
    }

    /// `عام 2014`, `1443 هـ`, bare years after a preposition (`منذ 2014`).
    fn year_expr(&self, i: usize) -> Option<(usize, Expr)> {
        const YEAR_WORDS: &[&str] = &[
            "عام",
            "العام",
            "لعام",
            "بعام",
            "للعام",
            "وعام",
            "سنه",
            "السنه",
            "لسنه",
            "بسنه",
            "للسنه",
        ];
        const PREPOSITIONS: &[&str] = &[
            "منذ",
            "ومنذ",
            "في",
            "وفي",
            "حتي",
            "وحتي",
            "خلال",
            "وخلال",
            "قبل",
            "بعد",
            "مطلع",
            "اواخر",
            "اوائل",
            "بحلول",
        ];
        if self.is(i, YEAR_WORDS) {
            let (year, hijri, next) = self.year_era(i + 1)?;
            let cal = if hijri { Cal::Hijri } else { Cal::Gregorian };
            return Some((next, Expr::Abs(cal, DateValue::year(year))));
        }
        let (year, hijri, next) = self.year_era(i)?;
        if hijri {
            return Some((next, Expr::Abs(Cal::Hijri, DateValue::year(year))));
        }
        let after_preposition = i > 0 && self.is(i - 1, PREPOSITIONS);
        let counted = self.toks.get(next).is_some_and(|t| t.norm == "%");
        ((1900..=2100).contains(&year) && after_preposition && !counted)
            .then(|| (next, Expr::Abs(Cal::Gregorian, DateValue::year(year))))
    }

    /// `اليوم الأربعاء`, `أمس`, `أمس الأول`, `أول أمس`, `غدا`, `بعد غد`.
    fn day_word(&self, i: usize) -> Option<(usize, Expr)> {
        let (offset, next) = match self.word(i)? {
            "اليوم" | "واليوم" if self.word(i + 1).and_then(weekday_word).is_some() => {
                (0, i + 1)
            }
            "امس" | "وامس" | "الامس" | "البارحه" if self.is(i + 1, &["الاول"]) => {
                (-2, i + 2)
            }
            "امس" | "وامس" | "البارحه" => (-1, i + 1),
            "اول" if self.is(i + 1, &["امس"]) => (-2, i + 2),
            "غدا" | "وغدا" => (1, i + 1),
            "بعد" if self.is(i + 1, &["غد"]) => (2, i + 2),
            _ => return None,
        };
        match self.word(next).and_then(weekday_word) {
            Some(weekday) => Some((
                next + 1,
                Expr::Day {
                    offset,
                    weekday: Some(weekday),
                },
            )),
            None => Some((
                next,
                Expr::Day {
                    offset,
                    weekday: None,
                },
            )),
        }
    }

    /// `يوم الخميس`, `الأحد الماضي`, `مساء السبت`.
    fn weekday(&self, i: usize) -> Option<(usize, Expr)> {
        const LEADS: &[&str] = &["يوم", "ويوم", "مساء", "صباح", "ليله", "فجر", "ظهر", "عصر"];
        let (at, led) = if self.is(i, LEADS) {
            (i + 1, true)
        } else {
            (i, false)
        };
        let weekday = self.word(at).and_then(weekday_word)?;
        match self.rel(at + 1) {
            Some(rel) => Some((
                at + 2,
                Expr::Weekday {
                    weekday,
                    rel: Some(rel),
                },
            )),
            None if led => Some((at + 1, Expr::Weekday { weekday, rel: None })),
            None => None,
        }
    }

    /// `الشهر الماضي`, `العام المقبل`, `السنة الحالية`.
    fn period(&self, i: usize) -> Option<(usize, Expr)> {
        let year = if self.is(i, &["العام", "السنه", "للعام", "بالعام", "والعام"])
        {
            true
        } else if self.is(i, &["الشهر", "للشهر", "بالشهر", "والشهر"]) {
            false
        } else {
            return None;
        };
        let shift = match self.rel(i + 1)? {
            Rel::Current => 0,
            Rel::Past => -1,
            Rel::Next => 1,
        };
        Some((i + 2, Expr::Period { year, shift }))
    }

    /// `بعد يومين من مقتل` (anchored), `قبل ثلاثة أيام`, `منذ عامين` (from publication).
    fn offset(&self, i: usize) -> Option<(usize, Expr)> {
        let before = self.is(i, &["قبل", "وقبل", "منذ", "ومنذ"]);
        if !before && !self.is(i, &["بعد", "وبعد"]) {
            return None;
        }
        let (amount, unit, next) = self.amount(i + 1)?;
        if self.is(next, &["من", "علي"]) && self.toks.get(next + 1).is_some_and(|t| t.num.is_none())
        {
            let amount = if before { -amount } else { amount };
            return Some((next + 2, Expr::Anchored { amount, unit }));
        }
        // `بعد يومين` alone counts from an event the text names elsewhere: leave it.
        before.then_some((next, Expr::Ago { amount, unit }))
    }

    /// `يومين`, `ثلاثة أيام`, `3 أسابيع`, `عامين`.
    fn amount(&self, i: usize) -> Option<(i64, Unit, usize)> {
        let dual = |w: &str| -> Option<(i64, Unit)> {
            Some(match w {
                "يوم" | "يوما" => (1, Unit::Day),
                "يومين" => (2, Unit::Day),
                "اسبوع" => (1, Unit::Week),
                "اسبوعين" => (2, Unit::Week),
                "شهر" => (1, Unit::Month),
                "شهرين" => (2, Unit::Month),
                "عام" | "سنه" => (1, Unit::Year),
                "عامين" | "سنتين" => (2, Unit::Year),
                _ => return None,
            })
        };
        let plural = |w: &str| -> Option<Unit> {
            Some(match w {
                "ايام" | "يوما" => Unit::Day,
                "اسابيع" | "اسبوعا" => Unit::Week,
                "اشهر" | "شهور" | "شهرا" => Unit::Month,
                "اعوام" | "سنوات" | "عاما" | "سنه" => Unit::Year,
                _ => return None,
            })
        };
        if let Some((n, unit)) = self.word(i).and_then(dual) {
            // `قبل عام 2014` is a year, not "a year before".
            if self.num(i + 1).is_some() {
                return None;
            }
            return Some((n, unit, i + 1));
        }
        let n = match (self.num(i), self.word(i)) {
            (Some((n, d)), _) if d <= 3 => i64::from(n),
            (_, Some(w)) => number_word(w)?,
            _ => return None,
        };
        let unit = self.word(i + 1).and_then(plural)?;
        Some((n, unit, i + 2))
    }
}

fn number_word(w: &str) -> Option<i64> {
    Some(match w {
        "ثلاثه" | "ثلاث" => 3,
        "اربعه" | "اربع" => 4,
        "خمسه" | "خمس" => 5,
        "سته" | "ست" => 6,
        "سبعه" | "سبع" => 7,
        "ثمانيه" | "ثماني" => 8,
        "تسعه" | "تسع" => 9,
        "عشره" | "عشر" => 10,
        _ => return None,
    })
}

fn find(text: &str) -> Vec<Found> {
    let toks = tokenize(text);
    let scan = Scan { toks: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match scan.at(i) {
            Some((next, expr)) if next > i => {
                out.push(Found {
                    start: toks[i].start,
                    end: toks[next - 1].end,
                    expr,
                });
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

/// Words in a sentence that point to the future (a bare weekday then means the next one).
fn speaks_of_future(text: &str) -> bool {
    super::normalize::words(text).iter().any(|w| {
        matches!(
            w.as_str(),
            "سوف" | "المقبل" | "المقبله" | "القادم" | "القادمه" | "غدا"
        )
    })
}

/// Resolves an expression; `None` when it needs a publication date it lacks.
fn resolve(expr: &Expr, published: Option<NaiveDate>, future: bool) -> Option<DateValue> {
    let pubd = published;
    match expr {
        Expr::Abs(Cal::Gregorian, v) => Some(*v),
        Expr::Abs(Cal::Hijri, v) => Some(*v),
        Expr::DayMonth { day, month, rel } => {
            let p = pubd?;
            let this = |y: i32| NaiveDate::from_ymd_opt(y, *month, *day);
            let date = match rel {
                Some(Rel::Current) => this(p.year()),
                Some(Rel::Past) => this(p.year())
                    .filter(|d| *d < p)
                    .or_else(|| this(p.year() - 1)),
                Some(Rel::Next) => this(p.year())
                    .filter(|d| *d > p)
                    .or_else(|| this(p.year() + 1)),
                None => [p.year() - 1, p.year(), p.year() + 1]
                    .into_iter()
                    .filter_map(this)
                    .min_by_key(|d| ((*d - p).num_days().abs(), *d > p)),
            }?;
            Some(DateValue::day(date))
        }
        Expr::Month { month, rel } => {
            let p = pubd?;
            let year = match rel {
                Rel::Current => p.year(),
                Rel::Past if *month < p.month() => p.year(),
                Rel::Past => p.year() - 1,
                Rel::Next if *month > p.month() => p.year(),
                Rel::Next => p.year() + 1,
            };
            Some(DateValue::month(year, *month))
        }
        Expr::Day { offset, .. } => shift_days(pubd?, *offset).map(DateValue::day),
        Expr::Weekday { weekday, rel } => {
            let p = pubd?;
            let date = match rel {
                Some(Rel::Past) => weekday_near(p, *weekday, false, false),
                Some(Rel::Next) => weekday_near(p, *weekday, true, false),
                Some(Rel::Current) | None => weekday_near(p, *weekday, future, true),
            };
            Some(DateValue::day(date))
        }
        Expr::Period { year: true, shift } => {
            Some(DateValue::year(pubd?.year() + i32::try_from(*shift).ok()?))
        }
        Expr::Period { year: false, shift } => {
            let d = shift_months(pubd?.with_day(1)?, *shift)?;
            Some(DateValue::month(d.year(), d.month()))
        }
        Expr::End(inner) => {
            let v = resolve(inner, published, future)?;
            let end = month_end(v.year, v.month.unwrap_or(12))?;
            Some(DateValue::day(end))
        }
        Expr::Ago { amount, unit } => shift(DateValue::day(pubd?), -amount, *unit),
        Expr::Anchored { .. } => None,
    }
}

fn shift(v: DateValue, amount: i64, unit: Unit) -> Option<DateValue> {
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
        Unit::Day | Unit::Week => {
            let days = if unit == Unit::Week {
                amount * 7
            } else {
                amount
            };
            shift_days(v.as_date()?, days).map(DateValue::day)
        }
    }
}

fn precision_of(expr: &Expr) -> Precision {
    match expr {
        Expr::Abs(_, v) => v.precision(),
        Expr::Month { .. } | Expr::Period { year: false, .. } => Precision::Month,
        Expr::Period { year: true, .. } => Precision::Year,
        Expr::Ago {
            unit: Unit::Year, ..
        } => Precision::Year,
        _ => Precision::Day,
    }
}

/// A text to scan, with where it sits in the article.
struct Unit_<'a> {
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
    for unit in units(sentences, tweets) {
        mentions_in(unit.text, unit.section, published, &mut out);
    }
    out
}

/// Body sentences and tweets (text, then attribution line) in reading order.
fn units<'a>(sentences: &'a [Sentence], tweets: &'a [Tweet]) -> Vec<Unit_<'a>> {
    let mut keyed: Vec<((usize, usize, u8, usize), Unit_<'a>)> = Vec::new();
    for (k, s) in sentences.iter().enumerate() {
        keyed.push((
            (s.section, s.paragraph, 1, k),
            Unit_ {
                text: &s.text,
                section: s.section,
            },
        ));
    }
    for (k, t) in tweets.iter().enumerate() {
        for (j, text) in super::sentences::split(&t.text)
            .into_iter()
            .chain([t.attribution.as_str()])
            .enumerate()
        {
            keyed.push((
                (t.section, t.position, 0, k * 1000 + j),
                Unit_ {
                    text,
                    section: t.section,
                },
            ));
        }
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, u)| u).collect()
}

fn mentions_in(
    text: &str,
    section: usize,
    published: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    let found = find(text);
    if found.is_empty() {
        return;
    }
    let future = speaks_of_future(text);
    let first = out.len();
    for f in &found {
        let (calendar, gregorian) = match &f.expr {
            Expr::Abs(Cal::Hijri, v) => (Calendar::Hijri, hijri_gregorian(*v)),
            _ => (Calendar::Gregorian, None),
        };
        out.push(DateMention {
            text: text[f.start..f.end].to_string(),
            date: resolve(&f.expr, published, future),
            precision: precision_of(&f.expr),
            calendar,
            gregorian,
            section,
            sentence: text.to_string(),
        });
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
        let base = (0..k)
            .rev()
            .find_map(anchor)
            .or_else(|| (k + 1..found.len()).find_map(anchor));
        let value = base.and_then(|b| shift(b, -amount, unit));
        let m = &mut out[first + k];
        m.date = value;
        m.precision = value.map_or(m.precision, |v| v.precision());
    }
}

fn hijri_gregorian(v: DateValue) -> Option<DateValue> {
    match (v.month, v.day) {
        (Some(m), Some(d)) => hijri_to_gregorian(v.year, m, d).map(DateValue::day),
        _ => hijri_to_gregorian(v.year, v.month.unwrap_or(1), 1).map(|d| DateValue::year(d.year())),
    }
}

/// The first complete Gregorian date in a short text (a tweet's attribution line).
#[must_use]
pub(crate) fn parse_absolute(text: &str) -> Option<NaiveDate> {
    find(text).into_iter().find_map(|f| match f.expr {
        Expr::Abs(Cal::Gregorian, v) => v.as_date(),
        _ => None,
    })
}

/// Infers the publication date: a sentence saying `اليوم <weekday>`, and a complete
/// date (a tweet's first) that falls on that weekday. The latest such date wins.
pub(crate) fn infer_published(sentences: &[Sentence], tweets: &[Tweet]) -> Option<NaiveDate> {
    let mut weekdays = Vec::new();
    let mut candidates: Vec<NaiveDate> = tweets.iter().filter_map(|t| t.date).collect();
    for s in sentences {
        for f in find(&s.text) {
            match f.expr {
                Expr::Day {
                    offset: 0,
                    weekday: Some(wd),
                } => weekdays.push(wd),
                Expr::Abs(Cal::Gregorian, v) => candidates.extend(v.as_date()),
                _ => {}
            }
        }
    }
    candidates
        .into_iter()
        .filter(|d| weekdays.contains(&d.weekday()))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let mut out = Vec::new();
        mentions_in(text, 0, p, &mut out);
        out.into_iter()
            .map(|m| (m.text, m.date.map(|d| d.to_string())))
            .collect()
    }

    fn pair(t: &str, d: &str) -> (String, Option<String>) {
        (t.to_string(), Some(d.to_string()))
    }

    #[test]
    fn day_month_forms() {
        assert_eq!(
            one("وفي 5 يناير/ كانون الثاني 2020، تبنى", "2021-12-29"),
            vec![pair("5 يناير/ كانون الثاني 2020", "2020-01-05")]
        );
        assert_eq!(
            one("بعد الـ31 من ديسمبر/كانون الأول الجاري", "2021-12-29"),
            vec![pair("الـ31 من ديسمبر/كانون الأول الجاري", "2021-12-31")]
        );
        assert_eq!(
            one("في 28 ديسمبر الماضي", "2022-01-03"),
            vec![pair("28 ديسمبر الماضي", "2021-12-28")]
        );
        assert_eq!(
            one("في ٥ فبراير المقبل", "2021-12-29"),
            vec![pair("٥ فبراير المقبل", "2022-02-05")]
        );
        assert_eq!(
            one("— Someone (@x) December 29, 2021", ""),
            vec![pair("December 29, 2021", "2021-12-29")]
        );
    }

    #[test]
    fn relative_words() {
        assert_eq!(
            one("أعلن اليوم الأربعاء", "2021-12-29"),
            vec![pair("اليوم الأربعاء", "2021-12-29")]
        );
        assert_eq!(
            one("قال أمس الأول", "2021-12-29"),
            vec![pair("أمس الأول", "2021-12-27")]
        );
        assert_eq!(
            one("التقى الأحد الماضي", "2021-12-29"),
            vec![pair("الأحد الماضي", "2021-12-26")]
        );
        assert_eq!(
            one("بحلول نهاية العام الجاري", "2021-12-29"),
            vec![pair("نهاية العام الجاري", "2021-12-31")]
        );
        assert_eq!(
            one("خلال الشهر الماضي", "2022-01-03"),
            vec![pair("الشهر الماضي", "2021-12")]
        );
    }

    #[test]
    fn anchored_offsets_and_non_dates() {
        assert_eq!(
            one(
                "وفي 5 يناير 2020، تبنى البرلمان قرارا، وذلك بعد يومين من مقتل القائد",
                "2021-12-29"
            ),
            vec![
                pair("5 يناير 2020", "2020-01-05"),
                pair("بعد يومين من مقتل", "2020-01-03")
            ]
        );
        assert!(one("ستحتفظ بنحو 2500 جندي و2014 آلية", "2021-12-29").is_empty());
        assert_eq!(
            one("منذ عام 2014 تقود", "2021-12-29"),
            vec![pair("عام 2014", "2014")]
        );
    }

    #[test]
    fn hijri_is_not_gregorian() {
        let p = NaiveDate::from_ymd_opt(2022, 4, 10);
        let mut out = Vec::new();
        mentions_in("في 15 رمضان 1443 هـ الموافق", 0, p, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].calendar, Calendar::Hijri);
        assert_eq!(out[0].date.unwrap().to_string(), "1443-09-15");
    }
}
