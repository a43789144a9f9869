//! A rebound key is the key every hint names: the pause banner, the
//! decision line and an item's command say the key the keymap holds.

use firedrill::core::event::Mode;
use firedrill::core::roles::Roles;
use firedrill::keymap::{Action, Key, KeyContext, Keymap};
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Msg};

use crate::common::screen::screen;
use crate::common::{at, ch, onboarding};

#[test]
fn hints_name_the_keys_as_rebound() {
    let mut keymap = Keymap::default_keys();
    keymap.unbind(KeyContext::Drill, Action::Pause);
    keymap.bind(KeyContext::Drill, Action::Pause, "P", Key::parse("P").expect("a key"));
    keymap.unbind(KeyContext::Drill, Action::Decide);
    keymap.bind(KeyContext::Drill, Action::Decide, "D", Key::parse("D").expect("a key"));
    let start = Start::Session {
        loaded: Box::new(onboarding()),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Cy")),
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, keymap, THEME, at(0)).0;
    app.update(Msg::Key(ch('1')), at(0));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("(D changes it)"), "{shown}");
    app.update(Msg::Key(ch('P')), at(1_000));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("P resumes") && !shown.contains("p resumes"), "{shown}");
}
