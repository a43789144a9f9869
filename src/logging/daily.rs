//! The daily log file: `firedrill.YYYY-MM-DD.log` by UTC date in the log
//! folder, appended to, a new one when the date turns, and only the
//! newest [`KEEP_DAYS`](super::KEEP_DAYS) kept. Ours rather than
//! `tracing-appender`'s rolling file: that one formats its file names with
//! the `time` crate, a tenth of a megabyte of the binary for one date.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The name of the log file for the UTC date `date` (`YYYY-MM-DD`).
pub fn name(date: &str) -> String {
    format!("firedrill.{date}.log")
}

/// Today's UTC date as the file names spell it.
fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// An open daily file: the date it is for and the file.
pub struct Daily {
    dir: PathBuf,
    date: String,
    file: File,
}

impl Daily {
    /// Opens today's file in `dir` (made if missing) and removes the
    /// oldest files beyond `keep`.
    ///
    /// # Errors
    /// When the folder or the file cannot be made or opened.
    pub fn open(dir: &Path, keep: usize) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let date = today();
        let file = OpenOptions::new().create(true).append(true).open(dir.join(name(&date)))?;
        prune(dir, keep);
        Ok(Self { dir: dir.to_path_buf(), date, file })
    }

    /// Appends `bytes` to the file of the current date, turning to a new
    /// file (and pruning) when the date has changed since the last line.
    ///
    /// # Errors
    /// When the file cannot be opened or written.
    pub fn append(&mut self, bytes: &[u8], keep: usize) -> std::io::Result<()> {
        if today() != self.date {
            *self = Self::open(&self.dir, keep)?;
        }
        self.file.write_all(bytes)
    }

    /// Flushes the file.
    ///
    /// # Errors
    /// When the file cannot be flushed.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Removes the oldest `firedrill.YYYY-MM-DD.log` files in `dir` beyond the
/// newest `keep` (dates sort as text); other files are left alone, and a
/// file that cannot be removed stays.
fn prune(dir: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut dated: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.strip_prefix("firedrill.").and_then(|r| r.strip_suffix(".log")).is_some_and(is_date))
        .collect();
    dated.sort_unstable();
    let old = dated.len().saturating_sub(keep);
    for n in &dated[..old] {
        let _ = std::fs::remove_file(dir.join(n));
    }
}

/// Whether `s` reads `YYYY-MM-DD` (digits and dashes in those places).
fn is_date(s: &str) -> bool {
    s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_dated_files_are_kept_and_others_are_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        for d in ["2026-01-01", "2026-01-03", "2026-01-02", "2025-12-31"] {
            std::fs::write(dir.path().join(name(d)), d).expect("write");
        }
        std::fs::write(dir.path().join("firedrill.notes.log"), "mine").expect("write");
        std::fs::write(dir.path().join("other.2020-01-01.log"), "theirs").expect("write");
        prune(dir.path(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read")
            .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["firedrill.2026-01-02.log", "firedrill.2026-01-03.log", "firedrill.notes.log", "other.2020-01-01.log"]
        );
    }

    #[test]
    fn lines_are_appended_to_todays_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let logs = dir.path().join("logs");
        let mut f = Daily::open(&logs, 7).expect("open");
        f.append(b"one\n", 7).expect("append");
        let mut again = Daily::open(&logs, 7).expect("open again");
        again.append(b"two\n", 7).expect("append");
        again.flush().expect("flush");
        let text = std::fs::read_to_string(logs.join(name(&today()))).expect("read");
        assert_eq!(text, "one\ntwo\n");
    }
}
