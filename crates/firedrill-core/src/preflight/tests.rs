use chrono::TimeZone;

use super::*;
use crate::command::RunEnd;

const BASE: &str = r##"version = 1
title = "T"
channel = "#inc"
[release]
live = "prod-2"
known_good = "prod-1"
ledger = "deploy dashboard"
probe = ["./probe.sh"]
known_good_probe = ["./ready.sh"]
[[triggers]]
signal = "s"
[[flags]]
name = "f"
how = "flagctl set f off"
[[checks]]
name = "c"
[backup]
probe = ["./last-backup.sh"]
window = "1d"
owner = "dba"
restore_target = "db-restore"
restored_last = "2026-10-02"
access_probe = ["./can-restore.sh"]
[migration]
phase = "contract"
backward_compatible = true
"##;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("valid")
}

fn ran(code: i32, ms: u64, out: &[&str]) -> RunResult {
    RunResult {
        end: RunEnd::Exited { code },
        duration_ms: ms,
        tail: out.iter().map(|s| (*s).to_owned()).collect(),
        output_bytes: 1,
    }
}

fn all_pass() -> ProbeEvidence {
    ProbeEvidence {
        now: now(),
        name_within: NAME_WITHIN,
        live: Some(ran(0, 400, &["prod-2"])),
        known_good: Some(ran(0, 300, &["image prod-1 present"])),
        backup: Some(ran(0, 200, &["billing snapshot finished 2026-11-23T02:10:00Z"])),
        access: Some(ran(0, 100, &["role restore-bot can read the snapshot and its KMS key"])),
        not_run: None,
        ..ProbeEvidence::default()
    }
}

fn rb(text: &str) -> Runbook {
    Runbook::parse("rb.toml", text).expect("valid")
}

fn verdict(text: &str, ev: &ProbeEvidence, q: Question) -> (Grade, String) {
    let a = answer(&rb(text), ev).into_iter().find(|a| a.question == q).expect("asked");
    (a.verdict, a.evidence)
}

#[test]
fn a_ready_runbook_passes_every_question_and_exits_0() {
    let answers = answer(&rb(BASE), &all_pass());
    let failing: Vec<_> = answers.iter().filter(|a| a.verdict != Grade::Pass).collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert_eq!(answers.len(), 9);
    assert_eq!(answers[0].evidence, "production reports prod-2 in 0.4 s (./probe.sh)");
    assert_eq!(answers[0].probe_ms, Some(400));
    assert_eq!(answers[3].evidence, "finished 2026-11-23 02:10 UTC (11h50m ago), within the 1d window");
    assert_eq!(exit_code(&answers, false), 0);
}

#[test]
fn naming_the_live_release_fails_when_slow_failing_silent_or_wrong() {
    let mut ev = all_pass();
    ev.name_within = Duration::from_secs(1);
    ev.live = Some(ran(0, 1_200, &["prod-2"]));
    assert_eq!(
        verdict(BASE, &ev, Question::NameLive),
        (Grade::Fail, "release.probe took 1.2 s, over the 1s target".into())
    );
    ev.live = Some(RunResult { end: RunEnd::TimedOut, duration_ms: 1_000, tail: vec![], output_bytes: 0 });
    assert_eq!(verdict(BASE, &ev, Question::NameLive).1, "release.probe timed out after 1.0 s, killed");
    ev.live = Some(ran(0, 10, &["", " "]));
    assert_eq!(verdict(BASE, &ev, Question::NameLive).1, "release.probe printed no release in 0.0 s");
    ev.live = Some(ran(2, 10, &["502 Bad Gateway"]));
    assert_eq!(verdict(BASE, &ev, Question::NameLive).1, "release.probe failed (exit 2): 502 Bad Gateway");
    ev.live = Some(ran(0, 10, &["prod-9"]));
    let (v, why) = verdict(BASE, &ev, Question::NameLive);
    assert_eq!(
        (v, why.as_str()),
        (Grade::Fail, "production reports \"prod-9\", but the runbook's release.live is prod-2")
    );
}

#[test]
fn probes_not_run_or_absent_are_unknown_and_exit_3() {
    let ev = ProbeEvidence {
        now: now(),
        name_within: NAME_WITHIN,
        not_run: Some("not approved".into()),
        ..ProbeEvidence::default()
    };
    let answers = answer(&rb(BASE), &ev);
    let unknown: Vec<Question> = answers.iter().filter(|a| a.verdict == Grade::Unknown).map(|a| a.question).collect();
    assert_eq!(unknown, vec![Question::NameLive, Question::KnownGood, Question::Backup, Question::BackupAccess]);
    assert_eq!(answers[0].evidence, "release.probe not run: not approved");
    assert_eq!(exit_code(&answers, false), 3);
    assert_eq!(exit_code(&answers, true), 1, "--strict: an unknown fails");

    let bare = BASE.replace("known_good_probe = [\"./ready.sh\"]\n", "").replace("probe = [\"./probe.sh\"]\n", "");
    let (v, why) = verdict(&bare, &ev, Question::KnownGood);
    assert_eq!(
        (v, why.as_str()),
        (Grade::Unknown, "prod-1 picked; no known_good_probe: check it is redeployable (deploy dashboard)")
    );
    assert_eq!(
        verdict(&bare, &ev, Question::NameLive).1,
        "no release.probe: time naming it by hand (ledger: deploy dashboard)"
    );
}

