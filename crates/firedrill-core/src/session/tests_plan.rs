//! Self-describing journals (format 3): the plan is recorded when derived
//! and events name items by id, so a journal replays the same under a
//! later build that derives its plans differently.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::event::{Header, JOURNAL_FORMAT};
use crate::vocab::Decision;

use crate::plan::tests::EXTRA_ITEM;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).single().expect("date")
}

fn at(t_ms: u64) -> Stamp {
    Stamp { at: base() + Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn runbook() -> Runbook {
    Runbook::parse("t.toml", super::tests::RUNBOOK).expect("runbook")
}

fn header(format: u32) -> Header {
    Header {
        format,
        session_id: "s".into(),
        mode: Mode::Drill,
        runbook_path: "t.toml".into(),
        runbook_text: super::tests::RUNBOOK.into(),
        runbook_sha256: String::new(),
        started_at: base(),
        update_every_ms: None,
        deck: None,
        live_commands: false,
        runbook_redacted: false,
    }
}

/// One step of a random session.
fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (0usize..5).prop_map(Command::ToggleItem),
        Just(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }),
        (0usize..3).prop_map(|d| Command::Decide(Decision::ALL[d])),
        (0usize..3).prop_map(|d| Command::ChangeDecision(Decision::ALL[d])),
        Just(Command::AddNote("slow ledger".into())),
        Just(Command::TurnFlagOff(0)),
        Just(Command::SettleFlag { index: 0, waive: None }),
        Just(Command::Undo),
    ]
}

/// The postmortem of `s`, as `report` writes it.
fn postmortem(s: &Session, format: u32) -> String {
    let rb = runbook();
    let head = header(format);
    crate::postmortem::render(&crate::postmortem::Input { header: &head, runbook: &rb, session: s, history: &[] })
}

/// Runs `script` live (refusals skipped), one second apart, and finishes.
fn live(script: &[Command]) -> Session {
    let mut s = Session::new(Mode::Drill, &runbook());
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    for (n, c) in script.iter().enumerate() {
        let _ = s.apply(c.clone(), at(1_000 * (n as u64 + 1)));
    }
    let _ = s.apply(Command::Finish, at(1_000 * (script.len() as u64 + 2)));
    s
}

/// Replays `events` under a build whose plans have one more item per step.
fn replay_later(events: &[crate::event::Event], format: u32) -> Session {
    EXTRA_ITEM.with(|x| x.set(true));
    let s = Session::new(Mode::Drill, &runbook()).replay_onto(format, events.to_vec());
    EXTRA_ITEM.with(|x| x.set(false));
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn a_recorded_plan_replays_the_same_postmortem_under_a_later_build(script in prop::collection::vec(command(), 0..30)) {
        let s = live(&script);
        let later = replay_later(&s.events, JOURNAL_FORMAT);
        prop_assert_eq!(postmortem(&later, JOURNAL_FORMAT), postmortem(&s, JOURNAL_FORMAT));
    }
}

#[test]
fn without_a_recorded_plan_a_later_build_would_change_the_record() {
    // The same events with their plans and ids taken out, as a format 2
    // journal holds them: the later build reads them against its own plan.
    let s = live(&[Command::ToggleItem(0), Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }]);
    let mut old = s.events.clone();
    for e in &mut old {
        match &mut e.kind {
            crate::event::EventKind::Started { plan, .. } => *plan = None,
            crate::event::EventKind::ItemToggled { id, .. } => *id = None,
            _ => {}
        }
    }
    assert_ne!(postmortem(&replay_later(&old, 2), 2), postmortem(&s, 2), "the test can tell the difference");
    assert_eq!(postmortem(&replay_later(&s.events, JOURNAL_FORMAT), JOURNAL_FORMAT), postmortem(&s, JOURNAL_FORMAT));
}

#[test]
fn the_plan_and_item_ids_are_in_the_journal_text() {
    let s = live(&[Command::ToggleItem(0)]);
    let text = serde_json::to_string(&s.events[0]).expect("json");
    assert!(text.contains("\"plan\":[{\"kind\":\"trigger\""), "{text}");
    assert!(text.contains("\"id\":\"name_live\""), "{text}");
    let toggled = serde_json::to_string(&s.events[1]).expect("json");
    assert!(toggled.contains("\"item\":0,\"id\":\"trigger-0\""), "{toggled}");
}
