//! Parses one article once and prints the wall time and the process's peak
//! resident memory (`VmHWM`), for the README's figures on hostile files.
//!
//! `cargo run --release --example parse_rss -- SHAPE [BYTES]` generates the
//! input (`realistic`, `no-punctuation`, `numeric-dates`, `unclosed-quote`,
//! `dense-dates`, `headings`, `tweets`; 1 MiB by default); `-- PATH` reads a file. The
//! article is parsed as `nashra parse` would, without metadata.

use article::{Metadata, ParseOptions, parse};
use std::time::Instant;

use testkit::inputs;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(what) = args.next() else {
        let names: Vec<&str> = inputs::SHAPES.iter().map(|(n, _)| *n).collect();
        eprintln!(
            "usage: parse_rss SHAPE [BYTES] | PATH   (shapes: {})",
            names.join(", ")
        );
        std::process::exit(2);
    };
    let bytes = args.next().map_or(1 << 20, |b| {
        b.parse().unwrap_or_else(|_| {
            eprintln!("BYTES must be a number, not {b:?}");
            std::process::exit(2)
        })
    });
    let text = match inputs::shape(&what) {
        Some(generate) => generate(bytes),
        None => std::fs::read_to_string(&what).unwrap_or_else(|e| {
            eprintln!("{what}: {e}");
            std::process::exit(2)
        }),
    };
    let before = peak_rss_kib();
    let started = Instant::now();
    let parsed = parse(&text, &Metadata::default(), &ParseOptions::default());
    let elapsed = started.elapsed();
    let (dates, sentences) = parsed
        .as_ref()
        .map_or((0, 0), |a| (a.dates.len(), a.sentences.len()));
    println!(
        "{what}: {} bytes, {sentences} sentences, {dates} dates; parse {:.1} ms; peak RSS {} MiB (before parsing {} MiB)",
        text.len(),
        elapsed.as_secs_f64() * 1000.0,
        peak_rss_kib().unwrap_or(0) / 1024,
        before.unwrap_or(0) / 1024,
    );
}

/// Peak resident set size of this process, in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
