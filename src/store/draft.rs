//! Drafts: text being typed in a session's fields (a note, a status
//! update, a reason, a debrief field) kept beside its journal as
//! `<journal>.draft`, so a kill loses at most the last second of typing.
//! The file is rewritten in place (no fsync: it guards against a killed
//! process, not a lost machine), at most once a second by the loop, and
//! removed when nothing is being typed.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Largest draft file read back (64 KiB).
pub const MAX_BYTES: u64 = 64 * 1024;

/// The fields being typed: (which field, its text), in the screen's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Each field's key (e.g. `note`, `status`, `debrief:What slowed us down?`) and text.
    pub fields: Vec<(String, String)>,
}

impl Draft {
    /// True when nothing is being typed.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// The draft file of a journal: `<journal>.draft`.
pub fn draft_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".draft");
    PathBuf::from(name)
}

/// The draft file of one journal, held open while the session runs: each
/// write puts the new text at its start, then cuts what is left of the
/// old (two system calls; no open, rename or truncation to zero, which
/// make ext4 flush data at once). A kill between the two leaves the new
/// draft followed by the old one's tail, and [`read`] takes the first.
#[derive(Debug)]
pub struct DraftFile {
    path: PathBuf,
    file: Option<File>,
    len: u64,
}

impl DraftFile {
    /// The draft file of `journal` (nothing is opened until a write).
    pub fn of(journal: &Path) -> Self {
        Self { path: draft_path(journal), file: None, len: 0 }
    }

    /// Replaces the draft with `draft` (owner-only), or removes the file
    /// when nothing is being typed.
    ///
    /// # Errors
    /// Any IO error; losing a draft write only loses typing, never an event.
    pub fn put(&mut self, draft: &Draft) -> io::Result<()> {
        if draft.is_empty() {
            self.file = None;
            self.len = 0;
            return remove(&self.path);
        }
        let bytes = crate::core::sanitize::json::to_string(draft).map_err(io::Error::other)?.into_bytes();
        if self.file.is_none() {
            let f = OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).open(&self.path)?;
            self.len = f.metadata()?.len();
            self.file = Some(f);
        }
        let Some(file) = &mut self.file else { return Ok(()) };
        file.write_all_at(&bytes, 0)?;
        if (bytes.len() as u64) < self.len {
            file.set_len(bytes.len() as u64)?;
        }
        self.len = bytes.len() as u64;
        Ok(())
    }
}

/// Removes the draft of `journal` (its session was saved).
///
/// # Errors
/// Any IO error but "not found".
pub fn clear(journal: &Path) -> io::Result<()> {
    remove(&draft_path(journal))
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The draft kept beside `journal`, if any (a regular file, at most
/// [`MAX_BYTES`], whose first JSON value is a draft; anything else is no
/// draft).
pub fn read(journal: &Path) -> Option<Draft> {
    let bytes = crate::store::regular::read(&draft_path(journal), MAX_BYTES).ok()?;
    let mut values = serde_json::Deserializer::from_slice(&bytes).into_iter::<Draft>();
    values.next()?.ok().filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_replaced_read_back_private_and_removed_when_empty() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("s.jsonl");
        assert_eq!(read(&journal), None);
        let mut file = DraftFile::of(&journal);
        let long = Draft { fields: vec![("note".into(), "the ledger was two clicks away".into())] };
        file.put(&long).expect("write");
        let short = Draft { fields: vec![("note".into(), "the ledger".into())] };
        file.put(&short).expect("replace with a shorter one");
        assert_eq!(read(&journal), Some(short.clone()));
        let mode = std::fs::metadata(draft_path(&journal)).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        file.put(&Draft::default()).expect("remove");
        assert!(!draft_path(&journal).exists());
        file.put(&Draft::default()).expect("nothing to remove is fine");
        file.put(&short).expect("typing again");
        clear(&journal).expect("saved");
        assert_eq!(read(&journal), None);
    }

    #[test]
    fn a_write_cut_between_its_two_steps_still_reads_the_new_draft() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("s.jsonl");
        let new = Draft { fields: vec![("note".into(), "short".into())] };
        let old = serde_json::to_vec(&Draft { fields: vec![("note".into(), "a much longer old draft".into())] })
            .expect("json");
        // The new text written at the start, the old one's tail not cut yet.
        let mut bytes = serde_json::to_vec(&new).expect("json");
        bytes.extend_from_slice(&old[bytes.len()..]);
        std::fs::write(draft_path(&journal), &bytes).expect("cut write");
        assert_eq!(read(&journal), Some(new));
        std::fs::write(draft_path(&journal), "not json").expect("garbage");
        assert_eq!(read(&journal), None, "garbage is no draft");
    }
}
