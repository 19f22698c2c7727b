//! Article structure on text shaped like real outlets' pages: headings versus
//! prose and list items, titles, datelines, page furniture, date lines, quotes
//! spanning lines, and what the summary leaves out. Fixtures live in
//! `tests/corpus/synthetic/structure/`, one per outlet style, written for these tests.

use article::{Article, Metadata, ParseOptions, parse};
use chrono::NaiveDate;
use testkit::corpus::{corpus_dir, read_article};

fn article(text: &str) -> Article {
    parse(text, &Metadata::default(), &ParseOptions::default()).expect("the text parses")
}

fn fixture(name: &str) -> (String, Article) {
    let (text, _) = read_article(&corpus_dir().join("synthetic/structure").join(name));
    let a = article(&text);
    (text, a)
}

/// `(heading, number of paragraphs)` per section, lead first.
fn shape(a: &Article) -> Vec<(Option<&str>, usize)> {
    a.sections
        .iter()
        .map(|s| (s.heading.as_deref(), s.paragraphs.len()))
        .collect()
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(String::as_str))
        .collect()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Every paragraph is an unaltered line of the input.
fn assert_lines_kept(text: &str, a: &Article) {
    for p in paragraphs(a) {
        assert!(
            text.lines().any(|l| l.trim() == p),
            "paragraph {p:?} is not a line of the input"
        );
    }
}

/// Every summary sentence is a sentence of the body, in article order.
fn assert_summary_from_body(a: &Article) {
    let mut last = None;
    for s in &a.summary {
        let at = a.sentences.iter().position(|x| &x.text == s);
        assert!(
            at.is_some(),
            "summary sentence {s:?} is not a body sentence"
        );
        assert!(at > last, "summary out of order: {:?}", a.summary);
        last = at;
    }
}

// ---------------------------------------------------------------------------
// 1. Headings versus prose and list items
// ---------------------------------------------------------------------------

#[test]
fn reporting_verb_lines_without_full_stop_are_paragraphs() {
    let (text, a) = fixture("anadolu_diplomacy");
    assert_eq!(shape(&a), [(None, 4), (Some("جهود الوساطة"), 2)]);
    assert_eq!(a.dateline.as_deref(), Some("القاهرة/ الأناضول"));
    assert_eq!(a.published, ymd(2022, 1, 4));
    assert!(
        a.title.starts_with("أعلنت وزارة الخارجية المصرية"),
        "{}",
        a.title
    );
    let lead = &a.sections[0].paragraphs;
    assert_eq!(lead[1], "وأضاف شكري أن مصر ستواصل جهودها لإدخال المساعدات");
    assert!(lead[2].starts_with("وأكد أن معبر رفح"));
    assert_lines_kept(&text, &a);
}

#[test]
fn numbered_and_bulleted_items_stay_in_their_section() {
    let (text, a) = fixture("budget_list");
    assert_eq!(
        shape(&a),
        [
            (None, 7),
            (Some("مصادر التمويل"), 5),
            (Some("ردود فعل متباينة"), 2)
        ]
    );
    assert_eq!(
        a.sections[0].paragraphs[3],
        "1- زيادة الإنفاق على التعليم بنسبة 5%"
    );
    assert_eq!(a.sections[0].paragraphs[4], "2) دعم برامج الإسكان الاجتماعي");
    assert_eq!(a.sections[1].paragraphs[1], "▪ رفع الإيرادات الضريبية");
    assert_eq!(a.sections[1].paragraphs[3], "- إصدار سندات دولية");
    assert!(a.sections[1].paragraphs[4].starts_with("وأكد الوزير أن"));
    assert_lines_kept(&text, &a);
}

#[test]
fn unmarked_items_after_a_colon_are_not_headings() {
    let a = article(
        "أعلنت الوزارة خطة جديدة للنقل العام في العاصمة.\n\
         وتشمل الخطة المحاور التالية:\n\
         توسيع شبكة الحافلات\n\
         تحديث محطات القطار\n\
         وقالت الوزارة إن التنفيذ يبدأ الشهر المقبل.\n\
         التمويل\n\
         وتمول الخطة من قرض دولي ميسر.",
    );
    assert_eq!(shape(&a), [(None, 5), (Some("التمويل"), 1)]);
}

