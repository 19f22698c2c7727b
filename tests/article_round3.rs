//! Third-round review on genres the earlier rounds did not cover: a match
//! report, statistics, a trial, an obituary, a storm, an election, an
//! epidemic, a statement with a tweet, a product launch and a long-form
//! analysis under question headings (`tests/fixtures/round3/NAME.txt`).
//!
//! Each case states what an editor would check: title, dateline, headings,
//! tweets, and every date mention with its value, in order. Each test collects
//! every mismatch before failing.

use nashra::article::{Article, ParseOptions, parse, parse_metadata};
use std::fmt::Write as _;
use std::path::PathBuf;

fn load(name: &str) -> Article {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/round3");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture text");
    let raw = std::fs::read_to_string(dir.join(format!("{name}.toml"))).expect("fixture toml");
    let meta = parse_metadata(&raw).expect("fixture metadata");
    parse(&text, &meta, &ParseOptions::default()).expect("fixture parses")
}

/// What one article must yield.
struct Case {
    name: &'static str,
    /// The title's first words.
    title: &'static str,
    dateline: &'static str,
    headings: &'static [&'static str],
    /// Handle, date, section, position.
    tweets: &'static [(&'static str, &'static str, usize, usize)],
    /// Every mention's exact text and value, in order.
    dates: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        name: "01_sport_derby",
        title: "الأهلي يقلب الطاولة",
        dateline: "القاهرة - الأناضول",
        headings: &["صدارة بلا منازع", "\"الفارس الأبيض\" يبحث عن مخرج"],
        tweets: &[],
        // Scores, minutes (`90+3`) and rounds (`الجولة 12`) are no dates.
        dates: &[
            ("مساء الجمعة", "2025-01-24"),
            ("20 أكتوبر الماضي", "2024-10-20"),
            ("يوم الخميس المقبل", "2025-01-30"),
            ("3 يناير 2025", "2025-01-03"),
        ],
    },
    Case {
        name: "02_economy_gdp",
        title: "الاقتصاد السعودي ينمو 4.4% في الربع الثالث من 2024",
        dateline: "الرياض - رويترز",
        headings: &["التضخم والبطالة", "توقعات الربع الأخير"],
        tweets: &[],
        // A quarter or half is dated by its year; a year-less `الربع الثاني` not at all.
        dates: &[
            ("اليوم الخميس", "2024-10-31"),
            ("2024", "2024"),
            ("العام نفسه", "2024"),
            ("يوليو", "2024-07"),
            ("سبتمبر", "2024-09"),
            ("أكتوبر", "2024-10"),
            ("سبتمبر", "2024-09"),
            ("مطلع العام", "2024"),
            ("العام الجاري", "2024"),
            ("2020", "2020"),
            ("2024", "2024"),
            ("العام المقبل", "2025"),
            ("نوفمبر الماضي", "2023-11"),
            ("ديسمبر المقبل", "2024-12"),
        ],
    },
    Case {
        name: "03_court_trial",
        title: "تأجيل محاكمة وزير سابق",
        dateline: "تونس - وكالات",
        headings: &["دفوع الدفاع", "هل تطول المحاكمة؟"],
        tweets: &[],
        // Law numbers (`عدد 46 لسنة 2015`, `رقم 10 لسنة 2017`) and articles are no dates.
        dates: &[
            ("الثلاثاء", "2025-02-04"),
            ("15 مارس المقبل", "2025-03-15"),
            ("12 سبتمبر 2023", "2023-09-12"),
            ("28 يناير الماضي", "2025-01-28"),
            ("20 مارس 2022", "2022-03-20"),
            ("2019", "2019"),
        ],
    },
    Case {
        name: "04_obituary",
        title: "رحيل الروائي المصري بهاء طاهر",
        dateline: "القاهرة - الجزيرة نت",
        headings: &["مسيرة أدبية حافلة", "وداع المثقفين"],
        tweets: &[],
        // `(1935-2022)` is a life's span; `رمضان 2017` is Ramadan 1438.
        dates: &[
            ("صباح اليوم الخميس", "2022-10-27"),
            ("1935", "1935"),
            ("2022", "2022"),
            ("عام 1935", "1935"),
            ("عام 1956", "1956"),
            ("عامي 1957", "1957"),
            ("1975", "1975"),
            ("1995", "1995"),
            ("عام 1972", "1972"),
            ("عام 2008", "2008"),
            ("رمضان 2017", "1438-09"),
            ("عام 1998", "1998"),
            ("عام 2000", "2000"),
            ("غدا", "2022-10-28"),
            ("مساء السبت المقبل", "2022-10-29"),
        ],
    },
    Case {
        name: "05_weather_storm",
        title: "عاصفة \"دانيال\" تضرب شرق ليبيا",
        dateline: "بنغازي - فرانس برس",
        headings: &["حداد وطني", "تحذيرات لم تسمع"],
        tweets: &[],
        // `ليل السبت الأحد` is one night, dated by the day it begins on;
        // `نهاية الأسبوع الجاري` names no day and is left out.
        dates: &[
            ("ليل السبت الأحد", "2023-09-09"),
            ("فجر اليوم الاثنين", "2023-09-11"),
            ("عام 1950", "1950"),
            ("اليوم", "2023-09-11"),
            ("مساء أمس", "2023-09-10"),
            ("الأربعاء الماضي", "2023-09-06"),
            ("4", "2023-09-04"),
            ("7 سبتمبر", "2023-09-07"),
        ],
    },
    Case {
        name: "06_elections_france",
        title: "التجمع الوطني يتصدر الجولة الأولى",
        dateline: "باريس - الجزيرة نت",
        headings: &["الجولة الثانية", "ماذا يعني فوز اليمين؟"],
        tweets: &[],
        dates: &[
            ("أمس الأحد", "2024-06-30"),
            ("فجر اليوم", "2024-07-01"),
            ("عام 1997", "1997"),
            ("7 يوليو", "2024-07-07"),
            ("9 يونيو", "2024-06-09"),
            ("عامي 1997", "1997"),
            ("2002", "2002"),
            ("2027", "2027"),
        ],
    },
    Case {
        name: "07_health_dengue",
        title: "ارتفاع إصابات حمى الضنك في اليمن إلى أكثر من 13 ألف حالة منذ مطلع العام",
        dateline: "صنعاء - شينخوا",
        headings: &["حملات الرش", "نقص التمويل"],
        tweets: &[],
        // `خلال الأسبوع الماضي` and `فصل الشتاء` (no year) are left out.
        dates: &[
            ("الثلاثاء", "2023-10-10"),
            ("مطلع العام", "2023"),
            ("أغسطس", "2023-08"),
            ("السبت المقبل", "2023-10-14"),
            ("الربيع الماضي", "2023"),
            ("لعام 2023", "2023"),
            ("30 سبتمبر الماضي", "2023-09-30"),
        ],
    },
    Case {
        name: "08_diplomacy_qatar",
        title: "قطر تدين اقتحام المسجد الأقصى",
        dateline: "الدوحة - قنا",
        headings: &["وساطة مستمرة"],
        tweets: &[("MofaQatar_AR", "2024-03-05", 0, 2)],
        dates: &[
            ("صباح اليوم الثلاثاء", "2024-03-05"),
            ("5 مارس 2024", "2024-03-05"),
            ("الأحد الماضي", "2024-03-03"),
            ("بعد يوم واحد من لقائه", "2024-03-02"),
            ("يوم الخميس", "2024-03-07"),
            ("7 أكتوبر/تشرين الأول الماضي", "2023-10-07"),
        ],
    },
    Case {
        name: "09_tech_ai",
        title: "\"أوبن إيه آي\" تطلق نموذجا جديدا",
        dateline: "سان فرانسيسكو - وكالات",
        headings: &["منافسة محتدمة", "المحتوى العربي"],
        tweets: &[],
        // An offset dates the event it counts from: the conference the day
        // after Monday, and the launch of 30 November 2022 named beside it.
        dates: &[
            ("مساء الاثنين", "2024-05-13"),
            ("قبل يوم واحد من المؤتمر", "2024-05-14"),
            ("بعد 18 شهرا من طرح", "2022-11-30"),
            ("30 نوفمبر 2022", "2022-11-30"),
            ("نوفمبر 2023", "2023-11"),
            ("2019", "2019"),
            ("غدا الثلاثاء", "2024-05-15"),
            ("عام 2027", "2027"),
            ("2023", "2023"),
            ("العام الماضي", "2023"),
        ],
    },
    Case {
        name: "10_analysis_sudan",
        title: "السودان بعد عامين من الحرب.. أسئلة مفتوحة بلا إجابات",
        dateline: "الخرطوم - الجزيرة نت",
        headings: &[
            "لماذا الآن؟",
            "من يملك القرار؟",
            "ماذا عن المدنيين؟",
            "ماذا بعد؟",
        ],
        tweets: &[],
        dates: &[
            ("15 أبريل/نيسان 2023", "2023-04-15"),
            ("21 مارس الماضي", "2025-03-21"),
            ("يناير/كانون الثاني الماضي", "2025-01"),
            ("مايو/أيار 2023", "2023-05"),
            ("أغسطس/آب 2024", "2024-08"),
            ("أغسطس من العام الماضي", "2024-08"),
            ("فبراير/شباط الماضي", "2025-02"),
            ("أمس الثلاثاء", "2025-04-15"),
        ],
    },
];

