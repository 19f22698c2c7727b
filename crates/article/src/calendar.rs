//! Calendar vocabulary and arithmetic: month and weekday names in their Arabic,
//! English and French spellings, relative words, and Hijri to Gregorian conversion.
//! Every name is stored in its normalised form (see `normalize`).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cal {
    Gregorian,
    Hijri,
}

pub(crate) struct MonthName {
    pub words: &'static [&'static str],
    pub month: u32,
    pub cal: Cal,
    /// Also an ordinary word (آب "father", مارس "practised", صفر "zero"): only
    /// taken as a month next to a day number or a year.
    pub ambiguous: bool,
}

const fn g(words: &'static [&'static str], month: u32, ambiguous: bool) -> MonthName {
    MonthName {
        words,
        month,
        cal: Cal::Gregorian,
        ambiguous,
    }
}

const fn h(words: &'static [&'static str], month: u32, ambiguous: bool) -> MonthName {
    MonthName {
        words,
        month,
        cal: Cal::Hijri,
        ambiguous,
    }
}

// Longer names first, so `كانون الثاني` wins over a bare `كانون`.
pub(crate) const MONTHS: &[MonthName] = &[
    g(&["كانون", "الثاني"], 1, false),
    g(&["كانون", "الاول"], 12, false),
    g(&["تشرين", "الاول"], 10, false),
    g(&["تشرين", "الثاني"], 11, false),
    // `كانون ثاني`, `تشرين أول`: the same months without the article.
    g(&["كانون", "ثاني"], 1, false),
    g(&["كانون", "اول"], 12, false),
    g(&["تشرين", "اول"], 10, false),
    g(&["تشرين", "ثاني"], 11, false),
    h(&["ربيع", "الاول"], 3, false),
    h(&["ربيع", "الثاني"], 4, false),
    h(&["ربيع", "الاخر"], 4, false),
    h(&["جمادي", "الاولي"], 5, false),
    h(&["جمادي", "الاول"], 5, false),
    h(&["جمادي", "الاخره"], 6, false),
    h(&["جمادي", "الثانيه"], 6, false),
    h(&["جمادي", "الاخر"], 6, false),
    h(&["ذو", "القعده"], 11, false),
    h(&["ذي", "القعده"], 11, false),
    h(&["ذو", "الحجه"], 12, false),
    h(&["ذي", "الحجه"], 12, false),
    g(&["يناير"], 1, false),
    g(&["فبراير"], 2, false),
    g(&["مارس"], 3, true),
    g(&["ابريل"], 4, false),
    g(&["مايو"], 5, false),
    g(&["يونيو"], 6, false),
    g(&["يونيه"], 6, false),
    g(&["يوليو"], 7, false),
    g(&["يوليه"], 7, false),
    g(&["اغسطس"], 8, false),
    g(&["سبتمبر"], 9, false),
    g(&["اكتوبر"], 10, false),
    g(&["نوفمبر"], 11, false),
    g(&["ديسمبر"], 12, false),
    g(&["شباط"], 2, false),
    g(&["اذار"], 3, false),
    g(&["نيسان"], 4, false),
    g(&["ايار"], 5, false),
    g(&["حزيران"], 6, false),
    g(&["تموز"], 7, false),
    g(&["اب"], 8, true),
    g(&["ايلول"], 9, false),
    // `مايس`: May in the Iraqi tradition.
    g(&["مايس"], 5, false),
    // Maghrebi names.
    g(&["جانفي"], 1, false),
    g(&["فيفري"], 2, false),
    g(&["افريل"], 4, false),
    g(&["ماي"], 5, true),
    g(&["جوان"], 6, false),
    g(&["جويليه"], 7, false),
    g(&["اوت"], 8, false),
    // English and French.
    g(&["january"], 1, false),
    g(&["february"], 2, false),
    g(&["march"], 3, true),
    g(&["april"], 4, false),
    g(&["may"], 5, true),
    g(&["june"], 6, false),
    g(&["july"], 7, false),
    g(&["august"], 8, false),
    g(&["september"], 9, false),
    g(&["october"], 10, false),
    g(&["november"], 11, false),
    g(&["december"], 12, false),
    g(&["jan"], 1, true),
    g(&["feb"], 2, true),
    g(&["mar"], 3, true),
    g(&["apr"], 4, true),
    g(&["jun"], 6, true),
    g(&["jul"], 7, true),
    g(&["aug"], 8, true),
    g(&["sep"], 9, true),
    g(&["sept"], 9, true),
    g(&["oct"], 10, true),
    g(&["nov"], 11, true),
    g(&["dec"], 12, true),
    g(&["janvier"], 1, false),
    g(&["fevrier"], 2, false),
    g(&["février"], 2, false),
    g(&["mars"], 3, true),
    g(&["avril"], 4, false),
    g(&["mai"], 5, true),
    g(&["juin"], 6, false),
    g(&["juillet"], 7, false),
    g(&["aout"], 8, false),
    g(&["août"], 8, false),
    g(&["septembre"], 9, false),
    g(&["octobre"], 10, false),
    g(&["novembre"], 11, false),
    g(&["decembre"], 12, false),
    g(&["décembre"], 12, false),
    h(&["محرم"], 1, false),
    h(&["صفر"], 2, true),
    h(&["رجب"], 7, true),
    h(&["شعبان"], 8, false),
    h(&["رمضان"], 9, true),
    h(&["شوال"], 10, false),
];

