//! The store through its public API, each test on SQLite and, when
//! `NASHRA_TEST_POSTGRES_URL` is set, on PostgreSQL (see `support.rs`).

mod support;

mod deliveries;
mod opening;
mod reading;
mod replicas;
mod subscriptions;
