//! Pure rendering: a loaded article and a language in, a [`Reply`] out.
//!
//! Every reply is Telegram HTML with each fragment of article text escaped, split
//! into messages that fit Telegram's limit, with the inline keyboard under the
//! last message. Callback buttons carry the article's id and version (see [`callback`]).
//!
//! - `answer`: a reader's question answered, or an honest "not found".
//! - `archive`: the archive's pages, and opening an article from it.
//! - `inline`: inline-mode results; `stats`: the owners' replies.

use teloxide::utils::html::{blockquote, bold, code_inline, escape, italic, link, user_mention};

use crate::bot::view::callback::{self, Callback};
use crate::bot::view::reply::{Button, Reply};
use crate::bot::view::split::{MESSAGE_LIMIT, split_html, visible_text, visible_utf16_len};
use crate::bot::view::texts::Lang;
use crate::bot::view::texts::{Texts, human_date, labelled, section_position, texts};
use crate::content::Version;
use article::{Article, DEFAULT_SUMMARY_SENTENCES, DateValue, Precision, Section, Tweet};

mod answer;
mod archive;
mod inline;
mod stats;

pub use answer::answer;
pub use archive::{ARCHIVE_PAGE, archive, back_to_latest, opened, removed};
pub use inline::{INLINE_MAX, InlineItem, inline_archive, inline_results};
pub use stats::{reloaded, stats};

pub use article::SUMMARY_MAX;
/// Characters of a button label or an inline description before `…`.
const LABEL_CHARS: usize = 40;
const SNIPPET_CHARS: usize = 100;

/// The view a button asks for.
#[must_use]
pub fn view(doc: &Version, cb: Callback, lang: Lang) -> Reply {
    match cb {
        Callback::Summary => summary(doc, DEFAULT_SUMMARY_SENTENCES, lang),
        Callback::Sections => sections(doc, lang),
        Callback::Section(i) => section(doc, i, lang),
        Callback::Dates => dates(doc, lang),
        Callback::Tweet => tweet(doc, lang),
        Callback::Article => article(doc, lang),
    }
}

/// For a button made for an older version: the notice, then the current summary.
#[must_use]
pub fn stale(doc: &Version, lang: Lang) -> Reply {
    with_notice(
        texts(lang).stale_button,
        summary(doc, DEFAULT_SUMMARY_SENTENCES, lang),
    )
}

/// A notice in a group addressed to the member it is for, by a mention that
/// names them (`Sami: …`).
#[must_use]
pub fn addressed(user_id: u64, name: &str, notice: &str) -> Reply {
    let mention = user_mention(teloxide::types::UserId(user_id), name);
    Reply::text(format!("{mention}: {}", escape(notice)))
}

/// Puts a notice (HTML, such as a fixed text) above a reply: in its first message
/// when there is room, else as a message of its own.
#[must_use]
pub fn with_notice(notice: &str, mut reply: Reply) -> Reply {
    let room = MESSAGE_LIMIT.saturating_sub(visible_utf16_len(notice) + 2);
    match reply.messages.first_mut() {
        Some(first) if visible_utf16_len(&first.html) <= room => {
            first.html = format!("{notice}\n\n{}", first.html);
        }
        _ => reply
            .messages
            .insert(0, Reply::text(notice).messages.remove(0)),
    }
    reply
}

/// The `n` best sentences (clamped to 1..=[`SUMMARY_MAX`]) under the title.
#[must_use]
pub fn summary(doc: &Version, n: usize, lang: Lang) -> Reply {
    let mut buttons = nav(doc, lang, Some(Callback::Summary));
    buttons.push(vec![Button::switch_inline(texts(lang).btn_share, "")]);
    messages(&summary_blocks(doc, n, lang), buttons)
}

