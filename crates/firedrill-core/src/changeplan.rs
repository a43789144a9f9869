//! Where a change plan stands (`[[migration.phases]]`): which phase has
//! reached which environment, and since when, from the evidence there is:
//! a `firedrill ship` record (claimed: someone said it shipped) or a probe
//! per environment that prints the release running there, and optionally
//! since when (measured). A measurement beats a claim: a record of a phase
//! in staging is overruled by a staging probe that reports an older
//! release (it was rolled back). Pure: records, probe results and the time
//! arrive as data. `core::preflight` asks its questions from this.

mod record;

use chrono::{DateTime, Utc};

use crate::command::{RunEnd, RunResult};
use crate::runbook::{Migration, MigrationPhase, Phase};

pub use record::{SHIP_FORMAT, ShipRecord};

/// Everything known about the plan's progress.
#[derive(Debug, Clone, Default)]
pub struct PlanEvidence {
    /// `firedrill ship` records of this runbook, any order.
    pub records: Vec<ShipRecord>,
    /// `[migration] probes` that ran: the environment and its result.
    pub probes: Vec<(String, RunResult)>,
}

/// Whether a phase is in an environment, by the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reached {
    /// It is there; since when, when known; how we know.
    Yes {
        /// When it got there (UTC), when the evidence says.
        at: Option<DateTime<Utc>>,
        /// The evidence in words.
        how: String,
    },
    /// The evidence says it is not there (a probe reports an earlier release).
    No(String),
    /// No evidence either way (no record, no probe, or the probe failed).
    Unknown(String),
}

/// The phase and environment a check is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Index of the phase in the plan.
    pub index: usize,
    /// The environment it ships to next.
    pub environment: String,
}

/// Whether `plan[index]` is in `env`, from `ev`.
pub fn reached(m: &Migration, index: usize, env: &str, ev: &PlanEvidence) -> Reached {
    let plan = m.plan();
    let Some(phase) = plan.get(index) else { return Reached::Unknown("no such phase".to_owned()) };
    let recorded = ev
        .records
        .iter()
        .filter(|r| r.phase == phase.phase && r.environment == env)
        .min_by_key(|r| r.at)
        .map(|r| (r.at, format!("recorded by firedrill ship at {}", r.at.format("%Y-%m-%d %H:%M UTC"))));
    let probed = ev.probes.iter().find(|(e, _)| e == env).map(|(_, r)| probe(&plan, index, env, r));
    match (probed, recorded) {
        (Some(Reached::No(why)), Some((_, rec))) => Reached::No(format!("{why} ({rec}: rolled back?)")),
        // Measured; dated by the record when the probe prints no time.
        (Some(Reached::Yes { at, how }), rec) => Reached::Yes { at: at.or(rec.map(|(t, _)| t)), how },
        (Some(Reached::Unknown(_)) | None, Some((at, how))) => Reached::Yes { at: Some(at), how },
        (Some(found), None) => found,
        (None, None) => Reached::Unknown(format!(
            "no evidence that {} reached {env}: record it with `firedrill ship`, or add migration.probes.{env}",
            phase.phase.key()
        )),
    }
}

/// What the probe of `env` says about `plan[index]`: the latest phase
/// whose release its output names counts (a later release carries the
/// earlier phases); a time in the output dates the release it names.
fn probe(plan: &[&Phase], index: usize, env: &str, r: &RunResult) -> Reached {
    if !matches!(r.end, RunEnd::Exited { code: 0 }) {
        return Reached::Unknown(format!("the {env} probe {}", r.end.label()));
    }
    let names = |p: &&Phase| r.tail.iter().any(|l| l.contains(p.release.trim()));
    let Some(found) = plan.iter().rposition(names) else {
        let last = r.tail.iter().rev().find(|l| !l.trim().is_empty()).map_or("nothing", |l| l.trim());
        return Reached::Unknown(format!("the {env} probe names no release of the plan: {last}"));
    };
    let release = plan[found].release.trim();
    if found < index {
        return Reached::No(format!("{env} runs {release} ({})", plan[found].phase.key()));
    }
    let at = (found == index).then(|| crate::preflight::when::latest(&r.tail)).flatten();
    Reached::Yes { at, how: format!("the {env} probe reports {release}") }
}

/// The phase and environment to check: `wanted` (a phase and maybe an
/// environment) when given, else the first environment of the first phase
/// not known to be there, in plan order; `None` when every phase is
/// everywhere, or `wanted` names a phase the plan lacks.
pub fn target(m: &Migration, wanted: Option<(MigrationPhase, Option<&str>)>, ev: &PlanEvidence) -> Option<Target> {
    let plan = m.plan();
    let missing = |i: usize| {
        m.environments_of(plan[i]).into_iter().find(|e| !matches!(reached(m, i, e, ev), Reached::Yes { .. }))
    };
    match wanted {
        Some((phase, env)) => {
            let index = plan.iter().position(|p| p.phase == phase)?;
            let environment = match env {
                Some(e) => e.to_owned(),
                None => missing(index).or_else(|| m.environments_of(plan[index]).last().cloned())?,
            };
            Some(Target { index, environment })
        }
        None => (0..plan.len()).find_map(|i| missing(i).map(|environment| Target { index: i, environment })),
    }
}

/// When `plan[index]` reached its last environment (production), once it
/// is in every one: `Some(at)`, or `None` when the evidence does not date
/// that last arrival.
///
/// # Errors
/// Why it is not known to be in every environment (the first one missing).
pub fn finished_at(m: &Migration, index: usize, ev: &PlanEvidence) -> Result<Option<DateTime<Utc>>, String> {
    let plan = m.plan();
    let phase = plan.get(index).ok_or_else(|| "no such phase".to_owned())?;
    let mut last = None;
    for env in m.environments_of(phase) {
        match reached(m, index, &env, ev) {
            Reached::Yes { at, .. } => last = at,
            Reached::No(why) | Reached::Unknown(why) => return Err(why),
        }
    }
    Ok(last)
}

/// "If we roll back in 5 minutes, will the old code still understand the
/// data?" for `phase`: its own answer, else `[migration] backward_compatible`
/// when it is the live release's phase (what that field answers).
pub fn compatible(m: &Migration, phase: &Phase) -> Option<bool> {
    phase.backward_compatible.or_else(|| (phase.phase == m.phase).then_some(m.backward_compatible).flatten())
}

#[cfg(test)]
mod tests;
