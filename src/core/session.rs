//! The session state machine: `apply(command, stamp)` checks a command
//! against the rules, returns the event it produced, and folds it in.
//! `replay(events)` folds the same events and gives the same state.

mod command;
mod decide;
mod errors;
mod fold;
mod injects;
mod notes;
mod queries;

use chrono::{DateTime, Utc};

pub use command::Command;
pub use errors::SessionError;
pub use injects::InjectState;
pub use notes::{Note, backdated, promised_next, release_id};

use crate::core::command::RunResult;
use crate::core::event::{Debrief, Event, Mode, Stamp};
use crate::core::incident::{Decision, FlagLedger, FlagState};
use crate::core::plan::{Meaning, StepKind, StepPlan, derive};
use crate::core::roles::Roles;
use crate::core::runbook::Runbook;
use crate::core::timing::Pauses;

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
    /// Per item: monotonic ms it was (last) checked, while it is checked.
    pub checked_ms: Vec<Option<u64>>,
    /// Monotonic ms when the step became active.
    pub started_ms: Option<u64>,
    /// Monotonic ms when it was completed or skipped.
    pub ended_ms: Option<u64>,
    /// Items left unchecked when completed.
    pub left_unchecked: Vec<usize>,
    /// Why it was skipped.
    pub skip_reason: Option<String>,
}

impl StepState {
    fn new(plan: StepPlan) -> Self {
        Self {
            checked: vec![false; plan.items.len()],
            checked_ms: vec![None; plan.items.len()],
            plan,
            status: StepStatus::Pending,
            started_ms: None,
            ended_ms: None,
            left_unchecked: Vec::new(),
            skip_reason: None,
        }
    }

    /// Monotonic ms the first item with `meaning` was checked, while it is.
    pub fn checked_at(&self, meaning: Meaning) -> Option<u64> {
        self.plan.find(meaning).and_then(|i| self.checked_ms.get(i).copied().flatten())
    }
}

/// A status update as posted, with what became of it.
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
    /// For a status update: when it promised the next one (UTC).
    pub next_at: Option<DateTime<Utc>>,
    /// The event that recorded it.
    pub seq: u64,
    /// For a status update sent to the runbook's `notify` program: whether
    /// it was delivered, and what the program said.
    pub delivery: Option<(bool, String)>,
}

/// One run of an item's command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The step.
    pub step: StepKind,
    /// The item's index.
    pub item: usize,
    /// The program and its arguments, as shown (secrets redacted).
    pub argv: Vec<String>,
    /// How it ended, once it has.
    pub result: Option<RunResult>,
    /// The verifier's reason for accepting a failed check.
    pub overridden: Option<String>,
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
    /// Where each note's event sits in `events`, in order: a note's text
    /// is held once, by its event ([`Session::notes`]).
    notes: Vec<usize>,
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
    /// Monotonic ms when the team stopped the steps early (the debrief is
    /// not session time).
    pub stopped_ms: Option<u64>,
    /// Every event so far, in order.
    pub events: Vec<Event>,
    /// The latest decision, and how many were taken (a change of mind is a second).
    pub decision: Option<(Decision, usize)>,
    /// The live release as named, with when (monotonic ms).
    pub live_named: Option<(String, u64)>,
    /// The release production moved to in step 3, with when (monotonic ms).
    pub reverted_to: Option<(String, u64)>,
    /// The kill switches, in runbook order.
    pub flags: Vec<FlagLedger>,
    /// Command runs, in order: step, item, argv, and the result once known.
    pub runs: Vec<Run>,
    /// The facilitator's inject cards, in runbook order.
    pub injects: Vec<InjectState>,
    /// Action items closed after the session: number (from 1) and how.
    pub actions_closed: Vec<(usize, String)>,
    /// Action items exported: number (from 1) and the URL.
    pub actions_exported: Vec<(usize, String)>,
    /// Last drill's promises and whether each was done, in the order asked.
    pub followups: Vec<(String, bool)>,
    /// The cadence of status updates the draft proposes, in milliseconds.
    pub update_every_ms: u64,
    spec: Spec,
}

