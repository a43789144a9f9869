//! `firedrill check`, like a linter: every error of every file, warnings
//! for practice gaps, `--strict` to fail on warnings, `--json` for one
//! object per finding, and `--injects DECK` checked against each runbook.
//! The codes are listed in docs/runbook.md; the check of one runbook is
//! `store::check`, shared with `apply-proposal`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::runbook::RunbookError;
pub use crate::store::check::Finding;
use crate::store::check::{Checked, check};
use crate::store::runbook_file;

/// How `firedrill check` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Fail (exit 1) on warnings too.
    pub strict: bool,
    /// One JSON object per finding.
    pub json: bool,
    /// A deck of inject cards to check against each runbook (`--injects`).
    pub deck: Option<&'a Path>,
}

/// Prints each of `errors` as `path:line:col: message` on stderr; exit code 1.
pub fn print_errors(errors: &[RunbookError]) -> ExitCode {
    for e in errors {
        eprintln!("{e}");
    }
    ExitCode::from(1)
}

/// The deck's findings against the runbook at `path` (none when the
/// runbook itself does not load: its errors say so), and its ok line; the
/// errors are printed on stderr unless `quiet` (JSON says it all).
fn deck_findings(deck: &Path, path: &Path, quiet: bool) -> (Vec<Finding>, Option<String>) {
    let Ok(l) = runbook_file::load(path) else { return (Vec::new(), None) };
    match runbook_file::load_deck(deck, &l.runbook) {
        Ok(d) => {
            let cards = crate::core::words::count(d.deck.injects.len(), "inject card");
            (Vec::new(), Some(format!("{}: ok ({cards} for {})", d.path, l.path)))
        }
        Err(list) => {
            if !quiet {
                print_errors(&list);
            }
            (list.iter().map(Finding::error).collect(), None)
        }
    }
}

/// Checks `runbooks` (and the deck, against each); exit 1 when any has an
/// error, or with `strict` a warning.
pub fn run(runbooks: &[PathBuf], opts: Options<'_>) -> ExitCode {
    let Options { strict, json, deck } = opts;
    let (mut errors, mut warned) = (0usize, 0usize);
    let mut out = String::new();
    let today = chrono::Utc::now().date_naive();
    for path in runbooks {
        let checked = check(path, today, strict);
        let mut findings = match &checked {
            Checked::Loaded { warnings, .. } => {
                warned += warnings.len();
                if !json {
                    for line in checked.lines() {
                        let _ = writeln!(out, "{line}");
                    }
                }
                warnings.clone()
            }
            Checked::Invalid { errors: list, printed } => {
                errors += list.len();
                if !json {
                    for e in printed {
                        eprintln!("{e}");
                    }
                }
                list.clone()
            }
        };
        if let Some(deck) = deck {
            let (found, ok) = deck_findings(deck, path, json);
            errors += found.len();
            if let (Some(ok), false) = (ok, json) {
                let _ = writeln!(out, "{ok}");
            }
            findings.extend(found);
        }
        if json {
            for f in findings {
                let _ = writeln!(out, "{}", serde_json::to_string(&f).unwrap_or_default());
            }
        }
    }
    if crate::cli::docs::print_bytes(out.as_bytes()).is_err() {
        return ExitCode::from(1);
    }
    if errors > 0 {
        return ExitCode::from(1);
    }
    if strict && warned > 0 {
        if !json {
            eprintln!("firedrill: {}, and --strict fails on warnings", crate::core::words::count(warned, "warning"));
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
