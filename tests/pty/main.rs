//! The real binary in a pseudo-terminal: journeys, kills, signals, resume, follow, and faults of the disk.
//! One test crate (one link) for all of them; each file is a module.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod drill;
mod evidence;
mod follow;
mod hostile;
mod incident;
mod injects;
mod journal_faults;
mod kills;
mod logs;
mod restore;
mod restore_completes;
mod resume;
mod signals;
