//! Tests of the fake Bot API itself, driven by the real `teloxide::Bot`: what it answers,
//! how its faults surface in teloxide, and that long polling and waiting really wait.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use teloxide::{
    ApiError, RequestError,
    payloads::{GetUpdatesSetters, SendMessageSetters},
    prelude::*,
    types::{
        ChatId, ChatMemberStatus, InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode,
        Update, UpdateKind, UserId,
    },
};
use testkit::fake::{
    FakeApi, FakeOptions, Fault, FaultRule, Limits,
    html::visible_text,
    updates::{self, user},
};

const WAIT: Duration = Duration::from_secs(5);

async fn fake() -> (FakeApi, Bot) {
    let fake = FakeApi::start(FakeOptions::default()).await;
    let bot = fake.bot();
    (fake, bot)
}

/// From text, as teloxide reads it off the wire: its `Update` cannot be read from a `Value`.
fn parse_update(update: &Value) -> Update {
    serde_json::from_str(&update.to_string()).expect("an Update")
}

#[tokio::test]
async fn get_me_returns_the_configured_bot() {
    let (fake, bot) = fake().await;

    let me = bot.get_me().await.unwrap();

    assert_eq!(me.username(), "nashra_test_bot");
    assert_eq!(me.id, UserId(123));
    assert!(me.is_bot && me.can_join_groups && !me.can_read_all_group_messages);
    assert_eq!(fake.calls()[0].method, "getMe");
}

#[tokio::test]
async fn send_message_round_trip_is_recorded() {
    let (fake, bot) = fake().await;
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("More", "more:1")]]);

    let message = bot
        .send_message(ChatId(42), "<b>Hello</b> &amp; welcome")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard)
        .await
        .unwrap();

    assert_eq!(message.chat.id, ChatId(42));
    assert!(message.chat.is_private());
    assert_eq!(message.text(), Some("Hello & welcome"));
    assert!(message.reply_markup().is_some());
    let sent = fake.sent_messages();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].chat_id, sent[0].text.as_str()),
        (42, "<b>Hello</b> &amp; welcome")
    );
    assert_eq!(sent[0].parse_mode.as_deref(), Some("HTML"));
    assert_eq!(
        sent[0].reply_markup.as_ref().unwrap()["inline_keyboard"][0][0]["callback_data"],
        "more:1"
    );
    assert_eq!(sent[0].message_id, i64::from(message.id.0));
    let call = fake.calls_to("SENDMESSAGE").pop().unwrap();
    assert_eq!(
        (call.method.as_str(), call.chat_id()),
        ("sendMessage", Some(42))
    );
}

#[tokio::test]
async fn sent_message_uses_the_chat_seen_in_updates() {
    let (fake, bot) = fake().await;
    let chat = updates::supergroup_chat(-1_001_234_567_890, "أخبار");
    fake.push_update(updates::group_text(&chat, &user(7, "Sami", "ar"), "hi"));

    let message = bot
        .send_message(ChatId(-1_001_234_567_890), "reply")
        .await
        .unwrap();

    assert!(message.chat.is_supergroup());
    assert_eq!(message.chat.title(), Some("أخبار"));
}

#[tokio::test]
async fn get_updates_honours_offset_and_wakes_a_long_poll_on_push() {
    let (fake, bot) = fake().await;
    let first = fake.push_update(updates::private_text(&user(7, "Sami", "ar"), "/start"));

    let got = bot.get_updates().timeout(10).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].id.0, first as u32);

    let poller = bot.clone();
    let offset = first + 1;
    let started = Instant::now();
    let poll = tokio::spawn(async move { poller.get_updates().offset(offset).timeout(10).await });
    fake.wait_for("getUpdates", |c| c.body["offset"] == json!(offset), WAIT)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let second = fake.push_update(updates::private_text(&user(7, "Sami", "ar"), "/dates"));

    let got = poll.await.unwrap().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the poll waited out its timeout"
    );
    assert_eq!(
        got.iter().map(|u| u.id.0).collect::<Vec<_>>(),
        [second as u32]
    );
    assert_eq!(
        fake.pending_updates(),
        1,
        "the offset confirmed only the first update"
    );

    let started = Instant::now();
    let got = bot
        .get_updates()
        .offset(second + 1)
        .timeout(1)
        .await
        .unwrap();
    assert!(got.is_empty());
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "timeout was not honoured"
    );
    assert_eq!(fake.pending_updates(), 0);
}

