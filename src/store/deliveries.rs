//! The delivery queue (one row per chat and article version), its stats, and the
//! log of article versions.
//!
//! A row's life: `pending` → `sending` (just before the HTTP request) → `sent`,
//! or back to `pending` to retry, or `failed`. A row left in `sending` by a crash
//! is due again, so the only possible duplicate is a message in flight at the
//! moment the process died.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{Delivery, Due, FailedDelivery, Stats, Store, StoreError, now};

const DELIVERY_COLUMNS: &str =
    "chat_id, version, state, attempts, last_error, created_at, sent_at, message_id";

impl Store {
    /// Queues `version` for every subscriber that has no row for it yet; returns
    /// how many rows were added.
    pub async fn enqueue_version(&self, version: &str) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "insert or ignore into deliveries
                 (chat_id, version, state, attempts, created_at, updated_at)
             select chat_id, ?1, 'pending', 0, ?2, ?2 from subscriptions",
        )
        .bind(version)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Records that `chat_id` already has `version` (sent outside the queue, e.g.
    /// right after subscribing), so it is never queued or sent again.
    pub async fn record_sent(
        &self,
        chat_id: i64,
        version: &str,
        message_id: Option<i64>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "insert into deliveries
                 (chat_id, version, state, attempts, created_at, updated_at, sent_at, message_id)
             values (?1, ?2, 'sent', 1, ?3, ?3, ?3, ?4)
             on conflict (chat_id, version) do update
             set state = 'sent', sent_at = excluded.sent_at, updated_at = excluded.updated_at,
                 message_id = coalesce(excluded.message_id, deliveries.message_id)",
        )
        .bind(chat_id)
        .bind(version)
        .bind(now())
        .bind(message_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Queues `version` for one subscribed chat that has no row for it yet;
    /// returns whether a row was added.
    pub async fn enqueue_for(&self, chat_id: i64, version: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "insert or ignore into deliveries
                 (chat_id, version, state, attempts, created_at, updated_at)
             select chat_id, ?2, 'pending', 0, ?3, ?3 from subscriptions where chat_id = ?1",
        )
        .bind(chat_id)
        .bind(version)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Up to `limit` rows of `version` still to send (`pending`, or `sending`
    /// left over from a crash), oldest first.
    pub async fn due(&self, version: &str, limit: i64) -> Result<Vec<Due>, StoreError> {
        // The chat's kind and language come with the row: a delivery needs them
        // to pace and to pick the announcement, and must not ask again per chat.
        let rows = sqlx::query(
            "select d.chat_id, d.attempts, s.chat_type, s.language
             from deliveries d join subscriptions s on s.chat_id = d.chat_id
             where d.version = ? and d.state in ('pending', 'sending')
             order by d.created_at, d.chat_id limit ?",
        )
        .bind(version)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("chat_type")?;
                let lang: String = r.try_get("language")?;
                Ok(Due {
                    chat_id: r.try_get("chat_id")?,
                    attempts: r.try_get("attempts")?,
                    kind: kind.parse()?,
                    lang: lang.parse()?,
                })
            })
            .collect()
    }

    /// Claims a due row just before sending it and counts the attempt. Returns
    /// false when the row is gone or already sent (the chat unsubscribed, or got
    /// the version another way): then do not send.
    pub async fn mark_sending(&self, chat_id: i64, version: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update deliveries set state = 'sending', attempts = attempts + 1, updated_at = ?3
             where chat_id = ?1 and version = ?2 and state in ('pending', 'sending')",
        )
        .bind(chat_id)
        .bind(version)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Returns whether the row exists.
    pub async fn mark_sent(
        &self,
        chat_id: i64,
        version: &str,
        message_id: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update deliveries set state = 'sent', sent_at = ?3, updated_at = ?3, message_id = ?4
             where chat_id = ?1 and version = ?2",
        )
        .bind(chat_id)
        .bind(version)
        .bind(now())
        .bind(message_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives up the unsent rows of every version but `current`: a newer version
    /// replaces them, and a reader wants the news, not its history. Returns how
    /// many rows were given up.
    pub async fn supersede(&self, current: &str) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "update deliveries set state = 'failed', last_error = 'superseded by a newer version',
                 updated_at = ?2
             where version <> ?1 and state in ('pending', 'sending')",
        )
        .bind(current)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Puts the row back in the queue, keeping `error` for `/stats`. A sent row
    /// is left alone; returns whether the row changed.
    pub async fn mark_retry(
        &self,
        chat_id: i64,
        version: &str,
        error: &str,
    ) -> Result<bool, StoreError> {
        self.set_unsent(chat_id, version, "pending", error).await
    }

    /// Gives up on the row. A sent row is left alone; returns whether it changed.
    pub async fn mark_failed(
        &self,
        chat_id: i64,
        version: &str,
        error: &str,
    ) -> Result<bool, StoreError> {
        self.set_unsent(chat_id, version, "failed", error).await
    }

    async fn set_unsent(
        &self,
        chat_id: i64,
        version: &str,
        state: &str,
        error: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update deliveries set state = ?3, last_error = ?4, updated_at = ?5
             where chat_id = ?1 and version = ?2 and state <> 'sent'",
        )
        .bind(chat_id)
        .bind(version)
        .bind(state)
        .bind(error)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The row for `chat_id` and `version`, if any.
    pub async fn delivery(
        &self,
        chat_id: i64,
        version: &str,
    ) -> Result<Option<Delivery>, StoreError> {
        let sql =
            format!("select {DELIVERY_COLUMNS} from deliveries where chat_id = ? and version = ?");
        let row = sqlx::query(&sql)
            .bind(chat_id)
            .bind(version)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(delivery_from_row).transpose()
    }

    /// Whether `chat_id` has been sent `version`.
    pub async fn delivered(&self, chat_id: i64, version: &str) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "select 1 from deliveries where chat_id = ? and version = ? and state = 'sent'",
        )
        .bind(chat_id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    pub async fn stats(&self) -> Result<Stats, StoreError> {
        let by_type = sqlx::query(
            "select chat_type, count(*) as n from subscriptions
             group by chat_type order by chat_type",
        )
        .fetch_all(&self.pool)
        .await?;
        let subscribers_by_type = by_type
            .iter()
            .map(|r| {
                let kind: String = r.try_get("chat_type")?;
                Ok((kind.parse()?, r.try_get("n")?))
            })
            .collect::<Result<_, StoreError>>()?;

        let counts = sqlx::query(
            "select
                 count(*) filter (where state = 'pending') as pending,
                 count(*) filter (where state = 'sending') as sending,
                 count(*) filter (where state = 'sent')    as sent,
                 count(*) filter (where state = 'failed')  as failed
             from deliveries",
        )
        .fetch_one(&self.pool)
        .await?;

        let failures = sqlx::query(
            "select chat_id, version, attempts, coalesce(last_error, '') as last_error
             from deliveries where state = 'failed'
             order by updated_at desc, chat_id limit 10",
        )
        .fetch_all(&self.pool)
        .await?;
        let recent_failures = failures
            .iter()
            .map(|r| {
                Ok(FailedDelivery {
                    chat_id: r.try_get("chat_id")?,
                    version: r.try_get("version")?,
                    attempts: r.try_get("attempts")?,
                    last_error: r.try_get("last_error")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;

        Ok(Stats {
            subscribers_by_type,
            pending: counts.try_get("pending")?,
            sending: counts.try_get("sending")?,
            sent: counts.try_get("sent")?,
            failed: counts.try_get("failed")?,
            recent_failures,
        })
    }

    /// Remembers an article version; returns whether it is new.
    pub async fn record_version(
        &self,
        version: &str,
        file: &str,
        title: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "insert or ignore into versions (version, file, title, recorded_at)
             values (?, ?, ?, ?)",
        )
        .bind(version)
        .bind(file)
        .bind(title)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The most recently recorded version.
    pub async fn latest_version(&self) -> Result<Option<String>, StoreError> {
        // rowid breaks ties between versions recorded within the same microsecond.
        let row = sqlx::query(
            "select version from versions order by recorded_at desc, rowid desc limit 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get("version")).transpose()?)
    }
}

fn delivery_from_row(row: &SqliteRow) -> Result<Delivery, StoreError> {
    let state: String = row.try_get("state")?;
    Ok(Delivery {
        chat_id: row.try_get("chat_id")?,
        version: row.try_get("version")?,
        state: state.parse()?,
        attempts: row.try_get("attempts")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
        message_id: row.try_get("message_id")?,
    })
}
