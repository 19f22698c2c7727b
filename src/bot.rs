//! The Telegram side, over the article core, the content shelf and the store.
//!
//! - [`view`]: pure replies (render, texts, split, callback data, inline results).
//! - `commands`: the command enum and how text becomes an input.
//! - `app`: the one function that turns an input into a reply (Telegram and console).
//! - `handlers`: the dptree handler tree and its thin endpoints, with the group guard.
//! - `flood`: the incoming rate limit per person and per group, one filter in that tree.
//! - `outbox`: replies leave from here, one short queue per chat, served in turn.
//! - `send`: one classifier of Telegram's answers and one retry loop, for replies and deliveries.
//! - `reading`: which article each chat reads when not the latest (in memory).
//! - `budget`: the sending budget shared by replies and the broadcast.
//! - `delivery` and `limits`: the throttled, restart-safe broadcast to subscribers.
//! - `metrics`: counters served on the webhook listener (`/metrics`, `/healthz`).
//! - `watch`: reloads when the content folder changes.
//! - `console`: the offline console.
//! - `run`: polling or webhook, signals, start-up.

pub mod app;
pub mod budget;
pub mod commands;
pub mod console;
pub mod delivery;
pub mod flood;
pub mod handlers;
pub mod limits;
pub mod metrics;
pub mod outbox;
pub mod reading;
pub mod run;
pub mod send;
pub mod view;
pub mod watch;