/// The first word of every name in [`MONTHS`], in byte order: the grammar
/// asks of every token whether it may open a month name, and a binary search
/// answers in a few comparisons where a walk through the names takes dozens.
const MONTH_FIRST_WORDS: &[&str] = &[
    "aout",
    "août",
    "apr",
    "april",
    "aug",
    "august",
    "avril",
    "dec",
    "december",
    "decembre",
    "décembre",
    "feb",
    "february",
    "fevrier",
    "février",
    "jan",
    "january",
    "janvier",
    "juillet",
    "juin",
    "jul",
    "july",
    "jun",
    "june",
    "mai",
    "mar",
    "march",
    "mars",
    "may",
    "nov",
    "november",
    "novembre",
    "oct",
    "october",
    "octobre",
    "sep",
    "sept",
    "september",
    "septembre",
    "اب",
    "ابريل",
    "اذار",
    "اغسطس",
    "افريل",
    "اكتوبر",
    "اوت",
    "ايار",
    "ايلول",
    "تشرين",
    "تموز",
    "جانفي",
    "جمادي",
    "جوان",
    "جويليه",
    "حزيران",
    "ديسمبر",
    "ذو",
    "ذي",
    "ربيع",
    "رجب",
    "رمضان",
    "سبتمبر",
    "شباط",
    "شعبان",
    "شوال",
    "صفر",
    "فبراير",
    "فيفري",
    "كانون",
    "مارس",
    "ماي",
    "مايس",
    "مايو",
    "محرم",
    "نوفمبر",
    "نيسان",
    "يناير",
    "يوليه",
    "يوليو",
    "يونيه",
    "يونيو",
];

/// Whether `w` is the first word of a month name.
#[must_use]
pub(crate) fn opens_month_name(w: &str) -> bool {
    MONTH_FIRST_WORDS.binary_search(&w).is_ok()
}

/// Which way a relative word points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Current,
    Past,
    Next,
}

pub(crate) fn rel_word(w: &str) -> Option<Rel> {
    Some(match w {
        "الجاري" | "الجاريه" | "الحالي" | "الحاليه" | "هذا" => {
            Rel::Current
        }
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفائت" | "الفائته" | "السابق" => {
            Rel::Past
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" => Rel::Next,
        _ => return None,
    })
}

pub(crate) fn weekday_word(w: &str) -> Option<Weekday> {
    Some(match w {
        "الاحد" => Weekday::Sun,
        "الاثنين" | "الاتنين" => Weekday::Mon,
        "الثلاثاء" | "الثلاثا" => Weekday::Tue,
        "الاربعاء" | "الاربعا" => Weekday::Wed,
        "الخميس" => Weekday::Thu,
        "الجمعه" => Weekday::Fri,
        "السبت" => Weekday::Sat,
        _ => return None,
    })
}

/// The last day of a month.
pub(crate) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// `date` shifted by a signed number of days, months or years.
pub(crate) fn shift_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

pub(crate) fn shift_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months >= 0 {
        date.checked_add_months(m)
    } else {
        date.checked_sub_months(m)
    }
}

/// The weekday `wd` nearest `from` in the given direction; `inclusive` lets
/// `from` itself count.
pub(crate) fn weekday_near(
    from: NaiveDate,
    wd: Weekday,
    forward: bool,
    inclusive: bool,
) -> NaiveDate {
    let have = i64::from(from.weekday().num_days_from_sunday());
    let want = i64::from(wd.num_days_from_sunday());
    let mut delta = if forward {
        (want - have).rem_euclid(7)
    } else {
        -((have - want).rem_euclid(7))
    };
    if delta == 0 && !inclusive {
        delta = if forward { 7 } else { -7 };
    }
    shift_days(from, delta).unwrap_or(from)
}

/// The Gregorian day of a Hijri day, by the Umm al-Qura calendar (Saudi
/// Arabia's official one, from ICU4X) where it is defined (1300-1600 AH), the
/// tabular calendar outside it. A day 30 of a 29-day month is no date.
#[must_use]
pub(crate) fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::{Date, Gregorian};
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=3000).contains(&year) {
        return None;
    }
    let hijri = Date::try_new_hijri_with_calendar(
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    let g = hijri.to_calendar(Gregorian);
    NaiveDate::from_ymd_opt(
        g.era_year().year,
        u32::from(g.month().ordinal),
        u32::from(g.day_of_month().0),
    )
}

