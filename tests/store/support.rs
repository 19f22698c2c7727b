//! One test body, two databases: [`on_both!`] turns each `async fn name(db:
//! &TestDb)` into the tests `name::sqlite` (always) and `name::postgres` (when
//! `NASHRA_TEST_POSTGRES_URL` names a server; reported as ignored by a plain
//! `cargo test`, run by `.ci/run`).
//! Each test gets a database of its own: a SQLite file in a temporary folder,
//! or a fresh PostgreSQL schema, dropped when the test passes.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use nashra::store::{Due, Lang, NewSubscription, Store};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection, Row, SqliteConnection};

/// The server the PostgreSQL variants use; `.ci/with-postgres` provides one.
pub const POSTGRES_VAR: &str = "NASHRA_TEST_POSTGRES_URL";

/// For each named `async fn(&TestDb)` of the calling module, a module of the
/// same name holding its `sqlite` and `postgres` tests.
macro_rules! on_both {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                $crate::support::on_sqlite(super::$name).await;
            }

            #[tokio::test]
            #[ignore = "needs NASHRA_TEST_POSTGRES_URL (.ci/with-postgres)"]
            async fn postgres() {
                $crate::support::on_postgres(module_path!(), super::$name).await;
            }
        }
    )+};
}
pub(crate) use on_both;

/// A database for one test.
pub enum TestDb {
    Sqlite {
        url: String,
        _dir: tempfile::TempDir,
    },
    Postgres {
        /// The server's URL, with `search_path` set to the test's schema.
        url: String,
        server: String,
        schema: String,
    },
}

pub async fn on_sqlite(test: impl AsyncFnOnce(&TestDb)) {
    let db = TestDb::sqlite();
    test(&db).await;
}

/// Runs `test` on a fresh schema of the server in `NASHRA_TEST_POSTGRES_URL`.
/// The `postgres` variants are ignored by a plain `cargo test`; run without a
/// server (`--include-ignored` outside `.ci/with-postgres`), they fail saying why.
pub async fn on_postgres(name: &str, test: impl AsyncFnOnce(&TestDb)) {
    // `module_path!()` of the generated module: the test's own name.
    let name = name.rsplit("::").next().unwrap_or(name);
    let Some(server) = std::env::var(POSTGRES_VAR).ok().filter(|v| !v.is_empty()) else {
        panic!("{name}::postgres needs {POSTGRES_VAR}: run it with .ci/with-postgres");
    };
    let db = TestDb::postgres(&server, name).await;
    test(&db).await;
    db.drop_schema().await;
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", dir.path().join("nashra.db").display());
        Self::Sqlite { url, _dir: dir }
    }

    async fn postgres(server: &str, test: &str) -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        // Identifiers stop at 63 bytes; the pid and the clock keep runs apart.
        let schema = format!(
            "t_{}_{}_{nanos}",
            &test[..test.len().min(36)],
            std::process::id()
        );
        let mut admin = PgConnection::connect(server).await.unwrap_or_else(|e| {
            panic!("{POSTGRES_VAR} is set but the server cannot be reached: {e}")
        });
        sqlx::query(&format!("create schema {schema}"))
            .execute(&mut admin)
            .await
            .expect("create the test's schema");
        admin.close().await.ok();

        let mut url = url::Url::parse(server).expect("NASHRA_TEST_POSTGRES_URL is a URL");
        url.query_pairs_mut()
            .append_pair("options", &format!("-c search_path={schema}"));
        Self::Postgres {
            url: url.into(),
            server: server.to_owned(),
            schema,
        }
    }

    async fn drop_schema(&self) {
        if let Self::Postgres { server, schema, .. } = self {
            let mut admin = PgConnection::connect(server).await.expect("reconnect");
            sqlx::query(&format!("drop schema {schema} cascade"))
                .execute(&mut admin)
                .await
                .expect("drop the test's schema");
            admin.close().await.ok();
        }
    }

    pub fn url(&self) -> &str {
        match self {
            Self::Sqlite { url, .. } | Self::Postgres { url, .. } => url,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres { .. })
    }

    /// A new handle on this test's database (another replica, as it were).
    pub async fn open(&self) -> Store {
        Store::open(self.url()).await.expect("the store opens")
    }

    /// Runs a statement behind the store's back.
    pub async fn execute(&self, sql: &str) {
        match self {
            Self::Sqlite { url, .. } => {
                // The store may not have made the file yet.
                let options = SqliteConnectOptions::from_str(url).unwrap();
                let mut conn = options.create_if_missing(true).connect().await.unwrap();
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
            }
            Self::Postgres { url, .. } => {
                let mut conn = PgConnection::connect(url).await.unwrap();
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
            }
        }
    }

    /// The first column of the first row of `sql`, an integer.
    pub async fn number(&self, sql: &str) -> i64 {
        match self {
            Self::Sqlite { url, .. } => {
                let mut conn = SqliteConnection::connect(url).await.unwrap();
                sqlx::query(sql).fetch_one(&mut conn).await.unwrap().get(0)
            }
            Self::Postgres { url, .. } => {
                let mut conn = PgConnection::connect(url).await.unwrap();
                sqlx::query(sql).fetch_one(&mut conn).await.unwrap().get(0)
            }
        }
    }
}

pub fn sub(chat_id: i64, chat_type: &str) -> NewSubscription {
    NewSubscription {
        chat_id,
        kind: chat_type.parse().expect("a chat kind"),
        title: Some(format!("chat {chat_id}")),
        subscribed_by: Some(7),
        lang: Lang::Ar,
    }
}

pub fn due_ids(due: &[Due]) -> Vec<i64> {
    due.iter().map(|d| d.chat_id).collect()
}
