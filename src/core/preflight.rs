//! The five-minute pre-release check (DOMAIN.md, "The pre-release check"):
//! each question answered pass, fail or unknown with its evidence, from the
//! runbook's facts and what its probes printed. Pure: probe results and the
//! time arrive as data; `exec` runs the probes, `cli` prints the answers.
//!
//! The rule for the three verdicts: *fail* when the evidence says no (a
//! probe failed or was too slow, a fact is stated and wrong, a required
//! fact is missing); *unknown* when there is no evidence either way (no
//! probe, a probe not run, a fact the runbook does not state).

mod questions;
mod record;
mod when;

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::command::RunResult;
use crate::core::runbook::Runbook;

pub use record::{RECORD_FORMAT, Record, Recorded};
pub use when::latest as backup_time;

/// How fast the live release must be named: 30 seconds (DOMAIN.md).
pub const NAME_WITHIN: Duration = Duration::from_secs(30);

/// A question of the pre-release check, in the order it is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    /// Can we name the live release fast (`[release] probe`, timed)?
    NameLive,
    /// Is the known-good release ready and different from the live one?
    KnownGood,
    /// Is the migration backward compatible and its phase reversible?
    Migration,
    /// Is there a backup from the agreed window that finished?
    Backup,
    /// Are an owner and a restore target named for it?
    RestoreOwner,
    /// Was a restore practised within `practice_every`?
    RestorePractised,
    /// Is there one agreed channel for updates?
    Channel,
    /// Is there a kill switch for the change?
    KillSwitch,
}

impl Question {
    /// Every question, in order.
    pub const ALL: [Self; 8] = [
        Self::NameLive,
        Self::KnownGood,
        Self::Migration,
        Self::Backup,
        Self::RestoreOwner,
        Self::RestorePractised,
        Self::Channel,
        Self::KillSwitch,
    ];

    /// The stable id `--json` prints (`name-live`, `kill-switch`).
    pub fn id(self) -> &'static str {
        match self {
            Self::NameLive => "name-live",
            Self::KnownGood => "known-good",
            Self::Migration => "migration",
            Self::Backup => "backup",
            Self::RestoreOwner => "restore-owner",
            Self::RestorePractised => "restore-practised",
            Self::Channel => "channel",
            Self::KillSwitch => "kill-switch",
        }
    }
}

/// The answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The evidence says yes.
    Pass,
    /// The evidence says no.
    Fail,
    /// No evidence either way.
    Unknown,
}

impl Verdict {
    /// The verdict as printed: `PASS`, `FAIL`, `UNKNOWN`, with a symbol
    /// that reads without colour.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pass => "✓ PASS",
            Self::Fail => "✗ FAIL",
            Self::Unknown => "? UNKNOWN",
        }
    }
}

/// One answered question: what was asked, the verdict, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// Which question.
    pub question: Question,
    /// The question in words.
    pub text: String,
    /// Pass, fail or unknown.
    pub verdict: Verdict,
    /// The evidence, in one line (probe output sanitized and redacted).
    pub evidence: String,
    /// How long the question's probe ran, in milliseconds, when one ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe_ms: Option<u64>,
}

/// What the probes printed, and the time of the check.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The check's time (UTC), for the backup's age and the last restore.
    pub now: DateTime<Utc>,
    /// The live release must be named within this (default [`NAME_WITHIN`]).
    pub name_within: Duration,
    /// `[release] probe`, when it ran.
    pub live: Option<RunResult>,
    /// `[release] known_good_probe`, when it ran.
    pub known_good: Option<RunResult>,
    /// `[backup] probe`, when it ran.
    pub backup: Option<RunResult>,
    /// Why the probes did not run, when they did not (no approval).
    pub not_run: Option<String>,
}

/// Answers every [`Question`] for `runbook` from `evidence`, in order.
pub fn answer(runbook: &Runbook, evidence: &Evidence) -> Vec<Answer> {
    Question::ALL.into_iter().map(|q| questions::answer(q, runbook, evidence)).collect()
}

/// The exit code of a check (documented in README and docs/runbook.md):
/// 1 when any answer fails (or, with `strict`, is unknown), else 3 when
/// any is unknown, else 0.
pub fn exit_code(answers: &[Answer], strict: bool) -> u8 {
    let any = |v: Verdict| answers.iter().any(|a| a.verdict == v);
    if any(Verdict::Fail) || (strict && any(Verdict::Unknown)) {
        1
    } else if any(Verdict::Unknown) {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests;
