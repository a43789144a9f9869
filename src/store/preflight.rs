//! Pre-release check records in the output folder, beside the drills:
//! `<UTC date>T<HHMM>Z-<slug>.preflight.json`, written atomically, never
//! overwriting (`-2`...), owner-only like every file a session leaves;
//! listed newest first for review.

use std::fs;
use std::path::{Path, PathBuf};

use crate::core::preflight::{RECORD_FORMAT, Record};
use crate::store::atomic::{SaveError, Source, write_new_set};

/// The extension of a record: `<stem>.preflight.json`.
pub const EXT: &str = "preflight.json";

/// Largest record read, in bytes (eight one-line answers).
const MAX_BYTES: u64 = 1 << 20;

/// True for a file name that is a pre-release check record.
pub fn is_record(name: &str) -> bool {
    name.ends_with(&format!(".{EXT}"))
}

/// Writes `record` of the runbook at `runbook_path` into `dir`; its path.
///
/// # Errors
/// [`SaveError`] when the folder cannot be made or the file written;
/// nothing is then left.
pub fn write(dir: &Path, runbook_path: &str, record: &Record) -> Result<PathBuf, SaveError> {
    let mut json = crate::core::sanitize::json::to_string_pretty(record).unwrap_or_default();
    json.push('\n');
    let stem = crate::store::paths::stem(record.at, runbook_path);
    let written = write_new_set(dir, &stem, &[(EXT, Source::Bytes(json.as_bytes()))])?;
    Ok(written.into_iter().next().unwrap_or_default())
}

/// Reads one record.
///
/// # Errors
/// Why it is not a record this build reads.
pub fn read(path: &Path) -> Result<Record, String> {
    let bytes = crate::store::regular::read(path, MAX_BYTES).map_err(|e| e.to_string())?;
    let record: Record = serde_json::from_slice(&bytes).map_err(|e| format!("not a pre-release check record: {e}"))?;
    if record.format != RECORD_FORMAT {
        return Err(format!("record format {} is not {RECORD_FORMAT}", record.format));
    }
    Ok(record)
}

/// The records in `dir`, newest first; unreadable ones left out (review
/// lists sessions; a broken record is not worth a row).
pub fn list(dir: &Path) -> Vec<(PathBuf, Record)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(PathBuf, Record)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && is_record(&e.file_name().to_string_lossy()))
        .filter_map(|e| read(&e.path()).ok().map(|r| (e.path(), r)))
        .collect();
    out.sort_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.cmp(&b.0)));
    out
}
