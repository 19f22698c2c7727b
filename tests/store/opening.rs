//! Opening a store: URLs, migrations, a crash, and the errors an operator sees.

use std::process::{Command, Stdio};

use crate::support::{TestDb, due_ids, on_both, on_postgres, sub};
use nashra::store::{Backend, ChatKind, DeliveryState, Lang, Store, StoreError, redact_url};

/// The highest migration this build knows.
const SCHEMA: i64 = 3;
const LONG: std::time::Duration = std::time::Duration::from_secs(60);

on_both!(
    a_new_store_is_empty_and_migrated,
    a_store_survives_a_crash_mid_send,
    reopening_does_not_rerun_migrations,
    a_database_of_the_first_schema_is_upgraded_in_place,
    a_database_from_a_newer_build_is_refused,
);

async fn a_new_store_is_empty_and_migrated(db: &TestDb) {
    let store = db.open().await;
    let backend = if db.is_postgres() {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    assert_eq!(store.backend(), backend);
    assert_eq!(store.subscriber_count().await.unwrap(), 0);
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA);
    assert_eq!(store.latest_version().await.unwrap(), None);
}

async fn a_store_survives_a_crash_mid_send(db: &TestDb) {
    let store = db.open().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.subscribe(&sub(2, "private")).await.unwrap();
    store.record_version("v1", "a.txt", "First").await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    assert!(store.mark_sending(1, "v1").await.unwrap());
    assert!(store.mark_sending(2, "v1").await.unwrap());
    store.mark_sent(2, "v1", Some(5)).await.unwrap();
    // Simulate a crash: no close(), the process just goes away mid-send of chat 1.
    drop(store);

    let store = db.open().await;
    assert_eq!(store.subscriber_count().await.unwrap(), 2);
    assert_eq!(store.latest_version().await.unwrap().as_deref(), Some("v1"));
    let due = store.due("v1", 10).await.unwrap();
    assert_eq!(due_ids(&due), vec![1]);
    let row = store.delivery(due[0].chat_id, "v1").await.unwrap().unwrap();
    assert_eq!((row.state, due[0].attempts), (DeliveryState::Sending, 1));
    assert!(store.delivered(2, "v1").await.unwrap());
    store.close().await;
}

async fn reopening_does_not_rerun_migrations(db: &TestDb) {
    for _ in 0..3 {
        let store = db.open().await;
        store.subscribe(&sub(1, "private")).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), SCHEMA);
        store.close().await;
    }
    assert_eq!(
        db.number("select count(*) from schema_migrations").await,
        SCHEMA
    );
    assert_eq!(db.number("select count(*) from subscriptions").await, 1);
}

async fn a_database_of_the_first_schema_is_upgraded_in_place(db: &TestDb) {
    // The database as a build that knew only migration 1 left it, with a
    // subscriber and a row in flight.
    let init = if db.is_postgres() {
        include_str!("../../src/store/migrations/postgres/0001_init.sql")
    } else {
        include_str!("../../src/store/migrations/sqlite/0001_init.sql")
    };
    db.execute(&format!(
        "create table schema_migrations (version bigint primary key, name text not null, applied_at text not null);
         {init};
         insert into schema_migrations values (1, 'init', '2024-01-01T00:00:00.000000Z');
         insert into subscriptions values (5, 'private', 'five', 5, '2024-01-01T00:00:00.000000Z', 'en');
         insert into deliveries (chat_id, version, state, attempts, created_at, updated_at)
             values (5, 'v1', 'sending', 1, '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z');"
    ))
    .await;

    let store = db.open().await;
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA);
    let due = store.claim_due("v1", "a", LONG, 10).await.unwrap();
    assert_eq!(
        (due_ids(&due), due[0].attempts, due[0].lang),
        (vec![5], 1, Lang::En)
    );
    let row = store.delivery(5, "v1").await.unwrap().unwrap();
    assert_eq!(row.lease_owner.as_deref(), Some("a"));
}

async fn a_database_from_a_newer_build_is_refused(db: &TestDb) {
    db.open().await.close().await;
    db.execute(
        "insert into schema_migrations (version, name, applied_at) values (99, 'future', '')",
    )
    .await;
    let err = Store::open(db.url()).await.err().expect("refused");
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                known: SCHEMA
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn in_memory_stores_are_separate() {
    let a = Store::open_in_memory().await.unwrap();
    let b = Store::open_in_memory().await.unwrap();
    a.subscribe(&sub(1, "private")).await.unwrap();
    assert_eq!(a.subscriber_count().await.unwrap(), 1);
    assert_eq!(b.subscriber_count().await.unwrap(), 0);
    assert_eq!(a.schema_version().await.unwrap(), SCHEMA);
}

#[tokio::test]
async fn a_sqlite_file_store_creates_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested/deeper/nashra.db");
    assert!(!file.parent().unwrap().exists());
    let store = Store::open(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    assert!(file.exists());
    store.close().await;
}

#[tokio::test]
async fn unknown_stored_kinds_and_languages_are_reported_not_guessed() {
    // The schema's checks keep them out; a value read back that the enums do not
    // know (a newer build's) is an error naming it, never a default.
    let err = "forum".parse::<ChatKind>().unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)) && err.to_string().contains("forum"));
    let err = "fr".parse::<Lang>().unwrap_err();
    assert!(err.to_string().contains("\"fr\""), "{err}");
    for kind in ChatKind::ALL {
        assert_eq!(kind.as_str().parse::<ChatKind>().unwrap(), kind);
    }
}

