//! nashra's test kit, for its tests, benchmarks and examples only (never a
//! dependency of the bot itself):
//!
//! - [`fake`]: a fake Telegram Bot API server on 127.0.0.1, driven by the real
//!   `teloxide::Bot`.
//! - [`postgres`]: a fresh schema per test on the server in `NASHRA_TEST_POSTGRES_URL`.
//! - [`crowd`]: readers asking once a second beside a private and a group flood,
//!   and what each got (the flood test and benchmark).
//! - [`corpus`]: the annotated corpus: loading a case or an article, scoring dates.
//! - [`questions`]: the questions with known answers, and ARCD.
//! - [`inputs`]: generated articles of a requested size and shape.
//! - [`process`]: the real binary as a child process: start it, read its memory and CPU.

pub mod corpus;
pub mod crowd;
pub mod fake;
pub mod inputs;
pub mod postgres;
pub mod process;
pub mod questions;

use std::path::PathBuf;

/// The repository's top folder, where `content/` and `tests/corpus/` live.
#[must_use]
pub fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}
