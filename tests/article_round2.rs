//! Second-round review of the parser on realistic articles in the house styles
//! of several outlets (`tests/fixtures/round2/NAME.txt`, metadata beside it).
//!
//! Each case states the facts an editor would check: headings, dateline, tweets,
//! every date mention with its value, and what the timeline says happened. Each
//! test collects every mismatch before failing.

use nashra::article::{Article, ParseOptions, parse, parse_metadata};
use std::fmt::Write as _;
use std::path::PathBuf;

fn load(name: &str) -> Article {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/round2");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture text");
    let raw = std::fs::read_to_string(dir.join(format!("{name}.toml"))).expect("fixture toml");
    let meta = parse_metadata(&raw).expect("fixture metadata");
    parse(&text, &meta, &ParseOptions::default()).expect("fixture parses")
}

/// What one article must yield.
struct Case {
    name: &'static str,
    dateline: Option<&'static str>,
    headings: &'static [&'static str],
    /// Handle, date, section.
    tweets: &'static [(&'static str, Option<&'static str>, usize)],
    /// Every mention's exact text and value, in order.
    dates: &'static [(&'static str, &'static str)],
    /// Timeline dates with a phrase the event must hold, and one it must not.
    events: &'static [(&'static str, &'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        name: "01_gaza_truce_aljazeera",
        dateline: None,
        headings: &["\"المرحلة الأولى\" من الاتفاق", "ماذا بعد وقف إطلاق النار؟"],
        tweets: &[("realDonaldTrump", Some("2025-01-15"), 1)],
        dates: &[
            ("الأحد", "2025-01-19"),
            ("السابع من أكتوبر/تشرين الأول 2023", "2023-10-07"),
            ("صباح اليوم", "2025-01-19"),
            ("مساء الأربعاء الماضي", "2025-01-15"),
            ("January 15, 2025", "2025-01-15"),
            ("27 أكتوبر/تشرين الأول 2023", "2023-10-27"),
            ("مايو/أيار 2024", "2024-05"),
            ("مطلع مارس/آذار المقبل", "2025-03"),
        ],
        events: &[
            ("2023-10-07", "بدء الحرب", "حصيلة"),
            ("2025-01-19", "ارتفاع حصيلة الشهداء", "الأحد"),
        ],
    },
    Case {
        name: "02_saudi_budget_gulf",
        dateline: Some("الرياض - واس"),
        headings: &["تفاصيل الإنفاق", "رؤية 2030"],
        tweets: &[],
        dates: &[
            ("اليوم الثلاثاء 14 جمادى الأولى 1446هـ", "1446-05-14"),
            ("26 نوفمبر 2024م", "2024-11-26"),
            ("للعام المالي 2025", "2025"),
            ("العام الجاري", "2024"),
            ("25 أبريل 2016", "2016-04-25"),
            ("شهر مايو من العام المقبل", "2025-05"),
        ],
        events: &[("2024-11-26", "أقر مجلس الوزراء السعودي", "جمادى")],
    },
    Case {
        name: "03_morocco_hespress",
        dateline: None,
        headings: &["الجفاف يضرب الفلاحة", "هل تنجح الحكومة في خفض البطالة؟"],
        tweets: &[],
        dates: &[
            ("يوم الاثنين 3 فيفري 2025", "2025-02-03"),
            ("سنة 2024", "2024"),
            ("سنة 2023", "2023"),
            ("29 جويلية 2024", "2024-07-29"),
            ("14 جانفي الماضي", "2025-01-14"),
            ("السنة الجارية", "2025"),
            ("ماي المقبل", "2025-05"),
        ],
        events: &[("2024-07-29", "الملك محمد السادس قد دعا", "،")],
    },
    Case {
        name: "04_egypt_youm7",
        dateline: None,
        headings: &["أسعار الذهب اليوم", "توقعات صندوق النقد"],
        tweets: &[],
        dates: &[
            ("اليوم الخميس", "2025-02-13"),
            ("شهر يناير 2025", "2025-01"),
            ("ديسمبر 2024", "2024-12"),
            ("صباح اليوم", "2025-02-13"),
            ("20 فبراير الجاري", "2025-02-20"),
            ("6 مارس 2024", "2024-03-06"),
            ("بنهاية العام المالي 2025/2026", "2026"),
        ],
        events: &[
            ("2024-12", "24.1%", "يناير"),
            ("2025-01", "تراجع معدل التضخم", "ديسمبر"),
            ("2025-02-20", "سيجتمع", "إن \""),
        ],
    },
    Case {
        name: "05_bbc_sudan",
        dateline: None,
        headings: &["\"كارثة إنسانية\"", "من المسؤول؟"],
        tweets: &[("MSF_Sudan", Some("2025-04-13"), 1)],
        dates: &[
            ("مايو/أيار من العام الماضي", "2024-05"),
            ("24 فبراير/شباط", "2025-02-24"),
            ("April 13, 2025", "2025-04-13"),
            ("15 أبريل/نيسان 2023", "2023-04-15"),
            ("يوم الثلاثاء المقبل", "2025-04-15"),
        ],
        events: &[("2024-05", "وتحاصر قوات الدعم السريع", "منذ")],
    },
    Case {
        name: "06_anadolu_turkey_quake",
        dateline: Some("أنقرة / الأناضول"),
        headings: &["إعادة الإعمار", "الزلزال الثاني"],
        tweets: &[("RTErdogan", Some("2025-02-06"), 1)],
        dates: &[
            ("الخميس", "2025-02-06"),
            ("6 فبراير/ شباط 2023", "2023-02-06"),
            ("نهاية 2025", "2025-12-31"),
            ("8 فبراير 2023", "2023-02-08"),
        ],
        events: &[("2025-12-31", "453 ألف وحدة", "\"")],
    },
    Case {
        name: "07_rt_ukraine_talks",
        dateline: None,
        headings: &["محادثات إسطنبول", "موقف واشنطن"],
        tweets: &[("ZelenskyyUa", Some("2025-05-12"), 1)],
        dates: &[
            ("اليوم الجمعة", "2025-05-16"),
            ("29 مارس 2022", "2022-03-29"),
            ("24 فبراير 2022", "2022-02-24"),
            ("يوم الخميس 15 مايو", "2025-05-15"),
            ("May 12, 2025", "2025-05-12"),
            ("غدا السبت", "2025-05-17"),
            ("28 فبراير/شباط الماضي", "2025-02-28"),
        ],
        events: &[("2025-02-28", "مشادة علنية", "وفي")],
    },
    Case {
        name: "08_aawsat_lebanon_election",
        dateline: Some("بيروت: «الشرق الأوسط»"),
        headings: &["«عهد جديد»", "ماذا يعني انتخاب عون للمنطقة؟"],
        tweets: &[("EmmanuelMacron", Some("2025-01-09"), 1)],
        dates: &[
            ("الخميس", "2025-01-09"),
            ("31 أكتوبر (تشرين الأول) 2022", "2022-10-31"),
            ("٩ يناير ٢٠٢٥", "2025-01-09"),
            ("27 نوفمبر (تشرين الثاني) الماضي", "2024-11-27"),
            ("14 يونيو (حزيران) 2023", "2023-06-14"),
        ],
        events: &[("2025-01-09", "انتخب البرلمان اللبناني", "مبروك")],
    },
    Case {
        name: "09_independent_climate_cop",
        dateline: None,
        headings: &["\"لحظة تاريخية\"", "الصندوق الجديد"],
        tweets: &[],
        dates: &[
            ("صباح الأربعاء 13 ديسمبر (كانون الأول) 2023", "2023-12-13"),
            ("12 ديسمبر", "2023-12-12"),
            ("30 نوفمبر", "2023-11-30"),
            ("نوفمبر 2024", "2024-11"),
            ("عام 2025", "2025"),
            ("2100", "2100"),
        ],
        events: &[("2023-11-30", "تفعيل صندوق", "30 نوفمبر")],
    },
    Case {
        name: "10_sport_afcon",
        dateline: None,
        headings: &["مسيرة استثنائية", "اللقب الثالث"],
        tweets: &[("CAF_Online", Some("2024-02-11"), 1)],
        dates: &[
            ("مساء الأحد", "2024-02-11"),
            ("22 يناير", "2024-01-22"),
            ("24 يناير", "2024-01-24"),
            ("February 11, 2024", "2024-02-11"),
            ("عامي 1992", "1992"),
            ("2015", "2015"),
            ("21 ديسمبر 2025", "2025-12-21"),
            ("18 يناير 2026", "2026-01-18"),
        ],
        events: &[("2024-02-11", "توج منتخب كوت ديفوار", "CHAMPIONS")],
    },
    Case {
        name: "11_court_masrawy",
        dateline: Some("القاهرة - مصراوي"),
        headings: &["تفاصيل القضية", "هل يمكن الطعن على الحكم؟"],
        tweets: &[],
        dates: &[
            ("اليوم السبت", "2024-11-30"),
            ("يناير 2022", "2022-01"),
            ("أغسطس 2023", "2023-08"),
            ("12 أكتوبر الماضي", "2024-10-12"),
        ],
        events: &[("2024-11-30", "قضت محكمة جنايات القاهرة", "مصراوي")],
    },
    Case {
        name: "12_health_alarabiya",
        dateline: Some("دبي - العربية.نت"),
        headings: &["سلالة جديدة", "هل نحن أمام جائحة جديدة؟"],
        tweets: &[("DrTedros", Some("2024-08-14"), 1)],
        dates: &[
            ("يوم الأربعاء 14 أغسطس 2024", "2024-08-14"),
            ("مطلع العام", "2024"),
            ("العام الماضي", "2023"),
            ("سبتمبر من العام الماضي", "2023-09"),
            ("August 14, 2024", "2024-08-14"),
            ("يوليو 2022", "2022-07"),
            ("مايو 2023", "2023-05"),
            ("11 مارس 2020", "2020-03-11"),
        ],
        events: &[("2022-07", "حالة طوارئ مماثلة", "ترفعها")],
    },
];

