//! How the steps change shape: a change of decision re-derives the steps
//! not yet done, an undo reopens a step, and each step ending starts the
//! next.

use super::{Session, StepStatus};
use crate::vocab::{Decision, StepKind};

impl Session {
    /// A change of decision re-derives the steps not yet done (from the
    /// plan the journal recorded with it, else as this build derives it);
    /// items already checked stay checked where the new plan has them too.
    pub(super) fn decided(&mut self, decision: Decision, recorded: Option<&[crate::plan::StepPlan]>) {
        let count = self.decision.map_or(0, |(_, n)| n);
        self.decision = Some((decision, count + 1));
        if !self.rederive {
            return;
        }
        let Some(plans) = recorded.or_else(|| self.plans_for(decision)).map(<[_]>::to_vec) else { return };
        for (s, plan) in self.steps.iter_mut().zip(plans) {
            if !matches!(s.status, StepStatus::Pending | StepStatus::Active) || s.plan == plan {
                continue;
            }
            let keep = |it: &crate::plan::Item| {
                s.plan
                    .items
                    .iter()
                    .position(|o| o.meaning == it.meaning && o.text == it.text)
                    .map(|o| (s.checked[o], s.checked_ms[o], s.evidence[o].clone()))
            };
            let kept: Vec<(bool, Option<u64>, Option<crate::evidence::Evidence>)> =
                plan.items.iter().map(|it| keep(it).unwrap_or((false, None, None))).collect();
            s.checked = kept.iter().map(|k| k.0).collect();
            s.checked_ms = kept.iter().map(|k| k.1).collect();
            s.evidence = kept.into_iter().map(|k| k.2).collect();
            s.plan = plan;
        }
    }

    /// Reopens the step whose completion or skip was undone; the step that
    /// had followed goes back to pending.
    pub(super) fn undone(&mut self, kind: StepKind) {
        let Some(i) = self.steps.iter().position(|s| s.plan.kind == kind) else { return };
        if let Some(next) = self.steps.get_mut(i + 1)
            && next.status == StepStatus::Active
        {
            next.status = StepStatus::Pending;
            next.started_ms = None;
        }
        let s = &mut self.steps[i];
        s.status = StepStatus::Active;
        s.ended_ms = None;
        s.left_unchecked.clear();
        s.skip_reason = None;
    }

    pub(super) fn start_next(&mut self, t_ms: u64) {
        if let Some(s) = self.steps.iter_mut().find(|s| s.status == StepStatus::Pending) {
            s.status = StepStatus::Active;
            s.started_ms = Some(t_ms);
        }
    }
}
