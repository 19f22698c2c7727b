//! The delivery queue of one process, its stats, and the log of versions.

use crate::support::{TestDb, due_ids, on_both, sub};
use nashra::store::{ChatKind, DeliveryState, Lang};

on_both!(
    due_rows_carry_the_chat_kind_and_language,
    enqueue_version_covers_subscribers_only_and_only_once,
    record_sent_prevents_enqueue,
    record_sent_settles_a_pending_row,
    a_delivery_goes_through_sending_retry_and_sent,
    a_failed_delivery_is_no_longer_due,
    due_is_ordered_limited_and_per_version,
    stats_count_subscribers_states_and_recent_failures,
    stats_keep_the_ten_newest_failures,
    versions_are_recorded_once_and_the_latest_wins,
);

async fn due_rows_carry_the_chat_kind_and_language(db: &TestDb) {
    let store = db.open().await;
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

async fn enqueue_version_covers_subscribers_only_and_only_once(db: &TestDb) {
    let store = db.open().await;
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

async fn record_sent_prevents_enqueue(db: &TestDb) {
    let store = db.open().await;
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

async fn record_sent_settles_a_pending_row(db: &TestDb) {
    let store = db.open().await;
    store.subscribe(&sub(1, "private")).await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.record_sent(1, "v1", None).await.unwrap();
    assert!(store.due("v1", 10).await.unwrap().is_empty());
    assert!(store.delivered(1, "v1").await.unwrap());
}

async fn a_delivery_goes_through_sending_retry_and_sent(db: &TestDb) {
    let store = db.open().await;
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

async fn a_failed_delivery_is_no_longer_due(db: &TestDb) {
    let store = db.open().await;
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

async fn due_is_ordered_limited_and_per_version(db: &TestDb) {
    let store = db.open().await;
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

async fn stats_count_subscribers_states_and_recent_failures(db: &TestDb) {
    let store = db.open().await;
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

async fn stats_keep_the_ten_newest_failures(db: &TestDb) {
    let store = db.open().await;
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

async fn versions_are_recorded_once_and_the_latest_wins(db: &TestDb) {
    let store = db.open().await;
    assert!(store.record_version("v1", "a.txt", "First").await.unwrap());
    assert!(!store.record_version("v1", "a.txt", "First").await.unwrap());
    assert!(store.record_version("v2", "b.txt", "Second").await.unwrap());
    assert_eq!(store.latest_version().await.unwrap().as_deref(), Some("v2"));
    // Re-recording an old version does not make it the latest.
    store.record_version("v1", "a.txt", "First").await.unwrap();
    assert_eq!(store.latest_version().await.unwrap().as_deref(), Some("v2"));
}
