//! Subscriptions and per-chat settings.

use super::db::{Record, args};
use super::{Lang, NewSubscription, Store, StoreError, Subscription, now};

const SUBSCRIPTION_COLUMNS: &str =
    "chat_id, chat_type, title, subscribed_by, subscribed_at, language";

impl Store {
    /// Subscribes a chat; returns whether it is new (a repeat is a no-op).
    pub async fn subscribe(&self, s: &NewSubscription) -> Result<bool, StoreError> {
        let added = self
            .db
            .execute(
                "insert into subscriptions
                     (chat_id, chat_type, title, subscribed_by, subscribed_at, language)
                 values ($1, $2, $3, $4, $5, $6)
                 on conflict do nothing",
                args![
                    s.chat_id,
                    s.kind.as_str(),
                    &s.title,
                    s.subscribed_by,
                    &now(),
                    s.lang.code()
                ],
            )
            .await?;
        Ok(added == 1)
    }

    /// Unsubscribes a chat and drops its unsent deliveries; returns whether it was
    /// subscribed. Sent and failed rows stay, as history and for `/stats`.
    pub async fn unsubscribe(&self, chat_id: i64) -> Result<bool, StoreError> {
        let mut tx = self.db.begin().await?;
        let removed = tx
            .execute(
                "delete from subscriptions where chat_id = $1",
                args![chat_id],
            )
            .await?;
        tx.execute(
            "delete from deliveries where chat_id = $1 and state in ('pending', 'sending')",
            args![chat_id],
        )
        .await?;
        tx.commit().await?;
        Ok(removed == 1)
    }

    pub async fn subscription(&self, chat_id: i64) -> Result<Option<Subscription>, StoreError> {
        let sql = format!("select {SUBSCRIPTION_COLUMNS} from subscriptions where chat_id = $1");
        let row = self.db.fetch_optional(&sql, args![chat_id]).await?;
        row.as_ref().map(subscription_from_row).transpose()
    }

    /// Every subscription, oldest first.
    pub async fn subscriptions(&self) -> Result<Vec<Subscription>, StoreError> {
        let sql = format!(
            "select {SUBSCRIPTION_COLUMNS} from subscriptions order by subscribed_at, chat_id"
        );
        let rows = self.db.fetch_all(&sql, &[]).await?;
        rows.iter().map(subscription_from_row).collect()
    }

    pub async fn subscriber_count(&self) -> Result<i64, StoreError> {
        let row = self
            .db
            .fetch_one("select count(*) as n from subscriptions", &[])
            .await?;
        Ok(row.get("n")?)
    }

    /// A group became a supergroup and Telegram gave it a new id: move its
    /// subscription, deliveries and settings to `to`. Where `to` already has a
    /// row, that row is kept. Returns whether `from` was subscribed.
    pub async fn migrate_chat(&self, from: i64, to: i64) -> Result<bool, StoreError> {
        if from == to {
            return Ok(self.subscription(from).await?.is_some());
        }
        let now = now();
        let mut tx = self.db.begin().await?;

        let had = tx
            .fetch_optional(
                "select 1 from subscriptions where chat_id = $1",
                args![from],
            )
            .await?
            .is_some();
        // Each table: move the rows of `from` that `to` does not have yet, then
        // drop the leftovers under `from`, so where `to` already has a row, that
        // row is kept. (Written without SQLite's `update or ignore`, which
        // PostgreSQL lacks.)
        tx.execute(
            "update subscriptions set chat_id = $2, chat_type = 'supergroup'
             where chat_id = $1
               and not exists (select 1 from subscriptions where chat_id = $2)",
            args![from, to],
        )
        .await?;
        tx.execute(
            "update chat_settings set chat_id = $2
             where chat_id = $1
               and not exists (select 1 from chat_settings where chat_id = $2)",
            args![from, to],
        )
        .await?;

        // Where both ids hold the same version, the row under `to` survives; if
        // the old chat already got that version, carry that over so it is not
        // sent a second time.
        tx.execute(
            "update deliveries
             set state = 'sent', sent_at = f.sent_at, message_id = f.message_id, updated_at = $3
             from (select version, sent_at, message_id from deliveries
                   where chat_id = $1 and state = 'sent') as f
             where deliveries.chat_id = $2 and deliveries.version = f.version
               and deliveries.state <> 'sent'",
            args![from, to, &now],
        )
        .await?;
        tx.execute(
            "update deliveries set chat_id = $2
             where chat_id = $1
               and version not in (select version from deliveries where chat_id = $2)",
            args![from, to],
        )
        .await?;

        // A choice from the archive is not carried over: the old id hears no more.
        for table in ["subscriptions", "chat_settings", "deliveries", "reading"] {
            tx.execute(
                &format!("delete from {table} where chat_id = $1"),
                args![from],
            )
            .await?;
        }

        tx.commit().await?;
        Ok(had)
    }

    /// Sets a chat's language, subscribed or not; a subscription follows it.
    pub async fn set_language(&self, chat_id: i64, lang: Lang) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "insert into chat_settings (chat_id, language, updated_at) values ($1, $2, $3)
             on conflict (chat_id) do update
             set language = excluded.language, updated_at = excluded.updated_at",
            args![chat_id, lang.code(), &now()],
        )
        .await?;
        tx.execute(
            "update subscriptions set language = $2 where chat_id = $1",
            args![chat_id, lang.code()],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The chat's chosen language, else the one it subscribed with, else `None`.
    pub async fn language(&self, chat_id: i64) -> Result<Option<Lang>, StoreError> {
        let row = self
            .db
            .fetch_one(
                "select coalesce(
                     (select language from chat_settings where chat_id = $1),
                     (select language from subscriptions where chat_id = $1)
                 ) as language",
                args![chat_id],
            )
            .await?;
        let code: Option<String> = row.get("language")?;
        code.map(|c| c.parse()).transpose()
    }
}

fn subscription_from_row(row: &Record) -> Result<Subscription, StoreError> {
    let kind: String = row.get("chat_type")?;
    let lang: String = row.get("language")?;
    Ok(Subscription {
        chat_id: row.get("chat_id")?,
        kind: kind.parse()?,
        title: row.get("title")?,
        subscribed_by: row.get("subscribed_by")?,
        subscribed_at: row.get("subscribed_at")?,
        lang: lang.parse()?,
    })
}
