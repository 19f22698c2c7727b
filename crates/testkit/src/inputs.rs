//! Generated articles of a requested size, shared by the parse benchmark, the
//! `parse_rss` example and the linear-cost property test: a realistic article,
//! and the hostile shapes an operator can drop into `content/` by mistake.
//! Each generator is deterministic and returns about `bytes` bytes.

use std::fmt::Write;

/// Makes an article of about the given number of bytes.
pub type Generator = fn(usize) -> String;

/// Every shape by name: the realistic article first, then the hostile ones.
pub const SHAPES: &[(&str, Generator)] = &[
    ("realistic", realistic),
    ("no-punctuation", no_punctuation),
    ("numeric-dates", numeric_dates),
    ("unclosed-quote", unclosed_quote),
    ("dense-dates", dense_dates),
    ("headings", headings),
    ("tweets", tweets),
];

/// The generator of a shape named in [`SHAPES`].
pub fn shape(name: &str) -> Option<Generator> {
    SHAPES.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
}

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
const MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const WEEKDAYS: [&str; 7] = [
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
];

/// Headed sections of varied paragraphs with dates, numbers, quotes and an
/// embedded tweet now and then: what a long real article looks like.
pub fn realistic(bytes: usize) -> String {
    const PAIRED: [&str; 4] = [
        "يناير/ كانون الثاني",
        "مارس/ آذار",
        "يوليو/ تموز",
        "أكتوبر/ تشرين الأول",
    ];
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while out.len() < bytes {
        if i.is_multiple_of(12) {
            let _ = writeln!(out, "محور رقم {} في الملف", i / 12 + 1);
        }
        let (s, v, o) = (SUBJECTS[i % 6], VERBS[i % 5], OBJECTS[(i / 3) % 5]);
        let _ = writeln!(
            out,
            "وفي {} {} {}، {} {} {} بعد نقاش استمر {} ساعة، وقال مسؤول إن \"القرار يخدم المواطنين\". وأضاف أن التنفيذ سيبدأ بحلول نهاية العام الجاري، بكلفة تبلغ {} مليون دولار.",
            1 + i % 28,
            PAIRED[i % 4],
            2000 + i % 25,
            v,
            s,
            o,
            2 + i % 9,
            100 + i
        );
        if i % 40 == 7 {
            out.push_str(
                "نص تغريدة قصيرة عن القرار الجديد\n— مسؤول حكومي (@official_1) March 3, 2022\n",
            );
        }
        i += 1;
    }
    out
}

/// One line of words and date words with no punctuation at all: a scraped
/// page saved as a single line.
pub fn no_punctuation(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        let (day, month, year) = (1 + i % 28, MONTHS[i % 12], 1990 + i % 35);
        let phrase = match i % 8 {
            0 => format!("{} {} {}", VERBS[i % 5], SUBJECTS[i % 6], OBJECTS[i % 5]),
            1 => format!("يوم {} الماضي بعد يومين من القرار", WEEKDAYS[i % 7]),
            2 => format!("في {day} {month} {year} وقال الوزير إن"),
            3 => format!("منذ عام {year} اليوم {} أمس", WEEKDAYS[i % 7]),
            4 => format!("في {month} من ذلك العام منتصف {month} المقبل"),
            5 => format!(
                "من {day} {month} و{} {month} و{} {month} حتى",
                day + 1,
                day + 2
            ),
            6 => format!("الـ{day} من {month} الجاري في العام نفسه"),
            _ => format!("بحلول نهاية {year} حتى {day} {month} المقبل"),
        };
        out.push_str(&phrase);
        out.push(' ');
        i += 1;
    }
    out
}

/// Numeric dates `d/m/yyyy` on long lines (about 64 KB each): a table pasted as text.
pub fn numeric_dates(bytes: usize) -> String {
    const LINE: usize = 64 * 1024;
    let mut out = String::with_capacity(bytes + 256);
    let mut line = 0usize;
    let mut i = 0usize;
    while out.len() < bytes {
        let (day, month, year) = (1 + i % 28, 1 + (i / 28) % 12, 1990 + (i / 336) % 35);
        let _ = write!(out, "{day}/{month}/{year}");
        if out.len() - line >= LINE {
            out.push('\n');
            line = out.len();
        } else {
            out.push(' ');
        }
        i += 1;
    }
    out
}

/// A quotation mark opened and never closed, then prose that quotes a little
/// in every sentence, on one line: the stray mark shifts the pairing of every
/// later one, so each full stop seems to sit inside a short quotation.
pub fn unclosed_quote(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    out.push_str("وقال المتحدث باسم الحكومة \"");
    let mut i = 0usize;
    while out.len() < bytes {
        let (s, v, o) = (SUBJECTS[i % 6], VERBS[i % 5], OBJECTS[(i / 3) % 5]);
        let _ = write!(
            out,
            "{v} {s} {o} في {} {} {}، وقال مسؤول إن \"التنفيذ يبدأ يوم {} المقبل\". ",
            1 + i % 28,
            MONTHS[i % 12],
            2000 + i % 25,
            WEEKDAYS[i % 7]
        );
        i += 1;
    }
    out
}

/// Date phrases and nothing else on one line: `الأحد 5 مارس 2020 والاثنين 6 مارس 2020 و...`.
pub fn dense_dates(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        let and = if i == 0 { "" } else { "و" };
        let _ = write!(
            out,
            "{and}{} {} {} {} ",
            WEEKDAYS[i % 7],
            1 + i % 28,
            MONTHS[(i / 28) % 12],
            2000 + (i / 336) % 25
        );
        i += 1;
    }
    out
}

/// Many short lines without punctuation, each shaped like a heading.
pub fn headings(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        let _ = match i % 3 {
            0 => writeln!(out, "{} {} رقم {i}", SUBJECTS[i % 6], VERBS[i % 5]),
            1 => writeln!(
                out,
                "{} في {} {}",
                OBJECTS[i % 5],
                1 + i % 28,
                MONTHS[i % 12]
            ),
            _ => writeln!(out, "ماذا بعد {} {}", OBJECTS[i % 5], 2000 + i % 25),
        };
        i += 1;
    }
    out
}

/// A sentence and an embedded tweet in turn, all in one section: a live blog
/// of quoted posts, where every sentence stands beside a tweet.
pub fn tweets(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        let (s, v, o) = (SUBJECTS[i % 6], VERBS[i % 5], OBJECTS[(i / 3) % 5]);
        let _ = writeln!(
            out,
            "وفي تعليق رقم {i}، {v} {s} {o} يوم {} {} {}.",
            WEEKDAYS[i % 7],
            1 + i % 28,
            MONTHS[i % 12]
        );
        let _ = writeln!(
            out,
            "{s} {v} {o} في تغريدة رقم {i}\n— حساب رقم {i} (@account_{i}) March {}, 2022",
            1 + i % 28
        );
        i += 1;
    }
    out
}
