use chrono::TimeZone;

use super::*;
use crate::actions::ActionItem;
use crate::event::ActionKind;
use crate::vocab::Role;

const MIN: u64 = 60_000;

fn drill(day: u32, driver: &str, steps: [Option<u64>; 5], total: u64) -> Summary {
    let started_at = Utc.with_ymd_and_hms(2026, 11, day, 14, 0, 0).single().expect("date");
    Summary {
        session_id: format!("s{day}"),
        title: "Onboarding".into(),
        runbook_sha256: if day < 10 { "v1".into() } else { "v2".into() },
        roles: Roles::new(driver, "Ben", "Cy"),
        steps: StepKind::ALL
            .iter()
            .zip(steps)
            .map(|(k, t)| StepTime {
                kind: *k,
                actual_ms: t,
                skipped: t.is_none(),
                measured: false,
                items_measured: 0,
                items_claimed: 0,
            })
            .collect(),
        name_live_ms: Some(total / 10),
        known_good_ms: Some(total / 2),
        prevention: Some(format!("prevention from day {day}")),
        todos: vec![format!("todo from day {day}")],
        actions: [("prevention", format!("prevention from day {day}")), ("note:3", format!("todo from day {day}"))]
            .into_iter()
            .map(|(source, text)| ActionItem {
                text,
                kind: ActionKind::Process,
                owner: driver.into(),
                role: Role::Driver,
                due: started_at.date_naive(),
                assigned: false,
                source: source.into(),
            })
            .collect(),
        ..Summary::fixture("onboarding-signup", started_at, Outcome::Verified, total)
    }
}

fn history() -> Vec<Summary> {
    let mut incident = drill(20, "Dee", [Some(MIN); 5], 5 * MIN);
    incident.mode = Mode::Incident;
    let mut unfinished = drill(21, "Eve", [Some(MIN); 5], 5 * MIN);
    unfinished.outcome = Outcome::Abandoned;
    let mut other = drill(22, "Fay", [Some(MIN); 5], 5 * MIN);
    other.runbook = "schema-contract".into();
    vec![
        // Newest first on purpose: drills_of sorts.
        drill(12, "Ana", [Some(MIN), Some(2 * MIN), None, Some(3 * MIN), Some(4 * MIN)], 10 * MIN),
        drill(5, "Ben", [Some(2 * MIN), Some(MIN), Some(9 * MIN), Some(2 * MIN), Some(5 * MIN)], 19 * MIN),
        drill(1, "Ana", [Some(3 * MIN), Some(3 * MIN), Some(12 * MIN), Some(3 * MIN), Some(6 * MIN)], 27 * MIN),
        incident,
        unfinished,
        other,
    ]
}

#[test]
fn only_verified_drills_of_the_runbook_count_oldest_first_across_versions() {
    let h = history();
    let d = drills_of(&h, "onboarding-signup");
    let days: Vec<String> = d.iter().map(|s| s.session_id.clone()).collect();
    assert_eq!(days, vec!["s1", "s5", "s12"], "incidents, unfinished sessions and other runbooks are left out");
    assert_ne!(d[0].runbook_sha256, d[2].runbook_sha256, "different runbook versions still compare");
}

#[test]
fn splits_compare_against_the_previous_drill_and_the_best_skipping_skips() {
    let h = history();
    let d = drills_of(&h, "onboarding-signup");
    assert_eq!(split(&d, StepKind::Trigger), Split { previous_ms: Some(MIN), best_ms: Some(MIN) });
    assert_eq!(
        split(&d, StepKind::Revert),
        Split { previous_ms: Some(9 * MIN), best_ms: Some(9 * MIN) },
        "the latest drill skipped the revert: the previous is the one before"
    );
    assert_eq!(split(&[], StepKind::Verify), Split::default());
}

#[test]
fn trends_have_medians_and_bests() {
    let h = history();
    let t = trend(&drills_of(&h, "onboarding-signup"));
    assert_eq!(t.total.values, vec![Some(27 * MIN), Some(19 * MIN), Some(10 * MIN)]);
    assert_eq!((t.total.median, t.total.best), (Some(19 * MIN), Some(10 * MIN)));
    let revert = &t.steps[2].1;
    assert_eq!(revert.values, vec![Some(12 * MIN), Some(9 * MIN), None]);
    assert_eq!((revert.median, revert.best), (Some(9 * MIN), Some(9 * MIN)), "the median of two is the lower");
    assert_eq!(t.first_update, Series { values: vec![None, None, None], median: None, best: None });
}

#[test]
fn the_next_driver_is_who_has_not_driven_longest() {
    let h = history();
    let d = drills_of(&h, "onboarding-signup");
    assert_eq!(next_driver(&d), Some("Cy".into()), "Cy verified but never drove");
    let ana_only = [d[2]];
    assert_eq!(next_driver(&ana_only), Some("Ben".into()));
}

#[test]
fn promises_come_from_the_last_drill() {
    assert_eq!(promised(&history(), "onboarding-signup"), vec!["prevention from day 12", "todo from day 12"]);
    assert!(promised(&history(), "nothing-here").is_empty());
}

