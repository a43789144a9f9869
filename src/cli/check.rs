//! `firedrill check`, like a linter: every error of every file, warnings
//! for practice gaps, `--strict` to fail on warnings, `--json` for one
//! object per finding, and `--injects DECK` checked against each runbook.
//! The codes are listed in docs/runbook.md; the check of one runbook is
//! `store::check`, shared with `apply-proposal`. A runbook named `-` is
//! read from standard input, its errors labelled `<stdin>:line:col`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::runbook::RunbookError;
pub use crate::store::check::Finding;
use crate::store::check::{Checked, check_loaded};
use crate::store::runbook_file::{self, LoadedRunbook};

/// How a runbook read from standard input is named in errors.
pub const STDIN: &str = "<stdin>";

/// The runbook at `path`, or standard input for `-` (refused when it is a
/// terminal: nothing would ever end it).
///
/// # Errors
/// What [`runbook_file::load`] gives, labelled [`STDIN`] for standard input.
pub fn load(path: &Path) -> Result<LoadedRunbook, Vec<RunbookError>> {
    if path != Path::new("-") {
        return runbook_file::load(path);
    }
    let stdin = std::io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        let why = "standard input is a terminal: pipe a runbook in (firedrill check - < runbook.toml)";
        return Err(vec![RunbookError::file(STDIN, why)]);
    }
    runbook_file::load_from(STDIN, stdin.lock())
}

/// How `firedrill check` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions<'a> {
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
        crate::say!("{e}");
    }
    ExitCode::from(1)
}

/// The deck's errors and warnings against the runbook `l` (none when the
/// runbook itself does not load: its errors say so), and its ok line; the
/// errors are printed on stderr unless `quiet` (JSON says it all).
fn deck_findings(deck: &Path, l: Option<&LoadedRunbook>, quiet: bool) -> (Vec<Finding>, Vec<Finding>, Option<String>) {
    let Some(l) = l else { return (Vec::new(), Vec::new(), None) };
    match runbook_file::load_deck(deck, &l.runbook) {
        Ok(d) => {
            let cards = crate::core::words::count(d.deck.injects.len(), "inject card");
            let warnings = crate::store::check::secret_findings(&d.path, &d.text, &l.runbook.redact);
            let more = if warnings.is_empty() {
                String::new()
            } else {
                format!(", {}", crate::core::words::count(warnings.len(), "warning"))
            };
            let ok = format!("{}: ok ({cards} for {}{more})", d.path, l.path);
            (Vec::new(), warnings, Some(ok))
        }
        Err(list) => {
            if !quiet {
                print_errors(&list);
            }
            (list.iter().map(Finding::error).collect(), Vec::new(), None)
        }
    }
}

/// Checks `runbooks` (and the deck, against each); exit 1 when any has an
/// error, or with `strict` a warning.
pub fn run(runbooks: &[PathBuf], opts: CheckOptions<'_>) -> ExitCode {
    let CheckOptions { strict, json, deck } = opts;
    let (mut errors, mut warned) = (0usize, 0usize);
    let mut out = String::new();
    let today = chrono::Utc::now().date_naive();
    for path in runbooks {
        let loaded = load(path);
        let checked = check_loaded(loaded.clone(), today, strict);
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
                        crate::say!("{e}");
                    }
                }
                list.clone()
            }
        };
        if let Some(deck) = deck {
            let (found, warnings, ok) = deck_findings(deck, loaded.as_ref().ok(), json);
            errors += found.len();
            warned += warnings.len();
            if !json {
                for w in &warnings {
                    let (line, col) = (w.line.unwrap_or(1), w.col.unwrap_or(1));
                    let _ = writeln!(out, "{}:{line}:{col}: {}: {}", w.file, w.severity, w.message);
                }
            }
            if let (Some(ok), false) = (ok, json) {
                let _ = writeln!(out, "{ok}");
            }
            findings.extend(found);
            findings.extend(warnings);
        }
        if json {
            for f in findings {
                let _ = writeln!(out, "{}", crate::core::sanitize::json::to_string(&f).unwrap_or_default());
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
            crate::say!("firedrill: {}, and --strict fails on warnings", crate::core::words::count(warned, "warning"));
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
