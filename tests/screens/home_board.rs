//! The home screen as a readiness board: after the saved drills arrive,
//! each runbook says when it was last drilled, how, how long ago (overdue
//! past 31 days, with a symbol), its total against the time-box and a trend;
//! enter on an invalid runbook shows its first error, and on an unfinished
//! session reads its journal afresh and resumes it.

use crate::common;

use std::path::Path;

use common::{at, key};
use crossterm::event::KeyCode;
use firedrill::keymap::KeyContext;
use firedrill::keymap::Keymap;
use firedrill::store::runbook_file;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg, Now};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn home(dir: &str) -> (App, Vec<Cmd>) {
    // Relative to the package (cargo runs tests there), so messages that
    // name the file do not depend on where the repository is cloned.
    let mut entries = runbook_file::list(Path::new(dir));
    for e in &mut entries {
        e.path = Path::new(dir).join(e.path.file_name().expect("file name"));
    }
    let start = Start::Home { unfinished: Vec::new(), entries, runbooks_dir: Some(dir.into()), out: None };
    App::new(start, Keymap::default_keys(), THEME, at(0))
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

fn history() -> Vec<firedrill::core::review::Summary> {
    let drills = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills");
    firedrill::store::review::history(&drills, None)
}

#[test]
fn the_board_loads_after_the_first_frame_and_shows_readiness() {
    let (mut app, cmds) = home("runbooks");
    assert!(cmds.iter().any(|c| matches!(c, Cmd::LoadBoard)), "the history is read in the background");
    assert!(!screen(&app, 120, 40).contains("drilled"), "nothing is claimed before it arrives");
    app.update(Msg::History(history()), at(0));
    let s = screen(&app, 120, 40);
    insta::assert_snapshot!("home_board_120x40", s);
    assert!(s.contains("drilled today · ✓ verified · 00:14 of 30:00 · ▼ faster"), "{s}");
    // Forty days later every drilled runbook is overdue, marked with a symbol.
    let later = Now { wall: at(0).wall + chrono::Duration::days(40), mono_ms: 1 };
    app.update(Msg::Tick, later);
    let s = screen(&app, 120, 40);
    assert!(s.contains("⚠ drilled 40 days ago: overdue"), "{s}");
}

#[test]
fn enter_on_an_invalid_runbook_shows_its_first_error() {
    let (mut app, _) = home("runbooks/invalid");
    // bad-duration.toml is first by name.
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    assert_eq!(app.context(), KeyContext::Notice);
    let s = screen(&app, 80, 24);
    assert!(s.contains("invalid runbook"), "{s}");
    assert!(s.contains("bad-duration.toml:4:11: timebox: invalid"), "{s}");
    assert!(s.contains("firedrill check runbooks/invalid/bad-duration.toml"), "{s}");
    app.update(Msg::Key(key(KeyCode::Esc)), at(0));
    assert_eq!(app.context(), KeyContext::Home);
}

#[test]
fn the_board_shows_the_next_scheduled_drill() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rb = tmp.path().join("svc.toml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml"), &rb).expect("copy");
    let rule = firedrill::core::schedule::Rule::parse("month", "first Tuesday 10:00").expect("rule");
    let before = at(0).wall.naive_utc() - chrono::Duration::days(60);
    let s = firedrill::core::schedule::Scheduled::new("T", "svc.toml", rule, before, Vec::new());
    firedrill::store::schedule::write(&firedrill::store::schedule::beside(&rb), &s, at(0).wall, false)
        .expect("written");
    let dir = tmp.path().to_str().expect("utf-8");
    let (app, _) = home(dir);
    // Started two months back: the next first Tuesday after 2026-11-23.
    assert!(screen(&app, 120, 40).contains("◷ next drill Tue 2026-12-01 10:00"), "{}", screen(&app, 120, 40));
}

/// The journal of session `id` of the bundled runbook, just started with `roles`.
fn started(id: &str, roles: firedrill::core::roles::Roles) -> firedrill::store::journal::Loaded {
    use firedrill::core::event::Stamp;
    use firedrill::core::session::{Command, Session};
    let loaded = common::onboarding();
    let header = common::header(&loaded, id);
    let mut session = Session::new(firedrill::core::event::Mode::Drill, &loaded.runbook);
    let event = session.apply(Command::Start(roles), Stamp { at: header.started_at, t_ms: 0 }).expect("started");
    firedrill::store::journal::Loaded { header, events: vec![event], skipped: Vec::new() }
}

