//! Subscriptions and deliveries in SQLite.
//!
//! Chats are plain `i64` ids; nothing here knows about Telegram types. The schema
//! lives in `migrations/*.sql` and is applied by a small versioned runner
//! (`migrate.rs`) when a [`Store`] is opened; `subscriptions.rs` and
//! `deliveries.rs` hold the queries.

mod chat;
mod deliveries;
mod migrate;
mod subscriptions;

pub use chat::{ChatKind, Lang};

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Everything that can go wrong in the store layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database URL {url:?} is not a SQLite URL — set NASHRA_DATABASE_URL to something like sqlite://data/nashra.db"
    )]
    NotSqlite { url: String },

    #[error(
        "cannot read the database URL {url:?}: {source} — set NASHRA_DATABASE_URL to something like sqlite://data/nashra.db"
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

    #[error("cannot open the database at {url}: {source} — check NASHRA_DATABASE_URL")]
    Open { url: String, source: sqlx::Error },

    #[error(
        "cannot apply database migration {version} ({name}): {source} — restore a backup of the database or report this as a bug"
    )]
    Migrate {
        version: i64,
        name: &'static str,
        source: sqlx::Error,
    },

    #[error(
        "the database is at schema version {found} but this nashra knows only up to {known} — run a newer nashra or point NASHRA_DATABASE_URL at another file"
    )]
    TooNew { found: i64, known: i64 },

    #[error("the database holds an {0} — it was probably written by a newer nashra")]
    Corrupt(String),

    #[error(
        "a database query failed: {0} — check that the database file is writable and the disk is not full"
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

/// Handle to the database; cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if missing) the database at `url` and brings its schema up
    /// to date. Accepts `sqlite://path`, `sqlite:path` and `sqlite::memory:`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        // sqlx would read any other scheme as part of a file name and happily
        // create a file called "postgres://...", so check it ourselves.
        if !url.starts_with("sqlite:") {
            return Err(StoreError::NotSqlite {
                url: url.to_owned(),
            });
        }
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|source| StoreError::BadUrl {
                url: url.to_owned(),
                source,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);

        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let pool = if in_memory {
            // An in-memory database lives exactly as long as its connection, so
            // keep one connection forever and share it.
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await
        } else {
            create_parent_folder(options.get_filename()).await?;
            SqlitePoolOptions::new().connect_with(options).await
        }
        .map_err(|source| StoreError::Open {
            url: url.to_owned(),
            source,
        })?;

        migrate::run(&pool).await?;
        Ok(Self { pool })
    }

    /// A fresh, private in-memory store, for tests and the offline console.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        Self::open("sqlite::memory:").await
    }

    /// The highest migration applied to this database.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        migrate::current_version(&self.pool).await
    }

    /// Waits for queries in flight and closes every connection; call on shutdown
    /// so the WAL is checkpointed into the main file.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

async fn create_parent_folder(file: &std::path::Path) -> Result<(), StoreError> {
    let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    tokio::fs::create_dir_all(parent)
        .await
        .map_err(|source| StoreError::CreateFolder {
            path: parent.to_owned(),
            source,
        })
}

/// Now, in RFC 3339 UTC with a fixed number of digits, so that comparing the
/// stored text orders rows by time.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}
