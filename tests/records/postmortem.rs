//! The postmortem of a scripted drill: snapshot, agreement with the
//! journal, and hostile notes that must not change the document's shape.
//! The rendered files are left in the target folder for CI's markdownlint.

use crate::common;

use std::fs;

use chrono::{TimeZone, Utc};
use firedrill::core::event::{Debrief, Mode, PressureAnswer, Stamp};
use firedrill::core::postmortem::{Input, render};
use firedrill::core::roles::{Role, Roles};
use firedrill::core::session::{Command, Session};

fn stamp(t_ms: u64) -> Stamp {
    let base = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
}

fn scripted(note: &str) -> String {
    let loaded = common::onboarding();
    let header = common::header(&loaded, "20261123T140000Z-onboarding-signup-0001");
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    let script: Vec<(u64, Command)> = vec![
        (0, Command::Start(Roles::new("Ana", "Ben", "Ana"))),
        (40_000, Command::ToggleItem(0)),
        (55_000, Command::NameLive("prod-2026-11-03.2".into())),
        (70_000, Command::AddNote(note.into())),
        (101_000, Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }),
        (150_000, Command::PostStatus("Rolling back web-signup to prod-2026-10-30.1; next update 14:20 UTC".into())),
        (160_000, Command::ToggleItem(0)),
        (161_000, Command::ToggleItem(1)),
        (235_000, Command::CompleteStep { leave_unchecked: false, leave_flags_off: false }),
        (300_000, Command::Pause),
        (420_000, Command::Resume),
        (700_000, Command::RevertTo("prod-2026-10-30.1".into())),
        (760_000, Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }),
        (800_000, Command::Handoff(Role::Driver, "Cy".into())),
        (820_000, Command::RotateSecret { name: "FLAGCTL_TOKEN".into(), applied: vec!["app".into(), "CI".into()] }),
        (850_000, Command::ToggleItem(0)),
        (900_000, Command::CompleteStep { leave_unchecked: false, leave_flags_off: false }),
        (990_000, Command::SettleFlag { index: 0, waive: None }),
        (1_000_000, Command::SkipStep("payments sandbox down; verified by hand in prod".into())),
        (
            1_100_000,
            Command::Debrief(Box::new(Debrief {
                slowed_us_down: format!("Finding the ledger.\n\n{note}"),
                prevention: "Add a health check to the deploy job".into(),
                pressure: PressureAnswer::Unsure,
                pressure_why: "Nobody knew whether the contract migration had shipped.".into(),
                ..Default::default()
            })),
        ),
        (1_110_000, Command::Finish),
    ];
    for (t, c) in script {
        s.apply(c, stamp(t)).expect("scripted command is allowed");
    }
    render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] })
}

fn keep_for_lint(name: &str, text: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    fs::create_dir_all(&dir).expect("lint folder");
    fs::write(dir.join(name), text).expect("write for lint");
}

#[test]
fn scripted_drill_postmortem() {
    let md = scripted("Ledger was two clicks away");
    keep_for_lint("scripted.md", &md);
    insta::assert_snapshot!(md);
}

#[test]
fn times_agree_with_the_journal() {
    let md = scripted("n");
    // Revert: active from 235 s to 760 s with a 120 s pause inside: 405 s.
    assert!(md.contains("| Revert to the known-good release | driver | 10:00 | 06:45 | -3:15 | done, "), "{md}");
    // The redeploy item was checked at 700 s, with the 120 s pause left out.
    assert!(md.contains("| Back on the known-good release | T+09:40 |"), "{md}");
    assert!(
        md.contains("| Mitigated (kill switch or recovery) | T+09:40 | claimed by the driver at 14:11:40 UTC |"),
        "{md}"
    );
    assert!(md.contains("| 2026-11-23 14:12:40 | 12:40 | driver | Step done: revert"), "{md}");
    assert!(md.contains("- Total: 14:40 against a time-box of 30:00 (within the time-box)"), "{md}");
    assert!(md.contains("- Outcome: unverified\n  - check not verified: Create an account end to end\n"), "{md}");
    assert!(md.contains("- Handoff at T+13:20: driver from Ana to Cy"), "{md}");
}

