//! Records kept after a session ends (an action item closed or exported)
//! are appended to its saved journal, checked by the core like any event;
//! the postmortem beside the journal then shows an exported item's issue
//! in its action-item table, when the team has not edited that table.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::core::event::{Event, Stamp};
use crate::core::session::{Command, SessionError};
use crate::store::journal::{self, Journal, JournalError};

/// Why a record could not be added to a saved journal.
#[derive(Debug, thiserror::Error)]
pub enum AnnexError {
    /// The journal could not be read or written.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The session refused the record.
    #[error(transparent)]
    Refused(#[from] SessionError),
    /// The event could not be appended.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The journal.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Applies `command` to the session saved in `path` at wall-clock `at`
/// (its monotonic time stays the last event's: the session's clock has
/// stopped) and appends the event it makes; returns that event.
///
/// # Errors
/// [`AnnexError`]: the journal is unreadable or unwritable, or the session
/// refuses the command (an item that does not exist, already closed).
pub fn append(path: &Path, command: Command, at: DateTime<Utc>) -> Result<Event, AnnexError> {
    let loaded = journal::read(path)?;
    let (_, _, mut session) = loaded.into_session()?;
    let t_ms = session.events.last().map_or(0, |e| e.t_ms);
    let at = session.events.last().map_or(at, |e| at.max(e.at));
    let event = session.apply(command, Stamp { at, t_ms })?;
    let write = |source| AnnexError::Write { path: path.to_path_buf(), source };
    let mut j = Journal::open_append(path).map_err(write)?;
    j.append(&event).map_err(write)?;
    Ok(event)
}

/// The action-item section of the postmortem of the session saved in
/// `path`, as rendered from its journal now.
///
/// # Errors
/// [`AnnexError::Journal`] when the journal cannot be read or replayed.
pub fn action_table(path: &Path) -> Result<String, AnnexError> {
    let (header, runbook, session) = journal::read(path)?.into_session()?;
    let input = crate::core::postmortem::Input { header: &header, runbook: &runbook, session: &session, history: &[] };
    Ok(crate::core::postmortem::action_items(&input))
}

/// What [`refresh_postmortem`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// The postmortem's action items were rewritten from the journal.
    Updated(std::path::PathBuf),
    /// There is no postmortem beside the journal (`<stem>.md`).
    Missing(std::path::PathBuf),
    /// The postmortem does not hold the table as firedrill wrote it (the
    /// team edited it): left as it is.
    Edited(std::path::PathBuf),
}

/// Rewrites the action-item section of the postmortem beside the journal
/// `path` (`<stem>.md`) from the journal, when the file holds `before`
/// (the section as rendered before the new records) exactly once; any
/// other file is left as the team left it.
///
/// # Errors
/// The journal cannot be replayed, or the postmortem cannot be read or
/// replaced (it is then unchanged).
pub fn refresh_postmortem(path: &Path, before: &str) -> Result<Refreshed, AnnexError> {
    let md = path.with_extension("md");
    let io = |source| AnnexError::Write { path: md.clone(), source };
    let text = match crate::store::regular::open(&md, crate::store::journal::MAX_BYTES) {
        Ok(file) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::Read::take(file, crate::store::journal::MAX_BYTES), &mut text)
                .map_err(io)?;
            text
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Refreshed::Missing(md)),
        Err(e) => return Err(io(e)),
    };
    // The postmortem holds each section without its trailing blank lines.
    let before = before.trim_end();
    if before.is_empty() || text.matches(before).count() != 1 {
        return Ok(Refreshed::Edited(md));
    }
    let after = action_table(path)?;
    crate::store::atomic::replace(&md, text.replacen(before, after.trim_end(), 1).as_bytes()).map_err(io)?;
    Ok(Refreshed::Updated(md))
}