#[tokio::test]
async fn get_updates_limit_and_negative_offset() {
    let (fake, bot) = fake().await;
    let ids: Vec<i32> = (0..5)
        .map(|i| {
            fake.push_update(updates::private_text(
                &user(7, "Sami", "ar"),
                &i.to_string(),
            ))
        })
        .collect();

    let got = bot.get_updates().limit(2).await.unwrap();
    assert_eq!(
        got.iter().map(|u| u.id.0 as i32).collect::<Vec<_>>(),
        ids[..2]
    );

    let got = bot.get_updates().offset(-1).await.unwrap();
    assert_eq!(
        got.iter().map(|u| u.id.0 as i32).collect::<Vec<_>>(),
        [ids[4]]
    );
    assert_eq!(fake.pending_updates(), 1);
}

#[tokio::test]
async fn a_newer_poll_terminates_the_waiting_one() {
    let (fake, bot) = fake().await;
    let poller = bot.clone();
    let older = tokio::spawn(async move { poller.get_updates().timeout(10).await });
    fake.wait_for("getUpdates", |_| true, WAIT).await.unwrap();

    let newer = bot.get_updates().timeout(0).await.unwrap();

    assert!(newer.is_empty());
    let err = older.await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            RequestError::Api(ApiError::TerminatedByOtherGetUpdates)
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn too_many_requests_surfaces_as_retry_after() {
    let (fake, bot) = fake().await;
    fake.fail_next("sendMessage", Fault::TooManyRequests { retry_after: 2 });

    let err = bot.send_message(ChatId(42), "hi").await.unwrap_err();

    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 2),
        "{err:?}"
    );
    assert!(fake.sent_messages().is_empty());
    bot.send_message(ChatId(42), "again")
        .await
        .expect("a one-shot fault");
}

#[tokio::test]
async fn migrated_fault_surfaces_as_migrate_to_chat_id() {
    let (fake, bot) = fake().await;
    fake.fail_chat(-4001, Fault::Migrated(-1_009_876_543_210));

    let err = bot.send_message(ChatId(-4001), "hi").await.unwrap_err();

    assert!(
        matches!(
            err,
            RequestError::MigrateToChatId(ChatId(-1_009_876_543_210))
        ),
        "{err:?}"
    );
    bot.send_message(ChatId(-1_009_876_543_210), "hi")
        .await
        .expect("only the old chat fails");
}

#[tokio::test]
async fn a_pushed_migration_makes_the_old_group_answer_migrated() {
    let (fake, bot) = fake().await;
    let group = updates::group_chat(-4002, "Readers");
    fake.push_update(updates::migrate_to(
        &group,
        &user(7, "Sami", "ar"),
        -1_000_000_004_002,
    ));

    let err = bot.send_message(ChatId(-4002), "hi").await.unwrap_err();

    assert!(
        matches!(
            err,
            RequestError::MigrateToChatId(ChatId(-1_000_000_004_002))
        ),
        "{err:?}"
    );
    let moved = bot
        .send_message(ChatId(-1_000_000_004_002), "hi")
        .await
        .unwrap();
    assert!(moved.chat.is_supergroup());
    assert_eq!(moved.chat.title(), Some("Readers"));
}

#[tokio::test]
async fn forbidden_is_worded_for_the_chat_type() {
    let (fake, bot) = fake().await;
    let sami = user(7, "Sami", "ar");
    fake.push_update(updates::private_text(&sami, "hi"));
    fake.add_chat(updates::supergroup_chat(-1_001_111_111_111, "Big"));
    fake.add_chat(updates::group_chat(-4003, "Small"));
    for chat in [7, -1_001_111_111_111, -4003] {
        fake.fail_chat(chat, Fault::Forbidden);
    }

    let private = bot.send_message(ChatId(7), "x").await.unwrap_err();
    let supergroup = bot
        .send_message(ChatId(-1_001_111_111_111), "x")
        .await
        .unwrap_err();
    let group = bot.send_message(ChatId(-4003), "x").await.unwrap_err();

    assert!(
        matches!(private, RequestError::Api(ApiError::BotBlocked)),
        "{private:?}"
    );
    assert!(
        matches!(
            supergroup,
            RequestError::Api(ApiError::BotKickedFromSupergroup)
        ),
        "{supergroup:?}"
    );
    // Telegram's wording for basic groups has no teloxide variant.
    assert!(
        matches!(&group, RequestError::Api(ApiError::Unknown(d)) if d == "Forbidden: bot was kicked from the group chat"),
        "{group:?}"
    );
}

