//! The real binary against hostile input: every kind of secret in every
//! place text enters a session never reaches a file under the state, data
//! or output folders nor the screen; escapes in a runbook title, channel,
//! path, folder name, role name and typed text never reach the terminal,
//! a JSON or TOML document or a file raw. Signals and window sizes are in
//! `pty_signals.rs`.

use crate::common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use common::hostile::{OWN, all_kinds, assert_hidden, is, texts_under, toml, type_then};
use common::pty::Pty;
use firedrill::core::redact::BUILT_IN;

/// A runbook whose every text holds every kind: title, channel, comment,
/// trigger, kill switch, check (argv and name), the release change, and
/// commands that print every kind (a check, the probe, `notify`).
fn hostile_runbook(dir: &Path) {
    let all = all_kinds();
    let mut printed: Vec<String> = BUILT_IN.iter().map(|k| k.example.to_owned()).collect();
    printed.push(OWN.1.to_owned());
    printed
        .push("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAmultiFAKE\n-----END RSA PRIVATE KEY-----".to_owned());
    fs::write(dir.join("secrets.txt"), printed.join("\n") + "\n").expect("secrets");
    let comments = BUILT_IN.iter().fold(String::new(), |mut out, k| {
        let _ = writeln!(out, "# {}", k.example);
        out
    });
    let pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIargvFAKE\n-----END EC PRIVATE KEY-----";
    let text = format!(
        r#"{comments}version = 1
title = {title}
channel = {channel}
redact = ['{own}']
notify = ["sh", "-c", "cat >/dev/null; cat secrets.txt"]
[release]
live = "prod-2"
known_good = "prod-1"
change = {all}
probe = ["sh", "-c", "cat secrets.txt; echo prod-2"]
[[triggers]]
signal = {all}
[[flags]]
name = "new_signup"
how = {all}
[[checks]]
name = {all}
command = ["sh", "-c", "cat secrets.txt; exit 1", {pem}, "--password", "Hunter2Arg", {aws}]
"#,
        title = toml(&format!("Sign-up {}", BUILT_IN[5].example)),
        channel = toml(&format!("#inc {}", BUILT_IN[18].example)),
        own = OWN.0,
        all = toml(&all),
        pem = toml(pem),
        aws = toml(BUILT_IN[30].example),
    );
    fs::write(dir.join("rb.toml"), text).expect("runbook");
    let deck =
        format!("name = \"Surprises\"\n[[injects]]\ntitle = {}\ntext = {}\nat = \"1s\"\n", toml(&all), toml(&all));
    fs::write(dir.join("deck.toml"), deck).expect("deck");
}

/// Every place was really taken: the journal holds masks where the
/// secrets were, in each kind of event, and its header says its runbook
/// copy is redacted.
fn every_place_was_taken(files: &[(String, String)]) {
    let journal = files.iter().find(|(p, _)| is(p, "jsonl")).map(|f| &f.1).expect("journal");
    for kind in [
        "note_added",
        "status_posted",
        "step_skipped",
        "check_overridden",
        "command_output",
        "update_delivered",
        "debriefed",
    ] {
        let line = journal
            .lines()
            .find(|l| l.contains(&format!("\"kind\":\"{kind}\"")))
            .unwrap_or_else(|| panic!("no {kind}"));
        assert!(line.contains("[redacted]"), "{kind}: {line}");
    }
    assert!(
        journal.lines().next().is_some_and(|h| h.contains("\"runbook_redacted\":true")),
        "the header says its copy is redacted"
    );
}

