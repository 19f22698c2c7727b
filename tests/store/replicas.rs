//! Several replicas on one database: versions recorded and queued once, due
//! rows claimed with leases, and one leader at a time. Each "replica" is a
//! store opened separately on the test's database.

use std::collections::HashSet;
use std::time::Duration;

use crate::support::{TestDb, due_ids, on_both, on_postgres, sub};
use nashra::store::{DeliveryState, Store};

const LONG: Duration = Duration::from_secs(60);

on_both!(
    record_version_is_new_for_exactly_one_of_two_replicas,
    queueing_from_two_replicas_at_once_adds_each_row_once,
    two_owners_claim_disjoint_rows,
    owners_claiming_in_a_race_share_the_queue_without_overlap,
    an_expired_lease_is_taken_over,
    settling_a_claimed_row_frees_its_lease,
    released_leases_are_free_at_once_but_not_a_row_in_flight,
    claims_follow_the_queue_order_and_skip_what_is_not_due,
    only_one_replica_leads_at_a_time,
);

async fn subscribed(db: &TestDb, chats: impl IntoIterator<Item = i64>) -> Store {
    let store = db.open().await;
    for id in chats {
        store.subscribe(&sub(id, "private")).await.unwrap();
    }
    store
}

async fn record_version_is_new_for_exactly_one_of_two_replicas(db: &TestDb) {
    let (a, b) = (db.open().await, db.open().await);
    for i in 0..20 {
        let version = format!("v{i}");
        let (x, y) = tokio::join!(
            a.record_version(&version, "a.txt", "A"),
            b.record_version(&version, "a.txt", "A"),
        );
        let (x, y) = (x.unwrap(), y.unwrap());
        assert!(x ^ y, "{version}: a says {x}, b says {y}");
    }
    assert_eq!(db.number("select count(*) from versions").await, 20);
    assert_eq!(b.latest_version().await.unwrap().as_deref(), Some("v19"));
}

async fn queueing_from_two_replicas_at_once_adds_each_row_once(db: &TestDb) {
    let a = subscribed(db, 1..=200).await;
    let b = db.open().await;
    let (x, y) = tokio::join!(a.enqueue_version("v1"), b.enqueue_version("v1"));
    assert_eq!(x.unwrap() + y.unwrap(), 200);
    let (x, y) = tokio::join!(a.enqueue_version("v1"), b.enqueue_version("v1"));
    assert_eq!((x.unwrap(), y.unwrap()), (0, 0));
    assert_eq!(db.number("select count(*) from deliveries").await, 200);
    assert_eq!(a.due("v1", 1000).await.unwrap().len(), 200);
}

async fn two_owners_claim_disjoint_rows(db: &TestDb) {
    let a = subscribed(db, 1..=50).await;
    let b = db.open().await;
    a.enqueue_version("v1").await.unwrap();

    let (x, y) = tokio::join!(
        a.claim_due("v1", "a", LONG, 20),
        b.claim_due("v1", "b", LONG, 20)
    );
    let (x, y) = (due_ids(&x.unwrap()), due_ids(&y.unwrap()));
    assert_eq!((x.len(), y.len()), (20, 20));
    let (xs, ys): (HashSet<i64>, HashSet<i64>) =
        (x.iter().copied().collect(), y.into_iter().collect());
    assert!(xs.is_disjoint(&ys));

    // A third owner gets what is left; the first, asking again, its own rows.
    let rest = due_ids(&b.claim_due("v1", "c", LONG, 100).await.unwrap());
    assert_eq!(rest.len(), 10);
    assert!(rest.iter().all(|id| !xs.contains(id) && !ys.contains(id)));
    assert_eq!(
        due_ids(&a.claim_due("v1", "a", LONG, 100).await.unwrap()),
        x
    );

    let row = a.delivery(x[0], "v1").await.unwrap().unwrap();
    assert_eq!(row.lease_owner.as_deref(), Some("a"));
    let until = row.lease_until.expect("a lease expiry");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&until).is_ok(),
        "{until}"
    );
}