#[test]
fn hostile_notes_cannot_change_the_document_shape() {
    let clean = scripted("plain note");
    let hostile = scripted(
        "# Forged heading | a | b |\n```\n<script>alert(1)</script> [x](javascript:1) https://evil.example \u{1b}[2J\u{202e}",
    );
    keep_for_lint("hostile.md", &hostile);
    let shape =
        |md: &str| md.lines().filter(|l| l.starts_with('#') || l.starts_with("```") || l.starts_with('|')).count();
    assert_eq!(shape(&hostile), shape(&clean));
    assert!(!hostile.contains('\u{1b}') && !hostile.contains('\u{202e}'));
    // Only an escaped `<` may appear: it cannot open HTML.
    assert!(!hostile.replace("\\<script>", "").contains("<script>"));
    assert!(hostile.contains("\\# Forged heading \\| a \\| b \\|"), "{hostile}");
}

#[test]
fn backdated_notes_sort_by_when_they_happened_and_todos_become_action_items() {
    use firedrill::core::event::Mode;
    let loaded = common::onboarding();
    let header = common::header(&loaded, "b");
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    s.apply(Command::AddNote("TODO: page the database owner sooner".into()), stamp(60_000)).expect("todo");
    // A note may go back an hour before the start (or the session's length, if longer).
    s.apply(Command::AddNote("@13:57 alert fired".into()), stamp(240_000)).expect("backdated");
    assert!(
        s.apply(Command::AddNote("@12:50 too early".into()), stamp(240_000)).is_err(),
        "seventy minutes before a four-minute session is refused"
    );
    let md = render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] });
    let alert = md
        .find("| 2026-11-23 13:57:00 | -03:00 | - | Note (noted at 14:04:00 UTC): alert fired |")
        .expect("backdated row");
    let start = md.find("Started: driver").expect("start row");
    assert!(alert < start, "the backdated note sorts before the start:\n{md}");
    assert!(md.contains("- happened 2026-11-23 13:57 UTC, noted 14:04 UTC: alert fired"), "{md}");
    assert!(md.contains("| page the database owner sooner | process | Ben (communicator) | 2026-11-30 |"), "{md}");
}

#[test]
fn a_restore_drill_compares_its_restore_with_the_restore_time() {
    use firedrill::core::incident::Decision;
    use firedrill::core::plan::{Meaning, StepKind};
    let loaded = common::loaded("runbooks/restore-backup.toml");
    let header = common::header(&loaded, "r");
    let done = || Command::CompleteStep { leave_unchecked: true, leave_flags_off: false };
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    for (t, c) in [
        (0, Command::Start(Roles::new("Ana", "Ben", "Cy"))),
        (1_000, Command::Decide(Decision::Restore)),
        (60_000, done()),
        (120_000, done()),
    ] {
        s.apply(c, stamp(t)).expect("scripted command is allowed");
    }
    let unconfirmed = render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] });
    assert!(
        unconfirmed.contains("- Restore not confirmed: no actual time to compare with the restore time of 25:00\n"),
        "{unconfirmed}"
    );
    let item = s.step(StepKind::Revert).and_then(|st| st.plan.find(Meaning::Restore)).expect("restore item");
    // Step 3 started at 2:00; the data is back 31:20 later.
    s.apply(Command::ToggleItem(item), stamp(120_000 + 1_880_000)).expect("restored");
    s.apply(done(), stamp(2_100_000)).expect("step 3 done");
    let md = render(&Input { header: &header, runbook: &loaded.runbook, session: &s, history: &[] });
    keep_for_lint("restore.md", &md);
    assert!(md.contains("- Restore took 31:20 against a restore time of 25:00: over by 06:20\n"), "{md}");
}
