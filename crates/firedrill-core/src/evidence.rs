//! Measured or claimed: where each fact of the record comes from
//! (docs/domain.md, "Measured vs claimed"). A fact a runbook command
//! confirmed is [`Evidence::Measured`]; a key press alone is
//! [`Evidence::Claimed`]; a drill's held-back command is
//! [`Evidence::Rehearsed`]. Core decides the evidence; screens show it.
//!
//! Also the runbook's sensors (health, the release probe, a kill switch's
//! state) and how their output is read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::command::{RunEnd, show_argv};
use crate::vocab::Role;

/// The words a record row gives a fact a person asserted with a key press
/// alone, nothing measuring it: it is stated as claimed, never as done.
pub const BY_KEY_PRESS: &str = "claimed by a key press";

/// How the record knows a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A runbook command confirmed it: the argv as shown (redacted), how
    /// it ended, and when it answered.
    Measured {
        /// The command as shown (secrets redacted).
        command: Vec<String>,
        /// How it ended.
        end: RunEnd,
        /// When it answered (UTC).
        at: DateTime<Utc>,
    },
    /// A person said so with a key press; nothing measured it.
    Claimed {
        /// The role that acted, when one did.
        role: Option<Role>,
        /// When (UTC).
        at: DateTime<Utc>,
    },
    /// A drill rehearsed it: the command that does it was shown and not run
    /// (a dry drill, without `--live-commands`).
    Rehearsed {
        /// The role that acted, when one did.
        role: Option<Role>,
        /// When (UTC).
        at: DateTime<Utc>,
    },
}

impl Evidence {
    /// True for a fact a command confirmed.
    pub fn is_measured(&self) -> bool {
        matches!(self, Self::Measured { .. })
    }

    /// When the fact was established (UTC).
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Self::Measured { at, .. } | Self::Claimed { at, .. } | Self::Rehearsed { at, .. } => *at,
        }
    }

    /// The evidence in words, as plain text (sanitize before display):
    /// "measured: `flagctl get x` passed (exit 0) at 00:27:31 UTC", "claimed
    /// by the driver at 00:27:18 UTC", "rehearsed, not run (dry drill)".
    pub fn describe(&self) -> String {
        match self {
            Self::Measured { command, end, at } => {
                format!("measured: {} {} at {} UTC", show_argv(command), end.label(), at.format("%H:%M:%S"))
            }
            Self::Claimed { role: Some(role), at } => format!("claimed by the {role} at {} UTC", at.format("%H:%M:%S")),
            Self::Claimed { role: None, at } => format!("claimed at {} UTC", at.format("%H:%M:%S")),
            Self::Rehearsed { .. } => "rehearsed, not run (dry drill)".to_owned(),
        }
    }

    /// What a record row adds to a fact stated on this evidence: nothing
    /// for a measured fact; "claimed by a key press" for a claim;
    /// "rehearsed by a key press, its command not run" for a dry drill's
    /// held-back command (docs/domain.md, "Measured vs claimed").
    pub fn qualifier(&self) -> Option<&'static str> {
        match self {
            Self::Measured { .. } => None,
            Self::Claimed { .. } => Some(BY_KEY_PRESS),
            Self::Rehearsed { .. } => Some("rehearsed by a key press, its command not run"),
        }
    }

    /// One word: `measured`, `claimed` or `rehearsed`.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Measured { .. } => "measured",
            Self::Claimed { .. } => "claimed",
            Self::Rehearsed { .. } => "rehearsed",
        }
    }
}

/// One of the runbook's read-only commands that report a fact on their own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensor {
    /// `[release] health`: exit 0 when users are fine.
    Health,
    /// `[release] probe`: prints the release production runs.
    Probe,
    /// A kill switch's `state_command`: prints `on` or `off`.
    Switch(String),
}

impl Sensor {
    /// The sensor in words, for timelines and the state line.
    pub fn label(&self) -> String {
        match self {
            Self::Health => "health check".to_owned(),
            Self::Probe => "release probe".to_owned(),
            Self::Switch(flag) => format!("state of {flag}"),
        }
    }
}

/// The release ID a probe printed: on its first non-empty line, after a
/// leading `label:` if there is one, the first word (`live: prod-1` and
/// `prod-1 deployed 2026-12-07T01:02:03Z` both give `prod-1`).
pub fn release_in(lines: &[String]) -> Option<String> {
    let line = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty())?;
    let rest = match line.split_once(": ") {
        Some((label, rest)) if !label.contains(char::is_whitespace) => rest,
        _ => line,
    };
    rest.split_whitespace().next().map(str::to_owned)
}

/// The first RFC 3339 time a probe printed anywhere in its output: when the
/// release it reports was deployed (`deployed 2026-12-07T01:02:03Z`).
pub fn deployed_in(lines: &[String]) -> Option<DateTime<Utc>> {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .find_map(|w| DateTime::parse_from_rfc3339(w.trim_matches(|c: char| c == ',' || c == ';')).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// The state a kill switch's `state_command` printed: the last word `on` or
/// `off` it printed (case-insensitive), so `onboarding_v2=off` and `state:
/// on` both read; `None` when it printed neither.
pub fn switch_state_in(lines: &[String]) -> Option<String> {
    lines
        .iter()
        .rev()
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()).rev())
        .map(str::to_ascii_lowercase)
        .find(|w| w == "on" || w == "off")
}

/// What a sensor's run says: the value it read (a release, a switch state;
/// nothing for health) and, for the probe, when that release was deployed.
pub fn read(sensor: &Sensor, end: &RunEnd, tail: &[String]) -> (Option<String>, Option<DateTime<Utc>>) {
    if !end.passed() {
        return (None, None);
    }
    match sensor {
        Sensor::Health => (None, None),
        Sensor::Probe => (release_in(tail), deployed_in(tail)),
        Sensor::Switch(_) => (switch_state_in(tail), None),
    }
}

#[cfg(test)]
mod tests;
