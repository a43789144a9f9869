use chrono::{TimeZone, Utc};

use super::*;
use crate::review::StepTime;

const MIN: u64 = 60_000;

/// A step: done in `ms` (measured by a command or not), or skipped (`None`).
type S = (Option<u64>, bool);
const SKIP: S = (None, false);

fn m(min: u64) -> S {
    (Some(min * MIN), true)
}

fn c(min: u64) -> S {
    (Some(min * MIN), false)
}

fn session(day: u32, mode: Mode, fire: Option<Fire>, steps: [S; 5]) -> Summary {
    let started_at = Utc.with_ymd_and_hms(2026, 11, day, 14, 0, 0).single().expect("date");
    Summary {
        mode,
        fire,
        decision: Some(Decision::RollBack),
        steps: StepKind::ALL
            .iter()
            .zip(steps)
            .map(|(kind, (actual_ms, measured))| StepTime {
                kind: *kind,
                actual_ms,
                skipped: actual_ms.is_none(),
                measured,
                items_measured: usize::from(measured),
                items_claimed: 0,
            })
            .collect(),
        ..Summary::fixture("practice", started_at, Outcome::Verified, 20 * MIN)
    }
}

fn live(day: u32, steps: [S; 5]) -> Summary {
    session(day, Mode::Drill, Some(Fire::LiveFire), steps)
}

fn dry(day: u32, steps: [S; 5]) -> Summary {
    session(day, Mode::Drill, Some(Fire::Dry), steps)
}

/// The incident of the 20th: 2, 1, 12, 3 minutes, verify skipped.
fn incident() -> Summary {
    session(20, Mode::Incident, None, [c(2), c(1), m(12), m(3), SKIP])
}

/// A team's history around the incident: two verified live-fire drills,
/// a dry one, drills that must not be timed, and sessions that must not
/// count at all.
fn history() -> Vec<Summary> {
    let mut unverified = live(9, [m(1), c(1), m(1), m(1), m(1)]);
    unverified.outcome = Outcome::Unverified;
    let mut accepted = live(10, [m(1), c(1), m(1), m(1), m(1)]);
    accepted.accepted_failures = 1;
    let mut abandoned = live(11, [m(1), m(1), m(1), m(1), m(1)]);
    abandoned.outcome = Outcome::Abandoned;
    let mut other = live(12, [m(1), m(1), m(1), m(1), m(1)]);
    other.runbook = "schema-contract".into();
    vec![
        // Newest first on purpose: the rule sorts.
        live(25, [m(1), m(1), m(1), m(1), m(1)]),
        other,
        abandoned,
        accepted,
        unverified,
        dry(5, [c(4), c(4), c(4), c(4), c(4)]),
        live(3, [m(3), c(1), m(9), SKIP, m(4)]),
        live(1, [m(1), c(2), m(5), SKIP, m(2)]),
        incident(),
    ]
}

#[test]
fn a_drill_is_not_compared_with_drills() {
    let drill = live(1, [m(1); 5]);
    assert_eq!(versus(&history(), &drill), None);
}

#[test]
fn the_medians_read_verified_live_fire_drills_before_the_incident_only() {
    let v = versus(&history(), &incident()).expect("an incident");
    assert_eq!(v.drills, 5, "days 1, 3, 5, 9 and 10: not the abandoned one, another runbook's, or after it");
    assert_eq!(v.timed, 2, "days 1 and 3: the dry, unverified and accepted-failure drills are not timed");
    let trigger = v.steps[0];
    assert_eq!(trigger.drills_median_ms, Some(MIN), "the median of 1 and 3 minutes is the lower");
    assert_eq!(trigger.drills_timed, 2);
    assert_eq!((trigger.incident_ms, trigger.delta_ms()), (Some(2 * MIN), Some(i64::try_from(MIN).expect("ms"))));
    let revert = v.steps[2];
    assert_eq!((revert.incident_ms, revert.drills_median_ms), (Some(12 * MIN), Some(5 * MIN)));
    assert_eq!(revert.delta_ms(), Some(7 * 60_000));
    let shown = StepVersus { incident_ms: Some(16_475), drills_median_ms: Some(21_058), ..revert };
    assert_eq!(shown.delta_ms(), Some(-5_000), "00:16 against 00:21 reads 5 s faster, as shown");
    let verify = v.steps[4];
    assert!(verify.incident_skipped && verify.incident_ms.is_none() && verify.delta_ms().is_none());
}

#[test]
fn a_step_is_practised_only_live_fire_with_a_command_measuring_it() {
    let v = versus(&history(), &incident()).expect("an incident");
    let practice: Vec<Practice> = v.steps.iter().map(|s| s.practice).collect();
    assert_eq!(
        practice,
        vec![Practice::Practised, Practice::NoCheck, Practice::Practised, Practice::Practised, Practice::Practised],
        "freeze was only ever claimed; the kill switches were practised in the unverified drill of the 9th"
    );
    let disable = v.steps[3];
    assert_eq!((disable.drills_median_ms, disable.drills_timed), (None, 0), "practised, yet never timed");
    let gaps: Vec<StepKind> = v.gaps().map(|s| s.step).collect();
    assert_eq!(gaps, vec![StepKind::Freeze]);
}

