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
    /// Earlier articles, ten a page: /archive 2 shows the second page.
    Archive(String),
    /// Back to the latest article.
    Latest,
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
    /// Plain text: a question or words of a heading (in private chats, or
    /// addressed to the bot in a group, the mention taken out).
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

/// Where a message was sent, as far as answering it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Private,
    /// A group or channel; `to_bot` when the message mentions the bot or
    /// replies to one of its messages.
    Group {
        to_bot: bool,
    },
}

/// Reads a message. In groups, commands are answered, and plain text only when
/// it is addressed to the bot (a mention or a reply to the bot); an unknown
/// command only when it names this bot (`/foo@thisbot`), since a bare `/foo`
/// may be meant for another bot in the group.
#[must_use]
pub fn hear(text: &str, bot_username: &str, place: Place) -> Heard {
    let text = text.trim();
    let in_group = place != Place::Private;
    if !text.starts_with('/') {
        return match place {
            Place::Group { to_bot: false } => Heard::Ignore,
            Place::Group { to_bot: true } => {
                Heard::Input(Input::Text(without_mention(text, bot_username)))
            }
            Place::Private => Heard::Input(Input::Text(text.to_string())),
        };
    }
    match Command::parse(text, bot_username) {
        Ok(cmd) => Heard::Input(Input::Command(cmd)),
        Err(ParseError::WrongBotName(_)) => Heard::Ignore,
        Err(_) if in_group && !names_bot(text, bot_username) => Heard::Ignore,
        Err(_) => Heard::Input(Input::Unknown),
    }
}

/// Whether a group message's text mentions the bot (`@botname`, any case).
#[must_use]
pub fn mentions(text: &str, bot_username: &str) -> bool {
    !bot_username.is_empty()
        && text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | ':' | '?' | '؟' | '!'))
            .any(|w| is_mention(w, bot_username))
}

fn is_mention(word: &str, bot_username: &str) -> bool {
    word.strip_prefix('@')
        .is_some_and(|name| name.eq_ignore_ascii_case(bot_username))
}

/// The text with every `@botname` taken out.
fn without_mention(text: &str, bot_username: &str) -> String {
    text.split_whitespace()
        .filter(|w| {
            let bare = w.trim_end_matches([',', '،', ':', '?', '؟', '!']);
            !is_mention(bare, bot_username)
        })
        .collect::<Vec<_>>()
        .join(" ")
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

    const GROUP: Place = Place::Group { to_bot: false };
    const TO_BOT: Place = Place::Group { to_bot: true };

    #[test]
    fn commands_with_and_without_mentions() {
        let cmd = |c| Heard::Input(Input::Command(c));
        assert_eq!(
            hear("/summary 5", "nashra_bot", Place::Private),
            cmd(Command::Summary("5".into()))
        );
        assert_eq!(
            hear("/section@nashra_bot ضغوط", "nashra_bot", GROUP),
            cmd(Command::Section("ضغوط".into()))
        );
        assert_eq!(hear("/tweet", "nashra_bot", GROUP), cmd(Command::Tweet));
        assert_eq!(
            hear("/summary@other_bot", "nashra_bot", GROUP),
            Heard::Ignore
        );
        assert_eq!(
            hear("/archive 2", "nashra_bot", GROUP),
            cmd(Command::Archive("2".into()))
        );
        assert_eq!(
            hear("/latest", "nashra_bot", Place::Private),
            cmd(Command::Latest)
        );
    }

    #[test]
    fn group_text_is_heard_only_when_addressed_to_the_bot() {
        let text = |t: &str| Heard::Input(Input::Text(t.into()));
        assert!(mentions("@Nashra_Bot متى انتهت المهمة؟", "nashra_bot"));
        assert!(mentions("متى انتهت المهمة، @nashra_bot؟", "nashra_bot"));
        assert!(!mentions("متى انتهت @nashra_bot_fan", "nashra_bot"));
        assert!(!mentions("@other_bot hi", "nashra_bot"));
        assert_eq!(
            hear("@Nashra_Bot متى انتهت المهمة؟", "nashra_bot", TO_BOT),
            text("متى انتهت المهمة؟")
        );
        assert_eq!(
            hear("كم جنديا بقي @nashra_bot؟", "nashra_bot", TO_BOT),
            text("كم جنديا بقي")
        );
        assert_eq!(
            hear("متى انتهت المهمة؟", "nashra_bot", GROUP),
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
        assert_eq!(hear("مرحبا", "nashra_bot", GROUP), Heard::Ignore);
        assert_eq!(
            hear("مرحبا", "nashra_bot", Place::Private),
            Heard::Input(Input::Text("مرحبا".into()))
        );
        assert_eq!(
            hear("/nope", "nashra_bot", Place::Private),
            Heard::Input(Input::Unknown)
        );
        assert_eq!(hear("/nope", "nashra_bot", GROUP), Heard::Ignore);
        assert_eq!(
            hear("/nope@nashra_bot", "nashra_bot", GROUP),
            Heard::Input(Input::Unknown)
        );
    }
}