#[test]
fn a_summary_counts_interruptions_and_skips() {
    use crate::event::Stamp;
    use crate::session::Command;
    let text = include_str!("../../../../runbooks/onboarding-signup.toml");
    let rb = Runbook::parse("runbooks/onboarding-signup.toml", text).expect("runbook");
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    let mut s = Session::new(Mode::Drill, &rb);
    let stamp = |t: u64| Stamp { at, t_ms: t };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, stamp(MIN)).expect("trigger");
    s.apply(Command::Reopen { alive_at: None }, stamp(5 * MIN)).expect("reopen after a crash");
    s.apply(Command::SkipStep("already frozen".into()), stamp(6 * MIN)).expect("skip");
    let header = Header {
        format: 1,
        session_id: "x".into(),
        mode: Mode::Drill,
        runbook_path: "runbooks/onboarding-signup.toml".into(),
        runbook_text: text.into(),
        runbook_sha256: "sha".into(),
        runbook_redacted: false,
        started_at: at,
        update_every_ms: None,
        deck: None,
        live_commands: false,
    };
    let sum = summarize(&header, &rb, &s);
    assert_eq!(sum.runbook, "onboarding-signup");
    assert_eq!(sum.outcome, Outcome::Abandoned);
    assert_eq!(sum.interruptions, 1);
    assert_eq!(sum.steps[0].actual_ms, Some(MIN));
    assert!(sum.steps[1].skipped && sum.steps[1].actual_ms.is_none());
    assert_eq!(sum.total_ms, 2 * MIN, "the 4-minute gap is left out");
}

#[test]
fn an_unverified_drill_never_sets_a_best_time_but_its_promises_are_asked() {
    let mut h = history();
    let mut fast = drill(25, "Gus", [Some(1_000); 5], 5_000);
    fast.outcome = Outcome::Unverified;
    fast.missing = vec!["check not verified: Create an account".into()];
    h.push(fast);
    let d = drills_of(&h, "onboarding-signup");
    assert!(d.iter().all(|s| s.session_id != "s25"), "skipping verify is not rewarded as the best time");
    assert_eq!(split(&d, StepKind::Verify).best_ms, Some(4 * MIN));
    assert_eq!(promised(&h, "onboarding-signup")[0], "prevention from day 25");
}

#[test]
fn splits_and_trends_compare_drills_of_the_same_deck_only() {
    let mut with_deck = drill(15, "Cy", [Some(9 * MIN); 5], 45 * MIN);
    with_deck.deck = Some("Q4 surprises".into());
    with_deck.injects =
        vec![Faced { title: "CI is down".into(), from_deck: true, shown_ms: 3_000, ack_ms: Some(2_000) }];
    let mut h = history();
    h.push(with_deck);
    let plain: Vec<&str> =
        drills_with_deck(&h, "onboarding-signup", None, None, None).iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(plain, vec!["s1", "s5", "s12"], "the drill with surprises is not timed against these");
    let decked = drills_with_deck(&h, "onboarding-signup", Some("Q4 surprises"), None, None);
    assert_eq!(decked.iter().map(|s| s.session_id.as_str()).collect::<Vec<_>>(), vec!["s15"]);
    assert_eq!(split(&decked, StepKind::Revert).best_ms, Some(9 * MIN));
    assert_eq!(drills_of(&h, "onboarding-signup").len(), 4, "readiness and the next driver count every drill");
    assert_eq!(decked[0].group(), "onboarding-signup + Q4 surprises");
}

#[test]
fn promises_are_the_kept_prevention_and_todo_items_as_edited() {
    let mut last = drill(14, "Ana", [Some(MIN); 5], 5 * MIN);
    last.actions[0].text = "prevention as the debrief edited it".into();
    last.actions.remove(1);
    let mut flag = last.actions[0].clone();
    flag.source = "flag:onboarding_v2".into();
    flag.text = "Kill switch onboarding_v2 is still off".into();
    last.actions.push(flag);
    let h = vec![drill(12, "Ben", [Some(MIN); 5], 5 * MIN), last];
    assert_eq!(
        promised(&h, "onboarding-signup"),
        vec!["prevention as the debrief edited it"],
        "a dropped TODO is not asked about, and a kill switch is not a promise"
    );
}

#[test]
fn solo_practice_is_compared_with_the_same_persons_solo_practice_only() {
    let solo = |day: u32, who: &str, revert: u64| {
        let mut s = drill(day, who, [Some(MIN), Some(MIN), Some(revert), Some(MIN), Some(MIN)], 20 * MIN);
        s.roles = Roles::solo_practice(who);
        s
    };
    let mut h = history();
    h.extend([solo(20, "Duck", 2 * MIN), solo(21, "Ana", 3 * MIN), solo(22, "ana", 4 * MIN)]);
    let team = drills_of(&h, "onboarding-signup");
    assert!(team.iter().all(|s| !s.roles.solo), "no solo practice among the team's drills");
    assert_eq!(next_driver(&team), next_driver(&drills_of(&history(), "onboarding-signup")), "nor in its rotation");
    let ana: Vec<&str> = drills_with_deck(&h, "onboarding-signup", None, None, Some("ANA"))
        .iter()
        .map(|s| s.session_id.as_str())
        .collect();
    assert_eq!(ana, ["s21", "s22"], "Ana's own practice, whatever the case of her name");
    let best = split(&drills_with_deck(&h, "onboarding-signup", None, None, Some("Ana")), StepKind::Revert).best_ms;
    assert_eq!(best, Some(3 * MIN), "not Duck's two minutes, not the team's");
}
