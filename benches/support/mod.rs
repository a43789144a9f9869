//! Journals and folders the benches measure, made by the session itself
//! (never committed): a journal of `n` mixed events, one of `n` long
//! notes, and a folder of saved sessions as years of monthly drills leave.
//! `FIREDRILL_BENCH_KEEP=DIR` makes a bench write them into `DIR` and keep
//! them, for measuring the release binary by hand.

#![allow(dead_code)]

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use firedrill::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use firedrill::core::roles::Roles;
use firedrill::core::runbook::Runbook;
use firedrill::core::session::{Command, Session};
use firedrill::store::journal::sha256_hex;

/// The bundled runbook every bench journal runs.
pub const RUNBOOK: &str = include_str!("../../runbooks/onboarding-signup.toml");

/// Where a bench writes its fixtures: `FIREDRILL_BENCH_KEEP` (kept), else
/// `tmp` (removed with it).
pub fn fixture_dir(tmp: &Path) -> PathBuf {
    std::env::var_os("FIREDRILL_BENCH_KEEP").map_or_else(|| tmp.to_path_buf(), PathBuf::from)
}

/// The start of every bench session.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date")
}

/// The header of a bench session started at `at`.
pub fn header(id: &str, at: DateTime<Utc>) -> Header {
    Header {
        format: JOURNAL_FORMAT,
        session_id: id.into(),
        mode: Mode::Drill,
        runbook_path: "runbooks/onboarding-signup.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: sha256_hex(RUNBOOK),
        runbook_redacted: false,
        started_at: at,
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}

/// What the `i`-th event of a journal of `n` is made of.
pub type Script = fn(u64) -> Command;

/// Mixed: notes (half), status updates (a tenth) and item toggles.
pub fn mixed(i: u64) -> Command {
    match i {
        _ if i % 2 == 1 => Command::AddNote(format!("note {i}: sign-ups still failing on the company-size step")),
        _ if i.is_multiple_of(10) => {
            Command::PostStatus(format!("Update {i}: rollback under way. Next update at 15:30 UTC"))
        }
        _ => Command::ToggleItem(0),
    }
}

/// Long notes only: about 180 characters each, as pasted log lines are
/// (a million of them, 265 MB, just under the journal's 256 MiB cap).
pub fn long_notes(i: u64) -> Command {
    Command::AddNote(format!(
        "note {i}: POST /signup 500 after the company-size step; trace 7f3a9c2e{i:08x} shows the onboarding_v2 \
         handler timing out on the profile service (p99 4.2 s), retried twice"
    ))
}

/// Writes a journal of `n` events (a start, then `script`'s) to `path`,
/// every line as the session makes it.
pub fn write_journal(path: &Path, n: u64, script: Script) {
    let rb = Runbook::parse("runbooks/onboarding-signup.toml", RUNBOOK).expect("runbook");
    let at = start();
    let head = header("bench-report", at);
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(out, "{}", serde_json::to_string(&head).expect("header")).expect("write");
    let mut s = Session::new(Mode::Drill, &rb);
    for i in 0..n {
        let cmd = if i == 0 { Command::Start(Roles::new("Ana", "Ben", "Cy")) } else { script(i) };
        let stamp = Stamp { at: at + chrono::Duration::milliseconds(i.cast_signed()), t_ms: i };
        let e = s.apply(cmd, stamp).expect("apply");
        writeln!(out, "{}", serde_json::to_string(&e).expect("event")).expect("write");
    }
    out.flush().expect("flush");
}

/// A session with `n` events of `script` folded (a start first), for the
/// render bench.
pub fn session(n: u64, script: Script) -> Session {
    let rb = Runbook::parse("runbooks/onboarding-signup.toml", RUNBOOK).expect("runbook");
    let at = start();
    let mut s = Session::new(Mode::Drill, &rb);
    for i in 0..n {
        let cmd = if i == 0 { Command::Start(Roles::new("Ana", "Ben", "Cy")) } else { script(i) };
        s.apply(cmd, Stamp { at: at + chrono::Duration::milliseconds(i.cast_signed()), t_ms: i }).expect("apply");
    }
    s
}

/// Writes `n` saved sessions into `dir` (a journal and a postmortem each,
/// one drill every four days back from the bench start): every step's
/// items checked and the step completed, a note and an update per step.
pub fn write_sessions(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("dir");
    let rb = Runbook::parse("runbooks/onboarding-signup.toml", RUNBOOK).expect("runbook");
    let names = ["Ana", "Ben", "Cy", "Dee"];
    for k in 0..n {
        let at = start() - chrono::Duration::days(4 * i64::try_from(k).expect("small"));
        let id = format!("{}-onboarding-signup-{k:04x}", at.format("%Y%m%dT%H%M%SZ"));
        let head = header(&id, at);
        let mut s = Session::new(Mode::Drill, &rb);
        let mut lines = vec![serde_json::to_string(&head).expect("header")];
        let mut t = 0u64;
        let mut apply = |s: &mut Session, cmd: Command, lines: &mut Vec<String>| {
            t += 7_000 + (k as u64 % 13) * 1_000;
            let stamp = Stamp { at: at + chrono::Duration::milliseconds(t.cast_signed()), t_ms: t };
            if let Ok(e) = s.apply(cmd, stamp) {
                lines.push(serde_json::to_string(&e).expect("event"));
            }
        };
        let roles = Roles::new(names[k % 4], names[(k + 1) % 4], names[(k + 2) % 4]);
        apply(&mut s, Command::Start(roles), &mut lines);
        apply(&mut s, Command::NameLive("prod-2026-11-03.2".into()), &mut lines);
        for step in 0..5 {
            let items = s.steps[step].plan.items.len();
            for item in 0..items {
                apply(&mut s, Command::ToggleItem(item), &mut lines);
            }
            apply(&mut s, Command::AddNote(format!("step {step}: the ledger was two clicks away")), &mut lines);
            apply(&mut s, Command::PostStatus(format!("Step {step} done. Next update at 15:30 UTC")), &mut lines);
            let done = Command::CompleteStep { leave_unchecked: true, leave_flags_off: true };
            apply(&mut s, done, &mut lines);
        }
        apply(&mut s, Command::Finish, &mut lines);
        let stem = dir.join(format!("{}-onboarding-signup-{k:04}", at.format("%Y-%m-%dT%H%MZ")));
        std::fs::write(stem.with_extension("jsonl"), lines.join("\n") + "\n").expect("journal");
        std::fs::write(stem.with_extension("md"), format!("# Postmortem {k}\n")).expect("postmortem");
    }
}
