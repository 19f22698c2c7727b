//! The bot's commands (their doc comments are the English `/help`) and how a
//! message's text becomes an [`Input`].

use crate::bot::view::texts::Lang;
use crate::bot::view::texts::texts;
use teloxide::types::BotCommand;
use teloxide::utils::command::{BotCommands, ParseError};

/// These commands are supported:
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Welcome and what the bot can do.
    Start(String),
    /// Show this help.
    Help,
    /// The article's summary; /summary 5 picks the length (1 to 10).
    Summary(String),
    /// The numbered list of sections.
    Sections,
    /// One section, by number or by words of its heading: /section 2.
    Section(String),
    /// The quoted tweet.
    Tweet,
    /// The key dates as a timeline.
    Dates,
    /// The whole article.
    Article,
    /// Title, source, publication date and counts.
    About,
    /// Receive each new article in this chat.
    Subscribe,
    /// Stop receiving new articles.
    Unsubscribe,
    /// The bot's language: /lang ar or /lang en.
    Lang(String),
    /// Owners: subscriber and delivery statistics.
    #[command(hide)]
    Stats,
    /// Owners: reload the content folder.
    #[command(hide)]
    Reload,
}

/// The visible commands with their descriptions in one language: the enum's
/// doc comments, or the language's own descriptions where `texts` has them.
#[must_use]
pub fn command_list(lang: Lang) -> Vec<BotCommand> {
    let own = texts(lang).command_descriptions;
    Command::bot_commands()
        .into_iter()
        .map(|c| {
            let name = c.command.trim_start_matches('/').to_string();
            let description = own
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(c.description, |(_, d)| (*d).to_string());
            BotCommand::new(name, description)
        })
        .collect()
}

/// The command list as text, one `/command — description` a line.
#[must_use]
pub fn commands_text(lang: Lang) -> String {
    command_list(lang)
        .iter()
        .map(|c| format!("/{} — {}", c.command, c.description))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a person sent, as the bot understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Command(Command),
    /// A button's `callback_data`.
    Button(String),
    /// Plain text (private chats only).
    Text(String),
    /// A `/command` this bot does not have.
    Unknown,
}

/// How a message's text reads, given where it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    Input(Input),
    /// Not for this bot (another bot's command, group chatter): no reply at all.
    Ignore,
}

/// Reads a message. In groups only commands are answered, and an unknown
/// command only when it names this bot (`/foo@thisbot`), since a bare `/foo`
/// may be meant for another bot in the group.
#[must_use]
pub fn hear(text: &str, bot_username: &str, in_group: bool) -> Heard {
    let text = text.trim();
    if !text.starts_with('/') {
        return if in_group {
            Heard::Ignore
        } else {
            Heard::Input(Input::Text(text.to_string()))
        };
    }
    match Command::parse(text, bot_username) {
        Ok(cmd) => Heard::Input(Input::Command(cmd)),
        Err(ParseError::WrongBotName(_)) => Heard::Ignore,
        Err(_) if in_group && !names_bot(text, bot_username) => Heard::Ignore,
        Err(_) => Heard::Input(Input::Unknown),
    }
}

fn names_bot(text: &str, bot_username: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    first
        .split_once('@')
        .is_some_and(|(_, name)| name.eq_ignore_ascii_case(bot_username))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_with_and_without_mentions() {
        let cmd = |c| Heard::Input(Input::Command(c));
        assert_eq!(
            hear("/summary 5", "nashra_bot", false),
            cmd(Command::Summary("5".into()))
        );
        assert_eq!(
            hear("/section@nashra_bot ضغوط", "nashra_bot", true),
            cmd(Command::Section("ضغوط".into()))
        );
        assert_eq!(hear("/tweet", "nashra_bot", true), cmd(Command::Tweet));
        assert_eq!(
            hear("/summary@other_bot", "nashra_bot", true),
            Heard::Ignore
        );
    }

    #[test]
    fn every_visible_command_has_an_arabic_description() {
        let en = command_list(Lang::En);
        let ar = command_list(Lang::Ar);
        assert_eq!(en.len(), ar.len());
        for (e, a) in en.iter().zip(&ar) {
            assert_eq!(e.command, a.command);
            assert_ne!(
                e.description, a.description,
                "/{} has no Arabic description",
                e.command
            );
        }
        assert!(
            !en.iter()
                .any(|c| c.command == "stats" || c.command == "reload"),
            "owner commands stay hidden"
        );
        assert!(commands_text(Lang::Ar).lines().all(|l| l.starts_with('/')));
    }

    #[test]
    fn chatter_and_unknown_commands() {
        assert_eq!(hear("مرحبا", "nashra_bot", true), Heard::Ignore);
        assert_eq!(
            hear("مرحبا", "nashra_bot", false),
            Heard::Input(Input::Text("مرحبا".into()))
        );
        assert_eq!(
            hear("/nope", "nashra_bot", false),
            Heard::Input(Input::Unknown)
        );
        assert_eq!(hear("/nope", "nashra_bot", true), Heard::Ignore);
        assert_eq!(
            hear("/nope@nashra_bot", "nashra_bot", true),
            Heard::Input(Input::Unknown)
        );
    }
}
