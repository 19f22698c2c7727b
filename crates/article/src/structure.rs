//! Lines into lead, headed sections and embedded tweets.
//!
//! The shape: one paragraph per line; a heading is a short line of its own with
//! no sentence-final punctuation, followed by a paragraph; a tweet is its text on
//! one line followed by an attribution line that starts with a dash:
//! `— Name (@handle) March 15, 2022`. Page furniture (photo credits, share
//! prompts) is dropped; the top matter (title, dateline, date line) is kept apart.

mod furniture;
mod line;

pub(crate) use furniture::dateline_prefix;
pub(crate) use line::{is_heading, is_list_item};

use super::dates;
use super::model::{Section, Tweet};
use super::normalize::{is_ignorable, is_word_char};
use chrono::NaiveDate;
use furniture::Furniture;
use line::{introduces, is_title, opens_like_prose, quote_ends, starts_quoted};

pub(crate) struct Body {
    /// A heading-like first line (after any date line or dateline), with text below it.
    pub title: Option<String>,
    /// `بغداد - الجزيرة نت` on a line of its own near the top.
    pub dateline: Option<String>,
    /// The date of a date line at the top (`الثلاثاء 4 يناير 2022 - 10:30 ص`).
    pub published: Option<NaiveDate>,
    pub sections: Vec<Section>,
    pub tweets: Vec<Tweet>,
}

// Some pages print the dateline under a standfirst paragraph: one naming a known
// agency is recognised among this many first kept lines, paragraph or not.
const DATELINE_REACH: usize = 4;
// An open quotation shields at most this many following lines from being read
// as headings, so that one stray quotation mark cannot swallow the article.
const QUOTE_SPAN: usize = 6;

enum Line<'a> {
    Text(&'a str),
    Tweet {
        text: &'a str,
        attribution: Attribution,
    },
}

struct Attribution {
    line: String,
    author: String,
    handle: String,
    date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Heading,
    Paragraph,
}

#[must_use]
pub(crate) fn split(text: &str) -> Body {
    let lines = text
        .split(['\n', '\r'])
        .map(trim_line)
        .filter(|l| l.chars().any(is_word_char));
    let mut body = Body {
        title: None,
        dateline: None,
        published: None,
        sections: vec![lead()],
        tweets: Vec::new(),
    };
    let items = strip_furniture(pair_tweets(lines), &mut body);
    let roles = roles(&items);
    for (item, role) in items.into_iter().zip(roles) {
        match (item, role) {
            (Line::Text(t), Role::Title) => body.title = Some(t.to_string()),
            (Line::Text(t), Role::Heading) => {
                let index = body.sections.len();
                body.sections.push(Section {
                    index,
                    heading: Some(t.to_string()),
                    paragraphs: Vec::new(),
                });
            }
            (Line::Text(t), Role::Paragraph) => {
                current(&mut body.sections).paragraphs.push(t.to_string());
            }
            (Line::Tweet { text, attribution }, _) => {
                let section = current(&mut body.sections);
                let (index, position) = (section.index, section.paragraphs.len());
                body.tweets.push(Tweet {
                    text: text.to_string(),
                    author: attribution.author,
                    url: format!("https://x.com/{}", attribution.handle),
                    handle: attribution.handle,
                    date: attribution.date,
                    section: index,
                    position,
                    attribution: attribution.line,
                });
            }
        }
    }
    // A wire story carries its dateline inline: `واشنطن (رويترز) - قال ...`.
    if body.dateline.is_none()
        && let Some(first) = body.sections.first().and_then(|s| s.paragraphs.first())
    {
        let prefix = first[..dateline_prefix(first)].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '―' | ':')
        });
        body.dateline = (!prefix.is_empty()).then(|| prefix.to_string());
    }
    body
}

/// Pairs each attribution line with the line before it, the tweet's text.
fn pair_tweets<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Line<'a>> {
    let mut items: Vec<Line> = Vec::new();
    for line in lines {
        if let Some(attribution) = attribution(line) {
            let text = match items.pop() {
                Some(Line::Text(t)) => t,
                Some(other) => {
                    items.push(other);
                    ""
                }
                None => "",
            };
            items.push(Line::Tweet { text, attribution });
        } else {
            items.push(Line::Text(line));
        }
    }
    items
}

