//! The rules of issue "Evidence, not key presses": kill switches that run
//! and read back, the health check and the probe as sensors, figures that
//! say measured or claimed. Time is data; each scenario replays equal.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::command::{RunEnd, RunResult};
use crate::event::EventKind;
use crate::evidence::{Evidence, Sensor};
use crate::outcome::verdict;
use crate::vocab::{FlagState, Role, StepKind, SwitchAction};

use crate::timing::Kpis;

const RUNBOOK: &str = r#"
version = 1
title = "Sign-up"
[release]
live = "prod-bad"
known_good = "prod-good"
probe = ["./world", "live"]
health = ["./world", "health"]
health_every = "15s"
[[triggers]]
signal = "sign-up failures"
[[flags]]
name = "onboarding_v2"
safe_command = ["./world", "flag", "off", "--token", "ghp_0123456789abcdefghijklmnopqrstuvwxyz"]
restore_command = ["./world", "flag", "on"]
state_command = ["./world", "flag"]
[[flags]]
name = "maintenance_mode"
safe = "on"
[[checks]]
name = "Sign up"
command = ["./world", "signup"]
[[steps]]
kind = "revert"
do = [{ text = "Deploy the known-good release", command = ["./world", "deploy", "prod-good"], mutates = true }]
"#;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).single().expect("date")
}

pub(crate) fn at(t_ms: u64) -> Stamp {
    Stamp { at: base() + Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn runbook() -> Runbook {
    Runbook::parse("t.toml", RUNBOOK).expect("valid runbook")
}

pub(super) fn start(mode: Mode, live_commands: bool) -> Session {
    let mut s = Session::new(mode, &runbook()).with_live_commands(live_commands);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    s
}

pub(crate) fn out(code: i32, line: &str) -> RunResult {
    RunResult { end: RunEnd::Exited { code }, duration_ms: 40, tail: vec![line.to_owned()], output_bytes: 8 }
}

pub(super) fn read(s: &mut Session, sensor: Sensor, result: RunResult, t: u64) {
    s.apply(Command::RecordReading { sensor, result }, at(t)).expect("reading");
}

/// Takes the incident `s` to step 3 and runs its deploy command (the item
/// returned) from 3 s to `done_ms`, exiting 0 and saying `said`.
pub(super) fn deployed(s: &mut Session, said: &str, done_ms: u64) -> usize {
    for t in [1_000, 2_000] {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t)).expect("step");
    }
    let deploy = s.steps[2].plan.items.iter().position(|i| i.command.is_some()).expect("the deploy item");
    s.apply(Command::StartCommand { item: deploy, shown_argv: vec![] }, at(3_000)).expect("run");
    s.apply(Command::FinishCommand { step: StepKind::Revert, item: deploy, result: out(0, said) }, at(done_ms))
        .expect("deployed");
    deploy
}

pub(super) fn replays(s: &Session, mode: Mode, live_commands: bool) {
    let fresh = Session::new(mode, &runbook()).with_live_commands(live_commands);
    assert_eq!(&fresh.replay_onto(crate::event::JOURNAL_FORMAT, s.events.clone()), s, "replay equals live");
}

#[test]
fn a_switch_with_a_safe_command_runs_it_and_is_safe_only_once_it_passed() {
    let mut s = start(Mode::Incident, false);
    let e = s.apply(Command::TurnFlagOff(0), at(5_000)).expect("runs");
    let EventKind::SwitchCommandStarted { action: SwitchAction::Safe, argv, .. } = &e.kind else {
        panic!("the command starts: {e:?}")
    };
    assert!(!argv.iter().any(|a| a.contains("ghp_")), "the argv is recorded redacted: {argv:?}");
    assert_eq!(s.flags[0].state, FlagState::Untouched, "a command running has not put it anywhere yet");
    assert_eq!(s.apply(Command::TurnFlagOff(0), at(5_500)), Err(SessionError::SwitchBusy("onboarding_v2".into())));
    let fail = Command::FinishSwitchCommand { index: 0, action: SwitchAction::Safe, result: out(3, "denied") };
    s.apply(fail, at(6_000)).expect("failed");
    assert_eq!(s.flags[0].state, FlagState::Untouched, "a failed command changes nothing");
    assert_eq!(s.flags[0].failed, Some((SwitchAction::Safe, RunEnd::Exited { code: 3 })));
    s.apply(Command::TurnFlagOff(0), at(7_000)).expect("again");
    let pass = Command::FinishSwitchCommand { index: 0, action: SwitchAction::Safe, result: out(0, "ok") };
    s.apply(pass, at(7_400)).expect("passed");
    let f = &s.flags[0];
    assert_eq!((f.state, f.off_ms, f.failed.clone()), (FlagState::Safe, Some(7_400), None));
    assert!(matches!(f.evidence, Some(Evidence::Measured { end: RunEnd::Exited { code: 0 }, .. })));
    assert_eq!(f.label(), "● set to safe (off)");
    replays(&s, Mode::Incident, false);
}

