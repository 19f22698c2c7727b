//! Rendering tests: every reply in both languages is valid Telegram HTML with
//! article text escaped, buttons carry round-tripping versioned callback data,
//! and long replies split into ordered messages under Telegram's limit.

use article::{DateValue, Metadata, ParseOptions, Precision, TimelineEntry, parse};
use chrono::NaiveDate;
use nashra::bot::view::callback::{self, Callback, MAX_LEN};
use nashra::bot::view::render;
use nashra::bot::view::reply::{Action, Button, Reply};
use nashra::bot::view::split::{MESSAGE_LIMIT, split_html, visible_utf16_len};
use nashra::bot::view::texts::Lang;
use nashra::bot::view::texts::texts;
use nashra::content::Version;
use nashra::store::{FailedDelivery, Stats};
use proptest::prelude::*;

const VERSION: &str = "0123456789abcdef";
const LANGS: [Lang; 2] = [Lang::Ar, Lang::En];

const TEXT: &str = "\
أعلنت الحكومة اليوم الأربعاء خطة جديدة للنقل العام في المدينة. وقال الوزير إن الخطة تبدأ في 5 يناير 2022 & تستمر عامين.
ويأتي القرار بعد دراسة استمرت منذ عام 2019 لتقييم حاجات السكان <وفق مصادر رسمية>.
تفاصيل الخطة
تشمل الخطة شراء 200 حافلة كهربائية وبناء خطوط جديدة للقطار الخفيف.
الحافلات الجديدة ستصل قبل نهاية العام. نحن فخورون بهذا الإنجاز <3 & أكثر
— وزير النقل (@transport_min) December 29, 2021
وأوضح الوزير أن الخطة تكلف نحو 3 مليارات دولار.
ردود الفعل
رحب السكان بالقرار في مارس 2021، لكن بعضهم انتقد تأخر التنفيذ.
";

fn meta() -> Metadata {
    Metadata {
        title: Some("خطة النقل <الجديدة> & المدينة".into()),
        source: Some("وكالة <الأنباء>".into()),
        url: Some("https://example.com/a?x=1&y=2".into()),
        published: NaiveDate::from_ymd_opt(2021, 12, 29),
        language: Some("ar".into()),
    }
}

fn load(text: &str, meta: &Metadata) -> Version {
    Version::new(
        parse(text, meta, &ParseOptions::default()).expect("fixture parses"),
        VERSION.into(),
        "test.txt".into(),
    )
}

fn doc() -> Version {
    load(TEXT, &meta())
}

/// A plain article: no tweet, and (forced) no dates.
fn plain() -> Version {
    let mut d = load(
        "فقرة أولى قصيرة عن موضوع ما.\nفقرة ثانية تكمل الحديث.",
        &Metadata::default(),
    );
    d.article.timeline.clear();
    d
}

