//! The terminal always comes back: each catchable signal whose default
//! kills restores it (and dies by the signal where it can be re-raised),
//! `TERM`, `HUP`, `INT` and `QUIT` end with 128+N, `TSTP` under a
//! job-control shell gives the terminal back and `fg` takes it again, a
//! terminal closed under a drill ends it with 129 and its typing kept, and a
//! huge window is drawn clamped, in bounded memory.

use crate::common;

use std::fs;
use std::path::Path;

use common::pty::Pty;

/// A drill of the bundled runbook with its roles given.
const DRILL: [&str; 8] =
    ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];

/// A drill of the bundled runbook in a PTY, waiting for its first screen.
fn drill_in(tmp: &Path) -> Pty {
    let app = Pty::start_in(tmp, &DRILL);
    app.wait_for("Decide first");
    assert!(!app.left_alternate_screen() && !app.cursor_shown(), "the app holds the terminal");
    app
}

fn send_signal(pid: u32, signal: nix::sys::signal::Signal) {
    let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).expect("pid fits"));
    nix::sys::signal::kill(pid, signal).expect("kill");
}

#[test]
fn every_catchable_signal_gives_the_terminal_back_and_keeps_the_journal() {
    use nix::sys::signal::Signal as S;
    // Those whose default kills: the app dies by the signal once the
    // terminal is restored (exit 128+N where that cannot be re-raised).
    #[cfg(target_os = "linux")]
    let die = [
        S::SIGUSR1,
        S::SIGUSR2,
        S::SIGALRM,
        S::SIGVTALRM,
        S::SIGPROF,
        S::SIGXCPU,
        S::SIGXFSZ,
        S::SIGPWR,
        S::SIGSYS,
        S::SIGTRAP,
        S::SIGABRT,
        S::SIGIO,
        S::SIGSTKFLT,
    ];
    #[cfg(not(target_os = "linux"))]
    let die = [
        S::SIGUSR1,
        S::SIGUSR2,
        S::SIGALRM,
        S::SIGVTALRM,
        S::SIGPROF,
        S::SIGXCPU,
        S::SIGXFSZ,
        S::SIGSYS,
        S::SIGTRAP,
        S::SIGABRT,
    ];
    let leave = [S::SIGTERM, S::SIGHUP, S::SIGINT, S::SIGQUIT];
    for signal in die.into_iter().chain(leave) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = drill_in(tmp.path());
        send_signal(app.pid().expect("pid"), signal);
        let status = app.wait_status();
        assert!(app.left_alternate_screen(), "{signal}: back on the main screen");
        assert!(app.cursor_shown(), "{signal}: the cursor is shown");
        let raw = String::from_utf8_lossy(&app.raw()).into_owned();
        assert!(raw.contains("session kept; its journal is"), "{signal}: the journal is kept and said so:\n{raw}");
        let code = 128 + signal as u32;
        let by_signal = status.signal().is_some();
        let reraised = die.contains(&signal) && ![S::SIGIO].contains(&signal);
        #[cfg(target_os = "linux")]
        let reraised = reraised && ![S::SIGPWR, S::SIGSTKFLT].contains(&signal);
        if reraised {
            assert!(by_signal, "{signal}: dies by the signal, as its default action: {status:?}");
        } else {
            assert_eq!((by_signal, status.exit_code()), (false, code), "{signal}: exit 128+N");
        }
    }
}

