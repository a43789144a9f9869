//! What a live incident adds to the session's vocabulary: the decision
//! (roll back, fix forward, restore data), the kill-switch ledger, and the
//! communicator's promise of the next status update (DOMAIN.md, "Words").

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::event::EventKind;
use crate::core::roles::Role;
use crate::core::runbook::Runbook;
use crate::core::session::Session;

/// The choice at the trigger step (the rule of thumb: harm to users
/// or data means roll back; stable but wrong in a small area means fix
/// forward; lost or corrupted data means restore).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Put the app back on the known-good release.
    RollBack,
    /// Keep the release live and ship a patch.
    FixForward,
    /// Bring data back to a point in time.
    Restore,
}

impl Decision {
    /// All choices in the order the chooser lists them.
    pub const ALL: [Self; 3] = [Self::RollBack, Self::FixForward, Self::Restore];

    /// The choice in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::RollBack => "roll back",
            Self::FixForward => "fix forward",
            Self::Restore => "restore data",
        }
    }

    /// When this is the right choice (DOMAIN.md, "Rule of thumb under stress").
    pub fn when(self) -> &'static str {
        match self {
            Self::RollBack => "the system harms users or data: stop the bleeding with a release already trusted",
            Self::FixForward => "stable but wrong in a small area, reproducible, and the patch is low risk",
            Self::Restore => "data was lost or overwritten: a rollback cannot undo it",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a kill switch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    /// Not touched in this session.
    Untouched,
    /// Turned to its safe state.
    Off,
    /// Put back as it was before the session.
    Restored,
    /// Left off on purpose, with a reason.
    Waived,
}

impl FlagState {
    /// The state in words, with the symbol shown beside its colour.
    pub fn label(self) -> &'static str {
        match self {
            Self::Untouched => "· untouched",
            Self::Off => "● turned off",
            Self::Restored => "✓ restored",
            Self::Waived => "↷ left off (waived)",
        }
    }
}

/// One kill switch in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagLedger {
    /// The flag's name.
    pub name: String,
    /// Where it stands.
    pub state: FlagState,
    /// Who changed it last.
    pub by: Option<Role>,
    /// When it changed last (UTC).
    pub at: Option<DateTime<Utc>>,
    /// Monotonic ms it was first turned off (mitigation), while it counts.
    pub off_ms: Option<u64>,
    /// Why it was waived.
    pub reason: Option<String>,
}

impl FlagLedger {
    /// Turns the flag off as of event `e`; the first time counts for
    /// "time to mitigation".
    pub fn turn_off(&mut self, e: &crate::core::event::Event) {
        self.state = FlagState::Off;
        self.by = e.role;
        self.at = Some(e.at);
        self.off_ms = self.off_ms.or(Some(e.t_ms));
        self.reason = None;
    }

    /// Puts back a flag whose "off" was a mistake (its item unchecked).
    pub fn untouch(&mut self) {
        self.state = FlagState::Untouched;
        self.by = None;
        self.at = None;
        self.off_ms = None;
    }
}

/// How the promised next status update stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateDue {
    /// Due in more than a fifth of the cadence.
    Later {
        /// Milliseconds until due.
        left_ms: u64,
    },
    /// Due within a fifth of the cadence: write it now.
    Soon {
        /// Milliseconds until due.
        left_ms: u64,
    },
    /// The promise is broken.
    Overdue {
        /// Milliseconds past due.
        by_ms: u64,
    },
}

impl UpdateDue {
    /// The state at `now_ms` of an update due at `due_ms` on a cadence of `every_ms`.
    pub fn of(now_ms: u64, due_ms: u64, every_ms: u64) -> Self {
        if now_ms > due_ms {
            Self::Overdue { by_ms: now_ms - due_ms }
        } else if (due_ms - now_ms).saturating_mul(5) <= every_ms {
            Self::Soon { left_ms: due_ms - now_ms }
        } else {
            Self::Later { left_ms: due_ms - now_ms }
        }
    }
}

/// One promise of a next update, as typed in a posted update ("Next
/// update at HH:MM UTC"): kept when the next update came by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// Monotonic ms the promise was made (the update that made it).
    pub made_ms: u64,
    /// Monotonic ms it was due.
    pub due_ms: u64,
    /// Monotonic ms the next update came, if it did.
    pub kept_at_ms: Option<u64>,
}

