//! The runbooks a scan has parsed, by the sha256 of their text: years of
//! drills of one runbook store the same text in every journal, and
//! parsing it is most of reading a short journal.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::core::event::Header;
use crate::core::runbook::Runbook;
use crate::core::session::Session;
use crate::store::journal::{self, JournalError, Loaded};

/// Parsed runbooks by (path, sha256 of the text), shared by a scan's workers.
#[derive(Default)]
pub struct Parsed(Mutex<HashMap<(String, String), Runbook>>);

impl Parsed {
    /// The runbook `header` stores, parsed once per text (the path is part
    /// of the key: a runbook's errors and key name it).
    ///
    /// # Errors
    /// [`JournalError::Runbook`] when the text does not parse.
    fn runbook(&self, header: &Header) -> Result<Runbook, JournalError> {
        // The hash is of the text read, never the one the header claims.
        let key = (header.runbook_path.clone(), journal::sha256_hex(&header.runbook_text));
        if let Some(r) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(r);
        }
        let runbook = Runbook::parse(&header.runbook_path, &header.runbook_text)
            .map_err(|mut errs| JournalError::Runbook(errs.remove(0)))?;
        if let Ok(mut m) = self.0.lock() {
            m.insert(key, runbook.clone());
        }
        Ok(runbook)
    }

    /// [`Loaded::into_session`] with the runbook parsed at most once per text.
    ///
    /// # Errors
    /// As [`Loaded::into_session`].
    pub fn session(&self, loaded: Loaded) -> Result<(Header, Runbook, Session), JournalError> {
        let (runbook, fresh) = journal::session_over(&loaded.header, self.runbook(&loaded.header)?)?;
        let session = fresh.replay_onto(loaded.header.format, loaded.events);
        Ok((loaded.header, runbook, session))
    }
}
