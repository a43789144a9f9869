//! Showing a file in the reader's pager: `$PAGER` (a shell command, as git
//! runs it) or else `less`, with the terminal given back around it (raw
//! mode off, the main screen) and taken again after, drawn whole. Runs on
//! the loop's own task: nothing else needs the terminal meanwhile.

use std::path::Path;
use std::process::Command;

use crate::tui::terminal::{self, Term};

/// The pager a page would run: `$PAGER` when set and not blank, else `less`.
pub fn chosen() -> String {
    std::env::var("PAGER")
        .ok()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "less".to_owned())
}

/// Whether `$PAGER` names the pager (else it is `less`, the default).
fn from_env() -> bool {
    std::env::var("PAGER").is_ok_and(|p| !p.trim().is_empty())
}

/// Runs the pager on `path` and waits for it.
///
/// # Errors
/// Why the file was not shown: no pager could be started, or it failed.
fn run(path: &Path) -> Result<(), String> {
    let pager = chosen();
    let status = if from_env() {
        // "$1" keeps the path one argument whatever it holds.
        Command::new("sh").arg("-c").arg(format!("{pager} \"$1\"")).arg("sh").arg(path).status()
    } else {
        Command::new("less").arg(path).status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        // The shell's "command not found".
        Ok(s) if from_env() && s.code() == Some(127) => Err(format!("the pager $PAGER names ({pager}) was not found")),
        Ok(s) => Err(format!("{pager} ended with {s}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("no pager: $PAGER is not set and less is not installed".to_owned())
        }
        Err(e) => Err(format!("{pager} could not start: {e}")),
    }
}

/// Gives the terminal back, shows `path` in the pager, then takes the
/// terminal again and forgets what was drawn (the next frame is whole).
///
/// # Errors
/// Why the file was not shown (it cannot be read, no pager started, the
/// pager failed), or the terminal could not be taken back.
pub fn page(term: &mut Term, path: &Path) -> Result<(), String> {
    // A file the pager cannot read would flash an error and vanish: say it
    // here, without leaving the screen (only a regular file: never a FIFO).
    crate::store::regular::open(path, u64::MAX).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    terminal::leave();
    let shown = run(path);
    terminal::resume(term).map_err(|e| format!("the terminal could not be taken back: {e}"))?;
    shown
}