#[test]
fn a_dry_drill_rehearses_switch_commands_and_stays_dry() {
    let mut s = start(Mode::Drill, false);
    let e = s.apply(Command::TurnFlagOff(0), at(3_000)).expect("rehearsed");
    assert!(matches!(e.kind, EventKind::SwitchCommandFinished { .. }), "not run: {e:?}");
    assert_eq!(s.flags[0].state, FlagState::Safe);
    assert!(matches!(s.flags[0].evidence, Some(Evidence::Rehearsed { .. })));
    assert_eq!(s.fire(), Some(Fire::Dry));
    let mut live = start(Mode::Drill, true);
    live.apply(Command::TurnFlagOff(0), at(3_000)).expect("runs");
    assert_eq!(live.fire(), Some(Fire::LiveFire), "a drill that ran a mutating command is live-fire");
    replays(&s, Mode::Drill, false);
    replays(&live, Mode::Drill, true);
}

#[test]
fn a_claimed_switch_is_named_in_its_own_terms_and_a_read_back_can_contradict_it() {
    let mut s = start(Mode::Incident, true);
    s.apply(Command::TurnFlagOff(1), at(2_000)).expect("no command: a claim");
    assert_eq!(s.flags[1].label(), "● set to safe (on)", "never 'turned off' for a safe = on switch");
    assert!(matches!(s.flags[1].evidence, Some(Evidence::Claimed { role: Some(Role::Driver), .. })));
    // onboarding_v2 claimed by its item would read back: the read says it is still on.
    s.apply(Command::TurnFlagOff(0), at(3_000)).expect("started");
    s.apply(Command::FinishSwitchCommand { index: 0, action: SwitchAction::Safe, result: out(0, "") }, at(3_200))
        .expect("passed");
    read(&mut s, Sensor::Switch("onboarding_v2".into()), out(0, "onboarding_v2=on"), 3_500);
    assert!(s.flags[0].read_disagrees(), "the command passed but the switch reads on");
    let m = s.mitigation().expect("the claimed switch (no health answered) mitigates");
    assert_eq!(m.t_ms, 2_000, "onboarding_v2 does not count: its read-back disagrees");
    assert!(matches!(m.evidence, Evidence::Claimed { .. }));
    replays(&s, Mode::Incident, true);
}

#[test]
fn mitigation_is_the_first_passing_health_after_it_failed_and_names_the_press_before_it() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Health, out(1, "GET /signup 500"), 1_000);
    read(&mut s, Sensor::Probe, out(0, "live: prod-bad deployed 2026-12-06T23:58:00Z"), 1_100);
    s.apply(Command::TurnFlagOff(0), at(24_000)).expect("started");
    s.apply(Command::FinishSwitchCommand { index: 0, action: SwitchAction::Safe, result: out(0, "") }, at(24_300))
        .expect("passed");
    assert_eq!(s.mitigation(), None, "safe, but health has not passed since");
    read(&mut s, Sensor::Health, out(0, "GET /signup 200"), 31_000);
    let m = s.mitigation().expect("mitigated");
    assert_eq!(m.t_ms, 31_000, "the health check's time, not the key press");
    assert!(m.evidence.is_measured());
    assert_eq!(m.after.map(|a| (a.t_ms, a.what)), Some((24_300, "onboarding_v2 set to safe (off)".to_owned())));
    let k = Kpis::of(&s, 40_000, 1);
    assert_eq!(k.mitigated_ms, Some(31_000));
    assert_eq!(s.probe_release(), Some("prod-bad"));
    assert_eq!(
        s.last_probe().and_then(|p| p.deployed_at).map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-12-06T23:58:00+00:00")
    );
    replays(&s, Mode::Incident, true);
}

