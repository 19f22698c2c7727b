//! Due rows handed to one replica at a time: a claim gives an owner a batch of
//! due rows with a lease (owner, expiry). Until the lease runs out no other
//! owner gets those rows; a replica that dies leaves leases that run out, and
//! its rows go to the next claimer.

use std::time::Duration;

use chrono::{SecondsFormat, TimeDelta, Utc};
use sqlx::Row;

use super::db::{Pool, Record, args};
use super::deliveries::due_from_row;
use super::{Due, Store, StoreError, now};

/// The server's clock in the format of every stored time (RFC 3339 UTC with
/// microseconds), so PostgreSQL leases do not depend on the replicas' clocks.
const PG_NOW: &str =
    r#"to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#;
/// The same, `$4` seconds later.
const PG_LEASE_END: &str = r#"to_char((statement_timestamp() + make_interval(secs => $4))
    at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#;

/// Selects the claimable rows; `{now}` is the dialect's current time.
fn claimable(now: &str) -> String {
    format!(
        "select d.chat_id, d.attempts, s.chat_type, s.language
         from deliveries d join subscriptions s on s.chat_id = d.chat_id
         where d.version = $1 and d.state in ('pending', 'sending')
           and (d.lease_until is null or d.lease_until <= {now} or d.lease_owner = $2)
         order by d.created_at, d.chat_id limit $3"
    )
}

impl Store {
    /// Claims up to `limit` due rows of `version` (`pending`, or `sending` left
    /// by a crash) for `owner` until `lease` from now, and returns them oldest
    /// first, as [`Store::due`] does. A row is claimable when no one holds it,
    /// when its lease has run out, or when `owner` holds it already: claiming
    /// again renews the lease, so a replica restarted under the same name
    /// resumes at once (and one owner must not claim from two loops). Replicas
    /// claiming at the same time get disjoint rows.
    ///
    /// [`Store::mark_sending`] and the rest work on claimed rows as on any
    /// other; settling a row (sent, retry, failed) frees its lease.
    ///
    /// PostgreSQL selects the rows `for update skip locked` and leases them in
    /// the same transaction, so a concurrent claimer skips them instead of
    /// waiting; expiry is by the server's clock. SQLite does the same in a
    /// transaction that holds its single write lock, by this process's clock.
    pub async fn claim_due(
        &self,
        version: &str,
        owner: &str,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<Due>, StoreError> {
        let rows = match &self.db {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let rows = sqlx::query(&format!(
                    "{} for update of d skip locked",
                    claimable(PG_NOW)
                ))
                .bind(version)
                .bind(owner)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
                let ids = rows
                    .iter()
                    .map(|r| r.try_get("chat_id"))
                    .collect::<Result<Vec<i64>, _>>()?;
                if !ids.is_empty() {
                    sqlx::query(&format!(
                        "update deliveries set lease_owner = $2, lease_until = {PG_LEASE_END}
                         where version = $1 and chat_id = any($3)"
                    ))
                    .bind(version)
                    .bind(owner)
                    .bind(&ids)
                    .bind(lease.as_secs_f64())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                rows.into_iter().map(Record::Postgres).collect::<Vec<_>>()
            }
            Pool::Sqlite(_) => {
                // `begin` takes SQLite's write lock: no other claim runs between
                // reading the rows and leasing them, in this process or another.
                let mut tx = self.db.begin().await?;
                let rows = tx
                    .fetch_all(&claimable("$4"), args![version, owner, limit, &now()])
                    .await?;
                let until = later(lease);
                for row in &rows {
                    let chat_id: i64 = row.get("chat_id")?;
                    tx.execute(
                        "update deliveries set lease_owner = $3, lease_until = $4
                         where chat_id = $1 and version = $2",
                        args![chat_id, version, owner, &until],
                    )
                    .await?;
                }
                tx.commit().await?;
                rows
            }
        };
        rows.iter().map(due_from_row).collect()
    }

    /// Gives back the rows `owner` holds that it has not started sending, so
    /// another replica need not wait for their leases to run out (call it on a
    /// graceful stop). Rows in `sending` keep their lease: their message may
    /// still arrive. Returns how many rows were freed.
    pub async fn release_leases(&self, owner: &str) -> Result<u64, StoreError> {
        let freed = self
            .db
            .execute(
                "update deliveries set lease_owner = null, lease_until = null
                 where lease_owner = $1 and state = 'pending'",
                args![owner],
            )
            .await?;
        Ok(freed)
    }
}

/// `lease` from now, in the stored format; a lease too long to add is forever.
fn later(lease: Duration) -> String {
    TimeDelta::from_std(lease)
        .ok()
        .and_then(|d| Utc::now().checked_add_signed(d))
        .map_or_else(
            || "9999-12-31T23:59:59.999999Z".to_owned(),
            |t| t.to_rfc3339_opts(SecondsFormat::Micros, true),
        )
}
