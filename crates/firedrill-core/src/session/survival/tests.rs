//! A command's output kept as it ran, an interrupted run, and the last
//! sign of life: time as data, replay equal to live.

use chrono::{DateTime, TimeZone, Utc};

use super::super::{Command, Session};
use super::KEPT_LINES;
use crate::command::{RunEnd, RunResult};
use crate::event::{EventKind, Stamp};
use crate::vocab::{Mode, StepKind};

use crate::roles::Roles;
use crate::runbook::Runbook;

const RUNBOOK: &str = r#"
version = 1
title = "Output kept"
[release]
live = "prod-2"
known_good = "prod-1"
[[triggers]]
signal = "errors"
[[checks]]
name = "Sign in"
[[steps]]
kind = "trigger"
do = [{ text = "Look at the errors", command = ["sh", "-c", "echo hi"] }]
"#;

/// The trigger step's item with the command (after the trigger and the live release).
const ITEM: usize = 2;

fn at(t_ms: u64) -> Stamp {
    let base: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn running() -> (Runbook, Session) {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Ana")), at(0)).expect("start");
    let start = Command::StartCommand { item: ITEM, shown_argv: vec!["sh".into()] };
    s.apply(start, at(1_000)).expect("run");
    (rb, s)
}

fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|l| (*l).to_owned()).collect()
}

#[test]
fn output_is_kept_with_its_run_and_replays_the_same() {
    let (rb, mut s) = running();
    let keep = |l: &[&str]| Command::KeepOutput { step: StepKind::Trigger, item: ITEM, lines: lines(l) };
    let e = s.apply(keep(&["one", "two"]), at(1_500)).expect("kept");
    assert_eq!(
        e.kind,
        EventKind::CommandOutput {
            step: StepKind::Trigger,
            item: 2,
            id: Some("plain-0".into()),
            lines: lines(&["one", "two"]).into()
        }
    );
    s.apply(keep(&["three"]), at(2_500)).expect("kept");
    assert_eq!(s.last_run(StepKind::Trigger, ITEM).expect("run").kept.output, lines(&["one", "two", "three"]));
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s);
}

#[test]
fn output_for_no_running_command_is_refused() {
    let (_, mut s) = running();
    let result = RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 5, tail: Vec::new(), output_bytes: 0 };
    s.apply(Command::FinishCommand { step: StepKind::Trigger, item: ITEM, result }, at(2_000)).expect("done");
    let late = Command::KeepOutput { step: StepKind::Trigger, item: ITEM, lines: lines(&["late"]) };
    assert!(s.apply(late, at(2_100)).is_err(), "the run ended");
    let other = Command::KeepOutput { step: StepKind::Trigger, item: 0, lines: lines(&["x"]) };
    assert!(s.apply(other, at(2_200)).is_err(), "never ran");
}

#[test]
fn a_run_cut_by_a_kill_is_interrupted_at_the_last_sign_of_life_with_its_output() {
    let (rb, mut s) = running();
    let keep = Command::KeepOutput { step: StepKind::Trigger, item: ITEM, lines: lines(&["deploying"]) };
    s.apply(keep, at(2_000)).expect("kept");
    assert!(s.interrupted_run(StepKind::Trigger).is_none(), "still running");
    let alive = at(4_000).at;
    s.apply(Command::Reopen { alive_at: Some(alive) }, at(60_000)).expect("reopen");
    let run = s.interrupted_run(StepKind::Trigger).expect("interrupted");
    assert_eq!((run.item, run.kept.interrupted_at), (ITEM, Some(alive)));
    assert_eq!(run.kept.output, lines(&["deploying"]));
    assert_eq!(Session::replay(Mode::Drill, &rb, &s.events), s);
    // Its output can no longer grow; run again, it is no longer the interrupted one.
    let keep = Command::KeepOutput { step: StepKind::Trigger, item: ITEM, lines: lines(&["x"]) };
    assert!(s.apply(keep, at(61_000)).is_err());
    let again = Command::StartCommand { item: ITEM, shown_argv: vec!["sh".into()] };
    s.apply(again, at(62_000)).expect("again");
    assert!(s.interrupted_run(StepKind::Trigger).is_none());
    assert_eq!(s.runs.len(), 2);
}

#[test]
fn kept_output_is_bounded_to_the_last_lines() {
    let (_, mut s) = running();
    let many: Vec<String> = (0..KEPT_LINES + 5).map(|n| n.to_string()).collect();
    s.apply(Command::KeepOutput { step: StepKind::Trigger, item: ITEM, lines: many }, at(1_500)).expect("kept");
    let out = &s.last_run(StepKind::Trigger, ITEM).expect("run").kept.output;
    assert_eq!((out.len(), out.first().map(String::as_str)), (KEPT_LINES, Some("5")));
}

#[test]
fn an_unfinished_session_lasts_to_its_last_heartbeat() {
    let (_, s) = running();
    assert_eq!(s.last_sign_ms(), Some(1_000));
    let alive = s.clone().with_last_alive(Some(at(6_000).at));
    assert_eq!(alive.last_sign_ms(), Some(6_000));
    let earlier = s.clone().with_last_alive(Some(at(500).at));
    assert_eq!(earlier.last_sign_ms(), Some(1_000), "a beat before the last event changes nothing");
    assert_eq!(s.with_last_alive(None).last_sign_ms(), Some(1_000));
}
