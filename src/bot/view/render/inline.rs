//! Inline-mode results as plain data: the handler turns them into
//! `InlineQueryResultArticle`s. The current article's views, and the archive's
//! other articles by their titles.

use super::{
    DEFAULT_SUMMARY_SENTENCES, Lang, MESSAGE_LIMIT, SNIPPET_CHARS, Version, clip, dates_blocks,
    numbered, section_view, shown, split_html, summary_blocks, texts, title, tweet_blocks,
    visible_text,
};
use crate::bot::view::reply::Button;
use crate::bot::view::texts::human_date;
use crate::content::Archive;
use article::DateValue;
use article::normalize::normalize;

/// Most results Telegram takes in one answer to an inline query.
pub const INLINE_MAX: usize = 50;

/// One inline-mode result: plain-text `title` and `description`, HTML message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineItem {
    pub id: String,
    pub title: String,
    pub description: String,
    pub html: String,
    /// A button under the message (a deep link into the bot).
    pub button: Option<Button>,
}

/// Inline-mode results: summary, dates, tweets and each section, keeping those
/// that contain every word of the query (compared in normalised form), and every
/// section `/section` would find by those words.
#[must_use]
pub fn inline_results(doc: &Version, query: &str, lang: Lang) -> Vec<InlineItem> {
    let t = texts(lang);
    let a = &doc.article;
    let first_line = |blocks: &[String]| {
        blocks
            .get(1)
            .map(|b| clip(&one_line(&visible_text(b)), SNIPPET_CHARS))
            .unwrap_or_default()
    };
    let mut items = vec![(
        "sum".to_string(),
        t.summary_title.to_string(),
        a.title.clone(),
        summary_blocks(doc, DEFAULT_SUMMARY_SENTENCES, lang),
    )];
    for (id, label, blocks) in [
        ("dates", t.dates_title, dates_blocks(a, lang)),
        ("tweet", t.tweet_title, tweet_blocks(a, lang)),
    ] {
        if !blocks.is_empty() {
            items.push((
                id.to_string(),
                label.to_string(),
                first_line(&blocks),
                blocks,
            ));
        }
    }
    for i in shown(a) {
        let s = &a.sections[i];
        let first = s
            .paragraphs
            .first()
            .map(|p| clip(&one_line(p), SNIPPET_CHARS));
        let blocks = std::iter::once(title(a)).chain(section_view(a, i, lang));
        let label = numbered(s, t);
        items.push((
            format!("s{i}"),
            label,
            first.unwrap_or_default(),
            blocks.collect(),
        ));
    }
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    let by_heading: Vec<String> = a
        .sections_by_words(query)
        .into_iter()
        .map(|i| format!("s{i}"))
        .collect();
    items
        .into_iter()
        .filter(|(id, title, _, blocks)| {
            let hay = fold(&format!("{title}\n{}", visible_text(&blocks.join("\n"))));
            words.iter().all(|w| hay.contains(w.as_str())) || by_heading.contains(id)
        })
        .take(INLINE_MAX)
        .map(|(id, title, description, blocks)| {
            let parts = split_html(&blocks, MESSAGE_LIMIT - 2);
            let more = if parts.len() > 1 { "\n…" } else { "" };
            let html = format!("{}{more}", parts.into_iter().next().unwrap_or_default());
            InlineItem {
                id,
                title,
                description,
                html,
                button: None,
            }
        })
        .collect()
}

/// Inline-mode results for the archive's articles other than the latest whose
/// titles hold every word of the query (all of them for an empty query), newest
/// first: the title and summary, and, when the bot's username is known, a
/// deep link that opens the article in the bot.
#[must_use]
pub fn inline_archive(
    archive: &Archive,
    latest_id: &str,
    query: &str,
    lang: Lang,
    bot_username: Option<&str>,
) -> Vec<InlineItem> {
    let t = texts(lang);
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    archive
        .newest()
        .iter()
        .filter(|v| v.id != latest_id)
        .filter(|v| {
            let title = fold(&v.article.title);
            words.iter().all(|w| title.contains(w.as_str()))
        })
        .take(INLINE_MAX)
        .map(|v| {
            let a = &v.article;
            let description = [
                a.published.map(|d| human_date(lang, DateValue::day(d))),
                a.source.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let blocks = summary_blocks(v, DEFAULT_SUMMARY_SENTENCES, lang);
            let html = split_html(&blocks, MESSAGE_LIMIT - 2)
                .into_iter()
                .next()
                .unwrap_or_else(|| title(a));
            let button = bot_username.filter(|u| !u.is_empty()).map(|u| {
                Button::url(
                    t.btn_open_in_bot,
                    format!("https://t.me/{u}?start=a_{}_summary", v.id),
                )
            });
            InlineItem {
                id: format!("a{}", v.id),
                title: clip(&a.title, SNIPPET_CHARS),
                description,
                html,
                button,
            }
        })
        .collect()
}

/// The form used for inline matching.
fn fold(s: &str) -> String {
    normalize(&s.to_lowercase())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
