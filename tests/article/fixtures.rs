//! The article parser on small synthetic fixtures (`tests/corpus/synthetic/basics/NAME.txt`, with
//! optional `NAME.toml` metadata beside it) and on the seed article in `content/`.
//!
//! Expected values come from the parser's specification, not from its output. Each
//! test collects every mismatch before failing, so one run shows all of them.

use article::{
    Article, Calendar, DEFAULT_SUMMARY_SENTENCES, DateValue, Metadata, ParseError, ParseOptions,
    Precision, parse,
};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use testkit::corpus::{corpus_dir, read_article, seed_base};

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

struct Fixture {
    name: String,
    text: String,
    meta: Metadata,
}

impl Fixture {
    fn load(name: &str) -> Self {
        let base = corpus_dir().join("synthetic/basics").join(name);
        Self::from_base(name, &base)
    }

    fn seed() -> Self {
        Self::from_base("seed", &seed_base())
    }

    fn from_base(name: &str, base: &Path) -> Self {
        let (text, meta) = read_article(base);
        Self {
            name: name.to_string(),
            text,
            meta,
        }
    }

    fn parse(&self) -> Article {
        self.parse_with(&ParseOptions::default())
    }

    fn parse_with(&self, opts: &ParseOptions) -> Article {
        parse(&self.text, &self.meta, opts)
            .unwrap_or_else(|e| panic!("{}: parse failed: {e:?}", self.name))
    }
}

fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

fn precision_of(date: &str) -> Precision {
    match date.matches('-').count() {
        0 => Precision::Year,
        1 => Precision::Month,
        _ => Precision::Day,
    }
}

fn show(d: Option<DateValue>) -> String {
    d.map_or_else(|| "None".to_string(), |d| d.to_string())
}

// ---------------------------------------------------------------------------
// Expected values
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Val {
    /// Resolved to this value (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    On(&'static str),
    /// Recognised, but left unresolved (`date == None`).
    Unresolved,
    /// Tolerated if reported, whatever its value (only for optional mentions).
    Any,
}

/// One expected date mention. `texts` lists the acceptable exact spans: the first is
/// the canonical one, the others differ only where the spec leaves the boundary open
/// (a leading `منذ`/`في`/`يوم`, a preceding `مساء`).
#[derive(Clone, Copy, Debug)]
struct Want {
    texts: &'static [&'static str],
    val: Val,
    precision: Option<Precision>,
    calendar: Calendar,
    /// Hijri only: the Gregorian equivalent and how many days off it may be (the
    /// tabular and the Umm al-Qura calendars differ by a day or two).
    gregorian: Option<(&'static str, i64)>,
    section: usize,
}

fn on(texts: &'static [&'static str], date: &'static str, section: usize) -> Want {
    Want {
        texts,
        val: Val::On(date),
        precision: Some(precision_of(date)),
        calendar: Calendar::Gregorian,
        gregorian: None,
        section,
    }
}

fn unresolved(texts: &'static [&'static str], precision: Precision, section: usize) -> Want {
    Want {
        texts,
        val: Val::Unresolved,
        precision: Some(precision),
        calendar: Calendar::Gregorian,
        gregorian: None,
        section,
    }
}

fn hijri(
    texts: &'static [&'static str],
    date: &'static str,
    gregorian: &'static str,
    section: usize,
) -> Want {
    Want {
        texts,
        val: Val::On(date),
        precision: Some(precision_of(date)),
        calendar: Calendar::Hijri,
        gregorian: Some((gregorian, 2)),
        section,
    }
}

fn any(texts: &'static [&'static str], section: usize) -> Want {
    Want {
        texts,
        val: Val::Any,
        precision: None,
        calendar: Calendar::Gregorian,
        gregorian: None,
        section,
    }
}

struct WantTweet {
    text: &'static str,
    author: &'static str,
    handle: &'static str,
    date: &'static str,
    section: usize,
    position: usize,
}

// ---------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------

/// Collects mismatches; `finish` fails the test with all of them.
struct Check {
    name: String,
    errors: Vec<String>,
}

impl Check {
    fn new(name: &str) -> Self {
        Self {
            name: name.to_string(),
            errors: Vec::new(),
        }
    }

    fn fail(&mut self, msg: String) {
        self.errors.push(msg);
    }

