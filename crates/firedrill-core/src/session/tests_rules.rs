//! The rules of issue "The record tells the truth", each as a scenario with
//! exact times, and each checked for replay equal to the live state.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::command::{RunEnd, RunResult};
use crate::event::EventKind;
use crate::outcome::{Outcome, verdict};
use crate::plan::Meaning;
use crate::timing::Kpis;
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
[[checks]]
name = "Reset the cache"
command = ["./reset"]
mutates = true
[backup]
latest = "nightly"
restore_time = "18h"
max_data_loss = "10m"
"#;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).single().expect("date")
}

fn at(t_ms: u64) -> Stamp {
    Stamp { at: base() + Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn runbook() -> Runbook {
    Runbook::parse("t.toml", RUNBOOK).expect("valid runbook")
}

fn start(mode: Mode) -> Session {
    let mut s = Session::new(mode, &runbook());
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    s
}

/// Applies each command at one second apart after `from_ms`.
fn run(s: &mut Session, from_ms: u64, script: Vec<Command>) {
    for (n, c) in script.into_iter().enumerate() {
        let t = from_ms + 1_000 * (n as u64);
        if let Err(e) = s.apply(c.clone(), at(t)) {
            panic!("{c:?} at {t}: {e}");
        }
    }
}

fn replays(s: &Session, mode: Mode) {
    assert_eq!(&Session::replay(mode, &runbook(), &s.events), s, "replay equals the live state");
}

fn done() -> Command {
    Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }
}

fn passed() -> RunResult {
    RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 10, tail: vec!["prod-1".into()], output_bytes: 6 }
}

fn failed() -> RunResult {
    RunResult { end: RunEnd::Exited { code: 1 }, duration_ms: 10, tail: vec!["boom".into()], output_bytes: 4 }
}

#[test]
fn a_drill_where_nothing_was_verified_is_unverified_with_what_was_missing() {
    let mut s = start(Mode::Drill);
    run(&mut s, 1_000, vec![done(), done(), done(), done(), done(), Command::Finish]);
    let v = verdict(&s);
    assert_eq!(v.outcome, Outcome::Unverified);
    assert_eq!(
        v.missing.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec![
            "check not verified: Pay",
            "check not verified: Reset the cache",
            "release probe not verified: Probe: production reports prod-1",
            "not confirmed back on the known-good release: prod-1",
        ]
    );
    assert_eq!(Kpis::of(&s, 10_000, 1).known_good_ms, None, "not confirmed: the redeploy was left unchecked");
    replays(&s, Mode::Drill);
}

/// A roll back that moved production to another release than the
/// runbook's known-good one (typed over the redeploy item) is not back on
/// the known-good release: no recovery time, and the verdict says so.
#[test]
fn a_roll_back_to_another_release_is_not_back_on_the_known_good_one() {
    // No probe: the redeploy's tick is the whole record of the move.
    let runbook = Runbook::parse("t.toml", &RUNBOOK.replace("probe = [\"./probe\"]\n", "")).expect("runbook");
    for (release, back) in [("prod-0", false), ("prod-1", true)] {
        let mut s = Session::new(Mode::Drill, &runbook);
        s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
        run(&mut s, 1_000, vec![done(), done(), Command::RevertTo(release.into())]);
        assert!(s.steps[2].checked.iter().any(|c| *c), "{release}: the redeploy is ticked as typed");
        assert_eq!(s.recovery().is_some(), back, "{release}");
        assert_eq!(Kpis::of(&s, 10_000, 1).known_good_ms.is_some(), back, "{release}");
        assert_eq!(&Session::replay(Mode::Drill, &runbook, &s.events), &s, "replay equals the live state");
    }
}

