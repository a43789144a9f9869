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

#[cfg(test)]
mod tests {
    use super::*;

    const RUNBOOK: &str = "version = 1\ntitle = \"T\"\n[release]\nlive = \"a\"\nknown_good = \"b\"\n[[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n";

    fn header(path: &str, text: &str) -> Header {
        let at = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
        Header {
            format: crate::core::event::JOURNAL_FORMAT,
            session_id: "s".into(),
            mode: crate::core::event::Mode::Drill,
            runbook_path: path.into(),
            runbook_text: text.into(),
            // What the header claims is never the key: a wrong hash changes nothing.
            runbook_sha256: "0".repeat(64),
            runbook_redacted: false,
            started_at: at,
            update_every_ms: None,
            deck: None,
            live_commands: false,
        }
    }

    #[test]
    fn one_parse_per_path_and_text_and_a_bad_text_is_an_error_each_time() {
        let parsed = Parsed::default();
        let a = parsed.runbook(&header("a.toml", RUNBOOK)).expect("parses");
        assert_eq!(parsed.runbook(&header("a.toml", RUNBOOK)).expect("cached"), a);
        assert_eq!(Runbook::parse("a.toml", RUNBOOK).expect("fresh"), a, "the cached parse is the parse");
        let other = RUNBOOK.replace("title = \"T\"", "title = \"U\"");
        assert_eq!(parsed.runbook(&header("a.toml", &other)).expect("parses").title(), "U");
        assert_eq!(parsed.0.lock().map_or(0, |m| m.len()), 2);
        for _ in 0..2 {
            assert!(matches!(parsed.runbook(&header("b.toml", "version = 1\n")), Err(JournalError::Runbook(_))));
        }
    }
}
