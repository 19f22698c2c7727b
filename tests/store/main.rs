//! The store through its public API, in memory and on a real file.

use nashra::store::{ChatKind, DeliveryState, Lang, NewSubscription, Store, StoreError};
use sqlx::Row;

fn sub(chat_id: i64, chat_type: &str) -> NewSubscription {
    NewSubscription {
        chat_id,
        kind: chat_type.parse().expect("a chat kind"),
        title: Some(format!("chat {chat_id}")),
        subscribed_by: Some(7),
        lang: Lang::Ar,
    }
}

async fn memory() -> Store {
    Store::open_in_memory()
        .await
        .expect("in-memory store opens")
}

fn due_ids(due: &[nashra::store::Due]) -> Vec<i64> {
    due.iter().map(|d| d.chat_id).collect()
}

#[tokio::test]
async fn a_new_store_is_empty_and_migrated() {
    let store = memory().await;
    assert_eq!(store.subscriber_count().await.unwrap(), 0);
    assert_eq!(store.schema_version().await.unwrap(), 1);
    assert_eq!(store.latest_version().await.unwrap(), None);
}

#[tokio::test]
async fn in_memory_stores_are_separate() {
    let a = memory().await;
    let b = memory().await;
    a.subscribe(&sub(1, "private")).await.unwrap();
    assert_eq!(a.subscriber_count().await.unwrap(), 1);
    assert_eq!(b.subscriber_count().await.unwrap(), 0);
}

#[tokio::test]
async fn subscribe_is_idempotent() {
    let store = memory().await;
    assert!(store.subscribe(&sub(-5, "group")).await.unwrap());
    assert!(!store.subscribe(&sub(-5, "group")).await.unwrap());
    assert_eq!(store.subscriber_count().await.unwrap(), 1);

    let got = store.subscription(-5).await.unwrap().expect("subscribed");
    assert_eq!(got.chat_id, -5);
    assert_eq!(got.kind, ChatKind::Group);
    assert_eq!(got.title.as_deref(), Some("chat -5"));
    assert_eq!(got.subscribed_by, Some(7));
    assert_eq!(got.lang, Lang::Ar);
    assert!(
        chrono::DateTime::parse_from_rfc3339(&got.subscribed_at).is_ok(),
        "{}",
        got.subscribed_at
    );
    assert_eq!(store.subscriptions().await.unwrap(), vec![got]);
    assert_eq!(store.subscription(6).await.unwrap(), None);
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
async fn due_rows_carry_the_chat_kind_and_language() {
    let store = memory().await;
    store.subscribe(&sub(-7, "channel")).await.unwrap();
    store.subscribe(&sub(-8, "supergroup")).await.unwrap();
    store.set_language(-8, Lang::En).await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    let mut due = store.due("v1", 10).await.unwrap();
    due.sort_by_key(|d| d.chat_id);
    let got: Vec<(i64, ChatKind, Lang)> = due.iter().map(|d| (d.chat_id, d.kind, d.lang)).collect();
    assert_eq!(
        got,
        vec![
            (-8, ChatKind::Supergroup, Lang::En),
            (-7, ChatKind::Channel, Lang::Ar)
        ]
    );
    // A channel is not a group: it is not paced or guarded as one.
    assert!(!ChatKind::Channel.is_group() && ChatKind::Supergroup.is_group());
}

#[tokio::test]
async fn unsubscribe_drops_the_chat_and_its_unsent_deliveries() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.subscribe(&sub(2, "private")).await.unwrap();
    store.record_sent(1, "v0", Some(10)).await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.mark_sending(1, "v1").await.unwrap();

    assert!(store.unsubscribe(1).await.unwrap());
    assert!(!store.unsubscribe(1).await.unwrap());
    assert_eq!(store.subscription(1).await.unwrap(), None);
    assert_eq!(due_ids(&store.due("v1", 10).await.unwrap()), vec![2]);
    // History survives, so a chat that comes back is not sent v0 again.
    assert!(store.delivered(1, "v0").await.unwrap());
    // The claim on a deleted row fails, telling the sender to skip it.
    assert!(!store.mark_sending(1, "v1").await.unwrap());
}

