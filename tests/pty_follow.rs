//! End to end, two processes: a drill writes, `firedrill follow` watches.
//! The follower shows each checked item and note soon after the writer
//! journals it, never changes the journal (its bytes stay the writer's),
//! offers no command keys, and says "session ended" with the postmortem
//! once the writer saves.

mod common;

use std::fs;

use common::pty::Pty;

#[test]
fn a_follower_sees_the_session_live_and_never_writes_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let mut writer = Pty::start_in(tmp.path(), &args);
    writer.wait_for("Decide first");
    writer.send(b"1");
    writer.wait_for("decision: roll back");
    let sessions = tmp.path().join("state/firedrill/sessions");
    let journal = common::files_with(&sessions, "jsonl").remove(0);

    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .arg("follow")
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .output()
        .expect("follow without a journal");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("firedrill follow "), "the running session is listed");

    let mut follower = Pty::start_in(tmp.path(), &["follow", journal.to_str().expect("utf-8")]);
    follower.wait_for("FOLLOWING");
    assert!(!follower.screen().contains("space check"), "no command keys:\n{}", follower.screen());

    writer.send(b" ");
    writer.wait_for("[x] Confirm trigger: sign-up failures");
    writer.send(b"n");
    writer.wait_for("type, then enter");
    writer.send(b"seen from afar\r");
    writer.wait_for("notes (1)");
    // Shown on the follower's screen (latency is measured apart, not timed here).
    follower.wait_for("seen from afar");
    follower.wait_for("[x] Confirm trigger: sign-up failures");

    // The follower's keys never reach the journal.
    let before = fs::read(&journal).expect("journal");
    follower.send(b" \rsnzu");
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(fs::read(&journal).expect("journal"), before, "the follower wrote nothing");

    // The writer ends early and saves; the follower says so, with the path.
    writer.send(b"\x03");
    writer.wait_for("quit?");
    writer.send(b"f");
    writer.wait_for("(y/n)");
    writer.send(b"y");
    writer.wait_for("DEBRIEF");
    writer.send(b"\t\tu\x13");
    writer.wait_for("written");
    follower.wait_for("session ended; postmortem:");
    follower.send(b"q");
    assert_eq!(follower.wait_exit(), 0);
    writer.send(b"q");
    assert_eq!(writer.wait_exit(), 0);
}
