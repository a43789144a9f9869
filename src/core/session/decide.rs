//! The rules: whether a command is allowed now, and the event it makes.
//! Every rule reads item meanings, never indexes.

use super::aftermath::checked_debrief;
use super::notes::{backdated, promised_next, release_id};
use super::{Command, Session, SessionError, StepState};
use crate::core::command::{RunEnd, RunResult};
use crate::core::event::{EventKind, Mode, Stamp};
use crate::core::incident::FlagState;
use crate::core::plan::StepKind;
use crate::core::roles::Role;

pub(super) type Decided = Result<(Option<Role>, EventKind), SessionError>;

impl Session {
    pub(super) fn decide(&self, command: Command, stamp: Stamp) -> Decided {
        if let Some(last) = self.events.last()
            && stamp.t_ms < last.t_ms
        {
            return Err(SessionError::TimeWentBackwards { given: stamp.t_ms, last: last.t_ms });
        }
        self.in_time(&command)?;
        if let Command::Start(roles) = command {
            if self.started_at.is_some() {
                return Err(SessionError::AlreadyStarted);
            }
            roles.validate(self.mode == Mode::Incident)?;
            return Ok((None, EventKind::Started { roles: Box::new(roles) }));
        }
        let Some(started_at) = self.started_at else { return Err(SessionError::NotStarted) };
        match command {
            Command::Start(_) => Err(SessionError::AlreadyStarted),
            Command::ToggleItem(item) => self.toggle(item),
            Command::CompleteStep { leave_unchecked, leave_flags_off } => {
                let step = self.running_step()?;
                let open: Vec<usize> = step.checked.iter().enumerate().filter(|(_, c)| !**c).map(|(i, _)| i).collect();
                if !open.is_empty() && !leave_unchecked {
                    return Err(SessionError::Unchecked(open));
                }
                self.flags_settled_before_leaving(step, leave_flags_off)?;
                Ok((Some(step.plan.owner), EventKind::StepCompleted { step: step.plan.kind, left_unchecked: open }))
            }
            Command::SkipStep(reason) => {
                let step = self.running_step()?;
                let reason = non_empty(reason, "the reason")?;
                self.flags_settled_before_leaving(step, true)?;
                Ok((Some(step.plan.owner), EventKind::StepSkipped { step: step.plan.kind, reason }))
            }
            Command::Undo => self.undo(),
            Command::AddNote(text) => {
                let text = non_empty(text, "the note")?;
                let (text, happened_at) = match backdated(&text, stamp.at, started_at)? {
                    Some((at, text)) => (text, Some(at)),
                    None => (text, None),
                };
                Ok((None, EventKind::NoteAdded { text, happened_at }))
            }
            Command::PostStatus(text) => {
                let text = non_empty(text, "the update")?;
                let next_at = promised_next(&text, stamp.at);
                Ok((Some(Role::Communicator), EventKind::StatusPosted { text, next_at }))
            }
            Command::RecordDelivery { seq, delivered, detail } => {
                Ok((Some(Role::Communicator), EventKind::UpdateDelivered { update: seq, delivered, detail }))
            }
            Command::StartCommand { item, shown_argv, live_commands } => {
                self.start_command(item, shown_argv, live_commands)
            }
            Command::FinishCommand { step, item, result } => {
                let owner = self.steps.iter().find(|s| s.plan.kind == step).map(|s| s.plan.owner);
                Ok((owner, EventKind::CommandFinished { step, item, result: Box::new(result) }))
            }
            Command::OverrideCheck { item, reason } => {
                let step = self.active_step()?;
                step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: step.plan.kind, item })?;
                let reason = non_empty(reason, "the reason")?;
                Ok((Some(Role::Verifier), EventKind::CheckOverridden { step: step.plan.kind, item, reason }))
            }
            Command::FollowUp { item, done } => Ok((None, EventKind::FollowedUp { item, done })),
            Command::RotateSecret { name, applied } => {
                crate::core::secrets::check(&name, &applied)?;
                Ok((None, EventKind::SecretRotated { name: name.trim().to_owned(), applied }))
            }
            Command::Decide(decision) => Ok((Some(Role::Driver), EventKind::Decided { decision })),
            Command::NameLive(release) => {
                Ok((Some(Role::Driver), EventKind::LiveNamed { release: release_id(&release)? }))
            }
            Command::RevertTo(release) => {
                Ok((Some(Role::Driver), EventKind::RevertedTo { release: release_id(&release)? }))
            }
            Command::TurnFlagOff(index) => self.turn_flag_off(index),
            Command::SettleFlag { index, waive } => self.settle_flag(index, waive),
            Command::Pause => match (self.mode, self.is_paused()) {
                (Mode::Incident, _) => Err(SessionError::PauseInIncident),
                (_, true) => Err(SessionError::AlreadyPaused),
                _ => Ok((None, EventKind::Paused)),
            },
            Command::Resume if self.is_paused() => Ok((None, EventKind::Resumed)),
            Command::Resume => Err(SessionError::NotPaused),
            Command::Handoff(role, to) => self.handoff(role, to),
            Command::Reopen { alive_at } => self.reopen(alive_at, stamp),
            Command::CloseAction { .. } | Command::ExportAction { .. } => self.keep_action(command),
            Command::FireInject(i) | Command::AckInject(i) => self.inject_command(&command, i, stamp.t_ms),
            Command::StopEarly if self.stopped_ms.is_some() || self.steps_finished() => Err(SessionError::NoActiveStep),
            Command::StopEarly => Ok((None, EventKind::StoppedEarly)),
            // A session that ends early is debriefed too.
            Command::Debrief(d) => Ok((None, EventKind::Debriefed(checked_debrief(d, self.started_at)?))),
            Command::Finish => {
                let left = self.flags_left_off();
                if self.mode == Mode::Drill && !left.is_empty() {
                    return Err(SessionError::FlagsLeftOff(left));
                }
                Ok((None, EventKind::Finished))
            }
        }
    }

    /// The gap of an interruption runs from the last sign of life (the
    /// heartbeat, else the last event), never past now.
    fn reopen(&self, alive_at: Option<chrono::DateTime<chrono::Utc>>, stamp: Stamp) -> Decided {
        let last = self.events.last().ok_or(SessionError::NotStarted)?;
        let died = alive_at.map_or(last.at, |a| a.clamp(last.at, stamp.at.max(last.at)));
        let alive_ms = u64::try_from((died - last.at).num_milliseconds()).unwrap_or(0);
        let interrupted_ms = last.t_ms.saturating_add(alive_ms).min(stamp.t_ms);
        Ok((None, EventKind::Reopened { interrupted_at: died, interrupted_ms }))
    }

    /// A kill switch may go off at any step (DOMAIN.md: often the first move).
    fn turn_flag_off(&self, index: usize) -> Decided {
        let flag = self.flags.get(index).ok_or(SessionError::FlagNotOff)?;
        if flag.state == FlagState::Off {
            return Err(SessionError::FlagAlreadyOff);
        }
        self.flag_not_stuck(index)?;
        let kind = EventKind::FlagChanged { flag: flag.name.clone(), state: FlagState::Off, reason: None };
        Ok((Some(Role::Driver), kind))
    }

    /// A shown inject card may keep kill switch `index` from going off.
    fn flag_not_stuck(&self, index: usize) -> Result<(), SessionError> {
        match (self.flag_stuck_by(index), self.flags.get(index)) {
            (Some(card), Some(flag)) => Err(SessionError::FlagStuck {
                flag: flag.name.clone(),
                card: self.injects.get(card).map(|c| c.title.clone()).unwrap_or_default(),
            }),
            _ => Ok(()),
        }
    }

    /// Checking asks for more where the item's meaning says so: the
    /// release it names, or a passed check. Unchecking is always allowed.
    fn toggle(&self, item: usize) -> Decided {
        let step = self.active_step()?;
        let kind = step.plan.kind;
        let spec = step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: kind, item })?;
        let checked = step.checked.get(item).copied().unwrap_or(false);
        if !checked {
            if spec.meaning.names_release() {
                return Err(SessionError::ReleaseNeeded(spec.meaning));
            }
            let expect = spec.command.as_ref().and_then(|c| c.expect.as_deref());
            // A drill's held-back command did not fail: a person may verify by hand.
            let failed = self.last_run(kind, item).is_some_and(|r| {
                r.overridden.is_none()
                    && r.result.as_ref().is_some_and(|res| res.end != RunEnd::NotRunInDrill && !res.passed(expect))
            });
            let forced = self.failed_by_card(kind, item).is_some()
                && self.last_run(kind, item).is_none_or(|r| r.overridden.is_none());
            if let crate::core::plan::Meaning::Flag(f) = spec.meaning
                && self.flags.get(f).is_some_and(|fl| fl.state != FlagState::Off)
            {
                self.flag_not_stuck(f)?;
            }
            if spec.meaning.is_verification() && (failed || forced) {
                return Err(SessionError::CheckFailed { item });
            }
        }
        Ok((Some(step.plan.owner), EventKind::ItemToggled { step: kind, item, checked: !checked }))
    }

    /// Leaving the verify step with kill switches this session turned off
    /// and not yet restored or waived: a drill refuses, an incident asks.
    fn flags_settled_before_leaving(&self, step: &StepState, confirmed: bool) -> Result<(), SessionError> {
        let left = self.flags_left_off();
        if step.plan.kind != StepKind::Verify || left.is_empty() {
            return Ok(());
        }
        match self.mode {
            Mode::Drill => Err(SessionError::FlagsLeftOff(left)),
            Mode::Incident if !confirmed => Err(SessionError::FlagsStillOff(left)),
            Mode::Incident => Ok(()),
        }
    }

    /// The last step transition may be undone while nothing is recorded in
    /// the step that followed.
    fn undo(&self) -> Decided {
        let mut recorded_since = false;
        for e in self.events.iter().rev() {
            match &e.kind {
                EventKind::StepCompleted { .. } | EventKind::StepSkipped { .. } if recorded_since => {
                    return Err(SessionError::UndoTooLate);
                }
                EventKind::StepCompleted { step, .. } | EventKind::StepSkipped { step, .. } => {
                    return Ok((None, EventKind::Undone { step: *step }));
                }
                EventKind::Undone { .. } | EventKind::Started { .. } => return Err(SessionError::NothingToUndo),
                EventKind::ItemToggled { .. }
                | EventKind::CommandStarted { .. }
                | EventKind::CommandFinished { .. }
                | EventKind::CheckOverridden { .. }
                | EventKind::LiveNamed { .. }
                | EventKind::RevertedTo { .. }
                | EventKind::FlagChanged { .. }
                | EventKind::Debriefed(_) => recorded_since = true,
                _ => {}
            }
        }
        Err(SessionError::NothingToUndo)
    }

    fn start_command(&self, item: usize, shown_argv: Vec<String>, live_commands: bool) -> Decided {
        let step = self.active_step()?;
        let kind = step.plan.kind;
        let spec = step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: kind, item })?;
        let command = spec.command.as_ref().ok_or(SessionError::NoCommand)?;
        if command.mutates && self.mode == Mode::Drill && !live_commands {
            let result = RunResult { end: RunEnd::NotRunInDrill, duration_ms: 0, tail: Vec::new(), output_bytes: 0 };
            return Ok((
                Some(step.plan.owner),
                EventKind::CommandFinished { step: kind, item, result: Box::new(result) },
            ));
        }
        let argv = if shown_argv.is_empty() { command.argv.clone() } else { shown_argv };
        Ok((Some(step.plan.owner), EventKind::CommandStarted { step: kind, item, argv }))
    }

    fn settle_flag(&self, index: usize, waive: Option<String>) -> Decided {
        let flag = self.flags.get(index).filter(|f| f.state == FlagState::Off).ok_or(SessionError::FlagNotOff)?;
        let (state, reason) = match waive {
            None => (FlagState::Restored, None),
            Some(r) => (FlagState::Waived, Some(non_empty(r, "the reason")?)),
        };
        Ok((Some(Role::Driver), EventKind::FlagChanged { flag: flag.name.clone(), state, reason }))
    }

    /// A role changes hands, within the role rule.
    fn handoff(&self, role: Role, to: String) -> Decided {
        let to = non_empty(to, "the new holder")?;
        let mut next = self.roles.clone();
        next.set(role, &to);
        next.validate(self.mode == Mode::Incident)?;
        let from = self.roles.holder(role).to_owned();
        Ok((Some(role), EventKind::Handoff { handed: role, from, to: next.holder(role).to_owned() }))
    }

    fn active_step(&self) -> Result<&StepState, SessionError> {
        self.active().map(|i| &self.steps[i]).ok_or(SessionError::NoActiveStep)
    }

    fn running_step(&self) -> Result<&StepState, SessionError> {
        let step = self.active_step()?;
        if self.is_paused() { Err(SessionError::IsPaused) } else { Ok(step) }
    }
}

pub(super) fn non_empty(text: String, what: &'static str) -> Result<String, SessionError> {
    if text.trim().is_empty() { Err(SessionError::Empty(what)) } else { Ok(text) }
}
