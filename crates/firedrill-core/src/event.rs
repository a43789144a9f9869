//! The journal's vocabulary: a header naming the session and its runbook,
//! then stamped events, one per line. Events, not screens, carry meaning.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::command::RunResult;
use crate::vocab::{Decision, FlagState, Role, Severity, StepKind, SwitchAction};

use crate::plan::StepPlan;
use crate::roles::Roles;

mod debrief;
mod header;
mod item_id;
mod kinds;
mod line;
mod line_de;
mod reading;

pub use debrief::{ActionKind, ActionReview, Debrief, PressureAnswer};
pub use header::{DeckRecord, Header};
pub use line::{Event, Mode, Stamp};
pub use reading::SensorReading;

/// The journal format this build writes and reads.
///
/// 3: the plan is recorded whole when derived (at the start, at each
/// decision) and events name items by id, so replay never depends on how
/// today's code derives a plan. 2: a decision re-derives the steps not yet
/// done (fix forward and restore have their own step 3). A format 1 journal
/// was recorded with the roll back's steps whatever was decided. Formats 1
/// and 2 replay as they were recorded, deriving the plan as then.
pub const JOURNAL_FORMAT: u32 = 3;

/// A checklist item's position as an event holds it, in four bytes: every
/// command finds the item in its step's list first, and a runbook's list
/// is far shorter than 2^32 (one that did not fit would become
/// `u32::MAX`, which names no item).
pub fn item_position(item: usize) -> u32 {
    u32::try_from(item).unwrap_or(u32::MAX)
}

