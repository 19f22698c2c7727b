//! Parts of a year named by order or by season: `الربع الثالث من 2024`,
//! `النصف الأول من العام`, `الربيع الماضي`.
//!
//! A part is dated by its year, as `مطلع العام` is: a quarter is not its first
//! month. The mention is the year phrase (`2024`, `العام الجاري`), or for a
//! season the whole phrase. A week has no precision of its own, so
//! `الأسبوع الماضي` is left out rather than pinned to a day it does not name.

use super::grammar::Scan;
use super::resolve::{Expr, YearRule};
use crate::calendar::Cal;
use crate::model::DateValue;

/// Quarters (`الفصل` in Gulf usage) and halves, with the ordinals each takes.
const QUARTERS: &[&str] = &[
    "الربع",
    "بالربع",
    "والربع",
    "للربع",
    "الفصل",
    "بالفصل",
    "والفصل",
    "للفصل",
];
const HALVES: &[&str] = &["النصف", "بالنصف", "والنصف", "للنصف"];
const QUARTER_ORDINALS: &[&str] = &["الاول", "الثاني", "الثالث", "الرابع", "الاخير"];
const HALF_ORDINALS: &[&str] = &["الاول", "الثاني", "الاخير"];

/// Seasons with the month that stands for each when a relative word picks its
/// year (`الصيف الماضي`). Winter counts as the year of its January.
const SEASONS: &[(&str, u32)] = &[
    ("الربيع", 3),
    ("الصيف", 6),
    ("الخريف", 9),
    ("الشتاء", 1),
    ("الشتا", 1),
];

/// Seasons in the construct state, before their year (`صيف 2016`).
const SEASONS_OF: &[&str] = &["ربيع", "صيف", "خريف", "شتاء", "شتا"];

/// Words that may open a season; the scan tries the pattern only there.
pub(super) fn opens_part(w: &str) -> bool {
    SEASONS.iter().any(|(s, _)| *s == w) || SEASONS_OF.contains(&w) || w == "فصل"
}

impl Scan<'_> {
    /// Whether a quarter or half of a year ends just before `i`
    /// (`الربع الثالث من` 2024): what follows is its year. The mention is the
    /// year alone, as with `الربع الثالث من العام الجاري`.
    pub(super) fn after_year_part(&self, i: usize) -> bool {
        let at = i.saturating_sub(usize::from(self.after(i, &["من"])));
        let Some(word) = at.checked_sub(2) else {
            return false;
        };
        let ordinals = if self.is(word, QUARTERS) {
            QUARTER_ORDINALS
        } else if self.is(word, HALVES) {
            HALF_ORDINALS
        } else {
            return false;
        };
        self.is(word + 1, ordinals)
    }

    /// `الربيع الماضي`, `فصل الشتاء المقبل`: the year of that season.
    pub(super) fn season(&self, i: usize) -> Option<(usize, Expr)> {
        let at = i + usize::from(self.is(i, &["فصل"]));
        let w = self.word(at)?;
        // `صيف 2016`, `صيف عام 2014`, `الصيف 2016`: the year.
        if SEASONS_OF.contains(&w) || SEASONS.iter().any(|(s, _)| *s == w) {
            let y = at + 1 + usize::from(self.is(at + 1, &["عام", "العام", "سنه"]));
            if let Some(year) = self.modern_year(y).filter(|_| !self.counted(y + 1)) {
                return Some((y + 1, Expr::Abs(Cal::Gregorian, DateValue::year(year))));
            }
        }
        let &(_, month) = SEASONS.iter().find(|(s, _)| *s == w)?;
        let rel = self.rel(at + 1)?;
        let inner = Expr::Month {
            month,
            year: YearRule::Rel(rel),
        };
        Some((at + 2, Expr::YearOf(Box::new(inner))))
    }
}
