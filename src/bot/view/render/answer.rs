//! A reader's question answered: the sentence (or two) with what matched in
//! bold, the date first for "when", the section it comes from and a button to
//! open it; or an honest "not found" with the sections to choose from.

use super::{
    Callback, Lang, Reply, Version, at_precision, button, messages, name, sections, shown, texts,
    with_notice,
};
use crate::bot::view::texts::{human_date, labelled};
use article::answer::{Answer, Verdict};
use article::{Calendar, DateMention, DateValue};
use teloxide::utils::html::{bold, code_inline, escape, italic};

/// The reply to a question.
#[must_use]
pub fn answer(doc: &Version, verdict: &Verdict, lang: Lang) -> Reply {
    let t = texts(lang);
    match verdict {
        Verdict::Found(a) => found(doc, a, lang),
        Verdict::NotFound => with_notice(t.no_answer, sections(doc, lang)),
        Verdict::Foreign => with_notice(t.no_answer_english, sections(doc, lang)),
    }
}

fn found(doc: &Version, a: &Answer, lang: Lang) -> Reply {
    let t = texts(lang);
    let article = &doc.article;
    let mut blocks = Vec::new();
    if a.english {
        blocks.push(italic(t.answer_english_note));
    }
    if let Some(m) = a.date.and_then(|k| article.dates.get(k))
        && let Some(date) = calendar_date(m)
    {
        blocks.push(format!(
            "🗓 {} · {}",
            bold(&human_date(lang, date)),
            code_inline(&date.to_string())
        ));
    }
    let said: Vec<String> = a
        .sentences
        .iter()
        .zip(&a.marks)
        .filter_map(|(&i, marks)| Some(marked(&article.sentences.get(i)?.text, marks)))
        .collect();
    blocks.push(said.join(" "));
    let section = article.sections.get(a.section);
    if let Some(s) = section {
        blocks.push(italic(&labelled(t.answer_section, &escape(name(s, t)))));
    }
    let mut rows = Vec::new();
    if section.is_some() && shown(article).contains(&a.section) {
        rows.push(vec![button(
            t.btn_open_section,
            Callback::Section(a.section),
            doc,
        )]);
    }
    rows.push(vec![
        button(t.btn_summary, Callback::Summary, doc),
        button(t.btn_sections, Callback::Sections, doc),
    ]);
    messages(&blocks, rows)
}

/// A Gregorian date at the mention's precision (a Hijri date by its Gregorian
/// equivalent); none when the mention is left unresolved.
fn calendar_date(m: &DateMention) -> Option<DateValue> {
    let value = match m.calendar {
        Calendar::Gregorian => m.date?,
        Calendar::Hijri => m.gregorian?,
    };
    Some(at_precision(value, m.precision.min(value.precision())))
}

/// A sentence escaped, its marked byte spans in bold.
fn marked(text: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in marks {
        let (Some(before), Some(inside)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        out.push_str(&escape(before));
        out.push_str(&bold(&escape(inside)));
        at = e;
    }
    out.push_str(&escape(text.get(at..).unwrap_or_default()));
    out
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn marks_are_bold_and_the_rest_escaped() {
        let text = "بلغ 2500 جندي <تقريبا> & أكثر";
        let s = text.find("2500").unwrap();
        let e = text.find(" <").unwrap();
        assert_eq!(
            marked(text, &[(s, e)]),
            "بلغ <b>2500 جندي</b> &lt;تقريبا&gt; &amp; أكثر"
        );
        assert_eq!(marked("نص", &[(0, 99)]), "نص", "a bad span is skipped");
    }
}
