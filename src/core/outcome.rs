//! How a session ended, as one function of its events: the postmortem,
//! the saved screen, review and trends all read this verdict (issue "The
//! record tells the truth"). A drill where nothing was verified is not a
//! success.

use serde::{Deserialize, Serialize};

use crate::core::incident::Decision;
use crate::core::plan::{Meaning, StepKind};
use crate::core::session::{Session, StepStatus};
use crate::core::timing::recovered_ms;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every step done or skipped, every check passed or accepted with a
    /// reason, every kill switch turned off restored or waived, and the
    /// recovery confirmed.
    Verified,
    /// Every step done or skipped, but something was not verified.
    Unverified,
    /// Finished with steps still open.
    EndedEarly,
    /// Never finished: the journal was left open (a report of it).
    Abandoned,
}

impl Outcome {
    /// The outcome in words, with a symbol so colour never stands alone.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "✓ verified",
            Self::Unverified => "▲ unverified",
            Self::EndedEarly => "✖ ended early",
            Self::Abandoned => "✖ abandoned",
        }
    }

    /// The outcome's key, as in `review --json`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Unverified => "unverified",
            Self::EndedEarly => "ended early",
            Self::Abandoned => "abandoned",
        }
    }
}

/// The outcome and, when it is not verified, what was missing, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// How the session ended.
    pub outcome: Outcome,
    /// What was not verified or not reached, one line each.
    pub missing: Vec<String>,
}

/// The verdict on `session`, from its events only.
pub fn verdict(session: &Session) -> Verdict {
    if session.finished_ms.is_none() {
        return Verdict { outcome: Outcome::Abandoned, missing: vec!["the session was never finished".to_owned()] };
    }
    if !session.steps_finished() {
        let open = session
            .steps
            .iter()
            .filter(|s| matches!(s.status, StepStatus::Pending | StepStatus::Active))
            .map(|s| format!("step not done: {}", s.plan.label))
            .collect();
        return Verdict { outcome: Outcome::EndedEarly, missing: open };
    }
    let mut missing = Vec::new();
    if let Some(verify) = session.step(StepKind::Verify) {
        for (n, item) in verify.plan.items.iter().enumerate() {
            if item.meaning.is_verification() && !verify.checked.get(n).copied().unwrap_or(false) {
                let what = if item.meaning == Meaning::Probe { "release probe" } else { "check" };
                missing.push(format!("{what} not verified: {}", item.text));
            }
        }
    }
    for name in session.flags_left_off() {
        missing.push(format!("kill switch still off: {name}"));
    }
    if recovered_ms(session).is_none() {
        let what = match session.decision.map(|d| d.0) {
            Some(Decision::FixForward) => "patch release not confirmed live".to_owned(),
            Some(Decision::Restore) => "data restore not confirmed".to_owned(),
            _ => format!("not confirmed back on {}", session.runbook_known_good()),
        };
        missing.push(what);
    }
    let outcome = if missing.is_empty() { Outcome::Verified } else { Outcome::Unverified };
    Verdict { outcome, missing }
}