fn check(case: &Case, errs: &mut String) {
    let name = case.name;
    let a = load(name);
    if !a.title.starts_with(case.title) {
        let _ = writeln!(errs, "{name}: title {:?}", a.title);
    }
    if a.dateline.as_deref() != Some(case.dateline) {
        let _ = writeln!(errs, "{name}: dateline {:?}", a.dateline);
    }
    let headings: Vec<&str> = a
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    if headings != case.headings {
        let _ = writeln!(errs, "{name}: headings {headings:?}");
    }
    // The title is not a paragraph of the lead.
    let lead = a.sections.first().and_then(|s| s.paragraphs.first());
    if lead.is_some_and(|p| p.starts_with(&a.title)) {
        let _ = writeln!(errs, "{name}: the title is also the lead");
    }
    let tweets: Vec<(&str, String, usize, usize)> = a
        .tweets
        .iter()
        .map(|t| {
            let date = t.date.map(|d| d.to_string()).unwrap_or_default();
            (t.handle.as_str(), date, t.section, t.position)
        })
        .collect();
    let want: Vec<(&str, String, usize, usize)> = case
        .tweets
        .iter()
        .map(|&(h, d, s, p)| (h, d.to_string(), s, p))
        .collect();
    if tweets != want {
        let _ = writeln!(errs, "{name}: tweets {tweets:?}");
    }
    let dates: Vec<(&str, String)> = a
        .dates
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(&str, String)> = case
        .dates
        .iter()
        .map(|&(t, d)| (t, d.to_string()))
        .collect();
    if dates != want {
        let _ = writeln!(errs, "{name}: dates {dates:?}");
    }
}