/// The numbered list of sections, one button each.
#[must_use]
pub fn sections(doc: &Version, lang: Lang) -> Reply {
    let t = texts(lang);
    let a = &doc.article;
    let shown = shown(a);
    let list: Vec<String> = shown
        .iter()
        .map(|&i| escape(&numbered(&a.sections[i], t)))
        .collect();
    let blocks = [
        format!("{}\n{}", title(a), italic(t.sections_title)),
        list.join("\n"),
        t.sections_hint.to_string(),
    ];
    let mut rows: Vec<Vec<Button>> = shown
        .iter()
        .map(|&i| {
            let label = clip(&numbered(&a.sections[i], t), LABEL_CHARS);
            vec![button(&label, Callback::Section(i), doc)]
        })
        .take(90)
        .collect();
    rows.push(vec![button(t.btn_summary, Callback::Summary, doc)]);
    messages(&blocks, rows)
}

/// "No such section", then the list.
#[must_use]
pub fn no_section(doc: &Version, lang: Lang) -> Reply {
    with_notice(texts(lang).no_section, sections(doc, lang))
}

/// One section (by position in `Article::sections`) with its tweets, and
/// buttons to the sections before and after it.
#[must_use]
pub fn section(doc: &Version, index: usize, lang: Lang) -> Reply {
    let t = texts(lang);
    let shown = shown(&doc.article);
    let Some(at) = shown.iter().position(|&i| i == index) else {
        return no_section(doc, lang);
    };
    let mut row = Vec::new();
    if let Some(&prev) = at.checked_sub(1).and_then(|p| shown.get(p)) {
        row.push(button(t.btn_prev, Callback::Section(prev), doc));
    }
    if let Some(&next) = shown.get(at + 1) {
        row.push(button(t.btn_next, Callback::Section(next), doc));
    }
    let s = &doc.article.sections[index];
    let rows = vec![
        row,
        vec![
            button(t.btn_sections, Callback::Sections, doc),
            button(t.btn_summary, Callback::Summary, doc),
        ],
        vec![Button::switch_inline(
            t.btn_share,
            s.heading.as_deref().unwrap_or_default(),
        )],
    ];
    messages(&section_view(&doc.article, index, lang), rows)
}

/// Every quoted tweet, with author, handle and date.
#[must_use]
pub fn tweet(doc: &Version, lang: Lang) -> Reply {
    let blocks = or_text(tweet_blocks(&doc.article, lang), texts(lang).no_tweet);
    messages(&blocks, nav(doc, lang, Some(Callback::Tweet)))
}

/// The timeline: human date, ISO date, event.
#[must_use]
pub fn dates(doc: &Version, lang: Lang) -> Reply {
    let blocks = or_text(dates_blocks(&doc.article, lang), texts(lang).no_dates);
    messages(&blocks, nav(doc, lang, Some(Callback::Dates)))
}

/// The whole article in order, over as many messages as it takes.
#[must_use]
pub fn article(doc: &Version, lang: Lang) -> Reply {
    let a = &doc.article;
    let mut blocks = vec![title(a)];
    for i in shown(a) {
        if let Some(h) = &a.sections[i].heading {
            blocks.push(bold(&escape(h)));
        }
        blocks.extend(body_blocks(a, i, lang));
    }
    messages(&blocks, nav(doc, lang, Some(Callback::Article)))
}

/// Title, source, publication date and counts.
#[must_use]
pub fn about(doc: &Version, lang: Lang) -> Reply {
    let t = texts(lang);
    let a = &doc.article;
    let url = a.url.as_deref().filter(|u| is_web(u));
    let source = match (a.source.as_deref(), url) {
        (Some(s), Some(u)) => link(u, s),
        (Some(s), None) => escape(s),
        (None, Some(u)) => link(u, u),
        (None, None) => t.unknown.to_string(),
    };
    let published = a.published.map_or_else(
        || t.unknown.to_string(),
        |d| {
            format!(
                "{} {}",
                human_date(lang, DateValue::day(d)),
                code_inline(&d.to_string())
            )
        },
    );
    let headed = a.sections.iter().filter(|s| s.heading.is_some()).count();
    let lines = [
        bold(t.about_title),
        title(a),
        labelled(t.about_source, &source),
        labelled(t.about_published, &published),
        labelled(t.about_sections, &headed.to_string()),
        labelled(t.about_dates, &a.dates.len().to_string()),
        labelled(t.about_tweets, &a.tweets.len().to_string()),
        labelled(t.about_version, &code_inline(&callback::tag(&doc.key))),
    ];
    let mut rows = nav(doc, lang, None);
    if let Some(u) = url {
        rows.push(vec![Button::url(t.btn_source, u)]);
    }
    messages(&[lines.join("\n")], rows)
}

