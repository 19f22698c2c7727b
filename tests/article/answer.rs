//! Answering readers' questions: the question table over the seed and real
//! articles kept above its floors, the question words on the seed, the honest
//! "not found", English questions, and an article written here.

use article::answer::{Kind, Verdict};
use article::{Metadata, ParseOptions, parse};
use testkit::questions::{Indexed, arcd_path, contains, run_arcd, run_table, table, tally};

/// Share of the table's answerable questions that must be answered right, and of
/// its unanswerable ones that must be declined: raise them as answering improves.
const FLOOR_ANSWERED: f64 = 0.84;
const FLOOR_DECLINED: f64 = 1.0;
/// ARCD (vendored in `tests/corpus/arcd/`): answer text
/// found in the reply, and questions of another article declined.
const FLOOR_ARCD: f64 = 0.74;
const FLOOR_ARCD_DECLINED: f64 = 0.95;

fn seed() -> Indexed {
    Indexed::new(testkit::corpus::load(&testkit::corpus::seed_base()))
}

/// The answer's sentences, and its marked spans as text.
fn found(doc: &Indexed, question: &str) -> (article::answer::Answer, String, Vec<String>) {
    let verdict = doc.ask(question);
    let said = doc.said(&verdict);
    let Verdict::Found(answer) = verdict else {
        panic!("no answer to {question}: {verdict:?}");
    };
    let marks = answer
        .sentences
        .iter()
        .zip(&answer.marks)
        .flat_map(|(&i, spans)| {
            let text = &doc.article.sentences[i].text;
            spans.iter().map(move |&(s, e)| text[s..e].to_string())
        })
        .collect();
    (answer, said, marks)
}

#[test]
fn the_question_table_stays_above_its_floors() {
    let table = table();
    assert!(!table.about.is_empty(), "the table says how it was made");
    let outcomes = run_table(&table);
    let ((right, asked), (declined, unanswerable)) = tally(&outcomes, None);
    let misses: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.right)
        .map(|o| format!("{} → {:?} {:?}", o.asked.question, o.said, o.date))
        .collect();
    assert!(
        asked >= 30,
        "the table asks at least 30 answerable questions"
    );
    assert!(
        right as f64 >= FLOOR_ANSWERED * asked as f64,
        "{right}/{asked} answered right; misses:\n{}",
        misses.join("\n")
    );
    assert!(
        declined as f64 >= FLOOR_DECLINED * unanswerable as f64,
        "{declined}/{unanswerable} unanswerable questions declined; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn when_answers_with_the_resolved_date_first() {
    let doc = seed();
    let (answer, said, marks) = found(&doc, "متى انتهت المهمة القتالية؟");
    assert_eq!(answer.kind, Kind::When);
    assert!(said.contains("انتهاء المهام القتالية"), "{said}");
    let date = answer.date.map(|k| &doc.article.dates[k]).expect("a date");
    assert_eq!(
        date.date.map(|d| d.to_string()).as_deref(),
        Some("2021-12-29")
    );
    assert!(
        marks.iter().any(|m| m.contains("اليوم الأربعاء")),
        "{marks:?}"
    );

    let (answer, _, _) = found(&doc, "منذ متى تقود الولايات المتحدة التحالف الدولي؟");
    let date = answer.date.map(|k| &doc.article.dates[k]).expect("a date");
    assert_eq!(date.date.map(|d| d.to_string()).as_deref(), Some("2014"));
}

#[test]
fn how_many_who_where_and_why_on_the_seed() {
    let doc = seed();
    let (answer, said, marks) = found(&doc, "كم جنديا بقي؟");
    assert_eq!(answer.kind, Kind::HowMany);
    assert!(said.contains("2500 جندي"), "{said}");
    assert!(
        marks.iter().any(|m| m.contains("2500")),
        "the number is marked: {marks:?}"
    );

    let (answer, said, _) = found(&doc, "من يقود تحالف الفتح؟");
    assert_eq!(answer.kind, Kind::Who);
    assert!(said.contains("هادي العامري"), "{said}");
    assert_eq!(answer.section, 3, "the answer names its section");

    let (_, said, _) = found(&doc, "أين قتل قاسم سليماني؟");
    assert!(said.contains("ببغداد"), "{said}");
    let (answer, said, _) = found(
        &doc,
        "لماذا تبنى البرلمان قرارا بإنهاء تواجد القوات الأجنبية؟",
    );
    assert_eq!(answer.kind, Kind::Why);
    assert!(said.contains("مقتل"), "{said}");
}

