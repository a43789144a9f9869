//! Running programs the runbook names, never through a shell: commands of
//! checklist items and checks (streamed, capped, redacted, killed with their
//! process group on timeout), the `notify` program for status updates, and
//! the read-only probes of `preflight`.
//!
//! May use `tokio::process` and core types; never the terminal.

pub mod guard;
mod notify;
pub mod probe;
pub mod redact;
pub mod run;
pub mod tracker;

pub use notify::{NOTIFY_TIMEOUT, deliver};
