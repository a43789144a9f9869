//! End to end against a real world (the practice range: a service on
//! localhost, its deploy ledger, its kill-switch file, its health check
//! over HTTP): a solo incident where `o` really flips the switch, health
//! turns green, the deploy really rolls back, and the postmortem says what
//! was measured and what was only claimed.

use crate::common;

use std::fs;

use common::range::{GOOD, Range, name_live_and_mitigate, session};

#[test]
fn an_incident_on_the_range_records_what_the_commands_measured() {
    let range = Range::new();
    range.ok(&["practice", "start"]);
    range.ok(&["practice", "break"]);
    // A second kill switch with no command: only ever claimed.
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/runbooks/practice.toml")).expect("runbook");
    let with_claimed = text.replace(
        "[[checks]]",
        "[[flags]]\nname = \"maintenance_banner\"\nsafe = \"on\"\nhow = \"by hand in the admin\"\n\n[[checks]]",
    );
    let runbook = range.tmp.path().join("practice.toml");
    fs::write(&runbook, with_claimed).expect("runbook copy");

    let path = runbook.to_str().expect("utf-8 path");
    let args = ["incident", path, "--driver", "Ana", "--communicator", "Ana", "--verifier", "Ana"];
    let mut app = session(&range, &args);
    app.wait_for("approve this runbook's commands?");
    app.send(b"y");
    app.wait_for("How bad is it?");
    app.send(b"2");
    app.wait_for("Decide first");
    app.send(b"1");
    // The health check confirms the harm; the probe reads the ledger.
    app.wait_for("health ✖");
    name_live_and_mitigate(&app);
    assert_eq!(range.ok(&["practice", "flag", "onboarding_v2"]), "off\n", "the switch file really changed");
    app.send(b"jo");
    app.wait_for("set to safe (on)");
    app.send(b"\x1b");
    app.wait_for("health ✓");

    // Roll back for real: the deploy passes and ticks its item; the probe
    // then measures production on the known-good release.
    app.send(b"\ry");
    app.wait_for("step 3/5 REVERT");
    app.send(b"jjr");
    app.wait_for("Run it? (y/n)");
    app.send(b"y");
    app.wait_for("✓ passed");
    app.wait_for("live prod-2026-12-01.1 (probe)");
    app.wait_for("[x] Redeploy");
    app.send(b"\ry\ry");
    app.wait_for("step 5/5 VERIFY");
    app.send(b"R");
    app.wait_for("2/2 checked");
    // Restore the measured switch; leave the claimed one safe, confirmed.
    app.send(b"fr");
    app.wait_for("✓ reads on");
    app.send(b"\x1b");
    app.wait_for("f flags");
    app.send(b"\r");
    app.wait_for("Finish verify and leave them off?");
    app.send(b"y");
    app.wait_for("DEBRIEF");
    app.send(b"\x13");
    app.wait_for("written");
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);

    assert!(range.ok(&["practice", "live"]).starts_with(&format!("{GOOD} deployed 20")), "really rolled back");
    range.ok(&["practice", "health"]);
    let md = common::postmortem_in(&range.tmp.path().join("out"));
    for expected in [
        "| Name the live release | T+00:",
        " | measured by `firedrill practice live` (passed (exit 0)) at ",
        "| Mitigated (health check green) | T+00:",
        " | measured by `firedrill practice health` (passed (exit 0)) at ",
        ", after onboarding_v2 set to safe (off) at ",
        "| Back on the known-good release | T+00:",
        ", after firedrill practice deploy prod-2026-12-01.1 passed (exit 0) at ",
        "- `onboarding_v2`: restored (on) (measured by `firedrill practice flag onboarding_v2 on` (passed (exit 0)) at ",
        "; reads `on` at ",
        "- `maintenance_banner`: set to safe (on) (claimed by the driver at ",
        "- Severity: SEV2",
        "- Impact window: ",
        "from the live release's deploy, per the release probe to the first passing health check",
        "Deployed `prod-2026-12-07.1` (per the release probe, measured at ",
        "Health check: FAILING",
        "Health check: passing (measured)",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
    // Mitigated is the health check's time, within a polling interval of the switch.
    let journal = common::range::journal(&range);
    assert!(journal.contains("\"kind\":\"switch_command_finished\""), "{journal}");
    fs::create_dir_all(concat!(env!("CARGO_TARGET_TMPDIR"), "/postmortems")).expect("lint dir");
    fs::write(concat!(env!("CARGO_TARGET_TMPDIR"), "/postmortems/pty-evidence.md"), &md).expect("keep for lint");
}
