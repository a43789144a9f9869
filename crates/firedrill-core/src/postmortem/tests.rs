use chrono::{TimeZone, Utc};

use super::timeline::{Cut, MAX_ROWS, cut};
use super::*;
use crate::event::Stamp;
use crate::roles::Roles;
use crate::session::Command;
use crate::session::tests::RUNBOOK;
use crate::vocab::Mode;

/// A drill's header over the session tests' runbook.
pub(super) fn header() -> Header {
    Header {
        format: crate::event::JOURNAL_FORMAT,
        session_id: "cap".into(),
        mode: Mode::Drill,
        runbook_path: "t.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: "0".repeat(64),
        runbook_redacted: false,
        started_at: Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date"),
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}

#[test]
fn the_cap_keeps_the_first_and_last_halves_and_counts_the_rest() {
    assert_eq!(cut(MAX_ROWS, MAX_ROWS - 1), Cut::Keep);
    let total = MAX_ROWS + 7;
    assert_eq!(cut(total, MAX_ROWS / 2 - 1), Cut::Keep);
    assert_eq!(cut(total, MAX_ROWS / 2), Cut::Gap(7));
    assert_eq!(cut(total, MAX_ROWS / 2 + 6), Cut::Skip);
    assert_eq!(cut(total, MAX_ROWS / 2 + 7), Cut::Keep);
    assert_eq!(cut(total, total - 1), Cut::Keep);
}

/// A session with more notes and status updates than the cap: each list
/// and the timeline keep their first and last halves and say how many
/// they left out; notes read from their events are every note, in order.
#[test]
fn long_lists_are_summarised_but_counted_whole() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let head = header();
    let mut s = Session::new(Mode::Drill, &rb);
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    let (notes, updates) = (MAX_ROWS + 5, MAX_ROWS + 3);
    for n in 0..notes.max(updates) as u64 {
        if n < notes as u64 {
            s.apply(Command::AddNote(format!("note {n}")), stamp(1 + 2 * n)).expect("note");
        }
        if n < updates as u64 {
            s.apply(Command::PostStatus(format!("update {n}")), stamp(2 + 2 * n)).expect("update");
        }
    }
    assert_eq!(s.note_count(), notes);
    let texts: Vec<&str> = s.notes().map(|n| n.text).collect();
    assert_eq!((texts[0], texts[notes - 1]), ("note 0", format!("note {}", notes - 1).as_str()));
    let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });
    assert!(md.contains("- ... 5 more left out here; the journal beside this file holds every one"), "{md}");
    assert!(md.contains("- ... 3 more left out here; the journal beside this file holds every one"), "{md}");
    for kept in ["note 0", "note 999", "note 1005", "note 2004", "update 0", "update 999", "update 1003", "update 2002"]
    {
        assert!(md.contains(&format!(": {kept}\n")), "{kept} is kept");
    }
    for left in ["note 1000", "note 1004", "update 1000", "update 1002"] {
        assert!(!md.contains(&format!(": {left}\n")), "{left} is left out");
    }
    let rows = md.lines().filter(|l| l.starts_with("| 2026-")).count();
    assert_eq!(rows, MAX_ROWS, "the timeline keeps {MAX_ROWS} rows");
    assert!(md.contains(&format!("| ... | ... | - | {} more rows left out here", notes + updates + 1 - MAX_ROWS)));
}

