//! The outcome of a session whose verify step has a check with a command:
//! ticked by a key press it is claimed, never verified.

use super::tests_evidence::{at, out, start};
use super::*;
use crate::outcome::verdict;
use crate::vocab::StepKind;

/// An incident taken to its verify step, and the index of the check whose
/// command the runbook gives.
fn at_verify() -> (Session, usize) {
    let mut s = start(Mode::Incident, true);
    for t in 1..=4u64 {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: true }, at(t * 1_000)).expect("step");
    }
    let check = s.steps[4]
        .plan
        .items
        .iter()
        .position(|i| i.meaning.is_verification() && i.command.is_some() && i.text.contains("Sign up"))
        .expect("the check");
    (s, check)
}

fn claimed_gap(s: &Session) -> bool {
    verdict(s).missing.iter().any(|m| m.what == "check claimed, its command not run")
}

#[test]
fn a_check_ticked_by_a_key_press_is_claimed_not_verified() {
    let (mut s, check) = at_verify();
    s.apply(Command::ToggleItem(check), at(10_000)).expect("ticked by hand");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: true }, at(10_800)).expect("verify done");
    s.apply(Command::Finish, at(11_000)).expect("finish");
    assert!(claimed_gap(&s), "{:?}", verdict(&s).missing);
    assert_ne!(verdict(&s).outcome, crate::outcome::Outcome::Verified);

    let (mut ran, check) = at_verify();
    ran.apply(Command::StartCommand { item: check, shown_argv: vec![] }, at(10_000)).expect("run");
    ran.apply(Command::FinishCommand { step: StepKind::Verify, item: check, result: out(0, "") }, at(10_500))
        .expect("passed");
    assert!(ran.steps[4].checked[check], "a passing command checks its item");
    ran.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: true }, at(10_800)).expect("verify done");
    ran.apply(Command::Finish, at(11_000)).expect("finish");
    assert!(!claimed_gap(&ran), "{:?}", verdict(&ran).missing);
}
