use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::event::EventKind;
use crate::plan::Meaning;
use crate::roles::RoleError;
use crate::runbook::Runbook;
use crate::timing::{Kpis, TimeboxState};
use crate::vocab::{Role, StepKind};

pub(crate) const RUNBOOK: &str = r##"
version = 1
title = "Checkout sign-up rollback"
channel = "#inc-checkout"
[release]
live = "prod-2026-01-14.1"
known_good = "prod-2026-01-10.3"
watch = ["sign-up success rate"]
[[triggers]]
signal = "sign-up failures"
threshold = ">= 5% for 5 min"
[[flags]]
name = "onboarding_v2"
how = "flagctl set onboarding_v2 off"
[[checks]]
name = "Create an account"
[[checks]]
name = "Sign in"
"##;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("valid date")
}

fn at(t_ms: u64) -> Stamp {
    Stamp { at: base() + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn drill() -> Session {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid runbook");
    Session::new(Mode::Drill, &rb)
}

fn started() -> Session {
    let mut s = drill();
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Ana")), at(0)).expect("start");
    s
}

#[test]
fn start_activates_the_trigger_step() {
    let s = started();
    assert_eq!(s.active(), Some(0));
    assert_eq!(s.steps[0].plan.kind, StepKind::Trigger);
    let texts: Vec<&str> = s.steps[0].plan.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["Confirm trigger: sign-up failures >= 5% for 5 min", "Name the live release: prod-2026-01-14.1"]
    );
}

#[test]
fn a_drill_refuses_one_person_in_all_roles() {
    let mut s = drill();
    let err = s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), at(0));
    assert_eq!(err, Err(SessionError::Roles(RoleError::AllThree("Ana".into()))));
    assert!(s.events.is_empty(), "a refused command leaves no event");
}

#[test]
fn solo_practice_starts_a_drill_for_one_person_and_is_recorded_as_such() {
    let mut s = drill();
    let e = s.apply(Command::Start(Roles::solo_practice("Ana")), at(0)).expect("solo practice");
    assert!(matches!(&e.kind, EventKind::Started { roles, .. } if roles.solo && roles.is_solo()));
    assert_eq!(s.solo_practice(), Some("Ana"));
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid runbook");
    let replayed = Session::replay(Mode::Drill, &rb, &s.events);
    assert_eq!(replayed.solo_practice(), Some("Ana"), "the journal says so");
    let mut incident = Session::new(Mode::Incident, &rb);
    let refused = incident.apply(Command::Start(Roles::solo_practice("Ana")), at(0));
    assert_eq!(refused, Err(SessionError::Roles(RoleError::SoloIncident)));
    assert_eq!(started().solo_practice(), None);
}

#[test]
fn completing_with_unchecked_items_asks_first_and_records_them() {
    let mut s = started();
    s.apply(Command::NameLive("prod-2026-01-14.1".into()), at(1_000)).expect("named, which checks its item");
    assert_eq!(
        s.apply(Command::CompleteStep { leave_unchecked: false, leave_flags_off: false }, at(2_000)),
        Err(SessionError::Unchecked(vec![0]))
    );
    let e =
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(2_000)).expect("confirmed");
    assert_eq!(e.kind, EventKind::StepCompleted { step: StepKind::Trigger, left_unchecked: vec![0] });
    assert_eq!(e.role, Some(Role::Driver));
    assert_eq!(s.active(), Some(1));
    assert_eq!(s.steps[1].started_ms, Some(2_000));
}

#[test]
fn skipping_needs_a_reason() {
    let mut s = started();
    assert_eq!(s.apply(Command::SkipStep("  ".into()), at(5)), Err(SessionError::Empty("the reason")));
    s.apply(Command::SkipStep("alert already confirmed".into()), at(5)).expect("skip");
    assert_eq!(s.steps[0].status, StepStatus::Skipped);
}

#[test]
fn pause_is_excluded_from_step_and_total_times() {
    let mut s = started();
    s.apply(Command::Pause, at(30_000)).expect("pause");
    assert_eq!(
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(40_000)),
        Err(SessionError::IsPaused)
    );
    s.apply(Command::Resume, at(90_000)).expect("resume");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(100_000)).expect("done");
    assert_eq!(s.step_actual_ms(0, 100_000), Some(40_000));
    assert_eq!(s.elapsed_ms(120_000), 60_000);
    assert_eq!(s.pauses.total(crate::timing::Excluded::Pause, 120_000), 60_000);
}

#[test]
fn an_incident_cannot_pause_but_may_run_solo() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid");
    let mut s = Session::new(Mode::Incident, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), at(0)).expect("solo incident");
    assert_eq!(s.apply(Command::Pause, at(1)), Err(SessionError::PauseInIncident));
}

