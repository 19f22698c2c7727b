//! A tiny versioned migration runner: each dialect has its own scripts with the
//! same numbers and names; each runs once and is recorded in `schema_migrations`.

use super::db::{Pool, Tx, args};
use super::{StoreError, now};

struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Append only: never edit a migration that has shipped, add a new one, to
/// both lists.
const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "leases",
        sql: include_str!("migrations/sqlite/0002_leases.sql"),
    },
    Migration {
        version: 3,
        name: "reading",
        sql: include_str!("migrations/sqlite/0003_reading.sql"),
    },
];

const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "leases",
        sql: include_str!("migrations/postgres/0002_leases.sql"),
    },
    Migration {
        version: 3,
        name: "reading",
        sql: include_str!("migrations/postgres/0003_reading.sql"),
    },
];

/// Serialises replicas migrating the same PostgreSQL schema at once: an
/// advisory lock held to the end of the transaction, keyed by a constant
/// ("nasm") and the schema's name.
const LOCK_POSTGRES: &str = "select pg_advisory_xact_lock(1851880301, hashtext(current_schema()))";

/// SQLite's ledger as the first nashra made it; PostgreSQL's needs `bigint` to
/// read back as an `i64`.
const CREATE_LEDGER_SQLITE: &str = "create table if not exists schema_migrations (
    version    integer primary key,
    name       text not null,
    applied_at text not null
)";
const CREATE_LEDGER_POSTGRES: &str = "create table if not exists schema_migrations (
    version    bigint primary key,
    name       text not null,
    applied_at text not null
)";

pub(super) async fn run(db: &Pool) -> Result<(), StoreError> {
    let (migrations, ledger) = if db.is_postgres() {
        (POSTGRES, CREATE_LEDGER_POSTGRES)
    } else {
        (SQLITE, CREATE_LEDGER_SQLITE)
    };
    let mut tx = begin(db).await?;
    tx.execute(ledger, &[]).await?;
    tx.commit().await?;

    let known = migrations.last().map_or(0, |m| m.version);
    let found = current_version(db).await?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for migration in migrations.iter().filter(|m| m.version > found) {
        apply(db, migration).await?;
    }
    Ok(())
}

pub(super) async fn current_version(db: &Pool) -> Result<i64, StoreError> {
    let row = db
        .fetch_one(
            "select coalesce(max(version), 0) as version from schema_migrations",
            &[],
        )
        .await?;
    Ok(row.get("version")?)
}

/// A transaction that no other process migrating this database runs beside:
/// SQLite's takes the write lock at once, PostgreSQL's takes the lock above.
/// A second replica starting at the same time waits here instead of failing
/// halfway through a script.
async fn begin(db: &Pool) -> Result<Tx, sqlx::Error> {
    let mut tx = db.begin().await?;
    if db.is_postgres() {
        tx.execute(LOCK_POSTGRES, &[]).await?;
    }
    Ok(tx)
}

/// Runs one script in its own transaction (PostgreSQL's DDL is transactional
/// too, so a failed script leaves the schema as it was).
async fn apply(db: &Pool, migration: &Migration) -> Result<(), StoreError> {
    let failed = |source| StoreError::Migrate {
        version: migration.version,
        name: migration.name,
        source,
    };
    let mut tx = begin(db).await.map_err(failed)?;
    let already = tx
        .fetch_optional(
            "select 1 from schema_migrations where version = $1",
            args![migration.version],
        )
        .await
        .map_err(failed)?;
    if already.is_some() {
        // Another process won the race; dropping `tx` rolls back our no-op.
        return Ok(());
    }
    tx.script(migration.sql).await.map_err(failed)?;
    tx.execute(
        "insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)",
        args![migration.version, migration.name, &now()],
    )
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)?;

    log::info!(
        "applied database migration {} ({})",
        migration.version,
        migration.name
    );
    Ok(())
}
