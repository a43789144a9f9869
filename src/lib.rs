//! firedrill: rehearse production rollbacks and run live incidents from a
//! one-page TOML runbook, keeping an append-only journal no crash can lose.
//!
//! Layers, arrows pointing inward only: `core` (pure rules, no IO, no clock),
//! `store` (files), `tui` (the terminal shell), and at the edge `cli`
//! (arguments), `config` (the user's config file) and `logging`; beside
//! them `practice`, a small local service to rehearse on.

pub mod cli;
pub mod config;
pub mod core;
pub mod exec;
pub mod logging;
pub mod practice;
pub mod store;
pub mod tui;
