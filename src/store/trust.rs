//! Which runbooks may run their commands on this machine: approved by the
//! sha256 of their text, like `direnv allow`; a changed runbook asks again.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::atomic::write_new;

/// Whether a runbook's commands may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// This exact text was approved.
    Approved,
    /// Never approved here.
    New,
    /// Approved before, but the text has changed since.
    Changed,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Approvals {
    /// Runbook path (absolute when it can be) to the approved sha256.
    runbooks: BTreeMap<String, String>,
}

fn key(runbook_path: &str) -> String {
    fs::canonicalize(runbook_path).map_or_else(|_| runbook_path.to_owned(), |p| p.display().to_string())
}

fn load(file: &Path) -> Approvals {
    crate::store::regular::read(file, 16 << 20).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// The trust of the runbook at `runbook_path` with text hash `sha256`.
pub fn status(file: &Path, runbook_path: &str, sha256: &str) -> Trust {
    match load(file).runbooks.get(&key(runbook_path)) {
        Some(s) if s == sha256 => Trust::Approved,
        Some(_) => Trust::Changed,
        None => Trust::New,
    }
}

/// Records approval of this text of the runbook.
///
/// # Errors
/// When the approvals file cannot be written.
pub fn approve(file: &Path, runbook_path: &str, sha256: &str) -> io::Result<()> {
    let mut approvals = load(file);
    approvals.runbooks.insert(key(runbook_path), sha256.to_owned());
    let bytes = serde_json::to_vec_pretty(&approvals).map_err(io::Error::other)?;
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp: PathBuf = file.with_extension("json.new");
    let _ = fs::remove_file(&tmp);
    write_new(&tmp, &bytes)?;
    fs::rename(&tmp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_asks_same_content_does_not_changed_content_asks_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("trusted.json");
        let rb = dir.path().join("rb.toml");
        fs::write(&rb, "x").expect("write");
        let path = rb.to_str().expect("utf-8");
        assert_eq!(status(&file, path, "aaa"), Trust::New);
        approve(&file, path, "aaa").expect("approve");
        assert_eq!(status(&file, path, "aaa"), Trust::Approved);
        assert_eq!(status(&file, path, "bbb"), Trust::Changed);
        approve(&file, path, "bbb").expect("approve again");
        assert_eq!(status(&file, path, "bbb"), Trust::Approved);
    }
}