#[test]
fn a_run_of_heading_shaped_lines_is_paragraphs() {
    let a = article(
        "أعلنت الحكومة حزمة إجراءات اقتصادية جديدة.\n\
         خفض الضرائب على الشركات الصغيرة\n\
         تسهيل القروض للمزارعين\n\
         دعم أسعار الوقود\n\
         وقال الوزير إن الحزمة تكلف ملياري دولار.\n\
         ردود الفعل\n\
         ورحبت غرفة التجارة بالقرار.",
    );
    assert_eq!(shape(&a), [(None, 5), (Some("ردود الفعل"), 1)]);
}

#[test]
fn a_heading_must_be_followed_by_a_paragraph() {
    let a = article(
        "افتتح الوزير المعرض الدولي للكتاب بمشاركة 40 دولة.\n\
         وتستمر فعاليات المعرض عشرة أيام.\n\
         نهاية الفعاليات",
    );
    assert_eq!(shape(&a), [(None, 3)]);
    // A heading directly above a tweet is still a heading: the tweet is its content.
    let b = article(
        "أعلن النادي تعاقده مع المدرب الجديد لموسمين.\n\
         ردود الجماهير\n\
         أهلا بالمدرب الجديد\n\
         — مشجع (@fan_1) May 3, 2023\n\
         وبدأ المدرب عمله أمس.",
    );
    assert_eq!(shape(&b), [(None, 1), (Some("ردود الجماهير"), 1)]);
    assert_eq!((b.tweets[0].section, b.tweets[0].position), (1, 0));
}

// ---------------------------------------------------------------------------
// 2. The title
// ---------------------------------------------------------------------------

#[test]
fn title_line_with_a_decimal_and_a_dateline_below_it() {
    let (text, a) = fixture("aljazeera_quake");
    assert_eq!(a.title, "زلزال بقوة 7.8 درجات يضرب تركيا وسوريا");
    assert_eq!(a.dateline.as_deref(), Some("أنقرة - الجزيرة نت"));
    assert_eq!(a.published, ymd(2023, 2, 6));
    assert_eq!(
        shape(&a),
        [
            (None, 2),
            (Some("حصيلة أولية مرتفعة"), 6),
            (Some("مساعدات دولية"), 1),
            (Some("هل كان بالإمكان التنبؤ بالزلزال؟"), 1)
        ]
    );
    assert_eq!(a.tweets.len(), 1);
    assert_eq!((a.tweets[0].section, a.tweets[0].position), (1, 6));
    assert!(
        !paragraphs(&a)
            .iter()
            .any(|p| p.contains("زلزال بقوة 7.8 درجات يضرب") || p.contains("(رويترز)"))
    );
    assert_lines_kept(&text, &a);
}

#[test]
fn metadata_title_wins_over_the_title_line() {
    let meta = Metadata {
        title: Some("عنوان من البيانات".into()),
        ..Metadata::default()
    };
    let a = parse(
        "عنوان في النص\nفقرة أولى من الخبر.\nفقرة ثانية من الخبر.",
        &meta,
        &ParseOptions::default(),
    )
    .unwrap();
    assert_eq!(a.title, "عنوان من البيانات");
    assert_eq!(shape(&a), [(None, 2)]);
}

#[test]
fn a_lone_heading_shaped_line_is_the_lead_not_a_title() {
    let a = article("زلزال بقوة 7.8 درجات يضرب تركيا وسوريا");
    assert_eq!(shape(&a), [(None, 1)]);
    assert_eq!(a.title, "زلزال بقوة 7.8 درجات يضرب تركيا وسوريا");
}

// ---------------------------------------------------------------------------
// 3. Datelines
// ---------------------------------------------------------------------------

#[test]
fn datelines_of_each_outlet_stay_out_of_the_sections() {
    for (dateline, title) in [
        ("بغداد - الجزيرة نت", true),
        ("أبوظبي - سكاي نيوز عربية", true),
        ("القاهرة/ الأناضول", false),
        ("لندن: «الشرق الأوسط»", true),
        ("باريس (أ ف ب)", false),
        ("عمّان - الغد", true),
    ] {
        let head = if title {
            "البرلمان يقر قانون الانتخابات الجديد\n"
        } else {
            ""
        };
        let text = format!(
            "{head}{dateline}\nأقر البرلمان قانون الانتخابات الجديد بأغلبية واسعة.\n\
             وقال رئيس البرلمان إن القانون يعزز تمثيل الشباب."
        );
        let a = article(&text);
        assert_eq!(a.dateline.as_deref(), Some(dateline), "{text}");
        assert_eq!(shape(&a), [(None, 2)], "{text}");
    }
}

