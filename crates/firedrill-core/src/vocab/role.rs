//! The three roles of a rollback (docs/domain.md, "Roles"), and when
//! two typed names are one person.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A role in a rollback drill or incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Executes the steps.
    Driver,
    /// Posts updates to stakeholders in the one agreed channel.
    Communicator,
    /// Checks the app and the data after each action.
    Verifier,
}

impl Role {
    /// All roles in their display order.
    pub const ALL: [Self; 3] = [Self::Driver, Self::Communicator, Self::Verifier];

    /// The role's name in lower case, as in the runbook and the journal.
    pub fn key(self) -> &'static str {
        match self {
            Self::Driver => "driver",
            Self::Communicator => "communicator",
            Self::Verifier => "verifier",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// True when two typed names are one person: compared without case and
/// with runs of white space as one space ("Ana  Lee" is "ana lee").
pub fn same_person(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}
