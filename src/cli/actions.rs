//! `firedrill actions`: every action item across the saved sessions of a
//! folder, with its ID, state, owner, due date and age; `close ID` closes
//! one; `export --format csv|json|github` takes them out of the terminal
//! (github files one issue per open item through `gh`, never twice).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use crate::core::ledger::{TrackedAction, parse_id, tracked};
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::exec::tracker::{TrackerError, create_issue, issue_argv};
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
    let scanned = scan(dir, crate::store::paths::review_cache().as_deref());
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
            out.push_str(&v.to_string());
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
        eprintln!("firedrill: {} is not an action item ID (<session id>#<number>)", sanitize_line(id));
        return ExitCode::from(2);
    };
    let (scanned, _) = load(dir);
    let Some(path) = journal_of(&scanned, session) else {
        eprintln!(
            "firedrill: no saved session {} in {}",
            sanitize_line(session),
            sanitize_line(&dir.display().to_string())
        );
        return ExitCode::from(1);
    };
    match crate::store::annex::append(path, Command::CloseAction { item: number, note: note.to_owned() }, Utc::now()) {
        Ok(_) => {
            println!("closed {}", sanitize_line(id));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("firedrill: {}: {}", sanitize_line(id), sanitize_line(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

fn journal_of<'a>(scanned: &'a [Scanned], session: &str) -> Option<&'a Path> {
    scanned.iter().find(|s| s.summary.as_ref().is_ok_and(|sum| sum.session_id == session)).map(|s| s.path.as_path())
}

/// Exports the items of `dir`: all of them as CSV or JSON, or each open one
/// not yet exported as a GitHub issue (its URL recorded in the session).
pub fn export(dir: &Path, format: ExportFormat) -> ExitCode {
    let (scanned, items) = load(dir);
    match format {
        ExportFormat::Json => list(dir, true, false),
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(["id", "state", "kind", "owner", "due", "runbook", "action", "issue"]);
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
        ExportFormat::Github => github(&scanned, &items),
    }
}

fn github(scanned: &[Scanned], items: &[TrackedAction]) -> ExitCode {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return ExitCode::from(1) };
    let mut created = 0;
    for a in items.iter().filter(|a| a.is_open() && a.exported.is_none()) {
        let title: String = a.item.text.chars().take(100).collect();
        let body = format!(
            "Action item {} from firedrill session {} (runbook {}).\n\nKind: {}. Owner: {}{}. Due: {}.\n\n{}",
            a.id,
            a.session_id,
            a.runbook,
            a.item.kind.key(),
            a.item.owner,
            a.item.role_shown().map(|r| format!(" ({r})")).unwrap_or_default(),
            a.item.due,
            a.item.text
        );
        let argv = issue_argv(&title, &body, LABEL);
        match rt.block_on(create_issue(&argv)) {
            Ok(url) => {
                let recorded = journal_of(scanned, &a.session_id).map(|path| {
                    crate::store::annex::append(
                        path,
                        Command::ExportAction { item: a.number, url: url.clone() },
                        Utc::now(),
                    )
                });
                if let Some(Err(e)) = recorded {
                    eprintln!("firedrill: created {url} but could not record it: {e}");
                    return ExitCode::from(1);
                }
                created += 1;
                println!("{} -> {}", sanitize_line(&a.id), sanitize_line(&url));
            }
            Err(e) => {
                let shown: Vec<String> = argv.iter().map(|s| format!("{s:?}")).collect();
                eprintln!("firedrill: {}", sanitize_line(&e.to_string()));
                if matches!(e, TrackerError::Missing(_)) {
                    eprintln!("firedrill: install gh and log in (gh auth login); the first command would be:");
                }
                eprintln!("  {}", sanitize_line(&shown.join(" ")));
                eprintln!(
                    "firedrill: {} created and recorded before this; nothing else was changed",
                    crate::core::words::count(created, "issue")
                );
                return ExitCode::from(1);
            }
        }
    }
    let _ = std::io::stdout().flush();
    println!("{} created", crate::core::words::count(created, "issue"));
    ExitCode::SUCCESS
}
