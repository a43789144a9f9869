//! What a sensor read, as [`EventKind::SensorRead`](super::EventKind)
//! holds it: boxed, since it is the largest event and a rare one, so every
//! event of a million-event journal stays small. Its fields are the
//! event's own in the journal, in this order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::command::RunResult;
use crate::evidence::Sensor;

/// One of the runbook's sensors ran on its own and answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SensorReading {
    /// Which sensor.
    pub sensor: Sensor,
    /// The command as shown (secrets redacted).
    pub argv: Vec<String>,
    /// How it ended and what it printed last.
    pub result: RunResult,
    /// What it read: the release the probe printed, the switch's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For the probe: when the release it printed was deployed, if it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed_at: Option<DateTime<Utc>>,
}
