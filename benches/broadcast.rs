//! Broadcast of a new article to 10,000 subscribers through the fake Bot API,
//! which enforces Telegram's flood limits scaled 10x (as does the bot, with
//! NASHRA_RATE_SCALE=10): achieved rate / allowed rate, flood violations, lost
//! deliveries, peak RSS.
//!
//! `cargo bench --bench broadcast`

use testkit::{fake, process};

use fake::{FakeApi, FakeOptions, Limits};
use nashra::store::{NewSubscription, Store};
use std::time::Duration;

const SUBSCRIBERS: i64 = 10_000;
const SCALE: f64 = 10.0;

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let options = FakeOptions {
        limits: Some(Limits::telegram().scaled(SCALE)),
        ..FakeOptions::default()
    };
    let api = FakeApi::start(options).await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    process::seed_content(&content);
    let db = format!("sqlite://{}/nashra.db", dir.path().display());
    {
        let store = Store::open(&db).await.unwrap();
        for chat_id in 1..=SUBSCRIBERS {
            // One group in a hundred, so the per-group limit is exercised too.
            let chat_type = if chat_id % 100 == 0 {
                "supergroup"
            } else {
                "private"
            };
            let id = if chat_type == "private" {
                chat_id
            } else {
                -1_000_000_000_000 - chat_id
            };
            let s = NewSubscription {
                chat_id: id,
                kind: chat_type.parse().expect("a chat kind"),
                title: None,
                subscribed_by: None,
                lang: nashra::store::Lang::Ar,
            };
            store.subscribe(&s).await.unwrap();
        }
        store.close().await;
    }
    let scale = SCALE.to_string();
    let mut bot = process::spawn_bot(
        env!("CARGO_BIN_EXE_nashra"),
        &api.url(),
        api.token(),
        &content,
        &db,
        &[("NASHRA_RATE_SCALE", &scale)],
    );
    let done = api
        .wait_until(Duration::from_secs(300), |st| {
            (st.delivered.len() >= SUBSCRIBERS as usize).then_some(())
        })
        .await;
    let rss = process::peak_rss_kib(bot.id());
    tokio::time::sleep(Duration::from_secs(1)).await;
    bot.kill().ok();
    bot.wait().ok();

    let sent = api.sent_messages();
    let first = sent.first().map(|m| m.at).expect("something was sent");
    let last = sent.last().map(|m| m.at).unwrap();
    let seconds = last.duration_since(first).as_secs_f64();
    let achieved = (sent.len() as f64 - 1.0) / seconds;
    let allowed = 30.0 * SCALE;
    let per_chat = api.delivered_per_chat();
    let lost = SUBSCRIBERS as usize - per_chat.len();
    let duplicates: usize = per_chat.values().map(|n| n.saturating_sub(1)).sum();
    println!("finished: {}", done.is_some());
    println!("delivered {} messages in {seconds:.1} s", sent.len());
    println!(
        "achieved rate {achieved:.1}/s of {allowed:.0}/s allowed: ratio {:.3}",
        achieved / allowed
    );
    println!("flood violations: {}", api.violations());
    println!("lost deliveries: {lost}, duplicates: {duplicates}");
    println!("peak RSS: {:.1} MiB", rss.unwrap_or(0) as f64 / 1024.0);
}