#[tokio::test]
async fn migrate_chat_moves_subscription_deliveries_and_settings() {
    let store = memory().await;
    store.subscribe(&sub(-100, "group")).await.unwrap();
    store.set_language(-100, Lang::En).await.unwrap();
    store.record_sent(-100, "v0", Some(3)).await.unwrap();
    store.enqueue_version("v1").await.unwrap();

    assert!(store.migrate_chat(-100, -1_000_100).await.unwrap());

    assert_eq!(store.subscription(-100).await.unwrap(), None);
    let moved = store
        .subscription(-1_000_100)
        .await
        .unwrap()
        .expect("moved");
    assert_eq!(moved.kind, ChatKind::Supergroup);
    assert_eq!(moved.title.as_deref(), Some("chat -100"));
    assert_eq!(moved.lang, Lang::En);
    assert_eq!(store.language(-1_000_100).await.unwrap(), Some(Lang::En));
    assert_eq!(store.language(-100).await.unwrap(), None);
    assert_eq!(
        due_ids(&store.due("v1", 10).await.unwrap()),
        vec![-1_000_100]
    );
    assert!(store.delivered(-1_000_100, "v0").await.unwrap());
    assert!(!store.delivered(-100, "v0").await.unwrap());
    assert_eq!(store.subscriber_count().await.unwrap(), 1);
}

#[tokio::test]
async fn migrate_chat_keeps_one_row_when_the_new_id_exists() {
    let store = memory().await;
    store.subscribe(&sub(-1, "group")).await.unwrap();
    store.subscribe(&sub(-2, "supergroup")).await.unwrap();
    store.enqueue_version("v0").await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.mark_sent(-1, "v0", Some(9)).await.unwrap();
    store.set_language(-1, Lang::En).await.unwrap();
    store.set_language(-2, Lang::Ar).await.unwrap();

    assert!(store.migrate_chat(-1, -2).await.unwrap());

    assert_eq!(store.subscriber_count().await.unwrap(), 1);
    assert_eq!(
        store
            .subscription(-2)
            .await
            .unwrap()
            .unwrap()
            .title
            .as_deref(),
        Some("chat -2")
    );
    assert_eq!(store.language(-2).await.unwrap(), Some(Lang::Ar));
    // v0 reached the old group already: the merged row must not resend it.
    let v0 = store.delivery(-2, "v0").await.unwrap().expect("kept");
    assert_eq!(v0.state, DeliveryState::Sent);
    assert_eq!(v0.message_id, Some(9));
    assert_eq!(due_ids(&store.due("v1", 10).await.unwrap()), vec![-2]);
    assert!(store.due("v0", 10).await.unwrap().is_empty());
    assert_eq!(store.delivery(-1, "v1").await.unwrap(), None);
}

#[tokio::test]
async fn migrate_chat_of_an_unknown_chat_is_false() {
    let store = memory().await;
    assert!(!store.migrate_chat(-1, -2).await.unwrap());
    assert_eq!(store.subscriber_count().await.unwrap(), 0);
}

#[tokio::test]
async fn enqueue_version_covers_subscribers_only_and_only_once() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.subscribe(&sub(-2, "channel")).await.unwrap();
    // A chat with settings but no subscription gets nothing.
    store.set_language(3, Lang::En).await.unwrap();

    assert_eq!(store.enqueue_version("v1").await.unwrap(), 2);
    assert_eq!(store.enqueue_version("v1").await.unwrap(), 0);
    store.subscribe(&sub(4, "private")).await.unwrap();
    assert_eq!(store.enqueue_version("v1").await.unwrap(), 1);

    let due = store.due("v1", 10).await.unwrap();
    let mut ids = due_ids(&due);
    ids.sort_unstable();
    assert_eq!(ids, vec![-2, 1, 4]);
    for d in &due {
        let row = store.delivery(d.chat_id, "v1").await.unwrap().unwrap();
        assert_eq!((row.state, d.attempts), (DeliveryState::Pending, 0));
    }
}

#[tokio::test]
async fn record_sent_prevents_enqueue() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.subscribe(&sub(2, "private")).await.unwrap();
    store.record_sent(1, "v1", Some(42)).await.unwrap();

    assert_eq!(store.enqueue_version("v1").await.unwrap(), 1);
    assert_eq!(due_ids(&store.due("v1", 10).await.unwrap()), vec![2]);
    assert!(store.delivered(1, "v1").await.unwrap());
    assert!(!store.delivered(2, "v1").await.unwrap());
    let row = store.delivery(1, "v1").await.unwrap().unwrap();
    assert_eq!((row.state, row.message_id), (DeliveryState::Sent, Some(42)));
    assert!(row.sent_at.is_some());
}

#[tokio::test]
async fn record_sent_settles_a_pending_row() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.record_sent(1, "v1", None).await.unwrap();
    assert!(store.due("v1", 10).await.unwrap().is_empty());
    assert!(store.delivered(1, "v1").await.unwrap());
}