#[test]
fn sensors_are_due_at_the_start_after_an_action_and_every_interval_never_while_paused() {
    let mut s = start(Mode::Drill, true);
    let all = vec![Sensor::Health, Sensor::Probe, Sensor::Switch("onboarding_v2".into())];
    assert_eq!(s.sensors_due(0), all);
    read(&mut s, Sensor::Health, out(1, ""), 500);
    read(&mut s, Sensor::Probe, out(0, "prod-bad"), 600);
    read(&mut s, Sensor::Switch("onboarding_v2".into()), out(0, "on"), 700);
    assert!(s.sensors_due(10_000).is_empty());
    assert_eq!(s.sensors_due(15_600), vec![Sensor::Health, Sensor::Probe], "every health_every");
    s.apply(Command::TurnFlagOff(0), at(16_000)).expect("started");
    assert_eq!(s.sensors_due(16_100), vec![Sensor::Health, Sensor::Probe], "the switch reads once its command ends");
    s.apply(Command::FinishSwitchCommand { index: 0, action: SwitchAction::Safe, result: out(0, "") }, at(16_200))
        .expect("passed");
    assert_eq!(s.sensors_due(16_300), all, "after an action every sensor reads again");
    s.apply(Command::Pause, at(17_000)).expect("pause");
    assert!(s.sensors_due(60_000).is_empty(), "nothing runs while the drill is paused");
}

#[test]
fn the_live_release_named_from_the_probe_is_measured_at_the_probe_time() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Probe, out(0, "live: prod-bad"), 800);
    s.apply(Command::NameLive("prod-bad".into()), at(9_000)).expect("confirmed");
    let k = Kpis::of(&s, 9_000, 1);
    assert_eq!(k.name_live_ms, Some(800), "the ledger answered at 0.8 s; the team confirmed it");
    assert!(k.facts[0].as_ref().is_some_and(|f| f.evidence.is_measured()));
    let mut typed = start(Mode::Incident, true);
    typed.apply(Command::NameLive("prod-other".into()), at(9_000)).expect("typed");
    let k = Kpis::of(&typed, 9_000, 1);
    assert_eq!(k.name_live_ms, Some(9_000));
    assert!(matches!(
        k.facts[0].as_ref().map(|f| &f.evidence),
        Some(Evidence::Claimed { role: Some(Role::Driver), .. })
    ));
    replays(&s, Mode::Incident, true);
}

#[test]
fn the_revert_never_offers_the_broken_release_the_probe_still_reads() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Probe, out(0, "live: prod-bad"), 800);
    let probed = |r: &str| (r.to_owned(), "the release probe read");
    assert_eq!(s.release_offers(false, "prod-bad"), [probed("prod-bad")], "the runbook agrees: one choice");
    s.apply(Command::NameLive("prod-bad".into()), at(9_000)).expect("named");
    let offers = s.release_offers(true, "prod-good");
    assert_eq!(offers, [("prod-good".to_owned(), "the runbook's known-good")], "before the redeploy: {offers:?}");
    read(&mut s, Sensor::Probe, out(0, "live: prod-good"), 60_000);
    assert_eq!(s.release_offers(true, "prod-good"), [probed("prod-good")], "measured once it is live");
    read(&mut s, Sensor::Probe, out(0, "live: prod-other"), 70_000);
    let offers = s.release_offers(true, "prod-good");
    assert_eq!(offers[0], probed("prod-other"), "what went live instead comes first, measured: {offers:?}");
    assert_eq!(offers[1].0, "prod-good");
    // A live release typed by hand does not make the probe's broken one a target.
    let mut typed = start(Mode::Incident, true);
    read(&mut typed, Sensor::Probe, out(0, "live: prod-bad"), 800);
    typed.apply(Command::NameLive("1.4.0".into()), at(9_000)).expect("typed");
    let offers = typed.release_offers(true, "prod-good");
    assert_eq!(offers, [("prod-good".to_owned(), "the runbook's known-good")], "{offers:?}");
}

