//! `firedrill propose JOURNAL [--previous JOURNAL] [--apply]`: the
//! same-day runbook update. Replays the session, asks `core::proposal`
//! what it says about the runbook, and prints each proposal and the
//! unified diff of the runbook file; `--apply` (the confirmation) writes it
//! atomically and checks the result. Nothing changes without `--apply`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::core::proposal;
use crate::core::runbook::Runbook;
use crate::core::sanitize::sanitize_line;
use crate::core::session::Session;
use crate::store::{atomic, journal, runbook_file};

/// Proposes (and with `apply`, makes) the runbook update from `journal`.
///
/// # Errors
/// A journal that cannot be read, a runbook that cannot be written, or a
/// closed standard output.
pub fn run(journal_path: &Path, previous: Option<&Path>, apply: bool) -> anyhow::Result<ExitCode> {
    let (session, header) = replay(journal_path)?;
    let before = previous.map(replay).transpose()?.map(|(s, _)| s);
    let runbook = Runbook::parse(&header.runbook_path, &header.runbook_text)
        .map_err(|_| anyhow::anyhow!("the journal's runbook does not parse"))?;
    let end_ms = session.finished_ms.or_else(|| session.events.last().map(|e| e.t_ms)).unwrap_or(0);
    let proposals = proposal::propose(&runbook, &session, before.as_ref(), end_ms);
    let mut out = String::new();
    if proposals.is_empty() {
        out.push_str("nothing to propose: every target held and no note starts with RUNBOOK:\n");
        crate::cli::docs::print_bytes(out.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    for p in &proposals {
        let _ = writeln!(out, "- {}", sanitize_line(&p.to_string()));
    }
    let path = Path::new(&header.runbook_path);
    let shown = sanitize_line(&header.runbook_path);
    let Ok(current) = runbook_file::load(path).map(|l| l.text) else {
        let _ = writeln!(out, "\n{shown} cannot be read here: run propose from the folder the session ran in");
        crate::cli::docs::print_bytes(out.as_bytes())?;
        return Ok(ExitCode::from(1));
    };
    let when = session.started_at.map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let edited = proposal::apply(&current, &proposals, &when).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let diff = similar::TextDiff::from_lines(&current, &edited);
    let _ = write!(out, "\n{}", diff.unified_diff().header(&format!("a/{shown}"), &format!("b/{shown}")));
    if apply {
        if let Err(errors) = Runbook::parse(&shown, &edited) {
            for e in errors {
                let _ = writeln!(out, "{e}");
            }
            let _ = writeln!(out, "not applied: the edited runbook would not pass check");
            crate::cli::docs::print_bytes(out.as_bytes())?;
            return Ok(ExitCode::from(1));
        }
        // The runbook keeps its permissions (the atomic write's temp file is owner-only).
        let mode = std::fs::metadata(path).map(|m| m.permissions());
        atomic::replace(path, edited.as_bytes()).map_err(|e| anyhow::anyhow!("cannot write {shown}: {e}"))?;
        if let Ok(mode) = mode {
            std::fs::set_permissions(path, mode).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
        }
        let _ = writeln!(out, "\napplied to {shown}; it passes check");
    } else {
        let with_previous =
            previous.map(|p| format!(" --previous {}", sanitize_line(&p.display().to_string()))).unwrap_or_default();
        let journal = sanitize_line(&journal_path.display().to_string());
        let _ = writeln!(out, "\nnothing changed; apply it with: firedrill propose {journal}{with_previous} --apply");
    }
    crate::cli::docs::print_bytes(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn replay(path: &Path) -> anyhow::Result<(Session, crate::core::event::Header)> {
    let loaded = journal::read(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    // With its deck, when it had one: a card's effect changes what was checked.
    let (header, _, session) =
        loaded.into_session().map_err(|e| anyhow::anyhow!("{}: {e}", sanitize_line(&path.display().to_string())))?;
    Ok((session, header))
}
