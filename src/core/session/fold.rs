//! Folding one event into the state. Events are trusted here: they were
//! checked when applied, or come from a journal written that way. What an
//! event implies (a named release checks its item, a passing check ticks
//! its item) is decided here by item meaning, so replay equals live.

use super::notes::promised_next;
use super::{Entry, Run, Session, StepState, StepStatus};
use crate::core::command::RunResult;
use crate::core::event::{Event, EventKind};
use crate::core::incident::{Decision, FlagState};
use crate::core::plan::{Meaning, StepKind};

impl Session {
    pub(super) fn fold(&mut self, event: Event) {
        self.fold_ref(&event, self.events.len());
        self.events.push(event);
    }

    /// Folds `e`, the event that is (or will be) `events[at]`, into the
    /// state without recording it in `events`.
    pub(super) fn fold_ref(&mut self, e: &Event, at: usize) {
        match &e.kind {
            EventKind::Started { roles } => {
                self.roles = (**roles).clone();
                self.started_at = Some(e.at);
                self.start_next(e.t_ms);
            }
            EventKind::ItemToggled { step, item, checked } => self.set_checked(*step, *item, *checked, e),
            EventKind::StepCompleted { step, left_unchecked } => {
                if let Some(s) = self.step_mut(*step) {
                    s.status = StepStatus::Done;
                    s.ended_ms = Some(e.t_ms);
                    s.left_unchecked.clone_from(left_unchecked);
                }
                self.start_next(e.t_ms);
            }
            EventKind::StepSkipped { step, reason } => {
                if let Some(s) = self.step_mut(*step) {
                    s.status = StepStatus::Skipped;
                    s.ended_ms = Some(e.t_ms);
                    s.skip_reason = Some(reason.clone());
                }
                self.start_next(e.t_ms);
            }
            EventKind::Undone { step } => self.undone(*step),
            EventKind::NoteAdded { .. } => self.notes.push(at),
            EventKind::StatusPosted { text, next_at } => {
                // Journals before the promise was recorded: read it from the text.
                let next_at = next_at.or_else(|| promised_next(text, e.at));
                self.updates.push(Entry { next_at, ..entry(e, text) });
            }
            EventKind::UpdateDelivered { update, delivered, detail } => {
                if let Some(u) = self.updates.iter_mut().find(|u| u.seq == *update) {
                    u.delivery = Some((*delivered, detail.clone()));
                }
            }
            EventKind::Decided { decision } => self.decided(*decision),
            EventKind::LiveNamed { release } => {
                self.live_named = Some((release.clone(), e.t_ms));
                self.check_where(|m| m == Meaning::NameLive, e);
            }
            EventKind::RevertedTo { release } => {
                self.reverted_to = Some((release.clone(), e.t_ms));
                self.check_where(|m| matches!(m, Meaning::Redeploy | Meaning::ShipPatch), e);
            }
            EventKind::FlagChanged { flag, state, reason } => self.flag_changed(flag, *state, reason.clone(), e),
            EventKind::CommandStarted { step, item, argv } => {
                self.runs.push(Run {
                    step: *step,
                    item: *item,
                    argv: argv.clone(),
                    result: None,
                    overridden: None,
                    overruled_by: None,
                });
            }
            EventKind::CommandFinished { step, item, result } => self.command_finished(*step, *item, result, e),
            EventKind::CheckOverridden { step, item, reason } => {
                match self.runs.iter_mut().rev().find(|r| r.step == *step && r.item == *item) {
                    Some(run) => run.overridden = Some(reason.clone()),
                    // A check an inject made fail has no run: the reason is kept all the same.
                    None => self.runs.push(Run {
                        step: *step,
                        item: *item,
                        argv: Vec::new(),
                        result: None,
                        overridden: Some(reason.clone()),
                        overruled_by: self.failed_by_card(*step, *item),
                    }),
                }
                self.set_checked_if_active(*step, *item, e);
            }
            EventKind::FollowedUp { item, done } => self.followups.push((item.clone(), *done)),
            EventKind::Paused => self.pauses.open(e.t_ms),
            EventKind::Resumed => self.pauses.close(e.t_ms),
            EventKind::Handoff { handed: role, to, .. } => self.roles.set(*role, to),
            EventKind::Reopened { interrupted_ms, .. } => self.pauses.gap(*interrupted_ms, e.t_ms),
            EventKind::Debriefed(d) => self.debrief = Some((**d).clone()),
            EventKind::ActionClosed { item, note } => self.actions_closed.push((*item, note.clone())),
            EventKind::ActionExported { item, url } => self.actions_exported.push((*item, url.clone())),
            // Read from the events where needed (`core::secrets::rotations`).
            EventKind::SecretRotated { .. } => {}
            k @ (EventKind::InjectFired { .. } | EventKind::InjectAcknowledged { .. }) => self.inject_event(k, e.t_ms),
            EventKind::StoppedEarly => {
                self.pauses.close(e.t_ms);
                self.stopped_ms = Some(e.t_ms);
            }
            EventKind::Finished => {
                self.pauses.close(e.t_ms);
                self.finished_ms = Some(e.t_ms);
            }
        }
    }

