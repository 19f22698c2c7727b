//! Every fixed user-facing string, in Arabic and English, and the few phrases
//! that need numbers or dates filled in.
//!
//! Every text here is plain text with no `<`, `>` or `&`, so it is valid
//! Telegram HTML as it is (a test keeps it that way). Arabic dates and numbers
//! use Western digits throughout, as the articles themselves do: `29 ديسمبر 2021`.

use article::DateValue;

/// The language of the bot's texts: the store keeps it per chat, the texts here
/// are chosen by it.
pub use crate::store::Lang;

/// The bot's fixed texts in one language.
#[derive(Debug)]
pub struct Texts {
    pub welcome_intro: &'static str,
    pub welcome_article: &'static str,
    pub commands_title: &'static str,
    pub help_intro: &'static str,

    pub summary_title: &'static str,
    pub sections_title: &'static str,
    pub sections_hint: &'static str,
    pub dates_title: &'static str,
    /// After a date the text does not settle (a bare weekday, a year the
    /// passage leaves open): the reader sees that it is a reading, not a fact.
    pub date_uncertain: &'static str,
    pub tweet_title: &'static str,
    pub about_title: &'static str,
    /// The name of section 0, the untitled lead.
    pub lead: &'static str,

    pub about_source: &'static str,
    pub about_published: &'static str,
    pub about_sections: &'static str,
    pub about_dates: &'static str,
    pub about_tweets: &'static str,
    pub about_version: &'static str,
    pub unknown: &'static str,

    pub hint_summary: &'static str,
    pub hint_section: &'static str,
    pub hint_lang: &'static str,
    pub no_section: &'static str,
    pub no_tweet: &'static str,
    pub no_dates: &'static str,
    pub no_summary: &'static str,
    pub unknown_command: &'static str,
    pub free_text_hint: &'static str,
    pub stale_button: &'static str,

    /// Nothing in the article answers the question; the sections follow.
    pub no_answer: &'static str,
    /// An English question with nothing that matches the Arabic text; the sections follow.
    pub no_answer_english: &'static str,
    /// Above an answer to an English question.
    pub answer_english_note: &'static str,
    pub answer_section: &'static str,

    pub archive_title: &'static str,
    pub archive_hint: &'static str,
    /// Marks the latest article in the archive list.
    pub archive_latest: &'static str,
    pub now_reading: &'static str,
    pub back_to_latest: &'static str,
    pub removed_article: &'static str,

    pub subscribed: &'static str,
    pub already_subscribed: &'static str,
    pub unsubscribed: &'static str,
    pub not_subscribed: &'static str,
    pub admins_only: &'static str,
    pub error: &'static str,
    /// Said in the newly chosen language.
    pub lang_set: &'static str,
    pub owners_only: &'static str,

    pub stats_title: &'static str,
    pub stats_subscribers: &'static str,
    pub stats_total: &'static str,
    pub stats_deliveries: &'static str,
    pub stats_pending: &'static str,
    pub stats_sending: &'static str,
    pub stats_sent: &'static str,
    pub stats_failed: &'static str,
    pub stats_recent_failures: &'static str,
    pub stats_attempts: &'static str,
    pub none: &'static str,
    pub chat_private: &'static str,
    pub chat_group: &'static str,
    pub chat_supergroup: &'static str,
    pub chat_channel: &'static str,
    pub reload_changed: &'static str,
    pub reload_unchanged: &'static str,
    pub reload_failures: &'static str,

    pub announcement: &'static str,

    pub btn_summary: &'static str,
    pub btn_sections: &'static str,
    pub btn_dates: &'static str,
    pub btn_tweet: &'static str,
    pub btn_article: &'static str,
    pub btn_prev: &'static str,
    pub btn_next: &'static str,
    pub btn_share: &'static str,
    pub btn_source: &'static str,
    pub btn_open_section: &'static str,
    pub btn_latest: &'static str,
    pub btn_archive: &'static str,
    pub btn_open_in_bot: &'static str,

