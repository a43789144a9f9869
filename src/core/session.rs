//! The session state machine: `apply(command, stamp)` checks a command
//! against the rules, returns the event it produced, and folds it in.
//! `replay(events)` folds the same events and gives the same state.

use chrono::{DateTime, Utc};

use crate::core::event::{Debrief, Event, EventKind, Mode, Stamp};
use crate::core::plan::{StepKind, StepPlan};
use crate::core::roles::{Role, RoleError, Roles};
use crate::core::timing::Pauses;

/// What a person asked the session to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Assign roles and start the clock on the first step.
    Start(Roles),
    /// Check or uncheck item `0`-based of the active step.
    ToggleItem(usize),
    /// Complete the active step; `leave_unchecked` confirms open items.
    CompleteStep {
        /// True once the person confirmed leaving items unchecked.
        leave_unchecked: bool,
    },
    /// Skip the active step with a reason.
    SkipStep(String),
    /// Add a note to the timeline.
    AddNote(String),
    /// Post a status update (the communicator's).
    PostStatus(String),
    /// Pause the drill clock.
    Pause,
    /// Resume the drill clock.
    Resume,
    /// Hand `role` to another person.
    Handoff(Role, String),
    /// Reopen after an interruption that began at the last event.
    Reopen,
    /// Record the debrief.
    Debrief(Debrief),
    /// End the session.
    Finish,
}

/// Why a command was refused; the session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// The session has not started yet.
    #[error("the session has not started")]
    NotStarted,
    /// Start was given twice.
    #[error("the session has already started")]
    AlreadyStarted,
    /// The roles break the rule.
    #[error(transparent)]
    Roles(#[from] RoleError),
    /// Every step is done or skipped.
    #[error("every step is done or skipped")]
    NoActiveStep,
    /// The item does not exist in the active step.
    #[error("step {step} has no item {item}")]
    NoSuchItem {
        /// The active step.
        step: StepKind,
        /// The index asked for.
        item: usize,
    },
    /// Completing would leave these items unchecked; confirm first.
    #[error("{} item(s) unchecked", .0.len())]
    Unchecked(Vec<usize>),
    /// A reason or text was empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// Pause exists only in drills.
    #[error("a live incident cannot be paused")]
    PauseInIncident,
    /// Pause while paused.
    #[error("already paused")]
    AlreadyPaused,
    /// Resume while running.
    #[error("not paused")]
    NotPaused,
    /// Step actions wait while the clock is paused.
    #[error("the drill is paused: press p to resume")]
    IsPaused,
    /// The debrief comes after the last step.
    #[error("finish or skip every step before the debrief")]
    StepsOpen,
    /// Another process holds the journal; this one only looks.
    #[error("read-only: {0}")]
    ReadOnly(String),
    /// Nothing happens after Finish.
    #[error("the session has finished")]
    Finished,
    /// Stamps must not go backwards.
    #[error("time went backwards: {given} ms after {last} ms")]
    TimeWentBackwards {
        /// The stamp given.
        given: u64,
        /// The last event's stamp.
        last: u64,
    },
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Not reached yet.
    Pending,
    /// The step being worked on.
    Active,
    /// Completed.
    Done,
    /// Skipped with a reason.
    Skipped,
}

/// One step's plan and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepState {
    /// The derived plan (title, target, owner, items).
    pub plan: StepPlan,
    /// Where the step stands.
    pub status: StepStatus,
    /// Per item: checked or not.
    pub checked: Vec<bool>,
    /// Monotonic ms when the step became active.
    pub started_ms: Option<u64>,
    /// Monotonic ms when it was completed or skipped.
    pub ended_ms: Option<u64>,
    /// Items left unchecked when completed.
    pub left_unchecked: Vec<usize>,
    /// Why it was skipped.
    pub skip_reason: Option<String>,
}

/// A timestamped piece of typed text (a note or a status update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Wall-clock time.
    pub at: DateTime<Utc>,
    /// Monotonic ms since start.
    pub t_ms: u64,
    /// The text as typed (sanitize before display).
    pub text: String,
}

/// The whole state of a drill or incident: a fold over its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Drill or incident.
    pub mode: Mode,
    /// Who holds which role now.
    pub roles: Roles,
    /// The five steps.
    pub steps: Vec<StepState>,
    /// Notes, in order.
    pub notes: Vec<Entry>,
    /// Status updates, in order.
    pub updates: Vec<Entry>,
    /// Paused and interrupted stretches, excluded from step and drill times.
    pub pauses: Pauses,
    /// The debrief, once written.
    pub debrief: Option<Debrief>,
    /// When the session started (wall clock).
    pub started_at: Option<DateTime<Utc>>,
    /// Monotonic ms when the session finished.
    pub finished_ms: Option<u64>,
    /// Monotonic ms when the "name the live release" item was first checked.
    pub named_live_ms: Option<u64>,
    /// Every event so far, in order.
    pub events: Vec<Event>,
    name_live_item: usize,
}

impl Session {
    /// A new, not yet started session over `plan`; `name_live_item` is the
    /// trigger checklist index of "name the live release" (a KPI).
    pub fn new(mode: Mode, plan: Vec<StepPlan>, name_live_item: usize) -> Self {
        let steps = plan
            .into_iter()
            .map(|plan| StepState {
                checked: vec![false; plan.items.len()],
                plan,
                status: StepStatus::Pending,
                started_ms: None,
                ended_ms: None,
                left_unchecked: Vec::new(),
                skip_reason: None,
            })
            .collect();
        Self {
            mode,
            roles: Roles::default(),
            steps,
            notes: Vec::new(),
            updates: Vec::new(),
            pauses: Pauses::default(),
            debrief: None,
            started_at: None,
            finished_ms: None,
            named_live_ms: None,
            events: Vec::new(),
            name_live_item,
        }
    }

