//! Subscriptions, chat settings and moving a group to its supergroup id.

use crate::support::{TestDb, due_ids, on_both, sub};
use nashra::store::{ChatKind, DeliveryState, Lang};

on_both!(
    subscribe_is_idempotent,
    unsubscribe_drops_the_chat_and_its_unsent_deliveries,
    migrate_chat_moves_subscription_deliveries_and_settings,
    migrate_chat_keeps_one_row_when_the_new_id_exists,
    migrate_chat_of_an_unknown_chat_is_false,
    language_prefers_the_setting_then_the_subscription,
);

async fn subscribe_is_idempotent(db: &TestDb) {
    let store = db.open().await;
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

async fn unsubscribe_drops_the_chat_and_its_unsent_deliveries(db: &TestDb) {
    let store = db.open().await;
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

async fn migrate_chat_moves_subscription_deliveries_and_settings(db: &TestDb) {
    let store = db.open().await;
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

async fn migrate_chat_keeps_one_row_when_the_new_id_exists(db: &TestDb) {
    let store = db.open().await;
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

async fn migrate_chat_of_an_unknown_chat_is_false(db: &TestDb) {
    let store = db.open().await;
    assert!(!store.migrate_chat(-1, -2).await.unwrap());
    assert_eq!(store.subscriber_count().await.unwrap(), 0);
}

async fn language_prefers_the_setting_then_the_subscription(db: &TestDb) {
    let store = db.open().await;
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