#[test]
fn handoff_obeys_the_role_rule() {
    let mut s = started();
    assert!(matches!(
        s.apply(Command::Handoff(Role::Communicator, "ana".into()), at(10)),
        Err(SessionError::Roles(RoleError::AllThree(_)))
    ));
    let e = s.apply(Command::Handoff(Role::Communicator, "Cy".into()), at(10)).expect("handoff");
    assert_eq!(e.kind, EventKind::Handoff { handed: Role::Communicator, from: "Ben".into(), to: "Cy".into() });
    assert_eq!(s.roles.communicator, "Cy");
}

#[test]
fn nothing_follows_finish() {
    let mut s = started();
    for i in 0..5 {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(1_000 * (i + 1)))
            .expect("step");
    }
    assert!(s.steps_finished());
    assert_eq!(s.active(), None);
    assert_eq!(s.apply(Command::ToggleItem(0), at(6_000)), Err(SessionError::NoActiveStep));
    s.apply(Command::Debrief(Box::default()), at(6_000)).expect("debrief");
    s.apply(Command::Finish, at(7_000)).expect("finish");
    assert_eq!(s.apply(Command::AddNote("late".into()), at(8_000)), Err(SessionError::Finished));
    assert_eq!(s.elapsed_ms(99_000), 5_000, "the clock stops when the last step ends");
}

#[test]
fn time_never_goes_backwards() {
    let mut s = started();
    s.apply(Command::AddNote("a".into()), at(5_000)).expect("note");
    assert_eq!(
        s.apply(Command::AddNote("b".into()), at(4_999)),
        Err(SessionError::TimeWentBackwards { given: 4_999, last: 5_000 })
    );
}

#[test]
fn kpis_come_from_events() {
    let mut s = started();
    s.apply(Command::NameLive("prod-2026-01-14.1".into()), at(65_000)).expect("named live");
    s.apply(Command::PostStatus("Rolling back checkout".into()), at(70_000)).expect("update");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(80_000)).expect("trigger");
    s.apply(Command::Pause, at(90_000)).expect("pause");
    s.apply(Command::Resume, at(100_000)).expect("resume");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(120_000)).expect("freeze");
    assert_eq!(s.apply(Command::ToggleItem(0), at(300_000)), Err(SessionError::ReleaseNeeded(Meaning::Redeploy)));
    s.apply(Command::RevertTo("prod-2026-01-10.3".into()), at(380_000)).expect("redeployed");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(400_000)).expect("revert");
    let k = Kpis::of(&s, 400_000, 30 * 60_000);
    assert_eq!(k.name_live_ms, Some(65_000));
    assert_eq!(k.first_update_ms, Some(70_000));
    assert_eq!(k.known_good_ms, Some(370_000), "the redeploy item checked, not the step's end; the pause left out");
    assert_eq!(k.mitigated_ms, Some(370_000), "no kill switch went off: mitigated when back on known-good");
    assert_eq!(k.total_ms, 390_000);
    assert_eq!(TimeboxState::of(k.total_ms, k.timebox_ms), TimeboxState::Within);
}

#[test]
fn replay_gives_the_live_state() {
    let mut s = started();
    let script = [
        Command::ToggleItem(0),
        Command::NameLive("prod-2026-01-14.1".into()),
        Command::AddNote("ledger two clicks away".into()),
        Command::CompleteStep { leave_unchecked: false, leave_flags_off: false },
        Command::Pause,
        Command::Resume,
        Command::PostStatus("Freezing deploys".into()),
        Command::SkipStep("freeze already in place".into()),
        Command::RevertTo("prod-2026-01-10.3".into()),
        Command::CompleteStep { leave_unchecked: true, leave_flags_off: false },
        Command::Handoff(Role::Verifier, "Cy".into()),
        Command::CompleteStep { leave_unchecked: true, leave_flags_off: false },
        Command::CompleteStep { leave_unchecked: true, leave_flags_off: false },
        Command::Debrief(Box::new(Debrief {
            slowed_us_down: "x".into(),
            prevention: "y".into(),
            pressure: crate::event::PressureAnswer::No,
            pressure_why: "z".into(),
            ..Default::default()
        })),
        Command::Finish,
    ];
    for (n, c) in script.into_iter().enumerate() {
        s.apply(c, at(10_000 * (n as u64 + 1))).expect("scripted command");
    }
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid");
    let replayed = Session::replay(Mode::Drill, &rb, &s.events);
    assert_eq!(replayed, s);
    let json: Vec<String> = s.events.iter().map(|e| serde_json::to_string(e).expect("serialize")).collect();
    let back: Vec<Event> = json.iter().map(|l| serde_json::from_str(l).expect("parse")).collect();
    assert_eq!(back, s.events, "events survive a JSON round trip");
}

