//! The record `firedrill ship` leaves in the output folder: a phase of the
//! change plan reached an environment at a time, as a person said so. A
//! claim, not a measurement: a probe of that environment overrules it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::runbook::MigrationPhase;

/// The record's format; a reader refuses another.
pub const SHIP_FORMAT: u32 = 1;

/// `<UTC date>T<HHMM>Z-<slug>.ship.json`: one phase in one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipRecord {
    /// [`SHIP_FORMAT`].
    pub format: u32,
    /// When the phase reached the environment (UTC): now, or `--at`.
    pub at: DateTime<Utc>,
    /// When the record was written (UTC).
    pub recorded_at: DateTime<Utc>,
    /// The runbook key (its file stem), as review groups sessions.
    pub runbook: String,
    /// The phase shipped.
    pub phase: MigrationPhase,
    /// The environment it reached.
    pub environment: String,
    /// The release that shipped it.
    pub release: String,
}
