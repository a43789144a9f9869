//! The release's database change (docs/domain.md, "Schema changes that keep
//! rollback possible"): the phase the live release is in and, optionally,
//! the change plan across releases: each phase with its release, its
//! revert path, its environments in order, its minimum wait before the
//! next phase and whether the release before it still understands the
//! data. `firedrill preflight` checks a phase against this plan
//! (`core::changeplan`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::hours::{self, Window};
use crate::period::Period;

/// The phase of an expand/migrate/contract/cleanup schema change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MigrationPhase {
    /// A new column, value or table that nothing uses yet.
    Expand,
    /// Backfill or dual-write; old and new both exist.
    Migrate,
    /// Code uses only the new thing; the old still exists (the switch).
    Contract,
    /// The old thing is dropped: the one irreversible step.
    Cleanup,
    /// The release migrates nothing.
    None,
}

impl MigrationPhase {
    /// The phase as the runbook writes it (`expand`, `cleanup`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Expand => "expand",
            Self::Migrate => "migrate",
            Self::Contract => "contract",
            Self::Cleanup => "cleanup",
            Self::None => "none",
        }
    }

    /// True for the phases to ship early in the week: the switch (contract)
    /// and the irreversible cleanup (docs/domain.md, "Schema changes that keep rollback possible": "the one irreversible step, deploy
    /// early in the week, watch for days").
    pub fn is_risky(self) -> bool {
        matches!(self, Self::Contract | Self::Cleanup)
    }
}

/// The release's database change, if any.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    /// Which phase the live release is in.
    pub phase: MigrationPhase,
    /// Whether the previous release still understands the data.
    pub backward_compatible: Option<bool>,
    /// Free text, e.g. which legacy column is still written.
    pub note: Option<String>,
    /// The environments every phase ships to, in order (staging before
    /// production); `["production"]` when absent.
    #[schemars(with = "Option<Vec<String>>")]
    pub environments: Option<Spanned<Vec<String>>>,
    /// Per environment, a read-only argv that prints the release running
    /// there (and, optionally, since when): evidence for `preflight`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub probes: BTreeMap<String, Spanned<Vec<String>>>,
    /// When a risky phase (contract, cleanup) should not ship, in local
    /// time: `["fri 12:00-24:00", "sat", "sun"]` when absent.
    #[schemars(
        with = "Option<Vec<String>>",
        inner(pattern(r"^\s*[A-Za-z]{3,9}(-[A-Za-z]{3,9})?(\s+[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2})?\s*$"))
    )]
    pub risky_hours: Option<Spanned<Vec<String>>>,
    /// The change plan: every phase, in the order they ship.
    #[serde(default)]
    #[schemars(with = "Vec<Phase>")]
    pub phases: Vec<Spanned<Phase>>,
}

/// One phase of the change plan: a release of its own, revertible on its own.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Which phase (`expand`, `migrate`, `contract`, `cleanup`).
    pub phase: MigrationPhase,
    /// The release ID that ships it.
    pub release: String,
    /// How to revert this phase alone, as a person would read it.
    pub revert: Option<String>,
    /// Where it ships, in order; the migration's `environments` when absent.
    pub environments: Option<Vec<String>>,
    /// The minimum wait after this phase reached its last environment
    /// before the next phase ships (`48h`, `3d`).
    pub wait: Option<Period>,
    /// "If we roll back in 5 minutes, will the old code still understand
    /// the data?" answered for this phase.
    pub backward_compatible: Option<bool>,
}

/// The environments when a runbook names none.
pub const DEFAULT_ENVIRONMENTS: [&str; 1] = ["production"];

impl Migration {
    /// The environments every phase ships to, in order.
    pub fn environments(&self) -> Vec<String> {
        self.environments
            .as_ref()
            .map_or_else(|| DEFAULT_ENVIRONMENTS.iter().map(|e| (*e).to_owned()).collect(), |e| e.get_ref().clone())
    }

    /// The environments of `phase`, in order: its own, else the migration's.
    pub fn environments_of(&self, phase: &Phase) -> Vec<String> {
        phase.environments.clone().unwrap_or_else(|| self.environments())
    }

    /// The phases of the plan, in order.
    pub fn plan(&self) -> Vec<&Phase> {
        self.phases.iter().map(Spanned::get_ref).collect()
    }

    /// The risky hours, parsed; the default when absent (an entry that does
    /// not parse is left out: validation refuses it).
    pub fn risky_hours(&self) -> Vec<Window> {
        match &self.risky_hours {
            Some(list) => list.get_ref().iter().filter_map(|w| hours::parse(w).ok()).collect(),
            None => hours::default_windows(),
        }
    }
}

/// Whether the debrief asks the pressure question ("if a migration had
/// been the problem, could we still roll back without losing data?").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PressureQuestion {
    /// The release migrates data: the debrief opens on the question.
    Lead,
    /// The runbook does not say: the question is asked, not first.
    Ask,
    /// The release migrates nothing (`phase = "none"`): not asked.
    Skip,
}

impl PressureQuestion {
    /// The question for a runbook with `migration`.
    pub fn of(migration: Option<&Migration>) -> Self {
        match migration.map(|m| m.phase) {
            Some(MigrationPhase::None) => Self::Skip,
            Some(_) => Self::Lead,
            None => Self::Ask,
        }
    }
}
