//! The backup facts of issue 10 (probe, window, owner, restore target,
//! `practice_every`) and the warnings they feed, with today passed as data.

use chrono::NaiveDate;

use super::*;
use crate::period::Period;

const VALID: &str = r#"version = 1
title = "T"
[release]
live = "a"
known_good = "b"
[[triggers]]
signal = "s"
[[flags]]
name = "f"
[[checks]]
name = "c"
"#;

/// The warnings about commands that would measure what is otherwise claimed.
fn measuring(w: &Warning) -> bool {
    matches!(w, Warning::NoHealthCheck | Warning::FlagWithoutSafeCommand { .. })
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn parse(extra: &str) -> Result<Runbook, Vec<String>> {
    let text = format!("{VALID}{extra}");
    Runbook::parse("rb.toml", &text).map_err(|e| e.iter().map(ToString::to_string).collect())
}

fn warns(extra: &str, today: NaiveDate) -> Vec<Warning> {
    let text = format!("{VALID}{extra}");
    // The commands that make a record measured are warned about apart.
    warnings_on(&parse(extra).expect("valid"), &text, today).into_iter().filter(|w| !measuring(w)).collect()
}

#[test]
fn the_new_backup_facts_parse_and_practice_defaults_to_90_days() {
    let rb = parse(
        "[backup]\nprobe = [\"./last-backup.sh\"]\nwindow = \"26h\"\nowner = \"dba-oncall\"\n\
         restore_target = \"billing-restore\"\n",
    );
    assert!(rb.is_err(), "26h is over a day: write 1d2h");
    let rb = parse(
        "[backup]\nprobe = [\"./last-backup.sh\"]\nwindow = \"1d2h\"\nowner = \"dba-oncall\"\n\
         restore_target = \"billing-restore\"\n",
    )
    .expect("valid");
    let b = rb.backup.expect("backup");
    assert_eq!(b.window.map(Period::as_secs), Some(26 * 3600));
    assert_eq!(b.practice_every(), Period::days(90));
    assert_eq!((b.owner.as_deref(), b.restore_target.as_deref()), (Some("dba-oncall"), Some("billing-restore")));
}

#[test]
fn bad_backup_facts_are_located_errors() {
    let e = parse("[backup]\nwindow = \"a week\"\n").expect_err("prose");
    assert!(e[0].starts_with("rb.toml:13:10: backup.window: invalid duration \"a week\""), "{e:?}");
    let e = parse("[backup]\npractice_every = \"0d\"\n").expect_err("zero");
    assert!(e[0].contains("backup.practice_every"), "{e:?}");
    let e = parse("[backup]\nprobe = []\n").expect_err("no program");
    assert!(e[0].contains("backup.probe: must start with the program to run"), "{e:?}");
    let e = parse("[backup]\nprobe = \"./last-backup.sh\"\n").expect_err("shell string");
    assert!(e[0].contains("backup.probe"), "{e:?}");
    let e = parse("[backup]\nownr = \"x\"\n").expect_err("typo");
    assert!(e[0].contains("did you mean `owner`?"), "{e:?}");
}

#[test]
fn a_restore_older_than_practice_every_warns_and_a_recent_one_does_not() {
    let today = day(2026, 11, 23);
    let old = warns("[backup]\nrestored_last = \"2026-08-01\"\n", today);
    assert_eq!(old, vec![Warning::RestoreOverdue { last: day(2026, 8, 1), days: 114, every: Period::days(90) }]);
    assert_eq!(old[0].code(), "restore-overdue");
    assert!(warns("[backup]\nrestored_last = \"2026-10-02\"\n", today).is_empty());
    let strict = warns("[backup]\nrestored_last = \"2026-10-02\"\npractice_every = \"30d\"\n", today);
    assert_eq!(strict, vec![Warning::RestoreOverdue { last: day(2026, 10, 2), days: 52, every: Period::days(30) }]);
    assert_eq!(warns("[backup]\nrestored_last = \"never\"\n", today), vec![Warning::BackupNeverRestored]);
}

#[test]
fn a_restore_longer_than_the_timebox_and_a_cleanup_phase_warn() {
    let today = day(2026, 11, 23);
    let slow = warns("[backup]\nrestore_time = \"45m\"\n", today);
    assert_eq!(slow, vec![Warning::RestoreOverTimebox { restore_secs: 45 * 60, timebox_secs: 30 * 60 }]);
    assert!(slow[0].to_string().contains("(45m) is longer than the time-box (30m)"));
    let cleanup = warns("[migration]\nphase = \"cleanup\"\nbackward_compatible = true\n", today);
    assert_eq!(cleanup, vec![Warning::CleanupIrreversible]);
    assert!(cleanup[0].to_string().contains("a rollback will not bring the column back"));
}

#[test]
fn only_a_known_good_equal_to_live_is_an_error_under_strict() {
    let text = VALID.replace("known_good = \"b\"", "known_good = \"a\"");
    let rb = Runbook::parse("rb.toml", &text).expect("valid");
    let w = warnings_on(&rb, &text, day(2026, 11, 23));
    let w: Vec<Warning> = w.into_iter().filter(|w| !measuring(w)).collect();
    assert_eq!(w, vec![Warning::KnownGoodIsLive]);
    assert!(w[0].is_error_when_strict());
    assert!(!Warning::CleanupIrreversible.is_error_when_strict());
}
