//! `firedrill resume` of a 1,000,000-event journal, in process: reading
//! the file, replaying it, and drawing the first frame of the drill
//! screen (budget: under 500 ms, DESIGN's resume at any size).

use std::hint::black_box;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::app::App;
use firedrill::tui::{Now, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

fn now() -> Now {
    Now { wall: Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).single().expect("date"), mono_ms: 0 }
}

/// Reads the journal at `path`, resumes it and draws the first frame.
fn first_frame(path: &std::path::Path, term: &mut Terminal<TestBackend>) {
    let journal = firedrill::store::journal::read(path).expect("read");
    let start = Start::Resume { journal: Box::new(journal), path: path.to_path_buf(), notices: Vec::new(), out: None };
    let (app, _) = App::new(start, Keymap::default_keys(), THEME, now());
    term.draw(|f| black_box(&app).render(f)).expect("draw");
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
    let mut group = c.benchmark_group("resume");
    group.sample_size(10);
    group.bench_function("resume 1M events: read, replay, first frame", |b| b.iter(|| first_frame(&path, &mut term)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
