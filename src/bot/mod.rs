//! Telegram side: commands, handlers, rendering, texts, console and delivery.

pub mod callback;
pub mod render;
pub mod reply;
pub mod split;
pub mod texts;