#[test]
fn an_inline_wire_dateline_is_kept_in_the_text_but_not_in_title_or_summary() {
    let text = "واشنطن (رويترز) - قال مسؤولون أمريكيون يوم الأربعاء إن الولايات المتحدة ستفرض عقوبات جديدة على شبكة لتهريب النفط.\n\
                وأضاف المسؤولون أن العقوبات تستهدف 12 شركة وسبع سفن مسجلة في دول عدة.\n\
                وتأتي العقوبات في إطار حملة أوسع لتجفيف مصادر تمويل الشبكة.";
    let a = article(text);
    assert!(a.sections[0].paragraphs[0].starts_with("واشنطن (رويترز) - قال"));
    assert!(a.title.starts_with("قال مسؤولون أمريكيون"), "{}", a.title);
    assert!(a.summary[0].starts_with("قال مسؤولون"), "{:?}", a.summary);
    assert_eq!(a.dateline.as_deref(), Some("واشنطن (رويترز)"));
    assert_summary_from_body(&a);

    let b =
        article("غزة- أعلنت وزارة الصحة ارتفاع عدد الضحايا إلى 300 شخص.\nوتواصل فرق الإسعاف عملها.");
    assert!(b.title.starts_with("أعلنت وزارة الصحة"), "{}", b.title);
    assert_eq!(b.dateline.as_deref(), Some("غزة"));
    let c = article(
        "القاهرة - الأناضول - أعلنت الحكومة المصرية خطة لترشيد الكهرباء.\nوتبدأ الخطة الشهر المقبل.",
    );
    assert!(c.title.starts_with("أعلنت الحكومة المصرية"), "{}", c.title);
}

#[test]
fn a_lead_that_merely_opens_with_a_verb_keeps_its_first_words() {
    let a =
        article("قال الرئيس - في كلمة متلفزة - إن البلاد تجاوزت الأزمة.\nوأضاف أن الاقتصاد يتعافى.");
    assert!(a.title.starts_with("قال الرئيس"), "{}", a.title);
    assert_eq!(a.dateline, None);
}

// ---------------------------------------------------------------------------
// 4. Page furniture
// ---------------------------------------------------------------------------

#[test]
fn bbc_furniture_is_dropped() {
    let (text, a) = fixture("bbc_cold_wave");
    assert_eq!(a.title, "موجة برد قارس تضرب بلاد الشام وتربك حركة النقل");
    assert_eq!(
        shape(&a),
        [
            (None, 3),
            (Some("معاناة في المخيمات"), 2),
            (Some("تحذيرات من السيول"), 2)
        ]
    );
    for p in paragraphs(&a) {
        for junk in [
            "مصدر الصورة",
            "التعليق على الصورة",
            "اقرأ أيضاً",
            "كيف تحمي نفسك",
        ] {
            assert!(!p.contains(junk), "furniture kept: {p:?}");
        }
        assert_ne!(p, "شارك");
    }
    assert_eq!(a.published, ymd(2022, 1, 4));
    assert_summary_from_body(&a);
    assert_lines_kept(&text, &a);
}

#[test]
fn source_share_and_follow_lines_are_dropped_but_prose_about_them_is_not() {
    let a = article(
        "أعلنت الشركة أرباحا قياسية في الربع الأخير من العام.\n\
         اقرأ أيضا: الشركة تدرس الإدراج في البورصة\n\
         وقال المدير التنفيذي إن المبيعات ارتفعت بنسبة 20%.\n\
         المصدر: الجزيرة + وكالات\n\
         شارك الخبر\n\
         تابعونا على تويتر وفيسبوك",
    );
    assert_eq!(shape(&a), [(None, 2)]);
    let b = article(
        "وقال المصدر إن الاجتماع سيعقد الأسبوع المقبل.\n\
         وشارك في الاجتماع ممثلون عن عشر دول.",
    );
    assert_eq!(shape(&b), [(None, 2)]);
}

// ---------------------------------------------------------------------------
// 5. A date line at the top
// ---------------------------------------------------------------------------

