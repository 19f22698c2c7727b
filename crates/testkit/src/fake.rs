//! A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests, driven by the real
//! `teloxide::Bot`.
//!
//! - `server`: `FakeApi` itself: start, address, shutdown, the HTTP plumbing.
//! - `control`: what a test does with it: push updates, script faults, inspect calls, wait.
//! - `state`: the fake world: recorded calls, the update queue, chats, members, messages.
//! - `methods`: the Bot API methods the fake answers; `polling`: `getUpdates` long polling.
//! - `objects`: JSON of the objects the fake returns; `updates`: JSON of the updates a test pushes.
//! - `faults`: scripted failures; `limits`: Telegram-like flood limits; `html`: HTML parse mode.
//! - `http`: raw HTTP to the bot's own webhook listener (updates, `/healthz`, `/metrics`).
//! - `body`: request bodies (JSON or multipart) as JSON; `reply`: answers as HTTP responses.
//!
//! ```text
//! let fake = FakeApi::start(FakeOptions::default()).await;   // token 123:TEST, @nashra_test_bot
//! let bot = fake.bot();                                        // or fake.point(your_bot)
//! fake.push_update(updates::private_text(&updates::user(7, "Sami", "ar"), "/start"));
//! let sent = fake.wait_for_sent(1, Duration::from_secs(5)).await;
//! fake.fail_next("sendMessage", Fault::TooManyRequests { retry_after: 1 });
//! ```
//!

pub mod body;
pub mod control;
pub mod faults;
pub mod html;
pub mod http;
pub mod limits;
pub mod methods;
pub mod objects;
pub mod polling;
pub mod reply;
pub mod server;
pub mod state;
pub mod updates;

pub use faults::{Fault, FaultRule};
pub use limits::Limits;
pub use server::{FakeApi, FakeOptions};
pub use state::SentMessage;
