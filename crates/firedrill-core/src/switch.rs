//! The kill-switch ledger: each switch of the runbook, where the team put
//! it (safe, restored, left safe with a reason), how the record knows
//! (a command run and read back, or a key press), and its last read-back
//! state (docs/domain.md, "Kill switch" and "Measured vs claimed").

use chrono::{DateTime, Utc};

use crate::command::RunEnd;
use crate::evidence::Evidence;
use crate::vocab::Role;

use crate::runbook::Flag;
pub use crate::vocab::{FlagState, SwitchAction};

/// The last read of a switch's `state_command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchRead {
    /// The state it printed (`on` or `off`), `None` when it failed or
    /// printed neither.
    pub state: Option<String>,
    /// When it answered (UTC).
    pub at: DateTime<Utc>,
    /// Monotonic ms it answered.
    pub t_ms: u64,
    /// How the command ended.
    pub end: RunEnd,
    /// The command as shown.
    pub argv: Vec<String>,
}

/// One kill switch in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagLedger {
    /// The flag's name.
    pub name: String,
    /// Its safe state, `off` or `on` (the runbook's `safe`).
    pub safe: String,
    /// Where the team put it.
    pub state: FlagState,
    /// Who changed it last.
    pub by: Option<Role>,
    /// When it changed last (UTC).
    pub at: Option<DateTime<Utc>>,
    /// Monotonic ms it was first put in its safe state, while it counts.
    pub off_ms: Option<u64>,
    /// How the record knows that first change to safe.
    pub off_evidence: Option<Evidence>,
    /// Why it was left safe.
    pub reason: Option<String>,
    /// How the record knows the last change: the command that made it, a
    /// key press, or a dry drill's rehearsal.
    pub evidence: Option<Evidence>,
    /// The command running on it now, if any, with its argv as shown.
    pub running: Option<SwitchAction>,
    /// The argv of the command running (or last run) on it, as shown.
    pub running_argv: Vec<String>,
    /// The last command that failed on it, with how it ended, until one passes.
    pub failed: Option<(SwitchAction, RunEnd)>,
    /// The last read-back of its state, when the runbook can read it.
    pub read: Option<SwitchRead>,
    /// True when the runbook gives `safe_command`, `restore_command`, `state_command`.
    pub commands: [bool; 3],
}

impl FlagLedger {
    /// The ledger line of a runbook flag, untouched.
    pub fn of(flag: &Flag) -> Self {
        Self {
            name: flag.name.clone(),
            safe: flag.safe.clone(),
            state: FlagState::Untouched,
            by: None,
            at: None,
            off_ms: None,
            off_evidence: None,
            reason: None,
            evidence: None,
            running: None,
            running_argv: Vec::new(),
            failed: None,
            read: None,
            commands: [flag.safe_command.is_some(), flag.restore_command.is_some(), flag.state_command.is_some()],
        }
    }

    /// The state a switch is in when not safe: the opposite of `safe`.
    pub fn unsafe_state(&self) -> &'static str {
        if self.safe == "on" { "off" } else { "on" }
    }

    /// Puts the flag in its safe state as of `(role, at, t_ms)` with
    /// `evidence`; the first time counts for "time to mitigation".
    pub fn set_safe(&mut self, role: Option<Role>, at: DateTime<Utc>, t_ms: u64, evidence: Evidence) {
        self.state = FlagState::Safe;
        self.by = role;
        self.at = Some(at);
        if self.off_ms.is_none() {
            self.off_ms = Some(t_ms);
            self.off_evidence = Some(evidence.clone());
        }
        self.reason = None;
        self.evidence = Some(evidence);
        self.failed = None;
    }

    /// Puts back a flag whose "safe" was a mistake (its item unchecked).
    pub fn untouch(&mut self) {
        self.state = FlagState::Untouched;
        self.by = None;
        self.at = None;
        self.off_ms = None;
        self.off_evidence = None;
        self.evidence = None;
    }

    /// The state in words, with the symbol shown beside its colour, in the
    /// switch's own terms: a safe = "on" switch is "set to safe (on)",
    /// never "turned off".
    pub fn label(&self) -> String {
        match self.state {
            FlagState::Untouched => "· untouched".to_owned(),
            FlagState::Safe => format!("● set to safe ({})", self.safe),
            FlagState::Restored => format!("✓ restored ({})", self.unsafe_state()),
            FlagState::Waived => format!("↷ left safe ({}, waived)", self.safe),
        }
    }

    /// The state the switch should read now: safe after `Safe` or `Waived`,
    /// the other state after `Restored`; `None` while untouched.
    pub fn expected_state(&self) -> Option<&str> {
        match self.state {
            FlagState::Untouched => None,
            FlagState::Safe | FlagState::Waived => Some(&self.safe),
            FlagState::Restored => Some(self.unsafe_state()),
        }
    }

    /// True when the last read-back, taken after the last change, shows a
    /// state other than the one the ledger says: the key press or command
    /// did not take.
    pub fn read_disagrees(&self) -> bool {
        match (self.expected_state(), &self.read, self.at) {
            (Some(expected), Some(read), Some(changed)) if read.at >= changed => {
                read.state.as_deref().is_some_and(|s| s != expected)
            }
            _ => false,
        }
    }

    /// True when the last read-back, taken after the last change, shows
    /// the state the ledger says.
    pub fn read_confirms(&self) -> bool {
        match (self.expected_state(), &self.read, self.at) {
            (Some(expected), Some(read), Some(changed)) if read.at >= changed => {
                read.state.as_deref() == Some(expected)
            }
            _ => false,
        }
    }
}