/// Every check ticked by hand because the runbook gives none a command:
/// verified, and said to be claimed; one check measured by its command
/// and the outcome is plainly verified.
#[test]
fn a_verification_standing_on_key_presses_alone_says_it_was_claimed() {
    let plain = RUNBOOK.replace("probe = [\"./probe\"]\n", "");
    let text = plain.replace("command = [\"./smoke\", \"pay\"]\n", "").replace("command = [\"./reset\"]\n", "");
    for (text, claimed) in [(text.as_str(), true), (plain.as_str(), false)] {
        let runbook = Runbook::parse("t.toml", text).expect("runbook");
        let mut s = Session::new(Mode::Drill, &runbook);
        s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
        let script = vec![Command::TurnFlagOff(0), done(), done(), Command::RevertTo("prod-1".into()), done(), done()];
        run(&mut s, 1_000, script);
        if claimed {
            run(&mut s, 20_000, vec![Command::ToggleItem(0), Command::ToggleItem(1)]);
        } else {
            s.apply(Command::StartCommand { item: 0, shown_argv: vec![] }, at(20_000)).expect("run");
            let result = RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 10, tail: vec![], output_bytes: 0 };
            s.apply(Command::FinishCommand { step: StepKind::Verify, item: 0, result }, at(20_500)).expect("passed");
            s.apply(Command::StartCommand { item: 1, shown_argv: vec![] }, at(21_000)).expect("not run in a drill");
            s.apply(Command::ToggleItem(1), at(21_500)).expect("by hand");
        }
        s.apply(Command::SettleFlag { index: 0, waive: Some("stays off".into()) }, at(28_000)).expect("waive");
        run(&mut s, 29_000, vec![done(), Command::Finish]);
        let v = verdict(&s);
        assert_eq!((v.outcome, v.claimed), (Outcome::Verified, claimed), "{:?}", v.missing);
        let said = if claimed { "verified, claimed (no check was measured)" } else { "verified" };
        assert_eq!(v.describe(), said);
    }
}

#[test]
fn a_failed_check_counts_once_accepted_with_a_reason_and_a_waived_flag_once_waived() {
    let mut s = start(Mode::Drill);
    run(
        &mut s,
        1_000,
        vec![Command::TurnFlagOff(0), done(), done(), Command::RevertTo("prod-1".into()), done(), done()],
    );
    assert_eq!(s.steps[3].checked, vec![true], "turned off in step 1, so checked in step 4");
    let finish = |s: &mut Session, item, result, t| {
        s.apply(Command::FinishCommand { step: StepKind::Verify, item, result }, at(t))
    };
    s.apply(Command::StartCommand { item: 0, shown_argv: vec![] }, at(19_000)).expect("run");
    finish(&mut s, 0, failed(), 20_000).expect("failed");
    assert_eq!(s.apply(Command::ToggleItem(0), at(21_000)), Err(SessionError::CheckFailed { item: 0 }));
    s.apply(Command::OverrideCheck { item: 0, reason: "payments sandbox is down".into() }, at(22_000)).expect("accept");
    assert!(s.steps[4].checked[0], "accepting with a reason checks the item");
    // A drill records the mutating check as not run, whatever the screen asks.
    let e = s.apply(Command::StartCommand { item: 1, shown_argv: vec![] }, at(23_000)).expect("held");
    assert!(matches!(&e.kind, EventKind::CommandFinished { result, .. } if result.end == RunEnd::NotRunInDrill));
    s.apply(Command::ToggleItem(1), at(24_000)).expect("checked by hand: a person verified it");
    s.apply(Command::StartCommand { item: 2, shown_argv: vec![] }, at(25_000)).expect("probe");
    finish(&mut s, 2, passed(), 26_000).expect("probe passed");
    assert!(s.steps[4].checked[2], "a passing probe ticks its item");
    assert_eq!(s.apply(done(), at(27_000)), Err(SessionError::FlagsLeftOff(vec!["new_checkout".into()])));
    s.apply(Command::SettleFlag { index: 0, waive: Some("stays off until the fix".into()) }, at(28_000))
        .expect("waive");
    run(&mut s, 29_000, vec![done(), Command::Finish]);
    let v = verdict(&s);
    assert_eq!((v.outcome, v.missing.len()), (Outcome::Verified, 0));
    let k = Kpis::of(&s, 40_000, 1);
    assert_eq!(
        (k.mitigated_ms, k.known_good_ms),
        (Some(1_000), Some(26_000)),
        "mitigated by the flag; back once probed"
    );
    replays(&s, Mode::Drill);
}

