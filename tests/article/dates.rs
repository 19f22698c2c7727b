//! Date mentions and timeline entries on reviewed misparses: wire-style
//! weekdays, ordinal days, bare months, weekday-and-date pairs, future cues,
//! pairs and ranges, numeric dates, parts of years, clitic months, and short
//! mixed wire snippets whose full date lists guard against false positives.
//!
//! Expected values come from the calendar, not from the parser's output.

use article::{Article, Calendar, Place, Precision};

use testkit::corpus::parse_published as article;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `-` for an unresolved mention.
fn precision_of(value: &str) -> Option<Precision> {
    match value.matches('-').count() {
        _ if value == "-" => None,
        0 => Some(Precision::Year),
        1 => Some(Precision::Month),
        _ => Some(Precision::Day),
    }
}

/// Every mention of `text` as `(text, value)`, checked to be exact substrings
/// whose precision agrees with their value.
fn mentions(text: &str, published: &str) -> Vec<(String, String)> {
    let a = article(text, published);
    for m in &a.dates {
        assert!(text.contains(&m.text), "{:?} is not in the input", m.text);
        let value = m.date.map_or_else(|| "-".to_string(), |d| d.to_string());
        if let Some(p) = precision_of(&value) {
            assert_eq!(m.precision, p, "precision of {:?} = {value}", m.text);
        }
    }
    a.dates
        .iter()
        .map(|m| {
            let value = m.date.map_or_else(|| "-".to_string(), |d| d.to_string());
            (m.text.clone(), value)
        })
        .collect()
}

fn expect(text: &str, published: &str, want: &[(&str, &str)]) {
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(t, v)| ((*t).to_string(), (*v).to_string()))
        .collect();
    assert_eq!(mentions(text, published), want, "in {text:?}");
}

fn timeline(a: &Article) -> Vec<String> {
    a.timeline.iter().map(|e| e.date.to_string()).collect()
}

// 1. A bare weekday between commas, wire style.

#[test]
fn weekday_between_commas() {
    // 2024-02-29 is a Thursday.
    expect(
        "رفعت الحكومة المصرية، الجمعة، أسعار الوقود بنسبة 15%.",
        "2024-02-29",
        &[("الجمعة", "2024-02-23")],
    );
    expect(
        "أعلنت وزارة الخارجية الأميركية، الأربعاء، أن الوزير سيزور القاهرة.",
        "2024-02-29",
        &[("الأربعاء", "2024-02-28")],
    );
    expect(
        "وقال المتحدث، الخميس الماضي، إن المفاوضات متعثرة.",
        "2024-02-29",
        &[("الخميس الماضي", "2024-02-22")],
    );
    expect(
        "وقال الرئيس في خطاب ألقاه الأحد إن الحرب انتهت.",
        "2024-02-29",
        &[("الأحد", "2024-02-25")],
    );
    expect("وأدى آلاف المصلين صلاة الجمعة في المسجد.", "2024-02-29", &[]);
    expect(
        "وشارك أحمد الخميس، رئيس الجمعية، في المؤتمر.",
        "2024-02-29",
        &[],
    );
}

// 2. Ordinal day words.

