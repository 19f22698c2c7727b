//! Configuration from the environment, validated once.
