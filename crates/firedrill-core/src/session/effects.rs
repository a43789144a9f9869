//! What a shown inject card does to the session: a check counted as
//! failed, a kill switch that cannot be turned off, a release probe taken
//! to report a wrong release (issue 12). Each holds from the moment the
//! card is shown to the end of the session. The record stays true: a real
//! command result is kept as it came, and marked as overruled by the card;
//! nothing the card simulates is written as if a system had said it.

use super::{InjectState, Session};
use crate::plan::Meaning;
use crate::vocab::StepKind;

/// What a shown card does to one checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InjectEffect {
    /// The check counts as failed: checking it needs the verifier's reason.
    FailsCheck,
    /// The kill switch cannot be turned off.
    StuckFlag,
    /// The release probe is taken to report this release (simulated), so
    /// checking it needs the verifier's reason.
    ProbeReports(String),
}

impl InjectState {
    /// The card's effects in words, for the card on screen and the postmortem.
    pub fn effects(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(check) = &self.fail_check {
            v.push(format!("the check \"{check}\" counts as failed: the verifier must give a reason to accept it"));
        }
        if let Some(flag) = &self.stuck_flag {
            v.push(format!("the kill switch {flag} cannot be turned off"));
        }
        if let Some(release) = &self.probe_reports {
            v.push(format!(
                "the release probe reports {release} (simulated): the verifier must give a reason to accept it"
            ));
        }
        v
    }
}

impl Session {
    /// The cards shown so far, with their indices, in card order.
    fn shown_cards(&self) -> impl Iterator<Item = (usize, &InjectState)> {
        self.injects.iter().enumerate().filter(|(_, c)| c.fired_ms.is_some())
    }

    /// The first card shown that makes the check named `name` fail.
    pub fn check_failed_by(&self, name: &str) -> Option<usize> {
        self.shown_cards().find(|(_, c)| c.fail_check.as_deref().is_some_and(|f| f == name.trim())).map(|(i, _)| i)
    }

    /// The first card shown that keeps kill switch `index` from being turned off.
    pub fn flag_stuck_by(&self, index: usize) -> Option<usize> {
        let name = self.flags.get(index)?.name.trim();
        self.shown_cards().find(|(_, c)| c.stuck_flag.as_deref() == Some(name)).map(|(i, _)| i)
    }

    /// The card shown last that makes the release probe report a wrong
    /// release, with that release.
    pub fn probe_simulated_by(&self) -> Option<(usize, &str)> {
        self.shown_cards()
            .filter_map(|(i, c)| c.probe_reports.as_deref().map(|r| (i, c.fired_ms, r)))
            .max_by_key(|(i, fired, _)| (*fired, *i))
            .map(|(i, _, r)| (i, r))
    }

    /// What a shown card does to item `item` of step `kind`: the card's
    /// index and its effect, if any holds.
    pub fn item_effect(&self, kind: StepKind, item: usize) -> Option<(usize, InjectEffect)> {
        let spec = self.step(kind)?.plan.items.get(item)?;
        match spec.meaning {
            Meaning::Check(_) => self.check_failed_by(&spec.text).map(|i| (i, InjectEffect::FailsCheck)),
            Meaning::Flag(f) => self.flag_stuck_by(f).map(|i| (i, InjectEffect::StuckFlag)),
            Meaning::Probe => self.probe_simulated_by().map(|(i, r)| (i, InjectEffect::ProbeReports(r.to_owned()))),
            _ => None,
        }
    }

    /// The card that makes the verification item `item` of `kind` fail,
    /// whatever its command printed.
    pub(super) fn failed_by_card(&self, kind: StepKind, item: usize) -> Option<usize> {
        match self.item_effect(kind, item) {
            Some((i, InjectEffect::FailsCheck | InjectEffect::ProbeReports(_))) => Some(i),
            _ => None,
        }
    }
}
