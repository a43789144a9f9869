//! Saving a session: the postmortem and a copy of the journal, side by side
//! in the output folder, atomically and never overwriting.

use std::path::{Path, PathBuf};

use crate::core::postmortem::{self, Input};
use crate::store::atomic::{SaveError, write_new_set};
use crate::store::journal::{JournalError, Loaded};
use crate::store::paths::stem;

/// Why a session could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveSessionError {
    /// The journal could not be replayed.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The files could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Renders the postmortem of `loaded` (with splits against the sessions
/// already saved in `dir`) and writes `<stem>.md` and `<stem>.jsonl` into
/// `dir`; returns the two paths.
///
/// # Errors
/// [`SaveSessionError`] when the journal's runbook is invalid or a file
/// cannot be written.
pub fn save(dir: &Path, loaded: &Loaded) -> Result<Vec<PathBuf>, SaveSessionError> {
    let (runbook, session) = loaded.session()?;
    let history = crate::store::review::history(dir, crate::store::paths::review_cache().as_deref());
    let markdown =
        postmortem::render(&Input { header: &loaded.header, runbook: &runbook, session: &session, history: &history });
    let journal = crate::store::journal::to_text(loaded);
    let name = stem(loaded.header.started_at, &loaded.header.runbook_path);
    Ok(write_new_set(dir, &name, &[("md", markdown.as_bytes()), ("jsonl", journal.as_bytes())])?)
}
