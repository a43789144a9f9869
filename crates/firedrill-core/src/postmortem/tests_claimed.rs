//! The record never states a key-press fact as done: a tick, a release
//! typed and a redeploy recorded by hand say "claimed"; a check whose
//! command passed and a release the probe read say "measured"; the checks'
//! heading says nothing either way. Time is data.

use super::*;
use crate::command::RunResult;
use crate::event::Header;
use crate::evidence::Sensor;
use crate::roles::Roles;
use crate::session::Command;
use crate::session::tests_evidence::{at, out};
use crate::vocab::{Mode, StepKind};

const RUNBOOK: &str = r#"
version = 1
title = "Sign-up"
[release]
live = "prod-bad"
known_good = "prod-good"
probe = ["./world", "live"]
[[triggers]]
signal = "sign-up failures"
[[checks]]
name = "Sign up"
command = ["./world", "signup"]
[[checks]]
name = "Sign in"
"#;

fn header(format: u32) -> Header {
    Header {
        format,
        session_id: "claimed".into(),
        runbook_text: RUNBOOK.into(),
        started_at: at(0).at,
        ..super::tests::header()
    }
}

/// A drill: the live release named (after the probe read it when
/// `probed`; without, the runbook has no probe), step 3's redeploy recorded
/// by hand, and at the verify step "Sign up" measured by its passing
/// command and "Sign in" ticked by hand.
fn drill(probed: bool) -> (Runbook, Session) {
    let text = if probed { RUNBOOK.to_owned() } else { RUNBOOK.replace("probe = [\"./world\", \"live\"]\n", "") };
    let rb = Runbook::parse("t.toml", &text).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let apply = |s: &mut Session, c: Command, t: u64| {
        s.apply(c, at(t)).unwrap_or_else(|e| panic!("{e}"));
    };
    apply(&mut s, Command::Start(Roles::new("Ana", "Ben", "Cy")), 0);
    if probed {
        apply(&mut s, Command::RecordReading { sensor: Sensor::Probe, result: out(0, "live: prod-bad") }, 500);
    }
    apply(&mut s, Command::NameLive("prod-bad".into()), 1_000);
    for t in [2_000, 3_000] {
        apply(&mut s, Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, t);
    }
    apply(&mut s, Command::RevertTo("prod-good".into()), 4_000);
    for t in [5_000, 6_000] {
        apply(&mut s, Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, t);
    }
    let verify = s.step(StepKind::Verify).expect("verify").plan.clone();
    let item = |name: &str| verify.items.iter().position(|i| i.text.contains(name)).expect("the check");
    let (up, signin) = (item("Sign up"), item("Sign in"));
    apply(&mut s, Command::StartCommand { item: up, shown_argv: vec![] }, 7_000);
    apply(&mut s, Command::FinishCommand { step: StepKind::Verify, item: up, result: out(0, "ok") }, 8_000);
    apply(&mut s, Command::ToggleItem(signin), 9_000);
    (rb, s)
}

fn both(rb: &Runbook, s: &Session, head: &Header) -> (String, String) {
    let input = Input { header: head, runbook: rb, session: s, history: &[] };
    (render(&input), timeline::full(&input).unwrap_or_default())
}

#[test]
fn a_tick_by_a_key_press_is_claimed_and_a_passing_command_measured() {
    let (rb, s) = drill(false);
    let head = header(crate::event::JOURNAL_FORMAT);
    let (md, _) = both(&rb, &s, &head);
    assert!(md.contains("| verifier | Checked (claimed by a key press): Sign in |"), "{md}");
    assert!(md.contains("| verifier | Command for Sign up: passed (exit 0) in 00:00 |"), "{md}");
    assert!(!md.contains("Checked (claimed by a key press): Sign up"), "the command's pass is no key press: {md}");
    assert!(!md.contains("| Checked: "), "no tick is stated as done: {md}");
    assert!(!md.contains("Checks verified"), "no heading says verified over claimed items: {md}");
    let checks = md.split("## Checks\n\n").nth(1).expect("the checks section");
    assert!(checks.contains("- [x] Sign up (measured by `./world signup` (passed (exit 0)) at 00:00:08 UTC)"), "{md}");
    assert!(checks.contains("- [x] Sign in (claimed by the verifier at 00:00:09 UTC)"), "{md}");
}

