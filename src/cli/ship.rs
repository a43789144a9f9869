//! `firedrill ship RUNBOOK --phase P --env E [--release ID] [--at TIME]`:
//! records that a phase of the runbook's change plan reached an
//! environment, in the output folder (`store::ship`), so `preflight` can
//! check the next phase's order and wait against it. A record is a claim;
//! an environment probe that reports otherwise overrules it.

use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::core::changeplan::{SHIP_FORMAT, ShipRecord};
use crate::core::runbook::MigrationPhase;
use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file;

/// What was shipped, where, and when.
#[derive(Debug, Clone)]
pub struct Shipped {
    /// The phase of the plan.
    pub phase: MigrationPhase,
    /// The environment it reached.
    pub env: String,
    /// The release that shipped it; the plan's when absent.
    pub release: Option<String>,
    /// When it reached the environment; now when absent.
    pub at: Option<DateTime<Utc>>,
}

/// A shipping time as typed: RFC 3339, or `YYYY-MM-DD HH:MM` read as UTC.
///
/// # Errors
/// The accepted forms, in words.
pub fn parse_at(text: &str) -> Result<DateTime<Utc>, String> {
    crate::core::preflight::backup_time(&[text.to_owned()])
        .ok_or_else(|| format!("{text:?} is not a time: write 2026-11-23T10:00:00Z or \"2026-11-23 10:00\" (UTC)"))
}

/// Records `shipped` for the runbook at `runbook` in `out`; exit 1 when the
/// runbook does not load, has no such phase or environment, the time is in
/// the future, or the record cannot be written.
///
/// # Errors
/// Never in practice; the signature matches the other commands.
pub fn run(runbook: &Path, shipped: Shipped, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let loaded = match runbook_file::load(runbook) {
        Ok(l) => l,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let fail = |why: String| {
        eprintln!("firedrill: {}", sanitize_line(&why));
        Ok(ExitCode::from(1))
    };
    let Some(m) = loaded.runbook.migration.as_ref().filter(|m| !m.phases.is_empty()) else {
        return fail(format!("{}: no [[migration.phases]]: there is no change plan to ship", loaded.path));
    };
    let plan = m.plan();
    let Some(phase) = plan.iter().find(|p| p.phase == shipped.phase) else {
        let listed: Vec<&str> = plan.iter().map(|p| p.phase.key()).collect();
        return fail(format!("the plan has no {} phase (it lists {})", shipped.phase.key(), listed.join(", ")));
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
        phase: shipped.phase,
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
            println!(
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
