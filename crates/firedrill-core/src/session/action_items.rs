//! The action items a session proposes, each with a kind, an owner (the person
//! who held the role it falls to) and a due date: the prevention step, a
//! pressure answer that was not a clear yes, `TODO:` notes, checks not
//! verified, kill switches left off, skipped steps, items left
//! unchecked, and each place a rotated secret was applied (confirm it).
//! Watching a metric is not an action item; last time's promise answered
//! "not done" stays open where it was made.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Session, StepStatus};
use crate::event::{ActionKind, Debrief, PressureAnswer};
use crate::plan::Meaning;
use crate::roles::Roles;
use crate::vocab::{FlagState, Role};

/// Days from the session's start to an action item's due date by default.
pub const DUE_DAYS: i64 = 7;

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
    /// True when the team named the owner in the debrief (else the owner is
    /// the person who held `role`, and the role is worth showing).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assigned: bool,
    /// Which proposal it is (`prevention`, `pressure`, `note:<seq>`,
    /// `skipped:<step>`, `unchecked:<step>:<item>`, `flag:<name>`,
    /// `secret:<seq>:<place>`): how the debrief's review finds it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

impl ActionItem {
    /// The role to name beside the owner: `None` once the team assigned
    /// the item to someone by name.
    pub fn role_shown(&self) -> Option<Role> {
        (!self.assigned).then_some(self.role)
    }
}

/// The action items of `session` (started at `started`): the proposals
/// the debrief kept, as the team left them, in order.
pub fn proposed(session: &Session, started: DateTime<Utc>) -> Vec<ActionItem> {
    kept_and_dropped(session, started).0
}

/// The kept action items (see [`proposed`]) and the proposals the debrief
/// dropped.
pub fn kept_and_dropped(session: &Session, started: DateTime<Utc>) -> (Vec<ActionItem>, Vec<ActionItem>) {
    let reviews = session.debrief.as_ref().map_or(&[][..], |d| d.actions.as_slice());
    crate::actions::apply(candidates(session, session.debrief.as_ref(), started), reviews)
}

/// What `session` proposes with `debrief` (the one being written, or the
/// journaled one), before the team's review, in order.
pub fn candidates(session: &Session, debrief: Option<&Debrief>, started: DateTime<Utc>) -> Vec<ActionItem> {
    let due = (started + Duration::days(DUE_DAYS)).date_naive();
    let roles: &Roles = &session.roles;
    let item = |source: String, text: String, kind: ActionKind, role: Role| ActionItem {
        text,
        kind,
        owner: roles.holder(role).to_owned(),
        role,
        due,
        assigned: false,
        source,
    };
    let mut out = Vec::new();
    if let Some(d) = debrief {
        if let Some(step) = d.prevention_step() {
            out.push(item("prevention".into(), step.to_owned(), ActionKind::Prevent, Role::Driver));
        }
        // Not answered is no clear yes either.
        if d.pressure != PressureAnswer::Yes || d.pressure_unanswered {
            let text = "Make the rollback path for a bad migration clear (the pressure question was not a clear yes)";
            out.push(item("pressure".into(), text.to_owned(), ActionKind::Prevent, Role::Driver));
        }
    }
    for n in session.notes() {
        if let Some(todo) = n.text.trim().strip_prefix("TODO:") {
            let source = format!("note:{}", n.seq);
            out.push(item(source, todo.trim().to_owned(), ActionKind::Process, Role::Communicator));
        }
    }
    for (s, st) in session.steps.iter().enumerate() {
        if st.status == StepStatus::Skipped {
            let why = st.skip_reason.as_deref().unwrap_or("");
            let text = format!("Skipped {}: {why}", st.plan.label);
            out.push(item(format!("skipped:{s}"), text, ActionKind::Process, st.plan.owner));
        }
        for n in &st.left_unchecked {
            let Some(it) = st.plan.items.get(*n) else { continue };
            let kind = match it.meaning {
                Meaning::Watch(_) | Meaning::Caution => continue,
                Meaning::Check(_) | Meaning::Probe => ActionKind::Detect,
                _ => ActionKind::Process,
            };
            let role = if kind == ActionKind::Detect { Role::Verifier } else { st.plan.owner };
            let text = format!("Left unchecked in {}: {}", st.plan.label, it.text);
            out.push(item(format!("unchecked:{s}:{n}"), text, kind, role));
        }
    }
    for f in &session.flags {
        let text = match f.state {
            FlagState::Safe => format!(
                "Kill switch {} is still in its safe state ({}): restore it or decide to keep it there",
                f.name, f.safe
            ),
            FlagState::Waived => {
                format!(
                    "Kill switch {} left in its safe state ({}; {}): restore it once the fix ships",
                    f.name,
                    f.safe,
                    f.reason.as_deref().unwrap_or("")
                )
            }
            _ => continue,
        };
        out.push(item(format!("flag:{}", f.name), text, ActionKind::Mitigate, Role::Driver));
    }
    for r in crate::secrets::rotations(&session.events) {
        for (n, place) in r.applied.iter().enumerate() {
            let text = format!(
                "Confirm secret {} is rotated in {place} (and nothing there still holds the old value)",
                r.name
            );
            out.push(item(format!("secret:{}:{n}", r.seq), text, ActionKind::Process, Role::Driver));
        }
    }
    out
}
