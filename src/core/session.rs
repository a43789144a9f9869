//! The session state machine: `apply(command, stamp)` checks a command
//! against the rules, returns the event it produced, and folds it in.
//! `replay(events)` folds the same events and gives the same state.

use chrono::{DateTime, Utc};

use crate::core::command::RunResult;
use crate::core::event::{Debrief, Event, Mode, Stamp};
use crate::core::incident::{Decision, FlagLedger, FlagState};
use crate::core::plan::{StepKind, StepPlan, derive, name_live_item};
use crate::core::roles::{Role, RoleError, Roles};
use crate::core::runbook::Runbook;
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
    /// Add a note about something that happened earlier (UTC).
    AddNoteAt(String, DateTime<Utc>),
    /// Choose how to respond: roll back, fix forward or restore.
    Decide(Decision),
    /// Name the release production runs (when the runbook's is stale).
    NameLive(String),
    /// Record the release production was rolled back to.
    RevertTo(String),
    /// Restore a kill switch (`None`) or leave it off with a reason.
    SettleFlag {
        /// Index of the flag in the runbook.
        index: usize,
        /// `None` to restore it; `Some(reason)` to waive.
        waive: Option<String>,
    },
    /// Record whether the `notify` program took status update `seq`.
    RecordDelivery {
        /// The status update's event number.
        seq: u64,
        /// True when the program exited 0.
        delivered: bool,
        /// What it said, or why it failed (sanitize before display).
        detail: String,
    },
    /// Answer "done?" for a promise from the previous drill.
    FollowUp {
        /// The promise.
        item: String,
        /// Whether it was done.
        done: bool,
    },
    /// Record that the selected item's command started.
    StartCommand {
        /// The item's index in the active step.
        item: usize,
    },
    /// Record how the item's command ended.
    FinishCommand {
        /// The step it belongs to.
        step: StepKind,
        /// The item's index.
        item: usize,
        /// The result.
        result: RunResult,
    },
    /// Accept a failed check anyway (the verifier's call), with a reason.
    OverrideCheck {
        /// The item's index in the active step.
        item: usize,
        /// Why.
        reason: String,
    },
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
    /// A drill leaves no feature off: restore or waive these first.
    #[error("still off: {}; restore or waive (f) first", .0.join(", "))]
    FlagsLeftOff(Vec<String>),
    /// The flag index does not exist, or the flag is not off.
    #[error("that kill switch is not off")]
    FlagNotOff,
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
    /// When it happened, when written after the fact.
    pub happened_at: Option<DateTime<Utc>>,
    /// The event that recorded it.
    pub seq: u64,
    /// For a status update sent to the runbook's `notify` program: whether
    /// it was delivered, and what the program said.
    pub delivery: Option<(bool, String)>,
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
    /// The latest decision, and how many were taken (a change of mind is a second).
    pub decision: Option<(Decision, usize)>,
    /// The live release as named, with when (monotonic ms).
    pub live_named: Option<(String, u64)>,
    /// The release rolled back to, with when (monotonic ms).
    pub reverted_to: Option<(String, u64)>,
    /// The kill switches, in runbook order.
    pub flags: Vec<FlagLedger>,
    /// Command runs, in order: step, item, argv, and the result once known.
    pub runs: Vec<Run>,
    /// Last drill's promises and whether each was done, in the order asked.
    pub followups: Vec<(String, bool)>,
    /// The promised cadence of status updates, in milliseconds.
    pub update_every_ms: u64,
    spec: Spec,
}

/// One run of an item's command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The step.
    pub step: StepKind,
    /// The item's index.
    pub item: usize,
    /// The program and its arguments.
    pub argv: Vec<String>,
    /// How it ended, once it has.
    pub result: Option<RunResult>,
    /// The verifier's reason for accepting a failed check.
    pub overridden: Option<String>,
}

impl Session {
    /// The latest run of an item's command, if any.
    pub fn last_run(&self, step: StepKind, item: usize) -> Option<&Run> {
        self.runs.iter().rev().find(|r| r.step == step && r.item == item)
    }
}

/// What the session needs from its runbook beyond the steps.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    name_live_item: usize,
    live: String,
    known_good: String,
}

impl Session {
    /// A new, not yet started session of `mode` over `runbook`: its five
    /// derived steps, its kill switches, its update cadence.
    pub fn new(mode: Mode, runbook: &Runbook) -> Self {
        let steps = derive(runbook)
            .into_iter()
            .map(|plan: StepPlan| StepState {
                checked: vec![false; plan.items.len()],
                plan,
                status: StepStatus::Pending,
                started_ms: None,
                ended_ms: None,
                left_unchecked: Vec::new(),
                skip_reason: None,
            })
            .collect();
        let flags = runbook
            .flags
            .iter()
            .map(|f| FlagLedger {
                name: f.get_ref().name.clone(),
                state: FlagState::Untouched,
                by: None,
                at: None,
                reason: None,
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
            decision: None,
            live_named: None,
            reverted_to: None,
            flags,
            followups: Vec::new(),
            runs: Vec::new(),
            update_every_ms: runbook.update_every(mode).as_ms(),
            spec: Spec {
                name_live_item: name_live_item(runbook),
                live: runbook.live().to_owned(),
                known_good: runbook.known_good().to_owned(),
            },
        }
    }

    /// Rebuilds a session by folding `events` over a fresh one.
    pub fn replay(mode: Mode, runbook: &Runbook, events: &[Event]) -> Self {
        let mut s = Self::new(mode, runbook);
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

    /// Monotonic ms of each status update, in order.
    pub fn updates_ms(&self) -> Vec<u64> {
        self.updates.iter().map(|u| u.t_ms).collect()
    }

    /// Monotonic ms the next status update is promised by.
    pub fn next_update_due_ms(&self) -> u64 {
        self.updates.last().map_or(0, |u| u.t_ms).saturating_add(self.update_every_ms)
    }

    /// The names of kill switches turned off and neither restored nor waived.
    pub fn flags_left_off(&self) -> Vec<String> {
        self.flags.iter().filter(|f| f.state == FlagState::Off).map(|f| f.name.clone()).collect()
    }
}

fn non_empty(text: String, what: &'static str) -> Result<String, SessionError> {
    if text.trim().is_empty() { Err(SessionError::Empty(what)) } else { Ok(text) }
}

mod decide;
mod fold;

#[cfg(test)]
mod tests;