#[tokio::test]
async fn legacy_kicked_wording_maps_to_bot_kicked() {
    let (fake, bot) = fake().await;
    let description = "Unauthorized: bot was kicked from a chat".to_owned();
    fake.fail_next(
        "sendMessage",
        Fault::Api {
            status: 403,
            description,
        },
    );

    let err = bot.send_message(ChatId(-4004), "x").await.unwrap_err();

    assert!(
        matches!(err, RequestError::Api(ApiError::BotKicked)),
        "{err:?}"
    );
}

#[tokio::test]
async fn my_chat_member_kick_makes_sends_forbidden() {
    let (fake, bot) = fake().await;
    let chat = updates::supergroup_chat(-1_002_222_222_222, "Gone");
    let admin = user(8, "Huda", "ar");
    fake.push_update(updates::my_chat_member(
        &chat,
        &admin,
        &fake.bot_user(),
        "member",
        "kicked",
    ));

    let err = bot
        .send_message(ChatId(-1_002_222_222_222), "x")
        .await
        .unwrap_err();

    assert!(
        matches!(err, RequestError::Api(ApiError::BotKickedFromSupergroup)),
        "{err:?}"
    );
    let status = bot
        .get_chat_member(ChatId(-1_002_222_222_222), UserId(123))
        .await
        .unwrap();
    assert_eq!(status.status(), ChatMemberStatus::Banned);
}

#[tokio::test]
async fn get_chat_member_reports_the_configured_status() {
    let (fake, bot) = fake().await;
    fake.set_member_status(-4005, 8, "administrator");
    fake.set_member_status(-4005, 9, "creator");
    fake.set_member_status(-4005, 10, "left");
    fake.set_member_status(-4005, 11, "restricted");

    let status = |user| {
        let bot = bot.clone();
        async move {
            bot.get_chat_member(ChatId(-4005), UserId(user))
                .await
                .unwrap()
                .status()
        }
    };

    assert_eq!(status(8).await, ChatMemberStatus::Administrator);
    assert_eq!(status(9).await, ChatMemberStatus::Owner);
    assert_eq!(status(10).await, ChatMemberStatus::Left);
    assert_eq!(status(11).await, ChatMemberStatus::Restricted);
    assert_eq!(status(12).await, ChatMemberStatus::Member);
    let admins = bot.get_chat_administrators(ChatId(-4005)).await.unwrap();
    assert_eq!(admins.len(), 2);
}

#[tokio::test]
async fn get_chat_describes_known_and_invented_chats() {
    let (fake, bot) = fake().await;
    fake.add_chat(updates::channel_chat(-1_003_333_333_333, "Feed"));

    let channel = bot.get_chat(ChatId(-1_003_333_333_333)).await.unwrap();
    let private = bot.get_chat(ChatId(77)).await.unwrap();

    assert!(channel.is_channel());
    assert_eq!(channel.title(), Some("Feed"));
    assert!(private.is_private());
}

#[tokio::test]
async fn strict_chats_refuse_unknown_chats() {
    let fake = FakeApi::start(FakeOptions {
        strict_chats: true,
        ..FakeOptions::default()
    })
    .await;

    let err = fake.bot().send_message(ChatId(99), "x").await.unwrap_err();

    assert!(
        matches!(err, RequestError::Api(ApiError::ChatNotFound)),
        "{err:?}"
    );
}

