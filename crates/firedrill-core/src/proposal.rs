//! What a finished drill or incident says about its runbook, the same day
//! (docs/domain.md, "How teams use it"): targets missed by more than half,
//! items left unchecked in this and the previous session, notes starting
//! `RUNBOOK:`, and a restore slower than `[backup] restore_time`. Pure:
//! the sessions are folds of their journals; turning these into an edit of
//! the runbook file is the shell's job.

mod edit;

use std::fmt;

use crate::duration::HumanDuration;
use crate::vocab::StepKind;

use crate::restore::RestoreTiming;
use crate::runbook::Runbook;
use crate::session::{Session, StepStatus};

pub use edit::apply;

/// The prefix that marks a note meant for the runbook.
pub const NOTE_PREFIX: &str = "RUNBOOK:";

/// One change the session suggests for its runbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    /// A step took more than one and a half times its target: the new
    /// target is the actual time rounded to the minute.
    Target {
        /// Which step.
        step: StepKind,
        /// The target it had.
        target: HumanDuration,
        /// The time it took, in milliseconds, pauses excluded.
        actual_ms: u64,
        /// The proposed target.
        proposed: HumanDuration,
    },
    /// A confirmed restore took longer than `[backup] restore_time` (or
    /// the runbook states none).
    RestoreTime {
        /// The restore time the runbook states, if any.
        stated: Option<HumanDuration>,
        /// The time the restore took ([`crate::timing::restore_ms`]), in milliseconds.
        actual_ms: u64,
        /// The proposed restore time.
        proposed: HumanDuration,
    },
    /// An item left unchecked in this session and in the previous one.
    StillNeeded {
        /// The step it belongs to.
        step: StepKind,
        /// The item's text.
        text: String,
    },
    /// The ledger disagreed with the runbook about a release: what the
    /// runbook says and what was read (by the probe) or named.
    Release {
        /// The `[release]` key: `live` or `known_good`.
        key: &'static str,
        /// What the runbook says.
        stated: String,
        /// What the session found.
        observed: String,
        /// How it was found ("read by the release probe", "named by the team").
        how: &'static str,
    },
    /// A note that starts with [`NOTE_PREFIX`], with the step active when
    /// it was written.
    Note {
        /// The step active then, if any.
        step: Option<StepKind>,
        /// The note's text after the prefix.
        text: String,
    },
}

impl fmt::Display for Proposal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Target { step, target, actual_ms, proposed } => write!(
                f,
                "{}: target {target} was missed by more than half ({}): set it to {proposed}",
                step.key(),
                crate::duration::clock(*actual_ms)
            ),
            Self::RestoreTime { stated, actual_ms, proposed } => {
                let stated = stated.map_or_else(|| "not stated".to_owned(), |s| s.to_string());
                let took = crate::duration::clock(*actual_ms);
                write!(f, "backup.restore_time is {stated} but the restore took {took}: set it to {proposed}")
            }
            Self::StillNeeded { step, text } => {
                write!(
                    f,
                    "{}: \"{text}\" was left unchecked in this and the previous session: still needed?",
                    step.key()
                )
            }
            Self::Release { key, stated, observed, how } => {
                write!(f, "release.{key} is {stated} but {observed} was {how}: set it to {observed}")
            }
            Self::Note { step: Some(step), text } => write!(f, "{}: {text}", step.key()),
            Self::Note { step: None, text } => f.write_str(text),
        }
    }
}

/// The proposals for `runbook` from `session` (finished, or as far as it
/// got at `end_ms`), with `previous`, the session before it on the same
/// runbook, for items left unchecked twice.
pub fn propose(runbook: &Runbook, session: &Session, previous: Option<&Session>, end_ms: u64) -> Vec<Proposal> {
    let mut out = Vec::new();
    let restore = RestoreTiming::of(runbook, session);
    for (i, s) in session.steps.iter().enumerate() {
        if let (Some(r), StepKind::Revert) = (restore, s.plan.kind) {
            // A restore's target is the restore time: compared once, and
            // only with a restore that was confirmed.
            if let Some(actual_ms) = r.actual_ms.filter(|a| r.target_ms.is_none_or(|t| *a > t)) {
                let stated = runbook.backup.as_ref().and_then(|b| b.restore_time);
                out.push(Proposal::RestoreTime { stated, actual_ms, proposed: round_to_minute(actual_ms) });
            }
            continue;
        }
        if s.status != StepStatus::Done {
            continue;
        }
        let Some(actual_ms) = session.step_actual_ms(i, end_ms) else { continue };
        if actual_ms.saturating_mul(2) > s.plan.target.as_ms().saturating_mul(3) {
            let proposed = round_to_minute(actual_ms);
            out.push(Proposal::Target { step: s.plan.kind, target: s.plan.target, actual_ms, proposed });
        }
    }
    if let Some(prev) = previous {
        for s in &session.steps {
            let Some(before) = prev.step(s.plan.kind) else { continue };
            for &i in &s.left_unchecked {
                let Some(item) = s.plan.items.get(i) else { continue };
                let again = before
                    .left_unchecked
                    .iter()
                    .any(|&j| before.plan.items.get(j).is_some_and(|p| p.text == item.text));
                if again {
                    out.push(Proposal::StillNeeded { step: s.plan.kind, text: item.text.clone() });
                }
            }
        }
    }
    out.extend(releases(runbook, session));
    for note in session.notes() {
        let Some(rest) = note.text.trim_start().strip_prefix(NOTE_PREFIX) else { continue };
        let step = session
            .steps
            .iter()
            .find(|s| s.started_ms.is_some_and(|b| b <= note.t_ms) && s.ended_ms.is_none_or(|e| note.t_ms < e))
            .map(|s| s.plan.kind);
        out.push(Proposal::Note { step, text: rest.trim().to_owned() });
    }
    out
}

/// Where the ledger disagreed with the runbook: the live release the probe
/// first read (else the one the team named), and the release a measured
/// roll back moved production to, when either is not the runbook's.
fn releases(runbook: &Runbook, session: &Session) -> Vec<Proposal> {
    let mut out = Vec::new();
    let live = match (session.first_probe_release(), &session.live_named) {
        (Some(r), _) => r.value.map(|v| (v.to_owned(), "read by the release probe")),
        (None, Some((named, _))) => Some((named.clone(), "named by the team")),
        (None, None) => None,
    };
    // A release read or named as a secret is masked in the record: never
    // proposed as the runbook's.
    let masked = |o: &str| o.contains(crate::redact::MASK);
    if let Some((observed, how)) = live.filter(|(o, _)| o.trim() != runbook.live().trim() && !masked(o)) {
        out.push(Proposal::Release { key: "live", stated: runbook.live().to_owned(), observed, how });
    }
    let rolled_back = session.decision.is_none_or(|(d, _)| d == crate::vocab::Decision::RollBack);
    let measured = session.recovery().is_some_and(|f| f.evidence.is_measured());
    // The release the probe read after the revert beats the one recorded by
    // a key press: a claim never rewrites the runbook's known-good.
    if let Some((to, _)) = session.moved_to()
        && rolled_back
        && measured
        && to.trim() != runbook.known_good().trim()
        && !masked(&to)
    {
        let observed = to;
        out.push(Proposal::Release {
            key: "known_good",
            stated: runbook.known_good().to_owned(),
            observed,
            how: "rolled back to",
        });
    }
    out
}

/// Milliseconds rounded to the nearest whole minute, at least one minute.
fn round_to_minute(ms: u64) -> HumanDuration {
    HumanDuration::from_secs(((ms + 30_000) / 60_000).max(1) * 60)
}

#[cfg(test)]
mod tests;