/// What the bot does, the current article and the commands.
#[must_use]
pub fn welcome(doc: &Version, lang: Lang, commands: &str) -> Reply {
    let t = texts(lang);
    let blocks = [
        t.welcome_intro.to_string(),
        format!("{} {}", t.welcome_article, title(&doc.article)),
        format!("{}\n{}", bold(t.commands_title), escape(commands)),
    ];
    messages(&blocks, nav(doc, lang, None))
}

/// The help intro and the commands' descriptions (plain text, escaped here).
#[must_use]
pub fn help(lang: Lang, commands_description: &str) -> Reply {
    let blocks = [
        texts(lang).help_intro.to_string(),
        escape(commands_description.trim()),
    ];
    messages(&blocks, Vec::new())
}

/// A new article for subscribers: heading, title, source, summary and buttons.
#[must_use]
pub fn announcement(doc: &Version, lang: Lang) -> Reply {
    let t = texts(lang);
    let a = &doc.article;
    let mut head = format!("{}\n\n{}", bold(t.announcement), title(a));
    if let Some(s) = &a.source {
        head = format!("{head}\n{}", italic(&escape(s)));
    }
    let mut blocks = vec![head];
    blocks.extend(a.summary.iter().map(|s| format!("• {}", escape(s))));
    let mut rows = nav(doc, lang, None);
    rows.push(vec![Button::switch_inline(t.btn_share, "")]);
    messages(&blocks, rows)
}

fn summary_blocks(doc: &Version, n: usize, lang: Lang) -> Vec<String> {
    let t = texts(lang);
    let sentences = doc.article.summarize(n.clamp(1, SUMMARY_MAX));
    let list = sentences.iter().enumerate();
    let list = list
        .map(|(k, s)| format!("{}. {}", k + 1, escape(s)))
        .collect();
    let head = format!("{}\n{}", title(&doc.article), italic(t.summary_title));
    std::iter::once(head)
        .chain(or_text(list, t.no_summary))
        .collect()
}

fn tweet_blocks(a: &Article, lang: Lang) -> Vec<String> {
    if a.tweets.is_empty() {
        return Vec::new();
    }
    let head = format!("{}\n{}", title(a), italic(texts(lang).tweet_title));
    std::iter::once(head)
        .chain(a.tweets.iter().map(|tw| tweet_block(tw, lang)))
        .collect()
}

fn dates_blocks(a: &Article, lang: Lang) -> Vec<String> {
    if a.timeline.is_empty() {
        return Vec::new();
    }
    let head = format!("{}\n{}", title(a), italic(texts(lang).dates_title));
    let entries = a.timeline.iter().map(|e| {
        let date = at_precision(e.date, e.precision);
        // An uncertain date is shown as a reading, never as a plain fact.
        let hedge = if e.certain {
            String::new()
        } else {
            format!(" {}", italic(texts(lang).date_uncertain))
        };
        format!(
            "• {}{hedge} · {}\n{}",
            bold(&human_date(lang, date)),
            code_inline(&date.to_string()),
            escape(&e.event)
        )
    });
    std::iter::once(head).chain(entries).collect()
}

/// A section's heading, its place among the headed sections, and its body.
fn section_view(a: &Article, index: usize, lang: Lang) -> Vec<String> {
    let t = texts(lang);
    let s = &a.sections[index];
    let mut head = bold(&escape(name(s, t)));
    if s.heading.is_some() {
        let headed: Vec<usize> = shown(a)
            .into_iter()
            .filter(|&i| a.sections[i].heading.is_some())
            .collect();
        let number = headed.iter().position(|&i| i == index).unwrap_or_default() + 1;
        head = format!(
            "{head}\n{}",
            italic(&section_position(lang, number, headed.len()))
        );
    }
    std::iter::once(head)
        .chain(body_blocks(a, index, lang))
        .collect()
}

