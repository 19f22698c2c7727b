//! Property tests of `article::parse` on arbitrary text: it never panics,
//! every date mention is an exact substring of the input, every summary sentence
//! is a body sentence, blank input is `Err(Empty)` and the timeline is ordered.
//! And its work grows in step with the text, whatever the text's shape.

use article::{
    Metadata, ParseError, ParseOptions, SENTENCE_MAX_BYTES, SENTENCE_MAX_WORDS, parse,
    parse_with_stats,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use testkit::inputs;

/// Pieces of Arabic news text, chosen to hit the parser's special cases.
const PIECES: &[&str] = &[
    // letters, digits, punctuation, spacing
    "ا",
    "ب",
    "ت",
    "ج",
    "د",
    "ر",
    "س",
    "ع",
    "ف",
    "ق",
    "ك",
    "ل",
    "م",
    "ن",
    "ه",
    "و",
    "ي",
    "ى",
    "ة",
    "أ",
    "إ",
    "آ",
    "ء",
    "ئ",
    "ؤ",
    "0",
    "1",
    "2",
    "5",
    "9",
    "٠",
    "١",
    "٢",
    "٣",
    "٤",
    "٥",
    "٦",
    "٧",
    "٨",
    "٩",
    ".",
    "؟",
    "!",
    "…",
    "،",
    "\"",
    "—",
    "(",
    ")",
    "@",
    "/",
    ":",
    "%",
    "٪",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{feff}",
    "\u{0640}",
    "\u{064B}",
    "\u{064E}",
    "\u{064F}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{0670}",
    "\u{200f}",
    // month names
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
    "يناير/ كانون الثاني",
    "ديسمبر/كانون الأول",
    "December",
    "May",
    "رمضان",
    "شوال",
    "محرم",
    // date words
    "الجاري",
    "الماضي",
    "المقبل",
    "اليوم",
    "أمس",
    "أمس الأول",
    "غدا",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "يوم",
    "عام",
    "منذ",
    "في",
    "من",
    "الـ",
    "الشهر",
    "العام",
    "بحلول نهاية",
    "نهاية",
    "بعد يومين من",
    "بعد ثلاثة أيام من",
    "قبل يومين",
    "هـ",
    " هـ",
    "1443",
    "٢٠٢١",
    "2021",
    "2020",
    "31",
    "29",
    "00",
    "0000",
    "99999999999999999999",
    "جندي",
    "دولار",
    "شخص",
    // whole expressions
    "5 يناير/ كانون الثاني 2020",
    "الـ31 من ديسمبر/ كانون الأول الجاري",
    "26 يوليو/ تموز الماضي",
    "منذ عام 2014",
    "15 رمضان 1443 هـ",
    "29 فبراير 2021",
    "31 نوفمبر الماضي",
    "0 مارس 0",
    "December 29, 2021",
    "\n— اسم (@handle) December 29, 2021\n",
    "\n— اسم (@handle) ٢٩ ديسمبر ٢٠٢١\n",
    "\n— (@) \n",
    "\n\"جاهزية\" القوات\n",
    "\nهل تصمد الأسعار؟\n",
];

/// Text made of the pieces above, with the odd arbitrary character.
fn arabic_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..160).prop_map(|v| v.concat())
}

/// Line-shaped text: paragraphs, headings and tweets, joined by LF or CRLF.
fn article_like() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(select(PIECES), 0..30).prop_map(|v| v.join(" "));
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(line, 0..15),
    )
        .prop_map(|(bom, crlf, lines)| {
            let sep = if crlf { "\r\n" } else { "\n" };
            format!("{}{}", if bom { "\u{feff}" } else { "" }, lines.join(sep))
        })
}

fn options() -> impl Strategy<Value = ParseOptions> {
    (prop::option::of(-40_000i32..40_000), 0usize..6).prop_map(|(days, summary_sentences)| {
        ParseOptions {
            published: days.map(|d| {
                NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
                    + chrono::TimeDelta::days(i64::from(d))
            }),
            summary_sentences,
            ..ParseOptions::default()
        }
    })
}

