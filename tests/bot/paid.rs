//! Paid broadcasts (`NASHRA_PAID_BROADCAST`): the broadcast's messages carry
//! `allow_paid_broadcast` and leave at Telegram's paid rate; replies never carry
//! it, and without the setting nothing does.

use crate::harness::Harness;
use crate::subscriptions::{NEW_ARTICLE, publish, subscribe_directly};
use std::time::{Duration, Instant};
use testkit::fake::{FakeOptions, Limits, updates};

const SUBSCRIBERS: i64 = 150;

fn paid(call: &testkit::fake::state::Call) -> bool {
    call.body["allow_paid_broadcast"].as_bool() == Some(true)
}

/// Every subscriber's announcement and a reader's reply, as the fake saw them:
/// (deliveries sent as paid, deliveries, replies sent as paid).
async fn broadcast(h: &Harness, subscribers: i64) -> (usize, usize, usize) {
    for chat in 1..=subscribers {
        subscribe_directly(h, chat, "private").await;
    }
    let reader = updates::user(5000, "Sami", "ar");
    h.ask(updates::private_text(&reader, "/about")).await;
    publish(h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    let count = usize::try_from(subscribers).expect("small");
    let deliveries =
        |c: &testkit::fake::state::Call| c.chat_id().is_some_and(|id| id <= subscribers);
    let sent = h
        .api
        .wait_for_count("sendMessage", deliveries, count, Duration::from_secs(30))
        .await;
    assert_eq!(sent.len(), count, "every subscriber got the article");
    let replies = h
        .api
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.chat_id() == Some(5000))
        .collect::<Vec<_>>();
    assert!(!replies.is_empty());
    (
        sent.iter().filter(|c| paid(c)).count(),
        sent.len(),
        replies.iter().filter(|c| paid(c)).count(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paid_broadcasts_carry_the_flag_and_go_past_thirty_a_second() {
    // Telegram's own limits at their real speed: 150 free messages would take
    // five seconds, and any unflagged one past thirty a second is refused.
    let options = FakeOptions {
        limits: Some(Limits::telegram()),
        ..FakeOptions::default()
    };
    let h = Harness::start_paid(options, 1.0, true).await;
    let started = Instant::now();
    let (flagged, deliveries, flagged_replies) = broadcast(&h, SUBSCRIBERS).await;
    let took = started.elapsed();
    assert_eq!(flagged, deliveries, "every delivery is a paid broadcast");
    assert_eq!(flagged_replies, 0, "a reply is never paid for");
    assert_eq!(h.api.violations(), 0, "within the paid limit");
    // Subscribing, a reply, the folder watcher and 150 messages: far under the
    // five seconds the free rate needs for the messages alone.
    assert!(took < Duration::from_secs(5), "{took:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_setting_no_message_is_paid_for() {
    let h = Harness::start_paid(FakeOptions::default(), 50.0, false).await;
    let (flagged, deliveries, flagged_replies) = broadcast(&h, 5).await;
    assert_eq!((flagged, deliveries, flagged_replies), (0, 5, 0));
    assert!(
        h.api.calls().iter().all(|c| !paid(c)),
        "no request asks to pay"
    );
    h.stop().await;
}
