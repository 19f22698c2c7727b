//! One reader cannot stall the others: a flood in private and one in a group while
//! twenty readers ask once a second, through the real dispatcher against the fake
//! Bot API enforcing Telegram's limits at their real speed (30 messages a second,
//! one a second per chat, twenty a minute per group).

use crate::harness::{Harness, WAIT, visible};
use nashra::bot::view::texts::{EN, Lang};
use nashra::config::Incoming;
use std::time::{Duration, Instant};
use testkit::crowd::{Crowd, FLOODER, MEMBER, Outcome, flooder_comes_back, notice_wait, tally};
use testkit::fake::{FakeOptions, Fault, FaultRule, Limits, updates};

fn report(seen: &Outcome) -> String {
    format!(
        "readers: p50 {:?}, p99 {:?}, {} unanswered; the flooder got {} messages, the group {}",
        seen.reader_quantile(0.5),
        seen.reader_quantile(0.99),
        seen.unanswered,
        seen.to_flooder.len(),
        seen.to_group.len()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_in_private_and_in_a_group_do_not_stall_the_readers() {
    let started = Instant::now();
    let telegram = FakeOptions {
        limits: Some(Limits::telegram()),
        ..FakeOptions::default()
    };
    let h = Harness::start_limited(telegram, 1.0, Incoming::default()).await;
    h.api
        .wait_for("getUpdates", |_| true, WAIT)
        .await
        .expect("the bot polls");

    let crowd = Crowd::readers_and_two_floods();
    let flood_over = Instant::now() + crowd.flood_after + crowd.flood_for;
    let (seen, back) = tokio::join!(
        crowd.run(&h.api),
        flooder_comes_back(
            &h.api,
            flood_over,
            |m| notice_wait(m, Lang::En),
            "/help",
            Duration::from_secs(5),
        ),
    );
    let summary = report(&seen);
    let back = back.expect("the flooder got a notice");

    assert_eq!(seen.unanswered, 0, "{summary}");
    let p99 = seen.reader_quantile(0.99).expect("readers were answered");
    assert!(p99 <= Duration::from_millis(500), "{summary}");

    // The notice names the time the bucket takes to fill: five requests at one a second.
    let user = Incoming::default().user;
    let refill = Duration::from_secs(u64::from(user.burst * 60 / user.per_minute));
    assert_eq!(back.notice.1, refill, "{back:?}");
    let (replies, notices) = tally(&seen.to_flooder, Lang::En, back.asked);
    assert_eq!(notices, 1, "one notice to the flooder: {summary}");
    assert!(
        (1..=5).contains(&replies),
        "{replies} replies to the flooder: {summary}"
    );
    let (group_replies, group_notices) = tally(&seen.to_group, Lang::Ar, Instant::now());
    assert_eq!(group_notices, 1, "one notice in the group: {summary}");
    // The group's notice names the member it is for.
    let notice = seen
        .to_group
        .iter()
        .find(|m| notice_wait(m, Lang::Ar).is_some())
        .expect("the group's notice");
    assert!(
        visible(notice).starts_with("Member: ")
            && notice.text.contains(&format!("tg://user?id={MEMBER}")),
        "{}",
        notice.text
    );
    assert!(
        (1..=5).contains(&group_replies),
        "{group_replies} replies in the group: {summary}"
    );

    // Back once the notice's wait is over, the flooder is answered at once: not
    // dropped, and not behind a backlog.
    let answered_in = back
        .answered_in
        .expect("the flooder's /help after the flood is answered");
    assert!(answered_in <= Duration::from_secs(5), "{back:?}");
    let help = h
        .api
        .sent_messages()
        .into_iter()
        .rfind(|m| m.chat_id == FLOODER)
        .expect("the help");
    assert!(visible(&help).contains(EN.help_intro), "{}", visible(&help));
    // The notice queues behind the flooder's earlier replies (a chat's messages
    // keep their order), and its wait counts from when the limit was reached.
    let after_flood = (back.asked + answered_in).duration_since(seen.flood_ended);
    assert!(
        after_flood <= Duration::from_secs(10),
        "the /help was answered {after_flood:?} after the flood ended ({back:?})"
    );

    // Shown with `cargo test --test bot flood -- --nocapture`.
    println!(
        "{summary}; the flooder's /help answered {after_flood:?} after the flood ended, \
         {answered_in:?} after it was sent; {} answers were 429",
        h.api.violations()
    );
    assert!(
        h.api.violations() <= 50,
        "{} answers were 429",
        h.api.violations()
    );
    h.stop().await;
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_for_one_chat_holds_back_that_chat_alone() {
    let h = Harness::start().await;
    let (slow, other) = (
        updates::user(71, "Slow", "ar"),
        updates::user(72, "Other", "ar"),
    );
    h.api.inject(
        FaultRule::new(Fault::TooManyRequests { retry_after: 3 })
            .method("sendMessage")
            .chat(71),
    );
    let asked = Instant::now();
    h.api.push_update(updates::private_text(&slow, "/about"));
    h.api
        .wait_for("sendMessage", |c| c.chat_id() == Some(71), WAIT)
        .await
        .expect("the first try, refused");
    let answered = h.ask(updates::private_text(&other, "/about")).await;
    assert!(
        answered[0].at.duration_since(asked) < Duration::from_secs(1),
        "the other chat waited {:?}",
        answered[0].at.duration_since(asked)
    );
    let late = h
        .api
        .wait_until(WAIT, |st| st.sent.iter().find(|m| m.chat_id == 71).cloned())
        .await
        .expect("sent after the wait");
    assert!(late.at.duration_since(asked) >= Duration::from_secs(3));
    h.stop().await;
}
