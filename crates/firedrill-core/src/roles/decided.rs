//! Roles decided in advance (`[roles]` in the runbook): who may take each
//! role, and who took one without being named for it. A session is never
//! refused for it (in an incident whoever is there acts); the screen says so.

use super::{Role, Roles, same_person};
use crate::runbook::Roster;

/// The roles of `roles` held by someone `roster` does not name for that
/// role, in role order, with the name. A role the roster leaves empty is
/// open to anyone; no roster, nothing to say.
pub fn outside(roster: Option<&Roster>, roles: &Roles) -> Vec<(Role, String)> {
    let Some(roster) = roster else { return Vec::new() };
    Role::ALL
        .into_iter()
        .filter(|r| {
            let names = roster.names(*r);
            let holder = roles.holder(*r);
            !holder.trim().is_empty() && !names.is_empty() && !names.iter().any(|n| same_person(n, holder))
        })
        .map(|r| (r, roles.holder(r).to_owned()))
        .collect()
}

/// One sentence for [`outside`]'s findings, or `None` when there are none:
/// "Cy is not named for driver in the runbook's [roles] (Ana, Ben)".
pub fn outside_notice(roster: Option<&Roster>, roles: &Roles) -> Option<String> {
    let found = outside(roster, roles);
    let roster = roster?;
    let parts: Vec<String> = found
        .iter()
        .map(|(role, name)| format!("{name} is not named for {role} ({})", roster.names(*role).join(", ")))
        .collect();
    (!parts.is_empty()).then(|| format!("{} in the runbook's [roles]", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Roster {
        Roster { driver: vec!["Ana".into(), "Ben".into()], communicator: vec![], verifier: vec!["Dee".into()] }
    }

    #[test]
    fn someone_not_named_for_a_role_is_said_and_empty_roles_are_open() {
        let r = roster();
        assert_eq!(outside(Some(&r), &Roles::new("ana", "Zed", "Dee")), vec![], "case and an open role");
        let found = outside(Some(&r), &Roles::new("Cy", "Ben", "Ana"));
        assert_eq!(found, vec![(Role::Driver, "Cy".to_owned()), (Role::Verifier, "Ana".to_owned())]);
        assert_eq!(
            outside_notice(Some(&r), &Roles::new("Cy", "Ben", "Dee")).as_deref(),
            Some("Cy is not named for driver (Ana, Ben) in the runbook's [roles]")
        );
        assert_eq!(outside(None, &Roles::new("Cy", "Ben", "Ana")), vec![], "no roster, no finding");
    }
}
