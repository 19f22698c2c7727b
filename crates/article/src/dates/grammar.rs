//! The grammar over one sentence's tokens: the scan, the token tests every
//! pattern shares (days, month names, years), and the order patterns are tried
//! in. The patterns are in `absolute` (calendar forms) and `relative`.
//!
//! Every pattern reads a bounded number of tokens around where it starts (a
//! range's chained ends at most [`RANGE_REACH`] deep), so the scan's work per
//! token is constant whatever the sentence.

use super::resolve::{Expr, YearRule};
use super::tokens::{Tok, tokenize};
use super::words::{
    END_WORDS, PART_WORDS, WEEKDAY_LEADS, YEAR_WORDS, is_quantity_word, ordinal_tens, ordinal_unit,
};
use crate::calendar::{Cal, MONTHS, Rel, rel_word, weekday_word};
use std::cell::Cell;

/// One expression found, with its byte span in the sentence.
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

/// How many ends of a chained range (`5 مارس و6 مارس و7 مارس 2023`) a day looks
/// through for the year they share. Real text chains two or three; the bound
/// keeps a line of nothing but dates from sending every token to its end.
pub(super) const RANGE_REACH: usize = 4;

/// Every date expression of a text, left to right, never overlapping.
#[must_use]
pub(super) fn find(text: &str) -> Vec<Found> {
    find_counting(text, &mut 0)
}

/// [`find`], adding the number of tokens the grammar read to `reads`.
#[must_use]
pub(super) fn find_counting(text: &str, reads: &mut u64) -> Vec<Found> {
    let toks = tokenize(text);
    let scan = Scan {
        toks: &toks,
        reads: Cell::new(0),
    };
    let mut out: Vec<Found> = Vec::new();
    // The token after the last expression found.
    let mut last_next = 0;
    let mut i = 0;
    while i < toks.len() {
        match scan.at(i) {
            Some((next, Expr::Duration)) if next > i => i = next,
            Some((next, expr)) if next > i => {
                let end = toks[next - 1].end;
                let joined = out
                    .last()
                    .filter(|_| last_next > 0)
                    .and_then(|prev| equivalent(&prev.expr, &toks[last_next..i], &expr));
                match joined {
                    Some(gregorian) => {
                        let prev = out.last_mut().expect("joined to the last one");
                        prev.end = end;
                        prev.expr = gregorian;
                    }
                    None => out.push(Found {
                        start: toks[i].start,
                        end,
                        expr,
                    }),
                }
                last_next = next;
                i = next;
            }
            _ => i += 1,
        }
    }
    *reads += scan.reads.get();
    out
}

/// `29 رمضان 1435هـ الموافق 26 يوليو 2014م`, `غرة شوال (21 أبريل 2023)`: a
/// Hijri day and its Gregorian equivalent, in either order, are one mention of
/// the Gregorian day, when only `الموافق`, a bracket or a comma stands between.
fn equivalent(prev: &Expr, between: &[Tok], next: &Expr) -> Option<Expr> {
    const BRIDGE: &[&str] = &[
        "الموافق",
        "الموافقه",
        "م",
        "،",
        ",",
        "(",
        "ل",
        "هـ",
        "-",
        "/",
    ];
    let said = between
        .iter()
        .any(|t| matches!(t.norm.as_str(), "الموافق" | "الموافقه" | "("));
    if !said || between.len() > 4 || !between.iter().all(|t| BRIDGE.contains(&t.norm.as_str())) {
        return None;
    }
    let gregorian_day = |e: &Expr| {
        !super::relative::is_hijri(e)
            && super::resolve::precision_of(e) == crate::model::Precision::Day
    };
    let hijri_day = |e: &Expr| {
        super::relative::is_hijri(e)
            && super::resolve::precision_of(e) == crate::model::Precision::Day
    };
    if hijri_day(prev) && gregorian_day(next) {
        Some(next.clone())
    } else if gregorian_day(prev) && hijri_day(next) {
        Some(prev.clone())
    } else {
        None
    }
}