    pub months: [&'static str; 12],

    /// Command descriptions (command, description) for `/help`, the welcome
    /// and `setMyCommands`; empty means the `Command` enum's own (English) docs.
    pub command_descriptions: &'static [(&'static str, &'static str)],
    pub console_intro: &'static str,
    /// Before a content error, to the owners.
    pub content_failed: &'static str,
    pub console_inline: &'static str,
}

pub const AR: Texts = Texts {
    welcome_intro: "أهلًا بك! أنا «نشرة»، أقدّم لك المقال الإخباري بالطريقة التي تناسبك: ملخصًا سريعًا، وأقسامًا تقرؤها واحدًا تلو الآخر، والتغريدات المقتبسة فيه، وخطًّا زمنيًّا لأبرز تواريخه.",
    welcome_article: "المقال الحالي:",
    commands_title: "الأوامر:",
    help_intro: "إليك ما يمكنني فعله. أرسل أيّ أمر من هذه الأوامر، أو استخدم الأزرار أسفل رسائلي:",

    summary_title: "الملخص",
    sections_title: "أقسام المقال",
    sections_hint: "اضغط على قسم لقراءته، أو أرسل /section متبوعًا برقمه أو بكلمات من عنوانه.",
    dates_title: "أبرز التواريخ",
    date_uncertain: "(التاريخ غير مؤكد)",
    tweet_title: "من تويتر",
    about_title: "عن المقال",
    lead: "المقدمة",

    about_source: "المصدر",
    about_published: "تاريخ النشر",
    about_sections: "الأقسام",
    about_dates: "التواريخ المذكورة",
    about_tweets: "التغريدات",
    about_version: "النسخة",
    unknown: "غير معروف",

    hint_summary: "أرسل /summary متبوعًا بعدد الجمل من 1 إلى 10، مثل: /summary 5",
    hint_section: "أرسل /section متبوعًا برقم القسم أو بكلمات من عنوانه، مثل: /section 2. ولعرض قائمة الأقسام أرسل /sections",
    hint_lang: "أرسل /lang ar للعربية أو /lang en للإنجليزية.",
    no_section: "لم أجد قسمًا بهذا الرقم أو العنوان. إليك قائمة الأقسام:",
    no_tweet: "لا يتضمن هذا المقال أيّ تغريدة.",
    no_dates: "لم أجد في هذا المقال تواريخ بارزة.",
    no_summary: "تعذّر إعداد ملخص لهذا المقال.",
    unknown_command: "لا أعرف هذا الأمر. أرسل /help لعرض الأوامر المتاحة.",
    free_text_hint: "اسألني عن المقال بكلماتك، أو أرسل /summary لقراءة ملخصه، أو /help لعرض كل الأوامر.",
    stale_button: "هذا الزر يخص نسخة أقدم من المقال، وإليك النسخة الحالية.",

    no_answer: "لم أجد في هذا المقال جوابًا عن سؤالك. أرسل /summary لقراءة الملخص، أو اختر قسمًا:",
    no_answer_english: "المقال بالعربية، ولم أجد فيه ما يطابق كلمات سؤالك. جرّب السؤال بالعربية، أو أرسل /summary لقراءة الملخص، أو اختر قسمًا:",
    answer_english_note: "المقال بالعربية، وهذه الجملة الأقرب إلى سؤالك:",
    answer_section: "من قسم",

    archive_title: "الأرشيف",
    archive_hint: "اضغط على مقال لقراءته، وستعمل الأوامر عليه حتى ترسل /latest.",
    archive_latest: "الأحدث",
    now_reading: "تقرأ الآن هذا المقال من الأرشيف، وستعمل الأوامر عليه حتى ترسل /latest.",
    back_to_latest: "عدت إلى أحدث مقال.",
    removed_article: "لم يعد هذا المقال متاحًا، وإليك أحدث مقال.",

    subscribed: "تم الاشتراك. سأرسل إلى هذه المحادثة كل مقال جديد فور نشره.",
    already_subscribed: "هذه المحادثة مشتركة بالفعل.",
    unsubscribed: "تم إلغاء الاشتراك، ولن أرسل مقالات جديدة إلى هذه المحادثة.",
    not_subscribed: "هذه المحادثة غير مشتركة أصلًا.",
    admins_only: "يقتصر الاشتراك وإلغاؤه في المجموعات على المشرفين.",
    error: "حدث خطأ ما، يُرجى المحاولة مرة أخرى.",
    lang_set: "تم. سأخاطبك بالعربية من الآن.",
    owners_only: "هذا الأمر متاح لمالكي البوت فقط.",

    stats_title: "الإحصاءات",
    stats_subscribers: "المشتركون",
    stats_total: "المجموع",
    stats_deliveries: "الإرسال",
    stats_pending: "في الانتظار",
    stats_sending: "قيد الإرسال",
    stats_sent: "أُرسلت",
    stats_failed: "أخفقت",
    stats_recent_failures: "آخر الإخفاقات",
    stats_attempts: "المحاولات",
    none: "لا يوجد",
    chat_private: "محادثات خاصة",
    chat_group: "مجموعات",
    chat_supergroup: "مجموعات كبيرة",
    chat_channel: "قنوات",
    reload_changed: "تم تحميل نسخة جديدة من المقال.",
    reload_unchanged: "لم يتغير المقال، وما زالت النسخة الحالية معتمدة.",
    reload_failures: "تعذّر تحميل هذه الملفات:",

    announcement: "📰 مقال جديد",

    btn_summary: "الملخص",
    btn_sections: "الأقسام",
    btn_dates: "التواريخ",
    btn_tweet: "التغريدة",
    btn_article: "المقال كاملًا",
    btn_prev: "◀ السابق",
    btn_next: "التالي ▶",
    btn_share: "مشاركة",
    btn_source: "المصدر",
    btn_open_section: "افتح القسم",
    btn_latest: "أحدث مقال",
    btn_archive: "الأرشيف",
    btn_open_in_bot: "افتح في البوت",

    months: [
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
    ],
    command_descriptions: &[
        ("start", "الترحيب وما يمكن للبوت فعله"),
        ("help", "المساعدة وقائمة الأوامر"),
        ("summary", "ملخص المقال، ويمكن تحديد عدد الجمل: /summary 5"),
        ("sections", "قائمة أقسام المقال"),
        ("section", "قسم برقمه أو بكلمات من عنوانه: /section 2"),
        ("tweet", "التغريدة المقتبسة"),
        ("dates", "أبرز التواريخ في خط زمني"),
        ("article", "المقال كاملًا"),
        ("about", "العنوان والمصدر وتاريخ النشر"),
        ("subscribe", "تلقّي كل مقال جديد في هذه المحادثة"),
        ("unsubscribe", "إيقاف تلقّي المقالات الجديدة"),
        ("lang", "لغة البوت: /lang ar أو /lang en"),
        ("archive", "المقالات السابقة، عشرة في كل صفحة: /archive 2"),
        ("latest", "العودة إلى أحدث مقال"),
    ],
    content_failed: "⚠️ تعذّر تحميل مقال:",
    console_intro: "وضع التجربة دون اتصال: اكتب أمرًا مثل /summary، أو رقم زر أو اسمه للضغط عليه. أنهِ بـ Ctrl+D.",
    console_inline: "زر المشاركة يعمل داخل تيليغرام فقط.",
};

pub const EN: Texts = Texts {
    welcome_intro: "Welcome! I am Nashra, and I serve a news article the way you like it: a quick summary, sections to read one by one, the tweets it quotes and a timeline of its key dates.",
    welcome_article: "Current article:",
    commands_title: "Commands:",
    help_intro: "Here is what I can do. Send any of these commands, or use the buttons under my messages:",

    summary_title: "Summary",
    sections_title: "Sections",
    sections_hint: "Tap a section to read it, or send /section followed by its number or words of its heading.",
    dates_title: "Key dates",
    date_uncertain: "(date not certain)",
    tweet_title: "From X (Twitter)",
    about_title: "About the article",
    lead: "Lead",

    about_source: "Source",
    about_published: "Published",
    about_sections: "Sections",
    about_dates: "Dates mentioned",
    about_tweets: "Tweets",
    about_version: "Version",
    unknown: "unknown",

    hint_summary: "Send /summary followed by a number of sentences from 1 to 10, for example: /summary 5",
    hint_section: "Send /section followed by a section number or words of its heading, for example: /section 2. For the list of sections send /sections",
    hint_lang: "Send /lang ar for Arabic or /lang en for English.",
    no_section: "There is no such section. Here is the list:",
    no_tweet: "This article has no tweet.",
    no_dates: "This article mentions no dates.",
    no_summary: "There is no summary for this article.",
    unknown_command: "I don't know that command. Send /help for the list of commands.",
    free_text_hint: "Ask me about the article in your own words, or send /summary for its summary, or /help for all commands.",
    stale_button: "This button belongs to an older version of the article; here is the current one.",

    no_answer: "I could not find an answer to that in this article. Send /summary for the summary, or pick a section:",
    no_answer_english: "The article is in Arabic, and nothing in it matches the words of your question. Try asking in Arabic, send /summary for the summary, or pick a section:",
    answer_english_note: "The article is in Arabic; this is the sentence closest to your question:",
    answer_section: "From",

    archive_title: "Archive",
    archive_hint: "Tap an article to read it; every command then works on it until you send /latest.",
    archive_latest: "latest",
    now_reading: "You are now reading this article from the archive; every command works on it until you send /latest.",
    back_to_latest: "Back to the latest article.",
    removed_article: "That article is no longer available; here is the latest one.",

    subscribed: "Subscribed. I will send every new article to this chat as soon as it is out.",
    already_subscribed: "This chat is already subscribed.",
    unsubscribed: "Unsubscribed. I will send no more new articles to this chat.",
    not_subscribed: "This chat is not subscribed.",
    admins_only: "Only the group's admins may subscribe or unsubscribe it.",
    error: "Something went wrong, please try again.",
    lang_set: "Done. I will speak English from now on.",
    owners_only: "This command is for the bot's owners only.",

    stats_title: "Statistics",
    stats_subscribers: "Subscribers",
    stats_total: "Total",
    stats_deliveries: "Deliveries",
    stats_pending: "Pending",
    stats_sending: "Sending",
    stats_sent: "Sent",
    stats_failed: "Failed",
    stats_recent_failures: "Recent failures",
    stats_attempts: "Attempts",
    none: "none",
    chat_private: "Private chats",
    chat_group: "Groups",
    chat_supergroup: "Supergroups",
    chat_channel: "Channels",
    reload_changed: "Version a new version of the article.",
    reload_unchanged: "The article has not changed; the current version stays.",
    reload_failures: "These files could not be loaded:",

    announcement: "📰 New article",

    btn_summary: "Summary",
    btn_sections: "Sections",
    btn_dates: "Dates",
    btn_tweet: "Tweet",
    btn_article: "Whole article",
    btn_prev: "◀ Previous",
    btn_next: "Next ▶",
    btn_share: "Share",
    btn_source: "Source",
    btn_open_section: "Open the section",
    btn_latest: "Latest article",
    btn_archive: "Archive",
    btn_open_in_bot: "Open in the bot",

    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    command_descriptions: &[],
    content_failed: "⚠️ An article could not be loaded:",
    console_intro: "Offline console: type a command such as /summary, or a button's number or label to press it. End with Ctrl+D.",
    console_inline: "The share button works inside Telegram only.",
};

/// The language for a Telegram `language_code` (or a locale such as `LANG`):
/// English for `en*`, Arabic otherwise.
#[must_use]
pub fn lang_for_code(code: Option<&str>) -> Lang {
    match code {
        Some(c) if c.to_ascii_lowercase().starts_with("en") => Lang::En,
        _ => Lang::Ar,
    }
}

/// The language a reader typed after `/lang`: `ar`, `en`, or their names.
#[must_use]
pub fn lang_typed(s: &str) -> Option<Lang> {
    match s.trim().to_ascii_lowercase().as_str() {
        "ar" | "arabic" | "عربي" | "العربية" => Some(Lang::Ar),
        "en" | "english" | "انجليزي" | "الإنجليزية" => Some(Lang::En),
        _ => None,
    }
}

/// The texts of one language.
#[must_use]
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}

