//! The rules: whether a command is allowed now, and the event it makes.
//! Every rule reads item meanings, never indexes.

use super::aftermath::checked_debrief;
use super::errors::{Decided, non_empty};
use super::notes::{backdated, promised_next, release_id};
use super::{Command, Session, SessionError, StepState};
use crate::event::{EventKind, Stamp};
use crate::vocab::{Mode, Role, StepKind};

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
            // The plan as derived now goes into the record whole (format 3).
            let plan = Some(self.steps.iter().map(|s| s.plan.clone()).collect());
            return Ok((None, EventKind::Started { roles: Box::new(roles), plan }));
        }
        let Some(started_at) = self.started_at else { return Err(SessionError::NotStarted) };
        match command {
            Command::Start(_) => Err(SessionError::AlreadyStarted),
            Command::ToggleItem(item) => self.toggle(item),
            Command::UncheckItem { item, reason } => self.uncheck(item, reason),
            Command::CompleteStep { leave_unchecked, leave_flags_off } => {
                self.complete_step(leave_unchecked, leave_flags_off)
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
            Command::StartCommand { item, shown_argv } => self.start_command(item, shown_argv),
            Command::FinishCommand { step, item, result } => Ok(self.finish_command(step, item, result)),
            Command::KeepOutput { step, item, lines } => self.keep_output(step, item, lines),
            Command::OverrideCheck { item, reason } => self.override_check(item, reason),
            Command::FollowUp { item, done } => Ok((None, EventKind::FollowedUp { item, done })),
            Command::Decide(_) | Command::ChangeDecision(_) | Command::SetSeverity(_) => self.choose(&command),
            Command::RecordReading { sensor, result } => self.record_reading(sensor, result),
            Command::FinishSwitchCommand { index, action, result } => self.finish_switch(index, action, result),
            Command::RotateSecret { name, applied } => {
                crate::secrets::check(&name, &applied)?;
                Ok((None, EventKind::SecretRotated { name: name.trim().into(), applied: applied.into() }))
            }
            Command::NameLive(release) => {
                Ok((Some(Role::Driver), EventKind::LiveNamed { release: release_id(&release)? }))
            }
            Command::RevertTo(release) => {
                Ok((Some(Role::Driver), EventKind::RevertedTo { release: release_id(&release)? }))
            }
            Command::TurnFlagOff(index) => self.turn_flag_safe(index),
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

    /// A decision or a severity: a first decision is taken at once; one
    /// taken is changed only by `ChangeDecision` (confirmed), so a stray
    /// key changes nothing; asking for what is already so is refused.
    fn choose(&self, command: &Command) -> Decided {
        match *command {
            Command::Decide(decision) => match self.decision {
                Some((from, _)) if from == decision => Err(SessionError::AlreadyDecided(decision)),
                Some((from, _)) => Err(SessionError::DecisionChange { from, to: decision }),
                None => Ok((Some(Role::Driver), EventKind::Decided { decision, plan: self.recorded_plan(decision) })),
            },
            Command::ChangeDecision(decision) if self.decision.is_some_and(|(d, _)| d == decision) => {
                Err(SessionError::AlreadyDecided(decision))
            }
            Command::ChangeDecision(decision) => {
                Ok((Some(Role::Driver), EventKind::Decided { decision, plan: self.recorded_plan(decision) }))
            }
            Command::SetSeverity(severity) if self.severity == Some(severity) => Err(SessionError::SameSeverity),
            Command::SetSeverity(severity) => Ok((None, EventKind::SeveritySet { severity })),
            _ => Err(SessionError::NoActiveStep),
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

    /// A shown inject card may keep kill switch `index` from going off.
    pub(super) fn flag_not_stuck(&self, index: usize) -> Result<(), SessionError> {
        match (self.flag_stuck_by(index), self.flags.get(index)) {
            (Some(card), Some(flag)) => Err(SessionError::FlagStuck {
                flag: flag.name.clone(),
                card: self.injects.get(card).map(|c| c.title.clone()).unwrap_or_default(),
            }),
            _ => Ok(()),
        }
    }

    /// Completing the running step: open items other than cautions need
    /// `leave_unchecked`; all open items are recorded as left unchecked.
    fn complete_step(&self, leave_unchecked: bool, leave_flags_off: bool) -> Decided {
        let step = self.running_step()?;
        let open: Vec<usize> = step.checked.iter().enumerate().filter(|(_, c)| !**c).map(|(i, _)| i).collect();
        // A caution is read, never done: leaving it unchecked needs no "are you sure".
        let undone: Vec<usize> = open
            .iter()
            .copied()
            .filter(|i| step.plan.items.get(*i).is_some_and(|it| it.meaning != crate::plan::Meaning::Caution))
            .collect();
        if !undone.is_empty() && !leave_unchecked {
            return Err(SessionError::Unchecked(undone));
        }
        self.flags_settled_before_leaving(step, leave_flags_off)?;
        Ok((Some(step.plan.owner), EventKind::StepCompleted { step: step.plan.kind, left_unchecked: open }))
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

    /// A role changes hands, within the role rule.
    fn handoff(&self, role: Role, to: String) -> Decided {
        let to = non_empty(to, "the new holder")?;
        let mut next = self.roles.clone();
        next.set(role, &to);
        next.validate(self.mode == Mode::Incident)?;
        let from = self.roles.holder(role).to_owned();
        Ok((Some(role), EventKind::Handoff { handed: role, from: from.into(), to: next.holder(role).into() }))
    }

    pub(super) fn active_step(&self) -> Result<&StepState, SessionError> {
        self.active().map(|i| &self.steps[i]).ok_or(SessionError::NoActiveStep)
    }

    fn running_step(&self) -> Result<&StepState, SessionError> {
        let step = self.active_step()?;
        if self.is_paused() { Err(SessionError::IsPaused) } else { Ok(step) }
    }
}
