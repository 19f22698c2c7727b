//! Rendering answers and the archive, without a bot: valid Telegram HTML with
//! article text escaped, marks in bold, the date first, buttons that decode to
//! what they name, pages of ten.

use article::{Metadata, ParseOptions, parse, parse_metadata};
use nashra::bot::view::callback::{Callback, MAX_LEN, Press};
use nashra::bot::view::render;
use nashra::bot::view::reply::{Action, Reply};
use nashra::bot::view::texts::{Lang, texts};
use nashra::content::{Archive, Version};
use std::sync::Arc;
use testkit::fake::html::visible_text;

const LANGS: [Lang; 2] = [Lang::Ar, Lang::En];

fn seed() -> Version {
    let base = crate::harness::manifest("content/2021-12-29-coalition-iraq");
    let text = std::fs::read_to_string(base.with_extension("txt")).unwrap();
    let meta = parse_metadata(&std::fs::read_to_string(base.with_extension("toml")).unwrap());
    let article = parse(&text, &meta.unwrap(), &ParseOptions::default()).unwrap();
    Version::new(
        article,
        "5eed5eed00000000".into(),
        "2021-12-29-coalition-iraq.txt".into(),
    )
}

/// Every message valid, within the limit; every button's data ours and short.
fn check(r: &Reply) -> String {
    let mut all = String::new();
    for m in &r.messages {
        let text = visible_text(&m.html).unwrap_or_else(|e| panic!("{e}: {}", m.html));
        assert!(!text.trim().is_empty());
        all.push_str(&text);
        for b in m.buttons.iter().flatten() {
            assert!(!b.label.is_empty());
            if let Action::Callback(data) = &b.action {
                assert!(data.len() <= MAX_LEN, "{data}");
                Press::decode(data).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    all
}

fn presses(r: &Reply) -> Vec<Press> {
    r.messages
        .iter()
        .flat_map(|m| m.buttons.iter().flatten())
        .filter_map(|b| match &b.action {
            Action::Callback(d) => Press::decode(d).ok(),
            _ => None,
        })
        .collect()
}

#[test]
fn an_answer_marks_its_words_names_its_section_and_opens_it() {
    let d = seed();
    for lang in LANGS {
        let t = texts(lang);
        let r = render::answer(&d, &d.ask("كم جنديا بقي؟"), lang);
        let text = check(&r);
        let html = &r.messages[0].html;
        assert!(html.contains("<b>2500 جندي</b>"), "{html}");
        assert!(
            text.contains(&format!("{}: تنفيذ الاتفاق", t.answer_section)),
            "{text}"
        );
        let first = &r.messages[0].buttons[0][0];
        assert_eq!(first.label, t.btn_open_section);
        assert_eq!(
            first.action,
            Action::Callback(Callback::Section(2).encode_for(&d.id, &d.key))
        );
        assert!(presses(&r).iter().any(|p| matches!(
            p,
            Press::View {
                view: Callback::Summary,
                ..
            }
        )));
    }
}

#[test]
fn when_puts_the_date_first_in_both_forms() {
    let d = seed();
    let verdict = d.ask("متى انتهت المهمة القتالية؟");
    let ar = &render::answer(&d, &verdict, Lang::Ar).messages[0].html;
    assert!(
        ar.starts_with("🗓 <b>29 ديسمبر 2021</b> · <code>2021-12-29</code>"),
        "{ar}"
    );
    let en = &render::answer(&d, &verdict, Lang::En).messages[0].html;
    assert!(en.starts_with("🗓 <b>29 December 2021</b> · <code>2021-12-29</code>"));
    let year = &render::answer(
        &d,
        &d.ask("منذ متى تقود الولايات المتحدة التحالف؟"),
        Lang::Ar,
    )
    .messages[0]
        .html;
    assert!(
        year.starts_with("🗓 <b>عام 2014</b> · <code>2014</code>"),
        "{year}"
    );
}

#[test]
fn not_found_and_english_say_so_and_list_the_sections() {
    let d = seed();
    for lang in LANGS {
        let t = texts(lang);
        let r = render::answer(&d, &d.ask("ما هو سعر النفط اليوم؟"), lang);
        let text = check(&r);
        assert!(text.starts_with(t.no_answer), "{text}");
        assert!(presses(&r).iter().any(|p| matches!(
            p,
            Press::View {
                view: Callback::Section(3),
                ..
            }
        )));
        let r = render::answer(&d, &d.ask("Is the weather nice?"), lang);
        assert!(check(&r).starts_with(t.no_answer_english));
        let r = render::answer(&d, &d.ask("How many soldiers stay?"), lang);
        assert!(
            r.messages[0]
                .html
                .starts_with(&format!("<i>{}</i>", t.answer_english_note))
        );
    }
}

#[test]
fn an_answer_escapes_the_article_text() {
    let text = "أعلنت الحكومة خطة للنقل العام.\nوقال الوزير إن الخطة تكلف 3 مليارات دولار <وفق التقديرات> & أكثر.\n";
    let meta = Metadata {
        title: Some("خطة <النقل>".into()),
        ..Metadata::default()
    };
    let article = parse(text, &meta, &ParseOptions::default()).unwrap();
    let d = Version::new(article, "0123456789abcdef".into(), "t.txt".into());
    let r = render::answer(&d, &d.ask("كم تكلف خطة النقل؟"), Lang::Ar);
    check(&r);
    let html = &r.messages[0].html;
    assert!(html.contains("&lt;وفق التقديرات&gt; &amp; أكثر"), "{html}");
    assert!(html.contains("3 مليارات</b>"), "{html}");
}

fn archive_of(n: usize) -> Archive {
    let versions = (0..n)
        .map(|k| {
            let meta = Metadata {
                title: Some(format!("مقال <{k}> & غيره")),
                published: chrono::NaiveDate::from_ymd_opt(2022, 1, 1)
                    .map(|d| d + chrono::Days::new(k as u64)),
                ..Metadata::default()
            };
            let article = parse("نص قصير عن موضوع ما.", &meta, &ParseOptions::default()).unwrap();
            Arc::new(Version::new(
                article,
                format!("{k:016x}"),
                format!("a{k:02}.txt"),
            ))
        })
        .collect();
    Archive::new(versions)
}

#[test]
fn the_archive_lists_ten_a_page_newest_first_with_buttons_to_page() {
    let archive = archive_of(23);
    let latest = archive.newest()[0].id.clone();
    for lang in LANGS {
        let t = texts(lang);
        let first = render::archive(&archive, 0, &latest, lang);
        let text = check(&first);
        assert!(
            text.contains("1. مقال <22> & غيره") && text.contains("10. مقال <13>"),
            "{text}"
        );
        assert!(text.contains(t.archive_latest) && !text.contains("11. "));
        assert!(
            first.messages[0]
                .html
                .contains("مقال &lt;22&gt; &amp; غيره")
        );
        let p = presses(&first);
        assert_eq!(p.iter().filter(|p| matches!(p, Press::Open(_))).count(), 10);
        assert!(p.contains(&Press::Archive(1)) && !p.contains(&Press::Archive(0)));
        assert!(p.contains(&Press::Open(latest.clone())));

        let last = render::archive(&archive, 2, &latest, lang);
        let text = check(&last);
        assert!(text.contains("21. ") && text.contains("23. مقال <0>") && !text.contains("20. "));
        let p = presses(&last);
        assert!(p.contains(&Press::Archive(1)) && !p.contains(&Press::Archive(3)));
        assert_eq!(
            render::archive(&archive, 99, &latest, lang),
            last,
            "past the end: the last page"
        );
    }
}

#[test]
fn opening_going_back_and_a_removed_article_are_said() {
    let archive = archive_of(3);
    let old = &archive.newest()[2];
    for lang in LANGS {
        let t = texts(lang);
        let opened = render::opened(old, lang);
        assert!(check(&opened).starts_with(t.now_reading));
        let p = presses(&opened);
        assert!(p.contains(&Press::Latest) && p.contains(&Press::Archive(0)));
        assert!(
            p.iter().all(|p| match p {
                Press::View { article, .. } => article.as_deref() == Some(old.id.as_str()),
                _ => true,
            }),
            "its views are this article's"
        );
        assert!(check(&render::removed(&archive.newest()[0], lang)).starts_with(t.removed_article));
        assert!(
            check(&render::back_to_latest(&archive.newest()[0], lang))
                .starts_with(t.back_to_latest)
        );
    }
}
