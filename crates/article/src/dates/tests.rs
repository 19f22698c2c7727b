//! Unit tests of the date grammar on single sentences.

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
        one("وفي 5 يناير/ كانون الثاني 2020، تبنى", "2022-03-16"),
        vec![pair("5 يناير/ كانون الثاني 2020", "2020-01-05")]
    );
    assert_eq!(
        one("قبل الـ31 من مارس/آذار الجاري", "2022-03-16"),
        vec![pair("الـ31 من مارس/آذار الجاري", "2022-03-31")]
    );
    assert_eq!(
        one("في 28 ديسمبر الماضي", "2022-01-03"),
        vec![pair("28 ديسمبر الماضي", "2021-12-28")]
    );
    assert_eq!(
        one("في ٥ فبراير المقبل", "2022-03-16"),
        vec![pair("٥ فبراير المقبل", "2023-02-05")]
    );
    assert_eq!(
        one("— Someone (@x) March 15, 2022", ""),
        vec![pair("March 15, 2022", "2022-03-15")]
    );
}

#[test]
fn relative_words() {
    assert_eq!(
        one("أعلن اليوم الأربعاء", "2022-03-16"),
        vec![pair("اليوم الأربعاء", "2022-03-16")]
    );
    assert_eq!(
        one("قال أمس الأول", "2022-03-16"),
        vec![pair("أمس الأول", "2022-03-14")]
    );
    assert_eq!(
        one("التقى الأحد الماضي", "2022-03-16"),
        vec![pair("الأحد الماضي", "2022-03-13")]
    );
    assert_eq!(
        one("بحلول نهاية العام الجاري", "2022-03-16"),
        vec![pair("نهاية العام الجاري", "2022-12-31")]
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
            "وفي 12 مايو 2019، أقر المجلس الخطة، وذلك بعد ثلاثة أيام من إعلان النتائج",
            "2022-03-16"
        ),
        vec![
            pair("12 مايو 2019", "2019-05-12"),
            pair("بعد ثلاثة أيام من إعلان", "2019-05-09")
        ]
    );
    assert!(one("سيبقى نحو 1800 عامل و2015 آلية", "2022-03-16").is_empty());
    assert_eq!(
        one("منذ عام 2011 تدير", "2022-03-16"),
        vec![pair("عام 2011", "2011")]
    );
}

#[test]
fn hijri_is_not_gregorian() {
    let p = NaiveDate::from_ymd_opt(2022, 4, 10);
    let mut out = Vec::new();
    mentions_in("في 15 رمضان 1443 هـ الموافق", 0, p, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].calendar, Calendar::Hijri);
    assert_eq!(
        out[0].date.map(|d| d.to_string()).as_deref(),
        Some("1443-09-15")
    );
}

#[test]
fn ordinals_and_month_of_year_phrases() {
    assert_eq!(
        one("في الحادي والثلاثين من ديسمبر 2020", "2022-03-16"),
        vec![pair("الحادي والثلاثين من ديسمبر 2020", "2020-12-31")]
    );
    assert_eq!(
        one("في مارس من العام الماضي", "2024-06-01"),
        vec![pair("مارس من العام الماضي", "2023-03")]
    );
    assert_eq!(
        one("في 5 يناير من عام 2020", "2024-06-01"),
        vec![pair("5 يناير من عام 2020", "2020-01-05")]
    );
    assert!(one("وهي المرة الأولى من نوعها", "2024-06-01").is_empty());
    // A Hijri month without its year: the nearest Ramadan (1445, from 11 March 2024).
    assert_eq!(
        one("قبل شهر رمضان", "2024-06-01"),
        vec![pair("شهر رمضان", "1445-09")]
    );
}

#[test]
fn attribution_dates_see_through_a_weekday() {
    assert_eq!(
        parse_absolute("الثلاثاء 4 يناير 2022"),
        NaiveDate::from_ymd_opt(2022, 1, 4)
    );
}

