//! Telegram's HTML parse mode, checked as strictly as the real server: supported tags only,
//! properly nested, every `<` part of a tag. Yields the visible text.

/// Tags Telegram accepts in HTML parse mode.
const TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
];

/// The text a user would see, or why Telegram rejects the markup (what follows
/// "Bad Request: can't parse entities: ").
pub fn visible_text(html: &str) -> Result<String, String> {
    let mut text = String::with_capacity(html.len());
    let mut open: Vec<String> = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        if rest.starts_with('&') {
            // Like Telegram, an '&' that starts no known entity is kept as it is.
            let (ch, len) = decode_entity(rest).unwrap_or(('&', 1));
            text.push(ch);
            at += len;
            continue;
        }
        if !rest.starts_with('<') {
            let ch = rest.chars().next().expect("not at the end");
            text.push(ch);
            at += ch.len_utf8();
            continue;
        }
        let Some(end) = rest.find('>') else {
            return Err(format!("Unclosed start tag at byte offset {at}"));
        };
        let inner = &rest[1..end];
        if let Some(closing) = inner.strip_prefix('/') {
            let name = closing.trim_end().to_ascii_lowercase();
            match open.pop() {
                None => return Err(format!("Unexpected end tag at byte offset {at}")),
                Some(top) if top != name => {
                    return Err(format!(
                        "Unmatched end tag at byte offset {at}, expected \"</{top}>\", found \
                         \"</{name}>\""
                    ));
                }
                Some(_) => {}
            }
        } else {
            let name: String = inner
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            if !TAGS.contains(&name.as_str()) {
                return Err(format!(
                    "Unsupported start tag \"{name}\" at byte offset {at}"
                ));
            }
            open.push(name);
        }
        at += end + 1;
    }
    match open.pop() {
        Some(top) => Err(format!(
            "Can't find end tag corresponding to start tag {top}"
        )),
        None => Ok(text),
    }
}

/// Length as Telegram counts it: UTF-16 code units.
#[must_use]
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `&lt;` `&gt;` `&amp;` `&quot;` and numeric entities, with their length in bytes.
fn decode_entity(rest: &str) -> Option<(char, usize)> {
    let end = rest.find(';').filter(|&end| end <= 10)?;
    let name = &rest[1..end];
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let code = name.strip_prefix('#')?;
            let number = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(number)?
        }
    };
    Some((ch, end + 1))
}
