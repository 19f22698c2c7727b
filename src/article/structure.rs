//! Lines into lead, headed sections and embedded tweets.
//!
//! The shape: one paragraph per line; a heading is a short line of its own with
//! no sentence-final punctuation; a tweet is its text on one line followed by an
//! attribution line that starts with a dash: `— Name (@handle) December 29, 2021`.

use super::dates;
use super::model::{Section, Tweet};
use super::normalize::{is_ignorable, is_word_char};

pub(crate) struct Body {
    /// A first line that looks like a heading and stands before any paragraph.
    pub title: Option<String>,
    pub sections: Vec<Section>,
    pub tweets: Vec<Tweet>,
}

// A heading longer than this is a paragraph that lacks its full stop.
const HEADING_MAX_WORDS: usize = 12;
const HEADING_MAX_CHARS: usize = 100;

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
    date: Option<chrono::NaiveDate>,
}

pub(crate) fn split(text: &str) -> Body {
    let lines: Vec<&str> = text
        .split(['\n', '\r'])
        .map(trim_line)
        .filter(|l| l.chars().any(is_word_char))
        .collect();

    // First pass: pair each attribution line with the line before it.
    let mut items: Vec<Line> = Vec::with_capacity(lines.len());
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

    // Second pass: headings, sections, tweets.
    let mut body = Body {
        title: None,
        sections: vec![Section {
            index: 0,
            heading: None,
            paragraphs: Vec::new(),
        }],
        tweets: Vec::new(),
    };
    for i in 0..items.len() {
        let next_is_text = matches!(items.get(i + 1), Some(Line::Text(t)) if !is_heading(t));
        let next_is_any = items.get(i + 1).is_some();
        match &items[i] {
            Line::Text(t) if is_heading(t) && next_is_any => {
                let nothing_yet = body.sections.len() == 1
                    && body.sections[0].paragraphs.is_empty()
                    && body.tweets.is_empty()
                    && body.title.is_none();
                if nothing_yet && next_is_text && i == 0 {
                    body.title = Some((*t).to_string());
                } else {
                    let index = body.sections.len();
                    body.sections.push(Section {
                        index,
                        heading: Some((*t).to_string()),
                        paragraphs: Vec::new(),
                    });
                }
            }
            Line::Text(t) => current(&mut body).paragraphs.push((*t).to_string()),
            Line::Tweet { text, attribution } => {
                let section = current(&mut body);
                let (index, position) = (section.index, section.paragraphs.len());
                body.tweets.push(Tweet {
                    text: (*text).to_string(),
                    author: attribution.author.clone(),
                    handle: attribution.handle.clone(),
                    date: attribution.date,
                    url: format!("https://x.com/{}", attribution.handle),
                    section: index,
                    position,
                    attribution: attribution.line.clone(),
                });
            }
        }
    }
    body
}

fn current(body: &mut Body) -> &mut Section {
    body.sections
        .last_mut()
        .expect("the lead section always exists")
}

fn trim_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || is_ignorable(c))
}

/// A heading: short, one line, no sentence-final punctuation (`؟` is allowed).
pub(crate) fn is_heading(line: &str) -> bool {
    if line.chars().count() > HEADING_MAX_CHARS
        || line.split_whitespace().count() > HEADING_MAX_WORDS
        || line.starts_with(['—', '–', '-', '•', '*'])
    {
        return false;
    }
    let core = line.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']') || c.is_whitespace()
    });
    let Some(last) = core.chars().last() else {
        return false;
    };
    if matches!(last, '.' | '!' | '…' | ':' | '،' | '؛' | ',' | ';') {
        return false;
    }
    // A question heading may end in `؟`; any other sentence break inside means prose.
    let inner = &core[..core.len() - last.len_utf8()];
    !inner.contains(['.', '!', '؟', '?', '…'])
}

/// Parses `— Display Name (@handle) December 29, 2021`.
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
    let date = dates::parse_absolute(after[close + 1..].trim());
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
    fn headings_are_short_unpunctuated_lines() {
        assert!(is_heading("\"جاهزية\" القوات العراقية"));
        assert!(is_heading("ماذا بعد الانسحاب؟"));
        assert!(!is_heading("قال الوزير: \"انتهت المهمة\"."));
        assert!(!is_heading("انتهت المهمة. وعاد الجنود"));
        assert!(!is_heading("— فلان (@handle) December 29, 2021"));
    }

    #[test]
    fn tweet_lines_are_kept_apart() {
        let body = split(
            "مقدمة الخبر هنا.\nعنوان فرعي\nنص الفقرة.\nنص التغريدة\n— فلان (@user_1) December 29, 2021\nفقرة أخرى.",
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
        assert_eq!(t.date, chrono::NaiveDate::from_ymd_opt(2021, 12, 29));
    }
}
