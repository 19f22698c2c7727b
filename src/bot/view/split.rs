//! Splitting long HTML replies into messages Telegram accepts.
//!
//! Telegram counts at most 4096 UTF-16 code units of *visible* text per message:
//! tags do not count and an entity such as `&amp;` counts as the one character it
//! stands for. Replies are built from top-level blocks (paragraphs, headings,
//! quotes) which are packed into messages whole when they fit; a block too long
//! for one message is cut at a line break, else a sentence end, else a space,
//! else between characters, never inside a tag or an entity. Tags open at a cut
//! are closed there and opened again at the start of the next message.

/// Telegram's limit on a message's visible text, in UTF-16 code units.
pub const MESSAGE_LIMIT: usize = 4096;

/// Raw HTML bytes allowed per unit of the visible limit, plus a fixed allowance
/// for tags. Keeps entity-heavy text (`&lt;` is four bytes for one unit) to a
/// sensible request size.
const RAW_BYTES_PER_UNIT: usize = 4;
const RAW_BYTES_FOR_TAGS: usize = 512;

/// What goes between two blocks packed into one message.
const SEPARATOR: &str = "\n\n";

/// Ends a sentence when followed by a space.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '؟', '…', '؛'];

/// May sit between a sentence end and the space after it.
const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    Text,
}

/// A tag, an entity or one character, never to be cut.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    raw: &'a str,
    kind: Kind,
    /// The tag's name; empty for text.
    name: &'a str,
    /// The visible character (decoded for an entity); `'\0'` for a tag.
    ch: char,
    /// Visible UTF-16 code units.
    units: usize,
}

impl Token<'_> {
    fn is_space(&self) -> bool {
        self.kind == Kind::Text && self.ch.is_whitespace()
    }
}

/// Size of a message or of the room left in one.
#[derive(Debug, Clone, Copy)]
struct Room {
    units: usize,
    bytes: usize,
}

impl Room {
    fn of(html: &str) -> Self {
        Self {
            units: visible_utf16_len(html),
            bytes: html.len(),
        }
    }

    fn fits(self, room: Self) -> bool {
        self.units <= room.units && self.bytes <= room.bytes
    }
}

/// Visible length as Telegram counts it: UTF-16 code units of the text outside
/// tags, with each entity counted as the character it stands for.
#[must_use]
pub fn visible_utf16_len(html: &str) -> usize {
    tokens(html).map(|t| t.units).sum()
}

/// The text a reader sees: tags dropped, entities decoded.
#[must_use]
pub fn visible_text(html: &str) -> String {
    tokens(html)
        .filter(|t| t.kind == Kind::Text)
        .map(|t| t.ch)
        .collect()
}