#[test]
fn ordinal_days() {
    let p = "2024-02-28";
    expect(
        "وتعقد القمة في الرابع من يناير المقبل.",
        p,
        &[("الرابع من يناير المقبل", "2025-01-04")],
    );
    expect(
        "وتتواصل الحرب منذ السابع من أكتوبر 2023.",
        p,
        &[("السابع من أكتوبر 2023", "2023-10-07")],
    );
    expect(
        "ويبدأ التطبيق في الأول من أبريل.",
        p,
        &[("الأول من أبريل", "2024-04-01")],
    );
    expect(
        "وغيرت هجمات الحادي عشر من سبتمبر 2001 العالم.",
        p,
        &[("الحادي عشر من سبتمبر 2001", "2001-09-11")],
    );
    expect(
        "وولد في الحادي والثلاثين من ديسمبر 1999 في القاهرة.",
        p,
        &[("الحادي والثلاثين من ديسمبر 1999", "1999-12-31")],
    );
    expect(
        "وانتهت المهلة في الثانية عشرة من مارس 2022، وفي العشرين من مايو 2022.",
        p,
        &[
            ("الثانية عشرة من مارس 2022", "2022-03-12"),
            ("العشرين من مايو 2022", "2022-05-20"),
        ],
    );
    // A Hijri day without its year: the nearest (15 Sha'ban 1445 was 25
    // February 2024, three days before publication).
    expect(
        "وتحيي الطائفة ليلة الخامس عشر من شعبان.",
        p,
        &[("الخامس عشر من شعبان", "1445-08-15")],
    );
    // Ordinals that are not days.
    expect("ويعد القرار الأول من نوعه، والثاني من أصل 20 قرارا.", p, &[]);
}

// 3. A month without a year, after a preposition or a part word.

#[test]
fn bare_months() {
    let p = "2024-02-28";
    expect(
        "وفي يناير أعلنت الحكومة خطة جديدة.",
        p,
        &[("يناير", "2024-01")],
    );
    expect("وارتفعت الأسعار منذ أكتوبر.", p, &[("أكتوبر", "2023-10")]);
    expect(
        "وتراجع المؤشر منذ منتصف مارس.",
        p,
        &[("منتصف مارس", "2023-03")],
    );
    expect("وسجل الاقتصاد نموا خلال فبراير.", p, &[("فبراير", "2024-02")]);
    expect(
        "وستستمر الحملة حتى يونيو، وسيعقد المؤتمر في يناير.",
        p,
        &[("يونيو", "2024-06"), ("يناير", "2025-01")],
    );
    expect(
        "وتبدأ المرحلة الثانية مطلع الشهر المقبل، بعد تأخير منذ أواخر الشهر الماضي.",
        p,
        &[
            ("مطلع الشهر المقبل", "2024-03"),
            ("أواخر الشهر الماضي", "2024-01"),
        ],
    );
    expect(
        "وكان البنك قد رفع الفائدة في مارس الماضي، ثم في آب الماضي.",
        p,
        &[("مارس الماضي", "2023-03"), ("آب الماضي", "2023-08")],
    );
    expect(
        "وخلال شهر مارس من العام الماضي سجلت البلاد أمطارا.",
        p,
        &[("شهر مارس من العام الماضي", "2023-03")],
    );
    // `مارس` is also a verb, `آب` a noun.
    expect(
        "ومارس الرئيس ضغوطا، ولم يمارس هذا الدور أحد من قبل.",
        p,
        &[],
    );
    let a = article("وتراجع المؤشر منذ منتصف مارس.", p);
    assert_eq!(a.dates[0].precision, Precision::Month);
}

// 4. A weekday beside a full date is one mention of that date.

#[test]
fn weekday_beside_its_date_is_one_mention() {
    let a = article(
        "وتقرر عقد المؤتمر مساء الثلاثاء 4 يناير 2022 في الرياض.",
        "2022-01-10",
    );
    let got: Vec<(&str, String)> = a
        .dates
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("مساء الثلاثاء 4 يناير 2022", "2022-01-04".to_string())]
    );
    assert_eq!(timeline(&a), ["2022-01-04"]);

    // 3 March 2018 was a Saturday; 5 June 2022 a Sunday.
    expect(
        "وجرت الانتخابات يوم السبت 3 مارس وسط إقبال ضعيف.",
        "2018-03-05",
        &[("يوم السبت 3 مارس", "2018-03-03")],
    );
    expect(
        "وافتتح المعرض الأحد، 5 يونيو، بحضور الوزير.",
        "2022-06-07",
        &[("الأحد، 5 يونيو", "2022-06-05")],
    );
    expect(
        "وأعلن المجلس اليوم الأربعاء الموافق 29 ديسمبر 2021 انتهاء المهمة.",
        "2021-12-29",
        &[("اليوم الأربعاء الموافق 29 ديسمبر 2021", "2021-12-29")],
    );
    // Far from publication, the weekday chooses the year: 3 March 2019 was a
    // Sunday, nearer to publication than 3 March 2018.
    expect(
        "وجرت الانتخابات يوم السبت 3 مارس وسط إقبال ضعيف.",
        "2018-09-20",
        &[("يوم السبت 3 مارس", "2018-03-03")],
    );
}