/// The pid of the one child of `parent` (Linux: `/proc`).
fn child_of(parent: u32) -> Option<u32> {
    let text = fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

#[test]
fn tstp_gives_the_terminal_back_and_fg_takes_it_again_and_redraws() {
    let bash = ["/bin/bash", "/usr/bin/bash"].into_iter().find(|p| Path::new(p).exists());
    let (Some(bash), true) = (bash, Path::new("/proc/self/task").exists()) else {
        println!("skipped: needs bash and /proc (Linux) to run a job-control shell and find its job");
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let (out, state) = (tmp.path().join("out"), tmp.path().join("state"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = [("FIREDRILL_DIR", out.as_path()), ("XDG_STATE_HOME", state.as_path()), ("PS1", Path::new("sh$ "))];
    let mut shell = Pty::spawn_program(bash, &["--norc", "--noprofile", "-i"], 100, 30, repo, &env);
    shell.wait_for("sh$");
    let command = format!(
        "{} drill runbooks/onboarding-signup.toml --driver Ana --communicator Ben --verifier Cy\r",
        env!("CARGO_BIN_EXE_firedrill")
    );
    shell.send(command.as_bytes());
    shell.wait_for("Decide first");
    shell.send(b"1");
    shell.wait_for("decision: roll back");
    shell.send(b"n");
    shell.wait_for("type, then enter");
    shell.send(b"typed before the stop");
    shell.wait_for("typed before the stop");
    let app = child_of(shell.pid().expect("shell pid")).expect("firedrill, the shell's job");

    send_signal(app, nix::sys::signal::Signal::SIGTSTP);
    shell.wait_for("Stopped");
    assert!(shell.left_alternate_screen(), "stopped: the shell has its main screen back");
    assert!(shell.cursor_shown(), "stopped: the cursor is shown");
    shell.send(b"echo shell-typing-works\r");
    shell.wait_for("shell-typing-works\nsh$");

    shell.send(b"fg\r");
    shell.wait_for("decision: roll back");
    assert!(!shell.left_alternate_screen(), "continued: on the alternate screen again");
    // Raw mode again: a single key acts at once (no line is waited for).
    shell.wait_for("typed before the stop");
    shell.send(b" and after");
    shell.wait_for("typed before the stop and after");
    shell.send(b"\r");
    shell.wait_for("notes (1)");
    shell.send(b"q");
    shell.wait_for("finish now");
    shell.send(b"k");
    shell.wait_for("sh$");
    assert!(shell.left_alternate_screen() && shell.cursor_shown(), "the terminal is back after the app left");
    shell.send(b"exit\r");
    shell.wait_status();
}

/// Peak resident memory of process `pid`, in KiB (Linux: `/proc`).
fn peak_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
}

#[test]
fn a_huge_window_is_drawn_clamped_with_a_note_in_bounded_memory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let (out, state) = (tmp.path().join("out"), tmp.path().join("state"));
    let env = [("FIREDRILL_DIR", out.as_path()), ("XDG_STATE_HOME", state.as_path())];
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = env!("CARGO_BIN_EXE_firedrill");
    // Wide enough to be clamped, small enough to read back whole.
    let mut wide = Pty::spawn_viewed(exe, &args, (1100, 30), (1100, 30), repo, &env);
    wide.wait_for("window 1100x30 is over 1000x1000: drawn at 1000x30");
    wide.wait_for("Decide first");
    wide.send(b"1");
    wide.wait_for("decision: roll back");
    wide.keep_and_exit();
    // 65535x65535: once, this asked for 206 GB and aborted with the terminal raw.
    let mut huge = Pty::spawn_viewed(exe, &args, (65535, 65535), (200, 60), repo, &env);
    let wrote = |text: &str| String::from_utf8_lossy(&huge.raw()).contains(text);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !wrote("window 65535x65535 is over 1000x1000: drawn at 1000x1000") {
        assert!(
            std::time::Instant::now() < deadline,
            "no note of the clamped window was drawn: {:?}",
            String::from_utf8_lossy(&huge.raw()).chars().take(3000).collect::<String>()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let pid = huge.pid().expect("pid");
    // Drawing goes on: a decision, a note, each a frame of 1000x1000.
    huge.send(b"1");
    huge.send(b"n");
    huge.send(b"a note at 1000x1000\r");
    if let Some(kib) = peak_kib(pid) {
        println!("peak memory at 65535x65535: {kib} KiB");
        assert!(kib < 400 * 1024, "peak memory {kib} KiB: bounded by the clamped area, not the window's");
    } else {
        println!("peak memory not measured: no /proc here");
    }
    send_signal(pid, nix::sys::signal::Signal::SIGTERM);
    assert_eq!(huge.wait_exit(), 128 + 15, "it ran until asked to stop");
    assert!(huge.left_alternate_screen() && huge.cursor_shown(), "and gave the terminal back");
}

/// The terminal closes under a running drill (a laptop lid, an SSH drop):
/// every write to it fails from then on. firedrill ends as for any
/// hang-up, 128+1, without a panic on the way out, and the note being
/// typed is in the journal.
#[test]
fn a_closed_terminal_ends_the_session_with_129_and_keeps_the_typing() {
    use std::io::{Read as _, Write as _};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let tmp = tempfile::tempdir().expect("tempdir");
    let (out, state) = (tmp.path().join("out"), tmp.path().join("state"));
    let pair =
        native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_firedrill"));
    cmd.args(DRILL);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("FIREDRILL_CONFIG");
    cmd.env("FIREDRILL_DIR", &out);
    cmd.env("XDG_STATE_HOME", &state);
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
    // The reader lets its end go once told to, at the next frame it reads:
    // then no end of the terminal is open.
    let (hang, seen) = (Arc::new(AtomicBool::new(false)), Arc::new(Mutex::new(Vec::new())));
    let (h, s, w) = (Arc::clone(&hang), Arc::clone(&seen), Arc::clone(&writer));
    let (done, gone) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let _done = done;
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || h.load(Ordering::SeqCst) {
                break;
            }
            s.lock().expect("seen").extend_from_slice(&buf[..n]);
            if buf[..n].windows(4).any(|x| x == b"\x1b[6n") {
                // A cursor position asked is answered, as a terminal does.
                let _ = w.lock().expect("writer").write_all(b"\x1b[1;1R");
            }
        }
    });
    let shown = |word: &str| String::from_utf8_lossy(&seen.lock().expect("seen")).contains(word);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !shown("Decide first") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let send = |bytes: &[u8]| writer.lock().expect("writer").write_all(bytes).expect("type");
    assert!(shown("Decide first"), "the drill is up");
    send(b"\x1b");
    std::thread::sleep(Duration::from_millis(300));
    send(b"n");
    while !shown("enter saves") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(shown("enter saves"), "the note field is open");
    send(b"lid closed mid-sentence");
    std::thread::sleep(Duration::from_millis(300));
    hang.store(true, Ordering::SeqCst);
    // One more key: its echo is the next frame, however loaded the machine,
    // and the reader lets its end go on it.
    send(b".");
    // portable-pty's writer types a line feed and Ctrl-D as it goes (an EOF
    // for a shell); either they arrive first (Enter in the note: kept as a
    // note) or the hang-up does (kept as an unsent note).
    drop(writer);
    drop(pair.master);
    // The reader's end goes at that frame: the terminal is closed.
    let _ = gone.recv_timeout(Duration::from_secs(10));
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        let state = || process_state(child.process_id().unwrap_or(0));
        assert!(Instant::now() < deadline, "firedrill did not end after its terminal closed: {}", state());
        std::thread::sleep(Duration::from_millis(25));
    };
    assert_eq!((status.signal(), status.exit_code()), (None, 129), "{status:?}");
    let journal = fs::read_dir(state.join("firedrill/sessions"))
        .expect("sessions")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .expect("the journal");
    let text = fs::read_to_string(journal).expect("journal");
    assert!(text.contains("lid closed mid-sentence"), "the note typed is journaled:\n{text}");
}

/// The kernel's word on process `pid` (its state, pending signals, and
/// where each thread waits), for a test that gave up waiting on it.
fn process_state(pid: u32) -> String {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let head: Vec<&str> = status.lines().filter(|l| l.starts_with("State") || l.starts_with("SigPnd")).collect();
    let waits: Vec<String> = fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|t| fs::read_to_string(t.path().join("wchan")).unwrap_or_default())
        .collect();
    format!("{} · threads wait in {waits:?}", head.join(" "))
}