#[tokio::test]
async fn an_unsupported_url_is_refused_with_a_hint() {
    for url in [
        "mysql://root:hunter2@localhost/nashra",
        "data/nashra.db",
        "",
    ] {
        let err = Store::open(url).await.err().expect("refused");
        assert!(
            matches!(err, StoreError::UnsupportedUrl { .. }),
            "{url}: {err}"
        );
        let shown = err.to_string();
        assert!(shown.contains("NASHRA_DATABASE_URL"), "{shown}");
        assert!(shown.contains("postgres://"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    for url in [
        "sqlite://x.db?colour=blue",
        "postgres://nashra:hunter2@localhost:notaport/nashra",
    ] {
        let err = Store::open(url).await.err().expect("refused");
        assert!(matches!(err, StoreError::BadUrl { .. }), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}

#[tokio::test]
async fn an_unwritable_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let url = format!("sqlite://{}", blocker.join("x.db").display());
    let err = Store::open(&url).await.err().expect("refused");
    assert!(matches!(err, StoreError::CreateFolder { .. }), "{err}");
}

/// A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn an_unreachable_server_is_one_line_naming_the_variable_without_the_password() {
    let url = format!(
        "postgres://nashra:hunter2@127.0.0.1:{}/nashra",
        closed_port()
    );
    let started = std::time::Instant::now();
    let err = Store::open(&url).await.err().expect("refused");
    // Refused at once: not after a pool's 30 s of retries.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(matches!(err, StoreError::Unreachable { .. }), "{err}");
    let shown = err.to_string();
    assert!(shown.contains("NASHRA_DATABASE_URL"), "{shown}");
    assert!(shown.contains("nashra:***@127.0.0.1"), "{shown}");
    assert!(
        !shown.contains("hunter2") && !shown.contains('\n'),
        "{shown}"
    );
}

#[test]
fn the_binary_stops_with_that_line_when_the_database_is_unreachable() {
    let content = tempfile::tempdir().unwrap();
    let url = format!(
        "postgres://nashra:hunter2@127.0.0.1:{}/nashra",
        closed_port()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_nashra"))
        .env_clear()
        .env("TELOXIDE_TOKEN", "123456:TEST")
        .env("TELOXIDE_API_URL", "http://127.0.0.1:9")
        .env("NASHRA_CONTENT_DIR", content.path())
        .env("NASHRA_DATABASE_URL", &url)
        .stdin(Stdio::null())
        .output()
        .expect("run nashra");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("nashra: cannot connect to the database at postgres://nashra:***@"),
        "{stderr}"
    );
    assert!(lines[0].contains("NASHRA_DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[tokio::test]
#[ignore = "needs NASHRA_TEST_POSTGRES_URL (.ci/with-postgres)"]
async fn a_wrong_password_is_refused_without_showing_it() {
    on_postgres(
        "a_wrong_password_is_refused_without_showing_it",
        async |db: &TestDb| {
            let mut url = url::Url::parse(db.url()).unwrap();
            url.set_password(Some("not-the-password-42")).unwrap();
            let err = Store::open(url.as_str()).await.err().expect("refused");
            assert!(matches!(err, StoreError::Unreachable { .. }), "{err}");
            let shown = err.to_string();
            assert!(shown.contains("password authentication failed"), "{shown}");
            assert!(shown.contains("NASHRA_DATABASE_URL"), "{shown}");
            assert!(
                !shown.contains("not-the-password-42") && !shown.contains('\n'),
                "{shown}"
            );
        },
    )
    .await;
}

#[test]
fn passwords_are_hidden_wherever_they_are_in_a_url() {
    for (url, shown) in [
        (
            "postgres://nashra:hunter2@db:5432/nashra",
            "postgres://nashra:***@db:5432/nashra",
        ),
        (
            "postgres://db/nashra?user=nashra&password=hunter2",
            "postgres://db/nashra?user=nashra&password=***",
        ),
        ("postgres://nashra@db/nashra", "postgres://nashra@db/nashra"),
        ("sqlite://data/nashra.db", "sqlite://data/nashra.db"),
        ("sqlite::memory:", "sqlite::memory:"),
        // Not a URL the parser takes: everything before the host goes.
        (
            "postgres://na shra:hunter2@db:x/nashra",
            "postgres://***@db:x/nashra",
        ),
    ] {
        assert_eq!(redact_url(url), shown, "{url}");
    }
}
