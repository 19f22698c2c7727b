//! Parse + summary on the seed article, a ~1 MB realistic synthetic article and
//! ~1 MB hostile files (one unpunctuated line, numeric dates on long lines, an
//! unclosed quotation, dense date phrases, all-heading lines).
//! Run with `cargo bench --bench parse`; figures go into the README.

use article::{Metadata, ParseOptions, parse};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use testkit::inputs;

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/2021-12-29-coalition-iraq.txt"
    ))
    .expect("seed article")
}

fn bench(c: &mut Criterion) {
    let meta = Metadata {
        published: chrono::NaiveDate::from_ymd_opt(2021, 12, 29),
        ..Metadata::default()
    };
    let opts = ParseOptions::default();
    let mut cases = vec![
        ("seed".to_string(), seed()),
        ("synthetic-1MB".to_string(), inputs::realistic(1 << 20)),
    ];
    for &(name, generate) in &inputs::SHAPES[1..] {
        cases.push((format!("hostile-{name}-1MB"), generate(1 << 20)));
    }
    let mut group = c.benchmark_group("parse+summary");
    for (name, text) in &cases {
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        group.bench_function(name.as_str(), |b| {
            b.iter(|| parse(black_box(text), &meta, &opts).expect("parses"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