#[test]
fn never_practised_says_why_dry_skipped_or_never_reached() {
    let mut ended_early = live(2, [m(1), c(1), SKIP, SKIP, SKIP]);
    ended_early.outcome = Outcome::EndedEarly;
    ended_early.steps.truncate(3);
    let h = vec![dry(1, [c(1), c(1), c(1), c(1), c(1)]), ended_early, incident()];
    let v = versus(&h, &incident()).expect("an incident");
    let practice: Vec<Practice> = v.steps.iter().map(|s| s.practice).collect();
    assert_eq!(
        practice,
        vec![Practice::Practised, Practice::NoCheck, Practice::Dry, Practice::Dry, Practice::Dry],
        "a dry drill's step beats one skipped or never reached"
    );
    let mut cut = live(2, [m(1), c(1), SKIP, SKIP, SKIP]);
    cut.steps.truncate(3);
    let v = versus(&[cut], &incident()).expect("an incident");
    assert_eq!(v.steps[2].practice, Practice::Skipped);
    assert_eq!(v.steps[3].practice, Practice::NotReached, "the drill ended before it");
    assert_eq!(v.timed, 1);
    assert_eq!(v.steps[2].drills_median_ms, None, "a skipped step has no time");
    let none = versus(&[], &incident()).expect("an incident");
    assert_eq!((none.drills, none.timed), (0, 0));
    assert!(none.steps.iter().all(|s| s.practice == Practice::NotReached && s.drills_median_ms.is_none()));
    assert_eq!(none.gaps().count(), 5);
}

#[test]
fn the_medians_read_the_last_five_timed_drills() {
    // Seven verified live-fire drills, the revert taking 1..7 minutes: the
    // last five took 3..7, whose median is 5.
    let h: Vec<Summary> = (1..=7).map(|d| live(d, [m(1), m(1), m(u64::from(d)), m(1), m(1)])).collect();
    let v = versus(&h, &incident()).expect("an incident");
    assert_eq!((v.drills, v.timed), (7, LAST_TIMED));
    assert_eq!(v.steps[2].drills_median_ms, Some(5 * MIN));
    assert_eq!(v.steps[2].drills_timed, 5);
}

#[test]
fn step_three_is_compared_with_drills_that_decided_the_same() {
    let mut fixed = live(2, [m(1), m(1), m(2), m(1), m(1)]);
    fixed.decision = Some(Decision::FixForward);
    let mut old = live(3, [m(1), m(1), m(8), m(1), m(1)]);
    old.decision = None;
    let v = versus(&[fixed.clone(), old], &incident()).expect("an incident");
    assert_eq!(v.steps[2].drills_median_ms, Some(8 * MIN), "a journal with no decision rolled back");
    assert_eq!(v.steps[2].drills_timed, 1);
    assert_eq!(v.steps[0].drills_timed, 2, "the other steps are the same whatever the decision");
    let v = versus(&[fixed], &incident()).expect("an incident");
    assert_eq!(v.steps[2].practice, Practice::NotReached, "fixing forward never practised a roll back");
    assert_eq!(v.steps[2].drills_median_ms, None);
}

#[test]
fn a_summary_says_which_steps_a_command_measured() {
    use crate::command::{RunEnd, RunResult};
    use crate::event::{Header, Stamp};
    use crate::roles::Roles;
    use crate::runbook::Runbook;
    use crate::session::{Command, Session};
    let text = r#"
version = 1
title = "Sign-up"
[release]
live = "prod-bad"
known_good = "prod-good"
[[triggers]]
signal = "sign-up failures"
[[checks]]
name = "Sign up"
command = ["./world", "signup"]
[[steps]]
kind = "revert"
do = [{ text = "Deploy the known-good release", command = ["./world", "deploy", "prod-good"], mutates = true }]
"#;
    let runbook = Runbook::parse("t.toml", text).expect("runbook");
    let base = Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).single().expect("date");
    let at = |t_ms: u64| Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("ms")), t_ms };
    let mut s = Session::new(Mode::Drill, &runbook).with_live_commands(true);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    let done = Command::CompleteStep { leave_unchecked: true, leave_flags_off: false };
    // Trigger and freeze by key presses alone.
    s.apply(Command::ToggleItem(0), at(500)).expect("claimed");
    s.apply(done.clone(), at(1_000)).expect("trigger");
    s.apply(done.clone(), at(2_000)).expect("freeze");
    let deploy = s.steps[2].plan.items.iter().position(|i| i.command.is_some()).expect("the deploy item");
    s.apply(Command::StartCommand { item: deploy, shown_argv: vec![] }, at(3_000)).expect("run");
    let passed = RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 40, tail: vec![], output_bytes: 0 };
    s.apply(Command::FinishCommand { step: StepKind::Revert, item: deploy, result: passed }, at(4_000)).expect("ran");
    s.apply(done.clone(), at(5_000)).expect("revert");
    s.apply(Command::SkipStep("no switch".into()), at(6_000)).expect("skip");
    let header = Header {
        format: 1,
        session_id: "x".into(),
        mode: Mode::Drill,
        runbook_path: "t.toml".into(),
        runbook_text: text.into(),
        runbook_sha256: "sha".into(),
        runbook_redacted: false,
        started_at: base,
        update_every_ms: None,
        deck: None,
        live_commands: true,
    };
    let sum = crate::review::summarize(&header, &runbook, &s);
    let measured: Vec<bool> = sum.steps.iter().map(|t| t.measured).collect();
    assert_eq!(measured, vec![false, false, true, false, false], "only the deploy a command ran is measured");
    assert_eq!(sum.fire, Some(Fire::LiveFire));
}
