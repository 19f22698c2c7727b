//! Subscriptions and per-chat settings.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{Lang, NewSubscription, Store, StoreError, Subscription, now};

const SUBSCRIPTION_COLUMNS: &str =
    "chat_id, chat_type, title, subscribed_by, subscribed_at, language";

impl Store {
    /// Subscribes a chat; returns whether it is new (a repeat is a no-op).
    pub async fn subscribe(&self, s: &NewSubscription) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "insert or ignore into subscriptions
                 (chat_id, chat_type, title, subscribed_by, subscribed_at, language)
             values (?, ?, ?, ?, ?, ?)",
        )
        .bind(s.chat_id)
        .bind(s.kind.as_str())
        .bind(&s.title)
        .bind(s.subscribed_by)
        .bind(now())
        .bind(s.lang.code())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Unsubscribes a chat and drops its unsent deliveries; returns whether it was
    /// subscribed. Sent and failed rows stay, as history and for `/stats`.
    pub async fn unsubscribe(&self, chat_id: i64) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("begin immediate").await?;
        let done = sqlx::query("delete from subscriptions where chat_id = ?")
            .bind(chat_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("delete from deliveries where chat_id = ? and state in ('pending', 'sending')")
            .bind(chat_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn subscription(&self, chat_id: i64) -> Result<Option<Subscription>, StoreError> {
        let sql = format!("select {SUBSCRIPTION_COLUMNS} from subscriptions where chat_id = ?");
        let row = sqlx::query(&sql)
            .bind(chat_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(subscription_from_row).transpose()
    }

    /// Every subscription, oldest first.
    pub async fn subscriptions(&self) -> Result<Vec<Subscription>, StoreError> {
        let sql = format!(
            "select {SUBSCRIPTION_COLUMNS} from subscriptions order by subscribed_at, chat_id"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(subscription_from_row).collect()
    }

    pub async fn subscriber_count(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("select count(*) as n from subscriptions")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// A group became a supergroup and Telegram gave it a new id: move its
    /// subscription, deliveries and settings to `to`. Where `to` already has a
    /// row, that row is kept. Returns whether `from` was subscribed.
    pub async fn migrate_chat(&self, from: i64, to: i64) -> Result<bool, StoreError> {
        if from == to {
            return Ok(self.subscription(from).await?.is_some());
        }
        let now = now();
        let mut tx = self.pool.begin_with("begin immediate").await?;

        let had = sqlx::query("select 1 from subscriptions where chat_id = ?")
            .bind(from)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        // `or ignore` keeps an existing row under `to`; the delete then drops the
        // leftover under `from`. The same goes for the other tables below.
        sqlx::query(
            "update or ignore subscriptions set chat_id = ?2, chat_type = 'supergroup'
             where chat_id = ?1",
        )
        .bind(from)
        .bind(to)
        .execute(&mut *tx)
        .await?;
        sqlx::query("delete from subscriptions where chat_id = ?")
            .bind(from)
            .execute(&mut *tx)
            .await?;

        // Where both ids hold the same version, the row under `to` survives; if
        // the old chat already got that version, carry that over so it is not
        // sent a second time.
        sqlx::query(
            "update deliveries
             set state = 'sent', sent_at = f.sent_at, message_id = f.message_id, updated_at = ?3
             from (select version, sent_at, message_id from deliveries
                   where chat_id = ?1 and state = 'sent') as f
             where deliveries.chat_id = ?2 and deliveries.version = f.version
               and deliveries.state <> 'sent'",
        )
        .bind(from)
        .bind(to)
        .bind(&now)
        .execute(&mut *tx)
        .await?;

        for table in ["deliveries", "chat_settings"] {
            sqlx::query(&format!(
                "update or ignore {table} set chat_id = ?2 where chat_id = ?1"
            ))
            .bind(from)
            .bind(to)
            .execute(&mut *tx)
            .await?;
            sqlx::query(&format!("delete from {table} where chat_id = ?"))
                .bind(from)
                .execute(&mut *tx)
                .await?;
        }

        tx.commit().await?;
        Ok(had)
    }

    /// Sets a chat's language, subscribed or not; a subscription follows it.
    pub async fn set_language(&self, chat_id: i64, lang: Lang) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("begin immediate").await?;
        sqlx::query(
            "insert into chat_settings (chat_id, language, updated_at) values (?1, ?2, ?3)
             on conflict (chat_id) do update
             set language = excluded.language, updated_at = excluded.updated_at",
        )
        .bind(chat_id)
        .bind(lang.code())
        .bind(now())
        .execute(&mut *tx)
        .await?;
        sqlx::query("update subscriptions set language = ? where chat_id = ?")
            .bind(lang.code())
            .bind(chat_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The chat's chosen language, else the one it subscribed with, else `None`.
    pub async fn language(&self, chat_id: i64) -> Result<Option<Lang>, StoreError> {
        let row = sqlx::query(
            "select coalesce(
                 (select language from chat_settings where chat_id = ?1),
                 (select language from subscriptions where chat_id = ?1)
             ) as language",
        )
        .bind(chat_id)
        .fetch_one(&self.pool)
        .await?;
        let code: Option<String> = row.try_get("language")?;
        code.map(|c| c.parse()).transpose()
    }
}

fn subscription_from_row(row: &SqliteRow) -> Result<Subscription, StoreError> {
    let kind: String = row.try_get("chat_type")?;
    let lang: String = row.try_get("language")?;
    Ok(Subscription {
        chat_id: row.try_get("chat_id")?,
        kind: kind.parse()?,
        title: row.try_get("title")?,
        subscribed_by: row.try_get("subscribed_by")?,
        subscribed_at: row.try_get("subscribed_at")?,
        lang: lang.parse()?,
    })
}