async fn owners_claiming_in_a_race_share_the_queue_without_overlap(db: &TestDb) {
    let a = subscribed(db, 1..=200).await;
    let b = db.open().await;
    a.enqueue_version("v1").await.unwrap();

    // Each owner claims small batches and settles them, as a broadcast would.
    async fn drain(store: &Store, owner: &str) -> Vec<i64> {
        let mut sent = Vec::new();
        loop {
            let due = store.claim_due("v1", owner, LONG, 7).await.unwrap();
            if due.is_empty() {
                return sent;
            }
            for d in due {
                assert!(store.mark_sending(d.chat_id, "v1").await.unwrap());
                assert!(store.mark_sent(d.chat_id, "v1", None).await.unwrap());
                sent.push(d.chat_id);
            }
        }
    }
    let (x, y) = tokio::join!(drain(&a, "a"), drain(&b, "b"));
    let mut all: Vec<i64> = x.iter().chain(&y).copied().collect();
    all.sort_unstable();
    assert_eq!(all, (1..=200).collect::<Vec<_>>(), "each row sent once");
    let stats = a.stats().await.unwrap();
    assert_eq!((stats.sent, stats.pending, stats.sending), (200, 0, 0));
}

async fn an_expired_lease_is_taken_over(db: &TestDb) {
    let a = subscribed(db, 1..=3).await;
    let b = db.open().await;
    a.enqueue_version("v1").await.unwrap();

    // `a` claims everything for a moment, starts sending chat 1, then dies.
    // Long enough that `b` surely asks before it runs out, even on a busy machine.
    let short = Duration::from_secs(1);
    assert_eq!(
        due_ids(&a.claim_due("v1", "a", short, 10).await.unwrap()),
        vec![1, 2, 3]
    );
    assert!(a.mark_sending(1, "v1").await.unwrap());
    drop(a);
    assert!(b.claim_due("v1", "b", LONG, 10).await.unwrap().is_empty());

    tokio::time::sleep(short + Duration::from_millis(300)).await;
    let due = b.claim_due("v1", "b", LONG, 10).await.unwrap();
    assert_eq!(due_ids(&due), vec![1, 2, 3]);
    // The row in flight at the death comes back with its attempt counted.
    assert_eq!(due[0].attempts, 1);
    let row = b.delivery(1, "v1").await.unwrap().unwrap();
    assert_eq!(
        (row.state, row.lease_owner.as_deref()),
        (DeliveryState::Sending, Some("b"))
    );

    // Now `b` holds them: another replica waits in turn.
    let c = db.open().await;
    assert!(c.claim_due("v1", "c", LONG, 10).await.unwrap().is_empty());
    for id in 1..=3 {
        assert!(b.mark_sending(id, "v1").await.unwrap());
        assert!(b.mark_sent(id, "v1", Some(id)).await.unwrap());
    }
    assert!(c.due("v1", 10).await.unwrap().is_empty());
}

async fn settling_a_claimed_row_frees_its_lease(db: &TestDb) {
    let a = subscribed(db, 1..=3).await;
    let b = db.open().await;
    a.enqueue_version("v1").await.unwrap();
    assert_eq!(
        due_ids(&a.claim_due("v1", "a", LONG, 10).await.unwrap()),
        vec![1, 2, 3]
    );

    assert!(a.mark_sending(1, "v1").await.unwrap());
    assert!(a.mark_sent(1, "v1", Some(10)).await.unwrap());
    assert!(a.mark_sending(2, "v1").await.unwrap());
    assert!(a.mark_retry(2, "v1", "502 Bad Gateway").await.unwrap());
    assert!(a.mark_sending(3, "v1").await.unwrap());
    assert!(a.mark_failed(3, "v1", "400 Bad Request").await.unwrap());

    for id in 1..=3 {
        let row = a.delivery(id, "v1").await.unwrap().unwrap();
        assert_eq!(
            (row.lease_owner, row.lease_until),
            (None, None),
            "chat {id}"
        );
    }
    // The retry is anyone's at once; the sent and the failed are no one's.
    let due = b.claim_due("v1", "b", LONG, 10).await.unwrap();
    assert_eq!(due_ids(&due), vec![2]);
    assert_eq!(due[0].attempts, 1);
}

