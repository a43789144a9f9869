//! The change plan's questions with time as data: order, waits, cleanup
//! last, compatibility, risky hours in local time, two changes in one
//! release; and the config and backup-access questions.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::changeplan::{SHIP_FORMAT, ShipRecord};
use crate::command::RunEnd;

const PLAN: &str = r#"version = 1
title = "T"
[release]
live = "r3"
known_good = "r2"
[[triggers]]
signal = "s"
[[checks]]
name = "c"
[migration]
phase = "contract"
environments = ["staging", "production"]
phases = [
  { phase = "expand", release = "r1", wait = "1d", backward_compatible = true },
  { phase = "migrate", release = "r2", wait = "2d", backward_compatible = false },
  { phase = "contract", release = "r3", backward_compatible = true },
  { phase = "cleanup", release = "r4" },
]
"#;

/// 2026-11-`day` at `hour`:00 UTC; the 23rd is a Monday, the 27th a Friday.
fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).single().expect("date")
}

fn shipped(phase: MigrationPhase, env: &str, when: DateTime<Utc>) -> ShipRecord {
    ShipRecord {
        format: SHIP_FORMAT,
        at: when,
        recorded_at: when,
        runbook: "rb".into(),
        phase,
        environment: env.into(),
        release: String::new(),
    }
}

/// Expand and migrate everywhere: migrate reached production on the 20th at 10:00.
fn evidence(now: DateTime<Utc>) -> ProbeEvidence {
    let mut ev = ProbeEvidence { now, name_within: NAME_WITHIN, ..ProbeEvidence::default() };
    ev.plan.records = vec![
        shipped(MigrationPhase::Expand, "staging", at(10, 10)),
        shipped(MigrationPhase::Expand, "production", at(12, 10)),
        shipped(MigrationPhase::Migrate, "staging", at(18, 10)),
        shipped(MigrationPhase::Migrate, "production", at(20, 10)),
    ];
    ev
}

fn ask(text: &str, ev: &ProbeEvidence, q: Question) -> (Grade, String, String) {
    let rb = Runbook::parse("rb.toml", text).expect("valid");
    let a = answer(&rb, ev).into_iter().find(|a| a.question == q).expect("asked");
    (a.verdict, a.text, a.evidence)
}

#[test]
fn plan_questions_are_asked_only_of_a_plan() {
    let rb = Runbook::parse("rb.toml", PLAN).expect("valid");
    assert_eq!(asked(&rb)[9..], Question::PLAN);
    let none = Runbook::parse("rb.toml", &PLAN[..PLAN.find("environments").expect("plan")]).expect("valid");
    assert_eq!(asked(&none), Question::ALL.to_vec());
}

#[test]
fn the_next_phase_waits_for_the_previous_ones_wait() {
    // Migrate reached production on the 20th at 10:00; its wait is 2d.
    let early = evidence(at(22, 9));
    let (v, text, why) = ask(PLAN, &early, Question::PlanWait);
    assert_eq!(text, "Has the wait after migrate passed?");
    assert_eq!(
        (v, why.as_str()),
        (
            Grade::Fail,
            "migrate reached production 2026-11-20 10:00 UTC, 1d23h ago: wait 2d, until 2026-11-22 10:00 UTC"
        )
    );
    let (v, _, why) = ask(PLAN, &evidence(at(22, 10)), Question::PlanWait);
    assert_eq!(
        (v, why.as_str()),
        (Grade::Pass, "migrate reached production 2026-11-20 10:00 UTC, 2d ago: more than the 2d wait")
    );
    let (v, text, why) = ask(PLAN, &evidence(at(22, 10)), Question::PlanOrder);
    assert_eq!(text, "Has everything before contract to staging shipped, in order?");
    assert_eq!(v, Grade::Pass, "{why}");
}

#[test]
fn order_fails_when_a_step_is_skipped_and_is_unknown_without_evidence() {
    let mut ev = evidence(at(25, 10));
    ev.phase = Some((MigrationPhase::Contract, Some("production".into())));
    let (v, text, why) = ask(PLAN, &ev, Question::PlanOrder);
    assert_eq!(text, "Has everything before contract to production shipped, in order?");
    assert_eq!(v, Grade::Unknown, "contract in staging has no record: {why}");
    assert!(why.starts_with("contract in staging: no evidence that contract reached staging"), "{why}");
    // Staging's probe says the migrate release runs there: evidence says no.
    ev.plan.probes.push((
        "staging".into(),
        RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 3, tail: vec!["r2".into()], output_bytes: 2 },
    ));
    let (v, _, why) = ask(PLAN, &ev, Question::PlanOrder);
    assert_eq!((v, why.as_str()), (Grade::Fail, "contract in staging: no, staging runs r2 (migrate)"));
    ev.phase = Some((MigrationPhase::Contract, Some("qa".into())));
    assert_eq!(ask(PLAN, &ev, Question::PlanOrder).0, Grade::Fail, "not one of its environments");
}

