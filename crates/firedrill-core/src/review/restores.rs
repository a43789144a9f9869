//! The restores in a runbook's history, for the trends: each session that
//! restored data, with its restore time against the one stated then.

use super::Summary;
use crate::restore::RestoreTiming;

/// One restore in a runbook's history, for the trends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastRestore {
    /// When the session started (UTC).
    pub started_at: chrono::DateTime<chrono::Utc>,
    /// A drill or a live incident.
    pub mode: crate::vocab::Mode,
    /// The restore against the restore time stated then.
    pub timing: RestoreTiming,
}

/// Every session of `runbook` in `history` that restored data, drills and
/// incidents alike (a real restore is the best evidence), oldest first;
/// a restore never confirmed is kept, without an actual time.
pub fn history(history: &[Summary], runbook: &str) -> Vec<PastRestore> {
    let mut v: Vec<PastRestore> = history
        .iter()
        .filter(|s| s.runbook == runbook)
        .filter_map(|s| s.restore.map(|timing| PastRestore { started_at: s.started_at, mode: s.mode, timing }))
        .collect();
    v.sort_by_key(|r| r.started_at);
    v
}