#[test]
fn no_kind_of_secret_in_any_place_reaches_a_file_or_the_screen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let home = tmp.path();
    hostile_runbook(home);
    let all = all_kinds();
    let (out, state, data) = (home.join("out"), home.join("state"), home.join("data"));
    let args = [
        "drill",
        "rb.toml",
        "--injects",
        "deck.toml",
        "--driver",
        BUILT_IN[5].example,
        "--communicator",
        BUILT_IN[18].example,
        "--verifier",
        "Cy",
    ];
    let env =
        [("FIREDRILL_DIR", out.as_path()), ("XDG_STATE_HOME", state.as_path()), ("XDG_DATA_HOME", data.as_path())];
    let mut app = Pty::spawn(&args, 120, 40, home, &env);
    let mut screens = Vec::new();
    // The probe runs on its own: approve the runbook's commands.
    app.wait_for("approve this runbook's commands?");
    screens.push(app.screen());
    app.send(b"y");
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    // The deck's card is up at once: read it, acknowledge it.
    app.wait_for("inject");
    screens.push(app.screen());
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    app.send(b"\r");

    // Typed: a note, a status update (notify prints every kind), a skip reason.
    app.send(b"n");
    app.wait_for("type, then enter");
    type_then(&app, &all, b"\r");
    app.wait_for("notes (1)");
    screens.push(app.screen());
    app.send(b"u");
    app.wait_for("ctrl-s posts");
    type_then(&app, &all, b"\x13");
    app.wait_for("updates (1)");
    screens.push(app.screen());
    for next in 2..=5 {
        app.send(b"s");
        app.wait_for("why skip this step?");
        type_then(&app, &all, b"\r");
        app.wait_for(&format!("step {next}/5"));
    }
    app.wait_for("step 5/5 VERIFY");
    // The check prints every kind and fails; it is accepted with a reason.
    app.send(b"r");
    app.wait_for("failed (exit 1)");
    screens.push(app.screen());
    app.send(b" ");
    app.wait_for("why accept it anyway?");
    type_then(&app, &all, b"\r");
    app.wait_for("accepted anyway");
    app.send(b"\r");
    app.wait_for("(y/n)");
    app.send(b"y");
    app.wait_for("DEBRIEF");
    for _ in 0..2 {
        type_then(&app, &all, b"\t");
    }
    app.send(b"n\t");
    type_then(&app, &all, b"\x13");
    app.wait_for("written");
    // The saved screen's hint line is its last row: the frame is whole.
    app.wait_for("q quit");
    screens.push(app.screen());
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);

    for (n, screen) in screens.iter().enumerate() {
        assert_hidden(&format!("screen {n}"), screen);
    }
    let files: Vec<(String, String)> = [&out, &state, &data].iter().flat_map(|d| texts_under(d)).collect();
    assert!(
        files.iter().any(|(p, _)| is(p, "md")),
        "a postmortem was written: {:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(files.iter().any(|(p, _)| is(p, "jsonl")), "a journal was kept");
    for (path, text) in &files {
        assert_hidden(path, text);
    }
    every_place_was_taken(&files);
}

/// One of each escape class, each with its own marker: CSI (clear, window
/// resize), OSC (title, clipboard), DCS, C1 CSI and OSC, BEL, backspace,
/// DEL, bidi override and isolate, zero-width space, line separator, soft
/// hyphen, tag characters.
const ESCAPES: &str = "o\u{1b}[2J\u{1b}[8;5;5t\u{1b}]0;PWNED\u{7}\u{1b}]52;c;UFdORUQ=\u{7}\u{1b}P+qPWN\u{1b}\\\u{9b}2J\u{9d}0;C1\u{9c}\u{8}\u{7f}x\u{202e}evil\u{2066}iso\u{200b}zw\u{2028}ls\u{ad}sh\u{e0041}\u{e007f}";

/// Byte sequences of [`ESCAPES`] that must never reach the terminal or a
/// JSON document raw (firedrill's own drawing never writes them).
const RAW: [(&str, &[u8]); 13] = [
    ("OSC title", b"\x1b]0;PWNED"),
    ("OSC 52 clipboard", b"\x1b]52;"),
    ("window resize CSI", b"\x1b[8;5;5t"),
    ("DCS", b"\x1bP+q"),
    ("C1 CSI", "\u{9b}".as_bytes()),
    ("C1 OSC", "\u{9d}".as_bytes()),
    ("BEL", b"\x07"),
    ("backspace", b"\x08"),
    ("DEL", b"\x7f"),
    ("bidi override", "\u{202e}".as_bytes()),
    ("bidi isolate", "\u{2066}".as_bytes()),
    ("zero-width space", "\u{200b}".as_bytes()),
    ("tag character", "\u{e0041}".as_bytes()),
];

fn assert_no_raw_escape(sink: &str, bytes: &[u8]) {
    for (class, seq) in RAW {
        assert!(!bytes.windows(seq.len()).any(|w| w == seq), "{sink}: {class} reached it raw");
    }
    for (class, c) in [("line separator", '\u{2028}'), ("soft hyphen", '\u{ad}')] {
        assert!(!String::from_utf8_lossy(bytes).contains(c), "{sink}: {class} reached it raw");
    }
}

