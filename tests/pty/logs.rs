//! End to end: a solo responder starts an incident by typing one name (tab
//! fills the other roles), finishes it, and the log file in the state
//! folder holds the session's start and save with its id; nothing of the
//! log reaches the terminal.

use crate::common;

use std::fs;

use common::pty::Pty;

#[test]
fn a_solo_incident_logs_its_start_and_save_to_the_state_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = Pty::start_in(tmp.path(), &["incident", "runbooks/onboarding-signup.toml"]);
    app.wait_for("Alone? Type your name and press tab");
    app.send(b"Ana\t\r");
    app.wait_for("Decide first");
    app.wait_for("one person holds all three roles");
    app.send(b"1");
    app.send(b"q");
    app.wait_for("finish and write");
    app.send(b"f");
    app.wait_for("y yes");
    app.send(b"y");
    app.wait_for("DEBRIEF");
    // Every field may be left empty: the debrief saves at once.
    app.send(b"\x13");
    app.wait_for("written");
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);

    let logs = common::files_with(&tmp.path().join("state/firedrill/logs"), "log");
    assert_eq!(logs.len(), 1, "one daily log file");
    let name = logs[0].file_name().and_then(|n| n.to_str()).expect("name").to_owned();
    assert!(name.starts_with("firedrill.2"), "{name}");
    let log = fs::read_to_string(&logs[0]).expect("log");
    let started = log.lines().find(|l| l.contains("session started")).expect("the start is logged");
    let id = started.split("session=").nth(1).and_then(|r| r.split(' ').next()).expect("with the session id");
    assert!(id.contains("onboarding-signup"), "{started}");
    assert!(started.contains("mode=\"incident\""), "{started}");
    let saved = log.lines().find(|l| l.contains("session saved")).expect("the save is logged");
    assert!(saved.contains(&format!("session={id}")), "{saved}");
    assert!(saved.contains(".md"), "{saved}");
    let raw = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(!raw.contains("session started"), "the log never reaches the terminal");
}