// 5. Future cues turn a bare weekday forward.

#[test]
fn future_cues() {
    // 2024-02-28 is a Wednesday.
    let p = "2024-02-28";
    expect(
        "وسيلتقي الوزير نظيره يوم الجمعة.",
        p,
        &[("يوم الجمعة", "2024-03-01")],
    );
    for text in [
        "ومن المقرر أن يصل الوفد يوم الجمعة.",
        "ويعتزم الوفد زيارة العاصمة يوم الجمعة.",
        "وتعقد القمة المرتقبة يوم الجمعة.",
        "وسوف يصل الوفد يوم الجمعة.",
        "وستعقد الجلسة يوم الجمعة.",
        "وقال: سنعمل على إنهاء الأزمة يوم الجمعة.",
        "وقال: سأزور القاهرة يوم الجمعة.",
        "وسيتم الإعلان عن النتائج يوم الجمعة.",
    ] {
        expect(text, p, &[("يوم الجمعة", "2024-03-01")]);
    }
    for text in [
        "ووصلت سيارة الوزير يوم الجمعة.",
        "وفرضت القوات سيطرة كاملة يوم الجمعة.",
        "وقتل ستة أشخاص يوم الجمعة.",
        "وشهدت سيناء هجوما يوم الجمعة.",
        "وكان من المقرر أن يصل الوفد يوم الجمعة، لكنه تأخر.",
        "وقال الوزير يوم الجمعة إنه سيزور القاهرة.",
        "وساعد الجيش السكان يوم الجمعة.",
    ] {
        expect(text, p, &[("يوم الجمعة", "2024-02-23")]);
    }
}

// 6. Pairs and ranges.

#[test]
fn pairs_and_ranges() {
    let p = "2024-02-28";
    expect(
        "وارتفع الإنتاج بين عامي 2019 و2020 بنسبة 5%.",
        p,
        &[("عامي 2019", "2019"), ("2020", "2020")],
    );
    expect(
        "وتضاعفت الصادرات في عامي 2019 و2020.",
        p,
        &[("عامي 2019", "2019"), ("2020", "2020")],
    );
    expect(
        "وتراجعت الواردات بين 2010 و2015 تدريجيا.",
        p,
        &[("2010", "2010"), ("2015", "2015")],
    );
    expect(
        "ويقام المعرض من 5 إلى 7 مارس 2023 في دبي.",
        p,
        &[("5", "2023-03-05"), ("7 مارس 2023", "2023-03-07")],
    );
    expect(
        "وعقدت الجلسات يومي 5 و6 مارس 2023 في جنيف.",
        p,
        &[("5", "2023-03-05"), ("6 مارس 2023", "2023-03-06")],
    );
    expect(
        "واستمر الإضراب من 28 ديسمبر إلى 3 يناير 2023.",
        p,
        &[("28 ديسمبر", "2022-12-28"), ("3 يناير 2023", "2023-01-03")],
    );
    // Prices between two numbers that look like years.
    expect("وتراوح سعر الطن بين 1950 و2000 دولار.", p, &[]);
}

// 7. Numeric dates.

