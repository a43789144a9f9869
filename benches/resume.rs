//! `firedrill resume` of a 1,000,000-event journal, in process: reading
//! the file, replaying it, and drawing the first frame of the drill
//! screen (budget: under 500 ms, DESIGN's resume at any size). Then, in a
//! copy of this bench that does only that, the same session resumed,
//! finished and saved the way the app saves it: its peak RSS after the
//! resume and after the save (the save moves the session, never copies it).

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::app::{App, Cmd, Msg};
use firedrill::tui::{Now, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

fn now() -> Now {
    Now { wall: Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).single().expect("date"), mono_ms: 0 }
}

/// The app resuming the journal at `path`.
fn resumed(path: &Path) -> App {
    let journal = firedrill::store::journal::read(path).expect("read");
    let start = Start::Resume { journal: Box::new(journal), path: path.to_path_buf(), notices: Vec::new(), out: None };
    App::new(start, Keymap::default_keys(), THEME, now()).0
}

/// Reads the journal at `path`, resumes it and draws the first frame.
fn first_frame(path: &Path, term: &mut Terminal<TestBackend>) {
    let app = resumed(path);
    term.draw(|f| black_box(&app).render(f)).expect("draw");
}

/// In the copy of this bench started by [`save_peaks`]: resume the
/// journal this names, finish it early and save it into a fresh folder;
/// prints the peak RSS (kB) after the resume and after the save.
const CHILD: &str = "FIREDRILL_BENCH_SAVE_OF";

/// This process's peak resident set so far, in kB (Linux; 0 elsewhere).
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn finish_and_save(path: &Path) {
    let mut app = resumed(path);
    let resumed_kb = peak_kb();
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    // The decision chooser closed, then quit → finish now → yes: the debrief.
    for msg in [key(KeyCode::Esc), key(KeyCode::Char('q')), key(KeyCode::Char('f')), key(KeyCode::Char('y'))] {
        app.update(msg, now());
    }
    let cmds = app.update(Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)), now());
    let held = cmds.into_iter().find_map(|c| match c {
        Cmd::Save { held, .. } => Some(held),
        _ => None,
    });
    let held = held.expect("ctrl-s on the debrief saves");
    let out = tempfile::tempdir().expect("out");
    firedrill::store::save::save_held(out.path(), &held).expect("saved");
    println!("{resumed_kb} {}", peak_kb());
}

/// Peak RSS in MB of a copy of this process that resumes `journal`: after
/// the resume, and after finishing and saving it.
fn save_peaks(journal: &Path) -> (f64, f64) {
    let exe = std::env::current_exe().expect("exe");
    let out = std::process::Command::new(exe).env(CHILD, journal).output().expect("spawn");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut kb = text.split_whitespace().filter_map(|w| w.parse::<u64>().ok());
    #[allow(clippy::cast_precision_loss)]
    let mb = |k: Option<u64>| k.expect("a figure") as f64 / 1024.0;
    (mb(kb.next()), mb(kb.next()))
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = support::fixture_dir(tmp.path());
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("resume-1m.jsonl");
    support::write_journal(&path, 1_000_000, support::mixed);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for run in 1..=3 {
        let started = Instant::now();
        first_frame(&path, &mut term);
        eprintln!("resume of 1,000,000 events to its first frame, run {run}: {:?}", started.elapsed());
    }
    let (resume, save) = save_peaks(&path);
    eprintln!("resume of 1,000,000 events, then finished and saved: peak RSS {resume:.1} MB, then {save:.1} MB");
    let mut group = c.benchmark_group("resume");
    group.sample_size(10);
    group.bench_function("resume 1M events: read, replay, first frame", |b| b.iter(|| first_frame(&path, &mut term)));
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    if let Some(journal) = std::env::var_os(CHILD) {
        finish_and_save(Path::new(&journal));
        return;
    }
    benches();
    criterion::Criterion::default().configure_from_args().final_summary();
}
