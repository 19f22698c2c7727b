//! Telegram side: commands, handlers, rendering, texts, console and delivery.
