//! Render time of the drill screen on `TestBackend` (budget: under 1 ms at
//! 120x40), and of the home screen for comparison.

use std::hint::black_box;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::Keymap;
use firedrill::store::runbook_file;
use firedrill::theme::THEME;
use firedrill::tui::app::{App, Msg};
use firedrill::tui::{Now, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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
}

criterion_group!(benches, bench);
criterion_main!(benches);
