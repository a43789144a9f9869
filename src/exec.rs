//! Running programs the runbook names, never through a shell: commands of
//! checklist items and checks (streamed, capped, redacted, killed with their
//! process group on timeout), and the `notify` program for status updates.
//!
//! May use `tokio::process` and core types; never the terminal.

mod notify;
pub mod redact;
pub mod run;
pub mod tracker;

pub use notify::{NOTIFY_TIMEOUT, deliver};
