//! The five-minute pre-release check (docs/domain.md, "The pre-release check"):
//! each question answered pass, fail or unknown with its evidence, from the
//! runbook's facts and what its probes printed. Pure: probe results and the
//! time arrive as data; `exec` runs the probes, `cli` prints the answers.
//!
//! The rule for the verdicts: *fail* when the evidence says no (a probe
//! failed or was too slow, a fact is stated and wrong, a required fact is
//! missing); *unknown* when there is no evidence either way (no probe, a
//! probe not run, a fact the runbook does not state); *warn* for a
//! practice the release goes against without being wrong (a risky phase
//! in the risky hours, two main changes in one release, a rollback that
//! changes config).

mod plan;
mod questions;
mod record;
pub(crate) mod when;

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::changeplan::PlanEvidence;
use crate::command::RunResult;
use crate::runbook::{MigrationPhase, Runbook};

pub use record::{RECORD_FORMAT, Record, Recorded};
pub use when::latest as backup_time;

/// How fast the live release must be named: 30 seconds (docs/domain.md, "The pre-release check").
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
    /// Can the backup be reached (account, permissions, keys)?
    BackupAccess,
    /// Was a restore practised within `practice_every`?
    RestorePractised,
    /// Is there one agreed channel for updates?
    Channel,
    /// Is there a kill switch for the change?
    KillSwitch,
    /// Does a code rollback keep the config (asked when `release.config` is named)?
    Config,
    /// Has everything before this phase and environment shipped, in order?
    PlanOrder,
    /// Has the wait after the previous phase passed?
    PlanWait,
    /// Will the old code still understand the data if this phase is rolled back?
    PlanCompatible,
    /// Is a risky phase shipped outside the risky hours?
    RiskyHours,
    /// Does the release ship one main change?
    OneChange,
}

impl Question {
    /// Every question asked of every runbook, in order.
    pub const ALL: [Self; 9] = [
        Self::NameLive,
        Self::KnownGood,
        Self::Migration,
        Self::Backup,
        Self::RestoreOwner,
        Self::BackupAccess,
        Self::RestorePractised,
        Self::Channel,
        Self::KillSwitch,
    ];

    /// The change plan's questions, asked when `[[migration.phases]]` lists any.
    pub const PLAN: [Self; 5] =
        [Self::PlanOrder, Self::PlanWait, Self::PlanCompatible, Self::RiskyHours, Self::OneChange];

    /// The stable id `--json` prints (`name-live`, `kill-switch`).
    pub fn id(self) -> &'static str {
        match self {
            Self::NameLive => "name-live",
            Self::KnownGood => "known-good",
            Self::Migration => "migration",
            Self::Backup => "backup",
            Self::RestoreOwner => "restore-owner",
            Self::BackupAccess => "backup-access",
            Self::RestorePractised => "restore-practised",
            Self::Channel => "channel",
            Self::KillSwitch => "kill-switch",
            Self::Config => "config",
            Self::PlanOrder => "plan-order",
            Self::PlanWait => "plan-wait",
            Self::PlanCompatible => "plan-compatible",
            Self::RiskyHours => "risky-hours",
            Self::OneChange => "one-change",
        }
    }
}

/// A question's grade and why, as the rules of `plan` and `questions` give it.
type Answered = (Grade, String);

/// The answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// The evidence says yes.
    Pass,
    /// The evidence says no.
    Fail,
    /// No evidence either way.
    Unknown,
    /// Goes against a practice without being wrong.
    Warn,
}

impl Grade {
    /// The verdict as printed: `PASS`, `FAIL`, `UNKNOWN`, with a symbol
    /// that reads without colour.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pass => "✓ PASS",
            Self::Fail => "✗ FAIL",
            Self::Unknown => "? UNKNOWN",
            Self::Warn => "! WARN",
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
    pub verdict: Grade,
    /// The evidence, in one line (probe output sanitized and redacted).
    pub evidence: String,
    /// How long the question's probe ran, in milliseconds, when one ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe_ms: Option<u64>,
}

/// What the probes printed, and the time of the check.
#[derive(Debug, Clone, Default)]
pub struct ProbeEvidence {
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
    /// `[backup] access_probe`, when it ran.
    pub access: Option<RunResult>,
    /// The team's local time is `now` plus this many seconds (the risky
    /// hours are local); 0 for UTC.
    pub utc_offset_secs: i32,
    /// The change plan's progress: ship records and environment probes.
    pub plan: PlanEvidence,
    /// The phase (and environment) asked about with `--phase`/`--env`;
    /// the next one by the evidence when absent.
    pub phase: Option<(MigrationPhase, Option<String>)>,
    /// Why the probes did not run, when they did not (no approval).
    pub not_run: Option<String>,
}

/// The questions asked of `runbook`, in order: [`Question::ALL`], then
/// `config` when `release.config` is named, then [`Question::PLAN`] when
/// the migration lists its phases.
pub fn asked(runbook: &Runbook) -> Vec<Question> {
    let mut out = Question::ALL.to_vec();
    if runbook.release.config.is_some() {
        out.push(Question::Config);
    }
    if runbook.migration.as_ref().is_some_and(|m| !m.phases.is_empty()) {
        out.extend(Question::PLAN);
    }
    out
}

/// Answers every question [`asked`] of `runbook` from `evidence`, in order.
pub fn answer(runbook: &Runbook, evidence: &ProbeEvidence) -> Vec<Answer> {
    asked(runbook).into_iter().map(|q| questions::answer(q, runbook, evidence)).collect()
}

/// The exit code of a check (documented in README and docs/runbook.md):
/// 1 when any answer fails (or, with `strict`, is unknown or a warning),
/// else 3 when any is unknown, else 0.
pub fn exit_code(answers: &[Answer], strict: bool) -> u8 {
    let any = |v: Grade| answers.iter().any(|a| a.verdict == v);
    if any(Grade::Fail) || (strict && (any(Grade::Unknown) || any(Grade::Warn))) {
        1
    } else if any(Grade::Unknown) {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_plan;
