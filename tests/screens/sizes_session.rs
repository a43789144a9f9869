//! The session's screens (a drill with a step in progress, its kill-switch
//! ledger, an incident with its update overdue, the help overlay, the
//! debrief, the saved screen and the read-only follow view) at 40x12, 60x20, 80x24 and 120x40:
//! snapshots, plus what must be on screen at each size: the hint line with
//! its keys, the current step, and OVERDUE.

use crate::common;

use common::{at, ch, ctrl, key, onboarding};
use crossterm::event::{KeyCode, KeyEvent};
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::KeyContext;
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::app::{App, Cmd, Msg, Opening};
use firedrill::tui::{Now, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 4] = [(40, 12), (60, 20), (80, 24), (120, 40)];

fn draw(app: &mut App, w: u16, h: u16) -> String {
    app.update(Msg::Resize(w, h), app.now);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

fn press(app: &mut App, keys: &[KeyEvent], now: Now) {
    for k in keys {
        app.update(Msg::Key(*k), now);
    }
}

fn typed(app: &mut App, text: &str, now: Now) {
    for c in text.chars() {
        app.update(Msg::Key(ch(c)), now);
    }
}

fn start(loaded: firedrill::store::runbook_file::LoadedRunbook, mode: Mode) -> App {
    let roles = Some(Roles::new("Ana", "Ben", "Chen"));
    let start = Start::Session { loaded: Box::new(loaded), mode, roles, live_commands: false, out: None };
    App::new(start, Keymap::default_keys(), THEME, at(0)).0
}

/// A drill in its second step: the trigger done with its release named, a
/// note taken, one freeze item checked, four minutes in.
fn drill_in_progress() -> App {
    let mut app = start(onboarding(), Mode::Drill);
    press(&mut app, &[ch('1'), ch(' '), ch(' '), key(KeyCode::Enter)], at(20_000));
    typed(&mut app, "prod-2026-11-03.2", at(21_000));
    press(&mut app, &[key(KeyCode::Enter)], at(60_000));
    press(&mut app, &[ch('n')], at(70_000));
    typed(&mut app, "Ledger was two clicks away", at(70_000));
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)], at(100_000));
    press(&mut app, &[ch(' ')], at(130_000));
    app.update(Msg::Tick, at(240_000));
    app
}

/// An incident deciding to restore, its first status update a minute overdue.
fn incident_overdue() -> App {
    let mut app = start(common::loaded("runbooks/restore-backup.toml"), Mode::Incident);
    press(&mut app, &[ch('3')], at(2_000));
    app.update(Msg::Tick, at(31 * 60_000));
    app
}

/// The drill finished step by step, in the debrief with both fields typed.
fn debrief() -> App {
    let mut app = start(onboarding(), Mode::Drill);
    press(&mut app, &[ch('1')], at(1_000));
    for t in 1..=5 {
        common::screen::complete_unchecked(&mut app, at(t * 60_000));
    }
    typed(&mut app, "The deploy job needed a manual approval", at(400_000));
    press(&mut app, &[key(KeyCode::Tab)], at(400_000));
    typed(&mut app, "Pre-approve rollback deploys", at(400_000));
    app
}

/// The saved screen after the debrief above, with both files written.
fn saved() -> App {
    let mut app = debrief();
    press(&mut app, &[key(KeyCode::Tab), ch('y'), ctrl('s')], at(401_000));
    app.update(
        Msg::Saved(Box::new(firedrill::store::save::Saved {
            paths: vec![
                "/home/ana/.local/share/firedrill/drills/2026-11-23T1400Z-onboarding-signup.md".into(),
                "/home/ana/.local/share/firedrill/drills/2026-11-23T1400Z-onboarding-signup.jsonl".into(),
            ],
            proposal: Ok(None),
        })),
        at(402_000),
    );
    app
}

/// The drill above, followed read-only from another terminal.
fn follow() -> App {
    let drill = drill_in_progress();
    let journal = common::screen::journal_of(&drill);
    let start = Start::Follow {
        journal: Box::new(journal),
        path: "sessions/20261123T140000Z-onboarding-signup-0001.jsonl".into(),
        offset: 0,
        writer: "ops-laptop:4242".into(),
    };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(240_000)).0;
    app.update(Msg::Tick, at(240_000));
    app
}