/// Items checked one after another share a postmortem row; the full
/// timeline has a row for each, and is not written when nothing was grouped.
#[test]
fn the_full_timeline_has_a_row_per_event_only_when_the_postmortem_groups() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let head = header();
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    // Step 2 (freeze): two items, checked with or without a note between.
    let freeze = |note: bool| {
        let mut s = Session::new(Mode::Drill, &rb);
        s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, stamp(1_000)).expect("step 1");
        s.apply(Command::ToggleItem(0), stamp(2_000)).expect("first item");
        if note {
            s.apply(Command::AddNote("between".into()), stamp(2_500)).expect("note");
        }
        s.apply(Command::ToggleItem(1), stamp(3_000)).expect("second item");
        s
    };
    let full = |s: &Session| full_timeline(&Input { header: &head, runbook: &rb, session: s, history: &[] });
    assert_eq!(full(&freeze(true)), None, "a note between two checks keeps them apart: nothing to add");
    let grouped = freeze(false);
    let md = render(&Input { header: &head, runbook: &rb, session: &grouped, history: &[] });
    assert!(md.contains("| Checked 2 items (claimed by a key press): "), "{md}");
    let text = full(&grouped).expect("a full timeline when rows were grouped");
    assert!(text.starts_with("# Timeline: Checkout sign-up rollback (drill 2026-11-23)"), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.contains("| Checked (claimed by a key press): ")).count(),
        2,
        "each check its own row: {text}"
    );
}

/// An incident's promises and silence run while the team worked: the
/// debrief after the last step cannot keep or break a promise.
#[test]
fn promises_and_silence_end_with_the_last_step_not_the_debrief() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let head = Header { mode: Mode::Incident, ..header() };
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    let mut s = Session::new(Mode::Incident, &rb);
    s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), stamp(0)).expect("start");
    s.apply(Command::PostStatus("Rolling back. Next update at 14:02 UTC".into()), stamp(10_000)).expect("update");
    for t in 1..=5 {
        let done = Command::CompleteStep { leave_unchecked: true, leave_flags_off: false };
        s.apply(done, stamp(10_000 + t * 1_000)).expect("step");
    }
    assert_eq!(s.work_end_ms(), Some(15_000));
    s.apply(Command::Debrief(Box::default()), stamp(170_000)).expect("debrief");
    s.apply(Command::Finish, stamp(180_000)).expect("finish");
    let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });
    assert!(md.contains("0 broken of 0 due; longest silence: 00:10."), "{md}");
}

#[test]
fn the_interruptions_add_up_as_shown() {
    let head = header();
    let rb = crate::runbook::Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    s.apply(Command::AddNote("a".into()), stamp(1_000)).expect("note");
    s.apply(Command::Reopen { alive_at: None }, stamp(7_722)).expect("6.722 s later");
    s.apply(Command::AddNote("b".into()), stamp(8_000)).expect("note");
    s.apply(Command::Reopen { alive_at: None }, stamp(13_326)).expect("5.326 s later");
    let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });
    assert!(md.contains("(gap 00:06,") && md.contains("(gap 00:05,"), "{md}");
    assert!(md.contains("- Interrupted: 2 times, 00:11 in all"), "the rows add up to the total:\n{md}");
}

/// Step 3 completed with its caution not ticked as read: the question asked
/// about no item (a caution needs no "are you sure"), so the record does
/// not count it as an item left unchecked either.
#[test]
fn a_caution_not_ticked_is_told_apart_from_an_item_left_unchecked() {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let at = |t_ms| Stamp { at: header().started_at, t_ms };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
    let leave = || Command::CompleteStep { leave_unchecked: true, leave_flags_off: false };
    s.apply(leave(), at(1_000)).expect("trigger");
    s.apply(leave(), at(2_000)).expect("freeze");
    let step3 = s.steps[2].plan.kind;
    let cautions: Vec<usize> = (0..s.steps[2].plan.items.len())
        .filter(|i| s.steps[2].plan.items[*i].meaning == crate::plan::Meaning::Caution)
        .collect();
    assert!(!cautions.is_empty(), "the runbook's step 3 has a caution");
    assert_eq!(
        labels::left_open(&s, step3, &cautions),
        crate::words::count(cautions.len(), "caution") + " not ticked as read"
    );
    let mut both = cautions.clone();
    both.push(s.steps[2].plan.find(crate::plan::Meaning::Redeploy).expect("redeploy"));
    assert_eq!(
        labels::left_open(&s, step3, &both),
        format!("1 item left unchecked, {} not ticked as read", crate::words::count(cautions.len(), "caution"))
    );
    assert_eq!(labels::left_open(&s, step3, &both[cautions.len()..]), "1 item left unchecked");
}
