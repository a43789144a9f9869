//! Append + fsync of one journal event (the cost of "acknowledged on screen
//! means on disk"), the same after a torn tail (cut back, then written), one
//! heartbeat (touched every second while a session runs; its share of a
//! core is cost / 1 s), one draft write (what is being typed, replaced at
//! most once a second; budget 0.2 ms), and replay of a 100,000-event journal.

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use std::fmt::Write as _;

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use firedrill::core::roles::Roles;
use firedrill::core::runbook::Runbook;
use firedrill::core::session::{Command, Session};
use firedrill::store::journal::{self, Journal, sha256_hex};

const RUNBOOK: &str = include_str!("../runbooks/onboarding-signup.toml");

fn header() -> Header {
    Header {
        format: JOURNAL_FORMAT,
        session_id: "bench".into(),
        mode: Mode::Drill,
        runbook_path: "runbooks/onboarding-signup.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: sha256_hex(RUNBOOK),
        runbook_redacted: false,
        started_at: Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date"),
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}

fn bench(c: &mut Criterion) {
    let rb = Runbook::parse("r.toml", RUNBOOK).expect("runbook");
    let dir = tempfile::tempdir().expect("tempdir");
    let head = header();
    let mut journal = Journal::create(dir.path(), &head).expect("journal");
    let mut s = Session::new(Mode::Drill, &rb);
    let start =
        s.apply(Command::Start(Roles::new("A", "B", "C")), Stamp { at: head.started_at, t_ms: 0 }).expect("start");
    journal.append(&start).expect("append");
    let mut tick = 0;
    c.bench_function("journal append + fsync", |b| {
        b.iter(|| {
            tick += 1;
            let e = s.apply(Command::ToggleItem(0), Stamp { at: head.started_at, t_ms: tick }).expect("toggle");
            journal.append(black_box(&e)).expect("append");
        });
    });

    bench_plan(c, &head);

    let beat_path = journal.path().to_path_buf();
    c.bench_function("heartbeat (touch the .alive file, no fsync)", |b| {
        b.iter(|| firedrill::store::heartbeat::beat(black_box(&beat_path)).expect("beat"));
    });

    // Tail latency of append + fsync, which criterion's mean hides.
    let mut samples: Vec<std::time::Duration> = (0..2_000u64)
        .map(|i| {
            let e = s
                .apply(Command::AddNote(format!("tail {i}")), Stamp { at: head.started_at, t_ms: tick + i })
                .expect("note");
            let started = std::time::Instant::now();
            journal.append(&e).expect("append");
            started.elapsed()
        })
        .collect();
    samples.sort();
    eprintln!(
        "journal append + fsync over 2000 events: p50 {:?}, p99 {:?}, max {:?}",
        samples[1_000], samples[1_979], samples[1_999]
    );

    // The recovery path: a torn tail (a write cut short) is cut back to the
    // last whole line, then the event is written and fsynced.
    let path = journal.path().to_path_buf();
    let mut recovery: Vec<std::time::Duration> = (0..500u64)
        .map(|i| {
            let mut torn = std::fs::OpenOptions::new().append(true).open(&path).expect("open");
            std::io::Write::write_all(&mut torn, b"{\"seq\":99,\"at\":\"2026").expect("tear");
            drop(torn);
            let e = s
                .apply(
                    Command::AddNote(format!("after a tear {i}")),
                    Stamp { at: head.started_at, t_ms: tick + 5_000 + i },
                )
                .expect("note");
            let started = std::time::Instant::now();
            journal.append(&e).expect("append");
            started.elapsed()
        })
        .collect();
    recovery.sort();
    eprintln!(
        "journal append after a torn tail (cut + write + fsync) over 500 events: p50 {:?}, p99 {:?}, max {:?}",
        recovery[250], recovery[494], recovery[499]
    );

    // The replayed session runs a command in its first step the whole time.
    let head = Header { runbook_sha256: sha256_hex(&replayed()), runbook_text: replayed(), ..head };
    let rb = Runbook::parse("r.toml", &head.runbook_text).expect("runbook");
    let mut text = serde_json::to_string(&head).expect("header") + "\n";
    let mut s = Session::new(Mode::Drill, &rb);
    let at = |t_ms| Stamp { at: head.started_at, t_ms };
    for (t, cmd) in [
        Command::Start(Roles::new("A", "B", "C")),
        Command::StartCommand { item: 3, shown_argv: vec!["deployctl".into()] },
    ]
    .into_iter()
    .enumerate()
    {
        text += &(serde_json::to_string(&s.apply(cmd, at(t as u64)).expect("apply")).expect("json") + "\n");
    }
    for i in 2..100_000u64 {
        let cmd = if i % 2 == 0 { Command::ToggleItem(0) } else { Command::AddNote(format!("note {i}")) };
        let cmd = if i % 10 == 5 { output(&s).unwrap_or(cmd) } else { cmd };
        let e = s.apply(cmd, Stamp { at: head.started_at, t_ms: i }).expect("apply");
        text += &(serde_json::to_string(&e).expect("json") + "\n");
    }
    let mut group = c.benchmark_group("replay");
    group.sample_size(10);
    group.bench_function("parse + replay 100k events", |b| {
        b.iter(|| {
            let loaded = journal::parse(black_box(&text)).expect("parse");
            black_box(loaded.session().expect("replay"));
        });
    });
    group.finish();
}

/// One write of the draft file while typing (at most one a second).
fn bench_draft(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let beat_path = dir.path().join("bench.jsonl");
    // What is being typed: a note and a status update in progress.
    let draft = firedrill::store::draft::Draft {
        fields: vec![("note".into(), "the ledger was two clicks away ".repeat(6)), ("status".into(), "x".repeat(600))],
    };
    let mut file = firedrill::store::draft::DraftFile::of(&beat_path);
    c.bench_function("draft write (replace <journal>.draft, no fsync)", |b| {
        b.iter(|| file.put(black_box(&draft)).expect("draft"));
    });
    let mut drafts: Vec<std::time::Duration> = (0..2_000)
        .map(|i| {
            // Typing: each write a character longer or shorter than the last.
            let typed = firedrill::store::draft::Draft {
                fields: vec![("note".into(), "x".repeat(180 + i % 40)), ("status".into(), "y".repeat(600))],
            };
            let started = std::time::Instant::now();
            file.put(&typed).expect("draft");
            started.elapsed()
        })
        .collect();
    drafts.sort();
    eprintln!(
        "draft write over 2000 writes: p50 {:?}, p99 {:?}, max {:?} (budget 0.2 ms)",
        drafts[1_000], drafts[1_979], drafts[1_999]
    );
}

/// The bundled runbook with a command in its first step (its fourth item).
fn replayed() -> String {
    RUNBOOK.to_owned()
        + "\n[[steps]]\nkind = \"trigger\"\ndo = [{ text = \"Tail the deploy\", command = [\"deployctl\", \"logs\"] }]\n"
}

/// A second of a running command's output (five lines), when the active
/// step has a command running; the bench's journal has one running for
/// its whole length, so command output is part of what replays.
fn output(s: &Session) -> Option<Command> {
    let run = s.runs.last().filter(|r| r.result.is_none())?;
    let lines = (0..5).map(|n| format!("deploying web-signup: step {n} of 5")).collect();
    Some(Command::KeepOutput { step: run.step, item: run.item, lines })
}

criterion_group!(benches, bench, bench_draft);
criterion_main!(benches);

/// The plan recorded at the start (format 3): a runbook of 200 checks.
fn bench_plan(c: &mut Criterion, head: &Header) {
    let mut big = RUNBOOK.to_owned();
    for n in 0..200 {
        let _ = writeln!(big, "[[checks]]\nname = \"check {n}\"");
    }
    let big_rb = Runbook::parse("big.toml", &big).expect("big runbook");
    let big_dir = tempfile::tempdir().expect("tempdir");
    let mut big_journal = Journal::create(big_dir.path(), head).expect("journal");
    let fresh = Session::new(Mode::Drill, &big_rb);
    let items: usize = fresh.steps.iter().map(|st| st.plan.items.len()).sum();
    c.bench_function(&format!("start event with its plan ({items} items): append + fsync"), |b| {
        b.iter(|| {
            let mut s = fresh.clone();
            let start = Command::Start(Roles::new("A", "B", "C"));
            let e = s.apply(start, Stamp { at: head.started_at, t_ms: 0 }).expect("start");
            big_journal.append(black_box(&e)).expect("append");
        });
    });
}
