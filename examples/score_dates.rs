//! Scores the parser on the annotated corpus: per article and per split, date
//! precision, recall and F1, headings found / annotated, extra headings, tweets,
//! and how many mentions the parser hedged (`certain: false`: no claim, left out
//! of precision and recall with the annotations only they touch).
//!
//! `cargo run --release --example score_dates [-- --misses] [DIR]`
//! (DIR defaults to `tests/corpus/real`; `--misses` lists every wrong or missed date).

use std::collections::BTreeMap;
use std::path::PathBuf;
// The corpus test's own scoring, so the figures and the test agree.
use testkit::corpus::{Miss, Score, cases, corpus_dir, score};

fn main() {
    let mut show_misses = false;
    let mut dir = corpus_dir().join("real");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--misses" => show_misses = true,
            a if a.starts_with('-') => {
                eprintln!("unknown option {a}; use --misses and an optional folder");
                std::process::exit(2);
            }
            a => dir = PathBuf::from(a),
        }
    }
    if !dir.is_dir() {
        eprintln!("{} is not a folder of annotated articles", dir.display());
        std::process::exit(2);
    }
    println!(
        "{:<26} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6} {:>9} {:>6} {:>7} {:>6}",
        "article",
        "right",
        "found",
        "annot",
        "P",
        "R",
        "F1",
        "headings",
        "extra",
        "tweets",
        "hedged"
    );
    let mut splits: BTreeMap<String, Score> = BTreeMap::new();
    let mut all = Score::default();
    for case in cases(&dir) {
        let (s, misses) = score(&case);
        row(&case.name, &s);
        if show_misses {
            for m in misses {
                match m {
                    Miss::Wrong(f, near) => println!(
                        "    wrong  {:?} = {:?} {:?}{}",
                        f.text,
                        f.value,
                        f.calendar,
                        near.map(|w| format!(", annotated {:?} = {:?}", w.text, w.date))
                            .unwrap_or_default()
                    ),
                    Miss::Missed(w) => println!("    missed {:?} = {:?}", w.text, w.date),
                    Miss::Hedged(f) => println!("    hedged {:?} = {:?}", f.text, f.value),
                }
            }
        }
        let split = case
            .expected
            .split
            .clone()
            .unwrap_or_else(|| "synthetic".into());
        splits.entry(split).or_default().add(&s);
        all.add(&s);
    }
    println!();
    for (split, s) in &splits {
        row(&format!("total {split}"), s);
    }
    row("total", &all);
}

fn row(name: &str, s: &Score) {
    println!(
        "{:<26} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>4}/{:<4} {:>6} {:>3}/{:<3} {:>6}",
        name,
        s.right,
        s.found,
        s.annotated,
        s.precision(),
        s.recall(),
        s.f1(),
        s.headings_found,
        s.headings,
        s.extra_headings,
        s.tweets_found,
        s.tweets,
        s.hedged
    );
}