#[test]
fn date_lines_give_the_publication_date() {
    for line in [
        "الثلاثاء 4 يناير 2022 - 10:30 ص",
        "4/1/2022",
        "نُشر في 4 يناير 2022",
        "آخر تحديث: ٤/١/٢٠٢٢ - 09:15 م",
    ] {
        let text = format!(
            "{line}\nالمدارس تعود إلى التعليم الحضوري\nقررت وزارة التربية إعادة الطلاب إلى الفصول.\nوتبدأ الدراسة الأحد."
        );
        let a = article(&text);
        assert_eq!(a.published, ymd(2022, 1, 4), "{line}");
        assert_eq!(a.title, "المدارس تعود إلى التعليم الحضوري", "{line}");
        assert_eq!(shape(&a), [(None, 2)], "{line}");
    }
}

#[test]
fn metadata_and_options_win_over_the_date_line() {
    let text = "4/1/2022\nقررت وزارة التربية إعادة الطلاب إلى الفصول.";
    let meta = Metadata {
        published: ymd(2022, 2, 1),
        ..Metadata::default()
    };
    let a = parse(text, &meta, &ParseOptions::default()).unwrap();
    assert_eq!(a.published, ymd(2022, 2, 1));
    let opts = ParseOptions {
        published: ymd(2022, 3, 1),
        ..ParseOptions::default()
    };
    assert_eq!(
        parse(text, &meta, &opts).unwrap().published,
        ymd(2022, 3, 1)
    );
}

#[test]
fn sky_news_date_line_dateline_and_bullets() {
    let (text, a) = fixture("skynews_startups");
    assert_eq!(a.published, ymd(2022, 1, 4));
    assert_eq!(a.dateline.as_deref(), Some("أبوظبي - سكاي نيوز عربية"));
    assert_eq!(
        a.title,
        "الإمارات تطلق برنامجا لدعم الشركات الناشئة بقيمة مليار درهم"
    );
    assert_eq!(shape(&a), [(None, 6), (Some("شراكات مع القطاع الخاص"), 2)]);
    assert!(
        !paragraphs(&a)
            .iter()
            .any(|p| p.contains("اقرأ") || p.contains("تابعونا"))
    );
    assert_lines_kept(&text, &a);
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["dateline"], "أبوظبي - سكاي نيوز عربية");
}

#[test]
fn a_date_further_down_is_a_chronology_heading_not_the_publication_date() {
    let a = article(
        "نستعرض أبرز محطات الأزمة منذ بدايتها.\n5 يناير 2020\nتبنى البرلمان قرارا بإخراج القوات الأجنبية.",
    );
    assert_eq!(a.published, None);
    assert_eq!(shape(&a), [(None, 1), (Some("5 يناير 2020"), 1)]);
}

// ---------------------------------------------------------------------------
// 6. Quotes spanning lines
// ---------------------------------------------------------------------------

#[test]
fn quoted_lines_are_separate_paragraphs_and_never_headings() {
    let (text, a) = fixture("asharq_electricity");
    assert_eq!(a.dateline.as_deref(), Some("بيروت: «الشرق الأوسط»"));
    assert_eq!(
        shape(&a),
        [
            (None, 2),
            (Some("«التيار» يتحفظ"), 6),
            (Some("تمويل دولي مشروط"), 2)
        ]
    );
    assert_eq!(
        a.sections[1].paragraphs[3],
        "ولا بزيادة التعرفة قبل تحسين التغذية"
    );
    assert_lines_kept(&text, &a);
    assert!(!a.summary.iter().any(|s| s.ends_with(':')));
}

#[test]
fn a_heading_after_a_one_line_quote_is_still_a_heading() {
    let a = article(
        "أعلنت الحكومة خطة لإصلاح قطاع النقل العام.\n\
         وقال الوزير في ختام الاجتماع:\n\
         «نحن مستعدون للتنفيذ فورا»\n\
         الخطوة التالية\n\
         وتبدأ المرحلة الأولى من الخطة الشهر المقبل.",
    );
    assert_eq!(shape(&a), [(None, 3), (Some("الخطوة التالية"), 1)]);
}

#[test]
fn a_stray_quotation_mark_does_not_swallow_later_headings() {
    let a = article(
        "قال الوزير إن \"الوضع مستقر.\n\
         وأضاف أن الحكومة تتابع التطورات.\n\
         فقرة ثالثة.\n\
         فقرة رابعة.\n\
         فقرة خامسة.\n\
         فقرة سادسة.\n\
         فقرة سابعة.\n\
         موقف المعارضة\n\
         ورفضت المعارضة التصريحات.",
    );
    assert_eq!(shape(&a).last(), Some(&(Some("موقف المعارضة"), 1)));
}

