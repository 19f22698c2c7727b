//! Scores question answering: the table `tests/corpus/questions.json` (seed and
//! real articles; answered right / asked, and unanswerable questions declined /
//! asked, per split) and ARCD (answer text found in the reply / asked).
//!
//! `cargo run --release --example score_answers [-- --misses] [--dev] [ARCD_FILE]`
//! (ARCD_FILE defaults to the vendored `tests/corpus/arcd/arcd-train.json`;
//! `--misses` lists every wrong answer; `--dev` lists the table's misses of the dev split only).

use testkit::questions;

use questions::{arcd_path, run_arcd, run_table, table, tally};
use std::path::PathBuf;

fn main() {
    let mut misses = false;
    let mut dev_only = false;
    let mut arcd = arcd_path();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--misses" => misses = true,
            "--dev" => dev_only = true,
            a if a.starts_with('-') => {
                eprintln!("unknown option {a}; use --misses, --dev and an optional ARCD file");
                std::process::exit(2);
            }
            a => arcd = PathBuf::from(a),
        }
    }
    let outcomes = run_table(&table());
    if misses {
        for o in outcomes
            .iter()
            .filter(|o| !o.right && (!dev_only || o.asked.split == "dev"))
        {
            println!(
                "miss [{}] {} | {}\n    want {:?} {}\n    said {:?} {}",
                o.asked.split,
                o.asked.article.rsplit('/').next().unwrap_or_default(),
                o.asked.question,
                o.asked.fact,
                o.asked.date.as_deref().unwrap_or(""),
                o.said,
                o.date.as_deref().unwrap_or("")
            );
        }
    }
    println!(
        "{:<22} {:>18} {:>22}",
        "table", "answered right", "unanswerable declined"
    );
    for split in [Some("dev"), Some("heldout"), None] {
        let ((r, n), (ur, un)) = tally(&outcomes, split);
        println!(
            "{:<22} {:>10}/{:<3} {:>4.0}% {:>14}/{:<3}",
            split.unwrap_or("all"),
            r,
            n,
            100.0 * r as f64 / n.max(1) as f64,
            ur,
            un
        );
    }
    if !arcd.is_file() {
        println!("ARCD: {} not found, skipped", arcd.display());
        return;
    }
    let asked = run_arcd(&arcd);
    if misses && !dev_only {
        for o in asked.iter().filter(|o| !o.right).take(200) {
            println!(
                "arcd miss {} | {}\n    want {:?}\n    said {:?}",
                o.title, o.question, o.answer, o.said
            );
        }
    }
    let right = asked.iter().filter(|o| o.right).count();
    let silent = asked.iter().filter(|o| o.said.is_empty()).count();
    println!(
        "ARCD: answer text in the reply {right}/{} ({:.1}%); declined {silent}",
        asked.len(),
        100.0 * right as f64 / asked.len().max(1) as f64
    );
    let declined = asked.iter().filter(|o| o.elsewhere_declined).count();
    println!(
        "ARCD asked of another title's article: declined {declined}/{} ({:.1}%)",
        asked.len(),
        100.0 * declined as f64 / asked.len().max(1) as f64
    );
}
