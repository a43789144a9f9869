//! The release prompts open on `enter` on the item that asks, take no key
//! typed ahead in their first 150 ms, offer the releases they know as
//! numbered choices (one key picks, typing stays possible) and never take a
//! space, which no release holds.

use crate::common;

use common::screen::{appended, drill_on, screen};
use common::{at, ch, key, onboarding};
use crossterm::event::KeyCode;
use firedrill::core::event::EventKind;
use firedrill::keymap::KeyContext;
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

/// A drill on the bundled runbook with the cursor on "name the live release".
fn on_live_item() -> App {
    let mut app = drill_on(onboarding());
    press(&mut app, &[ch('j'), ch('j')], 1_000);
    app
}

#[test]
fn space_on_the_release_item_opens_nothing_and_says_enter_does() {
    let mut app = on_live_item();
    press(&mut app, &[ch(' ')], 1_000);
    assert_eq!(app.context(), KeyContext::Drill);
    assert!(screen(&app, 80, 24).contains("enter on this item names the release"));
}

#[test]
fn keys_typed_ahead_of_the_prompt_are_dropped_then_one_key_picks() {
    let mut app = on_live_item();
    press(&mut app, &[key(KeyCode::Enter)], 1_000);
    assert_eq!(app.context(), KeyContext::Prompt, "enter on the live-release item asks for it");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("which release"), "the title says what it asks: {shown}");
    assert!(shown.contains("1 prod-2026-11-03.2 (the runbook's live release)"), "{shown}");
    let ahead = press(&mut app, &[ch('x'), ch('2'), key(KeyCode::Enter)], 1_149);
    assert!(ahead.is_empty() && app.context() == KeyContext::Prompt, "typed ahead, dropped: {ahead:?}");
    let events = press(&mut app, &[ch(' '), ch('1')], 1_150);
    assert_eq!(named(&events), ["prod-2026-11-03.2"], "space dropped, 1 picked: {events:?}");
    assert_eq!(app.context(), KeyContext::Drill);
}

#[test]
fn a_digit_is_typed_once_the_field_is_edited_and_a_typed_release_is_kept() {
    let mut app = on_live_item();
    press(&mut app, &[key(KeyCode::Enter)], 1_000);
    press(&mut app, &[key(KeyCode::Backspace)], 2_000);
    for c in "prod-7 1".chars() {
        press(&mut app, &[ch(c)], 2_000);
    }
    let events = press(&mut app, &[key(KeyCode::Enter)], 2_000);
    assert_eq!(named(&events), ["prod-71"], "the digit went into the field, the space did not: {events:?}");
}

#[test]
fn a_note_opened_by_its_key_takes_the_very_next_key() {
    let mut app = on_live_item();
    let events = press(&mut app, &[ch('n'), ch('o'), ch('k'), key(KeyCode::Enter)], 1_000);
    let notes: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            EventKind::NoteAdded { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(notes, ["ok"], "a prompt the user opened is theirs at once");
}