#[test]
fn numeric_dates() {
    let p = "2024-02-28";
    expect(
        "وصدر القرار بتاريخ 12/3/2023 عن مجلس الوزراء.",
        p,
        &[("12/3/2023", "2023-03-12")],
    );
    expect(
        "ونشر التقرير في 2023/03/12 ثم في 2023-03-14.",
        p,
        &[("2023/03/12", "2023-03-12"), ("2023-03-14", "2023-03-14")],
    );
    expect(
        "للاستفسار اتصل على 0100-123-4567 أو 02/555/1234، وفاز الفريق 2-1، ونفذ 1/2 المشروع.",
        p,
        &[],
    );
    // Not a day of February; month first only when day first cannot be.
    expect(
        "وفي 31/2/2023 لم يحدث شيء، بل في 12/13/2023.",
        p,
        &[("12/13/2023", "2023-12-13")],
    );
}

// 8. A day of a relative month.

#[test]
fn day_of_a_relative_month() {
    let p = "2024-02-28";
    expect(
        "ويعقد الاجتماع يوم 15 من الشهر الجاري.",
        p,
        &[("15 من الشهر الجاري", "2024-02-15")],
    );
    expect(
        "وكانت الحكومة قد أعلنت في 2 من الشهر الماضي عن خطة.",
        p,
        &[("2 من الشهر الماضي", "2024-01-02")],
    );
}

// 9. Parts of a year keep year precision; its end is a day.

#[test]
fn parts_and_ends_of_years() {
    expect(
        "وتباطأ النمو أواخر 2019 ثم انهار مطلع 2020 قبل أن يتعافى نهاية 2021.",
        "2024-02-28",
        &[
            ("أواخر 2019", "2019"),
            ("مطلع 2020", "2020"),
            ("نهاية 2021", "2021-12-31"),
        ],
    );
}

// 10. Timeline events and what is no timeline entry.

#[test]
fn date_between_commas_leaves_the_clauses_around_it_as_the_event() {
    let a = article(
        "أقر مجلس الوزراء السعودي، اليوم الثلاثاء، الموازنة العامة للدولة للعام المقبل.",
        "2024-12-03",
    );
    let e = a
        .timeline
        .iter()
        .find(|e| e.date.to_string() == "2024-12-03");
    assert_eq!(
        e.map(|e| e.event.as_str()),
        Some("أقر مجلس الوزراء السعودي الموازنة العامة للدولة للعام المقبل")
    );
}

/// `منذ` and a count measure a duration (`الأعلى منذ 24 عاما`), no date; after
/// a verb of beginning they say when (`واندلعت الحرب منذ عامين`).
#[test]
fn durations_and_law_years_are_no_dates() {
    let a = article(
        "وبلغ التضخم 12%، وهو الأعلى منذ 24 عاما. وتراجعت البطالة إلى 5%، وهي الأدنى منذ عشرة أعوام. \
         وينص القانون رقم 12 لسنة 2015 على ذلك. واندلعت الحرب منذ عامين.",
        "2024-02-28",
    );
    let got: Vec<(&str, String)> = a
        .dates
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got, [("منذ عامين", "2022".to_string())]);
    assert_eq!(timeline(&a), ["2022"]);
}

// 11. Months with a clitic.

#[test]
fn clitic_months() {
    let p = "2024-02-28";
    expect(
        "وتمتد المهلة ليناير 2025، ويبدأ التطبيق بيناير المقبل، وفبراير 2026.",
        p,
        &[
            ("يناير 2025", "2025-01"),
            ("يناير المقبل", "2025-01"),
            ("فبراير 2026", "2026-02"),
        ],
    );
    expect("وأغلق الباب بيناير، وفتح الباب.", p, &[]);
}

// 12. Mixed wire snippets: every date, and nothing else.

