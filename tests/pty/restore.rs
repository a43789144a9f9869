//! End to end: a live incident on the restore runbook where the team
//! decides to restore data: step 3 becomes the restore (its items, its
//! restore-time target) on screen and in the postmortem.

use crate::common;

use common::pty::Pty;

#[test]
fn an_incident_that_restores_data_runs_and_records_the_restore() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args =
        ["incident", "runbooks/restore-backup.toml", "--driver", "Ana", "--communicator", "Ana", "--verifier", "Ana"];
    let mut app = Pty::start_in(tmp.path(), &args);
    app.wait_for("Decide first");
    app.wait_for("never restored");
    app.send(b"3");
    app.wait_for("decision: restore data");
    app.wait_for("restore  driver   25:00");
    app.send(b"\ry");
    app.wait_for("step 2/5 FREEZE");
    app.send(b"\ry");
    app.wait_for("step 3/5 RESTORE");
    let screen = app.screen();
    for item in ["to a non-production target first", "Restore production data from RDS snapshot", "within at most 10m"]
    {
        assert!(screen.contains(item), "missing {item:?}:\n{screen}");
    }
    assert!(!screen.contains("Redeploy"), "a restore redeploys nothing:\n{screen}");
    app.send(b"j ");
    app.wait_for("[x] Restore production data");
    app.send(b"\ry");
    app.wait_for("step 4/5 DISABLE");
    app.send(b"\ry\ry");
    app.wait_for("DEBRIEF");
    app.save_debrief();
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);

    let md = common::postmortem_in(&tmp.path().join("out"));
    for expected in [
        "- Decision: restore data",
        "## Resolution\n\nDecision: restore data (data was lost or overwritten: a rollback cannot undo it). Step 3: Restore to billing-restore (non-production) first.",
        "| Restore to billing-restore (non-production) first | driver | 25:00 |",
        "| Data restored | T+",
        "- [x] Restore production data from RDS snapshot billing-prod 02:00 UTC + PITR logs",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
    assert!(!md.contains("Back on the known-good release"), "{md}");
}
