//! The journal as a file: appended to, fsynced, opened again to resume
//! (a torn last line cut off), and rewritten whole from memory.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

use super::{Journal, Sink};
use crate::core::event::{Event, Header};
use crate::store::atomic::sync_dir;

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
    fn replaced(&self, path: &Path) -> bool {
        match (self.metadata(), std::fs::metadata(path)) {
            (Ok(open), Ok(named)) => (open.dev(), open.ino()) != (named.dev(), named.ino()),
            (Ok(open), Err(_)) => open.nlink() > 0,
            (Err(_), _) => false,
        }
    }
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
        let made = crate::core::sanitize::json::to_string(header)
            .map_err(io::Error::other)
            .and_then(|line| {
                journal.queue(&line);
                journal.flush()
            })
            .and_then(|()| sync_dir(dir));
        if let Err(e) = made {
            // Made here, never acknowledged: removed, so a retry can make it
            // (an empty file left behind refused every retry, and was listed
            // as a session).
            let _ = std::fs::remove_file(journal.path());
            return Err(e);
        }
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
        let mut text = crate::core::sanitize::json::to_string(header).map_err(io::Error::other)? + "\n";
        for e in events {
            text += &(crate::core::sanitize::json::to_string(e).map_err(io::Error::other)? + "\n");
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