#[test]
fn anadolu_style_central_bank() {
    // 2024-01-25 is a Thursday.
    let text = "أعلن البنك المركزي التركي، الخميس، رفع سعر الفائدة الرئيسي بمقدار 500 نقطة أساس إلى 45%، في خطوة هي السابعة على التوالي منذ يونيو الماضي.\n\
        وقال البنك في بيان إن معدل التضخم السنوي بلغ 64.77% في ديسمبر، وهو الأعلى منذ 25 عاما.\n\
        ومن المقرر أن تعقد لجنة السياسة النقدية اجتماعها المقبل في 22 فبراير المقبل.\n\
        وكان البنك قد رفع الفائدة من 8.5% إلى 15% في 22 يونيو 2023، بعد تعيين محافظة جديدة له.";
    expect(
        text,
        "2024-01-25",
        &[
            ("الخميس", "2024-01-25"),
            ("يونيو الماضي", "2023-06"),
            ("ديسمبر", "2023-12"),
            ("22 فبراير المقبل", "2024-02-22"),
            ("22 يونيو 2023", "2023-06-22"),
        ],
    );
    let a = article(text, "2024-01-25");
    assert_eq!(
        timeline(&a),
        [
            "2023-06",
            "2023-06-22",
            "2023-12",
            "2024-01-25",
            "2024-02-22"
        ]
    );
}

#[test]
fn reuters_style_diplomacy() {
    // 2024-02-05 is a Monday.
    let text = "قال مسؤولون إن وزير الخارجية الأميركي سيصل إلى القاهرة، مساء الثلاثاء، في جولة إقليمية هي الخامسة منذ السابع من أكتوبر.\n\
        وأضاف المسؤولون أن الوزير سيلتقي الرئيس المصري يوم الأربعاء، قبل أن يتوجه إلى الدوحة.\n\
        وكانت واشنطن قد أرسلت نحو 2000 جندي إلى المنطقة خلال عامي 2023 و2024، بحسب وزارة الدفاع.\n\
        ولم يرد المتحدث على اتصالات على الرقم 202-555-0143.";
    expect(
        text,
        "2024-02-05",
        &[
            ("مساء الثلاثاء", "2024-02-06"),
            ("السابع من أكتوبر", "2023-10-07"),
            ("يوم الأربعاء", "2024-02-07"),
            ("عامي 2023", "2023"),
            ("2024", "2024"),
        ],
    );
}

#[test]
fn gulf_style_eid_with_hijri_year() {
    // 10 April 2024 was a Wednesday.
    let text = "أعلنت المحكمة العليا أن يوم الأربعاء 10 أبريل 2024 هو أول أيام عيد الفطر لعام 1445 هـ.\n\
        وتبدأ إجازة العيد للقطاع العام من 8 إلى 14 أبريل الجاري.\n\
        وارتفع عدد المعتمرين خلال شهر رمضان إلى أكثر من 30 مليون معتمر، مقارنة بـ 13.5 مليون في 2023.";
    let a = article(text, "2024-04-09");
    let got: Vec<(&str, String, Calendar)> = a
        .dates
        .iter()
        .map(|m| {
            let v = m.date.map(|d| d.to_string()).unwrap_or_default();
            (m.text.as_str(), v, m.calendar)
        })
        .collect();
    let g = Calendar::Gregorian;
    assert_eq!(
        got,
        [
            ("يوم الأربعاء 10 أبريل 2024", "2024-04-10".to_string(), g),
            ("لعام 1445 هـ", "1445".to_string(), Calendar::Hijri),
            ("8", "2024-04-08".to_string(), g),
            ("14 أبريل الجاري", "2024-04-14".to_string(), g),
            // The Ramadan that just ended (1445).
            ("شهر رمضان", "1445-09".to_string(), Calendar::Hijri),
            ("2023", "2023".to_string(), g),
        ]
    );
    assert_eq!(
        timeline(&a),
        ["2023", "2024-04-08", "2024-04-10", "2024-04-14"]
    );
}

#[test]
fn sports_style_scores_and_counts() {
    // 2024-03-03 is a Sunday.
    expect(
        "فاز ريال مدريد على برشلونة 3-1، مساء السبت، في الجولة الـ26 من الدوري الإسباني.\n\
         ورفع الفريق رصيده إلى 66 نقطة، بعدما سجل 2500 تسديدة منذ بداية الموسم.\n\
         ويلتقي الفريقان مجددا في نصف نهائي الكأس يوم 2 أبريل المقبل.\n\
         وكان برشلونة قد توج باللقب في 2023 للمرة الـ27 في تاريخه.",
        "2024-03-03",
        &[
            ("مساء السبت", "2024-03-02"),
            ("2 أبريل المقبل", "2024-04-02"),
            ("2023", "2023"),
        ],
    );
}

