//! The journal: JSON Lines under the state dir, a header line then one event
//! per line, each appended and fsynced before the screen shows it.

use std::fmt::Write as _;
use std::io;
use std::io::Write as _;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::core::event::{Event, Header, JOURNAL_FORMAT};
use crate::core::runbook::{Deck, Runbook, RunbookError};
use crate::core::session::Session;

mod absurd;
mod batch;
#[cfg(test)]
pub(crate) mod fixture;
mod reader;
pub mod spill;
mod writer;
pub use reader::{MAX_BYTES, MAX_LINE_BYTES, MAX_SEQ, MAX_T_MS, parse, read, read_for_postmortem, read_header};
pub use writer::{Journal, MAX_PENDING, Sink};

/// Lower-case hex sha256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Why a journal cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The journal path.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file holds nothing.
    #[error("the journal is empty")]
    Empty,
    /// The first line is not a journal header.
    #[error("line 1: not a firedrill journal header: {0}")]
    BadHeader(String),
    /// Written by a newer firedrill.
    #[error("journal format {found} is newer than this firedrill reads ({JOURNAL_FORMAT}); upgrade firedrill")]
    NewerFormat {
        /// The format found.
        found: u32,
    },
    /// A line holds numbers no firedrill writes (a forged or corrupt file).
    #[error("line {line}: {why}; this is not a journal firedrill wrote")]
    Absurd {
        /// The 1-based line number.
        line: usize,
        /// Which number, and why it is refused.
        why: String,
    },
    /// The runbook stored in the header no longer parses.
    #[error("the runbook stored in the journal is invalid: {0}")]
    Runbook(RunbookError),
    /// The deck of inject cards stored in the header no longer parses.
    #[error("the deck stored in the journal is invalid: {0}")]
    Deck(RunbookError),
}

/// A line that was skipped while reading, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Line number in the file.
    pub line: usize,
    /// Why it was skipped.
    pub reason: String,
}

/// A journal read back: header, good events, and the lines skipped.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The header line.
    pub header: Header,
    /// Events in order.
    pub events: Vec<Event>,
    /// Lines that could not be read (a half-written last line, garbage).
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    /// True when the journal holds the session's `finished` event.
    pub fn finished(&self) -> bool {
        self.events.iter().any(|e| matches!(e.kind, crate::core::event::EventKind::Finished))
    }

    /// Parses the runbook (and deck) stored in the header and replays the events.
    ///
    /// # Errors
    /// [`JournalError::Runbook`] or [`JournalError::Deck`] when what the
    /// header stores no longer parses.
    pub fn session(&self) -> Result<(Runbook, Session), JournalError> {
        let (runbook, fresh) = fresh_session(&self.header)?;
        Ok((runbook, fresh.replay_onto(self.header.format, self.events.clone())))
    }

    /// [`Loaded::session`] taking the events instead of copying them: a
    /// large journal is held once.
    ///
    /// # Errors
    /// As [`Loaded::session`].
    pub fn into_session(self) -> Result<(Header, Runbook, Session), JournalError> {
        let (runbook, fresh) = fresh_session(&self.header)?;
        let session = fresh.replay_onto(self.header.format, self.events);
        Ok((self.header, runbook, session))
    }
}

/// The runbook `header` stores, and a session over it (with the deck's
/// cards, when the header records a deck) before any event.
///
/// # Errors
/// [`JournalError::Runbook`] or [`JournalError::Deck`] when either no longer parses.
pub fn fresh_session(header: &Header) -> Result<(Runbook, Session), JournalError> {
    let runbook = Runbook::parse(&header.runbook_path, &header.runbook_text)
        .map_err(|mut errs| JournalError::Runbook(errs.remove(0)))?;
    session_over(header, runbook)
}

/// [`fresh_session`] over `runbook`, already parsed from what `header` stores.
///
/// # Errors
/// [`JournalError::Deck`] when the deck the header stores no longer parses.
pub fn session_over(header: &Header, runbook: Runbook) -> Result<(Runbook, Session), JournalError> {
    let deck = match &header.deck {
        Some(d) => Some((
            d.path.as_str(),
            Deck::parse(&d.path, &d.text, &runbook).map_err(|mut errs| JournalError::Deck(errs.remove(0)))?,
        )),
        None => None,
    };
    let key = deck.as_ref().map(|(path, d)| d.key(path));
    let session = Session::new(header.mode, &runbook)
        .with_deck(key.as_deref().zip(deck.as_ref().map(|(_, d)| d)))
        .with_update_every(header.update_every_ms)
        .with_live_commands(header.live_commands);
    Ok((runbook, session))
}

#[cfg(test)]
mod tests;

/// The journal as JSON Lines text (header, then events), as written.
pub fn to_text(loaded: &Loaded) -> String {
    text_of(&loaded.header, &loaded.events)
}

/// The JSON Lines text of `header` then `events`, one a line.
pub fn text_of(header: &Header, events: &[Event]) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_text(&mut out, header, events);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes [`text_of`] `header` and `events` to `out` a line at a time
/// through a 64 KiB buffer: a million events are written, never held twice
/// (an event that cannot be serialized is left out, as in [`text_of`]).
///
/// # Errors
/// The first error writing to `out`.
pub fn write_text(out: &mut dyn io::Write, header: &Header, events: &[Event]) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 << 10, out);
    for line in std::iter::once(crate::core::sanitize::json::to_string(header))
        .chain(events.iter().map(crate::core::sanitize::json::to_string))
        .flatten()
    {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