#[test]
fn genre_articles_yield_their_facts() {
    let mut errs = String::new();
    for case in CASES {
        check(case, &mut errs);
    }
    assert!(errs.is_empty(), "{errs}");
}

#[test]
fn question_headings_are_found_by_their_words() {
    let sudan = load("10_analysis_sudan");
    assert_eq!(sudan.find_section("ماذا بعد"), Some(4));
    assert_eq!(sudan.find_section("لماذا الآن"), Some(1));
    assert_eq!(sudan.find_section("المدنيين"), Some(3));
    assert_eq!(sudan.find_section("القرار"), Some(2));
    let france = load("06_elections_france");
    assert_eq!(france.find_section("الجولة الثانية"), Some(1));
    assert_eq!(france.find_section("اليمين"), Some(2));
}

#[test]
fn numbers_of_the_genres_do_not_split_sentences() {
    let text =
        |name: &str| -> Vec<String> { load(name).sentences.into_iter().map(|s| s.text).collect() };
    let sport = text("01_sport_derby");
    assert!(
        sport.iter().any(|s| s.contains("الدقيقة 90+3، ليرفع")),
        "{sport:?}"
    );
    let economy = text("02_economy_gdp");
    assert!(
        economy
            .iter()
            .any(|s| s.contains("نما بنسبة 2.8% على أساس سنوي")),
        "{economy:?}"
    );
    // Every paragraph of these two is one sentence.
    for name in ["02_economy_gdp", "05_weather_storm"] {
        let a = load(name);
        let paragraphs: usize = a.sections.iter().map(|s| s.paragraphs.len()).sum();
        assert_eq!(a.sentences.len(), paragraphs, "{name}: {:?}", a.sentences);
    }
}

#[test]
fn dates_of_unwritten_years_and_weeks_stay_out() {
    let economy = load("02_economy_gdp");
    assert!(
        economy
            .dates
            .iter()
            .all(|m| !m.text.contains("الربع الثاني"))
    );
    let health = load("07_health_dengue");
    assert!(health.dates.iter().all(|m| !m.text.contains("الأسبوع")));
    let sudan = load("10_analysis_sudan");
    // `بعد عامين من الحرب` counts from an event no date is given for.
    assert!(
        sudan.dates.iter().all(|m| m.date.is_some()),
        "{:?}",
        sudan.dates
    );
}