/// What happened, with its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// Roles were assigned and the clock started on the first step.
    Started {
        /// Who holds which role.
        roles: Box<Roles>,
        /// The five steps as derived when the session started, whole: replay
        /// reads them from here, never from today's code (format 3).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan: Option<Vec<StepPlan>>,
    },
    /// A checklist item was checked or unchecked.
    ItemToggled {
        /// The step the item belongs to.
        step: StepKind,
        /// The item's index in the step's checklist, from 0.
        item: u32,
        /// The item's id in the plan the journal recorded (format 3: it
        /// names the item; the index is kept for older readers). Shared:
        /// a journal's reader makes one string per distinct id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<std::sync::Arc<str>>,
        /// Its new state.
        checked: bool,
        /// Why an item its passing command had checked was unchecked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Box<str>>,
    },
    /// The active step was completed; the next one starts.
    StepCompleted {
        /// The step completed.
        step: StepKind,
        /// Indices of items left unchecked on purpose.
        left_unchecked: Vec<usize>,
    },
    /// The active step was skipped with a reason.
    StepSkipped {
        /// The step skipped.
        step: StepKind,
        /// Why it was skipped.
        reason: String,
    },
    /// The last step completed or skipped was reopened: it is active
    /// again and the step that had followed is pending.
    Undone {
        /// The step reopened.
        step: StepKind,
    },
    /// A note was added to the timeline.
    NoteAdded {
        /// The note as typed.
        text: String,
        /// When it happened, for a note written after the fact (UTC).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        happened_at: Option<DateTime<Utc>>,
    },
    /// The team chose how to respond.
    Decided {
        /// Roll back, fix forward or restore.
        decision: Decision,
        /// The steps as derived under this decision, whole (the ones not
        /// yet done take it); absent before format 3.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan: Option<Vec<StepPlan>>,
    },
    /// The release production runs, as the team named it.
    LiveNamed {
        /// The release ID.
        release: String,
    },
    /// The release production was rolled back to.
    RevertedTo {
        /// The release ID.
        release: String,
    },
    /// A kill switch was turned off (at any step), restored or waived;
    /// checking its item in the disable-flags step also turns it off.
    FlagChanged {
        /// The flag's name.
        flag: Box<str>,
        /// Its new state.
        state: FlagState,
        /// Why, for a waiver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Box<str>>,
    },
    /// A status update was posted to the channel.
    StatusPosted {
        /// The update as posted.
        text: String,
        /// When it promised the next update (UTC), read from its text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_at: Option<DateTime<Utc>>,
    },
    /// The `notify` program took a status update, or failed to.
    UpdateDelivered {
        /// The status update's event number.
        update: u64,
        /// True when the program exited 0.
        delivered: bool,
        /// What it said, or why it failed.
        detail: String,
    },
    /// A promise from the previous drill was checked: done or not.
    FollowedUp {
        /// The promise (a prevention step or an action item).
        item: String,
        /// Whether it was done.
        done: bool,
    },
    /// A checklist item's command was started.
    CommandStarted {
        /// The step.
        step: StepKind,
        /// The item's index in the step's checklist.
        item: u32,
        /// The item's id in the plan the journal recorded (format 3: it
        /// names the item; the index is kept for older readers).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<Box<str>>,
        /// The program and its arguments, as run.
        argv: Box<[String]>,
    },
    /// A checklist item's command ended (or was not run in a drill).
    CommandFinished {
        /// The step.
        step: StepKind,
        /// The item's index.
        item: u32,
        /// The item's id in the plan the journal recorded (format 3: it
        /// names the item; the index is kept for older readers).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<Box<str>>,
        /// How it ended, how long it took, what it printed last (boxed: a
        /// journal of a million events holds each event once, small).
        result: Box<RunResult>,
    },
    /// Lines a running command printed (sanitized, redacted), journaled as
    /// they came, at most a second late, so a kill keeps them (added in
    /// issue 19; an older journal has none).
    CommandOutput {
        /// The step.
        step: StepKind,
        /// The item's index.
        item: u32,
        /// The item's id in the plan the journal recorded (format 3: it
        /// names the item; the index is kept for older readers).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<Box<str>>,
        /// The lines, oldest first.
        lines: Box<[String]>,
    },
    /// A failed check was accepted by the verifier anyway, with a reason.
    CheckOverridden {
        /// The step.
        step: StepKind,
        /// The item's index.
        item: u32,
        /// The item's id in the plan the journal recorded (format 3: it
        /// names the item; the index is kept for older readers).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<Box<str>>,
        /// Why.
        reason: Box<str>,
    },
    /// One of the runbook's sensors (health, the release probe, a kill
    /// switch's state) ran on its own and answered (boxed: the largest
    /// event, and a rare one; its fields are the line's own).
    SensorRead(Box<SensorReading>),
    /// A kill switch's command was started (`o` runs `safe_command`, `r`
    /// runs `restore_command`).
    SwitchCommandStarted {
        /// The flag's name.
        flag: Box<str>,
        /// Which command.
        action: SwitchAction,
        /// The command as shown (secrets redacted).
        argv: Box<[String]>,
    },
    /// A kill switch's command ended, or was not run (a dry drill).
    SwitchCommandFinished {
        /// The flag's name.
        flag: Box<str>,
        /// Which command.
        action: SwitchAction,
        /// How it ended.
        result: Box<RunResult>,
    },
    /// The incident's severity was set or changed.
    SeveritySet {
        /// The new severity.
        severity: Severity,
    },
    /// The drill clock was paused.
    Paused,
    /// The drill clock was resumed.
    Resumed,
    /// A role changed hands.
    Handoff {
        /// The role handed over (the event's own `role` is who acted).
        handed: Role,
        /// Who held it.
        from: Box<str>,
        /// Who holds it now.
        to: Box<str>,
    },
    /// The session was reopened after an interruption (crash, kill, closed
    /// terminal); the gap is excluded from step and drill times.
    Reopened {
        /// Wall-clock time of the last event before the interruption.
        interrupted_at: DateTime<Utc>,
        /// Monotonic ms of that event.
        interrupted_ms: u64,
    },
    /// The debrief was written (boxed, as it is large and rare).
    Debriefed(Box<Debrief>),
    /// A facilitator's inject card was shown (its time came or its step began).
    InjectFired {
        /// The card's index in the runbook's `[[injects]]`, from 0.
        index: usize,
    },
    /// The team acknowledged an inject card.
    InjectAcknowledged {
        /// The card's index, from 0.
        index: usize,
    },
    /// The team stopped working the steps early (on to the debrief): the
    /// clock of the session and of its open step stops here.
    StoppedEarly,
    /// The session ended; nothing follows but the record-keeping below.
    Finished,
    /// A secret was rotated: its name and every place the new value was
    /// applied, never the value (issue 23; a journal without it reads as before).
    SecretRotated {
        /// The secret's name, e.g. `STRIPE_API_KEY`.
        name: Box<str>,
        /// Where the new value was applied (app, CI, hosting, database).
        applied: Box<[String]>,
    },
    /// After the session: one of its action items was closed (done).
    ActionClosed {
        /// The item's number among the session's action items, from 1.
        item: usize,
        /// How it was closed, e.g. "done in drill 20261201T...".
        note: String,
    },
    /// After the session: one of its action items became an issue.
    ActionExported {
        /// The item's number among the session's action items, from 1.
        item: usize,
        /// Where the issue is (its URL).
        url: String,
    },
}
