//! The same-day runbook update as files: what a saved session proposes
//! (`core::proposal`) against the runbook file as it is now, as the
//! `<stem>.runbook.diff` written beside the postmortem, and applying it
//! (only ever after a confirmation, which is the caller's: `a` then `y` on
//! the saved screen, or `firedrill apply-proposal`). Applying re-derives
//! the edit from the journal beside the diff with `toml_edit`, so comments
//! stay, and refuses when that no longer gives the diff that was shown.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::core::event::Header;
use crate::core::proposal;
use crate::core::redact::runbook::copy;
use crate::core::runbook::Runbook;
use crate::core::sanitize::sanitize_line;
use crate::core::session::Session;
use crate::store::review::Scanned;
use crate::store::{atomic, journal, runbook_file};

pub use crate::store::paths::PROPOSAL_EXT as EXT;

/// Largest proposal file read, in bytes (a runbook is one page).
const MAX_DIFF: u64 = 4 * 1024 * 1024;

/// Why a proposal could not be made, read or applied.
#[derive(Debug, thiserror::Error)]
pub enum ProposalError {
    /// The journal beside the diff cannot be read or replayed.
    #[error("{0}")]
    Journal(#[from] journal::JournalError),
    /// The runbook file the session ran cannot be read here.
    #[error("{path} cannot be read here ({why}): apply the proposal from the folder the session ran in")]
    Runbook {
        /// The runbook path, as the journal names it.
        path: String,
        /// The first error.
        why: String,
    },
    /// The runbook file is not valid TOML any more.
    #[error("{path}: {source}")]
    Edit {
        /// The runbook path.
        path: String,
        /// The parser's error.
        source: toml_edit::TomlError,
    },
    /// The proposal file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The diff file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The session proposes something else now (the runbook or the diff changed).
    #[error(
        "{diff} is not what the session proposes for {runbook} now (the runbook or the diff changed since): nothing applied; see today's proposal with: firedrill propose {journal}"
    )]
    Stale {
        /// The diff file.
        diff: String,
        /// The runbook.
        runbook: String,
        /// The journal beside the diff.
        journal: String,
    },
    /// The runbook file changed after the proposal was made.
    #[error("{0} changed since the proposal was made: nothing applied")]
    Changed(String),
    /// The edited runbook would not pass `check`: its errors.
    #[error("not applied: the edited runbook would not pass check:\n{0}")]
    Invalid(String),
    /// The runbook could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The runbook.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// A proposal for a runbook file: each change in words and the file's
/// text before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    /// Each proposal in one sanitized line.
    pub lines: Vec<String>,
    /// The runbook file it edits, as the journal names it.
    pub runbook: String,
    /// The session id it comes from.
    pub session_id: String,
    /// The runbook's text now.
    pub before: String,
    /// The text with the proposals applied (comments kept).
    pub after: String,
    /// The runbook's `redact` patterns: the diff shows both texts redacted.
    pub redact: Vec<String>,
}

impl Proposed {
    /// The proposal file's text: a comment block naming the session and
    /// each proposal, then the unified diff of the runbook (patch and
    /// `git apply` skip the lines before the diff).
    pub fn file_text(&self) -> String {
        let mut out = format!("# firedrill: the runbook update proposed after session {}\n", self.session_id);
        for l in &self.lines {
            let _ = writeln!(out, "# - {l}");
        }
        out + &self.diff()
    }

    /// The unified diff of the runbook file, `a/<path>` to `b/<path>`,
    /// both texts redacted as a journal keeps them: the diff is written
    /// beside the postmortem, and a secret in a context line would be too.
    pub fn diff(&self) -> String {
        let shown = sanitize_line(&self.runbook);
        let redactor = crate::core::redact::Redactor::of_patterns(&self.redact);
        let (before, after) = (copy(&self.before, &redactor).text, copy(&self.after, &redactor).text);
        let diff = similar::TextDiff::from_lines(&before, &after);
        diff.unified_diff().header(&format!("a/{shown}"), &format!("b/{shown}")).to_string()
    }
}

/// What `session` (with `header`, which ran `runbook`) proposes for the
/// runbook file as it is now, with `previous`, the session before it on
/// the same runbook; `None` when there is nothing to propose.
///
/// # Errors
/// The runbook file cannot be read, or is not valid TOML.
pub fn for_session(
    header: &Header,
    runbook: &Runbook,
    session: &Session,
    previous: Option<&Session>,
) -> Result<Option<Proposed>, ProposalError> {
    let end_ms = session.finished_ms.or_else(|| session.events.last().map(|e| e.t_ms)).unwrap_or(0);
    let proposals = proposal::propose(runbook, session, previous, end_ms);
    if proposals.is_empty() {
        return Ok(None);
    }
    let path = header.runbook_path.clone();
    let before = runbook_file::load(Path::new(&path))
        .map_err(|e| ProposalError::Runbook { path: sanitize_line(&path), why: first(&e) })?
        .text;
    let when = header.started_at.format("%Y-%m-%d").to_string();
    let after = proposal::apply(&before, &proposals, &when)
        .map_err(|source| ProposalError::Edit { path: sanitize_line(&path), source })?;
    let lines = proposals.iter().map(|p| sanitize_line(&p.to_string())).collect();
    let redact = runbook.redact.clone();
    Ok(Some(Proposed { lines, runbook: path, session_id: header.session_id.clone(), before, after, redact }))
}

