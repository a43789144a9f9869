//! End to end, three processes: a drill and an incident write, and
//! `firedrill follow` without a journal offers both in a picker (runbook,
//! mode, who drives), then watches the drill. The follower shows each
//! checked item and note soon after the writer journals it, a long note
//! wrapped whole, never changes the journal (its bytes stay the writer's),
//! offers no command keys, and once the writer saves shows the outcome and
//! the postmortem's path, which `enter` opens in `$PAGER`.

use crate::common;

use std::fs;
use std::path::Path;

use common::pty::Pty;

/// Waits (20 s at most) until `dir` holds a file; returns it.
fn first_file_in(dir: &Path) -> std::path::PathBuf {
    for _ in 0..200 {
        if let Some(f) = fs::read_dir(dir).expect("folder").flatten().next() {
            return f.path();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("nothing arrived in {}", dir.display());
}

#[test]
fn a_follower_picks_a_session_sees_it_live_and_never_writes_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let mut writer = Pty::start_in(tmp.path(), &args);
    writer.wait_for("Decide first");
    writer.send(b"1");
    writer.wait_for("decision: roll back");
    let args =
        ["incident", "runbooks/restore-backup.toml", "--driver", "Dee", "--communicator", "Eli", "--verifier", "Fay"];
    let mut other = Pty::start_in(tmp.path(), &args);
    other.wait_for("INCIDENT");
    other.send(b"3");
    other.wait_for("decision: restore");
    let sessions = tmp.path().join("state/firedrill/sessions");
    let journal = common::files_with(&sessions, "jsonl")
        .into_iter()
        .find(|p| p.to_string_lossy().contains("onboarding-signup"))
        .expect("the drill's journal");

    // For a script (no terminal): one line a session, with its command.
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .arg("follow")
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .output()
        .expect("follow without a journal");
    let lines = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert_eq!(lines.matches("firedrill follow ").count(), 2, "both are listed: {lines}");
    for (driver, step) in [("driver Ana", "step 1/5 trigger"), ("driver Dee", "step 1/5 trigger")] {
        assert!(lines.lines().any(|l| l.contains(driver) && l.contains(step)), "who drives, where: {lines}");
    }

    // In a terminal: the picker.
    let (out, state, copies) = (tmp.path().join("out"), tmp.path().join("state"), tmp.path().join("paged"));
    fs::create_dir(&copies).expect("paged folder");
    let pager = format!("cp -t {}", copies.display());
    let env = [("FIREDRILL_DIR", out.as_path()), ("XDG_STATE_HOME", state.as_path()), ("PAGER", Path::new(&pager))];
    let mut follower = Pty::spawn(&["follow"], 100, 30, Path::new(env!("CARGO_MANIFEST_DIR")), &env);
    follower.wait_for("2 sessions running here");
    let picker = follower.screen();
    let row = |text: &str| picker.find(text).unwrap_or_else(|| panic!("{text:?} listed:\n{picker}"));
    let (drill, incident) = (row("DRILL · Onboarding release broke sign-ups"), row("INCIDENT · Restore invoices"));
    row("driven by Ana");
    row("driven by Dee");
    // The latest active is first: the drill is one row down when it is not.
    follower.send(if incident < drill { b"j\r" } else { b"\r" });
    follower.wait_for("FOLLOWING");
    let watching = follower.screen();
    assert!(watching.contains("Onboarding release broke sign-ups"), "the drill is followed:\n{watching}");
    assert!(watching.contains("driver Ana · comms Ben · verifier Cy"), "who holds what:\n{watching}");
    assert!(!watching.contains("space check"), "no command keys:\n{watching}");
    other.keep_and_exit();

    writer.send(b" ");
    writer.wait_for("[x] Confirm trigger: sign-up failures");
    writer.send(b"n");
    writer.wait_for("type, then enter");
    let note = "seen from afar: the rollback pipeline waited on a manual approval from the release captain, \
                who took four minutes to answer the page, ending at zebra";
    writer.send(format!("{note}\r").as_bytes());
    writer.wait_for("notes (1)");
    // Shown on the follower's screen, wrapped whole (latency is measured apart, not timed here).
    follower.wait_for("seen from afar");
    follower.wait_for("ending at zebra");
    follower.wait_for("[x] Confirm trigger: sign-up failures");

    // The follower's keys never reach the journal.
    let before = fs::read(&journal).expect("journal");
    follower.send(b" \rsnzu");
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(fs::read(&journal).expect("journal"), before, "the follower wrote nothing");

    // The writer ends early and saves; the follower shows the end.
    writer.end_early_and_save();
    follower.wait_for("the session ended and was saved");
    let postmortem = common::files_with(&out, "md").remove(0);
    let name = postmortem.file_name().expect("a name").to_string_lossy().into_owned();
    let end = follower.screen();
    assert!(end.contains("DRILL ENDED") && end.contains("ended early"), "the outcome:\n{end}");
    assert!(end.contains(&name), "the postmortem's path:\n{end}");

    // enter opens it in the pager ($PAGER here copies what it was given).
    follower.send(b"\r");
    let shown = first_file_in(&copies);
    assert_eq!(
        fs::read(&shown).expect("paged"),
        fs::read(&postmortem).expect("postmortem"),
        "the postmortem was paged"
    );
    follower.wait_for("opens it in cp");
    follower.send(b"q");
    assert_eq!(follower.wait_exit(), 0);
    writer.send(b"q");
    assert_eq!(writer.wait_exit(), 0);
}