fn check(case: &Case, errs: &mut String) {
    let a = load(case.name);
    let name = case.name;
    if a.dateline.as_deref() != case.dateline {
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
    let lead = &a.sections[0];
    if lead.heading.is_some() || lead.paragraphs.len() != 2 {
        let _ = writeln!(errs, "{name}: lead {:?}", lead.paragraphs);
    }
    let tweets: Vec<(String, Option<String>, usize)> = a
        .tweets
        .iter()
        .map(|t| (t.handle.clone(), t.date.map(|d| d.to_string()), t.section))
        .collect();
    let want: Vec<(String, Option<String>, usize)> = case
        .tweets
        .iter()
        .map(|&(h, d, s)| (h.to_string(), d.map(str::to_string), s))
        .collect();
    if tweets != want {
        let _ = writeln!(errs, "{name}: tweets {tweets:?}");
    }
    let dates: Vec<(String, String)> = a
        .dates
        .iter()
        .map(|m| {
            (
                m.text.clone(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = case
        .dates
        .iter()
        .map(|&(t, v)| (t.to_string(), v.to_string()))
        .collect();
    if dates != want {
        let _ = writeln!(errs, "{name}: dates {dates:?}");
    }
    for m in &a.dates {
        if !m.sentence.contains(&m.text) {
            let _ = writeln!(errs, "{name}: {:?} not in its sentence", m.text);
        }
    }
    if !a.timeline.windows(2).all(|w| w[0].date < w[1].date) {
        let _ = writeln!(errs, "{name}: timeline out of order");
    }
    for &(date, has, lacks) in case.events {
        match a.timeline.iter().find(|e| e.date.to_string() == date) {
            Some(e) if e.event.contains(has) && !e.event.contains(lacks) => {}
            other => {
                let _ = writeln!(errs, "{name}: {date} event {:?}", other.map(|e| &e.event));
            }
        }
    }
    let first = a.sentences.first().map(|s| s.text.as_str());
    if a.summary.len() != 3 || a.summary.first().map(String::as_str) != first {
        let _ = writeln!(
            errs,
            "{name}: summary does not open with the lead {:?}",
            a.summary
        );
    }
    if a.title.starts_with("كتب") || a.title.ends_with(':') {
        let _ = writeln!(errs, "{name}: title {:?}", a.title);
    }
}

#[test]
fn realistic_articles_yield_their_facts() {
    let mut errs = String::new();
    for case in CASES {
        check(case, &mut errs);
    }
    assert!(errs.is_empty(), "{errs}");
}

#[test]
fn a_byline_and_a_colon_dateline_are_not_text() {
    let egypt = load("04_egypt_youm7");
    assert!(
        egypt.title.starts_with("أعلن الجهاز المركزي"),
        "{}",
        egypt.title
    );
    let court = load("11_court_masrawy");
    let all: Vec<&String> = court.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert!(all.iter().all(|p| !p.contains("مصراوي")), "{all:?}");
}

#[test]
fn quotations_and_pauses_do_not_split_sentences() {
    let texts =
        |name: &str| -> Vec<String> { load(name).sentences.into_iter().map(|s| s.text).collect() };
    let egypt = texts("04_egypt_youm7");
    assert!(
        egypt
            .iter()
            .any(|s| s.starts_with("وقال د. أحمد") && s.ends_with("القرار\".")),
        "{egypt:?}"
    );
    let morocco = texts("03_morocco_hespress");
    assert!(
        morocco
            .iter()
            .any(|s| s.starts_with("غير أن خبراء") && s.ends_with("الخاص!")),
        "{morocco:?}"
    );
    let cop = texts("09_independent_climate_cop");
    assert!(cop.iter().any(|s| s.ends_with("كثيرة\"؟!")), "{cop:?}");
    let court = texts("11_court_masrawy");
    assert!(
        court.iter().any(|s| s.starts_with("وقال م. خالد حسن")),
        "{court:?}"
    );
}