#[test]
fn unchecking_what_a_passing_command_checked_needs_a_reason_kept_beside_it() {
    let mut s = start(Mode::Incident, true);
    let deploy = deployed(&mut s, "", 4_000);
    assert!(s.asks_before_running(deploy), "a mutating command asks first");
    assert_eq!(s.apply(Command::ToggleItem(deploy), at(5_000)), Err(SessionError::ReasonToUncheck { item: deploy }));
    let e = s
        .apply(Command::UncheckItem { item: deploy, reason: "deployed the wrong region".into() }, at(5_000))
        .expect("unchecked with a reason");
    assert!(matches!(e.kind, EventKind::ItemToggled { checked: false, reason: Some(_), .. }));
    assert!(!s.steps[2].checked[deploy]);
    replays(&s, Mode::Incident, true);
}

#[test]
fn an_accepted_failure_verifies_with_a_count_and_never_sets_a_best_time() {
    let mut s = start(Mode::Drill, false);
    for t in [1_000, 2_000] {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t)).expect("step");
    }
    s.apply(Command::RevertTo("prod-good".into()), at(3_000)).expect("claimed");
    for t in [4_000, 5_000] {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t)).expect("step");
    }
    assert_eq!(s.read_only_items(), vec![0, 1], "the check and the probe run with R");
    s.apply(Command::StartCommand { item: 0, shown_argv: vec![] }, at(6_000)).expect("run");
    s.apply(Command::FinishCommand { step: StepKind::Verify, item: 0, result: out(1, "500") }, at(6_500))
        .expect("failed");
    s.apply(Command::OverrideCheck { item: 0, reason: "known flaky test account".into() }, at(7_000))
        .expect("accepted");
    s.apply(Command::StartCommand { item: 1, shown_argv: vec![] }, at(7_500)).expect("probe");
    s.apply(Command::FinishCommand { step: StepKind::Verify, item: 1, result: out(0, "prod-good") }, at(8_000))
        .expect("probe passed");
    s.apply(Command::CompleteStep { leave_unchecked: false, leave_flags_off: false }, at(9_000)).expect("verified");
    s.apply(Command::Finish, at(10_000)).expect("finish");
    let v = verdict(&s);
    assert_eq!(v.describe(), "verified with 1 accepted failure");
    assert_eq!(v.accepted, vec!["Sign up".to_owned()]);
    assert!(!v.is_clean(), "an accepted failure never sets a best time");
    replays(&s, Mode::Drill, false);
}

#[test]
fn severity_starts_from_the_runbook_and_changes_as_an_event() {
    let text = RUNBOOK.replace("title = \"Sign-up\"", "title = \"Sign-up\"\nseverity = \"SEV2\"");
    let rb = Runbook::parse("t.toml", &text).expect("valid");
    let mut s = Session::new(Mode::Incident, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), at(0)).expect("solo");
    assert_eq!(s.severity, Some(crate::vocab::Severity::Sev2));
    assert_eq!(s.apply(Command::SetSeverity(crate::vocab::Severity::Sev2), at(1)), Err(SessionError::SameSeverity));
    s.apply(Command::SetSeverity(crate::vocab::Severity::Sev1), at(2)).expect("raised");
    assert_eq!(s.severity, Some(crate::vocab::Severity::Sev1));
}

#[test]
fn the_draft_update_reads_the_latest_evidence_and_drops_the_trigger_once_health_passed() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Health, out(1, ""), 1_000);
    read(&mut s, Sensor::Probe, out(0, "live: prod-bad"), 1_100);
    let before = crate::incident::draft_update(&s, &runbook(), base());
    assert!(before.contains("sign-up failures: health check failing since 00:00:01 UTC"), "{before}");
    assert!(before.contains("live: prod-bad (release probe, 00:00:01 UTC)"), "{before}");
    s.apply(Command::TurnFlagOff(0), at(20_000)).expect("started");
    s.apply(Command::FinishSwitchCommand { index: 0, action: SwitchAction::Safe, result: out(0, "") }, at(20_500))
        .expect("passed");
    read(&mut s, Sensor::Switch("onboarding_v2".into()), out(0, "off"), 21_000);
    read(&mut s, Sensor::Health, out(0, ""), 27_000);
    let after = crate::incident::draft_update(&s, &runbook(), base());
    assert!(after.starts_with("Condition: health check passing since 00:00:27 UTC"), "{after}");
    assert!(!after.contains("sign-up failures"), "the trigger is no longer the condition: {after}");
    assert!(after.contains("onboarding_v2 set to safe (off), reads off"), "{after}");
}

