use chrono::{TimeZone, Utc};

use super::*;
use crate::event::Stamp;
use crate::vocab::{Decision, Mode};

use crate::roles::Roles;
use crate::session::Command;

const RUNBOOK: &str = r##"version = 1
title = "T"
channel = "#inc"
[release]
live = "prod-2"
known_good = "prod-1"
watch = ["sign-up success rate"]
[[triggers]]
signal = "s"
[[flags]]
name = "f"
[[checks]]
name = "c"
[backup]
restore_time = "20m"
"##;

fn at(t_ms: u64) -> Stamp {
    let base = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("valid");
    Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn done() -> Command {
    Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }
}

/// A drill whose trigger step takes `trigger_s` seconds (target 2m), with
/// a `RUNBOOK:` note in it, every step completed with its items unchecked.
fn drill(rb: &Runbook, trigger_s: u64) -> Session {
    let mut s = Session::new(Mode::Drill, rb);
    let t = trigger_s * 1000;
    let script = vec![
        (0, Command::Start(Roles::new("Ana", "Ben", "Ana"))),
        (10_000, Command::AddNote("RUNBOOK: the ledger is two clicks away".into())),
        (20_000, Command::AddNote("an ordinary note".into())),
        (t, done()),
        (t + 60_000, done()),
        (t + 120_000, done()),
        (t + 180_000, done()),
        (t + 240_000, done()),
    ];
    for (ms, c) in script {
        s.apply(c, at(ms)).expect("scripted command is allowed");
    }
    s
}

#[test]
fn a_missed_target_an_item_left_twice_and_a_runbook_note_are_proposed() {
    let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
    let previous = drill(&rb, 100);
    let this = drill(&rb, 250);
    let p = propose(&rb, &this, Some(&previous), 1_000_000);
    assert!(p.contains(&Proposal::Target {
        step: StepKind::Trigger,
        target: HumanDuration::from_secs(120),
        actual_ms: 250_000,
        proposed: HumanDuration::from_secs(240),
    }));
    assert!(p.contains(&Proposal::StillNeeded { step: StepKind::Revert, text: "Watch sign-up success rate".into() }));
    assert!(
        p.contains(&Proposal::Note { step: Some(StepKind::Trigger), text: "the ledger is two clicks away".into() })
    );
    assert!(!p.iter().any(|x| matches!(x, Proposal::Note { text, .. } if text.contains("ordinary"))));
    assert_eq!(p[0].to_string(), "trigger: target 2m was missed by more than half (04:10): set it to 4m");
}

#[test]
fn a_target_missed_by_less_than_half_and_a_first_session_propose_nothing_more() {
    let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
    let p = propose(&rb, &drill(&rb, 170), None, 1_000_000);
    assert_eq!(p.len(), 1, "only the note: 2:50 is within half of 2:00, and no previous drill: {p:?}");
}

#[test]
fn a_restore_slower_than_restore_time_is_proposed_as_the_new_restore_time() {
    let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
    let mut s = Session::new(Mode::Incident, &rb);
    let script = vec![
        (0, Command::Start(Roles::new("Ana", "Ben", "Cy"))),
        (1_000, Command::Decide(Decision::Restore)),
        (2_000, done()),
        (3_000, done()),
    ];
    for (ms, c) in script {
        s.apply(c, at(ms)).expect("scripted command is allowed");
    }
    let restore = s.step(StepKind::Revert).and_then(|st| st.plan.find(crate::plan::Meaning::Restore));
    let mut unconfirmed = s.clone();
    unconfirmed.apply(done(), at(3_000 + 29 * 60_000)).expect("step 3 done, the restore item unchecked");
    assert_eq!(propose(&rb, &unconfirmed, None, 2_000_000), vec![], "a restore never confirmed has no time");
    s.apply(Command::ToggleItem(restore.expect("restore item")), at(3_000 + 29 * 60_000)).expect("restored");
    s.apply(done(), at(3_000 + 30 * 60_000)).expect("step 3 done");
    let p = propose(&rb, &s, None, 2_000_000);
    assert_eq!(
        p,
        vec![Proposal::RestoreTime {
            stated: Some(HumanDuration::from_secs(20 * 60)),
            actual_ms: 29 * 60_000,
            proposed: HumanDuration::from_secs(29 * 60),
        }]
    );
    assert_eq!(p[0].to_string(), "backup.restore_time is 20m but the restore took 29:00: set it to 29m");
}
