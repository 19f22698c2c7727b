//! The archive through the real dispatcher: paging, opening an article for a
//! chat, deep links, buttons of an article after a newer one arrives, a removed
//! article's button, subscribers back on the latest, inline search by title.

use crate::harness::{Harness, WAIT, callbacks, visible};
use nashra::bot::view::texts::AR;
use nashra::content::article_id;
use serde_json::Value;
use std::path::Path;
use testkit::fake::{SentMessage, updates};

fn reader() -> Value {
    updates::user(7, "Sami", "ar")
}

/// An article file of its own: a title, a date, two paragraphs naming `n`.
fn write(dir: &Path, name: &str, title: &str, published: &str, n: usize) {
    let text = format!(
        "أعلنت الهيئة في بيان رسمي أنها وقعت {n} اتفاقيات جديدة للتعاون في مجال الطاقة.\n\
         وقال رئيس الهيئة إن الاتفاقيات تشمل بناء {n} محطات لتوليد الكهرباء بحلول عام 2030.\n"
    );
    std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
    let meta = format!("title = \"{title}\"\npublished = {published}\n");
    std::fs::write(dir.join(format!("{name}.toml")), meta).unwrap();
}

/// Eleven articles older than the seed, `old-01` (newest) to `old-11`.
fn older_articles(dir: &Path) {
    for n in 1..=11 {
        let published = format!("2021-11-{:02}", 30 - n);
        write(
            dir,
            &format!("old-{n:02}"),
            &format!("مقال سابق رقم {n}"),
            &published,
            n,
        );
    }
}

/// Presses a button under `msg`; returns the visible text of the edit it makes.
async fn press(h: &Harness, user: &Value, msg: &SentMessage, data: &str) -> (String, Value) {
    let before = h.api.calls_to("editMessageText").len();
    h.api
        .push_update(updates::callback_query(user, &msg.message, data));
    let edits = h
        .api
        .wait_for_count("editMessageText", |_| true, before + 1, WAIT)
        .await;
    let edit = edits.last().expect("the message is edited").body.clone();
    let text = testkit::fake::html::visible_text(edit["text"].as_str().unwrap()).unwrap();
    (text, edit)
}