/// Drops page furniture everywhere, and datelines and date lines from the top
/// (before the first paragraph), recording the first of each in `body`.
fn strip_furniture<'a>(items: Vec<Line<'a>>, body: &mut Body) -> Vec<Line<'a>> {
    let mut kept = Vec::with_capacity(items.len());
    let mut top = true;
    let mut after_read_also = false;
    for item in items {
        let Line::Text(t) = item else {
            top = false;
            after_read_also = false;
            kept.push(item);
            continue;
        };
        // The headline a bare `اقرأ أيضاً` points to is a link, not text.
        if std::mem::take(&mut after_read_also) && is_heading(t) {
            continue;
        }
        match furniture::furniture(t) {
            Some(Furniture::ReadAlso) => {
                after_read_also = true;
                continue;
            }
            Some(Furniture::Drop) => continue,
            None => {}
        }
        // An unknown source (`عمّان - الغد`) is trusted only below a title: a first
        // line shaped `X - Y` is as likely a headline (`ليفربول - مانشستر سيتي`).
        let loose = top && !kept.is_empty();
        let near_top = top || kept.len() < DATELINE_REACH;
        if body.dateline.is_none() && near_top && furniture::is_dateline(t, loose) {
            body.dateline = Some(t.trim_end_matches([':', ' ']).to_string());
            continue;
        }
        if top && furniture::is_byline(t) {
            continue;
        }
        // Also right under a headline the reader does not take for a title
        // (`في الطيبة… إصابات`, no full stop): a line of a date is the page's.
        let under_headline = matches!(kept.as_slice(), [Line::Text(h)]
            if !ends_sentence(h));
        if (top || under_headline) && furniture::is_date_line(t) {
            body.published = body.published.or_else(|| furniture::date_of(t));
            continue;
        }
        // The first line kept may be a headline, longer than a sub-heading.
        if !(is_heading(t) || (kept.is_empty() && is_title(t))) {
            top = false;
        }
        kept.push(item);
    }
    kept
}

/// Whether a line ends as a sentence does; a headline's trailing `..` or `…`
/// does not.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    !(t.ends_with("..") || t.ends_with('…')) && t.ends_with(['.', '!', '؟', '?', '»', '"', ':'])
}

/// Title, heading or paragraph for each item (tweets are paragraphs here).
/// A heading stands alone: it is followed by a paragraph or a tweet, and not
/// preceded by another heading-like line, since a run of them is a list.
fn roles(items: &[Line]) -> Vec<Role> {
    let candidate = candidates(items);
    let mut roles = vec![Role::Paragraph; items.len()];
    for (i, role) in roles.iter_mut().enumerate() {
        if !candidate[i] {
            continue;
        }
        let content_follows = match items.get(i + 1) {
            Some(Line::Tweet { .. }) => true,
            Some(Line::Text(_)) => i == 0 || !candidate[i + 1],
            None => false,
        };
        if i == 0 && content_follows {
            *role = Role::Title;
        } else if i > 0 && !candidate[i - 1] && content_follows {
            *role = Role::Heading;
        }
    }
    roles
}

/// Which items look like headings in their context: heading-shaped, not prose
/// that lost its full stop, not inside a list introduced by `:` nor inside a
/// quotation left open by an earlier line.
fn candidates(items: &[Line]) -> Vec<bool> {
    let mut out = Vec::with_capacity(items.len());
    let mut after_colon = false;
    let mut quote: Option<usize> = None;
    for (i, item) in items.iter().enumerate() {
        let Line::Text(t) = item else {
            out.push(false);
            after_colon = false;
            continue;
        };
        let shape = if i == 0 { is_title(t) } else { is_heading(t) };
        let shaped = shape && !opens_like_prose(t);
        // A tweet pasted as text, its words in Latin letters, then its date on a
        // line of its own: that date is the tweet's, not a chronology heading.
        let tweet_date = i > 0
            && matches!(items[i - 1], Line::Text(p) if mostly_latin(p))
            && furniture::is_date_line(t);
        // A line in Latin letters among Arabic ones is a quotation or a tweet's
        // text, not a crosshead (the first line may still be an English title).
        let latin = i > 0 && mostly_latin(t);
        out.push(shaped && !after_colon && quote.is_none() && !tweet_date && !latin);
        // Unmarked list items after `:` run on while they stay heading-shaped;
        // a quotation after `:` is one paragraph, and the list ends with it.
        after_colon = introduces(t) || (after_colon && is_heading(t) && !starts_quoted(t));
        let (closes, left_open) = quote_ends(t);
        quote = match quote {
            Some(_) if closes > 0 => (left_open > 0).then_some(0),
            Some(n) if n + 1 >= QUOTE_SPAN => None,
            Some(n) => Some(n + 1),
            None => (left_open > 0).then_some(0),
        };
    }
    out
}

