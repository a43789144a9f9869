//! The session state machine: `apply(command, stamp)` checks a command
//! against the rules, returns the event it produced, and folds it in.
//! `replay(events)` folds the same events and gives the same state.

pub(crate) mod action_items;
mod aftermath;
mod build;
mod command;
mod decide;
mod effects;
mod errors;
mod facts;
mod feed;
mod fold;
mod injects;
mod items;
mod marks;
mod notes;
mod queries;
mod records;
mod replan;
mod sensing;
mod survival;
mod switches;

use chrono::{DateTime, Utc};

pub use command::Command;
pub use effects::InjectEffect;
pub use errors::SessionError;
pub use facts::{Change, Fact, Fire};
pub use feed::FeedRow;
pub use injects::InjectState;
pub use notes::{Note, backdated, confirm_release, promised_next, release_id};
pub use records::{PostedUpdate, Run, StepState, StepStatus};
pub use sensing::{ReadingRef, SensorLog};
pub use survival::{KEPT_LINES, Kept};

use crate::event::{Debrief, Event, EventKind, Stamp};
use crate::vocab::{Decision, Mode, Severity};

use crate::pauses::Pauses;
use crate::plan::{StepPlan, derive};
use crate::redact::Redactor;
use crate::roles::Roles;
use crate::runbook::Runbook;
use crate::switch::FlagLedger;

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
    notes: Vec<Position>,
    /// Notes and status updates in the order they happened, by event.
    feed: feed::Feed,
    /// Status updates, in order.
    pub updates: Vec<PostedUpdate>,
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
    /// The facilitator's inject cards: the runbook's, then the deck's.
    pub injects: Vec<InjectState>,
    /// The deck given with `--injects`, by its key (name or file stem).
    pub deck: Option<String>,
    /// Action items closed after the session: number (from 1) and how.
    pub actions_closed: Vec<(usize, String)>,
    /// Action items exported: number (from 1) and the URL.
    pub actions_exported: Vec<(usize, String)>,
    /// Last drill's promises and whether each was done, in the order asked.
    pub followups: Vec<(String, bool)>,
    /// The cadence of status updates the draft proposes, in milliseconds.
    pub update_every_ms: u64,
    /// The incident's severity as set (the runbook's default until then).
    pub severity: Option<Severity>,
    /// What the health check said, in order.
    pub health: SensorLog,
    /// What the release probe said, in order.
    pub probe: SensorLog,
    /// Actions that may have changed the system (a kill switch, a command
    /// that changes a system, step 3's recovery), in order: the sensors
    /// read again after each, and a measured figure names the one before it.
    pub actions: Vec<Change>,
    /// True once a command that changes a system ran (a live-fire drill).
    pub live_fire: bool,
    /// True when the session runs the commands that change a system (an
    /// incident, or a drill started with `--live-commands`).
    pub live_commands: bool,
    /// Monotonic ms of the last sign of life after the last event (the
    /// heartbeat of an unfinished session, given as data).
    alive_ms: Option<u64>,
    /// False for a format 1 journal: its decisions changed no step.
    rederive: bool,
    /// Made once from the runbook and never changed by an event: shared
    /// by copies (a review copies one fresh session per journal).
    spec: std::sync::Arc<Spec>,
}

/// Where an event sits in a session's `events`, in 4 bytes: a journal's
/// 256 MiB cap keeps a session far below `u32::MAX` events, and the
/// indexes over a million notes and updates take 4 MB instead of 8.
type Position = u32;

/// `at` as a [`Position`] (past `u32::MAX`, never reached, it names no event).
fn position(at: usize) -> Position {
    Position::try_from(at).unwrap_or(Position::MAX)
}

/// The event at `p` in `events`.
fn event_at(events: &[Event], p: Position) -> Option<&Event> {
    usize::try_from(p).ok().and_then(|i| events.get(i))
}

/// What the session needs from its runbook beyond the steps: the plan of
/// each decision (a change of decision re-derives the steps not done).
#[derive(Debug, PartialEq, Eq)]
struct Spec {
    plans: Vec<(Decision, Vec<StepPlan>)>,
    live: String,
    known_good: String,
    /// The sensors the runbook gives: `[release] health` and `probe`.
    health: Option<Vec<String>>,
    probe: Option<Vec<String>>,
    /// How often the sensors read while the session runs, in ms.
    health_every_ms: u64,
    /// The `notify` program, the measure of an update's delivery.
    notify: Option<Vec<String>>,
    /// Per kill switch: its `safe_command`, `restore_command` and
    /// `state_command` as they may be shown and saved (secrets redacted).
    switch_commands: Vec<[Option<Vec<String>>; 3]>,
    /// The built-in secret patterns plus the runbook's `redact`: every
    /// event is redacted by it before it is recorded.
    redactor: Redactor,
}

