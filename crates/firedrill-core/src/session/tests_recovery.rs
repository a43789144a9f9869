//! When users were back on a good release ([`Session::recovery`]): the
//! probe's reading, the redeploy's tick and the health check's pass, and
//! which of them the figure and its evidence are.

use super::tests_evidence::{at, deployed, out, read, replays, start};
use super::*;
use crate::evidence::{Evidence, Sensor};
use crate::plan::Meaning;

#[test]
fn the_probe_reading_the_known_good_release_in_step_3_checks_the_redeploy_and_health_confirms_it() {
    let mut s = start(Mode::Incident, true);
    read(&mut s, Sensor::Health, out(1, ""), 500);
    let deploy = deployed(&mut s, "deployed", 60_000);
    assert!(s.steps[2].checked[deploy], "a passing command checks its own item");
    assert_eq!(s.fire(), None, "an incident has no fire");
    read(&mut s, Sensor::Probe, out(0, "live: prod-good"), 61_000);
    let redeploy = s.steps[2].plan.find(Meaning::Redeploy).expect("redeploy");
    assert!(s.steps[2].checked[redeploy], "the probe measured production on the known-good release");
    assert_eq!(s.reverted_to, Some(("prod-good".into(), 61_000)));
    assert_eq!(s.recovery(), None, "health has not passed since");
    read(&mut s, Sensor::Health, out(0, ""), 64_000);
    assert_eq!(s.events.last().map(|e| e.role), Some(None), "firedrill ran the check: no role is named");
    let r = s.recovery().expect("recovered");
    assert_eq!(r.t_ms, 64_000);
    // The pass completed the fact, so it is the evidence, taken at the figure.
    assert!(matches!(&r.evidence, Evidence::Measured { command, .. } if command == &["./world", "health"]));
    assert_eq!(r.evidence.at(), at(64_000).at);
    replays(&s, Mode::Incident, true);
}

#[test]
fn a_probe_reading_before_the_redeploy_tick_is_when_production_was_back() {
    let mut s = start(Mode::Incident, true);
    for t in [1_000, 2_000] {
        s.apply(Command::CompleteStep { leave_unchecked: true, leave_flags_off: false }, at(t)).expect("step");
    }
    read(&mut s, Sensor::Health, out(0, ""), 20_000);
    read(&mut s, Sensor::Probe, out(0, "live: prod-good"), 22_000);
    let redeploy = s.steps[2].plan.find(Meaning::Redeploy).expect("redeploy");
    read(&mut s, Sensor::Health, out(0, ""), 30_000);
    // The driver names the redeploy long after the probe read it live.
    if !s.steps[2].checked[redeploy] {
        s.apply(Command::RevertTo("prod-good".into()), at(38_000)).expect("tick");
    }
    assert!(s.steps[2].checked[redeploy]);
    let r = s.recovery().expect("recovered");
    // Health had passed since the last action: the probe's reading is the figure.
    assert_eq!(r.t_ms, 22_000, "measured beats the later tick: {r:?}");
    assert!(r.evidence.is_measured());
    assert_eq!(r.evidence.at(), at(r.t_ms).at, "the evidence is taken at the figure");
    replays(&s, Mode::Incident, true);
}

#[test]
fn an_incident_counts_the_minutes_firedrill_was_down() {
    for (mode, mitigated) in [(Mode::Incident, 80_000), (Mode::Drill, 20_000)] {
        let mut s = start(mode, true);
        read(&mut s, Sensor::Health, out(1, ""), 500);
        s.apply(Command::AddNote("before the crash".into()), at(10_000)).expect("note");
        // firedrill was down from 10 s to 70 s.
        s.apply(Command::Reopen { alive_at: None }, at(70_000)).expect("reopen");
        read(&mut s, Sensor::Health, out(0, ""), 80_000);
        let k = crate::timing::Kpis::of(&s, 90_000, 30 * 60_000);
        assert_eq!(k.mitigated_ms, Some(mitigated), "{mode:?}");
        assert_eq!(k.total_ms, mitigated + 10_000, "{mode:?}");
        replays(&s, mode, true);
    }
}
