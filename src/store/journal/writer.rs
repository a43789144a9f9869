//! Writing the journal so that a failed write is never hidden and never
//! tears the file: each line is queued, written and fsynced; a write or
//! fsync that fails leaves it (and every later line) pending in memory, the
//! file is cut back to its last complete line before the next attempt, and
//! pending lines are written in order when writes work again (DESIGN.md,
//! "What the first build taught": journal failure).

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::core::event::{Event, Header};
use crate::store::atomic::sync_dir;

/// Most lines held in memory while the disk refuses them; past it they are
/// dropped and the journal must be rewritten whole from the session (which
/// holds every event), so memory stays bounded.
pub const MAX_PENDING: usize = 10_000;

/// Where journal bytes go: a file, or a fault-injecting stand-in in tests.
pub trait Sink {
    /// Appends `buf` at the end (all of it, or an error; a part may land).
    ///
    /// # Errors
    /// Any IO error; some bytes may have been written.
    fn append(&mut self, buf: &[u8]) -> io::Result<()>;
    /// Makes what was appended durable (fsync of the data).
    ///
    /// # Errors
    /// Any IO error; what was appended since the last sync may be lost.
    fn sync(&mut self) -> io::Result<()>;
    /// The current length in bytes.
    ///
    /// # Errors
    /// Any IO error.
    fn size(&mut self) -> io::Result<u64>;
    /// Cuts the content back to `len` bytes.
    ///
    /// # Errors
    /// Any IO error.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    /// True when the file was removed from its folder while open.
    fn deleted(&self) -> bool {
        false
    }
}

impl Sink for File {
    fn append(&mut self, buf: &[u8]) -> io::Result<()> {
        self.write_all(buf)
    }
    fn sync(&mut self) -> io::Result<()> {
        self.sync_data()
    }
    fn size(&mut self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)?;
        self.sync_data()
    }
    fn deleted(&self) -> bool {
        self.metadata().is_ok_and(|m| m.nlink() == 0)
    }
}

/// An open journal: a header line then one line per event, each fsynced
/// before it counts as written.
#[derive(Debug)]
pub struct Journal<S: Sink = File> {
    sink: S,
    path: PathBuf,
    /// Bytes known to be durable, always ending on a newline.
    good_len: u64,
    /// Lines (with their newline) not yet durable, oldest first.
    pending: VecDeque<Vec<u8>>,
    /// Why the last attempt failed, while lines are pending.
    failure: Option<String>,
    /// Lines were dropped past [`MAX_PENDING`]: only a rewrite completes it.
    overflowed: bool,
}

/// Opens a journal file for appending, owner-only, never following it to a
/// FIFO or device.
fn open_file(path: &Path, create_new: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).read(true).mode(0o600);
    if create_new {
        options.create_new(true);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

impl Journal<File> {
    /// Creates `<dir>/<session_id>.jsonl` (never overwriting, mode 0600) and
    /// writes the header line, fsyncing the file and the folder.
    ///
    /// # Errors
    /// Any IO error, including `AlreadyExists`.
    pub fn create(dir: &Path, header: &Header) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("{}.jsonl", header.session_id));
        let file = open_file(&path, true)?;
        let mut journal = Self::with_sink(file, path, 0);
        journal.queue(&serde_json::to_string(header).map_err(io::Error::other)?);
        journal.flush()?;
        sync_dir(dir)?;
        Ok(journal)
    }

    /// Opens an existing journal to append to it (resuming). A half-written
    /// last line is cut off: it was never acknowledged, and gluing the next
    /// event onto it would lose that event too.
    ///
    /// # Errors
    /// Any IO error opening or repairing the file.
    pub fn open_append(path: &Path) -> io::Result<Self> {
        let mut file = open_file(path, false)?;
        let good = complete_len(&mut file)?;
        if good != file.metadata()?.len() {
            file.set_len(good)?;
            file.sync_data()?;
        }
        Ok(Self::with_sink(file, path.to_path_buf(), good))
    }

    /// Writes the whole journal again from memory at its path (after the
    /// file was deleted, or to catch up past [`MAX_PENDING`]): header and
    /// `events` to a temp file, fsync, rename over, fsync the folder.
    ///
    /// # Errors
    /// Any IO error; the journal then stays as it was, lines pending.
    pub fn rewrite(&mut self, header: &Header, events: &[Event]) -> io::Result<()> {
        let mut text = serde_json::to_string(header).map_err(io::Error::other)? + "\n";
        for e in events {
            text += &(serde_json::to_string(e).map_err(io::Error::other)? + "\n");
        }
        crate::store::atomic::replace(&self.path, text.as_bytes())?;
        let file = open_file(&self.path, false)?;
        *self = Self::with_sink(file, self.path.clone(), text.len() as u64);
        Ok(())
    }
}

