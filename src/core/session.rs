//! The session state machine: `apply(command, stamp)` checks a command
//! against the rules, returns the event it produced, and folds it in.
//! `replay(events)` folds the same events and gives the same state.

mod decide;
mod errors;
mod fold;
mod notes;
mod queries;

use chrono::{DateTime, Utc};

pub use errors::SessionError;
pub use notes::{backdated, promised_next, release_id};

use crate::core::command::RunResult;
use crate::core::event::{Debrief, Event, Mode, Stamp};
use crate::core::incident::{Decision, FlagLedger, FlagState};
use crate::core::plan::{Meaning, StepKind, StepPlan, derive};
use crate::core::roles::{Role, Roles};
use crate::core::runbook::Runbook;
use crate::core::timing::Pauses;

/// What a person asked the session to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Assign roles and start the clock on the first step.
    Start(Roles),
    /// Check or uncheck item `0`-based of the active step; refused where
    /// the item's meaning asks for more (a release, a passed check).
    ToggleItem(usize),
    /// Complete the active step; `leave_unchecked` confirms open items and
    /// `leave_flags_off` (incidents only) confirms kill switches left off.
    CompleteStep {
        /// True once the person confirmed leaving items unchecked.
        leave_unchecked: bool,
        /// True once the person confirmed leaving kill switches off.
        leave_flags_off: bool,
    },
    /// Skip the active step with a reason.
    SkipStep(String),
    /// Undo the last step completed or skipped, while nothing is recorded
    /// in the step that followed.
    Undo,
    /// Add a note; a leading `@HH:MM` says when it happened (UTC).
    AddNote(String),
    /// Post a status update (the communicator's); a "Next update at HH:MM
    /// UTC" in it is the promise tracked.
    PostStatus(String),
    /// Pause the drill clock.
    Pause,
    /// Resume the drill clock.
    Resume,
    /// Hand `role` to another person.
    Handoff(Role, String),
    /// Reopen after an interruption; `alive_at` is the last sign of life
    /// the process left (its heartbeat), when known.
    Reopen {
        /// UTC time of the last heartbeat, if any.
        alive_at: Option<DateTime<Utc>>,
    },
    /// Choose how to respond: roll back, fix forward or restore.
    Decide(Decision),
    /// Name the release production runs; checks the "name the live
    /// release" item.
    NameLive(String),
    /// Record the release production moved to (the known-good one, or the
    /// patch); checks step 3's recovery item.
    RevertTo(String),
    /// Turn kill switch `index` to its safe state, at any step.
    TurnFlagOff(usize),
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
    /// Start the selected item's command. A command that changes a system
    /// is recorded as not run in a drill without `live_commands`.
    StartCommand {
        /// The item's index in the active step.
        item: usize,
        /// The argv as it may be shown and saved (secrets redacted).
        shown_argv: Vec<String>,
        /// True when the session was started with `--live-commands`.
        live_commands: bool,
    },
    /// Record how the item's command ended; a passing check checks its item.
    FinishCommand {
        /// The step it belongs to.
        step: StepKind,
        /// The item's index.
        item: usize,
        /// The result.
        result: RunResult,
    },
    /// Accept a failed check anyway (the verifier's call), with a reason;
    /// checks the item.
    OverrideCheck {
        /// The item's index in the active step.
        item: usize,
        /// Why.
        reason: String,
    },
    /// Stop working the steps early and go to the debrief: the clocks stop.
    StopEarly,
    /// Record the debrief.
    Debrief(Debrief),
    /// Close action item `item` (from 1), after the session too.
    CloseAction {
        /// The item's number among the session's action items, from 1.
        item: usize,
        /// How it was closed.
        note: String,
    },
    /// Record that action item `item` (from 1) became an issue at `url`.
    ExportAction {
        /// The item's number among the session's action items, from 1.
        item: usize,
        /// The URL.
        url: String,
    },
    /// End the session.
    Finish,
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
        for e in &events {
            s.fold_ref(e);
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
