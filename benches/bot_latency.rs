//! 1,000 `/summary` updates from 100 users through the fake Bot API to the real
//! release binary: latency from the update being available (pushed while the
//! bot's long poll waits) to its reply arriving, the process's peak RSS, and its
//! CPU time per update; with SQLite as the store, then in the same run with
//! PostgreSQL (the server in `NASHRA_TEST_POSTGRES_URL`; skipped with one line
//! without it).
//!
//! `cargo bench --bench bot_latency`, `.ci/with-postgres cargo bench --bench bot_latency`

use testkit::{fake, postgres, process};

use fake::{FakeApi, FakeOptions, updates};
use postgres::Schema;
use std::time::{Duration, Instant};

const USERS: i64 = 100;
const ROUNDS: usize = 10;

/// What one store's run measured.
struct Figures {
    updates: usize,
    p50: f64,
    p99: f64,
    rss_mib: f64,
    cpu_micros: Option<f64>,
}

async fn measure(content: &std::path::Path, db: &str) -> Figures {
    let api = FakeApi::start(FakeOptions::default()).await;
    // Each user asks five to ten times a second here, which Telegram's per-chat
    // pace and the default request limits would rightly hold back; this measures
    // the cost of an update, so both are raised well above the workload.
    let mut bot = process::spawn_bot(
        env!("CARGO_BIN_EXE_nashra"),
        &api.url(),
        api.token(),
        content,
        db,
        &[
            ("NASHRA_RATE_SCALE", "1000"),
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
    let cpu_before = process::cpu_time(bot.id());
    for round in 0..ROUNDS {
        for u in &users {
            let before = api.sent_count();
            let pushed = Instant::now();
            api.push_update(updates::private_text(u, "/summary"));
            let at = api
                .wait_until(Duration::from_secs(10), |st| {
                    st.sent.get(before).map(|m| (m.at, m.text.contains("أعلن")))
                })
                .await;
            let Some((at, true)) = at else {
                panic!("round {round}: no summary");
            };
            from_push.push(at.duration_since(pushed).as_secs_f64() * 1000.0);
        }
    }
    let rss = process::peak_rss_kib(bot.id());
    let cpu = process::cpu_time(bot.id())
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    bot.kill().ok();
    bot.wait().ok();
    from_push.sort_by(f64::total_cmp);
    Figures {
        updates: from_push.len(),
        p50: process::percentile(&from_push, 0.5),
        p99: process::percentile(&from_push, 0.99),
        rss_mib: rss.unwrap_or(0) as f64 / 1024.0,
        cpu_micros: cpu.map(|c| c.as_secs_f64() * 1e6 / from_push.len() as f64),
    }
}

fn row(store: &str, f: &Figures) {
    let cpu = f
        .cpu_micros
        .map_or_else(|| "?".to_string(), |c| format!("{c:.0}"));
    println!(
        "| {store} | {} | {:.2} | {:.2} | {:.1} | {cpu} |",
        f.updates, f.p50, f.p99, f.rss_mib
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    process::seed_content(&content);
    let sqlite = measure(
        &content,
        &format!("sqlite://{}/nashra.db", dir.path().display()),
    )
    .await;
    let postgres = match Schema::fresh("bench_latency").await {
        Some(schema) => {
            let f = measure(&content, &schema.url).await;
            schema.drop_now().await;
            Some(f)
        }
        None => None,
    };
    // From the update being pushed while the bot's long poll waits to the reply
    // arriving: no poll wait, but the poll's response and the reply's request.
    println!("`/summary` from {USERS} users, update available → reply received");
    println!("| store | updates | p50 ms | p99 ms | peak RSS MiB | CPU µs per update |");
    println!("|---|---|---|---|---|---|");
    row("SQLite", &sqlite);
    match &postgres {
        Some(f) => row("PostgreSQL", f),
        None => println!("| PostgreSQL | skipped: NASHRA_TEST_POSTGRES_URL is not set | | | | |"),
    }
}
