//! The parser on the real article in `content/`: every fact the issue lists.

use article::{Article, Calendar, ParseOptions, Precision};
use nashra::content::load_file;
use std::path::PathBuf;

fn seed() -> Article {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/2021-12-29-coalition-iraq.txt");
    load_file(&path, &ParseOptions::default())
        .expect("the seed article loads")
        .article
}

#[test]
fn lead_and_three_headed_sections() {
    let a = seed();
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2021-12-29")
    );
    assert_eq!(a.sections.len(), 4);
    assert_eq!(a.sections[0].heading, None);
    assert_eq!(a.sections[0].paragraphs.len(), 2);
    let headings: Vec<&str> = a.sections[1..]
        .iter()
        .map(|s| s.heading.as_deref().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "\"جاهزية\" القوات العراقية",
            "تنفيذ الاتفاق بين بغداد وواشنطن",
            "ضغوط لسحب كافة القوات الأجنبية"
        ]
    );
    assert_eq!(
        a.sections
            .iter()
            .map(|s| s.paragraphs.len())
            .collect::<Vec<_>>(),
        [2, 3, 3, 3]
    );
    for (i, s) in a.sections.iter().enumerate() {
        assert_eq!(s.index, i);
    }
}

#[test]
fn the_tweet_is_kept_apart_in_the_first_headed_section() {
    let a = seed();
    assert_eq!(a.tweets.len(), 1);
    let t = &a.tweets[0];
    assert_eq!(t.handle, "MAKadhimi");
    assert_eq!(t.author, "Mustafa Al-Kadhimi مصطفى الكاظمي");
    assert_eq!(t.url, "https://x.com/MAKadhimi");
    assert_eq!(t.date.map(|d| d.to_string()).as_deref(), Some("2021-12-29"));
    assert_eq!(t.section, 1);
    assert!(t.text.starts_with("انتهت المهام القتالية للتحالف الدولي"));
    assert!(t.text.ends_with("عاش العراق"));
    let body: Vec<&String> = a.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert!(
        !body
            .iter()
            .any(|p| p.contains("عاش العراق") || p.starts_with('—'))
    );
}

#[test]
fn all_nine_date_mentions_with_their_values() {
    let a = seed();
    let got: Vec<(&str, String)> = a
        .dates
        .iter()
        .map(|d| {
            (
                d.text.as_str(),
                d.date.map(|v| v.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        ("اليوم الأربعاء", "2021-12-29"),
        ("31 ديسمبر/ كانون الأول الجاري", "2021-12-31"),
        ("December 29, 2021", "2021-12-29"),
        ("26 يوليو/ تموز الماضي", "2021-07-26"),
        ("نهاية العام الجاري", "2021-12-31"),
        ("عام 2014", "2014"),
        ("الـ31 من ديسمبر/ كانون الأول الجاري", "2021-12-31"),
        ("5 يناير/ كانون الثاني 2020", "2020-01-05"),
        ("بعد يومين من مقتل", "2020-01-03"),
    ];
    let want: Vec<(&str, String)> = want.iter().map(|(t, d)| (*t, d.to_string())).collect();
    assert_eq!(got, want);
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/2021-12-29-coalition-iraq.txt"),
    )
    .unwrap();
    for d in &a.dates {
        assert!(text.contains(&d.text), "{} is not a substring", d.text);
        assert!(d.sentence.contains(&d.text));
        assert_eq!(d.calendar, Calendar::Gregorian);
    }
    assert_eq!(
        a.dates
            .iter()
            .find(|d| d.text == "عام 2014")
            .unwrap()
            .precision,
        Precision::Year
    );
    assert_eq!(
        a.dates
            .iter()
            .find(|d| d.text == "26 يوليو/ تموز الماضي")
            .unwrap()
            .section,
        2
    );
    assert!(!a.dates.iter().any(|d| d.text.contains("2500")));
}

#[test]
fn timeline_is_the_six_key_dates_in_order() {
    let a = seed();
    let dates: Vec<String> = a.timeline.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2014",
            "2020-01-03",
            "2020-01-05",
            "2021-07-26",
            "2021-12-29",
            "2021-12-31"
        ]
    );
    let killing = &a.timeline[1];
    assert!(killing.event.starts_with("مقتل"), "{}", killing.event);
    assert!(
        a.timeline[2].event.contains("تبنى البرلمان"),
        "{}",
        a.timeline[2].event
    );
    assert!(a.timeline.iter().all(|e| !e.event.is_empty()));
}

