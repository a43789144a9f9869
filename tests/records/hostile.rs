//! Hostile inputs against the real binary: a FIFO or a link to a device
//! where a runbook or journal should be, a journal with absurd numbers, a
//! file name with an escape sequence, an unwritable state folder. Each gives
//! its exact message and exit code, at once (a 5 s limit, never a hang).

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs firedrill with `args` and its folders in `home`; kills it past 5 s.
fn run(home: &Path, args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("FIREDRILL_DIR", home.join("out"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run firedrill");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("firedrill {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().expect("mkfifo").success());
}

#[test]
fn a_fifo_or_device_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path();
    mkfifo(&home.join("rb.toml"));
    mkfifo(&home.join("j.jsonl"));
    std::os::unix::fs::symlink("/dev/zero", home.join("zero.jsonl")).expect("symlink");
    let cases: [(&[&str], &str); 5] = [
        (&["check", "rb.toml"], "rb.toml: is a named pipe (FIFO), not a file\n"),
        (&["drill", "rb.toml"], "rb.toml: is a named pipe (FIFO), not a file\n"),
        (&["report", "j.jsonl"], "firedrill: j.jsonl: is a named pipe (FIFO), not a file\n"),
        (&["resume", "j.jsonl"], "firedrill: j.jsonl: is a named pipe (FIFO), not a file\n"),
        (&["report", "zero.jsonl"], "firedrill: zero.jsonl: is a device, not a file\n"),
    ];
    for (args, expected) in cases {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| os(a)).collect();
        let (code, _, stderr) = run(home, &args);
        assert_eq!((code, stderr.as_str()), (Some(1), expected), "{args:?}");
    }
}

#[test]
fn fifos_and_devices_in_the_sessions_folder_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions = dir.path().join("state/firedrill/sessions");
    fs::create_dir_all(&sessions).expect("mkdir");
    mkfifo(&sessions.join("a.jsonl"));
    std::os::unix::fs::symlink("/dev/zero", sessions.join("b.jsonl")).expect("symlink");
    let (code, stdout, _) = run(dir.path(), &[os("resume")]);
    assert_eq!((code, stdout.as_str()), (Some(0), "firedrill: no unfinished sessions\n"));
}

#[test]
fn a_journal_with_absurd_numbers_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let drills = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills");
    let sample = fs::read_dir(&drills)
        .expect("drills")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .expect("a sample journal");
    let text = fs::read_to_string(sample).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut event: serde_json::Value = serde_json::from_str(&lines[2]).expect("event");
    event["t_ms"] = serde_json::json!(u64::MAX);
    lines[2] = event.to_string();
    fs::write(dir.path().join("forged.jsonl"), lines.join("\n") + "\n").expect("write");
    for cmd in ["report", "resume"] {
        let (code, _, stderr) = run(dir.path(), &[os(cmd), os("forged.jsonl")]);
        assert_eq!(code, Some(1), "{cmd}");
        assert!(
            stderr.ends_with(
                "line 3: t_ms 18446744073709551615 is more than ten years; this is not a journal firedrill wrote\n"
            ),
            "{cmd}: {stderr}"
        );
    }
}

#[test]
fn an_escape_in_a_file_name_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "evil\u{1b}]0;pwned\u{7}.toml";
    let shown = "evil\\u{1b}]0;pwned\\u{7}.toml";
    let cases: [(&[&str], i32, String); 3] = [
        (&["check", name], 1, format!("{shown}: cannot read runbook: no such file\n")),
        (&["resume", name], 1, format!("firedrill: {shown}: No such file or directory (os error 2)\n")),
        (
            &["new", name],
            0,
            format!(
                "wrote {shown}; edit it, then run: firedrill check {shown}\n\
                 wrote ./runbook.schema.json (the schema its #:schema line names, for editors)\n"
            ),
        ),
    ];
    for (args, code, expected) in cases {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| os(a)).collect();
        let (got, stdout, stderr) = run(dir.path(), &args);
        let all = stdout + &stderr;
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{args:?}: {all:?}");
        assert_eq!((got, all), (Some(code), expected), "{args:?}");
    }
}

