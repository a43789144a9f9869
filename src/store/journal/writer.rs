//! Writing the journal so that a failed write is never hidden and never
//! tears the file: each line is queued, written and fsynced; a write or
//! fsync that fails leaves it (and every later line) pending in memory, the
//! file is cut back to its last complete line before the next attempt, and
//! pending lines are written in order when writes work again (docs/design.md,
//! "The one idea: the journal is the truth").

use std::collections::VecDeque;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::event::Event;

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
    /// True when `path` no longer names this file (another file was put
    /// there, or it was moved away).
    fn replaced(&self, _path: &Path) -> bool {
        false
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
    /// The file was cut short or replaced under this writer: what was
    /// durable is gone, and only a rewrite from memory completes it.
    lost: Option<&'static str>,
}

impl<S: Sink> Journal<S> {
    /// Wraps `sink` (holding `good_len` durable bytes that end on a line)
    /// as the journal at `path`.
    pub fn with_sink(sink: S, path: PathBuf, good_len: u64) -> Self {
        Self { sink, path, good_len, pending: VecDeque::new(), failure: None, overflowed: false, lost: None }
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Lines waiting to be written (0 when the file is complete).
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// True when the file on disk holds every line given to it (a file
    /// short of events merged back from a spill is not, until rewritten).
    pub fn complete(&self) -> bool {
        self.pending.is_empty() && !self.needs_rewrite()
    }

    /// True when only [`Journal::rewrite`] can make the file complete: it
    /// was deleted, cut short or replaced, or more than [`MAX_PENDING`]
    /// lines were waiting.
    pub fn needs_rewrite(&self) -> bool {
        self.overflowed || self.deleted() || self.lost.is_some()
    }

    /// What happened to the file under this writer, when it was deleted,
    /// cut short or replaced ("deleted", "emptied or cut short", "replaced").
    pub fn lost(&self) -> Option<&'static str> {
        if self.deleted() { Some("deleted") } else { self.lost }
    }

    /// Marks the file short of events the session holds (merged back from
    /// a spill it could not take yet): only a rewrite completes it.
    pub fn must_rewrite(&mut self) {
        self.lost = Some("short of events held elsewhere");
    }

    /// Looks at the file before writing: a file shorter than what was
    /// durable (`: > journal`) or a path that names another file means what
    /// was written is gone; appending would leave zeros or write elsewhere.
    fn check_file(&mut self) -> io::Result<()> {
        if self.lost.is_none() {
            if self.sink.replaced(&self.path) {
                self.lost = Some("replaced");
            } else if self.sink.size()? < self.good_len {
                self.lost = Some("emptied or cut short");
            }
        }
        match self.lost {
            Some(what) => Err(io::Error::other(format!("the journal was {what} while open"))),
            None => Ok(()),
        }
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
        self.queue(&crate::core::sanitize::json::to_string(event).map_err(io::Error::other)?);
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
        // Never cut a file that shrank under us: that would pad it with zeros.
        if result.is_err() && self.lost.is_none() && !self.sink.size().is_ok_and(|n| n <= self.good_len) {
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
        self.check_file()?;
        if self.sink.size()? > self.good_len {
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

mod file;
#[cfg(test)]
mod tests;
