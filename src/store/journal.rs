//! The journal: JSON Lines under the state dir, a header line then one event
//! per line, each appended and fsynced before the screen shows it.

use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::core::event::{Event, Header, JOURNAL_FORMAT};
use crate::core::runbook::{Runbook, RunbookError};
use crate::core::session::Session;
use crate::store::atomic::sync_dir;

/// An open journal, appending one fsynced line per event.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// Creates `<dir>/<session_id>.jsonl` (never overwriting) and writes the
    /// header line, fsyncing the file and the folder.
    ///
    /// # Errors
    /// Any IO error, including `AlreadyExists`.
    pub fn create(dir: &Path, header: &Header) -> io::Result<Self> {
        fs::create_dir_all(dir)?;
        let path = dir.join(format!("{}.jsonl", header.session_id));
        let file = OpenOptions::new().append(true).create_new(true).open(&path)?;
        let mut journal = Self { file, path };
        journal.write_line(&serde_json::to_string(header).map_err(io::Error::other)?)?;
        sync_dir(dir)?;
        Ok(journal)
    }

    /// Opens an existing journal to append to it (resuming). A half-written
    /// last line is closed with a newline first, so the next event starts
    /// on its own line and the torn one stays visible to the reader.
    ///
    /// # Errors
    /// Any IO error opening or repairing the file.
    pub fn open_append(path: &Path) -> io::Result<Self> {
        let mut file = OpenOptions::new().append(true).read(true).open(path)?;
        let len = file.metadata()?.len();
        if len > 0 {
            use std::io::{Read, Seek, SeekFrom};
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
                file.sync_data()?;
            }
        }
        Ok(Self { file, path: path.to_path_buf() })
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one event and fsyncs its data.
    ///
    /// # Errors
    /// Any IO error (disk full, file gone); the caller must tell the user.
    pub fn append(&mut self, event: &Event) -> io::Result<()> {
        self.write_line(&serde_json::to_string(event).map_err(io::Error::other)?)
    }

    fn write_line(&mut self, line: &str) -> io::Result<()> {
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        self.file.write_all(&buf)?;
        self.file.sync_data()
    }
}

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
    /// The runbook stored in the header no longer parses.
    #[error("the runbook stored in the journal is invalid: {0}")]
    Runbook(RunbookError),
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
    /// Parses the runbook stored in the header and replays the events.
    ///
    /// # Errors
    /// [`JournalError::Runbook`] when the stored runbook no longer parses.
    pub fn session(&self) -> Result<(Runbook, Session), JournalError> {
        let runbook = Runbook::parse(&self.header.runbook_path, &self.header.runbook_text)
            .map_err(|mut errs| JournalError::Runbook(errs.remove(0)))?;
        let session = Session::replay(self.header.mode, &runbook, &self.events);
        Ok((runbook, session))
    }
}

/// Reads a journal file.
///
/// # Errors
/// [`JournalError`] when the file cannot be read or has no valid header.
pub fn read(path: &Path) -> Result<Loaded, JournalError> {
    let bytes = fs::read(path).map_err(|source| JournalError::Io { path: path.to_path_buf(), source })?;
    parse(&String::from_utf8_lossy(&bytes))
}

/// Parses journal text: a header line, then events; lines that are not
/// events are skipped and reported, a half-written last line included.
///
/// # Errors
/// [`JournalError`] for an empty text, a bad header or a newer format.
pub fn parse(text: &str) -> Result<Loaded, JournalError> {
    let mut lines = text.split('\n').enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next().ok_or(JournalError::Empty)?;
    let probe: serde_json::Value = serde_json::from_str(first).map_err(|e| JournalError::BadHeader(e.to_string()))?;
    if let Some(found) = probe.get("format").and_then(serde_json::Value::as_u64)
        && found > u64::from(JOURNAL_FORMAT)
    {
        return Err(JournalError::NewerFormat { found: u32::try_from(found).unwrap_or(u32::MAX) });
    }
    let header: Header = serde_json::from_value(probe).map_err(|e| JournalError::BadHeader(e.to_string()))?;
    let complete = text.ends_with('\n');
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    let mut rest = lines.peekable();
    while let Some((n, line)) = rest.next() {
        match serde_json::from_str::<Event>(line) {
            Ok(e) => events.push(e),
            Err(e) => {
                let last = rest.peek().is_none();
                let reason = if last && !complete {
                    "half-written last line (the process stopped mid-write)".to_owned()
                } else {
                    e.to_string()
                };
                skipped.push(Skipped { line: n + 1, reason });
            }
        }
    }
    Ok(Loaded { header, events, skipped })
}

#[cfg(test)]
mod tests;

/// The journal as JSON Lines text (header, then events), as written.
pub fn to_text(loaded: &Loaded) -> String {
    let mut out = String::new();
    for line in std::iter::once(serde_json::to_string(&loaded.header))
        .chain(loaded.events.iter().map(serde_json::to_string))
        .flatten()
    {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
