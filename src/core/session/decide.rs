//! The rules: whether a command is allowed now, and the event it makes.

use super::{Command, Session, SessionError, StepState, non_empty};
use crate::core::event::{EventKind, Mode, Stamp};
use crate::core::incident::FlagState;
use crate::core::roles::Role;

impl Session {
    pub(super) fn decide(&self, command: Command, stamp: Stamp) -> Result<(Option<Role>, EventKind), SessionError> {
        if let Some(last) = self.events.last()
            && stamp.t_ms < last.t_ms
        {
            return Err(SessionError::TimeWentBackwards { given: stamp.t_ms, last: last.t_ms });
        }
        // A delivery result may arrive after the finish; it is still the record.
        if self.finished_ms.is_some() && !matches!(command, Command::RecordDelivery { .. }) {
            return Err(SessionError::Finished);
        }
        if let Command::Start(roles) = command {
            if self.started_at.is_some() {
                return Err(SessionError::AlreadyStarted);
            }
            roles.validate(self.mode == Mode::Incident)?;
            return Ok((None, EventKind::Started { roles }));
        }
        if self.started_at.is_none() {
            return Err(SessionError::NotStarted);
        }
        match command {
            Command::Start(_) => Err(SessionError::AlreadyStarted),
            Command::ToggleItem(item) => {
                let step = self.active_step()?;
                let checked = *step.checked.get(item).ok_or(SessionError::NoSuchItem { step: step.plan.kind, item })?;
                Ok((Some(step.plan.owner), EventKind::ItemToggled { step: step.plan.kind, item, checked: !checked }))
            }
            Command::CompleteStep { leave_unchecked } => {
                let step = self.running_step()?;
                let open: Vec<usize> = step.checked.iter().enumerate().filter(|(_, c)| !**c).map(|(i, _)| i).collect();
                if !open.is_empty() && !leave_unchecked {
                    return Err(SessionError::Unchecked(open));
                }
                Ok((Some(step.plan.owner), EventKind::StepCompleted { step: step.plan.kind, left_unchecked: open }))
            }
            Command::SkipStep(reason) => {
                let step = self.running_step()?;
                let reason = non_empty(reason, "the reason")?;
                Ok((Some(step.plan.owner), EventKind::StepSkipped { step: step.plan.kind, reason }))
            }
            Command::AddNote(text) => {
                Ok((None, EventKind::NoteAdded { text: non_empty(text, "the note")?, happened_at: None }))
            }
            Command::AddNoteAt(text, at) => {
                Ok((None, EventKind::NoteAdded { text: non_empty(text, "the note")?, happened_at: Some(at) }))
            }
            Command::PostStatus(text) => {
                Ok((Some(Role::Communicator), EventKind::StatusPosted { text: non_empty(text, "the update")? }))
            }
            Command::RecordDelivery { seq, delivered, detail } => {
                Ok((Some(Role::Communicator), EventKind::UpdateDelivered { update: seq, delivered, detail }))
            }
            Command::StartCommand { item } => self.start_command(item),
            Command::FinishCommand { step, item, result } => {
                let owner = self.steps.iter().find(|s| s.plan.kind == step).map(|s| s.plan.owner);
                Ok((owner, EventKind::CommandFinished { step, item, result }))
            }
            Command::OverrideCheck { item, reason } => {
                let step = self.active_step()?;
                let reason = non_empty(reason, "the reason")?;
                Ok((Some(Role::Verifier), EventKind::CheckOverridden { step: step.plan.kind, item, reason }))
            }
            Command::FollowUp { item, done } => Ok((None, EventKind::FollowedUp { item, done })),
            Command::Decide(decision) => Ok((Some(Role::Driver), EventKind::Decided { decision })),
            Command::NameLive(release) => {
                Ok((Some(Role::Driver), EventKind::LiveNamed { release: non_empty(release, "the release")? }))
            }
            Command::RevertTo(release) => {
                Ok((Some(Role::Driver), EventKind::RevertedTo { release: non_empty(release, "the release")? }))
            }
            Command::SettleFlag { index, waive } => self.settle_flag(index, waive),
            Command::Pause => match (self.mode, self.is_paused()) {
                (Mode::Incident, _) => Err(SessionError::PauseInIncident),
                (_, true) => Err(SessionError::AlreadyPaused),
                _ => Ok((None, EventKind::Paused)),
            },
            Command::Resume if self.is_paused() => Ok((None, EventKind::Resumed)),
            Command::Resume => Err(SessionError::NotPaused),
            Command::Handoff(role, to) => {
                let to = non_empty(to, "the new holder")?;
                let mut next = self.roles.clone();
                next.set(role, &to);
                next.validate(self.mode == Mode::Incident)?;
                Ok((
                    Some(role),
                    EventKind::Handoff {
                        handed: role,
                        from: self.roles.holder(role).to_owned(),
                        to: next.holder(role).to_owned(),
                    },
                ))
            }
            Command::Reopen => {
                let last = self.events.last().ok_or(SessionError::NotStarted)?;
                Ok((None, EventKind::Reopened { interrupted_at: last.at, interrupted_ms: last.t_ms }))
            }
            // A session that ends early is debriefed too.
            Command::Debrief(d) => Ok((None, EventKind::Debriefed(d))),
            Command::Finish => self.finish(),
        }
    }

    fn start_command(&self, item: usize) -> Result<(Option<Role>, EventKind), SessionError> {
        let step = self.active_step()?;
        let spec = step.plan.commands.get(item).and_then(Option::as_ref);
        let argv = spec.map(|c| c.argv.clone()).ok_or(SessionError::NoSuchItem { step: step.plan.kind, item })?;
        Ok((Some(step.plan.owner), EventKind::CommandStarted { step: step.plan.kind, item, argv }))
    }

    fn settle_flag(&self, index: usize, waive: Option<String>) -> Result<(Option<Role>, EventKind), SessionError> {
        let flag = self.flags.get(index).filter(|f| f.state == FlagState::Off).ok_or(SessionError::FlagNotOff)?;
        let (state, reason) = match waive {
            None => (FlagState::Restored, None),
            Some(r) => (FlagState::Waived, Some(non_empty(r, "the reason")?)),
        };
        Ok((Some(Role::Driver), EventKind::FlagChanged { flag: flag.name.clone(), state, reason }))
    }

    /// A drill leaves no feature off after practice; an incident may end
    /// with flags off (the postmortem lists them as open).
    fn finish(&self) -> Result<(Option<Role>, EventKind), SessionError> {
        let left = self.flags_left_off();
        if self.mode == Mode::Drill && !left.is_empty() {
            return Err(SessionError::FlagsLeftOff(left));
        }
        Ok((None, EventKind::Finished))
    }

    fn active_step(&self) -> Result<&StepState, SessionError> {
        self.active().map(|i| &self.steps[i]).ok_or(SessionError::NoActiveStep)
    }

    fn running_step(&self) -> Result<&StepState, SessionError> {
        let step = self.active_step()?;
        if self.is_paused() { Err(SessionError::IsPaused) } else { Ok(step) }
    }
}
