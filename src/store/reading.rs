//! Which article each chat reads when not the latest: one row per chat, so a
//! choice outlives a restart and every replica sees it. On PostgreSQL each
//! change is announced (`NOTIFY`), so replicas keep their copies in memory and
//! no reply reads the database for it.

use sqlx::postgres::PgListener;

use super::db::{Pool, args};
use super::{Store, StoreError, now};

/// The channel a change of a chat's choice is announced on; the payload is the
/// schema and the chat id, since deployments (and tests) sharing one database
/// in different schemas share the channel too.
const CHANNEL: &str = "nashra_reading";

/// One chat's choice as stored: the article's id, and the latest version when
/// it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChoice {
    pub chat_id: i64,
    pub article: String,
    pub since: String,
}

/// Changes of any chat's choice made by any replica (PostgreSQL only).
pub struct ReadingChanges {
    listener: PgListener,
    /// `"{schema} "`: the start of this deployment's payloads.
    prefix: String,
}

impl ReadingChanges {
    /// The next chat whose choice changed; read it again with
    /// [`Store::reading`]. After an error the listener reconnects by itself,
    /// and changes made meanwhile may be missed: read them all again then.
    pub async fn next(&mut self) -> Result<i64, StoreError> {
        loop {
            let note = self.listener.recv().await?;
            let chat = note.payload().strip_prefix(&self.prefix);
            if let Some(Ok(chat)) = chat.map(str::parse) {
                return Ok(chat);
            }
        }
    }
}

impl Store {
    /// The chat now reads `article`; `since` is the latest version at this moment.
    pub async fn set_reading(
        &self,
        chat_id: i64,
        article: &str,
        since: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "insert into reading (chat_id, article, since, updated_at) values ($1, $2, $3, $4)
             on conflict (chat_id) do update
             set article = excluded.article, since = excluded.since,
                 updated_at = excluded.updated_at",
            args![chat_id, article, since, &now()],
        )
        .await?;
        if self.db.is_postgres() {
            announce(&mut tx, chat_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Back to the latest article; whether the chat had chosen another.
    pub async fn clear_reading(&self, chat_id: i64) -> Result<bool, StoreError> {
        let mut tx = self.db.begin().await?;
        let had = tx
            .execute("delete from reading where chat_id = $1", args![chat_id])
            .await?
            > 0;
        if had && self.db.is_postgres() {
            announce(&mut tx, chat_id).await?;
        }
        tx.commit().await?;
        Ok(had)
    }

    /// The chat's choice, if it has one.
    pub async fn reading(&self, chat_id: i64) -> Result<Option<StoredChoice>, StoreError> {
        let row = self
            .db
            .fetch_optional(
                "select chat_id, article, since from reading where chat_id = $1",
                args![chat_id],
            )
            .await?;
        row.map(|r| {
            Ok(StoredChoice {
                chat_id: r.get("chat_id")?,
                article: r.get("article")?,
                since: r.get("since")?,
            })
        })
        .transpose()
    }

    /// The `limit` most recent choices, newest first (to fill memory at start).
    pub async fn readings(&self, limit: i64) -> Result<Vec<StoredChoice>, StoreError> {
        let rows = self
            .db
            .fetch_all(
                "select chat_id, article, since from reading
                 order by updated_at desc, chat_id limit $1",
                args![limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredChoice {
                    chat_id: r.get("chat_id")?,
                    article: r.get("article")?,
                    since: r.get("since")?,
                })
            })
            .collect()
    }

    /// Where other replicas' changes of a choice are heard: `None` on SQLite,
    /// whose file belongs to one process.
    pub async fn reading_changes(&self) -> Result<Option<ReadingChanges>, StoreError> {
        let Pool::Postgres(pool) = &self.db else {
            return Ok(None);
        };
        let schema = self
            .db
            .fetch_one("select current_schema() as schema", &[])
            .await?
            .get::<String>("schema")?;
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(ReadingChanges {
            listener,
            prefix: format!("{schema} "),
        }))
    }
}

/// Tells every listening replica, when the transaction commits, that the
/// chat's choice changed.
async fn announce(tx: &mut super::db::Tx, chat_id: i64) -> Result<(), StoreError> {
    tx.execute(
        "select pg_notify($1, current_schema() || ' ' || $2)",
        args![CHANNEL, chat_id.to_string().as_str()],
    )
    .await?;
    Ok(())
}