    fn expect<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, actual: T, expected: T) {
        if actual != expected {
            self.fail(format!("{what}: expected {expected:?}, got {actual:?}"));
        }
    }

    fn finish(self) {
        if !self.errors.is_empty() {
            let mut out = format!("{}: {} problem(s)\n", self.name, self.errors.len());
            for e in &self.errors {
                let _ = writeln!(out, "  - {e}");
            }
            panic!("{out}");
        }
    }

    fn published(&mut self, a: &Article, expected: Option<&str>) {
        self.expect("published", a.published, expected.map(ymd));
    }

    /// `(heading, number of body paragraphs)` per section, lead first.
    fn sections(&mut self, a: &Article, expected: &[(Option<&str>, usize)]) {
        let actual: Vec<(Option<&str>, usize)> = a
            .sections
            .iter()
            .map(|s| (s.heading.as_deref(), s.paragraphs.len()))
            .collect();
        self.expect("sections (heading, paragraphs)", actual, expected.to_vec());
        for (i, s) in a.sections.iter().enumerate() {
            if s.index != i {
                self.fail(format!("section at position {i} has index {}", s.index));
            }
        }
    }

    fn tweets(&mut self, a: &Article, expected: &[WantTweet]) {
        if a.tweets.len() != expected.len() {
            let got: Vec<_> = a
                .tweets
                .iter()
                .map(|t| format!("{} | {} | @{}", t.text, t.author, t.handle))
                .collect();
            self.fail(format!(
                "tweets: expected {}, got {}: {got:?}",
                expected.len(),
                a.tweets.len()
            ));
        }
        for (i, (t, w)) in a.tweets.iter().zip(expected).enumerate() {
            self.expect(&format!("tweet {i} text"), t.text.as_str(), w.text);
            self.expect(&format!("tweet {i} author"), t.author.as_str(), w.author);
            self.expect(
                &format!("tweet {i} handle (without @)"),
                t.handle.trim_start_matches('@'),
                w.handle,
            );
            self.expect(&format!("tweet {i} date"), t.date, Some(ymd(w.date)));
            self.expect(&format!("tweet {i} section"), t.section, w.section);
            self.expect(&format!("tweet {i} position"), t.position, w.position);
            if !t.url.is_empty() && !t.url.to_lowercase().contains(&w.handle.to_lowercase()) {
                self.fail(format!(
                    "tweet {i} url {:?} does not name @{}",
                    t.url, w.handle
                ));
            }
        }
    }

    /// Every `wants` mention must be reported with its value; `optional` ones may be
    /// (tweet attribution dates, bare Hijri month names). Any other reported mention
    /// must overlap an expected one and agree with its value.
    fn dates(&mut self, a: &Article, wants: &[Want], optional: &[Want]) {
        let listing = || -> String {
            a.dates
                .iter()
                .map(|m| format!("{:?}={}", m.text, show(m.date)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut used = vec![false; a.dates.len()];
        let all = wants.iter().map(|w| (w, true));
        for (w, required) in all.chain(optional.iter().map(|w| (w, false))) {
            let pick = |same_section: bool| {
                a.dates.iter().enumerate().position(|(i, m)| {
                    !used[i]
                        && w.texts.contains(&m.text.as_str())
                        && (!same_section || m.section == w.section)
                })
            };
            let Some(i) = pick(true).or_else(|| pick(false)) else {
                if required {
                    self.fail(format!(
                        "missing date {:?} (want {:?}, section {}); reported: [{}]",
                        w.texts[0],
                        w.val,
                        w.section,
                        listing()
                    ));
                }
                continue;
            };
            used[i] = true;
            let m = &a.dates[i];
            let what = format!("date {:?}", m.text);
            match w.val {
                Val::On(d) => self.expect(&format!("{what} value"), show(m.date), d.to_string()),
                Val::Unresolved => {
                    self.expect(&format!("{what} value"), show(m.date), "None".to_string());
                }
                Val::Any => continue,
            }
            if let Some(p) = w.precision {
                self.expect(&format!("{what} precision"), m.precision, p);
            }
            self.expect(&format!("{what} calendar"), m.calendar, w.calendar);
            self.expect(&format!("{what} section"), m.section, w.section);
            if let Some((g, tolerance)) = w.gregorian {
                self.gregorian(&what, m.gregorian, g, tolerance);
            }
        }
        for (i, m) in a.dates.iter().enumerate() {
            if used[i] {
                continue;
            }
            let accounted = wants.iter().chain(optional).any(|w| {
                let overlaps = w
                    .texts
                    .iter()
                    .any(|t| t.contains(m.text.as_str()) || m.text.contains(t));
                let agrees = match w.val {
                    Val::On(d) => show(m.date) == d,
                    Val::Unresolved => m.date.is_none(),
                    Val::Any => true,
                };
                overlaps && agrees
            });
            if !accounted {
                self.fail(format!(
                    "unexpected date {:?} = {} ({:?}, section {}) in {:?}",
                    m.text,
                    show(m.date),
                    m.calendar,
                    m.section,
                    m.sentence
                ));
            }
        }
    }

    fn gregorian(&mut self, what: &str, actual: Option<DateValue>, want: &str, tolerance: i64) {
        let Some(g) = actual else {
            self.fail(format!(
                "{what}: Hijri mention has no Gregorian equivalent (want ~{want})"
            ));
            return;
        };
        if precision_of(want) == Precision::Day {
            let close = g
                .as_date()
                .is_some_and(|d| (d - ymd(want)).num_days().abs() <= tolerance);
            if !close {
                self.fail(format!(
                    "{what}: Gregorian {g}, want {want} ±{tolerance} days"
                ));
            }
        } else {
            self.expect(
                &format!("{what} Gregorian"),
                g.to_string(),
                want.to_string(),
            );
        }
    }

    /// The timeline holds each `expected` value once, in order, and nothing else but
    /// `allowed` values (tweet dates, Gregorian equivalents of Hijri dates).
    /// `events` pairs a date with words its event text must contain.
    fn timeline(
        &mut self,
        a: &Article,
        expected: &[&str],
        allowed: &[&str],
        events: &[(&str, &str)],
    ) {
        let got: Vec<String> = a.timeline.iter().map(|e| e.date.to_string()).collect();
        let hijri_equivalents: Vec<String> = a
            .dates
            .iter()
            .filter(|m| m.calendar == Calendar::Hijri)
            .filter_map(|m| m.gregorian.map(|g| g.to_string()))
            .collect();
        for w in a.timeline.windows(2) {
            if w[0].date >= w[1].date {
                self.fail(format!("timeline not strictly chronological: {got:?}"));
                break;
            }
        }
        for e in expected {
            if !got.iter().any(|g| g == e) {
                self.fail(format!("timeline lacks {e}: {got:?}"));
            }
        }
        for g in &got {
            let known = expected.contains(&g.as_str())
                || allowed.contains(&g.as_str())
                || hijri_equivalents.contains(g);
            if !known {
                self.fail(format!("unexpected timeline entry {g}: {got:?}"));
            }
        }
        let flat = a
            .sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>();
        for e in &a.timeline {
            self.expect(
                &format!("timeline {} precision", e.date),
                e.precision,
                e.date.precision(),
            );
            let event = e.event.trim().trim_end_matches('…').trim();
            if event.is_empty() {
                self.fail(format!("timeline {} has an empty event", e.date));
            } else if e.event.contains(['\r', '\n']) {
                self.fail(format!(
                    "timeline {} event has a line break: {:?}",
                    e.date, e.event
                ));
            } else if !flat.iter().any(|s| s.contains(event))
                && !a.tweets.iter().any(|t| t.text.contains(event))
            {
                self.fail(format!(
                    "timeline {} event is not a clause of the article: {:?}",
                    e.date, e.event
                ));
            }
            if e.section >= a.sections.len() {
                self.fail(format!(
                    "timeline {} section {} out of range",
                    e.date, e.section
                ));
            }
        }
        for (date, words) in events {
            match a.timeline.iter().find(|e| e.date.to_string() == *date) {
                Some(e) if e.event.contains(words) => {}
                Some(e) => self.fail(format!(
                    "timeline {date} event should be the clause with {words:?}, got {:?}",
                    e.event
                )),
                None => {}
            }
        }
    }

    /// Properties every parsed article has, whatever its content.
    fn common(&mut self, a: &Article, raw: &str) {
        for s in &a.sections {
            if let Some(h) = &s.heading {
                self.clean(&format!("heading {h:?}"), h);
            }
            for p in &s.paragraphs {
                self.clean(&format!("paragraph in section {}", s.index), p);
                if a.tweets.iter().any(|t| &t.text == p) {
                    self.fail(format!("tweet text kept as a paragraph: {p:?}"));
                }
                if p.starts_with('—') && p.contains("(@") {
                    self.fail(format!("attribution line kept as a paragraph: {p:?}"));
                }
            }
        }
        for t in &a.tweets {
            self.clean("tweet text", &t.text);
            if t.section >= a.sections.len() {
                self.fail(format!("tweet section {} out of range", t.section));
            } else if t.position > a.sections[t.section].paragraphs.len() {
                self.fail(format!("tweet position {} past its section", t.position));
            }
        }
        for s in &a.sentences {
            self.clean("sentence", &s.text);
            if a.tweets.iter().any(|t| t.text == s.text) {
                self.fail(format!(
                    "tweet text counted as a body sentence: {:?}",
                    s.text
                ));
            }
            if s.section >= a.sections.len() {
                self.fail(format!("sentence section {} out of range", s.section));
            }
        }
        for m in &a.dates {
            if m.text.is_empty() || !raw.contains(&m.text) {
                self.fail(format!(
                    "date text {:?} is not a substring of the input",
                    m.text
                ));
            }
            if !m.sentence.contains(&m.text) {
                self.fail(format!(
                    "date {:?} does not sit in its sentence {:?}",
                    m.text, m.sentence
                ));
            }
            if m.section >= a.sections.len() {
                self.fail(format!(
                    "date {:?} section {} out of range",
                    m.text, m.section
                ));
            }
            let known_sentence = a.sentences.iter().any(|s| s.text == m.sentence)
                || a.tweets.iter().any(|t| t.text == m.sentence)
                || a.sections
                    .iter()
                    .any(|s| s.heading.as_deref() == Some(&*m.sentence))
                || raw.lines().next().is_some_and(|l| l.trim() == &*m.sentence)
                || raw
                    .lines()
                    .any(|l| l.trim().starts_with('—') && l.trim() == m.sentence);
            if !known_sentence {
                self.fail(format!(
                    "date {:?}: its sentence is neither the headline, a heading, a body sentence, a tweet nor an \
                     attribution line: {:?}",
                    m.text, m.sentence
                ));
            }
            if let Some(d) = m.date {
                if m.precision != d.precision() {
                    self.fail(format!(
                        "date {:?}: precision {:?} but value {d}",
                        m.text, m.precision
                    ));
                }
                if m.calendar == Calendar::Gregorian && !(1900..=2100).contains(&d.year) {
                    self.fail(format!(
                        "date {:?} read as Gregorian year {}",
                        m.text, d.year
                    ));
                }
            }
        }
        self.summary(a, DEFAULT_SUMMARY_SENTENCES);
    }

    fn clean(&mut self, what: &str, s: &str) {
        if s.is_empty() || s != s.trim() || s.contains(['\r', '\n', '\u{feff}']) {
            self.fail(format!(
                "{what} not clean (empty, untrimmed, CR, LF or BOM): {s:?}"
            ));
        }
    }

    fn summary(&mut self, a: &Article, n: usize) {
        let distinct = a.sentences.len();
        if distinct >= n + 2 && a.summary.len() != n {
            self.fail(format!(
                "summary has {} sentences, want {n}: {:?}",
                a.summary.len(),
                a.summary
            ));
        }
        if a.summary.len() > n {
            self.fail(format!("summary longer than {n}: {:?}", a.summary));
        }
        let mut last = None;
        for s in &a.summary {
            match a.sentences.iter().position(|x| &x.text == s) {
                None => self.fail(format!("summary sentence is not a body sentence: {s:?}")),
                Some(i) => {
                    if last.is_some_and(|l| i <= l) {
                        self.fail(format!("summary not in article order: {:?}", a.summary));
                    }
                    last = Some(i);
                }
            }
            if a.tweets.iter().any(|t| t.text.contains(s.as_str())) {
                self.fail(format!("summary includes tweet text: {s:?}"));
            }
        }
        for (i, x) in a.summary.iter().enumerate() {
            for y in &a.summary[i + 1..] {
                let sim = jaccard(x, y);
                if sim >= 0.5 {
                    self.fail(format!(
                        "summary has near-duplicates (Jaccard {sim:.2}): {x:?} / {y:?}"
                    ));
                }
            }
        }
    }
}

/// Word-set Jaccard similarity after folding diacritics, tatweel, alef forms, ى and ة.
fn jaccard(a: &str, b: &str) -> f64 {
    fn words(s: &str) -> HashSet<String> {
        let folded: String = s
            .chars()
            .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}'))
            .map(|c| match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                c if c.is_alphanumeric() => c,
                _ => ' ',
            })
            .collect();
        folded.split_whitespace().map(String::from).collect()
    }
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let sim = a.intersection(&b).count() as f64 / union as f64;
    sim
}