#[test]
fn a_reopened_session_excludes_the_gap_from_step_times() {
    let mut s = started();
    s.apply(Command::AddNote("before the crash".into()), at(30_000)).expect("note");
    // The process died after the note; it is reopened ten minutes later.
    let e = s.apply(Command::Reopen { alive_at: None }, at(630_000)).expect("reopen");
    assert_eq!(e.kind, EventKind::Reopened { interrupted_at: at(30_000).at, interrupted_ms: 30_000 });
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(650_000)).expect("done");
    assert_eq!(s.step_actual_ms(0, 650_000), Some(50_000), "30 s before, 20 s after; the 600 s gap is not the step's");
    assert_eq!(s.elapsed_ms(650_000), 50_000);
    assert_eq!(s.pauses.total(crate::timing::Excluded::Gap, 650_000), 600_000);
}

#[test]
fn a_session_paused_when_it_died_is_still_paused_after_reopening() {
    let mut s = started();
    s.apply(Command::Pause, at(10_000)).expect("pause");
    s.apply(Command::Reopen { alive_at: None }, at(100_000)).expect("reopen");
    assert!(s.is_paused());
    s.apply(Command::Resume, at(110_000)).expect("resume");
    assert_eq!(s.elapsed_ms(120_000), 20_000);
}

#[test]
fn a_drill_will_not_finish_with_a_kill_switch_left_off() {
    let mut s = started();
    for t in 1..=3 {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t * 1_000)).expect("step");
    }
    s.apply(Command::ToggleItem(0), at(4_000)).expect("turn the flag off");
    assert_eq!(s.flags[0].state, crate::vocab::FlagState::Safe);
    assert_eq!(s.flags[0].by, Some(Role::Driver));
    assert_eq!(s.apply(Command::Finish, at(5_000)), Err(SessionError::FlagsLeftOff(vec!["onboarding_v2".into()])));
    assert_eq!(
        s.apply(Command::SettleFlag { index: 0, waive: Some(" ".into()) }, at(5_000)),
        Err(SessionError::Empty("the reason"))
    );
    s.apply(Command::SettleFlag { index: 0, waive: Some("new flow stays off until the fix".into()) }, at(6_000))
        .expect("waive");
    assert_eq!(s.flags[0].state, crate::vocab::FlagState::Waived);
    assert_eq!(s.apply(Command::SettleFlag { index: 0, waive: None }, at(6_500)), Err(SessionError::FlagNotOff));
    s.apply(Command::Finish, at(7_000)).expect("a waived flag lets the drill finish");
}

#[test]
fn an_incident_may_end_with_a_flag_off_and_it_stays_open() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid");
    let mut s = Session::new(Mode::Incident, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), at(0)).expect("solo");
    for t in 1..=3 {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t * 1_000)).expect("step");
    }
    s.apply(Command::ToggleItem(0), at(4_000)).expect("off");
    s.apply(Command::Finish, at(5_000)).expect("an incident may end with flags off");
    assert_eq!(s.flags_left_off(), vec!["onboarding_v2".to_owned()]);
}

#[test]
fn decisions_and_releases_are_recorded_with_changes_of_mind() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid");
    let mut s = Session::new(Mode::Incident, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    s.apply(Command::Decide(crate::vocab::Decision::FixForward), at(1_000)).expect("decide");
    assert_eq!(
        s.apply(Command::Decide(crate::vocab::Decision::RollBack), at(2_000)),
        Err(SessionError::DecisionChange {
            from: crate::vocab::Decision::FixForward,
            to: crate::vocab::Decision::RollBack
        }),
        "a stray key never changes a decision taken"
    );
    s.apply(Command::ChangeDecision(crate::vocab::Decision::RollBack), at(2_000)).expect("change of mind");
    assert_eq!(s.decision, Some((crate::vocab::Decision::RollBack, 2)));
    s.apply(Command::NameLive("prod-2026-01-14.2".into()), at(3_000)).expect("stale runbook corrected");
    assert_eq!(s.live_named, Some(("prod-2026-01-14.2".into(), 3_000)));
    assert_eq!(s.steps[0].checked, vec![false, true], "naming the release checks its item");
    assert_eq!(Kpis::of(&s, 3_000, 1).name_live_ms, Some(3_000));
}

#[test]
fn the_first_update_is_due_one_cadence_in_and_later_ones_when_promised() {
    let mut s = started();
    assert_eq!(s.update_every_ms, 10 * 60_000, "drills propose an update every 10 minutes by default");
    assert_eq!(s.next_update_due_ms(), Some(600_000));
    // base() is 14:00:00; at T+5:00 the update promises 14:20, not the cadence's 14:15.
    let e = s.apply(Command::PostStatus("Rolling back.\nNext update at 14:20 UTC.".into()), at(300_000)).expect("post");
    assert!(matches!(e.kind, EventKind::StatusPosted { next_at: Some(_), .. }));
    assert_eq!(s.next_update_due_ms(), Some(1_200_000));
    s.apply(Command::PostStatus("All clear; no more updates.".into()), at(400_000)).expect("post");
    assert_eq!(s.next_update_due_ms(), None, "an update that promises nothing is tracked as such");
}