#[test]
fn fiscal_years_are_years() {
    assert_eq!(
        one("إلى 16% بنهاية العام المالي 2025/2026.", "2025-02-13"),
        vec![pair("بنهاية العام المالي 2025/2026", "2026")]
    );
    assert_eq!(
        one("موازنة العام المالي 2024/2025 الجديدة", "2024-06-01"),
        vec![pair("العام المالي 2024/2025", "2024")]
    );
    assert_eq!(
        one("الميزانية للعام المالي 2025.", "2024-11-26"),
        vec![pair("للعام المالي 2025", "2025")]
    );
}

#[test]
fn round_three_forms() {
    let p = "2024-10-31";
    assert_eq!(
        one("نما بنسبة 2.8% في الربع الثالث من 2024", p),
        vec![pair("2024", "2024")]
    );
    assert_eq!(one("في الربع الثاني، انكمش", p), vec![]);
    assert_eq!(
        one("الروائي بهاء طاهر (1935-2022) عن عمر", p),
        vec![pair("1935", "1935"), pair("2022", "2022")]
    );
    assert_eq!(one("عن عمر ناهز 87 عاما", p), vec![]);
    assert_eq!(
        one("ضربت العاصفة ليل السبت الأحد المدينة", "2023-09-11"),
        vec![pair("ليل السبت الأحد", "2023-09-09")]
    );
    assert_eq!(
        one("مسلسل عرض في رمضان 2017", p),
        vec![pair("رمضان 2017", "1438-09")]
    );
    assert_eq!(
        one("حملة مماثلة في الربيع الماضي", "2023-10-10"),
        vec![pair("الربيع الماضي", "2023")]
    );
    assert_eq!(
        one("الحداد 3 أيام اعتبارا من اليوم", "2023-09-11"),
        vec![pair("اليوم", "2023-09-11")]
    );
    assert_eq!(one("تدخل الحرب عامها الثالث بعد عامين من الحرب", p), vec![]);
    assert_eq!(
        one("وصل بعد 18 شهرا من طرحه في 30 نوفمبر 2022", p),
        vec![
            pair("بعد 18 شهرا من طرحه", "2022-11-30"),
            pair("30 نوفمبر 2022", "2022-11-30")
        ]
    );
}

#[test]
fn bare_weekdays_in_reporting_sentences() {
    // Published on a Wednesday.
    let p = "2024-02-28";
    assert_eq!(
        one("أعلنت الشرطة الثلاثاء مقتل ثلاثة أشخاص.", p),
        vec![pair("الثلاثاء", "2024-02-27")]
    );
    assert_eq!(
        one("وقال الوزير الأربعاء في مؤتمر صحفي", p),
        vec![pair("الأربعاء", "2024-02-28")]
    );
    assert_eq!(
        one("ويلتقي الفريقان نهار الجمعة المقبل.", p),
        vec![pair("نهار الجمعة المقبل", "2024-03-01")]
    );
    // Names, a surname and the number two are not weekdays.
    assert!(one("وأدى المصلون صلاة الجمعة في المسجد.", p).is_empty());
    assert!(one("وتجمعت أمهات السبت في الساحة.", p).is_empty());
    assert!(one("وشارك أحمد الخميس، رئيس الجمعية، في المؤتمر.", p).is_empty());
    assert!(one("واستقبل الوزير المترجمين الاثنين في مكتبه.", p).is_empty());
}

#[test]
fn hijri_days_and_months_without_a_year() {
    let p = "2018-04-20";
    assert_eq!(
        one("الاتفاقية الموقعة بتاريخ 21 / 4 / 1439هـ في الرياض", p),
        vec![pair("21 / 4 / 1439هـ", "1439-04-21")]
    );
    assert_eq!(
        one("والمذكرة المؤرخة 15/3/1436هـ أيضا", p),
        vec![pair("15/3/1436هـ", "1436-03-15")]
    );
    // Ramadan 1439 began on 17 May 2018: the nearest one, not last year's.
    assert_eq!(
        one("ويبدأ شهر رمضان بعد أسابيع", p),
        vec![pair("شهر رمضان", "1439-09")]
    );
    assert_eq!(
        one("كما حدث في رمضان الماضي", p),
        vec![pair("رمضان الماضي", "1438-09")]
    );
    assert_eq!(
        one("وتنتهي المهلة في العاشر من ذي الحجة المقبل", p),
        vec![pair("العاشر من ذي الحجة المقبل", "1439-12-10")]
    );
    // `رمضان` alone is also a name.
    assert!(one("وقال رمضان عبد الله إن الوضع هادئ", p).is_empty());
}

