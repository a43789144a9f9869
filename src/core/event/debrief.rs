//! What the team writes after the last step (the debrief), as the
//! journal keeps it: the pressure question's answer, and for incidents the
//! impact, root cause and lessons.

use serde::{Deserialize, Serialize};

/// The debrief's answer to the pressure question: "if a migration had been
/// the problem, could we still roll back without losing data?" (DOMAIN.md).
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
}
