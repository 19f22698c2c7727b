//! The offline console: the same replies as on Telegram, as plain text, for
//! trying the bot without a token. Buttons are pressed by typing their number
//! or their label.

use crate::bot::app::{App, Caller, ChatKind, answer};
use crate::bot::commands::{Heard, Input, Place, hear};
use crate::bot::view::reply::{Action, Button, Reply};
use crate::bot::view::split::visible_text;
use crate::bot::view::texts::Lang;
use crate::bot::view::texts::texts;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

/// Reads lines until end of input, answering each.
pub async fn run<R, W>(app: App, input: R, mut output: W, lang: Lang) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut caller = Caller {
        chat_id: 0,
        kind: ChatKind::Private,
        title: None,
        // The person at the console runs the bot: they are its owner (id 0).
        user_id: Some(0),
        lang,
        may_manage: true,
    };
    let mut buttons: Vec<Button> = Vec::new();
    let mut lines = input.lines();
    output
        .write_all(format!("{}\n> ", texts(lang).console_intro).as_bytes())
        .await?;
    output.flush().await?;
    while let Some(line) = lines.next_line().await? {
        let line = line.trim();
        if line.is_empty() {
            output.write_all(b"> ").await?;
            output.flush().await?;
            continue;
        }
        let input = match pressed(&buttons, line) {
            Some(Action::Callback(data)) => Input::Button(data.clone()),
            Some(Action::Url(url)) => {
                output.write_all(format!("{url}\n> ").as_bytes()).await?;
                continue;
            }
            Some(Action::SwitchInline(_)) => {
                output
                    .write_all(format!("{}\n> ", texts(caller.lang).console_inline).as_bytes())
                    .await?;
                continue;
            }
            None => match hear(line, "", Place::Private) {
                Heard::Input(i) => i,
                Heard::Ignore => {
                    output.write_all(b"> ").await?;
                    output.flush().await?;
                    continue;
                }
            },
        };
        let reply = answer(&app, &caller, input).await;
        // `/lang` changes the console's language as it would the chat's.
        if let Ok(Some(lang)) = app.language(0).await {
            caller.lang = lang;
        }
        buttons = reply
            .messages
            .iter()
            .flat_map(|m| m.buttons.iter().flatten().cloned())
            .collect();
        output.write_all(plain(&reply).as_bytes()).await?;
        output.write_all(b"> ").await?;
        output.flush().await?;
    }
    Ok(())
}

/// The reply as the console prints it: visible text, then numbered buttons.
#[must_use]
pub fn plain(reply: &Reply) -> String {
    let mut out = String::new();
    let mut n = 0;
    for m in &reply.messages {
        out.push_str(&visible_text(&m.html));
        out.push('\n');
        for row in &m.buttons {
            let labels: Vec<String> = row
                .iter()
                .map(|b| {
                    n += 1;
                    format!("[{n}] {}", b.label)
                })
                .collect();
            out.push_str(&labels.join("   "));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The button a typed line presses: its number, or its label.
fn pressed<'a>(buttons: &'a [Button], line: &str) -> Option<&'a Action> {
    if let Ok(n) = line.parse::<usize>() {
        return buttons.get(n.checked_sub(1)?).map(|b| &b.action);
    }
    let wanted = article::normalize::normalize(line);
    buttons
        .iter()
        .find(|b| article::normalize::normalize(b.label.trim()) == wanted)
        .map(|b| &b.action)
}
