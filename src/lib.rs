//! nashra (نشرة, "bulletin"): a Telegram bot that serves news articles.
//!
//! The article core is its own crate, `article` (`crates/article`): plain text in,
//! a parsed [`article::Article`] out. Cargo keeps it free of Telegram, the async
//! runtime and SQL; this crate is the bot above it.
//!
//! - [`content`]: files to parsed versions: loading the content folder, the shelf
//!   holding the current [`content::Version`], recording and queueing new ones.
//! - [`store`]: subscriptions and deliveries in SQLite or PostgreSQL; no Telegram types.
//! - [`bot::view`]: pure replies: rendering, texts per language, splitting, button data.
//! - [`bot`]: the Telegram side: commands, the handler tree with its rate limit,
//!   the outbox and the sending budget, delivery, the watcher, the offline
//!   console, start-up.
//! - [`config`]: the environment, validated once into a typed [`config::Config`].
//! - [`cli`]: command-line arguments.

pub mod bot;
pub mod cli;
pub mod config;
pub mod content;
pub mod store;
