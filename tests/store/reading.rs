//! Each chat's article from the archive: kept per chat, cleared, read back in
//! order at start, and on PostgreSQL announced to the other replicas.

use crate::support::{TestDb, on_both};
use nashra::store::{Backend, StoredChoice};
use std::time::Duration;

on_both!(
    a_choice_is_kept_per_chat_and_cleared,
    choices_come_back_newest_first,
    another_replica_hears_of_a_change,
);

fn choice(chat_id: i64, article: &str, since: &str) -> StoredChoice {
    StoredChoice {
        chat_id,
        article: article.into(),
        since: since.into(),
    }
}

async fn a_choice_is_kept_per_chat_and_cleared(db: &TestDb) {
    let store = db.open().await;
    assert_eq!(store.reading(1).await.unwrap(), None);
    store.set_reading(1, "aaaa", "v1").await.unwrap();
    store.set_reading(-2, "bbbb", "v1").await.unwrap();
    store.set_reading(1, "cccc", "v2").await.unwrap();
    assert_eq!(
        store.reading(1).await.unwrap(),
        Some(choice(1, "cccc", "v2"))
    );
    assert!(store.clear_reading(1).await.unwrap());
    assert!(!store.clear_reading(1).await.unwrap(), "already the latest");
    assert_eq!(store.reading(1).await.unwrap(), None);
    assert_eq!(
        store.reading(-2).await.unwrap(),
        Some(choice(-2, "bbbb", "v1"))
    );
}

async fn choices_come_back_newest_first(db: &TestDb) {
    let store = db.open().await;
    for chat in 1..=3 {
        store.set_reading(chat, "aaaa", "v1").await.unwrap();
        // Times are stored to the microsecond.
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let chats: Vec<i64> = store
        .readings(10)
        .await
        .unwrap()
        .iter()
        .map(|c| c.chat_id)
        .collect();
    assert_eq!(chats, vec![3, 2, 1]);
    assert_eq!(store.readings(2).await.unwrap().len(), 2);
}

async fn another_replica_hears_of_a_change(db: &TestDb) {
    let store = db.open().await;
    let mut changes = match store.reading_changes().await.unwrap() {
        Some(changes) => changes,
        None => {
            assert_eq!(
                store.backend(),
                Backend::Sqlite,
                "one process, no one to tell"
            );
            return;
        }
    };
    let other = db.open().await;
    other.set_reading(42, "aaaa", "v1").await.unwrap();
    let heard = tokio::time::timeout(Duration::from_secs(5), changes.next())
        .await
        .expect("heard within 5 s")
        .unwrap();
    assert_eq!(heard, 42);
    assert!(other.clear_reading(42).await.unwrap());
    let heard = tokio::time::timeout(Duration::from_secs(5), changes.next())
        .await
        .expect("heard within 5 s")
        .unwrap();
    assert_eq!(heard, 42);
    assert_eq!(store.reading(42).await.unwrap(), None);
}
