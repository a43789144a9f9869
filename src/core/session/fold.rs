//! Folding one event into the state. Events are trusted here: they were
//! checked when applied, or come from a journal written that way.

use super::{Entry, Session, StepStatus};
use crate::core::event::{Event, EventKind};
use crate::core::incident::FlagState;
use crate::core::plan::StepKind;

impl Session {
    pub(super) fn fold(&mut self, e: &Event) {
        match &e.kind {
            EventKind::Started { roles } => {
                self.roles = roles.clone();
                self.started_at = Some(e.at);
                self.start_next(e.t_ms);
            }
            EventKind::ItemToggled { step, item, checked } => self.toggled(e, *step, *item, *checked),
            EventKind::StepCompleted { step, left_unchecked } => {
                if let Some(s) = self.steps.iter_mut().find(|s| s.plan.kind == *step) {
                    s.status = StepStatus::Done;
                    s.ended_ms = Some(e.t_ms);
                    s.left_unchecked.clone_from(left_unchecked);
                }
                self.start_next(e.t_ms);
            }
            EventKind::StepSkipped { step, reason } => {
                if let Some(s) = self.steps.iter_mut().find(|s| s.plan.kind == *step) {
                    s.status = StepStatus::Skipped;
                    s.ended_ms = Some(e.t_ms);
                    s.skip_reason = Some(reason.clone());
                }
                self.start_next(e.t_ms);
            }
            EventKind::NoteAdded { text, happened_at } => {
                let entry = Entry {
                    at: e.at,
                    t_ms: e.t_ms,
                    text: text.clone(),
                    happened_at: *happened_at,
                    seq: e.seq,
                    delivery: None,
                };
                self.notes.push(entry);
            }
            EventKind::StatusPosted { text } => {
                let entry =
                    Entry { at: e.at, t_ms: e.t_ms, text: text.clone(), happened_at: None, seq: e.seq, delivery: None };
                self.updates.push(entry);
            }
            EventKind::UpdateDelivered { update, delivered, detail } => {
                if let Some(u) = self.updates.iter_mut().find(|u| u.seq == *update) {
                    u.delivery = Some((*delivered, detail.clone()));
                }
            }
            EventKind::Decided { decision } => {
                let count = self.decision.map_or(0, |(_, n)| n);
                self.decision = Some((*decision, count + 1));
            }
            EventKind::LiveNamed { release } => {
                self.live_named = Some((release.clone(), e.t_ms));
                self.named_live_ms.get_or_insert(e.t_ms);
            }
            EventKind::RevertedTo { release } => self.reverted_to = Some((release.clone(), e.t_ms)),
            EventKind::FlagChanged { flag, state, reason } => {
                if let Some(f) = self.flags.iter_mut().find(|f| f.name == *flag) {
                    f.state = *state;
                    f.by = e.role;
                    f.at = Some(e.at);
                    f.reason.clone_from(reason);
                }
            }
            EventKind::CommandStarted { step, item, argv } => {
                self.runs.push(super::Run {
                    step: *step,
                    item: *item,
                    argv: argv.clone(),
                    result: None,
                    overridden: None,
                });
            }
            EventKind::CommandFinished { step, item, result } => {
                match self.runs.iter_mut().rev().find(|r| r.step == *step && r.item == *item && r.result.is_none()) {
                    Some(run) => run.result = Some(result.clone()),
                    // A command that was not run (a drill's mutating one) has no start.
                    None => self.runs.push(super::Run {
                        step: *step,
                        item: *item,
                        argv: Vec::new(),
                        result: Some(result.clone()),
                        overridden: None,
                    }),
                }
            }
            EventKind::CheckOverridden { step, item, reason } => {
                if let Some(run) = self.runs.iter_mut().rev().find(|r| r.step == *step && r.item == *item) {
                    run.overridden = Some(reason.clone());
                }
            }
            EventKind::FollowedUp { item, done } => self.followups.push((item.clone(), *done)),
            EventKind::Paused => self.pauses.open(e.t_ms),
            EventKind::Resumed => self.pauses.close(e.t_ms),
            EventKind::Handoff { handed: role, to, .. } => self.roles.set(*role, to),
            EventKind::Reopened { interrupted_ms, .. } => self.pauses.gap(*interrupted_ms, e.t_ms),
            EventKind::Debriefed(d) => self.debrief = Some(d.clone()),
            EventKind::Finished => {
                self.pauses.close(e.t_ms);
                self.finished_ms = Some(e.t_ms);
            }
        }
        self.events.push(e.clone());
    }

    /// Checking an item can say more than "done": naming the live release
    /// (a KPI), redeploying the known-good release, turning a flag off.
    fn toggled(&mut self, e: &Event, step: StepKind, item: usize, checked: bool) {
        if let Some(c) = self.steps.iter_mut().find(|s| s.plan.kind == step).and_then(|s| s.checked.get_mut(item)) {
            *c = checked;
        }
        match step {
            StepKind::Trigger if item == self.spec.name_live_item && checked => {
                self.named_live_ms.get_or_insert(e.t_ms);
                if self.live_named.is_none() {
                    self.live_named = Some((self.spec.live.clone(), e.t_ms));
                }
            }
            StepKind::Revert if item == 0 && checked && self.reverted_to.is_none() => {
                self.reverted_to = Some((self.spec.known_good.clone(), e.t_ms));
            }
            StepKind::DisableFlags => {
                if let Some(f) = self.flags.get_mut(item) {
                    match (checked, f.state) {
                        (true, FlagState::Untouched | FlagState::Restored) => {
                            f.state = FlagState::Off;
                            f.by = e.role;
                            f.at = Some(e.at);
                        }
                        (false, FlagState::Off) => {
                            f.state = FlagState::Untouched;
                            f.by = None;
                            f.at = None;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn start_next(&mut self, t_ms: u64) {
        if let Some(s) = self.steps.iter_mut().find(|s| s.status == StepStatus::Pending) {
            s.status = StepStatus::Active;
            s.started_ms = Some(t_ms);
        }
    }
}
