//! Opening a store: the URL's scheme picks the backend, then each backend's
//! pool, and URLs shown with their passwords hidden.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use super::db::Pool;
use super::{StoreError, one_line};

/// How long a SQLite writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long to wait for the PostgreSQL server to answer at start.
pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections per PostgreSQL pool: handlers, the broadcast and the watcher
/// share them; the leader's connection is apart.
const PG_CONNECTIONS: u32 = 10;
/// Connections the pool keeps open even when idle.
const PG_WARM: u32 = 3;

/// The database behind a [`Store`], chosen by the URL's scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://path`, `sqlite:path`, `sqlite::memory:`.
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or `None` for any other scheme.
    #[must_use]
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

pub(super) async fn open(url: &str) -> Result<Pool, StoreError> {
    match Backend::of_url(url) {
        Some(Backend::Sqlite) => open_sqlite(url).await,
        Some(Backend::Postgres) => open_postgres(url).await,
        // sqlx would read any other scheme as part of a SQLite file name and
        // happily create a file called "mysql://...", so check it ourselves.
        None => Err(StoreError::UnsupportedUrl {
            url: redact_url(url),
        }),
    }
}

async fn open_sqlite(url: &str) -> Result<Pool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| StoreError::BadUrl {
            url: redact_url(url),
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
        url: redact_url(url),
        source,
    })?;
    Ok(Pool::Sqlite(pool))
}

async fn open_postgres(url: &str) -> Result<Pool, StoreError> {
    let options = PgConnectOptions::from_str(url).map_err(|source| StoreError::BadUrl {
        url: redact_url(url),
        source,
    })?;
    let unreachable = |reason: String| StoreError::Unreachable {
        url: redact_url(url),
        reason,
    };
    // One connection first: a pool retries a refused connection until its
    // acquire timeout and then says only that it timed out, which names
    // neither the server nor the cause.
    let first = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options))
        .await
        .map_err(|_| unreachable(format!("no answer in {} s", CONNECT_TIMEOUT.as_secs())))?
        .map_err(|e| unreachable(one_line(&e)))?;
    // Best effort: the server has answered, which is all this connection was for.
    let _ = first.close().await;
    // A few connections kept open: a reply that needs the store (a chat's first
    // language read) then never waits for a new connection's handshake while
    // the broadcast and the folder watcher hold the others.
    let pool = PgPoolOptions::new()
        .max_connections(PG_CONNECTIONS)
        .min_connections(PG_WARM)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(|e| unreachable(one_line(&e)))?;
    Ok(Pool::Postgres(pool))
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

/// `url` as it may be shown in a log or an error: any password, in the user
/// part or as a `password=` parameter, becomes `***`.
#[must_use]
pub fn redact_url(url: &str) -> String {
    if let Ok(mut parsed) = url::Url::parse(url) {
        let mut changed = false;
        if parsed.password().is_some() {
            changed = parsed.set_password(Some("***")).is_ok();
        }
        if parsed.query_pairs().any(|(k, _)| k == "password") {
            let pairs: Vec<(String, String)> = parsed
                .query_pairs()
                .map(|(k, v)| {
                    let v = if k == "password" {
                        "***".into()
                    } else {
                        v.into_owned()
                    };
                    (k.into_owned(), v)
                })
                .collect();
            parsed.query_pairs_mut().clear().extend_pairs(pairs);
            changed = true;
        }
        // Unchanged URLs are shown as given: re-serialising may normalise them.
        return if changed {
            parsed.into()
        } else {
            url.to_owned()
        };
    }
    // Not a URL the parser accepts: keep the scheme and the host part only.
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, url),
    };
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let host = host.split_once('?').map_or(host, |(host, _)| host);
    match scheme {
        _ if host.len() == rest.len() => url.to_owned(),
        Some(scheme) => format!("{scheme}://***@{host}"),
        None => format!("***@{host}"),
    }
}
