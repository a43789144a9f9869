//! The debrief's record: the pressure answer, the team's words, and its
//! review of the proposed action items (kept or dropped, with owner, due
//! date, kind and text as the team left them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The debrief's answer to the pressure question: "if a migration had been
/// the problem, could we still roll back without losing data?" (docs/domain.md, "The five steps").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PressureAnswer {
    /// Yes, the rollback would keep the data.
    Yes,
    /// No, the rollback would lose or corrupt data.
    No,
    /// Not clear: the next thing to fix.
    #[default]
    Unsure,
}

impl PressureAnswer {
    /// The answer in lower case.
    pub fn key(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::No => "no",
            Self::Unsure => "unsure",
        }
    }
}

/// What the team wrote after the last step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Debrief {
    /// What slowed the team down.
    pub slowed_us_down: String,
    /// The one concrete prevention step.
    pub prevention: String,
    /// The answer to the pressure question.
    pub pressure: PressureAnswer,
    /// Why that answer.
    pub pressure_why: String,
    /// True in a draft journaled before the pressure question was answered:
    /// `pressure` then says nothing (absent, false, in older journals).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pressure_unanswered: bool,
    /// Incidents: which users were affected, and how many.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub users_affected: String,
    /// Incidents: how long users were affected.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub impact_duration: String,
    /// Incidents: the root cause and contributing factors.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root_cause: String,
    /// Incidents: when the problem began, `@HH:MM` (UTC) and what happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub started: String,
    /// Incidents: when it was noticed, `@HH:MM` (UTC), and by what signal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub noticed: String,
    /// What went well.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub went_well: String,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub went_wrong: String,
    /// Where we got lucky.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lucky: String,
    /// The summary in the team's words; empty: the one generated from the events.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The team's review of the proposed action items (only those it
    /// changed or dropped; the others stand as proposed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionReview>,
}

impl Debrief {
    /// The prevention step the team committed to, trimmed; `None` when the
    /// answer names none: empty, or words that say there is none ("none",
    /// "n/a", "-", "nothing"), which is no promise to track.
    pub fn prevention_step(&self) -> Option<&str> {
        let step = self.prevention.trim();
        let none = ["none", "n/a", "na", "-", "nothing", "no"];
        let says_none = none.iter().any(|w| step.trim_end_matches('.').eq_ignore_ascii_case(w));
        (!step.is_empty() && !says_none).then_some(step)
    }
}

/// What an action item does (the kinds of the industry's postmortem
/// templates).
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
    /// Every kind, in the order the debrief cycles through them.
    pub const ALL: [Self; 4] = [Self::Prevent, Self::Mitigate, Self::Detect, Self::Process];

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

/// The team's decision on one proposed action item, made in the debrief:
/// `source` names the proposal (see `core::actions`); a dropped item is not
/// an action item; a kept one takes what the team changed (a field left
/// `None` follows the proposal, so an item still says what happened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionReview {
    /// Where the proposal came from, e.g. `prevention`, `note:12`, `flag:orders_v2`.
    pub source: String,
    /// False when the team dropped it.
    pub keep: bool,
    /// What to do, when the team rewrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Who owns it, when the team named someone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due (UTC date), when the team moved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Its kind, when the team changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActionKind>,
}
