//! Kill switches that run: `o` runs a switch's `safe_command` and `r` its
//! `restore_command` (a dry drill rehearses them: shown, not run); without
//! a command the key press is recorded as a claim. After each change the
//! switch's `state_command` reads it back, and the ledger shows what it
//! read. Also what a release probe's answer does to step 3.

use super::errors::{Decided, non_empty};
use super::{Session, SessionError};
use crate::command::{RunEnd, RunResult};
use crate::event::{Event, EventKind};
use crate::evidence::Evidence;
use crate::vocab::{Decision, FlagState, Role, StepKind, SwitchAction};

use crate::plan::Meaning;

use crate::switch::SwitchRead;

/// The result recorded for a switch command a dry drill did not run.
fn not_run() -> RunResult {
    RunResult { end: RunEnd::NotRunInDrill, duration_ms: 0, tail: Vec::new(), output_bytes: 0 }
}

impl Session {
    /// Puts kill switch `index` in its safe state, at any step (often the
    /// first move: docs/domain.md, "The five steps", step 4): its command runs,
    /// or the press is a claim.
    pub(super) fn turn_flag_safe(&self, index: usize) -> Decided {
        let flag = self.flags.get(index).ok_or(SessionError::FlagNotOff)?;
        if flag.state == FlagState::Safe {
            return Err(SessionError::FlagAlreadyOff);
        }
        if flag.running.is_some() {
            return Err(SessionError::SwitchBusy(flag.name.clone()));
        }
        self.flag_not_stuck(index)?;
        let claim = EventKind::FlagChanged { flag: flag.name.as_str().into(), state: FlagState::Safe, reason: None };
        Ok((Some(Role::Driver), self.switch_command(index, SwitchAction::Safe).unwrap_or(claim)))
    }

    /// Restores kill switch `index` (its command runs, or the press is a
    /// claim) or leaves it safe with a reason.
    pub(super) fn settle_flag(&self, index: usize, waive: Option<String>) -> Decided {
        let flag = self.flags.get(index).filter(|f| f.state == FlagState::Safe).ok_or(SessionError::FlagNotOff)?;
        if flag.running.is_some() {
            return Err(SessionError::SwitchBusy(flag.name.clone()));
        }
        let kind = match waive {
            Some(r) => EventKind::FlagChanged {
                flag: flag.name.as_str().into(),
                state: FlagState::Waived,
                reason: Some(non_empty(r, "the reason")?.into()),
            },
            None => self.switch_command(index, SwitchAction::Restore).unwrap_or(EventKind::FlagChanged {
                flag: flag.name.as_str().into(),
                state: FlagState::Restored,
                reason: None,
            }),
        };
        Ok((Some(Role::Driver), kind))
    }

    /// The event that runs switch `index`'s command for `action`, when the
    /// runbook gives one: started, or (a dry drill) finished as not run.
    fn switch_command(&self, index: usize, action: SwitchAction) -> Option<EventKind> {
        let slot = match action {
            SwitchAction::Safe => 0,
            SwitchAction::Restore => 1,
        };
        let argv = self.spec.switch_commands.get(index)?[slot].clone()?;
        let flag: Box<str> = self.flags.get(index)?.name.as_str().into();
        Some(if self.live_commands {
            EventKind::SwitchCommandStarted { flag, action, argv: argv.into() }
        } else {
            EventKind::SwitchCommandFinished { flag, action, result: Box::new(not_run()) }
        })
    }

    /// Records how switch `index`'s running command ended.
    pub(super) fn finish_switch(&self, index: usize, action: SwitchAction, result: RunResult) -> Decided {
        let flag = self.flags.get(index).filter(|f| f.running == Some(action)).ok_or(SessionError::NoCommand)?;
        Ok((
            Some(Role::Driver),
            EventKind::SwitchCommandFinished { flag: flag.name.as_str().into(), action, result: Box::new(result) },
        ))
    }

    /// Folds a switch command's start: a drill that runs it is live-fire.
    pub(super) fn switch_started(&mut self, name: &str, action: SwitchAction, argv: &[String]) {
        self.live_fire = true;
        if let Some(f) = self.flags.iter_mut().find(|f| f.name == name) {
            f.running = Some(action);
            argv.clone_into(&mut f.running_argv);
        }
    }