/// The Hijri year whose `month`/`day` falls in the Gregorian year `gyear`
/// (`رمضان 2017` is Ramadan 1438): the first such year, if any.
#[must_use]
pub(crate) fn hijri_year_in(gyear: i32, month: u32, day: u32) -> Option<i32> {
    // A Hijri year is about 354 days: Gregorian year G holds parts of Hijri
    // years near (G - 622) * 33 / 32.
    let guess = (gyear - 622) * 33 / 32;
    (guess - 2..=guess + 2)
        .find(|&h| hijri_to_gregorian(h, month, day).is_some_and(|d| d.year() == gyear))
}

/// The Hijri (Umm al-Qura) year, month and day of a Gregorian day.
#[must_use]
pub(crate) fn gregorian_to_hijri(date: NaiveDate) -> Option<(i32, u32, u32)> {
    use icu_calendar::Date;
    use icu_calendar::cal::Hijri;
    let g = Date::try_new_gregorian(
        date.year(),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
    .ok()?;
    let h = g.to_calendar(Hijri::new_umm_al_qura());
    Some((
        h.era_year().year,
        u32::from(h.month().ordinal),
        u32::from(h.day_of_month().0),
    ))
}

/// The year of a Hijri month: as written, unless it is plainly Gregorian
/// (`رمضان 2017`), then the Hijri year whose month falls in it.
pub(crate) fn hijri_year(cal: Cal, marked: bool, year: i32, month: u32, day: u32) -> Option<i32> {
    if cal == Cal::Hijri && !marked && year > GREGORIAN_FROM {
        hijri_year_in(year, month, day)
    } else {
        Some(year)
    }
}

// A year above this beside a Hijri month is Gregorian: 1600 AH is 2174 CE.
const GREGORIAN_FROM: i32 = 1600;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hijri_days_follow_umm_al_qura() {
        // Days as Saudi Arabia kept them in 2018: Eid al-Fitr (1 Shawwal),
        // Eid al-Adha (10 Dhu al-Hijjah), the new year 1440 (1 Muharram).
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(hijri_to_gregorian(1439, 10, 1), d(2018, 6, 15));
        assert_eq!(hijri_to_gregorian(1439, 12, 10), d(2018, 8, 21));
        assert_eq!(hijri_to_gregorian(1440, 1, 1), d(2018, 9, 11));
        assert_eq!(hijri_to_gregorian(1439, 13, 1), None);
        assert_eq!(
            gregorian_to_hijri(d(2018, 6, 15).unwrap()),
            Some((1439, 10, 1))
        );
    }

    #[test]
    fn month_first_words_are_the_names_first_words_in_order() {
        let mut firsts: Vec<&str> = MONTHS.iter().map(|m| m.words[0]).collect();
        firsts.sort_unstable();
        firsts.dedup();
        assert_eq!(firsts, MONTH_FIRST_WORDS);
    }

    #[test]
    fn hijri_months_in_gregorian_years() {
        assert_eq!(hijri_year_in(2017, 9, 1), Some(1438));
        assert_eq!(hijri_year_in(2023, 9, 1), Some(1444));
        assert_eq!(hijri_year_in(-5000, 9, 1), None);
    }

    #[test]
    fn hijri_conversion_matches_known_days() {
        // 1 Ramadan 1443 fell on 2 April 2022; 1 Muharram 1443 on 9/10 August 2021.
        let d = hijri_to_gregorian(1443, 9, 1).unwrap();
        assert!(
            (NaiveDate::from_ymd_opt(2022, 4, 1).unwrap()
                ..=NaiveDate::from_ymd_opt(2022, 4, 3).unwrap())
                .contains(&d),
            "{d}"
        );
        let d = hijri_to_gregorian(1443, 1, 1).unwrap();
        assert!(
            (NaiveDate::from_ymd_opt(2021, 8, 8).unwrap()
                ..=NaiveDate::from_ymd_opt(2021, 8, 11).unwrap())
                .contains(&d),
            "{d}"
        );
    }

    #[test]
    fn weekday_search_prefers_the_requested_side() {
        let wed = NaiveDate::from_ymd_opt(2021, 12, 29).unwrap();
        assert_eq!(
            weekday_near(wed, Weekday::Sun, false, true),
            NaiveDate::from_ymd_opt(2021, 12, 26).unwrap()
        );
        assert_eq!(
            weekday_near(wed, Weekday::Thu, true, true),
            NaiveDate::from_ymd_opt(2021, 12, 30).unwrap()
        );
        assert_eq!(
            weekday_near(wed, Weekday::Wed, false, false),
            NaiveDate::from_ymd_opt(2021, 12, 22).unwrap()
        );
        assert_eq!(month_end(2024, 2), NaiveDate::from_ymd_opt(2024, 2, 29));
    }
}