#[test]
fn nothing_relevant_is_said_plainly_not_guessed() {
    let doc = seed();
    for q in [
        "ما هو سعر النفط اليوم؟",
        "من فاز بكأس العالم؟",
        "كم عدد سكان الصين؟",
        "",
        "؟؟؟",
        "ما هو؟",
    ] {
        assert_eq!(doc.ask(q), Verdict::NotFound, "{q:?}");
    }
    assert_eq!(doc.ask("What is the weather like today?"), Verdict::Foreign);
    assert_eq!(doc.ask("hello there"), Verdict::Foreign);
}

#[test]
fn english_questions_are_matched_through_numbers_dates_and_the_glossary() {
    let doc = seed();
    let (answer, said, _) = found(&doc, "How many soldiers will the United States keep?");
    assert!(answer.english && answer.kind == Kind::HowMany);
    assert!(said.contains("2500"), "{said}");
    let (answer, said, _) = found(&doc, "What happened in 2014?");
    assert!(said.contains("2014"), "{said}");
    assert_eq!(answer.kind, Kind::What);
}

#[test]
fn a_question_reads_as_one_and_a_heading_does_not() {
    let doc = seed();
    let is_question = |t: &str| doc.index.is_question(t);
    assert!(is_question("متى انتهت المهمة؟"));
    assert!(is_question("كم جنديا بقي"));
    assert!(is_question("ما دور التحالف"));
    assert!(is_question("When did it end"));
    assert!(!is_question("تنفيذ الاتفاق"));
    assert!(!is_question("جاهزية القوات"));
}

#[test]
fn any_article_is_answered_from_its_own_sentences() {
    let text = "\
أعلنت بلدية المدينة اليوم الأربعاء افتتاح جسر جديد فوق النهر.
وقال رئيس البلدية سامر خليل إن الجسر كلف 40 مليون دولار.
تأخر المشروع
تأخر الافتتاح ستة أشهر بسبب نقص مواد البناء.
";
    let meta = Metadata {
        published: chrono::NaiveDate::from_ymd_opt(2023, 3, 15),
        ..Metadata::default()
    };
    let doc = Indexed::new(parse(text, &meta, &ParseOptions::default()).unwrap());
    let (_, said, _) = found(&doc, "كم كلف الجسر؟");
    assert!(contains(&said, "40 مليون دولار"), "{said}");
    let (_, said, _) = found(&doc, "من هو رئيس البلدية؟");
    assert!(said.contains("سامر خليل"), "{said}");
    let (_, said, _) = found(&doc, "لماذا تأخر افتتاح الجسر؟");
    assert!(said.contains("نقص مواد البناء"), "{said}");
    let (answer, _, _) = found(&doc, "متى افتتح الجسر؟");
    let date = answer.date.map(|k| &doc.article.dates[k]).expect("a date");
    assert_eq!(
        date.date.map(|d| d.to_string()).as_deref(),
        Some("2023-03-15")
    );
    assert_eq!(doc.ask("ما اسم المهندس؟"), Verdict::NotFound);
}

#[test]
fn arcd_stays_above_its_floors() {
    let path = arcd_path();
    let asked = run_arcd(&path);
    let n = asked.len() as f64;
    let right = asked.iter().filter(|o| o.right).count() as f64;
    let declined = asked.iter().filter(|o| o.elsewhere_declined).count() as f64;
    assert!(right >= FLOOR_ARCD * n, "ARCD {right}/{n}");
    assert!(
        declined >= FLOOR_ARCD_DECLINED * n,
        "ARCD elsewhere declined {declined}/{n}"
    );
    let sample = &asked[0];
    assert!(!sample.title.is_empty() && !sample.question.is_empty() && !sample.answer.is_empty());
    assert!(asked.iter().any(|o| o.right && !o.said.is_empty()));
}
