//! nashra (نشرة, "bulletin"): a Telegram bot that serves news articles.
//!
//! Dependencies point one way: `main -> bot -> {bot::view, content, store} -> article`.
//!
//! - [`article`]: the pure core. Plain text in, a parsed [`article::Article`] out:
//!   sections, embedded tweets, resolved dates, a timeline and an extractive summary.
//!   No Telegram, no async runtime, no SQL.
//! - [`content`]: files to parsed versions: loading the content folder, the shelf
//!   holding the current [`content::Version`], recording and queueing new ones.
//! - [`store`]: subscriptions and deliveries in SQLite or PostgreSQL; no Telegram types.
//! - [`bot::view`]: pure replies: rendering, texts per language, splitting, button data.
//! - [`bot`]: the Telegram side: commands, the handler tree with its rate limit,
//!   the outbox and the sending budget, delivery, the watcher, the offline
//!   console, start-up.
//! - [`config`]: the environment, validated once into a typed [`config::Config`].
//! - [`cli`]: command-line arguments.

pub mod article;
pub mod bot;
pub mod cli;
pub mod config;
pub mod content;
pub mod store;
