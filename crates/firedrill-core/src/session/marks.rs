//! Checking and unchecking checklist items, with the evidence each check
//! carries; a kill switch's item moves its switch with it.

use super::{Session, StepStatus};
use crate::event::Event;
use crate::evidence::Evidence;
use crate::plan::Meaning;
use crate::vocab::{FlagState, StepKind};

impl Session {
    /// Checks an item with `evidence` at monotonic `t_ms` (the time it
    /// keeps is the first check's while it stays checked).
    pub(super) fn mark(&mut self, kind: StepKind, item: usize, evidence: Evidence, t_ms: u64) {
        let Some(s) = self.step_mut(kind) else { return };
        if let (Some(c), Some(at), Some(ev)) =
            (s.checked.get_mut(item), s.checked_ms.get_mut(item), s.evidence.get_mut(item))
        {
            *c = true;
            *at = at.or(Some(t_ms));
            *ev = Some(evidence);
        }
    }

    /// Sets an item's state (`Some` evidence checks it); checking a kill
    /// switch's item puts it in its safe state, unchecking one put there by
    /// mistake puts it back to untouched.
    pub(super) fn set_checked(&mut self, kind: StepKind, item: usize, evidence: Option<Evidence>, e: &Event) {
        let Some(s) = self.step_mut(kind) else { return };
        let Some(meaning) = s.plan.items.get(item).map(|i| i.meaning) else { return };
        let checked = evidence.is_some();
        match evidence.clone() {
            Some(ev) => self.mark(kind, item, ev, e.t_ms),
            None => {
                if let (Some(c), Some(at), Some(ev)) =
                    (s.checked.get_mut(item), s.checked_ms.get_mut(item), s.evidence.get_mut(item))
                {
                    *c = false;
                    *at = None;
                    *ev = None;
                }
            }
        }
        match meaning {
            Meaning::NameLive if checked && self.live_named.is_none() => {
                self.live_named = Some((self.spec.live.clone(), e.t_ms));
            }
            Meaning::Redeploy if checked && self.reverted_to.is_none() => {
                self.reverted_to = Some((self.spec.known_good.clone(), e.t_ms));
            }
            Meaning::Flag(i) => match (evidence, self.flags.get(i).map(|f| f.state)) {
                (Some(ev), Some(FlagState::Untouched | FlagState::Restored)) => self.flag_set_safe(i, ev, e),
                (None, Some(FlagState::Safe)) => {
                    if let Some(f) = self.flags.get_mut(i) {
                        f.untouch();
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    pub(super) fn set_checked_if_active(&mut self, kind: StepKind, item: usize, evidence: Evidence, e: &Event) {
        let active = self.steps.iter().any(|s| s.plan.kind == kind && s.status == StepStatus::Active);
        if active {
            self.set_checked(kind, item, Some(evidence), e);
        }
    }

    /// Checks the first item matching `meaning` in the active step.
    pub(super) fn check_where(&mut self, meaning: impl Fn(Meaning) -> bool, evidence: Evidence, e: &Event) {
        let Some(i) = self.active() else { return };
        let kind = self.steps[i].plan.kind;
        if let Some(item) = self.steps[i].plan.items.iter().position(|it| meaning(it.meaning)) {
            self.set_checked(kind, item, Some(evidence), e);
        }
    }
}