/// What the session needs from its runbook beyond the steps: the plan of
/// each decision (a change of decision re-derives the steps not done).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    plans: Vec<(Decision, Vec<StepPlan>)>,
    /// False for a format 1 journal: its decisions changed no step.
    rederive: bool,
    live: String,
    known_good: String,
}

impl Session {
    /// A new, not yet started session of `mode` over `runbook`: its five
    /// steps derived for a roll back, its kill switches, its update cadence.
    pub fn new(mode: Mode, runbook: &Runbook) -> Self {
        let plans: Vec<(Decision, Vec<StepPlan>)> =
            Decision::ALL.iter().map(|d| (*d, derive(runbook, Some(*d)))).collect();
        let steps = derive(runbook, None).into_iter().map(StepState::new).collect();
        let flags = runbook
            .flags
            .iter()
            .map(|f| FlagLedger {
                name: f.get_ref().name.clone(),
                state: FlagState::Untouched,
                by: None,
                at: None,
                off_ms: None,
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
            stopped_ms: None,
            events: Vec::new(),
            decision: None,
            live_named: None,
            reverted_to: None,
            flags,
            followups: Vec::new(),
            runs: Vec::new(),
            injects: runbook.injects.iter().map(InjectState::of).collect(),
            actions_closed: Vec::new(),
            actions_exported: Vec::new(),
            update_every_ms: runbook.update_every(mode).as_ms(),
            spec: Spec {
                plans,
                rederive: true,
                live: runbook.live().to_owned(),
                known_good: runbook.known_good().to_owned(),
            },
        }
    }

    /// Rebuilds a session by folding `events` over a fresh one.
    pub fn replay(mode: Mode, runbook: &Runbook, events: &[Event]) -> Self {
        Self::replay_owned(mode, runbook, events.to_vec())
    }

    /// [`Session::replay`] taking the events, so a large journal is held
    /// once (the session keeps them as its record).
    pub fn replay_owned(mode: Mode, runbook: &Runbook, events: Vec<Event>) -> Self {
        Self::replay_recorded(crate::core::event::JOURNAL_FORMAT, mode, runbook, events)
    }

    /// Replays events recorded in journal `format` the way they were
    /// recorded (a format 1 journal's decisions derive no new steps).
    pub fn replay_recorded(format: u32, mode: Mode, runbook: &Runbook, events: Vec<Event>) -> Self {
        let mut s = Self::new(mode, runbook);
        s.spec.rederive = format >= 2;
        for (at, e) in events.iter().enumerate() {
            s.fold_ref(e, at);
        }
        // The record is the events as given: moved in whole, never copied.
        s.events = events;
        s
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
        self.fold(event.clone());
        Ok(event)
    }

    /// Folds an event another process wrote and checked (a session being
    /// followed); one already folded (by its `seq`) is ignored.
    pub fn follow(&mut self, event: Event) {
        if self.events.last().is_none_or(|e| event.seq > e.seq) {
            self.fold(event);
        }
    }

    /// Uses the cadence `ms` (the team config's, recorded in the journal
    /// header) when the runbook sets none.
    #[must_use]
    pub fn with_update_every(mut self, ms: Option<u64>) -> Self {
        if let Some(ms) = ms {
            self.update_every_ms = ms;
        }
        self
    }

    /// The runbook's live release (the one the trigger step names).
    pub fn runbook_live(&self) -> &str {
        &self.spec.live
    }

    /// The runbook's known-good release (the roll back target).
    pub fn runbook_known_good(&self) -> &str {
        &self.spec.known_good
    }

    /// The step plans under `decision`.
    fn plans_for(&self, decision: Decision) -> Option<&[StepPlan]> {
        self.spec.plans.iter().find(|(d, _)| *d == decision).map(|(_, p)| p.as_slice())
    }
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_rules;