#[test]
fn since_and_a_count_is_a_duration_unless_something_began() {
    let p = "2018-08-27";
    assert!(one("لم يفقدن الأمل لمعرفة مصير أبنائهن المجهول منذ 23 عاما", p).is_empty());
    assert!(one("وذلك للمرة الأولى منذ ثلاث سنوات", p).is_empty());
    assert_eq!(
        one("واندلعت الحرب منذ عامين", p),
        vec![pair("منذ عامين", "2016")]
    );
    assert_eq!(
        one("وصل الوفد قبل ثلاثة أيام", p),
        vec![pair("قبل ثلاثة أيام", "2018-08-24")]
    );
}

#[test]
fn a_sentence_opening_with_an_imperfect_verb_speaks_of_what_comes() {
    // 2018-07-27 is a Friday; 2018-03-19 a Monday.
    assert_eq!(
        one(
            "تنطلق الأحد في مالي الدورة الأولى من الانتخابات الرئاسية",
            "2018-07-27"
        ),
        vec![pair("الأحد", "2018-07-29")]
    );
    // `تعهد` is past and looks like `تنظم`: four letters after `ت` decide nothing.
    assert_eq!(
        one("وتعهد الرئيس الأحد بزيادة المساهمة", "2018-07-27"),
        vec![pair("الأحد", "2018-07-22")]
    );
    assert_eq!(
        one(
            "يعرض الرئيس الفرنسي إيمانويل ماكرون الثلاثاء خطة شاملة",
            "2018-03-19"
        ),
        vec![pair("الثلاثاء", "2018-03-20")]
    );
    // Only its first clause, and not a noun in a verb's place.
    assert_eq!(
        one(
            "يذكر أن الحكومة استقالت، وأعلن الرئيس الأحد تشكيلة جديدة",
            "2018-07-27"
        ),
        vec![pair("الأحد", "2018-07-22")]
    );
    assert_eq!(
        one("تفجيرات الأحد أوقعت عشرات القتلى", "2018-07-27"),
        vec![pair("الأحد", "2018-07-22")]
    );
}

#[test]
fn a_relative_word_of_another_date_does_not_turn_the_sentence_to_the_future() {
    // 2018-03-05 is a Monday.
    assert_eq!(
        one(
            "ورفض إجراء انتخابات في حزيران/يونيو المقبل، قال نتانياهو مساء السبت",
            "2018-03-05"
        ),
        vec![
            pair("حزيران/يونيو المقبل", "2018-06"),
            pair("مساء السبت", "2018-03-03")
        ]
    );
}

#[test]
fn weekdays_after_a_definite_noun_or_and() {
    // 2018-07-30 is a Monday; 2018-08-13 a Monday.
    assert_eq!(
        one(
            "وانطلق الإضراب رغم حملة القمع التي شنتها السلطات الأحد، فقد قالت التقارير",
            "2018-07-30"
        ),
        vec![pair("الأحد", "2018-07-29")]
    );
    assert_eq!(
        one(
            "والجمعة، أعلنت سيول أن ثلاث شركات خالفت العقوبات",
            "2018-08-13"
        ),
        vec![pair("والجمعة", "2018-08-10")]
    );
    // A surname in apposition stays a name.
    assert!(one("وقال أحمد الخميس، رئيس الجمعية، إن", "2018-08-13").is_empty());
}

#[test]
fn years_after_an_occasion_in_pairs_and_ranges() {
    let p = "2018-05-11";
    assert_eq!(
        one("احتلت إسرائيل الجولان في أعقاب حرب 1967", p),
        vec![pair("1967", "1967")]
    );
    assert_eq!(
        one("توج مع برشلونة الإسباني 2009 و2011 باللقب", p),
        vec![pair("2009", "2009"), pair("2011", "2011")]
    );
    assert_eq!(
        one("وعمل خلال الفترة من 2004 وحتى عام 2008", p),
        vec![pair("2004", "2004"), pair("عام 2008", "2008")]
    );
    // Counts and the numbers of plans are no years.
    assert!(one("وقتل 2009 و2011 جنديا", p).is_empty());
    assert!(one("ضمن رؤية 2030 للتنمية", p).is_empty());
}

