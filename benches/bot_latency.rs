//! 1,000 `/summary` updates from 100 users through the fake Bot API to the real
//! release binary: latency from the update being available (pushed while the
//! bot's long poll waits) to its reply arriving, the process's peak RSS, and its
//! CPU time per update.
//!
//! `cargo bench --bench bot_latency`

mod common;
// The fake Bot API of the end-to-end tests; a bench uses only part of it.
#[path = "../tests/bot"]
#[allow(dead_code, unused_imports)]
mod fake {
    pub mod support;
}
use fake::support;

use std::time::{Duration, Instant};
use support::{FakeApi, FakeOptions, updates};

const USERS: i64 = 100;
const ROUNDS: usize = 10;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let api = FakeApi::start(FakeOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::seed_content(&content);
    let db = format!("sqlite://{}/nashra.db", dir.path().display());
    // Each user asks five to ten times a second here, which Telegram's per-chat
    // pace and the default request limits would rightly hold back; this measures
    // the cost of an update, so both are raised well above the workload.
    let mut bot = common::spawn_bot(
        &api.url(),
        api.token(),
        &content,
        &db,
        &[
            ("NASHRA_RATE_SCALE", "50"),
            ("NASHRA_USER_BURST", "1000"),
            ("NASHRA_USER_PER_MIN", "60000"),
        ],
    );
    // Wait until the bot polls.
    api.wait_for("getUpdates", |_| true, Duration::from_secs(30))
        .await
        .expect("the bot polls");

    let users: Vec<serde_json::Value> = (0..USERS)
        .map(|i| updates::user(10_000 + i, "Reader", "ar"))
        .collect();
    let mut from_push = Vec::new();
    let cpu_before = common::cpu_time(bot.id());
    for round in 0..ROUNDS {
        for u in &users {
            let before = api.sent_messages().len();
            let pushed = Instant::now();
            api.push_update(updates::private_text(u, "/summary"));
            let sent = api.wait_for_sent(before + 1, Duration::from_secs(10)).await;
            let reply = sent.last().expect("a reply");
            assert!(reply.text.contains("أعلن"), "round {round}: not a summary");
            from_push.push(reply.at.duration_since(pushed).as_secs_f64() * 1000.0);
        }
    }
    let rss = common::peak_rss_kib(bot.id());
    let cpu = common::cpu_time(bot.id())
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    bot.kill().ok();
    bot.wait().ok();
    from_push.sort_by(f64::total_cmp);
    println!("updates: {}", from_push.len());
    println!(
        "latency from the update being pushed to the reply arriving (the bot's long poll is already waiting, so this excludes poll wait but includes the poll response): p50 {:.2} ms, p99 {:.2} ms",
        common::percentile(&from_push, 0.5),
        common::percentile(&from_push, 0.99)
    );
    println!("peak RSS: {:.1} MiB", rss.unwrap_or(0) as f64 / 1024.0);
    if let Some(cpu) = cpu {
        println!(
            "bot CPU per update: {:.1} µs",
            cpu.as_secs_f64() * 1e6 / from_push.len() as f64
        );
    }
}
