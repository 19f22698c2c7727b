//! The archive: every article of the content folder, newest first, ten a page,
//! with a button to open each and buttons to page; and the notices of opening
//! an article, going back to the latest, and a removed article.

use super::{
    DEFAULT_SUMMARY_SENTENCES, LABEL_CHARS, Lang, Reply, Version, clip, messages, summary, texts,
    with_notice,
};
use crate::bot::view::callback::Press;
use crate::bot::view::reply::Button;
use crate::bot::view::texts::{archive_page, human_date};
use crate::content::Archive;
use article::DateValue;
use teloxide::utils::html::{bold, escape, italic};

/// Articles on one page of `/archive`.
pub const ARCHIVE_PAGE: usize = 10;

/// One page of the archive (0 is the newest; past the end, the last page).
#[must_use]
pub fn archive(archive: &Archive, page: usize, latest_id: &str, lang: Lang) -> Reply {
    let t = texts(lang);
    let all = archive.newest();
    let pages = all.len().div_ceil(ARCHIVE_PAGE).max(1);
    let page = page.min(pages - 1);
    let first = page * ARCHIVE_PAGE;
    let on_page = all.iter().skip(first).take(ARCHIVE_PAGE);
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for (k, v) in on_page.enumerate() {
        let n = first + k + 1;
        let mut line = format!("{n}. {}", bold(&escape(&v.article.title)));
        if let Some(d) = v.article.published {
            line = format!("{line} — {}", human_date(lang, DateValue::day(d)));
        }
        if v.id == latest_id {
            line = format!("{line} · {}", italic(t.archive_latest));
        }
        lines.push(line);
        let label = clip(&format!("{n}. {}", v.article.title), LABEL_CHARS);
        rows.push(vec![Button::callback(
            label,
            Press::Open(v.id.clone()).encode(),
        )]);
    }
    let mut paging = Vec::new();
    if page > 0 {
        paging.push(Button::callback(
            t.btn_prev,
            Press::Archive(page - 1).encode(),
        ));
    }
    if page + 1 < pages {
        paging.push(Button::callback(
            t.btn_next,
            Press::Archive(page + 1).encode(),
        ));
    }
    rows.push(paging);
    let blocks = [
        format!(
            "{}\n{}",
            bold(t.archive_title),
            italic(&archive_page(lang, page + 1, pages))
        ),
        lines.join("\n"),
        t.archive_hint.to_string(),
    ];
    messages(&blocks, rows)
}

/// An article opened from the archive: the notice, its summary, and a way back.
#[must_use]
pub fn opened(doc: &Version, lang: Lang) -> Reply {
    let t = texts(lang);
    let mut reply = with_notice(t.now_reading, summary(doc, DEFAULT_SUMMARY_SENTENCES, lang));
    if let Some(last) = reply.messages.last_mut() {
        last.buttons.push(vec![
            Button::callback(t.btn_latest, Press::Latest.encode()),
            Button::callback(t.btn_archive, Press::Archive(0).encode()),
        ]);
    }
    reply
}

/// Back to the latest article: the notice and its summary.
#[must_use]
pub fn back_to_latest(latest: &Version, lang: Lang) -> Reply {
    with_notice(
        texts(lang).back_to_latest,
        summary(latest, DEFAULT_SUMMARY_SENTENCES, lang),
    )
}

/// A button or link naming an article the folder no longer holds: the notice
/// and the latest article's summary.
#[must_use]
pub fn removed(latest: &Version, lang: Lang) -> Reply {
    with_notice(
        texts(lang).removed_article,
        summary(latest, DEFAULT_SUMMARY_SENTENCES, lang),
    )
}