#[test]
fn a_release_typed_is_claimed_unless_the_probe_read_it_first() {
    let head = header(crate::event::JOURNAL_FORMAT);
    let (rb, s) = drill(false);
    let (md, _) = both(&rb, &s, &head);
    assert!(md.contains("| Live release named: `prod-bad` (claimed by the driver at 00:00:01 UTC) |"), "{md}");
    let (rb, s) = drill(true);
    let (md, _) = both(&rb, &s, &head);
    assert!(
        md.contains(
            "| Live release named: `prod-bad` (measured by `./world live` (passed (exit 0)) at 00:00:00 UTC) |"
        ),
        "{md}"
    );
    // The row and the trigger section read one rule.
    assert!(md.contains("- Live release named: `prod-bad` (measured by `./world live`"), "{md}");
}

#[test]
fn a_redeploy_recorded_by_hand_is_claimed_in_the_timeline_and_the_summary() {
    let (rb, s) = drill(false);
    let head = header(crate::event::JOURNAL_FORMAT);
    let (md, _) = both(&rb, &s, &head);
    assert!(md.contains("| driver | Production now on `prod-good` (claimed by a key press) |"), "{md}");
    // Without a probe, the recovery rests on the redeploy recorded by hand.
    assert!(!md.contains("was confirmed at"), "a claimed recovery is never 'confirmed': {md}");
    assert!(md.contains("was recorded at T+00:04 (claimed by a key press)"), "{md}");
}

#[test]
fn review_counts_a_steps_measured_and_claimed_items() {
    let (rb, s) = drill(false);
    let head = header(crate::event::JOURNAL_FORMAT);
    let mut s = s;
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(10_000)).expect("done");
    let sum = crate::review::summarize(&head, &rb, &s);
    let verify = sum.steps.iter().find(|t| t.kind == StepKind::Verify).expect("verify");
    assert!(verify.measured, "the old field keeps its meaning: some item measured");
    assert_eq!((verify.items_measured, verify.items_claimed), (1, 1));
    let revert = sum.steps.iter().find(|t| t.kind == StepKind::Revert).expect("revert");
    assert_eq!((revert.measured, revert.items_measured, revert.items_claimed), (false, 0, 1));
}

#[test]
fn a_format_1_journal_keeps_its_ticks_claimed_and_its_heading_plain() {
    let (rb, s) = drill(false);
    // Without the command's events: a format 1 journal had none.
    let events: Vec<_> = s
        .events
        .iter()
        .filter(|e| !matches!(e.kind, crate::event::EventKind::CommandStarted { .. }))
        .filter(|e| !matches!(e.kind, crate::event::EventKind::CommandFinished { .. }))
        .cloned()
        .collect();
    let old = Session::replay_recorded(1, Mode::Drill, &rb, events);
    let head = header(1);
    let (md, _) = both(&rb, &old, &head);
    assert!(md.contains("Checked (claimed by a key press): Sign in"), "{md}");
    assert!(md.contains("## Checks\n\n- [ ] Sign up\n- [x] Sign in (claimed by the verifier at 00:00:09 UTC)"), "{md}");
}

#[test]
fn a_promise_answered_done_and_a_secret_rotated_are_claimed() {
    let (rb, mut s) = drill(false);
    s.apply(Command::FollowUp { item: "script the flag flip".into(), done: true }, at(9_500)).expect("answered");
    s.apply(Command::FollowUp { item: "bookmark the ledger".into(), done: false }, at(9_600)).expect("answered");
    s.apply(Command::RotateSecret { name: "FLAG_TOKEN".into(), applied: vec!["CI".into()] }, at(9_700)).expect("kept");
    let (md, _) = both(&rb, &s, &header(crate::event::JOURNAL_FORMAT));
    assert!(md.contains("| Promised last time: script the flag flip (done, claimed by a key press) |"), "{md}");
    assert!(md.contains("| Promised last time: bookmark the ledger (not done) |"), "{md}");
    assert!(
        md.contains("- [x] script the flag flip (claimed by a key press)\n- [ ] bookmark the ledger (not done)"),
        "{md}"
    );
    assert!(md.contains("| Secret rotated (claimed by a key press): `FLAG_TOKEN`, applied in CI |"), "{md}");
    assert!(md.contains("Each rotation is claimed by a key press: nothing measured it."), "{md}");
}