// Beyond the list: forms met while checking the above on wire copy.

#[test]
fn year_named_earlier_and_year_ranges() {
    expect(
        "وتعود العلاقات إلى عام 1979، حين وقعت المعاهدة في 26 مارس من ذلك العام.",
        "2024-02-18",
        &[("عام 1979", "1979"), ("26 مارس من ذلك العام", "1979-03-26")],
    );
    expect(
        "وشنت إسرائيل عدوانا في 2008-2009، وأقرت الحكومة موازنة العام المالي 2024.",
        "2024-02-18",
        &[
            ("2008", "2008"),
            ("2009", "2009"),
            ("العام المالي 2024", "2024"),
        ],
    );
    expect(
        "وقال المتحدث في مؤتمر صحفي الثلاثاء، إن المفاوضات في مرحلة حساسة، ووصل الوفد صباح اليوم التالي.",
        "2024-02-18",
        &[("الثلاثاء", "2024-02-13")],
    );
    expect(
        "وتبدأ الدراسة منتصف العام الدراسي، وتنتهي المهلة نهاية الشهر الفضيل.",
        "2024-02-18",
        &[],
    );
}

// Headlines and headings.

#[test]
fn headline_and_heading_dates_and_the_year_a_heading_gives_its_section() {
    // 2018-05-13 is a Sunday.
    let text = "ما هي الهجمات التي وقعت منذ العام 2015؟\n\
        تعرضت المدينة لهجمات عدة، آخرها أمس السبت.\n\
        هجمات العام 2016\n\
        في السادس والعشرين من تموز/يوليو، هاجم رجلان كنيسة في البلدة.\n\
        وفي 14 مارس، وقع هجوم آخر.\n\
        هجمات العام 2015\n\
        في الثالث عشر من تشرين الثاني/نوفمبر، شهدت المدينة أسوأ اعتداء في تاريخها.";
    let a = article(text, "2018-05-13");
    let got: Vec<(&str, String, Place)> = a
        .dates
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
                m.place,
            )
        })
        .collect();
    let want = [
        ("العام 2015", "2015", Place::Headline),
        ("أمس السبت", "2018-05-12", Place::Body),
        ("العام 2016", "2016", Place::Heading),
        ("السادس والعشرين من تموز/يوليو", "2016-07-26", Place::Body),
        ("14 مارس", "2016-03-14", Place::Body),
        ("العام 2015", "2015", Place::Heading),
        (
            "الثالث عشر من تشرين الثاني/نوفمبر",
            "2015-11-13",
            Place::Body,
        ),
    ];
    let want: Vec<(&str, String, Place)> = want
        .iter()
        .map(|(t, d, p)| (*t, (*d).to_string(), *p))
        .collect();
    assert_eq!(got, want);
    // The timeline tells each date by a body sentence, never by a heading.
    assert!(a.timeline.iter().all(|e| !e.event.starts_with("هجمات")));
    assert_eq!(
        timeline(&a),
        ["2015-11-13", "2016-03-14", "2016-07-26", "2018-05-12"]
    );
}

#[test]
fn a_weekday_said_again_bare_is_the_day_it_was_pinned_to() {
    // 2018-08-01 is a Wednesday.
    expect(
        "وسيكون تحري الهلال يوم السبت 11 أغسطس.\n\
         وأشار إلى أن بعض الدول قد تقبل شهادات برؤية الهلال يوم السبت.",
        "2018-08-01",
        &[
            ("يوم السبت 11 أغسطس", "2018-08-11"),
            ("يوم السبت", "2018-08-11"),
        ],
    );
}