#[test]
fn an_incident_asks_before_leaving_verify_with_a_flag_off_and_stays_unverified() {
    let mut s = start(Mode::Incident);
    run(&mut s, 1_000, vec![done(), done(), done(), Command::ToggleItem(0), done()]);
    assert_eq!(s.flags[0].state, crate::vocab::FlagState::Safe);
    assert_eq!(s.apply(done(), at(9_000)), Err(SessionError::FlagsStillOff(vec!["new_checkout".into()])));
    s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: true }, at(9_000)).expect("confirmed");
    s.apply(Command::Finish, at(10_000)).expect("an incident may end with it off");
    assert!(verdict(&s).missing.iter().any(|m| m.to_string() == "kill switch not restored: new_checkout"));
    replays(&s, Mode::Incident);
}

#[test]
fn the_restore_decision_rederives_the_steps_not_done_and_keeps_done_times() {
    let mut s = start(Mode::Incident);
    run(&mut s, 1_000, vec![Command::Decide(crate::vocab::Decision::RollBack), done(), done()]);
    assert_eq!(s.steps[2].plan.find(Meaning::Redeploy), Some(0));
    s.apply(Command::ChangeDecision(crate::vocab::Decision::Restore), at(10_000)).expect("change of mind");
    let step3 = &s.steps[2];
    assert_eq!((step3.plan.label, step3.plan.target.as_ms()), ("restore", 18 * 3_600_000));
    assert_eq!(step3.checked.len(), step3.plan.items.len());
    assert_eq!(step3.started_ms, Some(3_000), "the step keeps its clock");
    assert_eq!((s.steps[0].ended_ms, s.steps[1].ended_ms), (Some(2_000), Some(3_000)), "done steps keep their times");
    assert_eq!(
        s.step(StepKind::Verify).and_then(|v| v.plan.items.last()).map(|i| i.text.as_str()),
        Some("Probe: production reports prod-2")
    );
    let restore = step3.plan.find(Meaning::Restore).expect("restore item");
    s.apply(Command::ToggleItem(restore), at(11_000)).expect("restored");
    assert_eq!(crate::timing::recovered_ms(&s), None, "the probe has not confirmed it yet");
    replays(&s, Mode::Incident);
}

#[test]
fn the_gap_runs_from_the_last_heartbeat_not_the_last_key() {
    let mut s = start(Mode::Drill);
    s.apply(Command::ToggleItem(0), at(2_000)).expect("last key at 2 s");
    // The process beat until 32 s, died, and was resumed at 100 s.
    let alive = Some(at(32_000).at);
    let e = s.apply(Command::Reopen { alive_at: alive }, at(100_000)).expect("reopen");
    assert_eq!(e.kind, EventKind::Reopened { interrupted_at: at(32_000).at, interrupted_ms: 32_000 });
    s.apply(done(), at(110_000)).expect("done");
    assert_eq!(s.step_actual_ms(0, 110_000), Some(42_000), "32 s before the death, 10 s after the resume");
    // A heartbeat from the future (a clock set wrong) never makes time run backwards.
    let mut t = start(Mode::Drill);
    let e = t.apply(Command::Reopen { alive_at: Some(at(999_000).at) }, at(50_000)).expect("reopen");
    assert!(matches!(e.kind, EventKind::Reopened { interrupted_ms: 50_000, .. }));
    replays(&s, Mode::Drill);
}

#[test]
fn the_last_step_transition_can_be_undone_until_the_next_step_records_anything() {
    let mut s = start(Mode::Drill);
    assert_eq!(s.apply(Command::Undo, at(500)), Err(SessionError::NothingToUndo));
    run(&mut s, 1_000, vec![Command::SkipStep("pasted by mistake".into()), Command::AddNote("oops".into())]);
    let e = s.apply(Command::Undo, at(5_000)).expect("a note is not the next step's");
    assert_eq!(e.kind, EventKind::Undone { step: StepKind::Trigger });
    assert_eq!((s.active(), s.steps[0].ended_ms, s.steps[1].started_ms), (Some(0), None, None));
    assert_eq!(s.step_actual_ms(0, 9_000), Some(9_000), "the clock runs on as if never stopped");
    assert_eq!(s.apply(Command::Undo, at(6_000)), Err(SessionError::NothingToUndo), "one level");
    run(&mut s, 7_000, vec![done(), Command::ToggleItem(0)]);
    assert_eq!(s.apply(Command::Undo, at(9_000)), Err(SessionError::UndoTooLate));
    replays(&s, Mode::Drill);
}

