//! Pure replies: what the bot says, before it is sent. No requests here; every
//! function is `fn(&Version, …) -> Reply` (or a piece of one), tested without a bot.
//!
//! - `reply`: the reply data shared by Telegram and the console.
//! - `texts`: every fixed user-facing string, per [`texts::Lang`].
//! - `render`: one function per view (summary, sections, dates, …), inline results, stats.
//! - `split`: HTML split into messages of at most 4096 visible UTF-16 units.
//! - `callback`: compact, version-tagged button data.

pub mod callback;
pub mod render;
pub mod reply;
pub mod split;
pub mod texts;
