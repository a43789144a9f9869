//! What a person can ask a session to do: one command per intent, checked
//! by `Session::apply` (decide), which returns the event it makes.

use chrono::{DateTime, Utc};

use crate::command::RunResult;
use crate::event::Debrief;
use crate::evidence::Sensor;
use crate::vocab::{Decision, Role, Severity, StepKind, SwitchAction};

use crate::roles::Roles;

/// What a person asked the session to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Assign roles and start the clock on the first step.
    Start(Roles),
    /// Check or uncheck item `0`-based of the active step; refused where
    /// the item's meaning asks for more (a release, a passed check, a
    /// reason to uncheck what its own command passed).
    ToggleItem(usize),
    /// Uncheck an item its own passing command checked, saying why.
    UncheckItem {
        /// The item's index in the active step.
        item: usize,
        /// Why it is unchecked.
        reason: String,
    },
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
    /// Choose how to respond: roll back, fix forward or restore; refused
    /// once a different decision is taken (change it with `ChangeDecision`).
    Decide(Decision),
    /// Change the decision taken, once confirmed.
    ChangeDecision(Decision),
    /// Set or change the incident's severity.
    SetSeverity(Severity),
    /// Record what one of the runbook's sensors answered (the shell ran it).
    RecordReading {
        /// Which sensor.
        sensor: Sensor,
        /// How it ended and what it printed.
        result: RunResult,
    },
    /// Record how kill switch `index`'s running command ended.
    FinishSwitchCommand {
        /// Index of the flag in the runbook.
        index: usize,
        /// Which of its commands.
        action: SwitchAction,
        /// The result.
        result: RunResult,
    },
    /// Name the release production runs; checks the "name the live
    /// release" item.
    NameLive(String),
    /// Record the release production moved to (the known-good one, or the
    /// patch); checks step 3's recovery item.
    RevertTo(String),
    /// Put kill switch `index` in its safe state, at any step: its
    /// `safe_command` runs (rehearsed in a dry drill), else a claim.
    TurnFlagOff(usize),
    /// Restore a kill switch (`None`: its `restore_command` runs, else a
    /// claim) or leave it in its safe state with a reason.
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
    /// is recorded as not run in a dry drill (one without `--live-commands`).
    StartCommand {
        /// The item's index in the active step.
        item: usize,
        /// The argv as it may be shown and saved (secrets redacted).
        shown_argv: Vec<String>,
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
    /// Keep lines the item's running command printed (journaled as they
    /// come, so a kill keeps them).
    KeepOutput {
        /// The step it belongs to.
        step: StepKind,
        /// The item's index.
        item: usize,
        /// The lines, oldest first.
        lines: Vec<String>,
    },
    /// Accept a failed check anyway (the verifier's call), with a reason;
    /// checks the item.
    OverrideCheck {
        /// The item's index in the active step.
        item: usize,
        /// Why.
        reason: String,
    },
    /// Show inject card `index` (its time came, or its step began).
    FireInject(usize),
    /// Acknowledge inject card `index`.
    AckInject(usize),
    /// Stop working the steps early and go to the debrief: the clocks stop.
    StopEarly,
    /// Record the debrief.
    Debrief(Box<Debrief>),
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
    /// Record a secret rotation: its name and where it was applied.
    RotateSecret {
        /// The secret's name (never its value).
        name: String,
        /// Where the new value was applied.
        applied: Vec<String>,
    },
    /// End the session.
    Finish,
}
