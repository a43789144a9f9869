//! `firedrill check` warnings: things a valid runbook gets wrong in practice
//! (docs/runbook.md; docs/domain.md, "The pre-release check").

use std::fmt;

use chrono::NaiveDate;

use super::{MigrationPhase, Runbook};
use crate::duration::HumanDuration;
use crate::period::Period;

/// The one page a runbook should fit: 80 columns by 60 lines, one printed
/// page like the drill card (issue 23: 40 lines left no room for the
/// redeploy facts, the roles and the change plan).
pub const PAGE: (usize, usize) = (80, 60);

/// Something a valid runbook should fix before the next drill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// More lines or wider lines than one 80x40 page.
    TooLong {
        /// Number of lines in the file.
        lines: usize,
        /// Widest line, in characters.
        widest: usize,
    },
    /// The migration is not backward compatible: a rollback may lose data.
    MigrationNotBackwardCompatible,
    /// No kill switch: every big change needs one (docs/domain.md, "Words": kill switch).
    NoKillSwitch,
    /// The revert target equals what is live.
    KnownGoodIsLive,
    /// The backup has never been restored, so it does not count yet.
    BackupNeverRestored,
    /// The last restore is older than `backup.practice_every`: a backup
    /// counts once it has been restored (docs/domain.md, "Backups").
    RestoreOverdue {
        /// When the restore last succeeded.
        last: NaiveDate,
        /// Whole days since then.
        days: i64,
        /// How often it must be practised.
        every: Period,
    },
    /// The known restore time is longer than the time-box.
    RestoreOverTimebox {
        /// `backup.restore_time`, in seconds.
        restore_secs: u64,
        /// The time-box, in seconds.
        timebox_secs: u64,
    },
    /// The migration is in the cleanup phase, the one irreversible step.
    CleanupIrreversible,
    /// A kill switch with no `safe_command`: turning it off is only ever
    /// claimed by a key press, never done and measured.
    FlagWithoutSafeCommand {
        /// The flag's name.
        flag: String,
    },
    /// No `[release] health`: "mitigated" can only be claimed, never measured.
    NoHealthCheck,
    /// The step targets add up to more than the time-box.
    TargetsOverTimebox {
        /// Sum of the step targets, in seconds.
        targets_secs: u64,
        /// The time-box, in seconds.
        timebox_secs: u64,
    },
    /// One release ships two phases of the change plan: one main change
    /// per release, each revertible on its own.
    TwoChangesInOneRelease {
        /// The release.
        release: String,
        /// The phases it ships, e.g. `expand and migrate`.
        phases: String,
    },
    /// A code rollback to the known-good release also rolls config back
    /// (`release.known_good_config` differs from `release.config`).
    RollbackChangesConfig,
    /// The plan's cleanup follows a phase with no `wait`: watch before
    /// the one irreversible step.
    CleanupWithoutWait,
}

impl Warning {
    /// True for a warning `check --strict` reports as an error: a known-good
    /// release equal to the live one leaves nothing to revert to (issue 10).
    pub fn is_error_when_strict(&self) -> bool {
        matches!(self, Self::KnownGoodIsLive)
    }

    /// The stable code `check --json` prints (listed in docs/runbook.md).
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLong { .. } => "too-long",
            Self::MigrationNotBackwardCompatible => "migration-not-backward-compatible",
            Self::NoKillSwitch => "no-kill-switch",
            Self::KnownGoodIsLive => "known-good-is-live",
            Self::BackupNeverRestored => "backup-never-restored",
            Self::TargetsOverTimebox { .. } => "targets-over-timebox",
            Self::RestoreOverdue { .. } => "restore-overdue",
            Self::RestoreOverTimebox { .. } => "restore-over-timebox",
            Self::CleanupIrreversible => "cleanup-irreversible",
            Self::FlagWithoutSafeCommand { .. } => "flag-without-safe-command",
            Self::NoHealthCheck => "no-health-check",
            Self::TwoChangesInOneRelease { .. } => "two-changes-in-one-release",
            Self::RollbackChangesConfig => "rollback-changes-config",
            Self::CleanupWithoutWait => "cleanup-without-wait",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { lines, widest } => {
                write!(f, "does not fit one page ({}x{}): {lines} lines, widest {widest} columns", PAGE.0, PAGE.1)
            }
            Self::MigrationNotBackwardCompatible => {
                f.write_str("migration is not backward compatible: rolling back may lose data; write the rollback path")
            }
            Self::NoKillSwitch => f.write_str("no kill switch ([[flags]]): every big change needs one"),
            Self::KnownGoodIsLive => {
                f.write_str("release.known_good equals release.live: there is nothing to revert to")
            }
            Self::TargetsOverTimebox { targets_secs, timebox_secs } => write!(
                f,
                "the step targets add up to {} but the time-box is {}",
                HumanDuration::from_secs(*targets_secs),
                HumanDuration::from_secs(*timebox_secs)
            ),
            Self::RestoreOverdue { last, days, every } => write!(
                f,
                "the last restore ({last}) was {days} days ago, more than backup.practice_every ({every}): practise a restore"
            ),
            Self::RestoreOverTimebox { restore_secs, timebox_secs } => write!(
                f,
                "backup.restore_time ({}) is longer than the time-box ({}): a restore cannot be drilled in one session",
                HumanDuration::from_secs(*restore_secs),
                HumanDuration::from_secs(*timebox_secs)
            ),
            Self::CleanupIrreversible => f.write_str(
                "migration.phase is cleanup, the one irreversible step: a rollback will not bring the column back",
            ),
            Self::BackupNeverRestored => {
                f.write_str("backup.restored_last is never: a backup that was never restored does not count")
            }
            Self::FlagWithoutSafeCommand { flag } => write!(
                f,
                "kill switch {flag} has no safe_command: turning it off can only be claimed, never run and measured"
            ),
            Self::NoHealthCheck => f.write_str(
                "no [release] health command: mitigation can only be claimed, never measured by a health check",
            ),
            Self::TwoChangesInOneRelease { release, phases } => write!(
                f,
                "release {release} ships {phases}: one main change per release, each revertible on its own"
            ),
            Self::RollbackChangesConfig => f.write_str(
                "release.known_good_config differs from release.config: rolling the code back would roll config (secrets, third-party settings) back too",
            ),
            Self::CleanupWithoutWait => {
                f.write_str("the phase before cleanup has no wait: watch for days before the one irreversible step")
            }
        }
    }
}

