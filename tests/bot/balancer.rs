//! Two `nashra` processes in webhook mode behind a round-robin load balancer, on
//! one PostgreSQL database (in `NASHRA_TEST_POSTGRES_URL`; ignored by a plain `cargo test`,
//! run by `.ci/run`): each command posted through the balancer is answered once, an
//! update without the secret is refused, a new article reaches every
//! subscriber exactly once within Telegram's limits for the bot as a whole, and
//! an article a reader opened from the archive on one process is the one the
//! other answers from.

use crate::crash::seed_content;
use crate::harness::subscribe_readers;
use crate::subscriptions::NEW_ARTICLE;
use nashra::bot::app::App;
use nashra::store::Store;
use std::collections::HashMap;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use testkit::fake::http::{get, post, wait_listening, webhook_update};
use testkit::fake::state::Call;
use testkit::fake::{FakeApi, FakeOptions, Limits, updates};
use testkit::postgres::Schema;

const SUBSCRIBERS: i64 = 150;
/// Telegram's limits at their real speed: 150 messages take five seconds, and the
/// fake's one-second windows forgive 50 ms of jitter, which a machine running
/// the whole suite at once can reach.
const SCALE: f64 = 1.0;
const READERS: i64 = 20;
const SECRET: &str = "balanced-secret";

/// A free port on 127.0.0.1 (free when asked; the process binds it soon after).
fn free_addr() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
}

/// A `nashra` process, killed if the test ends without stopping it.
struct Replica {
    child: Child,
    listen: SocketAddr,
}

impl Replica {
    fn spawn(api: &FakeApi, content: &Path, db: &str, hook: &str) -> Self {
        let listen = free_addr();
        let child = Command::new(env!("CARGO_BIN_EXE_nashra"))
            .env_clear()
            .env("TELOXIDE_TOKEN", api.token())
            .env("TELOXIDE_API_URL", api.url())
            .env("NASHRA_CONTENT_DIR", content)
            .env("NASHRA_DATABASE_URL", db)
            .env("NASHRA_RATE_SCALE", SCALE.to_string())
            .env("NASHRA_WEBHOOK_URL", hook)
            .env("NASHRA_WEBHOOK_LISTEN", listen.to_string())
            .env("NASHRA_WEBHOOK_SECRET", SECRET)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("start the nashra binary");
        Self { child, listen }
    }

    /// SIGTERM, and whether it exited cleanly within 20 s.
    async fn stop(mut self) -> bool {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A round-robin TCP forwarder on 127.0.0.1: each connection goes to the next
/// backend in turn (the tests' requests close their connection, so each request
/// is one connection). Stops when dropped.
struct Balancer {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Balancer {
    /// Forwards what `listener` accepts to `backends`.
    fn start(listener: tokio::net::TcpListener, backends: Vec<SocketAddr>) -> Self {
        let addr = listener.local_addr().expect("the balancer's address");
        let next = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let to = backends[next.fetch_add(1, Ordering::Relaxed) % backends.len()];
                tokio::spawn(async move {
                    if let Ok(mut backend) = tokio::net::TcpStream::connect(to).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut backend).await;
                    }
                });
            }
        });
        Self { addr, task }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Subscribes chats `1..=SUBSCRIBERS`, each already served the seed article;
/// the seed article's id.
async fn seed_subscribers(db: &str, content: &Path) -> String {
    let store = Store::open(db).await.expect("the shared database");
    let app = App::open(content.to_path_buf(), store.clone(), &[])
        .await
        .expect("the seed loads");
    let seed = app.shelf.current().key.clone();
    let id = app.shelf.current().id.clone();
    subscribe_readers(&store, SUBSCRIBERS).await;
    for chat_id in 1..=SUBSCRIBERS {
        store
            .record_sent(chat_id, &seed, None)
            .await
            .expect("the seed counts as delivered");
    }
    store.close().await;
    id
}

