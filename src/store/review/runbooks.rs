//! The runbooks a scan has parsed, by the sha256 of their text, and the
//! fresh sessions made over them: years of drills of one runbook store the
//! same text in every journal, and parsing it, then deriving the steps'
//! plans from it, is most of reading a short journal.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::core::event::Header;
use crate::core::runbook::Runbook;
use crate::core::session::Session;
use crate::store::journal::{self, JournalError, Loaded};

/// What a fresh session is made of besides the runbook: the mode, the
/// deck's path and text, the update period and whether live commands run
/// (each header field [`journal::session_over`] reads).
type Setup = (&'static str, Option<(String, String)>, Option<u64>, bool);

/// Parsed runbooks by (path, sha256 the header claims), each with the
/// text it was parsed from, and the fresh sessions over them by runbook
/// and setup, shared by a scan's workers.
#[derive(Default)]
pub struct Parsed {
    runbooks: Memo<(String, String), Runbook>,
    fresh: Memo<FreshKey, Made>,
}

/// Values by key, each with the text it was made from, shared.
type Memo<K, V> = Mutex<HashMap<K, (String, Arc<V>)>>;

/// Where a fresh session is kept: its runbook's [`key`] and its setup.
type FreshKey = ((String, String), Setup);

/// A fresh session as made: the runbook, and the session before any event.
type Made = (Arc<Runbook>, Session);

/// The value `map` keeps under `key` for exactly `text`, or else `make`'s,
/// kept there for later unless another text holds the key already (a
/// claim that does not match is made afresh each time). Values are
/// shared, so the lock is held for a count, never for a copy: a scan's
/// workers copied whole sessions under it, one at a time.
fn memo<K: Eq + std::hash::Hash, V>(
    map: &Memo<K, V>,
    key: K,
    text: &str,
    make: impl FnOnce() -> Result<V, JournalError>,
) -> Result<Arc<V>, JournalError> {
    let same = |(kept, v): &(String, Arc<V>)| (kept == text).then(|| Arc::clone(v));
    if let Some(v) = map.lock().ok().and_then(|m| m.get(&key).and_then(same)) {
        return Ok(v);
    }
    let v = Arc::new(make()?);
    if let Ok(mut m) = map.lock() {
        m.entry(key).or_insert_with(|| (text.to_owned(), Arc::clone(&v)));
    }
    Ok(v)
}

/// Where to look for the runbook `header` stores: its path and the sha256
/// the header claims. A claim is only where to look: what is found there
/// is used only for the very same text (hashing every journal's runbook
/// again cost more than comparing it).
fn key(header: &Header) -> (String, String) {
    (header.runbook_path.clone(), header.runbook_sha256.clone())
}

impl Parsed {
    /// The runbook `header` stores, whose [`key`] is `key`, parsed once per
    /// text (the path is part of the key: a runbook's errors and key name it).
    ///
    /// # Errors
    /// [`JournalError::Runbook`] when the text does not parse.
    fn runbook(&self, key: (String, String), header: &Header) -> Result<Arc<Runbook>, JournalError> {
        memo(&self.runbooks, key, &header.runbook_text, || {
            Runbook::parse(&header.runbook_path, &header.runbook_text)
                .map_err(|mut errs| JournalError::Runbook(errs.remove(0)))
        })
    }

    /// [`journal::session_over`] for `header`, made once per runbook text
    /// and setup and copied after (a bad runbook or deck is an error each time).
    ///
    /// # Errors
    /// As [`journal::session_over`].
    fn fresh(&self, header: &Header) -> Result<Arc<Made>, JournalError> {
        let setup: Setup = (
            header.mode.key(),
            header.deck.as_ref().map(|d| (d.path.clone(), d.text.clone())),
            header.update_every_ms,
            header.live_commands,
        );
        let runbook_key = key(header);
        memo(&self.fresh, (runbook_key.clone(), setup), &header.runbook_text, || {
            let runbook = Runbook::clone(&*self.runbook(runbook_key, header)?);
            journal::session_over(header, runbook).map(|(runbook, session)| (Arc::new(runbook), session))
        })
    }

    /// [`Loaded::into_session`] with the runbook parsed, and the fresh
    /// session made, at most once per text and setup (the runbook shared,
    /// the session copied).
    ///
    /// # Errors
    /// As [`Loaded::into_session`].
    pub fn session(&self, loaded: Loaded) -> Result<(Header, Arc<Runbook>, Session), JournalError> {
        let made = self.fresh(&loaded.header)?;
        let session = made.1.clone().replay_onto(loaded.header.format, loaded.events);
        Ok((loaded.header, Arc::clone(&made.0), session))
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
            // What the header claims is only where to look: a wrong hash serves no other text.
            runbook_sha256: "0".repeat(64),
            runbook_redacted: false,
            started_at: at,
            update_every_ms: None,
            deck: None,
            live_commands: false,
        }
    }

    fn runbook_of(parsed: &Parsed, header: &Header) -> Result<Runbook, JournalError> {
        parsed.runbook(key(header), header).map(|r| Runbook::clone(&r))
    }

    #[test]
    fn one_parse_per_path_and_text_and_a_bad_text_is_an_error_each_time() {
        let parsed = Parsed::default();
        let a = runbook_of(&parsed, &header("a.toml", RUNBOOK)).expect("parses");
        assert_eq!(runbook_of(&parsed, &header("a.toml", RUNBOOK)).expect("cached"), a);
        assert_eq!(Runbook::parse("a.toml", RUNBOOK).expect("fresh"), a, "the cached parse is the parse");
        let other = RUNBOOK.replace("title = \"T\"", "title = \"U\"");
        // Every header here claims the same hash: the other text is still its own runbook.
        assert_eq!(runbook_of(&parsed, &header("a.toml", &other)).expect("parses").title(), "U");
        assert_eq!(runbook_of(&parsed, &header("a.toml", RUNBOOK)).expect("cached"), a);
        assert_eq!(parsed.runbooks.lock().map_or(0, |m| m.len()), 1);
        for _ in 0..2 {
            assert!(matches!(runbook_of(&parsed, &header("b.toml", "version = 1\n")), Err(JournalError::Runbook(_))));
        }
    }

    #[test]
    fn a_fresh_session_is_made_once_per_setup_and_is_the_one_made_directly() {
        let parsed = Parsed::default();
        let drill = header("a.toml", RUNBOOK);
        let incident = Header { mode: crate::core::event::Mode::Incident, ..header("a.toml", RUNBOOK) };
        let direct = journal::fresh_session(&drill).expect("fresh");
        let made = |h: &Header| parsed.fresh(h).map(|m| (Runbook::clone(&m.0), m.1.clone()));
        assert_eq!(made(&drill).expect("made"), direct);
        assert_eq!(made(&drill).expect("shared"), direct);
        let other = made(&incident).expect("made");
        assert_eq!(other, journal::fresh_session(&incident).expect("fresh"));
        assert_ne!(other.1, direct.1, "an incident's fresh session is not a drill's");
        assert_eq!(parsed.fresh.lock().map_or(0, |m| m.len()), 2);
        assert_eq!(parsed.runbooks.lock().map_or(0, |m| m.len()), 1, "one text, parsed once");
    }
}