#[test]
fn an_unfinished_solo_practice_is_listed_as_such() {
    let journal = started("solo-1", firedrill::core::roles::Roles::solo_practice("Ana"));
    let unfinished = vec![firedrill::store::sessions::Unfinished::of("solo.jsonl".into(), journal, None)];
    let start = Start::Home { unfinished, entries: Vec::new(), runbooks_dir: None, out: None };
    let app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    let mut term = Terminal::new(TestBackend::new(100, 20)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    let shown = format!("{}", term.backend());
    assert!(shown.contains("unfinished SOLO PRACTICE"), "{shown}");
    // No runbook here: no drill card to write, so none offered.
    assert!(shown.contains("enter") && !shown.contains("card"), "{shown}");
}

/// Enter on an unfinished session reads its journal afresh (the list
/// holds none of its events) and resumes it; a journal gone meanwhile is
/// said over the list, which stays.
#[test]
fn enter_on_an_unfinished_session_reads_its_journal_and_resumes_it() {
    use firedrill::tui::app::Opening;
    let journal = started("team-1", firedrill::core::roles::Roles::new("Ana", "Ben", "Cy"));
    let home = || {
        let unfinished = vec![firedrill::store::sessions::Unfinished::of("team-1.jsonl".into(), journal.clone(), None)];
        let start = Start::Home { unfinished, entries: Vec::new(), runbooks_dir: None, out: None };
        App::new(start, Keymap::default_keys(), THEME, at(0)).0
    };
    for gone in [false, true] {
        let mut app = home();
        let cmds = app.update(Msg::Key(common::key(crossterm::event::KeyCode::Enter)), at(1_000));
        let read = cmds.into_iter().find_map(|c| match c {
            Cmd::ReadJournal { path, then } => Some((path, then)),
            _ => None,
        });
        assert_eq!(read, Some(("team-1.jsonl".into(), Opening::Resume)), "the journal is read to resume it");
        let read = if gone {
            Err("/home/ana/.local/state/firedrill/sessions/20261123T140000Z-onboarding-signup-0001.jsonl: No such file or directory (os error 2)".to_owned())
        } else {
            Ok(Box::new(journal.clone()))
        };
        let path = "team-1.jsonl".into();
        app.update(Msg::JournalRead { path, then: Opening::Resume, offset: 0, read }, at(1_000));
        let shown = screen(&app, 100, 30);
        if gone {
            // Said over the list, which stays: nothing was written, nothing claimed.
            assert!(shown.contains("cannot open the session") && shown.contains("No such file"), "{shown}");
            assert!(!shown.contains("postmortem") && !shown.contains("Nothing is lost"), "{shown}");
            let small = screen(&app, 40, 12);
            assert!(small.contains("No such file") && small.contains("close"), "whole at 40x12: {small}");
            app.update(Msg::Key(common::key(crossterm::event::KeyCode::Esc)), at(2_000));
            assert_eq!(app.context(), KeyContext::Home, "esc closes it: {}", screen(&app, 100, 30));
        } else {
            assert!(shown.contains("step 1/5 TRIGGER") && shown.contains("driver: Ana"), "{shown}");
        }
    }
}

/// A finished session whose save never happened is listed with the
/// command that writes its postmortem; enter says the same, never resumes.
#[test]
fn a_session_whose_postmortem_is_missing_is_listed_with_the_way_to_write_it() {
    let mut listed = firedrill::store::sessions::Unfinished::of(
        "sessions/team-2.jsonl".into(),
        started("team-2", firedrill::core::roles::Roles::new("Ana", "Ben", "Cy")),
        None,
    );
    listed.postmortem_missing = true;
    let start = Start::Home { unfinished: vec![listed], entries: Vec::new(), runbooks_dir: None, out: None };
    let app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    let shown = screen(&app, 120, 30);
    assert!(shown.contains("⚠ postmortem missing DRILL"), "{shown}");
    assert!(shown.contains("firedrill report sessions/team-2.jsonl"), "{shown}");
    assert!(!shown.contains("unfinished DRILL"), "{shown}");
}

/// A session stopped early and left (a hang-up in the debrief) resumes in
/// its debrief, and its row says so, not the step it stopped in.
#[test]
fn a_session_stopped_early_resumes_in_its_debrief() {
    use firedrill::core::event::Stamp;
    use firedrill::core::session::{Command, Session};
    let loaded = common::onboarding();
    let header = common::header(&loaded, "team-3");
    let mut session = Session::new(firedrill::core::event::Mode::Drill, &loaded.runbook);
    let at_ms = |t_ms| Stamp { at: header.started_at, t_ms };
    let roles = firedrill::core::roles::Roles::new("Ana", "Ben", "Cy");
    let events = vec![
        session.apply(Command::Start(roles), at_ms(0)).expect("start"),
        session.apply(Command::StopEarly, at_ms(60_000)).expect("stop early"),
    ];
    let journal = firedrill::store::journal::Loaded { header, events, skipped: Vec::new() };
    let row = firedrill::store::sessions::Unfinished::of("team-3.jsonl".into(), journal.clone(), None);
    assert_eq!(row.progress.as_ref().map(|p| p.step("debrief")), Some("debrief".to_owned()));
    let start =
        Start::Resume { journal: Box::new(journal), path: "team-3.jsonl".into(), notices: Vec::new(), out: None };
    let app = App::new(start, Keymap::default_keys(), THEME, at(120_000)).0;
    assert_eq!(app.context(), KeyContext::Debrief, "{}", screen(&app, 100, 30));
}