#[test]
fn notes_are_checked_and_releases_are_one_token() {
    let mut s = start(Mode::Drill);
    let note = |s: &mut Session, text: &str, t| s.apply(Command::AddNote(text.into()), at(t));
    assert!(matches!(note(&mut s, "@25:99 bad", 60_000), Err(SessionError::BadBackdate(_))));
    assert!(matches!(note(&mut s, "@23:59 yesterday", 60_000), Err(SessionError::BadBackdate(_))));
    assert!(matches!(note(&mut s, "@09:30 x", 60_000), Err(SessionError::BadBackdate(_))), "90 min before");
    note(&mut s, "@10:20 alert fired", 60_000).expect("40 minutes before the start: within the hour");
    assert_eq!(s.notes().next().and_then(|n| n.happened_at), Some(base() - Duration::minutes(40)));
    assert!(matches!(s.apply(Command::NameLive("j j j".into()), at(61_000)), Err(SessionError::BadRelease(_))));
    assert_eq!(s.apply(Command::ToggleItem(1), at(61_000)), Err(SessionError::ReleaseNeeded(Meaning::NameLive)));
    replays(&s, Mode::Drill);
}

#[test]
fn a_format_1_journal_replays_with_the_steps_it_was_recorded_with() {
    let mut s = start(Mode::Incident);
    run(&mut s, 1_000, vec![Command::Decide(crate::vocab::Decision::Restore)]);
    assert_eq!(s.steps[2].plan.label, "restore", "this build re-derives step 3");
    let old = Session::replay_recorded(1, Mode::Incident, &runbook(), s.events.clone());
    assert_eq!(old.steps[2].plan.label, "revert", "format 1 recorded the roll back's steps whatever was decided");
    assert_eq!(old.decision, s.decision, "the decision itself is kept");
}

#[test]
fn the_cursor_lands_on_what_is_left_and_enter_names_a_release_only_while_unchecked() {
    let mut s = start(Mode::Drill);
    assert_eq!((s.next_to_do(), s.release_asked(0), s.release_asked(1)), (Some(0), None, Some(Meaning::NameLive)));
    run(&mut s, 1_000, vec![Command::ToggleItem(0)]);
    assert_eq!(s.next_to_do(), Some(1), "the trigger is checked: the live release is next");
    run(&mut s, 2_000, vec![Command::NameLive("prod-2".into())]);
    assert_eq!(s.release_asked(1), None, "named: enter completes the step again");
    assert_eq!(s.steps[0].plan.items.len(), 2, "trigger and live release");
    assert_eq!(s.next_to_do(), None, "all done: nothing left");
    run(&mut s, 3_000, vec![done(), done()]);
    let step = &s.steps[s.active().expect("revert is active")];
    let first = s.next_to_do().expect("the revert has items to do");
    assert_ne!(step.plan.items[first].meaning, Meaning::Caution, "a caution is read, not the next thing to do");
    assert!(step.plan.items[..first].iter().all(|i| i.meaning == Meaning::Caution), "nothing to do is skipped");
}

#[test]
fn a_caution_left_unread_needs_no_are_you_sure_but_is_recorded() {
    let mut s = start(Mode::Drill);
    run(&mut s, 1_000, vec![done(), done()]);
    let i = s.active().expect("revert");
    let items = s.steps[i].plan.items.clone();
    let caution = items.iter().position(|it| it.meaning == Meaning::Caution).expect("the revert step has a caution");
    for (n, it) in items.iter().enumerate().filter(|(_, it)| it.meaning != Meaning::Caution) {
        let c = if it.meaning.names_release() { Command::RevertTo("prod-1".into()) } else { Command::ToggleItem(n) };
        s.apply(c, at(10_000 + n as u64)).expect("checked");
    }
    let e = s.apply(Command::CompleteStep { leave_unchecked: false, leave_flags_off: false }, at(20_000));
    assert_eq!(
        e.expect("no question").kind,
        EventKind::StepCompleted { step: StepKind::Revert, left_unchecked: vec![caution] }
    );
    replays(&s, Mode::Drill);
}
