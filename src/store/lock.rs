//! One writer per journal, decided by an OS file lock (`flock` through
//! `File::try_lock`) on `<journal>.lock`, never by looking up a pid: a dead
//! process's lock is free at once, a reused pid cannot keep a session
//! read-only, and it works wherever `flock` does (Linux, macOS). The pid,
//! host and time in the file only name the holder in the message.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who holds a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// When the lock was taken (UTC).
    pub since: DateTime<Utc>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pid {} on {} since {} UTC", self.pid, self.host, self.since.format("%Y-%m-%d %H:%M:%S"))
    }
}

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live firedrill holds the journal.
    #[error("another firedrill holds this session: {0}")]
    Held(Holder),
    /// The lock file could not be written or read.
    #[error("lock file {}: {source}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// A held lock: the open, locked file. Dropping it removes the file and
/// releases the lock.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

/// The lock file of a journal: `<journal>.lock`.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// This machine's host name (from the kernel), or `unknown`.
pub fn host_name() -> String {
    crate::store::regular::read(Path::new("/proc/sys/kernel/hostname"), 1024)
        .map(|t| String::from_utf8_lossy(&t).trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Opens (creating) the lock file, refusing anything but a regular file.
fn open(path: &Path) -> io::Result<File> {
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.is_file()
    {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "is not a regular file"));
    }
    OpenOptions::new().read(true).write(true).create(true).truncate(false).mode(0o600).open(path)
}

/// Reads the holder named in an open lock file.
fn named(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

/// Who holds `journal`, if a live process holds its lock (whatever its pid).
pub fn holder(journal: &Path) -> Option<Holder> {
    let path = lock_path(journal);
    fs::symlink_metadata(&path).ok().filter(fs::Metadata::is_file)?;
    let mut file = File::open(&path).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(_) => Some(named(&mut file).unwrap_or_else(unknown)),
    }
}

fn unknown() -> Holder {
    Holder { pid: 0, host: "an unknown host".to_owned(), since: DateTime::<Utc>::UNIX_EPOCH }
}

impl Lock {
    /// Takes the lock of `journal` for this process at `since`.
    ///
    /// # Errors
    /// [`LockError::Held`] when another process holds it; [`LockError::Io`]
    /// when the lock file cannot be opened or written.
    pub fn acquire(journal: &Path, since: DateTime<Utc>) -> Result<Self, LockError> {
        let path = lock_path(journal);
        let io = |source| LockError::Io { path: path.clone(), source };
        for _ in 0..8 {
            let mut file = open(&path).map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(LockError::Held(named(&mut file).unwrap_or_else(unknown))),
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            // A holder that was leaving may have removed the file we opened:
            // the lock only counts on the file at the path now.
            let here = fs::symlink_metadata(&path).map(|m| (m.dev(), m.ino())).ok();
            let ours = file.metadata().map(|m| (m.dev(), m.ino())).map_err(io)?;
            if here != Some(ours) {
                continue;
            }
            let me = Holder { pid: std::process::id(), host: host_name(), since };
            let text = serde_json::to_string(&me).map_err(io::Error::other).map_err(io)?;
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            file.write_all(text.as_bytes()).map_err(io)?;
            file.sync_all().map_err(io)?;
            return Ok(Self { path, file });
        }
        Err(io(io::Error::other("the lock file keeps being replaced")))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiter that opened it retries.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests;
