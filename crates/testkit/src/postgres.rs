//! A fresh PostgreSQL schema per test or benchmark on the server in
//! `NASHRA_TEST_POSTGRES_URL` (`.ci/with-postgres` sets it); without it, one line
//! on stderr says what was skipped.

use std::io::Write as _;

/// A schema of its own on the test server, dropped by [`Schema::drop_now`].
#[derive(Debug)]
pub struct Schema {
    /// A database URL whose connections use the schema (`search_path`).
    pub url: String,
    server: String,
    name: String,
}

impl Schema {
    /// A new schema named after `what`, or `None` (said on stderr) without a server.
    pub async fn fresh(what: &str) -> Option<Self> {
        let Some(server) = std::env::var("NASHRA_TEST_POSTGRES_URL")
            .ok()
            .filter(|v| !v.is_empty())
        else {
            let _ = writeln!(
                std::io::stderr(),
                "{what} skipped: NASHRA_TEST_POSTGRES_URL is not set (.ci/with-postgres runs the tests with a throwaway server)"
            );
            return None;
        };
        let name = format!("replicas_{}_{}", what, std::process::id());
        let admin = sqlx::PgPool::connect(&server)
            .await
            .expect("the test server");
        sqlx::query(&format!("create schema {name}"))
            .execute(&admin)
            .await
            .expect("a schema");
        admin.close().await;
        let mut url = url::Url::parse(&server).expect("a URL");
        url.query_pairs_mut()
            .append_pair("options", &format!("-c search_path={name}"));
        Some(Self {
            url: url.into(),
            server,
            name,
        })
    }

    /// A new schema for a test that is run only where a server is given
    /// (`#[ignore]` otherwise): without one it fails, saying why.
    pub async fn required(what: &str) -> Self {
        Self::fresh(what).await.unwrap_or_else(|| {
            panic!("{what} needs NASHRA_TEST_POSTGRES_URL: run it with .ci/with-postgres")
        })
    }

    /// Drops the schema and everything in it.
    pub async fn drop_now(self) {
        let admin = sqlx::PgPool::connect(&self.server)
            .await
            .expect("the test server");
        let _ = sqlx::query(&format!("drop schema {} cascade", self.name))
            .execute(&admin)
            .await;
        admin.close().await;
    }
}