/// A date as readers write it, at its precision: `29 ديسمبر 2021`, `ديسمبر 2021`,
/// `عام 2021`; `29 December 2021`, `December 2021`, `2021`.
#[must_use]
pub fn human_date(lang: Lang, date: DateValue) -> String {
    let month = date.month.and_then(|m| {
        texts(lang)
            .months
            .get(usize::try_from(m).ok()?.checked_sub(1)?)
    });
    match (month, date.day) {
        (Some(month), Some(day)) => format!("{day} {month} {}", date.year),
        (Some(month), None) => format!("{month} {}", date.year),
        _ => match lang {
            Lang::Ar => format!("عام {}", date.year),
            Lang::En => date.year.to_string(),
        },
    }
}

/// Where a section sits among the headed ones: `القسم 2 من 4`, `Section 2 of 4`.
#[must_use]
pub fn section_position(lang: Lang, number: usize, total: usize) -> String {
    match lang {
        Lang::Ar => format!("القسم {number} من {total}"),
        Lang::En => format!("Section {number} of {total}"),
    }
}

/// Where an archive page sits: `الصفحة 1 من 3`, `Page 1 of 3`.
#[must_use]
pub fn archive_page(lang: Lang, number: usize, total: usize) -> String {
    match lang {
        Lang::Ar => format!("الصفحة {number} من {total}"),
        Lang::En => format!("Page {number} of {total}"),
    }
}

