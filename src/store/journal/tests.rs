use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::*;
use crate::core::event::{EventKind, Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::session::Command;

use super::fixture::{RUNBOOK, header};

fn write_session(dir: &Path) -> (PathBuf, Session) {
    let h = header(JOURNAL_FORMAT);
    let mut journal = Journal::create(dir, &h).expect("create");
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let cmds = [Command::Start(Roles::new("A", "B", "C")), Command::ToggleItem(0), Command::AddNote("n".into())];
    for (i, c) in cmds.into_iter().enumerate() {
        let e = s.apply(c, Stamp { at: h.started_at, t_ms: i as u64 * 1000 }).expect("apply");
        journal.append(&e).expect("append");
    }
    (journal.path().to_path_buf(), s)
}

#[test]
fn a_written_journal_replays_to_the_live_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, live) = write_session(dir.path());
    let loaded = read(&path).expect("read");
    assert!(loaded.skipped.is_empty());
    let (_, replayed) = loaded.session().expect("replay");
    assert_eq!(replayed, live);
}

#[test]
fn a_half_written_last_line_is_reported_and_the_rest_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = write_session(dir.path());
    let mut text = fs::read_to_string(&path).expect("read");
    text.push_str("{\"seq\":4,\"at\":\"2026-11");
    let loaded = parse(&text).expect("parse");
    assert_eq!(loaded.events.len(), 3);
    assert_eq!(loaded.skipped.len(), 1);
    assert_eq!(loaded.skipped[0].line, 5);
    assert!(loaded.skipped[0].reason.contains("half-written"));
}

#[test]
fn garbage_in_the_middle_is_skipped_with_its_line_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = write_session(dir.path());
    let text = fs::read_to_string(&path).expect("read");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "not json at all");
    let loaded = parse(&(lines.join("\n") + "\n")).expect("parse");
    assert_eq!(loaded.events.len(), 3);
    assert_eq!(loaded.skipped, vec![Skipped { line: 3, reason: loaded.skipped[0].reason.clone() }]);
    assert!(matches!(loaded.events[2].kind, EventKind::NoteAdded { .. }));
}

#[test]
fn empty_and_newer_journals_are_refused() {
    assert!(matches!(parse(""), Err(JournalError::Empty)));
    let newer = serde_json::to_string(&header(JOURNAL_FORMAT + 1)).expect("json");
    let err = parse(&newer).expect_err("newer");
    assert!(err.to_string().contains(&format!("journal format {} is newer", JOURNAL_FORMAT + 1)), "{err}");
    // A newer header this build cannot read at all is still refused as newer, not as malformed.
    let err = parse(&format!("{{\"format\":{},\"renamed\":true}}", JOURNAL_FORMAT + 1)).expect_err("newer");
    assert!(matches!(err, JournalError::NewerFormat { .. }), "{err}");
    let err = parse("{\"format\":1,\"renamed\":true}").expect_err("malformed");
    assert!(matches!(err, JournalError::BadHeader(_)), "{err}");
}

#[test]
fn resuming_after_a_torn_line_keeps_every_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut live) = write_session(dir.path());
    let mut file = OpenOptions::new().append(true).open(&path).expect("open");
    file.write_all(b"{\"seq\":4,\"at\":\"2026").expect("tear");
    drop(file);
    let mut journal = Journal::open_append(&path).expect("reopen");
    let at = live.events[0].at;
    let e = live.apply(Command::Reopen { alive_at: None }, Stamp { at, t_ms: 90_000 }).expect("reopen event");
    journal.append(&e).expect("append");
    let loaded = read(&path).expect("read");
    assert_eq!(loaded.events.len(), 4, "three before, the reopen after");
    assert!(loaded.skipped.is_empty(), "the torn line was cut, never glued");
    assert_eq!(loaded.session().expect("replay").1, live);
}

#[test]
fn absurd_numbers_refuse_the_journal_with_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = write_session(dir.path());
    let text = fs::read_to_string(&path).expect("read");
    let forged = text.replacen("\"t_ms\":1000", &format!("\"t_ms\":{}", u64::MAX), 1);
    assert_ne!(forged, text);
    let err = parse(&forged).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "line 3: t_ms 18446744073709551615 is more than ten years; this is not a journal firedrill wrote"
    );
    let forged = text.replacen("\"t_ms\":2000", "\"t_ms\":500", 1);
    assert_ne!(forged, text);
    assert_eq!(
        parse(&forged).map_err(|e| e.to_string()).err().as_deref(),
        Some("line 4: t_ms 500 goes back in time (the event before is at 1000); this is not a journal firedrill wrote")
    );
    let forged = text.replacen("\"seq\":2", &format!("\"seq\":{}", u64::MAX), 1);
    assert_ne!(forged, text);
    assert!(parse(&forged).is_err_and(|e| e.to_string().starts_with("line 3: seq 18446744073709551615 is more")));
}

#[test]
fn a_fifo_or_device_named_jsonl_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("p.jsonl");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let err = read(&fifo).expect_err("fifo");
    assert!(err.to_string().ends_with("p.jsonl: is a named pipe (FIFO), not a file"), "{err}");
    let link = dir.path().join("z.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    assert!(read(&link).is_err_and(|e| e.to_string().ends_with("is a device, not a file")));
}

