//! The check of one runbook file, as `firedrill check` runs it: the errors
//! of loading it (`path:line:col`), the practice warnings, and credentials
//! written in it. One function, so `check`, `apply-proposal` and the saved
//! screen's apply agree; printing is the caller's.

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::runbook::{RunbookError, warnings_on};
use crate::store::runbook_file;

/// One finding, as `check --json` prints it (one object a line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The runbook path as given.
    pub file: String,
    /// 1-based line, `null` when the finding is about the whole file.
    pub line: Option<usize>,
    /// 1-based column in characters, `null` with `line`.
    pub col: Option<usize>,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The stable code (docs/runbook.md, "Check codes").
    pub code: &'static str,
    /// The dotted field, when the finding belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Finding {
    /// An error of loading a runbook or a deck, as a finding.
    pub fn error(e: &RunbookError) -> Self {
        Self {
            file: e.path.clone(),
            line: e.location.map(|l| l.line),
            col: e.location.map(|l| l.col),
            severity: "error",
            code: e.code,
            field: e.field.clone(),
            message: e.message.clone(),
        }
    }

    /// True for an error (the file does not load).
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }
}

/// What checking one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// The runbook loads; its warnings (`--strict` may make some errors).
    Loaded {
        /// The path as shown.
        path: String,
        /// The warnings, practice gaps first, then literal secrets.
        warnings: Vec<Finding>,
    },
    /// The runbook does not load: every error, each `path:line:col: message`.
    Invalid {
        /// The errors as findings.
        errors: Vec<Finding>,
        /// The same errors as printed (`path:line:col: message`).
        printed: Vec<String>,
    },
}

/// Checks the runbook at `path` on `today` (for the age of the last
/// restore); with `strict`, the warnings that are errors under `--strict`
/// say so in their severity.
pub fn check(path: &std::path::Path, today: NaiveDate, strict: bool) -> Checked {
    check_loaded(runbook_file::load(path), today, strict)
}

/// [`check`] of a runbook already read (from standard input, for `check -`).
pub fn check_loaded(
    loaded: Result<runbook_file::LoadedRunbook, Vec<RunbookError>>,
    today: NaiveDate,
    strict: bool,
) -> Checked {
    let l = match loaded {
        Ok(l) => l,
        Err(list) => return invalid(&list),
    };
    // A session would not start: the copy its journal keeps would not read.
    if let Err(e) = l.kept() {
        return invalid(&[e]);
    }
    let mut warnings: Vec<Finding> = warnings_on(&l.runbook, &l.text, today)
        .iter()
        .map(|w| Finding {
            file: l.path.clone(),
            line: None,
            col: None,
            severity: if strict && w.is_error_when_strict() { "error" } else { "warning" },
            code: w.code(),
            field: None,
            message: w.to_string(),
        })
        .collect();
    // A credential written in the runbook is in the file everyone reads.
    warnings.extend(secret_findings(&l.path, &l.text, &l.runbook.redact));
    Checked::Loaded { path: l.path, warnings }
}

fn invalid(list: &[RunbookError]) -> Checked {
    Checked::Invalid {
        errors: list.iter().map(Finding::error).collect(),
        printed: list.iter().map(ToString::to_string).collect(),
    }
}

/// A warning for each credential written in the runbook or deck `text`
/// (file `path`), of every kind the redactor knows, the runbook's own
/// `redact` patterns included, each with its line and column.
pub fn secret_findings(path: &str, text: &str, redact: &[String]) -> Vec<Finding> {
    let redactor = crate::core::redact::Redactor::of_patterns(redact);
    crate::core::redact::literal_secret_spots(text, &redactor)
        .into_iter()
        .map(|(line, col, kind)| Finding {
            file: path.to_owned(),
            line: Some(line),
            col: Some(col),
            severity: "warning",
            code: "literal-secret",
            field: None,
            message: crate::core::redact::literal_secret_message(kind),
        })
        .collect()
}

impl Checked {
    /// The human form `firedrill check` prints for this file: each warning
    /// on its line, then `path: ok (N warnings)`; the errors, if invalid.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Invalid { printed, .. } => printed.clone(),
            Self::Loaded { path, warnings } => {
                let mut out: Vec<String> = warnings
                    .iter()
                    .map(|w| match (w.line, w.col) {
                        (Some(line), Some(col)) => format!("{path}:{line}:{col}: {}: {}", w.severity, w.message),
                        _ => format!("{path}: {}: {}", w.severity, w.message),
                    })
                    .collect();
                out.push(format!("{path}: ok ({})", crate::core::words::count(warnings.len(), "warning")));
                out
            }
        }
    }
}
