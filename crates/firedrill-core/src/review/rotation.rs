//! The next rotation of roles (for the calendar's drill): each role goes
//! to whoever has waited longest for it, as [`super::next_driver`] does for
//! the driver, among the people `[roles]` decided for it (else everyone
//! who held a role), one person per role while there are enough people,
//! never one person in all three (docs/domain.md, "Roles").

use crate::roles::Roles;
use crate::runbook::Roster;
use crate::vocab::{Role, same_person};

/// The roles of the next drill after `history` (each drill's roles, oldest
/// first), or `None` when fewer than two people are known.
pub fn next_roles(history: &[Roles], roster: Option<&Roster>) -> Option<Roles> {
    let mut people: Vec<String> = Vec::new();
    let known = history.iter().flat_map(|r| Role::ALL.map(|role| r.holder(role).to_owned()));
    for name in roster.map(Roster::people).unwrap_or_default().into_iter().chain(known) {
        if !name.trim().is_empty() && !people.iter().any(|p| same_person(p, &name)) {
            people.push(name);
        }
    }
    if people.len() < 2 {
        return None;
    }
    let mut chosen = Roles::default();
    for role in Role::ALL {
        let decided = roster.map(|r| r.names(role)).unwrap_or_default();
        let eligible: Vec<&String> =
            people.iter().filter(|p| decided.is_empty() || decided.iter().any(|d| same_person(d, p))).collect();
        let taken = |p: &String| Role::ALL.iter().any(|r| same_person(chosen.holder(*r), p));
        // Longest since their last turn in this role; never beats any.
        let waited = |p: &&&String| {
            history
                .iter()
                .rposition(|r| same_person(r.holder(role), p))
                .map_or(-1, |i| i64::try_from(i).unwrap_or(i64::MAX))
        };
        let pick = eligible
            .iter()
            .filter(|p| !taken(p))
            .min_by_key(waited)
            .copied()
            .or_else(|| {
                // Not enough people for one each: share, but never all three.
                eligible
                    .iter()
                    .filter(|p| {
                        role != Role::Verifier
                            || !same_person(&chosen.driver, p)
                            || !same_person(&chosen.communicator, p)
                    })
                    .min_by_key(waited)
                    .copied()
            })?
            .clone();
        chosen.set(role, &pick);
    }
    (!chosen.is_solo()).then_some(chosen)
}

/// The roles of the next `n` drills in turn: each drill's choice joins the
/// history the next is chosen from.
pub fn rotation(history: &[Roles], roster: Option<&Roster>, n: usize) -> Vec<Roles> {
    let mut hist = history.to_vec();
    let mut out = Vec::new();
    for _ in 0..n {
        let Some(next) = next_roles(&hist, roster) else { break };
        hist.push(next.clone());
        out.push(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_goes_to_who_waited_longest_and_turns_move_on() {
        let history = [Roles::new("Ana", "Ben", "Cy"), Roles::new("Ben", "Cy", "Ana")];
        let next = next_roles(&history, None).expect("three people");
        assert_eq!(next, Roles::new("Cy", "Ana", "Ben"), "Cy never drove, Ana never communicated, Ben never verified");
        let turns: Vec<String> = rotation(&history, None, 4).iter().map(|r| r.driver.clone()).collect();
        assert_eq!(turns, ["Cy", "Ana", "Ben", "Cy"]);
    }

    #[test]
    fn the_runbooks_roles_limit_who_takes_each_and_two_people_share() {
        let roster =
            Roster { driver: vec!["Ana".into(), "Ben".into()], communicator: vec![], verifier: vec!["Dee".into()] };
        let next = next_roles(&[Roles::new("Ana", "Cy", "Dee")], Some(&roster)).expect("enough people");
        assert_eq!(next, Roles::new("Ben", "Ana", "Dee"), "Ben never drove; Ana never communicated; only Dee verifies");
        let two = next_roles(&[Roles::new("Ana", "Ben", "Ana")], None).expect("two people");
        assert!(!two.is_solo(), "{two:?}");
        assert_eq!(next_roles(&[Roles::new("Ana", "Ana", "Ana")], None), None, "one person is no team");
        assert_eq!(next_roles(&[], None), None);
    }
}
