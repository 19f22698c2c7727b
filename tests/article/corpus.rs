//! The corpus runner: every annotated case under `tests/corpus/` parsed and
//! compared with its `NAME.expected.json`.
//!
//! Synthetic cases (`synthetic/`) pin behaviour exactly: dateline, headings,
//! tweets, every date mention with its value in order, timeline events. Real
//! articles (`real/`) are scored as the README's figures are (see `testkit::corpus`), and
//! the totals may not fall below the floors here: raise them as the parser improves.

use article::Article;
use std::fmt::Write as _;
use testkit::corpus::{Case, Miss, Score, cases, corpus_dir, headings, score};

/// Date F1 the real articles must keep, per split.
const FLOOR_DEV_F1: f64 = 0.96;
const FLOOR_HELDOUT_F1: f64 = 0.96;
const FLOOR_FRESH_F1: f64 = 0.94;
/// The batches named by region and genre (`nile`, `levant`, `iraq`, …), together.
const FLOOR_BATCHES_F1: f64 = 0.86;
/// The splits of the first corpus; every other split is a later batch.
const FIRST_SPLITS: [&str; 3] = ["dev", "heldout", "fresh"];

fn load(rel: &str) -> Article {
    testkit::corpus::load(&corpus_dir().join(rel))
}

fn outlet(name: &str) -> Article {
    load(&format!("synthetic/outlets/{name}"))
}

fn genre(name: &str) -> Article {
    load(&format!("synthetic/genres/{name}"))
}

