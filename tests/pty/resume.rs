//! End to end: a drill killed mid-way (SIGKILL) resumes exactly where it
//! stopped and its postmortem holds both finished steps, the note and the
//! gap; SIGTERM and SIGHUP restore the terminal and exit 128+N.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::pty::Pty;

/// Seconds of idle inside a step before the kill, as the heartbeat marks
/// them (kept short for CI).
const IDLE_SECS: u64 = 5;

/// Waits until the heartbeat of the one running journal under `tmp` says
/// the process was alive `secs` seconds after `since` (a file, not a
/// fixed sleep: a heartbeat that stops fails here).
fn wait_alive(tmp: &Path, since: std::time::SystemTime, secs: u64) {
    let sessions = tmp.join("state/firedrill/sessions");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs + 20);
    while std::time::Instant::now() < deadline {
        let alive = common::files_with(&sessions, "alive");
        let marked = alive.first().and_then(|p| p.metadata().ok()).and_then(|m| m.modified().ok());
        if marked.is_some_and(|m| m.duration_since(since).is_ok_and(|d| d.as_secs() >= secs)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the heartbeat under {} did not mark {secs} s of life", sessions.display());
}

fn signal(app: &Pty, name: &str) {
    let pid = app.pid().expect("child pid").to_string();
    let status = Command::new("kill").args([format!("-{name}"), pid]).status().expect("run kill");
    assert!(status.success());
}

fn start(tmp: &Path) -> Pty {
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let app = Pty::start_in(tmp, &args);
    app.wait_for("step 1/5 TRIGGER");
    app.wait_for("Decide first");
    app
}

#[test]
fn a_killed_drill_resumes_where_it_stopped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = start(tmp.path());
    app.roll_back_and_name_live();
    app.send(b"\r");
    app.wait_for("step 2/5 FREEZE");
    app.send(b"\ry");
    app.wait_for("step 3/5 REVERT");
    app.send(b"n");
    app.send(b"written just before the crash\r");
    app.wait_for("notes (1)");
    // Idle inside the step; the heartbeat keeps saying the process is alive.
    wait_alive(tmp.path(), std::time::SystemTime::now(), IDLE_SECS);
    signal(&app, "KILL");
    app.wait_exit();
    let killed = chrono::Utc::now();

    let mut again = Pty::start_in(tmp.path(), &["resume"]);
    again.wait_for("unfinished DRILL");
    again.send(b"\r");
    again.wait_for("step 3/5 REVERT");
    again.wait_for("interrupted at");
    // The note survived (waited for: a frame may be caught half drawn).
    again.wait_for("written just before the crash");
    // The cursor is on the redeploy, whose enter names the release: leave it.
    again.send(b"j\ry");
    again.wait_for("step 4/5 DISABLE");
    again.send(b"\ry");
    again.wait_for("step 5/5 VERIFY");
    again.send(b"\ry");
    again.wait_for("DEBRIEF");
    again.send(b"the crash\t\tu\x13");
    again.wait_for("written");
    again.send(b"q");
    assert_eq!(again.wait_exit(), 0);

    let md = common::postmortem_in(&tmp.path().join("out"));
    for expected in [
        "| Trigger: confirm the signal, name the live release | driver | 02:00 |",
        "| Freeze deploys and hotfixes | communicator | 02:00 |",
        "written just before the crash",
        "- Interrupted: 1 time,",
        "| - | Interrupted at ",
        "- Outcome: unverified",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
    assert_eq!(md.matches("| done").count(), 5, "every step done, none lost:\n{md}");
    // The idle stretch before the kill is the step's; the gap starts at the
    // last heartbeat (every 2 s), not at the last key.
    let jsonl = common::files_with(&tmp.path().join("out"), "jsonl");
    let (_, session) = firedrill::store::journal::read(&jsonl[0]).expect("journal").session().expect("replay");
    let revert = session.step_actual_ms(2, u64::MAX).expect("revert ran");
    assert!(revert >= (IDLE_SECS - 3) * 1_000, "the revert step keeps its idle time: {revert} ms");
    let gap_start = session.events.iter().find_map(|e| match e.kind {
        firedrill::core::event::EventKind::Reopened { interrupted_at, .. } => Some(interrupted_at),
        _ => None,
    });
    let off = (killed - gap_start.expect("a gap")).num_milliseconds().abs();
    assert!(off <= 3_000, "the gap starts within 3 s of the kill, {off} ms off");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_journal() {
    for (name, code) in [("TERM", 143), ("HUP", 129)] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = start(tmp.path());
        app.send(b"1n");
        app.send(b"kept\r");
        app.wait_for("notes (1)");
        signal(&app, name);
        assert_eq!(app.wait_exit(), code, "SIG{name}");
        assert!(app.left_alternate_screen(), "SIG{name} left the alternate screen");
        let raw = String::from_utf8_lossy(&app.raw()).into_owned();
        assert!(raw.contains("\u{1b}[?25h"), "SIG{name}: cursor shown again");
        let sessions = firedrill::store::sessions::unfinished(&tmp.path().join("state/firedrill/sessions"), &[]);
        assert_eq!(sessions.len(), 1, "SIG{name}: the session is resumable");
        assert!(sessions[0].holder.is_none(), "SIG{name}: the lock was released");
    }
}
