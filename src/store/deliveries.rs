//! The delivery queue (one row per chat and article version), its stats, and the
//! log of article versions.
//!
//! A row's life: `pending` → `sending` (just before the HTTP request) → `sent`,
//! or back to `pending` to retry, or `failed`. A row left in `sending` by a crash
//! is due again, so the only possible duplicate is a message in flight at the
//! moment the process died. With several replicas, a row is first claimed with
//! a lease (`leases.rs`); settling it gives the lease up.

use super::db::{Record, args};
use super::{Delivery, Due, FailedDelivery, Stats, Store, StoreError, now};

const DELIVERY_COLUMNS: &str = "chat_id, version, state, attempts, last_error, created_at, \
     sent_at, message_id, lease_owner, lease_until";

impl Store {
    /// Queues `version` for every subscriber that has no row for it yet; returns
    /// how many rows were added. Replicas may call it at once for the same
    /// version: each row is added by exactly one of them.
    pub async fn enqueue_version(&self, version: &str) -> Result<u64, StoreError> {
        // In chat order, so that two PostgreSQL replicas inserting the same rows
        // wait for each other in the same order instead of deadlocking. (`where
        // true` keeps SQLite from reading `on conflict` as a join's `on`.)
        let added = self
            .db
            .execute(
                "insert into deliveries (chat_id, version, state, attempts, created_at, updated_at)
                 select chat_id, $1, 'pending', 0, $2, $2 from subscriptions
                 where true order by chat_id
                 on conflict do nothing",
                args![version, &now()],
            )
            .await?;
        Ok(added)
    }

    /// Records that `chat_id` already has `version` (sent outside the queue, e.g.
    /// right after subscribing), so it is never queued or sent again.
    pub async fn record_sent(
        &self,
        chat_id: i64,
        version: &str,
        message_id: Option<i64>,
    ) -> Result<(), StoreError> {
        self.db
            .execute(
                "insert into deliveries
                     (chat_id, version, state, attempts, created_at, updated_at, sent_at, message_id)
                 values ($1, $2, 'sent', 1, $3, $3, $3, $4)
                 on conflict (chat_id, version) do update
                 set state = 'sent', sent_at = excluded.sent_at, updated_at = excluded.updated_at,
                     message_id = coalesce(excluded.message_id, deliveries.message_id),
                     lease_owner = null, lease_until = null",
                args![chat_id, version, &now(), message_id],
            )
            .await?;
        Ok(())
    }

    /// Queues `version` for one subscribed chat that has no row for it yet;
    /// returns whether a row was added.
    pub async fn enqueue_for(&self, chat_id: i64, version: &str) -> Result<bool, StoreError> {
        let added = self
            .db
            .execute(
                "insert into deliveries (chat_id, version, state, attempts, created_at, updated_at)
                 select chat_id, $2, 'pending', 0, $3, $3 from subscriptions where chat_id = $1
                 on conflict do nothing",
                args![chat_id, version, &now()],
            )
            .await?;
        Ok(added == 1)
    }

    /// Up to `limit` rows of `version` still to send (`pending`, or `sending`
    /// left over from a crash), oldest first, whoever holds them: a single
    /// process reads its queue with this; replicas use [`Store::claim_due`].
    pub async fn due(&self, version: &str, limit: i64) -> Result<Vec<Due>, StoreError> {
        // The chat's kind and language come with the row: a delivery needs them
        // to pace and to pick the announcement, and must not ask again per chat.
        let rows = self
            .db
            .fetch_all(
                "select d.chat_id, d.attempts, s.chat_type, s.language
                 from deliveries d join subscriptions s on s.chat_id = d.chat_id
                 where d.version = $1 and d.state in ('pending', 'sending')
                 order by d.created_at, d.chat_id limit $2",
                args![version, limit],
            )
            .await?;
        rows.iter().map(due_from_row).collect()
    }

    /// Claims a due row just before sending it and counts the attempt. Returns
    /// false when the row is gone or already sent (the chat unsubscribed, or got
    /// the version another way): then do not send.
    pub async fn mark_sending(&self, chat_id: i64, version: &str) -> Result<bool, StoreError> {
        let changed = self
            .db
            .execute(
                "update deliveries set state = 'sending', attempts = attempts + 1, updated_at = $3
                 where chat_id = $1 and version = $2 and state in ('pending', 'sending')",
                args![chat_id, version, &now()],
            )
            .await?;
        Ok(changed == 1)
    }

    /// Returns whether the row exists.
    pub async fn mark_sent(
        &self,
        chat_id: i64,
        version: &str,
        message_id: Option<i64>,
    ) -> Result<bool, StoreError> {
        let changed = self
            .db
            .execute(
                "update deliveries
                 set state = 'sent', sent_at = $3, updated_at = $3, message_id = $4,
                     lease_owner = null, lease_until = null
                 where chat_id = $1 and version = $2",
                args![chat_id, version, &now(), message_id],
            )
            .await?;
        Ok(changed == 1)
    }

    /// Gives up the unsent rows of every version but `current`: a newer version
    /// replaces them, and a reader wants the news, not its history. Returns how
    /// many rows were given up.
    pub async fn supersede(&self, current: &str) -> Result<u64, StoreError> {
        let changed = self
            .db
            .execute(
                "update deliveries
                 set state = 'failed', last_error = 'superseded by a newer version',
                     updated_at = $2, lease_owner = null, lease_until = null
                 where version <> $1 and state in ('pending', 'sending')",
                args![current, &now()],
            )
            .await?;
        Ok(changed)
    }

