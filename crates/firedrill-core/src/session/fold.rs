//! Folding one event into the state. Events are trusted here: they were
//! checked when applied, or come from a journal written that way. What an
//! event implies (a named release checks its item, a passing check ticks
//! its item) is decided here by item meaning, so replay equals live.

use super::notes::promised_next;
use super::{Kept, PostedUpdate, Run, Session, StepState, StepStatus};
use crate::command::{RunEnd, RunResult};
use crate::event::{Event, EventKind};
use crate::evidence::Evidence;
use crate::plan::Meaning;
use crate::vocab::{FlagState, StepKind};

impl Session {
    pub(super) fn fold(&mut self, event: Event) {
        self.fold_ref(&event, self.events.len());
        self.events.push(event);
    }

    /// Folds `e`, the event that will be `events[at]`, into the state
    /// without recording it. It reads `events` only below `at`: live they
    /// are all there is, while a replay already holds the ones after it
    /// (`Session::replay_onto`), which the fold must never see.
    pub(super) fn fold_ref(&mut self, e: &Event, at: usize) {
        match &e.kind {
            EventKind::Started { roles, plan } => {
                // The plan the journal recorded, never today's derivation.
                if let Some(plan) = plan {
                    self.steps = plan.iter().cloned().map(StepState::new).collect();
                }
                self.roles = (**roles).clone();
                self.started_at = Some(e.at);
                self.start_next(e.t_ms);
            }
            EventKind::ItemToggled { step, item, id, checked, .. } => {
                let item = self.item_index(*step, *item, id.as_deref());
                let evidence = checked.then(|| self.claim(*step, item, e));
                self.set_checked(*step, item, evidence, e);
            }
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
            EventKind::NoteAdded { .. } => {
                self.notes.push(super::position(at));
                self.feed.add(&self.events, e, at);
            }
            EventKind::StatusPosted { text, next_at } => {
                // Journals before the promise was recorded: read it from the text.
                let next_at = next_at.or_else(|| promised_next(text, e.at));
                self.updates.push(PostedUpdate { next_at, ..entry(e, at) });
                self.feed.add(&self.events, e, at);
            }
            EventKind::UpdateDelivered { update, delivered, detail } => self.delivered(*update, *delivered, detail),
            EventKind::Decided { decision, plan } => self.decided(*decision, plan.as_deref()),
            EventKind::LiveNamed { release } => self.live_named(release, e),
            EventKind::RevertedTo { release } => {
                self.reverted_to = Some((release.clone(), e.t_ms));
                // Said by a key press: the action's words say so wherever
                // they go (a measured figure's "after", a status draft).
                let evidence = Evidence::Claimed { role: e.role, at: e.at };
                self.acted_as(e, &format!("production moved to {release}"), &evidence);
                self.check_where(|m| matches!(m, Meaning::Redeploy | Meaning::ShipPatch), evidence, e);
            }
            EventKind::FlagChanged { flag, state, reason } => {
                self.flag_changed(flag, *state, reason.as_deref().map(str::to_owned), e);
            }
            EventKind::CommandStarted { step, item, id, argv } => {
                self.command_started(*step, self.item_index(*step, *item, id.as_deref()), argv);
            }
            EventKind::CommandFinished { step, item, id, result } => {
                self.command_finished(*step, self.item_index(*step, *item, id.as_deref()), result, e);
            }
            EventKind::CommandOutput { step, item, id, lines } => {
                self.output_kept(*step, self.item_index(*step, *item, id.as_deref()), lines);
            }
            EventKind::CheckOverridden { step, item, id, reason } => {
                self.check_overridden(*step, self.item_index(*step, *item, id.as_deref()), reason, e);
            }
            EventKind::SensorRead(r) => {
                self.sensor_read(&r.sensor, &r.result, r.value.as_deref(), e, at);
            }
            EventKind::SwitchCommandStarted { flag, action, argv } => self.switch_started(flag, *action, argv),
            EventKind::SwitchCommandFinished { flag, action, result } => {
                self.switch_finished(flag, *action, result, e);
            }
            EventKind::SeveritySet { severity } => self.severity = Some(*severity),
            EventKind::FollowedUp { item, done } => self.followups.push((item.clone(), *done)),
            EventKind::Paused => self.pauses.open(e.t_ms),
            EventKind::Resumed => self.pauses.close(e.t_ms),
            EventKind::Handoff { handed: role, to, .. } => self.roles.set(*role, to),
            EventKind::Reopened { interrupted_at, interrupted_ms } => {
                self.pauses.gap(*interrupted_ms, e.t_ms);
                self.runs_interrupted(*interrupted_at);
                // A switch command cut short by the interruption is never run again unasked.
                for f in &mut self.flags {
                    if let Some(action) = f.running.take() {
                        f.failed = Some((action, RunEnd::Interrupted));
                    }
                }
            }
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

    /// A command started: a drill that runs one that changes a system is live-fire.
    fn command_started(&mut self, step: StepKind, item: usize, argv: &[String]) {
        let mutates = self.step(step).and_then(|s| s.plan.items.get(item)).and_then(|i| i.command.as_ref());
        self.live_fire |= mutates.is_some_and(|c| c.mutates);
        self.runs.push(Run {
            step,
            item,
            argv: argv.to_vec(),
            result: None,
            overridden: None,
            expect: None,
            overruled_by: None,
            kept: Kept::default(),
        });
    }

    /// The verifier accepted a failed check with a reason: it counts as
    /// checked, and as an accepted failure.
    fn check_overridden(&mut self, step: StepKind, item: usize, reason: &str, e: &Event) {
        match self.runs.iter_mut().rev().find(|r| r.step == step && r.item == item) {
            Some(run) => run.overridden = Some(reason.to_owned()),
            // A check an inject made fail has no run: the reason is kept all the same.
            None => self.runs.push(Run {
                step,
                item,
                argv: Vec::new(),
                result: None,
                overridden: Some(reason.to_owned()),
                expect: None,
                overruled_by: self.failed_by_card(step, item),
                kept: Kept::default(),
            }),
        }
        self.set_checked_if_active(step, item, Evidence::Claimed { role: e.role, at: e.at }, e);
    }

    /// How the record knows a person's tick of item `item`: a claim, or a
    /// rehearsal when its command was held back by a dry drill.
    /// Records how status update `update` (its event's `seq`) was delivered.
    fn delivered(&mut self, update: u64, delivered: bool, detail: &str) {
        // Updates are in journal order: found by halving, however many.
        let found = self.updates.binary_search_by_key(&update, |u| u.seq).ok();
        if let Some(u) = found.and_then(|i| self.updates.get_mut(i)) {
            u.delivery = Some(Box::new((delivered, detail.to_owned())));
        }
    }

    fn claim(&self, step: StepKind, item: usize, e: &Event) -> Evidence {
        let held =
            self.last_run(step, item).and_then(|r| r.result.as_ref()).is_some_and(|r| r.end == RunEnd::NotRunInDrill);
        if held { Evidence::Rehearsed { role: e.role, at: e.at } } else { Evidence::Claimed { role: e.role, at: e.at } }
    }

    /// The live release was named: measured when a probe answer read that
    /// very release before (the time named is then the probe's), a claim
    /// when typed with nothing to confirm it.
    fn live_named(&mut self, release: &str, e: &Event) {
        let (t_ms, evidence) = self.naming(release, e);
        self.live_named = Some((release.to_owned(), t_ms));
        self.check_where(|m| m == Meaning::NameLive, evidence, e);
    }

    /// A command ended: its result is kept as it came; a pass checks its
    /// item (measured), unless a shown inject card overrules it.
    fn command_finished(&mut self, step: StepKind, item: usize, result: &RunResult, e: &Event) {
        // A shown card overrules what a check or the probe says: kept, and marked.
        let overruled_by = self.failed_by_card(step, item);
        let spec = self.step(step).and_then(|s| s.plan.items.get(item)).cloned();
        let expect = spec.as_ref().and_then(|s| s.command.as_ref()).and_then(|c| c.expect.clone());
        let open = self.runs.iter_mut().rev().find(|r| r.step == step && r.item == item && r.result.is_none());
        let argv = if let Some(run) = open {
            run.result = Some(result.clone());
            run.overruled_by = overruled_by;
            run.expect.clone_from(&expect);
            run.argv.clone()
        } else {
            // A command that was not run (a drill's mutating one) has no start.
            self.runs.push(Run {
                step,
                item,
                argv: Vec::new(),
                result: Some(result.clone()),
                overridden: None,
                expect,
                overruled_by,
                kept: Kept::default(),
            });
            Vec::new()
        };
        let Some(spec) = spec else { return };
        let command = spec.command.as_ref();
        // A command held back by a dry drill changed nothing: no sensor reads again for it.
        if result.end != RunEnd::NotRunInDrill && (command.is_some_and(|c| c.mutates) || step == StepKind::Revert) {
            let ran = crate::command::show_argv(&argv);
            self.acted(e, format!("{} {}", if ran.is_empty() { spec.text.clone() } else { ran }, result.end.label()));
        }
        if overruled_by.is_none()
            && !spec.meaning.names_release()
            && result.passed(command.and_then(|c| c.expect.as_deref()))
        {
            let evidence = Evidence::Measured { command: argv, end: result.end.clone(), at: e.at };
            self.set_checked_if_active(step, item, evidence, e);
        }
    }

    pub(super) fn step_mut(&mut self, kind: StepKind) -> Option<&mut StepState> {
        self.steps.iter_mut().find(|s| s.plan.kind == kind)
    }

    /// A change of the ledger without a command: a claim by whoever pressed.
    fn flag_changed(&mut self, name: &str, state: FlagState, reason: Option<String>, e: &Event) {
        let Some(index) = self.flags.iter().position(|f| f.name == name) else { return };
        let evidence = Evidence::Claimed { role: e.role, at: e.at };
        if state == FlagState::Safe {
            self.flag_set_safe(index, evidence, e);
            return;
        }
        let what = match state {
            FlagState::Restored => "restored",
            FlagState::Waived => "left safe (waived)",
            FlagState::Safe | FlagState::Untouched => "changed",
        };
        self.acted_as(e, &format!("{name} {what}"), &evidence);
        let f = &mut self.flags[index];
        f.state = state;
        f.by = e.role;
        f.at = Some(e.at);
        f.reason = reason;
        f.evidence = Some(evidence);
    }
}

fn entry(e: &Event, event: usize) -> PostedUpdate {
    PostedUpdate { at: e.at, t_ms: e.t_ms, event, next_at: None, seq: e.seq, delivery: None }
}
