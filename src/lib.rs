//! firedrill: rehearse production rollbacks and run live incidents from a
//! one-page TOML runbook, keeping an append-only journal no crash can lose.
//!
//! Layers, arrows pointing inward only: `core` (pure rules, no IO, no clock),
//! `store` (files), `tui` (the terminal shell), and at the edge `cli`
//! (arguments), `config` (the user's config file) and `logging`; beside
//! them `practice`, a small local service to rehearse on.

/// Prints a message for a person on standard error, through the terminal
/// sink (`core::sanitize`): a path or name with an escape sequence shows
/// the escape, never runs it. Every message firedrill prints goes this way,
/// through [`say_line`].
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::say_line(&$crate::core::sanitize::sanitize(&format!($($arg)*)))
    };
}

/// Writes `text` and a newline on standard error. A terminal that is gone
/// (closed after a hang-up: every write fails) or a full device loses the
/// message, never the exit: what a session leaves is in its journal and
/// the log, and the exit code still says how it ended.
pub fn say_line(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Like [`say!`], on standard output (messages, never documents: those
/// go through their own sink, markdown or JSON), through [`tell_line`].
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::tell_line(&$crate::core::sanitize::sanitize(&format!($($arg)*)))
    };
}

/// Writes `text` and a newline on standard output. A message no one
/// reads any more (`firedrill new x.toml | head -0`) is dropped and the
/// command goes on with its work (a schema still written beside a new
/// runbook), never a panic; any other failure to write is said once on
/// standard error.
pub fn tell_line(text: &str) {
    static SAID: std::sync::Once = std::sync::Once::new();
    if let Err(e) = cli::docs::print_bytes(format!("{text}\n").as_bytes()) {
        SAID.call_once(|| say!("firedrill: cannot write to standard output: {e}"));
    }
}

pub mod cli;
pub mod config;
/// The pure rules, in their own crate (`crates/firedrill-core`): no
/// terminal, file system, process or clock can be imported there.
pub use firedrill_core as core;
pub mod exec;
pub mod keymap;
pub mod logging;
pub mod practice;
pub mod store;
pub mod theme;
pub mod tui;
