//! `firedrill review` over 2,001 saved sessions, in process: scanning the
//! folder (cold: no review cache; warm: the cache the scan before wrote)
//! and drawing the list's first frame (budget: 100 ms cold, 40 ms warm).

use std::hint::black_box;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::app::App;
use firedrill::tui::{Now, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

/// Scans `dir` (with the review cache at `cache`) and draws the list.
fn first_frame(dir: &Path, cache: Option<&Path>, term: &mut Terminal<TestBackend>) {
    let scanned = firedrill::store::review::scan_to_show(dir, cache);
    let now = Now { wall: Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).single().expect("date"), mono_ms: 0 };
    let start = Start::Review { scanned, preflights: Vec::new(), dir: dir.to_path_buf() };
    let (app, _) = App::new(start, Keymap::default_keys(), THEME, now);
    term.draw(|f| black_box(&app).render(f)).expect("draw");
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = support::fixture_dir(tmp.path()).join("sessions");
    support::write_sessions(&dir, 2_001);
    let cache = tmp.path().join("cache/review.json");
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("review 2001 sessions");
    group.sample_size(10);
    group.bench_function("cold (no cache)", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&cache);
            first_frame(&dir, Some(&cache), &mut term);
        });
    });
    first_frame(&dir, Some(&cache), &mut term);
    group.bench_function("warm (the cache)", |b| b.iter(|| first_frame(&dir, Some(&cache), &mut term)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