#[test]
fn no_escape_class_reaches_the_terminal_or_a_json_document_raw() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let home = tmp.path();
    let emoji = "👩\u{200d}💻";
    let runbook = format!(
        "version = 1\ntitle = {}\nchannel = {}\n[release]\nlive = \"a\"\nknown_good = \"b\"\n[[triggers]]\nsignal = {}\n[[checks]]\nname = \"c\"\n",
        toml(&format!("T {ESCAPES} {emoji}")),
        toml(&format!("#inc {ESCAPES}")),
        toml(ESCAPES),
    );
    let rb_name = format!("rb{ESCAPES}.toml").replace('/', "");
    fs::write(home.join(&rb_name), runbook).expect("runbook");
    let out = home.join(format!("out{ESCAPES}"));
    let state = home.join("state");
    let out_arg = out.to_str().expect("utf-8");
    let args = ["drill", &rb_name, "--out", out_arg, "--driver", ESCAPES, "--communicator", "Ben", "--verifier", "Cy"];
    let mut app = Pty::spawn(&args, 120, 40, home, &[("XDG_STATE_HOME", state.as_path())]);
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    app.send(b"n");
    app.wait_for("type, then enter");
    app.send(format!("\x1b[200~note {ESCAPES} {emoji} zqnote\x1b[201~").as_bytes());
    app.wait_for("zqnote");
    std::thread::sleep(std::time::Duration::from_millis(150));
    app.send(b"\r");
    app.wait_for("notes (1)");
    // The status update box is titled with the channel.
    app.send(b"u");
    app.wait_for("status update for");
    app.send(b"\x1b");
    app.end_early_and_save();
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0);
    let raw = app.raw();
    assert_no_raw_escape("the terminal", &raw);
    let shown = String::from_utf8_lossy(&raw);
    assert!(shown.contains("\\u{1b}]0;PWNED"), "the escape is shown as text");
    assert!(shown.contains(emoji), "a joiner inside an emoji is kept");

    // The JSON and TOML sinks: review, actions, config.
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_firedrill"))
            .args(args)
            .current_dir(home)
            .env("XDG_STATE_HOME", &state)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("FIREDRILL_DIR")
            .output()
            .expect("run firedrill")
    };
    let review = run(&["review", out_arg, "--json"]);
    assert_eq!(review.status.code(), Some(0), "{}", String::from_utf8_lossy(&review.stderr));
    assert_no_raw_escape("review --json", &review.stdout);
    let row: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&review.stdout).lines().next().expect("a row")).expect("JSON");
    assert!(row["title"].as_str().is_some_and(|t| t.contains(ESCAPES)), "JSON readers get the text back: {row}");
    for (sink, args) in [
        ("actions export --format json", vec!["actions", "export", "--format", "json", "--dir", out_arg]),
        ("config --print", vec!["config", "--print", "--out", out_arg]),
        ("check", vec!["check", &rb_name]),
    ] {
        let o = run(&args);
        assert_no_raw_escape(sink, &o.stdout);
        assert_no_raw_escape(&format!("{sink} (stderr)"), &o.stderr);
    }
    // Every file firedrill wrote, journal and postmortem included.
    for (path, text) in [&out, &state].iter().flat_map(|d| texts_under(d)) {
        assert_no_raw_escape(&path, text.as_bytes());
    }
}

#[test]
fn the_words_being_typed_are_kept_redacted_and_come_back_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let mut app = Pty::start_in(tmp.path(), &args);
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    app.send(b"n");
    app.wait_for("type, then enter");
    // The bundled runbook has no `redact` of its own: the 31 built-in kinds.
    let all = all_kinds().replace(OWN.1, "acct-x");
    app.send(format!("\x1b[200~zqdraft {all}\x1b[201~").as_bytes());
    let sessions = tmp.path().join("state/firedrill/sessions");
    let journal = fs::read_dir(&sessions)
        .expect("sessions")
        .flatten()
        .map(|e| e.path())
        .find(|p| is(&p.display().to_string(), "jsonl"))
        .expect("journal");
    let draft = firedrill::store::draft::draft_path(&journal);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !fs::read_to_string(&draft).is_ok_and(|d| d.contains("zqdraft")) {
        assert!(std::time::Instant::now() < deadline, "the draft was never written");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let pid = nix::unistd::Pid::from_raw(i32::try_from(app.pid().expect("pid")).expect("pid fits"));
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL).expect("kill");
    app.wait_exit();
    let kept = fs::read_to_string(&draft).expect("draft");
    assert_hidden("the draft file", &kept);
    assert!(kept.contains("[redacted]"), "{kept}");
    // Resumed, the prompt comes back with the words, their secrets masked.
    let resume = ["resume", journal.to_str().expect("utf-8")];
    let again = Pty::start_in(tmp.path(), &resume);
    again.wait_for("restored draft");
    assert_hidden("the restored prompt", &again.screen());
}
