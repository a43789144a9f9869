//! The practice range: a small real service on localhost for a first drill
//! that really rolls something back. It has releases (one known-good, one
//! that breaks sign-up while its kill switch is on), a deploy ledger, a
//! kill-switch store and an HTTP endpoint (`/signup`, `/version`,
//! `/healthz`), all in a folder of its own; `firedrill practice ...` drives
//! it and `runbooks/practice.toml` rehearses its incident.
//!
//! Outside `core`: it does files, network and processes. It binds
//! 127.0.0.1 only, never another interface.

pub mod args;
pub mod catalog;
pub mod client;
pub mod commands;
pub mod daemon;
pub mod files;
pub mod offer;
pub mod server;

pub use args::PracticeOp;
