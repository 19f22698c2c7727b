//! Crash safety of the broadcast, with the real binary: SIGKILL it half-way
//! through a delivery to 200 subscribers, start it again, and every subscriber
//! has the article, with duplicates only among the messages in flight at the kill.
//! Also: SIGTERM stops it cleanly.

use crate::harness::subscribe_readers;
use nashra::store::Store;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use testkit::fake::{FakeApi, FakeOptions};

const SUBSCRIBERS: i64 = 200;
const SEED: &str = "2021-12-29-coalition-iraq";

fn spawn_bot(api: &FakeApi, content: &Path, db: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_nashra"))
        .env_clear()
        .env("TELOXIDE_TOKEN", api.token())
        .env("TELOXIDE_API_URL", api.url())
        .env("NASHRA_CONTENT_DIR", content)
        .env("NASHRA_DATABASE_URL", db)
        .env("NASHRA_RATE_SCALE", "2")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("start the nashra binary")
}

/// A `content` folder under `dir` holding the seed article.
pub(crate) fn seed_content(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    std::fs::create_dir(&content).unwrap();
    for ext in ["txt", "toml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/{SEED}.{ext}"));
        std::fs::copy(from, content.join(format!("{SEED}.{ext}"))).unwrap();
    }
    content
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_broadcast_resumes_without_loss() {
    let api = FakeApi::start(FakeOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let content = seed_content(dir.path());
    let db = format!("sqlite://{}/data/nashra.db", dir.path().display());
    {
        let store = Store::open(&db).await.unwrap();
        subscribe_readers(&store, SUBSCRIBERS).await;
        store.close().await;
    }

    // First run: the current version is new to every subscriber.
    let mut first = spawn_bot(&api, &content, &db);
    let sent = api.wait_for_sent(60, Duration::from_secs(60)).await;
    assert!(sent.len() >= 60, "only {} sent before the kill", sent.len());
    first.kill().expect("SIGKILL");
    first.wait().unwrap();
    let delivered_at_kill: usize = api.delivered_per_chat().values().sum();
    assert!(
        delivered_at_kill < SUBSCRIBERS as usize,
        "killed too late to test anything"
    );

    // What the store had claimed but not confirmed when the process died.
    let store = Store::open(&db).await.unwrap();
    let stats = store.stats().await.unwrap();
    let in_flight = stats.sending as usize;
    assert!(
        in_flight <= nashra::bot::delivery::DELIVERIES_IN_FLIGHT,
        "{in_flight} in flight"
    );
    store.close().await;

    // Second run: resumes where the first stopped.
    let mut second = spawn_bot(&api, &content, &db);
    let all = api
        .wait_until(Duration::from_secs(60), |st| {
            (st.delivered.len() >= SUBSCRIBERS as usize).then_some(())
        })
        .await;
    assert!(
        all.is_some(),
        "only {} of {SUBSCRIBERS} chats reached",
        api.delivered_per_chat().len()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let per_chat = api.delivered_per_chat();
    assert_eq!(per_chat.len(), SUBSCRIBERS as usize);
    let duplicates: usize = per_chat.values().map(|n| n.saturating_sub(1)).sum();
    assert!(
        duplicates <= in_flight,
        "{duplicates} duplicates, {in_flight} in flight at the kill"
    );

    // SIGTERM: a graceful stop with a zero exit code.
    let pid = second.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let exit = tokio::task::spawn_blocking(move || second.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "exit after SIGTERM: {exit:?}");

    let store = Store::open(&db).await.unwrap();
    let stats = store.stats().await.unwrap();
    assert_eq!(
        (stats.sent, stats.pending, stats.sending, stats.failed),
        (SUBSCRIBERS, 0, 0, 0)
    );
    println!(
        "crash test: {delivered_at_kill} delivered before the kill, {in_flight} in flight, {duplicates} duplicates"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_poller_is_told_that_polling_allows_one_replica() {
    let api = FakeApi::start(FakeOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let content = seed_content(dir.path());
    let start = |name: &str| {
        let db = format!("sqlite://{}/{name}.db", dir.path().display());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nashra"));
        cmd.env_clear()
            .env("TELOXIDE_TOKEN", api.token())
            .env("TELOXIDE_API_URL", api.url())
            .env("NASHRA_CONTENT_DIR", &content)
            .env("NASHRA_DATABASE_URL", db)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd.spawn().expect("start the nashra binary")
    };
    let mut first = start("first");
    let mut second = start("second");
    tokio::time::sleep(Duration::from_secs(4)).await;
    let mut told = Vec::new();
    for child in [&mut first, &mut second] {
        let _ = Command::new("kill").arg(child.id().to_string()).status();
        let out = child.wait_with_output_ref();
        told.push(out.matches("long polling allows one replica").count());
    }
    // Each poller cut off by the other says so, once, however often it happens.
    assert!(told.contains(&1), "{told:?}");
    assert!(told.iter().all(|&n| n <= 1), "{told:?}");
}

/// Waits for a child and reads its stderr.
trait WaitOutput {
    fn wait_with_output_ref(&mut self) -> String;
}

impl WaitOutput for Child {
    fn wait_with_output_ref(&mut self) -> String {
        use std::io::Read as _;
        let mut err = String::new();
        if let Some(mut pipe) = self.stderr.take() {
            let _ = pipe.read_to_string(&mut err);
        }
        let _ = self.wait();
        err
    }
}
