//! Subscriptions and deliveries in SQLite.