// ---------------------------------------------------------------------------
// 7. The summary
// ---------------------------------------------------------------------------

#[test]
fn summary_skips_list_introductions_items_and_fragments() {
    let (_, a) = fixture("budget_list");
    assert_eq!(a.summary.len(), 3);
    assert!(a.summary[0].starts_with("أقر مجلس الوزراء"));
    for s in &a.summary {
        assert!(!s.ends_with(':'), "list introduction in summary: {s}");
        assert!(
            !s.starts_with(|c: char| c.is_numeric() || "▪-●".contains(c)),
            "list item in summary: {s}"
        );
    }
    assert_summary_from_body(&a);
    // `3.` opens its item; it is not a sentence of its own.
    assert!(
        a.sentences
            .iter()
            .any(|s| s.text.starts_with("3. خفض الدين"))
    );
    assert!(!a.sentences.iter().any(|s| s.text == "3." || s.text == "2)"));
}

#[test]
fn a_short_article_still_gets_a_full_summary() {
    let a = article(
        "أعلنت الوزارة إطلاق خطة وطنية لتطوير التعليم الفني.\n\
         وتشمل الخطة البنود التالية:\n\
         1- إنشاء عشرين مدرسة فنية جديدة في المحافظات\n\
         2- تدريب خمسة آلاف معلم على المناهج الحديثة\n\
         وقالت الوزارة إن التنفيذ يبدأ في سبتمبر المقبل.",
    );
    assert_eq!(a.summary.len(), 3);
    assert!(a.summary[0].starts_with("أعلنت الوزارة"));
    assert_summary_from_body(&a);
}

// ---------------------------------------------------------------------------
// 8. An article that is only a tweet
// ---------------------------------------------------------------------------

#[test]
fn a_tweet_only_article_takes_its_title_from_the_tweet() {
    let a = article(
        "نحتفل اليوم بافتتاح أكبر محطة للطاقة الشمسية في المنطقة بطاقة إنتاجية تبلغ ألفي ميغاواط ونشكر كل من ساهم\n\
         — وزارة الطاقة (@energy_min) March 1, 2023",
    );
    assert_eq!(a.tweets.len(), 1);
    assert!(a.title.starts_with("نحتفل اليوم بافتتاح"), "{}", a.title);
    assert!(a.title.ends_with('…'));
    assert!(a.title.split_whitespace().count() <= 13);
    let b = article("— وزارة الطاقة (@energy_min) March 1, 2023");
    assert!(!b.title.is_empty());
}

// ---------------------------------------------------------------------------
// Input hygiene carried through the new rules
// ---------------------------------------------------------------------------

#[test]
fn crlf_bom_tatweel_and_blank_lines_do_not_change_the_structure() {
    let (text, plain) = fixture("anadolu_diplomacy");
    let messy = format!("\u{feff}{}", text.replace('\n', "  \r\n\r\n"));
    let a = article(&messy);
    assert_eq!(shape(&a), shape(&plain));
    assert_eq!(a.dateline, plain.dateline);
    assert_eq!(a.published, plain.published);
    let b = article(
        "المدارس تعود إلى التعليـــم الحضوري\nقررت الوزارة إعادة الطلاب.\nوتبدأ الدراسة الأحد.",
    );
    assert_eq!(b.title, "المدارس تعود إلى التعليـــم الحضوري");
}

#[test]
fn a_short_line_ending_in_a_colon_heads_what_it_introduces() {
    let a = article(
        "عنوان الخبر\nأعلنت الوزارة مواعيد الامتحانات الجديدة اليوم.\nتفاصيل المواعيد الجديدة:\nتبدأ الامتحانات يوم السبت في جميع المحافظات.\nوقال الوزير:\nإن الطلاب مستعدون جيدا.",
    );
    assert_eq!(
        shape(&a),
        [(None, 1), (Some("تفاصيل المواعيد الجديدة:"), 3)]
    );
}

#[test]
fn the_date_under_a_tweet_pasted_as_text_is_no_heading() {
    let a = article(
        "عنوان الخبر\nوقال الرئيس عبر تويتر: «لحظة صمت تكريما للضحايا».\nA moment of silence in honor of the victims\n16 مارس 2019\nوكان آلاف المدنيين قد قتلوا في الهجوم.",
    );
    assert!(
        a.sections.iter().all(|s| s.heading.is_none()),
        "{:?}",
        shape(&a)
    );
}
