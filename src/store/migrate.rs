//! A tiny versioned migration runner: each script runs once, in its own
//! transaction, and is recorded in `schema_migrations`.

use sqlx::{Row, SqlitePool};

use super::{StoreError, now};

struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Append only: never edit a migration that has shipped, add a new one.
const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "init",
    sql: include_str!("migrations/0001_init.sql"),
}];

const CREATE_LEDGER: &str = "create table if not exists schema_migrations (
    version    integer primary key,
    name       text not null,
    applied_at text not null
)";

pub(super) async fn run(pool: &SqlitePool) -> Result<(), StoreError> {
    sqlx::query(CREATE_LEDGER).execute(pool).await?;

    let known = MIGRATIONS.last().map_or(0, |m| m.version);
    let found = current_version(pool).await?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }

    for migration in MIGRATIONS.iter().filter(|m| m.version > found) {
        apply(pool, migration).await?;
    }
    Ok(())
}

pub(super) async fn current_version(pool: &SqlitePool) -> Result<i64, StoreError> {
    let row = sqlx::query("select coalesce(max(version), 0) as version from schema_migrations")
        .fetch_one(pool)
        .await?;
    Ok(row.try_get("version")?)
}

async fn apply(pool: &SqlitePool, migration: &Migration) -> Result<(), StoreError> {
    let failed = |source| StoreError::Migrate {
        version: migration.version,
        name: migration.name,
        source,
    };
    // Take the write lock up front: a second process starting at the same time
    // waits here instead of failing halfway through a script.
    let mut tx = pool.begin_with("begin immediate").await.map_err(failed)?;

    let already = sqlx::query("select 1 from schema_migrations where version = ?")
        .bind(migration.version)
        .fetch_optional(&mut *tx)
        .await
        .map_err(failed)?;
    if already.is_some() {
        // The other process won the race; dropping `tx` rolls back our no-op.
        return Ok(());
    }

    sqlx::raw_sql(migration.sql)
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
    sqlx::query("insert into schema_migrations (version, name, applied_at) values (?, ?, ?)")
        .bind(migration.version)
        .bind(migration.name)
        .bind(now())
        .execute(&mut *tx)
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