/// Packs HTML blocks into messages of at most `limit` visible UTF-16 units
/// (and `4 × limit + 512` bytes of HTML), blocks separated by a blank line, in order.
/// Each message is balanced HTML on its own.
#[must_use]
pub fn split_html(blocks: &[String], limit: usize) -> Vec<String> {
    let full = Room {
        units: limit,
        bytes: limit
            .saturating_mul(RAW_BYTES_PER_UNIT)
            .saturating_add(RAW_BYTES_FOR_TAGS),
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    for block in blocks.iter().map(|b| b.trim()).filter(|b| has_visible(b)) {
        let used = Room::of(&cur);
        let sep = if cur.is_empty() { 0 } else { SEPARATOR.len() };
        let left = Room {
            units: full.units.saturating_sub(used.units + sep),
            bytes: full.bytes.saturating_sub(used.bytes + sep),
        };
        let size = Room::of(block);
        if size.fits(left) {
            if sep > 0 {
                cur.push_str(SEPARATOR);
            }
            cur.push_str(block);
            continue;
        }
        // Share a message with what came before only if a good part of it is free.
        let first = if !cur.is_empty() && !size.fits(full) && left.units >= full.units / 4 {
            left
        } else {
            flush(&mut out, &mut cur);
            full
        };
        for (k, piece) in split_block(&tokenize(block), first, full)
            .into_iter()
            .enumerate()
        {
            if k > 0 {
                flush(&mut out, &mut cur);
            } else if !cur.is_empty() && !piece.is_empty() {
                cur.push_str(SEPARATOR);
            }
            cur.push_str(&piece);
        }
    }
    flush(&mut out, &mut cur);
    out
}

fn flush(out: &mut Vec<String>, cur: &mut String) {
    if !cur.is_empty() {
        out.push(std::mem::take(cur));
    }
}

/// Whether `html` shows anything but whitespace.
fn has_visible(html: &str) -> bool {
    tokens(html).any(|t| t.kind == Kind::Text && !t.is_space())
}

/// Cuts one block into balanced pieces: the first fits `first` and is empty if
/// nothing does, the rest fit `full`.
fn split_block(tokens: &[Token<'_>], first: Room, full: Room) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut open: Vec<Token<'_>> = Vec::new();
    let mut start = 0;
    loop {
        while tokens.get(start).is_some_and(Token::is_space) {
            start += 1;
        }
        if start >= tokens.len() {
            return pieces;
        }
        // Only a piece actually kept uses up the first room: a stretch of mere
        // tags and spaces (`<b>\n`) must not hand it to the next piece.
        let room = if pieces.is_empty() { first } else { full };
        let cut = match find_cut(tokens, start, &open, room) {
            Some(cut) => cut,
            None if pieces.is_empty() => {
                pieces.push(String::new());
                continue;
            }
            None => forced_cut(tokens, start),
        };
        let mut end = cut;
        while end > start && tokens[end - 1].is_space() {
            end -= 1;
        }
        let mut stack = open.clone();
        for t in &tokens[start..cut] {
            apply(&mut stack, *t);
        }
        let body = &tokens[start..end];
        if body.iter().any(|t| t.kind == Kind::Text && !t.is_space()) {
            pieces.push(assemble(&open, body, &stack));
        }
        open = stack;
        start = cut;
    }
}

/// Where to end the piece that starts at `start`: the best cut that fits `room`,
/// or `None` if no cut does.
fn find_cut(tokens: &[Token<'_>], start: usize, open: &[Token<'_>], room: Room) -> Option<usize> {
    let mut units = 0;
    let mut bytes: usize = open.iter().map(|t| t.raw.len()).sum();
    let mut stack = open.to_vec();
    // The latest cut of each class (line, sentence, word, anywhere) and its size.
    let mut best: [Option<(usize, usize)>; 4] = [None; 4];
    for (i, t) in tokens.iter().enumerate().skip(start) {
        units += t.units;
        bytes += t.raw.len();
        apply(&mut stack, *t);
        let closing: usize = stack.iter().map(|t| t.name.len() + 3).sum();
        if units > room.units || bytes + closing > room.bytes {
            break;
        }
        let end = i + 1;
        if end == tokens.len() {
            return Some(end);
        }
        if let Some(class) = cut_class(tokens, end) {
            best[class] = Some((end, units));
        }
    }
    // Prefer the better kind of cut, unless it would leave the piece under half full.
    let good = best
        .iter()
        .enumerate()
        .find_map(|(class, b)| b.filter(|&(_, u)| class == 3 || u * 2 >= room.units));
    good.or_else(|| best.iter().find_map(|b| *b))
        .map(|(end, _)| end)
}

/// Not even one character fits a whole message: take one anyway, with its marks,
/// so the split always ends.
fn forced_cut(tokens: &[Token<'_>], start: usize) -> usize {
    let mut end = start + 1;
    while end < tokens.len() && (tokens[end - 1].kind != Kind::Text || is_mark(tokens[end].ch)) {
        end += 1;
    }
    end
}

/// How good a cut between `tokens[end - 1]` and `tokens[end]` is (lower is
/// better), or `None` where a cut would leave an empty element or split a letter
/// from its marks.
fn cut_class(tokens: &[Token<'_>], end: usize) -> Option<usize> {
    let (prev, next) = (tokens[end - 1], tokens[end]);
    if prev.kind == Kind::Open || next.kind == Kind::Close || is_mark(next.ch) {
        return None;
    }
    if prev.ch == '\n' || next.ch == '\n' {
        return Some(0);
    }
    if next.is_space() {
        let last = tokens[..end]
            .iter()
            .rev()
            .find(|t| t.kind == Kind::Text && !CLOSERS.contains(&t.ch));
        if last.is_some_and(|t| SENTENCE_ENDS.contains(&t.ch)) {
            return Some(1);
        }
        return Some(2);
    }
    if prev.is_space() {
        return Some(2);
    }
    Some(3)
}

/// Combining marks and joiners that belong to the character before them.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{200C}'..='\u{200D}'
        | '\u{FE00}'..='\u{FE0F}')
}

/// Tracks which tags are open.
fn apply<'a>(stack: &mut Vec<Token<'a>>, t: Token<'a>) {
    match t.kind {
        Kind::Open => stack.push(t),
        Kind::Close => {
            if stack
                .last()
                .is_some_and(|o| o.name.eq_ignore_ascii_case(t.name))
            {
                stack.pop();
            }
        }
        Kind::Text => {}
    }
}

/// Reopens `open`, adds `body`, closes what is open at its end; drops elements
/// left empty by the cut.
fn assemble(open: &[Token<'_>], body: &[Token<'_>], open_after: &[Token<'_>]) -> String {
    let closers: Vec<String> = open_after
        .iter()
        .rev()
        .map(|t| format!("</{}>", t.name))
        .collect();
    let mut parts: Vec<(Kind, &str)> = Vec::new();
    let all = open
        .iter()
        .chain(body)
        .map(|t| (t.kind, t.raw))
        .chain(closers.iter().map(|c| (Kind::Close, c.as_str())));
    for (kind, raw) in all {
        if kind == Kind::Close && parts.last().is_some_and(|(k, _)| *k == Kind::Open) {
            parts.pop();
        } else {
            parts.push((kind, raw));
        }
    }
    parts.into_iter().map(|(_, raw)| raw).collect()
}

fn tokenize(html: &str) -> Vec<Token<'_>> {
    tokens(html).collect()
}

/// The tokens of `html` in order, read as they are asked for.
fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let t = match c {
            '<' => tag(rest),
            '&' => entity(rest),
            _ => None,
        }
        .unwrap_or_else(|| Token {
            raw: &rest[..c.len_utf8()],
            kind: Kind::Text,
            name: "",
            ch: c,
            units: c.len_utf16(),
        });
        rest = &rest[t.raw.len()..];
        Some(t)
    })
}

