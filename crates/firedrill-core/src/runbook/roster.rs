//! `[roles]`: who may drive, communicate and verify, decided in advance
//! (the practice: "who can trigger a rollback is decided in advance"). A
//! session picks from these names; `core::roles::outside` says when
//! someone else takes a role.

use crate::vocab::Role;
use schemars::JsonSchema;
use serde::Deserialize;

/// The people decided in advance for each role; an empty list leaves the
/// role open to anyone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Who may drive (execute the steps, push the button).
    #[serde(default)]
    pub driver: Vec<String>,
    /// Who may communicate (post the updates).
    #[serde(default)]
    pub communicator: Vec<String>,
    /// Who may verify (confirm the system is back).
    #[serde(default)]
    pub verifier: Vec<String>,
}

impl Roster {
    /// The names decided for `role`, in order.
    pub fn names(&self, role: Role) -> &[String] {
        match role {
            Role::Driver => &self.driver,
            Role::Communicator => &self.communicator,
            Role::Verifier => &self.verifier,
        }
    }

    /// Everyone named for any role, each once (compared as
    /// `core::roles::same_person` does), in order of first mention.
    pub fn people(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in Role::ALL.iter().flat_map(|r| self.names(*r)) {
            if !out.iter().any(|p| crate::vocab::same_person(p, name)) {
                out.push(name.clone());
            }
        }
        out
    }
}