// ---------------------------------------------------------------------------
// 1. Lead only
// ---------------------------------------------------------------------------

#[test]
fn lead_only_article_has_one_section_and_its_dates() {
    let f = Fixture::load("01_lead_only_economy");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2023-06-14"));
    c.expect(
        "title",
        a.title.as_str(),
        "البنك المركزي يرفع الفائدة ربع نقطة",
    );
    c.sections(&a, &[(None, 5)]);
    // Decimals (7.2%) do not end a sentence.
    c.expect("sentences", a.sentences.len(), 5);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            on(&["اليوم الأربعاء"], "2023-06-14", 0),
            on(&["عام 2008", "منذ عام 2008", "2008"], "2008", 0),
            on(&["مايو/ أيار الماضي"], "2023-05", 0),
            on(&["مارس 2023"], "2023-03", 0),
            on(
                &["بحلول نهاية العام الجاري", "نهاية العام الجاري"],
                "2023-12-31",
                0,
            ),
            on(&["الشهر الماضي"], "2023-05", 0),
            on(&["16 مارس/ آذار 2022"], "2022-03-16", 0),
            on(&["العام المقبل"], "2024", 0),
        ],
        &[],
    );
    // May 2023 is named twice (مايو الماضي, الشهر الماضي): one entry.
    c.timeline(
        &a,
        &[
            "2008",
            "2022-03-16",
            "2023-03",
            "2023-05",
            "2023-06-14",
            "2023-12-31",
            "2024",
        ],
        &[],
        &[("2022-03-16", "الزيادات")],
    );
    c.expect(
        "sections found by number",
        (a.find_section("0"), a.find_section("1")),
        (Some(0), None),
    );
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 2. Two tweets in different sections; a tweet repeating the lead
// ---------------------------------------------------------------------------

