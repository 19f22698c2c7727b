//! Answering a question: on the seed article and on a ~1 MB synthetic article,
//! the index built once per version (its cost measured apart).
//! Run with `cargo bench --bench answer`; figures go into the README.

use article::answer::Index;
use article::{Article, Metadata, ParseOptions, parse};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// Questions about the seed, of every kind, and one it does not answer.
const SEED_QUESTIONS: [&str; 6] = [
    "متى انتهت المهمة القتالية؟",
    "كم جنديا بقي؟",
    "من يقود تحالف الفتح؟",
    "لماذا تضغط القوى السياسية لسحب القوات الأجنبية؟",
    "ما هو سعر النفط اليوم؟",
    "How many soldiers will the United States keep?",
];

/// Questions whose words fill the synthetic article: long postings to walk.
const BIG_QUESTIONS: [&str; 6] = [
    "متى أعلن وزير المالية عن خطة لدعم الصادرات؟",
    "كم تبلغ كلفة مشروع السكك الحديدية؟",
    "لماذا أعلن رئيس الوزراء برنامج الإسكان؟",
    "أين أعلن زعيم المعارضة اتفاق وقف إطلاق النار؟",
    "من أعلن إصلاح نظام التقاعد في تونس؟",
    // Every sentence says this: the worst case, all of them candidates.
    "لماذا قال مسؤول إن الكلفة تبلغ مليون دولار؟",
];

fn seed() -> Article {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/2021-12-29-coalition-iraq.txt"
    ))
    .expect("seed article");
    let meta = Metadata {
        published: chrono::NaiveDate::from_ymd_opt(2021, 12, 29),
        ..Metadata::default()
    };
    parse(&text, &meta, &ParseOptions::default()).expect("parses")
}

/// About `bytes` of article: headed sections of varied sentences with people,
/// places, numbers, dates and causes, over a vocabulary large enough that
/// postings are realistic.
fn synthetic(bytes: usize) -> String {
    const WHO: [&str; 8] = [
        "وزير المالية",
        "رئيس الوزراء",
        "المتحدث باسم الجيش",
        "محافظ البنك المركزي",
        "زعيم المعارضة",
        "مدير الشركة",
        "سفير الاتحاد الأوروبي",
        "رئيس البرلمان",
    ];
    const WHAT: [&str; 10] = [
        "خطة لدعم الصادرات",
        "موازنة العام المقبل",
        "قانون الاستثمار الجديد",
        "برنامج الإسكان",
        "اتفاقا للتعاون التجاري",
        "مشروع السكك الحديدية",
        "إصلاح نظام التقاعد",
        "حملة التطعيم",
        "خطة إعادة الإعمار",
        "اتفاق وقف إطلاق النار",
    ];
    const WHERE: [&str; 7] = [
        "بغداد",
        "القاهرة",
        "عمّان",
        "بيروت",
        "تونس",
        "الرباط",
        "الدوحة",
    ];
    const MONTHS: [&str; 4] = [
        "يناير/ كانون الثاني",
        "مارس/ آذار",
        "يوليو/ تموز",
        "أكتوبر/ تشرين الأول",
    ];
    const WHY: [&str; 4] = [
        "بسبب ارتفاع الأسعار",
        "إثر احتجاجات واسعة",
        "لأن العجز تضاعف",
        "بهدف جذب المستثمرين",
    ];
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while out.len() < bytes {
        if i.is_multiple_of(12) {
            out.push_str(&format!(
                "محور رقم {} في الملف {}\n",
                i / 12 + 1,
                WHAT[(i / 12) % 10]
            ));
        }
        let (who, what, place) = (WHO[i % 8], WHAT[(i / 3) % 10], WHERE[i % 7]);
        out.push_str(&format!(
            "وفي {} {} {}، أعلن {} في {} عن {} رقم {}، {}. وقال مسؤول إن الكلفة تبلغ {} مليون دولار وإن التنفيذ يبدأ بحلول نهاية العام الجاري.\n",
            1 + i % 28, MONTHS[i % 4], 2000 + i % 25, who, place, what, i, WHY[i % 4], 100 + i
        ));
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let meta = Metadata {
        published: chrono::NaiveDate::from_ymd_opt(2021, 12, 29),
        ..Metadata::default()
    };
    let big = parse(&synthetic(1 << 20), &meta, &ParseOptions::default()).expect("parses");
    let mut group = c.benchmark_group("answer");
    for (name, article, questions) in [
        ("seed", seed(), SEED_QUESTIONS),
        ("synthetic-1MB", big, BIG_QUESTIONS),
    ] {
        let index = Index::build(&article);
        group.bench_function(format!("{name} (6 questions)"), |b| {
            b.iter(|| {
                for q in questions {
                    black_box(index.ask(&article, black_box(q)));
                }
            });
        });
        if article.sentences.len() > 1000 {
            group.sample_size(10);
        }
        group.bench_function(format!("{name} index build"), |b| {
            b.iter(|| Index::build(black_box(&article)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
