//! Journeys whose commands run through the real runner, where the files
//! refuse or change under the app: a session finished elsewhere since the
//! home screen listed it is not resumed again; a session whose save failed
//! says, on the way out, how to write its postmortem; a finish nothing can
//! write (journal and output folder refuse) goes to the spill with every
//! event before it, and leaving names the spill as the whole session.

use crate::common;

use common::{at, ch, ctrl, key};
use crossterm::event::KeyCode;
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::{KeyContext, Keymap};
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg};
use firedrill::tui::effects::CmdRunner;

/// Runs `cmds` through `runner`, and what they answer, until none is left.
fn settle(app: &mut App, runner: &mut CmdRunner, mut cmds: Vec<Cmd>, now: firedrill::tui::Now) {
    while !cmds.is_empty() {
        let mut next = Vec::new();
        for c in cmds {
            if matches!(c, Cmd::LoadHistory | Cmd::CheckTrust { .. } | Cmd::RunJob { .. }) {
                continue;
            }
            if let Some(msg) = runner.run(c, app.screen.kept()) {
                next.extend(app.update(msg, now));
            }
        }
        cmds = next;
    }
}

/// A drill of the bundled runbook whose journal goes to `sessions` (its
/// spill to `spill`) and whose postmortem goes to `out`, run by the
/// runner returned, roll back decided.
fn drill(
    sessions: &std::path::Path,
    out: &std::path::Path,
    spill: &[std::path::PathBuf],
) -> (App, CmdRunner, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let start = Start::Session {
        loaded: Box::new(common::onboarding()),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Cy")),
        live_commands: false,
        out: Some(out.to_path_buf()),
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runner = {
        let _in = rt.enter();
        CmdRunner::new(tx, Some(out.to_path_buf()))
    };
    runner.sessions_dir = Some(sessions.to_path_buf());
    runner.keeper = firedrill::tui::keeper::Keeper::with_spill(spill.to_vec());
    let (mut app, cmds) = App::new(start, Keymap::default_keys(), THEME, at(0));
    settle(&mut app, &mut runner, cmds, at(0));
    let cmds = app.update(Msg::Key(ch('1')), at(1_000));
    settle(&mut app, &mut runner, cmds, at(1_000));
    (app, runner, rt)
}

/// A file in `dir` where a folder should be: every write under it fails.
fn a_file(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("a-file");
    std::fs::write(&file, "x").expect("file");
    file
}

/// Finishes `app`'s session early and saves its debrief.
fn finish(app: &mut App, runner: &mut CmdRunner) {
    for k in [ch('q'), ch('f'), ch('y')] {
        let cmds = app.update(Msg::Key(k), at(60_000));
        settle(app, runner, cmds, at(60_000));
    }
    for k in [ch('x'), key(KeyCode::Tab), key(KeyCode::Tab), ch('u'), ctrl('s')] {
        let cmds = app.update(Msg::Key(k), at(61_000));
        settle(app, runner, cmds, at(61_000));
    }
}

#[test]
fn a_session_finished_since_it_was_listed_is_not_resumed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (sessions, out) = (tmp.path().join("sessions"), tmp.path().join("out"));
    let (mut writer, mut runner, _rt) = drill(&sessions, &out, &[]);
    let listed = firedrill::store::sessions::unfinished(&sessions, &[]);
    assert_eq!(listed.len(), 1, "listed while it runs");
    finish(&mut writer, &mut runner);
    assert!(common::screen::screen(&writer, 100, 30).contains("written"), "saved elsewhere meanwhile");
    let start = Start::Home { unfinished: listed, entries: Vec::new(), runbooks_dir: None, out: None };
    let (mut home, _) = App::new(start, Keymap::default_keys(), THEME, at(90_000));
    let cmds = home.update(Msg::Key(key(KeyCode::Enter)), at(90_000));
    settle(&mut home, &mut runner, cmds, at(90_000));
    let shown = common::screen::screen(&home, 100, 30);
    assert!(shown.contains("cannot open the session") && shown.contains("has finished"), "{shown}");
    assert_eq!(home.context(), KeyContext::Notice, "the list stays under the notice");
}

#[test]
fn leaving_after_a_refused_save_says_how_to_write_the_postmortem() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The save is refused.
    let out = a_file(tmp.path());
    let sessions = tmp.path().join("sessions");
    let (mut app, mut runner, _rt) = drill(&sessions, &out, &[]);
    finish(&mut app, &mut runner);
    assert!(common::screen::screen(&app, 100, 30).contains("could not write the postmortem"));
    let mut farewell = None;
    let lost = runner.keeper.exit(app.screen.kept(), Some(&out), &mut farewell);
    let said = farewell.unwrap_or_default();
    assert!(!lost && said.contains("postmortem was not written") && said.contains("firedrill report"), "{said}");
}

#[test]
fn a_finish_nothing_can_write_is_spilled_whole_and_named_on_leaving() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Every journal and save write fails.
    let bad = a_file(tmp.path());
    let spill = tmp.path().join("spill");
    let (mut app, mut runner, _rt) = drill(&bad.join("sessions"), &bad, std::slice::from_ref(&spill));
    for t in 1..=5 {
        let cmds = common::screen::complete_unchecked(&mut app, at(t * 60_000));
        settle(&mut app, &mut runner, cmds, at(t * 60_000));
    }
    for c in "Deploy approval was manual".chars() {
        let cmds = app.update(Msg::Key(ch(c)), at(400_000));
        settle(&mut app, &mut runner, cmds, at(400_000));
    }
    for k in [key(KeyCode::Tab), ch('y'), ctrl('s')] {
        let cmds = app.update(Msg::Key(k), at(401_000));
        settle(&mut app, &mut runner, cmds, at(401_000));
    }
    let spilled = std::fs::read_dir(&spill).expect("a spill").flatten().map(|e| e.path()).collect::<Vec<_>>();
    assert_eq!(spilled.len(), 1, "{spilled:?}");
    let text = std::fs::read_to_string(&spilled[0]).expect("spill");
    let end = text.lines().last().unwrap_or_default();
    assert!(text.contains("Deploy approval was manual") && text.contains("\"finished\""), "the spill ends: {end}");
    // Every event is in the spill: leaving names it, and loses nothing.
    let mut farewell = None;
    let lost = runner.keeper.exit(app.screen.kept(), Some(&bad), &mut farewell);
    let said = farewell.unwrap_or_default();
    assert!(!lost && said.contains(&spilled[0].display().to_string()), "lost={lost}: {said}");
    assert!(said.contains("firedrill report") && !said.contains("firedrill resume"), "finished: {said}");
}
