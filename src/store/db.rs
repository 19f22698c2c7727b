//! The two backends behind one small query interface: a pool (or a transaction)
//! that is SQLite or PostgreSQL, arguments of the few types the store binds, and
//! rows read by column name.
//!
//! Most queries are written once, in the SQL both dialects share (`$1`
//! placeholders, `on conflict do nothing`, `update … from`); where they differ
//! the caller picks the text with [`Pool::is_postgres`].

use sqlx::postgres::{PgPool, PgRow};
use sqlx::query::Query;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Database, Decode, Encode, Postgres, Row, Sqlite, Transaction, Type};

/// A value bound to a query.
#[derive(Debug, Clone, Copy)]
pub(super) enum Arg<'a> {
    Int(i64),
    OptInt(Option<i64>),
    Text(&'a str),
    OptText(Option<&'a str>),
}

impl From<i64> for Arg<'_> {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}

impl From<Option<i64>> for Arg<'_> {
    fn from(v: Option<i64>) -> Self {
        Self::OptInt(v)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Self::Text(v)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Self::Text(v)
    }
}

impl<'a> From<&'a Option<String>> for Arg<'a> {
    fn from(v: &'a Option<String>) -> Self {
        Self::OptText(v.as_deref())
    }
}

/// `args![a, b]`: the arguments of a query, in placeholder order.
macro_rules! args {
    ($($v:expr),* $(,)?) => {
        &[$($crate::store::db::Arg::from($v)),*]
    };
}
pub(super) use args;

fn bind<'q, DB: Database>(
    mut query: Query<'q, DB, <DB as Database>::Arguments<'q>>,
    args: &[Arg<'q>],
) -> Query<'q, DB, <DB as Database>::Arguments<'q>>
where
    i64: Encode<'q, DB> + Type<DB>,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    &'q str: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
{
    for arg in args {
        query = match *arg {
            Arg::Int(v) => query.bind(v),
            Arg::OptInt(v) => query.bind(v),
            Arg::Text(v) => query.bind(v),
            Arg::OptText(v) => query.bind(v),
        };
    }
    query
}

/// A row of either backend.
pub(super) enum Record {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl Record {
    /// The column `name`, decoded as `T`.
    pub(super) fn get<T>(&self, name: &str) -> Result<T, sqlx::Error>
    where
        T: for<'r> Decode<'r, Sqlite>
            + Type<Sqlite>
            + for<'r> Decode<'r, Postgres>
            + Type<Postgres>,
    {
        match self {
            Self::Sqlite(row) => row.try_get(name),
            Self::Postgres(row) => row.try_get(name),
        }
    }
}

/// The connection pool of one backend.
#[derive(Clone, Debug)]
pub(super) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// One transaction, begun by [`Pool::begin`].
pub(super) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

// The same four ways to run a query, on a pool and on a transaction.
macro_rules! runners {
    ($ty:ty, $recv:ty, $conn:ident => $sqlite:expr, $postgres:expr) => {
        #[allow(
            dead_code,
            reason = "the same runners on both; not each is used on both"
        )]
        impl $ty {
            /// Runs a statement; returns how many rows it changed.
            pub(super) async fn execute(
                self: $recv,
                sql: &str,
                args: &[Arg<'_>],
            ) -> Result<u64, sqlx::Error> {
                Ok(match self {
                    Self::Sqlite($conn) => bind(sqlx::query(sql), args)
                        .execute($sqlite)
                        .await?
                        .rows_affected(),
                    Self::Postgres($conn) => bind(sqlx::query(sql), args)
                        .execute($postgres)
                        .await?
                        .rows_affected(),
                })
            }

            pub(super) async fn fetch_all(
                self: $recv,
                sql: &str,
                args: &[Arg<'_>],
            ) -> Result<Vec<Record>, sqlx::Error> {
                Ok(match self {
                    Self::Sqlite($conn) => bind(sqlx::query(sql), args)
                        .fetch_all($sqlite)
                        .await?
                        .into_iter()
                        .map(Record::Sqlite)
                        .collect(),
                    Self::Postgres($conn) => bind(sqlx::query(sql), args)
                        .fetch_all($postgres)
                        .await?
                        .into_iter()
                        .map(Record::Postgres)
                        .collect(),
                })
            }

            pub(super) async fn fetch_optional(
                self: $recv,
                sql: &str,
                args: &[Arg<'_>],
            ) -> Result<Option<Record>, sqlx::Error> {
                Ok(match self {
                    Self::Sqlite($conn) => bind(sqlx::query(sql), args)
                        .fetch_optional($sqlite)
                        .await?
                        .map(Record::Sqlite),
                    Self::Postgres($conn) => bind(sqlx::query(sql), args)
                        .fetch_optional($postgres)
                        .await?
                        .map(Record::Postgres),
                })
            }

            pub(super) async fn fetch_one(
                self: $recv,
                sql: &str,
                args: &[Arg<'_>],
            ) -> Result<Record, sqlx::Error> {
                Ok(match self {
                    Self::Sqlite($conn) => {
                        Record::Sqlite(bind(sqlx::query(sql), args).fetch_one($sqlite).await?)
                    }
                    Self::Postgres($conn) => {
                        Record::Postgres(bind(sqlx::query(sql), args).fetch_one($postgres).await?)
                    }
                })
            }
        }
    };
}

runners!(Pool, &Self, pool => pool, pool);
runners!(Tx, &mut Self, tx => &mut **tx, &mut **tx);

impl Pool {
    #[must_use]
    pub(super) fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }

    /// Begins a transaction. SQLite's takes the write lock at once, so two
    /// writers queue at the start instead of one failing at its first write.
    pub(super) async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin_with("begin immediate").await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub(super) async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    /// Runs a script of several statements, as a migration is.
    pub(super) async fn script(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => sqlx::raw_sql(sql).execute(&mut **tx).await.map(drop),
            Self::Postgres(tx) => sqlx::raw_sql(sql).execute(&mut **tx).await.map(drop),
        }
    }

    pub(super) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.commit().await,
            Self::Postgres(tx) => tx.commit().await,
        }
    }
}