/// Share of the shorter sentence's words that the other one has too.
fn overlap(a: &str, b: &str) -> f64 {
    let wa = article::normalize::words(a);
    let wb = article::normalize::words(b);
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared as f64 / short.len().max(1) as f64
}

#[test]
fn summary_has_the_lead_and_nothing_that_repeats_the_tweet() {
    let a = seed();
    assert_eq!(a.summary.len(), 3);
    assert!(
        a.summary[0].starts_with("أعلن رئيس الوزراء العراقي"),
        "{}",
        a.summary[0]
    );
    let tweet_sentences: Vec<&str> = a.tweets[0].text.split(". ").collect();
    for s in &a.summary {
        for t in &tweet_sentences {
            assert!(
                overlap(s, t) < 0.6,
                "summary sentence {s:?} repeats the tweet {t:?}"
            );
        }
    }
    for (i, x) in a.summary.iter().enumerate() {
        for y in &a.summary[i + 1..] {
            assert!(overlap(x, y) < 0.6, "{x:?} ~ {y:?}");
        }
    }
    // In article order: each sentence appears after the previous one.
    let body: String = a
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    let positions: Vec<usize> = a
        .summary
        .iter()
        .map(|s| body.find(s.as_str()).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(a.summarize(5).len(), 5);
}

#[test]
fn sections_are_found_by_number_and_by_heading_words() {
    let a = seed();
    assert_eq!(a.find_section("1"), Some(1));
    assert_eq!(a.find_section("٣"), Some(3));
    assert_eq!(a.find_section("جاهزية"), Some(1));
    assert_eq!(a.find_section("ضغوط القوات"), Some(3));
    assert_eq!(a.find_section("الاتفاق"), Some(2));
    assert_eq!(a.find_section("9"), None);
    assert_eq!(a.find_section("كرة القدم"), None);
}

#[test]
fn publication_date_is_inferred_without_metadata() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/2021-12-29-coalition-iraq.txt"),
    )
    .unwrap();
    let a = article::parse(&text, &Default::default(), &ParseOptions::default()).unwrap();
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2021-12-29")
    );
    assert_eq!(a.timeline.len(), 6);
    // The CLI's --published overrides both.
    let opts = ParseOptions {
        published: chrono::NaiveDate::from_ymd_opt(2022, 1, 3),
        ..Default::default()
    };
    let b = article::parse(&text, &Default::default(), &opts).unwrap();
    let july = b
        .dates
        .iter()
        .find(|d| d.text.starts_with("26 يوليو"))
        .unwrap();
    assert_eq!(july.date.unwrap().to_string(), "2021-07-26");
    assert_eq!(b.dates[0].date.unwrap().to_string(), "2022-01-03");
}

#[test]
fn json_follows_the_documented_schema() {
    let a = seed();
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    for key in [
        "title",
        "published",
        "language",
        "sections",
        "tweets",
        "dates",
        "timeline",
        "summary",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["sections"][0]["heading"], serde_json::Value::Null);
    assert_eq!(v["tweets"][0]["handle"], "MAKadhimi");
    assert_eq!(v["dates"][5]["date"], "2014");
    assert_eq!(v["dates"][5]["precision"], "year");
    assert_eq!(v["timeline"][0]["date"], "2014");
}