#[test]
fn an_endless_line_is_skipped_without_holding_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, live) = write_session(dir.path());
    let mut text = fs::read_to_string(&path).expect("read");
    let header_end = text.find('\n').expect("header") + 1;
    text.insert_str(header_end, &format!("{}\n", "x".repeat(9 << 20)));
    let loaded = parse(&text).expect("parse");
    assert_eq!(loaded.events, live.events);
    assert_eq!(loaded.skipped, vec![Skipped { line: 2, reason: "line longer than 8 MiB".into() }]);
    let err = parse(&"y".repeat(9 << 20)).expect_err("no header");
    assert_eq!(err.to_string(), "line 1: not a firedrill journal header: the first line is longer than 8 MiB");
}

#[test]
fn the_configs_cadence_recorded_in_the_header_holds_on_replay() {
    let mut h = header(JOURNAL_FORMAT);
    h.update_every_ms = Some(120_000);
    let text = serde_json::to_string(&h).expect("json") + "\n";
    let (_, session) = parse(&text).expect("parse").session().expect("replay");
    assert_eq!(session.update_every_ms, 120_000, "the runbook sets none; the config's 2m holds");
    let (_, plain) = parse(&(serde_json::to_string(&header(JOURNAL_FORMAT)).expect("json") + "\n"))
        .expect("parse")
        .session()
        .expect("replay");
    assert_eq!(plain.update_every_ms, 10 * 60_000, "without it, a drill's default");
}

#[test]
fn a_journal_with_a_deck_replays_its_cards_from_the_header_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deck_text = "name = \"Q4\"\n[[injects]]\ntitle = \"CI is down\"\nat = \"3s\"\n";
    let deck_record = crate::core::event::DeckRecord {
        path: "decks/q4.toml".into(),
        text: deck_text.into(),
        sha256: sha256_hex(deck_text),
        redacted: false,
    };
    let h = Header { deck: Some(deck_record), ..header(JOURNAL_FORMAT) };
    let mut journal = Journal::create(dir.path(), &h).expect("create");
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let deck = Deck::parse("decks/q4.toml", deck_text, &rb).expect("deck");
    let mut s = Session::new(Mode::Drill, &rb).with_deck(Some(("Q4", &deck)));
    let cmds = [Command::Start(Roles::new("A", "B", "C")), Command::FireInject(0), Command::AckInject(0)];
    for (i, c) in cmds.into_iter().enumerate() {
        let e = s.apply(c, Stamp { at: h.started_at, t_ms: 3_000 * i as u64 }).expect("apply");
        journal.append(&e).expect("append");
    }
    let (_, replayed) = read(journal.path()).expect("read").session().expect("replay");
    assert_eq!(replayed, s);
    assert_eq!((replayed.deck.as_deref(), replayed.injects[0].acked_ms), (Some("Q4"), Some(6_000)));
    // A header written before decks existed reads as before.
    let old = serde_json::to_string(&header(JOURNAL_FORMAT)).expect("json");
    assert!(!old.contains("deck"), "no deck, no key: {old}");
}

#[test]
fn a_run_of_nul_bytes_is_left_out_and_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, live) = write_session(dir.path());
    let text = fs::read_to_string(&path).expect("read");
    let (head, events) = text.split_once('\n').expect("header line");
    let (first, rest) = events.split_once('\n').expect("an event");
    // Zeros before the header, and a run where a line was, glued to the next.
    let zeroed = format!("{}{head}\n{first}\n{}{rest}", "\0".repeat(822), "\0".repeat(40));
    let loaded = parse(&zeroed).expect("the journal reads");
    assert_eq!(loaded.events, live.events);
    let said: Vec<(usize, &str)> = loaded.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert_eq!(said[0].0, 1);
    assert!(said[0].1.starts_with("822 NUL bytes left out"), "{said:?}");
    assert!(said[1].1.starts_with("40 NUL bytes left out"), "{said:?}");
}

#[test]
fn a_journal_of_many_batches_reads_in_order_with_every_bad_line_said() {
    // Over 4 MiB of notes: several batches, each parsed on every core.
    let h = header(JOURNAL_FORMAT);
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let mut text = serde_json::to_string(&h).expect("header") + "\n";
    let mut want = Vec::new();
    for i in 0..30_000u64 {
        let cmd =
            if i == 0 { Command::Start(Roles::new("A", "B", "C")) } else { Command::AddNote(format!("{i:0>250}")) };
        let e = s.apply(cmd, Stamp { at: h.started_at, t_ms: i }).expect("apply");
        text.push_str(&serde_json::to_string(&e).expect("event"));
        text.push('\n');
        if i == 12_345 {
            text.push_str("{\"seq\": garbage\n\n  \n");
        }
        if i == 20_000 {
            text.push_str("{\"seq\":\0\0 no\n");
        }
        want.push(e);
    }
    text.push_str("{\"seq\":30001,\"at\":\"2026-11-");
    assert!(text.len() > 8 << 20, "more than two batches");
    let loaded = parse(&text).expect("read");
    assert_eq!(loaded.events, want);
    let lines: Vec<(usize, bool)> = loaded.skipped.iter().map(|k| (k.line, k.reason.contains("NUL"))).collect();
    assert_eq!(lines, [(12_348, false), (20_006, true), (20_006, false), (30_006, false)], "{:?}", loaded.skipped);
    assert!(loaded.skipped[3].reason.contains("half-written"), "{:?}", loaded.skipped[3]);
}