#[test]
fn cleanup_needs_a_wait_after_contract() {
    let mut ev = evidence(at(30, 10));
    ev.plan.records.push(shipped(MigrationPhase::Contract, "staging", at(23, 10)));
    ev.plan.records.push(shipped(MigrationPhase::Contract, "production", at(24, 10)));
    let (v, text, why) = ask(PLAN, &ev, Question::PlanWait);
    assert_eq!(text, "Has the wait after contract passed?");
    assert_eq!(
        (v, why.as_str()),
        (Grade::Fail, "no wait after contract: watch for days before the one irreversible step")
    );
    let with_wait = PLAN.replace("release = \"r3\",", "release = \"r3\", wait = \"3d\",");
    assert_eq!(ask(&with_wait, &ev, Question::PlanWait).0, Grade::Pass, "six days after contract");
}

#[test]
fn compatibility_is_answered_per_phase() {
    let mut ev = evidence(at(25, 10));
    ev.phase = Some((MigrationPhase::Migrate, None));
    let (v, text, _) = ask(PLAN, &ev, Question::PlanCompatible);
    assert_eq!(text, "If migrate is rolled back in 5 minutes, will the old code still understand the data?");
    assert_eq!(v, Grade::Fail);
    ev.phase = Some((MigrationPhase::Cleanup, None));
    assert_eq!(ask(PLAN, &ev, Question::PlanCompatible).0, Grade::Unknown);
    ev.phase = Some((MigrationPhase::Expand, None));
    assert_eq!(ask(PLAN, &ev, Question::PlanCompatible).0, Grade::Pass);
}

#[test]
fn a_risky_phase_in_the_risky_hours_is_a_warning_in_local_time() {
    // Friday the 27th, 11:30 UTC: 13:30 in UTC+2, Friday afternoon.
    let mut ev = evidence(at(27, 11) + chrono::Duration::minutes(30));
    ev.utc_offset_secs = 2 * 3600;
    let (v, _, why) = ask(PLAN, &ev, Question::RiskyHours);
    assert_eq!(
        (v, why.as_str()),
        (
            Grade::Warn,
            "Fri 13:30 local is in the risky hours (fri 12:00-24:00): ship contract early in the week and watch it"
        )
    );
    ev.utc_offset_secs = 0;
    assert_eq!(ask(PLAN, &ev, Question::RiskyHours).0, Grade::Pass, "11:30 in UTC is Friday morning");
    let custom = PLAN.replace("environments =", "risky_hours = [\"mon-fri 00:00-12:00\"]\nenvironments =");
    assert_eq!(ask(&custom, &ev, Question::RiskyHours).0, Grade::Warn, "their own risky hours");
    ev.phase = Some((MigrationPhase::Expand, None));
    assert_eq!(ask(&custom, &ev, Question::RiskyHours).0, Grade::Pass, "expand is not risky");
}

#[test]
fn two_phases_in_one_release_is_a_warning_and_strict_fails_on_it() {
    let mut ev = evidence(at(25, 10));
    ev.phase = Some((MigrationPhase::Expand, None));
    let two = PLAN.replace("release = \"r2\"", "release = \"r1\"");
    let (v, text, why) = ask(&two, &ev, Question::OneChange);
    assert_eq!(text, "Does r1 ship one main change?");
    assert_eq!(
        (v, why.as_str()),
        (Grade::Warn, "r1 ships expand and migrate: one main change per release, each revertible on its own")
    );
    let warned = [Answer { question: Question::OneChange, text, verdict: v, evidence: why, probe_ms: None }];
    assert_eq!((exit_code(&warned, false), exit_code(&warned, true)), (0, 1));
}

#[test]
fn config_apart_from_code_and_backup_access() {
    let ev = evidence(at(25, 10));
    let kept = PLAN.replace("known_good = \"r2\"", "known_good = \"r2\"\nconfig = \"cfg-9\"");
    assert_eq!(ask(&kept, &ev, Question::Config).0, Grade::Pass);
    let tied = kept.replace("config = \"cfg-9\"", "config = \"cfg-9\"\nknown_good_config = \"cfg-7\"");
    let (v, _, why) = ask(&tied, &ev, Question::Config);
    assert_eq!(v, Grade::Warn);
    assert!(why.starts_with("rolling back to r2 also brings config cfg-7 back (now cfg-9)"), "{why}");
    let backup = format!("{PLAN}[backup]\naccess_probe = [\"./can-restore.sh\"]\n");
    let mut ev = evidence(at(25, 10));
    assert_eq!(ask(&backup, &ev, Question::BackupAccess).0, Grade::Unknown, "not run");
    ev.access = Some(RunResult {
        end: RunEnd::Exited { code: 3 },
        duration_ms: 9,
        tail: vec!["AccessDenied".into()],
        output_bytes: 12,
    });
    assert_eq!(
        ask(&backup, &ev, Question::BackupAccess),
        (
            Grade::Fail,
            "Can the backup be reached (account, permissions, keys)?".into(),
            "backup.access_probe failed (exit 3): AccessDenied".into()
        )
    );
}
