//! The figures of the record with their evidence (docs/domain.md,
//! "Measured vs claimed"): when the live release was named, when the harm
//! was mitigated, when production was back on a good release, when the
//! first status update went out; whether a drill ran anything for real.
//! A sensor's measurement wins over a key press wherever the runbook gives
//! one; without one, the key press is the figure and says it is claimed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Session;
use crate::command::RunEnd;
use crate::event::Event;
use crate::evidence::{BY_KEY_PRESS, Evidence};
use crate::vocab::{Decision, Mode, Role, StepKind};

use crate::plan::Meaning;

/// An action that may have changed the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Monotonic ms it happened.
    pub t_ms: u64,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// What, in words (`onboarding_v2 set to safe (off)`).
    pub what: String,
}

/// A figure of the record and how the record knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Monotonic ms since the start it was established (pauses included).
    pub t_ms: u64,
    /// How the record knows it.
    pub evidence: Evidence,
    /// For a measured figure: the action before it that led to it.
    pub after: Option<Change>,
}

/// Whether a drill ran the commands that change a system (docs/domain.md,
/// "Dry vs live-fire drill"): times of the two are never compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fire {
    /// Mutating commands were shown and not run: decisions rehearsed.
    Dry,
    /// At least one mutating command ran, against staging or a sandbox.
    LiveFire,
}

impl Fire {
    /// `dry` or `live-fire`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Dry => "dry",
            Self::LiveFire => "live-fire",
        }
    }
}

impl Session {
    /// Records an action that may have changed the system at event `e`.
    pub(super) fn acted(&mut self, e: &Event, what: String) {
        self.actions.push(Change { t_ms: e.t_ms, at: e.at, what });
    }

    /// [`Session::acted`] with words saying how the action is known, after
    /// `what`: "(claimed by a key press)", "(rehearsed, not run)", or for a
    /// measured one nothing more (its command's end is beside it).
    pub(super) fn acted_as(&mut self, e: &Event, what: &str, evidence: &Evidence) {
        let how = match evidence {
            Evidence::Claimed { .. } => format!(" ({BY_KEY_PRESS})"),
            Evidence::Rehearsed { .. } => " (rehearsed, not run)".to_owned(),
            Evidence::Measured { .. } => String::new(),
        };
        self.acted(e, format!("{what}{how}"));
    }

    /// Monotonic ms of the last action that may have changed the system.
    pub fn last_action_ms(&self) -> Option<u64> {
        self.actions.last().map(|a| a.t_ms)
    }

    /// The last action at or before monotonic `t_ms`.
    fn action_before(&self, t_ms: u64) -> Option<Change> {
        self.actions.iter().rev().find(|a| a.t_ms <= t_ms).cloned()
    }

    /// The person practising alone when this is solo practice (a drill
    /// started with `--solo NAME`), else `None`.
    pub fn solo_practice(&self) -> Option<&str> {
        self.roles.solo.then_some(self.roles.driver.as_str())
    }

    /// A drill's fire: dry unless a mutating command ran; `None` for an
    /// incident (always the real thing).
    pub fn fire(&self) -> Option<Fire> {
        match self.mode {
            Mode::Incident => None,
            Mode::Drill if self.live_fire => Some(Fire::LiveFire),
            Mode::Drill => Some(Fire::Dry),
        }
    }

    /// When the live release was named and how: measured when a probe
    /// answer read it first (the figure is then the probe's time), else
    /// claimed by whoever typed it; `None` until named.
    pub fn name_live_fact(&self) -> Option<Fact> {
        let trigger = self.step(StepKind::Trigger)?;
        let evidence = trigger.evidence_of(Meaning::NameLive)?.clone();
        let t_ms = match (&evidence, &self.live_named) {
            (Evidence::Measured { .. }, Some((_, t))) => *t,
            _ => trigger.checked_at(Meaning::NameLive)?,
        };
        Some(Fact { t_ms, evidence, after: None })
    }

    /// How naming `release` at event `e` is known, with the time it counts
    /// from: measured by the first probe answer that read that very release
    /// at or before `e`, else claimed by whoever typed it at `e`. The fold
    /// and the timeline's row ask this alike, so the rule is written once.
    pub fn naming(&self, release: &str, e: &Event) -> (u64, Evidence) {
        let probed = self.probe_reads_from(release, 0).filter(|r| r.t_ms <= e.t_ms).map(|r| (r.t_ms, r.evidence()));
        probed.unwrap_or((e.t_ms, Evidence::Claimed { role: e.role, at: e.at }))
    }

