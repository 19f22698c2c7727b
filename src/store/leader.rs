//! Which replica broadcasts: one leader at a time, so that the bot as a whole
//! keeps to Telegram's overall rate however many replicas run.

use sqlx::postgres::PgConnection;
use sqlx::{ConnectOptions, Connection, Row};

use super::db::Pool;
use super::open::CONNECT_TIMEOUT;
use super::{Store, StoreError, one_line, redact_url};

/// The leader's own connection, apart from the pool, and whether the lock is
/// held on it.
#[derive(Default)]
pub(super) struct Lead {
    conn: Option<PgConnection>,
    leading: bool,
}

/// A session-level advisory lock keyed by a constant ("nash") and the schema,
/// so that deployments sharing a database in different schemas each have
/// their own leader.
const TRY_LOCK: &str =
    "select pg_try_advisory_lock(1851880296, hashtext(current_schema())) as held";
/// While leading, a round trip proves the session, and so the lock, alive.
const STILL_HELD: &str = "select true as held";

impl Store {
    /// Tries to become, or to stay, the replica that broadcasts; true while
    /// this store leads. A leader calls it before each batch and stops
    /// broadcasting when it turns false; the others call it now and then to
    /// take over. Clones of a store share its leadership.
    ///
    /// PostgreSQL: a session-level advisory lock, taken on a connection of its
    /// own that stays open while leading. An advisory lock rather than a
    /// leader row with an expiry: the server frees it the moment the leader's
    /// session ends (a crash, a kill, a lost network), so another replica takes
    /// over at its next try instead of waiting out a lease; and since each call
    /// checks the session is still alive, a leader that lost its connection
    /// learns it at its next call (the rows it had claimed keep their leases
    /// until they run out, so nothing is sent twice meanwhile). `owner` names
    /// the connection (`application_name` is `nashra lead <owner>`), so
    /// `pg_stat_activity` shows who leads.
    ///
    /// SQLite: always true. Its file belongs to one process, so there is no
    /// other replica to defer to.
    pub async fn try_lead(&self, owner: &str) -> Result<bool, StoreError> {
        let Pool::Postgres(pool) = &self.db else {
            return Ok(true);
        };
        let options = pool
            .connect_options()
            .as_ref()
            .clone()
            .application_name(&format!("nashra lead {owner}"));
        let mut lead = self.lead.lock().await;
        match lead.attempt(&options).await {
            Ok(held) => Ok(held),
            Err(e) => {
                // The connection broke (and with it any lock): try once more on
                // a new one.
                log::warn!("the leader's database connection failed ({e}); reconnecting");
                lead.attempt(&options).await
            }
        }
    }

    /// Stops leading, if this store leads, so another replica can take over at
    /// once; call it on a graceful stop. A no-op on SQLite.
    pub async fn release_lead(&self) {
        let (conn, leading) = {
            let mut lead = self.lead.lock().await;
            (lead.conn.take(), std::mem::take(&mut lead.leading))
        };
        let Some(mut conn) = conn else {
            return;
        };
        if leading {
            // Unlock before closing: the server ends a closed session a moment
            // later, and another replica asking meanwhile would still find the
            // lock taken.
            let _ = sqlx::query("select pg_advisory_unlock_all()")
                .execute(&mut conn)
                .await;
        }
        // Ending the session frees every lock it holds anyway; if even the
        // goodbye fails, the server ends it when the socket closes.
        let _ = conn.close().await;
    }
}

impl Lead {
    async fn attempt(
        &mut self,
        options: &sqlx::postgres::PgConnectOptions,
    ) -> Result<bool, StoreError> {
        if self.conn.is_none() {
            let connect = PgConnection::connect_with(options);
            let conn = tokio::time::timeout(CONNECT_TIMEOUT, connect)
                .await
                .map_err(|_| StoreError::Unreachable {
                    url: redact_url(options.to_url_lossy().as_ref()),
                    reason: format!("no answer in {} s", CONNECT_TIMEOUT.as_secs()),
                })??;
            self.conn = Some(conn);
            self.leading = false;
        }
        let conn = self.conn.as_mut().expect("connected above");
        let sql = if self.leading { STILL_HELD } else { TRY_LOCK };
        let held = sqlx::query(sql)
            .fetch_one(&mut *conn)
            .await
            .and_then(|row| row.try_get::<bool, _>("held"));
        match held {
            Ok(held) => {
                self.leading = held;
                Ok(held)
            }
            Err(e) => {
                if self.leading {
                    log::warn!("no longer the leader: {}", one_line(&e));
                }
                self.conn = None;
                self.leading = false;
                Err(e.into())
            }
        }
    }
}
