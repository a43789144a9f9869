//! `firedrill report` on a 1,000,000-event journal (budget: under 200 MB
//! peak RSS and under 5 s), run as the release binary would be: the binary
//! is spawned and its peak RSS read from the kernel's accounting of
//! children. Criterion also times the same report on 100,000 events.
//!
//! `FIREDRILL_BENCH_JOURNAL=PATH cargo bench --bench report` also leaves
//! the 1M-event journal at PATH (about 150 MB) for measuring by hand.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use firedrill::core::roles::Roles;
use firedrill::core::runbook::Runbook;
use firedrill::core::session::{Command, Session};
use firedrill::store::journal::sha256_hex;

const RUNBOOK: &str = include_str!("../runbooks/onboarding-signup.toml");

/// Writes a journal of `n` events: one start, then notes (half), status
/// updates and item toggles, every line as the session makes it.
fn write_journal(path: &Path, n: u64) {
    let rb = Runbook::parse("runbooks/onboarding-signup.toml", RUNBOOK).expect("runbook");
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    let head = Header {
        format: JOURNAL_FORMAT,
        session_id: "bench-report".into(),
        mode: Mode::Drill,
        runbook_path: "runbooks/onboarding-signup.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: sha256_hex(RUNBOOK),
        runbook_redacted: false,
        started_at: at,
        update_every_ms: None,
        deck: None,
        live_commands: false,
    };
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(out, "{}", serde_json::to_string(&head).expect("header")).expect("write");
    let mut s = Session::new(Mode::Drill, &rb);
    for i in 0..n {
        let cmd = match i {
            0 => Command::Start(Roles::new("Ana", "Ben", "Cy")),
            _ if i % 2 == 1 => Command::AddNote(format!("note {i}: sign-ups still failing on the company-size step")),
            _ if i % 10 == 0 => {
                Command::PostStatus(format!("Update {i}: rollback under way. Next update at 15:30 UTC"))
            }
            _ => Command::ToggleItem(0),
        };
        let stamp = Stamp { at: at + chrono::Duration::milliseconds(i.cast_signed()), t_ms: i };
        let e = s.apply(cmd, stamp).expect("apply");
        writeln!(out, "{}", serde_json::to_string(&e).expect("event")).expect("write");
    }
    out.flush().expect("flush");
}

/// Runs `firedrill report` on `journal` into a fresh folder; returns the
/// wall time and the peak RSS (MB) of all children so far.
fn report(journal: &Path) -> (Duration, f64) {
    let out = tempfile::tempdir().expect("out");
    let started = Instant::now();
    let status = Process::new(env!("CARGO_BIN_EXE_firedrill"))
        .arg("report")
        .arg(journal)
        .arg("--out")
        .arg(out.path())
        .env("XDG_STATE_HOME", out.path())
        .env("XDG_CACHE_HOME", out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("spawn");
    let took = started.elapsed();
    assert!(status.success(), "report failed: {status}");
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).expect("rusage");
    #[allow(clippy::cast_precision_loss)]
    let mb = usage.max_rss() as f64 / 1024.0;
    (took, mb)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = std::env::var_os("FIREDRILL_BENCH_JOURNAL").map_or_else(|| dir.path().join("1m.jsonl"), Into::into);
    write_journal(&big, 1_000_000);
    for run in 1..=3 {
        let (took, mb) = report(&big);
        eprintln!("report of 1,000,000 events, run {run}: {took:?}, peak RSS so far {mb:.1} MB");
    }

    let small = dir.path().join("100k.jsonl");
    write_journal(&small, 100_000);
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("firedrill report of 100k events", |b| b.iter(|| report(&small)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
