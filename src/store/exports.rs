//! What `actions export --format github` is about to file, written down
//! before `gh` runs: an issue created just before a crash (or a journal
//! that could not be written) is found again by its marker on the next
//! run and recorded, never filed twice. One small JSON file beside the
//! sessions folder, replaced atomically (fsynced) at each change.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One issue about to be filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    /// The session's journal the item belongs to.
    pub journal: PathBuf,
    /// The item's number in its session, from 1.
    pub item: usize,
    /// The text in the issue body that finds the issue again.
    pub marker: String,
    /// The repository asked for (`OWNER/NAME`), if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
    /// When the intent was written.
    pub at: DateTime<Utc>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Intents {
    pending: Vec<Intent>,
}

/// The marker of action item `id` (`<session id>#<n>`) in its issue's body.
pub fn marker(id: &str) -> String {
    format!("firedrill-action: {id}")
}

/// The intents file beside the sessions folder, `None` without a home.
pub fn file() -> Option<PathBuf> {
    crate::store::paths::sessions_dir().and_then(|d| d.parent().map(|p| p.join("exports.json")))
}

/// The intents written and not yet settled, oldest first.
pub fn pending(file: &Path) -> Vec<Intent> {
    load(file).pending
}

fn load(file: &Path) -> Intents {
    crate::store::regular::read(file, 16 << 20).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

fn store(file: &Path, intents: &Intents) -> io::Result<()> {
    if intents.pending.is_empty() {
        return match std::fs::remove_file(file) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = crate::core::sanitize::json::to_string_pretty(intents).map_err(io::Error::other)?;
    crate::store::atomic::replace(file, text.as_bytes())
}

/// Writes down `intent` (on disk, fsynced) before its issue is filed.
///
/// # Errors
/// When the file cannot be written: then nothing may be filed.
pub fn record(file: &Path, intent: Intent) -> io::Result<()> {
    let mut all = load(file);
    all.pending.retain(|i| i.marker != intent.marker);
    all.pending.push(intent);
    store(file, &all)
}

/// Forgets the intent with `marker`: its issue is recorded in its journal,
/// or it was never filed.
///
/// # Errors
/// When the file cannot be written (the intent is then checked again on
/// the next run, which finds the issue already recorded).
pub fn settle(file: &Path, marker: &str) -> io::Result<()> {
    let mut all = load(file);
    all.pending.retain(|i| i.marker != marker);
    store(file, &all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_intent_is_kept_until_settled() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("exports.json");
        let intent = |n| Intent {
            journal: dir.path().join("s.jsonl"),
            item: n,
            marker: marker(&format!("s#{n}")),
            repo: None,
            at: DateTime::<Utc>::UNIX_EPOCH,
        };
        record(&file, intent(1)).expect("record");
        record(&file, intent(2)).expect("record");
        record(&file, intent(1)).expect("again: one intent per item");
        assert_eq!(pending(&file).iter().map(|i| i.item).collect::<Vec<_>>(), vec![2, 1]);
        settle(&file, &marker("s#2")).expect("settle");
        settle(&file, &marker("s#1")).expect("settle");
        assert!(pending(&file).is_empty());
        assert!(!file.exists(), "nothing pending, no file");
    }
}
