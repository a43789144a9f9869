//! The records: postmortems, journals replayed byte for byte, review, redaction and hostile input.
//! One test crate (one link) for all of them; each file is a module.

#[path = "../common/mod.rs"]
mod common;

mod golden;
mod hostile;
mod postmortem;
mod postmortem_injects;
mod properties;
mod redaction;
mod review;