async fn released_leases_are_free_at_once_but_not_a_row_in_flight(db: &TestDb) {
    let a = subscribed(db, 1..=3).await;
    let b = db.open().await;
    a.enqueue_version("v1").await.unwrap();
    a.claim_due("v1", "a", LONG, 10).await.unwrap();
    assert!(a.mark_sending(1, "v1").await.unwrap());

    // A graceful stop: what `a` has not started is given back.
    assert_eq!(a.release_leases("a").await.unwrap(), 2);
    assert_eq!(a.release_leases("a").await.unwrap(), 0);
    assert_eq!(
        due_ids(&b.claim_due("v1", "b", LONG, 10).await.unwrap()),
        vec![2, 3]
    );
    let row = b.delivery(1, "v1").await.unwrap().unwrap();
    assert_eq!(row.lease_owner.as_deref(), Some("a"));
}

async fn claims_follow_the_queue_order_and_skip_what_is_not_due(db: &TestDb) {
    let store = subscribed(db, [30, 10, 20, 40]).await;
    store.enqueue_version("v0").await.unwrap();
    store.enqueue_version("v1").await.unwrap();
    store.mark_sent(10, "v1", None).await.unwrap();
    store.mark_failed(20, "v1", "gone").await.unwrap();
    store.unsubscribe(40).await.unwrap();

    assert_eq!(
        due_ids(&store.claim_due("v1", "a", LONG, 10).await.unwrap()),
        vec![30]
    );
    assert_eq!(
        due_ids(&store.claim_due("v0", "a", LONG, 2).await.unwrap()),
        vec![10, 20]
    );
    assert_eq!(
        due_ids(&store.claim_due("v0", "b", LONG, 10).await.unwrap()),
        vec![30]
    );
    assert!(
        store
            .claim_due("v2", "a", LONG, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn only_one_replica_leads_at_a_time(db: &TestDb) {
    let (a, b) = (db.open().await, db.open().await);
    if !db.is_postgres() {
        // One process owns a SQLite file: whoever asks leads.
        assert!(a.try_lead("a").await.unwrap() && b.try_lead("b").await.unwrap());
        return;
    }
    assert!(a.try_lead("a").await.unwrap());
    assert!(!b.try_lead("b").await.unwrap());
    // Asking again keeps it, and a clone shares it.
    assert!(a.try_lead("a").await.unwrap());
    assert!(a.clone().try_lead("a").await.unwrap());
    assert!(!b.try_lead("b").await.unwrap());

    a.release_lead().await;
    assert!(b.try_lead("b").await.unwrap());
    assert!(!a.try_lead("a").await.unwrap());
    // Closing a store gives its leadership up too.
    b.close().await;
    assert!(a.try_lead("a").await.unwrap());
}

#[tokio::test]
#[ignore = "needs NASHRA_TEST_POSTGRES_URL (.ci/with-postgres)"]
async fn a_leader_whose_session_ends_is_replaced() {
    on_postgres(
        "a_leader_whose_session_ends_is_replaced",
        async |db: &TestDb| {
            let (a, b) = (db.open().await, db.open().await);
            let (owner_a, owner_b) = ("takeover-a", "takeover-b");
            assert!(a.try_lead(owner_a).await.unwrap());
            assert!(!b.try_lead(owner_b).await.unwrap());

            // The server ends the leader's session, as when its machine dies.
            db.execute(&format!(
                "select pg_terminate_backend(pid) from pg_stat_activity
                 where application_name = 'nashra lead {owner_a}'"
            ))
            .await;
            // The lock went with the session: the follower takes over at its next
            // try, and the old leader learns at its own that it no longer leads.
            let mut took = false;
            for _ in 0..50 {
                if b.try_lead(owner_b).await.unwrap() {
                    took = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            assert!(took, "the follower never took over");
            assert!(!a.try_lead(owner_a).await.unwrap());
        },
    )
    .await;
}
