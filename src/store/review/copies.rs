//! One session counts once, however many journals of it a folder holds:
//! `firedrill report` writes its own copy beside the one saved when the
//! session ended, and a copy may be made by hand. Splits, trends,
//! promises and the list would count such a session twice; the copies
//! are listed instead as not counted, saying which file is.

use std::collections::HashMap;

use super::Scanned;
use crate::core::outcome::Outcome;
use crate::core::review::Summary;

/// The positions in `scanned` of the journals that repeat a session
/// another one holds, each with why it is not counted. The one counted is
/// the furthest along: finished before left open, then the longer active
/// time, then the one more action items were closed or exported in since,
/// then the shortest file name (the one the copies were made from), then
/// the first by path.
pub(super) fn copies(scanned: &[Scanned]) -> Vec<(usize, String)> {
    let mut by_session: HashMap<&str, Vec<(usize, &Summary)>> = HashMap::new();
    for (i, s) in scanned.iter().enumerate() {
        if let Ok(summary) = &s.summary {
            by_session.entry(summary.session_id.as_str()).or_default().push((i, summary));
        }
    }
    let mut found = Vec::new();
    for (_, mut all) in by_session.into_iter().filter(|(_, all)| all.len() > 1) {
        all.sort_by_key(|&(i, s)| {
            let path = &scanned[i].path;
            // Closing or exporting an action item appends to one journal.
            let annexed = s.actions_closed.len() + s.actions_exported.len() + s.followups_done.len();
            let open = s.outcome == Outcome::Abandoned;
            (open, std::cmp::Reverse(s.total_ms), std::cmp::Reverse(annexed), path.as_os_str().len(), path.clone())
        });
        let all: Vec<usize> = all.into_iter().map(|(i, _)| i).collect();
        let kept = scanned[all[0]].path.display().to_string();
        found.extend(all[1..].iter().map(|&i| (i, format!("a copy of the session in {kept}, which is counted"))));
    }
    found.sort_unstable();
    found
}

/// `scanned` with each of `copies` listed as not counted, after the
/// sessions that are (the list keeps its order otherwise).
pub(super) fn mark(scanned: &mut [Scanned], copies: Vec<(usize, String)>) {
    for (i, why) in copies {
        scanned[i].summary = Err(why);
    }
    scanned.sort_by_key(|s| s.summary.is_err());
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn at(path: &str, session: &str, outcome: Outcome, total_ms: u64) -> Scanned {
        let json = serde_json::json!({
            "session_id": session, "runbook": "r", "title": "T", "runbook_sha256": "", "mode": "drill",
            "started_at": "2026-12-01T10:00:00Z", "outcome": outcome, "total_ms": total_ms, "timebox_ms": 1,
            "roles": {"driver": "A", "communicator": "B", "verifier": "C"}, "steps": [], "todos": [], "interruptions": 0,
        });
        Scanned { path: PathBuf::from(path), summary: Ok(serde_json::from_value(json).expect("a summary")) }
    }

    #[test]
    fn a_session_with_two_journals_counts_once_the_one_furthest_along() {
        let mut scanned = vec![
            at("out/a-2.jsonl", "s1", Outcome::Abandoned, 9_000),
            at("out/a.jsonl", "s1", Outcome::Verified, 5_000),
            at("out/b.jsonl", "s2", Outcome::Verified, 7_000),
            at("out/b-2.jsonl", "s2", Outcome::Verified, 7_000),
        ];
        let found = copies(&scanned);
        assert_eq!(found.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 3], "the open copy and the later path");
        mark(&mut scanned, found);
        let counted: Vec<_> = scanned.iter().filter(|s| s.summary.is_ok()).map(|s| s.path.clone()).collect();
        assert_eq!(counted, [PathBuf::from("out/a.jsonl"), PathBuf::from("out/b.jsonl")]);
        assert_eq!(scanned[2].summary, Err("a copy of the session in out/a.jsonl, which is counted".into()));
        assert!(copies(&[at("x.jsonl", "s1", Outcome::Verified, 1)]).is_empty());
        let mut closed = at("out/c-2.jsonl", "s3", Outcome::Verified, 1);
        if let Ok(s) = &mut closed.summary {
            s.actions_closed.push((1, "done".into()));
        }
        let found = copies(&[at("out/c.jsonl", "s3", Outcome::Verified, 1), closed]);
        assert_eq!(found.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0], "the one an item was closed in counts");
    }
}
