//! A follower's state line about the health check: the writer's approval
//! of the runbook's commands is not in the journal, so a follower cannot
//! know whether the sensors run; before any reading it says none has come,
//! never that one is on its way (the writer's own screen says "…"). And
//! once the session finished and its writer left without a save, the
//! follower never says a postmortem is being written.

use crate::common;

use common::{at, loaded};
use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &mut App, w: u16, h: u16) -> String {
    app.update(Msg::Resize(w, h), app.now);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

/// A drill of the practice runbook at 5 s, and a follower of it.
fn writer_and_follower() -> (App, App) {
    let roles = Some(Roles::new("Ana", "Ben", "Chen"));
    let start = Start::Session {
        loaded: Box::new(loaded("runbooks/practice.toml")),
        mode: Mode::Drill,
        roles,
        live_commands: false,
        out: None,
    };
    let mut writer = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    writer.update(Msg::Tick, at(5_000));
    let journal = common::screen::journal_of(&writer);
    let start = Start::Follow {
        journal: Box::new(journal),
        path: "sessions/20261123T140000Z-practice-0001.jsonl".into(),
        offset: 0,
        writer: "ops-laptop:4242".into(),
    };
    let mut follower = App::new(start, Keymap::default_keys(), THEME, at(5_000)).0;
    follower.update(Msg::Tick, at(5_000));
    (writer, follower)
}

#[test]
fn a_follower_says_no_health_reading_yet_where_the_writer_waits_for_one() {
    let (_, mut follower) = writer_and_follower();
    let shown = draw(&mut follower, 160, 48);
    assert!(shown.contains("health: no reading in the journal yet"), "{shown}");
    assert!(!shown.contains("health …"), "{shown}");
}

#[test]
fn a_finish_whose_writer_left_unsaved_is_never_said_to_be_written() {
    use firedrill::core::event::Stamp;
    use firedrill::core::session::Command;
    use firedrill::store::follow::{News, Writer};
    let (writer, mut follower) = writer_and_follower();
    let mut session = writer.screen.live().expect("live").session.clone();
    let at_end = Stamp { at: at(60_000).wall, t_ms: 60_000 };
    let finished = session.apply(Command::Finish, at_end).expect("finish");
    follower.update(Msg::Followed(News { events: vec![finished], ..News::default() }), at(60_000));
    assert!(draw(&mut follower, 160, 48).contains("the postmortem is being written"), "while its writer holds it");
    follower.update(Msg::Followed(News { writer: Some(Writer::Gone), ..News::default() }), at(61_000));
    let shown = draw(&mut follower, 160, 48);
    assert!(shown.contains("ended unsaved") && shown.contains("firedrill report"), "{shown}");
    assert!(!shown.contains("being written"), "{shown}");
}