/// A section's paragraphs with its tweets quoted where they stand.
fn body_blocks(a: &Article, index: usize, lang: Lang) -> Vec<String> {
    let s = &a.sections[index];
    let tweets: Vec<&Tweet> = a.tweets.iter().filter(|tw| tw.section == s.index).collect();
    let quoted = |p: usize| -> Vec<String> {
        tweets
            .iter()
            .filter(|tw| tw.position == p || (p == s.paragraphs.len() && tw.position > p))
            .map(|tw| tweet_block(tw, lang))
            .collect()
    };
    let mut out = Vec::new();
    for (p, para) in s.paragraphs.iter().enumerate() {
        out.extend(quoted(p));
        out.push(escape(para));
    }
    out.extend(quoted(s.paragraphs.len()));
    out
}

fn tweet_block(tw: &Tweet, lang: Lang) -> String {
    let handle: String = tw
        .handle
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut by = vec!["—".to_string()];
    if !tw.author.trim().is_empty() {
        by.push(escape(tw.author.trim()));
    }
    if !handle.is_empty() {
        by.push(link(
            &format!("https://x.com/{handle}"),
            &format!("@{handle}"),
        ));
    }
    if let Some(d) = tw.date {
        by.push(format!("· {}", human_date(lang, DateValue::day(d))));
    }
    blockquote(&format!("{}\n{}", escape(tw.text.trim()), by.join(" ")))
}

/// Buttons to the other views of the article, two a row, leaving out `this`.
fn nav(doc: &Version, lang: Lang, this: Option<Callback>) -> Vec<Vec<Button>> {
    let t = texts(lang);
    let a = &doc.article;
    let all = [
        (t.btn_summary, Callback::Summary, true),
        (t.btn_sections, Callback::Sections, !shown(a).is_empty()),
        (t.btn_dates, Callback::Dates, !a.timeline.is_empty()),
        (t.btn_tweet, Callback::Tweet, !a.tweets.is_empty()),
        (t.btn_article, Callback::Article, true),
    ];
    let buttons: Vec<Button> = all
        .into_iter()
        .filter(|&(_, cb, on)| on && Some(cb) != this)
        .map(|(label, cb, _)| button(label, cb, doc))
        .collect();
    buttons.chunks(2).map(<[Button]>::to_vec).collect()
}

/// A button to a view of this very version of the article.
fn button(label: &str, cb: Callback, doc: &Version) -> Button {
    Button::callback(label, cb.encode_for(&doc.id, &doc.key))
}

/// Blocks split into messages, the buttons under the last one.
fn messages(blocks: &[String], buttons: Vec<Vec<Button>>) -> Reply {
    Reply::parts(split_html(blocks, MESSAGE_LIMIT), buttons)
}

/// The blocks, or one fixed text when there are none.
fn or_text(blocks: Vec<String>, text: &str) -> Vec<String> {
    if blocks.is_empty() {
        vec![text.to_string()]
    } else {
        blocks
    }
}

/// Positions of the sections worth showing (an empty lead is not).
fn shown(a: &Article) -> Vec<usize> {
    (0..a.sections.len())
        .filter(|&i| {
            let s = &a.sections[i];
            s.heading.is_some()
                || !s.paragraphs.is_empty()
                || a.tweets.iter().any(|tw| tw.section == s.index)
        })
        .collect()
}

fn name<'a>(s: &'a Section, t: &Texts) -> &'a str {
    s.heading.as_deref().unwrap_or(t.lead)
}

/// `2. Heading` (plain text), as sections are listed.
fn numbered(s: &Section, t: &Texts) -> String {
    format!("{}. {}", s.index, name(s, t))
}

fn title(a: &Article) -> String {
    bold(&escape(&a.title))
}

fn at_precision(d: DateValue, p: Precision) -> DateValue {
    match p {
        Precision::Year => DateValue::year(d.year),
        Precision::Month => d
            .month
            .map_or(DateValue::year(d.year), |m| DateValue::month(d.year, m)),
        Precision::Day => d,
    }
}

fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// At most `max` characters, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", s[..at].trim_end()),
        None => s.to_string(),
    }
}
