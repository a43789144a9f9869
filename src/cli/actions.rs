//! `firedrill actions`: every action item across the saved sessions of a
//! folder, with its ID, state, owner, due date and age; `close ID` closes
//! one; `export --format csv|json|github` takes them out of the terminal
//! (github files one issue per open item through `gh`, never twice). CSV
//! and JSON name each field alike (docs/json.md).

mod github;

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use crate::core::ledger::{TrackedAction, parse_id, tracked};
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::store::review::{Scanned, scan};

/// The label every exported issue carries.
pub const LABEL: &str = "firedrill";

/// How `export` writes the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header row, to stdout.
    Csv,
    /// One JSON object per item (JSON Lines), to stdout.
    Json,
    /// One GitHub issue per open item, through the `gh` command line.
    Github,
}

fn load(dir: &Path) -> (Vec<Scanned>, Vec<TrackedAction>) {
    let scanned = scan(dir, crate::store::paths::review_cache(dir).as_deref());
    let history: Vec<_> = scanned.iter().filter_map(|s| s.summary.as_ref().ok().cloned()).collect();
    let items = tracked(&history);
    (scanned, items)
}

fn state(a: &TrackedAction) -> &'static str {
    if a.is_open() { "open" } else { "closed" }
}

/// Lists the action items of `dir` (only open ones with `open`), as lines
/// or as JSON Lines.
pub fn list(dir: &Path, json: bool, open: bool) -> ExitCode {
    let (_, items) = load(dir);
    let now = Utc::now();
    let mut out = String::new();
    for a in items.iter().filter(|a| !open || a.is_open()) {
        if json {
            let mut v = serde_json::to_value(a).unwrap_or_default();
            v["state"] = state(a).into();
            v["age_days"] = a.age_days(now).into();
            // The shared name of the issue URL; `exported` stays for scripts
            // written before it (docs/json.md).
            v["issue"] = a.exported.clone().into();
            out.push_str(&crate::core::sanitize::json::to_string(&v).unwrap_or_default());
            out.push('\n');
        } else {
            let issue = a.exported.as_deref().map(|u| format!(" · {u}")).unwrap_or_default();
            out.push_str(&sanitize_line(&format!(
                "{:<6} {}  {} · {} · due {} · {} d · {}{issue}",
                state(a),
                a.id,
                a.item.kind.key(),
                a.item.owner,
                a.item.due,
                a.age_days(now),
                a.item.text
            )));
            out.push('\n');
        }
    }
    if !json && items.is_empty() {
        out.push_str("no action items in the saved sessions here\n");
    }
    if crate::cli::docs::print_bytes(out.as_bytes()).is_err() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Closes action item `id` (`<session id>#n`) with `note`, in its journal.
pub fn close(dir: &Path, id: &str, note: &str) -> ExitCode {
    let Some((session, number)) = parse_id(id) else {
        crate::say!("firedrill: {} is not an action item ID (<session id>#<number>)", sanitize_line(id));
        return ExitCode::from(2);
    };
    let (scanned, _) = load(dir);
    let Some(path) = journal_of(&scanned, session) else {
        crate::say!(
            "firedrill: no saved session {} in {}",
            sanitize_line(session),
            sanitize_line(&dir.display().to_string())
        );
        return ExitCode::from(1);
    };
    match crate::store::annex::append(path, Command::CloseAction { item: number, note: note.to_owned() }, Utc::now()) {
        Ok(_) => {
            crate::tell!("closed {}", sanitize_line(id));
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::say!("firedrill: {}: {}", sanitize_line(id), sanitize_line(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

fn journal_of<'a>(scanned: &'a [Scanned], session: &str) -> Option<&'a Path> {
    scanned.iter().find(|s| s.summary.as_ref().is_ok_and(|sum| sum.session_id == session)).map(|s| s.path.as_path())
}

/// The columns of `export --format csv`: each one a field of the JSON form
/// with the same name and value (docs/json.md).
pub const CSV_COLUMNS: [&str; 8] = ["id", "state", "kind", "owner", "due", "runbook", "text", "issue"];

/// Exports the items of `dir`: all of them as CSV or JSON, or each open one
/// not yet exported as a GitHub issue in `repo` (or gh's default one), its
/// URL recorded in the session.
pub fn export(dir: &Path, format: ExportFormat, repo: Option<&str>) -> ExitCode {
    let (scanned, items) = load(dir);
    match format {
        ExportFormat::Json => list(dir, true, false),
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(CSV_COLUMNS);
            for a in &items {
                let due = a.item.due.to_string();
                let issue = a.exported.clone().unwrap_or_default();
                let row =
                    [a.id.as_str(), state(a), a.item.kind.key(), &a.item.owner, &due, &a.runbook, &a.item.text, &issue];
                let _ = w.write_record(row.map(sanitize_line));
            }
            let bytes = w.into_inner().unwrap_or_default();
            if crate::cli::docs::print_bytes(&bytes).is_err() { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        ExportFormat::Github => github::export(&scanned, &items, repo),
    }
}
