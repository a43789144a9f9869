//! The screens the #21 work touched, at 40x12, 80x24 and 160x48: the
//! release prompt with its numbered choices, and the roles screen offering
//! solo practice after refusing one person for all three roles.

use crossterm::event::KeyCode;
use firedrill::core::event::Mode;
use firedrill::keymap::{KeyContext, Keymap};
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Msg};

use crate::common::screen::{drill_on, screen};
use crate::common::{at, ch, key, onboarding};

const SIZES: [(u16, u16); 3] = [(40, 12), (80, 24), (160, 48)];

/// The live-release prompt, opened by enter on its item.
fn release_prompt() -> App {
    let mut app = drill_on(onboarding());
    for k in [ch('j'), ch('j'), key(KeyCode::Enter)] {
        app.update(Msg::Key(k), at(1_000));
    }
    assert_eq!(app.context(), KeyContext::Prompt);
    app
}

/// The roles form after one name for all three roles of a drill.
fn solo_offer() -> App {
    let start = Start::Session {
        loaded: Box::new(onboarding()),
        mode: Mode::Drill,
        roles: None,
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    for _ in 0..3 {
        for c in "Ana".chars() {
            app.update(Msg::Key(ch(c)), at(0));
        }
        app.update(Msg::Key(key(KeyCode::Enter)), at(0));
    }
    assert_eq!(app.context(), KeyContext::Roles);
    app
}

#[test]
fn the_touched_screens_at_three_sizes() {
    for (name, app, must) in
        [("release_prompt", release_prompt(), "prod-2026-11-03.2"), ("solo_offer", solo_offer(), "solo practice")]
    {
        for (w, h) in SIZES {
            let shown = screen(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
            if w >= 80 {
                assert!(shown.contains(must), "{name} at {w}x{h} shows {must:?}:\n{shown}");
            }
        }
    }
}

#[test]
fn the_approval_of_a_new_runbook_asks_first_even_at_40x12() {
    let loaded = firedrill::store::runbook_file::load(std::path::Path::new("runbooks/practice.toml")).expect("runbook");
    let roles = Some(firedrill::core::roles::Roles::new("Ana", "Ben", "Cy"));
    let start =
        Start::Session { loaded: Box::new(loaded), mode: Mode::Incident, roles, live_commands: false, out: None };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    app.update(Msg::Trusted(firedrill::store::trust::Trust::New), at(500));
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        insta::assert_snapshot!(format!("approve_runbook_{w}x{h}"), shown);
        assert!(shown.contains("approve its"), "{w}x{h}: the question shows:\n{shown}");
    }
    app.update(Msg::Key(ch('n')), at(600));
    assert!(!screen(&app, 80, 24).contains("approve its commands"), "n closes it");
}
