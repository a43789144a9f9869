//! One writer per journal: a lock file beside it naming the process that
//! holds it (pid, host, since). A lock left by a dead process on this host
//! is taken over; a live one is refused with who holds it.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
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

/// A held lock; the file is removed when this is dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// The lock file of a journal: `<journal>.lock`.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// This machine's host name (from the kernel), or `unknown`.
pub fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn alive(holder: &Holder) -> bool {
    holder.host != host_name() || Path::new("/proc").join(holder.pid.to_string()).exists()
}

/// Reads who holds `journal`, if a lock file exists and names a live process.
pub fn holder(journal: &Path) -> Option<Holder> {
    let text = fs::read_to_string(lock_path(journal)).ok()?;
    serde_json::from_str::<Holder>(&text).ok().filter(alive)
}

impl Lock {
    /// Takes the lock of `journal` for this process at `since`.
    ///
    /// # Errors
    /// [`LockError::Held`] when a live process holds it; [`LockError::Io`]
    /// when the lock file cannot be written.
    pub fn acquire(journal: &Path, since: DateTime<Utc>) -> Result<Self, LockError> {
        let path = lock_path(journal);
        let me = Holder { pid: std::process::id(), host: host_name(), since };
        let io = |source| LockError::Io { path: path.clone(), source };
        for _ in 0..2 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    f.write_all(serde_json::to_string(&me).map_err(io::Error::other).map_err(io)?.as_bytes())
                        .map_err(io)?;
                    f.sync_all().map_err(io)?;
                    return Ok(Self { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let text = fs::read_to_string(&path).unwrap_or_default();
                    match serde_json::from_str::<Holder>(&text) {
                        Ok(h) if alive(&h) && h.pid != me.pid => return Err(LockError::Held(h)),
                        // A stale lock (dead process, or unreadable): take it over.
                        _ => fs::remove_file(&path).map_err(io)?,
                    }
                }
                Err(e) => return Err(io(e)),
            }
        }
        Err(io(io::Error::other("the lock file keeps coming back")))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn a_second_writer_is_refused_with_the_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("s.jsonl");
        let held = Holder { pid: 1, host: host_name(), since: now() };
        fs::write(lock_path(&journal), serde_json::to_string(&held).expect("json")).expect("write");
        match Lock::acquire(&journal, now()) {
            Err(LockError::Held(h)) => assert_eq!(h, held),
            other => panic!("expected held, got {other:?}"),
        }
    }

    #[test]
    fn a_stale_lock_is_taken_over_and_released_on_drop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("s.jsonl");
        let dead = Holder { pid: u32::MAX - 1, host: host_name(), since: now() };
        fs::write(lock_path(&journal), serde_json::to_string(&dead).expect("json")).expect("write");
        let lock = Lock::acquire(&journal, now()).expect("stale lock taken over");
        assert_eq!(holder(&journal).map(|h| h.pid), Some(std::process::id()));
        drop(lock);
        assert!(!lock_path(&journal).exists());
    }
}
