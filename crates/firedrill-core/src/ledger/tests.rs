use chrono::{Duration, TimeZone};

use super::*;
use crate::event::{Debrief, Header, PressureAnswer, Stamp};
use crate::review::summarize;
use crate::roles::Roles;
use crate::runbook::Runbook;
use crate::session::{Command, Session};
use crate::vocab::Mode;

const RUNBOOK: &str = include_str!("../../../../runbooks/onboarding-signup.toml");

fn header(id: &str, started_at: DateTime<Utc>) -> Header {
    Header {
        format: 1,
        session_id: id.into(),
        mode: Mode::Drill,
        runbook_path: "runbooks/onboarding-signup.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: "sha".into(),
        runbook_redacted: false,
        started_at,
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}

/// A finished drill started on `day` of November; `script` runs after the start.
fn drill(day: u32, script: Vec<Command>) -> (Header, Session) {
    let rb = Runbook::parse("runbooks/onboarding-signup.toml", RUNBOOK).expect("runbook");
    let start = Utc.with_ymd_and_hms(2026, 11, day, 14, 0, 0).single().expect("date");
    let mut s = Session::new(Mode::Drill, &rb);
    let stamp = |n: u64| Stamp { at: start + Duration::seconds(i64::try_from(n).expect("small")), t_ms: n * 1_000 };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    for (n, c) in script.into_iter().enumerate() {
        s.apply(c.clone(), stamp(n as u64 + 1)).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
    (header(&format!("d{day}"), start), s)
}

fn done() -> Command {
    Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }
}

fn debrief(prevention: &str) -> Command {
    Command::Debrief(Box::new(Debrief {
        prevention: prevention.into(),
        pressure: PressureAnswer::Yes,
        ..Debrief::default()
    }))
}

fn summary((h, s): &(Header, Session)) -> Summary {
    let rb = Runbook::parse(&h.runbook_path, &h.runbook_text).expect("runbook");
    summarize(h, &rb, s)
}

#[test]
fn a_later_drill_answering_done_closes_a_promise_and_close_and_export_are_recorded() {
    let mut first = drill(
        1,
        vec![
            Command::AddNote("TODO: bookmark the ledger".into()),
            done(),
            done(),
            done(),
            done(),
            done(),
            debrief("Add a health check"),
            Command::Finish,
        ],
    );
    let later = drill(9, vec![Command::FollowUp { item: "Add a health check".into(), done: true }]);
    let ids: Vec<(String, bool)> = tracked(&[summary(&first), summary(&later)])
        .into_iter()
        .filter(|a| a.session_id == "d1")
        .map(|a| (a.item.text.clone(), a.is_open()))
        .take(3)
        .collect();
    assert_eq!(ids[0], ("Add a health check".to_owned(), false), "closed by the later drill's 'done'");
    assert_eq!(ids[1], ("bookmark the ledger".to_owned(), true));

    // After the finish, closing and exporting are still recorded.
    let at = Stamp { at: first.0.started_at + Duration::days(2), t_ms: 99_000 };
    first.1.apply(Command::CloseAction { item: 2, note: "bookmarked".into() }, at).expect("close");
    assert!(first.1.apply(Command::CloseAction { item: 2, note: "again".into() }, at).is_err(), "closed once");
    assert!(first.1.apply(Command::CloseAction { item: 99, note: "x".into() }, at).is_err(), "no such item");
    first.1.apply(Command::ExportAction { item: 3, url: "https://example.invalid/1".into() }, at).expect("export");
    let all = tracked(&[summary(&first)]);
    assert_eq!(all[1].closed.as_deref(), Some("bookmarked"));
    assert_eq!(all[2].exported.as_deref(), Some("https://example.invalid/1"));
    assert_eq!(all[1].id, "d1#2");
    assert_eq!(parse_id("d1#2"), Some(("d1", 2)));
    assert_eq!(parse_id("d1#0"), None);
    assert_eq!(parse_id("#2"), None);
}

#[test]
fn a_prevention_answer_that_names_none_is_no_promise_and_no_action_item() {
    // Found on a walk: "none" typed as the prevention step became an
    // action item "none" and next drill's "you promised: none".
    let with = |answer: &str| {
        summary(&drill(1, vec![done(), done(), done(), done(), done(), debrief(answer), Command::Finish]))
    };
    for answer in ["none", "None.", " n/a ", "-", "Nothing"] {
        let s = with(answer);
        assert_eq!(s.prevention, None, "{answer:?}");
        assert!(!s.actions.iter().any(|a| a.source == "prevention"), "{answer:?}: {:?}", s.actions);
    }
    let s = with("Add a canary");
    assert_eq!(s.prevention.as_deref(), Some("Add a canary"));
    assert!(s.actions.iter().any(|a| a.source == "prevention" && a.text == "Add a canary"));
    assert_eq!(with("none yet: a canary").prevention.as_deref(), Some("none yet: a canary"), "only a bare 'none'");
}