impl Session {
    /// A new, not yet started session of `mode` over `runbook`: its five
    /// steps derived for a roll back, its kill switches, its update cadence.
    pub fn new(mode: Mode, runbook: &Runbook) -> Self {
        let plans: Vec<(Decision, Vec<StepPlan>)> =
            Decision::ALL.iter().map(|d| (*d, derive(runbook, Some(*d)))).collect();
        let steps = derive(runbook, None).into_iter().map(StepState::new).collect();
        // Commands are recorded as shown: the runbook's own patterns hide too.
        let redactor = Redactor::of_patterns(&runbook.redact);
        let shown = |argv: &Option<Vec<String>>| argv.as_ref().map(|a| redactor.argv(a));
        let switch_commands = runbook
            .flags
            .iter()
            .map(|f| {
                let f = f.get_ref();
                [shown(&f.safe_command), shown(&f.restore_command), shown(&f.state_command)]
            })
            .collect();
        let flags = runbook.flags.iter().map(|f| FlagLedger::of(f.get_ref())).collect();
        Self {
            mode,
            roles: Roles::default(),
            steps,
            notes: Vec::new(),
            feed: feed::Feed::default(),
            updates: Vec::new(),
            pauses: Pauses::for_mode(mode),
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
            injects: runbook.injects.iter().map(|i| InjectState::of(i, false)).collect(),
            deck: None,
            actions_closed: Vec::new(),
            actions_exported: Vec::new(),
            update_every_ms: runbook.update_every(mode).as_ms(),
            severity: runbook.severity,
            health: SensorLog::default(),
            probe: SensorLog::default(),
            actions: Vec::new(),
            live_fire: false,
            live_commands: mode == Mode::Incident,
            alive_ms: None,
            rederive: true,
            spec: std::sync::Arc::new(Spec {
                plans,
                live: runbook.live().to_owned(),
                known_good: runbook.known_good().to_owned(),
                health: shown(&runbook.release.health),
                probe: shown(&runbook.release.probe),
                health_every_ms: runbook.health_every().as_ms(),
                notify: shown(&runbook.notify),
                switch_commands,
                redactor,
            }),
        }
    }

    /// Rebuilds a session by folding `events` over a fresh one.
    pub fn replay(mode: Mode, runbook: &Runbook, events: &[Event]) -> Self {
        Self::replay_owned(mode, runbook, events.to_vec())
    }

    /// [`Session::replay`] taking the events, so a large journal is held
    /// once (the session keeps them as its record).
    pub fn replay_owned(mode: Mode, runbook: &Runbook, events: Vec<Event>) -> Self {
        Self::replay_recorded(crate::event::JOURNAL_FORMAT, mode, runbook, events)
    }

    /// Replays events recorded in journal `format` the way they were
    /// recorded (a format 1 journal's decisions derive no new steps).
    pub fn replay_recorded(format: u32, mode: Mode, runbook: &Runbook, events: Vec<Event>) -> Self {
        Self::new(mode, runbook).replay_onto(format, events)
    }

    /// Folds `events`, recorded in journal `format`, over this fresh
    /// session (made with its deck, when it had one).
    #[must_use]
    pub fn replay_onto(self, format: u32, events: Vec<Event>) -> Self {
        let mut s = self;
        s.rederive = format >= 2;
        // The list becomes the record as it is, never moved or copied (a
        // fresh session has none): a million events are held once. Each is
        // taken out while it is folded (a bare `paused` stands in its
        // place) and put back; the fold reads only the events before it.
        let from = s.events.len();
        if from == 0 {
            s.events = events;
        } else {
            s.events.extend(events);
        }
        let stand_in = Event { seq: 0, at: DateTime::<Utc>::MIN_UTC, t_ms: 0, role: None, kind: EventKind::Paused };
        for at in from..s.events.len() {
            let e = std::mem::replace(&mut s.events[at], stand_in.clone());
            s.fold_ref(&e, at);
            s.events[at] = e;
        }
        s
    }

    /// Checks `command`, and when allowed returns its event after folding
    /// it in; every text in the event is redacted first.
    ///
    /// # Errors
    /// A [`SessionError`] saying why the command is refused; the session is
    /// then unchanged.
    pub fn apply(&mut self, command: Command, stamp: Stamp) -> Result<Event, SessionError> {
        let (role, mut kind) = self.decide(command, stamp)?;
        // One place where text enters the record: nothing a person typed,
        // a command printed or a runbook holds is recorded unredacted.
        self.spec.redactor.event(&mut kind);
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

    /// The step plans under `decision`.
    fn plans_for(&self, decision: Decision) -> Option<&[StepPlan]> {
        self.spec.plans.iter().find(|(d, _)| *d == decision).map(|(_, p)| p.as_slice())
    }
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
pub(crate) mod tests_evidence;
#[cfg(test)]
mod tests_injects;
#[cfg(test)]
mod tests_plan;
#[cfg(test)]
mod tests_recovery;
#[cfg(test)]
mod tests_redact;
#[cfg(test)]
mod tests_rules;
#[cfg(test)]
mod tests_verdict;
