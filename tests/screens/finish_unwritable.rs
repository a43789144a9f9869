//! A session finished while nothing can be written (the journal's folder
//! and the output folder both refuse): the debrief and the finish go to
//! the spill with every event before them, and leaving names the spill as
//! the whole session. The commands run through the real runner, as the
//! loop runs them.

use crate::common;

use common::{at, ch, ctrl, key};
use crossterm::event::KeyCode;
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg};
use firedrill::tui::effects::CmdRunner;

/// Runs `cmds` that touch the journal and the save, and what they answer, until none is left.
fn settle(app: &mut App, runner: &mut CmdRunner, mut cmds: Vec<Cmd>, now: firedrill::tui::Now) {
    while !cmds.is_empty() {
        let mut next = Vec::new();
        for c in cmds {
            if !matches!(c, Cmd::CreateJournal(_) | Cmd::Append(_) | Cmd::Save { .. } | Cmd::RetryJournal) {
                continue;
            }
            if let Some(msg) = runner.run(c, app.screen.kept()) {
                next.extend(app.update(msg, now));
            }
        }
        cmds = next;
    }
}

#[test]
fn a_finish_nothing_can_write_is_spilled_whole_and_never_called_kept() {
    let tmp = tempfile::tempdir().expect("tmp");
    // A file where the folders should be: every journal and save write fails.
    let bad = tmp.path().join("a-file");
    std::fs::write(&bad, "x").expect("file");
    let spill = tmp.path().join("spill");
    let start = Start::Session {
        loaded: Box::new(common::onboarding()),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Cy")),
        live_commands: false,
        out: Some(bad.clone()),
    };
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let _in = rt.enter();
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runner = CmdRunner::new(tx, Some(bad.clone()));
    runner.sessions_dir = Some(bad.join("sessions"));
    runner.keeper = firedrill::tui::keeper::Keeper::with_spill(vec![spill.clone()]);
    let (mut app, cmds) = App::new(start, Keymap::default_keys(), THEME, at(0));
    settle(&mut app, &mut runner, cmds, at(0));
    let cmds = app.update(Msg::Key(ch('1')), at(0));
    settle(&mut app, &mut runner, cmds, at(0));
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
    let mut farewell = None;
    let lost = runner.keeper.exit(app.screen.kept(), Some(&bad), &mut farewell);
    // Every event is in the spill: leaving names it, and loses nothing.
    let said = farewell.unwrap_or_default();
    assert!(!lost && said.contains(&spilled[0].display().to_string()), "lost={lost}: {said}");
}
