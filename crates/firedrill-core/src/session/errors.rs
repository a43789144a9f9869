//! Why a command was refused: each error says what to do instead, and the
//! screen shows it as is.

use crate::event::EventKind;
use crate::plan::Meaning;
use crate::roles::RoleError;
use crate::vocab::{Role, StepKind};

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
    #[error("{} unchecked", crate::words::count(.0.len(), "item"))]
    Unchecked(Vec<usize>),
    /// Checking this item means naming a release: ask which one.
    #[error("which release? name it first")]
    ReleaseNeeded(Meaning),
    /// A release ID is one token: no spaces, no control characters.
    #[error("a release ID is one word such as prod-2026-01-14.1, not {0:?}")]
    BadRelease(String),
    /// The item's check failed: the verifier must accept it with a reason.
    #[error("the check failed: the verifier must give a reason to accept it")]
    CheckFailed {
        /// The item's index.
        item: usize,
    },
    /// The item has no command to run.
    #[error("this item has no command")]
    NoCommand,
    /// A note's `@HH:MM` prefix is not a time, or points outside the session.
    #[error("{0}")]
    BadBackdate(String),
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
    #[error("not restored: {}; restore or waive (f) first", .0.join(", "))]
    FlagsLeftOff(Vec<String>),
    /// Kill switches this session turned off are still off; an incident
    /// may leave them off once confirmed.
    #[error("not restored: {}; restore, waive (f) or confirm", .0.join(", "))]
    FlagsStillOff(Vec<String>),
    /// The flag index does not exist, or the flag is not in its safe state.
    #[error("that kill switch is not in its safe state")]
    FlagNotOff,
    /// The flag is already in its safe state.
    #[error("that kill switch is already in its safe state")]
    FlagAlreadyOff,
    /// A kill switch's command is still running: one at a time.
    #[error("{0}: its command is still running")]
    SwitchBusy(String),
    /// A decision is already taken: changing it is confirmed first.
    #[error("change the decision from {from} to {to}? enter confirms, esc keeps it")]
    DecisionChange {
        /// The decision taken.
        from: crate::vocab::Decision,
        /// The one asked for.
        to: crate::vocab::Decision,
    },
    /// The decision asked for is the one taken.
    #[error("already decided: {0}")]
    AlreadyDecided(crate::vocab::Decision),
    /// The severity asked for is the one set.
    #[error("that is the severity already")]
    SameSeverity,
    /// The item's command passed and checked it: unchecking it needs a reason.
    #[error("its command passed: say why you uncheck it")]
    ReasonToUncheck {
        /// The item's index.
        item: usize,
    },
    /// An inject card shown keeps this kill switch from being turned off.
    #[error("{flag} cannot be turned off: {card} (inject card)")]
    FlagStuck {
        /// The kill switch.
        flag: String,
        /// The card's title.
        card: String,
    },
    /// An inject card was just shown: it is read before it is acknowledged.
    #[error("read the card first: enter acknowledges it after a second")]
    CardJustShown,
    /// No such inject card, or not in the state asked (fired, acknowledged).
    #[error("inject card {0} cannot be fired or acknowledged now")]
    NoSuchInject(usize),
    /// The session has no action item with that number.
    #[error("no action item {0} in this session")]
    NoSuchAction(usize),
    /// The action item is already closed.
    #[error("action item {0} is already closed")]
    ActionClosed(usize),
    /// No step was completed or skipped yet.
    #[error("nothing to undo")]
    NothingToUndo,
    /// Something was recorded in the step that followed: undo is closed.
    #[error("too late to undo: the next step has begun")]
    UndoTooLate,
    /// Another process holds the journal; this one only looks.
    #[error("read-only: {0}")]
    ReadOnly(String),
    /// Action items are closed or exported only once the session is
    /// finished: until the debrief is written they may still change.
    #[error("the session is not finished: its action items are settled in its debrief")]
    NotFinished,
    /// An action item's review in the debrief was refused.
    #[error(transparent)]
    Action(#[from] crate::actions::ActionError),
    /// A secret rotation without a name or a place, or with a value.
    #[error(transparent)]
    Secret(#[from] crate::secrets::SecretError),
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

/// What a rule decides: the role acting and the event to record, or the
/// refusal.
pub(super) type Decided = Result<(Option<Role>, EventKind), SessionError>;

/// `text` when it has more than white space, else [`SessionError::Empty`]
/// naming `what`.
pub(super) fn non_empty(text: String, what: &'static str) -> Result<String, SessionError> {
    if text.trim().is_empty() { Err(SessionError::Empty(what)) } else { Ok(text) }
}