fn first(errors: &[crate::core::runbook::RunbookError]) -> String {
    errors.first().map(|e| e.message.clone()).unwrap_or_default()
}

/// The session saved in `scanned` just before the one started at `started`
/// on the same runbook `key` (not `session_id` itself), replayed: the
/// "previous" of items left unchecked twice.
pub fn previous(
    scanned: &[Scanned],
    key: &str,
    session_id: &str,
    started: chrono::DateTime<chrono::Utc>,
) -> Option<Session> {
    let path = scanned
        .iter()
        .filter_map(|s| s.summary.as_ref().ok().map(|sum| (&s.path, sum)))
        .filter(|(_, sum)| sum.runbook == key && sum.session_id != session_id && sum.started_at < started)
        .max_by_key(|(_, sum)| sum.started_at)
        .map(|(p, _)| p.clone())?;
    journal::read(&path).ok()?.session().ok().map(|(_, s)| s)
}

/// The proposal of the session whose journal is `journal` (saved in its
/// folder), against the runbook file now.
///
/// # Errors
/// As [`for_session`], or the journal cannot be read.
pub fn for_journal(journal: &Path) -> Result<Option<Proposed>, ProposalError> {
    let loaded = journal::read(journal)?;
    let (runbook, session) = loaded.session()?;
    let dir = journal.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let scanned = crate::store::review::scan(dir, crate::store::paths::review_cache(dir).as_deref());
    let key = crate::core::review::runbook_key(&loaded.header.runbook_path);
    let before = previous(&scanned, &key, &loaded.header.session_id, loaded.header.started_at);
    for_session(&loaded.header, &runbook, &session, before.as_ref())
}

/// The journal saved beside the proposal file `diff` (`<stem>.jsonl`).
pub fn journal_of(diff: &Path) -> PathBuf {
    let name = diff.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(&format!(".{EXT}")).unwrap_or(&name);
    diff.with_file_name(format!("{stem}.jsonl"))
}

/// Reads the proposal file `diff` and derives it again from the journal
/// beside it; the proposal only when both agree, byte for byte.
///
/// # Errors
/// [`ProposalError::Stale`] when they differ (or nothing is proposed now);
/// the errors of [`for_journal`]; the diff cannot be read.
pub fn load_saved(diff: &Path) -> Result<Proposed, ProposalError> {
    let shown = |p: &Path| sanitize_line(&p.display().to_string());
    let saved = crate::store::regular::read(diff, MAX_DIFF)
        .map_err(|source| ProposalError::Read { path: shown(diff), source })?;
    let journal = journal_of(diff);
    let now = for_journal(&journal)?;
    match now {
        Some(p) if p.file_text().as_bytes() == saved.as_slice() => Ok(p),
        other => Err(ProposalError::Stale {
            diff: shown(diff),
            runbook: other.map_or_else(|| "its runbook".to_owned(), |p| sanitize_line(&p.runbook)),
            journal: shown(&journal),
        }),
    }
}

/// Writes `p.after` over the runbook, atomically and keeping its
/// permissions, if the file still holds `p.before` and the edit parses;
/// then checks it as `firedrill check` does.
///
/// # Errors
/// [`ProposalError::Invalid`] when the edit would not parse;
/// [`ProposalError::Changed`] when the runbook changed since; a write error.
pub fn apply(p: &Proposed, today: chrono::NaiveDate) -> Result<crate::store::check::Checked, ProposalError> {
    let shown = sanitize_line(&p.runbook);
    if let Err(errors) = Runbook::parse(&shown, &p.after) {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(ProposalError::Invalid(list.join("\n")));
    }
    let path = Path::new(&p.runbook);
    let now = runbook_file::load(path).map_err(|e| ProposalError::Runbook { path: shown.clone(), why: first(&e) })?;
    if now.text != p.before {
        return Err(ProposalError::Changed(shown));
    }
    // The runbook keeps its permissions (the atomic write's temp file is owner-only).
    let mode = std::fs::metadata(path).map(|m| m.permissions());
    let write = |source| ProposalError::Write { path: shown.clone(), source };
    atomic::replace(path, p.after.as_bytes()).map_err(write)?;
    if let Ok(mode) = mode {
        std::fs::set_permissions(path, mode).map_err(write)?;
    }
    Ok(crate::store::check::check(path, today, false))
}