/// A runbook with a 3,000,000,000-hour cadence (it panicked the drill and
/// every resume) or a `redact` pattern that is not a regex: `check`, `drill`
/// and `incident` refuse it alike, with its line:col, before any session.
#[test]
fn a_huge_duration_or_a_bad_redact_pattern_is_refused_alike_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rb = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml"))
        .expect("runbook");
    let huge = rb.replacen("timebox = \"30m\"", "timebox = \"30m\"\nupdate_every = \"3000000000h\"", 1);
    let bad = rb.replacen("timebox = \"30m\"", "timebox = \"30m\"\nredact = [\"acct-(\\\\d+\"]", 1);
    // No property of that name (and the release binary has no property tables).
    let property = rb.replacen("timebox = \"30m\"", "timebox = \"30m\"\nredact = [\"\\\\p{Nope}\"]", 1);
    fs::write(dir.path().join("huge.toml"), huge).expect("write");
    fs::write(dir.path().join("bad.toml"), bad).expect("write");
    fs::write(dir.path().join("property.toml"), property).expect("write");
    let cases = [
        (
            "huge.toml",
            "huge.toml:7:16: update_every: duration \"3000000000h\" is longer than 24h, the most firedrill accepts\n",
        ),
        ("bad.toml", "bad.toml:7:11: redact: not a valid regular expression: unclosed group\n"),
        (
            "property.toml",
            "property.toml:7:11: redact: not a valid regular expression: Unicode property not found \
             (no \\p{..} classes: spell the characters out, such as [α-ω])\n",
        ),
    ];
    for (file, expected) in cases {
        let roles = ["--driver", "A", "--communicator", "B", "--verifier", "C"];
        let runs: [Vec<&str>; 3] =
            [vec!["check", file], [&["drill", file][..], &roles].concat(), vec!["incident", file]];
        for args in runs {
            let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| os(a)).collect();
            let (code, _, stderr) = run(dir.path(), &args);
            assert_eq!((code, stderr.as_str()), (Some(1), expected), "{args:?}");
        }
    }
    assert!(!dir.path().join("state/firedrill/sessions").exists(), "no session was started");
}

#[test]
fn an_unwritable_state_folder_is_refused_before_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rb = Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml");
    // A file where the state folder should be: no folder can be made there.
    fs::write(dir.path().join("state"), "not a folder").expect("write");
    let (code, _, stderr) = run(
        dir.path(),
        &[
            os("drill"),
            rb.as_os_str(),
            os("--driver"),
            os("A"),
            os("--communicator"),
            os("B"),
            os("--verifier"),
            os("C"),
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("firedrill: cannot write sessions to "), "{stderr}");
    assert!(stderr.ends_with("; point XDG_STATE_HOME at a writable folder\n"), "{stderr}");
}

#[test]
fn a_long_journal_gives_a_summarised_timeline_and_a_byte_for_byte_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/2026-11-23T0338Z-onboarding-signup.jsonl");
    let text = fs::read_to_string(sample).expect("read");
    let mut lines: Vec<String> = text.lines().take(2).map(str::to_owned).collect();
    let start: serde_json::Value = serde_json::from_str(&lines[1]).expect("start");
    for i in 2..3_000u64 {
        let e = serde_json::json!({
            "seq": i, "at": start["at"], "t_ms": i * 100, "role": "driver",
            "kind": "item_toggled", "step": "trigger", "item": 0, "checked": i % 2 == 0,
        });
        lines.push(e.to_string());
    }
    let journal = dir.path().join("long.jsonl");
    let body = lines.join("\n") + "\n";
    fs::write(&journal, &body).expect("write");
    let (code, stdout, stderr) = run(dir.path(), &[os("report"), os("long.jsonl")]);
    assert_eq!(code, Some(0), "{stderr}");
    let written: Vec<&str> = stdout.lines().collect();
    let md = fs::read_to_string(written[0]).expect("md");
    assert!(
        md.contains("| ... | ... | - | 999 more rows left out here; the journal beside this file holds every event |")
    );
    assert_eq!(fs::read_to_string(written[1]).expect("copy"), body);
}

