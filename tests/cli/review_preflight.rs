//! Review beside the drills: pre-release check records are rows of the
//! list (opened as their answers), and a runbook's trends show how fast
//! its checks named the live release and each restore against the
//! restore time.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use common::{ch, key};
use crossterm::event::KeyCode;
use firedrill::core::preflight::{Grade, Question, RECORD_FORMAT, Record, Recorded};
use firedrill::core::restore::RestoreTiming;
use firedrill::keymap::Keymap;
use firedrill::store::review::scan;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn record(day: u32, name_live: Grade, probe_ms: u64) -> (PathBuf, Record) {
    let answer = |question, verdict, evidence: &str, probe_ms| Recorded {
        question,
        verdict,
        evidence: evidence.to_owned(),
        probe_ms,
    };
    let r = Record {
        format: RECORD_FORMAT,
        at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).single().expect("date"),
        runbook: "onboarding-signup".into(),
        title: "Onboarding release broke sign-ups".into(),
        service: Some("web-signup".into()),
        runbook_sha256: "abcdef0123456789".into(),
        exit_code: u8::from(name_live != Grade::Pass),
        strict: false,
        name_within_ms: 30_000,
        answers: vec![
            answer(Question::NameLive, name_live, "production reports prod-2026-11-03.2", Some(probe_ms)),
            answer(Question::Channel, Grade::Pass, "updates go to #inc-signup", None),
        ],
    };
    (format!("drills/2026-11-{day:02}T0900Z-onboarding-signup.preflight.json").into(), r)
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(100, 40)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

#[test]
fn records_are_listed_opened_and_trended_with_restores() {
    let drills = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills");
    let mut scanned = scan(&drills, None);
    let restored = scanned
        .iter_mut()
        .filter_map(|s| s.summary.as_mut().ok())
        .find(|s| s.runbook == "onboarding-signup")
        .expect("an onboarding drill");
    restored.restore = Some(RestoreTiming { target_ms: Some(600_000), actual_ms: Some(860_000) });
    let preflights = vec![record(24, Grade::Pass, 400), record(20, Grade::Fail, 31_000)];
    let start = Start::Review { scanned: scanned.into(), preflights, dir: "drills".into() };
    let mut app = App::new(start, Keymap::default_keys(), THEME, common::at(0)).0;
    let list = screen(&app);
    assert!(list.contains("preflight ✓ 2 pass      named 0.4 s"), "newest first, the record on top:\n{list}");
    assert!(list.contains("preflight ✗ 1 fail      named -"), "a release named too late has no time:\n{list}");
    app.update(Msg::Key(key(KeyCode::Enter)), common::at(0));
    let opened = screen(&app);
    assert!(opened.contains("Pre-release check: Onboarding release broke sign-ups"), "{opened}");
    assert!(opened.contains("✓ PASS name-live: production reports prod-2026-11-03.2 (probe 0.4 s)"), "{opened}");
    app.update(Msg::Key(key(KeyCode::Esc)), common::at(0));
    app.update(Msg::Key(ch('t')), common::at(0));
    let trends = screen(&app);
    assert!(trends.contains("preflight: name live "), "{trends}");
    assert!(trends.contains("last 0.4 s  median 0.4 s  best 0.4 s"), "{trends}");
    assert!(trends.contains("restores against [backup] restore_time"), "{trends}");
    assert!(trends.contains("drill    ✖ 14:20 against 10:00: over by 04:20"), "{trends}");
}
