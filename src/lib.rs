//! nashra (نشرة, "bulletin"): a Telegram bot that serves news articles.
//!
//! - [`article`]: the pure core. Plain text in, a parsed [`article::Article`] out:
//!   sections, embedded tweets, resolved dates, a timeline and an extractive summary.
//! - [`content`]: reads article files and their metadata from the content folder.
//! - [`cli`]: command-line arguments.
//! - [`config`]: the environment, validated once into a typed [`config::Config`].
//! - [`store`]: subscriptions and deliveries in SQLite; plain `i64` chat ids.
//! - [`bot`]: commands, the handler tree, pure rendering, user-facing texts,
//!   the offline console and the delivery loop.

pub mod article;
pub mod bot;
pub mod cli;
pub mod config;
pub mod content;
pub mod store;