impl Promise {
    /// True when the promise was broken by `end_ms`: the next update came
    /// later than promised, or none came and the end is past due.
    pub fn broken(&self, end_ms: u64) -> bool {
        match self.kept_at_ms {
            Some(t) => t > self.due_ms,
            None => end_ms > self.due_ms,
        }
    }
}

/// The promises made by updates posted at `(t_ms, due_ms)` (from
/// [`Session::update_promises`]): one per update that promised a next one.
pub fn promises(updates: &[(u64, Option<u64>)]) -> Vec<Promise> {
    updates
        .iter()
        .enumerate()
        .filter_map(|(i, (made_ms, due))| {
            due.map(|due_ms| Promise { made_ms: *made_ms, due_ms, kept_at_ms: updates.get(i + 1).map(|u| u.0) })
        })
        .collect()
}

/// The longest stretch without a status update between the start (0),
/// each update and `end_ms`.
pub fn longest_silence(updates_ms: &[u64], end_ms: u64) -> u64 {
    let mut last = 0;
    let mut longest = 0;
    for t in updates_ms.iter().copied().chain(std::iter::once(end_ms)) {
        longest = longest.max(t.saturating_sub(last));
        last = t;
    }
    longest
}

/// A status update drafted from live state in CAN form (Condition,
/// Actions, Needs) at wall-clock `now`, ending with the promise of the next.
pub fn draft_update(session: &Session, runbook: &Runbook, now: DateTime<Utc>) -> String {
    // Until someone names it from the ledger, the runbook's is only a claim.
    let live = session.live_named.as_ref().map_or_else(
        || format!("{} (the runbook's; not yet confirmed from the ledger)", runbook.live()),
        |(r, _)| r.clone(),
    );
    let signals: Vec<&str> = runbook.triggers().iter().map(|t| t.signal.as_str()).collect();
    let step = session.active().map_or_else(
        || "all steps done".to_owned(),
        |i| {
            let s = &session.steps[i];
            format!(
                "now at step {}/{} {} ({} {})",
                i + 1,
                session.steps.len(),
                s.plan.kind.label(),
                s.plan.owner,
                session.roles.holder(s.plan.owner)
            )
        },
    );
    let decision = session.decision.map_or_else(String::new, |(d, _)| format!("; decision: {d}"));
    let since = session.updates.last().map_or(0, |u| u.t_ms);
    let mut changed: Vec<String> = Vec::new();
    for e in session.events.iter().filter(|e| e.t_ms >= since) {
        match &e.kind {
            EventKind::StepCompleted { step, .. } => changed.push(format!("{step} done")),
            EventKind::StepSkipped { step, .. } => changed.push(format!("{step} skipped")),
            EventKind::RevertedTo { release } => changed.push(format!("rolled back to {release}")),
            EventKind::Decided { decision } => changed.push(format!("decided to {decision}")),
            EventKind::FlagChanged { flag, state, .. } => {
                changed.push(format!("{flag} {}", state.label().trim_start_matches(|c: char| !c.is_alphabetic())));
            }
            _ => {}
        }
    }
    let since_at = session.updates.last().map(|u| u.at).or(session.started_at);
    for f in session.flags.iter().filter(|f| f.state == FlagState::Off && f.at >= since_at) {
        changed.push(format!("{} turned off", f.name));
    }
    let actions = match (changed.is_empty(), session.updates.is_empty()) {
        (false, _) => changed.join("; "),
        (true, true) => "investigating; no action taken yet".to_owned(),
        (true, false) => "no change since the last update".to_owned(),
    };
    let next = now + chrono::Duration::milliseconds(i64::try_from(session.update_every_ms).unwrap_or(i64::MAX / 2));
    format!(
        "Condition: {} on {}{decision}; {step}.\nActions: {actions}.\nNeeds: nothing yet.\nNext update at {} UTC.",
        if signals.is_empty() { "incident".to_owned() } else { signals.join(", ") },
        live,
        next.format("%H:%M")
    )
}

#[cfg(test)]
mod tests;
