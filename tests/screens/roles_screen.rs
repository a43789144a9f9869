//! The roles screen: its words follow the mode, `tab` fills the other roles
//! only in an incident, and an error leaves once the form changes.

use crate::common;

use common::{at, ch, key, onboarding};
use crossterm::event::KeyCode;
use firedrill::core::event::Mode;
use firedrill::keymap::KeyContext;
use firedrill::keymap::Keymap;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn roles(mode: Mode) -> App {
    let start = Start::Session { loaded: Box::new(onboarding()), mode, roles: None, live_commands: false, out: None };
    App::new(start, Keymap::default_keys(), THEME, at(0)).0
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Key(ch(c)), at(0));
    }
}

#[test]
fn an_incident_needs_one_name_and_says_so() {
    let mut app = roles(Mode::Incident);
    let s = screen(&app);
    assert!(s.contains("Alone? Type your name and press tab"), "{s}");
    assert!(!s.contains("never all three"), "{s}");
    typed(&mut app, "Ana");
    app.update(Msg::Key(key(KeyCode::Tab)), at(0));
    assert_eq!(screen(&app).matches("│Ana").count(), 3, "tab filled the other two");
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    assert_eq!(app.context(), KeyContext::Decide, "the incident started at the decision chooser");
}

#[test]
fn a_drill_keeps_the_rule_and_tab_only_moves() {
    let mut app = roles(Mode::Drill);
    assert!(screen(&app).contains("never all three"));
    typed(&mut app, "Ana");
    app.update(Msg::Key(key(KeyCode::Tab)), at(0));
    assert_eq!(screen(&app).matches("│Ana").count(), 1);
}

#[test]
fn an_error_leaves_once_the_form_changes() {
    let mut app = roles(Mode::Drill);
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    assert!(screen(&app).contains("the driver needs a name"));
    typed(&mut app, "A");
    assert!(!screen(&app).contains("needs a name"), "{}", screen(&app));
}

#[test]
fn the_next_driver_by_rotation_is_suggested_once_the_history_arrives() {
    let mut app = roles(Mode::Drill);
    assert!(!screen(&app).contains("next driver"));
    let drills = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("drills");
    let history = firedrill::store::review::history(&drills, None);
    let key = firedrill::core::review::runbook_key("runbooks/onboarding-signup.toml");
    let expected = firedrill::core::review::next_driver(&firedrill::core::review::drills_of(&history, &key))
        .expect("the bundled drills name people");
    app.update(Msg::History(history), at(0));
    let s = screen(&app);
    assert!(s.contains(&format!("next driver by rotation: {expected}")), "{s}");
}

#[test]
fn the_runbooks_roles_are_offered_and_someone_else_is_said() {
    // The onboarding runbook decides: driver Ana or Ben, communicator Ben or Cy.
    let mut app = roles(Mode::Drill);
    assert!(screen(&app).contains("decided in advance: Ana · Ben"), "{}", screen(&app));
    app.update(Msg::Key(key(KeyCode::Down)), at(0));
    assert_eq!(screen(&app).matches("│Ana").count(), 1, "down picks the first decided driver");
    app.update(Msg::Key(key(KeyCode::Tab)), at(0));
    assert!(screen(&app).contains("decided in advance: Ben · Cy"), "the communicator's names");
    typed(&mut app, "Zed");
    let s = screen(&app);
    assert!(s.contains("▲ Zed is not named for communicator (Ben, Cy) in the runbook's [roles]"), "{s}");
    app.update(Msg::Key(key(KeyCode::Tab)), at(0));
    typed(&mut app, "Dee");
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    assert_eq!(app.context(), KeyContext::Decide, "said, not refused: the drill started");
}

#[test]
fn a_secret_typed_as_a_name_is_never_echoed_in_a_notice_or_an_error() {
    // A token pasted into the wrong field: the notice that the name is not
    // in the runbook's [roles], and the refusal of one person in all three
    // roles, say it masked (the field itself shows what is being typed).
    let token = "ghp_FAKE0123456789abcdefghijklmnopqrstuv";
    let mut app = roles(Mode::Drill);
    typed(&mut app, token);
    let s = screen(&app);
    assert!(s.contains("▲ [redacted] is not named for driver (Ana, Ben)"), "{s}");
    assert_eq!(s.matches("ghp_FAKE").count(), 1, "only the field shows it: {s}");
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    for _ in 0..2 {
        typed(&mut app, token);
        app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    }
    let s = screen(&app);
    assert!(s.contains("enter again for solo practice: [redacted] holds all three roles"), "{s}");
}

#[test]
fn one_person_in_a_drill_is_refused_then_offered_solo_practice() {
    let mut app = roles(Mode::Drill);
    for _ in 0..3 {
        typed(&mut app, "Ana");
        app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    }
    let s = screen(&app);
    assert_eq!(app.context(), KeyContext::Roles, "refused: {s}");
    assert!(s.contains("enter again for solo practice: Ana holds all three roles"), "{s}");
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    assert_eq!(app.context(), KeyContext::Decide, "solo practice started");
    assert!(screen(&app).contains("SOLO PRACTICE"), "{}", screen(&app));
}

#[test]
fn changing_a_name_withdraws_the_solo_offer() {
    let mut app = roles(Mode::Drill);
    for _ in 0..3 {
        typed(&mut app, "Ana");
        app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    }
    app.update(Msg::Key(key(KeyCode::Backspace)), at(0));
    typed(&mut app, "a");
    app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    assert_eq!(app.context(), KeyContext::Roles, "the same three again, after an edit: refused again, not solo");
}
