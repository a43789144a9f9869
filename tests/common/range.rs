//! The practice range as the end-to-end tests' real world: a service on
//! localhost in a temporary data folder (never the user's), and a session
//! of `runbooks/practice.toml` against it in a pseudo-terminal.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::pty::Pty;

/// The range's known-good release.
pub const GOOD: &str = "prod-2026-12-01.1";
/// The range's bad release (`practice break`).
pub const BAD: &str = "prod-2026-12-07.1";

/// A range in its own temporary data folder; stopped when dropped.
pub struct Range {
    /// The temporary folder holding everything.
    pub tmp: tempfile::TempDir,
}

impl Range {
    /// A new range folder (nothing started).
    pub fn new() -> Self {
        Self { tmp: tempfile::tempdir().expect("tempdir") }
    }

    /// Its data folder.
    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// The default range folder under this data folder.
    pub fn dir(&self) -> PathBuf {
        self.data().join("firedrill/practice")
    }

    /// `firedrill ARGS` with this data folder: (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_firedrill"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_DATA_HOME", self.data())
            .env_remove("FIREDRILL_PRACTICE_DIR")
            .output()
            .expect("run firedrill");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    }

    /// `firedrill ARGS`, which must exit 0: its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "firedrill {args:?}: {out}{err}");
        out
    }

    /// The service record (`service.json`).
    pub fn record(&self) -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(self.dir().join("service.json")).expect("record")).expect("json")
    }

    /// The service's pid.
    pub fn pid(&self) -> u32 {
        u32::try_from(self.record()["pid"].as_u64().expect("pid")).expect("pid fits")
    }

    /// The service's port.
    pub fn port(&self) -> String {
        self.record()["port"].to_string()
    }
}

impl Drop for Range {
    fn drop(&mut self) {
        let _ = self.run(&["practice", "stop"]);
    }
}

/// Waits (polling, at most 20 s) until `done` holds.
pub fn until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "waited 20 s for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The drill of the practice runbook in a pseudo-terminal, with this
/// range's data folder (so its commands find the range).
pub fn drill(range: &Range, args: &[&str]) -> Pty {
    session(range, &[&["drill", "runbooks/practice.toml"], args].concat())
}

/// `firedrill ARGS` in a pseudo-terminal with this range's folders, as [`drill`].
pub fn session(range: &Range, args: &[&str]) -> Pty {
    let (state, out) = (range.tmp.path().join("state"), range.tmp.path().join("out"));
    let dir = range.dir();
    let env: [(&str, &Path); 4] = [
        ("XDG_DATA_HOME", &range.data()),
        ("XDG_STATE_HOME", &state),
        ("FIREDRILL_DIR", &out),
        ("FIREDRILL_PRACTICE_DIR", &dir),
    ];
    let env = env.map(|(k, v)| (k, v.to_path_buf()));
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    Pty::spawn(args, 100, 30, Path::new(env!("CARGO_MANIFEST_DIR")), &env)
}

/// The session's running journal, as text.
pub fn journal(range: &Range) -> String {
    let sessions = range.tmp.path().join("state/firedrill/sessions");
    let path = super::files_with(&sessions, "jsonl").pop().expect("a journal");
    fs::read_to_string(path).expect("journal")
}

/// At the trigger of a session on the broken range: names the live release
/// from the probe's answer (enter on its item, enter to confirm), finishes
/// the trigger, then makes the kill switch safe by its command and waits
/// for health to pass.
pub fn name_live_and_mitigate(app: &Pty) {
    app.wait_for("live prod-2026-12-07.1 (probe)");
    // The live release prompt starts from the probe's answer: enter confirms it.
    app.send(b"j\r");
    app.wait_for("enter records it");
    super::pty::settle();
    app.send(b"\r");
    app.wait_for("[x] Name the live release");
    app.send(b"\ry");
    app.wait_for("step 2/5 FREEZE");
    // Mitigate first: the switch's command runs and its state is read back.
    app.send(b"f");
    app.wait_for("kill switches");
    app.send(b"o");
    app.wait_for("✓ reads off");
}
