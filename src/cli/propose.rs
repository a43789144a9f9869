//! `firedrill propose JOURNAL [--previous JOURNAL] [--apply]` and
//! `firedrill apply-proposal DIFF [--yes]`: the same-day runbook update.
//! `propose` replays a session and prints each proposal and the unified
//! diff of the runbook file; `apply-proposal` applies the diff a save wrote
//! beside the postmortem, after a "(y/n)" (or `--yes`). Both edit through
//! `store::proposal` (`toml_edit`, comments kept) and then run the same
//! check as `firedrill check`. Nothing changes without `--apply`, `y` or
//! `--yes`.

use std::fmt::Write as _;
use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use crate::core::sanitize::sanitize_line;
use crate::store::proposal::{self, Proposed};
use crate::store::{check::Checked, journal};

fn print(out: &str) -> anyhow::Result<()> {
    crate::cli::docs::print_bytes(out.as_bytes())
}

/// Proposes (and with `apply`, makes) the runbook update from `journal`.
///
/// # Errors
/// A journal that cannot be read, a runbook that cannot be written, or a
/// closed standard output.
pub fn run(journal_path: &Path, previous: Option<&Path>, apply: bool) -> anyhow::Result<ExitCode> {
    let loaded = journal::read(journal_path).map_err(|e| anyhow::anyhow!("{e}"))?;
    let (runbook, session) = loaded.session().map_err(|e| anyhow::anyhow!("{e}"))?;
    let before = match previous {
        Some(p) => Some(journal::read(p).and_then(|l| l.session()).map_err(|e| anyhow::anyhow!("{e}"))?.1),
        None => None,
    };
    let proposed = match proposal::for_session(&loaded.header, &runbook, &session, before.as_ref()) {
        Ok(Some(p)) => p,
        Ok(None) => {
            print("nothing to propose: every target held and no note starts with RUNBOOK:\n")?;
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => {
            crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    let mut out = shown(&proposed);
    if !apply {
        let with_previous =
            previous.map(|p| format!(" --previous {}", sanitize_line(&p.display().to_string()))).unwrap_or_default();
        let journal = sanitize_line(&journal_path.display().to_string());
        let _ = writeln!(out, "\nnothing changed; apply it with: firedrill propose {journal}{with_previous} --apply");
        print(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    print(&out)?;
    Ok(applied(&proposed))
}

/// Each proposal, then the diff.
fn shown(p: &Proposed) -> String {
    let mut out = String::new();
    for l in &p.lines {
        let _ = writeln!(out, "- {l}");
    }
    let _ = write!(out, "\n{}", p.diff());
    out
}

/// Applies `p`, prints what the check says; exit 1 when not applied or
/// the check finds an error.
fn applied(p: &Proposed) -> ExitCode {
    match proposal::apply(p, chrono::Utc::now().date_naive()) {
        Ok(checked) => {
            crate::tell!("\napplied to {}; firedrill check says:", sanitize_line(&p.runbook));
            for line in checked.lines() {
                crate::tell!("{line}");
            }
            if matches!(checked, Checked::Invalid { .. }) { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// `firedrill apply-proposal DIFF [--yes]`: shows the saved proposal, asks
/// "(y/n)" on the terminal unless `yes`, applies it and checks the runbook.
/// Exit 0 applied and valid, 1 not applied (stale, refused, invalid), 2
/// when it would have to ask but standard input is not a terminal.
///
/// # Errors
/// A closed standard output.
pub fn apply_saved(diff: &Path, yes: bool) -> anyhow::Result<ExitCode> {
    let proposed = match proposal::load_saved(diff) {
        Ok(p) => p,
        Err(e) => {
            crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    print(&shown(&proposed))?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            crate::say!("firedrill: not a terminal to ask on: pass --yes to apply without asking");
            return Ok(ExitCode::from(2));
        }
        print!("\nApply this to {}? (y/n) ", sanitize_line(&proposed.runbook));
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            crate::tell!("nothing changed");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(applied(&proposed))
}
