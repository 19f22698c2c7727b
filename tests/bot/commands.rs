//! The real dispatcher, over HTTP, against the fake Bot API on 127.0.0.1.

use crate::harness::{Harness, WAIT, callbacks, visible};
use nashra::bot::view::texts::{AR, EN};
use std::time::Duration;
use testkit::fake::http::{get, post, wait_listening, webhook_update};
use testkit::fake::updates;
use testkit::fake::{Fault, FaultRule};

fn reader() -> serde_json::Value {
    updates::user(7, "Sami", "ar")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_session_through_every_command() {
    let h = Harness::start().await;
    let u = reader();
    let say = |text: &str| updates::private_text(&u, text);

    let start = h.ask(say("/start")).await;
    assert!(visible(&start[0]).contains(AR.welcome_intro.split('.').next().unwrap()));

    let help = h.ask(say("/help")).await;
    assert!(visible(&help[0]).contains("/summary"));

    let summary = h.ask(say("/summary")).await;
    let text = visible(&summary[0]);
    assert!(
        text.contains("أعلن رئيس الوزراء العراقي مصطفى الكاظمي اليوم الأربعاء"),
        "{text}"
    );
    assert!(!callbacks(&summary[0]).is_empty(), "summary has buttons");
    assert_eq!(summary[0].parse_mode.as_deref(), Some("HTML"));

    let two = h.ask(say("/summary 2")).await;
    assert!(visible(&two[0]).len() < text.len());

    let sections = h.ask(say("/sections")).await;
    let s = visible(&sections[0]);
    assert!(
        s.contains("تنفيذ الاتفاق بين بغداد وواشنطن") && s.contains("ضغوط لسحب كافة القوات الأجنبية")
    );
    assert!(callbacks(&sections[0]).len() >= 4);

    for (query, heading) in [
        ("1", "جاهزية"),
        ("جاهزية", "جاهزية"),
        ("ضغوط القوات", "ضغوط لسحب"),
    ] {
        let r = h.ask(say(&format!("/section {query}"))).await;
        assert!(
            visible(&r[0]).contains(heading),
            "/section {query}: {}",
            visible(&r[0])
        );
    }
    let missing = h.ask(say("/section كرة القدم")).await;
    assert!(
        visible(&missing[0]).contains("تنفيذ الاتفاق"),
        "no match lists the sections"
    );

    let tweet = h.ask(say("/tweet")).await;
    assert!(tweet[0].text.contains("<blockquote>"), "{}", tweet[0].text);
    assert!(tweet[0].text.contains("https://x.com/MAKadhimi"));

    let dates = h.ask(say("/dates")).await;
    let d = visible(&dates[0]);
    for iso in [
        "2014",
        "2020-01-03",
        "2020-01-05",
        "2021-07-26",
        "2021-12-29",
        "2021-12-31",
    ] {
        assert!(d.contains(iso), "{iso} missing from {d}");
    }

    let article = h.ask(say("/article")).await;
    let whole: String = article.iter().map(visible).collect();
    assert!(whole.contains("في غارة جوية أميركية ببغداد"));

    let about = h.ask(say("/about")).await;
    assert!(visible(&about[0]).contains("2021"));

    let bad = h.ask(say("/summary 99999999999")).await;
    assert_eq!(visible(&bad[0]), AR.hint_summary);

    let unknown = h.ask(say("/frobnicate")).await;
    assert_eq!(visible(&unknown[0]), AR.unknown_command);

    let english = h.ask(say("/lang en")).await;
    assert_eq!(visible(&english[0]), EN.lang_set);
    let hint = h.ask(say("/summary abc")).await;
    assert_eq!(visible(&hint[0]), EN.hint_summary);

    // Free text that names a section opens it; a question is answered (see
    // `questions`); anything else gets a hint.
    let asked = h.ask(say("تنفيذ الاتفاق")).await;
    assert!(visible(&asked[0]).contains("26 يوليو"));
    let chat = h.ask(say("hello there")).await;
    assert_eq!(visible(&chat[0]), EN.free_text_hint);

    // Command lists were registered in both languages and both scopes.
    let registered = h.api.calls_to("setMyCommands");
    assert_eq!(registered.len(), 4);
    assert!(registered.iter().any(|c| c.body["language_code"] == "ar"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_answer_their_commands_and_ignore_the_rest() {
    let h = Harness::start().await;
    let group = updates::supergroup_chat(-100_500, "قراء");
    let member = updates::user(8, "Lina", "ar");
    let said = |t: &str| updates::group_text(&group, &member, t);

    let r = h.ask(said("/dates@nashra_test_bot")).await;
    assert!(visible(&r[0]).contains("2020-01-05"));
    assert_eq!(r[0].chat_id, -100_500);

    // Chatter, another bot's command, and an unknown bare command get nothing:
    // the next answer in this chat is the one to `/about`.
    for ignored in ["مرحبا بالجميع", "/summary@other_bot", "/weather"] {
        h.api.push_update(said(ignored));
    }
    let after = h.ask(said("/about")).await;
    assert_eq!(after.len(), 1);
    assert!(visible(&after[0]).contains("2021"));

    let addressed = h.ask(said("/weather@nashra_test_bot")).await;
    assert_eq!(visible(&addressed[0]), AR.unknown_command);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_press_is_answered_and_edits_its_message() {
    let h = Harness::start().await;
    let u = reader();
    let sections = h.ask(updates::private_text(&u, "/sections")).await;
    let data = callbacks(&sections[0])
        .into_iter()
        .find(|d| d.ends_with("s2"))
        .expect("a section 2 button");
    h.api
        .push_update(updates::callback_query(&u, &sections[0].message, &data));
    let edit = h
        .api
        .wait_for("editMessageText", |_| true, WAIT)
        .await
        .expect("the message is edited");
    assert!(edit.body["text"].as_str().unwrap().contains("تنفيذ الاتفاق"));
    assert!(
        h.api
            .wait_for("answerCallbackQuery", |_| true, WAIT)
            .await
            .is_some()
    );

    // A button from an older version says so and shows the current summary.
    h.api.push_update(updates::callback_query(
        &u,
        &sections[0].message,
        "00000000:s1",
    ));
    let stale = h
        .api
        .wait_for(
            "editMessageText",
            |c| {
                c.body["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(AR.stale_button))
            },
            WAIT,
        )
        .await;
    assert!(stale.is_some(), "stale notice shown");
    assert_eq!(
        h.api
            .wait_for_count("answerCallbackQuery", |_| true, 2, WAIT)
            .await
            .len(),
        2
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_queries_offer_views_filtered_by_the_query() {
    let h = Harness::start().await;
    h.api.push_update(updates::inline_query(&reader(), ""));
    let all = h
        .api
        .wait_for("answerInlineQuery", |_| true, WAIT)
        .await
        .expect("answered");
    let n_all = all.body["results"].as_array().unwrap().len();
    assert!((4..=50).contains(&n_all), "{n_all} results");
    h.api.push_update(updates::inline_query(&reader(), "ضغوط"));
    let some = h
        .api
        .wait_for_count("answerInlineQuery", |_| true, 2, WAIT)
        .await;
    let results = some[1].body["results"].as_array().unwrap();
    assert!(
        !results.is_empty() && results.len() < n_all,
        "{} of {n_all}",
        results.len()
    );
    for r in results {
        assert_eq!(r["type"], "article");
        assert_eq!(r["input_message_content"]["parse_mode"], "HTML");
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_is_answered_without_a_crash() {
    let h = Harness::start().await;
    let u = reader();
    let long_section = format!("/section {}", "ق".repeat(1000));
    let cases = [
        "ا".repeat(10_000),
        "😀🔥🎉".repeat(50),
        "\u{200F}\u{200E}\u{202B}".to_string(),
        long_section,
        "/summary 99999999999".to_string(),
        "/section <b>&amp;</b>".to_string(),
        "/lang <script>".to_string(),
        "/start section_999".to_string(),
    ];
    for text in &cases {
        let r = h.ask(updates::private_text(&u, text)).await;
        assert!(
            !r.is_empty(),
            "no answer to {:?}",
            text.chars().take(20).collect::<String>()
        );
        for m in &r {
            assert!(!visible(m).is_empty());
        }
    }
    // Still alive: a normal command works afterwards.
    let ok = h.ask(updates::private_text(&u, "/tweet")).await;
    assert!(visible(&ok[0]).contains("@MAKadhimi"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_hit_by_flood_control_is_sent_again_after_the_wait() {
    let h = Harness::start().await;
    h.api.fail_next(
        "sendMessage",
        testkit::fake::Fault::TooManyRequests { retry_after: 1 },
    );
    let started = std::time::Instant::now();
    let r = h.ask(updates::private_text(&reader(), "/about")).await;
    assert_eq!(r.len(), 1, "sent once");
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    let attempts = h.api.calls_to("sendMessage");
    assert_eq!(
        attempts.len(),
        2,
        "{:?}",
        attempts.iter().map(|c| &c.body).collect::<Vec<_>>()
    );
    assert_eq!(attempts[0].body["text"], attempts[1].body["text"]);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_store_gets_a_friendly_reply_and_the_bot_goes_on() {
    let h = Harness::start().await;
    let u = reader();
    h.store.close().await;
    let r = h.ask(updates::private_text(&u, "/subscribe")).await;
    assert_eq!(visible(&r[0]), AR.error);
    let ok = h.ask(updates::private_text(&u, "/dates")).await;
    assert!(visible(&ok[0]).contains("2020-01-05"), "still serving");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_alone_see_stats_and_reload() {
    let h = Harness::start().await;
    let owner = updates::user(crate::harness::OWNER, "Owner", "en");
    let stranger = updates::user(31, "Stranger", "en");
    let refused = h.ask(updates::private_text(&stranger, "/stats")).await;
    assert_eq!(visible(&refused[0]), EN.owners_only);
    let refused = h.ask(updates::private_text(&stranger, "/reload")).await;
    assert_eq!(visible(&refused[0]), EN.owners_only);

    h.ask(updates::private_text(&stranger, "/subscribe")).await;
    let stats = h.ask(updates::private_text(&owner, "/stats")).await;
    let text = visible(&stats[0]);
    assert!(
        text.contains(EN.stats_title) && text.contains(EN.chat_private),
        "{text}"
    );
    let reload = h.ask(updates::private_text(&owner, "/reload")).await;
    assert!(visible(&reload[0]).contains(EN.reload_unchanged));
    h.stop().await;
}

/// The bot in webhook mode on a free port of 127.0.0.1 with secret `SECRET`,
/// listening; and the listener's address.
async fn webhook_harness(options: testkit::fake::FakeOptions) -> (Harness, std::net::SocketAddr) {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let hook = nashra::config::Webhook {
        url: format!("http://{addr}/hook").parse().unwrap(),
        listen: addr,
        secret: Some(SECRET.into()),
    };
    let store = nashra::store::Store::open_in_memory().await.unwrap();
    let h = Harness::start_serving(options, store, 50.0, Some(hook)).await;
    let set = h
        .api
        .wait_for("setWebhook", |_| true, WAIT)
        .await
        .expect("the webhook is registered");
    assert_eq!(set.body["secret_token"], SECRET);
    assert!(wait_listening(addr, WAIT).await, "the listener starts");
    (h, addr)
}

const SECRET: &str = "s3cret-token";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_checks_the_secret_and_answers() {
    let (h, addr) = webhook_harness(testkit::fake::FakeOptions::default()).await;
    let body = webhook_update(updates::private_text(&reader(), "/about"), 1);
    let status = post(addr, "/hook", None, &body).await;
    assert!(
        status == 401 || status == 403,
        "an update without the secret is refused ({status})"
    );
    assert_eq!(post(addr, "/hook", Some(SECRET), &body).await, 200);
    h.api.wait_for_sent(1, WAIT).await;
    h.settle().await;
    assert_eq!(
        h.api.sent_messages().len(),
        1,
        "only the update with the secret was answered"
    );
    assert!(visible(&h.api.sent_messages()[0]).contains("2021"));

    // The load balancer's health check and the operator's metrics.
    let (status, body) = get(addr, "/healthz").await;
    assert_eq!((status, body.trim()), (200, "ok"));
    let (status, metrics) = get(addr, "/metrics").await;
    assert_eq!(status, 200);
    assert!(metrics.contains("nashra_updates_total 1"), "{metrics}");
    assert!(metrics.contains("nashra_replies_total 1"), "{metrics}");
    assert!(
        metrics.contains("nashra_reply_seconds_count 1"),
        "{metrics}"
    );
    assert!(metrics.contains("nashra_leader 1"), "{metrics}");

    // A replica that stops leaves the webhook to the others.
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_to_a_reply_is_waited_out_and_counted_in_metrics() {
    let (h, addr) = webhook_harness(testkit::fake::FakeOptions::default()).await;
    h.api.inject(
        FaultRule::new(Fault::TooManyRequests { retry_after: 1 })
            .method("sendMessage")
            .chat(7)
            .times(2),
    );
    let body = webhook_update(updates::private_text(&reader(), "/about"), 1);
    assert_eq!(post(addr, "/hook", Some(SECRET), &body).await, 200);
    let sent = h.api.wait_for_sent(1, Duration::from_secs(15)).await;
    assert_eq!(sent.len(), 1, "the reply left after two flood waits");
    assert_eq!(h.api.calls_to("sendMessage").len(), 3);
    let (status, metrics) = get(addr, "/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("nashra_flood_waits_total{lane=\"reply\"} 2\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("nashra_flood_waits_total{lane=\"delivery\"} 0\n"),
        "{metrics}"
    );
    assert!(metrics.contains("nashra_replies_total 1\n"), "{metrics}");
    h.stop().await;
}

#[tokio::test]
async fn a_stopping_replica_leaves_the_webhook_and_a_taken_port_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    let api = testkit::fake::FakeApi::start(testkit::fake::FakeOptions::default()).await;
    let content = crate::harness::seed_folder();
    let store = nashra::store::Store::open_in_memory().await.unwrap();
    let app = nashra::bot::app::App::open(content.path().to_path_buf(), store, &[])
        .await
        .unwrap();
    let serving = |listen| nashra::bot::run::Serving {
        rate_scale: 50.0,
        paid_broadcast: false,
        webhook: Some(nashra::config::Webhook {
            url: "https://bot.example/hook".parse().unwrap(),
            listen,
            secret: Some("s".into()),
        }),
        poll_timeout: std::time::Duration::from_secs(1),
        register_commands: false,
        incoming: nashra::config::Incoming::default(),
        reload: std::sync::Arc::new(tokio::sync::Notify::new()),
    };
    let err = nashra::bot::run::serve(
        api.bot(),
        app.clone(),
        serving(addr),
        std::future::pending(),
    )
    .await
    .expect_err("the port is taken");
    assert!(err.to_string().contains(&addr.to_string()), "{err}");
    assert!(err.to_string().contains("NASHRA_WEBHOOK_LISTEN"), "{err}");
    drop(taken);

    // Serve on a free port, stop gracefully: the webhook is not deleted.
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(nashra::bot::run::serve(
        api.bot(),
        app,
        serving(free),
        async {
            let _ = rx.await;
        },
    ));
    api.wait_for("setWebhook", |_| true, WAIT)
        .await
        .expect("the webhook is registered");
    tx.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(15), task)
        .await
        .expect("stops")
        .unwrap()
        .expect("a clean stop");
    assert!(
        api.calls_to("deleteWebhook").is_empty(),
        "the webhook stays for the other replicas"
    );
}

/// Views are rendered once per version and copied after: asked twice, a view is
/// the same; once a newer article is current, the same command shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_view_asked_again_follows_a_newer_article() {
    let h = Harness::start().await;
    let u = reader();
    let say = |text: &str| updates::private_text(&u, text);
    let first = visible(&h.ask(say("/summary")).await[0]);
    assert_eq!(visible(&h.ask(say("/summary")).await[0]), first);
    crate::subscriptions::publish(
        &h,
        "2099-01-05-hospital",
        "2099-01-05",
        crate::subscriptions::NEW_ARTICLE,
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let now = visible(&h.ask(say("/summary")).await[0]);
        if now.contains("افتتحت وزارة الصحة") {
            assert!(!now.contains("الكاظمي"), "{now}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still the old summary: {now}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    h.stop().await;
}
