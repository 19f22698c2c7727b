//! The Telegram side, over the pure article core and the store.
//!
//! - `commands`: the command enum and how text becomes an input.
//! - `app`: the one function that turns an input into a reply (Telegram and console).
//! - `render`, `texts`, `split`, `callback`, `reply`: pure replies.
//! - `shelf`: the current article, reloads and new versions.
//! - `handlers`: the dptree handler tree and its thin endpoints.
//! - `send`: sending replies with flood-control and retry handling.
//! - `delivery`: the throttled, restart-safe broadcast to subscribers.
//! - `console`: the offline console.
//! - `run`: polling or webhook, signals, start-up.

pub mod app;
pub mod callback;
pub mod commands;
pub mod console;
pub mod delivery;
pub mod handlers;
pub mod limits;
pub mod render;
pub mod reply;
pub mod run;
pub mod send;
pub mod shelf;
pub mod split;
pub mod texts;
pub mod watch;
