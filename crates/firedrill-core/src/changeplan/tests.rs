use chrono::TimeZone;

use super::*;
use crate::runbook::Runbook;

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
backward_compatible = true
environments = ["staging", "production"]
phases = [
  { phase = "expand", release = "r1", wait = "1d", backward_compatible = true },
  { phase = "migrate", release = "r2", wait = "2d" },
  { phase = "contract", release = "r3", wait = "3d" },
  { phase = "cleanup", release = "r4" },
]
"#;

fn migration() -> Migration {
    Runbook::parse("rb.toml", PLAN).expect("valid").migration.expect("a migration")
}

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

fn ran(lines: &[&str]) -> RunResult {
    RunResult {
        end: RunEnd::Exited { code: 0 },
        duration_ms: 5,
        tail: lines.iter().map(|l| (*l).to_owned()).collect(),
        output_bytes: 1,
    }
}

#[test]
fn without_evidence_nothing_is_known_and_the_first_step_is_next() {
    let m = migration();
    let ev = PlanEvidence::default();
    assert!(matches!(reached(&m, 0, "staging", &ev), Reached::Unknown(_)));
    assert_eq!(target(&m, None, &ev), Some(Target { index: 0, environment: "staging".into() }));
}

#[test]
fn records_move_the_next_step_along_staging_before_production() {
    let m = migration();
    let mut ev = PlanEvidence::default();
    ev.records.push(shipped(MigrationPhase::Expand, "staging", at(1, 9)));
    assert_eq!(target(&m, None, &ev), Some(Target { index: 0, environment: "production".into() }));
    ev.records.push(shipped(MigrationPhase::Expand, "production", at(2, 9)));
    assert_eq!(target(&m, None, &ev), Some(Target { index: 1, environment: "staging".into() }));
    assert_eq!(finished_at(&m, 0, &ev), Ok(Some(at(2, 9))), "the last environment's time");
    let asked = target(&m, Some((MigrationPhase::Cleanup, None)), &ev);
    assert_eq!(asked, Some(Target { index: 3, environment: "staging".into() }));
    assert_eq!(target(&m, Some((MigrationPhase::None, None)), &ev), None, "not a phase of the plan");
}

#[test]
fn a_probe_measures_and_overrules_a_record() {
    let m = migration();
    let mut ev = PlanEvidence::default();
    ev.records.push(shipped(MigrationPhase::Contract, "staging", at(10, 9)));
    // The staging probe reports the migrate release: contract was rolled back.
    ev.probes.push(("staging".into(), ran(&["staging: r2"])));
    match reached(&m, 2, "staging", &ev) {
        Reached::No(why) => assert!(why.contains("staging runs r2 (migrate)") && why.contains("rolled back?"), "{why}"),
        other => panic!("{other:?}"),
    }
    // A later release carries the earlier phases; a time dates its own phase only.
    ev.probes[0] = ("staging".into(), ran(&["r3 deployed 2026-11-10T09:30:00Z"]));
    assert_eq!(
        reached(&m, 2, "staging", &ev),
        Reached::Yes {
            at: Some(at(10, 9) + chrono::Duration::minutes(30)),
            how: "the staging probe reports r3".into()
        }
    );
    assert_eq!(
        reached(&m, 0, "staging", &ev),
        Reached::Yes { at: None, how: "the staging probe reports r3".into() },
        "expand is there, since when the probe does not say"
    );
    ev.probes[0] = ("staging".into(), RunResult { end: RunEnd::Exited { code: 1 }, ..ran(&["502"]) });
    assert!(matches!(reached(&m, 2, "staging", &ev), Reached::Yes { .. }), "a failed probe leaves the record");
}

#[test]
fn the_live_phase_answers_compatibility_for_itself_only() {
    let m = migration();
    let plan = m.plan();
    assert_eq!(compatible(&m, plan[0]), Some(true), "its own answer");
    assert_eq!(compatible(&m, plan[1]), None, "not answered");
    assert_eq!(compatible(&m, plan[2]), Some(true), "[migration] backward_compatible is the contract phase's");
}