fn data_of(markup: &Value) -> Vec<String> {
    markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_archive_pages_and_opens_an_article_for_the_chat() {
    let h = Harness::start().await;
    older_articles(h.content.path());
    h.app.shelf.reload().await.unwrap();
    let u = reader();

    let first = h.ask(updates::private_text(&u, "/archive")).await;
    let text = visible(&first[0]);
    assert!(text.contains("الصفحة 1 من 2"), "{text}");
    assert!(text.contains("1. الكاظمي يعلن") && text.contains(AR.archive_latest));
    assert!(text.contains("10. مقال سابق رقم 9") && !text.contains("رقم 10"));
    let buttons = callbacks(&first[0]);
    assert_eq!(
        buttons.iter().filter(|d| d.starts_with("open:")).count(),
        10
    );
    assert!(buttons.contains(&"arc:1".to_string()));

    let (page2, edit) = press(&h, &u, &first[0], "arc:1").await;
    assert!(page2.contains("الصفحة 2 من 2") && page2.contains("12. مقال سابق رقم 11"));
    assert!(data_of(&edit["reply_markup"]).contains(&"arc:0".to_string()));

    let open = format!("open:{}", article_id("old-03.txt"));
    assert!(buttons.contains(&open), "article 4 is on the first page");
    let (opened, _) = press(&h, &u, &first[0], &open).await;
    assert!(opened.starts_with(AR.now_reading), "{opened}");
    assert!(opened.contains("مقال سابق رقم 3"));

    // Every view now works on that article for this chat, questions too.
    let about = h.ask(updates::private_text(&u, "/about")).await;
    assert!(visible(&about[0]).contains("مقال سابق رقم 3"));
    let asked = h.ask(updates::private_text(&u, "كم محطة ستبنى؟")).await;
    assert!(
        visible(&asked[0]).contains("3 محطات"),
        "{}",
        visible(&asked[0])
    );
    // Another chat still reads the latest.
    let other = h
        .ask(updates::private_text(
            &updates::user(8, "Lina", "ar"),
            "/about",
        ))
        .await;
    assert!(visible(&other[0]).contains("الكاظمي"));

    let back = h.ask(updates::private_text(&u, "/latest")).await;
    assert!(visible(&back[0]).starts_with(AR.back_to_latest));
    let about = h.ask(updates::private_text(&u, "/about")).await;
    assert!(visible(&about[0]).contains("الكاظمي"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_articles_buttons_keep_working_after_a_newer_one_arrives() {
    let h = Harness::start().await;
    let u = reader();
    let summary = h.ask(updates::private_text(&u, "/summary")).await;
    let sections = callbacks(&summary[0])
        .into_iter()
        .find(|d| d.ends_with(":toc"))
        .expect("a sections button");
    assert!(sections.starts_with(&format!("{}.", article_id("2021-12-29-coalition-iraq.txt"))));

    write(
        h.content.path(),
        "2022-01-05-energy",
        "اتفاقيات الطاقة",
        "2022-01-05",
        4,
    );
    let r = h.app.shelf.reload().await.unwrap();
    assert!(r.changed);
    let latest = h.ask(updates::private_text(&u, "/about")).await;
    assert!(visible(&latest[0]).contains("اتفاقيات الطاقة"));

    // The seed's button still opens the seed's sections, not a stale notice.
    let (text, _) = press(&h, &u, &summary[0], &sections).await;
    assert!(!text.contains(AR.stale_button), "{text}");
    assert!(text.contains("تنفيذ الاتفاق بين بغداد وواشنطن"), "{text}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_articles_button_and_choice_say_so() {
    let h = Harness::start().await;
    older_articles(h.content.path());
    h.app.shelf.reload().await.unwrap();
    let u = reader();
    let id = article_id("old-02.txt");
    let opened = h
        .ask(updates::private_text(&u, &format!("/start a_{id}_summary")))
        .await;
    assert!(visible(&opened[0]).contains("مقال سابق رقم 2"));
    let dates = callbacks(&opened[0])
        .into_iter()
        .find(|d| d.ends_with(":all"))
        .expect("a whole-article button");

    for ext in ["txt", "toml"] {
        std::fs::remove_file(h.content.path().join(format!("old-02.{ext}"))).unwrap();
    }
    h.app.shelf.reload().await.unwrap();
    let (text, _) = press(&h, &u, &opened[0], &dates).await;
    assert!(text.starts_with(AR.removed_article), "{text}");
    assert_eq!(text.matches(AR.removed_article).count(), 1, "said once");
    assert!(text.contains("الكاظمي"), "then the latest article");

    // A chat reading an article that goes is told so, once, and is back on the latest.
    let other = updates::user(8, "Lina", "ar");
    let link = format!("/start a_{}_summary", article_id("old-03.txt"));
    h.ask(updates::private_text(&other, &link)).await;
    for ext in ["txt", "toml"] {
        std::fs::remove_file(h.content.path().join(format!("old-03.{ext}"))).unwrap();
    }
    h.app.shelf.reload().await.unwrap();
    let about = h.ask(updates::private_text(&other, "/about")).await;
    let text = visible(&about[0]);
    assert!(
        text.starts_with(AR.removed_article) && text.contains("الكاظمي"),
        "{text}"
    );
    let about = h.ask(updates::private_text(&other, "/about")).await;
    assert!(!visible(&about[0]).contains(AR.removed_article));

    let gone = h
        .ask(updates::private_text(&u, "/start a_00000000_summary"))
        .await;
    assert!(visible(&gone[0]).starts_with(AR.removed_article));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_reading_the_archive_is_back_on_the_latest_when_a_new_article_arrives() {
    let h = Harness::start().await;
    older_articles(h.content.path());
    h.app.shelf.reload().await.unwrap();
    let subscriber = reader();
    let browser = updates::user(8, "Lina", "ar");
    h.ask(updates::private_text(&subscriber, "/subscribe"))
        .await;
    let link = format!("/start a_{}_summary", article_id("old-05.txt"));
    for u in [&subscriber, &browser] {
        h.ask(updates::private_text(u, &link)).await;
    }

    write(
        h.content.path(),
        "2022-01-05-energy",
        "اتفاقيات الطاقة",
        "2022-01-05",
        4,
    );
    h.app.shelf.reload().await.unwrap();
    h.settle().await;
    let about = h.ask(updates::private_text(&subscriber, "/about")).await;
    assert!(
        visible(&about[0]).contains("اتفاقيات الطاقة"),
        "{}",
        visible(&about[0])
    );
    let about = h.ask(updates::private_text(&browser, "/about")).await;
    assert!(
        visible(&about[0]).contains("مقال سابق رقم 5"),
        "{}",
        visible(&about[0])
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_mode_finds_articles_of_the_archive_by_title() {
    let h = Harness::start().await;
    older_articles(h.content.path());
    h.app.shelf.reload().await.unwrap();
    h.api.push_update(updates::inline_query(&reader(), "رقم 7"));
    let answer = h
        .api
        .wait_for("answerInlineQuery", |_| true, WAIT)
        .await
        .expect("answered");
    let results = answer.body["results"].as_array().unwrap();
    let found = results
        .iter()
        .find(|r| r["id"] == format!("a{}", article_id("old-07.txt")))
        .expect("the article titled رقم 7");
    assert!(found["title"].as_str().unwrap().contains("مقال سابق رقم 7"));
    let url = found["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap();
    assert_eq!(
        url,
        format!(
            "https://t.me/nashra_test_bot?start=a_{}_summary",
            article_id("old-07.txt")
        )
    );
    assert!(
        !results
            .iter()
            .any(|r| r["id"] == format!("a{}", article_id("old-06.txt"))),
        "titles without the words stay out"
    );
    h.stop().await;
}
