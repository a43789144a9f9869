//! Practice against the real thing: an incident beside the team's drills
//! of the same runbook. Per step, the incident's time against the median
//! of the last verified live-fire drills, and whether the drills ever
//! practised the step for real (docs/domain.md: dry and live-fire drills
//! are never compared; a fact a command confirmed is measured).
//!
//! The rule, in one place:
//! - the drills are the team's drills of the incident's runbook (its file
//!   stem, any version, any deck) that started before the incident and
//!   were finished (an abandoned drill practised nothing to the end);
//! - the medians read the last [`LAST_TIMED`] of them that were verified
//!   with no accepted failure and were live-fire (a dry drill's times are
//!   not a rollback's), each step over the drills that did it;
//! - a step was practised when some drill did it live-fire with at least
//!   one of its items measured by a command; else the record says why not:
//!   done live-fire with nothing measured (no check), done in dry drills
//!   only, skipped every time, or never reached;
//! - step 3 is what the decision made it (roll back, fix forward,
//!   restore): drills that decided otherwise neither time nor practise it.

use serde::{Deserialize, Serialize};

use super::{Outcome, Summary};
use crate::event::Mode;
use crate::incident::Decision;
use crate::plan::StepKind;
use crate::session::Fire;

/// How many of the latest verified live-fire drills the medians read.
pub const LAST_TIMED: usize = 5;

/// How the team's drills practised one step, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Practice {
    /// No drill reached the step (or there was no drill).
    NotReached,
    /// Every drill that reached the step skipped it.
    Skipped,
    /// Done in dry drills only: its commands were shown, never run.
    Dry,
    /// Done in a live-fire drill, but no command measured any of its items.
    NoCheck,
    /// Done in a live-fire drill with an item measured by a command.
    Practised,
}

impl Practice {
    /// True when the drills never practised the step for real.
    pub fn is_gap(self) -> bool {
        self != Self::Practised
    }

    /// The words for a screen: "practised", "never: no check", ...
    pub fn label(self) -> &'static str {
        match self {
            Self::Practised => "practised",
            Self::NoCheck => "never: no check",
            Self::Dry => "never: dry only",
            Self::Skipped => "never: skipped",
            Self::NotReached => "never reached",
        }
    }

    /// Why the step counts as never practised, as a sentence's end:
    /// "no command measured it in a drill"; empty when it was practised.
    pub fn why(self) -> &'static str {
        match self {
            Self::Practised => "",
            Self::NoCheck => "done live-fire, but no command measured it",
            Self::Dry => "done in dry drills only (commands shown, not run)",
            Self::Skipped => "skipped in every drill that reached it",
            Self::NotReached => "no drill reached it",
        }
    }
}

/// One step of the incident beside the drills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepVersus {
    /// Which step.
    pub step: StepKind,
    /// The incident's active milliseconds in the step, when it was done.
    pub incident_ms: Option<u64>,
    /// True when the incident skipped the step.
    pub incident_skipped: bool,
    /// The median (lower middle) of the step's time over the timed drills
    /// that did it, in milliseconds; `None` when none did.
    pub drills_median_ms: Option<u64>,
    /// How many timed drills did the step (what the median reads).
    pub drills_timed: usize,
    /// How the drills practised the step.
    pub practice: Practice,
}

impl StepVersus {
    /// The incident's time less the drills' median, in milliseconds
    /// (positive: the incident was slower), when both are known; in whole
    /// seconds, as both times are shown (00:16 against 00:21 is 5 s).
    pub fn delta_ms(&self) -> Option<i64> {
        let whole = |ms: u64| i64::try_from(ms / 1000 * 1000).ok();
        Some(whole(self.incident_ms?)? - whole(self.drills_median_ms?)?)
    }
}

/// An incident beside the team's drills of its runbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versus {
    /// Finished drills of the runbook before the incident.
    pub drills: usize,
    /// Of those, the verified live-fire drills the medians read (at most
    /// [`LAST_TIMED`], the latest).
    pub timed: usize,
    /// The five steps, in order.
    pub steps: Vec<StepVersus>,
}

impl Versus {
    /// The steps the drills never practised for real, in order.
    pub fn gaps(&self) -> impl Iterator<Item = &StepVersus> {
        self.steps.iter().filter(|s| s.practice.is_gap())
    }
}

/// The decision that shaped step 3 (a journal before decisions rolled back).
fn decided(s: &Summary) -> Decision {
    s.decision.unwrap_or(Decision::RollBack)
}

/// How drill `d` practised step `kind` (`None`: it decided another step 3).
fn practice_in(d: &Summary, kind: StepKind, decision: Decision) -> Option<Practice> {
    if kind == StepKind::Revert && decided(d) != decision {
        return None;
    }
    let Some(step) = d.steps.iter().find(|t| t.kind == kind) else { return Some(Practice::NotReached) };
    Some(match (step.actual_ms, d.fire) {
        (Some(_), Some(Fire::LiveFire)) if step.measured => Practice::Practised,
        (Some(_), Some(Fire::LiveFire)) => Practice::NoCheck,
        (Some(_), _) => Practice::Dry,
        (None, _) if step.skipped => Practice::Skipped,
        (None, _) => Practice::NotReached,
    })
}

/// The incident `incident` beside the drills of its runbook in `history`
/// (any order; the incident itself may be in it); `None` for a drill.
pub fn versus(history: &[Summary], incident: &Summary) -> Option<Versus> {
    if incident.mode != Mode::Incident {
        return None;
    }
    let mut drills: Vec<&Summary> = history
        .iter()
        .filter(|s| s.mode == Mode::Drill && s.runbook == incident.runbook)
        .filter(|s| s.started_at < incident.started_at && s.outcome != Outcome::Abandoned)
        .collect();
    drills.sort_by_key(|s| s.started_at);
    let timed_all: Vec<&Summary> = drills
        .iter()
        .copied()
        .filter(|s| s.outcome == Outcome::Verified && s.accepted_failures == 0 && s.fire == Some(Fire::LiveFire))
        .collect();
    let timed = &timed_all[timed_all.len().saturating_sub(LAST_TIMED)..];
    let decision = decided(incident);
    let steps = StepKind::ALL
        .iter()
        .map(|&kind| {
            let own = incident.steps.iter().find(|t| t.kind == kind);
            let step_times: Vec<Option<u64>> = timed
                .iter()
                .filter(|d| practice_in(d, kind, decision).is_some())
                .map(|d| d.steps.iter().find(|t| t.kind == kind).and_then(|t| t.actual_ms))
                .collect();
            let series = super::Series::of(step_times);
            StepVersus {
                step: kind,
                incident_ms: own.and_then(|t| t.actual_ms),
                incident_skipped: own.is_some_and(|t| t.skipped),
                drills_median_ms: series.median,
                drills_timed: series.values.iter().flatten().count(),
                practice: drills
                    .iter()
                    .filter_map(|d| practice_in(d, kind, decision))
                    .max()
                    .unwrap_or(Practice::NotReached),
            }
        })
        .collect();
    Some(Versus { drills: drills.len(), timed: timed.len(), steps })
}

#[cfg(test)]
mod tests;
