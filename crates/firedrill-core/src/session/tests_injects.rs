//! Inject cards (issue 12) as scenarios with exact times: when they fire,
//! what their effects refuse or overrule, a deck's cards after the
//! runbook's, and every scenario replayed equal to the live state.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::command::{RunEnd, RunResult};
use crate::vocab::StepKind;

const RUNBOOK: &str = r#"
version = 1
title = "Checkout"
[release]
live = "prod-2"
known_good = "prod-1"
probe = ["./probe"]
[[triggers]]
signal = "errors"
[[flags]]
name = "new_checkout"
[[checks]]
name = "Pay"
command = ["./smoke", "pay"]
"#;

fn at(t_ms: u64) -> Stamp {
    let base: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).single().expect("date");
    Stamp { at: base + Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

/// A started drill over the runbook with `cards` (TOML) appended.
fn drill_with(cards: &str) -> (Runbook, Session) {
    let rb = Runbook::parse("t.toml", &format!("{RUNBOOK}{cards}")).expect("runbook with injects");
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    (rb, s)
}

/// Applies each command one second apart from `from_ms`.
fn run(s: &mut Session, from_ms: u64, script: Vec<Command>) {
    for (n, c) in script.into_iter().enumerate() {
        let t = from_ms + 1_000 * (n as u64);
        if let Err(e) = s.apply(c.clone(), at(t)) {
            panic!("{c:?} at {t}: {e}");
        }
    }
}

fn done() -> Command {
    Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }
}

/// A run that passed and printed `release`.
fn printed(release: &str) -> RunResult {
    RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 10, tail: vec![release.into()], output_bytes: 6 }
}

#[test]
fn inject_cards_fire_at_their_time_or_step_and_are_acknowledged_once() {
    let (rb, mut s) = drill_with(
        "[[injects]]\ntitle = \"CI is down\"\ntext = \"Use plan B\"\nat = \"30s\"\n[[injects]]\ntitle = \"Known-good fails its health check\"\non = \"revert\"\n",
    );
    assert!(s.due_injects(29_000).is_empty());
    assert_eq!(s.due_injects(30_000), vec![0], "at its time");
    s.apply(Command::FireInject(0), at(30_000)).expect("fired");
    assert!(s.apply(Command::FireInject(0), at(30_500)).is_err(), "once");
    s.apply(Command::AckInject(0), at(42_000)).expect("acknowledged");
    assert!(s.apply(Command::AckInject(0), at(43_000)).is_err(), "acknowledged once");
    run(&mut s, 44_000, vec![done(), done()]);
    assert_eq!(s.due_injects(46_000), vec![1], "when the revert step starts");
    s.apply(Command::FireInject(1), at(46_000)).expect("fired");
    assert_eq!(
        (s.injects[0].fired_ms, s.injects[0].acked_ms, s.injects[1].fired_ms),
        (Some(30_000), Some(42_000), Some(46_000))
    );
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s);
}

#[test]
fn an_inject_that_fails_a_check_needs_the_verifiers_reason_even_when_the_command_passes() {
    let (rb, mut s) =
        drill_with("[[injects]]\ntitle = \"Payments sandbox down\"\non = \"verify\"\nfail_check = \"Pay\"\n");
    run(&mut s, 1_000, vec![done(), done(), done(), done()]);
    assert_eq!(s.next_unfired_inject(), Some(0));
    s.apply(Command::FireInject(0), at(6_000)).expect("fired when verify starts");
    assert_eq!(s.item_effect(StepKind::Verify, 0), Some((0, InjectEffect::FailsCheck)));
    assert_eq!(s.apply(Command::ToggleItem(0), at(7_000)), Err(SessionError::CheckFailed { item: 0 }));
    // The smoke test really passed: kept as it came, overruled by the card, not checked.
    s.apply(Command::StartCommand { item: 0, shown_argv: vec![] }, at(7_500)).expect("run");
    let finish = Command::FinishCommand { step: StepKind::Verify, item: 0, result: printed("ok") };
    s.apply(finish, at(7_600)).expect("finished");
    let run0 = s.last_run(StepKind::Verify, 0).expect("run");
    assert_eq!((run0.result.as_ref().map(|r| r.end.passed()), run0.overruled_by), (Some(true), Some(0)));
    assert!(!s.steps[4].checked[0], "a card's failed check is not ticked by a passing command");
    s.apply(Command::OverrideCheck { item: 0, reason: "verified by hand in prod".into() }, at(8_000)).expect("accept");
    assert!(s.steps[4].checked[0], "accepted with a reason");
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s);
}

#[test]
fn a_stuck_kill_switch_cannot_be_turned_off_once_its_card_is_shown() {
    let (rb, mut s) =
        drill_with("[[injects]]\ntitle = \"Flag service unreachable\"\nat = \"2s\"\nstuck_flag = \"new_checkout\"\n");
    assert_eq!(s.flag_stuck_by(0), None, "not before the card is shown");
    s.apply(Command::FireInject(0), at(2_000)).expect("fired");
    let stuck = SessionError::FlagStuck { flag: "new_checkout".into(), card: "Flag service unreachable".into() };
    assert_eq!(s.apply(Command::TurnFlagOff(0), at(3_000)), Err(stuck.clone()));
    assert_eq!(stuck.to_string(), "new_checkout cannot be turned off: Flag service unreachable (inject card)");
    run(&mut s, 4_000, vec![done(), done(), done()]);
    assert_eq!(s.steps[3].plan.kind, StepKind::DisableFlags);
    assert_eq!(s.item_effect(StepKind::DisableFlags, 0), Some((0, InjectEffect::StuckFlag)));
    assert_eq!(s.apply(Command::ToggleItem(0), at(8_000)), Err(stuck), "its item cannot turn it off either");
    run(&mut s, 9_000, vec![done(), done(), Command::Finish]);
    assert_eq!(s.flags[0].state, crate::vocab::FlagState::Untouched);
    assert_eq!(s.steps[3].left_unchecked, vec![0], "left, as the card forced");
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s);
}