    /// Folds a switch command's end: a pass changes the ledger (measured);
    /// a dry drill's is rehearsed; a failure changes nothing but is kept.
    pub(super) fn switch_finished(&mut self, name: &str, action: SwitchAction, result: &RunResult, e: &Event) {
        let Some(index) = self.flags.iter().position(|f| f.name == name) else { return };
        let argv = std::mem::take(&mut self.flags[index].running_argv);
        self.flags[index].running = None;
        let evidence = match &result.end {
            RunEnd::NotRunInDrill => Evidence::Rehearsed { role: e.role, at: e.at },
            end if end.passed() => Evidence::Measured { command: argv, end: end.clone(), at: e.at },
            end => {
                self.flags[index].failed = Some((action, end.clone()));
                let which = if action == SwitchAction::Safe { "safe" } else { "restore" };
                self.acted(e, format!("{name} {which} command {}", end.label()));
                return;
            }
        };
        match action {
            SwitchAction::Safe => self.flag_set_safe(index, evidence, e),
            SwitchAction::Restore => {
                self.acted_as(e, &format!("{name} restored"), &evidence);
                let f = &mut self.flags[index];
                f.state = FlagState::Restored;
                f.by = e.role;
                f.at = Some(e.at);
                f.evidence = Some(evidence);
                f.failed = None;
            }
        }
    }

    /// Folds a switch's read-back.
    pub(super) fn switch_read(&mut self, name: &str, result: &RunResult, value: Option<&str>, e: &Event) {
        let argv = match &e.kind {
            EventKind::SensorRead(r) => r.argv.clone(),
            _ => Vec::new(),
        };
        if let Some(f) = self.flags.iter_mut().find(|f| f.name == name) {
            f.read = Some(SwitchRead {
                state: value.map(str::to_owned),
                at: e.at,
                t_ms: e.t_ms,
                end: result.end.clone(),
                argv,
            });
        }
    }

    /// Puts flag `index` in its safe state with `evidence`; its item in
    /// the disable-flags step shows as done while that step is open.
    pub(super) fn flag_set_safe(&mut self, index: usize, evidence: Evidence, e: &Event) {
        let Some(f) = self.flags.get_mut(index) else { return };
        f.set_safe(e.role, e.at, e.t_ms, evidence.clone());
        let what = format!("{} set to safe ({})", f.name, f.safe);
        self.acted_as(e, &what, &evidence);
        let step = self.steps.iter().find(|s| s.plan.kind == StepKind::DisableFlags);
        let open = step.is_some_and(|s| matches!(s.status, super::StepStatus::Pending | super::StepStatus::Active));
        if let Some(item) = step.and_then(|s| s.plan.find(Meaning::Flag(index)))
            && open
        {
            self.mark(StepKind::DisableFlags, item, evidence, e.t_ms);
        }
    }

    /// A probe answer that reads the release step 3 aims for, while step 3
    /// runs a roll back, checks its redeploy item: production was measured
    /// on the known-good release.
    pub(super) fn probe_read(&mut self, value: Option<&str>, e: &Event) {
        let Some(release) = value else { return };
        let decision = self.decision.map_or(Decision::RollBack, |d| d.0);
        let Some(i) = self.active() else { return };
        let step = &self.steps[i];
        if decision != Decision::RollBack || step.plan.kind != StepKind::Revert || release != self.spec.known_good {
            return;
        }
        let Some(item) = step.plan.find(Meaning::Redeploy) else { return };
        if step.checked.get(item).copied().unwrap_or(true) {
            return;
        }
        let evidence = match &e.kind {
            EventKind::SensorRead(r) => {
                Evidence::Measured { command: r.argv.clone(), end: r.result.end.clone(), at: e.at }
            }
            _ => return,
        };
        self.reverted_to = Some((release.to_owned(), e.t_ms));
        self.mark(StepKind::Revert, item, evidence, e.t_ms);
    }
}