#[test]
fn a_sensor_keeps_only_its_last_lines_and_repeats_are_no_timeline_news() {
    let mut s = start(Mode::Incident, true);
    let long = RunResult {
        end: RunEnd::Exited { code: 1 },
        duration_ms: 5,
        tail: (0..10).map(|n| format!("line {n}")).collect(),
        output_bytes: 70,
    };
    read(&mut s, Sensor::Health, long, 1_000);
    read(&mut s, Sensor::Health, out(1, ""), 16_000);
    read(&mut s, Sensor::Health, out(0, ""), 31_000);
    let EventKind::SensorRead(r) = &s.events[1].kind else { panic!("a reading") };
    assert_eq!(r.result.tail.len(), super::sensing::SENSOR_TAIL);
    assert_eq!(s.repeated_readings(), vec![s.events[2].seq], "the second failure repeats the first");
    assert_eq!(
        s.apply(
            Command::RecordReading { sensor: Sensor::Switch("maintenance_mode".into()), result: out(0, "") },
            at(32_000)
        ),
        Err(SessionError::NoCommand),
        "a switch without a state command has no sensor"
    );
}

#[test]
fn a_sensor_that_could_not_start_measures_nothing_and_waits_its_interval() {
    let mut s = start(Mode::Incident, true);
    let missing = RunResult {
        end: RunEnd::NotStarted { reason: "No such file or directory".into() },
        duration_ms: 0,
        tail: Vec::new(),
        output_bytes: 0,
    };
    read(&mut s, Sensor::Health, missing, 1_000);
    assert_eq!(s.last_health(), None, "not a failing health check: nothing was measured");
    assert_eq!(s.harm_confirmed(), None);
    assert!(!s.sensors_due(2_000).contains(&Sensor::Health), "not tried again at once");
    assert!(s.sensors_due(16_000).contains(&Sensor::Health), "tried again on its interval");
    assert_eq!(s.events.len(), 2, "the attempt stays in the record");
}

#[test]
fn a_health_answer_just_before_the_probe_and_after_the_deploy_confirms_the_recovery() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Health, out(1, ""), 500);
    deployed(&mut s, "", 5_000);
    // Both sensors run after the deploy: health answers first, the probe a moment later.
    read(&mut s, Sensor::Health, out(0, ""), 5_100);
    read(&mut s, Sensor::Probe, out(0, "prod-good"), 5_200);
    assert_eq!(s.recovery().map(|r| r.t_ms), Some(5_200), "healthy since the deploy, on the known-good release");
    assert_eq!(s.recovery().and_then(|r| r.after).map(|a| a.t_ms), Some(5_000), "after the deploy");
}

#[test]
fn where_production_moved_is_what_the_probe_read_not_the_key_pressed() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Probe, out(0, "live: prod-bad"), 500);
    for t in [1_000, 2_000] {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t)).expect("step");
    }
    // The team records the wrong release by a key press, then the deploy runs.
    s.apply(Command::RevertTo("prod-bad".into()), at(3_000)).expect("claimed");
    assert_eq!(s.moved_to(), Some(("prod-bad".to_owned(), None)), "only the claim so far");
    read(&mut s, Sensor::Probe, out(0, "live: prod-bad"), 4_000);
    assert_eq!(s.moved_to(), Some(("prod-bad".to_owned(), None)), "the probe still reads the broken release");
    read(&mut s, Sensor::Probe, out(0, "live: prod-good"), 61_000);
    assert_eq!(s.moved_to(), Some(("prod-good".to_owned(), Some("prod-bad"))), "measured beats claimed, both named");
}
