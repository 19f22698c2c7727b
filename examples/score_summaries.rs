//! Scores nashra's extractive summary against editors' summaries (ROUGE-1 and
//! ROUGE-2 F1), beside Lead-N and a greedy oracle; with `--fit`, searches the
//! summary weights (`src/article/summary/weights.toml`) on the same data.
//!
//! ```text
//! cargo run --release --example score_summaries -- [PATH]
//! cargo run --release --example score_summaries -- --fit [PATH]
//! ```
//!
//! `PATH` holds one JSON object a line, `{"outlet", "title", "published",
//! "paragraphs": [...], "summary", ...}`; it defaults to
//! `../shared/eval/summaries.jsonl` beside the crate.

use article::summary::{Ranker, Weights};
use article::{Article, Metadata, ParseOptions, parse};
use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

const DEFAULT_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/summaries.jsonl"
);

#[derive(serde::Deserialize)]
struct Record {
    outlet: String,
    title: String,
    published: String,
    paragraphs: Vec<String>,
    summary: String,
}

fn main() -> ExitCode {
    let mut fit = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--fit" => fit = true,
            "-h" | "--help" => {
                println!("usage: score_summaries [--fit] [PATH]  (default {DEFAULT_PATH})");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() => path = Some(arg),
            _ => {
                eprintln!("score_summaries: unexpected argument {arg:?} (usage: [--fit] [PATH])");
                return ExitCode::from(2);
            }
        }
    }
    let path = path.unwrap_or_else(|| DEFAULT_PATH.to_string());
    let started = Instant::now();
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!(
                "score_summaries: cannot read {path}: {e} (pass the path of summaries.jsonl)"
            );
            return ExitCode::from(2);
        }
    };
    let mut vocabulary = Vocabulary::default();
    let mut outlets: Vec<String> = Vec::new();
    let mut items = Vec::new();
    let mut empty = 0;
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let record: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!(
                    "score_summaries: {path}:{}: not a summary record: {e}",
                    n + 1
                );
                return ExitCode::from(2);
            }
        };
        let outlet = match outlets.iter().position(|o| *o == record.outlet) {
            Some(at) => at,
            None => {
                outlets.push(record.outlet.clone());
                outlets.len() - 1
            }
        };
        match Item::new(&record, outlet, &mut vocabulary) {
            Some(item) => items.push(item),
            None => empty += 1,
        }
    }
    if fit {
        fit_weights(&items, &outlets);
    } else {
        print_table(&items, &outlets);
    }
    let skipped = if empty > 0 {
        format!(" ({empty} left out: no text to parse)")
    } else {
        String::new()
    };
    println!(
        "{} articles{skipped} in {:.1} s",
        items.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

// ---------------------------------------------------------------------------
// The metric: tokens, n-gram counts, ROUGE-N F1
// ---------------------------------------------------------------------------

/// Whitespace tokens after NFKC, dropping format controls, diacritics and
/// tatweel, folding alef forms, `ى`, `ة` and Arabic-Indic digits, turning
/// punctuation into spaces and lower-casing.
fn tokens(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfkc() {
        if c.general_category() == GeneralCategory::Format || is_diacritic(c) {
            continue;
        }
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        };
        if c.general_category_group() == GeneralCategoryGroup::Punctuation {
            folded.push(' ');
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    folded.split_whitespace().map(str::to_string).collect()
}

fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Token ids, so that n-grams are cheap to count.
#[derive(Default)]
struct Vocabulary(HashMap<String, u32>);

impl Vocabulary {
    fn ids(&mut self, text: &str) -> Vec<u32> {
        tokens(text)
            .into_iter()
            .map(|t| {
                let next = u32::try_from(self.0.len()).expect("fewer than 2^32 tokens");
                *self.0.entry(t).or_insert(next)
            })
            .collect()
    }
}

/// Unigram and bigram counts of a token sequence.
struct Grams {
    one: HashMap<u32, u32>,
    two: HashMap<u64, u32>,
    ones: u32,
    twos: u32,
}

impl Grams {
    fn of(ids: &[u32]) -> Self {
        let mut one = HashMap::new();
        let mut two = HashMap::new();
        for &t in ids {
            *one.entry(t).or_insert(0) += 1;
        }
        for w in ids.windows(2) {
            *two.entry(u64::from(w[0]) << 32 | u64::from(w[1]))
                .or_insert(0) += 1;
        }
        Self {
            one,
            two,
            ones: ids.len() as u32,
            twos: ids.len().saturating_sub(1) as u32,
        }
    }

    /// ROUGE-1 and ROUGE-2 F1 of `self` as a candidate against `reference`.
    fn rouge(&self, reference: &Self) -> [f64; 2] {
        let overlap1: u32 = self
            .one
            .iter()
            .map(|(t, c)| (*c).min(reference.one.get(t).copied().unwrap_or(0)))
            .sum();
        let overlap2: u32 = self
            .two
            .iter()
            .map(|(t, c)| (*c).min(reference.two.get(t).copied().unwrap_or(0)))
            .sum();
        [
            f1(overlap1, self.ones, reference.ones),
            f1(overlap2, self.twos, reference.twos),
        ]
    }
}

fn f1(overlap: u32, candidate: u32, reference: u32) -> f64 {
    if overlap == 0 {
        0.0
    } else {
        2.0 * f64::from(overlap) / f64::from(candidate + reference)
    }
}

// ---------------------------------------------------------------------------
// One article, parsed once
// ---------------------------------------------------------------------------

/// ROUGE-1 F1, ROUGE-2 F1 and length in words of one summary.
type Scores = [f64; 3];

struct Item {
    outlet: usize,
    article: Article,
    ranker: Ranker,
    /// Token ids of each of the article's sentences, as the library splits them.
    sentences: Vec<Vec<u32>>,
    /// Body sentences that are not the title, in order.
    body: Vec<usize>,
    reference: Grams,
    /// Lead-1, Lead-3, oracle-1, oracle-3 (ROUGE-1 F1, ROUGE-2 F1, words).
    baselines: [Scores; 4],
}

impl Item {
    fn new(record: &Record, outlet: usize, vocabulary: &mut Vocabulary) -> Option<Self> {
        // As an operator's file: the headline line, then one paragraph a line.
        let text = std::iter::once(record.title.as_str())
            .chain(record.paragraphs.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n");
        let meta = Metadata {
            title: Some(record.title.clone()),
            published: chrono::NaiveDate::parse_from_str(&record.published, "%Y-%m-%d").ok(),
            ..Metadata::default()
        };
        let article = parse(&text, &meta, &ParseOptions::default()).ok()?;
        let ranker = Ranker::new(&article.sentences, &article.tweets, Some(&record.title));
        let sentences: Vec<Vec<u32>> = article
            .sentences
            .iter()
            .map(|s| vocabulary.ids(&s.text))
            .collect();
        let title = vocabulary.ids(&record.title);
        let body: Vec<usize> = (0..sentences.len())
            .filter(|&i| sentences[i] != title)
            .collect();
        let reference = Grams::of(&vocabulary.ids(&record.summary));
        let mut item = Self {
            outlet,
            article,
            ranker,
            sentences,
            body,
            reference,
            baselines: [[0.0; 3]; 4],
        };
        let lead = |n: usize| item.body.iter().copied().take(n).collect::<Vec<_>>();
        item.baselines = [
            item.score(&lead(1)),
            item.score(&lead(3)),
            item.score(&item.oracle(1)),
            item.score(&item.oracle(3)),
        ];
        Some(item)
    }

    /// ROUGE-1 and ROUGE-2 F1 of the sentences `picked`, read in article
    /// order, and their length in words.
    fn score(&self, picked: &[usize]) -> Scores {
        let mut picked = picked.to_vec();
        picked.sort_unstable();
        let ids: Vec<u32> = picked
            .iter()
            .flat_map(|&i| self.sentences[i].iter().copied())
            .collect();
        let [r1, r2] = Grams::of(&ids).rouge(&self.reference);
        [r1, r2, ids.len() as f64]
    }

    /// The best `n` sentences, each added greedily for the best ROUGE-1 F1.
    fn oracle(&self, n: usize) -> Vec<usize> {
        let mut picked = Vec::new();
        while picked.len() < n.min(self.body.len()) {
            let best = self
                .body
                .iter()
                .filter(|i| !picked.contains(*i))
                .map(|&i| {
                    let mut with = picked.clone();
                    with.push(i);
                    (i, self.score(&with)[0])
                })
                .fold(None, |best: Option<(usize, f64)>, (i, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((i, s)),
                });
            let Some((i, _)) = best else { break };
            picked.push(i);
        }
        picked
    }

    /// The summary of `n` sentences that parsing gave, as sentence indices.
    fn summary(&self, n: usize) -> Vec<usize> {
        self.article
            .summarize(n)
            .iter()
            .filter_map(|s| self.article.sentences.iter().position(|x| x.text == *s))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

const ROWS: [&str; 6] = [
    "nashra-1", "Lead-1", "oracle-1", "nashra-3", "Lead-3", "oracle-3",
];

/// Per item, the six rows' scores in `ROWS` order.
fn rows(item: &Item, nashra: [Scores; 2]) -> [Scores; 6] {
    let [lead1, lead3, oracle1, oracle3] = item.baselines;
    [nashra[0], lead1, oracle1, nashra[1], lead3, oracle3]
}

fn print_table(items: &[Item], outlets: &[String]) {
    let scored: Vec<(usize, [Scores; 6])> = items
        .iter()
        .map(|item| {
            let nashra = [item.score(&item.summary(1)), item.score(&item.summary(3))];
            (item.outlet, rows(item, nashra))
        })
        .collect();
    let groups = outlets
        .iter()
        .enumerate()
        .map(|(o, name)| (name.as_str(), Some(o)))
        .chain([("all", None)]);
    for (name, outlet) in groups {
        let chosen: Vec<&[Scores; 6]> = scored
            .iter()
            .filter(|(o, _)| outlet.is_none_or(|x| x == *o))
            .map(|(_, r)| r)
            .collect();
        println!("\n{name} ({} articles)", chosen.len());
        println!("{:<10} {:>7} {:>7} {:>7}", "", "R1", "R2", "words");
        for (r, row) in ROWS.iter().enumerate() {
            let mean =
                |k: usize| chosen.iter().map(|x| x[r][k]).sum::<f64>() / chosen.len().max(1) as f64;
            println!(
                "{row:<10} {:>7.4} {:>7.4} {:>7.1}",
                mean(0),
                mean(1),
                mean(2)
            );
        }
    }
    println!();
}

// ---------------------------------------------------------------------------
// The fit
// ---------------------------------------------------------------------------

/// A weight the search moves: its name in `weights.toml`, where it lives, and
/// the values it may take.
type Knob = (&'static str, fn(&mut Weights) -> &mut f64, &'static [f64]);

/// Values for a feature that can only speak for a sentence ...
const FOR: &[f64] = &[0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0];
/// ... or only against it: each weight keeps the sign its meaning gives it,
/// so the search cannot chase noise across zero.
const AGAINST: &[f64] = &[0.0, -0.1, -0.2, -0.3, -0.5, -0.75, -1.0, -1.5, -2.0];

/// Every weight the search moves, in the order of `weights.toml`. The
/// penalties for sentences that do not read on their own (leaning, quotation)
/// stay as [`start`] sets them: ROUGE cannot see what a reader misses.
const KNOBS: &[Knob] = &[
    ("lead", |w| &mut w.lead, FOR),
    ("graph", |w| &mut w.graph, FOR),
    ("title", |w| &mut w.title, FOR),
    ("title_cosine", |w| &mut w.title_cosine, FOR),
    ("centroid", |w| &mut w.centroid, FOR),
    ("position", |w| &mut w.position, FOR),
    ("paragraph", |w| &mut w.paragraph, FOR),
    ("opens_paragraph", |w| &mut w.opens_paragraph, FOR),
    ("length", |w| &mut w.length, AGAINST),
    ("question", |w| &mut w.question, AGAINST),
];

const ROUNDS: usize = 8;
/// A weight moves only for at least this gain in the objective, so that noise
/// does not pull weights away from zero.
const MIN_GAIN: f64 = 5e-4;

/// Where the search starts: the lead first, then the article's order (Lead-N),
/// with the shipped penalties for sentences that do not read on their own.
fn start() -> Weights {
    let shipped = Weights::shipped();
    Weights {
        lead: 0.0,
        graph: 0.0,
        title: 0.0,
        title_cosine: 0.0,
        centroid: 0.0,
        position: 1.0,
        paragraph: 0.0,
        opens_paragraph: 0.0,
        length: 0.0,
        question: 0.0,
        quote_fragment: shipped.quote_fragment,
        quote_heavy: shipped.quote_heavy,
        leaning: shipped.leaning,
    }
}

/// Mean ROUGE-1 F1 of the 1- and 3-sentence summaries under `weights`, per
/// outlet, less Lead-1's and Lead-3's.
fn evaluate(items: &[&Item], outlets: usize, weights: &Weights) -> Vec<[f64; 2]> {
    let mut sums = vec![[0.0; 2]; outlets];
    let mut counts = vec![0usize; outlets];
    for item in items {
        let ranking = item.ranker.rank(weights, 3);
        let one = item.score(&ranking[..ranking.len().min(1)])[0];
        let three = item.score(&ranking)[0];
        sums[item.outlet][0] += one - item.baselines[0][0];
        sums[item.outlet][1] += three - item.baselines[1][0];
        counts[item.outlet] += 1;
    }
    for (s, c) in sums.iter_mut().zip(counts) {
        for x in s.iter_mut() {
            *x /= c.max(1) as f64;
        }
    }
    sums
}

/// What the search maximises: the gain over Lead-N of the 1- and 3-sentence
/// summaries, averaged over outlets, plus the smallest outlet's, so that a
/// gain in one house style does not buy a loss in another.
fn objective(per_outlet: &[[f64; 2]]) -> f64 {
    let gains: Vec<f64> = per_outlet.iter().map(|[a, b]| (a + b) / 2.0).collect();
    let mean = gains.iter().sum::<f64>() / gains.len().max(1) as f64;
    mean + gains.iter().copied().fold(f64::INFINITY, f64::min)
}

/// Coordinate search from [`start`]: each weight in turn takes the value of
/// its grid that scores best, until a round moves nothing.
fn search(items: &[&Item], outlets: usize, verbose: bool) -> Weights {
    let mut best = start();
    let mut best_score = objective(&evaluate(items, outlets, &best));
    for round in 1..=ROUNDS {
        let mut moved = false;
        for (name, knob, grid) in KNOBS {
            let mut round_best: Option<(f64, f64)> = None;
            for &value in *grid {
                let mut trial = best.clone();
                *knob(&mut trial) = value;
                let score = objective(&evaluate(items, outlets, &trial));
                if round_best.is_none_or(|(_, s)| score > s) {
                    round_best = Some((value, score));
                }
            }
            if let Some((value, score)) = round_best
                && score > best_score + MIN_GAIN
            {
                *knob(&mut best) = value;
                best_score = score;
                moved = true;
                if verbose {
                    println!("round {round}: {name} = {value} -> objective {best_score:.4}");
                }
            }
        }
        if !moved {
            break;
        }
    }
    best
}

/// Prints per outlet the 1- and 3-sentence ROUGE-1 F1 under `weights` beside Lead-N.
fn report(label: &str, items: &[&Item], outlets: &[String], weights: &Weights) {
    let gains = evaluate(items, outlets.len(), weights);
    for (o, (name, [one, three])) in outlets.iter().zip(&gains).enumerate() {
        let lead = |k: usize| {
            let of: Vec<f64> = items
                .iter()
                .filter(|i| i.outlet == o)
                .map(|i| i.baselines[k][0])
                .collect();
            of.iter().sum::<f64>() / of.len().max(1) as f64
        };
        let (lead1, lead3) = (lead(0), lead(1));
        println!(
            "{label} {name}: nashra-1 {:.4} (Lead-1 {lead1:.4}), nashra-3 {:.4} (Lead-3 {lead3:.4})",
            lead1 + one,
            lead3 + three
        );
    }
}

/// Fits the weights on every article and prints them as `weights.toml` lines;
/// then, as a check on overfitting, fits on each half and scores the other.
fn fit_weights(items: &[Item], outlets: &[String]) {
    let all: Vec<&Item> = items.iter().collect();
    let best = search(&all, outlets.len(), true);
    report("fitted, all:", &all, outlets, &best);
    println!("\n# chosen weights");
    for (name, knob, _) in KNOBS {
        let mut w = best.clone();
        println!("{name} = {}", *knob(&mut w));
    }
    println!("# (kept as shipped)");
    println!("quote_fragment = {}", best.quote_fragment);
    println!("quote_heavy = {}", best.quote_heavy);
    println!("leaning = {}", best.leaning);
    println!();
    let halves: [Vec<&Item>; 2] = [
        items.iter().step_by(2).collect(),
        items.iter().skip(1).step_by(2).collect(),
    ];
    for (fit_on, score_on) in [(0, 1), (1, 0)] {
        let weights = search(&halves[fit_on], outlets.len(), false);
        report(
            &format!("fitted on half {fit_on}, scored on half {score_on}:"),
            &halves[score_on],
            outlets,
            &weights,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{Grams, tokens};

    #[test]
    fn tokens_fold_arabic_spelling_and_drop_punctuation() {
        assert_eq!(
            tokens("أعلنَ الرئيسُ، «إنّ» المدرسة\u{200F} في ٢٠١٨!"),
            ["اعلن", "الرئيس", "ان", "المدرسه", "في", "2018"]
        );
        assert_eq!(tokens("مستشفى ـ Gaza-Strip"), ["مستشفي", "gaza", "strip"]);
    }

    #[test]
    fn rouge_counts_clipped_overlaps() {
        let reference = Grams::of(&[1, 2, 3, 4]);
        let [r1, r2] = Grams::of(&[1, 2, 2, 9]).rouge(&reference);
        assert!((r1 - 2.0 * 2.0 / 8.0).abs() < 1e-9);
        assert!((r2 - 2.0 * 1.0 / 6.0).abs() < 1e-9);
    }
}