#[test]
fn a_command_line_with_a_secret_is_hidden_in_the_postmortem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/2026-11-23T0338Z-onboarding-signup.jsonl");
    let text = fs::read_to_string(sample).expect("read");
    let mut lines: Vec<String> = text.lines().take(2).map(str::to_owned).collect();
    let start: serde_json::Value = serde_json::from_str(&lines[1]).expect("start");
    let argv = ["psql", "postgres://admin:hunter2@db/app", "--password", "s3cret", "-c", "select 1 | 2"];
    lines.push(
        serde_json::json!({
            "seq": 2, "at": start["at"], "t_ms": 1000, "role": "driver", "kind": "command_started",
            "step": "trigger", "item": 0, "argv": argv,
        })
        .to_string(),
    );
    lines.push(
        serde_json::json!({
            "seq": 3, "at": start["at"], "t_ms": 2000, "role": "driver", "kind": "command_finished",
            "step": "trigger", "item": 0,
            "result": { "end": { "ended": "exited", "code": 0 }, "duration_ms": 1000, "tail": ["ok"], "output_bytes": 3 },
        })
        .to_string(),
    );
    fs::write(dir.path().join("cmd.jsonl"), lines.join("\n") + "\n").expect("write");
    let (code, stdout, stderr) = run(dir.path(), &[os("report"), os("cmd.jsonl")]);
    assert_eq!(code, Some(0), "{stderr}");
    let md = fs::read_to_string(stdout.lines().next().expect("md path")).expect("md");
    assert!(!md.contains("hunter2") && !md.contains("s3cret"), "{md}");
    assert!(
        md.contains(r#"`psql postgres://admin:[redacted]@db/app --password [redacted] -c "select 1 \| 2"`"#),
        "{md}"
    );
    let lint = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    fs::create_dir_all(&lint).expect("lint dir");
    fs::write(lint.join("redacted-command.md"), &md).expect("keep for lint");
}

#[test]
fn a_save_cut_short_is_finished_by_any_start_and_said() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runbook = repo.join("runbooks/onboarding-signup.toml");
    let runbook = runbook.as_os_str();
    let starts: [&[&std::ffi::OsStr]; 7] = [
        &[os("resume")],
        &[os("review"), os("out")],
        &[os("report"), os("other.jsonl")],
        &[os("drill"), runbook],
        &[os("incident"), runbook],
        &[os("follow")],
        &[],
    ];
    for args in starts {
        let dir = tempfile::tempdir().expect("tempdir");
        let sessions = dir.path().join("state/firedrill/sessions");
        fs::create_dir_all(&sessions).expect("mkdir");
        fs::create_dir_all(dir.path().join("out")).expect("out");
        let sample = repo.join("drills/2026-11-23T0340Z-onboarding-signup.jsonl");
        fs::copy(&sample, sessions.join("s.jsonl")).expect("copy");
        fs::copy(repo.join("drills/2026-11-23T0338Z-onboarding-signup.jsonl"), dir.path().join("other.jsonl"))
            .expect("copy");
        let out = dir.path().join("chosen");
        fs::write(sessions.join("s.jsonl.saving"), out.as_os_str().as_encoded_bytes()).expect("intent");
        fs::write(sessions.join(".firedrill-orphan.tmp"), "half").expect("orphan");
        let (_, _, stderr) = run(dir.path(), args);
        let md = out.join("2026-11-23T0340Z-onboarding-signup.md");
        let said = format!("firedrill: finished a save that was cut short: wrote {}\n", md.display());
        assert!(stderr.starts_with(&said), "{args:?}: {stderr}");
        assert!(md.exists() && out.join("2026-11-23T0340Z-onboarding-signup.jsonl").exists(), "{args:?}");
        assert!(sessions.join("s.jsonl.saved").exists() && !sessions.join(".firedrill-orphan.tmp").exists());
    }
}

#[test]
fn a_save_a_live_process_holds_is_left_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions = dir.path().join("state/firedrill/sessions");
    fs::create_dir_all(&sessions).expect("mkdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/2026-11-23T0340Z-onboarding-signup.jsonl");
    fs::copy(sample, sessions.join("s.jsonl")).expect("copy");
    let out = dir.path().join("chosen");
    fs::write(sessions.join("s.jsonl.saving"), out.as_os_str().as_encoded_bytes()).expect("intent");
    let lock = firedrill::store::lock::Lock::acquire(&sessions.join("s.jsonl"), chrono::Utc::now()).expect("lock");
    let (_, _, stderr) = run(dir.path(), &[os("review"), os("chosen")]);
    assert!(!stderr.contains("finished a save"), "{stderr}");
    assert!(!sessions.join("s.jsonl.saved").exists() && !out.exists());
    drop(lock);
}
