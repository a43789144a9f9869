//! Render time of the drill screen on `TestBackend` (budget: under 1 ms at
//! 120x40) on a fresh drill and on sessions of 100, 10,000 and 1,000,000
//! events (notes, updates, toggles): a frame costs what it shows, so the
//! three should cost the same.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::Keymap;
use firedrill::store::journal::Loaded;
use firedrill::store::runbook_file;
use firedrill::theme::THEME;
use firedrill::tui::app::{App, Msg};
use firedrill::tui::{Now, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

fn now(ms: u64) -> Now {
    let base = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    Now { wall: base + chrono::Duration::milliseconds(i64::try_from(ms).expect("small")), mono_ms: ms }
}

fn drill_app() -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml");
    let loaded = runbook_file::load(&path).expect("bundled runbook");
    let start = Start::Session {
        loaded: Box::new(loaded),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Ana")),
        live_commands: false,
        out: None,
    };
    let (mut app, _) = App::new(start, Keymap::default_keys(), THEME, now(0));
    app.update(Msg::Tick, now(754_000));
    app
}

/// The drill screen of a resumed session of `n` mixed events.
fn resumed_app(n: u64) -> App {
    let session = support::session(n, support::mixed);
    let journal = Loaded {
        header: support::header("bench-render", support::start()),
        events: session.events,
        skipped: Vec::new(),
    };
    let start = Start::Resume {
        journal: Box::new(journal),
        path: PathBuf::from("/nonexistent/bench-render.jsonl"),
        notices: Vec::new(),
        out: None,
    };
    let (mut app, _) = App::new(start, Keymap::default_keys(), THEME, now(n + 1_000));
    app.update(Msg::Tick, now(n + 2_000));
    app
}

fn bench(c: &mut Criterion) {
    let app = drill_app();
    for (w, h) in [(120, 40), (80, 24)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        c.bench_function(&format!("drill screen {w}x{h}"), |b| {
            b.iter(|| {
                term.draw(|f| black_box(&app).render(f)).expect("draw");
            });
        });
    }
    for n in [100, 10_000, 1_000_000] {
        let app = resumed_app(n);
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        c.bench_function(&format!("drill screen 120x40, {n} events"), |b| {
            b.iter(|| {
                term.draw(|f| black_box(&app).render(f)).expect("draw");
            });
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