#[tokio::test]
async fn every_update_builder_parses_as_its_teloxide_kind() {
    let (fake, bot) = fake().await;
    let sami = user(7, "Sami", "ar");
    let group = updates::group_chat(-4006, "Small");
    let supergroup = updates::supergroup_chat(-1_004_444_444_444, "Big");
    let sent = bot.send_message(ChatId(7), "pick").await.unwrap();
    let sent_json = fake.sent_messages()[0].message.clone();
    let pushed = [
        updates::private_text(&sami, "/start"),
        updates::group_text(&group, &sami, "/dates@nashra_test_bot"),
        updates::anonymous_admin_text(&supergroup, "/subscribe"),
        updates::migrate_to(&group, &sami, -1_004_444_444_444),
        updates::migrate_from(&supergroup, &sami, -4006),
        updates::callback_query(&sami, &sent_json, "more:1"),
        updates::inline_query(&sami, "gaza"),
        updates::my_chat_member(&supergroup, &sami, &fake.bot_user(), "left", "member"),
    ];
    for update in pushed {
        fake.push_update(update);
    }

    let got: Vec<Update> = fake.pushed_updates().iter().map(parse_update).collect();

    let UpdateKind::Message(start) = &got[0].kind else {
        panic!("{:?}", got[0])
    };
    assert_eq!(start.text(), Some("/start"));
    assert_eq!(
        start.from.as_ref().unwrap().language_code.as_deref(),
        Some("ar")
    );
    assert!(start.chat.is_private());
    let UpdateKind::Message(in_group) = &got[1].kind else {
        panic!("{:?}", got[1])
    };
    assert!(in_group.chat.is_group());
    let UpdateKind::Message(anonymous) = &got[2].kind else {
        panic!("{:?}", got[2])
    };
    assert_eq!(
        anonymous.sender_chat.as_ref().map(|c| c.id),
        Some(ChatId(-1_004_444_444_444))
    );
    assert!(anonymous.from.as_ref().unwrap().is_anonymous());
    let UpdateKind::Message(to) = &got[3].kind else {
        panic!("{:?}", got[3])
    };
    assert_eq!(to.migrate_to_chat_id(), Some(&ChatId(-1_004_444_444_444)));
    let UpdateKind::Message(from) = &got[4].kind else {
        panic!("{:?}", got[4])
    };
    assert_eq!(from.migrate_from_chat_id(), Some(&ChatId(-4006)));
    let UpdateKind::CallbackQuery(query) = &got[5].kind else {
        panic!("{:?}", got[5])
    };
    assert_eq!(query.data.as_deref(), Some("more:1"));
    assert_eq!(query.regular_message().map(|m| m.id), Some(sent.id));
    let UpdateKind::InlineQuery(inline) = &got[6].kind else {
        panic!("{:?}", got[6])
    };
    assert_eq!(inline.query, "gaza");
    let UpdateKind::MyChatMember(member) = &got[7].kind else {
        panic!("{:?}", got[7])
    };
    assert!(member.new_chat_member.is_present() && !member.old_chat_member.is_present());

    bot.answer_callback_query(query.id.clone()).await.unwrap();
    let twice = bot
        .answer_callback_query(query.id.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(twice, RequestError::Api(ApiError::InvalidQueryId)),
        "{twice:?}"
    );
}

#[tokio::test]
async fn html_and_length_are_checked_like_telegram() {
    let (fake, bot) = fake().await;

    let bad = bot
        .send_message(ChatId(42), "1 < 2 > 0")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap_err();
    let long = bot
        .send_message(ChatId(42), "ش".repeat(4097))
        .await
        .unwrap_err();
    let empty = bot
        .send_message(ChatId(42), "<b> </b>")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap_err();
    let fits = bot.send_message(ChatId(42), "ش".repeat(4096)).await;

    assert!(
        matches!(&bad, RequestError::Api(ApiError::CantParseEntities(d)) if d.contains("Unsupported start tag")),
        "{bad:?}"
    );
    assert!(
        matches!(long, RequestError::Api(ApiError::MessageIsTooLong)),
        "{long:?}"
    );
    assert!(
        matches!(empty, RequestError::Api(ApiError::MessageTextIsEmpty)),
        "{empty:?}"
    );
    fits.expect("4096 UTF-16 units fit");
    assert_eq!(fake.sent_messages().len(), 1);
    assert_eq!(
        visible_text("<b>a &lt; b</b> &amp; <a href=\"x\">c</a> & d").unwrap(),
        "a < b & c & d"
    );
    assert!(
        visible_text("<b><i>x</b></i>")
            .unwrap_err()
            .starts_with("Unmatched end tag")
    );
    assert!(
        visible_text("<b>x")
            .unwrap_err()
            .starts_with("Can't find end tag")
    );
    assert!(
        visible_text("1 < 2")
            .unwrap_err()
            .starts_with("Unclosed start tag")
    );
}

