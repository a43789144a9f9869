//! The heartbeat: while a session runs, `<journal>.alive` has its
//! modification time touched every second (no fsync, no journal line), so a
//! resume knows when the process stopped, to within a second, after a kill,
//! a crash or a clean "keep" exit alike, and the report of a session left
//! unfinished runs its total to that time. Removed once saved.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Utc};

/// Seconds between two beats.
pub const EVERY_SECS: u64 = 1;

/// The heartbeat file of a journal: `<journal>.alive`.
pub fn alive_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".alive");
    PathBuf::from(name)
}

/// Touches the heartbeat of `journal` now (creating it the first time).
///
/// # Errors
/// The IO error when the file cannot be created or touched; losing a beat
/// only makes a later gap less exact.
pub fn beat(journal: &Path) -> io::Result<()> {
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(alive_path(journal))?;
    file.set_modified(SystemTime::now())
}

/// When the process running `journal` last gave a sign of life, if known.
pub fn last_alive(journal: &Path) -> Option<DateTime<Utc>> {
    let modified = fs::metadata(alive_path(journal)).and_then(|m| m.modified()).ok()?;
    Some(DateTime::<Utc>::from(modified))
}

/// Removes the heartbeat of a session that was saved.
pub fn clear(journal: &Path) {
    let _ = fs::remove_file(alive_path(journal));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_beat_is_read_back_and_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("s.jsonl");
        assert_eq!(last_alive(&journal), None);
        let before = Utc::now() - chrono::Duration::seconds(1);
        beat(&journal).expect("beat");
        let seen = last_alive(&journal).expect("alive");
        assert!(seen >= before && seen <= Utc::now() + chrono::Duration::seconds(1), "{seen}");
        clear(&journal);
        assert_eq!(last_alive(&journal), None);
    }
}
