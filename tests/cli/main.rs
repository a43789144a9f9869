//! The command line: every subcommand run as a child process, its output and exit code, and the files it writes.
//! One test crate (one link) for all of them; each file is a module.

#[path = "../common/mod.rs"]
mod common;

mod actions;
mod card;
mod check_and_docs;
mod check_strict;
mod cli;
mod clients;
mod config;
mod decks;
mod practice;
mod preflight;
mod propose;
mod review_preflight;
mod runbooks;
mod schema;
