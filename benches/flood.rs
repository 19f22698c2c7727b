//! Issue 12's flood through the fake Bot API to the real release binary, both at
//! Telegram's real limits (30 messages a second, one a second per chat, twenty a
//! minute per group, enforced by the fake with 429s): twenty readers ask once a
//! second for eight seconds while one person sends 300 `/summary` in three seconds
//! and a group member 100. Prints the readers' waits and unanswered requests, what
//! the flooders got, how soon the flooder's `/help` is answered once the notice's
//! wait is over, and the 429s.
//!
//! `cargo bench --bench flood`

use testkit::{fake, process};

use fake::{FakeApi, FakeOptions, Limits};
use nashra::bot::view::texts::Lang;
use std::time::{Duration, Instant};
use testkit::crowd::{Crowd, flooder_comes_back, notice_wait, tally};

fn ms(d: Option<Duration>) -> String {
    d.map_or("-".into(), |d| {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    })
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let options = FakeOptions {
        limits: Some(Limits::telegram()),
        ..FakeOptions::default()
    };
    let api = FakeApi::start(options).await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    process::seed_content(&content);
    let db = format!("sqlite://{}/nashra.db", dir.path().display());
    let mut bot = process::spawn_bot(
        env!("CARGO_BIN_EXE_nashra"),
        &api.url(),
        api.token(),
        &content,
        &db,
        &[],
    );
    api.wait_for("getUpdates", |_| true, Duration::from_secs(30))
        .await
        .expect("the bot polls");

    let crowd = Crowd::readers_and_two_floods();
    let cpu_before = process::cpu_time(bot.id());
    let flood_over = Instant::now() + crowd.flood_after + crowd.flood_for;
    let (seen, back) = tokio::join!(
        crowd.run(&api),
        flooder_comes_back(
            &api,
            flood_over,
            |m| notice_wait(m, Lang::En),
            "/help",
            Duration::from_secs(5),
        ),
    );
    let cpu = process::cpu_time(bot.id())
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let rss = process::peak_rss_kib(bot.id());
    bot.kill().ok();
    bot.wait().ok();

    let asked = seen.reader_waits.len() + seen.unanswered;
    println!(
        "readers: {} requests; wait p50 {}, p99 {}, max {}; unanswered (none within 5 s): {}",
        asked,
        ms(seen.reader_quantile(0.5)),
        ms(seen.reader_quantile(0.99)),
        ms(seen.reader_waits.last().copied()),
        seen.unanswered
    );
    let until = back.map_or_else(Instant::now, |b| b.asked);
    let (replies, flooder_notices) = tally(&seen.to_flooder, Lang::En, until);
    println!(
        "private flooder (300 /summary in 3 s): {replies} replies + {flooder_notices} notice(s)"
    );
    let (replies, group_notices) = tally(&seen.to_group, Lang::Ar, Instant::now());
    println!(
        "group flooder (100 /summary@bot in 3 s): {replies} replies + {group_notices} notice(s)"
    );
    match back {
        Some(back) => println!(
            "flooder's /help, sent when its notice's wait ({} s, received {:.1} s into the flood) was over: \
             answered in {}, {} after the flood ended",
            back.notice.1.as_secs(),
            back.notice
                .0
                .saturating_duration_since(flood_over - crowd.flood_for)
                .as_secs_f64(),
            ms(back.answered_in),
            back.answered_in.map_or("-".into(), |d| format!(
                "{:.2} s",
                (back.asked + d)
                    .duration_since(seen.flood_ended)
                    .as_secs_f64()
            ))
        ),
        None => println!("the flooder got no notice"),
    }
    println!("429 answers in the whole run: {}", api.violations());
    let updates = asked + crowd.flood + crowd.group_flood;
    if let Some(cpu) = cpu {
        println!(
            "bot CPU: {:.0} ms for {updates} updates ({:.0} µs each)",
            cpu.as_secs_f64() * 1000.0,
            cpu.as_secs_f64() * 1e6 / updates as f64
        );
    }
    println!("peak RSS: {:.1} MiB", rss.unwrap_or(0) as f64 / 1024.0);
}
