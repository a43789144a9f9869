//! A summary for tests: one drill with every field empty but the few a
//! test is about.

use chrono::{DateTime, Utc};

use super::{Outcome, Summary};

use crate::roles::Roles;
use crate::vocab::Mode;

impl Summary {
    /// A summary for tests: a drill of `runbook` started at `started_at`,
    /// ending as `outcome` after `total_ms`, everything else empty.
    pub(crate) fn fixture(runbook: &str, started_at: DateTime<Utc>, outcome: Outcome, total_ms: u64) -> Self {
        Self {
            session_id: format!("s{}", started_at.format("%d")),
            runbook: runbook.into(),
            title: "T".into(),
            runbook_sha256: String::new(),
            mode: Mode::Drill,
            started_at,
            outcome,
            missing: Vec::new(),
            decision: None,
            total_ms,
            timebox_ms: 30 * 60_000,
            roles: Roles::default(),
            steps: Vec::new(),
            name_live_ms: None,
            mitigated_ms: None,
            known_good_ms: None,
            first_update_ms: None,
            live_release: String::new(),
            moved_to: None,
            pressure: None,
            actions: Vec::new(),
            actions_closed: Vec::new(),
            actions_exported: Vec::new(),
            followups_done: Vec::new(),
            prevention: None,
            todos: Vec::new(),
            interruptions: 0,
            deck: None,
            injects: Vec::new(),
            restore: None,
            fire: Some(crate::session::Fire::Dry),
            accepted_failures: 0,
            evidence: Default::default(),
        }
    }
}
