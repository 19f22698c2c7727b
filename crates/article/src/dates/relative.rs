//! The relative forms of the grammar: day words (`أمس`, `اليوم الأربعاء`),
//! weekdays, a weekday beside its date, periods (`الشهر الماضي`) and counted
//! offsets (`قبل يومين`, `بعد يومين من مقتل`).

use super::grammar::{Scan, shift_of};
use super::resolve::{Expr, Unit};
use super::words::{STARTING_VERBS, WEEKDAY_LEADS, is_event_word, number_word};
use crate::calendar::{Cal, Rel, weekday_word};

/// Words after `اليوم` that make it some other day (`صباح اليوم التالي`).
const OTHER_DAY: &[&str] = &[
    "التالي",
    "السابق",
    "نفسه",
    "ذاته",
    "الاول",
    "الثاني",
    "الثالث",
    "الاخير",
    "الذي",
];

impl Scan<'_> {
    /// `اليوم الأربعاء`, `مساء اليوم`, `أمس`, `أمس الأول`, `أول أمس`, `غدا`, `بعد غد`.
    pub(super) fn day_word(&self, i: usize) -> Option<(usize, Expr)> {
        let led = self.is(i, WEEKDAY_LEADS);
        let j = if led { i + 1 } else { i };
        let (offset, next) = match self.word(j)? {
            // `صباح اليوم التالي` is the next day's morning, not today's.
            // `اعتبارا من اليوم`: from today on; `اليوم` alone is often "nowadays".
            "اليوم" | "واليوم"
                if self.word(j + 1).and_then(weekday_word).is_some()
                    || (led && !self.is(j + 1, OTHER_DAY))
                    || (!led
                        && self.after(j, &["من"])
                        && j >= 2
                        && self.is(j - 2, &["اعتبارا", "ابتداء", "بدءا", "ابتداءا"])) =>
            {
                (0, j + 1)
            }
            // `أعلنت الوزارة اليوم` is the day of publication, `العالم اليوم`
            // "nowadays": both are read, and the reading says which is certain.
            // Not `اليوم العالمي` (a named day), nor `هذا اليوم` or `حتى اليوم`.
            "اليوم" | "واليوم" if !led && self.bare_today(j) => (0, j + 1),
            "امس" | "وامس" | "الامس" | "البارحه" if self.is(j + 1, &["الاول"]) => {
                (-2, j + 2)
            }
            // `الأمس` alone is often "the past" (`حلفاء الأمس`).
            "الامس" if led => (-1, j + 1),
            "امس" | "وامس" | "البارحه" | "بالامس" | "وبالامس" => {
                (-1, j + 1)
            }
            // `الليلة الماضية`: last night, the evening before publication.
            "الليله" if self.is(j + 1, &["الماضيه"]) => (-1, j + 2),
            "اول" if self.is(j + 1, &["امس"]) => (-2, j + 2),
            "غدا" | "وغدا" => (1, j + 1),
            "الغد" if led || self.after_event(j) => (1, j + 1),
            // `يوم غد السبت`, `يوم غدٍ`: tomorrow.
            "غد" if led => (1, j + 1),
            "بعد" if self.is(j + 1, &["غد"]) => (2, j + 2),
            _ => return None,
        };
        let weekday = self.word(next).and_then(weekday_word);
        Some((
            next + usize::from(weekday.is_some()),
            Expr::Day { offset, weekday },
        ))
    }

    /// Whether `اليوم` at `j`, with no lead, may be a day: not followed by a
    /// word that makes it a named or another day, not after a word that makes
    /// it some day of a story or a stretch of time.
    fn bare_today(&self, j: usize) -> bool {
        const BEFORE: &[&str] = &[
            "هذا",
            "ذلك",
            "نفس",
            "ذات",
            "حتي",
            "الي",
            "لغايه",
            "منذ",
            "في",
        ];
        let named = self
            .word(j + 1)
            .is_some_and(|w| w.starts_with("ال") || w.starts_with("لل"));
        !named && !self.is(j + 1, OTHER_DAY) && !self.after(j, BEFORE)
    }

    /// `يوم الخميس`, `الأحد الماضي`, `مساء السبت`, and the wire style's bare
    /// weekday after a comma: `رفعت الحكومة، الجمعة، أسعار الوقود`.
    pub(super) fn weekday(&self, i: usize) -> Option<(usize, Expr)> {
        // `هذا الثلاثاء`: this week's, the nearest.
        if self.is(i, &["هذا"]) {
            let weekday = self.word(i + 1).and_then(weekday_word)?;
            return Some((
                i + 2,
                Expr::Weekday {
                    weekday,
                    rel: Some(Rel::Current),
                },
            ));
        }
        let led = self.is(i, WEEKDAY_LEADS);
        let at = if led { i + 1 } else { i };
        // `والجمعة، أعلنت سيول`: the weekday opening a clause after `و`.
        let weekday = self
            .word(at)
            .and_then(|w| weekday_word(w).or_else(|| w.strip_prefix('و').and_then(weekday_word)))?;
        // `ليل السبت الأحد`: the night from one day into the next, dated by the
        // day it begins on.
        let night = self.is(i, &["ليل", "ليله"])
            && self.word(at + 1).and_then(weekday_word) == Some(weekday.succ());
        if night {
            return Some((at + 2, Expr::Weekday { weekday, rel: None }));
        }
        if let Some(rel) = self.rel(at + 1) {
            return Some((
                at + 2,
                Expr::Weekday {
                    weekday,
                    rel: Some(rel),
                },
            ));
        }
        // Without a lead: after a comma or before reported speech (`قال الوزير
        // الخميس إن`), and the bare adverb of a reporting sentence (`أعلنت الشرطة
        // الثلاثاء مقتل`), unless the weekday names something (`صلاة الجمعة`,
        // `أمهات السبت`) or is the number two (`المترجمين الاثنين`).
        const REPORTED: &[&str] = &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"];
        let comma = usize::from(self.is(at + 1, &["،", ","]));
        let adverb = self.after(at, &["،", ","]) || self.is(at + 1 + comma, REPORTED);
        // `مباراة الأربعاء`, `لمحادثات يوم الجمعة`: the event of that day, the
        // nearest one, whichever side of publication it falls; so is a day
        // declared (`أن الثلاثاء هو أول أيام رمضان`, `أن غرة شوال هي الثلاثاء`).
        let declared = self.after(i, &["هو", "هي"]) || self.is(at + 1, &["هو", "هي"]);
        if self.after_event(i) || declared {
            return Some((
                at + 1,
                Expr::Weekday {
                    weekday,
                    rel: Some(Rel::Current),
                },
            ));
        }
        let bare = !led && self.bare_weekday(at, weekday);
        (led || adverb || bare).then_some((at + 1, Expr::Weekday { weekday, rel: None }))
    }

    /// Whether the word before `i` names an event a day word can date
    /// (`مباراة الأربعاء`, `مباراة الغد`).
    pub(super) fn after_event(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|p| self.word(p))
            .is_some_and(is_event_word)
    }

    /// A weekday standing alone as the adverb of its clause: not the second
    /// half of a name (`صلاة الجمعة`, `سوق الأحد`), not `الاثنين` as a number
    /// after a dual or plural (`الطرفين الاثنين`), not `الأحد` as "anyone".
    fn bare_weekday(&self, at: usize, weekday: chrono::Weekday) -> bool {
        // Nouns a weekday completes as a name or an institution.
        const NAMING: &[&str] = &[
            // `ساحة باب الأحد`: a gate, and the square named after it.
            "باب",
            "صلاه",
            "وصلاه",
            "لصلاه",
            "خطبه",
            "خطيب",
            "سوق",
            "امهات",
            "لامهات",
            "وامهات",
            "عطله",
            "عيد",
            "نهايه",
            "بعض",
            "احد",
            "اي",
            "كل",
        ];
        let Some(prev) = at.checked_sub(1).and_then(|p| self.word(p)) else {
            return true;
        };
        // `أحمد الخميس، رئيس الجمعية`: a surname in apposition (the wire
        // style's adverb has a comma on both sides, read above). A definite
        // noun has no surname: `شنتها السلطات الأحد، فقد`.
        let definite = ["ال", "وال", "بال", "لل", "فال"]
            .iter()
            .any(|p| prev.starts_with(p));
        if self.is(at + 1, &["،", ","]) && !definite {
            return false;
        }
        if NAMING.contains(&prev) {
            return false;
        }
        let numeral_two = weekday == chrono::Weekday::Mon
            && ["ين", "ان", "تين", "تان"].iter().any(|e| prev.ends_with(e));
        !numeral_two
    }

    /// A weekday beside the date it names is one mention of that date:
    /// `مساء الثلاثاء 4 يناير 2022`, `يوم السبت 3 مارس`, `الأحد، 5 يونيو`,
    /// `اليوم الأربعاء الموافق 29 ديسمبر`.
    pub(super) fn dated(&self, i: usize) -> Option<(usize, Expr)> {
        let led = self.is(i, WEEKDAY_LEADS);
        // `يومنا هذا السبت 29 رمضان`: this very day, with its date.
        let mut j = i + usize::from(led || self.is(i, &["هذا"]));
        let today = self.is(j, &["اليوم", "واليوم"]);
        // `يوم غد الخميس 1/10/1441هـ`: tomorrow, with its weekday and date.
        if today || self.is(j, &["امس", "وامس", "غدا", "وغدا"]) || (led && self.is(j, &["غد"]))
        {
            j += 1;
        }
        let weekday = self.word(j).and_then(weekday_word)?;
        j += 1;
        j += usize::from(self.is(j, &["،", ","]));
        // `الأحد في الثامن عشر من فبراير`, `السبت الذي صادف 25 أغسطس`.
        if self.is(j, &["الذي", "التي"]) && self.is(j + 1, &["صادف", "صادفت", "يوافق", "وافق"])
        {
            j += 2;
        } else {
            // `يوم الأحد تاريخ 17 ذو الحجة`, `الأحد بتاريخ 5 مايو`, the Iraqi
            // `الأحد المصادف 7 آذار`.
            j += usize::from(self.is(
                j,
                &["الموافق", "في", "تاريخ", "بتاريخ", "المصادف", "الموافقه"],
            ));
        }
        // `اليوم السبت (28 أيلول 2024)`: the date in brackets.
        j += usize::from(self.is(j, &["("]));
        let (next, date) = self.numeric(j).or_else(|| self.day_month(j))?;
        let is_day = match &date {
            Expr::Abs(_, v) => v.day.is_some(),
            Expr::DayMonth { .. } | Expr::DayOfMonth { .. } => true,
            _ => false,
        };
        is_day.then(|| {
            (
                next,
                Expr::Dated {
                    weekday,
                    today,
                    date: Box::new(date),
                },
            )
        })
    }

    /// `الشهر الماضي`, `العام المقبل`, `السنة الحالية`, `هذا العام`, `العام قبل الماضي`.
    pub(super) fn period(&self, i: usize) -> Option<(usize, Expr)> {
        const YEAR: &[&str] = &["العام", "السنه", "للعام", "بالعام", "والعام", "للسنه"];
        const MONTH: &[&str] = &["الشهر", "للشهر", "بالشهر", "والشهر"];
        if let Some(next) = self.that_year(i) {
            return Some((next, Expr::NamedYear));
        }
        if self.is(i, &["هذا", "هذه"]) {
            let year = if self.is(i + 1, &["العام", "السنه"]) {
                true
            } else if self.is(i + 1, &["الشهر"]) {
                false
            } else {
                return None;
            };
            return Some((i + 2, Expr::Period { year, shift: 0 }));
        }
        let year = if self.is(i, YEAR) {
            true
        } else if self.is(i, MONTH) {
            false
        } else {
            return None;
        };
        if self.is(i + 1, &["قبل"]) && self.rel(i + 2) == Some(Rel::Past) {
            return Some((i + 3, Expr::Period { year, shift: -2 }));
        }
        let shift = i64::from(shift_of(self.rel(i + 1)?));
        Some((i + 2, Expr::Period { year, shift }))
    }

    /// `بعد يومين من مقتل` (anchored), `قبل ثلاثة أيام`, `منذ عامين` (from publication).
    pub(super) fn offset(&self, i: usize) -> Option<(usize, Expr)> {
        // `في مثل هذا اليوم قبل عشر سنوات`: the same day, so many years back.
        if self.is(i, &["مثل", "ومثل"])
            && self.is(i + 1, &["هذا"])
            && self.is(i + 2, &["اليوم"])
            && self.is(i + 3, &["قبل"])
        {
            let (amount, unit, next) = self.amount(i + 4)?;
            let (amount, unit) = match unit {
                Unit::Year => (amount.checked_mul(12)?, Unit::Month),
                other => (amount, other),
            };
            return Some((next, Expr::Ago { amount, unit }));
        }
        let before = self.is(i, &["قبل", "وقبل", "منذ", "ومنذ"]);
        if !before && !self.is(i, &["بعد", "وبعد"]) {
            return None;
        }
        let (amount, unit, next) = self.amount(i + 1)?;
        if self.is(next, &["من", "علي"]) && self.tok(next + 1).is_some_and(|t| t.num.is_none())
        {
            let amount = if before { -amount } else { amount };
            return Some((next + 2, Expr::Anchored { amount, unit }));
        }
        // `بعد يومين` alone counts from an event the text names elsewhere: leave it.
        if !before {
            return None;
        }
        // `المجهول منذ 23 عاما` says how long; `تأسست منذ عامين` when.
        if self.is(i, &["منذ", "ومنذ"]) && !self.starts_before(i) {
            return Some((next, Expr::Duration));
        }
        Some((next, Expr::Ago { amount, unit }))
    }

    /// Whether a verb of beginning or happening stands in the few words before
    /// `i`: `اندلعت الحرب منذ عامين` dates the start; without one, `منذ`
    /// and a count measure a duration.
    fn starts_before(&self, i: usize) -> bool {
        (1..=3).any(|back| {
            i.checked_sub(back)
                .and_then(|k| self.word(k))
                .is_some_and(|w| STARTING_VERBS.contains(&w.strip_prefix('و').unwrap_or(w)))
        })
    }

    /// `يومين`, `ثلاثة أيام`, `3 أسابيع`, `عامين`, `24 عاما`.
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
            // `قبل عام 2014` is a year, not "a year before"; `قبل شهر رمضان` a month.
            if self.num(i + 1).is_some() || self.month(i + 1).is_some() {
                return None;
            }
            // `قبل يوم واحد من`: the count said twice.
            let one = n == 1 && self.is(i + 1, &["واحد", "واحدا", "واحده"]);
            return Some((n, unit, i + 1 + usize::from(one)));
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

/// Whether the expression is written in the Hijri calendar.
#[must_use]
pub(super) fn is_hijri(expr: &Expr) -> bool {
    match expr {
        Expr::Abs(cal, _) => *cal == Cal::Hijri,
        Expr::HijriNear { .. } => true,
        Expr::Dated { date, .. } => is_hijri(date),
        _ => false,
    }
}

/// Whether the expression is a weekday standing for its nearest day.
#[must_use]
pub(super) fn is_weekday(expr: &Expr) -> bool {
    matches!(expr, Expr::Weekday { rel: None, .. })
}