#[test]
fn a_bare_weekday_placed_later_in_the_article_is_that_day() {
    // 2018-04-23 is a Monday: the summit is on the coming Friday.
    expect(
        "وقالت سيول إن إسكات المكبرات قد يساعد في تهيئة الأجواء لمحادثات يوم الجمعة بين الزعيمين.\n\
         ومن المقرر أن يلتقي الزعيمان يوم الجمعة في قرية للهدنة.",
        "2018-04-23",
        &[("يوم الجمعة", "2018-04-27"), ("يوم الجمعة", "2018-04-27")],
    );
    // A weekday pinned to a day two weeks or more away does not capture a bare one.
    expect(
        "وأجريت الانتخابات الأحد في الثامن عشر من فبراير/شباط الماضي.\n\
         وقال الرئيس الأحد إن الحكومة باقية.",
        "2018-03-05",
        &[
            ("الأحد في الثامن عشر من فبراير/شباط الماضي", "2018-02-18"),
            ("الأحد", "2018-03-04"),
        ],
    );
}

// Certainty: the text settles a value, or the mention says it does not.

/// `(text, value, certain)` of every mention.
fn claims(text: &str, published: &str) -> Vec<(String, String, bool)> {
    article(text, published)
        .dates
        .iter()
        .map(|m| {
            let value = m.date.map_or_else(|| "-".to_string(), |d| d.to_string());
            (m.text.clone(), value, m.certain)
        })
        .collect()
}

fn claim(text: &str, value: &str, certain: bool) -> (String, String, bool) {
    (text.to_string(), value.to_string(), certain)
}

#[test]
fn a_bare_weekday_is_certain_only_when_the_sentence_settles_it() {
    // 2024-03-06 is a Wednesday.
    assert_eq!(
        claims("وقال مسؤولون الاثنين إن المحادثات تعثرت.", "2024-03-06"),
        [claim("الاثنين", "2024-03-04", true)]
    );
    assert_eq!(
        claims("ويلتقي الوزيران الجمعة في القاهرة.", "2024-03-06"),
        [claim("الجمعة", "2024-03-08", true)]
    );
    // No verb, no cue: the past is a default, not what the text says.
    assert_eq!(
        claims("مباحثات الأحد بين الطرفين في القاهرة.", "2024-03-06"),
        [claim("الأحد", "2024-03-03", false)]
    );
}

#[test]
fn an_uncertain_weekday_gives_its_value_to_nothing() {
    // A bare Sunday said again stays a guess; one the text pins later is that day.
    let got = claims(
        "مباحثات الأحد في القاهرة.\nوجولة الأحد في الرياض.",
        "2024-03-06",
    );
    assert!(got.iter().all(|c| !c.2), "{got:?}");
    let got = claims(
        "مباحثات الأحد في القاهرة.\nوتبدأ الجولة الثانية يوم الأحد المقبل.",
        "2024-03-06",
    );
    assert_eq!(got[0], claim("الأحد", "2024-03-10", true));
    assert_eq!(got[1], claim("يوم الأحد المقبل", "2024-03-10", true));
    // An anchored offset counts from a certain date only: from a guess it
    // names no date.
    assert_eq!(
        claims("الاتفاق بعد يومين من مباحثات الأحد.", "2024-03-06"),
        [claim("الأحد", "2024-03-03", false)]
    );
    assert_eq!(
        claims("جاء الاتفاق بعد يومين من مباحثات الأحد.", "2024-03-06"),
        [
            claim("بعد يومين من مباحثات", "2024-03-03", true),
            claim("الأحد", "2024-03-03", true)
        ]
    );
}

#[test]
fn today_governed_by_a_verb_is_the_publication_day_and_nowadays_is_hedged() {
    assert_eq!(
        claims("أعلنت وزارة الصحة اليوم تسجيل إصابات جديدة.", "2024-03-06"),
        [claim("اليوم", "2024-03-06", true)]
    );
    assert_eq!(
        claims("يواجه شباب العالم العربي اليوم تحديات كبيرة.", "2024-03-06")
            .iter()
            .filter(|c| c.2)
            .count(),
        0
    );
    // A named day, and "to this day", are no mention at all.
    assert!(claims("احتفل العالم باليوم العالمي للمرأة.", "2024-03-08").is_empty());
    assert!(claims("ولا يزال مجهولا حتى اليوم.", "2024-03-08").is_empty());
}