#[tokio::test]
async fn a_delivery_goes_through_sending_retry_and_sent() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.enqueue_version("v1").await.unwrap();

    assert!(store.mark_sending(1, "v1").await.unwrap());
    let due = store.due("v1", 10).await.unwrap();
    assert_eq!(due.len(), 1);
    let row = store.delivery(due[0].chat_id, "v1").await.unwrap().unwrap();
    assert_eq!((row.state, due[0].attempts), (DeliveryState::Sending, 1));

    assert!(
        store
            .mark_retry(1, "v1", "429 Too Many Requests")
            .await
            .unwrap()
    );
    let row = store.delivery(1, "v1").await.unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Pending);
    assert_eq!(row.last_error.as_deref(), Some("429 Too Many Requests"));

    assert!(store.mark_sending(1, "v1").await.unwrap());
    assert!(store.mark_sent(1, "v1", Some(77)).await.unwrap());
    let row = store.delivery(1, "v1").await.unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Sent);
    assert_eq!((row.attempts, row.message_id), (2, Some(77)));
    assert!(store.delivered(1, "v1").await.unwrap());
    assert!(store.due("v1", 10).await.unwrap().is_empty());

    // A sent row is never claimed or failed again.
    assert!(!store.mark_sending(1, "v1").await.unwrap());
    assert!(!store.mark_failed(1, "v1", "late error").await.unwrap());
    assert!(!store.mark_retry(1, "v1", "late error").await.unwrap());
    assert!(store.delivered(1, "v1").await.unwrap());
}

#[tokio::test]
async fn a_failed_delivery_is_no_longer_due() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.mark_sending(1, "v1").await.unwrap();
    assert!(
        store
            .mark_failed(1, "v1", "403 bot was blocked")
            .await
            .unwrap()
    );
    assert!(store.due("v1", 10).await.unwrap().is_empty());
    assert!(!store.delivered(1, "v1").await.unwrap());
    let row = store.delivery(1, "v1").await.unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Failed);
    assert_eq!(row.last_error.as_deref(), Some("403 bot was blocked"));
}

#[tokio::test]
async fn due_is_ordered_limited_and_per_version() {
    let store = memory().await;
    for id in [30, 10, 20] {
        store.subscribe(&sub(id, "private")).await.unwrap();
    }
    store.enqueue_version("v1").await.unwrap();
    store.subscribe(&sub(5, "private")).await.unwrap();
    store.enqueue_version("v2").await.unwrap();

    // Same created_at within one enqueue, so chat id breaks the tie.
    assert_eq!(
        due_ids(&store.due("v1", 10).await.unwrap()),
        vec![10, 20, 30]
    );
    assert_eq!(due_ids(&store.due("v1", 2).await.unwrap()), vec![10, 20]);
    assert_eq!(
        due_ids(&store.due("v2", 10).await.unwrap()),
        vec![5, 10, 20, 30]
    );
}

#[tokio::test]
async fn stats_count_subscribers_states_and_recent_failures() {
    let store = memory().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.subscribe(&sub(2, "private")).await.unwrap();
    store.subscribe(&sub(-3, "supergroup")).await.unwrap();
    store.subscribe(&sub(-4, "channel")).await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.mark_sending(1, "v1").await.unwrap();
    store.mark_sent(1, "v1", None).await.unwrap();
    store.mark_sending(2, "v1").await.unwrap();
    store.mark_failed(-3, "v1", "chat not found").await.unwrap();

    let stats = store.stats().await.unwrap();
    assert_eq!(
        stats.subscribers_by_type,
        vec![
            (ChatKind::Channel, 1),
            (ChatKind::Private, 2),
            (ChatKind::Supergroup, 1)
        ]
    );
    assert_eq!(
        (stats.pending, stats.sending, stats.sent, stats.failed),
        (1, 1, 1, 1)
    );
    assert_eq!(stats.recent_failures.len(), 1);
    let failure = &stats.recent_failures[0];
    assert_eq!((failure.chat_id, failure.version.as_str()), (-3, "v1"));
    assert_eq!(
        (failure.attempts, failure.last_error.as_str()),
        (0, "chat not found")
    );
}

