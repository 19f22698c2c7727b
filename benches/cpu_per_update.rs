//! CPU per update against an anchor measured in the same run: a bare teloxide bot
//! (a dispatcher answering every message with a fixed text; this bench's own
//! binary, run again as a child) and the release `nashra` answering `/summary`,
//! each fed the same updates by the fake Bot API in long-polling mode, one at a
//! time. CPU is the child's utime + stime from `/proc/PID/stat`, read before the
//! first update and after the last reply.
//!
//! `cargo bench --bench cpu_per_update`

use testkit::{fake, process};

use fake::{FakeApi, FakeOptions, updates};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const USERS: i64 = 200;
const ROUNDS: usize = 20;
/// Runs of each bot.
const BLOCKS: usize = 3;
/// Set in the child that runs the bare bot.
const BARE: &str = "NASHRA_BENCH_BARE_BOT";
/// In the bare bot's child: a file holding the text and keyboard to answer
/// with instead of the fixed text (nashra's own `/summary` reply).
const BARE_REPLY: &str = "NASHRA_BENCH_BARE_REPLY";

fn main() {
    if std::env::var_os(BARE).is_some() {
        bare_bot();
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(compare());
}

/// The anchor: the least a teloxide bot does per message.
fn bare_bot() {
    use teloxide::prelude::*;
    let token = std::env::var("TELOXIDE_TOKEN").expect("a token");
    let url = std::env::var("TELOXIDE_API_URL").expect("the fake's URL");
    // The same runtime as nashra's binary (`Runtime::new`: a worker per core).
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let reply: Option<(String, teloxide::types::InlineKeyboardMarkup)> =
        std::env::var_os(BARE_REPLY).map(|path| {
            let saved: serde_json::Value =
                serde_json::from_slice(&std::fs::read(path).expect("the reply")).expect("JSON");
            let text = saved["text"].as_str().expect("a text").to_owned();
            let markup = serde_json::from_value(saved["reply_markup"].clone()).expect("a keyboard");
            (text, markup)
        });
    runtime.block_on(async move {
        let bot = Bot::new(token).set_api_url(url.parse().expect("a URL"));
        let handler = Update::filter_message().endpoint(move |bot: Bot, msg: Message| {
            let reply = reply.clone();
            async move {
                match reply {
                    None => {
                        bot.send_message(msg.chat.id, "ok").await?;
                    }
                    Some((text, markup)) => {
                        bot.send_message(msg.chat.id, text)
                            .parse_mode(teloxide::types::ParseMode::Html)
                            .reply_markup(markup)
                            .await?;
                    }
                }
                Ok::<(), teloxide::RequestError>(())
            }
        });
        Dispatcher::builder(bot, handler).build().dispatch().await;
    });
}

/// utime + stime of a process, in seconds (clock ticks of 10 ms).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the child's stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

/// Feeds `updates` one at a time (each once the previous reply arrived) and
/// returns the child's CPU seconds for them and the wall time.
async fn feed(api: &FakeApi, child: &Child, text: &str, expect: &str) -> (f64, f64, usize) {
    api.wait_for("getUpdates", |_| true, Duration::from_secs(30))
        .await
        .expect("the bot polls");
    // Let start-up work (commands, the first poll) settle before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let users: Vec<serde_json::Value> = (0..USERS)
        .map(|i| updates::user(10_000 + i, "Reader", "ar"))
        .collect();
    let cpu_before = cpu_seconds(child.id());
    let started = Instant::now();
    let mut n = 0;
    for _ in 0..ROUNDS {
        for u in &users {
            let before = api.sent_count();
            api.push_update(updates::private_text(u, text));
            // Only the new reply is looked at: copying every message sent so far
            // would make the feeder's own work grow with the run.
            let replied = api
                .wait_until(Duration::from_secs(10), |st| {
                    st.sent.get(before).map(|m| m.text.contains(expect))
                })
                .await;
            assert_eq!(replied, Some(true), "not the expected reply");
            n += 1;
        }
    }
    let wall = started.elapsed().as_secs_f64();
    (cpu_seconds(child.id()) - cpu_before, wall, n)
}

/// Runs the bare bot, answering with the fixed text or with the reply saved in
/// `reply`, through `n` updates: its CPU seconds and wall time.
async fn run_bare(reply: Option<&std::path::Path>, expect: &str) -> (f64, f64, usize) {
    let api = FakeApi::start(FakeOptions::default()).await;
    let mut cmd = Command::new(std::env::current_exe().expect("this bench"));
    cmd.env_clear()
        .env(BARE, "1")
        .env("TELOXIDE_TOKEN", api.token())
        .env("TELOXIDE_API_URL", api.url())
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    if let Some(path) = reply {
        cmd.env(BARE_REPLY, path);
    }
    let mut bare = cmd.spawn().expect("start the bare bot");
    let figures = feed(&api, &bare, "/summary", expect).await;
    bare.kill().ok();
    bare.wait().ok();
    figures
}

/// Runs nashra through the updates: its CPU seconds, wall time, update count,
/// and the first reply it sent.
async fn run_nashra(dir: &std::path::Path) -> ((f64, f64, usize), fake::SentMessage) {
    let api = FakeApi::start(FakeOptions::default()).await;
    let content = dir.join("content");
    let db = format!("sqlite://{}/nashra.db", dir.display());
    // As in bot_latency: the workload asks faster than Telegram's per-chat pace
    // and the default request limits allow; this measures the cost of an update.
    let mut bot = process::spawn_bot(
        env!("CARGO_BIN_EXE_nashra"),
        &api.url(),
        api.token(),
        &content,
        &db,
        &[
            ("NASHRA_RATE_SCALE", "1000"),
            ("NASHRA_USER_BURST", "1000"),
            ("NASHRA_USER_PER_MIN", "60000"),
        ],
    );
    let figures = feed(&api, &bot, "/summary", "أعلن").await;
    bot.kill().ok();
    bot.wait().ok();
    let first = api
        .wait_until(Duration::ZERO, |st| st.sent.first().cloned())
        .await
        .expect("a summary");
    (figures, first)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

async fn compare() {
    let dir = tempfile::tempdir().unwrap();
    process::seed_content(&dir.path().join("content"));
    let saved = dir.path().join("summary.json");
    let per_k = |(cpu, _, n): (f64, f64, usize)| cpu * 1000.0 / n as f64;
    // Blocks of the three runs in turn, so that a machine busy with something
    // else for a while weighs on all three alike; the medians are reported.
    let (mut nashra, mut bare, mut same) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..BLOCKS {
        let (figures, first) = run_nashra(dir.path()).await;
        nashra.push(per_k(figures));
        if size == 0 {
            size = first.text.len();
            let reply =
                serde_json::json!({ "text": first.text, "reply_markup": first.reply_markup });
            std::fs::write(&saved, reply.to_string()).unwrap();
        }
        bare.push(per_k(run_bare(None, "ok").await));
        same.push(per_k(run_bare(Some(&saved), "أعلن").await));
    }
    let (nashra, bare, same) = (median(nashra), median(bare), median(same));
    let updates = USERS as usize * ROUNDS;
    println!(
        "CPU per update (utime + stime), {updates} updates from {USERS} users one at a time, long polling; median of {BLOCKS} runs each"
    );
    println!("| bot | CPU s per 1,000 updates |");
    println!("|---|---|");
    println!("| bare teloxide, fixed text (the anchor) | {bare:.3} |");
    println!("| nashra `/summary` ({size} bytes of HTML and a keyboard) | {nashra:.3} |");
    println!("| bare teloxide sending nashra's `/summary` reply as is | {same:.3} |");
    println!(
        "| ratio nashra / anchor (target ≤ 1.3) | {:.2} |",
        nashra / bare
    );
    println!(
        "| ratio nashra / bare with the same reply | {:.2} |",
        nashra / same
    );
}