const CLUB_TWEET: &str =
    "توج نادي الوحدة بلقب الدوري المحلي لكرة القدم بعد فوزه على نادي الشعلة بهدفين دون رد 🏆";

#[test]
fn two_tweets_in_different_sections() {
    let f = Fixture::load("02_two_tweets_sport");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2023-05-28"));
    c.expect("source", a.source.as_deref(), Some("fixture"));
    c.sections(
        &a,
        &[
            (None, 2),
            (Some("فرحة النادي والجماهير"), 2),
            (Some("مدرب يصنع الفارق"), 2),
        ],
    );
    c.tweets(
        &a,
        &[
            WantTweet {
                text: CLUB_TWEET,
                author: "نادي الوحدة الرياضي",
                handle: "AlWahdaClub",
                date: "2023-05-27",
                section: 1,
                position: 1,
            },
            WantTweet {
                text: "شكرا لكل من ساند الفريق. موعدنا في البطولة القارية",
                author: "سامي الخطيب",
                handle: "SamiKhatibCoach",
                date: "2023-05-28",
                section: 2,
                position: 1,
            },
        ],
    );
    c.dates(
        &a,
        &[
            on(&["عام 2009", "منذ عام 2009", "2009"], "2009", 0),
            on(&["أمس"], "2023-05-27", 0),
            on(&["أكتوبر/ تشرين الأول 2021"], "2021-10", 2),
            on(&["2 يونيو/ حزيران المقبل"], "2023-06-02", 2),
        ],
        &[
            on(&["May 27, 2023"], "2023-05-27", 1),
            on(&["May 28, 2023"], "2023-05-28", 2),
        ],
    );
    c.timeline(
        &a,
        &["2009", "2021-10", "2023-05-27", "2023-06-02"],
        &["2023-05-28"],
        &[("2023-06-02", "الدرع")],
    );
    c.common(&a, &f.text);
    // The lead and the sentence quoting the tweet say the same thing: at most one of
    // them belongs in the summary, and never the tweet itself.
    let lead_like = a
        .summary
        .iter()
        .filter(|s| s.contains("بهدفين دون رد"))
        .count();
    if lead_like > 1 {
        c.fail(format!("summary repeats the lead: {:?}", a.summary));
    }
    if a.summary.iter().any(|s| s.contains('🏆')) {
        c.fail(format!("summary holds the tweet: {:?}", a.summary));
    }
    c.finish();
}

// ---------------------------------------------------------------------------
// 3. Attribution dated with an Arabic month and Arabic-Indic digits
// ---------------------------------------------------------------------------