#[test]
fn month_pairs_ranges_and_years_written_tightly() {
    let p = "2018-04-12";
    assert_eq!(
        one("أعلى قراءة منذ فبراير شباط 2017", p),
        vec![pair("فبراير شباط 2017", "2017-02")]
    );
    assert_eq!(
        one("في نوفمبر من العام قبل الماضي", p),
        vec![pair("نوفمبر من العام قبل الماضي", "2016-11")]
    );
    assert_eq!(
        one("وعانت الشركة من سنة صعبة خلال الـ2017، إذ", p),
        vec![pair("الـ2017", "2017")]
    );
    assert_eq!(
        one(
            "رئيس الحكومة الانتقالية (بين نيسان/أبريل وكانون الأول/ديسمبر 2012)",
            p
        ),
        vec![
            pair("نيسان/أبريل", "2012-04"),
            pair("كانون الأول/ديسمبر 2012", "2012-12")
        ]
    );
    assert_eq!(
        one("ووصل في أواخر صيف 2016 إلى البلاد", p),
        vec![pair("صيف 2016", "2016")]
    );
}

#[test]
fn first_days_and_ends_of_hijri_months() {
    // Ramadan 1439 began on 17 May 2018; Dhu al-Hijjah 1439 on 12 August.
    let p = "2018-05-20";
    assert_eq!(
        one("مع حلول غرة شهر رمضان", p),
        vec![pair("غرة شهر رمضان", "1439-09-01")]
    );
    assert_eq!(
        one("ويكون يوم الاثنين أول أيام شهر ذي الحجة", "2018-08-01"),
        vec![
            pair("يوم الاثنين", "2018-07-30"),
            pair("أول أيام شهر ذي الحجة", "1439-12-01")
        ]
    );
    assert_eq!(
        one("وتستمر الحملة حتى نهاية رمضان", p),
        vec![pair("نهاية رمضان", "1439-09")]
    );
    assert_eq!(
        one("وتبدأ في منتصف شعبان من كل عام", "2018-04-20"),
        vec![pair("منتصف شعبان", "1439-08")]
    );
}

#[test]
fn a_weekday_and_the_date_it_fell_on_are_one_mention() {
    assert_eq!(
        one(
            "احتجاج السبت الذي صادف 25 أغسطس/آب من هذا العام",
            "2018-08-27"
        ),
        vec![pair(
            "السبت الذي صادف 25 أغسطس/آب من هذا العام",
            "2018-08-25"
        )]
    );
    assert_eq!(
        one(
            "قبل الانتخابات التي جرت الأحد في الثامن عشر من فبراير/شباط الماضي",
            "2018-03-05"
        ),
        vec![pair(
            "الأحد في الثامن عشر من فبراير/شباط الماضي",
            "2018-02-18"
        )]
    );
}

#[test]
fn a_day_and_month_turn_ahead_only_for_a_verb_of_their_own_clause() {
    let p = "2018-05-29";
    assert_eq!(
        one(
            "حددت الوثيقة موعدا، على أن يجرى الاقتراع في 10 ديسمبر/ كانون الأول.",
            p
        ),
        vec![pair("10 ديسمبر/ كانون الأول", "2018-12-10")]
    );
    assert_eq!(
        one(
            "امتدت المفاوضات يوما عن الموعد المقرر لانتهاء القمة في 12 ديسمبر.",
            "2023-12-13"
        ),
        vec![pair("12 ديسمبر", "2023-12-12")]
    );
    assert_eq!(
        one(
            "سيرتفع التضخم، بحسب محضر الاجتماع الذي عقد في 21 مارس.",
            "2018-04-12"
        ),
        vec![pair("21 مارس", "2018-03-21")]
    );
}

