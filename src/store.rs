//! Subscriptions and deliveries in SQLite (the embedded default) or PostgreSQL
//! (for several replicas sharing one database), behind one [`Store`].
//!
//! Chats are plain `i64` ids; nothing here knows about Telegram types. Each
//! dialect's schema lives in `migrations/<dialect>/*.sql` and is applied by a
//! small versioned runner (`migrate.rs`) when a [`Store`] is opened
//! (`open.rs`); `db.rs` runs a query on either backend, `subscriptions.rs` and `deliveries.rs` hold
//! the queries, `leases.rs` hands due rows to one replica at a time,
//! `leader.rs` picks the replica that broadcasts, and `reading.rs` keeps each
//! chat's article from the archive.

mod chat;
mod db;
mod deliveries;
mod leader;
mod leases;
mod migrate;
mod open;
mod reading;
mod subscriptions;

pub use chat::{ChatKind, Lang};
pub use open::{Backend, redact_url};
pub use reading::{ReadingChanges, StoredChoice};

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{SecondsFormat, Utc};

use db::Pool;

/// Everything that can go wrong in the store layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `url` is shown with its password hidden, here and below.
    #[error(
        "the database URL {url:?} is neither sqlite: nor postgres:// — set NASHRA_DATABASE_URL to something like sqlite://data/nashra.db or postgres://USER:PASSWORD@HOST/DATABASE"
    )]
    UnsupportedUrl { url: String },

    #[error(
        "cannot read the database URL {url:?}: {} — set NASHRA_DATABASE_URL to something like sqlite://data/nashra.db or postgres://USER:PASSWORD@HOST/DATABASE",
        one_line(source)
    )]
    BadUrl { url: String, source: sqlx::Error },

    #[error(
        "cannot create the database folder {}: {source} — check NASHRA_DATABASE_URL and the folder's permissions",
        path.display()
    )]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "cannot open the database at {url}: {} — check NASHRA_DATABASE_URL",
        one_line(source)
    )]
    Open { url: String, source: sqlx::Error },

    /// The PostgreSQL server did not answer, or refused us.
    #[error(
        "cannot connect to the database at {url}: {reason} — check NASHRA_DATABASE_URL and that the server is running"
    )]
    Unreachable { url: String, reason: String },

    #[error(
        "cannot apply database migration {version} ({name}): {} — restore a backup of the database or report this as a bug",
        one_line(source)
    )]
    Migrate {
        version: i64,
        name: &'static str,
        source: sqlx::Error,
    },

    #[error(
        "the database is at schema version {found} but this nashra knows only up to {known} — run a newer nashra or point NASHRA_DATABASE_URL at another database"
    )]
    TooNew { found: i64, known: i64 },

    #[error("the database holds an {0} — it was probably written by a newer nashra")]
    Corrupt(String),

    #[error(
        "a database query failed: {} — check that the database is reachable and writable (NASHRA_DATABASE_URL) and the disk is not full", one_line(.0)
    )]
    Query(#[from] sqlx::Error),
}

/// A chat about to subscribe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    pub chat_id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub subscribed_by: Option<i64>,
    pub lang: Lang,
}

/// A stored subscription; `subscribed_at` is RFC 3339 UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub chat_id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub subscribed_by: Option<i64>,
    pub subscribed_at: String,
    pub lang: Lang,
}

/// A delivery that is due, with what sending it needs to know of its chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub chat_id: i64,
    pub attempts: i64,
    pub kind: ChatKind,
    pub lang: Lang,
}

/// Where one delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    Pending,
    /// Handed to Telegram; if the process dies here the row is due again.
    Sending,
    Sent,
    Failed,
}

impl DeliveryState {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

impl FromStr for DeliveryState {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(Self::Pending),
            "sending" => Ok(Self::Sending),
            "sent" => Ok(Self::Sent),
            "failed" => Ok(Self::Failed),
            other => Err(StoreError::Corrupt(format!(
                "unknown delivery state {other:?}"
            ))),
        }
    }
}

/// One article version for one chat. Times are RFC 3339 UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub chat_id: i64,
    pub version: String,
    pub state: DeliveryState,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub message_id: Option<i64>,
    /// The replica holding the row, and until when (see [`Store::claim_due`]).
    pub lease_owner: Option<String>,
    pub lease_until: Option<String>,
}

/// A delivery that gave up, as shown by `/stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedDelivery {
    pub chat_id: i64,
    pub version: String,
    pub attempts: i64,
    pub last_error: String,
}

/// Counts for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// `(kind, count)`, sorted by kind; kinds with no subscriber are absent.
    pub subscribers_by_type: Vec<(ChatKind, i64)>,
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    /// The newest ten, newest first.
    pub recent_failures: Vec<FailedDelivery>,
}

/// Handle to the database; cheap to clone (the pool is shared, and so is the
/// leadership taken by [`Store::try_lead`]).
#[derive(Clone)]
pub struct Store {
    db: Pool,
    lead: Arc<tokio::sync::Mutex<leader::Lead>>,
}

impl Store {
    /// Opens the database at `url` and brings its schema up to date. SQLite:
    /// `sqlite://path`, `sqlite:path` (the file and its folder are created) and
    /// `sqlite::memory:`. PostgreSQL: `postgres://user:password@host:port/db`;
    /// the database must exist, and the server must answer within 10 s.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let db = open::open(url).await?;
        migrate::run(&db).await?;
        Ok(Self {
            db,
            lead: Arc::default(),
        })
    }

    /// A fresh, private in-memory SQLite store, for tests and the offline console.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        Self::open("sqlite::memory:").await
    }

    #[must_use]
    pub fn backend(&self) -> Backend {
        match self.db {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The highest migration applied to this database.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        migrate::current_version(&self.db).await
    }

    /// Gives up leadership, waits for queries in flight and closes every
    /// connection; call on shutdown (SQLite checkpoints its WAL into the main
    /// file then).
    pub async fn close(&self) {
        self.release_lead().await;
        self.db.close().await;
    }
}

/// Now, in RFC 3339 UTC with a fixed number of digits, so that comparing the
/// stored text orders rows by time.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// One line of a database error: server messages may carry a detail line.
fn one_line(e: &sqlx::Error) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