#[test]
fn tweet_attribution_with_arabic_month_and_digits() {
    let f = Fixture::load("03_arabic_attribution_weather");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2021-12-29"));
    c.sections(&a, &[(None, 2), (Some("أمطار قياسية"), 2)]);
    c.tweets(
        &a,
        &[WantTweet {
            text: "تحذير: منخفض جوي عميق يؤثر على البلاد مع أمطار غزيرة وسيول محتملة في الأودية",
            author: "هيئة الأرصاد الجوية",
            handle: "Met_Authority",
            date: "2021-12-29",
            section: 0,
            position: 2,
        }],
    );
    c.dates(
        &a,
        &[
            on(&["اليوم الأربعاء"], "2021-12-29", 0),
            on(&["غدا"], "2021-12-30", 0),
            on(&["12 نوفمبر/ تشرين الثاني الماضي"], "2021-11-12", 1),
            on(&["عام 1994", "منذ عام 1994", "1994"], "1994", 1),
            // Wednesday 2021-12-29: the next Sunday is in the next year.
            on(&["يوم الأحد المقبل", "الأحد المقبل"], "2022-01-02", 1),
        ],
        &[on(&["٢٩ ديسمبر ٢٠٢١"], "2021-12-29", 0)],
    );
    c.timeline(
        &a,
        &[
            "1994",
            "2021-11-12",
            "2021-12-29",
            "2021-12-30",
            "2022-01-02",
        ],
        &[],
        &[],
    );
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 4. Arabic-Indic digits in body dates
// ---------------------------------------------------------------------------

#[test]
fn arabic_indic_digits_in_body_dates() {
    let f = Fixture::load("04_arabic_digits_health");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2021-03-10"));
    c.sections(&a, &[(None, 2), (Some("إجراءات جديدة"), 2)]);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            on(&["اليوم الأربعاء"], "2021-03-10", 0),
            on(&["١٥ يناير/ كانون الثاني الماضي"], "2021-01-15", 0),
            on(&["٢٨ فبراير ٢٠٢١"], "2021-02-28", 0),
            on(
                &["بحلول نهاية العام الجاري", "نهاية العام الجاري"],
                "2021-12-31",
                0,
            ),
            on(&["١٤ مارس الجاري"], "2021-03-14", 1),
            on(&["مارس ٢٠٢٠"], "2020-03", 1),
        ],
        &[],
    );
    c.timeline(
        &a,
        &[
            "2020-03",
            "2021-01-15",
            "2021-02-28",
            "2021-03-10",
            "2021-03-14",
            "2021-12-31",
        ],
        &[],
        &[],
    );
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 5. CRLF, BOM, trailing spaces, blank lines, tatweel and diacritics
// ---------------------------------------------------------------------------

#[test]
fn crlf_bom_blank_lines_tatweel_and_diacritics() {
    let f = Fixture::load("05_crlf_bom_elections");
    // Guard: the fixture must keep its bytes (see tests/corpus/.gitattributes).
    assert!(f.text.starts_with('\u{feff}'), "fixture lost its BOM");
    assert!(f.text.contains("\r\n"), "fixture lost its CRLF line ends");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2022-10-17"));
    // Headings are shown as written (normalisation is for matching only).
    c.sections(&a, &[(None, 2), (Some("نتائـج الفـرز الأولـيّة"), 2)]);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            on(&["اليومَ الاثنين"], "2022-10-17", 0),
            on(&["أكتوبر 2018"], "2018-10", 0),
            on(&["20 نوفمبـر المقبل"], "2022-11-20", 0),
            on(&["3 أغسطس/آب الماضي"], "2022-08-03", 1),
        ],
        &[],
    );
    c.timeline(
        &a,
        &["2018-10", "2022-08-03", "2022-10-17", "2022-11-20"],
        &[],
        &[],
    );
    c.expect(
        "find_section(words without tatweel and diacritics)",
        a.find_section("نتائج الفرز الاولية"),
        Some(1),
    );
    c.common(&a, &f.text);
    c.finish();
}

#[test]
fn crlf_bom_and_padding_do_not_change_the_parse() {
    let f = Fixture::load("02_two_tweets_sport");
    let padded = format!(
        "\u{feff}\r\n{}\r\n  \r\n",
        f.text
            .lines()
            .map(|l| format!("{l}  \t"))
            .collect::<Vec<_>>()
            .join("\r\n\r\n")
    );
    let plain = f.parse();
    let a = parse(&padded, &f.meta, &ParseOptions::default()).expect("padded text parses");
    let mut c = Check::new("02_two_tweets_sport (CRLF, BOM, padding)");
    let shape = |a: &Article| {
        a.sections
            .iter()
            .map(|s| (s.heading.clone(), s.paragraphs.clone()))
            .collect::<Vec<_>>()
    };
    c.expect("sections", shape(&a), shape(&plain));
    let tweets = |a: &Article| {
        a.tweets
            .iter()
            .map(|t| {
                (
                    t.text.clone(),
                    t.author.clone(),
                    t.handle.clone(),
                    t.date,
                    t.section,
                )
            })
            .collect::<Vec<_>>()
    };
    c.expect("tweets", tweets(&a), tweets(&plain));
    let dates = |a: &Article| {
        a.dates
            .iter()
            .map(|m| (m.text.clone(), show(m.date), m.section))
            .collect::<Vec<_>>()
    };
    c.expect("dates", dates(&a), dates(&plain));
    let timeline = |a: &Article| a.timeline.iter().map(|e| e.date).collect::<Vec<_>>();
    c.expect("timeline", timeline(&a), timeline(&plain));
    c.expect("summary", &a.summary, &plain.summary);
    c.common(&a, &padded);
    c.finish();
}

// ---------------------------------------------------------------------------
// 6. Hijri beside Gregorian
// ---------------------------------------------------------------------------

#[test]
fn hijri_dates_beside_gregorian_ones() {
    let f = Fixture::load("06_hijri_ramadan");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2022-04-01"));
    c.sections(&a, &[(None, 2), (Some("ساعات العمل في رمضان"), 2)]);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            on(&["اليوم الجمعة", "مساء اليوم الجمعة"], "2022-04-01", 0),
            // A Hijri month without its year: the nearest, Ramadan 1443 (from
            // 2 April 2022).
            hijri(&["شهر رمضان"], "1443-09", "2022", 0),
            on(&["2 أبريل/ نيسان 2022"], "2022-04-02", 0),
            // 1 Muharram 1443 fell in August 2021.
            hijri(
                &["1443 هـ", "عام 1443 هـ", "لعام 1443 هـ"],
                "1443",
                "2021",
                0,
            ),
            on(&["2 مايو 2022"], "2022-05-02", 0),
            // `أول أيام شهر شوال`: 1 Shawwal 1443 = 2 May 2022.
            hijri(&["أول أيام شهر شوال"], "1443-10-01", "2022-05-02", 0),
            // 1 Ramadan 1443 = 2 April 2022 (Umm al-Qura).
            hijri(&["15 رمضان 1443 هـ"], "1443-09-15", "2022-04-16", 1),
            hijri(&["29 رمضان 1443 هـ"], "1443-09-29", "2022-04-30", 1),
        ],
        // A month name alone in a heading or a name (`منحة رمضان`): tolerated.
        &[any(&["رمضان"], 1), any(&["منحة رمضان", "رمضان"], 1)],
    );
    c.timeline(&a, &["2022-04-01", "2022-04-02", "2022-05-02"], &[], &[]);
    if a.timeline.iter().any(|e| e.date.year == 1443) {
        c.fail("a Hijri year sits in the timeline as if Gregorian".to_string());
    }
    if a.dates
        .iter()
        .any(|m| m.calendar == Calendar::Gregorian && m.date.is_some_and(|d| d.year == 1443))
    {
        c.fail("1443 read as a Gregorian year".to_string());
    }
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 7. Day and month without a year, across a year boundary
// ---------------------------------------------------------------------------

