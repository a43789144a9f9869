//! `firedrill ship RUNBOOK --phase P --env E [--release ID] [--at TIME]`:
//! records that a phase of the runbook's change plan reached an
//! environment, in the output folder (`store::ship`), so `preflight` can
//! check the next phase's order and wait against it. A record is a claim;
//! an environment probe that reports otherwise overrules it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::core::changeplan::{SHIP_FORMAT, ShipRecord};
use crate::core::runbook::MigrationPhase;
use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file;

/// `firedrill ship`'s arguments.
#[derive(Debug, clap::Args)]
pub struct ShipArgs {
    /// The runbook (TOML) with `[[migration.phases]]`.
    #[arg(value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
    pub runbook: PathBuf,
    /// The phase shipped.
    #[arg(long, value_name = "PHASE", value_enum)]
    pub phase: PlanPhase,
    /// The environment it reached (one of the phase's environments).
    #[arg(long, value_name = "ENV")]
    pub env: String,
    /// The release that shipped it [default: the plan's release for the phase].
    #[arg(long, value_name = "ID")]
    pub release: Option<String>,
    /// When it reached the environment, if not now: RFC 3339, or "YYYY-MM-DD HH:MM" in UTC.
    #[arg(long, value_name = "TIME", value_parser = parse_at)]
    pub at: Option<DateTime<Utc>>,
    /// Output folder (where the record goes) and config.
    #[command(flatten)]
    pub common: crate::cli::Common,
}

/// A phase of a change plan, as `--phase` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanPhase {
    /// Add the new thing; nothing uses it.
    Expand,
    /// Backfill or dual-write.
    Migrate,
    /// Code uses only the new thing (the switch).
    Contract,
    /// Drop the old thing: irreversible.
    Cleanup,
}

impl PlanPhase {
    /// The runbook's phase.
    pub fn phase(self) -> MigrationPhase {
        match self {
            Self::Expand => MigrationPhase::Expand,
            Self::Migrate => MigrationPhase::Migrate,
            Self::Contract => MigrationPhase::Contract,
            Self::Cleanup => MigrationPhase::Cleanup,
        }
    }
}

/// A shipping time as typed: RFC 3339, or `YYYY-MM-DD HH:MM` read as UTC.
///
/// # Errors
/// The accepted forms, in words.
pub fn parse_at(text: &str) -> Result<DateTime<Utc>, String> {
    crate::core::preflight::backup_time(&[text.to_owned()])
        .ok_or_else(|| format!("{text:?} is not a time: write 2026-11-23T10:00:00Z or \"2026-11-23 10:00\" (UTC)"))
}

/// Records the shipment `shipped` names (its runbook, phase, environment) in `out`; exit 1 when the
/// runbook does not load, has no such phase or environment, the time is in
/// the future, or the record cannot be written.
///
/// # Errors
/// Never in practice; the signature matches the other commands.
pub fn run(shipped: ShipArgs, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let runbook = shipped.runbook.as_path();
    let loaded = match runbook_file::load(runbook) {
        Ok(l) => l,
        Err(errors) => {
            for e in errors {
                crate::say!("{e}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let fail = |why: String| {
        crate::say!("firedrill: {}", sanitize_line(&why));
        Ok(ExitCode::from(1))
    };
    let Some(m) = loaded.runbook.migration.as_ref().filter(|m| !m.phases.is_empty()) else {
        return fail(format!("{}: no [[migration.phases]]: there is no change plan to ship", loaded.path));
    };
    let plan = m.plan();
    let Some(phase) = plan.iter().find(|p| p.phase == shipped.phase.phase()) else {
        let listed: Vec<&str> = plan.iter().map(|p| p.phase.key()).collect();
        return fail(format!("the plan has no {} phase (it lists {})", shipped.phase.phase().key(), listed.join(", ")));
    };
    let envs = m.environments_of(phase);
    if !envs.contains(&shipped.env) {
        return fail(format!("{} ships to {}, not {}", phase.phase.key(), envs.join(", "), shipped.env));
    }
    let now = Utc::now();
    let at = shipped.at.unwrap_or(now);
    if at > now + chrono::Duration::minutes(5) {
        return fail(format!("{} is in the future: record what has shipped", at.format("%Y-%m-%d %H:%M UTC")));
    }
    let Some(dir) = out else { return fail("no output folder: pass --out".to_owned()) };
    let release = shipped.release.unwrap_or_else(|| phase.release.trim().to_owned());
    let record = ShipRecord {
        format: SHIP_FORMAT,
        at,
        recorded_at: now,
        runbook: crate::core::review::runbook_key(&loaded.path),
        phase: shipped.phase.phase(),
        environment: shipped.env,
        release,
    };
    match crate::store::ship::write(dir, &loaded.path, &record) {
        Ok(path) => {
            let other = if record.release == phase.release.trim() {
                String::new()
            } else {
                format!(" (the plan names {})", phase.release.trim())
            };
            crate::tell!(
                "recorded: {} reached {} at {}\n  release: {}{other}\n  in {}",
                record.phase.key(),
                sanitize_line(&record.environment),
                record.at.format("%Y-%m-%d %H:%M UTC"),
                sanitize_line(&record.release),
                sanitize_line(&path.display().to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => fail(format!("the shipment was not recorded: {e}")),
    }
}
