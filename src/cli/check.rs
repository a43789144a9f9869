//! `firedrill check`, like a linter: every error of every file, warnings
//! for practice gaps, `--strict` to fail on warnings, `--json` for one
//! object per finding. The codes are listed in docs/runbook.md.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::core::runbook::{RunbookError, warnings_on};
use crate::store::runbook_file;

/// One finding, as `check --json` prints it (one object a line).
#[derive(Debug, Clone, Serialize)]
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
    fn error(e: &RunbookError) -> Self {
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
}

/// Checks `runbooks`; exit 1 when any has an error, or with `strict` a warning.
pub fn run(runbooks: &[PathBuf], strict: bool, json: bool) -> ExitCode {
    let (mut errors, mut warned) = (0usize, 0usize);
    let mut out = String::new();
    for path in runbooks {
        let mut findings = Vec::new();
        match runbook_file::load(path) {
            Ok(l) => {
                let warns = warnings_on(&l.runbook, &l.text, chrono::Utc::now().date_naive());
                warned += warns.len();
                for w in &warns {
                    let severity = if strict && w.is_error_when_strict() { "error" } else { "warning" };
                    if !json {
                        let _ = writeln!(out, "{}: {severity}: {w}", l.path);
                    }
                    findings.push(Finding {
                        file: l.path.clone(),
                        line: None,
                        col: None,
                        severity,
                        code: w.code(),
                        field: None,
                        message: w.to_string(),
                    });
                }
                // A credential written in the runbook is saved with every journal.
                let secrets = crate::core::redact::literal_secret_spots(&l.text);
                warned += secrets.len();
                for (line, col, kind) in secrets {
                    let message = crate::core::redact::literal_secret_message(kind);
                    if !json {
                        let _ = writeln!(out, "{}:{line}:{col}: warning: {message}", l.path);
                    }
                    findings.push(Finding {
                        file: l.path.clone(),
                        line: Some(line),
                        col: Some(col),
                        severity: "warning",
                        code: "literal-secret",
                        field: None,
                        message,
                    });
                }
                if !json {
                    let n = findings.len();
                    let _ = writeln!(out, "{}: ok ({})", l.path, crate::core::words::count(n, "warning"));
                }
            }
            Err(list) => {
                errors += list.len();
                for e in &list {
                    if !json {
                        eprintln!("{e}");
                    }
                    findings.push(Finding::error(e));
                }
            }
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