/// A tag at the start of `s`, or `None` if the `<` opens no tag.
fn tag(s: &str) -> Option<Token<'_>> {
    let mut quote = None;
    let close = s
        .char_indices()
        .skip(1)
        .find_map(|(i, c)| match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                None
            }
            (Some(_), _) => None,
            (None, '"' | '\'') => {
                quote = Some(c);
                None
            }
            (None, '>') => Some(Some(i)),
            (None, '<') => Some(None),
            _ => None,
        })??;
    let raw = &s[..=close];
    let inner = &raw[1..raw.len() - 1];
    let (kind, inner) = match inner.strip_prefix('/') {
        Some(name) => (Kind::Close, name),
        None => (Kind::Open, inner),
    };
    let name = inner.split(|c: char| c.is_whitespace()).next()?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    Some(Token {
        raw,
        kind,
        name,
        ch: '\0',
        units: 0,
    })
}

/// An entity at the start of `s` (`&amp;`, `&#1575;`, `&#x627;`), or `None`.
fn entity(s: &str) -> Option<Token<'_>> {
    let semi = s.get(..12).unwrap_or(s).find(';')?;
    let raw = &s[..=semi];
    let body = &raw[1..semi];
    let ch = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        _ => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some(Token {
        raw,
        kind: Kind::Text,
        name: "",
        ch,
        units: ch.len_utf16(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(v: &[&str]) -> Vec<String> {
        v.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn counts_visible_utf16() {
        assert_eq!(visible_utf16_len("<b>a&amp;b</b>"), 3);
        assert_eq!(visible_utf16_len("<a href=\"x?a=1&amp;b=2\">ok</a>"), 2);
        assert_eq!(visible_utf16_len("سلام 😀"), 7);
        assert_eq!(visible_utf16_len("&#1575;&#x627;"), 2);
        assert_eq!(visible_text("<i>x &lt; y</i>"), "x < y");
    }

    #[test]
    fn packs_whole_blocks() {
        let parts = split_html(&blocks(&["<b>عنوان</b>", "فقرة أولى.", "فقرة ثانية."]), 100);
        assert_eq!(parts, ["<b>عنوان</b>\n\nفقرة أولى.\n\nفقرة ثانية."]);
        let parts = split_html(&blocks(&["aaaa", "bbbb", "cccc"]), 10);
        assert_eq!(parts, ["aaaa\n\nbbbb", "cccc"]);
        assert!(split_html(&blocks(&["", "  "]), 10).is_empty());
    }

    #[test]
    fn prefers_sentence_ends() {
        let text = "جملة أولى طويلة بعض الشيء. جملة ثانية أطول منها قليلًا؟ ثالثة";
        let parts = split_html(&blocks(&[text]), 60);
        assert_eq!(
            parts[0],
            "جملة أولى طويلة بعض الشيء. جملة ثانية أطول منها قليلًا؟"
        );
        assert_eq!(parts[1], "ثالثة");
    }

    #[test]
    fn closes_and_reopens_tags_at_a_cut() {
        let parts = split_html(&blocks(&["<blockquote><b>aa bb</b> cc dd</blockquote>"]), 6);
        assert_eq!(
            parts,
            [
                "<blockquote><b>aa bb</b></blockquote>",
                "<blockquote>cc dd</blockquote>"
            ]
        );
    }

    #[test]
    fn never_cuts_an_entity_or_leaves_empty_tags() {
        let parts = split_html(&blocks(&["<i>&amp;&amp;&amp;&amp;&amp;&amp;</i>"]), 4);
        assert_eq!(parts, ["<i>&amp;&amp;&amp;&amp;</i>", "<i>&amp;&amp;</i>"]);
        let parts = split_html(&blocks(&["<b>abc</b> def"]), 3);
        assert_eq!(parts, ["<b>abc</b>", "def"]);
    }

    #[test]
    fn a_shared_message_is_not_overfilled_after_a_bare_tag() {
        let parts = split_html(
            &blocks(&[
                "<i>مائل جد\u{64b}\u{651}ا</i>&amp;كلمةكلمة",
                "<b>\nكلمة<i>مائل جد\u{64b}\u{651}ا</i></b>",
            ]),
            9,
        );
        assert!(parts.iter().all(|p| visible_utf16_len(p) <= 9), "{parts:?}");
        assert_eq!(parts[2], "ةكلمة\n\n<b>كل</b>");
        assert!(split_html(&blocks(&["<b> \n</b>"]), 9).is_empty());
        // Two units left, but a letter with its two marks takes three.
        let marked = "د\u{64b}\u{651}".repeat(4);
        let (head, tail) = marked.split_at(marked.len() / 4 * 3);
        assert_eq!(
            split_html(&blocks(&["aaaaa", &marked]), 9),
            ["aaaaa", head, tail]
        );
    }

    #[test]
    fn surrogate_pairs_stay_whole() {
        let parts = split_html(&blocks(&["😀😀😀"]), 3);
        assert_eq!(parts, ["😀", "😀", "😀"]);
    }
}
