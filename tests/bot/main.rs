//! The bot: pure views, and the real dispatcher over HTTP against a fake Bot API
//! on 127.0.0.1 (the binary's own handler tree, or the binary itself).

mod harness;

mod archive;
mod balancer;
mod commands;
mod console;
mod crash;
mod fake_api;
mod flood;
mod paid;
mod questions;
mod replicas;
mod startup;
mod subscriptions;
mod view;
mod view_answers;