#[test]
fn dates_without_year_across_the_year_boundary() {
    let f = Fixture::load("07_year_boundary");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2022-01-03"));
    c.sections(&a, &[(None, 5)]);
    c.dates(
        &a,
        &[
            on(&["ديسمبر/ كانون الأول الماضي"], "2021-12", 0),
            on(&["اليوم الاثنين"], "2022-01-03", 0),
            on(&["28 ديسمبر الماضي"], "2021-12-28", 0),
            on(&["نوفمبر الماضي"], "2021-11", 0),
            on(&["15 يناير الجاري"], "2022-01-15", 0),
            on(&["5 فبراير المقبل"], "2022-02-05", 0),
            // No qualifier: the nearest 30 December, the one just past.
            on(&["30 ديسمبر", "منذ 30 ديسمبر"], "2021-12-30", 0),
        ],
        &[],
    );
    c.timeline(
        &a,
        &[
            "2021-11",
            "2021-12",
            "2021-12-28",
            "2021-12-30",
            "2022-01-03",
            "2022-01-15",
            "2022-02-05",
        ],
        &[],
        &[("2022-02-05", "الموازنة")],
    );
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 8. Day words and weekdays
// ---------------------------------------------------------------------------

#[test]
fn weekday_and_day_words_resolve_against_publication() {
    let f = Fixture::load("08_weekdays");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    // Sunday 15 May 2022.
    c.published(&a, Some("2022-05-15"));
    c.sections(&a, &[(None, 5)]);
    c.dates(
        &a,
        &[
            on(&["اليوم الأحد"], "2022-05-15", 0),
            on(&["الأحد الماضي"], "2022-05-08", 0),
            on(&["أمس", "مساء أمس"], "2022-05-14", 0),
            // Reported speech (قد عرضت): the Thursday just past.
            on(&["يوم الخميس", "الخميس"], "2022-05-12", 0),
            on(&["أمس الأول"], "2022-05-13", 0),
            on(&["غدا"], "2022-05-16", 0),
            on(&["الثلاثاء المقبل"], "2022-05-17", 0),
        ],
        &[],
    );
    c.timeline(
        &a,
        &[
            "2022-05-08",
            "2022-05-12",
            "2022-05-13",
            "2022-05-14",
            "2022-05-15",
            "2022-05-16",
            "2022-05-17",
        ],
        &[],
        &[("2022-05-17", "جمعيتها")],
    );
    c.common(&a, &f.text);
    c.finish();
}

#[test]
fn options_published_overrides_metadata() {
    let f = Fixture::load("08_weekdays");
    let opts = ParseOptions {
        published: Some(ymd("2022-05-22")),
        ..ParseOptions::default()
    };
    let a = f.parse_with(&opts);
    let mut c = Check::new("08_weekdays (published 2022-05-22 by option)");
    c.published(&a, Some("2022-05-22"));
    c.dates(
        &a,
        &[
            on(&["اليوم الأحد"], "2022-05-22", 0),
            on(&["الأحد الماضي"], "2022-05-15", 0),
            on(&["أمس", "مساء أمس"], "2022-05-21", 0),
            on(&["يوم الخميس", "الخميس"], "2022-05-19", 0),
            on(&["أمس الأول"], "2022-05-20", 0),
            on(&["غدا"], "2022-05-23", 0),
            on(&["الثلاثاء المقبل"], "2022-05-24", 0),
        ],
        &[],
    );
    c.finish();
}

// ---------------------------------------------------------------------------
// 9. No tweet (an em dash inside a sentence and an e-mail in brackets are not one)
// ---------------------------------------------------------------------------

#[test]
fn article_without_tweets() {
    let f = Fixture::load("09_no_tweet_trade");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2024-02-20"));
    c.sections(&a, &[(None, 2), (Some("صفقات بالمليارات"), 3)]);
    // Neither the e-mail address nor the dashes split a sentence.
    c.expect("sentences", a.sentences.len(), 5);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            on(&["اليوم الثلاثاء"], "2024-02-20", 0),
            on(&["عام 1976", "منذ عام 1976", "1976"], "1976", 0),
            on(&["25 فبراير الجاري"], "2024-02-25", 1),
            on(&["عام 2023", "في عام 2023", "2023"], "2023", 1),
        ],
        &[],
    );
    c.timeline(&a, &["1976", "2023", "2024-02-20", "2024-02-25"], &[], &[]);
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 10. A heading ending in ؟ and a heading opening with a quote; finding sections
// ---------------------------------------------------------------------------

