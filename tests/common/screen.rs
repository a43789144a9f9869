//! Driving the app headless: a drill started with roles and the decision
//! answered, drawn on `TestBackend`, and the events it asked to journal.

use firedrill::core::event::{EventKind, Mode};
use firedrill::core::roles::Roles;
use firedrill::keymap::KeyContext;
use firedrill::keymap::Keymap;
use firedrill::store::runbook_file::LoadedRunbook;
use firedrill::theme::THEME;
use firedrill::tui::Start;
use firedrill::tui::app::{App, Cmd, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{at, ch};

/// The app drawn once at `w`x`h`.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| app.render(f)).expect("draw");
    term
}

/// The app drawn once at `w`x`h`, as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    format!("{}", draw(app, w, h).backend())
}

/// A drill of `loaded` started with roles given, the decision answered (roll back).
pub fn drill_on(loaded: LoadedRunbook) -> App {
    let start = Start::Session {
        loaded: Box::new(loaded),
        mode: Mode::Drill,
        roles: Some(Roles::new("Ana", "Ben", "Ana")),
        live_commands: false,
        out: None,
    };
    let mut app = App::new(start, Keymap::default_keys(), THEME, at(0)).0;
    assert_eq!(app.context(), KeyContext::Decide, "a drill rehearses the decision first, as an incident makes it");
    app.update(Msg::Key(ch('1')), at(0));
    app
}

/// The events `cmds` append to the journal, in order.
pub fn appended(cmds: &[Cmd]) -> Vec<EventKind> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Append(e) => Some(e.kind.clone()),
            _ => None,
        })
        .collect()
}

/// Completes the active step leaving what is unchecked unchecked (`enter`,
/// `y`) from its first item, or from the second when `enter` on the first
/// opens its release prompt (`esc`, `j`). Returns what the keys asked to do.
pub fn complete_unchecked(app: &mut App, now: firedrill::tui::Now) -> Vec<Cmd> {
    use crossterm::event::KeyCode;
    let press = |keys: &[crossterm::event::KeyEvent], app: &mut App| -> Vec<Cmd> {
        keys.iter().flat_map(|k| app.update(Msg::Key(*k), now)).collect()
    };
    let mut cmds = press(&[super::key(KeyCode::Up); 40], app);
    cmds.extend(press(&[super::key(KeyCode::Enter)], app));
    if app.context() == KeyContext::Prompt {
        cmds.extend(press(&[super::key(KeyCode::Esc), ch('j'), super::key(KeyCode::Enter)], app));
    }
    cmds.extend(press(&[ch('y')], app));
    assert_ne!(app.context(), KeyContext::Prompt, "{}", screen(app, 80, 24));
    cmds
}

/// The journal of `app`'s live session as the store would read it back:
/// its header and every event so far (what another terminal follows).
pub fn journal_of(app: &App) -> firedrill::store::journal::Loaded {
    let live = app.screen.live().expect("a live session");
    firedrill::store::journal::Loaded {
        header: live.header.clone(),
        events: live.session.events.clone(),
        skipped: Vec::new(),
    }
}
