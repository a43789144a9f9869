//! The three roles of a rollback and the rule that keeps them apart
//! (docs/domain.md, "Roles": one person may hold two, never all three).

mod decided;

use serde::{Deserialize, Serialize};

pub use decided::{outside, outside_notice};

pub use crate::vocab::{Role, same_person};

/// Who holds each role, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Roles {
    /// The person executing the steps.
    pub driver: String,
    /// The person posting status updates.
    pub communicator: String,
    /// The person verifying the system after each action.
    pub verifier: String,
    /// Solo practice: one person holds all three roles on purpose, to
    /// practise alone; never a team drill (absent: false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub solo: bool,
}

/// Why a set of roles was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    /// A role has no name.
    #[error("the {0} needs a name")]
    Empty(Role),
    /// One person holds all three roles, which a drill never allows.
    #[error(
        "{0} holds all three roles; one person may hold two, never all three (a drill needs two people at least; to practise alone, start solo practice: --solo NAME)"
    )]
    AllThree(String),
    /// Solo practice was asked for an incident, which is never practice.
    #[error("solo practice is a drill: an incident with one responder gives them all three roles")]
    SoloIncident,
}

impl Roles {
    /// Builds a role set from three names, trimming spaces.
    pub fn new(driver: &str, communicator: &str, verifier: &str) -> Self {
        Self {
            driver: driver.trim().to_owned(),
            communicator: communicator.trim().to_owned(),
            verifier: verifier.trim().to_owned(),
            solo: false,
        }
    }

    /// Solo practice for `name`: all three roles, recorded as practice.
    pub fn solo_practice(name: &str) -> Self {
        Self { solo: true, ..Self::new(name, name, name) }
    }

    /// The name holding `role`.
    pub fn holder(&self, role: Role) -> &str {
        match role {
            Role::Driver => &self.driver,
            Role::Communicator => &self.communicator,
            Role::Verifier => &self.verifier,
        }
    }

    /// Sets the name holding `role`.
    pub fn set(&mut self, role: Role, name: &str) {
        let slot = match role {
            Role::Driver => &mut self.driver,
            Role::Communicator => &mut self.communicator,
            Role::Verifier => &mut self.verifier,
        };
        name.trim().clone_into(slot);
    }

    /// True when one person (see [`same_person`]) holds all three roles.
    pub fn is_solo(&self) -> bool {
        same_person(&self.driver, &self.communicator) && same_person(&self.driver, &self.verifier)
    }

    /// Checks the rule for a session; `incident` is true for a live
    /// incident, where one responder may hold all three roles.
    ///
    /// # Errors
    /// [`RoleError::Empty`] for the first role without a name,
    /// [`RoleError::SoloIncident`] for solo practice in an incident, then
    /// [`RoleError::AllThree`] when one person holds every role in a drill
    /// that is not solo practice (docs/domain.md, "Roles").
    pub fn validate(&self, incident: bool) -> Result<(), RoleError> {
        if let Some(role) = Role::ALL.into_iter().find(|r| self.holder(*r).is_empty()) {
            return Err(RoleError::Empty(role));
        }
        if self.solo && incident {
            return Err(RoleError::SoloIncident);
        }
        if !incident && !self.solo && self.is_solo() {
            return Err(RoleError::AllThree(self.driver.clone()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_people_may_share_three_roles() {
        assert_eq!(Roles::new("Ana", "Ben", "Ana").validate(false), Ok(()));
    }

    #[test]
    fn one_person_may_not_hold_all_three_in_a_drill() {
        let roles = Roles::new("Ana Lee", "ana  lee", " ANA\tLEE ");
        assert_eq!(roles.validate(false), Err(RoleError::AllThree("Ana Lee".to_owned())));
        assert_eq!(roles.validate(true), Ok(()), "a live incident may run solo");
    }

    #[test]
    fn solo_practice_is_one_person_on_purpose_and_only_in_a_drill() {
        let solo = Roles::solo_practice(" Ana ");
        assert_eq!((solo.driver.as_str(), solo.is_solo(), solo.solo), ("Ana", true, true));
        assert_eq!(solo.validate(false), Ok(()));
        assert_eq!(solo.validate(true), Err(RoleError::SoloIncident));
        assert!(RoleError::AllThree("Ana".into()).to_string().contains("--solo NAME"), "the refusal says the way");
        let json = serde_json::to_string(&Roles::new("A", "B", "C")).expect("json");
        assert!(!json.contains("solo"), "a team's roles are written as before: {json}");
        let old: Roles = serde_json::from_str(r#"{"driver":"A","communicator":"B","verifier":"C"}"#).expect("old");
        assert!(!old.solo);
    }

    #[test]
    fn every_role_needs_a_name() {
        assert_eq!(Roles::new("Ana", "  ", "Ben").validate(false), Err(RoleError::Empty(Role::Communicator)));
        assert_eq!(Roles::new("", "", "").validate(true), Err(RoleError::Empty(Role::Driver)));
    }
}