fn check(input: &str, opts: &ParseOptions) -> Result<(), TestCaseError> {
    let blank = input.chars().all(|c| c.is_whitespace() || c == '\u{feff}');
    match parse(input, &Metadata::default(), opts) {
        Err(e) => {
            // The only error `parse` has; whether some non-blank oddity (a lone
            // attribution line) counts as empty is left to the parser.
            prop_assert_eq!(e, ParseError::Empty);
        }
        Ok(article) => {
            prop_assert!(!blank, "blank input parsed as an article");
            for m in &article.dates {
                prop_assert!(!m.text.is_empty(), "empty date mention");
                prop_assert!(
                    input.contains(&m.text),
                    "date text {:?} is not a substring of the input",
                    m.text
                );
            }
            for s in &article.summary {
                prop_assert!(
                    article.sentences.iter().any(|x| &x.text == s),
                    "summary sentence {:?} is not a sentence of the article",
                    s
                );
            }
            prop_assert!(article.summary.len() <= opts.summary_sentences);
            for w in article.timeline.windows(2) {
                prop_assert!(
                    w[0].date < w[1].date,
                    "timeline not strictly chronological: {} then {}",
                    w[0].date,
                    w[1].date
                );
            }
            for (i, s) in article.sections.iter().enumerate() {
                prop_assert_eq!(s.index, i);
            }
            for t in &article.tweets {
                prop_assert!(t.section < article.sections.len());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arabic_soup_never_panics(input in arabic_soup(), opts in options()) {
        check(&input, &opts)?;
    }

    #[test]
    fn article_shaped_text_never_panics(input in article_like(), opts in options()) {
        check(&input, &opts)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(input in any::<String>(), opts in options()) {
        check(&input, &opts)?;
    }
}

#[test]
fn blank_inputs_are_empty() {
    for input in ["", "\u{feff}", " \r\n\t\n", "\u{feff}\r\n\r\n   "] {
        let got = parse(input, &Metadata::default(), &ParseOptions::default()).map(|a| a.title);
        assert_eq!(got, Err(ParseError::Empty), "input {input:?}");
    }
}

/// Counts the bytes each thread asks of the allocator, so that a test can
/// measure what one parse allocates without timing anything.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the thread's counter is gone while the thread shuts down.
    let _ = ALLOCATED.try_with(|a| a.set(a.get() + bytes as u64));
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The work one parse of `text` does, in measures that do not depend on the
/// machine: tokens the date grammar read, bytes of sentence read around dates,
/// and bytes asked of the allocator.
fn work(text: &str) -> [(&'static str, u64); 3] {
    let meta = Metadata {
        published: NaiveDate::from_ymd_opt(2021, 12, 29),
        ..Metadata::default()
    };
    let before = ALLOCATED.with(Cell::get);
    let (article, stats) =
        parse_with_stats(text, &meta, &ParseOptions::default()).expect("the text parses");
    let allocated = ALLOCATED.with(Cell::get) - before;
    for s in &article.sentences {
        assert!(s.text.len() <= SENTENCE_MAX_BYTES, "{} bytes", s.text.len());
        let words = s.text.split_whitespace().count();
        assert!(words <= SENTENCE_MAX_WORDS, "{words} words");
    }
    assert!(stats.longest_sentence <= SENTENCE_MAX_BYTES);
    [
        ("date tokens read", stats.date_tokens),
        ("sentence bytes read around dates", stats.context_bytes),
        ("bytes allocated", allocated),
    ]
}

/// Twice the text, at most 2.5 times the work, for the realistic article and
/// every hostile shape: a cost that grew with the square of a line, a sentence
/// or the article would quadruple.
#[test]
fn parse_work_grows_linearly_with_the_text() {
    for &(shape, generate) in inputs::SHAPES {
        let (small, large) = (generate(50_000), generate(100_000));
        let (a, b) = (work(&small), work(&large));
        let size = large.len() as f64 / small.len() as f64;
        for ((what, x), (_, y)) in a.into_iter().zip(b) {
            assert!(x > 0, "{shape}: no {what} at all");
            let ratio = y as f64 / x as f64;
            assert!(
                ratio <= 2.5,
                "{shape}: {what} grew {ratio:.2} times ({x} to {y}) for {size:.2} times the text"
            );
        }
    }
}
