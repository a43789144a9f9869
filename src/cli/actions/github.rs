//! `firedrill actions export --format github [--repo OWNER/NAME]`: each
//! open item not yet exported becomes one GitHub issue through `gh`. The
//! `firedrill` label is made sure of first (`gh issue create --label`
//! fails on a label the repository lacks); each issue's URL is appended
//! to its session's journal as it is created, so an item is never filed
//! twice, and the postmortem beside that journal then shows it in its
//! action-item table. A failure stops the run and says what was done.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;

use super::{LABEL, journal_of};
use crate::core::ledger::TrackedAction;
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::exec::tracker::{self, TrackerError, create_issue, issue_argv, label_argv};
use crate::store::annex::{self, Refreshed};
use crate::store::review::Scanned;

/// Files an issue for each open item of `items` not yet exported, in
/// `repo` when given; exit 1 when `gh` is missing or fails (what was
/// created before that stays recorded).
pub fn export(scanned: &[Scanned], items: &[TrackedAction], repo: Option<&str>) -> ExitCode {
    let todo: Vec<&TrackedAction> = items.iter().filter(|a| a.is_open() && a.exported.is_none()).collect();
    if todo.is_empty() {
        crate::tell!("0 issues created: every open item has its issue");
        return ExitCode::SUCCESS;
    }
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return ExitCode::from(1) };
    let label = label_argv(LABEL, repo);
    if let Err(e) = rt.block_on(tracker::run(&label)) {
        explain(&e, &label);
        crate::say!("firedrill: no issue was created and nothing was changed");
        return ExitCode::from(1);
    }
    // Each session's action items as its postmortem shows them now.
    let mut sessions: Vec<(PathBuf, Option<String>, usize)> = Vec::new();
    for a in &todo {
        if let Some(path) = journal_of(scanned, &a.session_id)
            && !sessions.iter().any(|(p, ..)| p == path)
        {
            sessions.push((path.to_path_buf(), annex::action_table(path).ok(), 0));
        }
    }
    let mut failed = false;
    for a in todo {
        let argv = issue_argv(&a.item.text.chars().take(100).collect::<String>(), &body(a), LABEL, repo);
        match rt.block_on(create_issue(&argv)) {
            Ok(url) => {
                let Some(entry) =
                    journal_of(scanned, &a.session_id).and_then(|p| sessions.iter_mut().find(|s| s.0 == p))
                else {
                    continue;
                };
                let command = Command::ExportAction { item: a.number, url: url.clone() };
                if let Err(e) = annex::append(&entry.0, command, Utc::now()) {
                    crate::say!("firedrill: created {} but could not record it: {e}", sanitize_line(&url));
                    failed = true;
                    break;
                }
                entry.2 += 1;
                crate::tell!("{} -> {}", sanitize_line(&a.id), sanitize_line(&url));
            }
            Err(e) => {
                explain(&e, &argv);
                failed = true;
                break;
            }
        }
    }
    let created: usize = sessions.iter().map(|s| s.2).sum();
    for (path, before, _) in sessions.iter().filter(|s| s.2 > 0) {
        refresh(path, before.as_deref());
    }
    let count = crate::core::words::count(created, "issue");
    if failed {
        crate::say!("firedrill: {count} created and recorded before this; nothing else was changed");
        return ExitCode::from(1);
    }
    crate::tell!("{count} created");
    ExitCode::SUCCESS
}

/// The issue's body: the item, its session and runbook, kind, owner, due.
fn body(a: &TrackedAction) -> String {
    format!(
        "Action item {} from firedrill session {} (runbook {}).\n\nKind: {}. Owner: {}{}. Due: {}.\n\n{}",
        a.id,
        a.session_id,
        a.runbook,
        a.item.kind.key(),
        a.item.owner,
        a.item.role_shown().map(|r| format!(" ({r})")).unwrap_or_default(),
        a.item.due,
        a.item.text
    )
}

/// Says why `argv` failed, and shows it.
fn explain(e: &TrackerError, argv: &[String]) {
    crate::say!("firedrill: {}", sanitize_line(&e.to_string()));
    if matches!(e, TrackerError::Missing(_)) {
        crate::say!("firedrill: install gh and log in (gh auth login); the first command would be:");
    }
    let shown: Vec<String> = argv.iter().map(|s| format!("{s:?}")).collect();
    crate::say!("  {}", sanitize_line(&shown.join(" ")));
}

/// Rewrites the action items of the postmortem beside `journal` with the
/// new issues, and says what happened to it.
fn refresh(journal: &Path, before: Option<&str>) {
    let shown = |p: &Path| sanitize_line(&p.display().to_string());
    match before.map(|b| annex::refresh_postmortem(journal, b)) {
        Some(Ok(Refreshed::Updated(md))) => crate::tell!("updated the action items of {}", shown(&md)),
        Some(Ok(Refreshed::Missing(_))) => {}
        Some(Ok(Refreshed::Edited(md))) => crate::say!(
            "firedrill: {}: its action items were edited, so they are left as they are; \
             firedrill report {} writes a postmortem with the issues",
            shown(&md),
            shown(journal)
        ),
        Some(Err(e)) => crate::say!("firedrill: the postmortem beside {} was not updated: {e}", shown(journal)),
        None => crate::say!("firedrill: the postmortem beside {} was not updated", shown(journal)),
    }
}
