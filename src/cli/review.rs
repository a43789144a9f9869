//! `firedrill review --json`: one JSON object a line, newest first, for
//! dashboards: each saved session (`"kind": "session"`, its summary and
//! its journal as `file`) and each pre-release check record (`"kind":
//! "preflight"`, the record and its `file`; `path` is the same, kept for
//! scripts written before docs/json.md). An incident's line also holds
//! `practice`: its steps beside the team's drills of the runbook (`null`
//! for a drill). Unreadable sessions are named on standard error.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::core::preflight::Record;
use crate::core::review::Summary;
use crate::core::sanitize::sanitize_line;

/// One line of `review --json`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum JsonLine<'a> {
    /// A saved drill or incident.
    Session {
        /// The session's journal.
        file: String,
        /// Its summary.
        #[serde(flatten)]
        summary: &'a Summary,
        /// An incident beside the drills of its runbook; `None` (null) for a drill.
        practice: Option<crate::core::review::Versus>,
    },
    /// A pre-release check.
    Preflight {
        /// The record's file.
        file: String,
        /// The same: its name before the shared vocabulary.
        path: String,
        /// The record.
        #[serde(flatten)]
        record: &'a Record,
    },
}

impl JsonLine<'_> {
    fn at(&self) -> chrono::DateTime<chrono::Utc> {
        match self {
            Self::Session { summary, .. } => summary.started_at,
            Self::Preflight { record, .. } => record.at,
        }
    }
}

/// Prints the sessions and records of `dir` as JSON Lines, newest first.
///
/// # Errors
/// When standard output is closed mid-write.
pub fn json(dir: &Path) -> anyhow::Result<ExitCode> {
    let scanned = crate::store::review::scan(dir, crate::store::paths::review_cache(dir).as_deref());
    let preflights = crate::store::preflight::list(dir);
    let history: Vec<Summary> = scanned.iter().filter_map(|s| s.summary.as_ref().ok()).cloned().collect();
    let mut rows: Vec<JsonLine<'_>> = Vec::new();
    for s in &scanned {
        match &s.summary {
            Ok(summary) => rows.push(JsonLine::Session {
                file: s.path.display().to_string(),
                summary,
                practice: crate::core::review::versus(&history, summary),
            }),
            Err(why) => {
                crate::say!("{}: unreadable: {}", sanitize_line(&s.path.display().to_string()), sanitize_line(why));
            }
        }
    }
    rows.extend(preflights.iter().map(|(p, record)| {
        let file = p.display().to_string();
        JsonLine::Preflight { path: file.clone(), file, record }
    }));
    rows.sort_by_key(|r| std::cmp::Reverse(r.at()));
    let mut out = Vec::new();
    for r in rows {
        writeln!(out, "{}", crate::core::sanitize::json::to_string(&r)?)?;
    }
    // A reader that stops early (`| head`) is not an error.
    crate::cli::docs::print_bytes(&out)?;
    Ok(ExitCode::SUCCESS)
}