/// The incoming rate limit's notice: `طلبات كثيرة جدًا. انتظر 5 ثوانٍ ثم أعد المحاولة.`,
/// `Too many requests; wait 5 s, then try again.`
#[must_use]
pub fn too_many_requests(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::Ar => {
            // Arabic counts seconds by number: one, two (dual), 3 to 10 (plural), 11 on (singular).
            let wait = match secs {
                1 => "ثانية واحدة".to_string(),
                2 => "ثانيتين".to_string(),
                3..=10 => format!("{secs} ثوانٍ"),
                _ => format!("{secs} ثانية"),
            };
            format!("طلبات كثيرة جدًا. انتظر {wait} ثم أعد المحاولة.")
        }
        Lang::En => format!("Too many requests; wait {secs} s, then try again."),
    }
}

/// A label and its value on one line: `المصدر: الجزيرة`, `Source: Al Jazeera`.
/// Both are expected to be HTML already.
#[must_use]
pub fn labelled(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_hint_states_the_one_limit() {
        let max = article::SUMMARY_MAX.to_string();
        for t in [&AR, &EN] {
            assert!(
                t.hint_summary.contains(&format!(" {max}")),
                "{}",
                t.hint_summary
            );
        }
    }

    fn all(t: &Texts) -> Vec<&'static str> {
        let mut v = vec![
            t.welcome_intro,
            t.welcome_article,
            t.commands_title,
            t.help_intro,
            t.summary_title,
            t.sections_title,
            t.sections_hint,
            t.dates_title,
            t.tweet_title,
            t.about_title,
            t.lead,
            t.about_source,
            t.about_published,
            t.about_sections,
            t.about_dates,
            t.about_tweets,
            t.about_version,
            t.unknown,
            t.hint_summary,
            t.hint_section,
            t.hint_lang,
            t.no_section,
            t.no_tweet,
            t.no_dates,
            t.no_summary,
            t.unknown_command,
            t.free_text_hint,
            t.stale_button,
            t.no_answer,
            t.no_answer_english,
            t.answer_english_note,
            t.answer_section,
            t.archive_title,
            t.archive_hint,
            t.archive_latest,
            t.now_reading,
            t.back_to_latest,
            t.removed_article,
            t.subscribed,
            t.already_subscribed,
            t.unsubscribed,
            t.not_subscribed,
            t.admins_only,
            t.error,
            t.lang_set,
            t.owners_only,
            t.stats_title,
            t.stats_subscribers,
            t.stats_total,
            t.stats_deliveries,
            t.stats_pending,
            t.stats_sending,
            t.stats_sent,
            t.stats_failed,
            t.stats_recent_failures,
            t.stats_attempts,
            t.none,
            t.chat_private,
            t.chat_group,
            t.chat_supergroup,
            t.chat_channel,
            t.reload_changed,
            t.reload_unchanged,
            t.reload_failures,
            t.announcement,
            t.btn_summary,
            t.btn_sections,
            t.btn_dates,
            t.btn_tweet,
            t.btn_article,
            t.btn_prev,
            t.btn_next,
            t.btn_share,
            t.btn_source,
            t.btn_open_section,
            t.btn_latest,
            t.btn_archive,
            t.btn_open_in_bot,
        ];
        v.extend(t.months);
        v
    }

    #[test]
    fn texts_are_html_safe_and_non_empty() {
        for t in [&AR, &EN] {
            for s in all(t) {
                assert!(!s.trim().is_empty());
                assert!(!s.contains(['<', '>', '&']), "{s}");
                assert_eq!(s, s.trim(), "no stray whitespace: {s:?}");
            }
        }
    }

    #[test]
    fn the_rate_limit_notice_says_how_long_in_both_languages() {
        assert_eq!(
            too_many_requests(Lang::En, 5),
            "Too many requests; wait 5 s, then try again."
        );
        assert!(too_many_requests(Lang::Ar, 5).contains("5 ثوانٍ"));
        assert!(too_many_requests(Lang::Ar, 2).contains("ثانيتين"));
        assert!(too_many_requests(Lang::Ar, 30).contains("30 ثانية"));
        for secs in 1..=120 {
            for lang in [Lang::Ar, Lang::En] {
                let s = too_many_requests(lang, secs);
                assert!(!s.contains(['<', '>', '&']), "{s}");
            }
        }
    }

    #[test]
    fn dates_by_precision() {
        let d = DateValue::day(chrono::NaiveDate::from_ymd_opt(2021, 12, 29).unwrap());
        assert_eq!(human_date(Lang::Ar, d), "29 ديسمبر 2021");
        assert_eq!(human_date(Lang::En, d), "29 December 2021");
        assert_eq!(
            human_date(Lang::Ar, DateValue::month(2021, 7)),
            "يوليو 2021"
        );
        assert_eq!(human_date(Lang::En, DateValue::month(2021, 7)), "July 2021");
        assert_eq!(human_date(Lang::Ar, DateValue::year(2014)), "عام 2014");
        assert_eq!(human_date(Lang::En, DateValue::year(2014)), "2014");
        assert_eq!(human_date(Lang::En, DateValue::month(2021, 13)), "2021");
    }
}