/// Checks Telegram HTML independently of the crate's tokenizer: known tags only,
/// properly nested and closed, every `&` a whole entity, no stray `>`.
/// Returns the visible text.
fn check(html: &str) -> String {
    const TAGS: &[&str] = &["b", "i", "u", "s", "a", "code", "pre", "blockquote"];
    let mut stack: Vec<&str> = Vec::new();
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let end = rest
                    .find('>')
                    .unwrap_or_else(|| panic!("open tag in {html}"));
                let tag = &rest[1..end];
                if let Some(name) = tag.strip_prefix('/') {
                    assert_eq!(stack.pop(), Some(name), "misnested </{name}> in {html}");
                } else {
                    let name = tag.split(' ').next().unwrap();
                    assert!(TAGS.contains(&name), "unknown tag <{tag}> in {html}");
                    assert!(name != "a" || tag.starts_with("a href=\""), "{tag}");
                    stack.push(name);
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let end = rest
                    .find(';')
                    .unwrap_or_else(|| panic!("broken entity in {html}"));
                out.push(match &rest[..=end] {
                    "&amp;" => '&',
                    "&lt;" => '<',
                    "&gt;" => '>',
                    "&quot;" => '"',
                    e => panic!("bad entity {e} in {html}"),
                });
                rest = &rest[end + 1..];
            }
            '>' => panic!("stray > in {html}"),
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {html}");
    out
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every message valid and within the limit; buttons only under the last one;
/// callback data short, current and decodable.
fn check_reply(r: &Reply) {
    assert!(!r.messages.is_empty());
    for (k, m) in r.messages.iter().enumerate() {
        let visible = check(&m.html);
        assert!(!visible.trim().is_empty());
        assert!(units(&visible) <= MESSAGE_LIMIT);
        assert_eq!(units(&visible), visible_utf16_len(&m.html));
        assert!(k + 1 == r.messages.len() || m.buttons.is_empty());
        for b in m.buttons.iter().flatten() {
            assert!(!b.label.is_empty());
            if let Action::Callback(data) = &b.action {
                assert!(data.len() <= MAX_LEN, "{data}");
                let (tag, _) = Callback::decode(data).expect("our own data decodes");
                assert!(callback::is_current(&tag, VERSION));
            }
        }
    }
}

fn html(r: &Reply) -> String {
    r.messages
        .iter()
        .map(|m| m.html.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn buttons(r: &Reply) -> Vec<&Button> {
    r.messages
        .iter()
        .flat_map(|m| m.buttons.iter().flatten())
        .collect()
}

fn labels(r: &Reply) -> Vec<&str> {
    buttons(r).into_iter().map(|b| b.label.as_str()).collect()
}

fn callbacks(r: &Reply) -> Vec<Callback> {
    buttons(r)
        .into_iter()
        .filter_map(|b| match &b.action {
            Action::Callback(d) => Some(Callback::decode(d).unwrap().1),
            _ => None,
        })
        .collect()
}

fn stats() -> Stats {
    Stats {
        subscribers_by_type: vec![
            (nashra::store::ChatKind::Group, 2),
            (nashra::store::ChatKind::Private, 5),
        ],
        pending: 1,
        sending: 0,
        sent: 9,
        failed: 1,
        recent_failures: vec![FailedDelivery {
            chat_id: -100_123,
            version: VERSION.into(),
            attempts: 3,
            last_error: "Forbidden: <bot> was kicked & gone".into(),
        }],
    }
}

fn all_replies(d: &Version, lang: Lang) -> Vec<Reply> {
    let mut v = vec![
        render::summary(d, 3, lang),
        render::summary(d, 0, lang),
        render::summary(d, 99, lang),
        render::sections(d, lang),
        render::no_section(d, lang),
        render::tweet(d, lang),
        render::dates(d, lang),
        render::article(d, lang),
        render::about(d, lang),
        render::welcome(d, lang, &nashra::bot::commands::commands_text(lang)),
        render::help(lang, "/summary <n> — a summary & more"),
        render::announcement(d, lang),
        render::stale(d, lang),
        render::stats(d, &stats(), lang),
        render::reloaded(d, true, &["bad.txt: <oops> & co".into()], lang),
        render::reloaded(d, false, &[], lang),
    ];
    v.extend((0..d.article.sections.len() + 2).map(|i| render::section(d, i, lang)));
    v
}

#[test]
fn every_reply_in_both_languages_is_valid() {
    for d in [doc(), plain()] {
        for lang in LANGS {
            for r in all_replies(&d, lang) {
                check_reply(&r);
            }
        }
    }
}

#[test]
fn article_text_is_escaped() {
    for lang in LANGS {
        let all: String = all_replies(&doc(), lang).iter().map(html).collect();
        for raw in [
            "<وفق",
            "<3",
            "<الجديدة",
            "<bot>",
            "<oops>",
            "<n>",
            "& ",
            "<الأنباء",
        ] {
            assert!(!all.contains(raw), "{raw} left unescaped");
        }
        let article = html(&render::article(&doc(), lang));
        assert!(article.contains("&lt;وفق مصادر رسمية&gt;"));
        assert!(article.contains("2022 &amp; تستمر"));
        assert!(article.contains("&lt;3 &amp; أكثر"));
        assert!(article.starts_with("<b>خطة النقل &lt;الجديدة&gt; &amp; المدينة</b>"));
        assert!(html(&render::help(lang, "/x <n> & y")).contains("/x &lt;n&gt; &amp; y"));
    }
}

#[test]
fn summary_has_title_sentences_and_buttons() {
    let d = doc();
    for lang in LANGS {
        let t = texts(lang);
        let r = render::summary(&d, 3, lang);
        assert!(r.messages[0].html.starts_with("<b>خطة النقل"));
        assert!(r.messages[0].html.contains(t.summary_title));
        assert!(html(&r).contains("\n1. "));
        let l = labels(&r);
        for want in [
            t.btn_sections,
            t.btn_dates,
            t.btn_tweet,
            t.btn_article,
            t.btn_share,
        ] {
            assert!(l.contains(&want), "{want} missing from {l:?}");
        }
        assert!(!l.contains(&t.btn_summary));
        let one = html(&render::summary(&d, 1, lang));
        assert!(one.contains("1. ") && !one.contains("\n\n2. "));
        // The clamp: never more than ten sentences, never none.
        let many = html(&render::summary(&d, 99, lang));
        assert!(!many.contains("\n\n11. "));
        assert!(render::SUMMARY_MAX == 10 && t.hint_summary.contains("10"));
    }
}

#[test]
fn buttons_round_trip_to_the_views_they_name() {
    let d = doc();
    for lang in LANGS {
        for r in all_replies(&d, lang) {
            for cb in callbacks(&r) {
                let data = cb.encode(&d.key);
                assert_eq!(
                    Callback::decode(&data).unwrap(),
                    (callback::tag(VERSION), cb)
                );
                check_reply(&render::view(&d, cb, lang));
            }
        }
        assert_eq!(
            render::view(&d, Callback::Sections, lang),
            render::sections(&d, lang)
        );
        assert_eq!(
            render::view(&d, Callback::Section(1), lang),
            render::section(&d, 1, lang)
        );
    }
}

#[test]
fn stale_buttons_are_detected_and_answered() {
    let d = doc();
    let data = Callback::Dates.encode("ffffffff00000000");
    let (tag, cb) = Callback::decode(&data).unwrap();
    assert_eq!(cb, Callback::Dates);
    assert!(!callback::is_current(&tag, &d.key));
    for lang in LANGS {
        let r = render::stale(&d, lang);
        assert!(r.messages[0].html.starts_with(texts(lang).stale_button));
        assert!(html(&r).contains(texts(lang).summary_title));
    }
    assert!(Callback::decode("garbage").is_err());
}

#[test]
fn sections_list_lead_and_headings_with_a_button_each() {
    let d = doc();
    for lang in LANGS {
        let t = texts(lang);
        let r = render::sections(&d, lang);
        let h = html(&r);
        assert!(h.contains(&format!("0. {}", t.lead)));
        assert!(h.contains("1. تفاصيل الخطة") && h.contains("2. ردود الفعل"));
        let cbs = callbacks(&r);
        for i in 0..3 {
            assert!(cbs.contains(&Callback::Section(i)));
        }
        let none = render::no_section(&d, lang);
        assert!(none.messages[0].html.starts_with(t.no_section));
        assert_eq!(render::section(&d, 42, lang), none);
    }
}

#[test]
fn section_quotes_its_tweet_in_place_and_links_neighbours() {
    let d = doc();
    for lang in LANGS {
        let t = texts(lang);
        let r = render::section(&d, 1, lang);
        let h = html(&r);
        assert!(h.starts_with("<b>تفاصيل الخطة</b>"));
        let before = h.find("تشمل الخطة").unwrap();
        let quote = h.find("<blockquote>").unwrap();
        let after = h.find("وأوضح الوزير").unwrap();
        assert!(before < quote && quote < after, "{h}");
        assert!(!h.contains("ردود الفعل"));
        let cbs = callbacks(&r);
        assert!(cbs.contains(&Callback::Section(0)) && cbs.contains(&Callback::Section(2)));
        assert!(labels(&r).contains(&t.btn_prev) && labels(&r).contains(&t.btn_next));

        let first = render::section(&d, 0, lang);
        assert!(html(&first).starts_with(&format!("<b>{}</b>", t.lead)));
        assert!(!labels(&first).contains(&t.btn_prev) && labels(&first).contains(&t.btn_next));
        let last = render::section(&d, 2, lang);
        assert!(labels(&last).contains(&t.btn_prev) && !labels(&last).contains(&t.btn_next));
    }
}

#[test]
fn tweet_shows_author_handle_link_and_date() {
    let d = doc();
    let ar = html(&render::tweet(&d, Lang::Ar));
    let en = html(&render::tweet(&d, Lang::En));
    for h in [&ar, &en] {
        assert!(h.contains("<blockquote>الحافلات الجديدة"));
        assert!(h.contains("وزير النقل"));
        assert!(h.contains(r#"<a href="https://x.com/transport_min">@transport_min</a>"#));
    }
    assert!(ar.contains("29 ديسمبر 2021"));
    assert!(en.contains("29 December 2021"));
}

#[test]
fn dates_show_human_and_iso_forms_by_precision() {
    let mut d = doc();
    let entry = |date, precision, event: &str| TimelineEntry {
        date,
        precision,
        certain: true,
        event: event.into(),
        section: 0,
    };
    d.article.timeline = vec![
        entry(
            DateValue::year(2014),
            Precision::Year,
            "بداية <التحالف> & الحرب",
        ),
        entry(DateValue::month(2021, 7), Precision::Month, "اتفاق يوليو"),
        entry(
            DateValue::day(NaiveDate::from_ymd_opt(2021, 12, 29).unwrap()),
            Precision::Day,
            "الإعلان",
        ),
    ];
    let ar = html(&render::dates(&d, Lang::Ar));
    let en = html(&render::dates(&d, Lang::En));
    for (h, year, month, day) in [
        (&ar, "عام 2014", "يوليو 2021", "29 ديسمبر 2021"),
        (&en, "2014", "July 2021", "29 December 2021"),
    ] {
        assert!(
            h.contains(&format!("<b>{year}</b> · <code>2014</code>")),
            "{h}"
        );
        assert!(h.contains(&format!("<b>{month}</b> · <code>2021-07</code>")));
        assert!(h.contains(&format!("<b>{day}</b> · <code>2021-12-29</code>")));
        assert!(h.contains("بداية &lt;التحالف&gt; &amp; الحرب"));
        assert!(h.find("2014").unwrap() < h.find("2021-07").unwrap());
    }
}

#[test]
fn an_uncertain_date_is_marked_and_a_certain_one_is_not() {
    let mut d = doc();
    let day = |n| DateValue::day(NaiveDate::from_ymd_opt(2021, 12, n).unwrap());
    d.article.timeline = vec![
        TimelineEntry {
            date: day(23),
            precision: Precision::Day,
            certain: false,
            event: "لقاء الخميس".into(),
            section: 0,
        },
        TimelineEntry {
            date: day(29),
            precision: Precision::Day,
            certain: true,
            event: "الإعلان".into(),
            section: 0,
        },
    ];
    for lang in LANGS {
        let h = html(&render::dates(&d, lang));
        let hedge = texts(lang).date_uncertain;
        assert_eq!(h.matches(hedge).count(), 1, "{h}");
        let (uncertain, certain) = h.split_at(h.find("2021-12-29").unwrap());
        assert!(uncertain.contains(hedge), "{h}");
        assert!(!certain.contains(hedge), "{h}");
    }
}

#[test]
fn missing_tweets_and_dates_are_said_plainly() {
    let d = plain();
    for lang in LANGS {
        let t = texts(lang);
        assert!(html(&render::tweet(&d, lang)).contains(t.no_tweet));
        assert!(html(&render::dates(&d, lang)).contains(t.no_dates));
        let r = render::summary(&d, 3, lang);
        let l = labels(&r);
        assert!(!l.contains(&t.btn_tweet) && !l.contains(&t.btn_dates));
        assert!(l.contains(&t.btn_article));
    }
}

#[test]
fn about_names_source_date_counts_and_version() {
    let d = doc();
    let ar = render::about(&d, Lang::Ar);
    let h = html(&ar);
    assert!(h.contains(r#"<a href="https://example.com/a?x=1&amp;y=2">وكالة &lt;الأنباء&gt;</a>"#));
    assert!(h.contains("29 ديسمبر 2021 <code>2021-12-29</code>"));
    assert!(h.contains("الأقسام: 2") && h.contains("التغريدات: 1"));
    assert!(h.contains(&format!("<code>{}</code>", callback::tag(VERSION))));
    assert!(
        buttons(&ar)
            .iter()
            .any(|b| b.action == Action::Url("https://example.com/a?x=1&y=2".into()))
    );
    let en = html(&render::about(&plain(), Lang::En));
    assert!(en.contains("Source: unknown") && en.contains("Tweets: 0"));
}

#[test]
fn welcome_help_and_announcement() {
    let d = doc();
    for lang in LANGS {
        let t = texts(lang);
        let w = render::welcome(&d, lang, &nashra::bot::commands::commands_text(lang));
        let h = html(&w);
        assert!(h.starts_with(t.welcome_intro));
        assert!(h.contains("<b>خطة النقل &lt;الجديدة&gt; &amp; المدينة</b>"));
        assert!(h.contains("/summary") && h.contains("/section") && h.contains("/lang"));
        assert!(labels(&w).contains(&t.btn_summary));

        assert!(html(&render::help(lang, "/dates — key dates")).starts_with(t.help_intro));

        let a = render::announcement(&d, lang);
        assert_eq!(a.messages.len(), 1);
        assert!(
            a.messages[0]
                .html
                .starts_with(&format!("<b>{}</b>", t.announcement))
        );
        assert!(a.messages[0].html.contains("وكالة &lt;الأنباء&gt;"));
        assert!(
            buttons(&a)
                .iter()
                .any(|b| matches!(b.action, Action::SwitchInline(_)))
        );
    }
}

#[test]
fn stats_and_reload_for_owners() {
    let d = doc();
    let s = html(&render::stats(&d, &stats(), Lang::En));
    assert!(s.contains("Private chats: 5") && s.contains("Groups: 2") && s.contains("Total: 7"));
    assert!(s.contains("Forbidden: &lt;bot&gt; was kicked &amp; gone"));
    let r = html(&render::reloaded(&d, false, &["x.txt: &".into()], Lang::Ar));
    assert!(r.starts_with(texts(Lang::Ar).reload_unchanged) && r.contains("x.txt: &amp;"));
}

#[test]
fn inline_results_filter_by_normalised_words() {
    let d = doc();
    for lang in LANGS {
        let all = render::inline_results(&d, "", lang);
        let ids: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["sum", "dates", "tweet", "s0", "s1", "s2"]);
        assert!(all.len() <= render::INLINE_MAX);
        for item in &all {
            assert!(!item.title.is_empty() && item.id.len() <= 64);
            assert!(units(&check(&item.html)) <= MESSAGE_LIMIT);
        }
        let ids = |q: &str| -> Vec<String> {
            render::inline_results(&d, q, lang)
                .into_iter()
                .map(|i| i.id)
                .collect()
        };
        assert_eq!(ids("تفاصيل الخطة"), ["s1"]);
        // Hamza-less and diacritised spellings find the same words.
        assert!(ids("الاربعاء").contains(&"s0".to_string()));
        assert!(ids("الحَافلات").contains(&"tweet".to_string()));
        assert!(ids("zzz نص غير موجود").is_empty());
    }
}

#[test]
fn inline_mode_finds_every_section_that_section_finds() {
    let d = doc();
    let mut by_stem = 0;
    for q in [
        "الردود",
        "ردود فعل",
        "التفاصيل",
        "تفاصيل",
        "فعل السكان",
        "الخطط",
    ] {
        let Some(i) = d.article.find_section(q) else {
            continue;
        };
        let ids: Vec<String> = render::inline_results(&d, q, Lang::Ar)
            .into_iter()
            .map(|item| item.id)
            .collect();
        assert!(
            ids.contains(&format!("s{i}")),
            "{q}: /section finds {i}, inline {ids:?}"
        );
        let plain = q.split_whitespace().all(|w| TEXT.contains(w));
        by_stem += usize::from(!plain);
    }
    assert!(
        by_stem > 0,
        "at least one query is found only through stemming"
    );
}

/// About 20,000 characters: Arabic paragraphs with `<`, `&` and emoji, long
/// sentences without punctuation and one word longer than a message.
fn long_text() -> String {
    let sentence = "وقالت المصادر إن الاجتماع تناول ملفات الأمن والاقتصاد & الطاقة <بحسب البيان> 🚍 وأكدت الأطراف التزامها بالحلول السلمية. ";
    let unbroken: String = std::iter::repeat_n("كلمة طويلة بلا توقف", 300)
        .collect::<Vec<_>>()
        .join(" ");
    let mut lines = Vec::new();
    for s in 0..6 {
        if s > 0 {
            lines.push(format!("القسم رقم {s} من التقرير"));
        }
        for p in 0..3 {
            lines.push(sentence.repeat(4 + (s + p) % 5).trim().to_string());
        }
        if s == 2 {
            lines.push(unbroken.clone());
        }
        if s == 4 {
            lines.push(format!("{}.", "ب".repeat(4500)));
        }
    }
    lines.join("\n")
}

#[test]
fn a_long_article_splits_into_ordered_valid_messages() {
    let text = long_text();
    assert!(text.chars().count() >= 20_000, "{}", text.chars().count());
    let meta = Metadata {
        title: Some("تقرير <طويل> & مفصل".into()),
        ..Metadata::default()
    };
    let d = load(&text, &meta);
    for lang in LANGS {
        let r = render::article(&d, lang);
        check_reply(&r);
        assert!(r.messages.len() >= 6, "{}", r.messages.len());
        let seen: String = r.messages.iter().map(|m| check(&m.html)).collect();
        let want = format!("{}{text}", meta.title.as_deref().unwrap());
        assert_eq!(no_space(&seen), no_space(&want));
        for m in &r.messages[..r.messages.len() - 1] {
            // Each message but the last is reasonably full.
            assert!(units(&check(&m.html)) > MESSAGE_LIMIT / 2);
        }
        assert!(!r.messages.last().unwrap().buttons.is_empty());
    }
    // A section longer than a message is split too.
    let r = render::section(&d, 2, Lang::Ar);
    check_reply(&r);
    assert!(r.messages.len() >= 2);
}

#[test]
fn a_long_quote_is_closed_and_reopened_at_each_cut() {
    let quote = format!(
        "<blockquote><b>{}</b> نهاية</blockquote>",
        "نص &amp; آخر. ".repeat(1300)
    );
    let parts = split_html(&["<b>عنوان</b>".to_string(), quote.clone()], MESSAGE_LIMIT);
    assert!(
        parts.len() >= 3,
        "{:?}",
        parts
            .iter()
            .map(|p| (units(&check(p)), p.len()))
            .collect::<Vec<_>>()
    );
    for p in &parts[1..] {
        assert!(
            p.starts_with("<blockquote>") && p.ends_with("</blockquote>"),
            "{p}"
        );
        assert!(units(&check(p)) <= MESSAGE_LIMIT);
    }
    // The title shares the first message with the start of the quote.
    assert!(parts[0].starts_with("<b>عنوان</b>\n\n<blockquote><b>"));
    let seen: String = parts.iter().map(|p| check(p)).collect();
    assert_eq!(
        no_space(&seen),
        no_space(&format!("عنوان{}", check(&quote)))
    );
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("كلمة".to_string()),
        Just(" ".to_string()),
        Just("نهاية. ".to_string()),
        Just("سؤال؟ ".to_string()),
        Just("&amp;".to_string()),
        Just("&lt;".to_string()),
        Just("😀".to_string()),
        Just("\n".to_string()),
        Just("<i>مائل جدًّا</i>".to_string()),
        Just("word".to_string()),
    ]
}

fn block() -> impl Strategy<Value = String> {
    let wrap = prop_oneof![
        Just(("", "")),
        Just(("<b>", "</b>")),
        Just(("<blockquote>", "</blockquote>")),
        Just(("<a href=\"https://x.com/a?b=1&amp;c=2\">", "</a>")),
    ];
    (wrap, prop::collection::vec(fragment(), 1..120))
        .prop_map(|((open, close), f)| format!("{open}{}{close}", f.concat()))
}

proptest! {
    #[test]
    fn split_keeps_every_character_in_valid_messages(
        blocks in prop::collection::vec(block(), 1..6),
        limit in 8usize..300,
    ) {
        let parts = split_html(&blocks, limit);
        let mut seen = String::new();
        for p in &parts {
            let v = check(p);
            prop_assert!(units(&v) <= limit, "{} > {limit}: {p}", units(&v));
            prop_assert!(!v.trim().is_empty());
            seen.push_str(&v);
        }
        let want: String = blocks.iter().map(|b| check(b)).collect();
        prop_assert_eq!(no_space(&seen), no_space(&want));
    }
}

#[test]
fn the_seed_article_renders_in_both_languages() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/2021-12-29-coalition-iraq.txt");
    let mut d = nashra::content::load_file(&path, &ParseOptions::default()).unwrap();
    d.key = VERSION.into();
    for lang in LANGS {
        for r in all_replies(&d, lang) {
            check_reply(&r);
        }
        for item in render::inline_results(&d, "", lang) {
            check(&item.html);
        }
    }
    let tweet = html(&render::tweet(&d, Lang::Ar));
    assert!(
        tweet.contains(r#"<a href="https://x.com/MAKadhimi">@MAKadhimi</a>"#),
        "{tweet}"
    );
}