#[test]
fn the_known_good_must_differ_from_live_and_be_ready() {
    let same = BASE.replace("known_good = \"prod-1\"", "known_good = \"prod-2\"");
    assert_eq!(verdict(&same, &all_pass(), Question::KnownGood).0, Grade::Fail);
    let mut ev = all_pass();
    ev.known_good = Some(ran(1, 50, &["manifest unknown"]));
    assert_eq!(
        verdict(BASE, &ev, Question::KnownGood),
        (Grade::Fail, "known_good_probe failed (exit 1): manifest unknown".into())
    );
}

#[test]
fn migrations_pass_only_when_reversible_and_compatible() {
    let with = |phase: &str, compatible: &str| {
        BASE.replace("phase = \"contract\"\nbackward_compatible = true", &format!("phase = \"{phase}\"{compatible}"))
    };
    let ev = all_pass();
    assert_eq!(verdict(&with("cleanup", "\nbackward_compatible = true"), &ev, Question::Migration).0, Grade::Fail);
    assert!(
        verdict(&with("cleanup", ""), &ev, Question::Migration).1.contains("a rollback will not bring the column back")
    );
    assert_eq!(verdict(&with("expand", "\nbackward_compatible = false"), &ev, Question::Migration).0, Grade::Fail);
    assert_eq!(verdict(&with("migrate", ""), &ev, Question::Migration).0, Grade::Unknown);
    assert_eq!(verdict(&with("none", ""), &ev, Question::Migration).0, Grade::Pass);
    let none = BASE.replace("[migration]\nphase = \"contract\"\nbackward_compatible = true\n", "");
    assert_eq!(verdict(&none, &ev, Question::Migration).0, Grade::Unknown);
}

#[test]
fn a_backup_must_state_a_time_inside_the_window() {
    let mut ev = all_pass();
    ev.backup = Some(ran(0, 10, &["last: 2026-11-21 23:00"]));
    assert_eq!(
        verdict(BASE, &ev, Question::Backup),
        (Grade::Fail, "finished 2026-11-21 23:00 UTC (1d15h ago), older than the 1d window".into())
    );
    ev.backup = Some(ran(0, 10, &["backup running"]));
    assert_eq!(
        verdict(BASE, &ev, Question::Backup),
        (Grade::Fail, "backup.probe printed no time: backup running".into())
    );
    ev.backup = Some(ran(0, 10, &["2026-11-24T14:00:00Z"]));
    assert_eq!(verdict(BASE, &ev, Question::Backup).0, Grade::Fail, "a backup from tomorrow is a probe or clock fault");
    ev.backup = Some(ran(0, 10, &["2026-11-23T14:03:00Z"]));
    assert_eq!(verdict(BASE, &ev, Question::Backup).0, Grade::Pass, "three minutes of clock skew is fine");
    let no_window = BASE.replace("window = \"1d\"\n", "");
    assert_eq!(verdict(&no_window, &all_pass(), Question::Backup).0, Grade::Unknown);
}

#[test]
fn restore_facts_owner_target_and_practice() {
    let ev = all_pass();
    assert_eq!(
        verdict(BASE, &ev, Question::RestoreOwner),
        (Grade::Pass, "dba restores it into db-restore first".into())
    );
    assert_eq!(verdict(&BASE.replace("owner = \"dba\"\n", ""), &ev, Question::RestoreOwner).0, Grade::Fail);
    assert_eq!(
        verdict(BASE, &ev, Question::RestorePractised),
        (Grade::Pass, "last restored 2026-10-02, 52 days ago (practise every 90d)".into())
    );
    let monthly = BASE.replace("restored_last", "practice_every = \"30d\"\nrestored_last");
    assert_eq!(
        verdict(&monthly, &ev, Question::RestorePractised),
        (Grade::Fail, "last restored 2026-10-02, 52 days ago: more than every 30d".into())
    );
    let never = BASE.replace("\"2026-10-02\"", "\"never\"");
    assert_eq!(verdict(&never, &ev, Question::RestorePractised).0, Grade::Fail);
    let unstated = BASE.replace("restored_last = \"2026-10-02\"\n", "");
    assert_eq!(verdict(&unstated, &ev, Question::RestorePractised).0, Grade::Unknown);
}

#[test]
fn one_channel_and_a_kill_switch_are_required() {
    let ev = all_pass();
    assert_eq!(verdict(&BASE.replace("channel = \"#inc\"\n", ""), &ev, Question::Channel).0, Grade::Fail);
    let no_flag = BASE.replace("[[flags]]\nname = \"f\"\nhow = \"flagctl set f off\"\n", "");
    assert_eq!(verdict(&no_flag, &ev, Question::KillSwitch).0, Grade::Fail);
    assert_eq!(verdict(BASE, &ev, Question::KillSwitch).1, "f (1 of 1 with its how)");
}