/// The warnings for a valid runbook and its source text.
pub fn warnings(runbook: &Runbook, text: &str) -> Vec<Warning> {
    let mut out = Vec::new();
    let lines = text.lines().count();
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    if lines > PAGE.1 || widest > PAGE.0 {
        out.push(Warning::TooLong { lines, widest });
    }
    if let Some(m) = &runbook.migration
        && m.backward_compatible == Some(false)
        && m.phase != MigrationPhase::None
    {
        out.push(Warning::MigrationNotBackwardCompatible);
    }
    let targets_secs: u64 = crate::plan::derive(runbook, None).iter().map(|s| s.target.0.as_secs()).sum();
    let timebox_secs = runbook.timebox.0.as_secs();
    if targets_secs > timebox_secs {
        out.push(Warning::TargetsOverTimebox { targets_secs, timebox_secs });
    }
    if runbook.flags.is_empty() {
        out.push(Warning::NoKillSwitch);
    }
    for f in runbook.flags.iter().map(toml::Spanned::get_ref).filter(|f| f.safe_command.is_none()) {
        out.push(Warning::FlagWithoutSafeCommand { flag: f.name.clone() });
    }
    if runbook.release.health.is_none() {
        out.push(Warning::NoHealthCheck);
    }
    if runbook.live().trim() == runbook.known_good().trim() {
        out.push(Warning::KnownGoodIsLive);
    }
    if runbook
        .backup
        .as_ref()
        .and_then(|b| b.restored_last.as_ref().map(|r| r.get_ref().as_str()))
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("never"))
    {
        out.push(Warning::BackupNeverRestored);
    }
    out.extend(plan_warnings(runbook));
    out
}

/// The change plan's and the config's warnings (issue 23): two phases in
/// one release, a rollback that changes config, a cleanup without a wait.
fn plan_warnings(runbook: &Runbook) -> Vec<Warning> {
    let mut out = Vec::new();
    let plan = runbook.migration.as_ref().map(super::Migration::plan).unwrap_or_default();
    let mut seen: Vec<&str> = Vec::new();
    for p in &plan {
        let release = p.release.trim();
        if seen.contains(&release) {
            continue;
        }
        seen.push(release);
        let phases: Vec<&str> = plan.iter().filter(|q| q.release.trim() == release).map(|q| q.phase.key()).collect();
        if phases.len() > 1 {
            out.push(Warning::TwoChangesInOneRelease { release: release.to_owned(), phases: phases.join(" and ") });
        }
    }
    let r = &runbook.release;
    if let (Some(now), Some(good)) = (&r.config, &r.known_good_config)
        && now.trim() != good.trim()
    {
        out.push(Warning::RollbackChangesConfig);
    }
    let cleanup = plan.iter().position(|p| p.phase == MigrationPhase::Cleanup);
    if cleanup.and_then(|i| i.checked_sub(1)).and_then(|i| plan.get(i)).is_some_and(|p| p.wait.is_none()) {
        out.push(Warning::CleanupWithoutWait);
    }
    out
}

/// The warnings for a valid runbook and its source text on `today` (UTC):
/// [`warnings`], then the backup and migration facts that need a date or
/// compare a restore with the time-box (issue 10).
pub fn warnings_on(runbook: &Runbook, text: &str, today: NaiveDate) -> Vec<Warning> {
    let mut out = warnings(runbook, text);
    if let Some(b) = &runbook.backup {
        if let Some(last) = b.restored_on() {
            let days = (today - last).num_days();
            let every = b.practice_every();
            if u64::try_from(days).is_ok_and(|d| d.saturating_mul(86_400) > every.as_secs()) {
                out.push(Warning::RestoreOverdue { last, days, every });
            }
        }
        let (restore_secs, timebox_secs) = (b.restore_time.map_or(0, |t| t.0.as_secs()), runbook.timebox.0.as_secs());
        if restore_secs > timebox_secs {
            out.push(Warning::RestoreOverTimebox { restore_secs, timebox_secs });
        }
    }
    if runbook.migration.as_ref().is_some_and(|m| m.phase == MigrationPhase::Cleanup) {
        out.push(Warning::CleanupIrreversible);
    }
    out
}