#[test]
fn question_heading_and_quoted_heading() {
    let f = Fixture::load("10_headings_question_quote");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2023-10-22"));
    // The long question line is a paragraph, not a heading.
    c.sections(
        &a,
        &[
            (None, 2),
            (Some("\"موسم استثنائي\" للسياحة الشتوية"), 2),
            (Some("هل تصمد الأسعار؟"), 3),
        ],
    );
    c.expect("sentences", a.sentences.len(), 7);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            on(&["عام 2022", "2022"], "2022", 0),
            on(&["عام 2010", "منذ عام 2010", "2010"], "2010", 1),
            on(&["يناير المقبل"], "2024-01", 1),
            on(&["سبتمبر الماضي"], "2023-09", 2),
        ],
        &[],
    );
    c.timeline(&a, &["2010", "2022", "2023-09", "2024-01"], &[], &[]);
    for (query, want) in [
        ("0", Some(0)),
        ("1", Some(1)),
        ("2", Some(2)),
        ("3", None),
        ("تصمد الاسعار", Some(2)),
        ("هل تصمد الأسعار؟", Some(2)),
        ("موسم استثنائى", Some(1)),
        ("الشتويه", Some(1)),
        ("موسم استثنائي", Some(1)),
        ("كرة القدم", None),
    ] {
        c.expect(
            &format!("find_section({query:?})"),
            a.find_section(query),
            want,
        );
    }
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 11. Empty input
// ---------------------------------------------------------------------------

#[test]
fn empty_file_is_an_error() {
    let f = Fixture::load("11_empty");
    assert!(f.text.is_empty());
    let got = parse(&f.text, &f.meta, &ParseOptions::default()).map(|a| a.title);
    assert_eq!(got, Err(ParseError::Empty));
}

#[test]
fn whitespace_only_input_is_an_error() {
    for text in [
        "",
        " ",
        "\n\n",
        "\r\n  \r\n\t",
        "\u{feff}",
        "\u{feff}\r\n \r\n",
    ] {
        let got = parse(text, &Metadata::default(), &ParseOptions::default()).map(|a| a.title);
        assert_eq!(got, Err(ParseError::Empty), "input {text:?}");
    }
}

// ---------------------------------------------------------------------------
// 12. Publication date inferred from اليوم + weekday agreeing with a tweet date
// ---------------------------------------------------------------------------

#[test]
fn publication_date_inferred_from_today_and_tweet() {
    let f = Fixture::load("12_inferred_published");
    assert_eq!(f.meta, Metadata::default(), "fixture must have no metadata");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2022-05-15"));
    c.sections(&a, &[(None, 3)]);
    c.tweets(
        &a,
        &[WantTweet {
            text: "بدء التشغيل التجريبي للخط الأول لمترو العاصمة بحضور وزير النقل",
            author: "وزارة النقل",
            handle: "MinTransport",
            date: "2022-05-15",
            section: 0,
            position: 2,
        }],
    );
    c.dates(
        &a,
        &[
            on(&["اليوم الأحد"], "2022-05-15", 0),
            on(&["العام المقبل"], "2023", 0),
            on(&["أمس"], "2022-05-14", 0),
        ],
        &[on(&["May 15, 2022"], "2022-05-15", 0)],
    );
    c.timeline(&a, &["2022-05-14", "2022-05-15", "2023"], &[], &[]);
    c.common(&a, &f.text);
    c.finish();
}

#[test]
fn seed_publication_date_inferred_without_metadata() {
    let f = Fixture::seed();
    let a = parse(&f.text, &Metadata::default(), &ParseOptions::default()).expect("parses");
    assert_eq!(a.published, Some(ymd("2021-12-29")));
}

// ---------------------------------------------------------------------------
// 13. No publication date: relative dates stay unresolved
// ---------------------------------------------------------------------------

#[test]
fn without_publication_date_relative_dates_stay_unresolved() {
    let f = Fixture::load("13_no_published");
    assert_eq!(f.meta, Metadata::default(), "fixture must have no metadata");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, None);
    c.sections(&a, &[(None, 4)]);
    c.tweets(&a, &[]);
    c.dates(
        &a,
        &[
            unresolved(&["أمس"], Precision::Day, 0),
            unresolved(&["الشهر الماضي", "منذ الشهر الماضي"], Precision::Month, 0),
            unresolved(&["اليوم الثلاثاء"], Precision::Day, 0),
            unresolved(&["غدا"], Precision::Day, 0),
            on(&["14 أغسطس 2019"], "2019-08-14", 0),
            unresolved(&["20 مارس المقبل"], Precision::Day, 0),
        ],
        &[],
    );
    c.timeline(&a, &["2019-08-14"], &[], &[("2019-08-14", "لعطل")]);
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// 14. Numbers that are not dates
// ---------------------------------------------------------------------------

#[test]
fn counts_prices_and_percentages_are_not_dates() {
    let f = Fixture::load("14_non_date_numbers");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2022-06-01"));
    c.sections(&a, &[(None, 5)]);
    c.tweets(&a, &[]);
    c.dates(&a, &[], &[]);
    c.timeline(&a, &[], &[], &[]);
    c.common(&a, &f.text);
    c.finish();
}

// ---------------------------------------------------------------------------
// Summary length option
// ---------------------------------------------------------------------------

#[test]
fn summary_length_follows_the_option() {
    let f = Fixture::load("01_lead_only_economy");
    for n in [1, 2, 4] {
        let opts = ParseOptions {
            summary_sentences: n,
            ..ParseOptions::default()
        };
        let a = f.parse_with(&opts);
        let mut c = Check::new(&format!("{} (summary of {n})", f.name));
        c.summary(&a, n);
        c.expect("summarize() agrees", a.summarize(n), a.summary.clone());
        c.finish();
    }
}

// ---------------------------------------------------------------------------
// The seed article
// ---------------------------------------------------------------------------