    /// Puts the row back in the queue, keeping `error` for `/stats`, and frees
    /// its lease. A sent row is left alone; returns whether the row changed.
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
        let changed = self
            .db
            .execute(
                "update deliveries
                 set state = $3, last_error = $4, updated_at = $5,
                     lease_owner = null, lease_until = null
                 where chat_id = $1 and version = $2 and state <> 'sent'",
                args![chat_id, version, state, error, &now()],
            )
            .await?;
        Ok(changed == 1)
    }

    /// The row for `chat_id` and `version`, if any.
    pub async fn delivery(
        &self,
        chat_id: i64,
        version: &str,
    ) -> Result<Option<Delivery>, StoreError> {
        let sql = format!(
            "select {DELIVERY_COLUMNS} from deliveries where chat_id = $1 and version = $2"
        );
        let row = self
            .db
            .fetch_optional(&sql, args![chat_id, version])
            .await?;
        row.as_ref().map(delivery_from_row).transpose()
    }

    /// Whether `chat_id` has been sent `version`.
    pub async fn delivered(&self, chat_id: i64, version: &str) -> Result<bool, StoreError> {
        let row = self
            .db
            .fetch_optional(
                "select 1 from deliveries where chat_id = $1 and version = $2 and state = 'sent'",
                args![chat_id, version],
            )
            .await?;
        Ok(row.is_some())
    }

    pub async fn stats(&self) -> Result<Stats, StoreError> {
        let by_type = self
            .db
            .fetch_all(
                "select chat_type, count(*) as n from subscriptions
                 group by chat_type order by chat_type",
                &[],
            )
            .await?;
        let subscribers_by_type = by_type
            .iter()
            .map(|r| {
                let kind: String = r.get("chat_type")?;
                Ok((kind.parse()?, r.get("n")?))
            })
            .collect::<Result<_, StoreError>>()?;

        let counts = self
            .db
            .fetch_one(
                "select
                     count(*) filter (where state = 'pending') as pending,
                     count(*) filter (where state = 'sending') as sending,
                     count(*) filter (where state = 'sent')    as sent,
                     count(*) filter (where state = 'failed')  as failed
                 from deliveries",
                &[],
            )
            .await?;

        let failures = self
            .db
            .fetch_all(
                "select chat_id, version, attempts, coalesce(last_error, '') as last_error
                 from deliveries where state = 'failed'
                 order by updated_at desc, chat_id limit 10",
                &[],
            )
            .await?;
        let recent_failures = failures
            .iter()
            .map(|r| {
                Ok(FailedDelivery {
                    chat_id: r.get("chat_id")?,
                    version: r.get("version")?,
                    attempts: r.get("attempts")?,
                    last_error: r.get("last_error")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;

        Ok(Stats {
            subscribers_by_type,
            pending: counts.get("pending")?,
            sending: counts.get("sending")?,
            sent: counts.get("sent")?,
            failed: counts.get("failed")?,
            recent_failures,
        })
    }

    /// Remembers an article version; returns whether it is new. The version key
    /// is unique: when replicas record the same version at once, exactly one of
    /// them is told it is new.
    pub async fn record_version(
        &self,
        version: &str,
        file: &str,
        title: &str,
    ) -> Result<bool, StoreError> {
        let added = self
            .db
            .execute(
                "insert into versions (version, file, title, recorded_at)
                 values ($1, $2, $3, $4)
                 on conflict do nothing",
                args![version, file, title, &now()],
            )
            .await?;
        Ok(added == 1)
    }

    /// The most recently recorded version.
    pub async fn latest_version(&self) -> Result<Option<String>, StoreError> {
        // The insertion order breaks ties between versions recorded within the
        // same microsecond: SQLite's rowid, PostgreSQL's identity column.
        let sql = if self.db.is_postgres() {
            "select version from versions order by recorded_at desc, seq desc limit 1"
        } else {
            "select version from versions order by recorded_at desc, rowid desc limit 1"
        };
        let row = self.db.fetch_optional(sql, &[]).await?;
        Ok(row.map(|r| r.get("version")).transpose()?)
    }
}

/// A due row with its chat's kind and language.
pub(super) fn due_from_row(row: &Record) -> Result<Due, StoreError> {
    let kind: String = row.get("chat_type")?;
    let lang: String = row.get("language")?;
    Ok(Due {
        chat_id: row.get("chat_id")?,
        attempts: row.get("attempts")?,
        kind: kind.parse()?,
        lang: lang.parse()?,
    })
}

fn delivery_from_row(row: &Record) -> Result<Delivery, StoreError> {
    let state: String = row.get("state")?;
    Ok(Delivery {
        chat_id: row.get("chat_id")?,
        version: row.get("version")?,
        state: state.parse()?,
        attempts: row.get("attempts")?,
        last_error: row.get("last_error")?,
        created_at: row.get("created_at")?,
        sent_at: row.get("sent_at")?,
        message_id: row.get("message_id")?,
        lease_owner: row.get("lease_owner")?,
        lease_until: row.get("lease_until")?,
    })
}