#[test]
fn a_day_and_month_in_a_passage_about_another_year_is_hedged() {
    let got = claims(
        "في 15 مارس 2011 خرجت أولى المظاهرات في درعا.\nوفي 18 مارس سقط أول القتلى.",
        "2018-03-15",
    );
    assert_eq!(got[0], claim("15 مارس 2011", "2011-03-15", true));
    assert!(!got[1].2, "{got:?}");
    // In a passage about now, the nearest year is the text's.
    assert_eq!(
        claims(
            "وصل الوفد أمس إلى الرياض.\nوكان قد زار القاهرة في 2 مارس.",
            "2024-03-06"
        )[1],
        claim("2 مارس", "2024-03-02", true)
    );
}

#[test]
fn a_hijri_month_takes_the_year_written_after_its_epithets() {
    // 2021-04-11 is 28 Sha'ban 1442.
    expect(
        "دعت الهيئة إلى تحري هلال شهر رمضان المبارك لعام 1442 هجرية.",
        "2021-04-11",
        &[("شهر رمضان المبارك لعام 1442 هجرية", "1442-09")],
    );
    expect(
        "أعلنت اللجنة أن غرة شهر شوال لهذا العام 1440هـ هي الثلاثاء.",
        "2019-06-03",
        &[
            ("غرة شهر شوال لهذا العام 1440هـ", "1440-10-01"),
            ("الثلاثاء", "2019-06-04"),
        ],
    );
}

#[test]
fn a_hijri_date_and_its_gregorian_equivalent_are_one_mention() {
    expect(
        "وأعلنت الهيئة أن يومنا هذا السبت 29 رمضان 1435هـ الموافق 26 يوليو 2014م هو المتمم للشهر.",
        "2014-07-26",
        &[(
            "هذا السبت 29 رمضان 1435هـ الموافق 26 يوليو 2014م",
            "2014-07-26",
        )],
    );
    // With the Gregorian date first, and in brackets.
    expect(
        "وتبدأ العطلة يوم 5 يونيو 2019 (الموافق 2 شوال 1440هـ).",
        "2019-06-01",
        &[("5 يونيو 2019 (الموافق 2 شوال 1440هـ", "2019-06-05")],
    );
}

#[test]
fn tomorrow_written_yawm_ghad_with_its_weekday_and_date() {
    // 2020-06-22 is a Monday.
    expect(
        "أعلن المكتب أن يوم غدٍ الثلاثاء الموافق 23-6-2020 هو أول أيام الشهر.",
        "2020-06-22",
        &[("يوم غدٍ الثلاثاء الموافق 23-6-2020", "2020-06-23")],
    );
    expect(
        "ويصل الوفد يوم غد السبت إلى بغداد.",
        "2020-06-19",
        &[("يوم غد السبت", "2020-06-20")],
    );
    // A weekday with its date in brackets, and the Iraqi المصادف.
    expect(
        "قال الصدر مساء اليوم الثلاثاء (17 تشرين الأول 2023) إن.",
        "2023-10-17",
        &[("مساء اليوم الثلاثاء (17 تشرين الأول 2023", "2023-10-17")],
    );
    expect(
        "جرت الانتخابات اليوم الاحد المصادف 7 آذار 2010 في أنحاء العراق.",
        "2010-03-07",
        &[("اليوم الاحد المصادف 7 آذار 2010", "2010-03-07")],
    );
}

#[test]
fn the_same_day_years_ago() {
    expect(
        "في مثل هذا اليوم قبل عشر سنوات خرج المصريون إلى الشوارع.",
        "2021-01-25",
        &[("مثل هذا اليوم قبل عشر سنوات", "2011-01-25")],
    );
}
