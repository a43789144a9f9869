//! `firedrill ship` records in the output folder, beside the pre-release
//! check records: `<UTC date>T<HHMM>Z-<slug>.ship.json`, written
//! atomically, never overwriting (`-2`...), owner-only; read back by
//! `preflight` as evidence of where the change plan stands.

use std::fs;
use std::path::{Path, PathBuf};

use crate::core::changeplan::{SHIP_FORMAT, ShipRecord};
use crate::store::atomic::{SaveError, Source, write_new_set};

/// The extension of a record: `<stem>.ship.json`.
pub const EXT: &str = "ship.json";

/// Largest record read, in bytes.
const MAX_BYTES: u64 = 64 * 1024;

/// Writes `record` (of the runbook at `runbook_path`) into `dir`; its path.
///
/// # Errors
/// [`SaveError`] when the folder cannot be made or the file written;
/// nothing is then left.
pub fn write(dir: &Path, runbook_path: &str, record: &ShipRecord) -> Result<PathBuf, SaveError> {
    let mut json = serde_json::to_string_pretty(record).unwrap_or_default();
    json.push('\n');
    let stem = crate::store::paths::stem(record.recorded_at, runbook_path);
    let written = write_new_set(dir, &stem, &[(EXT, Source::Bytes(json.as_bytes()))])?;
    Ok(written.into_iter().next().unwrap_or_default())
}

/// Reads one record.
///
/// # Errors
/// Why it is not a record this build reads.
pub fn read(path: &Path) -> Result<ShipRecord, String> {
    let bytes = crate::store::regular::read(path, MAX_BYTES).map_err(|e| e.to_string())?;
    let record: ShipRecord = serde_json::from_slice(&bytes).map_err(|e| format!("not a ship record: {e}"))?;
    if record.format != SHIP_FORMAT {
        return Err(format!("ship record format {} is not {SHIP_FORMAT}", record.format));
    }
    Ok(record)
}

/// The records in `dir` of the runbook keyed `key` (its file stem),
/// oldest first; unreadable ones left out.
pub fn list(dir: &Path, key: &str) -> Vec<ShipRecord> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<ShipRecord> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && e.file_name().to_string_lossy().ends_with(".ship.json"))
        .filter_map(|e| read(&e.path()).ok())
        .filter(|r| r.runbook == key)
        .collect();
    out.sort_by_key(|r| (r.at, r.recorded_at));
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::core::runbook::MigrationPhase;

    #[test]
    fn records_are_written_new_and_read_back_per_runbook() {
        let dir = tempfile::tempdir().expect("tmp");
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().expect("date");
        let record = ShipRecord {
            format: SHIP_FORMAT,
            at,
            recorded_at: at,
            runbook: "orders".into(),
            phase: MigrationPhase::Expand,
            environment: "staging".into(),
            release: "prod-1".into(),
        };
        let first = write(dir.path(), "runbooks/orders.toml", &record).expect("written");
        let second = write(dir.path(), "runbooks/orders.toml", &record).expect("a second, never over the first");
        assert_ne!(first, second);
        assert!(first.to_string_lossy().ends_with("2026-11-23T1000Z-orders.ship.json"), "{}", first.display());
        let other = ShipRecord { runbook: "billing".into(), ..record.clone() };
        write(dir.path(), "runbooks/billing.toml", &other).expect("written");
        std::fs::write(dir.path().join("junk.ship.json"), "{").expect("junk");
        assert_eq!(list(dir.path(), "orders"), vec![record.clone(), record]);
    }
}
