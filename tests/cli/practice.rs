//! The practice range end to end, through the real binary: started on a
//! free port in a temporary data folder (never the user's), broken, healed
//! by its kill switch and by a rollback, refused where it must be, stopped
//! with no process left; and a drill of `runbooks/practice.toml` in a
//! pseudo-terminal, dry (the deploy recorded, not run, the range untouched)
//! and live-fire (the deploy really rolls the range back).

use crate::common;

use std::fs;
use std::path::Path;

use common::pty::Pty;
use common::range::{BAD, GOOD, Range, drill, journal, until};
use firedrill::practice::daemon::alive;

#[test]
fn break_flag_and_deploy_move_health_and_stop_leaves_no_process() {
    let range = Range::new();
    let out = range.ok(&["practice", "start"]);
    assert!(out.contains("practice range running on http://127.0.0.1:"), "{out}");
    assert!(range.ok(&["practice", "live"]).starts_with(&format!("{GOOD} deployed 20")));
    range.ok(&["practice", "health"]);
    // Bound to 127.0.0.1 only: another loopback address finds nothing there.
    let port: u16 = range.port().parse().expect("port");
    assert!(std::net::TcpStream::connect(("127.0.0.2", port)).is_err());

    range.ok(&["practice", "break"]);
    assert!(range.ok(&["practice", "live"]).starts_with(&format!("{BAD} deployed 20")));
    let (code, out, _) = range.run(&["practice", "health"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("GET /signup: 500 failing"), "{out}");

    // The kill switch stops the harm without a deploy.
    assert_eq!(range.ok(&["practice", "flag", "onboarding_v2"]), "on\n");
    range.ok(&["practice", "flag", "onboarding_v2", "off"]);
    assert_eq!(range.ok(&["practice", "flag", "onboarding_v2"]), "off\n");
    range.ok(&["practice", "health"]);
    range.ok(&["practice", "flag", "onboarding_v2", "on"]);
    assert_eq!(range.run(&["practice", "health"]).0, 1);

    // The rollback heals it with the switch still on.
    let out = range.ok(&["practice", "deploy", GOOD]);
    assert!(out.contains(&format!("the service now serves {GOOD}")), "{out}");
    assert!(range.ok(&["practice", "live"]).starts_with(&format!("{GOOD} deployed 20")));
    assert!(range.ok(&["practice", "health"]).contains("200 ok"));
    let ledger = fs::read_to_string(range.dir().join("deploys.log")).expect("ledger");
    let deploys: Vec<&str> = ledger.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(deploys.len(), 3, "{ledger}");
    for (line, want) in
        deploys.iter().zip([" prod-2026-12-01.1 start", " prod-2026-12-07.1 break", " prod-2026-12-01.1 deploy"])
    {
        assert!(line.ends_with(want), "{ledger}");
    }

    let pid = range.pid();
    assert!(alive(pid));
    assert_eq!(range.ok(&["practice", "stop"]), format!("practice range stopped (pid {pid})\n"));
    assert!(!alive(pid), "the service outlived stop");
    let (code, _, err) = range.run(&["practice", "live"]);
    assert_eq!(code, 1);
    assert!(err.contains("is not running: start it with `firedrill practice start`"), "{err}");
    assert_eq!(range.run(&["practice", "health"]).0, 1);
    let (code, _, err) = range.run(&["practice", "stop"]);
    assert_eq!(code, 1);
    assert!(err.contains("is not running"), "{err}");
}

#[test]
fn a_second_start_a_port_in_use_and_a_foreign_folder_are_refused() {
    let range = Range::new();
    range.ok(&["practice", "start"]);
    let pid = range.pid();
    let (code, _, err) = range.run(&["practice", "start"]);
    assert_eq!(code, 1);
    assert!(err.contains("is already running on http://127.0.0.1:"), "{err}");
    assert!(err.contains("stop it with `firedrill practice stop`"), "{err}");
    assert_eq!(range.pid(), pid, "the running service is untouched");

    let other = Range::new();
    let port = range.port();
    let (code, _, err) = other.run(&["practice", "start", "--port", &port]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("port {port} on 127.0.0.1 is in use: choose another with --port")), "{err}");
    assert!(!other.dir().join("service.json").exists());

    let foreign = tempfile::tempdir().expect("tempdir");
    fs::write(foreign.path().join("notes.txt"), "mine").expect("write");
    let dir = foreign.path().to_str().expect("utf-8 path");
    let (code, _, err) = range.run(&["practice", "start", "--dir", dir]);
    assert_eq!(code, 1);
    assert!(err.contains("is not empty and is not a practice range"), "{err}");
    let (code, _, err) = range.run(&["practice", "deploy", GOOD, "--dir", dir]);
    assert_eq!(code, 1);
    assert!(err.contains("is not a practice range folder"), "{err}");
    let names: Vec<_> = fs::read_dir(foreign.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")], "nothing written in a foreign folder");
}

#[test]
fn the_service_stops_when_idle_and_when_its_folder_is_removed() {
    let idle = Range::new();
    idle.ok(&["practice", "start", "--idle-secs", "2"]);
    let pid = idle.pid();
    until("the idle service to stop", || !alive(pid));
    assert!(!idle.dir().join("service.json").exists());
    let log = fs::read_to_string(idle.dir().join("service.log")).expect("log");
    assert!(log.contains("stopped: idle"), "{log}");
    assert_eq!(idle.run(&["practice", "live"]).0, 1);

    let removed = Range::new();
    removed.ok(&["practice", "start"]);
    let pid = removed.pid();
    fs::remove_dir_all(removed.dir()).expect("remove the folder");
    until("the service of a removed folder to stop", || !alive(pid));
}

/// From the approval question: approves the runbook's commands, decides to
/// roll back, completes the trigger and the freeze, and asks to run step 3's
/// deploy item.
fn approve_and_run_the_deploy(app: &Pty) {
    app.wait_for("approve this runbook's commands?");
    app.send(b"y");
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    app.send(b"\ry\ry");
    app.wait_for("step 3/5 REVERT");
    app.send(b"jjr");
}

#[test]
fn a_dry_drill_records_the_deploy_as_not_run_and_leaves_the_range_alone() {
    let range = Range::new();
    range.ok(&["practice", "start"]);
    range.ok(&["practice", "break"]);
    let ledger = fs::read(range.dir().join("deploys.log")).expect("ledger");

    let mut app = drill(&range, &["--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"]);
    // Its sensors run on their own: the runbook's commands are approved first.
    approve_and_run_the_deploy(&app);
    app.wait_for("A drill records this command without running it");
    app.send(b"y");
    app.wait_for("start the drill with --live-commands to run it");
    app.keep_and_exit();

    assert_eq!(fs::read(range.dir().join("deploys.log")).expect("ledger"), ledger, "the ledger is unchanged");
    assert!(range.ok(&["practice", "live"]).starts_with(&format!("{BAD} deployed 20")));
    assert_eq!(range.run(&["practice", "health"]).0, 1, "sign-up is still broken");
    let text = journal(&range);
    assert!(text.contains("\"ended\":\"not_run_in_drill\""), "{text}");
}

#[test]
fn a_live_fire_drill_rolls_the_range_back_and_verifies_it() {
    let range = Range::new();
    range.ok(&["practice", "start"]);
    range.ok(&["practice", "break"]);

    // No role flags: --live-commands must survive the roles screen.
    let mut app = drill(&range, &["--live-commands"]);
    app.wait_for("Who holds which role?");
    app.send(b"Ana\tBen\tCy\r");
    approve_and_run_the_deploy(&app);
    app.wait_for("Run it? (y/n)");
    assert!(!app.screen().contains("records this command without running it"), "{}", app.screen());
    app.send(b"y");
    app.wait_for("✓ passed");
    assert!(range.ok(&["practice", "live"]).starts_with(&format!("{GOOD} deployed 20")));
    range.ok(&["practice", "health"]);

    // Verify: the health check and the probe pass against the real service.
    app.send(b"\ry\ry");
    app.wait_for("step 5/5 VERIFY");
    // Read-only: they run without a question.
    app.send(b"r");
    app.wait_for("1/2 checked");
    app.send(b"jr");
    app.wait_for("2/2 checked");
    app.keep_and_exit();

    let text = journal(&range);
    assert!(!text.contains("not_run_in_drill"), "{text}");
    assert!(text.contains(&format!("deployed {GOOD} (was {BAD})")), "{text}");
    assert!(text.contains(&format!("GET /signup: 200 ok: signed up (release {GOOD})")), "{text}");
}

#[test]
fn the_home_screen_offers_the_practice_runbook_when_no_runbook_is_found() {
    let range = Range::new();
    let empty = range.tmp.path().join("runbooks");
    fs::create_dir_all(&empty).expect("folder");
    let (data, state) = (range.data(), range.tmp.path().join("state"));
    let env: [(&str, &Path); 2] = [("XDG_DATA_HOME", &data), ("XDG_STATE_HOME", &state)];
    let args = ["--runbooks", empty.to_str().expect("utf-8 path")];
    let mut app = Pty::spawn(&args, 100, 30, Path::new(env!("CARGO_MANIFEST_DIR")), &env);
    app.wait_for("Practice range: the onboarding release broke sign-ups");
    assert!(app.screen().contains(": the practice runbook (firedrill practice start)"), "{}", app.screen());
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);
    // The bundled runbook, written once beside the range's folder.
    let copy = fs::read_to_string(data.join("firedrill/practice.toml")).expect("the offered runbook");
    assert_eq!(
        copy,
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/practice.toml")).expect("bundled")
    );
}