#[test]
fn the_deploy_the_probe_read_opens_both_timelines() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    let deployed = RunResult { tail: vec!["live: prod-bad deployed 2026-12-06T23:58:00Z".to_owned()], ..out(0, "") };
    s.apply(Command::RecordReading { sensor: Sensor::Probe, result: deployed }, at(500)).expect("read");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(900)).expect("trigger");
    // Two freeze items ticked one after another share a row: the full timeline is written.
    for (item, t) in [(0, 1_000), (1, 1_100)] {
        s.apply(Command::ToggleItem(item), at(t)).expect("tick");
    }
    let head = header(crate::event::JOURNAL_FORMAT);
    let (md, full) = both(&rb, &s, &head);
    let row =
        "| 2026-12-06 23:58:00 | -02:00 | - | Deployed `prod-bad` (per the release probe, measured at 00:00:00 UTC) |";
    assert!(md.contains(row), "{md}");
    assert!(!full.is_empty(), "items were grouped, so the full timeline is written");
    assert!(full.contains(row), "the full timeline opens with the deploy too:\n{full}");
}

#[test]
fn a_measured_recovery_after_a_redeploy_recorded_by_hand_says_the_redeploy_was_claimed() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    s.apply(Command::RecordReading { sensor: Sensor::Probe, result: out(0, "live: prod-bad") }, at(500)).expect("read");
    for t in [1_000, 2_000] {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t)).expect("done");
    }
    s.apply(Command::RevertTo("prod-good".into()), at(4_000)).expect("by hand");
    s.apply(Command::RecordReading { sensor: Sensor::Probe, result: out(0, "live: prod-good") }, at(4_500))
        .expect("read");
    let (md, _) = both(&rb, &s, &header(crate::event::JOURNAL_FORMAT));
    assert!(
        md.contains(
            "| Back on the known-good release | T+00:04 | measured by `./world live` (passed (exit 0)) at 00:00:04 UTC, \
             after production moved to prod-good (claimed by a key press) at 00:00:04 UTC |"
        ),
        "the probe measured it; the move before it was a key press: {md}"
    );
}

#[test]
fn a_probe_that_exits_0_reading_another_release_is_not_said_to_pass() {
    // Found on a walk: "Command for Probe: production reports prod-good:
    // passed (exit 0)" over output naming the broken release.
    let (rb, mut s) = drill(true);
    let probe = s.step(StepKind::Verify).and_then(|v| v.plan.items.iter().position(|i| i.text.starts_with("Probe")));
    let probe = probe.expect("the probe item");
    s.apply(Command::StartCommand { item: probe, shown_argv: vec![] }, at(10_000)).expect("run");
    s.apply(
        Command::FinishCommand { step: StepKind::Verify, item: probe, result: out(0, "live: prod-bad") },
        at(11_000),
    )
    .expect("finished");
    let said = "did not pass: exit 0, but its last lines do not show `prod-good`";
    let row = format!("| Command for Probe: production reports prod-good: {said} in 00:00 |");
    let (md, _) = both(&rb, &s, &header(crate::event::JOURNAL_FORMAT));
    assert!(md.contains(&row), "{md}");
    assert!(md.contains(&format!("`./world live` {said} in 00:00")), "the resolution says it too: {md}");
    assert!(!md.contains("production reports prod-good: passed"), "{md}");
    assert!(!s.step(StepKind::Verify).is_some_and(|v| v.checked[probe]), "not checked either");
    // A later decision derives a plan without that probe: the run is still
    // judged by what was expected when it ended.
    s.apply(Command::ChangeDecision(crate::vocab::Decision::FixForward), at(12_000)).expect("changed");
    let (md, _) = both(&rb, &s, &header(crate::event::JOURNAL_FORMAT));
    assert!(md.contains(&format!("| Command for item 3: {said} in 00:00 |")), "{md}");
    assert!(md.contains(&format!("- item 3: `./world live` {said}")), "a run whose item left the plan is named: {md}");
}