#[test]
fn seed_article() {
    let f = Fixture::seed();
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2021-12-29"));
    c.sections(
        &a,
        &[
            (None, 2),
            (Some("\"جاهزية\" القوات العراقية"), 3),
            (Some("تنفيذ الاتفاق بين بغداد وواشنطن"), 3),
            (Some("ضغوط لسحب كافة القوات الأجنبية"), 3),
        ],
    );
    c.tweets(
        &a,
        &[WantTweet {
            text: "انتهت المهام القتالية للتحالف الدولي، وتم استكمال خروج كل قواته ومعداته القتالية خارج العراق. أصبح دور التحالف يقتصر على المشورة والدعم حسب مخرجات الحوار الاستراتيجي. نشكر دول وقيادة التحالف الدولي وجيراننا وشركاءنا في الحرب ضد داعش ونؤكد جاهزية قواتنا للدفاع عن شعبنا. عاش العراق",
            author: "Mustafa Al-Kadhimi مصطفى الكاظمي",
            handle: "MAKadhimi",
            date: "2021-12-29",
            section: 1,
            position: 3,
        }],
    );
    c.dates(
        &a,
        &[
            on(&["اليوم الأربعاء"], "2021-12-29", 0),
            on(&["31 ديسمبر/ كانون الأول الجاري"], "2021-12-31", 0),
            on(&["26 يوليو/ تموز الماضي"], "2021-07-26", 2),
            on(
                &["بحلول نهاية العام الجاري", "نهاية العام الجاري"],
                "2021-12-31",
                2,
            ),
            on(&["عام 2014", "منذ عام 2014", "2014"], "2014", 2),
            on(
                &[
                    "الـ31 من ديسمبر/ كانون الأول الجاري",
                    "31 من ديسمبر/ كانون الأول الجاري",
                ],
                "2021-12-31",
                3,
            ),
            on(&["5 يناير/ كانون الثاني 2020"], "2020-01-05", 3),
            on(&["بعد يومين من مقتل"], "2020-01-03", 3),
        ],
        &[on(&["December 29, 2021"], "2021-12-29", 1)],
    );
    c.timeline(
        &a,
        &[
            "2014",
            "2020-01-03",
            "2020-01-05",
            "2021-07-26",
            "2021-12-29",
            "2021-12-31",
        ],
        &[],
        &[
            ("2020-01-03", "مقتل"),
            ("2020-01-05", "البرلمان"),
            ("2021-07-26", "اتفقت"),
        ],
    );
    for (query, want) in [
        ("1", Some(1)),
        ("3", Some(3)),
        ("جاهزية", Some(1)),
        ("تنفيذ الاتفاق", Some(2)),
        ("ضغوط لسحب كافه القوات الاجنبيه", Some(3)),
    ] {
        c.expect(
            &format!("find_section({query:?})"),
            a.find_section(query),
            want,
        );
    }
    c.common(&a, &f.text);
    c.finish();
}

#[test]
fn publication_not_inferred_when_weekday_and_tweet_disagree() {
    let f = Fixture::load("12_inferred_published");
    // Tuesday 17 May 2022 is no Sunday: اليوم الأحد cannot be that day.
    let text = f.text.replace("May 15, 2022", "May 17, 2022");
    assert_ne!(text, f.text);
    let a = parse(&text, &Metadata::default(), &ParseOptions::default()).expect("parses");
    let mut c = Check::new("12_inferred_published (tweet of another weekday)");
    c.published(&a, None);
    c.dates(
        &a,
        &[
            unresolved(&["اليوم الأحد"], Precision::Day, 0),
            unresolved(&["العام المقبل"], Precision::Year, 0),
            unresolved(&["أمس"], Precision::Day, 0),
        ],
        &[on(&["May 17, 2022"], "2022-05-17", 0)],
    );
    c.finish();
}

// ---------------------------------------------------------------------------
// Month-name variants, a year-crossing المقبل, an offset, a dated tweet text
// ---------------------------------------------------------------------------

#[test]
fn month_name_variants_offsets_and_a_dated_tweet() {
    let f = Fixture::load("15_month_forms_theatre");
    let a = f.parse();
    let mut c = Check::new(&f.name);
    c.published(&a, Some("2021-12-29"));
    // The unclosed quote does not swallow the tweet or the next paragraph.
    c.sections(&a, &[(None, 3), (Some("عشر دورات من المسرح"), 5)]);
    c.expect("sentences", a.sentences.len(), 8);
    c.tweets(
        &a,
        &[WantTweet {
            text: "جدول العروض متاح الآن على موقعنا، والحجز يبدأ الأحد المقبل.",
            author: "مهرجان المدينة للمسرح",
            handle: "CityTheatreFest",
            date: "2021-12-28",
            section: 1,
            position: 4,
        }],
    );
    c.dates(
        &a,
        &[
            on(&["اليوم الأربعاء"], "2021-12-29", 0),
            // Wednesday 29 December 2021: next February is in 2022.
            on(&["5 فبراير المقبل"], "2022-02-05", 0),
            on(&["3 إبريل الماضي"], "2021-04-03", 0),
            on(&["أيلول الماضي"], "2021-09", 0),
            on(&["10 مارس 2015"], "2015-03-10", 1),
            on(&["بعد يومين من افتتاح", "بعد يومين من"], "2015-03-08", 1),
            on(&["الـ15 من شباط 2020", "15 من شباط 2020"], "2020-02-15", 1),
            on(&["يوليه 2019"], "2019-07", 1),
            // In the tweet text: the Sunday after the tweet (and after publication).
            on(&["الأحد المقبل"], "2022-01-02", 1),
            on(&["20 يونيه الماضي", "يوم 20 يونيه الماضي"], "2021-06-20", 1),
        ],
        &[on(&["28 ديسمبر 2021"], "2021-12-28", 1)],
    );
    c.timeline(
        &a,
        &[
            "2015-03-08",
            "2015-03-10",
            "2019-07",
            "2020-02-15",
            "2021-04-03",
            "2021-06-20",
            "2021-09",
            "2021-12-29",
            "2022-02-05",
        ],
        &["2021-12-28", "2022-01-02"],
        &[("2015-03-08", "افتتاح"), ("2015-03-10", "دورته الأولى")],
    );
    c.common(&a, &f.text);
    c.finish();
}