    /// When the harm was mitigated. With a health check that confirmed
    /// the harm (it failed), the first pass after that failure, measured;
    /// `None` while it still fails. Otherwise the first kill switch put in
    /// its safe state (measured when its state was read back, never when
    /// the read-back disagrees), or the recovery if that came first.
    pub fn mitigation(&self) -> Option<Fact> {
        if let Some(harm) = self.harm_confirmed() {
            let pass = self.health_passes_from(harm.t_ms)?;
            return Some(Fact { t_ms: pass.t_ms, evidence: pass.evidence(), after: self.action_before(pass.t_ms) });
        }
        let switch = self
            .flags
            .iter()
            .filter(|f| !f.read_disagrees())
            .filter_map(|f| {
                let t = f.off_ms?;
                let evidence = f.off_evidence.clone()?;
                match &f.read {
                    Some(read) if f.read_confirms() && read.t_ms >= t => Some(Fact {
                        t_ms: read.t_ms,
                        evidence: Evidence::Measured { command: read.argv.clone(), end: read.end.clone(), at: read.at },
                        after: self.action_before(read.t_ms),
                    }),
                    _ => Some(Fact { t_ms: t, evidence, after: None }),
                }
            })
            .min_by_key(|f| f.t_ms);
        match (switch, self.recovery()) {
            (Some(a), Some(b)) => Some(if b.t_ms < a.t_ms { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    /// The release step 3 aims for under the decision: the known-good one
    /// (roll back), the live one (restore: data comes back, the release
    /// stays), the patch as named (fix forward).
    pub fn recovery_release(&self) -> Option<&str> {
        match self.decision.map_or(Decision::RollBack, |d| d.0) {
            Decision::RollBack => Some(&self.spec.known_good),
            Decision::Restore => Some(&self.spec.live),
            Decision::FixForward => self.reverted_to.as_ref().map(|(r, _)| r.as_str()),
        }
    }

    /// When users were back on a good release or good data: step 3's
    /// recovery item done; where the runbook has a probe, a probe answer
    /// reading the release aimed for after step 3 began (else the verify
    /// step's probe item); where the health check has answered, its first
    /// pass after that. A probe reading is measured and beats the item's
    /// tick (docs/domain.md, "Measured vs claimed"); otherwise the latest of these is
    /// the figure. Its evidence is always the one taken at the figure, so
    /// the postmortem's "Resolved" time and its KPI agree.
    /// Production moved in a roll back to another release than the
    /// runbook's known-good one ([`Session::moved_to`], measured before
    /// claimed) is not that recovery: no figure (the record says where it
    /// moved, and that it is not the known-good release).
    pub fn recovery(&self) -> Option<Fact> {
        let rolled_back = self.decision.map_or(Decision::RollBack, |d| d.0) == Decision::RollBack;
        if rolled_back && self.moved_to().is_some_and(|(r, _)| r.trim() != self.spec.known_good.trim()) {
            return None;
        }
        let step3 = self.step(StepKind::Revert)?;
        let item = step3.plan.items.iter().position(|i| i.meaning.is_recovery())?;
        let mut t_ms = step3.checked_ms.get(item).copied().flatten()?;
        let mut evidence = step3.evidence.get(item).cloned().flatten()?;
        if self.has_probe()
            && let Some(release) = self.recovery_release()
        {
            let from = step3.started_ms.unwrap_or(0);
            if let Some(r) = self.probe_reads_from(release, from) {
                // Production ran the release from this reading on, however
                // late the item was ticked.
                t_ms = r.t_ms;
                evidence = r.evidence();
            } else {
                let verify = self.step(StepKind::Verify)?;
                if verify.plan.find(Meaning::Probe).is_some() {
                    t_ms = t_ms.max(verify.checked_at(Meaning::Probe)?);
                    evidence = verify.evidence_of(Meaning::Probe)?.clone();
                }
            }
        } else if let Some(verify) = self.step(StepKind::Verify)
            && verify.plan.find(Meaning::Probe).is_some()
        {
            // A journal whose probe ran only as the verify step's item.
            let probed = verify.checked_at(Meaning::Probe)?;
            if probed >= t_ms
                && let Some(e) = verify.evidence_of(Meaning::Probe)
            {
                evidence = e.clone();
            }
            t_ms = t_ms.max(probed);
        }
        if self.health.count() > 0 {
            let pass = self.health_confirms(t_ms)?;
            // A pass after the figure completes it; one before leaves the
            // figure to what came last (a tick stays claimed).
            if pass.t_ms >= t_ms {
                evidence = pass.evidence();
            }
            t_ms = t_ms.max(pass.t_ms);
        }
        let after = if evidence.is_measured() { self.action_before(t_ms) } else { None };
        Some(Fact { t_ms, evidence, after })
    }

    /// When the first status update went out: measured when the runbook's
    /// `notify` program took it, else claimed by the communicator.
    pub fn first_update_fact(&self) -> Option<Fact> {
        let first = self.updates.first()?;
        let evidence = match (first.delivery.as_deref(), &self.spec.notify) {
            (Some((true, _)), Some(argv)) => {
                Evidence::Measured { command: argv.clone(), end: RunEnd::Exited { code: 0 }, at: first.at }
            }
            _ => Evidence::Claimed { role: Some(Role::Communicator), at: first.at },
        };
        Some(Fact { t_ms: first.t_ms, evidence, after: None })
    }

    /// The verify step's checks accepted by the verifier though they
    /// failed (or an inject card failed them), by their text.
    pub fn accepted_failures(&self) -> Vec<String> {
        let Some(verify) = self.step(StepKind::Verify) else { return Vec::new() };
        verify
            .plan
            .items
            .iter()
            .enumerate()
            .filter(|(n, i)| {
                i.meaning.is_verification()
                    && verify.checked.get(*n).copied().unwrap_or(false)
                    && self.last_run(StepKind::Verify, *n).is_some_and(|r| r.overridden.is_some())
            })
            .map(|(_, i)| i.text.clone())
            .collect()
    }
}
