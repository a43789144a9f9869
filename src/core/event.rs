//! The journal's vocabulary: a header naming the session and its runbook,
//! then stamped events, one per line. Events, not screens, carry meaning.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::command::RunResult;
use crate::core::incident::{Decision, FlagState};
use crate::core::plan::StepKind;
use crate::core::roles::{Role, Roles};

mod debrief;

pub use debrief::{ActionKind, ActionReview, Debrief, PressureAnswer};

/// The journal format this build writes and reads.
///
/// 2: a decision re-derives the steps not yet done (fix forward and restore
/// have their own step 3). A format 1 journal was recorded with the roll
/// back's steps whatever was decided, and replays that way.
pub const JOURNAL_FORMAT: u32 = 2;

/// When something happened: UTC wall clock (with date, milliseconds) and
/// monotonic milliseconds since the session started. The shell reads the
/// clocks; the core only ever receives stamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Wall-clock time in UTC.
    pub at: DateTime<Utc>,
    /// Monotonic milliseconds since the session started.
    pub t_ms: u64,
}

/// Whether the session is a rehearsal or the real thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Practice: time-box, targets, pause allowed, never solo.
    Drill,
    /// Live: wall-clock timeline first, no pause, may run solo.
    Incident,
}

impl Mode {
    /// The mode's name in lower case.
    pub fn key(self) -> &'static str {
        match self {
            Self::Drill => "drill",
            Self::Incident => "incident",
        }
    }
}

/// The journal's first line: everything needed to stand alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Journal format version ([`JOURNAL_FORMAT`]).
    pub format: u32,
    /// Unique session id, e.g. `20261123T0305Z-onboarding-signup-4f2a`.
    pub session_id: String,
    /// Drill or incident.
    pub mode: Mode,
    /// The runbook path as given when the session started.
    pub runbook_path: String,
    /// The whole runbook text, so the record stands alone.
    pub runbook_text: String,
    /// Lower-case hex sha256 of `runbook_text`.
    pub runbook_sha256: String,
    /// When the session started (UTC).
    pub started_at: DateTime<Utc>,
    /// The status update cadence from the team's config, in milliseconds,
    /// when the runbook sets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_every_ms: Option<u64>,
    /// The deck of inject cards given with `--injects`, whole, so the
    /// record stands alone (absent without one; added in issue 12, a
    /// journal without it reads as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck: Option<DeckRecord>,
}

/// A deck of inject cards as the journal keeps it: where it was read, and
/// its whole text, from which its cards are parsed again on replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckRecord {
    /// The deck path as given with `--injects`.
    pub path: String,
    /// The whole deck text.
    pub text: String,
    /// Lower-case hex sha256 of `text`.
    pub sha256: String,
}

/// One line of the journal after the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the journal, from 1.
    pub seq: u64,
    /// Wall-clock time (UTC, with date and milliseconds).
    pub at: DateTime<Utc>,
    /// Monotonic milliseconds since the session started.
    pub t_ms: u64,
    /// The role acting, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened, with its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// Roles were assigned and the clock started on the first step.
    Started {
        /// Who holds which role.
        roles: Box<Roles>,
    },
    /// A checklist item was checked or unchecked.
    ItemToggled {
        /// The step the item belongs to.
        step: StepKind,
        /// The item's index in the step's checklist, from 0.
        item: usize,
        /// Its new state.
        checked: bool,
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
        flag: String,
        /// Its new state.
        state: FlagState,
        /// Why, for a waiver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
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
        item: usize,
        /// The program and its arguments, as run.
        argv: Vec<String>,
    },
    /// A checklist item's command ended (or was not run in a drill).
    CommandFinished {
        /// The step.
        step: StepKind,
        /// The item's index.
        item: usize,
        /// How it ended, how long it took, what it printed last (boxed: a
        /// journal of a million events holds each event once, small).
        result: Box<RunResult>,
    },
    /// A failed check was accepted by the verifier anyway, with a reason.
    CheckOverridden {
        /// The step.
        step: StepKind,
        /// The item's index.
        item: usize,
        /// Why.
        reason: String,
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
        from: String,
        /// Who holds it now.
        to: String,
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
        name: String,
        /// Where the new value was applied (app, CI, hosting, database).
        applied: Vec<String>,
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