/// Whether most letters of a line are Latin (a tweet or a quotation in English)
/// rather than Arabic. Counted by code ranges: a Unicode property lookup per
/// character would cost more than the rest of reading the line.
fn mostly_latin(line: &str) -> bool {
    let (mut latin, mut arabic) = (0usize, 0usize);
    for c in line.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c) {
            arabic += 1;
        }
    }
    latin > arabic
}

fn lead() -> Section {
    Section {
        index: 0,
        heading: None,
        paragraphs: Vec::new(),
    }
}

fn current(sections: &mut Vec<Section>) -> &mut Section {
    if sections.is_empty() {
        sections.push(lead());
    }
    let last = sections.len() - 1;
    &mut sections[last]
}

fn trim_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || is_ignorable(c))
}

/// Parses `— Display Name (@handle) March 15, 2022`.
fn attribution(line: &str) -> Option<Attribution> {
    let rest = line
        .strip_prefix('—')
        .or_else(|| line.strip_prefix('–'))
        .or_else(|| line.strip_prefix('―'))
        .or_else(|| line.strip_prefix("--"))?;
    let open = rest.find("(@")?;
    let after = &rest[open + 2..];
    let close = after.find(')')?;
    let handle = after[..close].trim();
    if handle.is_empty()
        || handle.len() > 32
        || !handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let author = rest[..open].trim().to_string();
    let when = after[close + 1..].trim();
    let date = dates::parse_absolute(when).or_else(|| dates::parse_foreign_day(when));
    Some(Attribution {
        line: line.to_string(),
        author,
        handle: handle.to_string(),
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_word_headings_are_headings_even_with_time_words() {
        let text = "نص الخبر الأول عن القضية كما روته المصادر.\nلقاء سنوي\nاجتمع الطرفان كعادتهما في الربيع.\nمرحلة الاستئناف\nتبدأ المحكمة النظر في الطعن الشهر المقبل.\nعام الحسم\nويرى المراقبون أن العام المقبل حاسم.\n";
        let body = split(text);
        let headings: Vec<&str> = body
            .sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .collect();
        assert_eq!(headings, ["لقاء سنوي", "مرحلة الاستئناف", "عام الحسم"]);
    }

    #[test]
    fn headings_are_short_unpunctuated_lines() {
        assert!(is_heading("\"الحصاد\" في موسم الجفاف"));
        assert!(is_heading("ماذا بعد الانسحاب؟"));
        assert!(!is_heading("قال الوزير: \"انتهت المهمة\"."));
        assert!(!is_heading("انتهت المهمة. وعاد الجنود"));
        assert!(!is_heading("— فلان (@handle) March 15, 2022"));
    }

    #[test]
    fn tweet_lines_are_kept_apart() {
        let body = split(
            "مقدمة الخبر هنا.\nعنوان فرعي\nنص الفقرة.\nنص التغريدة\n— فلان (@user_1) March 15, 2022\nفقرة أخرى.",
        );
        assert_eq!(body.sections.len(), 2);
        assert_eq!(
            body.sections[1].paragraphs,
            vec!["نص الفقرة.", "فقرة أخرى."]
        );
        assert_eq!(body.tweets.len(), 1);
        let t = &body.tweets[0];
        assert_eq!(
            (t.text.as_str(), t.handle.as_str(), t.section, t.position),
            ("نص التغريدة", "user_1", 1, 1)
        );
        assert_eq!(t.author, "فلان");
        assert_eq!(t.date, chrono::NaiveDate::from_ymd_opt(2022, 3, 15));
    }

    #[test]
    fn attribution_dates_in_other_languages() {
        let day = |line: &str| attribution(line).and_then(|a| a.date);
        let d = chrono::NaiveDate::from_ymd_opt(2025, 2, 6);
        assert_eq!(day("— Recep Tayyip Erdoğan (@RTErdogan) 6 Şubat 2025"), d);
        assert_eq!(day("— Emmanuel Macron (@EmmanuelMacron) 6 février 2025"), d);
        assert_eq!(
            day("— Pedro Sánchez (@sanchezcastejon) 6 de febrero de 2025"),
            d
        );
        assert_eq!(day("— Olaf Scholz (@Bundeskanzler) 6. Februar 2025"), d);
        assert_eq!(day("— X (@x) 31 Şubat 2025"), None);
    }
}