#[test]
fn names_and_past_verbs_that_look_like_future_ones() {
    // 2018-05-10 is a Thursday; 2018-01-29 a Monday.
    assert_eq!(
        one(
            "أصدرت شركة \"بيجو-ستروين\" بيانا الأربعاء قالت فيه",
            "2018-05-10"
        ),
        vec![pair("الأربعاء", "2018-05-09")]
    );
    assert_eq!(
        one("وأراح دييغو سيميوني النجم غريزمان مساء الأحد", "2018-05-02"),
        vec![pair("مساء الأحد", "2018-04-29")]
    );
    assert_eq!(
        one(
            "وتعهدت الشركة برد أموال عملاء فقدوا ممتلكاتهم يوم الجمعة",
            "2018-01-29"
        ),
        vec![pair("يوم الجمعة", "2018-01-26")]
    );
}

#[test]
fn the_day_of_an_event_named_by_its_weekday_or_by_tomorrow() {
    // 2018-04-09 is a Monday: Wednesday's match is two days ahead.
    let p = "2018-04-09";
    assert_eq!(
        one(
            "كل تركيز الفريق على مباراة الأربعاء لأننا نريد بلوغ الدور نصف النهائي",
            p
        ),
        vec![pair("الأربعاء", "2018-04-11")]
    );
    assert_eq!(
        one("وسيكون السؤال هو ما إذا كان صلاح مشاركا في مباراة الغد.", p),
        vec![pair("الغد", "2018-04-10")]
    );
    // A paper or a party called tomorrow is no date.
    assert!(one("وقالت صحيفة الغد إن الحكومة باقية", p).is_empty());
    // Saturday's protest, two days back.
    assert_eq!(
        one("وشارك الآلاف في مسيرات السبت على الحدود", p),
        vec![pair("السبت", "2018-04-07")]
    );
}

#[test]
fn yesterday_and_last_night() {
    let p = "2018-05-17";
    assert_eq!(
        one("وقالت الشرطة بالأمس إن التحقيق مستمر", p),
        vec![pair("بالأمس", "2018-05-16")]
    );
    assert_eq!(
        one("وداهمت الشرطة منزله الليلة الماضية", p),
        vec![pair("الليلة الماضية", "2018-05-16")]
    );
}

#[test]
fn two_months_a_part_of_a_year_and_a_figure_after_a_year() {
    let p = "2018-03-29";
    assert_eq!(
        one(
            "ويلعب المنتخب ثلاث مباريات ودية في شهري مايو/أيار ويونيو/حزيران",
            p
        ),
        vec![pair("شهري مايو/أيار", "2018-05")]
    );
    assert_eq!(
        one("بدأ الصندوق يلفت الانتباه في أوائل 2015، بعد عجزه", p),
        vec![pair("أوائل 2015", "2015")]
    );
    assert_eq!(
        one(
            "ثم ارتفع 0.1% خلال كانون الأول/ديسمبر 2017 و3% في يناير 2018.",
            p
        ),
        vec![
            pair("كانون الأول/ديسمبر 2017", "2017-12"),
            pair("يناير 2018", "2018-01")
        ]
    );
}

#[test]
fn levantine_months_without_the_article_and_clauses_of_their_own() {
    let p = "2018-04-06";
    assert_eq!(
        one(
            "منذ ديسمبر/كانون أول عام 2016 وحتى يناير/كانون ثاني 2018",
            p
        ),
        vec![
            pair("ديسمبر/كانون أول عام 2016", "2016-12"),
            pair("يناير/كانون ثاني 2018", "2018-01")
        ]
    );
    // The orders were given on 30 March; what is to come is keeping them.
    assert_eq!(
        one(
            "وحذرت إسرائيل من أنها ستبقي على الأوامر التي أصدرتها إلى جنودها في 30 آذار/مارس",
            p
        ),
        vec![pair("30 آذار/مارس", "2018-03-30")]
    );
    // 2018-07-10 is a Tuesday; 2018-07-14 a Saturday.
    assert_eq!(
        one(
            "وزيارة الرئيس الأمريكي إلى لندن اعتبارا من الخميس.",
            "2018-07-10"
        ),
        vec![pair("الخميس", "2018-07-12")]
    );
    assert_eq!(
        one(
            "ويتم الاستعداد لنشر 12 ألف رجل شرطة خلال يومي السبت والأحد",
            "2018-07-14"
        ),
        vec![
            pair("يومي السبت", "2018-07-14"),
            pair("والأحد", "2018-07-15")
        ]
    );
}
