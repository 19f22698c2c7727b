//! Subscriptions and deliveries end to end: who may subscribe a group, removal,
//! migration, flood control, 5xx bursts, and new articles dropped into the folder.

use crate::harness::{Harness, WAIT, visible};
use nashra::bot::view::texts::AR;
use nashra::store::NewSubscription;
use std::time::{Duration, Instant};
use testkit::fake::{Fault, FaultRule, updates};

pub(crate) const NEW_ARTICLE: &str = "افتتحت وزارة الصحة اليوم الاثنين مستشفى جديدا في العاصمة بسعة 300 سرير.\n\
وقال الوزير إن المستشفى سيخدم أكثر من مليون نسمة.\n\
خطة التوسع\n\
وتعتزم الوزارة افتتاح مستشفيين آخرين بحلول نهاية العام الجاري، بعد افتتاح مركز للأورام في 28 ديسمبر الماضي.\n";

/// Drops a newer article into the harness's content folder.
pub(crate) fn publish(h: &Harness, name: &str, published: &str, text: &str) {
    let dir = h.content.path();
    std::fs::write(
        dir.join(format!("{name}.toml")),
        format!("title = \"{name}\"\npublished = {published}\n"),
    )
    .unwrap();
    std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
}

pub(crate) async fn subscribe_directly(h: &Harness, chat_id: i64, chat_type: &str) {
    let added = h
        .store
        .subscribe(&NewSubscription {
            chat_id,
            kind: chat_type.parse().expect("a chat kind"),
            title: None,
            subscribed_by: None,
            lang: nashra::store::Lang::Ar,
        })
        .await
        .unwrap();
    assert!(added);
    let version = h.app.shelf.current().key.clone();
    h.store.record_sent(chat_id, &version, None).await.unwrap();
}