/// Every mismatch of a synthetic case with its annotation.
fn check_exact(case: &Case, errs: &mut String) {
    let (a, e, name) = (&case.article, &case.expected, &case.name);
    if let Some(start) = &e.title_starts {
        if !a.title.starts_with(start.as_str()) {
            let _ = writeln!(errs, "{name}: title {:?}", a.title);
        }
        // The title is not a paragraph of the lead.
        let lead = a.sections.first().and_then(|s| s.paragraphs.first());
        if lead.is_some_and(|p| p.starts_with(&a.title)) {
            let _ = writeln!(errs, "{name}: the title is also the lead");
        }
    }
    if let Some(dateline) = &e.dateline
        && a.dateline != *dateline
    {
        let _ = writeln!(errs, "{name}: dateline {:?}", a.dateline);
    }
    if let Some(n) = e.lead_paragraphs {
        let lead = &a.sections[0];
        if lead.heading.is_some() || lead.paragraphs.len() != n {
            let _ = writeln!(errs, "{name}: lead {:?}", lead.paragraphs);
        }
    }
    let found = headings(a);
    if found != e.headings {
        let _ = writeln!(errs, "{name}: headings {found:?}");
    }
    let tweets: Vec<String> = a
        .tweets
        .iter()
        .zip(e.tweets.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(t, w)| {
            format!(
                "{} {:?} {:?} {:?}",
                t.handle,
                t.date.map(|d| d.to_string()),
                w.and(w.and_then(|w| w.section).map(|_| t.section)),
                w.and(w.and_then(|w| w.position).map(|_| t.position)),
            )
        })
        .collect();
    let want: Vec<String> = e
        .tweets
        .iter()
        .map(|w| format!("{} {:?} {:?} {:?}", w.handle, w.date, w.section, w.position))
        .collect();
    if tweets != want {
        let _ = writeln!(errs, "{name}: tweets {tweets:?}, want {want:?}");
    }
    // A mention the parser hedges (`certain: false`) claims nothing.
    let dates: Vec<(&str, String)> = a
        .dates
        .iter()
        .filter(|m| m.certain)
        .map(|m| {
            (
                m.text.as_str(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(&str, String)> = e
        .dates
        .iter()
        .filter(|d| !d.uncertain)
        .map(|d| (d.text.as_str(), d.date.clone().unwrap_or_default()))
        .collect();
    if dates != want {
        let _ = writeln!(errs, "{name}: dates {dates:?}");
    }
    let (_, misses) = score(case);
    for m in misses {
        if let Miss::Wrong(f, Some(w)) = m {
            let _ = writeln!(
                errs,
                "{name}: {:?} is {:?}, annotated {:?} {:?}",
                f.text, f.calendar, w.date, w.calendar
            );
        }
    }
    for m in &a.dates {
        if !m.sentence.contains(&m.text) {
            let _ = writeln!(errs, "{name}: {:?} not in its sentence", m.text);
        }
    }
    if !a.timeline.windows(2).all(|w| w[0].date < w[1].date) {
        let _ = writeln!(errs, "{name}: timeline out of order");
    }
    for ev in &e.timeline {
        match a.timeline.iter().find(|t| t.date.to_string() == ev.date) {
            Some(t) if t.event.contains(&ev.contains) && !t.event.contains(&ev.excludes) => {}
            other => {
                let _ = writeln!(
                    errs,
                    "{name}: {} event {:?}",
                    ev.date,
                    other.map(|t| &t.event)
                );
            }
        }
    }
}

#[test]
fn synthetic_cases_yield_exactly_their_annotation() {
    let all = cases(&corpus_dir().join("synthetic"));
    assert!(all.len() >= 20, "only {} synthetic cases", all.len());
    let mut errs = String::new();
    for case in &all {
        check_exact(case, &mut errs);
    }
    assert!(errs.is_empty(), "{errs}");
}

#[test]
fn real_articles_keep_their_scores() {
    let all = cases(&corpus_dir().join("real"));
    assert!(all.len() >= 40, "only {} real articles", all.len());
    let mut errs = String::new();
    for (split, floor) in [
        ("dev", FLOOR_DEV_F1),
        ("heldout", FLOOR_HELDOUT_F1),
        ("fresh", FLOOR_FRESH_F1),
        ("batches", FLOOR_BATCHES_F1),
    ] {
        let mut total = Score::default();
        let in_split = |c: &&Case| match c.expected.split.as_deref() {
            Some(s) if split == "batches" => !FIRST_SPLITS.contains(&s),
            s => s == Some(split),
        };
        for case in all.iter().filter(in_split) {
            let (s, _) = score(case);
            total.add(&s);
            if s.headings_found < s.headings {
                let _ = writeln!(
                    errs,
                    "{}: headings {:?}, annotated {:?}",
                    case.name,
                    headings(&case.article),
                    case.expected.headings
                );
            }
            if s.extra_headings > 0 {
                let _ = writeln!(
                    errs,
                    "{}: headings {:?}, annotated {:?}",
                    case.name,
                    headings(&case.article),
                    case.expected.headings
                );
            }
            if s.tweets_found < s.tweets {
                let _ = writeln!(errs, "{}: tweets {:?}", case.name, case.article.tweets);
            }
        }
        if total.f1() < floor {
            let _ = writeln!(errs, "{split}: date F1 {:.3} below {floor}", total.f1());
        }
    }
    assert!(errs.is_empty(), "{errs}");
}

#[test]
fn annotations_agree_with_their_metadata() {
    for case in cases(&corpus_dir()) {
        let published = case.article.published.map(|d| d.to_string());
        assert_eq!(published, case.expected.published, "{}", case.name);
        for d in &case.expected.dates {
            let want = match d.precision.as_str() {
                "day" => 10,
                "month" => 7,
                "year" => 4,
                p => panic!("{}: precision {p}", case.name),
            };
            assert!(
                d.date.as_ref().is_none_or(|v| v.len() == want),
                "{}: {:?}",
                case.name,
                d
            );
        }
    }
}

#[test]
fn a_byline_and_a_colon_dateline_are_not_text() {
    let egypt = outlet("04_egypt_youm7");
    assert!(
        egypt.title.starts_with("أعلن الجهاز المركزي"),
        "{}",
        egypt.title
    );
    let court = outlet("11_court_masrawy");
    let all: Vec<&String> = court.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert!(all.iter().all(|p| !p.contains("مصراوي")), "{all:?}");
}

#[test]
fn quotations_and_pauses_do_not_split_sentences() {
    let texts = |name: &str| -> Vec<String> {
        outlet(name).sentences.into_iter().map(|s| s.text).collect()
    };
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

#[test]
fn question_headings_are_found_by_their_words() {
    let sudan = genre("10_analysis_sudan");
    assert_eq!(sudan.find_section("ماذا بعد"), Some(4));
    assert_eq!(sudan.find_section("لماذا الآن"), Some(1));
    assert_eq!(sudan.find_section("المدنيين"), Some(3));
    assert_eq!(sudan.find_section("القرار"), Some(2));
    let france = genre("06_elections_france");
    assert_eq!(france.find_section("الجولة الثانية"), Some(1));
    assert_eq!(france.find_section("اليمين"), Some(2));
}

#[test]
fn numbers_of_the_genres_do_not_split_sentences() {
    let text =
        |name: &str| -> Vec<String> { genre(name).sentences.into_iter().map(|s| s.text).collect() };
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
        let a = genre(name);
        let paragraphs: usize = a.sections.iter().map(|s| s.paragraphs.len()).sum();
        assert_eq!(a.sentences.len(), paragraphs, "{name}: {:?}", a.sentences);
    }
}

#[test]
fn dates_of_unwritten_years_and_weeks_stay_out() {
    let economy = genre("02_economy_gdp");
    assert!(
        economy
            .dates
            .iter()
            .all(|m| !m.text.contains("الربع الثاني"))
    );
    let health = genre("07_health_dengue");
    assert!(health.dates.iter().all(|m| !m.text.contains("الأسبوع")));
    let sudan = genre("10_analysis_sudan");
    // `بعد عامين من الحرب` counts from an event no date is given for.
    assert!(
        sudan.dates.iter().all(|m| m.date.is_some()),
        "{:?}",
        sudan.dates
    );
}