#[test]
fn a_probe_made_to_report_a_wrong_release_keeps_its_real_output_and_needs_a_reason() {
    let (rb, mut s) =
        drill_with("[[injects]]\ntitle = \"The probe lies\"\non = \"verify\"\nprobe_reports = \"prod-2\"\n");
    run(&mut s, 1_000, vec![done(), done(), Command::RevertTo("prod-1".into()), done(), done()]);
    let probe = s.steps[4].plan.find(crate::plan::Meaning::Probe).expect("probe item");
    assert_eq!(s.item_effect(StepKind::Verify, probe), None, "nothing before the card");
    s.apply(Command::FireInject(0), at(7_000)).expect("fired");
    assert_eq!(s.probe_simulated_by(), Some((0, "prod-2")));
    assert_eq!(s.item_effect(StepKind::Verify, probe), Some((0, InjectEffect::ProbeReports("prod-2".into()))));
    s.apply(Command::StartCommand { item: probe, shown_argv: vec![] }, at(8_000)).expect("run");
    let finish = Command::FinishCommand { step: StepKind::Verify, item: probe, result: printed("prod-1") };
    s.apply(finish, at(8_100)).expect("finished");
    let r = s.last_run(StepKind::Verify, probe).expect("run");
    assert_eq!(r.result.as_ref().map(|x| x.tail.clone()), Some(vec!["prod-1".to_owned()]), "the real output");
    assert_eq!(r.overruled_by, Some(0), "marked as overruled by the card");
    assert!(!s.steps[4].checked[probe]);
    assert_eq!(s.apply(Command::ToggleItem(probe), at(9_000)), Err(SessionError::CheckFailed { item: probe }));
    s.apply(Command::OverrideCheck { item: probe, reason: "ledger shows prod-1".into() }, at(10_000)).expect("ok");
    assert!(s.steps[4].checked[probe]);
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s);
}

#[test]
fn without_a_card_a_passing_probe_checks_its_item() {
    let (_, mut s) = drill_with("");
    run(&mut s, 1_000, vec![done(), done(), Command::RevertTo("prod-1".into()), done(), done()]);
    let probe = s.steps[4].plan.find(crate::plan::Meaning::Probe).expect("probe item");
    s.apply(Command::StartCommand { item: probe, shown_argv: vec![] }, at(8_000)).expect("run");
    let finish = Command::FinishCommand { step: StepKind::Verify, item: probe, result: printed("prod-1") };
    s.apply(finish, at(8_100)).expect("finished");
    assert!(s.steps[4].checked[probe]);
    assert_eq!(s.last_run(StepKind::Verify, probe).and_then(|r| r.overruled_by), None);
}

#[test]
fn a_decks_cards_follow_the_runbooks_and_replay_with_the_deck() {
    let rb = Runbook::parse("t.toml", &format!("{RUNBOOK}[[injects]]\ntitle = \"Own card\"\nat = \"1m\"\n"))
        .expect("runbook");
    let deck = crate::runbook::Deck::parse("decks/q4.toml", "[[injects]]\ntitle = \"CI is down\"\nat = \"3s\"\n", &rb)
        .expect("deck");
    let fresh = || Session::new(Mode::Drill, &rb).with_deck(Some(("q4", &deck)));
    let mut s = fresh();
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    assert_eq!(s.deck.as_deref(), Some("q4"));
    assert_eq!(
        s.injects.iter().map(|c| (c.title.as_str(), c.from_deck)).collect::<Vec<_>>(),
        vec![("Own card", false), ("CI is down", true)]
    );
    assert_eq!(s.due_injects(3_000), vec![1]);
    run(&mut s, 3_000, vec![Command::FireInject(1), Command::AckInject(1)]);
    assert_eq!((s.injects[1].fired_ms, s.injects[1].acked_ms), (Some(3_000), Some(4_000)));
    assert_eq!(fresh().replay_onto(crate::event::JOURNAL_FORMAT, s.events.clone()), s);
    let without = Session::replay(Mode::Drill, &rb, &s.events);
    assert_ne!(without, s, "without its deck the journal does not replay the same");
}

#[test]
fn a_card_is_not_acknowledged_by_a_key_pressed_as_it_appears() {
    let (_, mut s) = drill_with("[[injects]]\ntitle = \"CI is down\"\ntext = \"Use plan B\"\nat = \"30s\"\n");
    s.apply(Command::FireInject(0), at(30_000)).expect("fired");
    assert_eq!(s.apply(Command::AckInject(0), at(30_400)).map(|_| ()), Err(SessionError::CardJustShown));
    assert_eq!(s.injects[0].acked_ms, None, "still up, to be read");
    s.apply(Command::AckInject(0), at(31_000)).expect("a second later it is read");
    assert_eq!(s.injects[0].acked_ms, Some(31_000));
}