/// Waits for the store to record a delivery as sent: the fake counts a message
/// before the bot has read the answer and recorded it.
async fn delivered(h: &Harness, chat: i64, version: &str) -> bool {
    let deadline = Instant::now() + WAIT;
    loop {
        if h.store.delivered(chat, version).await.unwrap() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn announcements_to(h: &Harness, chat: i64) -> usize {
    h.api
        .sent_messages()
        .iter()
        .filter(|m| m.chat_id == chat && m.text.contains(AR.announcement))
        .count()
}

async fn wait_announcements(h: &Harness, chat: i64, n: usize, timeout: Duration) -> bool {
    h.api
        .wait_until(timeout, |st| {
            let count = st
                .sent
                .iter()
                .filter(|m| m.chat_id == chat && m.text.contains(AR.announcement))
                .count();
            (count >= n).then_some(())
        })
        .await
        .is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_subscribe_a_group_and_subscribing_is_idempotent() {
    let h = Harness::start().await;
    let group = updates::supergroup_chat(-100_700, "نادي القراءة");
    let (member, admin) = (
        updates::user(11, "Omar", "ar"),
        updates::user(12, "Huda", "ar"),
    );
    h.api.set_member_status(-100_700, 11, "member");
    h.api.set_member_status(-100_700, 12, "administrator");

    let refused = h
        .ask(updates::group_text(&group, &member, "/subscribe"))
        .await;
    assert_eq!(visible(&refused[0]), AR.admins_only);
    assert!(
        h.store.subscription(-100_700).await.unwrap().is_none(),
        "nothing stored for a member"
    );
    let refused = h
        .ask(updates::group_text(&group, &member, "/unsubscribe"))
        .await;
    assert_eq!(visible(&refused[0]), AR.admins_only);

    let ok = h
        .ask(updates::group_text(
            &group,
            &admin,
            "/subscribe@nashra_test_bot",
        ))
        .await;
    assert_eq!(visible(&ok[0]), AR.subscribed);
    assert!(
        ok.iter()
            .any(|m| visible(m).contains("أعلن رئيس الوزراء العراقي")),
        "the summary follows"
    );
    let sub = h
        .store
        .subscription(-100_700)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(
        (sub.kind.as_str(), sub.subscribed_by),
        ("supergroup", Some(12))
    );

    let again = h
        .ask(updates::group_text(&group, &admin, "/subscribe"))
        .await;
    assert_eq!(visible(&again[0]), AR.already_subscribed);

    // An admin posting anonymously as the group counts as an admin.
    let other = updates::supergroup_chat(-100_701, "غرفة الأخبار");
    let anon = h
        .ask(updates::anonymous_admin_text(&other, "/subscribe"))
        .await;
    assert_eq!(visible(&anon[0]), AR.subscribed);

    // A private chat needs no admin.
    let private = h.ask(updates::private_text(&member, "/subscribe")).await;
    assert_eq!(visible(&private[0]), AR.subscribed);
    let gone = h.ask(updates::private_text(&member, "/unsubscribe")).await;
    assert_eq!(visible(&gone[0]), AR.unsubscribed);
    assert!(h.store.subscription(11).await.unwrap().is_none());
    // Subscribing gave the current version: nothing is delivered twice.
    h.settle().await;
    assert_eq!(announcements_to(&h, -100_700), 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kicked_bot_forgets_the_chat_and_a_migrated_group_moves() {
    let h = Harness::start().await;
    let group = updates::group_chat(-4001, "مجموعة");
    let admin = updates::user(21, "Rami", "ar");
    subscribe_directly(&h, -4001, "group").await;
    subscribe_directly(&h, -4002, "group").await;

    // Upgraded to a supergroup: the service message carries the new id.
    h.api
        .push_update(updates::migrate_to(&group, &admin, -100_4001));
    let deadline = Instant::now() + WAIT;
    while h.store.subscription(-100_4001).await.unwrap().is_none() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(h.store.subscription(-4001).await.unwrap().is_none());
    assert_eq!(
        h.store
            .subscription(-100_4001)
            .await
            .unwrap()
            .unwrap()
            .kind
            .as_str(),
        "supergroup"
    );

    // Kicked from the other group.
    let other = updates::group_chat(-4002, "أخرى");
    h.api.push_update(updates::my_chat_member(
        &other,
        &admin,
        &h.api.bot_user(),
        "member",
        "kicked",
    ));
    let deadline = Instant::now() + WAIT;
    while h.store.subscription(-4002).await.unwrap().is_some() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        h.store.subscription(-4002).await.unwrap().is_none(),
        "kicked: subscription removed"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delivery_survives_migration_flood_control_and_removal() {
    let h = Harness::start().await;
    subscribe_directly(&h, -5001, "group").await; // will turn out to be migrated
    subscribe_directly(&h, 5002, "private").await; // hit by a 429
    subscribe_directly(&h, 5003, "private").await; // has blocked the bot
    h.api.inject(
        FaultRule::new(Fault::Migrated(-100_5001))
            .method("sendMessage")
            .chat(-5001),
    );
    h.api.inject(
        FaultRule::new(Fault::TooManyRequests { retry_after: 2 })
            .method("sendMessage")
            .chat(5002),
    );
    h.api.inject(
        FaultRule::new(Fault::Forbidden)
            .method("sendMessage")
            .chat(5003)
            .always(),
    );

    let started = Instant::now();
    publish(&h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    assert!(
        wait_announcements(&h, -100_5001, 1, Duration::from_secs(20)).await,
        "delivered at the new id"
    );
    assert!(
        wait_announcements(&h, 5002, 1, Duration::from_secs(20)).await,
        "delivered after the wait"
    );
    let to_5002: Vec<_> = h
        .api
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.chat_id() == Some(5002))
        .collect();
    assert_eq!(to_5002.len(), 2, "one refused, one sent");
    assert!(
        to_5002[1].at.duration_since(to_5002[0].at) >= Duration::from_secs(2),
        "retry_after obeyed"
    );
    assert!(started.elapsed() < Duration::from_secs(20));

    let deadline = Instant::now() + WAIT;
    while h.store.subscription(5003).await.unwrap().is_some() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        h.store.subscription(5003).await.unwrap().is_none(),
        "blocked: subscription removed"
    );
    assert!(h.store.subscription(-100_5001).await.unwrap().is_some());
    h.settle().await;
    assert_eq!(announcements_to(&h, -100_5001), 1);
    assert_eq!(announcements_to(&h, 5002), 1);
    let version = h.app.shelf.current().key.clone();
    assert!(
        delivered(&h, -100_5001, &version).await,
        "recorded as sent at the new id"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_502s_is_retried_until_delivered() {
    let h = Harness::start().await;
    subscribe_directly(&h, 6001, "private").await;
    h.api.inject(
        FaultRule::new(Fault::Status(502))
            .method("sendMessage")
            .chat(6001)
            .times(2),
    );
    publish(&h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    // teloxide itself waits 10 s on every 5xx before the bot sees the error.
    assert!(
        wait_announcements(&h, 6001, 1, Duration::from_secs(45)).await,
        "delivered after the 502s"
    );
    h.settle().await;
    assert_eq!(announcements_to(&h, 6001), 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_article_reaches_every_subscriber_once() {
    let h = Harness::start().await;
    let chats = [7001, 7002, 7003, -100_7004];
    for c in chats {
        subscribe_directly(&h, c, if c < 0 { "supergroup" } else { "private" }).await;
    }
    publish(&h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    for c in chats {
        assert!(
            wait_announcements(&h, c, 1, Duration::from_secs(15)).await,
            "chat {c}: {:?}",
            h.api
                .calls_to("sendMessage")
                .iter()
                .map(|c| c.body.to_string())
                .collect::<Vec<_>>()
        );
    }
    let m = h
        .api
        .sent_messages()
        .into_iter()
        .find(|m| m.chat_id == 7001)
        .unwrap();
    assert!(
        visible(&m).contains("افتتحت وزارة الصحة"),
        "{}",
        visible(&m)
    );
    // An edit of the current file is a new version too, delivered once more.
    publish(
        &h,
        "2022-01-03-hospital",
        "2022-01-03",
        &format!("{NEW_ARTICLE}وأكد المسؤولون أن العمل سيبدأ فورا.\n"),
    );
    for c in chats {
        assert!(
            wait_announcements(&h, c, 2, Duration::from_secs(15)).await,
            "chat {c} gets the edit"
        );
    }
    // A broken file keeps the current article.
    std::fs::write(
        h.content.path().join("2023-01-01-broken.txt"),
        [0xff, 0xfe, 0x00],
    )
    .unwrap();
    let told = h
        .api
        .wait_until(Duration::from_secs(15), |st| {
            st.sent
                .iter()
                .any(|m| m.chat_id == crate::harness::OWNER)
                .then_some(())
        })
        .await;
    assert!(told.is_some(), "the owner is told of the broken file");
    tokio::time::sleep(Duration::from_secs(2)).await;
    h.settle().await;
    for c in chats {
        assert_eq!(announcements_to(&h, c), 2, "chat {c}");
    }
    assert!(h.app.shelf.current().article.title.contains("hospital"));
    // ... and the owners hear about the broken file, once.
    let told: Vec<_> = h
        .api
        .sent_messages()
        .into_iter()
        .filter(|m| m.chat_id == crate::harness::OWNER)
        .collect();
    assert_eq!(told.len(), 1);
    assert!(visible(&told[0]).contains("2023-01-01-broken.txt"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_is_not_kept_waiting_behind_a_broadcast() {
    // Telegram's real pace: 300 subscribers take about ten seconds.
    let store = nashra::store::Store::open_in_memory().await.unwrap();
    let h = Harness::start_serving(testkit::fake::FakeOptions::default(), store, 1.0, None).await;
    for c in 1..=300 {
        subscribe_directly(&h, 80_000 + c, "private").await;
    }
    publish(&h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    assert!(
        wait_announcements(&h, 80_001, 1, Duration::from_secs(10)).await,
        "the broadcast started"
    );
    let asked = Instant::now();
    h.api.push_update(updates::private_text(
        &updates::user(99, "Nour", "ar"),
        "/about",
    ));
    let reply = h
        .api
        .wait_until(WAIT, |st| st.sent.iter().find(|m| m.chat_id == 99).cloned())
        .await
        .expect("answered");
    let waited = reply.at.duration_since(asked);
    assert!(
        waited < Duration::from_secs(3),
        "the reader waited {waited:?}"
    );
    let announced = h
        .api
        .sent_messages()
        .iter()
        .filter(|m| m.text.contains(AR.announcement))
        .count();
    assert!(
        announced < 300,
        "the broadcast was still running ({announced} sent)"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_language_is_for_admins_and_channels_subscribe_by_post() {
    let h = Harness::start().await;
    let group = updates::supergroup_chat(-100_900, "قراء");
    let member = updates::user(41, "Adel", "ar");
    h.api.set_member_status(-100_900, 41, "member");
    let refused = h
        .ask(updates::group_text(&group, &member, "/lang en"))
        .await;
    assert_eq!(visible(&refused[0]), AR.admins_only);
    assert_eq!(h.store.language(-100_900).await.unwrap(), None);

    // A channel's own post (only its admins can post) subscribes it; other posts are ignored.
    let channel = updates::channel_chat(-100_901, "نشرة القناة");
    let post = |text: &str| {
        let mut m = updates::text_message(&channel, &serde_json::Value::Null, text);
        m.as_object_mut().unwrap().remove("from");
        m["sender_chat"] = channel.clone();
        serde_json::json!({ "channel_post": m })
    };
    h.api.push_update(post("خبر اليوم"));
    let r = h.ask(post("/subscribe")).await;
    assert_eq!(visible(&r[0]), AR.subscribed);
    assert_eq!(
        h.store
            .subscription(-100_901)
            .await
            .unwrap()
            .unwrap()
            .kind
            .as_str(),
        "channel"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_longer_than_the_retries_is_delivered_in_a_later_round() {
    let h = Harness::start().await;
    subscribe_directly(&h, 9001, "private").await;
    // More broken connections than one round retries.
    h.api.inject(
        FaultRule::new(Fault::Disconnect)
            .method("sendMessage")
            .chat(9001)
            .times(6),
    );
    publish(&h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    assert!(
        wait_announcements(&h, 9001, 1, Duration::from_secs(30)).await,
        "delivered after the outage"
    );
    let version = h.app.shelf.current().key.clone();
    assert!(delivered(&h, 9001, &version).await);
    let d = h.store.delivery(9001, &version).await.unwrap().unwrap();
    assert_eq!(d.state, nashra::store::DeliveryState::Sent);
    assert!(d.attempts >= 2, "{} attempts", d.attempts);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_article_becoming_current_is_not_announced() {
    let h = Harness::start().await;
    subscribe_directly(&h, 9101, "private").await;
    publish(&h, "2022-01-03-hospital", "2022-01-03", NEW_ARTICLE);
    assert!(wait_announcements(&h, 9101, 1, Duration::from_secs(15)).await);
    // The newest file is withdrawn: the seed is current again, but not news.
    std::fs::remove_file(h.content.path().join("2022-01-03-hospital.txt")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !h.app.shelf.current().file.starts_with("2021-12-29") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(h.app.shelf.current().file.starts_with("2021-12-29"));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(announcements_to(&h, 9101), 1);
    let stats = h.store.stats().await.unwrap();
    assert_eq!((stats.pending, stats.sending), (0, 0));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_whose_first_summary_failed_gets_it_delivered() {
    let h = Harness::start().await;
    let reader = updates::user(51, "Yara", "ar");
    // The confirmation is refused outright (not a flood or network error).
    h.api.inject(
        FaultRule::new(Fault::Api {
            status: 400,
            description: "Bad Request: message is too long".into(),
        })
        .method("sendMessage")
        .chat(51),
    );
    h.api
        .push_update(updates::private_text(&reader, "/subscribe"));
    assert!(
        wait_announcements(&h, 51, 1, Duration::from_secs(15)).await,
        "delivered by the queue instead"
    );
    let version = h.app.shelf.current().key.clone();
    assert!(delivered(&h, 51, &version).await);
    assert!(h.store.subscription(51).await.unwrap().is_some());
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_subscribe_that_fails_to_send_delivers_nothing_again() {
    let h = Harness::start().await;
    let group = updates::supergroup_chat(-100_950, "مجموعة");
    let (admin, member) = (
        updates::user(61, "Aya", "ar"),
        updates::user(62, "Ziad", "ar"),
    );
    h.api.set_member_status(-100_950, 61, "administrator");
    h.api.set_member_status(-100_950, 62, "member");
    h.ask(updates::group_text(&group, &admin, "/subscribe"))
        .await;
    h.api.inject(
        FaultRule::new(Fault::Api {
            status: 400,
            description: "Bad Request: message is too long".into(),
        })
        .method("sendMessage")
        .chat(-100_950),
    );
    h.api
        .push_update(updates::group_text(&group, &member, "/subscribe"));
    h.api
        .wait_for_count("sendMessage", |c| c.chat_id() == Some(-100_950), 3, WAIT)
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    h.settle().await;
    assert_eq!(
        announcements_to(&h, -100_950),
        1,
        "the group has the article once"
    );
    h.stop().await;
}

#[tokio::test]
async fn an_oversized_file_keeps_the_article_and_the_owners_are_told_once() {
    let h = Harness::start().await;
    let before = h.app.shelf.current().key.clone();
    // Just over the default 2 MiB limit: a scraped page saved as one long line.
    let line = "خبر ".repeat(2 * 1024 * 1024 / 7 + 1024);
    std::fs::write(h.content.path().join("2030-01-01-scraped.txt"), &line).unwrap();
    let told = h
        .api
        .wait_until(Duration::from_secs(15), |st| {
            st.sent
                .iter()
                .any(|m| m.chat_id == crate::harness::OWNER)
                .then_some(())
        })
        .await;
    assert!(told.is_some(), "the owner is told of the oversized file");
    // Another check of the folder does not tell them again, and the reader is served.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let told: Vec<_> = h
        .api
        .sent_messages()
        .into_iter()
        .filter(|m| m.chat_id == crate::harness::OWNER)
        .collect();
    assert_eq!(told.len(), 1);
    let text = visible(&told[0]);
    assert!(
        text.contains("2030-01-01-scraped.txt") && text.contains("limit"),
        "{text}"
    );
    assert_eq!(h.app.shelf.current().key, before);
    let reply = h
        .ask(updates::private_text(
            &updates::user(77, "Reader", "en"),
            "/about",
        ))
        .await;
    assert_eq!(reply.len(), 1);
    h.stop().await;
}
