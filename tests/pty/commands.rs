//! End to end: a drill whose verify step runs three checks (pass, fail,
//! timeout) and the release probe, and whose revert step has a command that
//! changes a system and so is not run in a drill. The runbook's commands
//! are approved once; a second drill of the same runbook does not ask again.

use crate::common;

use std::fs;
use std::path::Path;

use common::pty::Pty;

fn start(tmp: &Path, marker: &str, approve: bool) -> Pty {
    let args =
        ["drill", "tests/fixtures/commands.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let app = Pty::start_in(tmp, &args);
    app.wait_for(marker);
    if approve {
        // Its probe runs on its own: the runbook's commands are approved first.
        app.wait_for("approve this runbook's commands?");
        app.wait_for("tests/fixtures/scripts/probe.sh");
        app.send(b"y");
    }
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    app
}

#[test]
fn checks_run_decide_and_a_mutating_command_waits_for_live_commands() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = start(tmp.path(), "step 1/5 TRIGGER", true);
    // The probe read the ledger: the live release prompt starts from it.
    app.wait_for("live prod-2026-10-30.1 (probe)");
    app.send(b"\ry\ry");
    app.wait_for("step 3/5 REVERT");

    // The mutating command asks first, and a dry drill does not run it.
    app.send(b"jr");
    app.wait_for("A drill records this command without running it");
    app.send(b"y");
    app.wait_for("start the drill with --live-commands to run it");
    app.send(b"\ry \r");
    app.wait_for("step 5/5 VERIFY");

    // R runs the three checks and the probe, read-only, without asking:
    // pass, fail, time out, pass.
    app.send(b"R");
    app.wait_for("timed out, killed");
    app.wait_for("2/4 checked · Verify");
    app.wait_for("Probe: production reports prod-2026-10-30.1  ✓");
    assert!(app.screen().contains("failed (exit 2)"), "{}", app.screen());
    app.keep_and_exit();

    // The approval is remembered: a second drill asks nothing, and a
    // read-only check runs at once.
    let mut again = start(tmp.path(), "step 1/5 TRIGGER", false);
    again.send(b"\ry\ry");
    again.wait_for("step 3/5 REVERT");
    again.send(b"j\ry \r");
    again.wait_for("step 5/5 VERIFY");
    again.send(b"r");
    again.wait_for("passed (exit 0)");
    assert!(!again.screen().contains("approve"), "{}", again.screen());
    again.keep_and_exit();

    let sessions = tmp.path().join("state/firedrill/sessions");
    let journal = fs::read_dir(&sessions)
        .expect("sessions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .min()
        .expect("the first drill's journal");
    let text = fs::read_to_string(journal).expect("journal");
    assert!(text.contains("\"ended\":\"not_run_in_drill\""), "{text}");
    assert!(text.contains("\"ended\":\"exited\",\"code\":2"), "{text}");
    assert!(text.contains("\"ended\":\"timed_out\""), "{text}");
}