#[tokio::test]
async fn edit_message_text_updates_and_refuses_no_op_edits() {
    let (fake, bot) = fake().await;
    let sent = bot.send_message(ChatId(42), "one").await.unwrap();

    let edited = bot
        .edit_message_text(ChatId(42), sent.id, "two")
        .await
        .unwrap();
    let same = bot
        .edit_message_text(ChatId(42), sent.id, "two")
        .await
        .unwrap_err();
    let missing = bot
        .edit_message_text(ChatId(42), MessageId(9999), "x")
        .await
        .unwrap_err();

    assert_eq!(edited.text(), Some("two"));
    assert!(edited.edit_date().is_some());
    assert_eq!(
        fake.message(42, i64::from(sent.id.0)).unwrap()["text"],
        "two"
    );
    assert!(
        matches!(same, RequestError::Api(ApiError::MessageNotModified)),
        "{same:?}"
    );
    assert!(
        matches!(missing, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{missing:?}"
    );
}

#[tokio::test]
async fn housekeeping_methods_answer_true_and_unknown_ones_404() {
    let (fake, bot) = fake().await;
    let commands = vec![teloxide::types::BotCommand::new("dates", "Timeline")];

    bot.set_my_commands(commands).await.unwrap();
    let stored = bot.get_my_commands().await.unwrap();
    bot.delete_my_commands().await.unwrap();
    bot.send_chat_action(ChatId(42), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    bot.delete_webhook().await.unwrap();
    bot.close().await.unwrap();
    bot.log_out().await.unwrap();
    let unknown = bot.get_my_name().await.unwrap_err();

    assert_eq!(stored[0].command, "dates");
    assert!(bot.get_my_commands().await.unwrap().is_empty());
    assert!(
        matches!(&unknown, RequestError::Api(ApiError::Unknown(d)) if d == "Not Found: method not found"),
        "{unknown:?}"
    );
    assert_eq!(fake.calls_to("getMyName").len(), 1);
}

#[tokio::test]
async fn wrong_token_is_unauthorized() {
    let (fake, _) = fake().await;

    let err = fake
        .point(Bot::new("123:WRONG"))
        .get_me()
        .await
        .unwrap_err();

    assert!(
        matches!(err, RequestError::Api(ApiError::InvalidToken)),
        "{err:?}"
    );
}

#[tokio::test]
async fn webhook_blocks_polling_until_deleted() {
    let (fake, bot) = fake().await;
    let url = "https://example.com/hook".parse().unwrap();
    bot.set_webhook(url).await.unwrap();

    let err = bot.get_updates().await.unwrap_err();
    let info = bot.get_webhook_info().await.unwrap();
    bot.delete_webhook().await.unwrap();

    assert!(
        matches!(err, RequestError::Api(ApiError::Unknown(ref d)) if d.starts_with("Conflict")),
        "{err:?}"
    );
    assert_eq!(
        info.url.map(|u| u.to_string()).as_deref(),
        Some("https://example.com/hook")
    );
    assert!(bot.get_updates().await.unwrap().is_empty());
    assert!(fake.calls_to("setWebhook")[0].body["url"] == "https://example.com/hook");
}

#[tokio::test]
async fn delay_then_answers_and_disconnect_is_a_network_error() {
    let (fake, bot) = fake().await;
    fake.fail_next("getMe", Fault::Delay(Duration::from_millis(300)));
    fake.fail_next("getMe", Fault::Disconnect);

    let started = Instant::now();
    bot.get_me().await.expect("a delayed call still succeeds");
    assert!(started.elapsed() >= Duration::from_millis(300));
    let err = bot.get_me().await.unwrap_err();

    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    bot.get_me().await.expect("the next call is fine");
}

#[tokio::test]
async fn fault_rules_target_a_chat_and_a_count() {
    let (fake, bot) = fake().await;
    let rule = FaultRule::new(Fault::TooManyRequests { retry_after: 1 }).method("SendMessage");
    fake.inject(rule.chat(-4007).times(2));

    assert!(bot.send_message(ChatId(42), "other chat").await.is_ok());
    assert!(bot.send_message(ChatId(-4007), "1").await.is_err());
    assert!(bot.send_message(ChatId(-4007), "2").await.is_err());
    assert!(bot.send_message(ChatId(-4007), "3").await.is_ok());
    assert_eq!(
        fake.delivered_per_chat().into_iter().collect::<Vec<_>>(),
        [(-4007, 1), (42, 1)]
    );
}

/// teloxide sleeps 10 s before reading any 5xx body, so this test takes that long.
#[tokio::test]
async fn proxy_error_page_surfaces_as_invalid_json_after_teloxides_pause() {
    let (fake, bot) = fake().await;
    fake.fail_next("sendMessage", Fault::Status(502));

    let err = bot.send_message(ChatId(42), "x").await.unwrap_err();

    assert!(
        matches!(&err, RequestError::InvalidJson { raw, .. } if raw.contains("502 Bad Gateway")),
        "{err:?}"
    );
}

#[tokio::test]
async fn limits_refuse_bursts_and_count_violations() {
    let limits = Limits {
        per_group_per_min: 3,
        ..Limits::telegram()
    }
    .scaled(10.0);
    let fake = FakeApi::start(FakeOptions {
        limits: Some(limits),
        ..FakeOptions::default()
    })
    .await;
    let bot = fake.bot();

    bot.send_message(ChatId(42), "1").await.unwrap();
    let burst = bot.send_message(ChatId(42), "2").await.unwrap_err();
    tokio::time::sleep(Duration::from_millis(120)).await;
    bot.send_message(ChatId(42), "3").await.unwrap();
    for i in 0..3 {
        tokio::time::sleep(Duration::from_millis(120)).await;
        bot.send_message(ChatId(-4008), i.to_string())
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(120)).await;
    let group_minute = bot.send_message(ChatId(-4008), "4").await.unwrap_err();

    assert!(
        matches!(burst, RequestError::RetryAfter(s) if s.seconds() == 1),
        "{burst:?}"
    );
    assert!(
        matches!(group_minute, RequestError::RetryAfter(_)),
        "{group_minute:?}"
    );
    assert_eq!(fake.violations(), 2);
    assert_eq!(
        fake.delivered_per_chat().into_iter().collect::<Vec<_>>(),
        [(-4008, 3), (42, 2)]
    );
}

#[tokio::test]
async fn wait_for_wakes_when_the_call_arrives() {
    let (fake, bot) = fake().await;
    let sender = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        bot.send_message(ChatId(42), "late").await.unwrap();
    });

    let call = fake
        .wait_for("sendMessage", |c| c.body["text"] == "late", WAIT)
        .await;
    let none = fake
        .wait_for(
            "sendMessage",
            |c| c.body["text"] == "never",
            Duration::from_millis(100),
        )
        .await;
    let sent = fake.wait_for_sent(1, WAIT).await;
    let counted = fake
        .wait_for_count("sendMessage", |_| true, 2, Duration::from_millis(100))
        .await;

    sender.await.unwrap();
    assert_eq!(call.unwrap().chat_id(), Some(42));
    assert!(none.is_none());
    assert_eq!(sent.len(), 1);
    assert_eq!(counted.len(), 1, "returns what arrived when it times out");
}

#[tokio::test]
async fn a_real_dispatcher_polls_replies_and_shuts_down() {
    let (fake, bot) = fake().await;
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        bot.send_message(
            msg.chat.id,
            format!("echo: {}", msg.text().unwrap_or_default()),
        )
        .await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    let token = dispatcher.shutdown_token();
    let running = tokio::spawn(async move { dispatcher.dispatch().await });

    fake.push_update(updates::private_text(&user(7, "Sami", "ar"), "salam"));
    let sent = fake.wait_for_sent(1, WAIT).await;

    assert_eq!(sent.first().map(|s| s.text.as_str()), Some("echo: salam"));
    token.shutdown().expect("dispatcher running").await;
    running.await.unwrap();
    assert_eq!(
        fake.pending_updates(),
        0,
        "graceful shutdown confirmed the update"
    );
    assert!(fake.calls_to("getWebhookInfo").len() == 1);
    fake.shutdown().await;
}
