//! The offline console: the same replies as Telegram, as plain text, with
//! buttons pressed by number or label.

use nashra::bot::app::App;
use nashra::bot::console;
use nashra::bot::view::texts::Lang;
use nashra::bot::view::texts::{AR, EN};
use nashra::store::Store;

async fn session(lines: &str, lang: Lang) -> String {
    let content = crate::harness::seed_folder();
    let store = Store::open_in_memory().await.unwrap();
    let app = App::open(content.path().to_path_buf(), store, &[0])
        .await
        .unwrap();
    let mut out = Vec::new();
    console::run(app, lines.as_bytes(), &mut out, lang)
        .await
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn commands_and_buttons_by_number_and_label() {
    // /sections lists buttons "[1] 0. …", "[2] 1. …"; "3" presses the third (section 2).
    let out = session("/summary 2\n/sections\n3\n/dates\n", Lang::Ar).await;
    assert!(out.starts_with(AR.console_intro));
    assert!(out.contains("أعلن رئيس الوزراء العراقي"));
    assert!(out.contains("[1] "), "buttons are numbered");
    assert!(
        out.contains("وفي 26 يوليو/ تموز الماضي"),
        "button 3 opened section 2"
    );
    assert!(out.contains("2020-01-03"));
    // No HTML reaches the console.
    assert!(!out.contains("<b>") && !out.contains("&amp;"));
}

#[tokio::test]
async fn a_label_presses_its_button_and_lang_switches_the_texts() {
    let out = session(
        &format!("/summary\n{}\n/lang en\n/about\n/stats\n", AR.btn_dates),
        Lang::Ar,
    )
    .await;
    assert!(
        out.contains("2021-07-26"),
        "the Dates button was pressed by its label"
    );
    assert!(out.contains(EN.lang_set));
    assert!(
        out.contains(EN.stats_title),
        "the person at the console is an owner"
    );
    assert!(!out.contains(EN.owners_only));
}

#[tokio::test]
async fn bad_input_gets_a_hint_not_a_crash() {
    let out = session(
        "/summary 0\n/section\n/nope\nمرحبا\nما سعر النفط؟\n",
        Lang::En,
    )
    .await;
    assert!(out.contains(EN.hint_summary));
    assert!(out.contains(EN.hint_section));
    assert!(out.contains(EN.unknown_command));
    assert!(out.contains(EN.free_text_hint));
    assert!(out.contains(EN.no_answer));
}

#[tokio::test]
async fn a_question_is_answered_and_its_section_opens_by_number() {
    // The answer's buttons: [1] open the section, [2] summary, [3] sections.
    let out = session("كم جنديا بقي؟\n1\n/archive\n1\n", Lang::Ar).await;
    assert!(out.contains("2500 جندي"), "{out}");
    assert!(out.contains(AR.btn_open_section));
    assert!(
        out.contains("وفي 26 يوليو/ تموز الماضي"),
        "button 1 opened the section"
    );
    assert!(out.contains(AR.archive_title) && out.contains(AR.back_to_latest));
}