    /// A command ended: its result is kept as it came; a passing check or
    /// probe checks its item, unless a shown inject card overrules it.
    fn command_finished(&mut self, step: StepKind, item: usize, result: &RunResult, e: &Event) {
        // A shown card overrules what a check or the probe says: kept, and marked.
        let overruled_by = self.failed_by_card(step, item);
        match self.runs.iter_mut().rev().find(|r| r.step == step && r.item == item && r.result.is_none()) {
            Some(run) => {
                run.result = Some(result.clone());
                run.overruled_by = overruled_by;
            }
            // A command that was not run (a drill's mutating one) has no start.
            None => self.runs.push(Run {
                step,
                item,
                argv: Vec::new(),
                result: Some(result.clone()),
                overridden: None,
                overruled_by,
            }),
        }
        let spec = self.step_mut(step).and_then(|s| s.plan.items.get(item).cloned());
        if let Some(spec) = spec
            && overruled_by.is_none()
            && spec.meaning.is_verification()
            && result.passed(spec.command.as_ref().and_then(|c| c.expect.as_deref()))
        {
            self.set_checked_if_active(step, item, e);
        }
    }

    fn step_mut(&mut self, kind: StepKind) -> Option<&mut StepState> {
        self.steps.iter_mut().find(|s| s.plan.kind == kind)
    }

    /// Sets an item's state; checking a kill switch's item turns it off,
    /// unchecking one turned off by mistake puts it back to untouched.
    fn set_checked(&mut self, kind: StepKind, item: usize, checked: bool, e: &Event) {
        let Some(s) = self.step_mut(kind) else { return };
        let (Some(c), Some(at)) = (s.checked.get_mut(item), s.checked_ms.get_mut(item)) else { return };
        *c = checked;
        *at = if checked { at.or(Some(e.t_ms)) } else { None };
        let meaning = s.plan.items.get(item).map(|i| i.meaning);
        match meaning {
            Some(Meaning::NameLive) if checked && self.live_named.is_none() => {
                self.live_named = Some((self.spec.live.clone(), e.t_ms));
            }
            Some(Meaning::Redeploy) if checked && self.reverted_to.is_none() => {
                self.reverted_to = Some((self.spec.known_good.clone(), e.t_ms));
            }
            Some(Meaning::Flag(i)) => {
                if let Some(f) = self.flags.get_mut(i) {
                    match (checked, f.state) {
                        (true, FlagState::Untouched | FlagState::Restored) => f.turn_off(e),
                        (false, FlagState::Off) => f.untouch(),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn set_checked_if_active(&mut self, kind: StepKind, item: usize, e: &Event) {
        let active = self.steps.iter().any(|s| s.plan.kind == kind && s.status == StepStatus::Active);
        if active {
            self.set_checked(kind, item, true, e);
        }
    }

    /// Checks the first item matching `meaning` in the active step.
    fn check_where(&mut self, meaning: impl Fn(Meaning) -> bool, e: &Event) {
        let Some(i) = self.active() else { return };
        let kind = self.steps[i].plan.kind;
        if let Some(item) = self.steps[i].plan.items.iter().position(|it| meaning(it.meaning)) {
            self.set_checked(kind, item, true, e);
        }
    }

    fn flag_changed(&mut self, name: &str, state: FlagState, reason: Option<String>, e: &Event) {
        let Some(index) = self.flags.iter().position(|f| f.name == name) else { return };
        let f = &mut self.flags[index];
        if state == FlagState::Off {
            f.turn_off(e);
        } else {
            f.state = state;
            f.by = e.role;
            f.at = Some(e.at);
            f.reason = reason;
        }
        // A kill switch turned off before its step shows as done there.
        let open = self.steps.iter().any(|s| {
            s.plan.kind == StepKind::DisableFlags && matches!(s.status, StepStatus::Pending | StepStatus::Active)
        });
        if state == FlagState::Off && open {
            let item = self
                .steps
                .iter()
                .find(|s| s.plan.kind == StepKind::DisableFlags)
                .and_then(|s| s.plan.find(Meaning::Flag(index)));
            if let Some(item) = item {
                self.set_checked(StepKind::DisableFlags, item, true, e);
            }
        }
    }

    /// A change of decision re-derives the steps not yet done; items
    /// already checked stay checked where the new plan has them too.
    fn decided(&mut self, decision: Decision) {
        let count = self.decision.map_or(0, |(_, n)| n);
        self.decision = Some((decision, count + 1));
        if !self.spec.rederive {
            return;
        }
        let Some(plans) = self.plans_for(decision).map(<[_]>::to_vec) else { return };
        for (s, plan) in self.steps.iter_mut().zip(plans) {
            if !matches!(s.status, StepStatus::Pending | StepStatus::Active) || s.plan == plan {
                continue;
            }
            let keep = |it: &crate::core::plan::Item| {
                s.plan
                    .items
                    .iter()
                    .position(|o| o.meaning == it.meaning && o.text == it.text)
                    .map(|o| (s.checked[o], s.checked_ms[o]))
            };
            let kept: Vec<(bool, Option<u64>)> =
                plan.items.iter().map(|it| keep(it).unwrap_or((false, None))).collect();
            s.checked = kept.iter().map(|k| k.0).collect();
            s.checked_ms = kept.iter().map(|k| k.1).collect();
            s.plan = plan;
        }
    }

    /// Reopens the step whose completion or skip was undone; the step that
    /// had followed goes back to pending.
    fn undone(&mut self, kind: StepKind) {
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

    fn start_next(&mut self, t_ms: u64) {
        if let Some(s) = self.steps.iter_mut().find(|s| s.status == StepStatus::Pending) {
            s.status = StepStatus::Active;
            s.started_ms = Some(t_ms);
        }
    }
}

fn entry(e: &Event, text: &str) -> Entry {
    Entry {
        at: e.at,
        t_ms: e.t_ms,
        text: text.to_owned(),
        happened_at: None,
        next_at: None,
        seq: e.seq,
        delivery: None,
    }
}
