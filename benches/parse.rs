//! Parse + summary on the seed article and on a ~1 MB synthetic article.
//! Run with `cargo bench --bench parse`; figures go into the README.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nashra::article::{Metadata, ParseOptions, parse};
use std::hint::black_box;

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/2021-12-29-coalition-iraq.txt"
    ))
    .expect("seed article")
}

/// About `bytes` of article: headed sections of varied paragraphs with dates,
/// numbers, quotes and an embedded tweet now and then.
fn synthetic(bytes: usize) -> String {
    const SUBJECTS: [&str; 6] = [
        "الحكومة",
        "البرلمان",
        "وزارة المالية",
        "البنك المركزي",
        "المجلس البلدي",
        "هيئة الانتخابات",
    ];
    const VERBS: [&str; 5] = ["أعلنت", "أكدت", "ناقشت", "رفضت", "أقرت"];
    const OBJECTS: [&str; 5] = [
        "خطة لدعم الصادرات",
        "موازنة العام المقبل",
        "قانون الاستثمار الجديد",
        "برنامج الإسكان",
        "اتفاقا للتعاون التجاري",
    ];
    const MONTHS: [&str; 4] = [
        "يناير/ كانون الثاني",
        "مارس/ آذار",
        "يوليو/ تموز",
        "أكتوبر/ تشرين الأول",
    ];
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while out.len() < bytes {
        if i % 12 == 0 {
            out.push_str(&format!("محور رقم {} في الملف\n", i / 12 + 1));
        }
        let (s, v, o) = (SUBJECTS[i % 6], VERBS[i % 5], OBJECTS[(i / 3) % 5]);
        out.push_str(&format!(
            "وفي {} {} {}، {} {} {} بعد نقاش استمر {} ساعة، وقال مسؤول إن \"القرار يخدم المواطنين\". وأضاف أن التنفيذ سيبدأ بحلول نهاية العام الجاري، بكلفة تبلغ {} مليون دولار.\n",
            1 + i % 28, MONTHS[i % 4], 2000 + i % 25, v, s, o, 2 + i % 9, 100 + i
        ));
        if i % 40 == 7 {
            out.push_str(
                "نص تغريدة قصيرة عن القرار الجديد\n— مسؤول حكومي (@official_1) March 3, 2022\n",
            );
        }
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let meta = Metadata {
        published: chrono::NaiveDate::from_ymd_opt(2021, 12, 29),
        ..Metadata::default()
    };
    let opts = ParseOptions::default();
    let mut group = c.benchmark_group("parse+summary");
    for (name, text) in [("seed", seed()), ("synthetic-1MB", synthetic(1 << 20))] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        group.bench_function(name, |b| {
            b.iter(|| parse(black_box(&text), &meta, &opts).expect("parses"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
