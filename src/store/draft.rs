//! Drafts: text being typed in a session's fields (a note, a status
//! update, a reason, a debrief field) kept beside its journal as
//! `<journal>.draft`, so a kill loses at most the last second of typing.
//! The file is replaced whole (temp file, rename; no fsync: it guards
//! against a killed process, not a lost machine), at most once a second by
//! the loop, and removed when nothing is being typed.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
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

/// Replaces the draft of `journal` with `draft` (owner-only; temp file then
/// rename, so a kill never leaves half a draft), or removes it when empty.
///
/// # Errors
/// Any IO error; losing a draft write only loses typing, never an event.
pub fn write(journal: &Path, draft: &Draft) -> io::Result<()> {
    let path = draft_path(journal);
    if draft.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let mut tmp = path.clone().into_os_string();
    tmp.push(".tmp");
    let bytes = serde_json::to_vec(draft).map_err(io::Error::other)?;
    let mut file = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp)?;
    file.write_all(&bytes)?;
    drop(file);
    std::fs::rename(&tmp, &path)
}

/// The draft kept beside `journal`, if any (a regular file, at most
/// [`MAX_BYTES`], that parses; anything else is no draft).
pub fn read(journal: &Path) -> Option<Draft> {
    let bytes = crate::store::regular::read(&draft_path(journal), MAX_BYTES).ok()?;
    serde_json::from_slice::<Draft>(&bytes).ok().filter(|d| !d.is_empty())
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
        let one = Draft { fields: vec![("note".into(), "the ledger was".into())] };
        write(&journal, &one).expect("write");
        let two = Draft { fields: vec![("note".into(), "the ledger was two clicks away".into())] };
        write(&journal, &two).expect("replace");
        assert_eq!(read(&journal), Some(two));
        let mode = std::fs::metadata(draft_path(&journal)).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        write(&journal, &Draft::default()).expect("remove");
        assert!(!draft_path(&journal).exists());
        write(&journal, &Draft::default()).expect("nothing to remove is fine");
        std::fs::write(draft_path(&journal), "not json").expect("garbage");
        assert_eq!(read(&journal), None, "garbage is no draft");
    }
}
