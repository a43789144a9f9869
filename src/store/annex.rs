//! Records kept after a session ends (an action item closed or exported)
//! are appended to its saved journal, checked by the core like any event.

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