fn to_chat(chat: i64) -> impl Fn(&Call) -> bool {
    move |c: &Call| c.chat_id() == Some(chat)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs NASHRA_TEST_POSTGRES_URL (.ci/with-postgres)"]
async fn two_processes_behind_a_balancer_answer_once_and_deliver_once() {
    let schema = Schema::required("balancer").await;
    let db = schema.url.clone();
    let api = FakeApi::start(FakeOptions {
        limits: Some(Limits::telegram().scaled(SCALE)),
        ..FakeOptions::default()
    })
    .await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = seed_content(dir.path());
    let seed_id = seed_subscribers(&db, &content).await;

    // The balancer's port first: it is the webhook URL both replicas register.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the balancer");
    let public = listener.local_addr().expect("its address");
    let hook = format!("http://{public}/telegram");
    let replicas = [
        Replica::spawn(&api, &content, &db, &hook),
        Replica::spawn(&api, &content, &db, &hook),
    ];
    for r in &replicas {
        assert!(
            wait_listening(r.listen, Duration::from_secs(30)).await,
            "replica on {} listens",
            r.listen
        );
        assert_eq!(get(r.listen, "/healthz").await.0, 200);
    }
    let balancer = Balancer::start(listener, replicas.iter().map(|r| r.listen).collect());
    let registered = api.calls_to("setWebhook");
    assert!(
        registered.len() >= 2
            && registered
                .iter()
                .all(|c| c.body["url"] == hook && c.body["secret_token"] == SECRET),
        "both register the same URL and secret: {registered:?}"
    );

    // Commands through the balancer: each answered once, by one of the two.
    let refused = post(
        balancer.addr,
        "/telegram",
        None,
        &webhook_update(
            updates::private_text(&updates::user(9, "X", "ar"), "/about"),
            1,
        ),
    )
    .await;
    assert!(
        refused == 401 || refused == 403,
        "without the secret: {refused}"
    );
    let wrong = post(
        balancer.addr,
        "/telegram",
        Some("not-the-secret"),
        &webhook_update(
            updates::private_text(&updates::user(9, "X", "ar"), "/about"),
            2,
        ),
    )
    .await;
    assert!(wrong == 401 || wrong == 403, "with a wrong secret: {wrong}");
    for (i, reader) in (10_001..=10_000 + READERS).enumerate() {
        let update = updates::private_text(&updates::user(reader, "Reader", "ar"), "/about");
        let id = i64::try_from(i).expect("small") + 10;
        let status = post(
            balancer.addr,
            "/telegram",
            Some(SECRET),
            &webhook_update(update, id),
        )
        .await;
        assert_eq!(status, 200, "reader {reader}");
    }
    for reader in 10_001..=10_000 + READERS {
        let got = api
            .wait_for_count("sendMessage", to_chat(reader), 1, Duration::from_secs(15))
            .await;
        assert_eq!(got.len(), 1, "reader {reader} answered");
    }
    // Both replicas took a share of the updates.
    for r in &replicas {
        let (_, metrics) = get(r.listen, "/metrics").await;
        let handled: u64 = metrics
            .lines()
            .find_map(|l| l.strip_prefix("nashra_updates_total "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        assert!(
            handled >= 5,
            "replica on {} handled {handled} updates",
            r.listen
        );
    }
    assert!(
        api.sent_messages().iter().all(|m| m.chat_id != 9),
        "the refused updates were not answered"
    );

    // A new article, seen by both replicas' watchers, goes out once.
    std::fs::write(
        content.join("2022-01-03-hospital.toml"),
        "title = \"hospital\"\npublished = 2022-01-03\n",
    )
    .expect("metadata");
    std::fs::write(content.join("2022-01-03-hospital.txt"), NEW_ARTICLE).expect("article");
    let all = api
        .wait_until(Duration::from_secs(60), |st| {
            let reached = st
                .delivered
                .keys()
                .filter(|&&c| (1..=SUBSCRIBERS).contains(&c))
                .count();
            (reached as i64 >= SUBSCRIBERS).then_some(())
        })
        .await;
    assert!(
        all.is_some(),
        "only {} of {SUBSCRIBERS} subscribers reached",
        api.delivered_per_chat()
            .keys()
            .filter(|&&c| (1..=SUBSCRIBERS).contains(&c))
            .count()
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    let per_chat = api.delivered_per_chat();
    let mut counts: HashMap<usize, i64> = HashMap::new();
    for chat in 1..=SUBSCRIBERS {
        *counts
            .entry(per_chat.get(&chat).copied().unwrap_or(0))
            .or_default() += 1;
    }
    assert_eq!(
        counts.get(&1).copied(),
        Some(SUBSCRIBERS),
        "subscribers by messages received: {counts:?}"
    );
    for reader in 10_001..=10_000 + READERS {
        assert_eq!(
            per_chat.get(&reader),
            Some(&1),
            "reader {reader}: one answer"
        );
    }
    // The seed is in the archive now. A reader opens it through one replica
    // and asks for the summary through the other: it is the seed's.
    let reader = updates::user(20_001, "Archivist", "ar");
    let open = format!("/start a_{seed_id}_summary");
    for (n, text) in [(1, open.as_str()), (2, "/summary")] {
        // A second apart, as a person asks: one chat's pace is kept by the
        // replica that answers, not across replicas.
        if n > 1 {
            tokio::time::sleep(Duration::from_millis(1100)).await;
        }
        let update = updates::private_text(&reader, text);
        let status = post(
            balancer.addr,
            "/telegram",
            Some(SECRET),
            &webhook_update(update, 90 + n),
        )
        .await;
        assert_eq!(status, 200);
        let got = api
            .wait_for_count(
                "sendMessage",
                to_chat(20_001),
                usize::try_from(n).expect("small"),
                Duration::from_secs(15),
            )
            .await;
        assert_eq!(
            got.len(),
            usize::try_from(n).expect("small"),
            "{text} answered"
        );
    }
    let answers = api.calls_to("sendMessage");
    let summary = answers
        .iter()
        .rfind(|c| c.chat_id() == Some(20_001))
        .expect("the summary");
    let text = summary.body["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("أعلن") && !text.contains("افتتحت"),
        "the other replica answers from the archived article: {text}; all: {:?}",
        answers
            .iter()
            .filter(|c| c.chat_id() == Some(20_001))
            .map(|c| c.body["text"].to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        api.violations(),
        0,
        "flood violations: the limits did not hold across processes"
    );
    let _ = writeln!(
        std::io::stderr(),
        "balancer: {READERS} commands answered once, {SUBSCRIBERS} subscribers served once, 0 violations"
    );

    drop(balancer);
    for r in replicas {
        assert!(r.stop().await, "a clean stop on SIGTERM");
    }
    assert!(
        api.calls_to("deleteWebhook").is_empty(),
        "neither replica deletes the shared webhook"
    );
    let store = Store::open(&db).await.expect("the shared database");
    let stats = store.stats().await.expect("stats");
    assert_eq!((stats.pending, stats.sending, stats.failed), (0, 0, 0));
    store.close().await;
    schema.drop_now().await;
}