    /// Rebuilds a session by folding `events` over a fresh one.
    pub fn replay(mode: Mode, plan: Vec<StepPlan>, name_live_item: usize, events: &[Event]) -> Self {
        let mut s = Self::new(mode, plan, name_live_item);
        for e in events {
            s.fold(e);
        }
        s
    }

    /// Index of the active step, if any.
    pub fn active(&self) -> Option<usize> {
        self.steps.iter().position(|s| s.status == StepStatus::Active)
    }

    /// True once every step is done or skipped.
    pub fn steps_finished(&self) -> bool {
        self.started_at.is_some()
            && self.steps.iter().all(|s| matches!(s.status, StepStatus::Done | StepStatus::Skipped))
    }

    /// True while the drill clock is paused.
    pub fn is_paused(&self) -> bool {
        self.pauses.is_open()
    }

    /// Checks `command`, and when allowed returns its event after folding it in.
    ///
    /// # Errors
    /// A [`SessionError`] saying why the command is refused; the session is
    /// then unchanged.
    pub fn apply(&mut self, command: Command, stamp: Stamp) -> Result<Event, SessionError> {
        let (role, kind) = self.decide(command, stamp)?;
        let seq = self.events.last().map_or(1, |e| e.seq + 1);
        let event = Event { seq, at: stamp.at, t_ms: stamp.t_ms, role, kind };
        self.fold(&event);
        Ok(event)
    }

    fn decide(&self, command: Command, stamp: Stamp) -> Result<(Option<Role>, EventKind), SessionError> {
        if let Some(last) = self.events.last()
            && stamp.t_ms < last.t_ms
        {
            return Err(SessionError::TimeWentBackwards { given: stamp.t_ms, last: last.t_ms });
        }
        if self.finished_ms.is_some() {
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
            Command::AddNote(text) => Ok((None, EventKind::NoteAdded { text: non_empty(text, "the note")? })),
            Command::PostStatus(text) => {
                Ok((Some(Role::Communicator), EventKind::StatusPosted { text: non_empty(text, "the update")? }))
            }
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
            Command::Debrief(d) if self.steps_finished() => Ok((None, EventKind::Debriefed(d))),
            Command::Debrief(_) => Err(SessionError::StepsOpen),
            Command::Finish => Ok((None, EventKind::Finished)),
        }
    }

    fn active_step(&self) -> Result<&StepState, SessionError> {
        self.active().map(|i| &self.steps[i]).ok_or(SessionError::NoActiveStep)
    }

    fn running_step(&self) -> Result<&StepState, SessionError> {
        let step = self.active_step()?;
        if self.is_paused() { Err(SessionError::IsPaused) } else { Ok(step) }
    }

    /// Folds one event into the state. Events are trusted here: they were
    /// checked when applied, or come from a journal written that way.
    fn fold(&mut self, e: &Event) {
        match &e.kind {
            EventKind::Started { roles } => {
                self.roles = roles.clone();
                self.started_at = Some(e.at);
                self.start_next(e.t_ms);
            }
            EventKind::ItemToggled { step, item, checked } => {
                if let Some(s) = self.steps.iter_mut().find(|s| s.plan.kind == *step)
                    && let Some(c) = s.checked.get_mut(*item)
                {
                    *c = *checked;
                }
                if *step == StepKind::Trigger
                    && *item == self.name_live_item
                    && *checked
                    && self.named_live_ms.is_none()
                {
                    self.named_live_ms = Some(e.t_ms);
                }
            }
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
            EventKind::NoteAdded { text } => self.notes.push(Entry { at: e.at, t_ms: e.t_ms, text: text.clone() }),
            EventKind::StatusPosted { text } => self.updates.push(Entry { at: e.at, t_ms: e.t_ms, text: text.clone() }),
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

    fn start_next(&mut self, t_ms: u64) {
        if let Some(s) = self.steps.iter_mut().find(|s| s.status == StepStatus::Pending) {
            s.status = StepStatus::Active;
            s.started_ms = Some(t_ms);
        }
    }

    /// Active (unpaused) milliseconds since the start, at monotonic `now_ms`;
    /// stops counting when the last step ends (the debrief is not drill
    /// time) or at the finish, whichever comes first.
    pub fn elapsed_ms(&self, now_ms: u64) -> u64 {
        let end = self.steps_end_ms().or(self.finished_ms).map_or(now_ms, |f| f.min(now_ms));
        self.pauses.active_between(0, end)
    }

    /// Monotonic ms when the last step ended, once every step has.
    pub fn steps_end_ms(&self) -> Option<u64> {
        if self.steps_finished() { self.steps.iter().filter_map(|s| s.ended_ms).max() } else { None }
    }

    /// A step's active time so far (or in total once ended), pauses excluded.
    pub fn step_actual_ms(&self, index: usize, now_ms: u64) -> Option<u64> {
        let s = self.steps.get(index)?;
        let start = s.started_ms?;
        let end = s.ended_ms.unwrap_or(self.finished_ms.map_or(now_ms, |f| f.min(now_ms)));
        Some(self.pauses.active_between(start, end))
    }
}

fn non_empty(text: String, what: &'static str) -> Result<String, SessionError> {
    if text.trim().is_empty() { Err(SessionError::Empty(what)) } else { Ok(text) }
}

#[cfg(test)]
mod tests;