/// The length of `file` up to and including its last newline.
fn complete_len(file: &mut File) -> io::Result<u64> {
    let len = file.metadata()?.len();
    let mut end = len;
    let mut buf = [0u8; 4096];
    while end > 0 {
        let start = end.saturating_sub(buf.len() as u64);
        let chunk = &mut buf[..usize::try_from(end - start).unwrap_or(0)];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|b| *b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

impl<S: Sink> Journal<S> {
    /// Wraps `sink` (holding `good_len` durable bytes that end on a line)
    /// as the journal at `path`.
    pub fn with_sink(sink: S, path: PathBuf, good_len: u64) -> Self {
        Self { sink, path, good_len, pending: VecDeque::new(), failure: None, overflowed: false }
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Lines waiting to be written (0 when the file is complete).
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// True when the file on disk holds every line given to it.
    pub fn complete(&self) -> bool {
        self.pending.is_empty() && !self.overflowed && !self.deleted()
    }

    /// True when only [`Journal::rewrite`] can make the file complete: it
    /// was deleted, or more than [`MAX_PENDING`] lines were waiting.
    pub fn needs_rewrite(&self) -> bool {
        self.overflowed || self.deleted()
    }

    /// Why the journal cannot be written, while lines are pending.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// True when the file was deleted while open.
    pub fn deleted(&self) -> bool {
        self.sink.deleted()
    }

    /// Appends one event and fsyncs it, after any lines still pending.
    ///
    /// # Errors
    /// Any IO error (disk full, read-only, file gone): the event stays
    /// pending in memory and is written by a later [`Journal::flush`].
    pub fn append(&mut self, event: &Event) -> io::Result<()> {
        self.queue(&serde_json::to_string(event).map_err(io::Error::other)?);
        self.flush()
    }

    fn queue(&mut self, line: &str) {
        if self.overflowed {
            return;
        }
        if self.pending.len() >= MAX_PENDING {
            // The session holds every event: drop the copies, rewrite later.
            self.overflowed = true;
            self.pending = VecDeque::new();
            return;
        }
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        self.pending.push_back(buf);
    }

    /// Writes every pending line in order, each fsynced; first cuts off
    /// whatever a failed attempt left past the last complete line (and
    /// tries to cut it right after a failure too).
    ///
    /// # Errors
    /// The first IO error; the lines not yet durable stay pending.
    pub fn flush(&mut self) -> io::Result<()> {
        let result = self.try_flush();
        if result.is_err() {
            // Best effort now, so a kill in this state leaves no torn line;
            // the next attempt cuts it again if this fails too.
            let _ = self.sink.truncate(self.good_len);
        }
        self.failure = result.as_ref().err().map(ToString::to_string);
        result
    }

    fn try_flush(&mut self) -> io::Result<()> {
        if self.overflowed {
            let why = format!("more than {MAX_PENDING} events waited; the journal must be written whole");
            return Err(io::Error::other(why));
        }
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.sink.size()? != self.good_len {
            self.sink.truncate(self.good_len)?;
        }
        while let Some(line) = self.pending.front() {
            self.sink.append(line)?;
            self.sink.sync()?;
            self.good_len += line.len() as u64;
            self.pending.pop_front();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
