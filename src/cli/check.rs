//! `firedrill check`, like a linter: every error of every file, warnings
//! for practice gaps, `--strict` to fail on warnings, `--json` for one
//! object per finding. The codes are listed in docs/runbook.md; the check
//! itself is `store::check`, shared with `apply-proposal`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

pub use crate::store::check::Finding;
use crate::store::check::{Checked, check};

/// Checks `runbooks`; exit 1 when any has an error, or with `strict` a warning.
pub fn run(runbooks: &[PathBuf], strict: bool, json: bool) -> ExitCode {
    let (mut errors, mut warned) = (0usize, 0usize);
    let mut out = String::new();
    let today = chrono::Utc::now().date_naive();
    for path in runbooks {
        let checked = check(path, today, strict);
        let findings = match &checked {
            Checked::Loaded { warnings, .. } => {
                warned += warnings.len();
                if !json {
                    for line in checked.lines() {
                        let _ = writeln!(out, "{line}");
                    }
                }
                warnings
            }
            Checked::Invalid { errors: list, printed } => {
                errors += list.len();
                if !json {
                    for e in printed {
                        eprintln!("{e}");
                    }
                }
                list
            }
        };
        if json {
            for f in findings {
                let _ = writeln!(out, "{}", serde_json::to_string(f).unwrap_or_default());
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
            eprintln!("firedrill: {warned} warning(s), and --strict fails on warnings");
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
