//! Start-up failures: a webhook listener that cannot start returns its error and
//! leaves nothing running behind it (no delivery loop, no watcher).

use crate::harness::{WAIT, seed_folder};
use nashra::bot::app::App;
use nashra::bot::run::{RunError, Serving, serve};
use nashra::config::Webhook;
use nashra::store::{ChatKind, Lang, NewSubscription, Store};
use std::sync::Arc;
use std::time::Duration;
use testkit::fake::{FakeApi, FakeOptions, Fault};
use tokio::sync::Notify;

#[tokio::test]
async fn a_webhook_that_cannot_start_leaves_nothing_running() {
    let api = FakeApi::start(FakeOptions::default()).await;
    let store = Store::open_in_memory().await.expect("store");
    store
        .subscribe(&NewSubscription {
            chat_id: 42,
            kind: ChatKind::Private,
            title: None,
            subscribed_by: Some(42),
            lang: Lang::Ar,
        })
        .await
        .expect("subscribe");
    let content = seed_folder();
    // Opening the folder queues the article for the subscriber.
    let app = App::open(content.path().to_path_buf(), store.clone(), &[])
        .await
        .expect("the seed loads");
    let version = app.shelf.current().key.clone();
    assert_eq!(store.due(&version, 10).await.expect("due").len(), 1);

    api.fail_next(
        "setWebhook",
        Fault::Api {
            status: 400,
            description: "Bad Request: bad webhook: HTTPS url must be provided".into(),
        },
    );
    let serving = Serving {
        rate_scale: 50.0,
        paid_broadcast: false,
        incoming: nashra::config::Incoming::default(),
        webhook: Some(Webhook {
            url: "https://bot.example/hook".parse().expect("url"),
            listen: "127.0.0.1:0".parse().expect("address"),
            secret: None,
        }),
        poll_timeout: Duration::from_secs(1),
        register_commands: false,
        reload: Arc::new(Notify::new()),
    };
    let result = tokio::time::timeout(WAIT, serve(api.bot(), app, serving, std::future::pending()))
        .await
        .expect("serve returns at once");
    assert!(matches!(result, Err(RunError::Webhook(_))), "{result:?}");

    // Nothing keeps delivering behind the failed start.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(api.sent_messages().is_empty(), "{:?}", api.sent_messages());
    assert_eq!(store.due(&version, 10).await.expect("due").len(), 1);
}
