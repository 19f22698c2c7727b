//! Two replicas of the release binary on one PostgreSQL database (the server in
//! `NASHRA_TEST_POSTGRES_URL`; skipped with one line without it), in webhook mode
//! against the fake Bot API, which enforces Telegram's limits scaled 10x (as do
//! the replicas, with NASHRA_RATE_SCALE=10):
//!
//! 1. the broadcast of the seed article to 10,000 subscribers: achieved rate /
//!    allowed rate, flood violations, lost deliveries, duplicates;
//! 2. a new article, and the broadcasting replica SIGKILLed at 40 %: time from the
//!    kill to the survivor's first delivery and to the last, lost and duplicates.
//!
//! `.ci/with-postgres cargo bench --bench replicas`

use testkit::{fake, postgres, process};

use fake::{FakeApi, FakeOptions, Limits};
use nashra::store::{NewSubscription, Store};
use postgres::Schema;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

const SUBSCRIBERS: i64 = 10_000;
const SCALE: f64 = 10.0;
const NEW_ARTICLE: &str = "أعلنت وزارة النقل اليوم الثلاثاء افتتاح خط جديد للقطارات بين المدينتين.\n\
وقال الوزير إن الخط سيخدم عشرة آلاف مسافر يوميا.\n";

struct Replica {
    child: Child,
    listen: SocketAddr,
}

fn spawn(api: &FakeApi, content: &Path, db: &str) -> Replica {
    let listen = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let scale = SCALE.to_string();
    let listen_s = listen.to_string();
    let child = process::spawn_bot(
        env!("CARGO_BIN_EXE_nashra"),
        &api.url(),
        api.token(),
        content,
        db,
        &[
            ("NASHRA_RATE_SCALE", &scale),
            ("NASHRA_WEBHOOK_URL", "https://bot.example/telegram"),
            ("NASHRA_WEBHOOK_LISTEN", &listen_s),
            ("NASHRA_WEBHOOK_SECRET", "bench"),
        ],
    );
    Replica { child, listen }
}

/// Whether the replica says it leads the broadcast.
async fn leads(r: &Replica) -> bool {
    if tokio::net::TcpStream::connect(r.listen).await.is_err() {
        return false;
    }
    fake::http::get(r.listen, "/metrics")
        .await
        .1
        .contains("nashra_leader 1")
}

fn chat_of(n: i64) -> (i64, &'static str) {
    // One group in a hundred, so the per-group limit is exercised too.
    if n % 100 == 0 {
        (-1_000_000_000_000 - n, "supergroup")
    } else {
        (n, "private")
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let Some(schema) = Schema::fresh("bench_replicas").await else {
        return;
    };
    let api = FakeApi::start(FakeOptions {
        limits: Some(Limits::telegram().scaled(SCALE)),
        ..FakeOptions::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    process::seed_content(&content);
    {
        let store = Store::open(&schema.url).await.unwrap();
        for n in 1..=SUBSCRIBERS {
            let (chat_id, kind) = chat_of(n);
            let s = NewSubscription {
                chat_id,
                kind: kind.parse().expect("a chat kind"),
                title: None,
                subscribed_by: None,
                lang: nashra::store::Lang::Ar,
            };
            store.subscribe(&s).await.unwrap();
        }
        store.close().await;
    }
    let all = usize::try_from(SUBSCRIBERS).unwrap();
    let mut replicas = vec![
        spawn(&api, &content, &schema.url),
        spawn(&api, &content, &schema.url),
    ];

    // 1. The seed article to every subscriber.
    let done = api
        .wait_until(Duration::from_secs(300), |st| {
            (st.delivered.len() >= all).then_some(())
        })
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sent = api.sent_messages();
    let first = sent.first().map(|m| m.at).expect("something was sent");
    let last = sent.last().map(|m| m.at).unwrap();
    let seconds = last.duration_since(first).as_secs_f64();
    let allowed = 30.0 * SCALE;
    let achieved = (sent.len() as f64 - 1.0) / seconds;
    let per_chat = api.delivered_per_chat();
    let lost = all - per_chat.len();
    let duplicates: usize = per_chat.values().map(|n| n.saturating_sub(1)).sum();
    let violations = api.violations();

    // 2. A new article; the leader is killed at 40 %.
    let before = sent.len();
    std::fs::write(
        content.join("2022-02-01-trains.toml"),
        "title = \"trains\"\npublished = 2022-02-01\n",
    )
    .unwrap();
    std::fs::write(content.join("2022-02-01-trains.txt"), NEW_ARTICLE).unwrap();
    let forty = api
        .wait_until(Duration::from_secs(120), |st| {
            (st.sent.len() >= before + all * 4 / 10).then_some(())
        })
        .await;
    assert!(forty.is_some(), "the new article is being delivered");
    let mut leader = None;
    for (i, r) in replicas.iter().enumerate() {
        if leads(r).await {
            leader = Some(i);
        }
    }
    let leader = leader.expect("one replica leads");
    let mut killed = replicas.remove(leader);
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    let at_kill = Instant::now();
    let sent_at_kill = api.sent_messages().len();
    let resumed = api
        .wait_until(Duration::from_secs(60), |st| {
            (st.sent.len() > sent_at_kill).then(|| st.sent[sent_at_kill].at)
        })
        .await
        .expect("the survivor delivers");
    let finished = api
        .wait_until(Duration::from_secs(300), |st| {
            let mut chats: HashMap<i64, usize> = HashMap::new();
            for m in &st.sent[before..] {
                *chats.entry(m.chat_id).or_default() += 1;
            }
            (chats.len() >= all).then(|| (Instant::now(), chats))
        })
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut second: HashMap<i64, usize> = HashMap::new();
    for m in &api.sent_messages()[before..] {
        *second.entry(m.chat_id).or_default() += 1;
    }
    let lost2 = all - second.len();
    let duplicates2: usize = second.values().map(|n| n.saturating_sub(1)).sum();
    let survivor_leads = leads(&replicas[0]).await;
    for mut r in replicas {
        r.child.kill().ok();
        r.child.wait().ok();
    }
    schema.drop_now().await;

    println!("two replicas on PostgreSQL, limits scaled {SCALE}x on both sides");
    println!("| what | figure |");
    println!("|---|---|");
    println!("| broadcast finished | {} |", done.is_some());
    println!(
        "| broadcast to {SUBSCRIBERS} | {} messages in {seconds:.1} s: {achieved:.1}/s of {allowed:.0}/s allowed, ratio {:.3} |",
        sent.len(),
        achieved / allowed
    );
    println!("| flood violations / lost / duplicates | {violations} / {lost} / {duplicates} |");
    println!(
        "| leader SIGKILLed at {} of {SUBSCRIBERS}: kill to the survivor's first delivery | {:.2} s |",
        sent_at_kill - before,
        resumed.saturating_duration_since(at_kill).as_secs_f64()
    );
    match finished {
        Some((at, _)) => println!(
            "| kill to the last subscriber served | {:.1} s |",
            at.duration_since(at_kill).as_secs_f64()
        ),
        None => println!("| kill to the last subscriber served | not within 300 s |"),
    }
    println!(
        "| after the kill: lost / duplicates / violations (whole run) | {lost2} / {duplicates2} / {} |",
        api.violations()
    );
    println!("| the survivor leads | {survivor_leads} |");
}
