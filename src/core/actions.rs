//! Action items a session proposes, each with a kind, an owner (the person
//! who held the role it falls to) and a due date: the prevention step, a
//! pressure answer that was not a clear yes, `TODO:` notes, checks not
//! verified, kill switches left off, skipped steps and items left
//! unchecked. Watching a metric is not an action item; last time's
//! promise answered "not done" stays open where it was made.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::core::event::PressureAnswer;
use crate::core::incident::FlagState;
use crate::core::plan::Meaning;
use crate::core::roles::{Role, Roles};
use crate::core::session::{Session, StepStatus};

/// Days from the session's start to an action item's due date by default.
pub const DUE_DAYS: i64 = 7;

/// What an action item does (the industry templates' kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Stops this from happening again.
    Prevent,
    /// Makes the harm smaller or shorter next time.
    Mitigate,
    /// Makes it noticed or confirmed sooner.
    Detect,
    /// Fixes how the team works (the runbook, the drill, the tools).
    Process,
}

impl ActionKind {
    /// The kind in words.
    pub fn key(self) -> &'static str {
        match self {
            Self::Prevent => "prevent",
            Self::Mitigate => "mitigate",
            Self::Detect => "detect",
            Self::Process => "process",
        }
    }
}

/// One proposed action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// What to do, as text (typed text is kept as typed; escape to show).
    pub text: String,
    /// Its kind.
    pub kind: ActionKind,
    /// Who owns it: the person who held `role` at the end.
    pub owner: String,
    /// The role it falls to.
    pub role: Role,
    /// When it is due (UTC date).
    pub due: NaiveDate,
}

/// The action items `session` (started at `started`) proposes, in order.
pub fn proposed(session: &Session, started: DateTime<Utc>) -> Vec<ActionItem> {
    let due = (started + Duration::days(DUE_DAYS)).date_naive();
    let roles: &Roles = &session.roles;
    let item = |text: String, kind: ActionKind, role: Role| ActionItem {
        text,
        kind,
        owner: roles.holder(role).to_owned(),
        role,
        due,
    };
    let mut out = Vec::new();
    if let Some(d) = &session.debrief {
        if !d.prevention.trim().is_empty() {
            out.push(item(d.prevention.trim().to_owned(), ActionKind::Prevent, Role::Driver));
        }
        if d.pressure != PressureAnswer::Yes {
            let text = "Make the rollback path for a bad migration clear (the pressure question was not a clear yes)";
            out.push(item(text.to_owned(), ActionKind::Prevent, Role::Driver));
        }
    }
    for n in session.notes() {
        if let Some(todo) = n.text.trim().strip_prefix("TODO:") {
            out.push(item(todo.trim().to_owned(), ActionKind::Process, Role::Communicator));
        }
    }
    for st in &session.steps {
        if st.status == StepStatus::Skipped {
            let why = st.skip_reason.as_deref().unwrap_or("");
            out.push(item(format!("Skipped {}: {why}", st.plan.label), ActionKind::Process, st.plan.owner));
        }
        for n in &st.left_unchecked {
            let Some(it) = st.plan.items.get(*n) else { continue };
            let kind = match it.meaning {
                Meaning::Watch(_) | Meaning::Caution => continue,
                Meaning::Check(_) | Meaning::Probe => ActionKind::Detect,
                _ => ActionKind::Process,
            };
            let role = if kind == ActionKind::Detect { Role::Verifier } else { st.plan.owner };
            out.push(item(format!("Left unchecked in {}: {}", st.plan.label, it.text), kind, role));
        }
    }
    for f in &session.flags {
        let text = match f.state {
            FlagState::Off => format!("Kill switch {} is still off: restore it or decide to keep it off", f.name),
            FlagState::Waived => {
                format!(
                    "Kill switch {} left off ({}): restore it once the fix ships",
                    f.name,
                    f.reason.as_deref().unwrap_or("")
                )
            }
            _ => continue,
        };
        out.push(item(text, ActionKind::Mitigate, Role::Driver));
    }
    out
}
