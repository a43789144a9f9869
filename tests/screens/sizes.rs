//! The screens this shell owns outside the drill (home with its board,
//! roles in both modes, the review list) at 40x12, 60x20, 80x24 and 120x40:
//! snapshots, plus the promise that the hint line and the fields are there
//! at every size.

use crate::common;

use std::path::Path;

use common::{at, onboarding};
use firedrill::core::event::Mode;
use firedrill::keymap::Keymap;
use firedrill::store::runbook_file;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 4] = [(40, 12), (60, 20), (80, 24), (120, 40)];

fn draw(app: &mut App, w: u16, h: u16) -> String {
    app.update(Msg::Resize(w, h), at(0));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    format!("{}", term.backend())
}

fn history() -> Vec<firedrill::core::review::Summary> {
    firedrill::store::review::history(&Path::new(env!("CARGO_MANIFEST_DIR")).join("drills"), None)
}

fn home() -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut entries = runbook_file::list(&root.join("runbooks"));
    for e in &mut entries {
        e.path = Path::new("runbooks").join(e.path.file_name().expect("file name"));
    }
    let start = Start::Home { unfinished: Vec::new(), entries, runbooks_dir: Some("runbooks".into()), out: None };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    app.update(Msg::History(history()), at(0));
    app
}

fn roles(mode: Mode) -> App {
    let start = Start::Session { loaded: Box::new(onboarding()), mode, roles: None, live_commands: false, out: None };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    app.set_team(vec!["Ana".into(), "Ben".into()]);
    app
}

fn review() -> App {
    let scanned = firedrill::store::review::scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("drills"), None)
        .into_iter()
        .map(|mut s| {
            s.path = Path::new("drills").join(s.path.file_name().expect("name"));
            s
        })
        .collect();
    App::new(
        Start::Review { scanned, preflights: Vec::new(), dir: "drills".into() },
        Keymap::default_keys(),
        THEME,
        at(0),
    )
    .0
}

#[test]
fn every_owned_screen_at_every_size() {
    for (name, mut app, keys) in [
        ("home", home(), "? help"),
        ("roles_drill", roles(Mode::Drill), "enter ok"),
        ("roles_incident", roles(Mode::Incident), "enter ok"),
        ("review_list", review(), "? help"),
    ] {
        for (w, h) in SIZES {
            let screen = draw(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
            let last = screen.lines().last().unwrap_or_default();
            assert!(last.contains(keys), "{name} at {w}x{h}: the hint line is missing: {screen}");
            if name.starts_with("roles") {
                for role in ["driver", "communicator", "verifier"] {
                    assert!(screen.contains(role), "{name} at {w}x{h}: no {role} field: {screen}");
                }
            }
        }
    }
}
