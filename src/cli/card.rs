//! `firedrill card RUNBOOK [--out FILE]`: the one-page drill card, printed
//! to standard output or written to a new file (never overwriting one).
//! Rendering is `core::card`; this only loads, writes and reports.

use std::path::Path;
use std::process::ExitCode;

use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file;

/// Prints or writes the card of the runbook at `runbook`; exit 1 when the
/// runbook does not load (its errors are printed as `path:line:col`) or
/// `out` exists or cannot be written.
///
/// # Errors
/// When standard output is closed mid-write (other than a closed pipe).
pub fn run(runbook: &Path, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let loaded = match runbook_file::load(runbook) {
        Ok(l) => l,
        Err(errors) => {
            for e in errors {
                crate::say!("{e}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    // The card is printed and pinned up: the runbook as a journal keeps it.
    let kept = match loaded.kept() {
        Ok(k) => k,
        Err(e) => {
            crate::say!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let card = crate::core::card::render(&kept.runbook, &loaded.path);
    let Some(out) = out else {
        crate::cli::docs::print_bytes(card.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    };
    let shown = sanitize_line(&out.display().to_string());
    if out.exists() {
        crate::say!("firedrill: {shown} exists; choose another path (a card is never overwritten)");
        return Ok(ExitCode::from(1));
    }
    if let Err(e) = crate::store::atomic::write_new(out, card.as_bytes()) {
        crate::say!("firedrill: cannot write {shown}: {e}");
        return Ok(ExitCode::from(1));
    }
    crate::tell!("wrote {shown} ({} lines); print it and keep it near releases", card.lines().count());
    Ok(ExitCode::SUCCESS)
}