#[test]
fn every_session_screen_at_every_size() {
    let help = || {
        let mut app = drill_in_progress();
        press(&mut app, &[ch('?')], at(240_000));
        app
    };
    let ledger = || {
        let mut app = drill_in_progress();
        press(&mut app, &[ch('f')], at(240_000));
        app
    };
    for (name, mut app, keys) in [
        ("drill_in_progress", drill_in_progress(), &["enter done", "? help"][..]),
        // At 40 columns the labels are cut ("o safe", "w leave") so all four keys fit.
        ("flags_ledger", ledger(), &[" o ", "safe", "r restore", "w leave", "esc back"]),
        ("incident_overdue", incident_overdue(), &["enter done", "? help"]),
        ("drill_help", help(), &["esc back"]),
        ("debrief", debrief(), &["ctrl-s save"]),
        ("saved", saved(), &["q quit"]),
        ("follow", follow(), &["? help", "q quit"]),
    ] {
        for (w, h) in SIZES {
            let screen = draw(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
            let last = screen.lines().last().unwrap_or_default();
            for k in keys {
                assert!(last.contains(k), "{name} at {w}x{h}: {k:?} missing from the hint line: {screen}");
            }
            if matches!(name, "drill_in_progress" | "follow") {
                assert!(screen.contains("▶ freeze"), "{name} at {w}x{h}: the current step is not shown: {screen}");
            }
            if name == "incident_overdue" {
                assert!(screen.contains("✖ OVERDUE"), "{name} at {w}x{h}: OVERDUE is not shown: {screen}");
            }
        }
    }
}

#[test]
fn the_saved_screen_scrolls_to_the_written_files_at_40x12() {
    let mut app = saved();
    let first = draw(&mut app, 40, 12);
    assert!(!first.contains("signup.md"), "too small to show all at once: {first}");
    assert!(first.contains("▼ more: down / j"), "it says there is more: {first}");
    for _ in 0..40 {
        app.update(Msg::Key(ch('j')), at(403_000));
    }
    let end = draw(&mut app, 40, 12);
    // A name wider than the pane wraps: read the rows as one text.
    let joined: String = end.lines().map(|l| l.trim_matches('"').trim_matches('│').trim_end()).collect();
    for name in ["2026-11-23T1400Z-onboarding-signup.md", "2026-11-23T1400Z-onboarding-signup.jsonl"] {
        assert!(joined.contains(name), "scrolled to the end, {name} is shown: {end}");
    }
    assert!(!end.contains("▼ more"), "nothing more below: {end}");
    app.update(Msg::Key(ch('k')), at(403_000));
    assert!(draw(&mut app, 40, 12).contains("▼ more"), "one row up, the end is below again");
}

#[test]
fn the_notes_pane_scrolls_back_to_older_notes_at_80x24() {
    let mut app = drill_in_progress();
    for (n, text) in ["second note", "third note", "fourth note"].into_iter().enumerate() {
        let now = at(250_000 + 10_000 * n as u64);
        press(&mut app, &[ch('n')], now);
        typed(&mut app, text, now);
        press(&mut app, &[key(KeyCode::Enter)], now);
    }
    let newest = draw(&mut app, 80, 24);
    assert!(newest.contains("fourth note") && !newest.contains("Ledger was two clicks away"), "{newest}");
    assert!(newest.contains("▲ older: pageup"), "it says older notes are above: {newest}");
    press(&mut app, &[key(KeyCode::PageUp), key(KeyCode::PageUp), key(KeyCode::PageUp)], at(290_000));
    let oldest = draw(&mut app, 80, 24);
    assert!(oldest.contains("Ledger was two clicks away"), "{oldest}");
    assert!(oldest.contains("▼ newer: pagedown") && !oldest.contains("▲ older"), "{oldest}");
    press(&mut app, &[key(KeyCode::PageDown); 5], at(291_000));
    let notes = |screen: &str| screen.lines().skip(19).collect::<Vec<_>>().join("\n");
    assert_eq!(notes(&draw(&mut app, 80, 24)), notes(&newest), "page down returns to the newest");
}

#[test]
fn a_long_journal_failure_wraps_and_keeps_its_end_at_80x24() {
    let mut app = drill_in_progress();
    let why = "journal cannot be written: No space left on device (os error 28), \
               /home/ana/.local/state/firedrill/sessions/20261123T140000Z-onboarding-signup-0001.jsonl; \
               3 events held in memory, retrying";
    app.update(Msg::JournalFailed(why.into()), at(240_000));
    let screen = draw(&mut app, 80, 24);
    let joined: String = screen.lines().map(|l| l.trim_matches('"').trim()).collect::<Vec<_>>().join(" ");
    // The path is wider than the screen: it breaks, but nothing of it is lost.
    for part in [
        "✖ JOURNAL CANNOT BE WRITTEN: No space left",
        "/home/ana/.local/state/firedrill/sessions/",
        "0001.jsonl; 3 events held in memory, retrying",
    ] {
        assert!(joined.contains(part), "{part:?} is on screen: {screen}");
    }
    assert!(screen.contains("▶ freeze"), "the current step stays in view: {screen}");
}

#[test]
fn the_help_scrolls_to_its_last_line_at_40x12() {
    let mut app = drill_in_progress();
    press(&mut app, &[ch('?')], at(240_000));
    let first = draw(&mut app, 40, 12);
    assert!(first.contains("▼ more: down / j") && !first.contains("closes this help"), "{first}");
    press(&mut app, &[ch('j'); 60], at(240_000));
    let end = draw(&mut app, 40, 12);
    assert!(end.contains("closes this help") && !end.contains("▼ more"), "{end}");
    press(&mut app, &[ch('k')], at(240_000));
    assert!(draw(&mut app, 40, 12).contains("▼ more"), "one up, the last line is below again");
    press(&mut app, &[key(KeyCode::Esc)], at(240_000));
    assert_eq!(app.context(), KeyContext::Drill, "esc closes the help");
}

/// `app`'s session as `firedrill follow` lists it: running, written by `pid`.
fn running(app: &App, pid: u32) -> firedrill::store::sessions::Unfinished {
    let journal = common::screen::journal_of(app);
    let since = journal.header.started_at;
    let holder = firedrill::store::lock::Holder { pid, host: "ops-laptop".into(), since };
    let path = format!("sessions/{pid}.jsonl").into();
    firedrill::store::sessions::Unfinished::of(path, journal, Some(holder))
}

/// `app`'s session, the one running here, as `firedrill follow` opens
/// it: its journal is read afresh (the list held none of its events),
/// then followed.
fn follow_one(app: &App, pid: u32) -> App {
    let start = Start::Pick { running: vec![running(app, pid)] };
    let (mut following, cmds) = App::new(start, Keymap::default_keys(), THEME, at(300_000));
    let read = cmds.into_iter().find_map(|c| match c {
        Cmd::ReadJournal { path, then } => Some((path, then)),
        _ => None,
    });
    let Some((path, then)) = read else { panic!("the journal is read to be followed") };
    assert_eq!(then, Opening::Follow { writer: format!("ops-laptop:{pid}") });
    let read = Ok(Box::new(common::screen::journal_of(app)));
    following.update(Msg::JournalRead { path, then, offset: 0, read }, at(300_000));
    following
}

#[test]
fn the_follower_screens_at_40x12_80x24_and_160x48() {
    let mut drill = drill_in_progress();
    press(&mut drill, &[ch('n')], at(250_000));
    let note = "the deploy job waited on a manual approval from the release captain, who was in a meeting and \
                answered after four minutes, ending at zebra";
    typed(&mut drill, note, at(250_000));
    press(&mut drill, &[key(KeyCode::Enter)], at(250_000));
    let pick = Start::Pick { running: vec![running(&drill, 4242), running(&incident_overdue(), 4343)] };
    let picker = App::new(pick, Keymap::default_keys(), THEME, at(300_000)).0;
    let mut following = follow_one(&drill, 4242);
    following.update(Msg::Tick, at(300_000));
    let mut ended = follow_one(&drill, 4242);
    let saved = firedrill::store::follow::News {
        saved: Some(vec![
            "/home/ana/.local/share/firedrill/drills/2026-11-23T1400Z-onboarding-signup.md".into(),
            "/home/ana/.local/share/firedrill/drills/2026-11-23T1400Z-onboarding-signup.jsonl".into(),
        ]),
        ..Default::default()
    };
    ended.update(Msg::Followed(saved), at(400_000));
    for (name, mut app, hints) in [
        ("follow_pick", picker, &["enter follow", "q quit"][..]),
        ("follow_only_one", following, &["? help", "q quit"]),
        ("follow_end", ended, &["enter read postmortem", "q quit"]),
    ] {
        for (w, h) in [(40, 12), (80, 24), (160, 48)] {
            let screen = draw(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
            let last = screen.lines().last().unwrap_or_default();
            for k in hints {
                assert!(last.contains(k), "{name} at {w}x{h}: {k:?} missing from the hint line: {screen}");
            }
            if w < 80 {
                continue;
            }
            let shown: &[&str] = match name {
                "follow_pick" => &["DRILL · Onboarding release broke sign-ups", "driven by Ana", "INCIDENT · Restore"],
                // One session alone is followed at once; a note is wrapped whole.
                "follow_only_one" => &["FOLLOWING ops-laptop:4242", "driver Ana · comms Ben", "ending at zebra"],
                _ => &["DRILL ENDED", "/home/ana/.local/share/firedrill/drills/", "enter opens it in"],
            };
            for text in shown {
                assert!(screen.contains(text), "{name} at {w}x{h}: {text:?} is not shown: {screen}");
            }
        }
    }
}