#[tokio::test]
async fn stats_keep_the_ten_newest_failures() {
    let store = memory().await;
    for id in 1..=12 {
        store.subscribe(&sub(id, "private")).await.unwrap();
    }
    store.enqueue_version("v1").await.unwrap();
    for id in 1..=12 {
        store
            .mark_failed(id, "v1", &format!("error {id}"))
            .await
            .unwrap();
        // Timestamps have microsecond resolution; keep them distinct.
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let stats = store.stats().await.unwrap();
    assert_eq!(stats.failed, 12);
    let ids: Vec<i64> = stats.recent_failures.iter().map(|f| f.chat_id).collect();
    assert_eq!(ids, (3..=12).rev().collect::<Vec<_>>());
}

#[tokio::test]
async fn language_prefers_the_setting_then_the_subscription() {
    let store = memory().await;
    assert_eq!(store.language(1).await.unwrap(), None);
    store.subscribe(&sub(1, "private")).await.unwrap();
    assert_eq!(store.language(1).await.unwrap(), Some(Lang::Ar));
    store.set_language(1, Lang::En).await.unwrap();
    assert_eq!(store.language(1).await.unwrap(), Some(Lang::En));
    assert_eq!(store.subscription(1).await.unwrap().unwrap().lang, Lang::En);
    // Unsubscribed chats keep their choice.
    store.set_language(2, Lang::En).await.unwrap();
    store.set_language(2, Lang::Ar).await.unwrap();
    assert_eq!(store.language(2).await.unwrap(), Some(Lang::Ar));
    assert_eq!(store.subscription(2).await.unwrap(), None);
}

#[tokio::test]
async fn versions_are_recorded_once_and_the_latest_wins() {
    let store = memory().await;
    assert!(store.record_version("v1", "a.txt", "First").await.unwrap());
    assert!(!store.record_version("v1", "a.txt", "First").await.unwrap());
    assert!(store.record_version("v2", "b.txt", "Second").await.unwrap());
    assert_eq!(store.latest_version().await.unwrap().as_deref(), Some("v2"));
    // Re-recording an old version does not make it the latest.
    store.record_version("v1", "a.txt", "First").await.unwrap();
    assert_eq!(store.latest_version().await.unwrap().as_deref(), Some("v2"));
}

#[tokio::test]
async fn a_file_store_creates_its_folder_and_survives_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested/deeper/nashra.db");
    assert!(!file.parent().unwrap().exists());
    let url = format!("sqlite://{}", file.display());

    let store = Store::open(&url).await.unwrap();
    assert!(file.exists());
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.subscribe(&sub(2, "private")).await.unwrap();
    store.record_version("v1", "a.txt", "First").await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    assert!(store.mark_sending(1, "v1").await.unwrap());
    assert!(store.mark_sending(2, "v1").await.unwrap());
    store.mark_sent(2, "v1", Some(5)).await.unwrap();
    // Simulate a crash: no close(), the process just goes away mid-send of chat 1.
    drop(store);

    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.subscriber_count().await.unwrap(), 2);
    assert_eq!(store.latest_version().await.unwrap().as_deref(), Some("v1"));
    let due = store.due("v1", 10).await.unwrap();
    assert_eq!(due_ids(&due), vec![1]);
    let row = store.delivery(due[0].chat_id, "v1").await.unwrap().unwrap();
    assert_eq!((row.state, due[0].attempts), (DeliveryState::Sending, 1));
    assert!(store.delivered(2, "v1").await.unwrap());
    store.close().await;
}

#[tokio::test]
async fn reopening_does_not_rerun_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data/x.db");
    let url = format!("sqlite:{}", file.display());
    for _ in 0..3 {
        let store = Store::open(&url).await.unwrap();
        store.subscribe(&sub(1, "private")).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), 1);
        store.close().await;
    }

    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let row = sqlx::query("select count(*) as n from schema_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("n"), 1);
    let row = sqlx::query("select count(*) as n from subscriptions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("n"), 1);
    pool.close().await;
}

#[tokio::test]
async fn a_database_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    Store::open(&url).await.unwrap().close().await;

    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query(
        "insert into schema_migrations (version, name, applied_at) values (99, 'future', '')",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let err = Store::open(&url).await.err().expect("refused");
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                known: 1
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn a_non_sqlite_url_is_refused_with_a_hint() {
    for url in ["postgres://localhost/nashra", "data/nashra.db", ""] {
        let err = Store::open(url).await.err().expect("refused");
        assert!(matches!(err, StoreError::NotSqlite { .. }), "{url}: {err}");
        assert!(err.to_string().contains("NASHRA_DATABASE_URL"), "{err}");
    }
    let err = Store::open("sqlite://x.db?colour=blue")
        .await
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::BadUrl { .. }), "{err}");
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
