//! Readers' questions through the real dispatcher: in private, in groups when
//! they mention the bot or reply to it, and the honest "not found".

use crate::harness::{Harness, WAIT, callbacks, visible};
use nashra::bot::view::texts::{AR, EN};
use serde_json::Value;
use testkit::fake::updates;

fn reader() -> Value {
    updates::user(7, "Sami", "ar")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_question_gets_its_sentence_in_bold_and_its_section() {
    let h = Harness::start().await;
    let u = reader();
    let r = h.ask(updates::private_text(&u, "كم جنديا بقي؟")).await;
    assert_eq!(r.len(), 1);
    let text = visible(&r[0]);
    assert!(text.contains("2500 جندي"), "{text}");
    assert!(
        r[0].text.contains("<b>"),
        "matched words in bold: {}",
        r[0].text
    );
    assert!(
        text.contains("تنفيذ الاتفاق"),
        "the section is named: {text}"
    );
    let open = callbacks(&r[0])
        .into_iter()
        .find(|d| d.ends_with(":s2"))
        .expect("a button to the section");
    h.api
        .push_update(updates::callback_query(&u, &r[0].message, &open));
    let edit = h
        .api
        .wait_for("editMessageText", |_| true, WAIT)
        .await
        .expect("the section opens");
    assert!(edit.body["text"].as_str().unwrap().contains("26 يوليو"));

    // "When" puts the resolved date first, human and ISO.
    let r = h
        .ask(updates::private_text(&u, "متى انتهت المهمة القتالية؟"))
        .await;
    let text = visible(&r[0]);
    let date = text.find("2021-12-29").expect("the ISO date");
    assert!(date < text.find("انتهاء المهام").unwrap(), "{text}");
    assert!(text.contains("29 ديسمبر 2021"), "{text}");

    // Words of a heading still open the section.
    let r = h.ask(updates::private_text(&u, "ضغوط لسحب القوات")).await;
    assert!(visible(&r[0]).starts_with("ضغوط لسحب كافة القوات الأجنبية"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_the_article_does_not_answer_says_so_and_offers_the_sections() {
    let h = Harness::start().await;
    let u = reader();
    let r = h
        .ask(updates::private_text(&u, "ما هو سعر النفط اليوم؟"))
        .await;
    let text = visible(&r[0]);
    assert!(text.starts_with(AR.no_answer), "{text}");
    assert!(text.contains("تنفيذ الاتفاق بين بغداد وواشنطن"), "{text}");
    assert!(callbacks(&r[0]).iter().any(|d| d.ends_with(":sum")));

    let english = updates::user(8, "Ann", "en");
    let r = h
        .ask(updates::private_text(
            &english,
            "What is the weather like today?",
        ))
        .await;
    assert!(visible(&r[0]).starts_with(EN.no_answer_english));
    let r = h
        .ask(updates::private_text(
            &english,
            "How many soldiers will the United States keep?",
        ))
        .await;
    let text = visible(&r[0]);
    assert!(
        text.starts_with(EN.answer_english_note) && text.contains("2500"),
        "{text}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_answer_questions_that_mention_or_reply_to_the_bot() {
    let h = Harness::start().await;
    let group = updates::supergroup_chat(-100_700, "قراء");
    let member = updates::user(9, "Lina", "ar");
    let other = updates::user(10, "Omar", "ar");
    let said = |t: &str| updates::group_text(&group, &member, t);

    // A question to nobody in particular is chatter; the next answer is to the mention.
    h.api.push_update(said("متى انتهت المهمة القتالية؟"));
    let r = h
        .ask(said("@nashra_test_bot متى انتهت المهمة القتالية؟"))
        .await;
    assert_eq!(r.len(), 1, "the unaddressed question got no reply");
    assert_eq!(r[0].chat_id, -100_700);
    assert!(visible(&r[0]).contains("2021-12-29"), "{}", visible(&r[0]));

    // A reply to the bot's message is addressed to it; a reply to someone else is not.
    let mut to_other = said("كم جنديا بقي؟");
    to_other["message"]["reply_to_message"] =
        updates::group_text(&group, &other, "سؤال")["message"].clone();
    to_other["message"]["reply_to_message"]["message_id"] = serde_json::json!(1);
    h.api.push_update(to_other);
    let mut to_bot = said("من يقود تحالف الفتح؟");
    to_bot["message"]["reply_to_message"] = r[0].message.clone();
    let r = h.ask(to_bot).await;
    assert_eq!(r.len(), 1, "only the reply to the bot was answered");
    assert!(
        visible(&r[0]).contains("هادي العامري"),
        "{}",
        visible(&r[0])
    );
    h.stop().await;
}
