//! Files: where sessions live, the journal (append, fsync, replay) and
//! atomic, never-overwriting writes of finished postmortems.
//!
//! May use core, `std::fs`, `serde_json` and tempfile; never the terminal.

pub mod annex;
pub mod atomic;
pub mod card;
pub mod check;
pub mod cores;
pub mod draft;
pub mod exports;
pub mod follow;
pub mod heartbeat;
pub mod journal;
pub mod lock;
pub mod paths;
pub mod preflight;
pub mod proposal;
pub mod regular;
pub mod review;
pub mod runbook_file;
pub mod save;
pub mod schedule;
pub mod sessions;
pub mod ship;
pub mod trust;
