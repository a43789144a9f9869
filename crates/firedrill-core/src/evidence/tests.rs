use super::*;

fn lines(text: &[&str]) -> Vec<String> {
    text.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn a_probe_release_is_the_first_word_after_an_optional_label() {
    assert_eq!(release_in(&lines(&["live: prod-2026-10-30.1"])).as_deref(), Some("prod-2026-10-30.1"));
    assert_eq!(
        release_in(&lines(&["", "prod-2026-12-01.1 deployed 2026-12-07T01:02:03Z"])).as_deref(),
        Some("prod-2026-12-01.1")
    );
    // A sentence is not a label: its first word is taken as printed.
    assert_eq!(release_in(&lines(&["running build 42: ok"])).as_deref(), Some("running"));
    assert_eq!(release_in(&lines(&["   "])), None);
}

#[test]
fn a_deploy_time_is_the_first_rfc3339_time_printed() {
    let t = deployed_in(&lines(&["prod-1", "deployed 2026-12-07T01:02:03Z, by ci"])).expect("a time");
    assert_eq!(t.to_rfc3339(), "2026-12-07T01:02:03+00:00");
    assert_eq!(deployed_in(&lines(&["prod-1 deployed yesterday"])), None);
}

#[test]
fn a_switch_state_is_the_last_on_or_off_printed() {
    assert_eq!(switch_state_in(&lines(&["onboarding_v2=off"])).as_deref(), Some("off"));
    assert_eq!(switch_state_in(&lines(&["state: ON"])).as_deref(), Some("on"));
    assert_eq!(switch_state_in(&lines(&["was on", "now off"])).as_deref(), Some("off"));
    assert_eq!(switch_state_in(&lines(&["onboarding"])), None, "a word that starts with on is not on");
}

#[test]
fn a_failed_sensor_reads_nothing() {
    let tail = lines(&["live: prod-1"]);
    assert_eq!(read(&Sensor::Probe, &RunEnd::Exited { code: 1 }, &tail), (None, None));
    assert_eq!(read(&Sensor::Probe, &RunEnd::Exited { code: 0 }, &tail).0.as_deref(), Some("prod-1"));
}

#[test]
fn evidence_says_who_or_what() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T00:27:31Z").expect("time").with_timezone(&Utc);
    let measured = Evidence::Measured {
        command: vec!["flagctl".into(), "get".into(), "onboarding_v2".into()],
        end: RunEnd::Exited { code: 0 },
        at,
    };
    assert_eq!(measured.describe(), "measured: flagctl get onboarding_v2 passed (exit 0) at 00:27:31 UTC");
    assert_eq!(Evidence::Claimed { role: Some(Role::Driver), at }.describe(), "claimed by the driver at 00:27:31 UTC");
    assert!(measured.is_measured());
    assert_eq!(Evidence::Rehearsed { role: None, at }.key(), "rehearsed");
}
