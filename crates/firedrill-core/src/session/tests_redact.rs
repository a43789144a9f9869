//! Secrets enter the record redacted: each of the 31 built-in kinds and
//! the runbook's own pattern, in every text a command carries (names,
//! notes, updates, reasons, releases, the debrief, action items, command
//! lines and output), never reaches an event, and replay gives the same
//! state (the journal holds only the redacted events).

use chrono::{TimeZone, Utc};

use super::*;
use crate::command::{RunEnd, RunResult};
use crate::event::{ActionReview, Debrief, PressureAnswer};
use crate::vocab::{Role, StepKind};

use crate::redact::BUILT_IN;

const RUNBOOK: &str = r#"
version = 1
title = "Checkout"
redact = ['acct-\d{6}']
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
[[steps]]
kind = "trigger"
do = [{ text = "Read the error log", command = ["cat", "error.log"] }]
"#;

/// The runbook's own kind: its example and the part that must not survive.
const OWN: (&str, &str) = ("account acct-204817 locked", "acct-204817");

fn at(t_ms: u64) -> Stamp {
    let base = Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).single().expect("date");
    Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

/// Every example, one a line: the text typed or printed in each place.
fn all_kinds() -> String {
    let mut lines: Vec<&str> = BUILT_IN.iter().map(|k| k.example).collect();
    lines.push(OWN.0);
    lines.join("\n")
}

fn secrets() -> Vec<&'static str> {
    BUILT_IN.iter().map(|k| k.secret).chain([OWN.1]).collect()
}

fn result(text: &str) -> RunResult {
    RunResult {
        end: RunEnd::Exited { code: 1 },
        duration_ms: 5,
        tail: text.lines().map(str::to_owned).collect(),
        output_bytes: 100,
    }
}

#[test]
fn no_kind_of_secret_in_any_text_reaches_an_event() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("valid runbook");
    let mut s = Session::new(Mode::Incident, &rb);
    let text = all_kinds();
    // One line each where the screen takes one line (names, releases).
    for (n, line) in text.lines().enumerate() {
        let mut s = Session::new(Mode::Incident, &rb);
        s.apply(Command::Start(Roles::new(line, line, line)), at(0)).expect("names");
        s.apply(Command::Handoff(Role::Verifier, format!("{line} 2")), at(1)).expect("handoff");
        // A release name is refused when it is not one (spaces): then nothing is kept.
        let _ = s.apply(Command::NameLive(line.to_owned()), at(2));
        let json = serde_json::to_string(&s.events).expect("json");
        for secret in secrets() {
            assert!(!json.contains(secret), "line {n}: {secret} in {json}");
        }
    }
    let t = |n: u64| at(1_000 * n);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), t(1)).expect("start");
    let item = s.steps[0].plan.items.iter().position(|i| i.command.is_some()).expect("a command item");
    let script = vec![
        Command::AddNote(text.clone()),
        Command::PostStatus(text.clone()),
        Command::StartCommand { item, shown_argv: vec!["./probe".into(), text.clone()] },
        Command::KeepOutput { step: StepKind::Trigger, item, lines: text.lines().map(str::to_owned).collect() },
        Command::FinishCommand { step: StepKind::Trigger, item, result: result(&text) },
        Command::OverrideCheck { item, reason: text.clone() },
        Command::UncheckItem { item, reason: text.clone() },
        Command::RecordDelivery { seq: 3, delivered: false, detail: text.clone() },
        Command::TurnFlagOff(0),
        Command::SkipStep(text.clone()),
        Command::RevertTo(BUILT_IN[5].example.to_owned()),
        Command::SettleFlag { index: 0, waive: Some(text.clone()) },
        Command::FollowUp { item: text.clone(), done: false },
        Command::StopEarly,
        Command::Debrief(Box::new(Debrief {
            slowed_us_down: text.clone(),
            prevention: text.clone(),
            pressure: PressureAnswer::Yes,
            pressure_why: text.clone(),
            root_cause: text.clone(),
            summary: text.clone(),
            actions: vec![ActionReview {
                source: text.clone(),
                keep: true,
                text: Some(text.clone()),
                owner: Some(text.clone()),
                due: None,
                kind: None,
            }],
            ..Debrief::default()
        })),
        Command::Finish,
        Command::CloseAction { item: 1, note: text.clone() },
        Command::ExportAction {
            item: 1,
            url: format!("https://x-access-token:{}@github.com/a/b/issues/1", BUILT_IN[5].secret),
        },
    ];
    let mut applied = 0;
    for (n, c) in script.into_iter().enumerate() {
        if s.apply(c.clone(), t(2 + n as u64)).is_ok() {
            applied += 1;
        }
    }
    assert_eq!(applied, 18, "every command of the script is recorded");
    let json = serde_json::to_string(&s.events).expect("json");
    for secret in secrets() {
        assert!(!json.contains(secret), "{secret} reached an event");
    }
    assert!(json.matches("[redacted]").count() > 300, "each text was kept, its secrets masked");
    assert_eq!(Session::replay(Mode::Incident, &rb, &s.events), s, "replay gives the live state");
}
