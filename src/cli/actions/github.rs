//! `firedrill actions export --format github [--repo OWNER/NAME]`: each
//! open item not yet exported becomes one GitHub issue through `gh`. The
//! `firedrill` label is made sure of first (`gh issue create --label`
//! fails on a label the repository lacks); each issue's URL is appended
//! to its session's journal as it is created, so an item is never filed
//! twice, and the postmortem beside that journal then shows it in its
//! action-item table. A failure stops the run and says what was done.
//! Before each `gh issue create` the intent is written down
//! (`store::exports`), and each issue body ends with its item's marker: a
//! run that died after gh filed an issue and before the journal said so
//! is reconciled by the next run (`gh issue list --search` finds the
//! marker; the issue is recorded, not filed again).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;

use super::{LABEL, journal_of};
use crate::core::ledger::TrackedAction;
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::exec::tracker::{self, TrackerError, create_issue, find_issue, issue_argv, label_argv, search_argv};
use crate::store::annex::{self, Refreshed};
use crate::store::exports::{self, Intent};
use crate::store::review::Scanned;

/// Files an issue for each open item of `items` not yet exported, in
/// `repo` when given; exit 1 when `gh` is missing or fails (what was
/// created before that stays recorded).
pub fn export(scanned: &[Scanned], items: &[TrackedAction], repo: Option<&str>) -> ExitCode {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return ExitCode::from(1) };
    let intents = exports::file();
    let Some(found) = reconcile(&rt, intents.as_deref(), items) else { return ExitCode::from(1) };
    let todo: Vec<&TrackedAction> =
        items.iter().filter(|a| a.is_open() && a.exported.is_none() && !found.contains(&a.id)).collect();
    if todo.is_empty() {
        crate::tell!("0 issues created: every open item has its issue");
        return ExitCode::SUCCESS;
    }
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
        let Some(entry) = journal_of(scanned, &a.session_id).and_then(|p| sessions.iter_mut().find(|s| s.0 == p))
        else {
            continue;
        };
        let marker = exports::marker(&a.id);
        let intent = Intent {
            journal: entry.0.clone(),
            item: a.number,
            marker: marker.clone(),
            repo: repo.map(str::to_owned),
            at: Utc::now(),
        };
        // Written down before gh runs: a crash after it is reconciled.
        if let Some(file) = &intents
            && let Err(e) = exports::record(file, intent)
        {
            crate::say!("firedrill: cannot write down the export before filing it ({e}); nothing more is filed");
            failed = true;
            break;
        }
        let argv = issue_argv(&a.item.text.chars().take(100).collect::<String>(), &body(a), LABEL, repo);
        let url = match rt.block_on(create_issue(&argv)) {
            Ok(url) => url,
            Err(e) => {
                // gh said it failed: nothing was filed. (It succeeded but
                // printed no URL: the intent stays, the next run looks.)
                if !matches!(e, TrackerError::NoUrl(_)) {
                    settle(intents.as_deref(), &marker);
                }
                explain(&e, &argv);
                failed = true;
                break;
            }
        };
        if !record(&entry.0, a, &url) {
            failed = true;
            break;
        }
        settle(intents.as_deref(), &marker);
        entry.2 += 1;
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

/// Appends the issue `url` of item `a` to `journal` and says so; false
/// (with why) when it cannot be recorded: the intent stays, and the next
/// run finds the issue by its marker.
fn record(journal: &Path, a: &TrackedAction, url: &str) -> bool {
    let command = Command::ExportAction { item: a.number, url: url.to_owned() };
    if let Err(e) = annex::append(journal, command, Utc::now()) {
        crate::say!(
            "firedrill: created {} but could not record it: {e}; the next export records it",
            sanitize_line(url)
        );
        return false;
    }
    crate::tell!("{} -> {}", sanitize_line(&a.id), sanitize_line(url));
    true
}

fn settle(file: Option<&Path>, marker: &str) {
    if let Some(f) = file
        && let Err(e) = exports::settle(f, marker)
    {
        crate::say!("firedrill: cannot clear the export note {}: {e}", sanitize_line(&f.display().to_string()));
    }
}

/// Settles the intents an earlier run left (it died after gh, or could
/// not record): an issue gh finds by its marker is recorded, never filed
/// again; one it does not find was never filed. Returns the ids recorded
/// now, or `None` (having said why) when gh cannot tell: nothing is filed
/// then.
fn reconcile(rt: &tokio::runtime::Runtime, file: Option<&Path>, items: &[TrackedAction]) -> Option<Vec<String>> {
    let mut found = Vec::new();
    for intent in file.map(exports::pending).unwrap_or_default() {
        let Some(a) = items.iter().find(|a| exports::marker(&a.id) == intent.marker) else {
            settle(file, &intent.marker);
            continue;
        };
        if a.exported.is_some() {
            settle(file, &intent.marker);
            continue;
        }
        let search = search_argv(&intent.marker, intent.repo.as_deref());
        match rt.block_on(find_issue(&search, &intent.marker)) {
            Ok(Some(url)) => {
                if !record(&intent.journal, a, &url) {
                    return None;
                }
                found.push(a.id.clone());
            }
            Ok(None) => {}
            Err(e) => {
                explain(&e, &search);
                crate::say!(
                    "firedrill: an earlier export may have filed {} already; nothing is filed until gh can tell",
                    sanitize_line(&a.id)
                );
                return None;
            }
        }
        settle(file, &intent.marker);
    }
    Some(found)
}

/// The issue's body: the item, its session and runbook, kind, owner, due.
fn body(a: &TrackedAction) -> String {
    format!(
        "Action item {} from firedrill session {} (runbook {}).\n\nKind: {}. Owner: {}{}. Due: {}.\n\n{}\n\n{}",
        a.id,
        a.session_id,
        a.runbook,
        a.item.kind.key(),
        a.item.owner,
        a.item.role_shown().map(|r| format!(" ({r})")).unwrap_or_default(),
        a.item.due,
        a.item.text,
        exports::marker(&a.id)
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