/// A month name as found: where the next token is, and how sure it is a month.
pub(super) struct MonthAt {
    pub month: u32,
    pub cal: Cal,
    /// Also an ordinary word (`مارس`, `آب`).
    pub ambiguous: bool,
    /// Written with a clitic (`ليناير`).
    pub clitic: bool,
    /// Introduced by `شهر`, which makes even an ambiguous name a month.
    pub named: bool,
    pub next: usize,
}

/// What follows a month to give its year.
pub(super) enum YearAfter {
    /// `2020`, `عام 2020`, `من عام 2020`, `1443 هـ` (hijri).
    Year(i32, bool),
    /// `من العام الماضي` (shifted from publication), `من ذلك العام` (named last).
    Rule(YearRule),
}

/// The grammar over one sentence's tokens.
pub(super) struct Scan<'a> {
    toks: &'a [Tok],
    /// How many times a pattern read a token: the measure of the scan's work.
    reads: Cell<u64>,
}

impl Scan<'_> {
    /// Token `i`; every pattern reads tokens through here.
    pub(super) fn tok(&self, i: usize) -> Option<&Tok> {
        self.reads.set(self.reads.get() + 1);
        self.toks.get(i)
    }

    pub(super) fn word(&self, i: usize) -> Option<&str> {
        self.tok(i).map(|t| t.norm.as_str())
    }

    pub(super) fn is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.contains(&w))
    }

    /// Whether token `i - 1` is one of `words` (false at the start).
    pub(super) fn after(&self, i: usize, words: &[&str]) -> bool {
        i.checked_sub(1).is_some_and(|p| self.is(p, words))
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        self.tok(i).and_then(|t| t.num.map(|n| (n, t.digits)))
    }

    /// Whether tokens `i` and `i + 1` touch (`الـ31`, `12/3`).
    pub(super) fn touching(&self, i: usize) -> bool {
        match (self.tok(i), self.tok(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn rel(&self, i: usize) -> Option<Rel> {
        self.word(i).and_then(rel_word)
    }

    pub(super) fn day_number(&self, i: usize) -> Option<u32> {
        self.num(i)
            .filter(|&(n, d)| d <= 2 && (1..=31).contains(&n))
            .map(|(n, _)| n)
    }

    pub(super) fn year(&self, i: usize) -> Option<i32> {
        self.num(i)
            .filter(|&(_, d)| d == 4)
            .and_then(|(n, _)| i32::try_from(n).ok())
    }

    /// A plausible Gregorian year at `i`.
    pub(super) fn modern_year(&self, i: usize) -> Option<i32> {
        self.year(i).filter(|y| (1900..=2100).contains(y))
    }

    /// Whether a number ending before `i` counts something (`2000 دولار`,
    /// `بين 1950 و2000 دولار`, `30%`). A short number after `و` starts a new
    /// figure: `ديسمبر 2017 و3% في يناير`.
    pub(super) fn counted(&self, i: usize) -> bool {
        self.word(i).is_some_and(is_quantity_word)
            || (self.is(i, &["و", "الي", "-"])
                && self.num(i + 1).is_some_and(|(_, digits)| digits >= 3)
                && self.word(i + 2).is_some_and(is_quantity_word))
    }

    /// A day: `5`, `الـ31`, `الحادي عشر`. Returns (day, is an ordinal word, next).
    pub(super) fn day_at(&self, i: usize) -> Option<(u32, bool, usize)> {
        // `غرة شهر رمضان`, `أول أيام شهر ذي الحجة`: the first day of the month.
        if self.is(i, &["غره", "وغره", "بغره"]) {
            return Some((1, false, i + 1));
        }
        if self.is(i, &["اول", "واول"]) && self.is(i + 1, &["ايام"]) {
            return Some((1, false, i + 2));
        }
        if self.is(i, &["ال"]) && self.touching(i) {
            return self.day_number(i + 1).map(|d| (d, false, i + 2));
        }
        if let Some(d) = self.day_number(i) {
            return Some((d, false, i + 1));
        }
        let w = self.word(i)?;
        let (unit, compound) = ordinal_unit(w)?;
        if compound {
            if let Some(tens) = self.word(i + 1).and_then(ordinal_tens) {
                let day = unit + tens;
                return (day <= 31).then_some((day, true, i + 2));
            }
            // `الحادي` and `الواحد` only open a compound.
            if matches!(w, "الحادي" | "الحاديه" | "الواحد") {
                return None;
            }
        }
        Some((unit, true, i + 1))
    }

    fn month_name(&self, i: usize) -> Option<MonthAt> {
        let tok = self.tok(i)?;
        if !tok.month {
            return None;
        }
        let clitic = tok.clitic;
        MONTHS.iter().find_map(|m| {
            let fits = m
                .words
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(i + k) == Some(*w));
            fits.then_some(MonthAt {
                month: m.month,
                cal: m.cal,
                ambiguous: m.ambiguous,
                clitic,
                named: false,
                next: i + m.words.len(),
            })
        })
    }

    /// A month, possibly after `شهر` and paired with its other name:
    /// `يناير/ كانون الثاني`, `يناير (كانون الثاني)`.
    pub(super) fn month(&self, i: usize) -> Option<MonthAt> {
        let named = self.is(
            i,
            &["شهر", "لشهر", "بشهر", "وشهر", "شهري", "بشهري", "لشهري"],
        ) && self.month_name(i + 1).is_some();
        let mut m = self.month_name(if named { i + 1 } else { i })?;
        m.named = named;
        // `فبراير شباط 2017`: the pair with nothing between.
        if let Some(m2) = self
            .month_name(m.next)
            .filter(|m2| m2.month == m.month && m2.cal == m.cal)
        {
            m.ambiguous = false;
            m.next = m2.next;
        } else if self.is(m.next, &["/", "-", "\\", "|"]) {
            if let Some(m2) = self.month_name(m.next + 1).filter(|m2| m2.month == m.month) {
                m.ambiguous = false;
                m.next = m2.next;
            }
        } else if self.is(m.next, &["("])
            && let Some(m2) = self.month_name(m.next + 1).filter(|m2| m2.month == m.month)
            && self.is(m2.next, &[")"])
        {
            m.ambiguous = false;
            m.next = m2.next + 1;
        }
        Some(m)
    }

    /// A year, with an optional era marker: (year, hijri?, next).
    pub(super) fn year_era(&self, i: usize) -> Option<(i32, bool, usize)> {
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

    /// The Hijri year written after a Hijri month and its epithets: `شهر رمضان
    /// المبارك لعام 1442 هجرية`, `شوال لهذا العام 1440هـ`: the year, and where
    /// it ends. The year is the month's, not a mention of its own.
    pub(super) fn hijri_year_after(&self, i: usize) -> Option<(i32, usize)> {
        const EPITHETS: &[&str] = &["المبارك", "الكريم", "المعظم", "الحرام", "الفضيل", "المكرم"];
        let mut k = i;
        while self.is(k, EPITHETS) {
            k += 1;
        }
        let at = if self.is(k, &["لهذا", "هذا", "من"]) && self.is(k + 1, &["العام", "السنه"])
        {
            k + 2
        } else if self.is(k, YEAR_WORDS) {
            k + 1
        } else {
            return None;
        };
        match self.year_era(at)? {
            (year, true, next) => Some((year, next)),
            // A year of the Hijri era needs no mark: `لعام 1441` is no Gregorian year.
            (year, false, next) if (1300..=1500).contains(&year) => Some((year, next)),
            _ => None,
        }
    }

    /// The year written after a month: `2020`, `عام 2020`, `من عام 2020`,
    /// `من العام الماضي`, `العام الماضي`, `من هذا العام`.
    pub(super) fn year_after(&self, i: usize) -> Option<(YearAfter, usize)> {
        let with_min = self.is(i, &["من"]);
        let w = if with_min { i + 1 } else { i };
        if let Some((shift, next)) = self.this_year(w) {
            return Some((YearAfter::Rule(YearRule::Shift(shift)), next));
        }
        if let Some(next) = self.that_year(w) {
            return Some((YearAfter::Rule(YearRule::Named), next));
        }
        if self.is(w, &["العام", "السنه"]) {
            // `نوفمبر من العام قبل الماضي`: two years back.
            if self.is(w + 1, &["قبل"]) && self.rel(w + 2) == Some(Rel::Past) {
                return Some((YearAfter::Rule(YearRule::Shift(-2)), w + 3));
            }
            if let Some(rel) = self.rel(w + 1) {
                return Some((YearAfter::Rule(YearRule::Shift(shift_of(rel))), w + 2));
            }
        }
        let at = if self.is(w, YEAR_WORDS) {
            w + 1
        } else if with_min {
            return None;
        } else {
            i
        };
        let (year, hijri, next) = self.year_era(at)?;
        (!self.counted(next)).then_some((YearAfter::Year(year, hijri), next))
    }

    /// `ذلك العام`, `العام نفسه`, `نفس العام`: the year the text named last.
    pub(super) fn that_year(&self, i: usize) -> Option<usize> {
        const YEAR: &[&str] = &["العام", "السنه"];
        let (before, after) = (self.is(i + 1, YEAR), self.is(i, YEAR));
        if before && self.is(i, &["ذلك", "تلك", "نفس", "ذات"]) {
            return Some(i + 2);
        }
        (after && self.is(i + 1, &["نفسه", "نفسها", "ذاته", "ذاتها"])).then_some(i + 2)
    }

    /// `هذا العام`: the publication year (shift 0) at `i`.
    pub(super) fn this_year(&self, i: usize) -> Option<(i32, usize)> {
        (self.is(i, &["هذا", "هذه"]) && self.is(i + 1, &["العام", "السنه"])).then_some((0, i + 2))
    }

    /// Whether any pattern can start at `i`: most tokens are ordinary words, and
    /// this keeps the scan from trying every pattern on each of them.
    fn may_start(&self, i: usize) -> bool {
        const STARTS: &[&str] = &[
            "ال",
            "شهر",
            "لشهر",
            "بشهر",
            "وشهر",
            "شهري",
            "بشهري",
            "لشهري",
            "بالامس",
            "وبالامس",
            "الليله",
            "اليوم",
            "واليوم",
            "امس",
            "وامس",
            "الامس",
            "البارحه",
            "اول",
            "غدا",
            "وغدا",
            "الغد",
            "بعد",
            "وبعد",
            "قبل",
            "وقبل",
            "منذ",
            "ومنذ",
            "الشهر",
            "للشهر",
            "بالشهر",
            "والشهر",
            "بالعام",
            "والعام",
            "هذا",
            "هذه",
            "ذلك",
            "تلك",
            "نفس",
            "ذات",
            "غره",
            "وغره",
            "بغره",
            "واول",
            "مثل",
            "ومثل",
        ];
        let Some(tok) = self.tok(i) else {
            return false;
        };
        let w = tok.norm.as_str();
        tok.num.is_some()
            || [STARTS, YEAR_WORDS, PART_WORDS, END_WORDS, WEEKDAY_LEADS]
                .iter()
                .any(|list| list.contains(&w))
            || weekday_word(w.strip_prefix('و').unwrap_or(w)).is_some()
            || ordinal_unit(w).is_some()
            || super::parts::opens_part(w)
            || tok.month
    }

    pub(super) fn at(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.may_start(i) {
            return None;
        }
        self.numeric(i)
            .or_else(|| self.offset(i))
            .or_else(|| self.dated(i))
            .or_else(|| self.day_range(i))
            .or_else(|| self.day_month(i))
            .or_else(|| self.month_day_year(i))
            .or_else(|| self.month_only(i))
            .or_else(|| self.part_of(i))
            .or_else(|| self.season(i))
            .or_else(|| self.end_of(i))
            .or_else(|| self.year_expr(i))
            .or_else(|| self.bare_month(i))
            .or_else(|| self.day_word(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.period(i))
    }
}

/// The year or month shift a relative word means.
#[must_use]
pub(super) fn shift_of(rel: Rel) -> i32 {
    match rel {
        Rel::Current => 0,
        Rel::Past => -1,
        Rel::Next => 1,
    }
}
