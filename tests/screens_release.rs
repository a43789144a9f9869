//! The release prompts offer the releases they know as numbered choices:
//! one key picks, typing stays possible, and a space (never part of a
//! release) meant for the next checklist item is not typed in.

mod common;

use common::screen::{appended, drill_on, screen};
use common::{at, ch, key, onboarding};
use crossterm::event::KeyCode;
use firedrill::core::event::EventKind;
use firedrill::tui::app::{App, Msg};

fn press(app: &mut App, keys: &[crossterm::event::KeyEvent], ms: u64) -> Vec<EventKind> {
    keys.iter().flat_map(|k| appended(&app.update(Msg::Key(*k), at(ms)))).collect()
}

fn named(events: &[EventKind]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            EventKind::LiveNamed { release } => Some(release.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn one_key_picks_the_runbooks_release_and_a_second_space_is_not_typed() {
    let mut app = drill_on(onboarding());
    press(&mut app, &[ch(' '), ch('j'), ch(' '), ch('j'), ch(' ')], 1_000);
    assert_eq!(app.context(), "prompt", "space on the live-release item asks for it");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("1 prod-2026-11-03.2 (the runbook's live release)"), "{shown}");
    let events = press(&mut app, &[ch(' '), ch(' '), ch('1')], 1_050);
    assert_eq!(named(&events), ["prod-2026-11-03.2"], "spaces dropped, 1 picked: {events:?}");
    assert_eq!(app.context(), "drill");
}

#[test]
fn a_digit_is_typed_once_the_field_is_edited_and_a_typed_release_is_kept() {
    let mut app = drill_on(onboarding());
    press(&mut app, &[ch('j'), ch('j'), ch(' ')], 1_000);
    press(&mut app, &[key(KeyCode::Backspace)], 1_000);
    for c in "prod-7 1".chars() {
        press(&mut app, &[ch(c)], 1_000);
    }
    let events = press(&mut app, &[key(KeyCode::Enter)], 1_000);
    assert_eq!(named(&events), ["prod-71"], "the digit went into the field, the space did not: {events:?}");
}
